"""Loading for the reader: off the UI thread, the screen handed each stage as it is ready.

A cold load hands over the growing archive as files are parsed. A warm one
(the first screen already painted from the cache's head) hands over the
whole catalog, then its word index, then reads the search text, each when
read: typing never waits behind a stage it does not need.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence

from .. import collector
from ..archive.catalog import CatalogBuilder
from ..archive.loader import CatalogResult, LastGood, LoadCancelled, load_catalog
from ..format.model import Problem
from ..query.search import SearchIndex
from .messages import Loaded

# How often a growing archive is handed to the screen while it loads: every
# quarter second, and a quarter second more per 10,000 meetings, so that a
# search over what is shown (redone on each batch) lands before the next one.
BATCH_SECONDS = 0.25
BATCH_MEETINGS = 10_000


Post = Callable[[Loaded], None]

SWITCH_INTERVAL = 0.001
"""How often (s) a thread running Python hands the interpreter to another that waits, while loading runs.

Python's default is 5 ms. Painting a frame gives the interpreter up and waits to
get it back a few dozen times (each write to the terminal): against a loading
thread busy in Python, 5 ms each time made a key take 150 ms at 100,000 files.
"""


@contextlib.contextmanager
def _handing_over_often() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, SWITCH_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def load_incrementally(
    paths: Sequence[str] | None,
    *,
    max_size: int,
    use_cache: bool,
    post: Post,
    cancelled: Callable[[], bool],
    last_good: LastGood | None = None,
    ready: threading.Event | None = None,
) -> None:
    """Load ``paths``, posting a :class:`Loaded` every :data:`BATCH_SECONDS` and once every meeting is in.

    Then, quietly, the catalog with its word index (read from the cache, or built
    for a large archive); and the search text is read before anyone needs it.
    ``ready`` is cleared while that last part runs (a search then waits for it
    rather than build the same sets beside it) and set when it ends.
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
        shown = SearchIndex(result.catalog)
        post(Loaded(shown, result.problems, result.files, result.files, True))

    try:
        with collector.paused(), _handing_over_often():  # loading builds many objects and no garbage
            result = load_catalog(
                paths,
                max_size=max_size,
                use_cache=use_cache,
                on_file=on_file,
                on_available=on_available,
                stop=cancelled,
                last_good=last_good,
            )
            catalog = result.catalog
            if cancelled():
                return
            if ready is not None:
                ready.clear()
            if catalog.index_pending:
                catalog.load_index()
            for postings in (catalog.postings, catalog.briefing_postings):
                if postings is not None:
                    postings.unpack()  # here, not on the keystroke that first needs a block
            if catalog.postings is not None and (shown is None or shown.postings is None):
                # The word index, read from the cache or built after the list was shown: hand it over.
                post(Loaded(SearchIndex(catalog), result.problems, result.files, result.files, True, quiet=True))
            if not cancelled():
                # The search text is read here, off the UI thread, before the first search that needs it.
                catalog.briefing_hays()
                catalog.members()
                SearchIndex(catalog).prepare()  # the sets and words a search of a large archive reads
            # What loading built lives as long as the reader: out of the collector's sight, so that a full
            # collection over millions of objects never lands on a keystroke.
            collector.freeze()
    except LoadCancelled:
        return
    finally:
        if ready is not None:
            ready.set()
