"""The detail pane: everything the briefing says about one meeting, in one scrolling document.

Its facts (participants, topics, outcomes) and its links to related meetings
are items: Tab moves between them, Enter (or a click) chooses one. Text is
built as :class:`~textual.content.Content` from plain strings, so data never
passes through markup; styles are component classes, set in reader.tcss.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.style import Style

from ...archive.reports import Report, Unavailable, check_refs, cited
from ...format.model import Briefing, Meeting, Participant, Row
from ...query.language import Query, field_query
from ...query.marks import Marks
from ...render.common import MAX_ITEMS, date_text, more_line, refs_text, source_line
from ...render.evidence import source_status
from .document import Block, DocumentView
from .text import Marker, bounded, match_style


class Link(NamedTuple):
    """A link to every meeting sharing a person, country, topic or place."""

    field: str
    value: str

    @property
    def query(self) -> str:
        """The search it stands for."""
        return field_query(self.field, self.value)


class Shown(NamedTuple):
    """What the detail pane shows: a meeting (None: none), the search whose matches it marks, and its report."""

    row: Row | None
    query: Query | None
    report: Report | Unavailable | None = None
    """The meeting's source text, or why there is none (None: not read yet)."""
    stale: bool = False
    """Its file now has errors: this is the meeting as last read whole."""


class Fact(NamedTuple):
    """A participant, topic or outcome of the meeting (``number``: its place in its list)."""

    kind: str
    number: int


def links_of(meeting: Meeting) -> list[Link]:
    """Cross-links of a meeting: people first, then countries, topics and places, no repeats."""
    links: list[Link] = []
    seen: set[Link] = set()
    candidates = [Link("person", p.name) for p in meeting.participants]
    candidates += [Link("country", p.country) for p in meeting.participants]
    candidates += [Link("topic", t.name) for t in meeting.topics]
    candidates += [Link("place", meeting.venue), Link("place", meeting.location)]
    for link in candidates:
        if link.value and link not in seen:
            seen.add(link)
            links.append(link)
    return links[:MAX_ITEMS]


def _fact(label: str, value: Content) -> Content:
    return Content.assemble((f"{label:<9}", ".detail--label"), value)


def _refs(refs: tuple[int, ...], count: int | None = None) -> Content:
    """`` ¶2, ¶12``, with the refs a report of ``count`` paragraphs does not have marked as such."""
    if not refs:
        return Content("")
    return Content.assemble(Content.styled(f"  {refs_text(refs)}", ".detail--muted"), _missing(refs, count))


def _missing(refs: tuple[int, ...], count: int | None) -> Content:
    """`` (¶12 not in the report)`` for the refs a report of ``count`` paragraphs lacks (nothing if unknown)."""
    missing = check_refs(refs, count) if count is not None else []
    if not missing:
        return Content("")
    return Content.styled(f" ({', '.join(f'¶{ref}' for ref in missing)} not in the report)", ".detail--warning")


def _count(report: Report | Unavailable | None) -> int | None:
    return len(report.paragraphs) if isinstance(report, Report) else None


def _more(count: int, what: str) -> Block:
    return Block(Content.styled(more_line(count, what), ".detail--muted"))


class _Columns(NamedTuple):
    names: list[str]
    roles: list[str]
    countries: list[str]
    widths: tuple[int, int, int]


def _columns(people: tuple[Participant, ...]) -> _Columns:
    names = [p.name or "(not named)" for p in people]
    roles = [p.role for p in people]
    countries = [p.country + (f" ({p.organisation})" if p.organisation else "") for p in people]
    widths = (max(map(cell_len, names)), max(map(cell_len, roles)), max(map(cell_len, countries)))
    return _Columns(names, roles, countries, widths)


def table_width(people: tuple[Participant, ...]) -> int:
    """Cells the participants take as aligned columns (the widest line)."""
    if not people:
        return 0
    widths = _columns(people).widths
    refs = max(cell_len(refs_text(p.refs)) for p in people)
    return sum(widths) + 2 * sum(1 for w in widths if w) + refs


