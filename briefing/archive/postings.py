"""Which meetings hold which words: the word-prefix index behind search at scale.

The vocabulary is sorted, so the words starting with a prefix are one slice of
it, and their rows (meeting positions in the catalog) are one slice of a flat
array. A word of a field (``person:`` …) is indexed twice: as itself, and as
``\\x01`` + the field's letter + the word, so field searches are answered by
the same slices; folded text holds no control characters, so field words sort
before (and never mix with) plain words. The rows of each one-letter start,
which match most of an archive, are kept ready. Everything is :mod:`array`
data, built once per load and answering a prefix in well under a frame at
50,000 meetings.

The cache keeps the rows in compressed blocks of :data:`BLOCK_ROWS`, each
inflated (and checked) when a search first needs it: a warm ``briefing
search`` of three words reads three blocks, not the whole index.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Sequence
from typing import Any

from .cache import compress_record, inflated
from .searchtext import MARK, field_words

_TOP = "\U0010ffff"
SHORT = 1
"""Plain-word starts of this length are precomputed (they match most rows)."""
PLAIN_START = "\x02"
BLOCK_ROWS = 1 << 16
"""Rows per compressed block in the cache (256 KiB inflated)."""

Dump = tuple[tuple[str, ...], bytes, tuple[bytes, ...], tuple[str, ...], tuple[bytes, ...]]


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


def _pack(rows: array[int]) -> bytes:
    return compress_record(rows.tobytes())  # packed as the cache packs a file's record


class Damaged(ValueError):
    """Rows read from the cache that are not what they must be (cut short, or past the last meeting)."""


class _Blocks:
    """The flat rows as the cache keeps them: packed blocks of :data:`BLOCK_ROWS`, each unpacked when first read."""

    def __init__(self, blocks: tuple[bytes, ...], count: int, bound: int) -> None:
        self.blocks = blocks
        self.count = count  # rows in all
        self.bound = bound  # every row is below it
        self._open: dict[int, array[int]] = {}

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, span: slice) -> array[int]:
        low, high = span.start, min(span.stop, self.count)
        if low >= high:
            return array("I")
        first, last = low // BLOCK_ROWS, (high - 1) // BLOCK_ROWS
        if first == last:
            return self.block(first)[low - first * BLOCK_ROWS : high - first * BLOCK_ROWS]
        rows = array("I")
        for number in range(first, last + 1):
            rows.extend(self.block(number))
        return rows[low - first * BLOCK_ROWS : high - first * BLOCK_ROWS]

    def block(self, number: int) -> array[int]:
        """Block ``number``, unpacked and checked; :class:`Damaged` if it is not whole or holds a row out of range."""
        rows = self._open.get(number)
        if rows is None:
            size = min(BLOCK_ROWS, self.count - number * BLOCK_ROWS)
            rows = self.unpacked(self.blocks[number], size)
            if len(rows) != size:
                raise Damaged("a block of rows of the wrong size")
            self._open[number] = rows
        return rows

    def unpacked(self, blob: bytes, most: int) -> array[int]:
        """The rows packed in ``blob`` (at most ``most``), each below the bound; :class:`Damaged` if not."""
        try:
            raw = inflated(blob, 4 * most)
        except ValueError:
            raise Damaged("rows that do not unpack") from None
        if len(raw) % 4:
            raise Damaged("rows that do not unpack")
        rows = _ints(raw)
        if rows and max(rows) >= self.bound:
            raise Damaged("a row past the last one")
        return rows


class Postings:
    """A word-prefix index over the haystacks of a catalog (or of its briefings).

    ``rows`` is the flat array (built here) or the cache's blocks; ``packed``
    holds the one-letter starts not unpacked yet. A damaged part of a cached
    index is found when first used: it answers nothing, :attr:`damaged` is set
    and ``on_damage`` called once, so the caller can search without the index
    and the cache can be rebuilt.
    """

    def __init__(
        self,
        vocabulary: Sequence[str],
        offsets: array[int],
        rows: array[int] | _Blocks,
        starts: dict[str, array[int]],
        packed: dict[str, bytes] | None = None,
        on_damage: Callable[[], None] | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.offsets = offsets
        self.rows = rows
        self.starts = starts
        self.packed = packed or {}
        self._on_damage = on_damage
        self.damaged = False

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
        if len(prefix) <= SHORT:
            short = self.starts.get(prefix)
            if short is None and prefix in self.packed:
                short = self._start(prefix)
            if short is not None:
                return short
        start, end = prefix_range(self.vocabulary, prefix)
        rows = self._slice(start, end)
        return rows if end - start <= 1 else sorted(set(rows))

    def word_rows(self, word: str) -> Sequence[int]:
        """Rows with exactly the word ``word``, ascending."""
        start = bisect.bisect_left(self.vocabulary, word)
        if start < len(self.vocabulary) and self.vocabulary[start] == word:
            return self._slice(start, start + 1)
        return ()

    def unpack(self) -> None:
        """Unpack every block and start of a cached index now (a reader does it in a worker: no keystroke waits)."""
        rows = self.rows
        if isinstance(rows, _Blocks):
            for number in range(len(rows.blocks)):
                try:
                    rows.block(number)
                except Damaged:
                    self._damage()
                    return
        for prefix in list(self.packed):
            if prefix not in self.starts:
                self._start(prefix)

    def _slice(self, start: int, end: int) -> array[int]:
        """The rows of words ``start:end`` (none, if the cache's blocks holding them are damaged)."""
        try:
            return self.rows[self.offsets[start] : self.offsets[end]]
        except Damaged:
            self._damage()
            return array("I")

    def _start(self, prefix: str) -> array[int]:
        """A one-letter start of a cached index, unpacked and checked (none, if damaged)."""
        blocks = self.rows
        assert isinstance(blocks, _Blocks)  # packed starts come only with the packed rows of a cached index
        try:
            rows = blocks.unpacked(self.packed[prefix], blocks.bound)  # a start holds each row once at most
        except Damaged:
            self._damage()
            return array("I")
        self.starts[prefix] = rows
        return rows

    def _damage(self) -> None:
        if not self.damaged:
            self.damaged = True
            if self._on_damage is not None:
                self._on_damage()

    # ------------------------------------------------------------- storage

    def dump(self) -> Dump:
        """Plain data for the cache: the rows and the starts packed (a cached index's as they were read)."""
        rows = self.rows
        if isinstance(rows, _Blocks):
            blocks = rows.blocks
        else:
            blocks = tuple(_pack(rows[at : at + BLOCK_ROWS]) for at in range(0, len(rows), BLOCK_ROWS))
        names = tuple(sorted({*self.starts, *self.packed}))
        packed = tuple(self.packed[name] if name in self.packed else _pack(self.starts[name]) for name in names)
        return tuple(self.vocabulary), self.offsets.tobytes(), blocks, names, packed

    @classmethod
    def load(cls, data: Dump, bound: int, on_damage: Callable[[], None] | None = None) -> Postings:
        """Inverse of :meth:`dump` (of data that passed :meth:`check`), over rows below ``bound``.

        Nothing is unpacked yet: each block is unpacked and checked when first used.
        """
        vocabulary, offsets, blocks, names, packed = data
        ends = _ints(offsets)
        starts = dict(zip(names, packed, strict=True))
        return cls(vocabulary, ends, _Blocks(blocks, ends[-1], bound), {}, starts, on_damage)

    @staticmethod
    def check(data: Any) -> None:
        """Raise ``ValueError`` unless ``data`` has the shape of a :meth:`dump` (its blocks are checked in use)."""
        if type(data) is not tuple or len(data) != 5:
            raise ValueError("not a word index")
        vocabulary, offsets, blocks, names, packed = data
        if (
            type(vocabulary) is not tuple
            or set(map(type, vocabulary)) - {str}
            or list(vocabulary) != sorted(vocabulary)
        ):
            raise ValueError("not a sorted vocabulary")
        if type(offsets) is not bytes or len(offsets) % 4 or type(blocks) is not tuple or type(packed) is not tuple:
            raise ValueError("not arrays")
        if set(map(type, (*blocks, *packed))) - {bytes}:
            raise ValueError("not packed blocks")
        if type(names) is not tuple or len(names) != len(packed) or set(map(type, names)) - {str}:
            raise ValueError("not the precomputed starts")
        ends = _ints(offsets)
        if len(ends) != len(vocabulary) + 1 or ends[0] != 0 or list(ends) != sorted(ends):
            raise ValueError("offsets do not fit")
        if len(blocks) != -(-ends[-1] // BLOCK_ROWS):
            raise ValueError("blocks do not fit")
