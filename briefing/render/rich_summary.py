"""``briefing summary`` as Rich renderables.

Data goes in only as :class:`rich.text.Text` built from plain strings, never
through markup, so nothing in a briefing can style, link or garble the output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.rule import Rule
from rich.segment import Segment, Segments
from rich.text import Text

from ..format.model import Briefing, Meeting, Participant
from ..format.text import neutralise_line
from .common import MAX_ITEMS, bounded, date_text, more_line, one_line, plural, refs_text, source_line

if TYPE_CHECKING:
    from ..archive.entries import Entry
    from ..query.language import Query
    from .evidence import Evidence, EvidenceOf

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


def briefing_header(
    briefing: Briefing, shown: int, query: Query | None, evidence: Evidence | None = None
) -> RenderableType:
    """Title rule, date and source line, summary and tags of one briefing (and its source text, with evidence)."""
    title = one_line(bounded(briefing.title, 500))
    parts: list[RenderableType] = [Rule(marked(title, query, "bold"), align="left", style="cyan")]
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
        parts += [Text(), marked(bounded(briefing.summary), query)]
    if briefing.tags:
        parts.append(Text.assemble(("Tags ", "dim"), (" · ".join(briefing.tags), "")))
    if evidence is not None:
        parts.append(Text(evidence.status(), style="dim" if evidence.available else "yellow"))
    parts.append(Text(f"{briefing.path}", style="dim"))
    return Group(*parts)


LABEL_WIDTH = 14
INDENT = 2


def segments_of(text: Text, console: Console) -> Iterable[Segment]:
    """A text that fits on its line as segments: ``Text.render``, but a text of one style keeps it (Rich drops it)."""
    if text.spans or not text.style:
        return text.render(console)
    return (Segment(text.plain, console.get_style(text.style)),)


Piece = Segment | Text
"""Part of a printed line: a prefix drawn as is (a label, a bar), or text of the data."""


def segments_of_line(pieces: Iterable[Piece], console: Console) -> Iterator[Segment]:
    """A line of pieces as segments (for a terminal, or any console that styles)."""
    for piece in pieces:
        if isinstance(piece, Segment):
            yield piece
        else:
            yield from segments_of(piece, console)


def plain_line(pieces: Iterable[Piece]) -> str:
    """A line of pieces as plain text, without the trailing blanks."""
    return "".join(piece.text if isinstance(piece, Segment) else piece.plain for piece in pieces).rstrip()


class Labelled:
    """``Label         value…`` with the value's wrapped lines hanging under its start.

    Cheaper than a Rich grid (no column measuring) and never nests tables.
    """

    def __init__(self, label: str, *values: Text | Quoted | Participants, hang: int = 0) -> None:
        self.label = label
        self.values = values
        self.hang = hang  # cells by which a value's wrapped lines hang under its first (past a bullet)

    def lines(self, console: Console, width: int) -> Iterator[Sequence[Piece]]:
        """Its lines in ``width`` cells: the label (or the blank under it), then a line of the value."""
        inner = max(10, width - LABEL_WIDTH - INDENT)
        label = Segment(f"{' ' * INDENT}{self.label:<{LABEL_WIDTH}}", console.get_style("bold"))
        blank = Segment(" " * (INDENT + LABEL_WIDTH))
        hang = [Segment(" " * self.hang)] if self.hang else []
        first = True
        for value in self.values:
            for text in value.lines(inner) if isinstance(value, Participants) else [value]:
                if isinstance(text, Quoted):
                    for pieces in text.lines(console, inner):
                        yield [label if first else blank, *pieces]
                        first = False
                    continue
                # Most values fit on their line: wrapping them would only cost time.
                fits = "\n" not in text.plain and cell_len(text.plain) <= inner
                wrapped = [text] if fits else text.wrap(console, inner - self.hang, overflow="fold")
                for number, line in enumerate(wrapped):
                    yield [label if first else blank, *(hang if number else ()), line]
                    first = False

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for pieces in self.lines(console, options.max_width):
            # Segments, not Text: Rich would wrap each Text again to print it.
            yield from segments_of_line(pieces, console)
            yield Segment.line()


class Block:
    """Renderables one under the other, as a ``Group``, but lines that fit drawn straight as segments.

    A summary of 40,000 meetings is 40,000 blocks: Rich's generic rendering (wrapping
    each heading, measuring each part) was most of its cost. Its :meth:`lines` are
    written as plain text where nothing is styled (:func:`print_trimmed`).
    """

    def __init__(self, *parts: Text | Labelled) -> None:
        self.parts = parts

    def lines(self, console: Console, options: ConsoleOptions) -> Iterator[Sequence[Piece]]:
        """Its lines, as pieces."""
        for part in self.parts:
            if isinstance(part, Labelled):
                yield from part.lines(console, options.max_width)
            elif "\n" not in part.plain and cell_len(part.plain) <= options.max_width:
                yield [part]
            else:  # a heading too long for its line: Rich wraps it
                yield from Segment.split_lines(console.render(part, options))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for pieces in self.lines(console, options):
            yield from segments_of_line(pieces, console)
            yield Segment.line()


class Quoted(NamedTuple):
    """A cited paragraph under its fact: ``│ ¶2 text``, the bar running down its wrapped lines."""

    indent: int
    ref: int
    text: Text

    def lines(self, console: Console, width: int) -> Iterator[Sequence[Piece]]:
        """The quote's lines in ``width`` cells: the bar, then a line of the paragraph."""
        bar = Segment(" " * self.indent + "│ ", console.get_style("dim"))
        body = Text.assemble((f"¶{self.ref} ", "bold dim"), self.text)
        for line in body.wrap(console, max(10, width - self.indent - 2), overflow="fold"):
            yield [bar, line]


