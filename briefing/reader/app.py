"""The reader application: ``briefing`` with no command."""

from __future__ import annotations

import asyncio
import contextlib
import io
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from rich.console import Console
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from .. import pacing
from ..archive.files import DEFAULT_MAX_FILE_SIZE, PathNotFound
from ..format.model import Problem
from ..format.text import neutralise_line
from ..resources import styles_dir
from .screens.main import MainScreen
from .terminal import TerminalWatch
from .widgets.search_bar import SearchBox

ANSWER_GRACE = 0.03
"""Seconds long work waits after a key's first frame, for the hops that finish answering it (see on_event)."""
CRASHED = 1
"""Textual's return code after an unhandled exception (the reader never exits 1 on its own)."""
EXIT_INTERNAL = 70


def _briefing_commands() -> type:
    # The palette is opened seldom; its module is imported when it is.
    from .commands import BriefingCommands

    return BriefingCommands


class BriefingApp(App[None]):
    """A keyboard-first reader of briefings: meeting list, detail, search."""

    TITLE = "briefing"
    CSS_PATH = [styles_dir() / "reader.tcss"]
    COMMANDS = App.COMMANDS | {_briefing_commands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit")]
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        paths: Sequence[str] = (),
        *,
        max_size: int = DEFAULT_MAX_FILE_SIZE,
        use_cache: bool = True,
        debug: bool = False,
        query: str = "",
        config_file: Path | None = None,
        remember_themes: bool = False,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.config_file = config_file
        """The settings file to read at the start (None: none; the defaults)."""
        self.views: Mapping[str, str] = {}
        """Saved searches, by name (the settings file's ``[views]``)."""
        self.date_format = "short"
        self._settings_problems: list[Problem] = []
        if config_file is not None:
            self.apply_settings(config_file)
        self.remember_themes = remember_themes
        if remember_themes:  # the theme last chosen in the palette: the user's latest word on it
            from ..settings.state import remembered_theme

            theme = remembered_theme()
            if theme in self.available_themes:
                self.theme = theme
        self.initial_query = query
        """The search to open with (``briefing -q``)."""
        self.max_size = max_size
        self.use_cache = use_cache
        self.debug_mode = debug
        self.terminal_watch: TerminalWatch | None = None
        self.print_on_exit: str | None = None
        """Text to print to stdout once the reader has ended (a copy that may not have reached a clipboard)."""

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(
            self.paths,
            max_size=self.max_size,
            use_cache=self.use_cache,
            query=self.initial_query,
            iso_dates=self.date_format == "iso",
        )

    def on_mount(self) -> None:
        self._say_settings_problems()
        if self.remember_themes:
            self.watch(self, "theme", self._theme_chosen, init=False)
        if not self.is_headless and sys.__stdin__ is not None:
            # A signal or a hang-up ends the reader as Ctrl+Q does (the terminal restored if it is still there);
            # the status says which signal.
            self.terminal_watch = TerminalWatch(asyncio.get_running_loop(), sys.__stdin__.fileno(), self._end_with)
            self.terminal_watch.start()

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:  # (a key comes back here as it bubbles up)
            await super().on_event(event)
            return
        # The key runs alone: long work in other threads (loading a large archive) waits at its next step
        # until the key is answered (see briefing.pacing). The key goes to the focused widget's queue; a
        # callback queued there after it runs once the widget has handled it and the screen is painted.
        pacing.busy()
        target = self.focused or self.screen
        try:
            await super().on_event(event)
        finally:
            if not target.call_after_refresh(self._answered):
                pacing.idle()  # the widget is closing: nothing will call it

    def _answered(self) -> None:
        """The focused widget has handled a key and the screen is painted: the rest follows in a moment.

        A key bound to an action (``j`` on the list) is answered in a few more hops (the binding, then the
        message it posts, then the screen's handler and its frame), which no single callback follows: the
        work waits :data:`ANSWER_GRACE` more, then goes on.
        """
        self.set_timer(ANSWER_GRACE, pacing.idle)  # (should it never fire, busy ends on its own: MOST_WAIT)

    def _theme_chosen(self, theme: str) -> None:
        """Keep the theme chosen (in the palette) for the next start, in a thread (a file is written)."""
        from ..settings.state import remember_theme

        def keep() -> None:
            # Should it fail, the theme is the one thing not remembered; nothing else is hurt.
            with contextlib.suppress(OSError):
                remember_theme(theme)

        self.run_worker(keep, thread=True, group="theme", exit_on_error=False)

    def apply_settings(self, path: Path) -> None:
        """Take the settings file's theme, keys, saved searches and date format (what in it is broken is said later)."""
        from ..settings.config import load_config

        settings, self._settings_problems = load_config(path, known_themes=set(self.available_themes))
        if settings.theme:
            self.theme = settings.theme
        if settings.keys:
            self.set_keymap(dict(settings.keys))
        self.views = settings.views
        self.date_format = settings.date_format

    def _say_settings_problems(self) -> None:
        """Once, as the reader starts: what in the settings file is broken (the defaults stand for it)."""
        problems = self._settings_problems
        if problems:
            first = neutralise_line(str(problems[0]))
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            self.notify(
                f"{first}{more}. The defaults stand for what is broken; briefing config lists every problem.",
                title="Settings file",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def run_in_terminal(self, argv: list[str]) -> int | str:
        """Run ``argv`` (an editor) with the terminal handed over to it; its exit status, or why it could not run."""
        import shutil
        import subprocess

        from textual.app import SuspendNotSupported

        if not argv or shutil.which(argv[0]) is None:  # found before the screen is handed over, not after
            return f"{neutralise_line(argv[0] if argv else '')}: no such program (check $VISUAL and $EDITOR)"

        def run(stdin: int | None = None) -> int | str:
            try:
                return subprocess.run(argv, check=False, stdin=stdin).returncode
            except OSError as error:  # caught here, inside suspend(), so that the screen comes back
                return f"{neutralise_line(argv[0])}: {error.strerror or error}"

        watch = self.terminal_watch
        if watch is not None:
            watch.lent.set()
        try:
            with self.suspend():
                return run()
        except SuspendNotSupported:
            if not self.is_headless:
                return "this terminal cannot hand itself over to an editor"
            return run(stdin=subprocess.DEVNULL)  # tests and scripts: nothing to hand over
        finally:
            if watch is not None:
                watch.lent.clear()

    def _end_with(self, status: int) -> None:
        self.exit(None, status)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Show the keys and the search language", self.action_help)
        main = next((s for s in reversed(self.screen_stack) if isinstance(s, MainScreen)), None)
        if main is None:
            return
        yield SystemCommand("Copy the meeting (y)", "As Markdown, its sources as footnotes", main.action_copy_meeting)
        yield SystemCommand("Copy the list (Y)", "The visible meetings, a line each", main.action_copy_list)
        yield SystemCommand(
            "Print the last copy on exit (P)", "When the clipboard cannot be reached", main.action_print_on_exit
        )
        yield SystemCommand("Export the list (x)", "Markdown, JSON, CSV or iCalendar", main.action_export)
        yield SystemCommand("Evidence (s)", "The report behind the meeting", main.action_evidence)
        yield SystemCommand("Edit the meeting's file (E)", "In $VISUAL or $EDITOR, at its line", main.action_edit)
        yield SystemCommand("Read every file again (Ctrl+R)", "Only changed files are parsed", main.action_reload)

    def action_command_palette(self) -> None:
        """Ctrl+P: the command palette; in the search box, the previous meeting (as Ctrl+N is the next)."""
        if isinstance(self.focused, SearchBox):
            self.focused.action_move(-1)
        else:
            super().action_command_palette()

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save a screenshot where it can be saved: the downloads folder if there is one, else the current folder."""
        return super().deliver_screenshot(filename, path or str(screenshot_folder()), time_format)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed is a bug: say so without stopping the reader."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            if self.debug_mode:
                raise error
            self.notify(
                neutralise_line(f"{type(error).__name__}: {error}"),
                title="Internal error (rerun with --debug for details)",
                severity="error",
                timeout=10,
                markup=False,
            )

    def action_help(self) -> None:
        """Show the help screen."""
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def screenshot_folder() -> Path:
    """The user's downloads folder if it exists, else the current folder (else the home folder)."""
    import os

    import platformdirs

    for folder in (platformdirs.user_downloads_path(), Path.cwd(), Path.home()):
        if folder.is_dir() and os.access(folder, os.W_OK):
            return folder
    return Path.cwd()


def run_reader(
    paths: Sequence[str],
    *,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
    use_cache: bool = True,
    debug: bool = False,
    query: str = "",
    config_file: Path | None = None,
) -> tuple[int, str | None]:
    """Open the reader on ``paths``; return the exit status and, if the reader itself failed, what failed.

    A failure is 70 (the traceback on stderr with ``debug``); a signal N, 128+N.
    """
    for path in paths:
        if not Path(path).exists():
            raise PathNotFound(path)
    app = BriefingApp(
        paths,
        max_size=max_size,
        use_cache=use_cache,
        debug=debug,
        query=query,
        config_file=config_file,
        remember_themes=True,
    )
    # Textual prints the traceback of a failure when it exits: catch it, to show it only with --debug.
    captured = io.StringIO()
    app.error_console = Console(file=captured, markup=False, highlight=False, color_system=None, width=120)
    app.run()
    status = app.return_code or 0
    if app.print_on_exit and status != CRASHED:
        sys.stdout.write(app.print_on_exit)
        sys.stdout.flush()
    if status != CRASHED:
        return status, None
    report = captured.getvalue()
    if debug:
        sys.stderr.write(report)
    return EXIT_INTERNAL, _last_error_line(report)


def _last_error_line(report: str) -> str:
    """``ValueError: boom`` from the end of a traceback (or a stand-in when there is none)."""
    lines = [line.strip() for line in report.splitlines() if line.strip() and not line.startswith(("NOTE", "╰", "╭"))]
    return neutralise_line(lines[-1]) if lines else "the reader stopped unexpectedly"
