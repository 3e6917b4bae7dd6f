"""The main screen: it owns the reader's state and hands it to the widgets.

State, all here: the search index (every meeting loaded), the search text,
the result on the list (and whether a newer one is being worked out), the
highlighted meeting, and what the detail pane shows. The widgets receive it
(``data_bind`` in :meth:`compose`) and post messages up; loading and slow
searches run in thread workers that post :mod:`~briefing.reader.messages`.

The screen is in parts, each a mixin of its own module: :mod:`.searching` (the
box, the search answered, the counter), :mod:`.evidencing` (the report behind a
meeting), :mod:`.reloading` (reading again, the error list), :mod:`.remembering`
(marks and the view kept between runs), :mod:`.leading` (counts, pages, saved
searches), :mod:`.sharing` (copy, export) and :mod:`.arranging` (the panes' sizes,
zoom). Here: what the screen holds, loading, the highlighted meeting and the detail
that follows it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from ... import collector
from ...archive.catalog import CacheMismatch, Catalog, MeetingKey
from ...archive.files import PathNotFound, default_paths
from ...archive.loader import cached_catalog
from ...archive.reports import Reports
from ...format.model import Briefing, Problem, Row
from ...format.text import neutralise_line
from ...query.language import Query
from ...query.search import Result, SearchIndex
from ...render.common import plural
from ..loading import load_incrementally
from ..messages import Loaded
from ..widgets.counts_panel import CountsPanel
from ..widgets.evidence_view import Evidence, EvidenceView
from ..widgets.meeting_detail import Fact, MeetingDetail, Shown
from ..widgets.meeting_list import MeetingList
from ..widgets.search_bar import SearchBar, SearchBox
from .arranging import Arranging
from .evidencing import Evidencing
from .leading import Leading
from .reloading import Reloading
from .remembering import Remembering
from .searching import Searching
from .sharing import Sharing
from .texts import empty_text, progress_line

if TYPE_CHECKING:
    from ...settings.state import ArchiveState
    from ..watching import FileWatch

DETAIL_DELAY = 0.15  # seconds of no typing before the detail pane follows the highlight


class MainScreen(Searching, Evidencing, Reloading, Remembering, Leading, Sharing, Arranging, Screen[None]):
    """Meeting list on the left (or top), the highlighted meeting on the right (or below)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search_key", "Search", priority=True, id="main.search"),
        Binding("escape", "clear_search", "Clear search", show=False, id="main.clear_search"),
        Binding("enter", "submit_search", "To the list", show=False, priority=True, id="main.submit_search"),
        Binding("n", "next_match", "Next match", show=False, id="main.next_match"),
        Binding("N", "previous_match", "Previous match", show=False, id="main.previous_match"),
        Binding("z", "zoom", "Zoom pane", show=False, id="main.zoom"),
        Binding("less_than_sign", "resize_list(-1)", "Narrower list", show=False, id="main.narrower"),
        Binding("greater_than_sign", "resize_list(1)", "Wider list", show=False, id="main.wider"),
        Binding("s", "evidence", "Evidence", id="main.evidence"),
        Binding("o", "open_source", "Open source", show=False, id="main.open_source"),
        Binding("y", "copy_meeting", "Copy", id="main.copy_meeting"),
        Binding("Y", "copy_list", "Copy list", show=False, id="main.copy_list"),
        Binding("x", "export", "Export", show=False, id="main.export"),
        Binding("P", "print_on_exit", "Print copy on exit", show=False, id="main.print_on_exit"),
        Binding("E", "edit", "Edit", show=False, id="main.edit"),
        Binding("ctrl+r", "reload", "Read again", show=False, id="main.reload"),
        Binding("f", "counts('facets')", "Facets", id="main.facets"),
        Binding("t", "counts('timeline')", "Timeline", show=False, id="main.timeline"),
        Binding("v", "views", "Saved searches", show=False, id="main.views"),
        Binding("asterisk", "flag", "Flag", id="main.flag"),
        Binding("m", "toggle_read", "Read/unread", show=False, id="main.read"),
        Binding("M", "read_all", "All read", show=False, id="main.read_all"),
        Binding("e", "errors", "Errors", id="main.errors"),
        Binding("question_mark", "app.help", "Help", id="main.help"),
        Binding("q", "app.quit", "Quit", id="main.quit"),
    ]

    AUTO_FOCUS = "#meetings"

    index: var[SearchIndex] = var(lambda: SearchIndex([]), init=False)
    """Every meeting loaded so far, searchable."""
    catalog: var[Catalog] = var(Catalog.empty, init=False)
    """The index's catalog (for the widgets)."""
    search_text: var[str] = var("", init=False)
    """What the user typed in the search box."""
    result: var[Result] = var(lambda: Result(()), init=False)
    """The meetings on the list."""
    result_query: var[Query | None] = var(None, init=False)
    """The search ``result`` answers (None: every meeting)."""
    searching: var[bool] = var(False, init=False)
    """A result for the search text is being worked out (the list shows the previous one meanwhile)."""
    highlighted: var[int] = var(-1, init=False)
    """Catalog position of the highlighted meeting, -1 for none."""
    detail: var[Shown] = var(lambda: Shown(None, None), init=False)
    """What the detail pane shows (it follows the highlight; while typing, once typing pauses)."""
    evidence: var[Evidence | None] = var(None, init=False)
    """What the evidence view shows (None: it is closed)."""
    empty_message: var[str] = var("", init=False)
    """What the list says when it is empty (nothing matches the search)."""
    problems: var[tuple[Problem, ...]] = var((), init=False)
    """Load errors and warnings."""
    is_loading: var[bool] = var(True, init=False)
    list_width: var[int] = var(55, init=False)
    """The list pane's share of the width (or, stacked, of the height), in percent."""
    zoomed: var[str] = var("", init=False)
    """The pane shown alone ("list" or "detail"), or "" for both."""
    iso_dates: var[bool] = var(False, init=False)
    """Dates in the list as ISO (the settings file's ``date_format``)."""

    def __init__(
        self, paths: Sequence[str], *, max_size: int, use_cache: bool, query: str = "", iso_dates: bool = False
    ) -> None:
        super().__init__()
        self.set_reactive(MainScreen.iso_dates, iso_dates)  # before the list is bound to it
        self.paths = list(paths)
        self.initial_query = query
        self.max_size = max_size
        self.use_cache = use_cache
        self._detail_timer: Timer | None = None
        self._user_moved = False  # the user chose a meeting (loading then keeps it, else it follows the newest)
        self._step = 1  # the last move along the list: the next is likely the same (see _prepare_next)
        self.ready = threading.Event()
        """Set but while the loading worker readies the sets and words of a whole archive (see run_filter)."""
        self.ready.set()
        self._heard_box: SearchBox | None = None
        self._keep_next: MeetingKey | None = None  # the meeting the next search keeps highlighted (from a page)
        self._searching_with: tuple[bool, MeetingKey | None] = (True, None)  # the search in a worker: best, keep
        self.state: ArchiveState | None = None
        """What the reader remembers of this archive (read once the first frame is painted)."""
        self.reports = Reports(self.paths or default_paths(), max_size)
        """The source reports, read when a meeting's detail or evidence is shown (never at load)."""
        self._checking: Fact | None = None  # the fact whose paragraphs the evidence view shows (None: all)
        self.copied = ""
        """The text last copied (``P`` prints it when the reader ends)."""
        self._watch: FileWatch | None = None  # sees edits live, once the first load is in
        self._reload_note: str | None = None  # what a reload under way will say when it is done
        self._last_good: dict[str, tuple[Briefing, ...]] = {}
        """Files being edited (by absolute path), as last read without an error: they stand in while broken."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield SearchBar(id="search-bar")
                yield Static("Loading briefings…", id="progress")
                yield MeetingList(id="meetings").data_bind(
                    MainScreen.catalog,
                    MainScreen.result,
                    MainScreen.highlighted,
                    MainScreen.empty_message,
                    MainScreen.iso_dates,
                    MainScreen.marks,
                    search_query=MainScreen.result_query,
                )
            yield MeetingDetail(id="detail").data_bind(MainScreen.marks, shown=MainScreen.detail)
            yield EvidenceView(id="evidence").data_bind(shown=MainScreen.evidence)
            yield CountsPanel(id="counts").data_bind(
                MainScreen.catalog,
                MainScreen.result,
                MainScreen.searching,
                search_query=MainScreen.result_query,
                mode=MainScreen.counts_mode,
            )
        yield Static(id="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#list-pane").border_title = "Meetings"
        self.query_one("#detail").border_title = "Meeting"
        self.query_one("#evidence").border_title = "Evidence"
        self.query_one("#counts").border_title = "Counts"
        self.query_one("#empty").display = False
        self._layout_panes()
        # What the cache knew is shown in the first frame (reading it costs less than
        # a frame for a folder, and the screen has nothing better to show meanwhile);
        # the worker then checks every file and repaints only if one changed.
        known = cached_catalog(self.paths or None, max_size=self.max_size) if self.use_cache else None
        if known is not None:
            self.apply_loaded(Loaded(SearchIndex(known.catalog), known.problems, 0, known.files, False))
        # The worker starts once the first frame is painted: reading the rest of a large cache holds the
        # interpreter in long stretches, and the first screen needs none of it.
        self.call_after_refresh(self.load)
        self.call_after_refresh(self.start_remembering, self.paths or default_paths())
        if self.initial_query.strip():  # briefing -q: the search in the box from the start, answered as loading allows
            self.call_after_refresh(self.search_for, self.initial_query)
        self.call_after_refresh(collector.end_startup)  # see briefing.main

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.stop()
        self.save_now()  # the last marks and the view, for the next start

    # ----------------------------------------------------------- loading

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
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
                last_good=self._last_good.get,
                ready=self.ready,
            )
        except PathNotFound as error:
            problem = Problem(neutralise_line(str(error)), 0, 0, "", "no such file or folder")
            self.post_message(Loaded(SearchIndex([]), (problem,), 0, 0, True))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.apply_loaded(message)

    def apply_loaded(self, message: Loaded) -> None:
        """Take what a load brought: a new index (the search and the highlighted meeting kept), problems, progress."""
        if self._reload_note is not None and not message.finished and not message.quiet:
            return  # reading again: the list stays as it was until the whole archive is in
        if message.quiet:  # the same catalog, now with its word index: no refilter, no notices
            if message.index is not None and message.index.catalog is self.index.catalog:
                self.index = message.index  # searches use it from now on; what is on screen stays
                if self.searching:  # a search under way was for the index before: it is answered with this one
                    best, keep = self._searching_with
                    self._refilter(best=best, keep=keep)
            return
        self.problems = message.problems
        if message.index is not None:
            self._set_index(message.index)
        progress = self.query_one("#progress", Static)
        progress.update(progress_line(message.done, message.total))
        # The cache's catalog, shown while it is confirmed, needs no progress line; files parsed afresh do.
        progress.display = not message.finished and (message.done > 0 or not self.catalog.total)
        if message.finished:
            self.is_loading = False
            self.restore_when_loaded()
            self._start_watching()
            stale = {os.path.abspath(self.catalog.paths[number]) for number in self.catalog.stale}
            self._last_good = {path: good for path, good in self._last_good.items() if path in stale}
            failed = len({p.path for p in message.problems if p.is_error})
            if self._reload_note is not None:
                note, self._reload_note = self._reload_note, None
                trouble = f" · {plural(failed, 'file')} with errors: press e" if failed else ""
                self.notify(note + trouble, severity="warning" if failed else "information", markup=False)
            elif failed:
                self.notify(
                    f"{plural(failed, 'file')} could not be loaded fully. Press e to see why.",
                    title="Load errors",
                    severity="warning",
                    timeout=8,
                    markup=False,
                )

    def _set_index(self, index: SearchIndex) -> None:
        """A new index: search it again, keeping the highlighted meeting where it still exists."""
        old_key = self.catalog.key(self.highlighted) if self.highlighted >= 0 and self._user_moved else None
        # A search typed before this index was here still wants its best match.
        answered = self.result_query is not None and self.result_query.text == self.search_text
        typed = bool(self.search_text.strip()) and not answered
        self.index = index
        self.catalog = index.catalog
        self._refilter(best=typed, keep=old_key)
        self._show_problem_count()

    def watch_is_loading(self, loading: bool) -> None:
        self.query_one("#progress").display = loading
        empty = not loading and not self.catalog.total
        self.query_one("#panes").display = not empty
        self.query_one("#empty").display = empty
        if empty:
            self.query_one("#empty", Static).update(empty_text(self.paths, self.problems))

    # -------------------------------------------------- list and detail

    @on(MeetingList.Move)
    def _move(self, message: MeetingList.Move) -> None:
        if message.to is not None:
            rows = self.result.rows
            if rows:
                self._user_moved = True
                self._highlight(rows[message.to if message.to >= 0 else len(rows) - 1])
        else:
            self.move_highlight(message.by, wrap=message.wrap)

    @on(SearchBox.Step)
    def _search_step(self, message: SearchBox.Step) -> None:
        self.move_highlight(message.by)

    def move_highlight(self, by: int, *, wrap: bool = False) -> None:
        """Move the highlight ``by`` places along the list (clamped, or ``wrap``-ping round)."""
        rows = self.result.rows
        if not rows:
            return
        position = self.query_one(MeetingList).cursor
        target = position + by
        target = target % len(rows) if wrap else max(0, min(len(rows) - 1, target))
        self._user_moved = True
        self._step = target - position or self._step
        self._highlight(rows[target])

    def _highlight(self, index: int) -> None:
        """Highlight catalog position ``index``; the detail follows (once typing pauses, while typing)."""
        self.highlighted = index
        self.remember_view()
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        if self.query_one(SearchBar).typing:
            self._detail_timer = self.set_timer(DETAIL_DELAY, self._update_detail)
        else:
            self._update_detail()

    def _update_detail(self) -> None:
        self._detail_timer = None
        index = self.highlighted
        try:
            row = self.catalog.row(index) if index >= 0 else None
        except CacheMismatch:
            self._cache_mismatch()
            return
        shown = self._shown(index, row)
        if row is not None and shown.report is None:
            self.read_report(row.briefing)
        if shown != self.detail:
            if row is None or self.detail.row is None or self.detail.row.meeting is not row.meeting:
                self._checking = None  # another meeting: its evidence is checked as a whole at first
            self.detail = shown
            self._show_evidence()
            if row is not None and shown.row is not None:
                self.reading(index, self.query_one(MeetingDetail).display)
                self.call_after_refresh(self._prepare_next, index)

    def _prepare_next(self, index: int) -> None:
        """Once this meeting is painted, build the detail of the one the same move again would reach."""
        if index != self.highlighted or self._detail_timer is not None:
            return  # moved on already, or typing
        rows = self.result.rows
        position = self.query_one(MeetingList).cursor
        target = position + self._step
        if not 0 <= target < len(rows) or not self.query_one(MeetingDetail).display:
            return
        try:
            row = self.catalog.row(rows[target])
        except (CacheMismatch, OSError, ValueError):
            return  # found again, and said, when it is shown
        self.query_one(MeetingDetail).prepare(self._shown(rows[target], row))

    def _shown(self, index: int, row: Row | None) -> Shown:
        """What the detail shows for catalog position ``index`` (``row``, read), with the report if known."""
        report = self.reports.known(row.briefing) if row is not None else None  # a stat at most
        stale = index >= 0 and self.catalog.entries[index].file in self.catalog.stale
        return Shown(row, self.result_query, report, stale)

    @on(MeetingList.Selected)
    def _selected(self) -> None:
        self.counts_mode = ""  # Enter on a meeting: its detail, in the counts' place
        self.query_one(MeetingDetail).focus()

    @on(MeetingDetail.CrossLink)
    def _cross_link(self, message: MeetingDetail.CrossLink) -> None:
        self.search_for(message.query)

    def show_meeting(self, index: int) -> None:
        """Clear the search and highlight meeting ``index`` of the catalog (for the palette and the error list)."""
        self.query_one(SearchBar).close()
        self.search_text = ""
        self._user_moved = True
        self._highlight(index)
        self.query_one(MeetingList).focus()

    def search_for(self, text: str) -> None:
        """Put ``text`` in the search box and filter by it."""
        self._search_bar().open(text)
        self.query_one(MeetingList).focus()
