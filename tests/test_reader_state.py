"""Remembered across sessions in the reader: flags, read marks, the last search and meeting, history, the theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from briefing.reader.app import BriefingApp
from briefing.reader.screens.main import MainScreen
from tests.helpers import GOOD, run_cli, write
from tests.reader_app import main_screen, settle
from tests.screen import screen_text


@pytest.fixture
def quick_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """A meeting counts as read after 0.05 s in the detail, not 1.5 s."""
    from briefing.reader.screens import remembering

    monkeypatch.setattr(remembering, "READ_AFTER", 0.05)


def reader(folder: Path) -> BriefingApp:
    return BriefingApp([str(folder)], use_cache=False)


async def ready(pilot: Pilot[object]) -> MainScreen:
    await settle(pilot)
    screen = main_screen(pilot.app)
    for _ in range(50):  # the state is read once the first frame is painted
        if screen.state is not None and not screen.workers:
            break
        await pilot.pause(0.02)
    await settle(pilot)
    return screen


def titles_of(screen: MainScreen) -> list[str]:
    return [screen.catalog.row(i).meeting.title for i in screen.result.rows]


def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    write(folder, "a.yaml", GOOD)
    write(folder, "b.yaml", GOOD.replace("Ministers prepare the summit", "Another meeting").replace("03-13", "03-12"))
    return folder


async def test_flags_and_read_marks_survive_a_restart_and_is_flagged_finds_them(tmp_path: Path) -> None:
    folder = archive(tmp_path)
    app = reader(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        first = screen.catalog.row(screen.highlighted).meeting.title
        await pilot.press("asterisk")  # flag the highlighted meeting
        await settle(pilot)
        shown = screen_text(app)
        assert f"★ {first}" in shown and "★ flagged" in shown  # in the list, and in the detail
        await pilot.press("m")  # and mark it read
        screen.search_for("is:flagged")
        await settle(pilot)
        assert titles_of(screen) == [first]
    again = reader(folder)
    async with again.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        assert screen.search_text == "is:flagged"  # the last search, restored
        assert titles_of(screen) == [first]
        screen.search_for("is:unread")
        await settle(pilot)
        assert first not in titles_of(screen) and len(screen.result) == len(screen.catalog) - 1
    # The command line sees the same marks.
    found = run_cli("search", "is:flagged", str(folder))
    assert found.returncode == 0 and first in found.stdout and found.stdout.count("\n") == 1
    unread = run_cli("search", "is:unread", str(folder))  # the one marked read (m) is left out
    assert unread.returncode == 0 and first not in unread.stdout and unread.stdout.count("\n") == 1


@pytest.mark.usefixtures("quick_reading")
async def test_a_meeting_shown_a_moment_counts_as_read_and_M_marks_the_list(tmp_path: Path) -> None:
    app = reader(archive(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.pause(0.2)
        assert len(screen.marks.read) == 1  # the meeting shown on opening
        await pilot.press("M")
        assert len(screen.marks.read) == len(screen.catalog)
        rows = [line for line in screen_text(app).splitlines() if "meeting" in line.lower() and "│" in line]
        assert rows and not any(line.startswith("│•") for line in rows)  # nothing unread is marked


async def test_marks_survive_an_edit_of_the_briefing_file(tmp_path: Path) -> None:
    folder = archive(tmp_path)
    app = reader(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        screen.search_for("another")
        await settle(pilot)
        await pilot.press("asterisk")
    (folder / "b.yaml").write_text(
        "# edited\n" + (folder / "b.yaml").read_text(encoding="utf-8").replace("Geneva", "Lausanne"), encoding="utf-8"
    )
    again = reader(folder)
    async with again.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        screen.search_for("is:flagged")
        await settle(pilot)
        assert titles_of(screen) == ["Another meeting"]


async def test_the_highlighted_meeting_and_the_search_history_are_restored(tmp_path: Path) -> None:
    folder = archive(tmp_path)
    app = reader(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"meeting", "enter")  # a search run: into the history
        await settle(pilot)
        await pilot.press("down")
        chosen = screen.catalog.row(screen.highlighted).meeting.title
    again = reader(folder)
    async with again.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        assert screen.search_text == "meeting"
        assert screen.catalog.row(screen.highlighted).meeting.title == chosen
        await pilot.press("escape", "slash", "up")  # an empty box: ↑ recalls the last search
        await settle(pilot)
        assert screen.search_text == "meeting"


async def test_a_damaged_state_file_is_set_aside_and_the_reader_opens(tmp_path: Path) -> None:
    import os

    from briefing.settings.state import ArchiveState

    folder = archive(tmp_path)
    path = ArchiveState([str(folder)]).file.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    app = reader(folder)
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        assert len(screen.result) == 2
    assert any("set aside as" in note for note in notes), notes
    assert any(".damaged-" in name for name in os.listdir(path.parent))


async def test_the_theme_chosen_in_the_palette_is_the_theme_of_the_next_start(tmp_path: Path) -> None:
    folder = archive(tmp_path)
    app = BriefingApp([str(folder)], use_cache=False, remember_themes=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        app.theme = "gruvbox"  # what choosing it in the palette does
        await settle(pilot)
    again = BriefingApp([str(folder)], use_cache=False, remember_themes=True)
    async with again.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert again.theme == "gruvbox"


@pytest.mark.usefixtures("quick_reading")
async def test_an_idle_reader_on_is_unread_reads_one_meeting_not_its_way_down_the_list(tmp_path: Path) -> None:
    folder = archive(tmp_path)
    app = BriefingApp([str(folder)], use_cache=False, query="is:unread")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.pause(0.5)
        assert len(screen.marks.read) == 1  # the one shown; it stays on the list until the next search
        assert len(screen.result) == 2
        await pilot.press("z")  # the list alone: the detail is hidden, so nothing more is read
        await pilot.press("down")
        await pilot.pause(0.5)
        assert len(screen.marks.read) == 1


async def test_flagging_off_an_is_flagged_list_leaves_the_highlight_in_its_place(tmp_path: Path) -> None:
    folder = archive(tmp_path)
    app = reader(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("asterisk", "down", "asterisk")
        screen.search_for("is:flagged")
        await settle(pilot)
        await pilot.press("G", "asterisk")  # the last one flagged off: the highlight goes to the one before
        await settle(pilot)
        assert len(screen.result) == 1 and screen.highlighted == screen.result.rows[0]
