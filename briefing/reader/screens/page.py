"""A person's or a country's page: their meetings over time, roles, who they met most, countries, topics.

Worked out in a thread (:func:`~briefing.query.profile.profile`). Every line
with a count leads on: a person or a country to their own page (Esc comes back),
a topic or a month to those of the page's meetings in the list, a meeting to
itself in the list. The page closes with what was chosen for the main screen.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar, NamedTuple

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.visual import VisualType
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...archive.catalog import MeetingKey
from ...format.dates import parse_date
from ...query.profile import TOP, Profile, profile
from ...query.search import SearchIndex
from ...query.tally import Count
from ...render.common import plural
from ...resources import styles_dir
from ..widgets.count_lines import count_options
from ..widgets.counts_panel import PAGES
from ..widgets.text import one_line

MAX_MEETINGS = 200
"""Meetings listed on a page (all of them are one Enter away, in the list)."""


class PageChoice(NamedTuple):
    """What the page closed with: a search to run, and the meeting to highlight in it (None: the best match).

    The meeting is known by its key, not its place: the archive may be read again while the page is open.
    """

    query: str
    meeting: MeetingKey | None = None


class _Ready(Message):
    def __init__(self, found: Profile) -> None:
        super().__init__()
        self.found = found


def day(iso: str) -> str:
    """``2025-03-03`` → ``3 Mar 2025``."""
    return parse_date(iso).display if iso else "undated"


def span(first: str, last: str) -> str:
    """A span of days, shortly: ``3 Mar 2025 – 2 Jun 2025``, one day once."""
    return day(first) if first == last else f"{day(first)} – {day(last)}"


class PageScreen(Screen[PageChoice | None]):
    """The page of one person (``by`` ``person``) or country (``country``)."""

    CSS_PATH = [styles_dir() / "dialogs.tcss"]  # read when the first dialog opens

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="page.back"),
        Binding("q", "back", "Back", show=False, id="page.back_key"),
        Binding("j", "move(1)", "Down", show=False, id="page.down"),
        Binding("k", "move(-1)", "Up", show=False, id="page.up"),
    ]

    def __init__(self, index: SearchIndex, by: str, value: str) -> None:
        super().__init__()
        self.index = index
        self.by = by
        self.value = value
        self.found: Profile | None = None
        self.actions: dict[str, Callable[[], None]] = {}
        """What each line does, by option id."""

    def compose(self) -> ComposeResult:
        with Vertical(id="page"):
            yield Static(Content.styled(one_line(self.value), "bold"), id="page-title", markup=False)
            yield Static("Reading their meetings…", id="page-summary", markup=False)
            yield OptionList(id="page-lines")
            yield Static("Enter: open the line · Esc: back", id="page-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).loading = True
        self.work_out()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def work_out(self) -> None:
        """The profile, off the UI thread (a person's roles are read from their meetings' records)."""
        self.post_message(_Ready(profile(self.index, self.by, self.value)))

    @on(_Ready)
    def _ready(self, message: _Ready) -> None:
        found = self.found = message.found
        what = "Person" if found.by == "person" else "Country or group"
        self.query_one("#page-title", Static).update(
            Content.assemble((f"{what}: ", "dim"), (one_line(found.name), "bold"))
        )
        facts = [plural(len(found.rows), "meeting")]
        if found.first:
            facts.append(span(found.first, found.last))
        facts.append(plural(found.briefings, "briefing"))
        if found.forms:
            facts.append("also written: " + ", ".join(one_line(form) for form in found.forms[:6]))
        self.query_one("#page-summary", Static).update(" · ".join(facts))
        box = self.query_one(OptionList)
        box.set_options(self._options(found))
        box.loading = False
        box.highlighted = 0
        box.focus()

    def _options(self, found: Profile) -> list[Option]:
        self.actions = {}
        options = [self._line(f"Show all {plural(len(found.rows), 'meeting')} in the list", found.query)]
        if found.roles or found.declared:
            options.append(_heading("Roles"))
            for role in found.roles:
                seen = f"{span(role.first, role.last)} · {plural(role.meetings, 'meeting')}" if role.first else ""
                options.append(_info(f"{one_line(role.role)}  ({seen or 'undated'})"))
            for declared in found.declared:
                since = f"from {declared.since.display}" if declared.since else ""
                until = f"to {declared.until.display}" if declared.until else ""
                dates = " ".join(part for part in (since, until) if part)
                options.append(_info(f"{one_line(declared.role)}  ({dates + ', ' if dates else ''}in people.yaml)"))
        people = "Met most" if found.by == "person" else "People in its meetings"
        countries = "Countries in their meetings" if found.by == "person" else "Countries it met with"
        for heading, counts, narrow in (
            (people, found.counterparts, False),
            (countries, found.countries, False),
            ("Topics", found.topics, True),
            ("Over time", found.timeline, True),
        ):
            if not counts.counts:
                continue
            limit = None if heading == "Over time" else TOP
            lines: dict[str, Count] = {}
            for option in count_options(counts, limit, lines, heading=heading, width=self.size.width - 8):
                count = lines.get(option.id or "")
                if count is None:
                    options.append(option)  # a row of meetings with nothing to count
                elif count.by in PAGES and not narrow:
                    options.append(self._act(option.prompt, partial(self._open, count.by, count.value)))
                else:
                    options.append(self._act(option.prompt, partial(self._search, f"{found.query} {count.query}")))
        first = f" (the first {MAX_MEETINGS})" if len(found.rows) > MAX_MEETINGS else ""
        options.append(_heading(f"Meetings, newest first{first}"))
        entries = self.index.catalog.entries
        for position in found.rows[:MAX_MEETINGS]:
            entry = entries[position]
            text = f"{entry.short_date or 'undated':<12} {one_line(entry.title)}"
            options.append(self._act(Content(text), partial(self._meeting, found.query, position)))
        return options

    def _line(self, text: str, query: str) -> Option:
        return self._act(Content(text), partial(self._search, query))

    def _act(self, prompt: VisualType, action: Callable[[], None]) -> Option:
        key = f"do-{len(self.actions)}"
        self.actions[key] = action
        return Option(prompt, id=key)

    @on(OptionList.OptionSelected, "#page-lines")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        action = self.actions.get(event.option.id or "")
        if action is not None:
            action()

    def _search(self, query: str) -> None:
        self.dismiss(PageChoice(query))

    def _meeting(self, query: str, position: int) -> None:
        # The page's meetings in the list, this one highlighted.
        self.dismiss(PageChoice(query, self.index.catalog.key(position)))

    def _open(self, by: str, value: str) -> None:
        """Another person's or country's page, over this one (Esc comes back here)."""
        self.app.push_screen(PageScreen(self.index, by, value), self._came_back)

    def _came_back(self, choice: PageChoice | None) -> None:
        if choice is not None:
            self.dismiss(choice)  # chosen on the page over this one: on to the main screen

    def action_move(self, by: int) -> None:
        """j and k, as the arrows: the next or previous line."""
        box = self.query_one(OptionList)
        box.action_cursor_down() if by > 0 else box.action_cursor_up()

    def action_back(self) -> None:
        """Back to where the page was opened from."""
        self.dismiss(None)


def _heading(text: str) -> Option:
    return Option(Content.styled(text, "bold"), disabled=True)


def _info(text: str) -> Option:
    return Option(Content(text), disabled=True)
