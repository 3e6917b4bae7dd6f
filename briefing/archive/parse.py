"""Load one briefing file: its briefings and every problem, located.

:func:`load_file` is the one error boundary of loading: whatever a file holds,
it returns briefings and :class:`~briefing.format.model.Problem`s, never raises.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from ..format.model import Briefing, FieldPath, Problem, format_path
from ..format.text import neutralise_line
from .files import DEFAULT_MAX_FILE_SIZE, ReadRefused, read_text

if TYPE_CHECKING:  # parsing is imported on first use: a warm start from the cache never needs it
    from ..format.schema import Finding, Overflow

MAX_PROBLEMS = 100
"""Problems reported per file, in line order; the rest are counted in one more line."""


class FileResult(NamedTuple):
    """What one file gave: its briefings and its problems."""

    path: str
    briefings: tuple[Briefing, ...]
    problems: tuple[Problem, ...]


def problem(
    shown: str, line: int, column: int, field: Iterable[str | int], message: str, severity: str = "error"
) -> Problem:
    """A :class:`Problem` whose field path and message are safe to print.

    Keys in the path and text quoted in parser messages come from the file.
    """
    return Problem(shown, line, column, neutralise_line(format_path(field)), neutralise_line(message), severity)


def load_file(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> FileResult:
    """Load every briefing of one file. Never raises: failures become problems."""
    from ..format.yamlread import YamlProblem

    shown = neutralise_line(path)
    try:
        text = read_text(path, max_size)
        return _load_text(text, path, shown)
    except (YamlProblem, ReadRefused) as error:
        where = error.path if isinstance(error, YamlProblem) else ()
        return FileResult(path, (), (problem(shown, error.line, error.column, where, error.message),))
    except RecursionError:
        return FileResult(path, (), (problem(shown, 1, 1, (), "too deeply nested to read"),))
    except Exception as error:  # noqa: BLE001 - the loader's error boundary: no file may crash the program
        return FileResult(path, (), (problem(shown, 1, 1, (), f"could not be read: {type(error).__name__}: {error}"),))


def _load_text(text: str, path: str, shown: str) -> FileResult:
    from ..format.schema import MAX_FINDINGS, Overflow, build_briefing
    from ..format.yamlread import YamlProblem, read_documents

    stem = os.path.splitext(os.path.basename(path))[0]
    briefings: list[Briefing] = []
    findings: list[Finding] = []
    more = Overflow()
    documents = 0
    broken: YamlProblem | None = None
    lines: dict[int, int] = {}
    try:
        for index, doc in enumerate(read_documents(text, lines)):
            if doc is None or (doc == "" and index > 0):
                continue  # an empty document, e.g. after a trailing `---`
            documents += 1
            default_id = stem if index == 0 else f"{stem}#{index + 1}"
            briefing, found, overflow = build_briefing(
                doc, index, default_id, shown, lines, room=MAX_FINDINGS - len(findings)
            )
            lines.clear()  # the document is built: its mappings' ids may be reused
            findings.extend(found)
            more.add(overflow)
            if briefing is not None:
                briefings.append(briefing)
    except YamlProblem as error:
        broken = error  # keep the documents before the broken one; report where it broke
    problems = _located(text, shown, findings)
    if broken is not None:
        problems.append(problem(shown, broken.line, broken.column, broken.path, broken.message))
    elif documents == 0:
        problems.append(problem(shown, 1, 1, (), "the file holds no briefing"))
    return FileResult(path, tuple(briefings), tuple(_capped(problems, more, shown)))


def _capped(problems: list[Problem], more: Overflow, shown: str) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` problems in line order, and a line counting the rest."""
    problems.sort(key=lambda p: (p.line, p.column))
    kept, rest = problems[:MAX_PROBLEMS], problems[MAX_PROBLEMS:]
    errors = more.errors + sum(p.is_error for p in rest)
    warnings = more.total - more.errors + sum(not p.is_error for p in rest)
    if errors or warnings:
        last = kept[-1]
        for count, severity in ((errors, "error"), (warnings, "warning")):
            if count:
                what = f"{count:,} more {severity}{'s' if count > 1 else ''}"
                message = f"… and {what} in this file (the first {MAX_PROBLEMS} problems are shown)"
                kept.append(Problem(shown, last.line, last.column, "", message, severity, count))
    return kept


def _located(text: str, shown: str, findings: list[Finding]) -> list[Problem]:
    """Problems for the schema's findings, each at the line and column of its value (or key)."""
    if not findings:
        return []
    from ..format.yamlread import locate

    targets = [(*path, "key") if at_key else path for path, _, _, at_key in findings]
    marks = locate(text, targets)
    problems: list[Problem] = []
    for target, (path, message, severity, _) in zip(targets, findings, strict=True):
        line, column = marks.get(target) or _nearest(marks, target) or (1, 1)
        problems.append(problem(shown, line, column, path[1:], message, severity))
    return problems


def _nearest(marks: dict[FieldPath, tuple[int, int]], target: FieldPath) -> tuple[int, int] | None:
    """The position of the closest located ancestor, for a path that was not found."""
    for cut in range(len(target) - 1, 0, -1):
        if target[:cut] in marks:
            return marks[target[:cut]]
    return None
