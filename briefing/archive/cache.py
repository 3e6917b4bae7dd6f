"""The cache's files: where they are, how they are framed, and how they are read and written safely.

One cache per set of paths, in the user's cache folder (``$XDG_CACHE_HOME/briefing``
or the platform's; a relative ``XDG_CACHE_HOME`` is ignored, as the XDG spec says),
in five files read at different moments (:mod:`briefing.archive.stored` says what
each holds): ``.head`` for the reader's first frame, ``.index`` for the list,
``.words`` for the word index, ``.text`` for the search text, ``.records`` for the
full briefings, one file at a time.

The cache is input like any other: whatever can write to the folder must not be
able to attack the terminal or stop the program. So a file is a sequence of
length-prefixed :mod:`marshal` parts of plain tuples, strings, ints and bytes (which builds no
objects with behaviour and runs no code when read, unlike pickle), behind a
header with a magic string, a version, a CRC-32 and the id of the generation it
was written with: the parts of one cache must share one generation. Only
regular files owned by the user are read, their size checked first; the folder
is made private (0700, files 0600) and ignored when someone else owns it;
every value read is checked (:mod:`briefing.archive.cache_check`). Anything
that does not pass is ignored and rebuilt, never trusted and never fatal. Each
file is written to a temporary file and renamed into place; temporaries left
by an interrupted write are removed, then and on the next write.
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
from pathlib import Path
from typing import IO, Any

from ..pacing import give_way
from ..resources import user_folder

MAGIC = b"briefing-cache\n"
VERSION = 13
_HEADER = struct.Struct("<HHHHIQ8s")  # version, python major, minor, flags, crc32, payload length, generation
_PART = struct.Struct("<Q")  # each part's length, before it
HEADER_SIZE = len(MAGIC) + _HEADER.size
COMPRESSED = 1
"""Flag: the payload is zlib-compressed as one (the search text, three to four times; the word index packs its own)."""
MAX_CACHE_FILE = 8 * 1024**3
"""No cache file larger than this is read (a link to /dev/zero, a file grown by someone else)."""
MAX_PAYLOAD = 16 * 1024**3
"""The most a compressed payload may inflate to (a bomb is refused, not inflated)."""
STALE_TEMPORARY = 600
"""Seconds after which a temporary file in the cache folder is taken for a leftover and removed."""


class CachePaths:
    """The files of one cache."""

    __slots__ = ("head", "index", "records", "text", "words")

    def __init__(self, head: Path, index: Path, words: Path, text: Path, records: Path) -> None:
        self.head = head
        self.index = index
        self.words = words
        self.text = text
        self.records = records

    def all(self) -> tuple[Path, ...]:
        """Every file of the cache."""
        return (self.head, self.index, self.words, self.text, self.records)


def cache_dir() -> Path:
    """The user's cache folder for briefing (a relative ``XDG_CACHE_HOME`` is ignored)."""
    return user_folder("XDG_CACHE_HOME", "user_cache_dir")


def cache_paths(roots: Sequence[str]) -> CachePaths:
    """The cache files for a set of paths (order and spelling do not matter)."""
    names = "\0".join(sorted({os.path.realpath(p) for p in roots})).encode("utf-8", "surrogateescape")
    digest = f"{zlib.crc32(names):08x}{zlib.adler32(names):08x}"  # a name, not a secret: no hashlib needed
    stem = cache_dir() / f"catalog-{digest}"
    return CachePaths(*(stem.with_suffix(suffix) for suffix in (".head", ".index", ".words", ".text", ".records")))


# ------------------------------------------------------------------ reading


class Refused(Exception):
    """A cache file that is not read (not ours, not regular, too large)."""


