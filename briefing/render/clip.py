"""What ``y`` and ``Y`` copy: a meeting, or a list of meetings, as Markdown to paste into a note or an e-mail.

Built from the neutralised model, escaped by :func:`~briefing.render.markdown.md`,
so no control character or escape sequence from a file ever reaches a clipboard.
Citations are footnotes, one per paragraph cited, naming the briefing's source
(and quoting the paragraph when the report's text is at hand).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..archive.reports import Report, Unavailable
from ..format.model import Meeting, Participant, Row, people_line
from .common import date_text, one_line, plural, source_line
from .markdown import md


def _notes(refs: Sequence[int]) -> str:
    return "".join(f"[^p{ref}]" for ref in dict.fromkeys(refs))


def _person(person: Participant) -> str:
    details = ", ".join(md(part) for part in (person.role, person.country, person.organisation) if part)
    name = md(person.name) if person.name else "*(not named)*"
    if person.name and details:
        name += f" ({details})"
    elif not person.name:
        name = details or name
    return name + _notes(person.refs)


def meeting_clip(row: Row, report: Report | Unavailable | None = None) -> str:
    """The meeting as Markdown: title, date as written, place, who, topics, outcomes, and footnoted sources."""
    meeting, briefing = row.meeting, row.briefing
    date = f"{md(date_text(meeting.date))} (`{meeting.date.text}`)" if meeting.date else md(date_text(None))
    lines = [f"## {md(meeting.title)}{_notes(meeting.refs)}", "", f"- **Date:** {date}"]
    for label, value in (("Where", meeting.place), ("Context", meeting.context), ("Kind", meeting.kind)):
        if value:
            lines.append(f"- **{label}:** {md(value)}")
    if meeting.participants:
        lines.append("- **Participants:** " + "; ".join(_person(p) for p in meeting.participants))
    if meeting.summary:
        lines += ["", md(meeting.summary)]
    if meeting.topics:
        lines += ["", "**Topics**", ""]
        for topic in meeting.topics:
            detail = f": {md(topic.detail)}" if topic.detail else ""
            lines.append(f"- {md(topic.name)}{detail}{_notes(topic.refs)}")
    if meeting.outcomes:
        lines += ["", "**Outcomes**", ""]
        for outcome in meeting.outcomes:
            kind = f"*{md(outcome.kind)}:* " if outcome.kind else ""
            lines.append(f"- {kind}{md(outcome.text)}{_notes(outcome.refs)}")
    lines += ["", f"From *{md(briefing.title)}*" + (f", {md(source_line(briefing))}" if source_line(briefing) else "")]
    if briefing.source is not None and briefing.source.url:
        lines.append(md(briefing.source.url))  # in a code span: shown in full, never a link to somewhere else
    lines += _footnotes(meeting, row, report)
    return "\n".join(lines) + "\n"


def _footnotes(meeting: Meeting, row: Row, report: Report | Unavailable | None) -> list[str]:
    from ..archive.reports import cited

    refs = cited(meeting)
    if not refs:
        return []
    source = md(source_line(row.briefing)) or "the briefing's source report"
    paragraphs = report.paragraphs if isinstance(report, Report) else ()
    lines = [""]
    for ref in refs:
        note = f"[^p{ref}]: ¶{ref} of {source}"
        if 1 <= ref <= len(paragraphs):
            note += f": “{md(paragraphs[ref - 1])}”"
        elif paragraphs:
            note += f" (not in the report, which has {plural(len(paragraphs), 'paragraph')})"
        lines.append(note)
    return lines


def list_clip(rows: Sequence[Row], query: str, total: int) -> str:
    """The visible list as a Markdown list, one meeting a line (date, title, who), and the query behind it."""
    what = plural(len(rows), "meeting")
    if query:
        what += f" of {total:,}, found by the search “{md(one_line(query))}”"
    lines = [what, ""]
    for row in rows:
        who = md(people_line(row.meeting.participants))
        lines.append(f"- {md(date_text(row.meeting.date))} — {md(row.meeting.title)}" + (f" — {who}" if who else ""))
    return "\n".join(lines) + "\n"
