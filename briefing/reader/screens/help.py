"""The help screen: every key the reader answers to (a test keeps it in step with the bindings)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, str]] = [
    ("↑ ↓ j k", "move through the meetings"),
    ("g G Home End", "first / last meeting"),
    ("PgUp PgDn", "a screenful up / down"),
    ("Enter", "read the meeting (focus the detail)"),
    ("Tab Shift+Tab", "between list, detail and search box"),
    ("/", "search; the list filters as you type"),
    ("n N", "next / previous matching meeting"),
    ("Esc", "clear the search, keep the meeting"),
    ("Enter on Related", "meetings sharing a person, place…"),
    ("e", "load errors and warnings"),
    ("Ctrl+P", "palette: meetings, people, themes"),
    ("?", "this help"),
    ("q Ctrl+Q", "quit"),
]

QUERY_HELP: list[tuple[str, str]] = [
    ("rub", "words starting with rub; no case, accents"),
    ("defense", "5+ letters match at one edit too"),
    ('"supply chains"', "the exact phrase"),
    ("-wong", "leave out meetings with wong"),
    ("person: country:", "one field: person:rubio"),
    ("topic: outcome:", "topic:energy outcome:agree"),
    ("place: kind:", "place:pentagon kind:bilateral"),
    ("date:2025-07", "or 2025-06-01..2025-07-31"),
]


def _table(rows: list[tuple[str, str]]) -> Content:
    width = max(len(key) for key, _ in rows) + 2
    return Content("\n").join(Content.assemble((f"  {key:<{width}}", "bold $accent"), text) for key, text in rows)


class HelpScreen(ModalScreen[None]):
    """Keys and the search language."""

    BINDINGS: list[BindingType] = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(Content.styled("Keys", "bold $secondary"))
            yield Static(_table(KEYS))
            yield Static(Content.styled("Search", "bold $secondary"), classes="help-heading")
            yield Static(_table(QUERY_HELP))
            yield Static(Content.styled("Esc to close", "$text-muted"), classes="help-heading")
