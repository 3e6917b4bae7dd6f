"""Build the reader the same way for every Pilot and snapshot test."""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from briefing.reader.app import BriefingApp
from briefing.reader.screens.main import MainScreen

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
ARCHIVE = Path(__file__).resolve().parent / "data" / "archive"
BROKEN = Path(__file__).resolve().parent / "data" / "broken"
TEST_ARCHIVES = Path(__file__).resolve().parent / "data"


def shown(path: Path) -> str:
    """The path as a user in the repository would type it (stable in snapshots)."""
    return os.path.relpath(path, Path.cwd())


def make_app(*paths: Path) -> BriefingApp:
    """The reader on ``paths`` (default: the bundled briefing and the test archive)."""
    chosen = paths or (DATA, ARCHIVE)
    return BriefingApp([shown(p) for p in chosen], use_cache=False)


def main_screen(app: App[object]) -> MainScreen:
    """The reader's main screen (under any dialog open on top of it)."""
    screen = app.screen_stack[0] if isinstance(app.screen_stack[0], MainScreen) else app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def settle(pilot: Pilot[object]) -> None:
    """Wait until loading and filtering workers are done and the screen has caught up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
