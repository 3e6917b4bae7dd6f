"""``x``: export the visible list. A small dialog asks for the format and the file; the screen writes it."""

from __future__ import annotations

import os
from datetime import date
from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...render.export import FORMATS, SUFFIXES
from ...resources import styles_dir

LABELS = {
    "markdown": "Markdown: what summary --format markdown prints",
    "json": "JSON: the full records, as summary --format json",
    "csv": "CSV: a row per meeting, for a spreadsheet",
    "ics": "iCalendar: an all-day event per dated meeting",
}


class ExportChoice(NamedTuple):
    """What the user chose: the format and the file to write."""

    form: str
    path: str


def default_name(form: str, today: date | None = None, folder: str | None = None) -> str:
    """``./briefing-2026-12-01.csv``: in the current folder, dated, not yet taken (``-2``, ``-3``… if it is)."""
    stem = f"briefing-{(today or date.today()).isoformat()}"
    folder = folder if folder is not None else os.curdir
    name = os.path.join(folder, stem + SUFFIXES[form])
    number = 2
    while os.path.lexists(name):  # a broken link is a name taken too
        name = os.path.join(folder, f"{stem}-{number}{SUFFIXES[form]}")
        number += 1
    return name


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Choose a format (↑ ↓), edit the file name, Enter to write; Esc to cancel."""

    CSS_PATH = [styles_dir() / "dialogs.tcss"]  # read when the first dialog opens

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, meetings: int) -> None:
        super().__init__()
        self.meetings = meetings
        self._form = "markdown"
        self._named = False  # the user edited the file name: a change of format no longer replaces it

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            count = f"{self.meetings:,} meeting{'s' if self.meetings != 1 else ''}"
            yield Static(Content.styled(f"Export the list ({count})", "bold"), id="export-title")
            yield OptionList(*(Option(LABELS[form], id=form) for form in FORMATS), id="export-format")
            yield Input(default_name(self._form), id="export-file", select_on_focus=False)
            yield Static("↑ ↓ format · Tab: the file name · Enter writes it · Esc cancels", id="export-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    @on(OptionList.OptionHighlighted, "#export-format")
    def _format_changed(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is None:
            return
        self._form = event.option.id
        box = self.query_one("#export-file", Input)
        with box.prevent(Input.Changed):
            if not self._named:
                box.value = default_name(self._form)
            elif box.value.endswith(tuple(SUFFIXES.values())):
                box.value = os.path.splitext(box.value)[0] + SUFFIXES[self._form]
            box.cursor_position = len(box.value)  # typing goes on at the end of the name

    @on(Input.Changed, "#export-file")
    def _named_by_hand(self) -> None:
        self._named = True

    @on(OptionList.OptionSelected, "#export-format")
    def _format_chosen(self) -> None:
        self._write(self.query_one("#export-file", Input).value)

    @on(Input.Submitted, "#export-file")
    def _submitted(self, event: Input.Submitted) -> None:
        self._write(event.value)

    def _write(self, value: str) -> None:
        path = value.strip()
        if not path:
            self.notify("Give a file name to write.", severity="warning", markup=False)
            return
        self.dismiss(ExportChoice(self._form, os.path.expanduser(path)))

    def action_cancel(self) -> None:
        """Close without writing anything."""
        self.dismiss(None)
