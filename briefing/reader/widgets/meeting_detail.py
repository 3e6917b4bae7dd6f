"""The detail pane: everything the briefing says about one meeting.

Text is built as :class:`~textual.content.Content` from plain strings, so data
never passes through markup; styles use theme variables only.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...model import Meeting, Participant, Row
from ...query import Query, highlight_spans
from ...render.common import refs_text, source_line

MATCH = "bold reverse"
NO_MEETING = Content.styled("No meeting selected", "$text-muted")


def marked(text: str, query: Query | None, style: str = "") -> Content:
    """``text`` as literal content, the query's matches shown in reverse video."""
    content = Content.styled(text, style)
    if query:
        for start, end in highlight_spans(query, text):
            content = content.stylize(MATCH, start, end)
    return content


def _refs(refs: tuple[int, ...]) -> Content:
    return Content.styled(f"  {refs_text(refs)}", "$text-muted") if refs else Content("")


def _fact(label: str, value: Content) -> Content:
    return Content.assemble((f"{label:<9}", "bold $text-muted"), value)


HEADINGS = ("Name", "Role", "Country")


def _columns(people: tuple[Participant, ...]) -> list[list[str]]:
    return [
        [p.name or "(not named)" for p in people],
        [p.role for p in people],
        [p.country + (f" ({p.organisation})" if p.organisation else "") for p in people],
    ]


def _widths(columns: list[list[str]]) -> list[int]:
    return [
        max([cell_len(text) for text in column] + [len(title)]) for column, title in zip(columns, HEADINGS, strict=True)
    ]


def table_width(people: tuple[Participant, ...]) -> int:
    """Cells the participants take as aligned columns (the widest line)."""
    refs = max((cell_len(refs_text(p.refs)) for p in people), default=0)
    return sum(_widths(_columns(people))) + 2 * len(HEADINGS) + refs


def participants(meeting: Meeting, query: Query | None, *, stacked: bool = False) -> Content:
    """The participants: aligned columns (name, role, country (organisation), ¶ refs), or
    ``stacked`` for a pane too narrow for them (see :func:`table_width`): a name a line, the rest below.

    Plain content rather than a Rich table: it renders in a fraction of the
    time, which keeps a keystroke that changes the meeting within a frame.
    """
    people = meeting.participants
    if not people:
        return Content.styled("No participants named", "italic $text-muted")
    if stacked:
        return _stacked(people, query)
    columns = _columns(people)
    widths = _widths(columns)
    header = Content.assemble(*((f"{title:<{w}}  ", "bold") for title, w in zip(HEADINGS, widths, strict=True)))
    lines = [header]
    for number, person in enumerate(people):
        parts: list[Content] = []
        for column, width in zip(columns, widths, strict=True):
            text = column[number]
            style = "italic $text-muted" if column is columns[0] and not person.name else ""
            parts.append(marked(text, query, style))
            parts.append(Content(" " * (width - cell_len(text) + 2)))
        parts.append(Content.styled(refs_text(person.refs), "$text-muted"))
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


def _stacked(people: tuple[Participant, ...], query: Query | None) -> Content:
    """Each participant's name (and ¶ refs), then role and country indented below: for a narrow pane."""
    lines = [Content.styled("Participants", "bold")]
    for person, name, role, country in zip(people, *_columns(people), strict=True):
        style = "" if person.name else "italic $text-muted"
        lines.append(Content.assemble(marked(name, query, style), _refs(person.refs)))
        rest = " · ".join(text for text in (role, country) if text)
        if rest:
            lines.append(Content.assemble("  ", marked(rest, query)))
    return Content("\n").join(lines)


def links_of(meeting: Meeting) -> list[tuple[str, str, str]]:
    """Cross-links of a meeting: (field, value, query), people first, no repeats."""
    links: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(field: str, value: str) -> None:
        if value and (field, value) not in seen:
            seen.add((field, value))
            quoted = value.replace('"', " ")
            links.append((field, value, f'{field}:"{quoted}"'))

    for p in meeting.participants:
        add("person", p.name)
    for p in meeting.participants:
        add("country", p.country)
    for t in meeting.topics:
        add("topic", t.name)
    add("place", meeting.venue)
    add("place", meeting.location)
    return links


