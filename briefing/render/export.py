"""``briefing export`` and the reader's ``x``: a selection of meetings as one file, in one of four formats."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from ..format.model import Briefing, Meeting, Problem
from .common import plural

if TYPE_CHECKING:
    from .evidence import EvidenceOf

FORMATS = ("markdown", "json", "csv", "ics")
SUFFIXES = {"markdown": ".md", "json": ".json", "csv": ".csv", "ics": ".ics"}
"""The usual file name ending of each format (the reader's default file names)."""


class Exported(NamedTuple):
    """A file's bytes (UTF-8), what it holds (``12 meetings``, ``10 events``), and notes on what it leaves out."""

    data: bytes
    what: str
    notes: list[str]


def export_document(
    groups: Sequence[tuple[Briefing, list[Meeting]]],
    form: str,
    *,
    table: str = "meetings",
    problems: Sequence[Problem] = (),
    evidence: EvidenceOf | None = None,
    now: datetime | None = None,
) -> Exported:
    """``groups`` in format ``form``, with notes for the user about what it leaves out."""
    meetings = plural(sum(len(m) for _, m in groups), "meeting")
    if form == "markdown":
        from .markdown import render_markdown

        return Exported(render_markdown(groups, evidence).encode("utf-8"), meetings, [])
    if form == "json":
        from .json_export import render_json

        return Exported(render_json(groups, problems, evidence).encode("utf-8"), meetings, [])
    if form == "csv":
        from .csv_export import render_csv

        return Exported(render_csv(groups, table).encode("utf-8"), meetings, [])
    if form == "ics":
        from .ics_export import render_ics

        data, undated = render_ics(groups, now=now)
        notes = [f"{plural(undated, 'undated meeting')} left out of the calendar"] if undated else []
        events = plural(sum(len(m) for _, m in groups) - undated, "event")
        return Exported(data, events, notes)
    raise ValueError(f"unknown export format {form!r}: use one of {', '.join(FORMATS)}")
