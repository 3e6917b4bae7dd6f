"""The reader application: ``briefing`` with no command."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..loader import DEFAULT_MAX_FILE_SIZE, PathNotFound
from ..resources import styles_dir
from .commands import BriefingCommands
from .screens.help import HelpScreen
from .screens.main import MainScreen


class BriefingApp(App[None]):
    """A keyboard-first reader of briefings: meeting list, detail, search."""

    TITLE = "briefing"
    CSS_PATH = [styles_dir() / "reader.tcss"]
    COMMANDS = App.COMMANDS | {BriefingCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        paths: Sequence[str] = (),
        *,
        max_size: int = DEFAULT_MAX_FILE_SIZE,
        use_cache: bool = True,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.max_size = max_size
        self.use_cache = use_cache

    def get_default_screen(self) -> Screen:
        return MainScreen(self.paths, max_size=self.max_size, use_cache=self.use_cache)

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Show the keys and the search language", self.action_help)

    def action_help(self) -> None:
        """Show the help screen."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def run_reader(paths: Sequence[str], *, max_size: int = DEFAULT_MAX_FILE_SIZE, use_cache: bool = True) -> int:
    """Open the reader on ``paths``; return the exit status."""
    for path in paths:
        if not Path(path).exists():
            raise PathNotFound(path)
    BriefingApp(paths, max_size=max_size, use_cache=use_cache).run()
    return 0
