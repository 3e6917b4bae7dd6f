"""The main screen's memory: flags and read marks, the last search and meeting, the search history.

:class:`Remembering` is a part of :class:`~briefing.reader.screens.main.MainScreen`
(a mixin, for the keys ``*``, ``m`` and ``M`` and what they need). The state is
read in a thread once the first frame is painted (it never delays the start) and
written, a moment after each change and when the reader ends, through
:class:`~briefing.settings.state.ArchiveState`, which merges it with what another
reader wrote meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer

from ...archive.catalog import Catalog, MeetingKey
from ...format.text import neutralise_line
from ...query.language import Query
from ...query.marks import Marks
from ...query.search import Result, SearchIndex
from ...settings.state import ArchiveState, Remembered
from ..widgets.search_bar import SearchBar
from .parts import ScreenPart

READ_AFTER = 1.5
"""Seconds a meeting stays in the detail before it counts as read."""
SAVE_AFTER = 1.0
"""Seconds after a change the user made (a flag, a mark) before the state is written (a burst is written once)."""
SAVE_READ_AFTER = 30.0
"""Seconds after a meeting was read by being looked at before the state is written (it is written at the end too):
the file of a large archive takes a few tens of milliseconds to write, which typing should not meet."""


class StateRead(Message):
    """The archive's remembered state is in (read in a thread)."""

    def __init__(self, remembered: Remembered, notice: str) -> None:
        super().__init__()
        self.remembered = remembered
        self.notice = notice


