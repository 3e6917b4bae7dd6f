"""The catalog: every meeting of an archive, cheap to hold and quick to list.

A list line and a search haystack per meeting are all the list and the search
need; the full records (:class:`~briefing.model.Row`) are decoded per file only
when a meeting is opened. A warm start from the cache therefore builds no
model objects at all, and 50,000 meetings cost a few small strings each.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .cache import RecordRef
from .dates import FuzzyDate
from .model import Briefing, Meeting, Outcome, Participant, Row, Source, Topic, briefing_rows

if TYPE_CHECKING:
    from .postings import Postings


class Entry(NamedTuple):
    """What the list shows and the search needs of one meeting."""

    sort_key: str
    earliest: str  # the span of the meeting's date, or its briefing's
    latest: str
    date: str  # the meeting's own date as shown, "" when undated
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

    TEXT = 8  # the first eight fields are text; the last three are numbers

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
        return len(set(zip(self.columns[10], self.columns[8], strict=True)))

    def dump(self) -> tuple[Any, ...]:
        """Plain data for the cache."""
        return tuple(c if i < self.TEXT else array("I", c).tobytes() for i, c in enumerate(self.columns))

    @classmethod
    def load(cls, data: Sequence[Any]) -> EntryColumns:
        """Inverse of :meth:`dump`."""
        columns: list[Any] = list(data[: cls.TEXT])
        for raw in data[cls.TEXT :]:
            numbers = array("I")
            numbers.frombytes(raw)
            columns.append(numbers)
        return cls(columns)

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> EntryColumns:
        """Columns of ``entries``, equal strings shared (so the cache stores each once)."""
        shared: dict[str, str] = {}
        columns = [list(column) for column in zip(*entries, strict=True)] or [[] for _ in Entry._fields]
        for column in columns[:4] + columns[6:7]:  # dates and briefing titles repeat
            column[:] = [shared.setdefault(text, text) for text in column]
        return cls([tuple(c) for c in columns[: cls.TEXT]] + [array("I", c) for c in columns[cls.TEXT :]])


def entry_of(row: Row, file: int, briefing: int, meeting: int) -> Entry:
    """The list entry of ``row``."""
    when = row.when
    m = row.meeting
    return Entry(
        row.sort_key,
        when.earliest,
        when.latest,
        m.date.display if m.date else "",
        m.title,
        ", ".join(p.label for p in m.participants),
        row.briefing.title,
        f"{row.briefing.id}/{m.id}",
        briefing,
        meeting,
        file,
    )


# ------------------------------------------------------------ record encoding
# Briefings are stored as plain nested tuples (marshal takes no subclasses).


def _date(value: FuzzyDate | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _encode_meeting(m: Meeting) -> tuple[Any, ...]:
    people = tuple(tuple(p) for p in m.participants)
    topics, outcomes = tuple(tuple(t) for t in m.topics), tuple(tuple(o) for o in m.outcomes)
    return (
        m.id,
        m.title,
        people,
        _date(m.date),
        m.location,
        m.venue,
        m.context,
        m.summary,
        m.kind,
        topics,
        outcomes,
        m.refs,
    )


def _decode_meeting(m: tuple[Any, ...]) -> Meeting:
    new = tuple.__new__
    people = tuple([new(Participant, p) for p in m[2]])
    topics, outcomes = tuple([new(Topic, t) for t in m[9]]), tuple([new(Outcome, o) for o in m[10]])
    date = None if m[3] is None else new(FuzzyDate, m[3])
    return new(Meeting, (m[0], m[1], people, date, *m[4:9], topics, outcomes, m[11]))


def encode_briefings(briefings: Sequence[Briefing]) -> bytes:
    """The briefings of one file as bytes for the cache."""
    plain = []
    for b in briefings:
        s = b.source
        meetings = tuple(_encode_meeting(m) for m in b.meetings)
        source = None if s is None else (s.name, s.kind, s.url, _date(s.published), s.file)
        plain.append((b.id, b.title, tuple(b.date), meetings, b.path, b.summary, source, b.tags))
    return marshal.dumps(tuple(plain))


def decode_briefings(blob: bytes) -> tuple[Briefing, ...]:
    """Inverse of :func:`encode_briefings`; raises on anything malformed."""
    new = tuple.__new__

    def date(value: Any) -> FuzzyDate | None:
        return None if value is None else new(FuzzyDate, value)

    out = []
    for bid, title, bdate, meetings, path, summary, source, tags in marshal.loads(blob):
        decoded = tuple(_decode_meeting(m) for m in meetings)
        src = None if source is None else new(Source, (*source[:3], date(source[3]), source[4]))
        out.append(new(Briefing, (bid, title, new(FuzzyDate, bdate), decoded, path, summary, src, tags)))
    for briefing in out:  # shape check: a foreign blob fails here, not in a widget later
        if len(briefing) != 8 or any(len(m) != 12 for m in briefing.meetings):
            raise ValueError("malformed cache record")
    return tuple(out)


# -------------------------------------------------------------------- catalog

Source_ = tuple[Briefing, ...] | bytes | RecordRef


class Catalog:
    """Meetings newest first: ``entries[i]`` and ``hays[i]`` describe meeting ``i``."""

    def __init__(
        self,
        entries: Sequence[Entry],
        hays: Sequence[str] | Callable[[], Sequence[str] | None],
        sources: list[Source_],
        reload: Callable[[int], tuple[Briefing, ...]] | None = None,
        vocabulary: Sequence[str] | None = None,
    ) -> None:
        self.entries = entries
        self._hays = hays
        self._sources = sources
        self._reload = reload
        self.vocabulary = vocabulary
        """Every distinct search word, sorted, when known (else the index builds it)."""
        self.postings: Postings | None = None
        """The word-prefix index, for large catalogs (see :mod:`briefing.postings`)."""
        self.index_files: tuple[tuple[str, int, int], ...] = ()
        """For a catalog read from the cache: each file's (path, size, mtime) as the cache knew it."""

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def hays(self) -> Sequence[str]:
        """The folded search text of every meeting (read from the cache on first use)."""
        hays = self._hays
        if callable(hays):
            hays = hays()
            if hays is None:  # the cached copy is damaged: fold the records again
                from .query import all_haystack

                hays = [all_haystack(self.row(i)) for i in range(len(self.entries))]
            self._hays = hays
        return hays

    @classmethod
    def from_briefings(cls, briefings: Sequence[Briefing]) -> Catalog:
        """A catalog of briefings already in memory (one 'file' per briefing)."""
        builder = CatalogBuilder()
        for number, briefing in enumerate(briefings):
            builder.add(number, (briefing,))
        return builder.build()

    @classmethod
    def from_rows(cls, rows: Sequence[Row]) -> Catalog:
        """A catalog of rows in the order given (each row stands alone)."""
        from .query import all_haystack

        entries, hays, sources = [], [], []
        for number, row in enumerate(rows):
            briefing = row.briefing._replace(meetings=(row.meeting,))
            entries.append(entry_of(row, number, 0, 0))
            hays.append(all_haystack(row))
            sources.append((briefing,))
        return cls(entries, hays, sources)

    def row(self, index: int) -> Row:
        """The full record of meeting ``index`` (decoded from the cache on first use)."""
        entry = self.entries[index]
        briefing = self.file_briefings(entry.file)[entry.briefing]
        return Row(briefing, briefing.meetings[entry.meeting], entry.sort_key)

    def file_briefings(self, file: int) -> tuple[Briefing, ...]:
        """The briefings of one file, decoding them if they came from the cache."""
        source = self._sources[file]
        if not isinstance(source, tuple):
            try:
                source = decode_briefings(source.read() if isinstance(source, RecordRef) else source)
            except Exception:  # a damaged cache record: parse the file again
                if self._reload is None:
                    raise
                source = self._reload(file)
            self._sources[file] = source
        return source

    def date_columns(self) -> tuple[Sequence[str], Sequence[str]]:
        """Every meeting's earliest and latest day, as two columns (for ``date:`` searches)."""
        entries = self.entries
        if isinstance(entries, EntryColumns):
            return entries.columns[1], entries.columns[2]
        columns = getattr(self, "_date_columns", None)
        if columns is None:
            columns = self._date_columns = ([e.earliest for e in entries], [e.latest for e in entries])
        return columns

    def briefing_count(self) -> int:
        """How many briefings the meetings come from."""
        if isinstance(self.entries, EntryColumns):
            return self.entries.briefing_count()
        return len({(entry.file, entry.briefing) for entry in self.entries})

    def keep_record(self, file: int, record: bytes) -> None:
        """Hold ``file``'s encoded record in memory (its cache file is being rewritten)."""
        if isinstance(self._sources[file], RecordRef):
            self._sources[file] = record

    def position_of(self, entry: Entry) -> int:
        """Where the meeting of ``entry`` (maybe from another catalog of the same load) is, or -1."""
        entries = self.entries
        if isinstance(entries, list):
            try:
                return entries.index(entry)  # C-speed; snapshots of one load share Entry objects
            except ValueError:
                return -1
        positions = getattr(self, "_positions", None)
        if positions is None:
            positions = self._positions = {e.key: i for i, e in enumerate(entries)}
        return positions.get(entry.key, -1)


