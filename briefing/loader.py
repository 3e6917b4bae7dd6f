"""Find briefing files and load them, bounded, with every problem located.

:func:`load_file` is the one error boundary of loading: whatever a file holds,
it returns briefings and :class:`~briefing.model.Problem`s, never raises.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from .model import Briefing, Problem
from .resources import data_dir
from .schema import build_briefing
from .text import neutralise_line
from .yamlread import YamlProblem, format_path, locate, read_documents

DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024
SUFFIXES = (".yaml", ".yml")


class FileResult(NamedTuple):
    """What one file gave: its briefings and its problems."""

    path: str
    briefings: tuple[Briefing, ...]
    problems: tuple[Problem, ...]


class LoadResult(NamedTuple):
    """Everything loaded from a set of paths."""

    briefings: tuple[Briefing, ...]
    problems: tuple[Problem, ...]
    files: int

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Only the errors (not the warnings)."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def failed_files(self) -> int:
        """How many files had at least one error."""
        return len({p.path for p in self.problems if p.is_error})


class PathNotFound(Exception):
    """A path given by the user does not exist (a usage error, exit status 2)."""


def default_paths() -> list[str]:
    """``$BRIEFING_PATH`` (``os.pathsep``-separated), else the bundled briefings."""
    env = os.environ.get("BRIEFING_PATH", "")
    paths = [part for part in env.split(os.pathsep) if part]
    return paths or [str(data_dir())]


def discover(paths: Iterable[str]) -> list[str]:
    """Every briefing file named by ``paths``: files as given, folders searched.

    Folders are walked in sorted order so the result is stable; hidden folders
    are skipped. Raises :class:`PathNotFound` for a path that does not exist.
    """
    files: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise PathNotFound(raw)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, n) for n in names if n.endswith(SUFFIXES) and not n.startswith("."))
            candidates = sorted(found)
        else:
            candidates = [str(path)]
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                files.append(candidate)
    return files


def read_text(path: str, max_size: int) -> str:
    """Read a regular file of at most ``max_size`` bytes as UTF-8 text.

    Raises :class:`YamlProblem` (located) for anything else: devices, FIFOs,
    oversize files, invalid UTF-8, UTF-16, NUL bytes.
    """
    try:
        info = os.stat(path)
    except OSError as error:
        raise YamlProblem(f"cannot read: {error.strerror or error}", 0, 0) from None
    if not stat.S_ISREG(info.st_mode):
        raise YamlProblem("not a regular file (a device, FIFO or socket is never read)", 0, 0)
    if info.st_size > max_size:
        raise YamlProblem(
            f"file is {info.st_size:,} bytes, over the {max_size:,}-byte limit (see --max-file-size)", 0, 0
        )
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after stat, open must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(max_size + 1)
    except OSError as error:
        raise YamlProblem(f"cannot read: {error.strerror or error}", 0, 0) from None
    if len(data) > max_size:
        raise YamlProblem(f"file grew over the {max_size:,}-byte limit while being read", 0, 0)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem("file is UTF-16: briefings are UTF-8", 1, 1)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        raise YamlProblem("file holds NUL bytes: is it UTF-16 or binary? Briefings are UTF-8 text", line, column)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        raise YamlProblem(f"not valid UTF-8 (byte 0x{data[error.start]:02x})", line, column) from None
    return text.removeprefix("\ufeff")


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[line_start:offset].decode("utf-8", "replace")) + 1


def problem(
    shown: str, line: int, column: int, field: Iterable[str | int], message: str, severity: str = "error"
) -> Problem:
    """A :class:`Problem` whose field path and message are safe to print.

    Keys in the path and text quoted in parser messages come from the file.
    """
    return Problem(shown, line, column, neutralise_line(format_path(field)), neutralise_line(message), severity)


def load_file(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> FileResult:
    """Load every briefing of one file. Never raises: failures become problems."""
    shown = neutralise_line(path)
    try:
        text = read_text(path, max_size)
        return _load_text(text, path, shown)
    except YamlProblem as error:
        return FileResult(path, (), (problem(shown, error.line, error.column, error.path, error.message),))
    except RecursionError:
        return FileResult(path, (), (problem(shown, 1, 1, (), "too deeply nested to read"),))
    except Exception as error:  # noqa: BLE001 - the loader's error boundary: no file may crash the program
        return FileResult(path, (), (problem(shown, 1, 1, (), f"could not be read: {type(error).__name__}: {error}"),))


def _load_text(text: str, path: str, shown: str) -> FileResult:
    stem = os.path.splitext(os.path.basename(path))[0]
    briefings: list[Briefing] = []
    findings = []
    documents = 0
    try:
        for index, (doc, _line) in enumerate(read_documents(text)):
            if doc is None or (doc == "" and index > 0):
                continue  # an empty document, e.g. after a trailing `---`
            documents += 1
            default_id = stem if index == 0 else f"{stem}#{index + 1}"
            briefing, found = build_briefing(doc, index, default_id, shown)
            findings.extend(found)
            if briefing is not None:
                briefings.append(briefing)
    except YamlProblem as error:
        # Keep the documents before the broken one; report where it broke.
        problems = _located(text, shown, findings)
        problems.append(problem(shown, error.line, error.column, error.path, error.message))
        return FileResult(path, tuple(briefings), tuple(problems))
    problems = _located(text, shown, findings)
    if documents == 0:
        problems.append(problem(shown, 1, 1, (), "the file holds no briefing"))
    return FileResult(path, tuple(briefings), tuple(problems))


def _located(text: str, shown: str, findings: list) -> list[Problem]:
    if not findings:
        return []
    targets = [(*path, "key") if at_key else path for path, _, _, at_key in findings]
    marks = locate(text, targets)
    problems: list[Problem] = []
    for target, (path, message, severity, _) in zip(targets, findings, strict=True):
        line, column = marks.get(target) or _nearest(marks, target) or (1, 1)
        problems.append(problem(shown, line, column, path[1:], message, severity))
    return problems


def _nearest(marks: dict, target: tuple) -> tuple[int, int] | None:
    """The position of the closest located ancestor, for a path that was not found."""
    for cut in range(len(target) - 1, 0, -1):
        if target[:cut] in marks:
            return marks[target[:cut]]
    return None


OnFile = Callable[[int, int, FileResult], None]


def load_paths(
    paths: Sequence[str] | None = None,
    *,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
    use_cache: bool = True,
    on_file: OnFile | None = None,
) -> LoadResult:
    """Load every briefing under ``paths`` (default: :func:`default_paths`).

    One bad file never stops the others. ``on_file(done, total, result)`` is
    called after each file. Raises only :class:`PathNotFound`.
    """
    files = discover(paths or default_paths())
    briefings: list[Briefing] = []
    problems: list[Problem] = []
    for done, file in enumerate(files, 1):
        result = load_file(file, max_size)
        briefings.extend(result.briefings)
        problems.extend(result.problems)
        if on_file is not None:
            on_file(done, len(files), result)
    return LoadResult(tuple(briefings), tuple(problems), len(files))
