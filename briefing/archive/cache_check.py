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
from typing import Any

from ..format.text import has_unsafe, neutralise, neutralise_line
from .cache import CacheIndex, FileMeta

ENTRY_COLUMNS = 12
TEXT_COLUMNS = 9
SEVERITIES = ("error", "warning")


class Malformed(ValueError):
    """A cache value that is not what this program writes."""


def _all(values: Sequence[Any], kind: type) -> bool:
    return not values or set(map(type, values)) == {kind}


def _texts(values: Any) -> tuple[str, ...]:
    """A tuple of strings, neutralised if any of them holds a character that must not reach a terminal."""
    if type(values) is not tuple or not _all(values, str):
        raise Malformed("not a column of text")
    if has_unsafe(" ".join(values)):
        return tuple(map(neutralise, values))
    return values


def _int(value: Any, low: int = 0, high: int = 1 << 63) -> int:
    if type(value) is not int or not low <= value < high:
        raise Malformed("not a number in range")
    return value


def _numbers(raw: Any, count: int, high: int) -> array[int]:
    if type(raw) is not bytes or len(raw) != 4 * count:
        raise Malformed("not a column of numbers")
    column = array("I")
    column.frombytes(raw)
    if column and max(column) >= high:
        raise Malformed("a number out of range")
    return column


def _problem(fields: Any) -> tuple[str, int, int, str, str, str, int]:
    if type(fields) is not tuple or len(fields) != 7:
        raise Malformed("not a problem")
    path, line, column, field, message, severity, hidden = fields
    if severity not in SEVERITIES or not _all([path, field, message], str):
        raise Malformed("not a problem")
    return (
        neutralise_line(path),
        _int(line, 0, 1 << 32),
        _int(column, 0, 1 << 32),
        neutralise_line(field),
        neutralise_line(message),
        severity,
        _int(hidden, 0, 1 << 40),
    )


def _meta(fields: Any) -> FileMeta:
    if type(fields) is not tuple or len(fields) != len(FileMeta._fields):
        raise Malformed("not a file's metadata")
    path, size, mtime, problems, offset, length, crc, shape = fields
    if type(path) is not str or type(problems) is not tuple or type(shape) is not tuple:
        raise Malformed("not a file's metadata")
    return FileMeta(
        path,  # compared with the paths found on disk, never shown from here
        _int(size),
        _int(mtime, -(1 << 63)),
        tuple(map(_problem, problems)),
        _int(offset),
        _int(length),
        _int(crc, 0, 1 << 32),
        tuple(_int(count, 0, 1 << 31) for count in shape),
    )


def _entries(data: Any, files: int) -> tuple[Any, ...]:
    if type(data) is not tuple or len(data) != ENTRY_COLUMNS:
        raise Malformed("not the list entries")
    texts = [_texts(column) for column in data[:TEXT_COLUMNS]]
    count = len(texts[0])
    if any(len(column) != count for column in texts):
        raise Malformed("entry columns of different lengths")
    numbers = [
        _numbers(raw, count, high) for raw, high in zip(data[TEXT_COLUMNS:], (1 << 31, 1 << 31, files), strict=True)
    ]
    return (*texts, *(column.tobytes() for column in numbers))


def _vocabulary(words: Any) -> tuple[str, ...]:
    if type(words) is not tuple or not _all(words, str) or list(words) != sorted(words):
        raise Malformed("not a sorted vocabulary")
    return words


def checked_index(data: Any, generation: bytes) -> CacheIndex | None:
    """The index from unmarshalled ``data`` if every value is as written by this program, else None."""
    try:
        if type(data) is not tuple or len(data) != 4:
            raise Malformed("not an index")
        raw_files, entries, vocabulary, postings = data
        if type(raw_files) is not tuple:
            raise Malformed("not an index")
        files = tuple(map(_meta, raw_files))
        checked = _entries(entries, len(files))
        if postings is not None:
            from .postings import Postings

            if type(postings) is not tuple or len(postings) != 2:
                raise Malformed("not a word index")
            Postings.check(postings[0], len(checked[0]))
            Postings.check(postings[1], sum(len(meta.shape) for meta in files))
        return CacheIndex(files, checked, _vocabulary(vocabulary), postings, generation)
    except (Malformed, TypeError, ValueError):
        return None


def checked_text(
    data: Any, meetings: int, shapes: Sequence[int]
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None:
    """The search text from unmarshalled ``data``: ``meetings`` haystacks and, per file, one per briefing; else None.

    Haystacks are searched, never shown, so their types and counts are what must hold.
    """
    try:
        if type(data) is not tuple or len(data) != 2:
            raise Malformed("not search text")
        hays, by_file = data
        if type(hays) is not tuple or len(hays) != meetings or not _all(hays, str):
            raise Malformed("not the meetings' search text")
        if type(by_file) is not tuple or len(by_file) != len(shapes):
            raise Malformed("not the briefings' search text")
        for briefing_hays, count in zip(by_file, shapes, strict=True):
            if type(briefing_hays) is not tuple or len(briefing_hays) != count or not _all(briefing_hays, str):
                raise Malformed("not the briefings' search text")
        return hays, by_file
    except (Malformed, TypeError, ValueError):
        return None
