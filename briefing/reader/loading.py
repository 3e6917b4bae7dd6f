"""Loading for the reader: files parsed off the UI thread, the list filled as they arrive."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from ..catalog import CatalogBuilder
from ..loader import CatalogResult, LoadCancelled, load_catalog
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
    known: CatalogResult | None = None,
) -> None:
    """Load ``paths``, calling ``post`` with a fresh index every :data:`BATCH_SECONDS`, then once at the end.

    ``known`` is what the cache held (already on screen): only a change to it is posted.
    """
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

    try:
        result = load_catalog(paths, max_size=max_size, use_cache=use_cache, on_file=on_file, last=known)
    except LoadCancelled:
        return
    if known is not None and result is known:
        post(None, result.problems, result.files, result.files, True)  # nothing changed: keep what is shown
    else:
        post(SearchIndex(result.catalog), result.problems, result.files, result.files, True)
