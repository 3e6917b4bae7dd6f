"""The parse cache: the catalog of an archive, kept between runs.

Three files per set of paths, in the user's cache folder (``$XDG_CACHE_HOME/briefing``
or the platform's; a relative ``XDG_CACHE_HOME`` is ignored, as the XDG spec says):

* ``*.index``: every file's size, modification time, problems and shape, the
  list entries of every meeting (newest first, ready to use), the search
  vocabulary and, for a large archive, the word index. A warm start reads this file alone.
* ``*.text``: the search text of every meeting and briefing, read on the first search.
* ``*.records``: each file's full briefings, read one file at a time when a meeting is opened.

A file's record is reused only while the file keeps the same size and
modification time, so a changed file is parsed again alone.

The cache is input like any other: whatever can write to the folder must not be
able to attack the terminal or stop the program. So the format is
:mod:`marshal` of plain tuples, strings, ints and bytes (it builds no objects
with behaviour and runs no code when read, unlike pickle); every file carries
a magic string, a version, a CRC-32 and the id of the generation it was
written with, and the three parts of a cache must share one generation; every
value read is checked for type, length and range (:mod:`briefing.archive.cache_check`)
and its text neutralised again; only regular files owned by the user are read,
their size checked first; the folder is made private (0700, files 0600) and
ignored when someone else owns it. Anything that does not pass is ignored and
rebuilt, never trusted and never fatal. Each file is written to a temporary
file and renamed into place; temporaries left by an interrupted write are
removed, then and on the next write.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import struct
import sys
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

MAGIC = b"briefing-cache\n"
VERSION = 6
_HEADER = struct.Struct("<HHHIQ8s")  # version, python major, minor, crc32, payload length, generation
HEADER_SIZE = len(MAGIC) + _HEADER.size
MAX_CACHE_FILE = 8 * 1024**3
"""No cache file larger than this is read (a link to /dev/zero, a file grown by someone else)."""
STALE_TEMPORARY = 600
"""Seconds after which a temporary file in the cache folder is taken for a leftover and removed."""


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


class CacheIndex(NamedTuple):
    """The index file's contents (the search text is in a file of its own, read when needed)."""

    files: tuple[FileMeta, ...]
    entries: tuple[Any, ...]  # EntryColumns.dump(), newest first; ``file`` indexes ``files``
    vocabulary: tuple[str, ...]
    postings: Any  # Postings.dump() of the word-prefix index, or None
    generation: bytes


class RecordRef:
    """Where one file's record is; :meth:`read` checks it is intact and of the expected generation."""

    __slots__ = ("crc", "generation", "length", "offset", "path")

    def __init__(self, path: Path, offset: int, length: int, crc: int, generation: bytes) -> None:
        self.path = path
        self.offset = offset
        self.length = length
        self.crc = crc
        self.generation = generation

    def read(self) -> bytes:
        """The record's bytes as stored (compressed).

        Raises ``ValueError`` if they are missing, damaged or of another generation.
        """
        with _open_private(self.path) as handle:
            header = _header(handle.read(HEADER_SIZE))
            if header is None or header[4] != self.generation or self.offset + self.length > header[3]:
                raise ValueError("cache record of another generation")
            handle.seek(HEADER_SIZE + self.offset)
            data: bytes = handle.read(self.length)
        if len(data) != self.length or zlib.crc32(data) != self.crc:
            raise ValueError("damaged cache record")
        return data


