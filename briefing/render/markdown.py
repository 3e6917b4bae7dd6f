"""``--format markdown``: Markdown that reads cleanly when pasted, where data can only ever be text.

Data is escaped only where Markdown would misread it (``S. Jaishankar`` and
``Co-production`` stay as written), and anything a renderer would turn into
a link (a URL, an address, a domain name) is put in a code span, where no
renderer, GitHub's included, makes a link.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..format.model import Briefing, Meeting
from .common import date_text, plural, refs_text, source_line

if TYPE_CHECKING:
    from .evidence import Evidence, EvidenceOf

# What renderers autolink: a scheme, "www.", an e-mail address, or a domain name
# (dots of any script: "evil。example" is a link to some of them).
_DOT = r"[.。．｡]"
_END = r"[^\s<>`).,;:!?'\"\]]"  # a link does not end in punctuation (nor does a code span need to take it)
# Each form may start only where a token starts (the lookbehinds): else a long run of letters would be
# scanned again from every one of its characters.
_LINKISH = re.compile(
    r"(?<![a-z0-9+.\-])(?:[a-z][a-z0-9+.\-]*:/*|www" + _DOT + r")[^\s<>`]*" + _END
    + r"|(?<![^\s@<>()\[\]`])[^\s@<>()\[\]`]+@[^\s@<>()\[\]`]+" + _DOT + r"[^\s@<>()\[\]`]*" + _END
    + r"|(?<![\w.])[\w\-]+(?:" + _DOT + r"[\w\-]+)*" + _DOT + r"[^\W\d_]{2,}\b(?:/[^\s<>`]*" + _END + r")?",
    re.IGNORECASE,
)  # fmt: skip
_WORDS = re.compile(r"(?:[^\W_]+(?: [^\W_]+)*)?")
_MAYBE_LINK = re.compile("[:@" + _DOT[1:-1] + "]")
# Inline: what could open emphasis, code, a link, HTML, a table cell or strikethrough.
_INLINE = re.compile(r"([\\`*\[\]|~])|(?<![^\W_])_|_(?![^\W_])")
# At the start of a line: a heading, a quote, a list item, a thematic break.
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+*](?=\s)|\d{1,9}(?=[.)](?:\s|$))|=+\s*$|-+\s*$)")


def _code(text: str) -> str:
    """``text`` as a code span: a fence longer than any run of backticks inside; pipes escaped for tables."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text.replace('|', chr(92) + '|')}{pad}{fence}"


def _plain(text: str) -> str:
    text = html.escape(text, quote=False)  # <, >, & : no HTML, no entity
    return _INLINE.sub(lambda m: "\\" + m.group(0), text)


def md(text: str) -> str:
    """``text`` as one line of Markdown that renders as exactly this text and links nowhere."""
    text = " ".join(text.split())  # a line break inside a value would end a list item or a table row
    if _WORDS.fullmatch(text):  # letters and digits (of any script) between single spaces: nothing to misread
        return text
    if not _MAYBE_LINK.search(text):  # no scheme, address or domain can be in it (most names and words)
        return _LINE_START.sub(_line_start, _plain(text), 1)
    out: list[str] = []
    last = 0
    for match in _LINKISH.finditer(text):
        out.append(_plain(text[last : match.start()]))
        out.append(_code(match.group()))
        last = match.end()
    out.append(_plain(text[last:]))
    return _LINE_START.sub(_line_start, "".join(out), 1)


