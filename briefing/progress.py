"""Loading for the command line, with a progress bar on stderr when it is slow.

The bar appears only on a terminal and only once loading has taken more than
half a second, so quick runs and pipes never see it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from .loader import DEFAULT_MAX_FILE_SIZE, CatalogResult, LoadResult, load_catalog, load_paths

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


def load_with_progress(
    paths: Sequence[str] | None, *, max_size: int = DEFAULT_MAX_FILE_SIZE, use_cache: bool = True
) -> LoadResult:
    """:func:`briefing.loader.load_paths` with a progress bar for slow loads."""
    progress = StderrProgress()
    try:
        return load_paths(paths, max_size=max_size, on_file=progress, use_cache=use_cache)
    finally:
        progress.close()


def catalog_with_progress(
    paths: Sequence[str] | None, *, max_size: int = DEFAULT_MAX_FILE_SIZE, use_cache: bool = True
) -> CatalogResult:
    """:func:`briefing.loader.load_catalog` with a progress bar for slow loads."""
    progress = StderrProgress()
    try:
        return load_catalog(paths, max_size=max_size, on_file=progress, use_cache=use_cache)
    finally:
        progress.close()
