"""``briefing stats``: counts as a table with bars, as plain lines, as JSON or as CSV.

Bars are characters (eighths of a block), so a count reads the same without
colour. Every format carries the meetings that had nothing to count (undated,
unnamed) as a row of their own: a tally never drops a meeting silently.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from ..query.tally import Count, Counts
from .common import plural

EIGHTHS = " ▏▎▍▌▋▊▉"
WITHOUT = {
    "person": "no named participant",
    "country": "no country given",
    "topic": "no topic given",
    "kind": "no kind given",
    "briefing": "no briefing",
    "week": "undated",
    "month": "undated",
    "year": "undated",
    "pair": "fewer than two named participants",
}
"""What the meetings with nothing to count lack, by what is counted."""
VAGUE = {
    "week": "dated only to more than a week: counted in each of its weeks",
    "month": "dated only to more than a month: counted in each of its months",
    "year": "dated only to more than a year: counted in each of its years",
}
NOUNS = {
    "person": "people", "country": "countries", "topic": "topics", "kind": "kinds", "briefing": "briefings",
    "week": "weeks", "month": "months", "year": "years", "pair": "pairs",
}  # fmt: skip
SINGULAR = {"person": "person", "country": "country"}
"""The singular of :data:`NOUNS` where it is not the noun without its ``s``."""
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_label(month: str) -> str:
    """``2025-07`` → ``Jul 2025``."""
    year, _, number = month.partition("-")
    return f"{MONTHS[int(number) - 1]} {year}" if number.isdigit() and 1 <= int(number) <= 12 else month


def bar(count: int, most: int, width: int) -> str:
    """A bar of ``width`` cells at most for ``count`` out of ``most``, to an eighth of a cell; never empty for > 0."""
    if count <= 0 or most <= 0:
        return ""
    eighths = max(1, round(count * width * 8 / most))
    return "█" * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")


def week_label(monday: str) -> str:
    """``2025-07-07`` → ``w/c 7 Jul 2025`` (the week commencing that Monday)."""
    year, month, day = monday.split("-")
    return f"w/c {int(day)} {MONTHS[int(month) - 1]} {year}"


def label(count: Count) -> str:
    """How a value is shown: a month as ``Jul 2025``, a week as ``w/c 7 Jul 2025``, anything else as written."""
    if count.by == "month":
        return month_label(count.value)
    return week_label(count.value) if count.by == "week" else count.value


def extra_rows(counts: Counts) -> list[tuple[str, int]]:
    """The rows of meetings counted under no value: (what they lack, how many), only those that exist."""
    rows = [(f"({WITHOUT[counts.by]})", counts.without)]
    if counts.by in VAGUE:
        rows.append((f"({VAGUE[counts.by]})", counts.vague))
    return [(name, number) for name, number in rows if number]


def stats_table(counts: Counts, shown: Sequence[Count], width: int) -> Table:
    """A table of ``shown`` (some of ``counts``) with a bar per line, for a terminal ``width`` wide."""
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column(overflow="ellipsis", no_wrap=True, max_width=max(12, width // 2))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, style="cyan")
    most = max((count.meetings for count in shown), default=0)
    bar_width = max(8, width - max((len(label(c)) for c in shown), default=0) - 12)
    bar_width = min(bar_width, width // 2)
    for count in shown:
        table.add_row(Text(label(count)), f"{count.meetings:,}", bar(count.meetings, most, bar_width))
    return table


def extra_lines(counts: Counts) -> list[Text]:
    """The meetings counted under no value, a line each under the table (a long note would widen its columns)."""
    return [Text(f"{number:,} {name}", style="dim") for name, number in extra_rows(counts)]


def noun(by: str, number: int) -> str:
    """``1 month``, ``3 countries``: how many values of ``by``."""
    return f"{number:,} {NOUNS[by] if number != 1 else SINGULAR.get(by, by)}"


def caption(counts: Counts, shown: int) -> str:
    """The line under a table: how much was counted, and what was left out."""
    more = counts.distinct - shown
    rest = f"; {more:,} more (--top 0 shows all)" if more > 0 else ""
    return f"{noun(counts.by, counts.distinct)} in {plural(counts.meetings, 'meeting')}{rest}"


def stats_lines(counts: Counts, shown: Sequence[Count]) -> str:
    """Plain lines for scripts: ``COUNT<tab>VALUE`` (months as ``YYYY-MM``), then the uncounted rows."""
    lines = [f"{count.meetings}\t{count.value}" for count in shown]
    lines += [f"{number}\t{name}" for name, number in extra_rows(counts)]
    return "".join(line + "\n" for line in lines)


def _query(count: Count, within: str) -> str:
    """The query that finds the meetings of ``count``: within the query counted (``--query``), if any."""
    return f"{within} {count.query}" if within else count.query


def stats_json(counts: Counts, shown: Sequence[Count], within: str = "") -> str:
    """JSON: what was counted, the counts with the query of each, and the meetings with nothing to count."""
    document: dict[str, Any] = {
        "by": counts.by,
        "meetings": counts.meetings,
        "counts": [{"value": c.value, "count": c.meetings, "query": _query(c, within)} for c in shown],
        "without": counts.without,
    }
    if counts.by in VAGUE:
        document["vague"] = counts.vague
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def stats_csv(counts: Counts, shown: Sequence[Count], within: str = "") -> str:
    """CSV (RFC 4180): value, count, query; then the uncounted rows with an empty query."""
    from .csv_export import safe_cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["value", "count", "query"])
    for count in shown:
        writer.writerow([safe_cell(count.value), count.meetings, safe_cell(_query(count, within))])
    for name, number in extra_rows(counts):
        writer.writerow([name, number, ""])
    return out.getvalue()
