"""Hostile briefings: every hazard gives one located error or shows as literal, safe text."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
import yaml

from briefing.archive.loader import load_paths
from briefing.archive.parse import load_file
from briefing.format import yamlread
from briefing.format.text import neutralise
from tests.helpers import run_cli
from tests.hostile import ESCAPES, MARKUP, hostile_files
from tests.oracle import assert_terminal_safe

EXPECTED_ERRORS = {
    "billion-laughs.yaml": "anchors (&name) are not allowed",
    "cycle.yaml": "anchors (&name) are not allowed",
    "deep-65.yaml": "nesting deeper than 64 levels",
    "deep-1001.yaml": "nesting",
    "deep-100000.yaml": "nesting",
    "duplicate-key.yaml": "duplicate key 'date'",
    "merged-keys.yaml": "duplicate key '1'",
    "bad-date.yaml": "February 2025 has no day 30",
    "tag-python.yaml": "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    "tag-binary.yaml": "tag 'tag:yaml.org,2002:binary' is not allowed",
    "tag-set.yaml": "tag 'tag:yaml.org,2002:set' is not allowed",
    "invalid-utf8.yaml": "not valid UTF-8 (byte 0xff)",
    "utf16-bom.yaml": "file is UTF-16",
    "utf16-nobom.yaml": "NUL bytes",
    "tab-indent.yaml": "invalid YAML",
    "raw-control.yaml": "character U+001B",
}


@pytest.fixture(params=["libyaml", "pure-python"])
def loader_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml and again with PyYAML's pure-Python parser."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamlread, "_Loader", yaml.BaseLoader)
    return request.param


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hostile_files(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_each_hazard_gives_one_located_error(name: str, hostile: dict[str, Path], loader_kind: str) -> None:
    result = load_file(str(hostile[name]))
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    assert problem.line >= 1 and problem.column >= 1
    assert EXPECTED_ERRORS[name] in problem.message
    assert str(problem).startswith(f"{hostile[name]}:{problem.line}:{problem.column}: error: ")
    assert_terminal_safe(str(problem))


def test_lone_surrogate_is_refused_or_shown_as_an_escape(hostile: dict[str, Path], loader_kind: str) -> None:
    result = load_file(str(hostile["lone-surrogate.yaml"]))
    if loader_kind == "libyaml":
        assert "invalid Unicode character escape" in result.problems[0].message
    else:
        assert result.briefings[0].meetings[0].title == "Lis\\ud800bon"


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_escape_sequences_become_visible_text(name: str, hostile: dict[str, Path], loader_kind: str) -> None:
    (briefing,) = load_file(str(hostile[f"text-{name}.yaml"])).briefings
    meeting = briefing.meetings[0]
    expected = neutralise(ESCAPES[name])
    assert "\\x" in expected or "\\u" in expected
    values = [briefing.title, briefing.summary, *briefing.tags, meeting.title, meeting.participants[0].name]
    values += [meeting.topics[0].detail, meeting.outcomes[0].text, briefing.source.name if briefing.source else ""]
    assert values == [expected] * len(values)


@pytest.mark.parametrize("name", sorted(MARKUP))
def test_markup_is_kept_as_literal_text(name: str, hostile: dict[str, Path]) -> None:
    (briefing,) = load_file(str(hostile[f"text-{name}.yaml"])).briefings
    assert briefing.meetings[0].title == MARKUP[name]


def test_python_tags_run_nothing(hostile: dict[str, Path], tmp_path: Path) -> None:
    marker = Path("/tmp/briefing-pwned")
    marker.unlink(missing_ok=True)
    load_file(str(hostile["tag-python.yaml"]))
    assert not marker.exists()


def test_size_cap_refuses_one_byte_over_before_parsing(tmp_path: Path) -> None:
    from tests.hostile import GOOD

    path = tmp_path / "cap.yaml"
    path.write_text(GOOD)
    size = path.stat().st_size
    assert load_file(str(path), max_size=size).problems == ()
    (problem,) = load_file(str(path), max_size=size - 1).problems
    assert f"over the {size - 1:,}-byte limit" in problem.message
    cli = run_cli("validate", "--max-file-size", str(size - 1), str(path))
    assert cli.returncode == 1 and "--max-file-size" in cli.stdout


def test_devices_and_fifos_are_never_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    results = {}

    def load() -> None:
        results["fifo"] = load_file(str(fifo))
        results["zero"] = load_file("/dev/zero")

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive(), "reading a FIFO or /dev/zero hung"
    for result in results.values():
        (problem,) = result.problems
        assert "not a regular file" in problem.message


def test_folder_of_hostile_files_cli(hostile: dict[str, Path]) -> None:
    folder = str(next(iter(hostile.values())).parent)
    for args in (
        ("summary", folder),
        ("summary", "--format", "markdown", folder),
        ("summary", "--format", "json", folder),
        ("search", "lisbon", folder),
        ("search", "click", folder),
        ("validate", folder),
    ):
        for env in ({}, {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"}):
            result = run_cli(*args, env=env)
            assert result.returncode == 1, (args, result.stderr)
            assert "Traceback" not in result.stderr
            assert_terminal_safe(result.stdout, f"{args} stdout")
            assert_terminal_safe(result.stderr, f"{args} stderr")
    summary = run_cli("summary", folder)
    assert "Ministers meet in Lisbon" in summary.stdout
    for name in EXPECTED_ERRORS:
        assert f"{hostile[name]}:" in summary.stderr, name
    data = json.loads(run_cli("summary", "--format", "json", folder).stdout)
    titles = {b["meetings"][0]["title"] for b in data["briefings"]}
    assert {neutralise(v) for v in {**ESCAPES, **MARKUP}.values()} <= titles


def test_ascii_terminal_and_undecodable_file_names(tmp_path: Path) -> None:
    from tests.hostile import GOOD

    name = os.fsencode(tmp_path) + b"/caf\xe9-\xff.yaml"
    with open(name, "w", encoding="utf-8") as handle:
        handle.write(GOOD.replace("Lisbon", "Lisboa ☂ \u202e"))
    result = run_cli("summary", str(tmp_path), env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    # The BiDi override was neutralised when loaded; ☂ is escaped by the ASCII stream.
    assert "Lisboa \\u2602 \\u202e" in result.stdout
    assert "caf\\udce9-\\udcff.yaml" in result.stdout  # the undecodable file name, escaped
    listed = run_cli("search", "lisboa", str(tmp_path), env={"PYTHONIOENCODING": "ascii"})
    assert "caf\\udce9-\\udcff/ministers-meet-in-lisboa" in listed.stdout  # the id is the file name
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n")
    errors = run_cli("validate", str(tmp_path), env={"PYTHONIOENCODING": "ascii"})
    assert errors.returncode == 1 and "Traceback" not in errors.stderr
    assert errors.stdout.startswith(f"{tmp_path}/bad.yaml:2:1: error: invalid YAML")


def test_every_load_path_survives_every_hazard_together(hostile: dict[str, Path]) -> None:
    folder = next(iter(hostile.values())).parent
    result = load_paths([str(folder), "/dev/zero"])
    failed = {p.path for p in result.problems if p.is_error}
    assert len(failed) == len(EXPECTED_ERRORS) + 2  # + lone surrogate (libyaml) and /dev/zero
    assert any(b.title == "A good briefing among hostile ones" for b in result.briefings)


# ------------------------------------------------------------------ the reader


async def test_reader_over_hostile_folder_is_safe_and_keeps_running(hostile: dict[str, Path]) -> None:
    from textual.widgets import OptionList

    from briefing.reader.screens.errors import ErrorsScreen
    from tests.oracle import assert_strips_safe
    from tests.reader_app import main_screen, make_app, settle
    from tests.screen import screen_strips

    folder = next(iter(hostile.values())).parent
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        rows = list(screen.result.rows)
        assert len(rows) == 2 + len(ESCAPES) + len(MARKUP)  # + the good one, and the one whose bad date is left out
        for position, index in enumerate(rows):
            screen.show_meeting(index)
            await pilot.pause()
            assert_strips_safe(screen_strips(app), f"meeting {position}")
        await pilot.press("e")
        assert isinstance(app.screen, ErrorsScreen)
        listing = app.screen.query_one(OptionList)
        # + the lone surrogate (libyaml); + each hostile source URL, which is no web address
        urls = sum(1 for p in screen.problems if p.field == "source.url")
        assert urls and listing.option_count == len(EXPECTED_ERRORS) + 1 + urls
        await pilot.pause()
        assert_strips_safe(screen_strips(app), "error list")
        await pilot.press("escape", "slash", *"click")
        await settle(pilot)
        assert_strips_safe(screen_strips(app), "search")
        assert app.is_running


async def test_clicking_hostile_text_does_nothing(
    hostile: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.reader.widgets.meeting_detail import MeetingDetail
    from briefing.reader.widgets.meeting_list import MeetingList
    from tests.reader_app import main_screen, make_app, settle

    monkeypatch.chdir(tmp_path)
    before = set(Path("/tmp").glob("*.svg"))
    app = make_app(hostile["text-click.yaml"], hostile["text-link.yaml"])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for position in range(2):
            main_screen(app).show_meeting(main_screen(app).result.rows[position])
            await pilot.pause()
            for offset in ((18, 0), (20, 0), (5, 0)):
                await pilot.click(MeetingList, offset=(offset[0], position))
                await pilot.click(MeetingDetail, offset=offset)
                await pilot.click(MeetingDetail, offset=(offset[0], 20))
            await pilot.click(MeetingDetail, offset=(10, 12))
            await pilot.pause()
        assert app.is_running
    assert set(Path("/tmp").glob("*.svg")) == before
    assert list(tmp_path.iterdir()) == []


def test_the_oracle_catches_what_it_should() -> None:
    from rich.console import Console
    from textual.content import Content
    from textual.strip import Strip

    from tests.oracle import assert_strips_safe

    for bad in ("\x1b]2;x\x07", "\x9b31m", "a\u202eb", "\x1b[2J", "\ud800"):
        with pytest.raises(AssertionError):
            assert_terminal_safe(bad)
    assert_terminal_safe("\x1b[1;31mred\x1b[0m plain\ttab\n")
    clickable = Content.from_markup("[@click=app.bell]x[/]")
    strips = [Strip(list(clickable.render_segments()))]
    with pytest.raises(AssertionError, match="click action"):
        assert_strips_safe(strips)
    linked = Console().render_lines(
        __import__("rich.text", fromlist=["Text"]).Text("x", style="link https://e.example")
    )
    with pytest.raises(AssertionError, match="link"):
        assert_strips_safe([Strip(line) for line in linked])


# ------------------------------------------------------------------ corpora

CORPUS = Path(__file__).resolve().parent / "corpus"
SUITE = sorted((CORPUS / "yaml-test-suite").glob("*.yaml"))


def corpus_missing(what: str) -> None:
    """A corpus is not beside the checkout: skip locally, but fail under CI, where a skip would hide it."""
    if os.environ.get("CI"):
        pytest.fail(f"the {what} is missing from tests/corpus")
    pytest.skip(f"the {what} is missing from tests/corpus")


def test_yaml_test_suite_loads_or_gives_one_located_error(loader_kind: str) -> None:
    import time

    if not SUITE:
        corpus_missing("YAML test suite")
    slow = []
    for case in SUITE:
        start = time.perf_counter()
        result = load_file(str(case))  # never raises: that is the point
        elapsed = time.perf_counter() - start
        if elapsed > 1:
            slow.append((case.name, elapsed))
        errors = [p for p in result.problems if p.is_error]
        if not result.briefings:
            assert errors, f"{case.name}: nothing loaded and no error"
        for problem in result.problems:
            assert problem.line >= 1 and problem.column >= 1, (case.name, problem)
            assert_terminal_safe(str(problem), case.name)
        # A YAML-level refusal is one error, never a cascade.
        yaml_level = [p for p in errors if "invalid YAML" in p.message or "not allowed" in p.message]
        assert len(yaml_level) <= 1, (case.name, yaml_level)
    assert not slow, slow


@pytest.fixture(scope="module")
def naughty(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path]:
    from tests.hostile import blns, blns_briefing

    try:
        strings = [s for s in blns() if s.strip()]  # an empty title is rightly an error
    except FileNotFoundError:
        corpus_missing("Big List of Naughty Strings")
    path = tmp_path_factory.mktemp("blns") / "naughty.yaml"
    path.write_text(blns_briefing(strings), encoding="utf-8")
    return strings, path


def test_blns_round_trips_through_json(naughty: tuple[list[str], Path]) -> None:
    strings, path = naughty
    result = run_cli("summary", "--format", "json", str(path))
    assert result.returncode == 0, result.stderr
    meetings = json.loads(result.stdout)["briefings"][0]["meetings"]
    assert len(meetings) == len(strings)
    for value, meeting in zip(strings, meetings, strict=True):
        expected = neutralise(value.strip())
        person = meeting["participants"][0]
        fields = [meeting["title"], meeting["summary"], meeting["location"], meeting["venue"], meeting["context"]]
        fields += [person["name"], person["role"], person["country"], person["organisation"]]
        fields += [meeting["topics"][0]["name"], meeting["topics"][0]["detail"], meeting["outcomes"][0]["text"]]
        assert fields == [expected] * len(fields), repr(value)


def test_blns_in_every_cli_output_passes_the_oracle(naughty: tuple[list[str], Path]) -> None:
    _, path = naughty
    for args in (("summary",), ("summary", "--format", "markdown"), ("search", "a"), ("validate",)):
        for env in ({}, {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "COLUMNS": "90"}):
            result = run_cli(*args, str(path), env=env)
            assert result.returncode == 0, (args, result.stderr)
            assert_terminal_safe(result.stdout, f"{args} {env}")
            assert_terminal_safe(result.stderr, f"{args} {env}")


def test_blns_in_rich_terminal_rendering(naughty: tuple[list[str], Path]) -> None:
    from io import StringIO

    from rich.console import Console

    from briefing.query.language import parse_query
    from briefing.render.rich_summary import print_trimmed, search_line, summary_renderables

    (briefing,) = load_file(str(naughty[1])).briefings
    out = StringIO()
    console = Console(file=out, force_terminal=True, color_system="truecolor", width=90, markup=False, emoji=False)
    query = parse_query("a script")
    for renderable in summary_renderables([(briefing, list(briefing.meetings))], query):
        print_trimmed(console, renderable)
    from briefing.archive.catalog import Catalog
    from briefing.format.model import rows_of

    for entry in Catalog.from_rows(rows_of([briefing])).entries:
        console.print(search_line(entry, query))
    assert_terminal_safe(out.getvalue(), "rich summary")
    assert "\x1b[" in out.getvalue()  # it really was a colour terminal


@pytest.mark.slow
async def test_blns_in_the_reader(naughty: tuple[list[str], Path]) -> None:
    from tests.oracle import assert_strips_safe
    from tests.reader_app import main_screen, make_app, settle
    from tests.screen import screen_strips

    strings, path = naughty
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        rows = list(screen.result.rows)
        assert len(rows) == len(strings)
        for position, index in enumerate(rows):
            screen.show_meeting(index)
            await pilot.pause()
            assert_strips_safe(screen_strips(app), f"string {position}: {strings[position]!r}")
        assert app.is_running