def quoted(evidence: Evidence | None, refs: Sequence[int], query: Query | None, indent: int = 2) -> list[Quoted]:
    """The paragraphs ``refs`` cite, as quotes to print under their fact (none without evidence)."""
    if evidence is None:
        return []
    return [
        Quoted(indent, q.ref, marked(evidence.note(q), query, "dim" if q.text is not None else "italic yellow"))
        for q in evidence.of(refs)
    ]


class Participants:
    """The participants in columns (name, role, country (organisation), ¶refs), stacked when the columns would wrap."""

    def __init__(self, people: Sequence[Participant], query: Query | None, evidence: Evidence | None = None) -> None:
        self.people = people[:MAX_ITEMS]
        self.more = len(people) - len(self.people)
        self.query = query
        self.evidence = evidence

    def _columns(self) -> list[list[str]]:
        people = self.people
        return [
            [one_line(bounded(p.name, 200)) or "(not named)" for p in people],
            [one_line(bounded(p.role, 200)) for p in people],
            [one_line(bounded(p.country + (f" ({p.organisation})" if p.organisation else ""), 200)) for p in people],
        ]

    def lines(self, width: int) -> list[Text | Quoted]:
        """One line per participant when the columns fit in ``width``, else a name per line with the rest below."""
        if not self.people:
            return [Text("(no participants named)", style="italic dim")]
        columns = self._columns()
        widths = [max(cell_len(text) for text in column) for column in columns]
        refs = max(cell_len(refs_text(p.refs)) for p in self.people)
        more = [Text(more_line(self.more, "participants"), style="dim")] if self.more else []
        if sum(widths) + 2 * (len(widths) - 1) + (refs + 1 if refs else 0) > width:
            return self._stacked(columns) + more
        lines: list[Text | Quoted] = []
        for person, name, role, country in zip(self.people, *columns, strict=True):
            line = self._name(person, name).append(" " * (widths[0] - cell_len(name) + 2))
            if widths[1]:
                line.append_text(marked(role, self.query)).append(" " * (widths[1] - cell_len(role) + 2))
            line.append_text(marked(country, self.query)).append_text(_refs(person.refs))
            line.rstrip()
            lines += [line, *quoted(self.evidence, person.refs, self.query, 0)]
        return lines + more

    def _name(self, person: Participant, text: str) -> Text:
        return marked(text, self.query, "bold") if person.name else Text(text, style="italic dim")

    def _stacked(self, columns: list[list[str]]) -> list[Text | Quoted]:
        lines: list[Text | Quoted] = []
        for number, person in enumerate(self.people):
            lines.append(self._name(person, columns[0][number]).append_text(_refs(person.refs)))
            rest = " · ".join(text for text in (columns[1][number], columns[2][number]) if text)
            if rest:
                lines.append(Text("  ").append_text(marked(rest, self.query)))
            lines += quoted(self.evidence, person.refs, self.query, 0)
        return lines


