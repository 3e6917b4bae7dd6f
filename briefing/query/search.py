"""Fast evaluation of queries over many meetings.

Semantics live in :mod:`briefing.query.matching`; this module only makes them
quick enough for a keystroke at 50,000 meetings:

* with a word-prefix index (:class:`~briefing.archive.postings.Postings`), a
  word is a slice of an array, in the meetings' index or, for a field, as the
  field's word; phrases are confirmed only on the rows holding all their words;
* without one (small archives, or while a large one is still loading), each
  haystack is searched with C-level substring tests, and a longer word is
  searched only within the rows of a cached shorter one;
* one-edit matches are found in the vocabulary first, then looked up as words;
* a briefing's own text is searched once per briefing, and a match there
  stands for each of its meetings ("through its briefing", ranked after the
  meetings that match themselves).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from ..archive.catalog import Catalog
from ..archive.postings import Postings, field_word, prefix_range
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
    via_briefing: frozenset[int] = frozenset()

    def __len__(self) -> int:
        return len(self.rows)


class _Hits(NamedTuple):
    """What one positive term matched: three disjoint sets of rows."""

    exact: Sequence[int]  # ascending
    fuzzy: set[int]
    via: set[int]  # only through the briefing

    def all(self) -> set[int]:
        return set(self.exact) | self.fuzzy | self.via


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
        self._vocab: Sequence[str] | None = None
        self._joined: str | None = None  # the vocabulary joined by newlines (for :meth:`_containing`)
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
            self._vocab = self._joined = None
            result = self._search(query)
        return result

    def _search(self, query: Query) -> Result:
        count = len(self.catalog)
        if not query:
            return Result(range(count))
        query = with_people(query, self.people)
        positive = [t for t in query.terms if not t.negate and t.span is None and t.field != "is"]
        hits = [self._hits(term) for term in sorted(positive, key=lambda t: -len(t.needle))]
        if len(query.terms) == 1 and len(hits) == 1:
            # The commonest case while typing, one word: its exact matches, then those one edit away, then those
            # matched only through their briefing (the three are apart), each in catalog order: sorted in C.
            only = hits[0]
            return Result([*only.exact, *sorted(only.fuzzy), *sorted(only.via)], frozenset(only.via))
        candidates: Iterable[int]
        if hits:
            rows = hits[0].all()
            for hit in hits[1:]:
                rows &= hit.all()
            candidates = rows
        else:
            candidates = range(count)
        excluded = self._excluded(query)
        spans = [t for t in query.terms if t.span is not None]
        earliest, latest = self.catalog.date_columns() if spans else ((), ())
        kept = [row for row in candidates if row not in excluded] if excluded else list(candidates)
        marked = [t for t in query.terms if t.field == "is"]
        if marked:
            refs = self.catalog.ref_column()
            for term in marked:  # is:flagged, is:read (is:unread: not read)
                chosen = self.marks.of(term.words[0])
                kept = [row for row in kept if (refs[row] in chosen) != term.negate]
        for term in spans:  # one pass per date term, each a plain comparison (no call per row)
            low, high = term.span  # type: ignore[misc]
            if term.negate:  # outside the span, or undated
                kept = [row for row in kept if not (earliest[row] and earliest[row] <= high and latest[row] >= low)]
            else:
                kept = [row for row in kept if earliest[row] and earliest[row] <= high and latest[row] >= low]
        return _ranked(kept, hits)

    def needs_text(self, query: Query) -> bool:
        """Whether answering ``query`` reads the search text (scanning, or confirming a phrase) before it is loaded."""
        if self.catalog.text_loaded:
            return False
        return self.postings is None or any(len(term.words) > 1 for term in query.terms)

    def vocabulary(self) -> Sequence[str]:
        """Every distinct plain word (of meetings and briefings), sorted."""
        if self._vocab is None:
            if self.postings is not None and self.briefing_postings is not None:
                words = set(self.postings.plain_vocabulary())
                words.update(self.briefing_postings.plain_vocabulary())
                self._vocab = sorted(words)
            elif self.catalog.vocabulary is not None:
                self._vocab = self.catalog.vocabulary
            else:
                self._vocab = vocabulary_of([*self.hays, *self.catalog.briefing_hays()])
        return self._vocab

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
        joined = self._joined
        if joined is None:
            joined = self._joined = "\n".join(self.vocabulary()) + "\n"
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
        exact_set: set[int] | None = None
        fuzzy: set[int] = set()
        if term.fuzzy:
            exact_set = set(exact)
            fuzzy = set(self._fuzzy(term, letter)) - exact_set
        via: set[int] = set()
        if not term.field:
            briefings = set(self._briefing_rows(term, ""))
            if term.fuzzy:
                briefings.update(self._briefing_fuzzy(term, ""))
            if briefings:
                matched = (exact_set if exact_set is not None else set(exact)) | fuzzy
                via = set(self._through_briefings(briefings)) - matched
        return _Hits(exact, fuzzy, via)

    def _briefing_field_hits(self, term: Term, letter: str) -> _Hits:
        """A ``briefing:`` or ``tag:`` term: every meeting of each briefing whose own text (or tags) match."""
        exact = self._through_briefings(self._briefing_rows(term, letter))
        fuzzy: set[int] = set()
        if term.fuzzy:
            fuzzy = set(self._through_briefings(self._briefing_fuzzy(term, letter))) - set(exact)
        return _Hits(exact, fuzzy, set())

    def _rows(self, term: Term, letter: str) -> Sequence[int]:
        """Meetings whose own text (or field ``letter``) holds the term exactly, ascending."""
        postings = self.postings
        if postings is None:
            rows = self._scan(term.needle)
            if letter:
                hays, needle = self.hays, term.needle
                rows = [i for i in rows if needle in segment(hays[i], letter)]
            return rows
        return _indexed(postings, term, letter, lambda: self.hays)

    def _briefing_rows(self, term: Term, letter: str) -> Sequence[int]:
        """Briefings (numbered as :meth:`Catalog.briefing_keys`) whose text (or field) holds the term exactly."""
        postings = self.briefing_postings
        if postings is None:
            needle = term.needle
            hays = self.catalog.briefing_hays()
            return [b for b, hay in enumerate(hays) if needle in (segment(hay, letter) if letter else hay)]
        return _indexed(postings, term, letter, self.catalog.briefing_hays)

    def _fuzzy(self, term: Term, letter: str) -> Iterable[int]:
        """Meetings holding (in field ``letter``, if given) a word one edit from the term's word."""
        words = self.fuzzy_words(term.words[0])
        if not words:
            return ()
        postings = self.postings
        if postings is not None:
            return {row for word in words for row in postings.prefix_rows(field_word(letter, word) if letter else word)}
        needles = [" " + word for word in words]
        hays = self.hays
        found = [i for i, hay in enumerate(hays) if any(n in hay for n in needles)]
        if letter:
            found = [i for i in found if any(n in segment(hays[i], letter) for n in needles)]
        return found

    def _briefing_fuzzy(self, term: Term, letter: str) -> set[int]:
        words = self.fuzzy_words(term.words[0])
        postings = self.briefing_postings
        if not words:
            return set()
        if postings is not None:
            return {b for word in words for b in postings.prefix_rows(field_word(letter, word) if letter else word)}
        needles = [" " + word for word in words]
        hays = self.catalog.briefing_hays()
        return {b for b, hay in enumerate(hays) if any(n in (segment(hay, letter) if letter else hay) for n in needles)}

    def _through_briefings(self, briefings: Iterable[int]) -> list[int]:
        """The meetings of ``briefings``, ascending."""
        members = self.catalog.members()
        out: list[int] = []
        for number in briefings:
            out += members[number]
        out.sort()
        return out

    def _excluded(self, query: Query) -> set[int]:
        """Rows that a negated term rules out (an exact match, in the meeting or through its briefing)."""
        out: set[int] = set()
        for term in (one for written in query.terms for one in written.expanded()):
            if not term.negate or term.span is not None or term.field == "is":
                continue
            if term.field in BRIEFING_FIELDS:
                out.update(self._through_briefings(self._briefing_rows(term, FIELD_LETTERS[term.field])))
            elif term.field:
                out.update(self._rows(term, FIELD_LETTERS[term.field]))
            else:
                out.update(self._rows(term, ""))
                out.update(self._through_briefings(self._briefing_rows(term, "")))
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