def cache_dir() -> Path:
    """The user's cache folder for briefing (platformdirs ignores a relative ``XDG_CACHE_HOME``)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("briefing", appauthor=False))


@dataclass(frozen=True)
class CachePaths:
    """The three files of one cache."""

    index: Path
    text: Path
    records: Path

    def all(self) -> tuple[Path, Path, Path]:
        """The three paths."""
        return (self.index, self.text, self.records)


def cache_paths(roots: Sequence[str]) -> CachePaths:
    """The cache files for a set of paths (order and spelling do not matter)."""
    names = "\0".join(sorted({os.path.realpath(p) for p in roots})).encode("utf-8", "surrogateescape")
    digest = f"{zlib.crc32(names):08x}{zlib.adler32(names):08x}"  # a name, not a secret: no hashlib needed
    stem = cache_dir() / f"catalog-{digest}"
    return CachePaths(stem.with_suffix(".index"), stem.with_suffix(".text"), stem.with_suffix(".records"))


# ------------------------------------------------------------------ reading


class _Refused(Exception):
    """A cache file that is not read (not ours, not regular, too large)."""


def _owned(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _open_private(path: Path) -> Any:
    """Open a cache file for reading: a regular file of ours, of a sane size, never a FIFO or device."""
    folder = os.stat(path.parent)
    if not _owned(folder):
        raise _Refused("cache folder owned by someone else")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _owned(info) or info.st_size > MAX_CACHE_FILE:
            raise _Refused("not a regular cache file of ours")
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _header(data: bytes) -> tuple[int, int, int, int, bytes] | None:
    """(version, major, minor, payload length, generation) of a cache file of this program, else None."""
    if len(data) < HEADER_SIZE or not data.startswith(MAGIC):
        return None
    version, major, minor, _, length, generation = _HEADER.unpack_from(data, len(MAGIC))
    if (version, major, minor) != (VERSION, *sys.version_info[:2]):
        return None
    return version, major, minor, length, generation


def _read_payload(path: Path) -> tuple[Any, bytes] | None:
    """Unmarshal a file written by :func:`_framed`, with its generation; None if missing, damaged, foreign or old."""
    try:
        with _open_private(path) as handle:
            data = handle.read()
    except (OSError, _Refused):
        return None
    header = _header(data)
    if header is None or header[3] != len(data) - HEADER_SIZE:
        return None
    payload = memoryview(data)[HEADER_SIZE:]
    if zlib.crc32(payload) != _HEADER.unpack_from(data, len(MAGIC))[3]:
        return None
    try:
        return marshal.loads(payload), header[4]
    except Exception:  # noqa: BLE001 - a payload that passed the CRC but is not ours: ignore it
        return None


def generation_of(path: Path) -> bytes | None:
    """The generation a cache file was written with (its header only is read), or None."""
    try:
        with _open_private(path) as handle:
            header = _header(handle.read(HEADER_SIZE))
    except (OSError, _Refused):
        return None
    return None if header is None else header[4]


def read_index(path: Path) -> CacheIndex | None:
    """The index, checked value by value; None if it is missing, damaged, foreign, old or malformed."""
    read = _read_payload(path)
    if read is None:
        return None
    from .cache_check import checked_index

    return checked_index(read[0], read[1])


def read_text(path: Path, generation: bytes, meetings: int, shapes: Sequence[int]) -> tuple[Any, Any] | None:
    """The search text (meeting haystacks, briefing haystacks by file), or None if not intact and of ``generation``.

    ``shapes`` is the number of briefings of each cached file.
    """
    read = _read_payload(path)
    if read is None or read[1] != generation:
        return None
    from .cache_check import checked_text

    return checked_text(read[0], meetings, shapes)


def forget(paths: CachePaths) -> None:
    """Remove a cache that turned out not to match its files (it is rebuilt by the next load)."""
    for path in paths.all():
        with contextlib.suppress(OSError):
            if _owned(os.lstat(path)):
                os.unlink(path)


# ------------------------------------------------------------------ writing


def _framed(value: Any, generation: bytes) -> tuple[bytes, bytes]:
    payload = marshal.dumps(value)
    return _frame(payload, zlib.crc32(payload), generation), payload


def _frame(payload: bytes | int, crc: int, generation: bytes) -> bytes:
    length = payload if isinstance(payload, int) else len(payload)
    return MAGIC + _HEADER.pack(VERSION, *sys.version_info[:2], crc, length, generation)


def compress_record(record: bytes) -> bytes:
    """A record as the records file keeps it (compressed: the cache stays smaller than the archive)."""
    return zlib.compress(record, 1)


MAX_RECORD = 256 * 1024**2
"""The most a record may decompress to (a briefing file is at most 1 GiB, its record much less)."""


def decompress_record(blob: bytes) -> bytes:
    """Inverse of :func:`compress_record`; raises ``ValueError`` for anything that is not one, or too large."""
    try:
        inflate = zlib.decompressobj()
        data = inflate.decompress(blob, MAX_RECORD)
    except zlib.error as error:
        raise ValueError(f"not a record: {error}") from None
    if inflate.unconsumed_tail or not inflate.eof:
        raise ValueError("a record too large, or cut short")
    return data


def write_cache(
    paths: CachePaths,
    index: CacheIndex,
    text: tuple[Sequence[str], Sequence[tuple[str, ...]]],
    records: Sequence[bytes],
) -> bool:
    """Write records, search text, then the index, each atomically; False (and no trace) if it cannot.

    ``records`` are compressed already (:func:`compress_record`).
    """
    generation = os.urandom(8)
    offsets, position = [], 0
    for record in records:
        offsets.append((position, len(record), zlib.crc32(record)))
        position += len(record)
    files = tuple(
        meta._replace(offset=o, length=n, crc=c) for meta, (o, n, c) in zip(index.files, offsets, strict=True)
    )
    head = (tuple(tuple(f) for f in files), index.entries, index.vocabulary, index.postings)
    folder = _private_folder(paths.index.parent)
    if folder is None:
        return False
    _sweep(folder)
    return (
        _atomic_write(paths.records, [_frame(position, 0, generation), *records])
        and _atomic_write(paths.text, _framed((tuple(text[0]), tuple(text[1])), generation))
        and _atomic_write(paths.index, _framed(head, generation))
    )


def _private_folder(folder: Path) -> Path | None:
    """The cache folder, made 0700 if new; None if it cannot be made or someone else owns it."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or not _owned(info):
        return None
    return folder


def _sweep(folder: Path) -> None:
    """Remove temporaries of ours left by an interrupted write (older than :data:`STALE_TEMPORARY`)."""
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".catalog-") and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMPORARY:
                        os.unlink(entry.path)


def _atomic_write(path: Path, parts: Iterable[bytes]) -> bool:
    import tempfile  # only writers need it

    temporary = None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # mode 0600
        with os.fdopen(fd, "wb") as handle:
            for part in parts:
                handle.write(part)
        # No fsync: after a crash a cache file may be empty or torn, and then its
        # CRC fails and it is rebuilt; waiting for the disk would only slow every load.
        os.replace(temporary, path)
        temporary = None
        return True
    except OSError:
        return False
    finally:
        if temporary is not None:  # failed, or interrupted (Ctrl+C): leave nothing behind
            with contextlib.suppress(OSError):
                os.unlink(temporary)
