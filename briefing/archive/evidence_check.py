"""``briefing validate``'s evidence checks: every ref names a paragraph of the report, the report can be read.

The checks read the file again as written (not the model: a meeting the schema
dropped still has refs an author must fix), so each problem is located at the
ref or ``source.file`` it is about. (A ref repeated in one list and a URL that is not
http(s) are the schema's warnings: every command gives them.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..format.model import FieldPath, Problem
from ..format.schema import ref_number
from ..format.text import neutralise_line
from .files import ReadRefused, read_bytes, read_text
from .parse import problem
from .reports import Unavailable, read_report, root_of

FACT_LISTS = ("participants", "topics", "outcomes")


def archive_evidence_problems(paths: Sequence[str], given: Sequence[str], max_size: int) -> dict[str, list[Problem]]:
    """The evidence problems of every file of ``paths`` (an archive opened with ``given``), by file.

    Only files that name a ``source.file`` can have any; the others are passed over without being parsed.
    """
    out: dict[str, list[Problem]] = {}
    for path in paths:
        try:
            if b"file" not in read_bytes(path, max_size):
                continue
        except ReadRefused:
            continue
        found = evidence_problems(path, root_of(path, given), max_size)
        if found:
            out[path] = found
    return out


def evidence_problems(path: str, root: str, max_size: int) -> list[Problem]:
    """The evidence problems of one briefing file found under ``root``, in line order.

    An unreadable or unparsable file has none here: loading reported it already.
    """
    from ..format.yamlread import YamlProblem, locate, read_documents

    try:
        text = read_text(path, max_size)
        documents = list(read_documents(text))
    except (ReadRefused, YamlProblem, RecursionError):
        return []
    findings: list[tuple[FieldPath, str, str]] = []
    for number, doc in enumerate(documents):
        if isinstance(doc, dict):
            findings += _document(path, root, max_size, number, doc)
    if not findings:
        return []
    shown = neutralise_line(path)
    marks = locate(text, [where for where, _, _ in findings])
    problems = [
        problem(shown, *(marks.get(where) or (1, 1)), where[1:], message, severity)
        for where, message, severity in findings
    ]
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def _document(
    path: str, root: str, max_size: int, number: int, doc: dict[str, Any]
) -> list[tuple[FieldPath, str, str]]:
    source = doc.get("source")
    if not isinstance(source, dict):
        return []
    findings: list[tuple[FieldPath, str, str]] = []
    source_file = source.get("file")
    if not isinstance(source_file, str) or not source_file.strip():
        return findings
    report = read_report(path, source_file, root, max_size)
    if isinstance(report, Unavailable):
        reason = report.reason.removeprefix("source.file ")  # the field is named already
        findings.append(((number, "source", "file"), f"{reason}; its refs cannot be checked", "warning"))
        return findings
    count = len(report.paragraphs)
    for where, refs in _ref_lists(number, doc):
        for index, item in enumerate(refs):
            ref = ref_number(item)  # not a paragraph number: the schema says so
            if ref is not None and ref > count:
                has = f"{count} paragraph{'s' if count != 1 else ''}"
                findings.append(((*where, index), f"¶{ref}, but the report has {has}", "error"))
    return findings


def _ref_lists(number: int, doc: dict[str, Any]) -> Iterator[tuple[FieldPath, list[Any]]]:
    """Every ``refs`` list of a document, with where it is."""
    meetings = doc.get("meetings")
    if not isinstance(meetings, list):
        return
    for m, meeting in enumerate(meetings):
        if not isinstance(meeting, dict):
            continue
        if isinstance(meeting.get("refs"), list):
            yield (number, "meetings", m, "refs"), meeting["refs"]
        for key in FACT_LISTS:
            facts = meeting.get(key)
            if not isinstance(facts, list):
                continue
            for f, fact in enumerate(facts):
                if isinstance(fact, dict) and isinstance(fact.get("refs"), list):
                    yield (number, "meetings", m, key, f, "refs"), fact["refs"]
