"""The search bar: the search box and, below it, why a search cannot be read.

The box is made just after the first frame (a hidden Input would cost that
frame for nothing) and shown by ``/``. While typing, ↑ ↓ (and Ctrl+N, Ctrl+P)
move through the list without leaving the box, as in fzf. The screen owns the
search text: it watches the box's value and hears ``Input.Submitted``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widgets import Input, Static

HINT = 'Search: words, "phrase", -not, person: country: topic: tag: date:   (↑↓ move, Enter to the list)'
ERROR_DELAY = 0.6  # seconds of no typing before a search that cannot be read says why ("date:2" is a year being typed)


class SearchBox(Input):
    """The search box: typing filters; the arrow keys move through the list meanwhile.

    In an empty box (as in a shell), ↑ recalls the searches run before, the latest first, and ↓ comes back.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,ctrl+n", "move(1)", "Next meeting", show=False, id="search.down"),
        Binding("up", "move(-1)", "Previous meeting", show=False, id="search.up"),
    ]

    class Step(Message):
        """Move the list's highlight by ``by`` while the box keeps the focus."""

        def __init__(self, by: int) -> None:
            super().__init__()
            self.by = by

    # An Input's virtual width is its text's, so every key would lay out the whole screen, and a layout
    # redraws the list's scrollbar a frame after the list: the box needs no layout to scroll its text.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    history: list[str]
    """Searches run before (Enter), the oldest first."""
    _recalled = -1  # how far back ↑ has gone (-1: not recalling); only while the box holds what it recalled

    def action_move(self, by: int) -> None:
        """↑ in an empty box (or on a search it recalled): the history; else, ask the screen to move the highlight."""
        history = getattr(self, "history", [])
        recalling = self._recalled >= 0 and self.value == history[-1 - self._recalled]
        if history and (recalling or (by < 0 and not self.value)):
            back = (self._recalled if recalling else -1) - by
            if back < 0:  # ↓ past the latest: the empty box again
                self._recalled = -1
                self.value = ""
                return
            self._recalled = min(back, len(history) - 1)
            self.value = history[-1 - self._recalled]
            self.cursor_position = len(self.value)
            return
        self._recalled = -1
        self.post_message(self.Step(by))


class SearchBar(Vertical):
    """The search box (made after the first frame) and the reason a search cannot be read."""

    DEFAULT_CSS = """
    SearchBar { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._error_timer: Timer | None = None
        self._pending_error: str | None = None
        self.history: list[str] = []
        """Searches run before, the oldest first (the box's ↑ recalls them)."""

    def compose(self) -> ComposeResult:
        error = Static(id="search-error")
        error.display = False
        yield error

    def on_mount(self) -> None:
        self.call_after_refresh(self.make_box)

    def make_box(self) -> SearchBox:
        """The search box, made (hidden) if it has not been yet."""
        box = self.box
        if box is None:
            box = SearchBox(placeholder=HINT, id="search")
            box.history = self.history
            box.display = False
            self.mount(box, before=0)
        return box

    @property
    def box(self) -> SearchBox | None:
        """The search box, if it has been made."""
        return self.query_one_optional("#search", SearchBox)

    @property
    def typing(self) -> bool:
        """Is the user typing in the search box?"""
        box = self.box
        return box is not None and box.display and box.has_focus

    def open(self, value: str | None = None) -> SearchBox:
        """Show the search box (making it if need be), with ``value`` in it if given, and focus it."""
        box = self.make_box()
        box.display = True
        if value is not None:
            box.value = value
            box.cursor_position = len(value)
        self.screen.set_focus(box)  # at once: a key typed right after / goes into the box (Widget.focus waits)
        return box

    def remember(self, search: str) -> None:
        """A search the user ran: the latest in the history (once)."""
        if search in self.history:
            self.history.remove(search)
        self.history.append(search)

    def set_history(self, searches: Iterable[str]) -> None:
        """The searches of sessions before (the oldest first), before those of this one."""
        ran = [search for search in self.history if search not in searches]
        self.history[:] = [*searches, *ran]

    def close(self) -> None:
        """Empty and hide the search box (the screen then hears an empty search)."""
        box = self.box
        if box is not None:
            box.value = ""
            box.display = False
        self.error_later(None)

    def error_later(self, message: str | None) -> None:
        """Say why the search cannot be read once typing pauses (None: it can be read).

        Whatever was said of the text before this key is taken away at once.
        """
        if self._error_timer is not None:
            self._error_timer.stop()
            self._error_timer = None
        self._pending_error = message
        self.query_one("#search-error").display = False
        if message is not None:
            self._error_timer = self.set_timer(ERROR_DELAY, self.error_now)

    def error_now(self) -> None:
        """Say now why the search cannot be read, if it cannot (on Enter, or when typing pauses)."""
        message = self._pending_error
        self.error_later(None)
        if message is not None:
            error = self.query_one("#search-error", Static)
            error.update(Content(message))
            error.display = True

    @property
    def error_shown(self) -> str | None:
        """The reason shown under the box, if one is."""
        error = self.query_one("#search-error", Static)
        return str(error.render()) if error.display else None