def _owned(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def open_private(path: Path) -> IO[bytes]:
    """Open a cache file for reading: a regular file of ours, of a sane size, never a FIFO or device."""
    if not _owned(os.stat(path.parent)):
        raise Refused("cache folder owned by someone else")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _owned(info) or info.st_size > MAX_CACHE_FILE:
            raise Refused("not a regular cache file of ours")
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


class Header:
    """The header of a cache file of this program."""

    __slots__ = ("crc", "flags", "generation", "length")

    def __init__(self, flags: int, crc: int, length: int, generation: bytes) -> None:
        self.flags = flags
        self.crc = crc
        self.length = length
        self.generation = generation

    @classmethod
    def parse(cls, data: bytes) -> Header | None:
        """The header at the start of ``data``, if it is one of this version and this Python's; else None."""
        if len(data) < HEADER_SIZE or not data.startswith(MAGIC):
            return None
        version, major, minor, flags, crc, length, generation = _HEADER.unpack_from(data, len(MAGIC))
        if (version, major, minor) != (VERSION, *sys.version_info[:2]):
            return None
        return cls(flags, crc, length, generation)

    def pack(self) -> bytes:
        """The header's bytes."""
        return MAGIC + _HEADER.pack(VERSION, *sys.version_info[:2], self.flags, self.crc, self.length, self.generation)


def generation_of(path: Path) -> bytes | None:
    """The generation a cache file was written with (its header only is read), or None."""
    try:
        with open_private(path) as handle:
            header = Header.parse(handle.read(HEADER_SIZE))
    except (OSError, Refused):
        return None
    return None if header is None else header.generation


def read_parts(path: Path, generation: bytes | None = None) -> tuple[list[Any], bytes] | None:
    """The parts of a cache file and its generation; None if missing, damaged, foreign, old or of another generation.

    Each part is unmarshalled by a call of its own, so a thread reading a large
    cache gives the others the interpreter between parts.
    """
    try:
        with open_private(path) as handle:
            data = handle.read()
    except (OSError, Refused):
        return None
    header = Header.parse(data)
    if header is None or header.length != len(data) - HEADER_SIZE:
        return None
    if generation is not None and header.generation != generation:
        return None
    payload: bytes | memoryview = memoryview(data)[HEADER_SIZE:]
    if zlib.crc32(payload) != header.crc:
        return None
    try:
        parts = inflated_parts(payload, MAX_PAYLOAD) if header.flags & COMPRESSED else parts_of(payload)
        return parts, header.generation
    except Exception:  # noqa: BLE001 - a payload that passed the CRC but is not ours: ignore it
        return None


def parts_of(payload: bytes | memoryview) -> list[Any]:
    """The length-prefixed marshalled parts of a payload.

    ``marshal.loads`` of a slice, not ``marshal.load`` of a stream: from a
    stream it reads object by object through Python calls, six times slower.
    """
    parts, position = [], 0
    while position < len(payload):
        (length,) = _PART.unpack_from(payload, position)
        position += _PART.size
        end = position + length
        if end > len(payload):
            raise ValueError("a part cut short")
        parts.append(marshal.loads(payload[position:end]))
        position = end
    return parts


INFLATE_STEP = 1024**2
"""Compressed bytes fed to zlib per call when reading a payload part by part (each gives a few MB)."""


def inflated_parts(blob: bytes | memoryview, most: int) -> list[Any]:
    """The parts of a compressed payload, inflated a step at a time and each part unmarshalled once whole.

    Inflating a 300 MB search text in one call holds the interpreter while its
    output is copied into one object: at 450,000 meetings, a quarter second in
    which the reader could not answer a key. In steps, no call holds it for more
    than a few milliseconds, and the whole payload is never in memory at once.
    The input is fed a step at a time too: zlib copies what it has not consumed
    on every call, which over the whole input would be quadratic.
    ``ValueError`` as :func:`inflated` says, or if a part is cut short.
    """
    inflate = zlib.decompressobj()
    parts: list[Any] = []
    pending = bytearray()
    total = 0
    view = memoryview(blob)
    for start in range(0, len(view), INFLATE_STEP):
        data: bytes | memoryview = view[start : start + INFLATE_STEP]
        while data and not inflate.eof:
            try:
                piece = inflate.decompress(data, 4 * INFLATE_STEP)  # a bomb's step stops here, then the next
            except zlib.error as error:
                raise ValueError(f"not compressed data: {error}") from None
            data = inflate.unconsumed_tail
            total += len(piece)
            if total > most:
                raise ValueError("compressed data too large")
            pending += piece
            del pending[: _whole_parts(pending, parts)]
            give_way()  # a step of a few ms: a key typed while a reader reads a large cache runs alone
    if not inflate.eof:
        raise ValueError("compressed data cut short")
    if pending or inflate.unused_data:
        raise ValueError("a part cut short, or data after the parts")
    return parts


def _whole_parts(pending: bytearray, parts: list[Any]) -> int:
    """Unmarshal every whole part at the start of ``pending`` onto ``parts``; how many bytes they took."""
    used = 0
    with memoryview(pending) as view:
        while len(view) - used >= _PART.size:
            (length,) = _PART.unpack_from(view, used)
            end = used + _PART.size + length
            if end > len(view):
                break
            parts.append(marshal.loads(view[used + _PART.size : end]))
            used = end
    return used


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
        with open_private(self.path) as handle:
            header = Header.parse(handle.read(HEADER_SIZE))
            if header is None or header.generation != self.generation or self.offset + self.length > header.length:
                raise ValueError("cache record of another generation")
            handle.seek(HEADER_SIZE + self.offset)
            data: bytes = handle.read(self.length)
        if len(data) != self.length or zlib.crc32(data) != self.crc:
            raise ValueError("damaged cache record")
        return data


def compress_record(record: bytes) -> bytes:
    """A record as the records file keeps it (compressed: the cache stays smaller than the archive)."""
    return zlib.compress(record, 1)


MAX_RECORD = 256 * 1024**2
"""The most a record may decompress to (a briefing file is at most 1 GiB, its record much less)."""


def inflated(blob: bytes | memoryview, most: int) -> bytes:
    """``blob`` decompressed; ``ValueError`` if it is not zlib data, is cut short or would inflate past ``most`` bytes.

    A bomb is refused when it passes ``most``, never inflated whole.
    """
    try:
        inflate = zlib.decompressobj()
        data = inflate.decompress(blob, most)
    except zlib.error as error:
        raise ValueError(f"not compressed data: {error}") from None
    if inflate.unconsumed_tail or not inflate.eof:
        raise ValueError("compressed data too large, or cut short")
    return data


def decompress_record(blob: bytes) -> bytes:
    """Inverse of :func:`compress_record`; raises ``ValueError`` for anything that is not one, or too large."""
    return inflated(blob, MAX_RECORD)


def forget(paths: CachePaths) -> None:
    """Remove a cache that turned out not to match its files (it is rebuilt by the next load)."""
    for path in paths.all():
        with contextlib.suppress(OSError):
            if _owned(os.lstat(path)):
                os.unlink(path)


# ------------------------------------------------------------------ writing


def framed(parts: Iterable[Any], generation: bytes, *, compress: bool = False) -> list[bytes]:
    """A cache file's bytes: the header, then the marshalled parts (compressed as one, if asked)."""
    payload = b"".join(map(framed_part, map(marshal.dumps, parts)))
    if compress:
        payload = zlib.compress(payload, 1)
    header = Header(COMPRESSED if compress else 0, zlib.crc32(payload), len(payload), generation)
    return [header.pack(), payload]


def framed_part(blob: bytes) -> bytes:
    """One marshalled part as a payload holds it: its length, then its bytes."""
    return _PART.pack(len(blob)) + blob


def framed_records(records: Sequence[bytes], generation: bytes) -> tuple[list[bytes], list[tuple[int, int, int]]]:
    """The records file's bytes, and each record's (offset, length, crc)."""
    offsets, position = [], 0
    for record in records:
        offsets.append((position, len(record), zlib.crc32(record)))
        position += len(record)
    return [Header(0, 0, position, generation).pack(), *records], offsets


def private_folder(folder: Path) -> Path | None:
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
    sweep(folder)
    return folder


def sweep(folder: Path) -> None:
    """Remove temporaries of ours left by an interrupted write (older than :data:`STALE_TEMPORARY`)."""
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".catalog-") and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMPORARY:
                        os.unlink(entry.path)


def atomic_write(path: Path, parts: Iterable[bytes]) -> bool:
    """Write ``parts`` to ``path`` through a temporary file renamed into place; False (and no trace) if it cannot."""
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
