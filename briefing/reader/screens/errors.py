"""The list of load errors and warnings, one ``FILE:LINE:COLUMN: message`` each; Enter opens it in the editor."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...format.model import Problem, tally
from ...render.common import plural
from ...resources import styles_dir


class ErrorsScreen(ModalScreen[tuple[str, Problem] | None]):
    """Every problem found while loading, errors first; Enter returns ("edit", it), ``g`` ("show", it)."""

    CSS_PATH = [styles_dir() / "dialogs.tcss"]  # read when the first dialog opens

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,e", "close", "Close", id="errors.close"),
        Binding("g", "show", "Go to the meeting", id="errors.show"),
    ]

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = sorted(problems, key=lambda p: (not p.is_error, p.path, p.line, p.column))

    def compose(self) -> ComposeResult:
        errors, warnings = tally(self.problems)
        with Vertical(id="errors-dialog"):
            title = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
            yield Static(Content.styled(title, "bold"), id="errors-title")
            if self.problems:
                yield OptionList(
                    *(
                        Option(Content.styled(str(p), "$text-error" if p.is_error else "$text-warning"), id=str(n))
                        for n, p in enumerate(self.problems)
                    ),
                    id="errors-list",
                )
                hint = "Enter: open the file in the editor at this line · g: go to the meeting · Esc to close"
            else:
                yield Static("Every file loaded without a problem.", id="errors-none")
                hint = "Esc to close"
            yield Static(hint, id="errors-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(("edit", self.problems[int(event.option.id)]))

    def action_show(self) -> None:
        """Close the list and highlight the meeting the highlighted problem is about."""
        listing = self.query(OptionList)
        highlighted = listing.first().highlighted if listing else None
        if highlighted is not None:
            self.dismiss(("show", self.problems[highlighted]))

    def action_close(self) -> None:
        """Close the list."""
        self.dismiss(None)
