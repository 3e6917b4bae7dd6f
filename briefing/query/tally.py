"""Counts of what a filter found: by person, country, topic, kind, briefing, month, and who met whom.

:class:`Tally` reads each meeting's values once (from the catalog's facet
lines, :mod:`briefing.archive.facets`) into keys: a person by the name their
people file declares (else as written), a country by its name once resolved
(``U.S.`` → United States; a value naming no country as written), a month from
the meeting's date. Counting the rows of a query is then a pass over those keys.
Each count says how to filter to it (:attr:`Count.query`), in the query language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache
from heapq import nsmallest
from itertools import chain, combinations, compress
from operator import eq, not_
from typing import Any, NamedTuple

from ..archive.catalog import Catalog
from ..archive.entries import Entry
from ..archive.facets import facets_of
from ..format.countries import resolve
from .language import field_query

BY = ("person", "country", "topic", "kind", "briefing", "week", "month", "year", "pair")
"""What a tally counts by."""
MAX_SPREAD = {"week": 530, "month": 120, "year": 120}
"""The most periods one vaguely dated meeting is counted in (ten years of weeks or months: a span of centuries
is a slip, not talks)."""
MAX_FILLED = 1200
"""The most months (years) :func:`with_gaps` fills in."""
WIDTH = {"week": 10, "month": 7, "year": 4}
"""How much of an ISO date names the period: ``2025-07``, ``2025``; a week is named by its Monday, ``2025-07-07``."""
PAIR = " — "
"""Between the two names of a pair."""
WEEKS_UNTIL = 3
"""A timeline over this many months or fewer is drawn by week."""
YEARS_AFTER = 36
"""A timeline over more months than this is drawn by year."""


class Count(NamedTuple):
    """How many meetings have one value of :attr:`by`."""

    by: str
    value: str
    meetings: int

    @property
    def query(self) -> str:
        """The query that finds these meetings."""
        return query_for(self.by, self.value)


class Counts(NamedTuple):
    """A tally of some meetings by one thing."""

    by: str
    counts: list[Count]
    """Most first (for ``month`` and ``year``: in date order, oldest first)."""
    meetings: int
    """How many meetings were counted."""
    without: int
    """Meetings with no value to count (no named participant, no country, no kind; undated for ``month``)."""
    vague: int = 0
    """For ``week``, ``month`` and ``year``: meetings dated only to a wider span (``2025-07``, ``2024/2025``): each
    counts in every period of it, as ``date:`` finds it there, so the periods add up to more than the meetings."""
    values: int = -1
    """How many different values were counted (-1: as many as :attr:`counts` has)."""

    @property
    def distinct(self) -> int:
        """How many different values were counted, shown or not."""
        return self.values if self.values >= 0 else len(self.counts)


class Tally:
    """Every meeting's keys, read once; :meth:`count` counts any rows of the catalog by any of :data:`BY`."""

    def __init__(self, catalog: Catalog) -> None:
        people = catalog.people
        canonical = people.canonical if people else None
        shared: dict[str, str] = {}
        persons: list[tuple[str, ...]] = []
        countries: list[tuple[str, ...]] = []
        topics: list[tuple[str, ...]] = []
        kinds: list[str] = []
        for line in catalog.facets:
            facets = facets_of(line)
            names = facets.names if canonical is None else tuple(dict.fromkeys(map(canonical, facets.names)))
            persons.append(tuple(shared.setdefault(n, n) for n in names))
            countries.append(tuple(dict.fromkeys(_country(value) for value in facets.countries)))
            topics.append(tuple(shared.setdefault(t, t) for t in facets.topics))
            kinds.append(facets.kind)
        self.keys: dict[str, Sequence[tuple[str, ...]]] = {"person": persons, "country": countries, "topic": topics}
        self.kinds = kinds
        entries = catalog.entries
        self.briefings: Sequence[str] = entries.columns[Entry._fields.index("briefing_title")]
        # The date of each meeting as date: reads it: its own, else its briefing's.
        self.spans = catalog.date_columns()
        self._period_columns: dict[str, tuple[list[str], list[str]]] = {}

    def count(self, by: str, rows: Iterable[int], top: int | None = None) -> Counts:
        """The meetings at ``rows`` (catalog positions) counted by ``by`` (one of :data:`BY`).

        ``top``: only the most frequent so many (cheaper than sorting thousands of names to show eight);
        :attr:`Counts.values` still says how many values there are in all.
        """
        rows = rows if isinstance(rows, Sequence) else list(rows)
        if by == "pair":
            return self._pairs(rows)
        if by in WIDTH:
            return self._dated(by, rows)
        if by in self.keys:
            found = _gather(self.keys[by], rows)
            without = found.count(())
            counter = _counted(found, chain.from_iterable)  # C loops over every value of every meeting
        else:
            counter = _counted(_gather(self.kinds if by == "kind" else self.briefings, rows), iter)
            without = counter.pop("", 0)

        def order(item: tuple[str, int]) -> tuple[int, str, str]:
            return -item[1], item[0].casefold(), item[0]

        items = counter.items()
        ordered = sorted(items, key=order) if top is None or top >= len(counter) else nsmallest(top, items, key=order)
        counts = [Count(by, value, count) for value, count in ordered]
        return Counts(by, counts, len(rows), without, values=len(counter))

    def _dated(self, by: str, rows: Sequence[int]) -> Counts:
        """By period, oldest first: a meeting in the period its date is in, or in each period of a wider span."""
        firsts, lasts = self._periods(by)
        first, last = _gather(firsts, rows), _gather(lasts, rows)
        exact = list(map(eq, first, last))  # within one period (or undated: both "")
        counter = Counter(compress(first, exact))
        without = counter.pop("", 0)
        wide = list(compress(rows, map(not_, exact)))
        earliest, latest = self.spans
        for row in wide:
            counter.update(periods(earliest[row], latest[row], MAX_SPREAD[by], by))
        counts = [Count(by, value, count) for value, count in sorted(counter.items())]
        return Counts(by, counts, len(rows), without, len(wide))

    def _periods(self, by: str) -> tuple[list[str], list[str]]:
        """The period each meeting's date starts and ends in ("" when undated), worked out once per ``by``."""
        known = self._period_columns.get(by)
        if known is None:
            earliest, latest = self.spans
            if by == "week":  # a day's week is its Monday: the same period whichever day of the week it was
                name = lambda day: monday(day) if day else ""  # noqa: E731
                known = list(map(name, earliest)), list(map(name, latest))
            else:
                width = WIDTH[by]
                known = [day[:width] for day in earliest], [day[:width] for day in latest]
            self._period_columns[by] = known
        return known

    def _pairs(self, rows: Sequence[int]) -> Counts:
        """Who met whom: each two people of a meeting, as a pair in alphabetical order."""
        pairs: Counter[tuple[str, str]] = Counter()
        persons = self.keys["person"]
        without = 0
        for row in rows:
            names = persons[row]
            if len(names) < 2:
                without += 1
            elif len(names) == 2:
                first, second = names
                pairs[(first, second) if first < second else (second, first)] += 1
            else:
                pairs.update(combinations(sorted(names), 2))
        ordered = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
        counts = [Count("pair", PAIR.join(pair), count) for pair, count in ordered]
        return Counts("pair", counts, len(rows), without)