def participant_blocks(meeting: Meeting, mark: Marker, *, stacked: bool, count: int | None = None) -> list[Block]:
    """The participants, one item each: aligned columns (name, role, country (organisation), ¶ refs),
    or ``stacked`` for a pane too narrow for them: the name, then role and country indented below.

    A column no participant fills (everyone named only by name) has no heading.
    """
    people = meeting.participants[:MAX_ITEMS]
    if not people:
        return [Block(Content.styled("No participants named", ".detail--muted"))]
    columns = _columns(people)
    blocks: list[Block] = []
    if stacked or not any(columns.widths[1:]):
        blocks.append(Block(Content.styled("Participants", ".detail--heading")))
        for number, person in enumerate(people):
            style = "" if person.name else ".detail--muted"
            lines = [Content.assemble(mark(columns.names[number], style), _refs(person.refs, count))]
            rest = " · ".join(text for text in (columns.roles[number], columns.countries[number]) if text)
            if rest:
                lines.append(mark(rest))
            blocks.append(Block(Content("\n").join(lines), Fact("participant", number), indent=2))
    else:
        titles = [("Name", columns.widths[0]), ("Role", columns.widths[1]), ("Country", columns.widths[2])]
        widths = [max(width, len(title)) if width else 0 for title, width in titles]
        header = [
            (f"{title:<{width}}  ", ".detail--heading")
            for (title, _), width in zip(titles, widths, strict=True)
            if width
        ]
        blocks.append(Block(Content.assemble(*header).rstrip()))
        for number, person in enumerate(people):
            parts: list[Content] = []
            for column, width in zip((columns.names, columns.roles, columns.countries), widths, strict=True):
                if width:
                    text = column[number]
                    style = ".detail--muted" if column is columns.names and not person.name else ""
                    parts += [mark(text, style), Content(" " * (width - cell_len(text) + 2))]
            parts += [Content.styled(refs_text(person.refs), ".detail--muted"), _missing(person.refs, count)]
            blocks.append(Block(Content.assemble(*parts).rstrip(), Fact("participant", number)))
    if len(meeting.participants) > MAX_ITEMS:
        blocks.append(_more(len(meeting.participants) - MAX_ITEMS, "participants"))
    return blocks


class _Drawn(NamedTuple):
    """What the detail of a meeting is built from: while all of it stays the same, so does the detail."""

    shown: Shown
    stacked: bool
    flagged: bool
    width: int
    match: Style


