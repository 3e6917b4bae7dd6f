"""The main screen's ways of handing on what is read: copy (``y``, ``Y``), export (``x``), print on exit (``P``).

:class:`Sharing` is a part of :class:`~briefing.reader.screens.main.MainScreen` (a mixin,
as :mod:`.remembering` is). The slow parts (the machine's clipboard tool, writing an
export) run in workers, in :mod:`.acting`.
"""

from __future__ import annotations

import os
from functools import partial
from typing import TYPE_CHECKING, cast

from ...archive.files import default_paths
from .acting import copy_natively, write_export
from .parts import ScreenPart

if TYPE_CHECKING:
    from ...archive.catalog import Catalog
    from ...query.language import Query
    from ...query.search import Result
    from ..app import BriefingApp
    from ..widgets.meeting_detail import Shown
    from .export_dialog import ExportChoice


class Sharing(ScreenPart):
    """Copying the meeting or the list, exporting the list, printing the last copy when the reader ends."""

    if TYPE_CHECKING:  # the main screen's own
        catalog: Catalog
        result: Result
        result_query: Query | None
        detail: Shown
        paths: list[str]
        copied: str

        def _update_detail(self) -> None: ...

    def action_copy_meeting(self) -> None:
        """Copy the highlighted meeting as Markdown, its citations as footnotes quoting the report if at hand."""
        from ...render.clip import meeting_clip

        self._update_detail()
        row = self.detail.row
        if row is None:
            self.notify("No meeting is highlighted: nothing to copy.", severity="information", markup=False)
            return
        self.copy_text("meeting", meeting_clip(row, self.detail.report))

    def action_copy_list(self) -> None:
        """Copy the visible list (the current search's result) as a Markdown list, one meeting a line."""
        from ...render.clip import list_clip

        rows = [self.catalog.row(index) for index in self.result.rows]
        query = self.result_query.text if self.result_query is not None else ""
        self.copy_text("list", list_clip(rows, query, self.catalog.total))

    def copy_text(self, what: str, text: str) -> None:
        """Send ``text`` to the terminal's clipboard (OSC 52) and to the machine's, and say how it went."""
        self.copied = text
        self.app.copy_to_clipboard(text)
        self.run_worker(partial(copy_natively, self.app, what, text), thread=True, group="copy", exit_on_error=False)

    def action_export(self) -> None:
        """Export the visible list: a dialog asks for the format and the file."""
        from .export_dialog import ExportScreen

        if not self.result.rows:
            self.notify("The list is empty: nothing to export.", severity="information", markup=False)
            return
        positions = list(self.result.rows)
        # The positions are of this catalog: a reload while the dialog is open must not change what is written.
        chosen = partial(self._export_chosen, self.catalog, positions)
        self.app.push_screen(ExportScreen(len(positions)), chosen)

    def _export_chosen(self, catalog: Catalog, positions: list[int], choice: ExportChoice | None) -> None:
        if choice is None:
            return
        folders = [path for path in (self.paths or default_paths()) if os.path.isdir(path)]
        work = partial(write_export, self.app, catalog, positions, choice, folders)
        self.run_worker(work, thread=True, group="export", exit_on_error=False)

    def action_print_on_exit(self) -> None:
        """Print the last copy to stdout when the reader ends (for a terminal whose clipboard cannot be reached)."""
        if not self.copied:
            self.notify("Nothing copied yet: y copies a meeting, Y the list.", severity="information", markup=False)
            return
        cast("BriefingApp", self.app).print_on_exit = self.copied
        self.notify("The last copy will be printed when you quit.", markup=False)
