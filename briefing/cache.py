"""The parse cache: the catalog of an archive, kept between runs.

Three files per set of paths, in ``$XDG_CACHE_HOME/briefing`` (or the
platform's cache folder):

* ``*.index``: every file's size, modification time and problems, the list
  entries of every meeting (newest first, ready to use), the search vocabulary
  and, for a large archive, the word index. A warm start reads this file alone.
* ``*.hays``: the search text of every meeting, read on the first search.
* ``*.records``: each file's full briefings, read one file at a time when a
  meeting is opened.

A file's record is reused only while the file keeps the same size and
modification time, so a changed file is parsed again alone.

Safety: the format is :mod:`marshal` of plain tuples, strings, ints and bytes,
which builds no objects with behaviour and runs no code when read (unlike
pickle). The index carries a magic string, a version and a CRC-32, and every
record its own CRC-32, so a corrupt, foreign or old cache is ignored (and
rewritten), never trusted and never fatal. Each file is written to a
temporary file and renamed into place; a crash between the renames leaves
records whose CRCs do not match, which are then parsed afresh.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import struct
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .collector import paused

MAGIC = b"briefing-cache\n"
VERSION = 4
_HEADER = struct.Struct("<HHHIQ")  # version, python major, minor, crc32, payload length


class FileMeta(NamedTuple):
    """What the index keeps of one briefing file."""

    path: str
    size: int
    mtime_ns: int
    problems: tuple[tuple[Any, ...], ...]  # Problem fields
    offset: int  # its record in the records file
    length: int
    crc: int


class CacheIndex(NamedTuple):
    """The index file's contents (the search text is in a file of its own, read when needed)."""

    files: tuple[FileMeta, ...]
    entries: tuple[Any, ...]  # EntryColumns.dump(), newest first; ``file`` indexes ``files``
    vocabulary: tuple[str, ...]
    postings: Any  # Postings.dump() of the word-prefix index, or None


class RecordRef:
    """Where one file's record is; :meth:`read` checks it is intact."""

    __slots__ = ("crc", "length", "offset", "path")

    def __init__(self, path: Path, offset: int, length: int, crc: int) -> None:
        self.path = path
        self.offset = offset
        self.length = length
        self.crc = crc

    def read(self) -> bytes:
        """The record's bytes; raises ``ValueError`` if they are missing or damaged."""
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            data = handle.read(self.length)
        if len(data) != self.length or zlib.crc32(data) != self.crc:
            raise ValueError("damaged cache record")
        return data


def cache_dir() -> Path:
    """The user's cache folder for briefing."""
    env = os.environ.get("XDG_CACHE_HOME")
    if env:
        base = Path(env)
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path.home() / ".cache"
    return base / "briefing"


class CachePaths(NamedTuple):
    """The three files of one cache."""

    index: Path
    hays: Path
    records: Path


def cache_paths(roots: Sequence[str]) -> CachePaths:
    """The cache files for a set of paths (order and spelling do not matter)."""
    names = "\0".join(sorted({os.path.realpath(p) for p in roots})).encode("utf-8", "surrogateescape")
    digest = f"{zlib.crc32(names):08x}{zlib.adler32(names):08x}"  # a name, not a secret: no hashlib needed
    stem = cache_dir() / f"catalog-{digest}"
    return CachePaths(stem.with_suffix(".index"), stem.with_suffix(".hays"), stem.with_suffix(".records"))


def _read_payload(path: Path) -> Any:
    """Unmarshal a file written by :func:`_framed`; None if missing, damaged, foreign or old."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    start = len(MAGIC) + _HEADER.size
    if not data.startswith(MAGIC) or len(data) < start:
        return None
    version, major, minor, crc, length = _HEADER.unpack_from(data, len(MAGIC))
    if (version, major, minor) != (VERSION, *sys.version_info[:2]) or length != len(data) - start:
        return None
    payload = memoryview(data)[start:]
    if zlib.crc32(payload) != crc:
        return None
    try:
        with paused():
            return marshal.loads(payload)
    except Exception:  # noqa: BLE001 - a payload that passed the CRC but is not ours: ignore it
        return None


def _framed(value: Any) -> tuple[bytes, bytes]:
    payload = marshal.dumps(value)
    return MAGIC + _HEADER.pack(VERSION, *sys.version_info[:2], zlib.crc32(payload), len(payload)), payload


def read_index(path: Path) -> CacheIndex | None:
    """The index, or None if it is missing, damaged, foreign or old."""
    data = _read_payload(path)
    try:
        files, entries, vocabulary, postings = data
        return CacheIndex(tuple(FileMeta._make(meta) for meta in files), entries, vocabulary, postings)
    except (TypeError, ValueError):
        return None


def read_hays(path: Path, count: int) -> tuple[str, ...] | None:
    """The search text of every cached meeting, or None if the file is not intact."""
    hays = _read_payload(path)
    if not isinstance(hays, tuple) or len(hays) != count:
        return None
    return hays


def write_cache(paths: CachePaths, index: CacheIndex, hays: Sequence[str], records: Sequence[bytes]) -> bool:
    """Write records, search text, then the index, each atomically; False (and no trace) if it cannot."""
    offsets, position = [], 0
    for record in records:
        offsets.append((position, len(record), zlib.crc32(record)))
        position += len(record)
    files = tuple(
        meta._replace(offset=o, length=n, crc=c) for meta, (o, n, c) in zip(index.files, offsets, strict=True)
    )
    return (
        _atomic_write(paths.records, records)
        and _atomic_write(paths.hays, _framed(tuple(hays)))
        and _atomic_write(paths.index, _framed((tuple(tuple(f) for f in files), *index[1:])))
    )


def _atomic_write(path: Path, parts: Sequence[bytes]) -> bool:
    import tempfile  # only writers need it

    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            for part in parts:
                handle.write(part)
        # No fsync: after a crash a cache file may be empty or torn, and then its
        # CRC fails and it is rebuilt; waiting for the disk would only slow every load.
        os.replace(temporary, path)
        return True
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return False
