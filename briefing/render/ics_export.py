"""``--format ics``: dated meetings as all-day events of an iCalendar (RFC 5545) file.

Folding and escaping are left to the :mod:`icalendar` library. The mapping:

- A meeting becomes one all-day ``VEVENT`` (``VALUE=DATE``) from its date's
  earliest day to its latest (``DTEND`` is exclusive: the day after). A day
  spans one day; a month, a year or an interval spans every day it may be.
- ``~`` (approximate) or ``?`` (uncertain) anywhere in the date as written adds
  `` (date approximate)`` / `` (date uncertain)`` to ``SUMMARY`` and a sentence
  to ``DESCRIPTION``.
- Undated: a meeting that states no date is left out and counted, even in a
  dated briefing. The briefing's date is the report's, not the meeting's; an
  event on it would put the meeting on a day nobody stated.
- ``UID``: ``<briefing id>/<meeting id>@briefing``, each id percent-encoded
  (UTF-8; only ``A-Z a-z 0-9 _ . - ~`` left as they are, so the one ``/`` stays
  unambiguous). The same meeting gets the same UID in every export, so a
  re-import updates its event rather than adding a second one. Should one
  export hold the same pair twice (a duplicate id is an error of the file, or
  two files share a briefing id), the later ones get ``/2``, ``/3``… in order.
- ``TRANSP:TRANSPARENT``: these are other people's meetings; they never make
  the reader look busy.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import quote

from briefing.format.dates import FuzzyDate
from briefing.format.model import Briefing, Meeting, Participant
from briefing.render.common import refs_text, source_line

if TYPE_CHECKING:  # imported on first use: icalendar (with dateutil) costs about 0.1 s, other formats never need it
    from icalendar import Event

PRODID = "-//briefing//briefing export//EN"
UID_DOMAIN = "briefing"

Group = tuple[Briefing, list[Meeting]]


def uid_of(briefing_id: str, meeting_id: str) -> str:
    """``jaishankar-washington/jaishankar-rubio@briefing``: stable, and safe in any id-taking field."""
    return f"{quote(briefing_id, safe='')}/{quote(meeting_id, safe='')}@{UID_DOMAIN}"


def date_marks(date_: FuzzyDate) -> list[str]:
    """``["approximate"]`` for ``2025-07~``, ``["uncertain"]`` for ``2025?``, both or neither."""
    return [word for mark, word in (("~", "approximate"), ("?", "uncertain")) if mark in date_.text]


def _participant_line(person: Participant) -> str:
    named = ", ".join(part for part in (person.name, person.role, person.country, person.organisation) if part)
    return f"- {named}{_refs(person.refs)}"


def _refs(refs: Sequence[int]) -> str:
    return f" ({refs_text(refs)})" if refs else ""


def description(briefing: Briefing, meeting: Meeting, date_: FuzzyDate) -> str:
    """The event's notes: the date as written, who, what about, what came of it, and where it is from."""
    lines = [f"Date as written: {date_.text} ({date_.display})"]
    lines += [f"The date is {mark}." for mark in date_marks(date_)]
    for label, value in (("Kind", meeting.kind), ("Context", meeting.context)):
        if value:
            lines.append(f"{label}: {value}")
    if meeting.summary:
        lines += ["", meeting.summary]
    if meeting.participants:
        lines += ["", "Participants:", *(_participant_line(p) for p in meeting.participants)]
    if meeting.topics:
        lines += ["", "Topics:"]
        for topic in meeting.topics:
            detail = f": {topic.detail}" if topic.detail else ""
            lines.append(f"- {topic.name}{detail}{_refs(topic.refs)}")
    if meeting.outcomes:
        lines += ["", "Outcomes:"]
        for outcome in meeting.outcomes:
            kind = f"{outcome.kind}: " if outcome.kind else ""
            lines.append(f"- {kind}{outcome.text}{_refs(outcome.refs)}")
    lines += ["", f"Briefing: {briefing.title}"]
    source = source_line(briefing)
    if source:
        lines.append(f"Source: {source}")
    if briefing.source is not None and briefing.source.url:
        lines.append(f"URL: {briefing.source.url}")
    if briefing.source is not None and briefing.source.file:
        lines.append(f"Report text: {briefing.source.file}")
    if meeting.refs:
        lines.append(f"Paragraphs: {refs_text(meeting.refs)}")
    lines.append(f"File: {briefing.path}")
    return "\n".join(lines)


def meeting_event(briefing: Briefing, meeting: Meeting, date_: FuzzyDate, uid: str, stamp: datetime) -> Event:
    """One dated meeting as an all-day ``VEVENT``."""
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    first, last = date.fromisoformat(date_.earliest), date.fromisoformat(date_.latest)
    event.add("dtstart", first)
    if last < date.max:
        event.add("dtend", last + timedelta(days=1))
    else:  # 9999-12-31 has no next day to end on: the same span as a duration
        event.add("duration", last - first + timedelta(days=1))
    marks = date_marks(date_)
    event.add("summary", meeting.title + (f" (date {' and '.join(marks)})" if marks else ""))
    if meeting.place:
        event.add("location", meeting.place)
    if meeting.kind:
        event.add("categories", [meeting.kind])
    event.add("description", description(briefing, meeting, date_))
    event.add("transp", "TRANSPARENT")
    return event


def render_ics(groups: Sequence[Group], *, now: datetime | None = None) -> tuple[bytes, int]:
    """``groups`` (briefings with the meetings to show) as an iCalendar file; and how many were left out undated.

    ``now`` is the ``DTSTAMP`` of every event (a naive one is taken as UTC);
    by default, the current time.
    """
    from icalendar import Calendar

    if now is None:
        now = datetime.now(UTC)
    stamp = (now if now.tzinfo is not None else now.replace(tzinfo=UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    undated = 0
    seen: dict[str, int] = {}
    for briefing, meetings in groups:
        for meeting in meetings:
            if meeting.date is None:
                undated += 1
                continue
            uid = uid_of(briefing.id, meeting.id)
            seen[uid] = count = seen.get(uid, 0) + 1
            if count > 1:
                local, _, domain = uid.rpartition("@")
                uid = f"{local}/{count}@{domain}"
            calendar.add_component(meeting_event(briefing, meeting, meeting.date, uid, stamp))
    return calendar.to_ical(), undated
