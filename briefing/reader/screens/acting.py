"""What the main screen hands off when the user acts on what they read: copying (and, in time, exporting)."""

from __future__ import annotations

from textual.app import App

from .. import clipboard


def copy_natively(app: App[None], what: str, text: str) -> None:
    """In a worker: give ``text`` to the machine's clipboard tool too, then say which routes were taken."""
    tool = clipboard.native_tool()
    worked = tool is not None and clipboard.copy_with_tool(tool, text)
    line, sure = clipboard.routes_line(what, text, tool, worked)
    app.call_from_thread(app.notify, line, severity="information" if sure else "warning", timeout=6, markup=False)