class Numbered:
    """Paragraphs numbered in a right-aligned margin (``  6 │ text``), wrapped lines hanging under the text.

    ``cited`` paragraphs have their number in bold; ``missing`` are refs no paragraph answers.
    """

    def __init__(self, paragraphs: Sequence[str], cited: Sequence[int] = ()) -> None:
        self.paragraphs = paragraphs
        self.cited = set(cited)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        digits = max(3, len(str(len(self.paragraphs))))
        margin = digits + 3
        width = max(10, options.max_width - margin)
        for number, paragraph in enumerate(self.paragraphs, 1):
            if number > 1:
                yield Segment.line()
            style = "bold" if number in self.cited else "dim"
            first = True
            for line in paragraph.expandtabs(8).split("\n"):
                text = Text(line)
                wrapped = [text] if cell_len(line) <= width else text.wrap(console, width, overflow="fold")
                for part in wrapped:
                    yield Segment(f"{number:>{digits}} │ " if first else " " * margin, console.get_style(style))
                    yield from segments_of(part, console)
                    yield Segment.line()
                    first = False


def meeting_block(meeting: Meeting, query: Query | None, evidence: Evidence | None = None) -> RenderableType:
    """One meeting: a heading, then labelled facts (each followed by its cited paragraphs, with evidence)."""
    heading = Text(" " * INDENT)
    heading.append(date_text(meeting.date), style="bold green")
    heading.append("  ")
    heading.append_text(marked(one_line(bounded(meeting.title, 500)), query, "bold"))
    if meeting.kind:
        heading.append(f"  {meeting.kind}", style="dim")
    parts: list[Text | Labelled] = [Text(), heading]
    for label, value in (("Where", meeting.place), ("Context", meeting.context), ("Summary", meeting.summary)):
        if value:
            parts.append(Labelled(label, marked(bounded(value), query)))
    parts.append(Labelled("Participants", Participants(meeting.participants, query, evidence)))
    if meeting.topics:
        topics: list[Text | Quoted] = []
        for t in meeting.topics[:MAX_ITEMS]:
            topics.append(
                Text("• ").append_text(marked(bounded(t.name), query, "bold"))
                .append_text(marked(f": {bounded(t.detail)}" if t.detail else "", query)).append_text(_refs(t.refs))
            )  # fmt: skip
            topics += quoted(evidence, t.refs, query)
        if len(meeting.topics) > MAX_ITEMS:
            topics.append(Text(more_line(len(meeting.topics) - MAX_ITEMS, "topics"), style="dim"))
        parts.append(Labelled("Topics", *topics, hang=2))
    if meeting.outcomes:
        outcomes: list[Text | Quoted] = []
        for o in meeting.outcomes[:MAX_ITEMS]:
            outcomes.append(
                Text("• ").append_text(Text(f"{o.kind}: " if o.kind else "", style="italic magenta"))
                .append_text(marked(bounded(o.text), query)).append_text(_refs(o.refs))
            )  # fmt: skip
            outcomes += quoted(evidence, o.refs, query)
        if len(meeting.outcomes) > MAX_ITEMS:
            outcomes.append(Text(more_line(len(meeting.outcomes) - MAX_ITEMS, "outcomes"), style="dim"))
        parts.append(Labelled("Outcomes", *outcomes, hang=2))
    if meeting.refs:
        parts.append(
            Labelled("Sources", Text(refs_text(meeting.refs), style="dim"), *quoted(evidence, meeting.refs, query, 0))
        )
    parts.append(Labelled("Id", Text(meeting.id, style="dim")))
    return Block(*parts)


def summary_renderables(
    groups: Sequence[tuple[Briefing, list[Meeting]]], query: Query | None, evidence: EvidenceOf | None = None
) -> Iterator[RenderableType]:
    """Everything ``briefing summary`` prints, briefing by briefing (quoting the reports, given ``evidence``)."""
    from .evidence import Evidence

    for number, (briefing, meetings) in enumerate(groups):
        if number:
            yield Text()
        quotes = Evidence(evidence(briefing)) if evidence is not None else None
        yield briefing_header(briefing, len(meetings), query, quotes)
        for meeting in meetings:
            yield meeting_block(meeting, query, quotes)


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
    plain = console.color_system is None and not console.is_terminal  # no styles to write
    if isinstance(renderable, Block) and plain:  # its lines as text: no segments, no styles, no second wrap
        console.file.write("".join(plain_line(pieces) + "\n" for pieces in renderable.lines(console, console.options)))
        return
    if isinstance(renderable, Block):  # its lines are in the width already: split, not cropped as well
        lines: Iterable[list[Segment]] = Segment.split_lines(console.render(renderable, console.options))
    else:
        lines = console.render_lines(renderable, console.options, pad=False, new_lines=False)
    if plain:
        console.file.write("".join(plain_line(line) + "\n" for line in lines))
        return
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
    console.print(Segments(out), end="", crop=False)  # a value under a label wider than --width runs past it, never cut
