"""Sets of a catalog's rows, as bits (see :mod:`briefing.archive.rowbits`): by briefing, by date, by id.

The word index answers words; these answer the rest of a query, each in C loops,
so that a keystroke at 450,000 meetings never walks the rows in Python.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from functools import lru_cache
from itertools import chain, compress
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ..pacing import give_way
from .rowbits import STEP, SortedColumn, below, bits_from_flags, bits_of, flags_of, positions

if TYPE_CHECKING:
    from .catalog import Catalog
    from .postings import Postings

SPANS = 16
"""Date spans whose rows are remembered (typing "date:2024 summit" reads the span once)."""
MEMO = 64
"""Prefixes whose meetings through their briefings are remembered."""


class RowSets:
    """Rows of one catalog by briefing, date and id; :meth:`prepare` readies what a large archive needs."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._gather: list[Any] | None = None  # itemgetters of every row's briefing number, STEP rows each
        self._columns: tuple[SortedColumn, SortedColumn] | None = None
        self._dated = lru_cache(maxsize=SPANS)(self._span)
        self.prepared = False
        """Whether :meth:`prepare` has run (a search then runs in C loops only)."""

    @property
    def size(self) -> int:
        """How many rows the catalog has."""
        return len(self._catalog)

    def every(self) -> int:
        """Every row."""
        return below(self.size)

    def prepare(self) -> None:
        """Ready the briefing and date columns now (the reader does it in its loading worker, not on a key)."""
        self._gatherers()
        if self._columns is None:
            earliest, latest = self._catalog.date_columns()
            self._columns = (SortedColumn(earliest), SortedColumn(latest))
        self.prepared = True

    def of_briefings(self, briefings: int) -> int:
        """The rows of the briefings in ``briefings`` (numbered as :meth:`Catalog.briefing_keys`)."""
        if not briefings:
            return 0
        members = self._catalog.members()
        size = self.size
        if briefings.bit_count() * 3 < len(members) or size < 2:  # few: their rows one by one
            return bits_of(chain.from_iterable(map(members.__getitem__, positions(briefings))), size)
        flags = flags_of(briefings)  # many: each row looks its briefing up, in C loops of STEP rows
        flags += bytes(len(members) - len(flags))
        return bits_from_flags(b"".join(bytes(gather(flags))[:-1] for gather in self._gatherers()))

    def _gatherers(self) -> list[Any]:
        if self._gather is None:
            column = [0] * self.size
            done = 0
            for number, rows in enumerate(self._catalog.members()):
                for row in rows:
                    column[row] = number
                done += len(rows)
                if done >= STEP:
                    done = 0
                    give_way()
            # itemgetter of one item returns it bare, of several a tuple: each step gets one more (dropped).
            starts = range(0, len(column), STEP)
            self._gather = [itemgetter(*column[start : start + STEP], 0) for start in starts]
        return self._gather

    def dated(self, low: str, high: str) -> int:
        """Rows whose date may fall within ``low``..``high`` (days, ISO); undated rows never do."""
        return self._dated(low, high)

    def _span(self, low: str, high: str) -> int:
        if self._columns is not None:
            earliest, latest = self._columns
            return earliest.at_most(high) & latest.at_least(low)  # "" (undated) is below any day
        days = enumerate(zip(*self._catalog.date_columns(), strict=True))
        return bits_of([row for row, (start, end) in days if start and start <= high and end >= low], self.size)

    def with_ids(self, refs: Container[str]) -> int:
        """Rows whose ``briefing/meeting`` id is in ``refs``."""
        column: Sequence[str] = self._catalog.ref_column()
        return bits_of(compress(range(len(column)), map(refs.__contains__, column)), self.size)


class ThroughBriefings:
    """The word index of the briefings, answered in meetings: the rows whose briefing holds a prefix.

    Each dense word of the briefings' index is turned into its meetings once (:meth:`prepare` does them
    all, in the reader's loading worker); a prefix is then the union of its dense words' meetings and the
    meetings of its sparse words' few briefings, never a lookup per row of the archive.
    """

    def __init__(self, postings: Postings, sets: RowSets) -> None:
        self.postings = postings
        """The briefings' word index this answers from."""
        self._sets = sets
        self._meetings: dict[int, int] = {}  # dense word -> its meetings
        self._remembered = lru_cache(maxsize=MEMO)(self._prefix_meetings)
        self.prepared = False
        """Whether :meth:`prepare` has run."""

    def prepare(self) -> None:
        """Turn every dense word into its meetings now."""
        for number in list(self.postings.dense):
            self._of_word(number)
            give_way()  # a word is a few C loops over the archive: a key typed meanwhile runs alone
        self.prepared = True

    def prefix_bits(self, prefix: str) -> int:
        """The meetings of the briefings holding a word that starts with ``prefix``."""
        return self._remembered(prefix)

    def _prefix_meetings(self, prefix: str) -> int:
        dense, sparse = self.postings.prefix_parts(prefix)
        bits = self._sets.of_briefings(sparse)
        for number in dense:
            bits |= self._of_word(number)
        return bits

    def _of_word(self, number: int) -> int:
        bits = self._meetings.get(number)
        if bits is None:
            bits = self._meetings[number] = self._sets.of_briefings(self.postings.dense_bits(number))
        return bits
