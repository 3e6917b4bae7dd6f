"""What the main screen needs to show evidence: which paragraphs a fact cites, and a source's web page.

Plain functions of the model, so the screen's handlers stay short and the
rules can be tested without a screen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from textual.app import App

from ...archive.reports import Report, Unavailable, cited
from ...format.model import Meeting, Outcome, Participant, Row, Topic
from ...format.text import neutralise_line
from ...query.language import Query
from ...render.common import one_line
from ..widgets.evidence_view import Evidence
from ..widgets.meeting_detail import Fact

WEB_SCHEMES = ("http://", "https://")


def fact_refs(meeting: Meeting, fact: Fact | None) -> tuple[tuple[int, ...], str]:
    """The paragraphs ``fact`` cites (every paragraph the meeting cites, for None) and how to name whose they are."""
    if fact is None:
        return cited(meeting), "the meeting"
    records: dict[str, Sequence[Participant | Topic | Outcome]] = {
        "participant": meeting.participants,
        "topic": meeting.topics,
        "outcome": meeting.outcomes,
    }
    chosen = records.get(fact.kind, ())
    if not 0 <= fact.number < len(chosen):
        return cited(meeting), "the meeting"
    record = chosen[fact.number]
    name = getattr(record, "name", "") or getattr(record, "text", "") or getattr(record, "role", "")
    label = one_line(name) or "(not named)"
    if len(label) > 60:
        label = label[:59].rstrip() + "…"
    return tuple(sorted(set(record.refs))), f"{fact.kind} “{label}”"


def evidence_for(row: Row, report: Report | Unavailable | None, fact: Fact | None, query: Query | None) -> Evidence:
    """What the evidence view shows for ``row``'s meeting, checking ``fact`` (None: the whole meeting)."""
    focus, what = fact_refs(row.meeting, fact)
    return Evidence(one_line(row.meeting.title)[:200], report, cited(row.meeting), focus, what, query)


def web_address(url: str) -> str | None:
    """``url`` if a browser may be sent there (http or https, one line), else None."""
    url = url.strip()
    if not url.lower().startswith(WEB_SCHEMES) or any(ch.isspace() or ord(ch) < 32 or ch == "\x7f" for ch in url):
        return None
    return url


def has_display() -> bool:
    """Whether a graphical browser could open here (macOS, Windows, or an X or Wayland display)."""
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_in_browser(app: App[None], url: str) -> None:
    """Hand ``url`` to the user's browser (it may take a while to start, so off the UI thread)."""
    import webbrowser

    shown = neutralise_line(url)[:100]
    if not has_display():
        # With no display, webbrowser would run a text browser (lynx, w3m) in the terminal the reader holds.
        app.call_from_thread(
            app.notify, f"No graphical browser here (no display). The URL: {shown}", severity="warning", markup=False
        )
        return
    try:
        opened = webbrowser.open(url)
    except (webbrowser.Error, OSError):  # a broken browser setting is the user's to fix: say so, do not crash
        opened = False
    if opened:
        app.call_from_thread(app.notify, f"Opened in the browser: {shown}", markup=False)
    else:
        app.call_from_thread(
            app.notify, f"No web browser could be started. The URL: {shown}", severity="warning", markup=False
        )
