"""Hostile briefings: every hazard gives one located error or shows as literal, safe text."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
import yaml

from briefing import yamlread
from briefing.loader import load_file, load_paths
from briefing.text import neutralise
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
    assert result.failed_files == len(EXPECTED_ERRORS) + 2  # + lone surrogate (libyaml) and /dev/zero
    assert any(b.title == "A good briefing among hostile ones" for b in result.briefings)
