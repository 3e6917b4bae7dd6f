"""``briefing stats``: count the meetings of an archive (or of a query) by one thing."""

from __future__ import annotations

import sys

from ..archive.catalog import Catalog
from ..query.language import Query
from ..query.marks import Marks
from .output import console, is_terminal
from .usage import Arguments, UsageError

TERMINAL_TOP = 20


def stats(args: Arguments, catalog: Catalog, query: Query | None, marks: Marks | None = None) -> int:
    """Print the counts ``args`` ask for; 0."""
    from ..query.search import SearchIndex
    from ..query.tally import WIDTH, Tally, with_gaps
    from ..render import stats as render

    if args.top is not None and args.top < 0:
        raise UsageError("--top: give a number of counts, 0 for all")
    rows = range(len(catalog))
    if query:
        catalog.load_index()
        index = SearchIndex(catalog)
        index.marks = marks or index.marks
        rows = index.search(query).rows  # type: ignore[assignment]
    counts = with_gaps(Tally(catalog).count(args.by, rows))
    terminal = args.format == "rich" and is_terminal(sys.stdout)
    top = args.top if args.top is not None else (TERMINAL_TOP if terminal else 0)
    shown = counts.counts if not top or args.by in WIDTH else counts.counts[:top]
    within = query.text if query else ""
    if args.format == "json":
        sys.stdout.write(render.stats_json(counts, shown, within))
    elif args.format == "csv":
        sys.stdout.write(render.stats_csv(counts, shown, within))
    elif terminal:
        out = console()
        out.print(render.stats_table(counts, shown, out.width))
        for line in render.extra_lines(counts):
            out.print(line)
        out.print(render.caption(counts, len(shown)), style="dim")
    else:
        sys.stdout.write(render.stats_lines(counts, shown))
    return 0