STEP = 8192
"""Meetings counted per C loop: the count runs in a thread, and a key must not wait for a long loop to end."""


def _counted(found: list[Any], values: Callable[[list[Any]], Iterable[str]]) -> Counter[str]:
    """How often each of the ``values`` of ``found`` occurs, counted :data:`STEP` meetings at a time.

    One C loop over every meeting would hold the interpreter for all of it (tens of milliseconds at
    450,000 meetings); between steps, the key the user just typed gets its turn.
    """
    counter: Counter[str] = Counter()
    for at in range(0, len(found), STEP):
        counter.update(values(found[at : at + STEP]))
    return counter


def _gather(column: Sequence[str] | Sequence[tuple[str, ...]], rows: Sequence[int]) -> list[Any]:
    """The values of ``column`` at ``rows``, in C loops (the whole column when ``rows`` is every row)."""
    if isinstance(rows, range) and rows.start == 0 and rows.step == 1:
        return list(column[: rows.stop])
    return list(map(column.__getitem__, rows))


@lru_cache(maxsize=2)  # the catalog shown, and the one a reload is replacing
def tally_of(catalog: Catalog) -> Tally:
    """The :class:`Tally` of ``catalog`` (built once per catalog: it reads the search text)."""
    return Tally(catalog)


def timeline(tally: Tally, rows: Sequence[int], span: tuple[str, str] | None = None) -> Counts:
    """Every month of the span of ``rows`` (week of a short one, year of a long one), the empty ones as 0.

    ``span``: the days the query asked for (``date:2025-03``); periods outside it are left out, though a
    meeting dated only to a wider span (``2025``) is counted in them too: they are not what was asked.
    """
    months = within(tally.count("month", rows), span)
    first, last = (months.counts[0].value, months.counts[-1].value) if months.counts else ("", "")
    wide = len(periods(first, last, YEARS_AFTER + 1, "month")) if first else 0  # the span, not what is filled in
    if wide <= WEEKS_UNTIL:
        return within(with_gaps(tally.count("week", rows)), span)
    return with_gaps(months) if wide <= YEARS_AFTER else within(with_gaps(tally.count("year", rows)), span)


