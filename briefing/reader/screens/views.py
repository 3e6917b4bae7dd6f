"""``v``: the saved searches of the settings file (``[views]``); Enter puts one in the search box."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...format.text import neutralise_line
from ...resources import styles_dir

NAME_WIDTH = 24


class ViewsScreen(ModalScreen[str | None]):
    """Every saved search, by name; closes with the query chosen (None: Esc)."""

    CSS_PATH = [styles_dir() / "dialogs.tcss"]  # read when the first dialog opens

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,v", "close", "Close", id="views.close")]

    def __init__(self, views: Mapping[str, str]) -> None:
        super().__init__()
        self.views = sorted(views.items(), key=lambda item: item[0].casefold())

    def compose(self) -> ComposeResult:
        with Vertical(id="views-dialog"):
            yield Static(Content.styled("Saved searches", "bold"), id="views-title")
            width = min(NAME_WIDTH, max(len(neutralise_line(name)) for name, _ in self.views))
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            (f"{neutralise_line(name)[:width]:<{width}}", "bold"), "  ", neutralise_line(query)
                        )
                    )
                    for name, query in self.views
                ),
                id="views-list",
            )
            yield Static("Enter: put it in the search box · Esc: close", id="views-hint", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.views[event.option_index][1])

    def action_close(self) -> None:
        """Close without searching."""
        self.dismiss(None)
