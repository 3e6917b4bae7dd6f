"""The main screen: it owns the reader's state and hands it to the widgets.

State, all here: the search index (every meeting loaded), the search text,
the result on the list (and whether a newer one is being worked out), the
highlighted meeting, and what the detail pane shows. The widgets receive it
(``data_bind`` in :meth:`compose`) and post messages up; loading and slow
searches run in thread workers that post :mod:`~briefing.reader.messages`.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from functools import partial
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
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
from ...format.model import Briefing, Problem, tally
from ...format.text import neutralise_line
from ...query.language import Query, QueryError, parse_query
from ...query.search import Result, SearchIndex
from ...render.common import plural
from ..loading import load_incrementally
from ..messages import FilesChanged, Filtered, Loaded, ReportRead
from ..watching import FileWatch
from ..widgets.counts_panel import CountsPanel
from ..widgets.document import DocumentView
from ..widgets.evidence_view import Evidence, EvidenceView
from ..widgets.meeting_detail import Fact, MeetingDetail, Shown
from ..widgets.meeting_list import MeetingList
from ..widgets.search_bar import SearchBar, SearchBox
from .evidence import evidence_for, open_in_browser, web_address
from .leading import Leading
from .remembering import Remembering
from .sharing import Sharing
from .texts import empty_text, progress_line

if TYPE_CHECKING:
    from ...settings.state import ArchiveState
    from ..app import BriefingApp

NARROW = 100
# Below this many meetings (or with a word index) a search takes well under a
# frame, so it runs right in the key handler: one frame shows the key and the list.
SYNC_FILTER_MAX = 20_000
DETAIL_DELAY = 0.15  # seconds of no typing before the detail pane follows the highlight
LIST_WIDTHS = (30, 100, 5)  # the list pane's share of the width, in percent: least, most, step


class MainScreen(Remembering, Leading, Sharing, Screen[None]):
    """Meeting list on the left (or top), the highlighted meeting on the right (or below)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="main.search"),
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

    def on_resize(self) -> None:
        self.query_one("#panes").set_class(self.size.width < NARROW, "-narrow")
        self._layout_panes()

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

    def watch_problems(self) -> None:
        self._show_problem_count()

    def _show_problem_count(self) -> None:
        """The count of load problems in the list pane's title, while there are any."""
        head = self.catalog.head_tally
        errors, warnings = head if head is not None and self.catalog.partial else tally(self.problems)
        pane = self.query_one("#list-pane")
        if errors or warnings:
            what = plural(errors, "error") if errors else plural(warnings, "warning")
            pane.border_title = Content.assemble("Meetings · ", (f"{what}: press e", "$text-warning"))
        else:
            pane.border_title = "Meetings"

    # --------------------------------------------------------- searching

    def _search_bar(self) -> SearchBar:
        """The search bar, its box made and heard."""
        bar = self.query_one(SearchBar)
        box = bar.make_box()
        if box is not self._heard_box:
            # Heard as the value changes, inside the key's own handler (an Input.Changed message arrives
            # after the frame that echoes the key): the list is answered in that same frame.
            self.watch(box, "value", self._box_changed, init=False)
            self._heard_box = box
        return bar

    def _box_changed(self, value: str) -> None:
        self.search_text = value

    def action_search(self) -> None:
        """Open the search box."""
        self._search_bar().open()

    def action_clear_search(self) -> None:
        """Close the evidence or the counts if open; else clear the search and show every meeting.

        The highlighted meeting stays highlighted.
        """
        if self.evidence is not None:
            self.evidence = None
            return
        if self.counts_mode:
            self.counts_mode = ""
            return
        self.query_one(SearchBar).close()
        self.query_one(MeetingList).focus()

    def action_submit_search(self) -> None:
        """Enter in the search box, taken as the key comes: the keys typed after it go to the list, not the box.

        (As a message, Input.Submitted reaches the screen only after the next key has gone into the box:
        ``/energy⏎f`` typed ahead would search for "energyf".)
        """
        if not isinstance(self.focused, SearchBox):
            raise SkipAction()  # Enter anywhere else is that widget's own
        if self.state is not None and self.search_text.strip():
            self.state.searched(self.search_text)
            self.query_one(SearchBar).remember(self.search_text)
        self.query_one(SearchBar).error_now()  # Enter: say at once why the search cannot be read, if it cannot
        self.set_focus(self.query_one(MeetingList))  # at once (Widget.focus waits for the next turn)

    def watch_search_text(self) -> None:
        keep, self._keep_next = self._keep_next, None
        self._refilter(best=keep is None, keep=keep)

    def _refilter(self, *, best: bool = False, keep: MeetingKey | None = None) -> None:
        """Answer the search text over the index: at once when cheap, else in a worker (the list waits, says so).

        ``best``: the user typed, so the highlight goes to the best match. Else the
        highlighted meeting stays (``keep``: as found in the new catalog).
        """
        text = self.search_text
        search_bar = self.query_one(SearchBar)
        search_bar.error_later(None)
        index = self.index
        if not text.strip():
            self._show(Result(range(len(index.catalog))), None, best=False, keep=keep)
            return
        if index.catalog.partial:  # only the first screen is read yet: the search runs once the rest is in
            self.searching = True
            self._update_counter()
            return
        try:
            query = parse_query(text)
        except QueryError as error:
            search_bar.error_later(str(error))
            self.searching = False
            self._update_counter()  # the list stays; the counter says the search cannot be read
            return
        small = len(index.catalog) <= SYNC_FILTER_MAX
        cheap = small or (index.postings is not None and not index.needs_text(query))
        if cheap:  # well under a frame: answer in the key handler, one repaint
            self._show(index.search(query), query, best=best, keep=keep)
        else:
            self.searching = True
            self._searching_with = (best, keep)
            self._update_counter()
            self.run_filter(text, query, index, best, keep)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def run_filter(self, text: str, query: Query, index: SearchIndex, best: bool, keep: MeetingKey | None) -> None:
        """Search off the UI thread; a newer keystroke makes this result moot."""
        result = index.search(query)
        if not get_current_worker().is_cancelled:
            self.post_message(Filtered(text, query, index, result, best, keep))

    @on(Filtered)
    def _filtered(self, message: Filtered) -> None:
        if message.text == self.search_text and message.index is self.index:
            self._show(message.result, message.query, best=message.best, keep=message.keep)

    def _show(self, result: Result, query: Query | None, *, best: bool, keep: MeetingKey | None) -> None:
        """Put ``result`` on the list and decide the highlighted meeting."""
        rows = result.rows
        if best and query is not None:
            target = rows[0] if rows else -1  # while typing, the best match, as in fzf
        elif keep is not None:
            found = self.catalog.find(keep)
            # Gone from the list (flagged off an is:flagged list, say): the meeting now in its place.
            cursor = max(0, self.query_one(MeetingList).cursor)
            beside = rows[min(cursor, len(rows) - 1)] if rows else -1
            target = found if found >= 0 and found in rows else max(beside, -1)
        elif self.highlighted >= 0 and self.highlighted in rows and self._user_moved:
            target = self.highlighted  # e.g. Esc: every meeting again, the same one highlighted
        else:
            target = rows[0] if rows else -1  # the newest meeting
        self.searching = False
        self.result_query = query
        self.result = result
        self._highlight(target)
        self._update_counter()

    def _update_counter(self) -> None:
        """The list pane's counter: always the answer to the search in the box, or what stands in its way."""
        total = self.catalog.total
        pane = self.query_one("#list-pane")
        if not self.search_text.strip():
            pane.border_subtitle = plural(total, "meeting")
        elif self.searching:
            pane.border_subtitle = "searching…"
        elif self.result_query is None or self.result_query.text != self.search_text:
            pane.border_subtitle = "search incomplete"
        else:
            pane.border_subtitle = f"{len(self.result):,} of {plural(total, 'meeting')}"
        query = self.result_query
        if query is not None and not self.result.rows:
            finished = query.text == self.search_text
            said = f"No meeting matches “{neutralise_line(query.text)[:60]}”"
            # While the box holds a search that cannot be read yet, the list is still that of the last one read.
            self.empty_message = f"{said}. Esc clears the search." if finished else f"{said} (the search last read)."
        else:
            self.empty_message = ""

    def action_next_match(self) -> None:
        """Highlight the next matching meeting (the next cited paragraph, while the evidence is open)."""
        if self.evidence is not None:
            self.query_one(EvidenceView).action_step(1)
        else:
            self.move_highlight(1, wrap=True)

    def action_previous_match(self) -> None:
        """Highlight the previous matching meeting (the previous cited paragraph, while the evidence is open)."""
        if self.evidence is not None:
            self.query_one(EvidenceView).action_step(-1)
        else:
            self.move_highlight(-1, wrap=True)

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
        report = self.reports.known(row.briefing) if row is not None else None  # a stat at most
        if row is not None and report is None:
            self.read_report(row.briefing)
        stale = index >= 0 and self.catalog.entries[index].file in self.catalog.stale
        shown = Shown(row, self.result_query, report, stale)
        if shown != self.detail:
            if row is None or self.detail.row is None or self.detail.row.meeting is not row.meeting:
                self._checking = None  # another meeting: its evidence is checked as a whole at first
            self.detail = shown
            self._show_evidence()
            if row is not None and shown.row is not None:
                self.reading(index, self.query_one(MeetingDetail).display)

    def _cache_mismatch(self) -> None:
        """The cache listed a meeting its file does not hold: forget it and read every file afresh."""
        from ...archive.cache import cache_paths, forget
        from ...archive.files import default_paths

        self.notify("The cache did not match the files; reading them again.", severity="warning", markup=False)
        forget(cache_paths(self.paths or default_paths()))
        self.load()

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

    # ---------------------------------------------------------- evidence

    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def read_report(self, briefing: Briefing) -> None:
        """Read a briefing's report off the UI thread (a large report takes a few frames to split)."""
        self.post_message(ReportRead(briefing.path, self.reports.of(briefing)))

    @on(ReportRead)
    def _report_read(self, message: ReportRead) -> None:
        row = self.detail.row
        if row is not None and row.briefing.path == message.briefing_path:
            self.detail = self.detail._replace(report=message.report)
            self._show_evidence()

    def _show_evidence(self) -> None:
        """Keep an open evidence view on the meeting shown in the detail, and on the fact being checked."""
        if self.evidence is None:
            return
        row = self.detail.row
        if row is None:
            self.evidence = None
            return
        self.evidence = evidence_for(row, self.detail.report, self._checking, self.result_query)

    def action_evidence(self) -> None:
        """Show the report behind the highlighted meeting, its cited paragraphs marked; again to close it."""
        if self.evidence is not None:
            self.evidence = None
            return
        self._update_detail()  # the detail, and so the evidence, follows the highlight at once
        self.counts_mode = ""
        self.open_evidence(None)
        self.query_one(EvidenceView).focus()

    def open_evidence(self, fact: Fact | None) -> None:
        """Show the evidence of the meeting in the detail, checking ``fact`` (None: every cited paragraph)."""
        row = self.detail.row
        if row is None:
            self.notify("No meeting is highlighted.", severity="information", markup=False)
            return
        self._checking = fact
        self.evidence = evidence_for(row, self.detail.report, fact, self.result_query)

    def watch_evidence(self, old: Evidence | None, new: Evidence | None) -> None:
        if (old is None) != (new is None):
            self._layout_panes()
        if new is None and old is not None:
            self._checking = None
            if self.focused is None or self.focused.id == "evidence":
                self.query_one(MeetingDetail).focus()

    @on(EvidenceView.Close)
    def _close_evidence(self) -> None:
        self.evidence = None

    @on(DocumentView.Chosen, "#detail")
    def _fact_chosen(self, message: DocumentView.Chosen) -> None:
        if isinstance(message.item, Fact):  # check one claim: its own paragraphs in view
            self.open_evidence(message.item)

    @on(DocumentView.Highlighted, "#detail")
    def _fact_highlighted(self, message: DocumentView.Highlighted) -> None:
        if self.evidence is not None and isinstance(message.item, Fact):  # Tab through the facts: the evidence follows
            self.open_evidence(message.item)

    def action_open_source(self) -> None:
        """Open the highlighted meeting's source (``source.url``) in the web browser."""
        row = self.detail.row
        source = row.briefing.source if row is not None else None
        if source is None or not source.url:
            self.notify("This briefing names no source URL.", severity="information", markup=False)
            return
        url = web_address(source.url)
        if url is None:
            shown = neutralise_line(source.url)[:80]
            self.notify(f"Not a web address, not opened: {shown}", severity="warning", markup=False)
            return
        self.run_worker(partial(open_in_browser, self.app, url), thread=True, group="browser", exit_on_error=False)

    # ------------------------------------------------- reading again

    def _start_watching(self) -> None:
        if self._watch is None:
            self._watch = FileWatch(
                self.paths or default_paths(), lambda changes: self.post_message(FilesChanged(changes))
            )
            self._watch.start()

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.stop()
        self.save_now()  # the last marks and the view, for the next start

    @on(FilesChanged)
    def _files_changed(self, message: FilesChanged) -> None:
        changes = message.changes
        self.keep_last_good(changes.added | changes.modified)
        self.reload(changes.summary({os.path.abspath(path) for path in self.catalog.paths}))

    def keep_last_good(self, paths: Collection[str]) -> None:
        """Remember what the files at ``paths`` (absolute) hold, if they were read whole, before reading them again."""
        catalog = self.catalog
        broken = {p.path for p in self.problems if p.is_error}
        for number, path in enumerate(catalog.paths):
            full = os.path.abspath(path)
            if full in paths and number not in catalog.stale and neutralise_line(path) not in broken:
                try:
                    self._last_good[full] = catalog.file_briefings(number)
                except (CacheMismatch, OSError, ValueError):
                    continue

    def action_reload(self) -> None:
        """Read every file again (through the cache: only the files that changed are parsed)."""
        self.reload("Every file read again")

    def reload(self, note: str) -> None:
        """Read the archive again, keeping the search and the highlighted meeting; say ``note`` when done.

        A reload asked for while one is under way (an editor's saves, seen once it has closed) restarts it,
        and what both would have said is said once it is done.
        """
        pending = self._reload_note
        self._reload_note = note if pending is None or note in pending else f"{pending}; {note}"
        if self.highlighted >= 0:
            self._user_moved = True  # the meeting being read stays highlighted, wherever it now sorts
        self.load()

    def action_edit(self) -> None:
        """Open the highlighted meeting's file in the editor at the meeting's line; read it again afterwards."""
        row = self.detail.row
        if row is None:
            self.notify("No meeting is highlighted.", severity="information", markup=False)
            return
        self.edit(row.briefing.path, row.meeting.line)

    def edit(self, path: str, line: int) -> None:
        """Hand the terminal to the user's editor on ``path`` at ``line``, then read the archive again."""
        from ..editor import NoEditor, editor_command

        self.keep_last_good({os.path.abspath(path)})
        try:
            argv = editor_command(path, line)
        except NoEditor as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        outcome = cast("BriefingApp", self.app).run_in_terminal(argv)
        if isinstance(outcome, str):
            self.notify(f"The editor did not start: {outcome}", severity="warning", markup=False)
            return
        name = neutralise_line(os.path.basename(path))
        failed = f" (the editor exited with status {outcome})" if outcome else ""
        self.reload(f"{name} read again{failed}")

    # ------------------------------------------------------------ panes

    def action_zoom(self) -> None:
        """Show the focused pane alone, or both again."""
        focused = self.focused
        right = focused is not None and (focused.id == "detail" or self.query_one(CountsPanel).has_focus_within)
        pane = "detail" if right else "list"
        self.zoomed = "" if self.zoomed else pane

    def watch_zoomed(self) -> None:
        self._layout_panes()

    def action_resize_list(self, step: int) -> None:
        """Give the list pane more (``step`` 1) or less (-1) of the screen."""
        low, high, by = LIST_WIDTHS
        self.list_width = max(low, min(high - by, self.list_width + step * by))

    def watch_list_width(self) -> None:
        self._layout_panes()

    def _layout_panes(self) -> None:
        """Which panes show, and the list pane's size: its share of the width (of the height, when stacked).

        Set on the widgets' own styles rather than by a class on the panes: a class would restyle every
        widget below them, which costs a frame on its own.
        """
        pane, detail, evidence = self.query_one("#list-pane"), self.query_one("#detail"), self.query_one("#evidence")
        narrow = self.size.width < NARROW
        checking = self.evidence is not None
        pane.display = not checking and self.zoomed != "detail"  # the list gives way to the evidence
        detail.display = self.zoomed != "list" and not (checking and narrow) and not self.counts_mode
        self.query_one(CountsPanel).display = bool(self.counts_mode) and self.zoomed != "list"
        evidence.display = checking
        evidence.styles.width = "100%" if narrow else "55%"
        share = "100%" if self.zoomed == "list" else f"{self.list_width}%"
        if narrow:
            pane.styles.width, pane.styles.height = "100%", "1fr" if self.zoomed == "list" else share
        else:
            pane.styles.width, pane.styles.height = share, "1fr"

    def action_errors(self) -> None:
        """List every load error and warning."""
        from .errors import ErrorsScreen

        self.app.push_screen(ErrorsScreen(self.problems), self._went_to)

    def catalog_path(self, shown: str) -> str | None:
        """The file a problem names (its path as shown, neutralised), if it is one the archive read."""
        for path in self.catalog.paths:
            if neutralise_line(path) == shown:
                return path
        # A file that did not load (its problem names it): only if it lies inside the archive once links are
        # followed (the walk refuses a link out of it, and reports it: that report must not open it).
        is_plain = neutralise_line(shown) == shown  # a name with no control character is shown as it is
        if not (is_plain and any(p.path == shown for p in self.problems) and os.path.isfile(shown)):
            return None
        resolved = os.path.realpath(shown)
        roots = [os.path.realpath(p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))) for p in self.paths]
        inside = any(resolved.startswith(os.path.join(root, "")) for root in roots or [os.getcwd()])
        return shown if inside else None

    def _went_to(self, chosen: tuple[str, Problem] | None) -> None:
        """From the error list: open the editor at a problem, or highlight the meeting it is about."""
        if chosen is None:
            return
        action, problem = chosen
        if action == "edit":
            path = self.catalog_path(problem.path)
            if path is None:
                self.notify("That file is not part of the archive any more.", severity="warning", markup=False)
            else:
                self.edit(path, problem.line)
            return
        index = self.catalog.meeting_at(problem.path, problem.line)
        if index >= 0:
            self.show_meeting(index)
        else:
            self.notify("That problem's meeting did not load.", severity="information", markup=False)
