"""The catalog: every meeting of an archive, cheap to hold and quick to list.

A list line and a search haystack per meeting are all the list and the search
need; the full records (:class:`~briefing.model.Row`) are decoded per file only
when a meeting is opened. A warm start from the cache therefore builds no
model objects at all, and 50,000 meetings cost a few small strings each.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, NamedTuple

from ..format.model import Briefing, Row, briefing_rows
from ..pacing import give_way, holding
from .cache import RecordRef, decompress_record
from .entries import Entry, EntryColumns, entry_of
from .facets import facet_line
from .records import decode_briefings
from .rowbits import STEP
from .rowsets import RowSets, ThroughBriefings
from .searchtext import briefing_hay, meeting_hay

if TYPE_CHECKING:
    from .people import PeopleRegistry
    from .postings import Postings


# -------------------------------------------------------------------- catalog

Source_ = tuple[Briefing, ...] | bytes | RecordRef


class SearchText(NamedTuple):
    """The folded text searches read (see :mod:`briefing.archive.searchtext`)."""

    meetings: Sequence[str]
    """Each meeting's own haystack, in catalog order."""
    briefings: Sequence[tuple[str, ...]]
    """By file: the haystack of each of its briefings."""
    facets: Sequence[str] = ()
    """Each meeting's names, countries, topics and kind as written (see :mod:`briefing.archive.facets`)."""


class CacheMismatch(LookupError):
    """A meeting listed by the cache is not in its file as the cache said (a cache to throw away)."""


