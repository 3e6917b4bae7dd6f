"""What the list shows and the search needs of each meeting: one small entry, kept column by column."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any, NamedTuple

from ..format.dates import short_display
from ..format.model import Row, people_line

TEXT_COLUMNS = 9
"""The first nine fields of an entry are text; the last three are numbers."""
CHUNK = 20_000
"""Entries per chunk in the cache: each chunk is read in one call (a few ms), so a reader's UI gets the GIL between."""


class Entry(NamedTuple):
    """What the list shows and the search needs of one meeting."""

    sort_key: str
    earliest: str  # the span of the meeting's date, or its briefing's
    latest: str
    date: str  # the meeting's own date as shown, "" when undated
    short_date: str  # the same, short enough for a list column
    title: str
    people: str
    briefing_title: str
    ref: str  # "briefing-id/meeting-id"
    briefing: int  # where the full record is: briefing in its file, meeting in its briefing, file
    meeting: int
    file: int

    @property
    def key(self) -> tuple[int, int, int]:
        """Identifies the meeting within one load of an archive."""
        return (self.file, self.briefing, self.meeting)


class EntryColumns(Sequence[Entry]):
    """Entries kept column by column, as the cache stores them; an :class:`Entry` is made on access.

    A warm start of 50,000 meetings then builds no per-meeting tuples at all:
    repeated strings (dates, briefing titles) are shared, numbers are arrays.
    """

    def __init__(self, columns: Sequence[Sequence[Any]]) -> None:
        self.columns = columns

    def __len__(self) -> int:
        return len(self.columns[0])

    def __getitem__(self, index: int) -> Entry:  # type: ignore[override]
        return tuple.__new__(Entry, [column[index] for column in self.columns])

    def __iter__(self) -> Iterator[Entry]:
        new = tuple.__new__
        return (new(Entry, fields) for fields in zip(*self.columns, strict=True))

    def briefing_count(self) -> int:
        """How many briefings the entries come from."""
        return len(set(zip(self.columns[11], self.columns[9], strict=True)))

    def dump(self) -> list[Any]:
        """Plain data for the cache: per column, its chunks (text as tuples of strings, numbers as bytes)."""
        parts: list[Any] = []
        for number, column in enumerate(self.columns):
            for start in range(0, max(len(column), 1), CHUNK):
                chunk = column[start : start + CHUNK]
                parts.append(tuple(chunk) if number < TEXT_COLUMNS else array("I", chunk).tobytes())
        return parts

    @staticmethod
    def chunks(count: int) -> int:
        """How many parts :meth:`dump` writes per column for ``count`` entries."""
        return max(1, -(-count // CHUNK))

    @classmethod
    def load(cls, parts: Sequence[Any], count: int) -> EntryColumns:
        """Inverse of :meth:`dump` (of parts that were checked already)."""
        per = cls.chunks(count)
        columns: list[Any] = []
        for number in range(len(Entry._fields)):
            chunks = parts[number * per : (number + 1) * per]
            if number < TEXT_COLUMNS:
                columns.append(chunks[0] if per == 1 else tuple(chain.from_iterable(chunks)))  # one C loop
            else:
                numbers = array("I")
                for raw in chunks:
                    numbers.frombytes(raw)
                columns.append(numbers)
        return cls(columns)

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> EntryColumns:
        """Columns of ``entries``, equal strings shared (so the cache stores each once)."""
        shared: dict[str, str] = {}
        columns = [list(column) for column in zip(*entries, strict=True)] or [[] for _ in Entry._fields]
        for column in columns[:5] + columns[7:8]:  # dates and briefing titles repeat
            column[:] = [shared.setdefault(text, text) for text in column]
        return cls([tuple(c) for c in columns[:TEXT_COLUMNS]] + [array("I", c) for c in columns[TEXT_COLUMNS:]])


def entry_of(row: Row, file: int, briefing: int, meeting: int) -> Entry:
    """The list entry of ``row``."""
    when = row.when
    m = row.meeting
    return Entry(
        row.sort_key,
        when.earliest if when else "",
        when.latest if when else "",
        m.date.display if m.date else "",
        short_display(m.date) if m.date else "",
        m.title,
        people_line(m.participants),
        row.briefing.title,
        f"{row.briefing.id}/{m.id}",
        briefing,
        meeting,
        file,
    )
