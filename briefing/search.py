"""Fast evaluation of queries over many meetings.

Semantics live in :mod:`briefing.query`; this module only makes them quick
enough for a keystroke at 50,000 meetings:

* each row has one folded haystack (``" word word … "``) searched with C-level
  substring tests, so a word prefix is ``" rub" in hay``;
* results per term are cached, and a longer word is searched only within the
  rows of a cached shorter one (typing narrows, it never rescans);
* one-edit matches are found in the vocabulary first, then as plain needles;
* field terms (``person:``) are confirmed on the few rows that pass the above.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .catalog import Catalog
from .model import Row
from .query import Query, match_fields, row_haystacks, within_one_edit_prefix

_CACHE_LIMIT = 256


class SearchIndex:
    """Answers queries over a catalog; build once, query on every keystroke."""

    def __init__(self, catalog: Catalog | Sequence[Row]) -> None:
        self.catalog = catalog if isinstance(catalog, Catalog) else Catalog.from_rows(catalog)
        self.hays = self.catalog.hays
        self._vocab: list[str] | None = None
        self._needles: dict[str, list[int]] = {}
        self._fields: dict[int, dict[str, str]] = {}

    # ------------------------------------------------------------ public

    def search(self, query: Query) -> list[int]:
        """Indices of matching rows, exact matches first, otherwise in row order."""
        if not query:
            return list(range(len(self.hays)))
        positive = [t for t in query.terms if not t.negate and t.span is None]
        candidates: set[int] | None = None
        fuzzy_hits: dict[int, int] = {}
        for term in sorted(positive, key=lambda t: -len(t.needle)):
            exact = self._exact(term.needle)
            hits = set(exact)
            if term.fuzzy:
                for index in self._fuzzy(term.words[0], candidates):
                    if index not in hits:
                        hits.add(index)
                        fuzzy_hits[index] = fuzzy_hits.get(index, 0) + 1
            candidates = hits if candidates is None else candidates & hits
            if not candidates:
                return []
        order = sorted(candidates) if candidates is not None else range(len(self.hays))
        needs_check = any(t.field or t.negate or t.span is not None for t in query.terms)
        if not needs_check:
            ranked = [(fuzzy_hits.get(i, 0), i) for i in order]
        else:
            ranked = []
            for index in order:
                score = self._check(query, index)
                if score is not None:
                    ranked.append((score, index))
        ranked.sort()
        return [index for _, index in ranked]

    def vocabulary(self) -> list[str]:
        """Every distinct folded word, sorted (built on first use)."""
        if self._vocab is None and self.catalog.vocabulary is not None:
            self._vocab = list(self.catalog.vocabulary)
        if self._vocab is None:
            words: set[str] = set()
            for hay in self.hays:
                words.update(hay.split())
            self._vocab = sorted(words)
        return self._vocab

    # ----------------------------------------------------------- helpers

    def _exact(self, needle: str) -> list[int]:
        cached = self._needles.get(needle)
        if cached is not None:
            return cached
        pool: Sequence[int] | None = None
        # A needle's rows are within the rows of any needle it extends.
        for cut in range(len(needle) - 1, 1, -1):
            pool = self._needles.get(needle[:cut])
            if pool is not None:
                break
        hays = self.hays
        if pool is None:
            found = [i for i, hay in enumerate(hays) if needle in hay]
        else:
            found = [i for i in pool if needle in hays[i]]
        if len(self._needles) >= _CACHE_LIMIT:
            self._needles.clear()
        self._needles[needle] = found
        return found

    def _fuzzy(self, word: str, within: set[int] | None) -> list[int]:
        """Rows holding a word one edit from ``word`` that does not start with it."""
        needles = self.fuzzy_needles(word)
        if not needles:
            return []
        hays = self.hays
        pool = within if within is not None else range(len(hays))
        return [i for i in pool if any(n in hays[i] for n in needles)]

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

    def _prefixed(self, prefix: str) -> list[str]:
        """The vocabulary words that start with ``prefix`` (a slice of the sorted list)."""
        vocab = self.vocabulary()
        start = bisect.bisect_left(vocab, prefix)
        return vocab[start : bisect.bisect_left(vocab, prefix + "\U0010ffff", start)]

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
