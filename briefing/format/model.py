"""The briefing model: immutable records built by the loader, no UI in sight.

Records are ``NamedTuple``s: typed and frozen like dataclasses, but built from a
cache in a fraction of the time and cheap to hold by the ten thousand. Every
string in them has already been through :func:`briefing.format.text.neutralise`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .dates import FuzzyDate

MEETING_KINDS = ("bilateral", "multilateral", "call", "visit", "other")
OUTCOME_KINDS = ("agreement", "commitment", "plan", "announcement", "statement", "disagreement", "other")

Refs = tuple[int, ...]
FieldPath = tuple[str | int, ...]
"""Where a value is in a document: ``("meetings", 2, "title")``."""


class Participant(NamedTuple):
    """Someone who took part: a name, a role, or both."""

    name: str = ""
    role: str = ""
    country: str = ""
    organisation: str = ""
    refs: Refs = ()

    @property
    def label(self) -> str:
        """The name, or the role where the report gives no name."""
        return self.name or self.role


def people_line(participants: Iterable[Participant]) -> str:
    """Who took part, for one line: names, and unnamed participants by role with what tells them apart.

    ``S. Jaishankar, Marco Rubio``; ``Quad member (India, United States, Japan)``.
    """
    parts: list[str | list[str]] = []  # a name, or the role's group: [role, country or organisation, …]
    groups: dict[str, list[str]] = {}
    for person in participants:
        if person.name:
            parts.append(person.name)
            continue
        group = groups.get(person.role)
        if group is None:
            group = groups[person.role] = [person.role]
            parts.append(group)
        telling = person.country or person.organisation
        if telling:
            group.append(telling)
    return ", ".join(
        part if isinstance(part, str) else f"{part[0]} ({', '.join(part[1:])})" if len(part) > 1 else part[0]
        for part in parts
    )


class Topic(NamedTuple):
    """Something discussed."""

    name: str
    detail: str = ""
    refs: Refs = ()


class Outcome(NamedTuple):
    """Something that came of a meeting."""

    text: str
    kind: str = ""
    refs: Refs = ()


class Meeting(NamedTuple):
    """One meeting, call or visit of a briefing."""

    id: str
    title: str
    participants: tuple[Participant, ...]
    date: FuzzyDate | None = None
    location: str = ""
    venue: str = ""
    context: str = ""
    summary: str = ""
    kind: str = ""
    topics: tuple[Topic, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    refs: Refs = ()
    line: int = 0
    """The line of its file where the meeting starts (0: not known)."""

    @property
    def place(self) -> str:
        """Venue and location joined for one line (either may be missing)."""
        return ", ".join(part for part in (self.venue, self.location) if part)


class Source(NamedTuple):
    """Where a briefing's facts were taken from."""

    name: str = ""
    kind: str = ""
    url: str = ""
    published: FuzzyDate | None = None
    file: str = ""


class Briefing(NamedTuple):
    """One briefing: a report's meetings, with where the report came from."""

    id: str
    title: str
    date: FuzzyDate | None
    """None only when the file's date could not be read (an error is reported; the meetings still show)."""
    meetings: tuple[Meeting, ...]
    path: str
    summary: str = ""
    source: Source | None = None
    tags: tuple[str, ...] = ()


class Problem(NamedTuple):
    """An error or warning about a file, located as precisely as it can be.

    ``line`` and ``column`` are 1-based; 0 means the position is unknown (a file
    that could not be opened at all).
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"
    hidden: int = 0
    """For the last line of a file with too many problems: how many more of this severity it stands for."""

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        return f"{_position_safe(self.path)}:{self.line}:{self.column}: {self.severity}: {field}{self.message}"

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == "error"

    @property
    def reported(self) -> int:
        """How many problems this line reports (more than one for a line that counts the rest of a file's)."""
        return self.hidden or 1


def tally(problems: Iterable[Problem]) -> tuple[int, int]:
    """(errors, warnings) among ``problems``, the ones only counted included."""
    errors = warnings = 0
    for problem in problems:
        if problem.is_error:
            errors += problem.reported
        else:
            warnings += problem.reported
    return errors, warnings


_COLON_DIGIT = re.compile(r":(?=[0-9])")


def _position_safe(path: str) -> str:
    """``path`` with each ``:`` before a digit written ``\\x3a``.

    So a file named ``a.yaml:1:1: …`` cannot pass for a position in ``FILE:LINE:COLUMN``.
    """
    return _COLON_DIGIT.sub(r"\\x3a", path) if ":" in path else path


def format_path(path: Iterable[str | int]) -> str:
    """``("meetings", 2, "title")`` → ``"meetings[2].title"`` (very deep paths elided)."""
    parts = list(path)
    if len(parts) > 12:
        return f"{format_path(parts[:6])}…{format_path(parts[-3:])}"
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class Row(NamedTuple):
    """A meeting with the briefing it belongs to: what lists and searches show."""

    briefing: Briefing
    meeting: Meeting
    sort_key: str = ""
    """The earliest day the meeting may have taken place (see :func:`rows_of`)."""

    @property
    def when(self) -> FuzzyDate | None:
        """The meeting's date, or its briefing's where the report gives none."""
        return self.meeting.date or self.briefing.date


def briefing_rows(briefing: Briefing) -> list[Row]:
    """The rows of one briefing in file order, each with its sort key.

    An undated meeting sorts with the dated meeting before it in the report
    (reports tell events in order), or at the briefing's date if none is.
    """
    rows = []
    carry = ""
    for meeting in briefing.meetings:
        if meeting.date is not None:
            carry = meeting.date.earliest
        rows.append(Row(briefing, meeting, carry or (briefing.date.earliest if briefing.date else "")))
    return rows


def rows_of(briefings: Sequence[Briefing]) -> list[Row]:
    """Every meeting of ``briefings``, newest first (file order among equals)."""
    rows = [row for briefing in briefings for row in briefing_rows(briefing)]
    rows.sort(key=lambda row: row.sort_key, reverse=True)
    return rows
