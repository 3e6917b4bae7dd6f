"""The reader application: ``briefing`` with no command."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ..loader import DEFAULT_MAX_FILE_SIZE, PathNotFound
from ..resources import styles_dir
from ..text import neutralise_line
from .screens.main import MainScreen


def _briefing_commands() -> type:
    # The palette is opened seldom; its module is imported when it is.
    from .commands import BriefingCommands

    return BriefingCommands


class BriefingApp(App[None]):
    """A keyboard-first reader of briefings: meeting list, detail, search."""

    TITLE = "briefing"
    CSS_PATH = [styles_dir() / "reader.tcss"]
    COMMANDS = App.COMMANDS | {_briefing_commands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        paths: Sequence[str] = (),
        *,
        max_size: int = DEFAULT_MAX_FILE_SIZE,
        use_cache: bool = True,
        debug: bool = False,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.max_size = max_size
        self.use_cache = use_cache
        self.show_tracebacks = debug
        self.crash: BaseException | None = None

    def get_default_screen(self) -> Screen:
        return MainScreen(self.paths, max_size=self.max_size, use_cache=self.use_cache)

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Show the keys and the search language", self.action_help)

    def _handle_exception(self, error: Exception) -> None:
        # Remember the failure so run_reader can report it in one line;
        # Textual's own traceback is shown only with --debug.
        self.crash = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        if self.show_tracebacks:
            super()._fatal_error()
        else:
            self._close_messages_no_wait()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed is a bug: say so without stopping the reader."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(
                Content(neutralise_line(f"{type(error).__name__}: {error}")),
                title="Internal error (rerun with --debug for details)",
                severity="error",
                timeout=10,
            )
            if self.show_tracebacks:
                raise error

    def action_help(self) -> None:
        """Show the help screen."""
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def run_reader(
    paths: Sequence[str], *, max_size: int = DEFAULT_MAX_FILE_SIZE, use_cache: bool = True, debug: bool = False
) -> int:
    """Open the reader on ``paths``; return the exit status (70 if the reader itself failed)."""
    for path in paths:
        if not Path(path).exists():
            raise PathNotFound(path)
    app = BriefingApp(paths, max_size=max_size, use_cache=use_cache, debug=debug)
    app.run()
    if app.crash is not None and not debug:
        error = app.crash
        print(f"briefing: internal error: {neutralise_line(f'{type(error).__name__}: {error}')}", file=sys.stderr)
        print("briefing: this is a bug; rerun with --debug (or BRIEFING_DEBUG=1) for details", file=sys.stderr)
        return 70
    return 0
