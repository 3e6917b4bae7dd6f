"""Which meetings hold which words: the word-prefix index behind search at scale.

The vocabulary is sorted, so the words starting with a prefix are one slice of
it, and their rows (meeting positions in the catalog) are one slice of a flat
array. A word of a field (``person:`` …) is indexed twice: as itself, and as
``\\x01`` + the field's letter + the word, so field searches are answered by
the same slices; folded text holds no control characters, so field words sort
before (and never mix with) plain words. The rows of each one-letter start,
which match most of an archive, are kept ready. A word of many rows (more
than one in :data:`DENSE`) is kept as a set of bits (see
:mod:`briefing.archive.rowbits`), the others as :mod:`array` slices; a
prefix is answered as a set of bits, in well under a frame at 450,000 meetings.

The cache keeps the rows in compressed blocks of :data:`BLOCK_ROWS`, and each
set of bits compressed alone, each inflated (and checked) when a search first
needs it: a warm ``briefing search`` of three words reads three of them, not
the whole index.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from ..pacing import give_way
from .cache import compress_record, inflated
from .rowbits import bits_of
from .searchtext import MARK, field_words

_TOP = "\U0010ffff"
SHORT = 1
"""Plain-word starts of this length are precomputed, as bits (they match most rows)."""
PLAIN_START = "\x02"
BLOCK_ROWS = 1 << 16
"""Rows per compressed block in the cache (256 KiB inflated)."""

DENSE = 32
"""A word in more than one row in this many is kept as a set of bits (smaller than its rows, and quicker)."""
MEMO = 64
"""Prefixes whose rows are remembered (typing "rubio" reuses nothing, but Backspace and retyping do)."""

Dump = tuple[tuple[str, ...], bytes, tuple[bytes, ...], tuple[str, ...], tuple[bytes, ...], bytes, tuple[bytes, ...]]
DUMP_KINDS = (tuple, bytes, tuple, tuple, tuple, bytes, tuple)
"""The type of each piece of a :data:`Dump`."""


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
    """A word-prefix index over the haystacks of a catalog (or of its briefings), answering with sets of bits.

    ``rows`` is the flat array of the sparse words (built here) or the cache's
    blocks; ``dense`` the bits of each dense word (by its number in the
    vocabulary) and ``starts`` those of each one-letter start, as ints or, read
    from the cache, still packed. A damaged part of a cached index is found
    when first used: it answers nothing, :attr:`damaged` is set and
    ``on_damage`` called once, so the caller can search without the index and
    the cache can be rebuilt.
    """

    def __init__(
        self,
        vocabulary: Sequence[str],
        offsets: array[int],
        rows: array[int] | _Blocks,
        dense: dict[int, int | bytes],
        starts: dict[str, int | bytes],
        bound: int,
        on_damage: Callable[[], None] | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.offsets = offsets
        self.rows = rows
        self.dense = dense
        self.starts = starts
        self.bound = bound
        """Every row is below it (the catalog's meetings, or briefings)."""
        self._dense_words = sorted(dense)
        self._on_damage = on_damage
        self._remembered = lru_cache(maxsize=MEMO)(self._prefix_words)
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
        size = len(hays)
        vocabulary = sorted(by_word)
        flat, offsets = array("I"), array("I", [0])
        dense: dict[int, int | bytes] = {}
        for number, word in enumerate(vocabulary):
            rows = by_word[word]
            if len(rows) * DENSE > size:
                dense[number] = bits_of(rows, size)
            else:
                flat.extend(rows)
            offsets.append(len(flat))
        index = cls(vocabulary, offsets, flat, dense, {}, size)
        start = bisect.bisect_left(vocabulary, PLAIN_START)  # plain words only
        while start < len(vocabulary):
            prefix = vocabulary[start][:SHORT]
            end = bisect.bisect_left(vocabulary, prefix + _TOP, start)
            index.starts[prefix] = index._words(start, end)
            start = end
        return index

    def plain_vocabulary(self) -> Sequence[str]:
        """The vocabulary without field words."""
        return self.vocabulary[bisect.bisect_left(self.vocabulary, PLAIN_START) :]

    def prefix_bits(self, prefix: str) -> int:
        """Rows with a word starting with ``prefix``."""
        if len(prefix) <= SHORT and prefix in self.starts:
            return self._start(prefix)
        return self._remembered(prefix)

    def _prefix_words(self, prefix: str) -> int:
        return self._words(*prefix_range(self.vocabulary, prefix))

    def word_bits(self, word: str) -> int:
        """Rows with exactly the word ``word``."""
        start = bisect.bisect_left(self.vocabulary, word)
        if start < len(self.vocabulary) and self.vocabulary[start] == word:
            return self._words(start, start + 1)
        return 0

    def unpack(self) -> None:
        """Unpack every block, set and start of a cached index now (a reader does it in a worker)."""
        rows = self.rows
        if isinstance(rows, _Blocks):
            for number in range(len(rows.blocks)):
                try:
                    rows.block(number)
                except Damaged:
                    self._damage()
                    return
                give_way()  # a step of the reader's loading: a key typed meanwhile runs alone
        for number in self._dense_words:
            self.dense_bits(number)
            give_way()
        for prefix in list(self.starts):
            self._start(prefix)

    def prefix_parts(self, prefix: str) -> tuple[list[int], int]:
        """The words starting with ``prefix`` in two parts: the dense ones (by number), and the others' rows."""
        start, end = prefix_range(self.vocabulary, prefix)
        return self._dense_among(start, end), self._sparse(start, end)

    def _words(self, start: int, end: int) -> int:
        """The rows of words ``start:end``: their sets of bits, and their sparse rows."""
        if start >= end:
            return 0
        bits = self._sparse(start, end)
        for number in self._dense_among(start, end):
            bits |= self.dense_bits(number)
        return bits

    def _dense_among(self, start: int, end: int) -> list[int]:
        """The dense words among words ``start:end`` (by number)."""
        dense = self._dense_words
        return dense[bisect.bisect_left(dense, start) : bisect.bisect_left(dense, end)]

    def _sparse(self, start: int, end: int) -> int:
        """The rows of the sparse words among words ``start:end``."""
        try:
            rows = self.rows[self.offsets[start] : self.offsets[end]]
        except Damaged:
            self._damage()
            return 0
        return bits_of(rows, max(rows) + 1) if rows else 0

    def dense_bits(self, number: int) -> int:
        """The rows of dense word ``number`` (of the vocabulary)."""
        bits = self.dense[number]
        if isinstance(bits, bytes):
            bits = self.dense[number] = self._unpacked(bits)
        return bits

    def _start(self, prefix: str) -> int:
        bits = self.starts[prefix]
        if isinstance(bits, bytes):
            bits = self.starts[prefix] = self._unpacked(bits)
        return bits

    def _unpacked(self, blob: bytes) -> int:
        """A set of bits as the cache packs it (none, if it does not unpack or holds a row past the bound)."""
        size = (self.bound + 7) // 8
        try:
            raw = inflated(blob, size)
        except ValueError:
            raw = b""
        bits = int.from_bytes(raw, "little")
        if len(raw) != size or bits >> self.bound:
            self._damage()
            return 0
        return bits

    def _damage(self) -> None:
        if not self.damaged:
            self.damaged = True
            if self._on_damage is not None:
                self._on_damage()

    # ------------------------------------------------------------- storage

    def _packed(self, bits: int | bytes) -> bytes:
        return bits if isinstance(bits, bytes) else compress_record(bits.to_bytes((self.bound + 7) // 8, "little"))

    def dump(self) -> Dump:
        """Plain data for the cache: the rows, sets and starts packed (a cached index's as they were read)."""
        rows = self.rows
        if isinstance(rows, _Blocks):
            blocks = rows.blocks
        else:
            blocks = tuple(_pack(rows[at : at + BLOCK_ROWS]) for at in range(0, len(rows), BLOCK_ROWS))
        names = tuple(sorted(self.starts))
        numbers = self._dense_words
        return (
            tuple(self.vocabulary),
            self.offsets.tobytes(),
            blocks,
            names,
            tuple(self._packed(self.starts[name]) for name in names),
            array("I", numbers).tobytes(),
            tuple(self._packed(self.dense[number]) for number in numbers),
        )

    @classmethod
    def load(cls, data: Dump, bound: int, on_damage: Callable[[], None] | None = None) -> Postings:
        """Inverse of :meth:`dump` (of data that passed :meth:`check`), over rows below ``bound``.

        Nothing is unpacked yet: each block and set is unpacked and checked when first used.
        """
        vocabulary, offsets, blocks, names, starts, numbers, dense = data
        ends = _ints(offsets)
        return cls(
            vocabulary,
            ends,
            _Blocks(blocks, ends[-1], bound),
            dict(zip(_ints(numbers), dense, strict=True)),
            dict(zip(names, starts, strict=True)),
            bound,
            on_damage,
        )

    @staticmethod
    def check(data: Any) -> None:
        """Raise ``ValueError`` unless ``data`` has the shape of a :meth:`dump` (its blocks are checked in use)."""
        if type(data) is not tuple or len(data) != len(DUMP_KINDS):
            raise ValueError("not a word index")
        vocabulary, offsets, blocks, names, starts, numbers, dense = data
        if (
            type(vocabulary) is not tuple
            or set(map(type, vocabulary)) - {str}
            or list(vocabulary) != sorted(vocabulary)
        ):
            raise ValueError("not a sorted vocabulary")
        if any(type(part) is not bytes or len(part) % 4 for part in (offsets, numbers)):
            raise ValueError("not arrays")
        if any(type(part) is not tuple for part in (blocks, starts, dense)):
            raise ValueError("not arrays")
        if set(map(type, (*blocks, *starts, *dense))) - {bytes}:
            raise ValueError("not packed blocks")
        if type(names) is not tuple or len(names) != len(starts) or set(map(type, names)) - {str}:
            raise ValueError("not the precomputed starts")
        ends = _ints(offsets)
        if len(ends) != len(vocabulary) + 1 or ends[0] != 0 or list(ends) != sorted(ends):
            raise ValueError("offsets do not fit")
        if len(blocks) != -(-ends[-1] // BLOCK_ROWS):
            raise ValueError("blocks do not fit")
        words = _ints(numbers)
        if (
            len(words) != len(dense)
            or list(words) != sorted(set(words))
            or (words and words[-1] >= len(vocabulary))
            or any(ends[number] != ends[number + 1] for number in words)
        ):
            raise ValueError("not the sets of the dense words")
