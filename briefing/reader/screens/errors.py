"""The list of load errors and warnings, one ``FILE:LINE:COLUMN: message`` each; Enter goes to the meeting."""

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


class ErrorsScreen(ModalScreen[Problem | None]):
    """Every problem found while loading, errors first; choosing one returns it (the screen shows its meeting)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,e", "close", "Close", id="errors.close")]

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
                hint = "Enter: go to the meeting · Esc to close"
            else:
                yield Static("Every file loaded without a problem.", id="errors-none")
                hint = "Esc to close"
            yield Static(hint, id="errors-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.problems[int(event.option.id)])

    def action_close(self) -> None:
        """Close the list."""
        self.dismiss(None)
