"""The parse cache: the catalog of an archive, kept between runs.

Two files per set of paths, in ``$XDG_CACHE_HOME/briefing`` (or the platform's
cache folder):

* ``*.index``: every file's size, modification time and problems, the list
  entries and search text of every meeting (newest first, ready to use) and
  the search vocabulary. A warm start reads this file and nothing else.
* ``*.records``: each file's full briefings, read one file at a time when a
  meeting is opened.

A file's record is reused only while the file keeps the same size and
modification time, so a changed file is parsed again alone.

Safety: the format is :mod:`marshal` of plain tuples, strings, ints and bytes,
which builds no objects with behaviour and runs no code when read (unlike
pickle). The index carries a magic string, a version and a CRC-32, and every
record its own CRC-32, so a corrupt, foreign or old cache is ignored (and
rewritten), never trusted and never fatal. Both files are written to a
temporary file and renamed into place; a crash between the two renames leaves
records whose CRCs do not match, which are then parsed afresh.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import struct
import sys
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

MAGIC = b"briefing-cache\n"
VERSION = 2
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
    """The index file's contents."""

    files: tuple[FileMeta, ...]
    entries: tuple[tuple[Any, ...], ...]  # Entry fields, newest first; ``file`` indexes ``files``
    hays: tuple[str, ...]
    vocabulary: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RecordRef:
    """Where one file's record is; :meth:`read` checks it is intact."""

    path: Path
    offset: int
    length: int
    crc: int

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


def cache_paths(roots: Sequence[str]) -> tuple[Path, Path]:
    """The index and records files for a set of paths (order and spelling do not matter)."""
    names = sorted({os.path.realpath(p) for p in roots})
    digest = hashlib.sha256("\0".join(names).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    folder = cache_dir()
    return folder / f"catalog-{digest}.index", folder / f"catalog-{digest}.records"


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    # Unmarshalling builds hundreds of thousands of tuples; collections in the
    # middle of that cost more than the work itself and find nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_index(path: Path) -> CacheIndex | None:
    """The index, or None if it is missing, damaged, foreign or old."""
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
        with _no_gc():
            files, entries, hays, vocabulary = marshal.loads(payload)
            index = CacheIndex(tuple(FileMeta._make(meta) for meta in files), entries, hays, vocabulary)
    except Exception:  # noqa: BLE001 - a payload that passed the CRC but is not ours: ignore it
        return None
    if len(index.entries) != len(index.hays):
        return None
    return index


def write_cache(index_path: Path, records_path: Path, index: CacheIndex, records: Sequence[bytes]) -> bool:
    """Write the records, then the index, each atomically; False (and no trace) if it cannot."""
    offsets, position = [], 0
    for record in records:
        offsets.append((position, len(record), zlib.crc32(record)))
        position += len(record)
    files = tuple(
        meta._replace(offset=o, length=n, crc=c) for meta, (o, n, c) in zip(index.files, offsets, strict=True)
    )
    payload = marshal.dumps((tuple(tuple(f) for f in files), index.entries, index.hays, index.vocabulary))
    header = MAGIC + _HEADER.pack(VERSION, *sys.version_info[:2], zlib.crc32(payload), len(payload))
    return _atomic_write(records_path, records) and _atomic_write(index_path, (header, payload))


def _atomic_write(path: Path, parts: Sequence[bytes]) -> bool:
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            for part in parts:
                handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        return True
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return False
