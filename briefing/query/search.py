"""Fast evaluation of queries over many meetings.

Semantics live in :mod:`briefing.query.matching`; this module only makes them
quick enough for a keystroke at 450,000 meetings:

* every set of rows is an int, one bit per row (:mod:`briefing.archive.rowbits`):
  "and", "or" and "not" of terms are single C operations over whole sets, and
  a result is read lazily (:class:`~briefing.archive.rowbits.RankedRows`), a
  row at a time as the list draws it;
* with a word-prefix index (:class:`~briefing.archive.postings.Postings`), a
  word is a set from the index, in the meetings' index or, for a field, as the
  field's word; phrases are confirmed only on the rows holding all their words;
* without one (small archives, or while a large one is still loading), each
  haystack is searched with C-level substring tests, and a longer word is
  searched only within the rows of a cached shorter one;
* one-edit matches are found in the vocabulary first, then looked up as words;
* a briefing's own text is searched once per briefing, and a match there
  stands for each of its meetings ("through its briefing", ranked after the
  meetings that match themselves);
* dates, briefings and marks are sets of the catalog's columns
  (:mod:`briefing.archive.rowsets`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, NamedTuple, Protocol

from ..archive.catalog import Catalog
from ..archive.postings import Postings, field_word, prefix_range
from ..archive.rowbits import RankedRows, RowSet, bits_of, positions
from ..archive.searchtext import BRIEFING_FIELDS, FIELD_LETTERS, segment, vocabulary_of
from ..format.model import Row
from .language import Query, Term
from .marks import Marks
from .matching import within_one_edit_prefix
from .people import with_people

if TYPE_CHECKING:
    from ..archive.people import PeopleRegistry

SCAN_CACHE = 256
"""Needles whose rows are remembered while scanning (typing "rubio" reuses "rub" and "rubi")."""


class Result(NamedTuple):
    """The answer to a query: catalog positions, best first, and which matched only through their briefing."""

    rows: Sequence[int]
    via_briefing: AbstractSet[int] = frozenset()

    def __len__(self) -> int:
        return len(self.rows)


class _Hits(NamedTuple):
    """What one positive term matched: three disjoint sets of rows, as bits."""

    exact: int
    fuzzy: int
    via: int  # only through the briefing

    def all(self) -> int:
        return self.exact | self.fuzzy | self.via


class SearchIndex:
    """Answers queries over a catalog; build once, query on every keystroke."""

    def __init__(self, catalog: Catalog | Sequence[Row], people: PeopleRegistry | None = None) -> None:
        self.catalog = catalog if isinstance(catalog, Catalog) else Catalog.from_rows(catalog)
        self.people = people if people is not None else self.catalog.people
        """Who the archive declares one person: a ``person:`` term finds all of a person's forms."""
        self.postings: Postings | None = self.catalog.postings
        self.briefing_postings: Postings | None = self.catalog.briefing_postings
        self.marks = Marks()
        """The reader's marks, for ``is:`` terms (set by whoever holds them: the reader, the CLI)."""
        self._scanned: dict[str, list[int]] = {}  # needle -> rows, when scanning without an index

    @property
    def hays(self) -> Sequence[str]:
        """The folded text of every row."""
        return self.catalog.hays

    # ------------------------------------------------------------ public

    def search(self, query: Query) -> Result:
        """Matching rows: by score (see :mod:`briefing.query.matching`), then in catalog order (newest first)."""
        result = self._search(query)
        if any(postings is not None and postings.damaged for postings in (self.postings, self.briefing_postings)):
            # A cached word index with rows out of range (written by someone else): answer from the text instead.
            self.catalog.drop_index()
            self.postings = self.briefing_postings = None
            result = self._search(query)
        return result

    def _search(self, query: Query) -> Result:
        if not query:
            return Result(range(len(self.catalog)))
        query = with_people(query, self.people)
        positive = [t for t in query.terms if not t.negate and t.span is None and t.field != "is"]
        hits = [self._hits(term) for term in positive]
        if len(query.terms) == 1 and len(hits) == 1:
            # The commonest case while typing, one word: its exact matches, then those one edit away, then those
            # matched only through their briefing (the three are apart), each in catalog order.
            only = hits[0]
            return Result(RankedRows((only.exact, only.fuzzy, only.via)), RowSet(only.via))
        sets = self.catalog.row_sets
        kept = sets.every()
        for hit in hits:
            kept &= hit.all()
        kept &= ~self._excluded(query)
        for term in query.terms:
            if term.field == "is":  # is:flagged, is:read (is:unread: not read)
                chosen = sets.with_ids(self.marks.of(term.words[0]))
            elif term.span is not None:  # the meeting's span of days meets the term's
                chosen = sets.dated(*term.span)
            else:
                continue
            kept &= ~chosen if term.negate else chosen  # negated: outside the span, or undated
        return _ranked(kept, hits)

    @property
    def prepared(self) -> bool:
        """Whether the word index and the catalog's sets are ready, so that no search walks every row.

        The reader's loading worker readies them after the list is shown; until then a large archive's
        searches run in a worker.
        """
        through = self.catalog.through_briefings()
        return (
            self.postings is not None
            and self.catalog.row_sets.prepared
            and (through is None or through.prepared)
            and self.catalog.search_words is not None  # the vocabulary too: a typo's corrections come from it
        )

    def needs_text(self, query: Query) -> bool:
        """Whether answering ``query`` reads the search text (scanning, or confirming a phrase) before it is loaded."""
        if self.catalog.text_loaded:
            return False
        return self.postings is None or any(len(term.words) > 1 for term in query.terms)

    def vocabulary(self) -> Sequence[str]:
        """Every distinct plain word (of meetings and briefings), sorted."""
        return self._words()[0]

    def _words(self) -> tuple[Sequence[str], str]:
        """The vocabulary, and the same joined by newlines (kept by the catalog: every index over it shares them)."""
        words = self.catalog.search_words
        if words is None:
            vocabulary: Sequence[str]
            if self.postings is not None and self.briefing_postings is not None:
                # Two sorted lists: one merge (the sort sees two runs) and duplicates dropped in order, four
                # times quicker than sorting their union.
                both = [*self.postings.plain_vocabulary(), *self.briefing_postings.plain_vocabulary()]
                vocabulary = list(dict.fromkeys(sorted(both)))
            elif self.catalog.vocabulary is not None:
                vocabulary = self.catalog.vocabulary
            else:
                vocabulary = vocabulary_of([*self.hays, *self.catalog.briefing_hays()])
            words = self.catalog.search_words = (vocabulary, "\n".join(vocabulary) + "\n")
        return words

    def prepare(self) -> None:
        """Ready now what the first searches would otherwise build (the reader does it in its loading worker)."""
        self.catalog.row_sets.prepare()
        through = self.catalog.through_briefings()
        if through is not None:
            through.prepare()
        self._words()

    def fuzzy_words(self, word: str) -> list[str]:
        """Vocabulary words one edit from a prefix of ``word`` (that do not start with it), shortest first."""
        half = len(word) // 2
        # One edit leaves the first half intact, or the second half (maybe
        # shifted by one); a swap across the middle leaves both outer parts.
        pool = set(self._prefixed(word[:half]))
        pool.update(self._containing(word[half:]))
        outer, start = word[half + 1 :], word[: half - 1]
        if start:
            pool.update(t for t in self._prefixed(start) if outer in t)
        else:
            pool.update(self._containing(outer))
        found = sorted(t for t in pool if not t.startswith(word) and within_one_edit_prefix(word, t))
        kept: list[str] = []
        for token in found:  # sorted: a token's extensions follow it, and its prefix match covers them
            if not kept or not token.startswith(kept[-1]):
                kept.append(token)
        return kept

    def _containing(self, part: str) -> list[str]:
        """The vocabulary words holding ``part``: found in the words joined by newlines, at C speed."""
        if not part:
            return list(self.vocabulary())
        joined = self._words()[1]
        find, rfind = joined.find, joined.rfind
        found: list[str] = []
        at = find(part)
        while at >= 0:
            end = find("\n", at)
            found.append(joined[rfind("\n", 0, at) + 1 : end])
            at = find(part, end)  # the next word that holds it
        return found

    # ------------------------------------------------------------ terms

    def _hits(self, term: Term) -> _Hits:
        if term.alternatives:  # any of a declared person's forms
            return _union([self._hits(one) for one in term.expanded()])
        if term.field in BRIEFING_FIELDS:
            return self._briefing_field_hits(term, FIELD_LETTERS[term.field])
        letter = FIELD_LETTERS[term.field] if term.field else ""
        exact = self._rows(term, letter)
        fuzzy = self._fuzzy(term, letter) & ~exact if term.fuzzy else 0
        via = 0
        if not term.field:
            via = self._through(term, "")
            if term.fuzzy:
                via |= self._through_fuzzy(term, "")
            via &= ~(exact | fuzzy)
        return _Hits(exact, fuzzy, via)

    def _briefing_field_hits(self, term: Term, letter: str) -> _Hits:
        """A ``briefing:`` or ``tag:`` term: every meeting of each briefing whose own text (or tags) match."""
        exact = self._through(term, letter)
        fuzzy = self._through_fuzzy(term, letter) & ~exact if term.fuzzy else 0
        return _Hits(exact, fuzzy, 0)

    def _through(self, term: Term, letter: str) -> int:
        """Meetings whose briefing's own text (or field ``letter``) holds the term exactly."""
        through = self.catalog.through_briefings()
        if through is not None and len(term.words) == 1:
            return through.prefix_bits(field_word(letter, term.words[0]) if letter else term.words[0])
        return self.catalog.row_sets.of_briefings(self._briefing_rows(term, letter))

    def _through_fuzzy(self, term: Term, letter: str) -> int:
        """Meetings whose briefing's own text (or field) holds a word one edit from the term's word."""
        through = self.catalog.through_briefings()
        if through is None:
            return self.catalog.row_sets.of_briefings(self._briefing_fuzzy(term, letter))
        return _any_prefix(through, self.fuzzy_words(term.words[0]), letter)

    def _rows(self, term: Term, letter: str) -> int:
        """Meetings whose own text (or field ``letter``) holds the term exactly."""
        postings = self.postings
        if postings is None:
            rows = self._scan(term.needle)
            if letter:
                hays, needle = self.hays, term.needle
                rows = [i for i in rows if needle in segment(hays[i], letter)]
            return bits_of(rows, len(self.catalog))
        return _indexed(postings, term, letter, lambda: self.hays)

    def _briefing_rows(self, term: Term, letter: str) -> int:
        """Briefings (numbered as :meth:`Catalog.briefing_keys`) whose text (or field) holds the term exactly."""
        postings = self.briefing_postings
        if postings is None:
            needle = term.needle
            hays = self.catalog.briefing_hays()
            found = [b for b, hay in enumerate(hays) if needle in (segment(hay, letter) if letter else hay)]
            return bits_of(found, len(hays))
        return _indexed(postings, term, letter, self.catalog.briefing_hays)

    def _fuzzy(self, term: Term, letter: str) -> int:
        """Meetings holding (in field ``letter``, if given) a word one edit from the term's word."""
        return self._fuzzy_in(self.postings, lambda: self.hays, term, letter)

    def _briefing_fuzzy(self, term: Term, letter: str) -> int:
        """Briefings holding (in field ``letter``, if given) a word one edit from the term's word."""
        return self._fuzzy_in(self.briefing_postings, self.catalog.briefing_hays, term, letter)

    def _fuzzy_in(
        self, postings: Postings | None, hays_of: Callable[[], Sequence[str]], term: Term, letter: str
    ) -> int:
        """Rows of ``postings`` (else of the haystacks, read only then) with a word one edit from the term's."""
        words = self.fuzzy_words(term.words[0])
        if not words:
            return 0
        if postings is not None:
            return _any_prefix(postings, words, letter)
        needles = [" " + word for word in words]
        hays = hays_of()
        found = [i for i, hay in enumerate(hays) if any(n in hay for n in needles)]
        if letter:
            found = [i for i in found if any(n in segment(hays[i], letter) for n in needles)]
        return bits_of(found, len(hays))

    def _excluded(self, query: Query) -> int:
        """Rows that a negated term rules out (an exact match, in the meeting or through its briefing)."""
        out = 0
        for term in (one for written in query.terms for one in written.expanded()):
            if not term.negate or term.span is not None or term.field == "is":
                continue
            if term.field in BRIEFING_FIELDS:
                out |= self._through(term, FIELD_LETTERS[term.field])
            elif term.field:
                out |= self._rows(term, FIELD_LETTERS[term.field])
            else:
                out |= self._rows(term, "") | self._through(term, "")
        return out

    # ----------------------------------------------------------- helpers

    def _scan(self, needle: str) -> list[int]:
        """Rows whose haystack holds ``needle``; searched within the rows of a shorter needle already found."""
        scanned = self._scanned
        found = scanned.get(needle)
        if found is not None:
            return found
        hays = self.hays
        within = next((scanned[needle[:cut]] for cut in range(len(needle) - 1, 1, -1) if needle[:cut] in scanned), None)
        if within is None:
            found = [i for i, hay in enumerate(hays) if needle in hay]
        else:
            found = [i for i in within if needle in hays[i]]
        if len(scanned) >= SCAN_CACHE:
            del scanned[next(iter(scanned))]  # the oldest
        scanned[needle] = found
        return found

    def _prefixed(self, prefix: str) -> Sequence[str]:
        """The vocabulary words that start with ``prefix`` (a slice of the sorted list)."""
        vocab = self.vocabulary()
        start, end = prefix_range(vocab, prefix)
        return vocab[start:end]


