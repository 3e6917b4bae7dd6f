"""The main screen's panes: which of them show, and how much room the list gets.

:class:`Arranging` is a part of :class:`~briefing.reader.screens.main.MainScreen` (a mixin,
as :mod:`.sharing` is): ``z`` shows the focused pane alone, ``<`` and ``>`` narrow and
widen the list, and under :data:`NARROW` cells the panes stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..widgets.counts_panel import CountsPanel
from .parts import ScreenPart

if TYPE_CHECKING:
    from ..widgets.evidence_view import Evidence

NARROW = 100  # cells: below this the list sits above the detail
LIST_WIDTHS = (30, 100, 5)  # the list pane's share of the width, in percent: least, most, step


class Arranging(ScreenPart):
    """Zoom, the list's share of the screen, and the panes shown for the evidence and the counts."""

    if TYPE_CHECKING:  # the main screen's own
        zoomed: str
        list_width: int
        evidence: Evidence | None
        counts_mode: str

    def on_resize(self) -> None:
        self.query_one("#panes").set_class(self.size.width < NARROW, "-narrow")
        self._layout_panes()

    def action_zoom(self) -> None:
        """Show the focused pane alone, or both again."""
        focused = self.focused
        right = focused is not None and (focused.id == "detail" or self.query_one(CountsPanel).has_focus_within)
        pane = "detail" if right else "list"
        self.zoomed = "" if self.zoomed else pane

    def watch_zoomed(self) -> None:
        self._layout_panes()

    def action_resize_list(self, step: int) -> None:
        """Give the list pane more (``step`` 1) or less (-1) of the screen."""
        low, high, by = LIST_WIDTHS
        self.list_width = max(low, min(high - by, self.list_width + step * by))

    def watch_list_width(self) -> None:
        self._layout_panes()

    def _layout_panes(self) -> None:
        """Which panes show, and the list pane's size: its share of the width (of the height, when stacked).

        Set on the widgets' own styles rather than by a class on the panes: a class would restyle every
        widget below them, which costs a frame on its own.
        """
        pane, detail, evidence = self.query_one("#list-pane"), self.query_one("#detail"), self.query_one("#evidence")
        narrow = self.size.width < NARROW
        checking = self.evidence is not None
        pane.display = not checking and self.zoomed != "detail"  # the list gives way to the evidence
        detail.display = self.zoomed != "list" and not (checking and narrow) and not self.counts_mode
        self.query_one(CountsPanel).display = bool(self.counts_mode) and self.zoomed != "list"
        evidence.display = checking
        evidence.styles.width = "100%" if narrow else "55%"
        share = "100%" if self.zoomed == "list" else f"{self.list_width}%"
        if narrow:
            pane.styles.width, pane.styles.height = "100%", "1fr" if self.zoomed == "list" else share
        else:
            pane.styles.width, pane.styles.height = share, "1fr"
