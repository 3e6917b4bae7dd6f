"""Checking what is read from the cache, as if it came from a file of someone else's.

A checksum proves a cache file is whole, not that it is ours: every value is
checked for type, length and range, and all text is neutralised again, before
anything uses it. A check that fails means "no cache": the catalog is rebuilt.
Checks run column by column at C speed (``map``, ``max``, one regex over a
whole column), so a warm start of 50,000 meetings pays a few milliseconds.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any, NamedTuple

from ..format.text import has_unsafe, neutralise, neutralise_line
from .entries import TEXT_COLUMNS, Entry, EntryColumns
from .facets import FIELD, VALUE, is_facet_line

ENTRY_COLUMNS = len(Entry._fields)
SEVERITIES = ("error", "warning")


class Malformed(ValueError):
    """A cache value that is not what this program writes."""


class FileMeta(NamedTuple):
    """What the index keeps of one briefing file."""

    path: str
    size: int
    mtime_ns: int
    problems: tuple[tuple[Any, ...], ...]  # Problem fields
    offset: int  # its record in the records file (after the header)
    length: int
    crc: int
    shape: tuple[int, ...]  # meetings in each of its briefings


def all_of(values: Sequence[Any], kind: type) -> bool:
    """Whether every one of ``values`` is exactly of type ``kind`` (checked at C speed)."""
    return not values or set(map(type, values)) == {kind}


def strings(values: Any, length: int | None = None) -> tuple[str, ...]:
    """A tuple of strings (search text: searched, never shown, so its type and count are what must hold)."""
    if type(values) is not tuple or not all_of(values, str) or (length is not None and len(values) != length):
        raise Malformed("not a column of text")
    return values


def facet_lines(values: Any) -> tuple[str, ...]:
    """A tuple of :mod:`~briefing.archive.facets` lines, each neutralised (but its separators) if it needs it."""
    if type(values) is not tuple or not all_of(values, str) or not all(map(is_facet_line, values)):
        raise Malformed("not a column of facets")
    joined = " ".join(values).replace(FIELD, "").replace(VALUE, "")
    if has_unsafe(joined):
        return tuple(
            FIELD.join(VALUE.join(map(neutralise, part.split(VALUE))) for part in line.split(FIELD)) for line in values
        )
    return values


def texts(values: Any, length: int | None = None) -> tuple[str, ...]:
    """A tuple of strings, neutralised if any of them holds a character that must not reach a terminal."""
    if type(values) is not tuple or (length is not None and len(values) != length):
        raise Malformed("not a column of text")
    try:
        joined = " ".join(values)  # and a TypeError if any is not a string: no pass of its own to check the types
    except TypeError:
        raise Malformed("not a column of text") from None
    if has_unsafe(joined):
        return tuple(map(neutralise, values))
    return values


def number(value: Any, low: int = 0, high: int = 1 << 63) -> int:
    """``value`` if it is an int within [low, high)."""
    if type(value) is not int or not low <= value < high:
        raise Malformed("not a number in range")
    return value


def _numbers(raw: Any, high: int) -> bytes:
    if type(raw) is not bytes or len(raw) % 4:
        raise Malformed("not a column of numbers")
    column = array("I")
    column.frombytes(raw)
    if column and max(column) >= high:
        raise Malformed("a number out of range")
    return raw


def problem(fields: Any) -> tuple[str, int, int, str, str, str, int]:
    """A cached problem's fields, checked and neutralised."""
    if type(fields) is not tuple or len(fields) != 7:
        raise Malformed("not a problem")
    path, line, column, field, message, severity, hidden = fields
    if severity not in SEVERITIES or not all_of([path, field, message], str):
        raise Malformed("not a problem")
    return (
        neutralise_line(path),
        number(line, 0, 1 << 32),
        number(column, 0, 1 << 32),
        neutralise_line(field),
        neutralise_line(message),
        severity,
        number(hidden, 0, 1 << 40),
    )


_BIG = 1 << 63


def file_meta(fields: Any) -> FileMeta:
    """One file's cached metadata, checked (10,000 files in a warm start: kept to plain comparisons)."""
    if type(fields) is not tuple or len(fields) != len(FileMeta._fields):
        raise Malformed("not a file's metadata")
    path, size, mtime, problems, offset, length, crc, shape = fields
    if type(path) is not str or type(problems) is not tuple or type(shape) is not tuple:
        raise Malformed("not a file's metadata")
    if not (type(size) is type(mtime) is type(offset) is type(length) is type(crc) is int):
        raise Malformed("not a file's metadata")
    if not (0 <= size < _BIG and -_BIG <= mtime < _BIG and 0 <= offset < _BIG and 0 <= length < _BIG):
        raise Malformed("a number out of range")
    if not 0 <= crc < 1 << 32:
        raise Malformed("a number out of range")
    for count in shape:  # one or a few briefings
        if type(count) is not int or not 0 <= count < 1 << 31:
            raise Malformed("not a file's shape")
    # path is compared with the paths found on disk, never shown from here
    return FileMeta(path, size, mtime, tuple(map(problem, problems)) if problems else (), offset, length, crc, shape)


def entry_parts(parts: Sequence[Any], count: int, files: int) -> EntryColumns:
    """The list entries of ``count`` meetings from their cached chunks, every column checked."""
    per = EntryColumns.chunks(count)
    if len(parts) != ENTRY_COLUMNS * per:
        raise Malformed("not the list entries")
    checked: list[Any] = []
    for column in range(ENTRY_COLUMNS):
        chunks = parts[column * per : (column + 1) * per]
        if column < TEXT_COLUMNS:
            checked += [texts(chunk) for chunk in chunks]
        else:
            checked += [_numbers(raw, files if column == ENTRY_COLUMNS - 1 else 1 << 31) for raw in chunks]
    entries = EntryColumns.load(checked, count)
    if any(len(column) != count for column in entries.columns):
        raise Malformed("entry columns of different lengths")
    return entries


def vocabulary(words: Any) -> tuple[str, ...]:
    """A sorted tuple of words."""
    if type(words) is not tuple or not all_of(words, str) or list(words) != sorted(words):
        raise Malformed("not a sorted vocabulary")
    return words