def _indexed(postings: Postings, term: Term, letter: str, hays_of: Callable[[], Sequence[str]]) -> int:
    """Rows of ``postings`` holding the term exactly (in field ``letter`` if given).

    The haystacks (``hays_of()``, read from the cache on first use) are needed only to confirm a phrase.
    """
    words = tuple(field_word(letter, w) for w in term.words) if letter else term.words
    rows = postings.prefix_bits(words[-1])
    if len(words) == 1:
        return rows
    for word in words[:-1]:
        rows &= postings.word_bits(word)
    needle, hays = term.needle, hays_of()
    # The words are there; are they in order, in one value (of the field)?
    if letter:
        return bits_of([i for i in positions(rows) if needle in segment(hays[i], letter)], postings.bound)
    return bits_of([i for i in positions(rows) if needle in hays[i]], postings.bound)


class _Prefixes(Protocol):
    """A word index answering prefixes as sets of bits (of meetings, or of briefings)."""

    def prefix_bits(self, prefix: str) -> int: ...


def _any_prefix(index: _Prefixes, words: Iterable[str], letter: str) -> int:
    """Rows of ``index`` with a word starting with any of ``words`` (in field ``letter``, if given)."""
    bits = 0
    for word in words:
        bits |= index.prefix_bits(field_word(letter, word) if letter else word)
    return bits


