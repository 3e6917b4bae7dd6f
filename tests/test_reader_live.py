"""Editing from the reader (``E``, Enter in the error list) and seeing edits live (the file watch, Ctrl+R)."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from briefing.reader.editor import editor_command
from briefing.reader.screens.errors import ErrorsScreen
from briefing.reader.screens.main import MainScreen
from briefing.reader.widgets.meeting_detail import MeetingDetail
from briefing.reader.widgets.meeting_list import MeetingList
from tests.reader_app import TEST_ARCHIVES, main_screen, make_app, settle

EDITOR = """\
import sys
from pathlib import Path
Path(sys.argv[1]).write_text(" ".join(sys.argv[2:]))
path = Path(sys.argv[-1])
path.write_text(path.read_text().replace("A working group on the straits", "A working group that meets monthly"))
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for name in ("kestrel.yaml", "wire.txt"):
        shutil.copy(TEST_ARCHIVES / "evidence" / name, folder / name)
    return folder


@pytest.fixture
def stand_in_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$EDITOR: a script that records its arguments and edits the file as a user would."""
    script, arguments = tmp_path / "editor.py", tmp_path / "arguments"
    script.write_text(EDITOR)
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script} {arguments}")
    return arguments


def detail_text(screen: MainScreen) -> str:
    return "\n".join(block.content.plain for block in screen.query_one(MeetingDetail).blocks)


async def listen(app: Any, pilot: Any, notices: list[str]) -> None:
    """Collect the reader's notices in ``notices``, and let it load."""
    app.notify = lambda message, **_: notices.append(message)
    await settle(pilot)


