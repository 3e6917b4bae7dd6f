"""Loading for the reader: files parsed off the UI thread, the list filled as they arrive."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from ..loader import FileResult, LoadResult, load_paths
from ..model import Briefing, Problem, Row, briefing_rows
from ..query import all_haystack
from ..search import SearchIndex

# How often a growing archive is handed to the screen while it loads.
BATCH_SECONDS = 0.25


class IncrementalIndex:
    """Rows and haystacks gathered briefing by briefing, sorted on demand."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.hays: list[str] = []

    def add(self, briefings: Sequence[Briefing]) -> None:
        """Add the meetings of ``briefings``."""
        for briefing in briefings:
            for row in briefing_rows(briefing):
                self.rows.append(row)
                self.hays.append(all_haystack(row))

    def snapshot(self) -> SearchIndex:
        """A search index over every row so far, newest first."""
        rows = self.rows
        order = sorted(range(len(rows)), key=lambda i: rows[i].sort_key, reverse=True)
        return SearchIndex([rows[i] for i in order], [self.hays[i] for i in order])


Post = Callable[[SearchIndex, tuple[Problem, ...], int, int, bool], None]


def load_incrementally(
    paths: Sequence[str] | None,
    *,
    max_size: int,
    use_cache: bool,
    post: Post,
    cancelled: Callable[[], bool],
) -> LoadResult:
    """Load ``paths``, calling ``post`` with a fresh index every :data:`BATCH_SECONDS`."""
    gathered = IncrementalIndex()
    problems: list[Problem] = []
    last = time.monotonic()

    def on_file(done: int, total: int, result: FileResult) -> None:
        nonlocal last
        gathered.add(result.briefings)
        problems.extend(result.problems)
        now = time.monotonic()
        if now - last >= BATCH_SECONDS and done < total and not cancelled():
            last = now
            post(gathered.snapshot(), tuple(problems), done, total, False)

    result = load_paths(paths, max_size=max_size, use_cache=use_cache, on_file=on_file)
    post(gathered.snapshot(), tuple(problems), result.files, result.files, True)
    return result
