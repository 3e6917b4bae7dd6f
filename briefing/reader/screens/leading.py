"""The main screen's ways on from the list: counts (``f``, ``t``), a person's or country's page, saved searches.

:class:`Leading` is a part of :class:`~briefing.reader.screens.main.MainScreen` (a mixin,
as :mod:`.remembering` is): each of these shows something beside or over the list and
comes back with a search for the box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.reactive import var

from ...format.text import neutralise_line
from ..widgets.counts_panel import CountsPanel
from ..widgets.meeting_detail import MeetingDetail
from ..widgets.meeting_list import MeetingList
from .parts import ScreenPart

if TYPE_CHECKING:
    from ...archive.catalog import Catalog, MeetingKey
    from ...query.search import Result, SearchIndex
    from ..app import BriefingApp
    from ..widgets.evidence_view import Evidence
    from ..widgets.search_bar import SearchBar
    from .page import PageChoice


class Leading(ScreenPart):
    """Counts in the detail's place, pages of people and countries, the saved searches."""

    counts_mode: var[str] = var("", init=False)
    """The counts shown in the detail's place, following the list ("facets" or "timeline"), or "" for none."""

    if TYPE_CHECKING:  # the main screen's own
        catalog: Catalog
        index: SearchIndex
        result: Result
        search_text: str
        evidence: Evidence | None
        zoomed: str
        _keep_next: MeetingKey | None
        _user_moved: bool

        def _highlight(self, index: int) -> None: ...
        def _layout_panes(self) -> None: ...
        def _search_bar(self) -> SearchBar: ...
        def search_for(self, text: str) -> None: ...

    def action_counts(self, mode: str) -> None:
        """Show counts of the visible list (``facets``, or the ``timeline``) in the detail's place; again to close."""
        if self.catalog.partial:
            self.notify("Still reading the archive: the counts follow.", severity="information", markup=False)
            return
        if self.counts_mode == mode:
            self.counts_mode = ""
            return
        self.evidence = None
        self.zoomed = ""  # the list alone would hide the counts the keyboard is on
        self.counts_mode = mode
        self.query_one(CountsPanel).focus_lines()

    def watch_counts_mode(self, mode: str) -> None:
        self._layout_panes()
        if not mode and (self.focused is None or self.query_one(CountsPanel).has_focus_within):
            self.query_one(MeetingList).focus()

    def on_counts_panel_chosen(self, message: CountsPanel.Chosen) -> None:
        """A count chosen: its query joins the search (the counts follow, and stay for the next choice)."""
        current = self.search_text.strip()
        if message.query in current.split(" ") or f" {message.query} " in f" {current} ":
            self.notify("That is in the search already.", severity="information", markup=False)
            return
        self._search_bar().open(f"{current} {message.query}" if current else message.query)
        self.query_one(CountsPanel).focus_lines()

    def action_views(self) -> None:
        """List the saved searches of the settings file; the one chosen goes in the search box."""
        from ...settings.location import config_path
        from .views import ViewsScreen

        views = cast("BriefingApp", self.app).views
        if not views:
            where = neutralise_line(str(config_path()))
            self.notify(f"No saved searches: add them under [views] in {where} (briefing config --init writes one).",
                        severity="information", markup=False)  # fmt: skip
            return
        self.app.push_screen(ViewsScreen(views), self._view_chosen)

    def _view_chosen(self, query: str | None) -> None:
        if query is not None:
            self.search_for(query)

    # Handlers by name (on_…): a mixin's @on is not seen by Textual, which gathers those of message pumps only.
    def on_meeting_detail_open_page(self, message: MeetingDetail.OpenPage) -> None:
        """A person or country chosen under Related: their page."""
        self.open_page(message.by, message.value)

    def on_counts_panel_page(self, message: CountsPanel.Page) -> None:
        """``p`` on a person or country in the facets: their page."""
        self.open_page(message.by, message.value)

    def open_page(self, by: str, value: str) -> None:
        """Show the page of a person (``by`` ``person``) or a country: meetings, roles, counterparts, topics."""
        from .page import PageScreen

        if self.catalog.partial:
            self.notify("Still reading the archive: pages follow.", severity="information", markup=False)
            return
        self.app.push_screen(PageScreen(self.index, by, value), self._from_page)

    def _from_page(self, choice: PageChoice | None) -> None:
        """A line chosen on a page: its search in the box, and the meeting chosen (if one was) highlighted."""
        if choice is None:
            return
        target = self.catalog.find(choice.meeting) if choice.meeting is not None else -1
        if choice.query == self.search_text:  # the same search (nothing to answer again): only the highlight moves
            self.search_for(choice.query)
            if target in self.result.rows:
                self._user_moved = True
                self._highlight(target)
            return
        if target >= 0:
            self._keep_next = choice.meeting
            self._user_moved = True
        self.search_for(choice.query)  # a new search: it takes the meeting to keep, there and then
        self._keep_next = None
