"""The help screen, made from the bindings themselves, so a key cannot be missing from it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...query.language import FIELDS
from ...resources import styles_dir

QUERY_HELP: list[tuple[str, str]] = [
    ("rub", "words starting with rub; case and accents ignored"),
    ("defense", "5+ letters also match at one edit (defence)"),
    ('"supply chain"', "these words in this order"),
    ("-wong", "leave out meetings that mention wong"),
    ("person:rubio", "in one field: " + " ".join(f"{f}:" for f in FIELDS)),
    ("date:2025-07", "or date:2025-06-01..2025-07-31"),
    ("is:flagged", "flagged with *; is:unread, is:read (m)"),
    ("↳ ★ •", "on the list: matches only through its briefing; flagged; not read yet"),
]


KEY_LABELS = {
    "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End", "enter": "Enter", "escape": "Esc",
    "tab": "Tab", "shift+tab": "Shift+Tab", "space": "Space", "down": "↓", "up": "↑", "left": "←", "right": "→",
    "slash": "/", "question_mark": "?", "less_than_sign": "<", "greater_than_sign": ">", "asterisk": "*",
    "left_square_bracket": "[", "right_square_bracket": "]",
}  # fmt: skip


def key_label(key: str) -> str:
    """How a key is written in the help: ``PgDn``, ``Ctrl+Q``, ``/``, ``j``."""
    if key in KEY_LABELS:
        return KEY_LABELS[key]
    if key.startswith(("ctrl+", "shift+", "alt+")):
        *mods, last = key.split("+")
        final = last.upper() if len(last) == 1 else key_label(last)
        return "+".join([*(mod.capitalize() for mod in mods), final])
    return key


def sections(app: App[object]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, [(keys, what they do)]) for every part of the reader, from the bindings of each."""
    from ..widgets.counts_panel import CountsPanel
    from ..widgets.document import DocumentView
    from ..widgets.evidence_view import EvidenceView
    from ..widgets.meeting_list import MeetingList
    from ..widgets.search_bar import SearchBox
    from .main import MainScreen

    parts: list[tuple[str, Iterable[BindingType]]] = [
        ("Meeting list", MeetingList.BINDINGS),
        ("Meeting detail", DocumentView.BINDINGS),
        ("Evidence (s: the report behind the meeting)", EvidenceView.BINDINGS),
        ("Search box", SearchBox.BINDINGS),
        ("Counts (f facets, t timeline)", CountsPanel.BINDINGS),
        ("Everywhere", [*MainScreen.BINDINGS, *type(app).BINDINGS]),
    ]
    out = []
    for title, bindings in parts:
        rows: list[tuple[str, str]] = []
        for binding in bindings:
            if not isinstance(binding, Binding) or binding.action == "submit_search":  # the box's Enter, below
                continue
            keys = " ".join(key_label(key.strip()) for key in binding.key.split(","))
            rows.append((keys, binding.description))
        if title == "Meeting detail":
            rows += [("Enter", "On a fact: the paragraphs it cites; on a link: every meeting sharing it")]
        if title.startswith("Evidence"):
            rows += [("Tab Shift+Tab", "In the detail: the next fact, its paragraphs marked")]
        if title.startswith("Counts"):
            rows += [("Enter", "Add the line's query to the search"), ("Esc f t", "Close")]
        if title == "Search box":
            rows += [("Ctrl+P", "Previous meeting"), ("Enter", "To the list")]
        if title == "Everywhere":
            rows += [("Ctrl+P", "Command palette: meetings, people, themes"), ("Tab Shift+Tab", "Next / previous pane")]
        out.append((title, rows))
    return out


def _table(rows: list[tuple[str, str]]) -> Content:
    width = max(len(key) for key, _ in rows) + 2
    return Content("\n").join(Content.assemble((f"  {key:<{width}}", "bold $accent"), text) for key, text in rows)


class HelpScreen(ModalScreen[None]):
    """Keys and the search language; it scrolls, and Esc to close stays in view."""

    CSS_PATH = [styles_dir() / "dialogs.tcss"]  # read when the first dialog opens

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            with VerticalScroll(id="help-body"):
                for title, rows in sections(self.app):
                    yield Static(Content.styled(title, "bold"), classes="help-heading")
                    yield Static(_table(rows), classes="help-table")
                yield Static(Content.styled("Search", "bold"), classes="help-heading")
                yield Static(_table(QUERY_HELP), classes="help-table")
            yield Static(Content.styled("↑↓ PgUp PgDn scroll · Esc to close", "italic"), id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
