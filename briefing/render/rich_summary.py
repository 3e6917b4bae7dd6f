"""``briefing summary`` as Rich renderables.

Data goes in only as :class:`rich.text.Text` built from plain strings, never
through markup, so nothing in a briefing can style, link or garble the output.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.rule import Rule
from rich.segment import Segment, Segments
from rich.text import Text

from ..format.model import Briefing, Meeting, Participant
from ..format.text import neutralise_line
from .common import date_text, plural, refs_text, source_line

if TYPE_CHECKING:
    from ..archive.catalog import Entry
    from ..query.language import Query

MATCH_STYLE = "bold reverse"
"""How a search's matches are shown, on a terminal and in the reader alike."""


def match_spans(query: Query | None, text: str) -> list[tuple[int, int]]:
    """Where ``query`` matches ``text`` (none without a query)."""
    if not query:
        return []
    from ..query.matching import highlight_spans  # loaded already: there is a query

    return highlight_spans(query, text)


def marked(text: str, query: Query | None, style: str = "") -> Text:
    """``text`` as literal Rich text, with the query's matches highlighted."""
    out = Text(text, style=style)
    for start, end in match_spans(query, text):
        out.stylize(MATCH_STYLE, start, end)
    return out


def _refs(refs: Sequence[int]) -> Text:
    return Text(f" {refs_text(refs)}", style="dim") if refs else Text()


def briefing_header(briefing: Briefing, shown: int, query: Query | None) -> RenderableType:
    """Title rule, date and source line, summary and tags of one briefing."""
    parts: list[RenderableType] = [Rule(marked(briefing.title, query, "bold"), align="left", style="cyan")]
    facts = Text.assemble((date_text(briefing.date), "bold"))
    line = source_line(briefing)
    if line:
        facts.append(f" · {line}")
    count = len(briefing.meetings)
    facts.append(f" · {plural(count, 'meeting')}", style="dim")
    if shown != count:
        facts.append(f" ({shown} shown)", style="dim")
    parts.append(facts)
    if briefing.source is not None and briefing.source.url:
        parts.append(Text.assemble(("Source ", "dim"), briefing.source.url))
    if briefing.summary:
        parts += [Text(), marked(briefing.summary, query)]
    if briefing.tags:
        parts.append(Text.assemble(("Tags ", "dim"), (" · ".join(briefing.tags), "")))
    parts.append(Text(f"{briefing.path}", style="dim"))
    return Group(*parts)


LABEL_WIDTH = 14
INDENT = 2


class Labelled:
    """``Label         value…`` with the value's wrapped lines hanging under its start.

    Cheaper than a Rich grid (no column measuring) and never nests tables.
    """

    def __init__(self, label: str, *values: Text | Participants) -> None:
        self.label = label
        self.values = values

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        width = max(10, options.max_width - LABEL_WIDTH - INDENT)
        label = Text(f"{' ' * INDENT}{self.label:<{LABEL_WIDTH}}", style="bold")
        blank = Text(" " * (INDENT + LABEL_WIDTH))
        first = True
        for value in self.values:
            lines = value.lines(width) if isinstance(value, Participants) else [value]
            for text in lines:
                for line in text.wrap(console, width, overflow="fold"):
                    yield Text.assemble(label if first else blank, line)
                    first = False


class Participants:
    """The participants in columns (name, role, country (organisation), ¶refs), stacked when the columns would wrap."""

    def __init__(self, people: Sequence[Participant], query: Query | None) -> None:
        self.people = people
        self.query = query

    def _columns(self) -> list[list[str]]:
        people = self.people
        return [
            [p.name or "(not named)" for p in people],
            [p.role for p in people],
            [p.country + (f" ({p.organisation})" if p.organisation else "") for p in people],
        ]

    def lines(self, width: int) -> list[Text]:
        """One line per participant when the columns fit in ``width``, else a name per line with the rest below."""
        if not self.people:
            return [Text("(no participants named)", style="italic dim")]
        columns = self._columns()
        widths = [max(cell_len(text) for text in column) for column in columns]
        refs = max(cell_len(refs_text(p.refs)) for p in self.people)
        if sum(widths) + 2 * (len(widths) - 1) + (refs + 1 if refs else 0) > width:
            return self._stacked(columns)
        lines = []
        for person, name, role, country in zip(self.people, *columns, strict=True):
            line = self._name(person, name).append(" " * (widths[0] - cell_len(name) + 2))
            if widths[1]:
                line.append_text(marked(role, self.query)).append(" " * (widths[1] - cell_len(role) + 2))
            line.append_text(marked(country, self.query)).append_text(_refs(person.refs))
            line.rstrip()
            lines.append(line)
        return lines

    def _name(self, person: Participant, text: str) -> Text:
        return marked(text, self.query, "bold") if person.name else Text(text, style="italic dim")

    def _stacked(self, columns: list[list[str]]) -> list[Text]:
        lines = []
        for number, person in enumerate(self.people):
            lines.append(self._name(person, columns[0][number]).append_text(_refs(person.refs)))
            rest = " · ".join(text for text in (columns[1][number], columns[2][number]) if text)
            if rest:
                lines.append(Text("  ").append_text(marked(rest, self.query)))
        return lines


def meeting_block(meeting: Meeting, query: Query | None) -> RenderableType:
    """One meeting: a heading, then labelled facts."""
    heading = Text(" " * INDENT)
    heading.append(date_text(meeting.date), style="bold green")
    heading.append("  ")
    heading.append_text(marked(meeting.title, query, "bold"))
    if meeting.kind:
        heading.append(f"  {meeting.kind}", style="dim")
    parts: list[RenderableType] = [Text(), heading]
    for label, value in (("Where", meeting.place), ("Context", meeting.context), ("Summary", meeting.summary)):
        if value:
            parts.append(Labelled(label, marked(value, query)))
    parts.append(Labelled("Participants", Participants(meeting.participants, query)))
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


def search_line(entry: Entry, query: Query, *, ids: bool = False) -> Text:
    """One result of ``briefing search`` on a terminal: date, title, who (and the id, with ``ids``)."""
    line = Text()
    line.append(f"{entry.date or 'undated':<14}", style="green" if entry.date else "dim")
    line.append(" ")
    if ids:
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
