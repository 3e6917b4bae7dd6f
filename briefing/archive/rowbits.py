"""Sets of rows as Python ints, one bit per row (bit ``r`` is row ``r``): what search at scale computes with.

At 450,000 meetings, a set of a common word's rows built as a Python ``set``
costs tens of milliseconds; as an int, a union or an intersection is one C
loop over 56 KB, a count is ``int.bit_count``. What is slow is crossing
between the two forms, so a search keeps its sets as ints throughout and
turns them into positions only where a person looks: :class:`RankedRows`
finds the ``k``-th row of a result when the list draws it, without listing
the rest.

Every conversion here runs in C loops (``bytearray`` item assignment through
``map``, ``int`` from a string of binary digits, ``itertools.compress``).
"""

from __future__ import annotations

import bisect
from array import array
from collections import deque
from collections.abc import Iterable, Iterator, Sequence, Set, Sized
from itertools import accumulate, chain, compress, islice, repeat
from typing import overload

from ..pacing import give_way

_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_FLAGS = bytes.maketrans(b"01", b"\x00\x01")
FEW = 16
"""Fewer rows than this are set one bit at a time (quicker than a pass over ``size`` bytes)."""
STEP = 32_768
"""Rows handled per C loop when a set is built from many (about a millisecond each).

A reader's loading worker builds thousands of sets; one loop over 200,000 rows
holds the interpreter for 15 ms, and a key painted meanwhile waits for it
several times over.
"""
CHUNK = 64
"""Bytes of bits counted as one step when finding the ``k``-th row (512 rows)."""


def bits_of(rows: Iterable[int], size: int) -> int:
    """The set of ``rows`` (each below ``size``) as an int."""
    if isinstance(rows, Sized) and len(rows) < FEW:
        bits = 0
        for row in rows:
            bits |= 1 << row
        return bits
    flags = bytearray(size)
    every = iter(rows)
    # A C loop (flags[row] = 1) per STEP rows: between steps another thread may take the interpreter.
    for step in iter(lambda: list(islice(every, STEP)), []):
        deque(map(flags.__setitem__, step, repeat(1)), maxlen=0)
    return bits_from_flags(flags)


def bits_from_flags(flags: bytes | bytearray) -> int:
    """The rows whose byte in ``flags`` is 1 (each byte 0 or 1)."""
    return int(flags.translate(_DIGITS)[::-1], 2) if flags else 0


def below(size: int) -> int:
    """Every row below ``size``."""
    return (1 << size) - 1


def flags_of(bits: int) -> bytes:
    """One byte per row up to the last set one, 1 where the row is in ``bits``."""
    return bin(bits)[:1:-1].encode("ascii").translate(_FLAGS) if bits else b""


def positions(bits: int, start: int = 0) -> Iterator[int]:
    """The rows of ``bits``, ascending (``start``: the row bit 0 stands for)."""
    flags = flags_of(bits)
    return compress(range(start, start + len(flags)), flags)


class RowSet(Set[int]):
    """A set of rows held as an int: membership, size and iteration without building a Python set."""

    __slots__ = ("bits",)

    def __init__(self, bits: int = 0) -> None:
        self.bits = bits

    def __contains__(self, row: object) -> bool:
        return isinstance(row, int) and row >= 0 and bool(self.bits >> row & 1)

    def __len__(self) -> int:
        return self.bits.bit_count()

    def __iter__(self) -> Iterator[int]:
        return positions(self.bits)

    def __repr__(self) -> str:
        return f"RowSet({sorted(self)!r})"


