"""Which meetings hold which words: the word-prefix index behind search at scale.

The vocabulary is sorted, so the words starting with a prefix are one slice of
it, and their rows (meeting positions in the catalog) are one slice of a flat
array. A word of a field (``person:`` …) is indexed twice: as itself, and as
``\\x01`` + the field's letter + the word, so field searches are answered by
the same slices; folded text holds no control characters, so field words sort
before (and never mix with) plain words. The rows of each one-letter start,
which match most of an archive, are kept ready. Everything is :mod:`array`
data: built once per load, kept in the cache as bytes, and answering a prefix
in well under a frame at 50,000 meetings.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence
from typing import Any

from .searchtext import MARK, field_words

_TOP = "\U0010ffff"
SHORT = 1
"""Plain-word starts of this length are precomputed (they match most rows)."""
PLAIN_START = "\x02"

Dump = tuple[tuple[str, ...], bytes, bytes, tuple[str, ...], tuple[bytes, ...]]


def prefix_range(words: Sequence[str], prefix: str) -> tuple[int, int]:
    """Where the words of sorted ``words`` that start with ``prefix`` are: ``words[start:end]``."""
    start = bisect.bisect_left(words, prefix)
    return start, bisect.bisect_left(words, prefix + _TOP, start)


def field_word(letter: str, word: str) -> str:
    """How a word of the field with ``letter`` (``p`` for ``person:``…) is spelled in the index."""
    return f"{MARK}{letter}{word}"


def _ints(raw: bytes) -> array[int]:
    out = array("I")
    out.frombytes(raw)
    return out


class Postings:
    """A word-prefix index over the haystacks of a catalog (or of its briefings)."""

    def __init__(self, vocabulary: Sequence[str], offsets: array[int], rows: array[int], starts: dict[str, array[int]]):
        self.vocabulary = vocabulary
        self.offsets = offsets
        self.rows = rows
        self.starts = starts

    @classmethod
    def build(cls, hays: Sequence[str]) -> Postings:
        """Index ``hays`` (segmented haystacks, one per row): every word plain, and per field."""
        by_word: dict[str, list[int]] = {}
        get = by_word.get
        for row, hay in enumerate(hays):
            for letter, word in field_words(hay):
                for key in (word, f"{MARK}{letter}{word}") if letter else (word,):
                    rows = get(key)
                    if rows is None:
                        by_word[key] = [row]
                    elif rows[-1] != row:  # rows only grow, so a repeat is always the last one
                        rows.append(row)
        vocabulary = sorted(by_word)
        flat, offsets = array("I"), array("I", [0])
        for word in vocabulary:
            flat.extend(by_word[word])
            offsets.append(len(flat))
        starts: dict[str, array[int]] = {}
        start = bisect.bisect_left(vocabulary, PLAIN_START)  # plain words only
        while start < len(vocabulary):
            prefix = vocabulary[start][:SHORT]
            end = bisect.bisect_left(vocabulary, prefix + _TOP, start)
            starts[prefix] = array("I", sorted(set(flat[offsets[start] : offsets[end]])))
            start = end
        return cls(vocabulary, offsets, flat, starts)

    def plain_vocabulary(self) -> Sequence[str]:
        """The vocabulary without field words."""
        return self.vocabulary[bisect.bisect_left(self.vocabulary, PLAIN_START) :]

    def prefix_rows(self, prefix: str) -> Sequence[int]:
        """Rows with a word starting with ``prefix``, ascending."""
        short = self.starts.get(prefix) if len(prefix) <= SHORT else None
        if short is not None:
            return short
        start, end = prefix_range(self.vocabulary, prefix)
        rows = self.rows[self.offsets[start] : self.offsets[end]]
        return rows if end - start <= 1 else sorted(set(rows))

    def word_rows(self, word: str) -> Sequence[int]:
        """Rows with exactly the word ``word``, ascending."""
        start = bisect.bisect_left(self.vocabulary, word)
        if start < len(self.vocabulary) and self.vocabulary[start] == word:
            return self.rows[self.offsets[start] : self.offsets[start + 1]]
        return ()

    # ------------------------------------------------------------- storage

    def dump(self) -> Dump:
        """Plain data for the cache."""
        names = tuple(self.starts)
        return (
            tuple(self.vocabulary),
            self.offsets.tobytes(),
            self.rows.tobytes(),
            names,
            tuple(self.starts[name].tobytes() for name in names),
        )

    @classmethod
    def load(cls, data: Dump) -> Postings:
        """Inverse of :meth:`dump` (of data that passed :meth:`check`)."""
        vocabulary, offsets, rows, names, starts = data
        return cls(
            vocabulary, _ints(offsets), _ints(rows), {n: _ints(raw) for n, raw in zip(names, starts, strict=True)}
        )

    @staticmethod
    def check(data: Any, count: int) -> None:
        """Raise ``ValueError`` unless ``data`` is a :meth:`dump` of an index over ``count`` rows."""
        if type(data) is not tuple or len(data) != 5:
            raise ValueError("not a word index")
        vocabulary, offsets, rows, names, starts = data
        if (
            type(vocabulary) is not tuple
            or set(map(type, vocabulary)) - {str}
            or list(vocabulary) != sorted(vocabulary)
        ):
            raise ValueError("not a sorted vocabulary")
        if not all(type(raw) is bytes and len(raw) % 4 == 0 for raw in (offsets, rows, *starts)):
            raise ValueError("not arrays")
        if type(names) is not tuple or len(names) != len(starts) or set(map(type, names)) - {str}:
            raise ValueError("not the precomputed starts")
        ends, flat = _ints(offsets), _ints(rows)
        if len(ends) != len(vocabulary) + 1 or ends[0] != 0 or ends[-1] != len(flat):
            raise ValueError("offsets do not fit")
        if list(ends) != sorted(ends):
            raise ValueError("offsets out of order")
        for column in (flat, *map(_ints, starts)):
            if column and max(column) >= count:
                raise ValueError("a row out of range")
