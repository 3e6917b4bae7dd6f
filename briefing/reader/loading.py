"""Loading for the reader: files parsed off the UI thread, the list filled as they arrive."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Protocol

from ..catalog import CatalogBuilder
from ..loader import CatalogResult, LoadCancelled, load_catalog
from ..model import Problem
from ..search import SearchIndex

# How often a growing archive is handed to the screen while it loads: every
# quarter second, and a quarter second more per 10,000 meetings, so that a
# search over what is shown (redone on each batch) lands before the next one.
BATCH_SECONDS = 0.25
BATCH_MEETINGS = 10_000


class Post(Protocol):
    """Hands the screen what is loaded so far (``quiet``: the same catalog, now with its word index)."""

    def __call__(
        self,
        index: SearchIndex | None,
        problems: tuple[Problem, ...],
        done: int,
        total: int,
        finished: bool,
        quiet: bool = False,
    ) -> None: ...


def load_incrementally(
    paths: Sequence[str] | None,
    *,
    max_size: int,
    use_cache: bool,
    post: Post,
    cancelled: Callable[[], bool],
    known: CatalogResult | None = None,
) -> None:
    """Load ``paths``, calling ``post`` with a fresh index every :data:`BATCH_SECONDS` and once every meeting is in.

    ``known`` is what the cache held (already on screen): only a change to it is
    posted. A large archive's word index, built after that, follows quietly.
    """
    problems: list[Problem] = []
    last = time.monotonic()

    def on_file(done: int, total: int, builder: CatalogBuilder, found: Sequence[Problem]) -> None:
        nonlocal last
        if cancelled():
            raise LoadCancelled
        problems.extend(found)
        now = time.monotonic()
        interval = BATCH_SECONDS * (1 + len(builder.entries) // BATCH_MEETINGS)
        if now - last >= interval and done < total and not cancelled():
            last = now
            post(SearchIndex(builder.build()), tuple(problems), done, total, False)

    shown: list[SearchIndex] = []

    def on_available(result: CatalogResult) -> None:
        if known is not None and result is known:
            post(None, result.problems, result.files, result.files, True)  # nothing changed: keep what is shown
        else:
            shown.append(SearchIndex(result.catalog))
            post(shown[0], result.problems, result.files, result.files, True)

    try:
        result = load_catalog(
            paths, max_size=max_size, use_cache=use_cache, on_file=on_file, last=known, on_available=on_available
        )
    except LoadCancelled:
        return
    if shown and shown[0].postings is None and result.catalog.postings is not None and not cancelled():
        # Every meeting was shown before the word index of a large archive was built: hand it over.
        post(SearchIndex(result.catalog), result.problems, result.files, result.files, True, quiet=True)