def within(counts: Counts, span: tuple[str, str] | None) -> Counts:
    """``counts`` of periods (weeks, months, years) without those wholly outside ``span`` (ISO days)."""
    if span is None or counts.by not in WIDTH:
        return counts
    low, high = span
    if counts.by == "week":
        kept = [count for count in counts.counts if count.value <= high and _add_days(count.value, 6) >= low]
    else:  # a month or a year compares with days as its first and last day do: 2025-03 <= 2025-03-31 < 2025-03-99
        kept = [count for count in counts.counts if count.value <= high and count.value + "-99" >= low]
    return counts._replace(counts=kept)


def name_counts(catalog: Catalog) -> list[tuple[str, str, int]]:
    """(field, value, meetings) for every person, country and topic of ``catalog``, the most frequent first."""
    tally = tally_of(catalog)
    every = range(len(catalog))
    found = [(by, c.value, c.meetings) for by in ("person", "country", "topic") for c in tally.count(by, every).counts]
    found.sort(key=lambda item: -item[2])
    return found


def _country(value: str) -> str:
    country = resolve(value)
    return country.name if country is not None else value


def query_for(by: str, value: str) -> str:
    """The query that finds the meetings counted under ``value``: ``person:"Marco Rubio"``, ``date:2025-07``."""
    if by == "week":
        return f"date:{value}..{_add_days(value, 6)}"
    if by in WIDTH:
        return f"date:{value}"
    if by == "pair":
        return " ".join(field_query("person", name) for name in value.split(PAIR, 1))
    return field_query(by, value)


@lru_cache(maxsize=4096)
def monday(day: str) -> str:
    """The Monday of the week ``day`` (ISO ``YYYY-MM-DD``) is in: the week's name."""
    when = date.fromisoformat(day)
    return (when - timedelta(days=when.weekday())).isoformat()


def _add_days(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def periods(first: str, last: str, limit: int, by: str) -> list[str]:
    """Every period of ``by`` from ``first`` to ``last``, at most ``limit``.

    ``by`` is ``week`` (named by its Monday, ``2025-07-07``), ``month`` (``2025-07``) or ``year`` (``2025``);
    ``first`` and ``last`` are ISO dates or the periods' names, both included.
    """
    out: list[str] = []
    if by == "week":
        key = monday(first)
        while len(out) < limit and key <= last:
            out.append(key)
            key = _add_days(key, 7)
        return out
    width = WIDTH[by]
    first, last = first[:width], last[:width]
    year, month = int(first[:4]), int(first[5:7] or 1)
    while len(out) < limit:
        key = f"{year:04d}-{month:02d}" if by == "month" else f"{year:04d}"
        if key > last:
            break
        out.append(key)
        year, month = (year + 1, 1) if month == 12 or by == "year" else (year, month + 1)
    return out


def with_gaps(counts: Counts) -> Counts:
    """Month (year) counts with every period between the first and the last, one without meetings as 0.

    A span of more than :data:`MAX_FILLED` periods is left as it is: centuries of empty months say nothing
    (a year 1 among 2025s is a slip to fix).
    """
    if counts.by not in WIDTH or not counts.counts:
        return counts
    have = {count.value: count for count in counts.counts}
    filled = periods(counts.counts[0].value, counts.counts[-1].value, MAX_FILLED + 1, counts.by)
    if len(filled) > MAX_FILLED:
        return counts
    return counts._replace(counts=[have.get(key) or Count(counts.by, key, 0) for key in filled])
