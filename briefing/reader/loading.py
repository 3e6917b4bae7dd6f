"""Loading for the reader: files parsed off the UI thread, the list filled as they arrive."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from ..catalog import CatalogBuilder
from ..loader import LoadCancelled, cached_catalog, load_catalog
from ..model import Problem
from ..search import SearchIndex

# How often a growing archive is handed to the screen while it loads.
BATCH_SECONDS = 0.25

Post = Callable[[SearchIndex | None, tuple[Problem, ...], int, int, bool], None]


def load_incrementally(
    paths: Sequence[str] | None,
    *,
    max_size: int,
    use_cache: bool,
    post: Post,
    cancelled: Callable[[], bool],
) -> None:
    """Load ``paths``, calling ``post`` with a fresh index every :data:`BATCH_SECONDS`, then once at the end."""
    problems: list[Problem] = []
    last = time.monotonic()

    def on_file(done: int, total: int, builder: CatalogBuilder, found: Sequence[Problem]) -> None:
        nonlocal last
        if cancelled():
            raise LoadCancelled
        problems.extend(found)
        now = time.monotonic()
        if now - last >= BATCH_SECONDS and done < total and not cancelled():
            last = now
            post(SearchIndex(builder.build()), tuple(problems), done, total, False)

    # Paint what the cache knew at once; then check every file and repaint only if one changed.
    known = cached_catalog(paths, max_size=max_size) if use_cache else None
    if known is not None and not cancelled():
        post(SearchIndex(known.catalog), known.problems, 0, known.files, False)
    try:
        result = load_catalog(paths, max_size=max_size, use_cache=use_cache, on_file=on_file, last=known)
    except LoadCancelled:
        return
    if known is not None and result is known:
        post(None, result.problems, result.files, result.files, True)  # nothing changed: keep what is shown
    else:
        post(SearchIndex(result.catalog), result.problems, result.files, result.files, True)
