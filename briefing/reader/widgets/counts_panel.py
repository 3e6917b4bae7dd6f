"""``f`` facets and ``t`` timeline: counts of the list on screen, following the search as it changes.

The panel receives the catalog, the result on the list and the query it answers
from the main screen (``data_bind``) and counts them in a thread, a moment after
the list last changed, so typing is never held up. The lines shown are always the
counts of the query the title names; while a newer count is under way the status
line says so. Choosing a line posts :class:`CountsPanel.Chosen` with the query
that finds its meetings (the screen adds it to the search box); ``p`` on a person
or a country posts :class:`CountsPanel.Page`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...archive.catalog import Catalog
from ...query.language import Query
from ...query.search import Result
from ...render.common import plural
from .text import one_line

if TYPE_CHECKING:
    from ...query.tally import Count, Counts

DELAY = 0.1
"""Seconds after the list last changed before it is counted (typing fast counts once)."""
PAGES = ("person", "country")
"""Whose lines lead to a page of their own (``p``)."""


class Counted(NamedTuple):
    """Counts worked out: of which rows of which catalog, for which query and view."""

    catalog: Catalog
    rows: Sequence[int]
    query: str
    mode: str
    lists: list[Counts]


class CountsPanel(Vertical):
    """The counts of the list on screen (``mode``: ``facets`` or ``timeline``; "" while closed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "page", "Page", id="counts.page"),
        Binding("j", "move(1)", "Down", show=False, id="counts.down"),
        Binding("k", "move(-1)", "Up", show=False, id="counts.up"),
    ]

    catalog: var[Catalog] = var(Catalog.empty, init=False)
    result: var[Result] = var(lambda: Result(()), init=False)
    search_query: var[Query | None] = var(None, init=False)
    """The query the result answers (None: every meeting)."""
    searching: var[bool] = var(False, init=False)
    """A newer result is being worked out (the list still shows the previous one)."""
    mode: var[str] = var("", init=False)

    class Chosen(Message):
        """The user chose a line: narrow the search by ``query``."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Page(Message):
        """The user asked for the page of a person or a country."""

        def __init__(self, by: str, value: str) -> None:
            super().__init__()
            self.by = by
            self.value = value

    class _Done(Message):
        def __init__(self, counted: Counted) -> None:
            super().__init__()
            self.counted = counted

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer: Timer | None = None
        self._due = 0.0  # when the list will have been still long enough to count (time.monotonic)
        self._shown: Counted | None = None  # what the lines are the counts of
        self.lines: dict[str, Count] = {}
        """The count behind each line, by option id."""

    def _make_lines(self) -> None:
        """The panel's title, status, lines and hint: made when it first opens (most readings never count)."""
        if not self.children:
            self.mount_all(
                [
                    Static(id="counts-title", markup=False),
                    Static("Counting…", id="counts-status", markup=False),
                    OptionList(id="counts-list"),
                    Static(id="counts-hint", markup=False),
                ]
            )

    def watch_mode(self, mode: str) -> None:
        if self._timer is not None:  # a count for the view before (or for a closed panel) is not wanted
            self._timer.stop()
            self._timer = None
        if mode:
            self._make_lines()
            self._shown = None
            self.query_one(OptionList).clear_options()
            self.query_one("#counts-title", Static).update("")
            self._later()
        self.refresh_bindings()  # p (page) is the facets' only

    def watch_result(self) -> None:
        self._later()

    def watch_search_query(self) -> None:
        self._later()  # the same meetings for another query (none for either, say) are counted for it

    def watch_searching(self) -> None:
        self._status()

    def watch_catalog(self) -> None:
        self._later()

    def _later(self) -> None:
        """Count once the list has stopped changing for a moment.

        One timer waits for the pause: each change while typing only moves the moment on (a timer
        made and stopped per key would cost the key more than the panel is worth while typing).
        """
        if not self.mode:
            return
        self._due = time.monotonic() + (DELAY if self._shown is not None else 0.0)
        if self._timer is None:
            self._timer = self.set_timer(max(0.001, self._due - time.monotonic()), self._when_due)
        self._status()

    def _when_due(self) -> None:
        self._timer = None
        wait = self._due - time.monotonic()
        if wait > 0:  # changed again since the timer was set: wait for the rest of the pause
            self._timer = self.set_timer(wait, self._when_due)
        else:
            self._count()

    def _query_text(self) -> str:
        return self.search_query.text if self.search_query is not None else ""

    def _count(self) -> None:
        if not self.mode:
            return
        span = self.search_query.date_span if self.search_query is not None else None
        self.count(self.catalog, self.result.rows, self._query_text(), self.mode, span)

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def count(self, catalog: Catalog, rows: Sequence[int], query: str, mode: str, span: tuple[str, str] | None) -> None:
        """Count off the UI thread (the first count of a catalog reads all its values).

        ``span``: the days the query asks for; months (weeks) outside it are not shown.
        """
        from .count_lines import counts_of  # with the first count: a reader that never counts never loads it

        lists = counts_of(catalog, rows, mode, span)
        if not get_current_worker().is_cancelled:  # a newer count is under way: this one is moot
            self.post_message(self._Done(Counted(catalog, rows, query, mode, lists)))

    @property
    def up_to_date(self) -> bool:
        """Are the lines the counts of the list on screen (nothing newer being searched for or counted)?"""
        return not self.searching and self._current(self._shown)

    def _current(self, counted: Counted | None) -> bool:
        """Are these the counts of the list on screen, in this view?"""
        return (
            counted is not None
            and counted.catalog is self.catalog
            and counted.rows is self.result.rows
            and counted.query == self._query_text()
            and counted.mode == self.mode
        )

    @on(_Done)
    def _done(self, message: _Done) -> None:
        message.stop()
        counted = message.counted
        if not self._current(counted):
            return  # the list (or the view) changed meanwhile: the count for it is on its way
        self._shown = counted
        self._draw()
        self._status()

    def on_resize(self) -> None:
        if self._shown is not None:
            self._draw()  # the bars fit the width

    def _draw(self) -> None:
        """The lines of the counts shown, the same line highlighted as before where it is still there."""
        from .count_lines import lines_of

        counted = self._shown
        assert counted is not None
        box = self.query_one(OptionList)
        was = self.lines.get(box.highlighted_option.id or "") if box.highlighted_option is not None else None
        self.lines = {}
        options: list[Option] = []
        # The lines fit beside a scrollbar, whether or not one is shown yet (it comes with the lines).
        width = (box.size.width or self.size.width - 2) - box.styles.scrollbar_size_vertical - 1
        for counts in counted.lists:
            options += lines_of(counts, counted.mode, self.lines, width)
        box.set_options(options)
        title = "Facets" if counted.mode == "facets" else "Timeline"
        meetings = plural(len(counted.rows), "meeting")
        what = f"the {meetings} of {one_line(counted.query)}" if counted.query else "every meeting"
        self.query_one("#counts-title", Static).update(Content.styled(f"{title} of {what}", "bold"))
        # The value highlighted before (its count may have changed), else the first line.
        again = next((key for key, count in self.lines.items() if was is not None and count[:2] == was[:2]), None)
        box.highlighted = box.get_option_index(again) if again else self._first(options)

    @staticmethod
    def _first(options: list[Option]) -> int | None:
        return next((i for i, option in enumerate(options) if not option.disabled), None)

    def _status(self) -> None:
        """What the lines are, or what they are waiting for."""
        if not self.mode or not self.is_mounted:
            return
        shown = self._shown
        if not self.up_to_date or shown is None:
            self._say("#counts-status", "Searching…" if self.searching else "Counting…")
            return
        if not shown.rows:
            self._say("#counts-status", "Nothing to count: no meeting matches the search.")
        else:
            from .count_lines import status_of  # the counts are in: so is the module

            self._say("#counts-status", status_of(shown.lists, shown.mode))
        page = " · p page" if shown.mode == "facets" else ""
        enter = "Enter: narrow the search to it" if shown.mode == "timeline" else "Enter: add to the search"
        self._say("#counts-hint", f"{enter}{page} · Esc closes")

    def _say(self, where: str, text: str) -> None:
        """Put ``text`` in the line ``where``, unless it is there already (each key while typing asks again)."""
        line = self.query_one(where, Static)
        if line.content != text:
            line.update(text)

    @on(OptionList.OptionSelected, "#counts-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        count = self.lines.get(event.option.id or "")
        if count is not None:
            self.post_message(self.Chosen(count.query))

    def action_move(self, by: int) -> None:
        """j and k, as the arrows: the next or previous line."""
        box = self.query_one(OptionList)
        box.action_cursor_down() if by > 0 else box.action_cursor_up()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``p`` is for the facets' people and countries: not in the footer of the timeline."""
        return self.mode == "facets" if action == "page" else True

    def action_page(self) -> None:
        """The page of the highlighted person or country."""
        option = self.query_one(OptionList).highlighted_option
        count = self.lines.get(option.id or "") if option is not None else None
        if count is not None and count.by in PAGES:
            self.post_message(self.Page(count.by, count.value))
        else:
            self.notify("Pages are for people and countries: highlight one.", severity="information", markup=False)

    def focus_lines(self) -> None:
        """Put the keyboard on the lines."""
        self._make_lines()
        self.query_one(OptionList).focus()
