"""Build the reader the same way for every Pilot and snapshot test."""

from __future__ import annotations

import os
from pathlib import Path

from textual.pilot import Pilot

from briefing.reader.app import BriefingApp

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
ARCHIVE = Path(__file__).resolve().parent / "data" / "archive"
BROKEN = Path(__file__).resolve().parent / "data" / "broken"


def shown(path: Path) -> str:
    """The path as a user in the repository would type it (stable in snapshots)."""
    return os.path.relpath(path, Path.cwd())


def make_app(*paths: Path) -> BriefingApp:
    """The reader on ``paths`` (default: the bundled briefing and the test archive)."""
    chosen = paths or (DATA, ARCHIVE)
    return BriefingApp([shown(p) for p in chosen], use_cache=False)


async def settle(pilot: Pilot) -> None:
    """Wait until loading and filtering workers are done and the screen has caught up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
