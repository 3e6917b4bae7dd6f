"""Large archives: the reader paints and answers keys while a cold archive loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from benchmarks.generate import generate
from briefing.reader.widgets.meeting_list import MeetingList
from tests.reader_app import main_screen, make_app

pytestmark = pytest.mark.slow  # a large archive: `pytest -m 'not slow'` leaves it out


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("archive10k")
    generate(folder, 10_000)
    return folder


async def type_now(pilot: Pilot, *keys: str) -> None:
    """Type as a user does, without waiting for the app to be idle (Pilot.press would wait out the load)."""
    for key in keys:
        character = {"slash": "/"}.get(key, key if len(key) == 1 else None)
        pilot.app.post_message(events.Key(key, character))
        await pilot.pause(0.02)


async def test_typing_while_a_cold_10k_archive_loads(big_archive: Path) -> None:
    app = make_app(big_archive)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = main_screen(app)
        meetings = screen.query_one(MeetingList)
        # The first screen is up at once; the list fills while files are parsed.
        for _ in range(400):
            await pilot.pause(0.05)
            if len(screen.result.rows) > 0:
                break
        assert screen.is_loading and len(screen.result.rows) > 0
        assert screen.query_one("#progress").display
        # Until the user moves, the highlight is on the newest meeting loaded so far, at the top.
        assert screen.highlighted == screen.result.rows[0] and meetings.scroll_offset.y == 0
        await type_now(pilot, "slash", *"szij")
        assert screen.query_one("#search", Input).value == "szij"
        for _ in range(100):
            await pilot.pause(0.05)
            if screen.result_query is not None:
                break
        assert screen.result_query is not None and screen.is_loading
        found = len(screen.result)
        assert 0 < found < len(screen.catalog)
        assert all(" szij" in screen.catalog.hays[i] for i in screen.result.rows)
        await type_now(pilot, "down", "down")  # in the box: the list's highlight moves
        assert screen.is_loading
        # New files keep arriving above; the highlighted meeting stays highlighted as they do.
        chosen = screen.catalog.key(screen.highlighted)
        await pilot.pause(0.6)
        assert screen.catalog.key(screen.highlighted) == chosen
        # Quitting mid-load stops the loader rather than leaving it running.
        assert screen.is_loading
        await type_now(pilot, "escape", "q")
    assert not app.is_running


async def test_after_a_cold_load_the_list_is_on_the_newest_meeting(big_archive: Path) -> None:
    app = make_app(big_archive)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = main_screen(app)
        for _ in range(1200):
            await pilot.pause(0.05)
            if not screen.is_loading:
                break
        assert not screen.is_loading
        newest = max(range(len(screen.catalog)), key=lambda i: screen.catalog.entries[i].sort_key)
        assert screen.catalog.entries[screen.highlighted].sort_key == screen.catalog.entries[newest].sort_key
        assert screen.query_one(MeetingList).scroll_offset.y == 0


def test_cli_progress_bar_only_on_a_terminal(big_archive: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from benchmarks.pty_app import PtyApp

    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    app = PtyApp([sys.executable, "-m", "briefing", "validate", "--no-cache", str(big_archive)], env=env)
    try:
        app.wait_for(b"Loading briefings", timeout=30)
        app.wait_for(b"10,000 files: 10,000 briefings", timeout=60)
    finally:
        app.close()
    piped = subprocess.run(
        [sys.executable, "-m", "briefing", "validate", "--no-cache", str(big_archive)],
        capture_output=True,
        text=True,
        env=dict(os.environ, **env),
        check=False,
    )
    assert piped.returncode == 0
    assert "Loading" not in piped.stderr and "\x1b" not in piped.stderr