class MeetingDetail(DocumentView):
    """Title, facts, participants, topics, outcomes, sources, links to related meetings, the briefing."""

    COMPONENT_CLASSES = DocumentView.COMPONENT_CLASSES | {
        "detail--title",
        "detail--heading",
        "detail--label",
        "detail--muted",
        "detail--kind",
        "detail--warning",
        "briefing--match",
    }

    shown: var[Shown] = var(lambda: Shown(None, None))
    """The meeting and the search (set by the screen)."""
    marks: var[Marks] = var(Marks)
    """Which meetings are flagged (the detail says so)."""

    class CrossLink(Message):
        """The user chose a person, country, topic or place: show every meeting that shares it."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class OpenPage(Message):
        """The user chose a person or a country: show their page."""

        def __init__(self, by: str, value: str) -> None:
            super().__init__()
            self.by = by
            self.value = value

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._stacked = False  # the participants were last drawn one to a line
        self._drawn_flagged = False  # the meeting shown was flagged when last drawn
        self._ahead: tuple[_Drawn, list[Block]] | None = None  # see prepare

    @property
    def row(self) -> Row | None:
        """The meeting shown, if any."""
        return self.shown.row

    def watch_shown(self) -> None:
        self._update()

    def watch_marks(self) -> None:
        if self._flagged(self.row) != self._drawn_flagged:  # a read mark changes nothing here: no redraw for it
            self._update()

    def _flagged(self, row: Row | None) -> bool:
        return row is not None and f"{row.briefing.id}/{row.meeting.id}" in self.marks.flagged

    def on_resize(self) -> None:
        # Participants are aligned columns when they fit, stacked when not: rebuild if that changed.
        row = self.row
        if row is not None and self._too_narrow(row.meeting) != self._stacked:
            self._update()
        else:
            super().on_resize()

    def _too_narrow(self, meeting: Meeting) -> bool:
        """Would the participants' columns wrap? (Not known before the first layout: assume not.)"""
        width = self.scrollable_content_region.width
        return bool(width) and table_width(meeting.participants[:MAX_ITEMS]) > width

    def _update(self) -> None:
        if not self.is_mounted:
            return
        row = self.row
        if row is None:
            what = "No meeting matches the search" if self.shown.query else "No meeting selected"
            self.blocks = [Block(Content.styled(what, ".detail--muted"))]
            return
        drawn = self._drawn(self.shown)
        self._stacked, self._drawn_flagged = drawn.stacked, drawn.flagged
        ready, self._ahead = self._ahead, None
        # Built and laid out while the reader was idle (see prepare), if for just this.
        self.blocks = ready[1] if ready is not None and ready[0] == drawn else self._blocks_of(drawn)

    def _drawn(self, shown: Shown) -> _Drawn:
        row = shown.row
        stacked = row is not None and self._too_narrow(row.meeting)
        return _Drawn(shown, stacked, self._flagged(row), self.scrollable_content_region.width, match_style(self))

    def _blocks_of(self, drawn: _Drawn) -> list[Block]:
        shown = drawn.shown
        assert shown.row is not None
        mark = Marker(shown.query, drawn.match)
        blocks = self.blocks_for(shown.row, mark, stacked=drawn.stacked, report=shown.report, flagged=drawn.flagged)
        if shown.stale:
            note = "As last read: its file now has errors (press e), and this is what it said before."
            blocks = [Block(Content.styled(note, ".detail--warning")), Block(Content("")), *blocks]
        return blocks

    def prepare(self, shown: Shown) -> None:
        """Build and lay out what showing ``shown`` would show, so that showing it next costs almost nothing.

        The screen calls it, once a frame is painted, for the meeting a move in the same direction would reach:
        moving through the list a meeting at a time then finds each one ready.
        """
        if self.is_mounted and shown.row is not None:
            drawn = self._drawn(shown)
            blocks = self._blocks_of(drawn)
            self.lay_out_ahead(blocks)
            self._ahead = (drawn, blocks)

    @staticmethod
    def blocks_for(
        row: Row,
        mark: Marker,
        *,
        stacked: bool = False,
        report: Report | Unavailable | None = None,
        flagged: bool = False,
    ) -> list[Block]:
        """The document of one meeting (with what its report holds, once read)."""
        meeting = row.meeting
        count = _count(report)
        blocks = _head(meeting, mark, flagged)
        blocks += participant_blocks(meeting, mark, stacked=stacked, count=count)
        blocks += _body(meeting, mark, report)
        links = links_of(meeting)
        if links:
            blocks += [
                Block(Content("")),
                Block(Content.styled("Related (Enter: their page, or every meeting with it)", ".detail--heading")),
            ]
            for link in links:
                label = Content.assemble((f"{link.field:<8}", ".detail--muted"), link.value)
                blocks.append(Block(label, link))
        blocks += _briefing(row.briefing, mark)
        return blocks

    def on_document_view_chosen(self, event: DocumentView.Chosen) -> None:
        if isinstance(event.item, Link):
            event.stop()
            link = event.item
            if link.field in ("person", "country"):
                self.post_message(self.OpenPage(link.field, link.value))
            else:
                self.post_message(self.CrossLink(link.query))


