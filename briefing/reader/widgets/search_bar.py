"""The search bar: the search box and, below it, why a search cannot be read.

The box is made the first time it is opened (a hidden Input would cost the
reader's first frame for nothing). The screen owns the search text: it hears
the box's ``Input.Changed`` and ``Input.Submitted`` as they bubble up.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static

HINT = 'Search: words, "phrase", -not, person: country: topic: date:'
ERROR_DELAY = 0.6  # seconds of no typing before a search that cannot be read says why ("date:2" is a year being typed)


class SearchBar(Vertical):
    """The search box (made on first use) and the reason a search cannot be read."""

    DEFAULT_CSS = """
    SearchBar { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._error_timer: Timer | None = None
        self._pending_error: str | None = None

    def compose(self) -> ComposeResult:
        error = Static(id="search-error")
        error.display = False
        yield error

    @property
    def box(self) -> Input | None:
        """The search box, if it has been made."""
        for box in self.query("#search").results(Input):
            return box
        return None

    @property
    def typing(self) -> bool:
        """Is the user typing in the search box?"""
        box = self.box
        return box is not None and box.display and box.has_focus

    def open(self) -> Input:
        """Show the search box (making it the first time) and return it."""
        box = self.box
        if box is None:
            box = Input(placeholder=HINT, id="search")
            self.mount(box, before=0)
        box.display = True
        return box

    def close(self) -> None:
        """Empty and hide the search box (the screen then hears an empty search)."""
        box = self.box
        if box is not None:
            box.value = ""
            box.display = False

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