def _union(found: list[_Hits]) -> _Hits:
    """What any one of several terms matched, each row in its best set."""
    exact = fuzzy = via = 0
    for hit in found:
        exact |= hit.exact
        fuzzy |= hit.fuzzy
        via |= hit.via
    fuzzy &= ~exact
    return _Hits(exact, fuzzy, via & ~(exact | fuzzy))


def _ranked(rows: int, hits: list[_Hits]) -> Result:
    """``rows`` by score (terms matched through the briefing, then at one edit), then ascending.

    A row's score is how many terms it matched only through its briefing, then how many at one edit:
    each count is kept as bit planes (plane ``i`` holds the rows whose count has bit ``i``), so the rows
    of each score are found by a few operations on whole sets, in the order of the scores.
    """
    via_planes = _counted([h.via for h in hits if h.via])
    fuzzy_planes = _counted([h.fuzzy for h in hits if h.fuzzy])
    if not via_planes and not fuzzy_planes:
        return Result(RankedRows((rows,)))
    groups = [
        _equal(_equal(rows, via_planes, via), fuzzy_planes, fuzzy)
        for via in range(1 << len(via_planes))
        for fuzzy in range(1 << len(fuzzy_planes))
    ]
    through = 0
    for plane in via_planes:
        through |= plane
    return Result(RankedRows(groups), RowSet(through & rows))


def _counted(sets: list[int]) -> list[int]:
    """How many of ``sets`` hold each row, as bit planes (a ripple-carry adder over whole sets)."""
    planes: list[int] = []
    for carry in sets:
        for at, plane in enumerate(planes):
            planes[at], carry = plane ^ carry, plane & carry
            if not carry:
                break
        if carry:
            planes.append(carry)
    return planes


def _equal(rows: int, planes: list[int], count: int) -> int:
    """The rows of ``rows`` whose count (as ``planes``) is ``count``."""
    for at, plane in enumerate(planes):
        rows &= plane if count >> at & 1 else ~plane
    return rows
