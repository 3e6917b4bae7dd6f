"""Fast evaluation of queries over many meetings.

Semantics live in :mod:`briefing.query`; this module only makes them quick
enough for a keystroke at 50,000 meetings:

* with a word-prefix index (:class:`~briefing.postings.Postings`), a word is a
  slice of an array, and phrases are checked only on the rows holding all
  their words;
* without one (small archives, or while a large one is still loading), each
  row's folded haystack is searched with C-level substring tests, and a longer
  word is searched only within the rows of a cached shorter one;
* one-edit matches are found in the vocabulary first, then looked up as words;
* field terms (``person:``) are confirmed on the few rows that pass the above.
"""

from __future__ import annotations

from collections.abc import Sequence

from .catalog import Catalog
from .model import Row
from .postings import Postings, field_word, prefix_range
from .query import TEXT_FIELDS, Query, Term, match_fields, row_haystacks, within_one_edit_prefix

_CACHE_LIMIT = 256


class SearchIndex:
    """Answers queries over a catalog; build once, query on every keystroke."""

    def __init__(self, catalog: Catalog | Sequence[Row]) -> None:
        self.catalog = catalog if isinstance(catalog, Catalog) else Catalog.from_rows(catalog)
        self.postings: Postings | None = self.catalog.postings
        self._vocab: Sequence[str] | None = None
        self._needles: dict[str, list[int]] = {}
        self._fields: dict[int, dict[str, str]] = {}

    @property
    def hays(self) -> Sequence[str]:
        """The folded text of every row."""
        return self.catalog.hays

    # ------------------------------------------------------------ public

    def search(self, query: Query) -> list[int]:
        """Indices of matching rows, exact matches first, otherwise in row order."""
        count = len(self.catalog)
        if not query:
            return list(range(count))
        positive = [t for t in query.terms if not t.negate and t.span is None]
        if len(query.terms) == 1 and len(positive) == 1 and not positive[0].fuzzy and not positive[0].field:
            return list(self._exact(positive[0], None))  # the commonest case while typing: one word
        order, fuzzy_hits = self._candidates(positive, count)
        if not order:
            return []
        if not any(t.field or t.negate or t.span is not None for t in query.terms):
            return _rank(order, fuzzy_hits)
        if self._indexed_fields(query):
            # Every condition is answered by the word index and the entries: no record is opened.
            excluded = self._excluded(query)
            keep = [i for i in order if i not in excluded] if excluded else order
            for term in query.terms:
                if term.span is not None:
                    keep = self._within_span(term, keep)
            return _rank(keep, fuzzy_hits)
        # Field phrases without a field index: open each candidate's record and check it.
        excluded = self._excluded(query)
        ranked = []
        for index in order:
            if index in excluded:
                continue
            score = self._check(query, index)
            if score is not None:
                ranked.append((score, index))
        if fuzzy_hits:
            ranked.sort()
        return [index for _, index in ranked]

    def _candidates(self, positive: list[Term], count: int) -> tuple[Sequence[int], dict[int, int]]:
        """Rows matching every positive word (ascending), and how many words each matched at one edit."""
        fuzzy_hits: dict[int, int] = {}
        if not positive:
            return range(count), fuzzy_hits
        if len(positive) == 1 and not positive[0].fuzzy:
            return self._exact(positive[0], None), fuzzy_hits  # already ascending: no set, no sort
        candidates: set[int] | None = None
        for term in sorted(positive, key=lambda t: -len(t.needle)):
            hits = set(self._exact(term, candidates))
            if term.fuzzy:
                for index in self._fuzzy(term, candidates):
                    if index not in hits:
                        hits.add(index)
                        fuzzy_hits[index] = fuzzy_hits.get(index, 0) + 1
            candidates = hits if candidates is None else candidates & hits
            if not candidates:
                return [], fuzzy_hits
        return sorted(candidates or ()), fuzzy_hits

    def _within_span(self, term: Term, rows: Sequence[int]) -> list[int]:
        """The rows whose date span meets (or, negated, misses) a ``date:`` term's span."""
        start, end = term.span  # type: ignore[misc]
        earliest, latest = self.catalog.date_columns()
        return [i for i in rows if (earliest[i] <= end and latest[i] >= start) != term.negate]

    def vocabulary(self) -> Sequence[str]:
        """Every distinct folded word, sorted (from the index or the cache, else built)."""
        if self._vocab is None:
            if self.postings is not None:
                self._vocab = self.postings.plain_vocabulary()
            elif self.catalog.vocabulary is not None:
                self._vocab = self.catalog.vocabulary
            else:
                words: set[str] = set()
                for hay in self.hays:
                    words.update(hay.split())
                self._vocab = sorted(words)
        return self._vocab

    def fuzzy_needles(self, word: str) -> list[str]:
        """``" token"`` needles for vocabulary words one edit from a prefix of ``word``."""
        vocab = self.vocabulary()
        half = len(word) // 2
        # One edit leaves the first half intact, or the second half (maybe
        # shifted by one); a swap across the middle leaves both outer parts.
        pool = set(self._prefixed(word[:half]))
        pool.update(t for t in vocab if word[half:] in t)
        outer = word[half + 1 :]
        pool.update(t for t in self._prefixed(word[: half - 1]) if outer in t)
        found = sorted(t for t in pool if not t.startswith(word) and within_one_edit_prefix(word, t))
        needles: list[str] = []
        for token in found:  # sorted: a token's extensions follow it
            if not needles or not token.startswith(needles[-1][1:]):
                needles.append(" " + token)
        return needles

    def needs_field_index(self, query: Query) -> bool:
        """Whether ``query`` has field terms that only a field index answers quickly here."""
        postings = self.postings
        return postings is not None and not postings.has_fields and any(t.field in TEXT_FIELDS for t in query.terms)

    def with_field_index(self) -> SearchIndex:
        """An index over the same catalog whose word index knows each meeting's fields too."""
        catalog = self.catalog
        hays = catalog.hays
        fields = [row_haystacks(catalog.row(i), hays[i]) for i in range(len(catalog))]
        index = SearchIndex(catalog)
        index.postings = Postings.build(hays, fields)
        return index

    # ----------------------------------------------------------- helpers

    def _exact(self, term: Term, within: set[int] | None) -> Sequence[int]:
        """Rows where ``term`` matches exactly (ignoring its field, checked later)."""
        postings = self.postings
        if postings is None:
            return self._scan(term.needle, within)
        words = term.words
        if term.field and postings.has_fields and term.field in TEXT_FIELDS:
            words = tuple(field_word(term.field, word) for word in words)
        last = postings.word_rows(words[-1]) if term.phrase else postings.prefix_rows(words[-1])
        if len(words) == 1:
            return last
        rows = set(last)
        for word in words[:-1]:
            rows.intersection_update(postings.word_rows(word))
        hays, needle = self.hays, term.needle
        return sorted(i for i in rows if needle in hays[i])  # the words are there; are they in order?

    def _scan(self, needle: str, within: set[int] | None) -> list[int]:
        cached = self._needles.get(needle)
        if cached is not None:
            return cached
        pool: Sequence[int] | set[int] | None = None
        # A needle's rows are within the rows of any needle it extends.
        for cut in range(len(needle) - 1, 1, -1):
            pool = self._needles.get(needle[:cut])
            if pool is not None:
                break
        hays = self.hays
        if pool is None and within is not None and len(within) < len(hays) // 4:
            # Not cached, and another term already narrowed the rows: check just those.
            return [i for i in sorted(within) if needle in hays[i]]
        if pool is None:
            found = [i for i, hay in enumerate(hays) if needle in hay]
        else:
            found = [i for i in pool if needle in hays[i]]
        if len(self._needles) >= _CACHE_LIMIT:
            self._needles.clear()
        self._needles[needle] = found
        return found

    def _fuzzy(self, term: Term, within: set[int] | None) -> list[int] | set[int]:
        """Rows holding a word one edit from the term's word that does not start with it."""
        needles = self.fuzzy_needles(term.words[0])
        if not needles:
            return []
        postings = self.postings
        if postings is not None:
            in_field = term.field in TEXT_FIELDS and postings.has_fields
            rows: set[int] = set()
            for needle in needles:
                rows.update(postings.prefix_rows(field_word(term.field, needle[1:]) if in_field else needle[1:]))
            return rows
        hays = self.hays
        pool = within if within is not None else range(len(hays))
        return [i for i in pool if any(n in hays[i] for n in needles)]

    def _indexed_fields(self, query: Query) -> bool:
        """Whether the word index alone settles every field term of ``query``."""
        postings = self.postings
        if postings is None or not postings.has_fields:
            return not any(t.field and t.span is None for t in query.terms)
        # A field phrase of several words would need the field's own text to check the order.
        return not any(t.field and t.span is None and len(t.words) > 1 for t in query.terms)

    def _excluded(self, query: Query) -> set[int]:
        """Rows that a negated word rules out (checked in bulk, not row by row)."""
        out: set[int] = set()
        indexed = self.postings is not None and self.postings.has_fields
        for term in query.terms:
            if term.negate and term.span is None and (not term.field or (indexed and len(term.words) == 1)):
                out.update(self._exact(term, None))
        return out

    def _prefixed(self, prefix: str) -> Sequence[str]:
        """The vocabulary words that start with ``prefix`` (a slice of the sorted list)."""
        vocab = self.vocabulary()
        start, end = prefix_range(vocab, prefix)
        return vocab[start:end]

    def _check(self, query: Query, index: int) -> int | None:
        entry = self.catalog.entries[index]
        span = (entry.earliest, entry.latest)
        if any(t.field for t in query.terms):
            hays = self._fields.get(index)
            if hays is None:
                if len(self._fields) > 50_000:
                    self._fields.clear()
                hays = self._fields[index] = row_haystacks(self.catalog.row(index), self.hays[index])
        else:
            hays = {"all": self.hays[index]}
        return match_fields(query, hays, span)


def _rank(rows: Sequence[int], fuzzy_hits: dict[int, int]) -> list[int]:
    """``rows`` (ascending) with exact matches first, then by how many words matched only at one edit."""
    if not fuzzy_hits:
        return list(rows)
    exact = [i for i in rows if i not in fuzzy_hits]
    if len(exact) == len(rows):
        return exact
    kept = set(rows)
    by_score: dict[int, list[int]] = {}
    for index, score in fuzzy_hits.items():
        if index in kept:
            by_score.setdefault(score, []).append(index)
    return exact + [i for score in sorted(by_score) for i in sorted(by_score[score])]
