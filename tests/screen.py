"""What the reader shows, read through Textual's public API (for assertions and the render oracle)."""

from __future__ import annotations

from textual.app import App
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


def visible_widgets(app: App[object]) -> list[Widget]:
    """Every widget of the current screen that is on screen, the screen included."""
    screen = app.screen
    widgets: list[Widget] = [screen]
    widgets += [w for w in screen.walk_children(Widget) if w.display and w.visible and w.region.area]
    return widgets


def screen_strips(app: App[object]) -> list[Strip]:
    """The rendered lines of every visible widget (each widget's own lines: borders, titles, text)."""
    strips: list[Strip] = []
    for widget in visible_widgets(app):
        width, height = widget.outer_size
        if width and height:
            strips += widget.render_lines(Region(0, 0, width, height))
    return strips


def screen_text(app: App[object]) -> str:
    """The plain text of :func:`screen_strips`, a line each."""
    return "\n".join(strip.text for strip in screen_strips(app))