async def until(pilot: Any, condition: Any, seconds: float = 8.0) -> None:
    """Wait (the reader running) until ``condition()`` holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the reader did not catch up"
        await pilot.pause(0.1)


def test_the_editor_is_given_the_line_in_the_form_it_takes() -> None:
    assert editor_command("a.yaml", 12, {"EDITOR": "vim"}) == ["vim", "+12", "a.yaml"]
    assert editor_command("a.yaml", 12, {"VISUAL": "code --wait", "EDITOR": "vim"}) == [
        "code", "--wait", "-g", "a.yaml:12",
    ]  # fmt: skip
    assert editor_command("a b.yaml", 0, {"EDITOR": "'my editor' -x"}) == ["my editor", "-x", "+1", "a b.yaml"]


async def test_E_opens_the_meetings_file_at_its_line_and_reads_it_again(archive: Path, stand_in_editor: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        key = screen.catalog.key(screen.highlighted)
        await pilot.press("E")
        await settle(pilot)
        line, file = stand_in_editor.read_text().split(" ", 1)
        assert line == "+8" and Path(file).resolve() == (archive / "kestrel.yaml").resolve()  # the meeting's line
        await until(pilot, lambda: "A working group that meets monthly" in detail_text(screen))
        assert screen.catalog.key(screen.highlighted) == key  # the same meeting, still highlighted


async def test_enter_in_the_error_list_opens_the_editor_at_the_problem(archive: Path, stand_in_editor: Path) -> None:
    path = archive / "kestrel.yaml"
    path.write_text(path.read_text().replace("date: 2025-03-13", "date: 2025-02-30"))
    app = make_app(archive)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, ErrorsScreen)
        app.screen.query_one(OptionList).highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        line, file = stand_in_editor.read_text().split(" ", 1)
        assert line == "+9" and Path(file).resolve() == path.resolve()  # the line of the problem


async def test_edits_show_live_and_a_broken_file_is_said_to_be_broken_until_fixed(archive: Path) -> None:
    path = archive / "kestrel.yaml"
    good = path.read_text()
    notices: list[str] = []
    app = make_app(archive)
    async with app.run_test(size=(120, 36)) as pilot:
        await listen(app, pilot, notices)
        screen = main_screen(app)
        await pilot.press("down")
        key = screen.catalog.key(screen.highlighted)
        await pilot.pause(0.5)  # the watch starts after the first load
        path.write_text(good.replace("An official", "Two officials"))
        await until(pilot, lambda: "Two officials" in detail_text(screen))
        assert screen.catalog.key(screen.highlighted) == key
        await until(pilot, lambda: "1 file reloaded" in notices)
        path.write_text(good.replace("meetings:", "meetings: [", 1))  # broken, mid-edit
        await until(pilot, lambda: "1 error: press e" in str(screen.query_one("#list-pane").border_title))
        # Its meetings stay, as last read whole, and say so; the highlighted one stays highlighted.
        assert screen.catalog.total == 2 and screen.catalog.stale
        assert screen.catalog.key(screen.highlighted) == key
        rows = [screen.query_one(MeetingList).render_line(y).text for y in range(2)]
        assert all(row.split("  ", 1)[1].lstrip().startswith("⚠ ") for row in rows), rows
        assert detail_text(screen).startswith("As last read: its file now has errors (press e)")
        assert "Two officials" in detail_text(screen)
        path.write_text(good)
        await until(pilot, lambda: screen.catalog.total == 2 and not screen.problems and not screen.catalog.stale)
        assert str(screen.query_one("#list-pane").border_title) == "Meetings"
        assert not detail_text(screen).startswith("As last read")
        assert "⚠" not in screen.query_one(MeetingList).render_line(0).text
        path.unlink()
        await until(pilot, lambda: screen.catalog.total == 0)
        await until(pilot, lambda: any("1 file removed" in n for n in notices))


async def test_ctrl_r_reads_every_file_again(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.reader import watching

    monkeypatch.setattr(watching.FileWatch, "start", lambda self: None)  # no live reload: only Ctrl+R
    path = archive / "kestrel.yaml"
    app = make_app(archive)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        path.write_text(path.read_text().replace("Officials follow up", "Officials follow up again"))
        await pilot.pause(0.3)
        assert "Officials follow up again" not in [e.title for e in screen.catalog.entries]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "Officials follow up again" in [e.title for e in screen.catalog.entries]


def test_a_file_an_editor_saved_by_renaming_counts_as_reloaded() -> None:
    from briefing.reader.watching import Changes

    renamed = Changes(frozenset({"/a/x.yaml", "/a/new.yaml"}), frozenset(), frozenset({"/a/gone.yaml"}))
    assert renamed.summary({"/a/x.yaml", "/a/gone.yaml"}) == "1 file reloaded, 1 file added, 1 file removed"
    assert Changes(frozenset(), frozenset({"/a/x.yaml"}), frozenset()).summary() == "1 file reloaded"


async def test_an_editor_that_is_not_there_is_said_so_and_the_reader_goes_on(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "/no/such/editor --wait")
    notices: list[str] = []
    app = make_app(archive)
    async with app.run_test(size=(120, 36)) as pilot:
        await listen(app, pilot, notices)
        await pilot.press("E")
        await settle(pilot)
        assert app.is_running
    assert notices == ["The editor did not start: /no/such/editor: no such program (check $VISUAL and $EDITOR)"]


async def test_a_problem_about_a_link_out_of_the_archive_never_opens_the_editor(
    tmp_path: Path, stand_in_editor: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("title: secret\n")
    archive = tmp_path / "links"
    archive.mkdir()
    shutil.copy(TEST_ARCHIVES / "evidence" / "kestrel.yaml", archive / "kestrel.yaml")
    (archive / "evil.yaml").symlink_to(outside / "secret.yaml")
    notices: list[str] = []
    app = make_app(archive)
    async with app.run_test(size=(120, 36)) as pilot:
        await listen(app, pilot, notices)
        screen = main_screen(app)
        (evil,) = [p for p in screen.problems if "evil.yaml" in p.path]
        assert screen.catalog_path(evil.path) is None
        await pilot.press("e")
        listing = app.screen.query_one(OptionList)
        listing.highlighted = next(i for i, p in enumerate(app.screen.problems) if "evil.yaml" in p.path)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
    assert not stand_in_editor.exists()
    assert "That file is not part of the archive any more." in notices


def test_the_watch_skips_hidden_files_and_a_lone_files_folder_is_not_watched_as_a_tree(tmp_path: Path) -> None:
    from briefing.reader.watching import FileWatch

    (tmp_path / "a.yaml").write_text("x")
    watch = FileWatch([str(tmp_path / "a.yaml")], lambda changes: None)
    assert watch._parents == [str(tmp_path)] and watch._trees == []
    folder = FileWatch([str(tmp_path)], lambda changes: None)
    assert folder._wanted(None, str(tmp_path / "b.yaml"))
    assert not folder._wanted(None, str(tmp_path / ".#b.yaml")) and not folder._wanted(None, str(tmp_path / "b.txt"))


def test_the_watch_runs_in_a_child_process_reports_briefing_files_and_ends_when_stopped(tmp_path: Path) -> None:
    import queue

    from briefing.reader.watching import Changes, FileWatch

    seen: queue.Queue[Changes] = queue.Queue()
    watch = FileWatch([str(tmp_path)], seen.put)
    watch.start()
    try:
        children = watch._children
        assert len(children) == 1 and children[0].poll() is None
        time.sleep(0.5)  # its watches set up
        for name in (".#a.yaml", "notes.txt", "a.yaml"):
            (tmp_path / name).write_text("x")
        changes = seen.get(timeout=10)
        assert changes.added | changes.modified == {str(tmp_path / "a.yaml")}
        # watchfiles cannot name a file whose name is not UTF-8: the reader is told to read everything again,
        # and the watch goes on.
        (tmp_path / os.fsdecode(b"caf\xe9.yaml")).write_text("x")
        assert seen.get(timeout=10) == Changes(frozenset(), frozenset(), frozenset())
        (tmp_path / "b.yaml").write_text("x")
        assert seen.get(timeout=10).added == {str(tmp_path / "b.yaml")}
        assert not watch.polling
    finally:
        watch.stop()
    assert children[0].wait(timeout=5) is not None


async def test_q_opens_the_reader_with_the_search_in_the_box() -> None:
    from briefing.reader.app import BriefingApp
    from tests.reader_app import DATA, shown

    app = BriefingApp([shown(DATA)], use_cache=False, query="person:wong")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert screen.search_text == "person:wong"
        assert [screen.catalog.entries[i].title for i in screen.result.rows] == [
            "Jaishankar meets Australian Foreign Minister Penny Wong"
        ]
        assert str(screen.query_one("#list-pane").border_subtitle) == "1 of 4 meetings"


def test_q_that_cannot_be_read_is_a_usage_error_before_the_reader_starts() -> None:
    from tests.helpers import run_pty

    status, output = run_pty("-q", "date:2025-13", "data")
    assert status == 2
    assert "briefing: -q: " in output and "\x1b[?1049h" not in output  # said at once, no screen taken


async def test_two_reloads_in_a_row_say_both_notes_once(archive: Path) -> None:
    notices: list[str] = []
    app = make_app(archive)
    async with app.run_test(size=(120, 36)) as pilot:
        await listen(app, pilot, notices)
        screen = main_screen(app)
        screen.reload("kestrel.yaml read again (the editor exited with status 1)")
        screen.reload("1 file reloaded")  # the editor's save, seen once it had closed
        await until(pilot, lambda: bool(notices))
    assert notices == ["kestrel.yaml read again (the editor exited with status 1); 1 file reloaded"]
