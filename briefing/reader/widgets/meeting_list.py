"""The meeting list: one line-based widget that draws only the rows on screen.

A widget per row (``ListView``) or an ``OptionList`` that measures every
option costs seconds or tens of milliseconds at 50,000 meetings; this draws
the visible rows from a list of catalog positions, so filtering swaps one list
and a cursor move repaints two lines.

The list shows what the screen gives it (the catalog, the search's result,
the highlighted meeting) and asks the screen to move the highlight: it never
decides on its own which meeting is highlighted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from ...archive.catalog import Catalog
from ...format.dates import iso_display
from ...query.language import Query
from ...query.marks import Marks
from ...query.matching import word_spans
from ...query.search import Result
from .text import MATCH, one_line

DATE_WIDTH = 18
ISO_DATE_WIDTH = 25
"""The widest date column: an ISO span of days with its mark, ``2025-06-30/2025-07-02~``."""
"""Cells of the date column (``c. 30 Jun–2 Jul 2025`` is cut, everything shorter fits)."""
NARROW_DATE_WIDTH = 12
VIA = "↳ "
"""Marks a meeting that matches the search only through its briefing."""
FLAG = "★ "
"""Before the title of a flagged meeting (``*``)."""
UNREAD = "•"
"""Before the date of a meeting not read yet (shown in the detail a moment, or ``m``)."""
STALE = "⚠ "
"""Before the title of a meeting whose file is broken now (shown as last read whole)."""
BRIEFING_FROM = 100
"""From this width on, the list has a column for each meeting's briefing (two copies of a meeting then differ)."""
BRIEFING_WIDTH = 32


