"""``--format json``: the whole normalised model in a stable, documented shape.

The shape is described in ``docs/format.md`` ("JSON output"); ``format`` names
its version so scripts can check it. Dates keep the text as written plus their
earliest and latest day.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..format.dates import FuzzyDate
from ..format.model import Briefing, Meeting, Outcome, Participant, Problem, Topic

if TYPE_CHECKING:
    from .evidence import Evidence, EvidenceOf

JSON_FORMAT = "briefing-json/1"


def _date(date: FuzzyDate | None) -> dict[str, str] | None:
    if date is None:
        return None
    return {"text": date.text, "display": date.display, "earliest": date.earliest, "latest": date.latest}


def _record(record: Participant | Topic | Outcome, evidence: Evidence | None = None) -> dict[str, Any]:
    """A participant, topic or outcome: absent text as null, refs as a list (and their paragraphs, with evidence)."""
    out = {key: list(value) if key == "refs" else value or None for key, value in record._asdict().items()}
    if evidence is not None:
        out["evidence"] = _evidence(evidence, record.refs)
    return out


def _evidence(evidence: Evidence, refs: Sequence[int]) -> list[dict[str, Any]]:
    """Each cited paragraph's number and text (null: the report has no such paragraph)."""
    return [{"ref": quote.ref, "text": quote.text} for quote in evidence.of(refs)]


def meeting_json(meeting: Meeting, evidence: Evidence | None = None) -> dict[str, Any]:
    """One meeting as plain JSON-ready data (with each fact's cited paragraphs, given ``evidence``)."""
    out = {
        "id": meeting.id,
        "title": meeting.title,
        "date": _date(meeting.date),
        "kind": meeting.kind or None,
        "location": meeting.location or None,
        "venue": meeting.venue or None,
        "context": meeting.context or None,
        "summary": meeting.summary or None,
        "participants": [_record(p, evidence) for p in meeting.participants],
        "topics": [_record(t, evidence) for t in meeting.topics],
        "outcomes": [_record(o, evidence) for o in meeting.outcomes],
        "refs": list(meeting.refs),
    }
    if evidence is not None:
        out["evidence"] = _evidence(evidence, meeting.refs)
    return out


def _source_text(evidence: Evidence) -> dict[str, Any]:
    """Whether the briefing's report could be read: its paragraph count, or why not."""
    from ..archive.reports import Report

    report = evidence.report
    if isinstance(report, Report):
        return {"available": True, "paragraphs": len(report.paragraphs), "reason": None}
    return {"available": False, "paragraphs": None, "reason": report.reason}


def briefing_json(briefing: Briefing, meetings: Sequence[Meeting], evidence: Evidence | None = None) -> dict[str, Any]:
    """One briefing as plain JSON-ready data, with the meetings given (and their evidence, given ``evidence``)."""
    source = briefing.source
    out = {
        "id": briefing.id,
        "title": briefing.title,
        "date": _date(briefing.date),
        "summary": briefing.summary or None,
        "source": None
        if source is None
        else {
            "name": source.name or None,
            "kind": source.kind or None,
            "url": source.url or None,
            "published": _date(source.published),
            "file": source.file or None,
        },
        "tags": list(briefing.tags),
        "file": briefing.path,
        "meetings": [meeting_json(m, evidence) for m in meetings],
    }
    if evidence is not None:
        out["source_text"] = _source_text(evidence)
    return out


def problem_json(problem: Problem) -> dict[str, Any]:
    """One error or warning as plain JSON-ready data (``hidden``: how many more it stands for, if any)."""
    return problem._asdict()


def render_json(
    groups: Sequence[tuple[Briefing, list[Meeting]]], problems: Sequence[Problem], evidence: EvidenceOf | None = None
) -> str:
    """The whole output document, indented for people and parseable by scripts (with the reports' paragraphs)."""
    from .evidence import Evidence

    document = {
        "format": JSON_FORMAT,
        "briefings": [briefing_json(b, m, Evidence(evidence(b)) if evidence else None) for b, m in groups],
        "problems": [problem_json(p) for p in problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
