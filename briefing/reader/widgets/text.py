"""Data as text on screen: literal content, the search's matches marked, one line where one line is due.

Every string here came from a file, so it only ever becomes
:class:`~textual.content.Content` as plain text with spans, never as markup.
"""

from __future__ import annotations

from textual.content import Content, Span
from textual.style import Style
from textual.widget import Widget

from ...query.language import Query
from ...query.matching import highlight_spans
from ...render.common import bounded, one_line

__all__ = ["Marker", "bounded", "marked", "match_style", "one_line"]

MATCH = "briefing--match"
"""The component class of the match style, one rule in reader.tcss for every widget that marks matches."""


def match_style(widget: Widget) -> Style:
    """The match style as ``widget``'s stylesheet gives it (reverse video included, which a ``.class`` span drops)."""
    return Style.from_rich_style(widget.get_component_rich_style(MATCH))


def marked(text: str, query: Query | None, style: str = "", match: Style | str = "") -> Content:
    """``text`` as literal content in ``style``, the query's matches in ``match`` (built in one pass).

    A tab becomes spaces: a terminal would jump to its next stop and draw over what follows.
    """
    text = text.replace("\t", "    ")
    spans = [Span(0, len(text), style)] if style and text else []
    if query:
        spans += [Span(start, end, match) for start, end in highlight_spans(query, text)]
    return Content(text, spans)


class Marker:
    """Marks one search's matches in text, in one widget's match style."""

    def __init__(self, query: Query | None, match: Style | str) -> None:
        self.query = query
        self.match = match

    def __call__(self, text: str, style: str = "") -> Content:
        return marked(text, self.query, style, self.match)