class Catalog:
    """Meetings newest first: ``entries[i]`` and ``hays[i]`` describe meeting ``i``."""

    def __init__(
        self,
        entries: EntryColumns,
        text: SearchText | Callable[[], SearchText | None],
        sources: list[Source_],
        reload: Callable[[int], tuple[Briefing, ...]] | None = None,
        vocabulary: Sequence[str] | None = None,
        shapes: Sequence[tuple[int, ...]] | None = None,
        paths: Sequence[str] = (),
    ) -> None:
        self.entries = entries
        self.paths = paths
        """The path of each file (by the ``file`` number of an entry)."""
        self._text = text
        self._text_lock = threading.Lock()  # a search worker and the loading worker may both want it first
        self._sources = sources
        self._reload = reload
        self._shapes = shapes  # meetings per briefing of each file, as the cache knew them
        self.vocabulary = vocabulary
        """Every distinct search word, sorted, when known (else the index builds it)."""
        self.search_words: tuple[Sequence[str], str] | None = None
        """The words a search corrects typos against, and the same joined by newlines (set by the search)."""
        self.stale: frozenset[int] = frozenset()
        """Files (by number) that now have errors, shown as they were when last read whole."""
        self.people: PeopleRegistry | None = None
        """Who the archive's people files declare one person (None: it has none)."""
        self.postings: Postings | None = None
        """The word-prefix index of the meetings, for large catalogs (see :mod:`briefing.archive.postings`)."""
        self.briefing_postings: Postings | None = None
        """The same over the briefings' own text (numbered as :meth:`briefing_keys`)."""
        self.index_files: tuple[tuple[str, int, int], ...] = ()
        """For a catalog read from the cache: each file's (path, size, mtime) as the cache knew it."""
        self.index_source: Callable[[], tuple[Postings, Postings] | None] | None = None
        """For a catalog read from the cache: reads its word index (see :meth:`load_index`)."""
        self.total = len(entries)
        """How many meetings the archive holds: more than :attr:`entries` for a catalog of the cache's head only."""
        self.head_tally: tuple[int, int] | None = None
        """For a catalog of the cache's head: the (errors, warnings) of the whole archive."""
        # Derived on first use:
        self._members: list[list[int]] | None = None
        self._briefing_keys: list[tuple[int, int]] | None = None
        self._numbers: dict[tuple[int, int], int] | None = None
        self._briefing_hays: list[str] | None = None
        self.row_sets = RowSets(self)
        """Sets of this catalog's rows by briefing, date and id (see :mod:`briefing.archive.rowsets`)."""
        self._through: ThroughBriefings | None = None

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def partial(self) -> bool:
        """Whether this is only the first screen of a catalog (the rest is being read)."""
        return self.total > len(self.entries)

    @property
    def text(self) -> SearchText:
        """The search text (read from the cache on first use, folded again if the cached copy is damaged)."""
        text = self._text
        if callable(text):
            # One read of the whole text, not one per thread that asks at once; a key's search may wait for it
            # here, so the reading gives no way to keys meanwhile.
            with self._text_lock, holding():
                text = self._text
                if callable(text):
                    text = text() or self._fold_again()
                    self._text = text
        return text

    def _fold_again(self) -> SearchText:
        meetings = [self.row(i).meeting for i in range(len(self.entries))]
        briefings = [tuple(map(briefing_hay, self.file_briefings(f))) for f in range(len(self._sources))]
        return SearchText(list(map(meeting_hay, meetings)), briefings, list(map(facet_line, meetings)))

    @property
    def text_loaded(self) -> bool:
        """Whether the search text is in memory (else the first use reads it from the cache)."""
        return not callable(self._text)

    @property
    def hays(self) -> Sequence[str]:
        """The folded search text of every meeting's own words."""
        return self.text.meetings

    @property
    def facets(self) -> Sequence[str]:
        """Every meeting's :func:`~briefing.archive.facets.facet_line` (read with the search text)."""
        return self.text.facets

    def briefing_keys(self) -> list[tuple[int, int]]:
        """Every briefing as (file, briefing in file), numbered by position in this list."""
        if self._briefing_keys is None:
            # From the files' shapes where known: the search text need not be read for it.
            counts = [len(shape) for shape in self._shapes] if self._shapes is not None else None
            if counts is None:
                counts = [len(hays) for hays in self.text.briefings]
            self._briefing_keys = [(f, b) for f, count in enumerate(counts) for b in range(count)]
        return self._briefing_keys

    def briefing_hays(self) -> Sequence[str]:
        """The haystack of every briefing, in :meth:`briefing_keys` order."""
        if self._briefing_hays is None:
            self._briefing_hays = list(chain.from_iterable(self.text.briefings))
        return self._briefing_hays

    def members(self) -> list[list[int]]:
        """For each briefing (in :meth:`briefing_keys` order), the positions of its meetings, ascending."""
        if self._members is None:
            number = self._briefing_numbers()
            members: list[list[int]] = [[] for _ in number]
            briefings = self.entries.columns[Entry._fields.index("briefing")]
            keys = zip(self.file_column(), briefings, strict=True)
            for start in range(0, len(briefings), STEP):  # in steps: a reader's key typed meanwhile runs alone
                for position, briefing in enumerate(map(number.__getitem__, islice(keys, STEP)), start):
                    members[briefing].append(position)
                give_way()
            self._members = members
        return self._members

    def through_briefings(self) -> ThroughBriefings | None:
        """The briefings' word index answered in meetings (None without a word index)."""
        postings = self.briefing_postings
        if postings is None:
            return None
        if self._through is None or self._through.postings is not postings:
            self._through = ThroughBriefings(postings, self.row_sets)
        return self._through

    def briefing_of(self, position: int) -> int:
        """The number (see :meth:`briefing_keys`) of meeting ``position``'s briefing."""
        entry = self.entries[position]
        return self._briefing_numbers()[(entry.file, entry.briefing)]

    def _briefing_numbers(self) -> dict[tuple[int, int], int]:
        if self._numbers is None:
            self._numbers = {key: i for i, key in enumerate(self.briefing_keys())}
        return self._numbers

    @classmethod
    def empty(cls) -> Catalog:
        """A catalog of nothing (before anything is loaded)."""
        return cls(EntryColumns.of(()), SearchText((), (), ()), [])

    @classmethod
    def from_rows(cls, rows: Sequence[Row]) -> Catalog:
        """A catalog of rows in the order given (each row stands alone, as a file of its own)."""
        entries, hays, briefings, facets = [], [], [], []
        sources: list[Source_] = []
        for number, row in enumerate(rows):
            briefing = row.briefing._replace(meetings=(row.meeting,))
            entries.append(entry_of(row, number, 0, 0))
            hays.append(meeting_hay(row.meeting))
            facets.append(facet_line(row.meeting))
            briefings.append((briefing_hay(row.briefing),))
            sources.append((briefing,))
        paths = [row.briefing.path for row in rows]
        return cls(EntryColumns.of(entries), SearchText(hays, briefings, facets), sources, paths=paths)

    def row(self, index: int) -> Row:
        """The full record of meeting ``index`` (decoded from the cache on first use).

        Raises :class:`CacheMismatch` if the cache's list no longer fits the file it came from.
        """
        entry = self.entries[index]
        try:
            briefing = self.file_briefings(entry.file)[entry.briefing]
            return Row(briefing, briefing.meetings[entry.meeting], entry.sort_key)
        except IndexError:
            raise CacheMismatch(entry.ref) from None

    def file_briefings(self, file: int) -> tuple[Briefing, ...]:
        """The briefings of one file, decoding them if they came from the cache."""
        source = self._sources[file]
        if not isinstance(source, tuple):
            try:
                source = decode_briefings(decompress_record(source.read() if isinstance(source, RecordRef) else source))
                if self._shapes is not None and tuple(len(b.meetings) for b in source) != self._shapes[file]:
                    raise ValueError("a record that does not fit the list")
            except Exception:
                if self._reload is None:
                    raise
                source = self._reload(file)
            self._sources[file] = source
        return source

    # ------------------------------------------------------ the word index

    def build_index(self) -> None:
        """Build the word index of the meetings and of the briefings (for a large archive)."""
        from .postings import Postings

        self.postings = Postings.build(self.hays)
        self.briefing_postings = Postings.build(self.briefing_hays())
        self.vocabulary = self.postings.plain_vocabulary()

    @property
    def index_pending(self) -> bool:
        """Whether a word index waits in the cache, not read yet (:meth:`load_index` reads it)."""
        return self.postings is None and self.index_source is not None

    def load_index(self) -> bool:
        """Read the word index from the cache, if it has one for this catalog; whether the catalog has one now."""
        source, self.index_source = self.index_source, None
        if self.postings is None and source is not None:
            read = source()
            if read is not None:
                self.postings, self.briefing_postings = read
                self.vocabulary = self.postings.plain_vocabulary()
        return self.postings is not None

    def drop_index(self) -> None:
        """Forget the word index (a cached one turned out damaged): searches scan the text instead."""
        self.postings = self.briefing_postings = None
        self.search_words = None

    def dump_index(self) -> tuple[Any, Any] | None:
        """The word index as plain data for the cache (None if there is none)."""
        if self.postings is None or self.briefing_postings is None:
            return None
        return self.postings.dump(), self.briefing_postings.dump()

    def file_column(self) -> Sequence[int]:
        """Every meeting's file number (an index into :attr:`paths`), as one column."""
        return self.entries.columns[Entry._fields.index("file")]

    def ref_column(self) -> Sequence[str]:
        """Every meeting's ``briefing/meeting`` id, as one column (what marks and keys know a meeting by)."""
        return self.entries.columns[Entry._fields.index("ref")]

    def date_columns(self) -> tuple[Sequence[str], Sequence[str]]:
        """Every meeting's earliest and latest day, as two columns (for ``date:`` searches)."""
        return self.entries.columns[1], self.entries.columns[2]

    def briefing_count(self) -> int:
        """How many briefings the meetings come from."""
        return self.entries.briefing_count()

    def keep_record(self, file: int, record: bytes) -> None:
        """Hold ``file``'s encoded record in memory (its cache file is being rewritten)."""
        if isinstance(self._sources[file], RecordRef):
            self._sources[file] = record

    def key(self, position: int) -> MeetingKey:
        """What identifies meeting ``position`` across loads: its file and its briefing/meeting id."""
        entry = self.entries[position]
        return MeetingKey(self.paths[entry.file] if entry.file < len(self.paths) else "", entry.ref)

    def find(self, key: MeetingKey) -> int:
        """The position of the meeting ``key`` names, or -1 if it is not in this catalog."""
        refs = self.ref_column()
        files = self.file_column()
        start = 0
        while True:
            try:
                position = refs.index(key.ref, start)  # C speed; a ref is rarely in two files
            except ValueError:
                return -1
            file = files[position]
            if file < len(self.paths) and self.paths[file] == key.path:
                return position
            start = position + 1

    @property
    def file_count(self) -> int:
        """How many files the meetings come from."""
        return len(self._sources)

    def meeting_at(self, shown_path: str, line: int) -> int:
        """The position of the meeting a problem at ``line`` of the file shown as ``shown_path`` is about, or -1.

        That is the meeting of the file starting last at or before ``line`` (else the file's first).
        """
        from ..format.text import neutralise_line

        for file, path in enumerate(self.paths):
            if neutralise_line(path) != shown_path:
                continue
            meetings = [(m.line, f"{b.id}/{m.id}") for b in self.file_briefings(file) for m in b.meetings]
            before = [item for item in meetings if 0 < item[0] <= line]
            # A problem before any meeting (the briefing's own date, say) is about the file's first meeting.
            best = max(before) if before else min(meetings, default=None)
            return self.find(MeetingKey(path, best[1])) if best is not None else -1
        return -1


