"""The main screen's search: the box's text answered over the index, at once or in a worker, and counted.

:class:`Searching` is a part of :class:`~briefing.reader.screens.main.MainScreen` (a mixin,
as :mod:`.remembering` is: its message handlers are found by their names). The screen owns
the search text; a key in the box changes it in the key's own handler, and the answer is on
the list in that frame when it is cheap (a small archive, or the word index): else a worker
answers, the list keeps the last result meanwhile and the counter says it is searching.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.actions import SkipAction
from textual.worker import get_current_worker

from ...format.text import neutralise_line
from ...query.language import Query, QueryError, parse_query
from ...query.search import Result, SearchIndex
from ...render.common import plural
from ..messages import Filtered
from ..widgets.evidence_view import Evidence, EvidenceView
from ..widgets.meeting_list import MeetingList
from ..widgets.search_bar import SearchBar, SearchBox
from .parts import ScreenPart

if TYPE_CHECKING:
    import threading

    from ...archive.catalog import Catalog, MeetingKey
    from ...settings.state import ArchiveState


SYNC_FILTER_MAX = 20_000
"""Below this many meetings (or with the word index prepared) a search takes well under a frame: it runs in the
key handler."""


class Searching(ScreenPart):
    """The search box, the search it holds answered, the counter, and ``n``/``N`` through the matches."""

    if TYPE_CHECKING:  # the main screen's own
        index: SearchIndex
        catalog: Catalog
        ready: threading.Event
        search_text: str
        result: Result
        result_query: Query | None
        searching: bool
        highlighted: int
        empty_message: str
        evidence: Evidence | None
        counts_mode: str
        state: ArchiveState | None
        _heard_box: SearchBox | None
        _keep_next: MeetingKey | None
        _searching_with: tuple[bool, MeetingKey | None]
        _user_moved: bool

        def _highlight(self, index: int) -> None: ...
        def move_highlight(self, by: int, *, wrap: bool = False) -> None: ...

    @property
    def searches_at_once(self) -> bool:
        """Whether a search is answered in the key handler, not in a worker (one not reading text still on disk).

        So it is for a small archive, and for a large one once its word index and sets are ready.
        """
        return len(self.index.catalog) <= SYNC_FILTER_MAX or self.index.prepared

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

    def action_search_key(self) -> None:
        """``/``: open the search box, as the key comes; in the box, ``/`` is a character of the search.

        A priority binding runs before the app hands the next key on, so the keys typed right after
        ``/`` (a fast typist, a paste) go into the box, not to the list it was opened from.
        """
        if isinstance(self.focused, SearchBox):
            raise SkipAction()
        self.action_search()

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
        if small or (index.prepared and not index.needs_text(query)):  # well under a frame: in the key handler
            self._show(index.search(query), query, best=best, keep=keep)
        else:
            self.searching = True
            self._searching_with = (best, keep)
            self._update_counter()
            self.run_filter(text, query, index, best, keep)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def run_filter(self, text: str, query: Query, index: SearchIndex, best: bool, keep: MeetingKey | None) -> None:
        """Search off the UI thread; a newer keystroke makes this result moot.

        While the loading worker readies the archive's sets and words, the search waits for them: building
        the same sets beside it, in a thread per keystroke, would take the interpreter from the keys.
        """
        worker = get_current_worker()
        while not self.ready.wait(0.05):
            if worker.is_cancelled:
                return
        if self.index.catalog is index.catalog:
            index = self.index  # the catalog's word index may have come in the meantime
        result = index.search(query)
        if not worker.is_cancelled:
            self.post_message(Filtered(text, query, index, result, best, keep))

    def on_filtered(self, message: Filtered) -> None:
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
        if not self.search_text.strip():
            counter = plural(total, "meeting")
        elif self.searching:
            counter = "searching…"
        elif self.result_query is None or self.result_query.text != self.search_text:
            counter = "search incomplete"
        else:
            counter = f"{len(self.result):,} of {plural(total, 'meeting')}"
        pane = self.query_one("#list-pane")
        if pane.border_subtitle != counter:  # setting it repaints the whole pane, list and all, even when unchanged
            pane.border_subtitle = counter
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
