"""Loading for the command line, with a progress bar on stderr when it is slow.

The bar appears only on a terminal and only once loading has taken more than
half a second, so quick runs and pipes never see it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .loader import CatalogResult, LoadResult, load_catalog, load_paths

T = TypeVar("T")

DELAY = 0.5
WIDTH = 30


class StderrProgress:
    """A one-line ``[#####-----] 3,200/10,000 files`` bar, redrawn in place."""

    def __init__(self, delay: float = DELAY) -> None:
        self.start = time.monotonic()
        self.delay = delay
        self.enabled = sys.stderr.isatty()
        self.shown = False
        self.last = 0.0

    def __call__(self, done: int, total: int, *_: object) -> None:
        if not self.enabled or total == 0:
            return
        now = time.monotonic()
        if now - self.start < self.delay or (now - self.last < 0.05 and done < total):
            return
        self.last = now
        self.shown = True
        filled = WIDTH * done // total
        bar = "█" * filled + "░" * (WIDTH - filled)
        sys.stderr.write(f"\rLoading briefings {bar} {done:,}/{total:,} files")
        sys.stderr.flush()

    def close(self) -> None:
        """Erase the bar, leaving the terminal line as it was."""
        if self.shown:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()


def with_progress(load: Callable[..., T], paths: Sequence[str] | None, **options: Any) -> T:
    """Run ``load`` (:func:`~briefing.loader.load_paths` or ``load_catalog``) with a bar for slow loads."""
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
