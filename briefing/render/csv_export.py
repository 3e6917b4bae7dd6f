"""``--format csv``: flat tables for a spreadsheet, one of meetings, participants or outcomes.

RFC 4180 text: a header row, ``\\r\\n`` after every row, a cell quoted where it
holds a comma, a quote or a line break (line breaks are kept: RFC 4180 allows
them in quoted cells). The caller writes the returned ``str`` as UTF-8.

Dates come as written (``2025-07~``) plus their earliest and latest day in ISO
form; a meeting that states no date has these cells empty (its briefing's date
is not put in its place). Paragraph references are written as the reader shows
them, ``¶2, ¶5``: the ``¶`` keeps a spreadsheet from reading ``5`` as a number
or ``2, 5`` as a list of numbers, so the cell stays text.

Formula injection (OWASP, "CSV Injection"): a cell whose first character is
``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be evaluated by a
spreadsheet (``=HYPERLINK(…)``); such a cell gets a single quote ``'`` put in
front, so it shows as text. ``-2`` thus becomes ``'-2``: the exported text is
what a person reads, never a number or a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence

from briefing.format.dates import FuzzyDate
from briefing.format.model import Briefing, Meeting, Participant
from briefing.render.common import refs_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet evaluate a cell."""
JOIN = "; "
"""Between the items of one cell (participants, topics, outcomes) in the ``meetings`` table."""

Group = tuple[Briefing, list[Meeting]]
Cells = list[str]

MEETING_COLUMNS = (
    "briefing_id", "meeting_id", "date", "earliest", "latest", "title", "kind", "location", "venue",
    "participants", "topics", "outcomes", "refs", "file",
)  # fmt: skip
PARTICIPANT_COLUMNS = (
    "briefing_id", "meeting_id", "date", "earliest", "meeting_title", "name", "role", "country", "organisation", "refs",
)  # fmt: skip
OUTCOME_COLUMNS = ("briefing_id", "meeting_id", "date", "earliest", "meeting_title", "kind", "text", "refs")


def safe_cell(text: str) -> str:
    """``text`` as a cell no spreadsheet evaluates: a ``'`` in front of a formula's first character."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _dates(date: FuzzyDate | None) -> tuple[str, str, str]:
    """(as written, earliest, latest), or three empty cells for a meeting that states no date."""
    return ("", "", "") if date is None else (date.text, date.earliest, date.latest)


def participant_cell(person: Participant) -> str:
    """``S. Jaishankar (India)``; an unnamed participant by role: ``Quad member (Japan)``."""
    return f"{person.label} ({person.country})" if person.country else person.label


def _meeting_rows(briefing: Briefing, meeting: Meeting) -> Iterator[Cells]:
    text, earliest, latest = _dates(meeting.date)
    yield [
        briefing.id, meeting.id, text, earliest, latest, meeting.title, meeting.kind, meeting.location, meeting.venue,
        JOIN.join(participant_cell(p) for p in meeting.participants),
        JOIN.join(topic.name for topic in meeting.topics),
        JOIN.join(outcome.text for outcome in meeting.outcomes),
        refs_text(meeting.refs), briefing.path,
    ]  # fmt: skip


def _participant_rows(briefing: Briefing, meeting: Meeting) -> Iterator[Cells]:
    text, earliest, _ = _dates(meeting.date)
    for p in meeting.participants:
        yield [
            briefing.id, meeting.id, text, earliest, meeting.title,
            p.name, p.role, p.country, p.organisation, refs_text(p.refs),
        ]  # fmt: skip


def _outcome_rows(briefing: Briefing, meeting: Meeting) -> Iterator[Cells]:
    text, earliest, _ = _dates(meeting.date)
    for outcome in meeting.outcomes:
        yield [
            briefing.id, meeting.id, text, earliest, meeting.title, outcome.kind, outcome.text, refs_text(outcome.refs),
        ]  # fmt: skip


RowMaker = Callable[[Briefing, Meeting], Iterator[Cells]]
TABLES: dict[str, tuple[tuple[str, ...], RowMaker]] = {
    "meetings": (MEETING_COLUMNS, _meeting_rows),
    "participants": (PARTICIPANT_COLUMNS, _participant_rows),
    "outcomes": (OUTCOME_COLUMNS, _outcome_rows),
}
"""Each table's header and the rows one meeting gives it."""


def render_csv(groups: Sequence[Group], table: str = "meetings") -> str:
    """One table of ``groups`` (briefings with the meetings to show) as CSV text.

    ``table``: ``meetings`` (a row per meeting), ``participants`` (a row per
    meeting and participant) or ``outcomes`` (a row per outcome); anything else
    raises :class:`ValueError` naming these.
    """
    if table not in TABLES:
        raise ValueError(f"unknown CSV table {table!r}: use one of {', '.join(TABLES)}")
    columns, rows = TABLES[table]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for briefing, meetings in groups:
        for meeting in meetings:
            writer.writerows([safe_cell(cell) for cell in row] for row in rows(briefing, meeting))
    return out.getvalue()