class CatalogBuilder:
    """Gathers files' meetings in any order; :meth:`build` sorts them newest first."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.hays: list[str] = []
        self.sources: dict[int, Source_] = {}

    def add(self, file: int, briefings: Sequence[Briefing]) -> tuple[list[Entry], list[str]]:
        """Add a parsed file; return its entries and haystacks (for the cache)."""
        from .query import all_haystack  # not needed by a warm start

        entries, hays = [], []
        for b_index, briefing in enumerate(briefings):
            for m_index, row in enumerate(briefing_rows(briefing)):
                entries.append(entry_of(row, file, b_index, m_index))
                hays.append(all_haystack(row))
        self.entries += entries
        self.hays += hays
        self.sources[file] = tuple(briefings)
        return entries, hays

    def add_cached(
        self, file: int, blob: bytes | RecordRef, entries: Sequence[tuple[Any, ...]], hays: Sequence[str]
    ) -> None:
        """Add a file straight from the cache: no parsing, no model objects.

        ``entries`` are :class:`Entry` fields; their ``file`` is replaced by ``file``.
        """
        new = tuple.__new__
        self.entries += [new(Entry, (*entry[:-1], file)) for entry in entries]
        self.hays += hays
        self.sources[file] = blob

    def source(self, file: int) -> Source_:
        """What was added for ``file``."""
        return self.sources[file]

    def build(self, reload: Callable[[int], tuple[Briefing, ...]] | None = None) -> Catalog:
        """The catalog of everything added so far, newest first (in the order added among equals)."""
        entries = self.entries
        order = sorted(range(len(entries)), key=lambda i: entries[i].sort_key, reverse=True)
        count = max(self.sources, default=-1) + 1
        sources: list[Source_] = [self.sources.get(i, ()) for i in range(count)]
        return Catalog([entries[i] for i in order], [self.hays[i] for i in order], sources, reload)
