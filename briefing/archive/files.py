"""Finding briefing files under the paths a user gives, and reading one safely.

The walk is iterative and bounded (:data:`MAX_DEPTH` folders deep), never
follows a linked folder, and refuses a linked file that leads out of the
folder it was found in. Every folder it cannot read, and every file it will
not read, becomes a located :class:`~briefing.format.model.Problem`, so no
file is ever skipped in silence.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from typing import NamedTuple

from ..format.model import Problem
from ..format.text import neutralise_line
from ..resources import data_dir

DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024
SUFFIXES = (".yaml", ".yml")
PEOPLE_FILE = "people.yaml"
"""A file of this name (in a folder given, below one, or beside a file given) declares people: see docs/format.md."""
MAX_DEPTH = 64
"""Folders below a given folder that are searched; deeper ones are reported, not entered."""


class PathNotFound(Exception):
    """A path given by the user does not exist (a usage error, exit status 2)."""


NOT_REGULAR = "not a regular file (a folder, device, FIFO or socket is never read)"


class ReadRefused(Exception):
    """A file that is not read: ``message`` says why; ``line``/``column`` locate it where they can."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class Found(NamedTuple):
    """One briefing file found by :func:`discover`."""

    path: str
    info: os.stat_result | None
    """Its status when the walk had it and it is a regular file, else None (checked again on reading)."""
    root: str
    """The folder it was found under, resolved (for a file given by name, the file's own folder)."""


class Discovery(NamedTuple):
    """Every briefing file under some paths, and why any folder or file was passed over."""

    files: list[Found]
    problems: list[Problem]
    people: list[str]
    """The people files (:data:`PEOPLE_FILE`) found, in walk order: they declare names, they are no briefings."""


def default_paths() -> list[str]:
    """``$BRIEFING_PATH`` (``os.pathsep``-separated), else the bundled briefings."""
    env = os.environ.get("BRIEFING_PATH", "")
    paths = [part for part in env.split(os.pathsep) if part]
    return paths or [str(data_dir())]


def discover(paths: Iterable[str]) -> Discovery:
    """Every briefing file named by ``paths``: files as given, folders searched, in a stable order.

    Folders are walked in sorted order; hidden files and folders are skipped.
    Raises :class:`PathNotFound` for a path that does not exist.
    """
    files: list[Found] = []
    problems: list[Problem] = []
    people: list[Found] = []
    seen: set[str] = set()
    for raw in paths:
        if not os.path.lexists(raw):
            raise PathNotFound(raw)
        if os.path.isdir(raw):
            found = _walk(raw, problems)
        else:
            found = [Found(raw, _regular_stat(raw), os.path.realpath(os.path.dirname(os.path.abspath(raw))))]
            beside = os.path.join(os.path.dirname(raw), PEOPLE_FILE)
            if beside not in seen and not os.path.islink(beside) and _is_people_file(beside):
                seen.add(beside)
                people.append(Found(beside, None, found[0].root))
        for item in found:
            if item.path not in seen:
                seen.add(item.path)
                # Only a file named people.yaml is looked into (a call and a basename spared for the rest).
                is_people = item.path.endswith(PEOPLE_FILE) and _is_people_file(item.path)
                (people if is_people else files).append(item)
    return Discovery(files, problems, [item.path for item in people])


_PEOPLE_KEY = re.compile(rb"(?m)^people[ \t]*:")
PEOPLE_SNIFF = 1024 * 1024
"""How much of a ``people.yaml`` is read to tell a people file from a briefing of that name."""


def _is_people_file(path: str) -> bool:
    """Whether ``path`` is a people file: named :data:`PEOPLE_FILE`, with ``people:`` at its top level.

    A briefing that happens to be called ``people.yaml`` stays a briefing.
    """
    if os.path.basename(path) != PEOPLE_FILE:
        return False
    try:
        head = read_bytes(path, DEFAULT_MAX_FILE_SIZE)[:PEOPLE_SNIFF]  # safely: never a FIFO, never past the cap
    except ReadRefused:
        return False  # read as a briefing, it is refused with the reason
    return _PEOPLE_KEY.search(head) is not None


def _walk(top: str, problems: list[Problem]) -> list[Found]:
    """The briefing files below folder ``top``, sorted by path; what is passed over goes to ``problems``."""
    root = os.path.realpath(top)
    found: list[Found] = []
    pending: list[tuple[str, int]] = [(top, 0)]
    while pending:
        folder, depth = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            problems.append(_problem(folder, f"cannot read this folder: {error.strerror or error}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)  # never loop through a linked folder
            except OSError:
                is_dir = False
            if is_dir:
                if depth + 1 > MAX_DEPTH:
                    problems.append(_problem(entry.path, f"more than {MAX_DEPTH} folders deep: not searched"))
                else:
                    pending.append((entry.path, depth + 1))
            elif entry.name.endswith(SUFFIXES):
                item = _entry(entry, root, problems)
                if item is not None:
                    found.append(item)
    found.sort(key=lambda item: item.path)
    return found


def _entry(entry: os.DirEntry[str], root: str, problems: list[Problem]) -> Found | None:
    """A file of the walk, or None (with a problem) if it is a link that leads out of ``root``."""
    try:
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if not is_within(target, root):
                problems.append(_problem(entry.path, "a link that leads out of the folder it is in: not read"))
                return None
        info = entry.stat()
    except OSError:
        return Found(entry.path, None, root)  # reading it will say why
    return Found(entry.path, info if stat.S_ISREG(info.st_mode) else None, root)


def is_within(path: str, root: str) -> bool:
    """Whether resolved ``path`` is ``root`` or lies below it (both already resolved)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _regular_stat(path: str) -> os.stat_result | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def _problem(path: str, message: str) -> Problem:
    return Problem(neutralise_line(path), 0, 0, "", message)


def read_bytes(path: str, max_size: int, limit: str = "see --max-file-size") -> bytes:
    """The bytes of a regular file of at most ``max_size`` bytes; raises :class:`ReadRefused` otherwise.

    Never opens a device or FIFO for reading, and never asks for more memory
    than the file's own size, whatever ``max_size`` is. ``limit`` says what the
    limit is, in the message of a file over it.
    """
    try:
        info = os.stat(path)
    except OSError as error:
        raise ReadRefused(f"cannot read: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ReadRefused(NOT_REGULAR)
    if info.st_size > max_size:
        raise ReadRefused(f"file is {info.st_size:,} bytes, over the {max_size:,}-byte limit ({limit})")
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after stat, open must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ReadRefused(NOT_REGULAR)
            data = handle.read(info.st_size + 1)
    except OSError as error:
        raise ReadRefused(f"cannot read: {error.strerror or error}") from None
    if len(data) > max_size:
        raise ReadRefused(f"file grew over the {max_size:,}-byte limit while being read")
    return data


def decode_text(data: bytes, what: str = "briefings") -> str:
    """UTF-8 text (a byte-order mark removed); raises :class:`ReadRefused`, located, for anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadRefused(f"file is UTF-16: {what} are UTF-8", 1, 1)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        raise ReadRefused(
            f"file holds NUL bytes: is it UTF-16 or binary? {what.capitalize()} are UTF-8 text", line, column
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        raise ReadRefused(f"not valid UTF-8 (byte 0x{data[error.start]:02x})", line, column) from None
    return text.removeprefix("\ufeff")


def read_text(path: str, max_size: int) -> str:
    """:func:`read_bytes` then :func:`decode_text`."""
    return decode_text(read_bytes(path, max_size))


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[line_start:offset].decode("utf-8", "replace")) + 1