class StateNotSaved(Message):
    """The state file could not be written (``problem`` says why)."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem


class Remembering(ScreenPart):
    """Flags (``*``), read marks (``m``, ``M``, a moment in the detail), the last search and meeting, history."""

    marks: var[Marks] = var(Marks, init=False)
    """Which meetings are flagged and which have been read (for the list, the detail and ``is:``)."""

    _read_timer: Timer | None = None  # counts the moment a meeting is in the detail
    _save_timer: Timer | None = None
    _save_due = 0.0  # when the write the timer waits for is due (time.monotonic)
    _restored = False  # the last session's view was restored (or there was none): what is shown now is the user's
    _said = ""  # the last problem writing the state, said once
    _answer_marks = True  # a change of marks answers an is: search again (not one made by looking)
    _pending_view: Remembered | None = None  # the last session's view, until its meeting is loaded

    # Given by the main screen.
    catalog: Catalog
    index: SearchIndex
    result: Result
    highlighted: int
    search_text: str
    initial_query: str
    _keep_next: MeetingKey | None
    _user_moved: bool
    state: ArchiveState | None
    result_query: Query | None
    is_loading: bool

    if TYPE_CHECKING:  # the main screen's own

        def _highlight(self, index: int) -> None: ...
        def _refilter(self, *, best: bool = False, keep: MeetingKey | None = None) -> None: ...
        def search_for(self, text: str) -> None: ...

    def start_remembering(self, paths: list[str]) -> None:
        """Read the archive's state in a thread (the first frame is painted meanwhile)."""
        self.state = ArchiveState(paths)
        self.read_state()

    @work(thread=True, exclusive=True, group="state", exit_on_error=False)
    def read_state(self) -> None:
        """Read the state file off the UI thread."""
        state = self.state
        if state is not None:
            remembered = state.load()
            self.post_message(StateRead(remembered, state.notice))

    # Handlers by name (on_…): a mixin's @on is not seen by Textual, which gathers those of message pumps only.
    def on_state_read(self, message: StateRead) -> None:
        """The state is in: the marks, the history, and the last session's view."""
        if message.notice:
            self.notify(message.notice, title="Reader state", severity="warning", timeout=10, markup=False)
        marks = message.remembered.marks
        # Marks made before the file was read (a quick *) are kept over it.
        self.marks = Marks(self.marks.flagged | marks.flagged, self.marks.read | marks.read)
        self.query_one(SearchBar).set_history(message.remembered.history)
        self._restore(message.remembered)

    def _restore(self, remembered: Remembered) -> None:
        """The search and the meeting of the last session, unless this one opened with a search or one was typed.

        A meeting not loaded yet (beyond the cache's first screen, or with no cache) is looked for again
        once the whole archive is in (:meth:`restore_when_loaded`).
        """
        if self._restored or self.initial_query.strip() or self.search_text.strip() or self._user_moved:
            self._pending_view = None
            return
        position = self.position_of(remembered.highlighted) if remembered.highlighted else -1
        if position < 0 and remembered.highlighted and (self.catalog.partial or self.is_loading):
            self._pending_view = remembered
            return
        self._pending_view = None
        self._restored = True
        if position >= 0:
            self._user_moved = True
        if remembered.query.strip():
            if position >= 0:
                self._keep_next = self.catalog.key(position)
            self.search_for(remembered.query)
            self._keep_next = None
        elif position >= 0:
            self._highlight(position)

    def restore_when_loaded(self) -> None:
        """The whole archive is in: the last session's view, if its meeting was waiting for it."""
        pending = self._pending_view
        if pending is not None:
            self._pending_view = None
            self._restore(
                pending._replace(highlighted=pending.highlighted if self.position_of(pending.highlighted) >= 0 else "")
            )

    def position_of(self, ref: str) -> int:
        """Where the meeting ``briefing/meeting`` is in the catalog, -1 if it is not."""
        try:
            return self.catalog.ref_column().index(ref)
        except ValueError:
            return -1

    def watch_marks(self, marks: Marks) -> None:
        self.index.marks = marks
        query = self.result_query
        if self._answer_marks and query is not None and any(term.field == "is" for term in query.terms):
            # is:unread, say, after m: the list follows the user's mark. (A meeting read by being looked at
            # stays on the list until the next search: else an idle reader would read its way down the list.)
            key = self.catalog.key(self.highlighted) if self.highlighted >= 0 else None
            self._refilter(keep=key)

    def watch_index(self, index: SearchIndex) -> None:
        index.marks = self.marks  # a new index (a load, a reload) searches with the marks too

    # ------------------------------------------------------------ marking

    def _ref(self, position: int) -> str:
        return self.catalog.ref_column()[position]

    def set_marks(self, mark: str, positions: Iterable[int], value: bool, *, soon: bool = True) -> None:
        """Set (or clear) ``mark`` on the meetings at ``positions``; the list, the detail and ``is:`` follow.

        ``soon``: written a moment from now (the user asked); else within :data:`SAVE_READ_AFTER`.
        """
        column = self.catalog.ref_column()
        refs = {column[position] for position in positions}
        if not refs:
            return
        now = self.marks.of(mark)
        changed = now | refs if value else now - refs
        self._answer_marks = soon
        self.marks = self.marks._replace(**{mark: frozenset(changed)})
        self._answer_marks = True
        if self.state is not None:
            self.state.mark(mark, refs, value)
        self.save_later(SAVE_AFTER if soon else SAVE_READ_AFTER)

    def action_flag(self) -> None:
        """Flag the highlighted meeting, or clear its flag."""
        if self.highlighted < 0:
            self.notify("No meeting is highlighted.", severity="information", markup=False)
            return
        flagged = self._ref(self.highlighted) in self.marks.flagged
        self.set_marks("flagged", [self.highlighted], not flagged)

    def action_toggle_read(self) -> None:
        """Mark the highlighted meeting read, or unread again."""
        if self.highlighted < 0:
            return
        self._stop_reading()
        read = self._ref(self.highlighted) in self.marks.read
        self.set_marks("read", [self.highlighted], not read)

    def action_read_all(self) -> None:
        """Mark every meeting on the list read."""
        query = self.result_query
        if self.search_text.strip() and (query is None or query.text != self.search_text):
            self.notify("The list is not the answer to the search yet: nothing marked.", markup=False)
            return
        refs, read = self.catalog.ref_column(), self.marks.read
        unread = [row for row in self.result.rows if refs[row] not in read]
        self.set_marks("read", unread, True)
        self.notify(f"{len(unread):,} marked read.", markup=False)

    def reading(self, position: int, visible: bool) -> None:
        """The detail now shows meeting ``position``: it counts as read if it stays there, ``visible``, a moment."""
        self._stop_reading()
        if visible and position >= 0 and self._ref(position) not in self.marks.read:
            ref = self._ref(position)
            self._read_timer = self.set_timer(READ_AFTER, lambda: self._read_now(ref))

    def _stop_reading(self) -> None:
        timer = self._read_timer
        if timer is not None:
            timer.stop()
            self._read_timer = None

    def _read_now(self, ref: str) -> None:
        self._read_timer = None
        position = self.highlighted
        if 0 <= position < len(self.catalog) and self._ref(position) == ref:  # still the meeting shown
            self.set_marks("read", [position], True, soon=False)

    # ------------------------------------------------------------ writing

    def remember_view(self) -> None:
        """Keep the search and the highlighted meeting for the next start (written with the next save)."""
        if self.state is None or not self._restored_or_moved():
            return
        ref = self._ref(self.highlighted) if 0 <= self.highlighted < len(self.catalog) else ""
        self.state.remember(query=self.search_text, highlighted=ref)
        self.save_later(SAVE_READ_AFTER)  # and at the end: the view matters at the next start

    def _restored_or_moved(self) -> bool:
        # Until the last session's view is restored, what is on screen is not the user's to remember.
        return self._restored or self._user_moved

    def save_later(self, delay: float = SAVE_AFTER) -> None:
        """Write the state ``delay`` seconds from now, or sooner if a write is due sooner (changes go together)."""
        due = time.monotonic() + delay
        timer = self._save_timer
        if timer is not None:
            if self._save_due <= due:
                return  # a write is due before then: it takes this change too
            timer.stop()
        self._save_due = due
        self._save_timer = self.set_timer(delay, self._save_timer_fired)

    def _save_timer_fired(self) -> None:
        self._save_timer = None
        self.save_state()

    @work(thread=True, exclusive=True, group="state-save", exit_on_error=False)
    def save_state(self) -> None:
        """Write the changes, merged with what is on disk (off the UI thread)."""
        problem = self.save_now()
        if problem:
            self.post_message(StateNotSaved(problem))

    def save_now(self) -> str:
        """Write the changes now; why they could not be written ("" when they were, or when there were none)."""
        state = self.state
        if state is None or not state.dirty:
            return ""
        try:
            state.save()
        except (OSError, UnicodeError) as error:  # kept in memory: the next change (or the end) tries again
            return neutralise_line(f"{state.file.path}: {getattr(error, 'strerror', None) or error}")
        return ""

    def on_state_not_saved(self, message: StateNotSaved) -> None:
        """Say once that the state could not be written."""
        if message.problem != self._said:  # said once, not at every mark
            self._said = message.problem
            self.notify(f"The reader's state could not be written: {message.problem}", title="Reader state",
                        severity="warning", markup=False)  # fmt: skip
