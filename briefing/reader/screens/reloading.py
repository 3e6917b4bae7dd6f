"""The main screen's ways of reading the archive again: live as files change, on Ctrl+R, after the editor (``E``).

:class:`Reloading` is a part of :class:`~briefing.reader.screens.main.MainScreen` (a mixin,
as :mod:`.remembering` is: its message handlers are found by their names). A file being
edited stands in as it was last read whole while it is broken; a cache that does not
match its files is forgotten and every file read afresh. The list pane's title counts
the problems while there are any; the error list (``e``) leads to a problem's meeting,
or opens the editor at it.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, cast

from textual.content import Content

from ...archive.catalog import CacheMismatch
from ...archive.files import default_paths
from ...format.model import tally
from ...format.text import neutralise_line
from ...render.common import plural
from ..messages import FilesChanged
from .parts import ScreenPart

if TYPE_CHECKING:
    from ...archive.catalog import Catalog
    from ...format.model import Briefing, Problem
    from ..app import BriefingApp
    from ..watching import FileWatch
    from ..widgets.meeting_detail import Shown


class Reloading(ScreenPart):
    """Reading again (live, asked for, after an edit) and going from a problem to its meeting or its line."""

    if TYPE_CHECKING:  # the main screen's own
        catalog: Catalog
        paths: list[str]
        problems: tuple[Problem, ...]
        highlighted: int
        _watch: FileWatch | None
        _reload_note: str | None
        _last_good: dict[str, tuple[Briefing, ...]]
        _user_moved: bool
        detail: Shown

        def load(self) -> Any: ...  # a worker
        def show_meeting(self, index: int) -> None: ...

    def _start_watching(self) -> None:
        if self._watch is None:
            from ..watching import FileWatch  # once the first load is in: nothing of it is needed to start

            self._watch = FileWatch(
                self.paths or default_paths(), lambda changes: self.post_message(FilesChanged(changes))
            )
            self._watch.start()

    def on_files_changed(self, message: FilesChanged) -> None:
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

    def _cache_mismatch(self) -> None:
        """The cache listed a meeting its file does not hold: forget it and read every file afresh."""
        from ...archive.cache import cache_paths, forget

        self.notify("The cache did not match the files; reading them again.", severity="warning", markup=False)
        forget(cache_paths(self.paths or default_paths()))
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

    # ---------------------------------------------------------- problems

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