class MeetingDetail(VerticalScroll, can_focus=True):
    """Title, facts, participants, topics, outcomes, sources, the briefing, cross-links."""

    row: var[Row | None] = var(None)
    search_query: var[Query | None] = var(None)

    @dataclass
    class CrossLink(Message):
        """The user chose a person, country, topic or place: show every meeting that shares it."""

        query: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._links: list[tuple[str, str, str]] = []
        self._stacked = False  # the participants were last drawn one to a line

    def compose(self) -> ComposeResult:
        yield Static(NO_MEETING, id="detail-meeting")
        # Shown only with a meeting; display is toggled rather than a class, since
        # a class change restyles the whole pane and display only relayouts it.
        for widget in (
            Static("Related: show every meeting with…", id="detail-links-label"),
            OptionList(id="detail-links", compact=True),
            Static(id="detail-briefing"),
        ):
            widget.display = False
            yield widget

    def watch_row(self) -> None:
        self._update()

    def on_resize(self) -> None:
        # Participants are aligned columns when they fit, stacked when not: redraw if that changed.
        if self.row is not None and self._too_narrow(self.row.meeting) != self._stacked:
            self._update()

    def _too_narrow(self, meeting: Meeting) -> bool:
        """Would the participants' columns wrap? (Not known before the first layout: assume not.)"""
        width = self.scrollable_content_region.width
        return bool(width) and bool(meeting.participants) and table_width(meeting.participants) > width

    def refresh_content(self) -> None:
        """Draw again for the current row and search (after a change made without watchers)."""
        self._update()

    def watch_search_query(self) -> None:
        self._update()

    def _update(self) -> None:
        if not self.is_mounted:
            return
        row, query = self.row, self.search_query
        text = self.query_one("#detail-meeting", Static)
        links = self.query_one("#detail-links", OptionList)
        briefing_pane = self.query_one("#detail-briefing", Static)
        for widget in (self.query_one("#detail-links-label"), links, briefing_pane):
            widget.display = row is not None
        if row is None:
            text.update(NO_MEETING)
            briefing_pane.update("")
            links.clear_options()
            return
        meeting = row.meeting
        self._stacked = self._too_narrow(meeting)
        people = participants(meeting, query, stacked=self._stacked)
        text.update(Content("\n").join((self._head(meeting, query), people, self._body(meeting, query))))
        briefing_pane.update(self._briefing(row, query))
        self._links = links_of(meeting)
        links.set_options(
            Option(Content.assemble((f"{field:<8}", "$text-muted"), value), id=str(number))
            for number, (field, value, _) in enumerate(self._links)
        )
        # Something highlighted, so Tab then Enter follows a link without a mouse.
        links.highlighted = 0 if self._links else None
        self.scroll_home(animate=False)

    def _head(self, meeting: Meeting, query: Query | None) -> Content:
        date = meeting.date.display if meeting.date else "date not stated"
        lines = [marked(meeting.title, query, "bold $accent")]
        facts = [Content.styled(date, "bold")]
        if meeting.kind:
            facts.append(Content.styled(meeting.kind, "italic"))
        lines.append(Content(" · ").join(facts))
        where = ", ".join(p for p in (meeting.venue, meeting.location) if p)
        if where:
            lines.append(_fact("Where", marked(where, query)))
        if meeting.context:
            lines.append(_fact("Context", marked(meeting.context, query)))
        if meeting.summary:
            lines += [Content(""), marked(meeting.summary, query)]
        lines.append(Content(""))
        return Content("\n").join(lines)

    def _body(self, meeting: Meeting, query: Query | None) -> Content:
        lines: list[Content] = []
        if meeting.topics:
            lines += [Content(""), Content.styled("Topics", "bold $secondary")]
            for topic in meeting.topics:
                detail = marked(f": {topic.detail}", query) if topic.detail else Content("")
                lines.append(Content.assemble("• ", marked(topic.name, query, "bold"), detail, _refs(topic.refs)))
        if meeting.outcomes:
            lines += [Content(""), Content.styled("Outcomes", "bold $secondary")]
            for outcome in meeting.outcomes:
                kind = Content.styled(f"{outcome.kind}: ", "italic $text-accent") if outcome.kind else Content("")
                lines.append(Content.assemble("• ", kind, marked(outcome.text, query), _refs(outcome.refs)))
        if meeting.refs:
            lines += [Content(""), _fact("Sources", Content(f"{refs_text(meeting.refs)} of the report"))]
        lines.append(_fact("Id", Content.styled(meeting.id, "$text-muted")))
        return Content("\n").join(lines)

    def _briefing(self, row: Row, query: Query | None) -> Content:
        briefing = row.briefing
        lines = [
            Content.styled("From the briefing", "bold $secondary"),
            marked(briefing.title, query, "bold"),
            _fact("Date", Content(briefing.date.display)),
        ]
        source = source_line(briefing)
        if source:
            lines.append(_fact("Source", Content(source)))
        if briefing.tags:
            lines.append(_fact("Tags", marked(" · ".join(briefing.tags), query)))
        lines.append(_fact("File", Content.styled(briefing.path, "$text-muted")))
        if briefing.summary:
            lines += [Content(""), marked(briefing.summary, query)]
        return Content("\n").join(lines)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.CrossLink(self._links[int(event.option.id)][2]))
