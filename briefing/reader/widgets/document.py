"""A scrolling document of text blocks, some of them items to choose: one pane, one scroll, keys as in less.

The detail pane (a meeting: facts, then links to related meetings) and the
evidence view (a report, paragraph by paragraph) are documents. Blocks are
wrapped to the width once and drawn a line at a time (the Line API), so a
document scrolls at once, a click lands on the block under the mouse, and
moving between items redraws only the lines of two blocks.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual


class Block(NamedTuple):
    """A piece of a document: its text, and the item it stands for if it can be chosen."""

    content: Content
    item: Hashable | None = None
    """What choosing this block means to the owner (a link's query, a fact); None: plain text."""
    gutter: Content | None = None
    """Drawn before the first line; the lines that wrap below it are indented by its width."""
    marked: bool = False
    """Drawn in the document's mark style (a cited paragraph)."""
    indent: int = 0
    """Cells by which every line after the first is indented (a hanging indent)."""


class _Line(NamedTuple):
    block: int
    content: Content
    first: bool


class _Layout(NamedTuple):
    blocks: Sequence[Block]
    width: int
    lines: list[_Line]
    starts: list[int]


class DocumentView(ScrollView, can_focus=True):
    """Blocks of text that scroll as a pager does; Tab moves between the items among them, Enter chooses one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "line_down", "Scroll down", show=False, id="document.line_down"),
        Binding("up,k", "line_up", "Scroll up", show=False, id="document.line_up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="document.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="document.page_up"),
        Binding("g,home", "top", "Top", show=False, id="document.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="document.bottom"),
        Binding("tab", "next_item", "Next item", show=False, id="document.next_item"),
        Binding("shift+tab", "previous_item", "Previous item", show=False, id="document.previous_item"),
        Binding("enter", "choose", "Choose", show=False, id="document.choose"),
    ]

    COMPONENT_CLASSES = {"document--cursor", "document--mark"}

    DEFAULT_CSS = """
    DocumentView { overflow-x: hidden; }
    """

    blocks: var[Sequence[Block]] = var((), always_update=True)
    """What the document shows."""
    cursor: var[int] = var(-1)
    """Index into :attr:`blocks` of the highlighted item, -1 for none."""

    class Chosen(Message):
        """The user chose an item (Enter, or a click)."""

        def __init__(self, document: DocumentView, item: Hashable) -> None:
            super().__init__()
            self.document = document
            self.item = item

        @property
        def control(self) -> DocumentView:
            """The document the item is in."""
            return self.document

    class Highlighted(Message):
        """The highlighted item changed (None: no item is highlighted)."""

        def __init__(self, document: DocumentView, item: Hashable | None) -> None:
            super().__init__()
            self.document = document
            self.item = item

        @property
        def control(self) -> DocumentView:
            """The document the item is in."""
            return self.document

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.auto_links = False  # data is never markup: no line holds a link to style or hover over
        self._lines: list[_Line] = []
        self._first_line: list[int] = []  # per block: the index of its first line
        self._width = 0
        self._strips: dict[tuple[int, bool], Strip] = {}
        self._ready: _Layout | None = None  # see lay_out_ahead

    # ------------------------------------------------------------ layout

    def watch_blocks(self) -> None:
        self.cursor = -1  # a new document: no item highlighted yet
        self._layout()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def on_resize(self) -> None:
        if self._content_width() != self._width:
            self._layout()

    def _content_width(self) -> int:
        return self.scrollable_content_region.width or self.size.width

    def _layout(self) -> None:
        """Wrap every block to the width (the lines are drawn as they come into view)."""
        width = self._content_width()
        ready, self._ready = self._ready, None
        if ready is not None and ready.blocks is self.blocks and ready.width == width:
            lines, starts = ready.lines, ready.starts  # laid out ahead, while the reader was idle
        else:
            lines, starts = self._wrapped(self.blocks, width)
        self._width = width
        self._lines = lines
        self._first_line = starts
        self._strips.clear()
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    def lay_out_ahead(self, blocks: Sequence[Block]) -> None:
        """Wrap ``blocks`` now, so that showing them next (the very same sequence) needs no layout."""
        width = self._content_width()
        self._ready = _Layout(blocks, width, *self._wrapped(blocks, width))

    @staticmethod
    def _wrapped(blocks: Sequence[Block], width: int) -> tuple[list[_Line], list[int]]:
        """The lines of ``blocks`` at ``width``, and the first line of each block."""
        lines: list[_Line] = []
        starts: list[int] = []
        for number, block in enumerate(blocks):
            starts.append(len(lines))
            gutter = block.gutter.cell_length if block.gutter is not None else 0
            room = max(1, width - gutter - block.indent)
            content = block.content
            if not width or (content.cell_length <= room and "\n" not in content.plain):
                wrapped = [content]  # a line that fits: as it is (wrapping costs most of a cursor move)
            else:
                wrapped = content.wrap(room)
            for index, line in enumerate(wrapped or [Content("")]):
                lines.append(_Line(number, line, index == 0))
        return lines, starts

    @property
    def line_count(self) -> int:
        """Lines the document takes at its width."""
        return len(self._lines)

    def block_lines(self, block: int) -> tuple[int, int]:
        """The first line of ``block`` and the line after its last."""
        start = self._first_line[block]
        end = self._first_line[block + 1] if block + 1 < len(self._first_line) else len(self._lines)
        return start, end

    # ------------------------------------------------------------ items

    def items(self) -> list[int]:
        """The indices of the blocks that are items."""
        return [number for number, block in enumerate(self.blocks) if block.item is not None]

    def highlight(self, item: Hashable | None, *, scroll: bool = True) -> None:
        """Highlight the block of ``item`` (None: no item), bringing it into view."""
        number = next((n for n, b in enumerate(self.blocks) if item is not None and b.item == item), -1)
        self.cursor = number
        if scroll and number >= 0:
            self.scroll_to_block(number)

    @property
    def highlighted(self) -> Hashable | None:
        """The item highlighted, if any."""
        return self.blocks[self.cursor].item if 0 <= self.cursor < len(self.blocks) else None

    def watch_cursor(self, old: int, new: int) -> None:
        for number in (old, new):
            if 0 <= number < len(self._first_line):
                start, end = self.block_lines(number)
                for line in range(start, end):
                    self._strips.pop((line, True), None)
                    self._strips.pop((line, False), None)
                self.refresh(Region(0, start - self.scroll_offset.y, self.size.width, end - start))
        self.post_message(self.Highlighted(self, self.highlighted))

    def scroll_to_block(self, number: int, *, top: bool = False) -> None:
        """Bring block ``number`` into view (to the top of the pane with ``top``)."""
        if not 0 <= number < len(self._first_line):
            return
        start, end = self.block_lines(number)
        if top:
            self.scroll_to(y=start, animate=False, immediate=True)
        else:
            self.scroll_to_region(Region(0, start, 1, max(1, end - start)), animate=False, immediate=True, force=True)

    def _step_item(self, step: int) -> bool:
        """Highlight the next (or previous) item; False when there is none that way."""
        items = self.items()
        if not items:
            return False
        if self.cursor not in items:
            # From no item: the first item in view (or the first one at all).
            top = self.scroll_offset.y
            visible = [n for n in items if self.block_lines(n)[1] > top]
            target = (visible[0] if visible else items[-1]) if step > 0 else (visible[-1] if visible else items[0])
        else:
            position = items.index(self.cursor) + step
            if not 0 <= position < len(items):
                return False
            target = items[position]
        self.cursor = target
        self.scroll_to_block(target)
        return True

    # ------------------------------------------------------------ actions

    def action_line_down(self) -> None:
        """Scroll a line down."""
        self.scroll_to(y=self.scroll_offset.y + 1, animate=False, immediate=True)

    def action_line_up(self) -> None:
        """Scroll a line up."""
        self.scroll_to(y=self.scroll_offset.y - 1, animate=False, immediate=True)

    def action_page_down(self) -> None:
        """Scroll a screenful down."""
        self.scroll_to(y=self.scroll_offset.y + max(1, self.size.height - 1), animate=False, immediate=True)

    def action_page_up(self) -> None:
        """Scroll a screenful up."""
        self.scroll_to(y=self.scroll_offset.y - max(1, self.size.height - 1), animate=False, immediate=True)

    def action_top(self) -> None:
        """Scroll to the top."""
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        """Scroll to the bottom."""
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def action_next_item(self) -> None:
        """Highlight the next item; after the last one, move to the next pane."""
        if not self._step_item(1):
            self.cursor = -1
            self.screen.focus_next()

    def action_previous_item(self) -> None:
        """Highlight the previous item; before the first one, move to the previous pane."""
        if not self._step_item(-1):
            self.cursor = -1
            self.screen.focus_previous()

    def action_choose(self) -> None:
        """Choose the highlighted item."""
        item = self.highlighted
        if item is not None:
            self.post_message(self.Chosen(self, item))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = offset.y + self.scroll_offset.y
        if 0 <= line < len(self._lines):
            number = self._lines[line].block
            item = self.blocks[number].item
            if item is not None:
                self.cursor = number
                self.post_message(self.Chosen(self, item))

    # --------------------------------------------------------- rendering

    def render_line(self, y: int) -> Strip:
        line = y + self.scroll_offset.y
        width = self.size.width
        if not 0 <= line < len(self._lines):
            return Strip.blank(width, self.rich_style)
        selected = self._lines[line].block == self.cursor
        strip = self._strips.get((line, selected))
        if strip is None:
            strip = self._draw_line(line, selected, width)
            self._strips[(line, selected)] = strip
        return strip

    def _draw_line(self, line: int, selected: bool, width: int) -> Strip:
        entry = self._lines[line]
        block = self.blocks[entry.block]
        parts: list[Content] = []
        if block.gutter is not None:
            parts.append(block.gutter if entry.first else Content(" " * block.gutter.cell_length))
        if block.indent and not entry.first:
            parts.append(Content(" " * block.indent))
        parts.append(entry.content)
        content = Content.assemble(*parts)
        strips = Visual.to_strips(self, content, width, 1, self.visual_style, apply_selection=False)
        strip = (strips[0] if strips else Strip.blank(width)).crop_extend(0, width, self.rich_style)
        if block.marked:
            strip = strip.apply_style(self.get_component_rich_style("document--mark"))  # beneath the text's own style
        if selected:
            over = self.get_component_rich_style("document--cursor")
            strip = Strip([Segment(text, (style or Style()) + over, control) for text, style, control in strip])
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a theme change: draw every line again in the new colours