class MeetingList(ScrollView, can_focus=True):
    """Every meeting of the result on one line: date, title, who took part, its briefing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "select", "Read", show=False, id="list.read"),
    ]

    COMPONENT_CLASSES = {
        "meeting-list--flag",
        "meeting-list--unread",
        "meeting-list--date",
        "meeting-list--people",
        "meeting-list--briefing",
        "meeting-list--via",
        "meeting-list--stale",
        "meeting-list--cursor",
        "briefing--match",
    }

    DEFAULT_CSS = """
    MeetingList { overflow-x: hidden; overflow-y: scroll; }
    """

    catalog: var[Catalog] = var(Catalog.empty, always_update=True)
    """Every meeting loaded."""
    result: var[Result] = var(lambda: Result(()), always_update=True)
    """The meetings on the list, in order, and which match only through their briefing."""
    search_query: var[Query | None] = var(None)
    """The search, for marking matches."""
    highlighted: var[int] = var(-1)
    """Catalog position of the highlighted meeting, -1 for none."""
    empty_message: var[str] = var("")
    """Said on the first line when the list is empty."""
    marks: var[Marks] = var(Marks)
    """Flagged meetings (★ before the title) and read ones (the others have • before the date)."""
    iso_dates: var[bool] = var(False)
    """Dates as ISO (``2025-06-30``, ``2025-07~``), as the settings file's ``date_format = "iso"`` asks."""

    class Move(Message):
        """The user asks to move the highlight: to list position ``to``, or ``by`` places (the screen decides).

        Moves are relative where the user's are, so keys typed faster than the
        screen answers each still count.
        """

        def __init__(self, meeting_list: MeetingList, to: int | None = None, by: int = 0, wrap: bool = False) -> None:
            super().__init__()
            self.meeting_list = meeting_list
            self.to = to
            self.by = by
            self.wrap = wrap

        @property
        def control(self) -> MeetingList:
            """The list that posted the message."""
            return self.meeting_list

    class Selected(Message):
        """The user chose the highlighted meeting (Enter or a double click) to read in detail."""

        def __init__(self, meeting_list: MeetingList, index: int) -> None:
            super().__init__()
            self.meeting_list = meeting_list
            self.index = index

        @property
        def control(self) -> MeetingList:
            """The list that posted the message."""
            return self.meeting_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: LRUCache[tuple[int, int, bool], Strip] = LRUCache(512)
        self._cursor = -1  # position in the result of the highlighted meeting
        self._date_width = DATE_WIDTH  # fits the longest date of the catalog (up to DATE_WIDTH)
        self._style_cache: dict[str, Style] | None = None
        self._words: tuple[str, ...] = ()  # the search's words, for marking matches

    # ------------------------------------------------------------- state

    @property
    def cursor(self) -> int:
        """Position in the list of the highlighted meeting, -1 for none."""
        return self._cursor

    @property
    def rows(self) -> Sequence[int]:
        """Catalog positions of the meetings on the list, in order."""
        return self.result.rows

    def watch_catalog(self, catalog: Catalog) -> None:
        self._fit_dates()

    def watch_marks(self) -> None:
        self._lines.clear()
        self.refresh()

    def watch_iso_dates(self) -> None:
        self._fit_dates()

    def _fit_dates(self) -> None:
        """The date column as wide as the longest date of the catalog (in the form shown), and redrawn."""
        columns = self.catalog.entries.columns
        if self.iso_dates:  # the longest an ISO date can be, where any meeting is dated to a span of days
            column: Iterable[str] = ("2025-06-30/2025-07-02" if "–" in date else date for date in columns[3])
        else:
            column = columns[4]
        widest = ISO_DATE_WIDTH if self.iso_dates else DATE_WIDTH
        self._date_width = min(widest, max(7, max(map(len, column), default=0)) + 3)  # at least "undated"
        self._lines.clear()
        self.refresh()

    def watch_result(self) -> None:
        self._lines.clear()
        self._set_height(len(self.rows))
        self._place_cursor(center=True)
        self.refresh()

    def _set_height(self, rows: int) -> None:
        """Make the list ``rows`` lines tall.

        A change of height would lay out the whole screen (a frame's work at every
        keystroke, and a scrollbar drawn a frame late). The scrollbar is always
        there (``overflow-y: scroll``: rows never change width as a search grows or
        shrinks the list), so it is told the new height, and the list alone is drawn again.
        """
        old, new = self.virtual_size, Size(self.size.width, rows)
        if new == old:
            return
        if old.width != new.width:
            self.virtual_size = new
            return
        self.set_reactive(MeetingList.virtual_size, new)
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.window_virtual_size = rows
        if self.scroll_y > self.max_scroll_y:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def watch_search_query(self, query: Query | None) -> None:
        self._words = query.words if query else ()
        self._lines.clear()
        self.refresh()

    def watch_empty_message(self) -> None:
        self.refresh()

    def watch_highlighted(self) -> None:
        old = self._cursor
        self._place_cursor()
        if old != self._cursor:
            self._refresh_position(old)
            self._refresh_position(self._cursor)

    def _place_cursor(self, center: bool = False) -> None:
        """Find the highlighted meeting on the list and bring it into view."""
        rows, index = self.rows, self.highlighted
        cursor = -1
        if index >= 0:
            if 0 <= self._cursor < len(rows) and rows[self._cursor] == index:
                cursor = self._cursor
            elif isinstance(rows, range):
                cursor = index if index < len(rows) else -1
            else:
                try:
                    cursor = rows.index(index)  # C-speed scan of a list
                except ValueError:
                    cursor = -1
        self._cursor = cursor
        if cursor >= 0:
            self.scroll_to_region(Region(0, cursor, 1, 1), animate=False, center=center, force=True, immediate=True)

    def _refresh_position(self, position: int) -> None:
        if position >= 0:
            self.refresh(Region(0, position - self.scroll_offset.y, self.size.width, 1))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))  # a new width or height: lay out as usual
        self._lines.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()  # a theme change: draw every row again in the new colours
        self._style_cache = None

    # ----------------------------------------------------------- actions

    def action_cursor_down(self) -> None:
        """Highlight the next meeting."""
        self.post_message(self.Move(self, by=1))

    def action_cursor_up(self) -> None:
        """Highlight the previous meeting."""
        self.post_message(self.Move(self, by=-1))

    def action_first(self) -> None:
        """Highlight the first meeting."""
        self.post_message(self.Move(self, to=0))

    def action_last(self) -> None:
        """Highlight the last meeting."""
        self.post_message(self.Move(self, to=-1))

    def action_page_down(self) -> None:
        """Move down a screenful."""
        self.post_message(self.Move(self, by=max(1, self.size.height - 1)))

    def action_page_up(self) -> None:
        """Move up a screenful."""
        self.post_message(self.Move(self, by=-max(1, self.size.height - 1)))

    def action_select(self) -> None:
        """Open the highlighted meeting in the detail pane."""
        if self.highlighted >= 0:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = offset.y + self.scroll_offset.y
        if 0 <= position < len(self.rows):
            index = self.rows[position]
            if position == self._cursor and event.chain >= 2:
                self.post_message(self.Selected(self, index))
            else:
                self.post_message(self.Move(self, to=position))

    # --------------------------------------------------------- rendering

    def render_line(self, y: int) -> Strip:
        position = y + self.scroll_offset.y
        width = self.scrollable_content_region.width or self.size.width
        if not 0 <= position < len(self.rows):
            if position == 0 and self.empty_message:
                content = Content.styled(f" {self.empty_message}", ".meeting-list--people")
                strips = Visual.to_strips(self, content, width, 1, self.visual_style, apply_selection=False)
                return strips[0].crop_extend(0, width, self.rich_style)
            position = -1  # a row with no meeting: one blank strip for them all (a first screen is mostly those)
        key = (position, width, position == self._cursor)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._render_row(position, width) if position >= 0 else Strip.blank(width, self.rich_style)
            self._lines[key] = strip
        return strip

    def _render_row(self, position: int, width: int) -> Strip:
        """One meeting: the date, then its title and who took part (cut to fit), and its briefing where there is room.

        Drawn as Rich segments straight from the entry, one Strip per row: a keystroke redraws every visible row.
        """
        index = self.rows[position]
        entry = self.catalog.entries[index]
        styles = self._styles()
        date_width = self._date_width if width >= 60 else min(self._date_width, NARROW_DATE_WIDTH)
        if not entry.date:
            date = "undated"
        elif self.iso_dates:
            date = iso_display(entry.earliest, entry.latest, entry.date)
        else:
            date = entry.short_date
        if len(date) > date_width - 2:
            date = date[: date_width - 3] + "…"
        room = width - date_width
        text: list[Segment] = []
        if entry.file in self.catalog.stale:  # its file is broken now: shown as last read whole
            text.append(Segment(STALE, styles["stale"]))
        if index in self.result.via_briefing:
            text.append(Segment(VIA, styles["via"]))
        marks = self.marks
        if entry.ref in marks.flagged:
            text.append(Segment(FLAG, styles["flag"]))
        text += self._marked(one_line(entry.title.split("\n", 1)[0][:300]), styles["base"])
        people = one_line(entry.people[:300])
        if people:
            text += self._marked(f" · {people}", styles["people"])
        text, used = _fit(text, room, Segment("…", styles["base"]))  # who took part is cut first
        unread = UNREAD if entry.ref not in marks.read else " "
        segments = [Segment(unread, styles["unread"]), Segment(f"{date:<{date_width - 2}} ", styles["date"]), *text]
        # Then, where the row has room for it, the briefing the meeting is from (two copies of one meeting differ).
        spare = room - used - 3
        if width >= BRIEFING_FROM and spare >= 12:
            briefing = one_line(entry.briefing_title[:300])
            label = (
                briefing
                if cell_len(briefing) <= min(spare, BRIEFING_WIDTH)
                else set_cell_size(briefing, min(spare, BRIEFING_WIDTH) - 1) + "…"
            )
            segments.append(Segment(" " * (spare - cell_len(label) + 2) + label, styles["briefing"]))
            used += spare + 2
        if used < room:
            segments.append(Segment(" " * (room - used), styles["base"]))
        if position == self._cursor:
            cursor = styles["cursor"]
            segments = [Segment(text, style + cursor if style else cursor) for text, style, _ in segments]
        return Strip(segments, width)

    def _styles(self) -> dict[str, Style]:
        """The row styles as the stylesheet gives them now (cached until the styles change)."""
        if self._style_cache is None:
            base = self.rich_style
            get = self.get_component_rich_style
            self._style_cache = {
                "base": base,
                "date": base + get("meeting-list--date"),
                "people": base + get("meeting-list--people"),
                "via": base + get("meeting-list--via"),
                "stale": base + get("meeting-list--stale"),
                "flag": base + get("meeting-list--flag"),
                "unread": base + get("meeting-list--unread"),
                "briefing": base + get("meeting-list--briefing"),
                "match": get(MATCH),
                "cursor": get("meeting-list--cursor"),
            }
        return self._style_cache

    def _marked(self, text: str, style: Style) -> list[Segment]:
        """``text`` in ``style``, the search's matches in the match style over it."""
        spans = word_spans(self._words, text) if self._words else []
        if not spans:
            return [Segment(text, style)]
        match = style + self._styles()["match"]
        segments, last = [], 0
        for start, end in spans:
            segments += [Segment(text[last:start], style), Segment(text[start:end], match)]
            last = end
        segments.append(Segment(text[last:], style))
        return segments


def _fit(segments: list[Segment], room: int, ellipsis: Segment) -> tuple[list[Segment], int]:
    """``segments`` cut to ``room`` cells, ending in ``ellipsis`` when something was cut; and the cells they take."""
    lengths = [cell_len(segment.text) for segment in segments]
    if sum(lengths) <= room:
        return segments, sum(lengths)
    if room <= 0:
        return [], 0
    fitted: list[Segment] = []
    left = room - 1  # the ellipsis takes the last cell
    for segment, cells in zip(segments, lengths, strict=True):
        if cells > left:
            if left:
                fitted.append(Segment(set_cell_size(segment.text, left), segment.style))
            break
        fitted.append(segment)
        left -= cells
    fitted.append(ellipsis)
    return fitted, room
