"""``briefing summary --format markdown``: clean Markdown, data escaped.

Every data string is escaped so that nothing in a briefing becomes a link,
an image, HTML or a heading in whatever renders the Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Briefing, Meeting
from .common import plural, refs_text, source_line

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md(text: str) -> str:
    """Escape ``text`` for Markdown: punctuation backslashed, HTML turned to entities."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    # A line break inside a value would end a list item or a table row.
    return " ".join(text.split())


def _refs(refs: Sequence[int]) -> str:
    return f" ({refs_text(refs)})" if refs else ""


def _meeting(meeting: Meeting) -> list[str]:
    date = meeting.date.display if meeting.date else "date not stated"
    lines = [f"### {md(meeting.title)}", "", f"- **Date:** {md(date)}"]
    where = ", ".join(p for p in (meeting.venue, meeting.location) if p)
    for label, value in (("Where", where), ("Context", meeting.context), ("Kind", meeting.kind)):
        if value:
            lines.append(f"- **{label}:** {md(value)}")
    if meeting.refs:
        lines.append(f"- **Sources:** {refs_text(meeting.refs)}")
    lines.append(f"- **Id:** {md(meeting.id)}")
    if meeting.summary:
        lines += ["", md(meeting.summary)]
    lines += ["", "| Participant | Role | Country | Organisation |", "| --- | --- | --- | --- |"]
    for p in meeting.participants:
        name = md(p.name) if p.name else "*(not named)*"
        lines.append(f"| {name}{_refs(p.refs)} | {md(p.role)} | {md(p.country)} | {md(p.organisation)} |")
    if meeting.topics:
        lines += ["", "**Topics**", ""]
        for topic in meeting.topics:
            detail = f": {md(topic.detail)}" if topic.detail else ""
            lines.append(f"- {md(topic.name)}{detail}{_refs(topic.refs)}")
    if meeting.outcomes:
        lines += ["", "**Outcomes**", ""]
        for outcome in meeting.outcomes:
            kind = f"*{outcome.kind}:* " if outcome.kind else ""
            lines.append(f"- {kind}{md(outcome.text)}{_refs(outcome.refs)}")
    return [*lines, ""]


def render_markdown(groups: Sequence[tuple[Briefing, list[Meeting]]]) -> str:
    """The whole summary as one Markdown document."""
    lines: list[str] = []
    for briefing, meetings in groups:
        lines += [f"## {md(briefing.title)}", ""]
        facts = [f"**Date:** {md(briefing.date.display)}", plural(len(briefing.meetings), "meeting")]
        source = source_line(briefing)
        if source:
            facts.insert(1, f"**Source:** {md(source)}")
        lines += [" · ".join(facts), ""]
        if briefing.summary:
            lines += [md(briefing.summary), ""]
        if briefing.tags:
            lines += ["**Tags:** " + ", ".join(md(tag) for tag in briefing.tags), ""]
        for meeting in meetings:
            lines += _meeting(meeting)
    return "\n".join(lines).rstrip() + "\n"