class RankedRows(Sequence[int]):
    """Rows in ranked groups (disjoint sets, best first), ascending within a group: a result, read lazily.

    ``rows[k]`` finds the ``k``-th row by counting bits a few hundred rows at a time; ``rows.index(row)``
    counts the bits below it. Neither lists the result.
    """

    __slots__ = ("_ends", "_groups", "_last", "_steps")

    def __init__(self, groups: Iterable[int]) -> None:
        self._groups = [group for group in groups if group]
        self._ends = list(accumulate(group.bit_count() for group in self._groups))
        self._steps: dict[int, tuple[bytes, list[int]]] = {}  # group -> its bytes, rows counted per CHUNK bytes
        self._last: tuple[int, int, list[int]] = (-1, -1, [])  # group, chunk, its rows (the list draws in runs)

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def __bool__(self) -> bool:
        return bool(self._groups)

    @overload
    def __getitem__(self, at: int) -> int: ...
    @overload
    def __getitem__(self, at: slice) -> list[int]: ...
    def __getitem__(self, at: int | slice) -> int | list[int]:
        if isinstance(at, slice):
            return [self._select(k) for k in range(len(self))[at]]
        size = len(self)
        if at < 0:
            at += size
        if not 0 <= at < size:
            raise IndexError("row out of range")
        return self._select(at)

    def __contains__(self, row: object) -> bool:
        return isinstance(row, int) and row >= 0 and any(group >> row & 1 for group in self._groups)

    def __iter__(self) -> Iterator[int]:
        for group in self._groups:
            yield from positions(group)

    def index(self, row: int, start: int = 0, stop: int | None = None) -> int:
        """Where ``row`` is in the result (``ValueError`` if it is not, or not within ``start:stop``)."""
        before = 0
        for group, end in zip(self._groups, self._ends, strict=True):
            if row >= 0 and group >> row & 1:
                at = before + (group & below(row)).bit_count()
                if start <= at and (stop is None or at < stop):
                    return at
                break
            before = end
        raise ValueError(f"{row} is not in the result")

    def _select(self, k: int) -> int:
        number = bisect.bisect_right(self._ends, k)
        k -= self._ends[number - 1] if number else 0
        raw, counted = self._counted(number)
        chunk = bisect.bisect_right(counted, k)
        group, at, rows = self._last
        if (group, at) != (number, chunk):
            low = chunk * CHUNK
            rows = list(positions(int.from_bytes(raw[low : low + CHUNK], "little"), low * 8))
            self._last = (number, chunk, rows)
        return rows[k - (counted[chunk - 1] if chunk else 0)]

    def _counted(self, number: int) -> tuple[bytes, list[int]]:
        """Group ``number``'s bits as bytes, with the rows counted to the end of each chunk."""
        steps = self._steps.get(number)
        if steps is None:
            group = self._groups[number]
            raw = group.to_bytes((group.bit_length() + 7) // 8, "little")
            counts = (int.from_bytes(raw[at : at + CHUNK], "little").bit_count() for at in range(0, len(raw), CHUNK))
            steps = self._steps[number] = (raw, list(accumulate(counts)))
        return steps


class SortedColumn:
    """One text column of every row, sorted, for sets like "rows whose value is at most X" in a few C loops.

    The rows in order of their values, and the set of the first ``k`` of them at every :attr:`step`:
    the set of any prefix is a kept set and at most one step of rows more.
    """

    def __init__(self, values: Sequence[str]) -> None:
        self.size = len(values)
        # Sorted by counting: a column holds few distinct values (days), and its rows are put in order
        # STEP at a time, where one sort of 450,000 rows would hold the interpreter for 50 ms. Each value's
        # rows stay in row order, as a stable sort leaves them.
        distinct = sorted(set(values))
        rank = {value: number for number, value in enumerate(distinct)}
        rows_of: list[list[int]] = [[] for _ in distinct]
        for start in range(0, self.size, STEP):
            for row, number in enumerate(map(rank.__getitem__, values[start : start + STEP]), start):
                rows_of[number].append(row)
            give_way()
        self.values = list(chain.from_iterable(map(repeat, distinct, map(len, rows_of))))
        self.order = array("I", chain.from_iterable(rows_of))
        self.step = max(1024, self.size // 64)
        marks, bits = [0], 0
        for at in range(self.step, self.size + 1, self.step):
            bits |= bits_of(self.order[at - self.step : at], self.size)
            marks.append(bits)
            give_way()
        self._marks = marks

    def _first(self, count: int) -> int:
        """The rows with the ``count`` smallest values."""
        kept = count // self.step
        rest = self.order[kept * self.step : count]
        return self._marks[kept] | (bits_of(rest, max(rest) + 1) if rest else 0)

    def at_most(self, value: str) -> int:
        """Rows whose value is at most ``value``."""
        return self._first(bisect.bisect_right(self.values, value))

    def at_least(self, value: str) -> int:
        """Rows whose value is at least ``value``."""
        return below(self.size) & ~self._first(bisect.bisect_left(self.values, value))