def _indexed(postings: Postings, term: Term, letter: str, hays_of: Callable[[], Sequence[str]]) -> Sequence[int]:
    """Rows of ``postings`` holding the term exactly (in field ``letter`` if given), ascending.

    The haystacks (``hays_of()``, read from the cache on first use) are needed only to confirm a phrase.
    """
    words = tuple(field_word(letter, w) for w in term.words) if letter else term.words
    last = postings.prefix_rows(words[-1])
    if len(words) == 1:
        return last
    rows = set(last)
    for word in words[:-1]:
        rows.intersection_update(postings.word_rows(word))
    needle, hays = term.needle, hays_of()
    # The words are there; are they in order, in one value (of the field)?
    if letter:
        return sorted(i for i in rows if needle in segment(hays[i], letter))
    return sorted(i for i in rows if needle in hays[i])


def _union(found: list[_Hits]) -> _Hits:
    """What any one of several terms matched, each row in its best set."""
    exact: set[int] = set()
    fuzzy: set[int] = set()
    via: set[int] = set()
    for hit in found:
        exact.update(hit.exact)
        fuzzy |= hit.fuzzy
        via |= hit.via
    fuzzy -= exact
    return _Hits(sorted(exact), fuzzy, via - exact - fuzzy)


def _ranked(rows: list[int], hits: list[_Hits]) -> Result:
    """``rows`` by score (terms matched through the briefing, then at one edit), then ascending."""
    via_sets = [h.via for h in hits if h.via]
    fuzzy_sets = [h.fuzzy for h in hits if h.fuzzy]
    rows.sort()
    if not via_sets and not fuzzy_sets:
        return Result(rows)
    # Counted in C loops over the sets; only the rows with a score are sorted by it (a common word typed
    # has tens of thousands of rows, most of them matched exactly: they come first, as they are).
    via_count = Counter(chain.from_iterable(via_sets))
    fuzzy_count = Counter(chain.from_iterable(fuzzy_sets))
    scored = via_count.keys() | fuzzy_count.keys()
    plain = [r for r in rows if r not in scored]
    later = [r for r in rows if r in scored]
    if len(via_sets) <= 1 and len(fuzzy_sets) <= 1:  # one term with a score (typing one word): three buckets
        only_fuzzy = [r for r in later if r not in via_count]
        via_only = [r for r in later if r in via_count and r not in fuzzy_count]
        both = [r for r in later if r in via_count and r in fuzzy_count]
        later = only_fuzzy + via_only + both  # scores (0, 1), (1, 0), (1, 1)
    else:
        later.sort(key=lambda r: (via_count.get(r, 0), fuzzy_count.get(r, 0)))  # stable: ascending within a score
    return Result(plain + later, frozenset(via_count.keys() & later))
