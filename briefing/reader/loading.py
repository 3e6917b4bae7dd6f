"""Loading for the reader: files parsed off the UI thread, the list filled as they arrive."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from .. import collector
from ..archive.catalog import CatalogBuilder
from ..archive.loader import CatalogResult, LoadCancelled, load_catalog
from ..format.model import Problem
from ..query.search import SearchIndex
from .messages import Loaded

# How often a growing archive is handed to the screen while it loads: every
# quarter second, and a quarter second more per 10,000 meetings, so that a
# search over what is shown (redone on each batch) lands before the next one.
BATCH_SECONDS = 0.25
BATCH_MEETINGS = 10_000


Post = Callable[[Loaded], None]


def load_incrementally(
    paths: Sequence[str] | None,
    *,
    max_size: int,
    use_cache: bool,
    post: Post,
    cancelled: Callable[[], bool],
    known: CatalogResult | None = None,
) -> None:
    """Load ``paths``, posting a :class:`Loaded` every :data:`BATCH_SECONDS` and once every meeting is in.

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
            post(Loaded(SearchIndex(builder.build()), tuple(problems), done, total, False))

    shown: SearchIndex | None = None  # what the screen got once every meeting was in

    def on_available(result: CatalogResult) -> None:
        nonlocal shown
        if known is not None and result is known:
            post(Loaded(None, result.problems, result.files, result.files, True))  # nothing changed: keep what is shown
        else:
            shown = SearchIndex(result.catalog)
            post(Loaded(shown, result.problems, result.files, result.files, True))

    try:
        with collector.paused():  # loading builds many objects and no garbage
            result = load_catalog(
                paths, max_size=max_size, use_cache=use_cache, on_file=on_file, last=known, on_available=on_available
            )
    except LoadCancelled:
        return
    if shown is not None and shown.postings is None and result.catalog.postings is not None and not cancelled():
        # Every meeting was shown before the word index of a large archive was built: hand it over.
        post(Loaded(SearchIndex(result.catalog), result.problems, result.files, result.files, True, quiet=True))
    catalog = result.catalog if shown is not None or known is None else known.catalog
    if not cancelled():
        # Read the search text from the cache here, off the UI thread, before the first search that needs it.
        catalog.briefing_hays()
        catalog.members()
