"""``briefing summary`` as Rich renderables.

Data goes in only as :class:`rich.text.Text` built from plain strings, never
through markup, so nothing in a briefing can style, link or garble the output.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.segment import Segment, Segments
from rich.text import Text

from ..model import Briefing, Meeting
from ..text import neutralise_line
from .common import KIND_LABELS, plural, refs_text, source_line

if TYPE_CHECKING:
    from ..catalog import Entry
    from ..query import Query

MATCH_STYLE = "bold reverse"


def marked(text: str, query: Query | None, style: str = "") -> Text:
    """``text`` as literal Rich text, with the query's matches highlighted."""
    out = Text(text, style=style)
    if query:
        from ..query import highlight_spans  # loaded already: there is a query

        for start, end in highlight_spans(query, text):
            out.stylize(MATCH_STYLE, start, end)
    return out


def _refs(refs: Sequence[int]) -> Text:
    return Text(f" {refs_text(refs)}", style="dim") if refs else Text()


def briefing_header(briefing: Briefing, shown: int, query: Query | None) -> RenderableType:
    """Title rule, date and source line, summary and tags of one briefing."""
    parts: list[RenderableType] = [TitleRule(marked(briefing.title, query, "bold"))]
    facts = Text.assemble((briefing.date.display, "bold"))
    line = source_line(briefing)
    if line:
        facts.append(f" · {line}")
    count = len(briefing.meetings)
    facts.append(f" · {plural(count, 'meeting')}", style="dim")
    if shown != count:
        facts.append(f" ({shown} shown)", style="dim")
    parts.append(facts)
    if briefing.summary:
        parts += [Text(), marked(briefing.summary, query)]
    if briefing.tags:
        parts.append(Text.assemble(("Tags ", "dim"), (" · ".join(briefing.tags), "")))
    parts.append(Text(f"{briefing.path}", style="dim"))
    return Group(*parts)


class TitleRule:
    """``Title ─────────`` across the width: a light stand-in for ``rich.rule.Rule``."""

    def __init__(self, title: Text) -> None:
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        width = options.max_width
        lines = list(self.title.wrap(console, width, overflow="fold")) or [Text()]
        yield from lines[:-1]
        last = lines[-1]
        fill = width - cell_len(last.plain) - 1
        yield Text.assemble(last, " ", ("─" * fill, "cyan")) if fill > 0 else last


LABEL_WIDTH = 14
INDENT = 2


class Labelled:
    """``Label         value…`` with the value's wrapped lines hanging under its start.

    Cheaper than a Rich grid (no column measuring) and never nests tables.
    """

    def __init__(self, label: str, *values: Text) -> None:
        self.label = label
        self.values = values

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        width = max(10, options.max_width - LABEL_WIDTH - INDENT)
        label = Text(f"{' ' * INDENT}{self.label:<{LABEL_WIDTH}}", style="bold")
        blank = Text(" " * (INDENT + LABEL_WIDTH))
        first = True
        for value in self.values:
            for line in value.wrap(console, width, overflow="fold"):
                yield Text.assemble(label if first else blank, line)
                first = False


def participants_lines(meeting: Meeting, query: Query | None) -> list[Text]:
    """One line per participant, in columns: name, role, country (organisation), ¶refs."""
    people = meeting.participants
    name_width = max(cell_len(p.name or "(not named)") for p in people)
    role_width = max(cell_len(p.role) for p in people)
    lines = []
    for p in people:
        line = marked(p.name, query, "bold") if p.name else Text("(not named)", style="italic dim")
        line.append(" " * (name_width - cell_len(line.plain) + 2))
        if role_width:
            line.append_text(marked(p.role, query)).append(" " * (role_width - cell_len(p.role) + 2))
        line.append_text(marked(p.country, query))
        if p.organisation:
            line.append(" (").append_text(marked(p.organisation, query)).append(")")
        line.append_text(_refs(p.refs))
        line.rstrip()
        lines.append(line)
    return lines


def meeting_block(meeting: Meeting, query: Query | None) -> RenderableType:
    """One meeting: a heading, then labelled facts."""
    heading = Text(" " * INDENT)
    heading.append(meeting.date.display if meeting.date else "date not stated", style="bold green")
    heading.append("  ")
    heading.append_text(marked(meeting.title, query, "bold"))
    if meeting.kind:
        heading.append(f"  {KIND_LABELS[meeting.kind]}", style="dim")
    parts: list[RenderableType] = [Text(), heading]
    where = ", ".join(p for p in (meeting.venue, meeting.location) if p)
    for label, value in (("Where", where), ("Context", meeting.context), ("Summary", meeting.summary)):
        if value:
            parts.append(Labelled(label, marked(value, query)))
    parts.append(Labelled("Participants", *participants_lines(meeting, query)))
    if meeting.topics:
        topics = [
            Text("• ").append_text(marked(t.name, query, "bold"))
            .append_text(marked(f": {t.detail}" if t.detail else "", query)).append_text(_refs(t.refs))
            for t in meeting.topics
        ]  # fmt: skip
        parts.append(Labelled("Topics", *topics))
    if meeting.outcomes:
        outcomes = [
            Text("• ").append_text(Text(f"{o.kind}: " if o.kind else "", style="italic magenta"))
            .append_text(marked(o.text, query)).append_text(_refs(o.refs))
            for o in meeting.outcomes
        ]  # fmt: skip
        parts.append(Labelled("Outcomes", *outcomes))
    if meeting.refs:
        parts.append(Labelled("Sources", Text(refs_text(meeting.refs), style="dim")))
    parts.append(Labelled("Id", Text(meeting.id, style="dim")))
    return Group(*parts)


def summary_renderables(
    groups: Sequence[tuple[Briefing, list[Meeting]]], query: Query | None
) -> Iterator[RenderableType]:
    """Everything ``briefing summary`` prints, briefing by briefing."""
    for number, (briefing, meetings) in enumerate(groups):
        if number:
            yield Text()
        yield briefing_header(briefing, len(meetings), query)
        for meeting in meetings:
            yield meeting_block(meeting, query)


def search_line(entry: Entry, query: Query) -> Text:
    """One result of ``briefing search``: date, briefing/meeting id, title, participants."""
    line = Text()
    line.append(f"{entry.date or 'undated':<14}", style="green" if entry.date else "dim")
    line.append(" ")
    line.append(neutralise_line(entry.ref), style="dim")
    line.append("  ")
    line.append_text(marked(neutralise_line(entry.title), query, "bold"))
    line.append(" — ", style="dim")
    line.append_text(marked(neutralise_line(entry.people), query))
    return line


def print_trimmed(console: Console, renderable: RenderableType) -> None:
    """Print without the trailing blanks Rich pads lines with (they annoy in pipes and diffs)."""
    lines = console.render_lines(renderable, console.options, pad=False, new_lines=False)
    out: list[Segment] = []
    for line in lines:
        while line and not line[-1].text.strip() and not (line[-1].style and line[-1].style.bgcolor):
            line = line[:-1]
        if line:
            last = line[-1]
            line = (
                [*line[:-1], Segment(last.text.rstrip(), last.style)]
                if not (last.style and last.style.bgcolor)
                else line
            )
        out.extend(line)
        out.append(Segment.line())
    console.print(Segments(out), end="")
