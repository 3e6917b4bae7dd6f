"""Which meetings hold which words: the word-prefix index behind search at scale.

The vocabulary is sorted, so the words starting with a prefix are one slice of
it, and their rows (meeting positions in the catalog) are one slice of a flat
array. One- and two-letter starts, which match most of an archive, have their
rows precomputed. Everything is :mod:`array` data: built once per load, kept in
the cache as bytes, and answering a prefix in well under a frame at 50,000
meetings.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence

_TOP = "\U0010ffff"
SHORT = 1  # starts of this length or less are precomputed (they match most rows)
# Words of a field are indexed as "\x01" + field letter + word; folded text holds
# no control characters, so they sort before (and never mix with) plain words.
FIELD_MARK = "\x01"
PLAIN_START = "\x02"


def prefix_range(words: Sequence[str], prefix: str) -> tuple[int, int]:
    """Where the words of sorted ``words`` that start with ``prefix`` are: ``words[start:end]``."""
    start = bisect.bisect_left(words, prefix)
    return start, bisect.bisect_left(words, prefix + _TOP, start)


def field_word(field: str, word: str) -> str:
    """How a word of ``field`` (``person``, ``country``…) is spelled in the index."""
    return f"{FIELD_MARK}{field[0]}{word}"


class Postings:
    """A word-prefix index over the haystacks of a catalog."""

    def __init__(self, vocabulary: Sequence[str], offsets: array, rows: array, starts: dict[str, array]) -> None:
        self.vocabulary = vocabulary
        self.offsets = offsets
        self.rows = rows
        self.starts = starts

    @classmethod
    def build(cls, hays: Sequence[str], fields: Sequence[dict[str, str]] | None = None) -> Postings:
        """Index ``hays`` (``" word word … "`` strings, one per row), and each row's ``fields`` if given."""
        by_word: dict[str, list[int]] = {}
        get = by_word.get
        for row, hay in enumerate(hays):
            words: list[str] = hay.split()
            if fields is not None:
                for field, text in fields[row].items():
                    if field != "all":
                        words += [field_word(field, word) for word in text.split()]
            for word in words:
                rows = get(word)
                if rows is None:
                    by_word[word] = [row]
                elif rows[-1] != row:  # rows only grow, so a repeat is always the last one
                    rows.append(row)
        vocabulary = sorted(by_word)
        flat, offsets = array("I"), array("I", [0])
        for word in vocabulary:
            flat.extend(by_word[word])
            offsets.append(len(flat))
        starts: dict[str, array] = {}
        for length in range(1, SHORT + 1):
            start = bisect.bisect_left(vocabulary, PLAIN_START)  # plain words only
            while start < len(vocabulary):
                prefix = vocabulary[start][:length]
                end = bisect.bisect_left(vocabulary, prefix + _TOP, start)
                if len(prefix) == length:
                    starts[prefix] = array("I", sorted(set(flat[offsets[start] : offsets[end]])))
                start = end
        return cls(vocabulary, offsets, flat, starts)

    @property
    def has_fields(self) -> bool:
        """Whether field words (``person:`` …) are indexed too."""
        return bool(self.vocabulary) and self.vocabulary[0].startswith(FIELD_MARK)

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

    def dump(self) -> tuple[tuple[str, ...], bytes, bytes, tuple[str, ...], tuple[bytes, ...]]:
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
    def load(cls, data: tuple[tuple[str, ...], bytes, bytes, tuple[str, ...], tuple[bytes, ...]]) -> Postings:
        """Inverse of :meth:`dump`."""
        vocabulary, offsets, rows, names, starts = data

        def ints(raw: bytes) -> array:
            out = array("I")
            out.frombytes(raw)
            return out

        return cls(
            vocabulary, ints(offsets), ints(rows), {name: ints(raw) for name, raw in zip(names, starts, strict=True)}
        )