def _head(meeting: Meeting, mark: Marker, flagged: bool = False) -> list[Block]:
    lines = [mark(bounded(meeting.title), ".detail--title")]
    facts = [Content.styled("★ flagged", ".detail--warning")] if flagged else []
    facts.append(Content.styled(date_text(meeting.date), "bold"))
    if meeting.kind:
        facts.append(Content.styled(meeting.kind, ".detail--kind"))
    lines.append(Content(" · ").join(facts))
    if meeting.place:
        lines.append(_fact("Where", mark(bounded(meeting.place))))
    if meeting.context:
        lines.append(_fact("Context", mark(bounded(meeting.context))))
    blocks = [Block(line) for line in lines]
    if meeting.summary:
        blocks += [Block(Content("")), Block(mark(bounded(meeting.summary)))]
    blocks.append(Block(Content("")))
    return blocks


def _items(kind: str, items: list[Content], heading: str) -> list[Block]:
    blocks = [Block(Content("")), Block(Content.styled(heading, ".detail--heading"))]
    blocks += [Block(item, Fact(kind, number), indent=2) for number, item in enumerate(items[:MAX_ITEMS])]
    if len(items) > MAX_ITEMS:
        blocks.append(_more(len(items) - MAX_ITEMS, heading.lower()))
    return blocks


def _evidence_line(meeting: Meeting, report: Report | Unavailable | None) -> Block:
    """Whether the meeting's evidence can be shown, so nobody presses ``s`` in vain."""
    if report is None:
        return Block(_fact("Evidence", Content.styled("reading the source text…", ".detail--muted")))
    line = source_status(report, cited(meeting))
    if isinstance(report, Report):
        return Block(_fact("Evidence", Content.assemble(line, (" · s shows it", ".detail--muted"))), indent=9)
    style = ".detail--muted" if report.severity == "info" else ".detail--warning"
    return Block(_fact("Evidence", Content.styled(line, style)), indent=9)


def _body(meeting: Meeting, mark: Marker, report: Report | Unavailable | None) -> list[Block]:
    count = _count(report)
    blocks: list[Block] = []
    if meeting.topics:
        topics = [
            Content.assemble(
                "• ", mark(bounded(t.name), "bold"),
                mark(f": {bounded(t.detail)}") if t.detail else "", _refs(t.refs, count),
            )
            for t in meeting.topics[: MAX_ITEMS + 1]
        ]  # fmt: skip
        blocks += _items("topic", topics, "Topics")
    if meeting.outcomes:
        outcomes = [
            Content.assemble(
                "• ", Content.styled(f"{o.kind}: ", ".detail--kind") if o.kind else "",
                mark(bounded(o.text)), _refs(o.refs, count),
            )
            for o in meeting.outcomes[: MAX_ITEMS + 1]
        ]  # fmt: skip
        blocks += _items("outcome", outcomes, "Outcomes")
    blocks.append(Block(Content("")))
    if meeting.refs:
        sources = Content.assemble(f"{refs_text(meeting.refs)} of the report", _missing(meeting.refs, count))
        blocks.append(Block(_fact("Sources", sources)))
    blocks.append(_evidence_line(meeting, report))
    blocks.append(Block(_fact("Id", Content.styled(meeting.id, ".detail--muted"))))
    return blocks


def _briefing(briefing: Briefing, mark: Marker) -> list[Block]:
    lines = [
        Content(""),
        Content.styled("From the briefing", ".detail--heading"),
        mark(bounded(briefing.title), "bold"),
        _fact("Date", Content(date_text(briefing.date))),
    ]
    source = source_line(briefing)
    if source:
        lines.append(_fact("Source", Content(source)))
    if briefing.source is not None and briefing.source.url:
        lines.append(_fact("URL", Content(briefing.source.url)))
    if briefing.tags:
        lines.append(_fact("Tags", mark(" · ".join(briefing.tags))))
    lines += [Content.styled("File", ".detail--label"), Content.styled(briefing.path, ".detail--muted")]
    blocks = [Block(line) for line in lines]
    if briefing.summary:
        blocks += [Block(Content("")), Block(mark(bounded(briefing.summary)))]
    return blocks
