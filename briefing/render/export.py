"""``briefing export`` and the reader's ``x``: a selection of meetings as one file, in one of four formats."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from ..format.model import Briefing, Meeting, Problem
from .common import plural

if TYPE_CHECKING:
    from .evidence import EvidenceOf

FORMATS = ("markdown", "json", "csv", "ics")
TABLES = ("meetings", "participants", "outcomes")
SUFFIXES = {"markdown": ".md", "json": ".json", "csv": ".csv", "ics": ".ics"}
"""The usual file name ending of each format (the reader's default file names)."""


def export_document(
    groups: Sequence[tuple[Briefing, list[Meeting]]],
    form: str,
    *,
    table: str = "meetings",
    problems: Sequence[Problem] = (),
    evidence: EvidenceOf | None = None,
    now: datetime | None = None,
) -> tuple[bytes, list[str]]:
    """The file's bytes (UTF-8), and notes for the user about what it leaves out."""
    if form == "markdown":
        from .markdown import render_markdown

        return render_markdown(groups, evidence).encode("utf-8"), []
    if form == "json":
        from .json_export import render_json

        return render_json(groups, problems, evidence).encode("utf-8"), []
    if form == "csv":
        from .csv_export import render_csv

        return render_csv(groups, table).encode("utf-8"), []
    if form == "ics":
        from .ics_export import render_ics

        data, undated = render_ics(groups, now=now)
        notes = [f"{plural(undated, 'undated meeting')} left out of the calendar"] if undated else []
        return data, notes
    raise ValueError(f"unknown export format {form!r}: use one of {', '.join(FORMATS)}")
