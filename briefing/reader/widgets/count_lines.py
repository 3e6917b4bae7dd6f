"""The lines of the counts panel (and of a person's or country's page): counted, ordered and drawn.

Imported when the first count is made, not when the reader starts: most readings never count.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.widgets.option_list import Option

from ...archive.catalog import Catalog
from ...query.tally import Count, Counts, tally_of, timeline, within
from ...render.stats import bar, extra_rows, label, noun
from .text import one_line

FACETS = ("person", "country", "topic", "kind", "briefing", "month")
PER_FACET = 8
"""Lines per facet (the most frequent); the CLI's ``briefing stats`` gives them all."""
BAR_WIDTH = 20
MIN_BAR = 10
"""Cells kept for the bar beside a long name (a longer name is cut, with …, to fit the line)."""
TITLES = {
    "person": "People", "country": "Countries", "topic": "Topics", "kind": "Kinds", "briefing": "Briefings",
    "month": "Months",
}  # fmt: skip


def busiest(counts: Counts) -> Counts:
    """``counts`` most first (months come in date order: as a facet they are sorted like the rest)."""
    ordered = sorted(counts.counts, key=lambda count: -count.meetings)  # stable: the same count stays in date order
    return counts._replace(counts=ordered)


def count_options(
    counts: Counts, limit: int | None, lines: dict[str, Count], *, heading: str = "", width: int = 80
) -> list[Option]:
    """Option lines for ``counts`` (the first ``limit``), each count kept in ``lines`` under its option's id.

    A line is the value (cut to fit), the count and a bar of characters (so it reads without colour), in
    ``width`` cells.
    """
    shown = counts.counts if limit is None else counts.counts[:limit]
    options: list[Option] = []
    if heading:
        top = f", the top {len(shown)}" if counts.distinct > len(shown) else ""
        text = f"{heading} ({noun(counts.by, counts.distinct)}{top})"
        options.append(Option(Content.styled(text, "bold"), disabled=True))
    most = max((count.meetings for count in shown), default=0)
    digits = len(f"{most:,}")
    longest = max(8, width - digits - 4 - MIN_BAR)  # the names have all the room a short bar leaves
    names = min(longest, max((cell_len(one_line(label(count))) for count in shown), default=0))
    bars = max(4, min(BAR_WIDTH, width - names - digits - 4))
    for count in shown:
        name = one_line(label(count))
        if cell_len(name) > names:
            name = set_cell_size(name, names - 1) + "…"
        key = f"line-{len(lines)}"
        lines[key] = count
        # Padded by cells, not characters: a name in a wide script (민준, 王毅) takes two cells a letter.
        line = f"{set_cell_size(name, names)}  {count.meetings:>{digits},}  {bar(count.meetings, most, bars)}"
        options.append(Option(Content(line), id=key))
    for name, number in extra_rows(counts):
        options.append(Option(Content.styled(f"{name}  {number:,}", "dim"), disabled=True))
    return options


def counts_of(catalog: Catalog, rows: Sequence[int], mode: str, span: tuple[str, str] | None) -> list[Counts]:
    """The counts of ``rows`` for ``mode``: the top of each facet, or the ``timeline``; ``span`` bounds the months."""
    tally = tally_of(catalog)
    if mode == "facets":
        return [within(busiest(tally.count(by, rows, top=PER_FACET)), span) for by in FACETS]
    return [timeline(tally, rows, span)]


def lines_of(counts: Counts, mode: str, lines: dict[str, Count], width: int) -> list[Option]:
    """The panel's option lines for ``counts`` in ``mode`` (a facet under its heading, or the whole timeline)."""
    if mode == "facets":
        return count_options(counts, PER_FACET, lines, heading=TITLES[counts.by], width=width)
    return count_options(counts, None, lines, width=width)


def status_of(lists: Sequence[Counts], mode: str) -> str:
    """What the panel's status line says of counts that are in."""
    if mode == "timeline":
        (counts,) = lists
        return f"{noun(counts.by, len(counts.counts))}, the empty ones too"
    return f"The top {PER_FACET} of each (briefing stats: all)"
