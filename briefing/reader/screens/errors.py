"""The list of load errors and warnings, one ``FILE:LINE:COLUMN: message`` each."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...model import Problem
from ...render.common import plural


class ErrorsScreen(ModalScreen[None]):
    """Every problem found while loading, errors first."""

    BINDINGS: list[BindingType] = [Binding("escape,q,e", "dismiss", "Close")]

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = sorted(problems, key=lambda p: (not p.is_error, p.path, p.line, p.column))

    def compose(self) -> ComposeResult:
        errors = sum(p.is_error for p in self.problems)
        with Vertical(id="errors-dialog"):
            title = f"{plural(errors, 'error')}, {plural(len(self.problems) - errors, 'warning')}"
            yield Static(Content.styled(title, "bold"), id="errors-title")
            if self.problems:
                yield OptionList(
                    *(
                        Option(Content.styled(str(p), "$text-error" if p.is_error else "$text-warning"))
                        for p in self.problems
                    ),
                    id="errors-list",
                )
            else:
                yield Static("Every file loaded without a problem.", id="errors-none")
            yield Static("Esc to close", id="errors-hint")