def md_message(text: str) -> str:
    """One of our own messages (``source.file `x` is …``) as Markdown: its `quoted` parts as code spans."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an odd backtick (from a quoted name): no code spans at all
        return md(text)
    out = []
    for number, part in enumerate(parts):
        if number % 2:
            out.append(_code(part))
        elif part.strip():  # md() trims: keep the spaces that part it from the code spans
            lead, trail = part[: len(part) - len(part.lstrip())], part[len(part.rstrip()) :]
            out.append(lead[:1] + md(part) + trail[:1])
        else:
            out.append(part[:1])
    return "".join(out)


def _line_start(match: re.Match[str]) -> str:
    """A heading, quote or list marker at the start of a line, escaped (``1.`` as ``1\\.``)."""
    text = match.group(0)
    return text + "\\" if text[0].isdigit() else "\\" + text


def _refs(refs: Sequence[int]) -> str:
    return f" ({refs_text(refs)})" if refs else ""


def _quotes(evidence: Evidence | None, refs: Sequence[int], indent: str = "  ", who: str = "") -> list[str]:
    """The paragraphs ``refs`` cite as blockquotes (nested in a list item by ``indent``), each after a blank line."""
    if evidence is None:
        return []
    lines: list[str] = []
    for quote in evidence.of(refs):
        text = md(evidence.note(quote))
        body = text if quote.text is not None else f"*{text}*"
        lines += ["", f"{indent}> **{who}¶{quote.ref}** {body}"]
    return lines


def meeting_markdown(meeting: Meeting, heading: str = "###", evidence: Evidence | None = None) -> list[str]:
    """One meeting as Markdown lines (each fact followed by its cited paragraphs, with ``evidence``)."""
    lines = [f"{heading} {md(meeting.title)}", "", f"- **Date:** {md(date_text(meeting.date))}"]
    for label, value in (("Where", meeting.place), ("Context", meeting.context), ("Kind", meeting.kind)):
        if value:
            lines.append(f"- **{label}:** {md(value)}")
    if meeting.refs:
        lines.append(f"- **Sources:** {refs_text(meeting.refs)}")
        lines += _quotes(evidence, meeting.refs)
    lines.append(f"- **Id:** {md(meeting.id)}")
    if meeting.summary:
        lines += ["", md(meeting.summary)]
    if meeting.participants:
        lines += ["", "| Participant | Role | Country | Organisation |", "| --- | --- | --- | --- |"]
        for p in meeting.participants:
            name = md(p.name) if p.name else "*(not named)*"
            lines.append(f"| {name}{_refs(p.refs)} | {md(p.role)} | {md(p.country)} | {md(p.organisation)} |")
        if evidence is not None:  # a table cell cannot hold a quote: they follow the table
            for p in meeting.participants:
                lines += _quotes(evidence, p.refs, "", f"{md(p.name or p.role)}, " if p.name or p.role else "")
    if meeting.topics:
        lines += ["", "**Topics**", ""]
        for topic in meeting.topics:
            detail = f": {md(topic.detail)}" if topic.detail else ""
            lines.append(f"- {md(topic.name)}{detail}{_refs(topic.refs)}")
            lines += _quotes(evidence, topic.refs)
    if meeting.outcomes:
        lines += ["", "**Outcomes**", ""]
        for outcome in meeting.outcomes:
            kind = f"*{outcome.kind}:* " if outcome.kind else ""
            lines.append(f"- {kind}{md(outcome.text)}{_refs(outcome.refs)}")
            lines += _quotes(evidence, outcome.refs)
    return [*lines, ""]


def render_markdown(groups: Sequence[tuple[Briefing, list[Meeting]]], evidence: EvidenceOf | None = None) -> str:
    """The whole summary as one Markdown document (quoting the reports, given ``evidence``)."""
    from .evidence import Evidence

    lines: list[str] = []
    for briefing, meetings in groups:
        quotes = Evidence(evidence(briefing)) if evidence is not None else None
        lines += [f"## {md(briefing.title)}", ""]
        shown = len(meetings)
        count = plural(len(briefing.meetings), "meeting") + (
            f" ({shown} shown)" if shown != len(briefing.meetings) else ""
        )
        facts = [f"**Date:** {md(date_text(briefing.date))}", count]
        source = source_line(briefing)
        if source:
            facts.insert(1, f"**Source:** {md(source)}")
        lines += [" · ".join(facts), ""]
        if briefing.source is not None and briefing.source.url:
            lines += [f"**Source URL:** {_code(briefing.source.url)}", ""]
        if briefing.summary:
            lines += [md(briefing.summary), ""]
        if briefing.tags:
            lines += ["**Tags:** " + ", ".join(md(tag) for tag in briefing.tags), ""]
        if quotes is not None:
            lines += [f"**Evidence:** {md_message(quotes.status())}", ""]
        for meeting in meetings:
            lines += meeting_markdown(meeting, evidence=quotes)
    return "\n".join(lines).rstrip() + "\n"