class MeetingKey(NamedTuple):
    """A meeting as a user knows it: the file it is in and its ``briefing-id/meeting-id``."""

    path: str
    ref: str


class CatalogBuilder:
    """Gathers files' meetings in any order; :meth:`build` sorts them newest first."""

    def __init__(self, paths: Sequence[str] = ()) -> None:
        self.paths = paths
        """The path of each file, by number (as discovered)."""
        self.entries: list[Entry] = []
        self.hays: list[str] = []
        self.facets: list[str] = []
        self.briefing_hays: dict[int, tuple[str, ...]] = {}
        self.sources: dict[int, Source_] = {}
        self.shapes: dict[int, tuple[int, ...]] = {}

    def add(self, file: int, briefings: Sequence[Briefing]) -> tuple[list[Entry], list[str]]:
        """Add a parsed file; return its entries and haystacks (for the cache)."""
        entries, hays = [], []
        for b_index, briefing in enumerate(briefings):
            for m_index, row in enumerate(briefing_rows(briefing)):
                entries.append(entry_of(row, file, b_index, m_index))
                hays.append(meeting_hay(row.meeting))
                self.facets.append(facet_line(row.meeting))
        self.entries += entries
        self.hays += hays
        self.briefing_hays[file] = tuple(map(briefing_hay, briefings))
        self.sources[file] = tuple(briefings)
        self.shapes[file] = tuple(len(b.meetings) for b in briefings)
        return entries, hays

    def add_cached(
        self,
        file: int,
        blob: bytes | RecordRef,
        entries: Sequence[tuple[Any, ...]],
        hays: Sequence[str],
        facets: Sequence[str],
        briefing_hays: tuple[str, ...],
        shape: tuple[int, ...],
    ) -> None:
        """Add a file straight from the cache: no parsing, no model objects.

        ``entries`` are :class:`Entry` fields; their ``file`` is replaced by ``file``.
        """
        new = tuple.__new__
        self.entries += [new(Entry, (*entry[:-1], file)) for entry in entries]
        self.hays += hays
        self.facets += facets
        self.briefing_hays[file] = briefing_hays
        self.sources[file] = blob
        self.shapes[file] = shape

    def source(self, file: int) -> Source_:
        """What was added for ``file``."""
        return self.sources[file]

    def build(self, reload: Callable[[int], tuple[Briefing, ...]] | None = None) -> Catalog:
        """The catalog of everything added so far, newest first (in the order added among equals)."""
        entries = self.entries
        order = sorted(range(len(entries)), key=lambda i: entries[i].sort_key, reverse=True)
        count = max(self.sources, default=-1) + 1
        sources: list[Source_] = [self.sources.get(i, ()) for i in range(count)]
        briefings = [self.briefing_hays.get(i, ()) for i in range(count)]
        shapes = [self.shapes.get(i, ()) for i in range(count)]
        text = SearchText([self.hays[i] for i in order], briefings, [self.facets[i] for i in order])
        columns = EntryColumns.of(entries[i] for i in order)
        return Catalog(columns, text, sources, reload, shapes=shapes, paths=self.paths)
