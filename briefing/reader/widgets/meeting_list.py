"""The meeting list: one line-based widget that draws only the rows on screen.

A widget per row (``ListView``) or an ``OptionList`` that measures every
option costs seconds or tens of milliseconds at 50,000 meetings; this draws
the visible rows from a list of indices, so filtering swaps one list and a
cursor move repaints two lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...catalog import Catalog
from ...model import Row
from ...query import Query, highlight_spans

DATE_WIDTH = 15


class MeetingList(ScrollView, can_focus=True):
    """Every visible meeting on one line: date, title, who took part, briefing."""

    BINDINGS: list[BindingType] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Read", show=False),
    ]

    COMPONENT_CLASSES = {
        "meeting-list--date",
        "meeting-list--people",
        "meeting-list--briefing",
        "meeting-list--cursor",
        "meeting-list--match",
    }

    DEFAULT_CSS = """
    MeetingList { overflow-x: hidden; }
    """

    catalog: var[Catalog] = var(lambda: Catalog([], [], []), always_update=True)
    """Every meeting loaded (the screen's state)."""
    shown: var[Sequence[int]] = var(list, always_update=True)
    """Indices into ``catalog`` of the meetings on the list, in order."""
    search_query: var[Query | None] = var(None)
    """The search, for highlighting matches."""
    cursor: var[int] = var(-1)
    """Position in ``shown`` of the highlighted meeting, -1 for none."""

    @dataclass
    class Highlighted(Message):
        """The highlighted meeting changed (``row`` is None when the list is empty)."""

        meeting_list: MeetingList
        row: Row | None

        @property
        def control(self) -> MeetingList:
            """The list that posted the message."""
            return self.meeting_list

    @dataclass
    class Selected(Message):
        """The user chose a meeting (Enter or a click) to read in detail."""

        meeting_list: MeetingList
        row: Row

        @property
        def control(self) -> MeetingList:
            """The list that posted the message."""
            return self.meeting_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._line_cache: LRUCache[tuple[int, int, bool], Strip] = LRUCache(512)

    # ------------------------------------------------------------- state

    @property
    def current_index(self) -> int:
        """Index into the catalog of the highlighted meeting, -1 for none."""
        if 0 <= self.cursor < len(self.shown):
            return self.shown[self.cursor]
        return -1

    @property
    def current(self) -> Row | None:
        """The highlighted meeting's full record, if any."""
        index = self.current_index
        return self.catalog.row(index) if index >= 0 else None

    def show(self, catalog: Catalog, shown: Sequence[int], query: Query | None) -> None:
        """Show the ``shown`` meetings of ``catalog``, keeping the highlighted one if it is still there."""
        old = self.current_index
        kept = self.catalog.entries[old] if old >= 0 else None
        same = catalog is self.catalog
        self.set_reactive(MeetingList.catalog, catalog)
        self.set_reactive(MeetingList.search_query, query)
        self.set_reactive(MeetingList.shown, shown)
        self._line_cache.clear()
        position = -1
        if kept is not None:
            index = old if same else catalog.position_of(kept)
            if index >= 0:
                try:
                    position = shown.index(index)  # C-speed scan of a list, O(1) for a range
                except ValueError:
                    position = -1
        if position < 0 and shown:
            position = 0
        self.set_reactive(MeetingList.cursor, position)
        self.virtual_size = Size(self.size.width, len(shown))
        self._scroll_to_cursor(center=True)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_position(old)
        self._refresh_position(new)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.current))

    def watch_search_query(self) -> None:
        self._line_cache.clear()
        self.refresh()

    def _refresh_position(self, position: int) -> None:
        if position >= 0:
            self.refresh(Region(0, position - self.scroll_offset.y, self.size.width, 1))

    def _scroll_to_cursor(self, center: bool = False) -> None:
        if self.cursor >= 0:
            self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, center=center, force=True)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.shown))
        self._line_cache.clear()

    # ----------------------------------------------------------- actions

    def _move(self, position: int) -> None:
        if self.shown:
            self.cursor = max(0, min(len(self.shown) - 1, position))

    def action_cursor_down(self) -> None:
        """Highlight the next meeting."""
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        """Highlight the previous meeting."""
        self._move(self.cursor - 1)

    def action_first(self) -> None:
        """Highlight the first meeting."""
        self._move(0)

    def action_last(self) -> None:
        """Highlight the last meeting."""
        self._move(len(self.shown) - 1)

    def action_page_down(self) -> None:
        """Move down a screenful."""
        self._move(self.cursor + max(1, self.size.height - 1))

    def action_page_up(self) -> None:
        """Move up a screenful."""
        self._move(self.cursor - max(1, self.size.height - 1))

    def action_select(self) -> None:
        """Open the highlighted meeting in the detail pane."""
        row = self.current
        if row is not None:
            self.post_message(self.Selected(self, row))

    def move_match(self, step: int) -> None:
        """Move to the next (``step=1``) or previous match, wrapping around."""
        if self.shown:
            self.cursor = (self.cursor + step) % len(self.shown)

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = offset.y + self.scroll_offset.y
        if 0 <= position < len(self.shown):
            if position == self.cursor and event.chain >= 2:
                self.action_select()
            self.cursor = position

    # --------------------------------------------------------- rendering

    def render_line(self, y: int) -> Strip:
        position = y + self.scroll_offset.y
        width = self.size.width
        if not 0 <= position < len(self.shown):
            return Strip.blank(width, self.rich_style)
        key = (position, width, position == self.cursor)
        strip = self._line_cache.get(key)
        if strip is None:
            strip = self._render_row(position, width)
            self._line_cache[key] = strip
        return strip

    def _render_row(self, position: int, width: int) -> Strip:
        entry = self.catalog.entries[self.shown[position]]
        base = self.rich_style
        cursor = self.get_component_rich_style("meeting-list--cursor") if position == self.cursor else Style()

        def styled(component: str | None = None) -> Style:
            # The cursor goes last so its colours win over a column's.
            return base + (self.get_component_rich_style(component) if component else Style()) + cursor

        match_style = styled("meeting-list--match")
        date_text = entry.date or "undated"
        segments = [Segment(set_cell_size(f" {date_text}", DATE_WIDTH) + " ", styled("meeting-list--date"))]
        room = width - DATE_WIDTH - 1
        segments += _marked(entry.title, self.search_query, styled(), match_style)
        used = cell_len(entry.title)
        people = entry.people
        if people and used + 4 < room:
            segments += _marked(f" · {people}", self.search_query, styled("meeting-list--people"), match_style)
            used += 3 + cell_len(people)
        if width >= 100 and used + 12 < room:
            label = set_cell_size(entry.briefing_title, min(cell_len(entry.briefing_title), 30, room - used - 4))
            gap = room - used - cell_len(label) - 1
            segments.append(Segment(" " * gap + label + " ", styled("meeting-list--briefing")))
        strip = Strip(segments)
        if strip.cell_length > width:
            strip = Strip.join([strip.crop(0, width - 1), Strip([Segment("…", styled())])])
        return strip.crop_extend(0, width, styled())


def _marked(text: str, query: Query | None, style: Style, match: Style) -> list[Segment]:
    """``text`` as segments with the query's matches in ``match``."""
    text = text.replace("\n", " ")
    if not query:
        return [Segment(text, style)]
    segments = []
    last = 0
    for start, end in highlight_spans(query, text):
        segments.append(Segment(text[last:start], style))
        segments.append(Segment(text[start:end], match))
        last = end
    segments.append(Segment(text[last:], style))
    return segments
