"""The main screen: it owns the reader's state and hands it to the widgets.

State: the search index (every meeting loaded), the search text, the visible
meetings and the highlighted one. Loading and filtering run in thread workers
that post :mod:`~briefing.reader.messages`; the screen applies the newest.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from ... import collector
from ...loader import CatalogResult, PathNotFound, cached_catalog
from ...model import Problem, Row
from ...query import Query, QueryError, parse_query
from ...render.common import plural
from ...search import SearchIndex
from ...text import neutralise_line
from ..loading import load_incrementally
from ..messages import Filtered, Loaded
from ..widgets.meeting_detail import MeetingDetail
from ..widgets.meeting_list import MeetingList
from ..widgets.search_bar import SearchBar

NARROW = 100
BAR = 24
# Below this many meetings (or with a word index) a search takes well under a
# frame, so it runs right in the key handler: one frame shows the key and the list.
SYNC_FILTER_MAX = 20_000
DETAIL_DELAY = 0.15  # seconds of no typing before the detail pane re-highlights


def progress_line(done: int, total: int) -> Content:
    """``Loading ━━━━━━━━──────── 3,200/10,000 files``."""
    filled = BAR * done // total if total else 0
    return Content.assemble(
        "Loading ", ("━" * filled, "$accent"), ("─" * (BAR - filled), "$text-muted"), f" {done:,}/{total:,} files"
    )


class MainScreen(Screen[None]):
    """Meeting list on the left (or top), the highlighted meeting on the right (or below)."""

    BINDINGS: list[BindingType] = [
        Binding("slash", "search", "Search"),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("n", "next_match", "Next match", show=False),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("e", "errors", "Errors"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    AUTO_FOCUS = "#meetings"

    index: var[SearchIndex] = var(lambda: SearchIndex([]), init=False)
    """Every meeting loaded so far, searchable."""
    search_text: var[str] = var("", init=False)
    """What the user typed in the search box."""
    active_query: var[Query | None] = var(None, init=False)
    """The search in force (the last one that finished)."""
    matches: var[Sequence[int]] = var(range(0), init=False)
    """Indices into ``index.catalog`` of the meetings the list shows."""
    current: var[Row | None] = var(None, init=False)
    """The highlighted meeting."""
    problems: var[tuple[Problem, ...]] = var((), init=False)
    """Load errors and warnings."""
    is_loading: var[bool] = var(True, init=False)

    def __init__(self, paths: Sequence[str], *, max_size: int, use_cache: bool) -> None:
        super().__init__()
        self.paths = list(paths)
        self.max_size = max_size
        self.use_cache = use_cache
        self._detail_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield SearchBar(id="search-bar")
                yield Static("Loading briefings…", id="progress")
                yield MeetingList(id="meetings")
            yield MeetingDetail(id="detail")
        yield Static(id="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#list-pane").border_title = "Meetings"
        self.query_one("#detail").border_title = "Meeting"
        self.query_one("#empty").display = False
        # What the cache knew is shown in the first frame (reading it costs less than
        # a frame for a folder, and the screen has nothing better to show meanwhile);
        # the worker then checks every file and repaints only if one changed.
        known = cached_catalog(self.paths or None, max_size=self.max_size) if self.use_cache else None
        if known is not None:
            self._loaded(Loaded(SearchIndex(known.catalog), known.problems, 0, known.files, False))
        self.load(known)
        self.call_after_refresh(collector.end_startup)  # see cli._run

    def on_resize(self) -> None:
        self.query_one("#panes").set_class(self.size.width < NARROW, "-narrow")

    # ----------------------------------------------------------- loading

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, known: CatalogResult | None) -> None:
        """Parse the briefings off the UI thread, posting the growing archive."""
        worker = get_current_worker()

        def post(message: Loaded) -> None:
            if not worker.is_cancelled:
                self.post_message(message)

        try:
            load_incrementally(
                self.paths or None,
                max_size=self.max_size,
                use_cache=self.use_cache,
                post=post,
                cancelled=lambda: worker.is_cancelled,
                known=known,
            )
        except PathNotFound as error:
            problem = Problem(neutralise_line(str(error)), 0, 0, "", "no such file or folder")
            self.post_message(Loaded(SearchIndex([]), (problem,), 0, 0, True))
            return

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.quiet:  # the same catalog, now with a word or field index: no refilter, no notices
            if message.index is not None and message.index.catalog is self.index.catalog:
                self.set_reactive(MainScreen.index, message.index)
            return
        self.problems = message.problems
        if message.index is not None:
            self.index = message.index
        progress = self.query_one("#progress", Static)
        progress.update(progress_line(message.done, message.total))
        # The cache's catalog, shown while it is confirmed, needs no progress line; files parsed afresh do.
        progress.display = not message.finished and (message.done > 0 or not len(self.index.catalog))
        if message.finished:
            self.is_loading = False
            if len(self.index.catalog) > 5000:  # small archives are not worth a full collection
                collector.settle()
            failed = len({p.path for p in message.problems if p.is_error})
            if failed:
                self.notify(
                    f"{plural(failed, 'file')} could not be loaded fully. Press e to see why.",
                    title="Load errors",
                    severity="warning",
                    timeout=8,
                )

    def watch_is_loading(self, loading: bool) -> None:
        self.query_one("#progress").display = loading
        empty = not loading and not len(self.index.catalog)
        self.query_one("#panes").display = not empty
        self.query_one("#empty").display = empty
        if empty:
            self.query_one("#empty", Static).update(self._empty_text())

    def _empty_text(self) -> Content:
        paths = ", ".join(neutralise_line(p) for p in self.paths) or "$BRIEFING_PATH, else the bundled briefings"
        lines = [
            Content.styled("No briefings to show", "bold $accent"),
            "",
            Content.assemble("Looked in: ", (paths, "bold")),
        ]
        if self.problems:
            lines.append(f"{plural(len(self.problems), 'problem')} found: press e to see them.")
        lines += [
            "",
            "Point the reader at a folder or file of briefings:",
            Content.styled("  briefing ~/briefings", "bold"),
            "or set BRIEFING_PATH (folders separated by ':').",
            "The format is described in docs/format.md.",
        ]
        return Content("\n").join(Content(line) if isinstance(line, str) else line for line in lines)

    def watch_index(self) -> None:
        if self.search_text:
            self.watch_search_text(self.search_text)
        else:
            self._show(None, range(len(self.index.catalog)))

    # --------------------------------------------------------- searching

    def action_search(self) -> None:
        """Open the search box."""
        self.query_one(SearchBar).open().focus()

    def action_clear_search(self) -> None:
        """Clear the search and show every meeting, keeping the highlighted one."""
        self.query_one(SearchBar).close()
        self.query_one(MeetingList).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_text = event.value

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.query_one(SearchBar).error_now()  # Enter: say at once why the search cannot be read, if it cannot
        self.query_one(MeetingList).focus()

    def watch_search_text(self, text: str) -> None:
        search_bar = self.query_one(SearchBar)
        search_bar.error_later(None)
        if not text.strip():
            self._show(None, range(len(self.index.catalog)))
            return
        try:
            query = parse_query(text)
        except QueryError as error:
            search_bar.error_later(str(error))
            return
        index = self.index
        cheap = len(index.catalog) <= SYNC_FILTER_MAX or (
            index.postings is not None and not index.needs_field_index(query)
        )
        if cheap:  # well under a frame: answer in the key handler, one repaint
            self._filtered(Filtered(text, query, index, index.search(query)))
        else:
            self.run_filter(text, query, index)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def run_filter(self, text: str, query: Query, index: SearchIndex) -> None:
        """Search off the UI thread; a newer keystroke makes this result moot."""
        worker = get_current_worker()
        if index.needs_field_index(query):
            # The first field search of a large archive indexes every field once;
            # later ones are answered from that index as fast as plain words.
            index = index.with_field_index()
            self.post_message(Loaded(index, self.problems, 0, 0, True, quiet=True))
        visible = index.search(query)
        if not worker.is_cancelled:
            self.post_message(Filtered(text, query, index, visible))

    @on(Filtered)
    def _filtered(self, message: Filtered) -> None:
        if message.text == self.search_text and message.index.catalog is self.index.catalog:
            self._show(message.query, message.visible)

    def _show(self, query: Query | None, visible: Sequence[int]) -> None:
        self.active_query = query
        self.matches = visible
        meetings = self.query_one(MeetingList)
        meetings.show(self.index.catalog, visible, query)
        # Taken now rather than from the list's Highlighted message, so the first
        # frame has the detail too; one update covers the new row and the new search.
        self.set_reactive(MainScreen.current, meetings.current)
        self._follow_detail()
        total = len(self.index.catalog)
        counter = f"{len(visible):,} of {plural(total, 'meeting')}" if query else plural(total, "meeting")
        self.query_one("#list-pane").border_subtitle = counter

    def action_next_match(self) -> None:
        """Highlight the next matching meeting."""
        self.query_one(MeetingList).move_match(1)

    def action_previous_match(self) -> None:
        """Highlight the previous matching meeting."""
        self.query_one(MeetingList).move_match(-1)

    # -------------------------------------------------- list and detail

    @on(MeetingList.Highlighted)
    def _highlighted(self, message: MeetingList.Highlighted) -> None:
        # The list as it is now, not as it was when posting: a message that
        # arrives after a newer change must not move the detail back.
        self.current = message.meeting_list.current

    def _follow_detail(self) -> None:
        """Bring the detail up to date: at once, or when typing pauses.

        Repainting the detail pane costs more than a frame; while the user types
        a search, each key repaints only the box and the list, and the detail
        follows when typing stops for :data:`DETAIL_DELAY`.
        """
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        if self.query_one(SearchBar).typing:
            self._detail_timer = self.set_timer(DETAIL_DELAY, self._update_detail)
        else:
            self._update_detail()

    def _update_detail(self) -> None:
        self._detail_timer = None
        detail = self.query_one(MeetingDetail)
        detail.set_reactive(MeetingDetail.search_query, self.active_query)
        if detail.row == self.current:
            detail.refresh_content()
        else:
            detail.row = self.current

    def watch_current(self) -> None:
        self._follow_detail()

    @on(MeetingList.Selected)
    def _selected(self) -> None:
        self.query_one(MeetingDetail).focus()

    @on(MeetingDetail.CrossLink)
    def _cross_link(self, message: MeetingDetail.CrossLink) -> None:
        self.search_for(message.query)

    def show_meeting(self, index: int) -> None:
        """Clear the search and highlight meeting ``index`` of the catalog (for the command palette)."""
        self.action_clear_search()
        self.search_text = ""
        meetings = self.query_one(MeetingList)
        meetings.cursor = index  # with no search, list positions are catalog indices
        meetings.focus()

    def search_for(self, text: str) -> None:
        """Put ``text`` in the search box and filter by it."""
        self.query_one(SearchBar).open().value = text
        self.query_one(MeetingList).focus()

    def action_errors(self) -> None:
        """List every load error and warning."""
        from .errors import ErrorsScreen

        self.app.push_screen(ErrorsScreen(self.problems))
