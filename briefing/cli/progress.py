"""Loading for the command line, with a progress bar on stderr when it is slow.

The bar (Rich's) appears only on a terminal and only once loading has taken
more than half a second, so quick runs and pipes never see it (and never
import it).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..archive.loader import CatalogResult, LoadResult, load_catalog, load_paths
from .output import console, is_terminal

T = TypeVar("T")

DELAY = 0.5


class StderrProgress:
    """``Loading briefings ━━━━━━━━━━━━━━ 3,200/10,000 files``, shown after :data:`DELAY` seconds on a terminal."""

    def __init__(self, delay: float = DELAY) -> None:
        self.start = time.monotonic()
        self.delay = delay
        self.enabled = is_terminal(sys.stderr)
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int, *_: object) -> None:
        if not self.enabled or total == 0:
            return
        if self._progress is None:
            if time.monotonic() - self.start < self.delay:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn("Loading briefings"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                console=console(file=sys.stderr),
                transient=True,  # leave the terminal line as it was
            )
            self._progress.start()
            self._task = self._progress.add_task("load", total=total)
        self._progress.update(self._task, completed=done, total=total)

    def close(self) -> None:
        """Take the bar away, if it was shown."""
        if self._progress is not None:
            self._progress.stop()


def with_progress(load: Callable[..., T], paths: Sequence[str] | None, **options: Any) -> T:
    """Run ``load`` (:func:`~briefing.archive.loader.load_paths` or ``load_catalog``) with a bar for slow loads."""
    progress = StderrProgress()
    try:
        return load(paths, on_file=progress, **options)
    finally:
        progress.close()


def load_with_progress(paths: Sequence[str] | None, **options: Any) -> LoadResult:
    """Every briefing under ``paths``, as full records."""
    return with_progress(load_paths, paths, **options)


def catalog_with_progress(paths: Sequence[str] | None, **options: Any) -> CatalogResult:
    """The catalog of every meeting under ``paths`` (no full records)."""
    return with_progress(load_catalog, paths, **options)
