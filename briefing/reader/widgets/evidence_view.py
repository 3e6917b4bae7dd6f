"""The evidence view: the report behind a meeting, every paragraph numbered, the cited ones marked.

It is a document of paragraphs. The paragraphs the meeting cites are marked
and are its items, so ``n``/``N`` (or ``]``/``[``) step through them; a fact
chosen in the detail pane narrows the steps to that fact's paragraphs. Report
text is already neutralised and becomes :class:`~textual.content.Content` as
plain text, the search's matches marked.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import var

from ...archive.reports import Report, Unavailable, check_refs
from ...query.language import Query
from ...render.common import plural, refs_runs, refs_text
from .document import Block, DocumentView
from .text import Marker, match_style


class Evidence(NamedTuple):
    """What the evidence view shows: a meeting's report (None: still being read) and what it cites."""

    title: str
    """The meeting's title (for the header)."""
    report: Report | Unavailable | None
    cited: tuple[int, ...]
    """Every paragraph the meeting cites (its refs and its facts'), ascending."""
    focus: tuple[int, ...]
    """The paragraphs being checked: those of the chosen fact, or ``cited``."""
    what: str
    """Whose paragraphs ``focus`` are ("the meeting", "outcome: …")."""
    query: Query | None


class Paragraph(NamedTuple):
    """A cited paragraph, as an item of the view."""

    number: int


class EvidenceView(DocumentView):
    """A meeting's report, paragraph by paragraph, numbered in the margin, its cited paragraphs marked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right_square_bracket", "step(1)", "Next cited", id="evidence.next"),
        Binding("N,left_square_bracket", "step(-1)", "Previous cited", show=False, id="evidence.previous"),
        Binding("escape,s", "close", "Close evidence", id="evidence.close"),
    ]

    COMPONENT_CLASSES = DocumentView.COMPONENT_CLASSES | {
        "evidence--number",
        "evidence--cited",
        "evidence--heading",
        "evidence--muted",
        "evidence--warning",
        "briefing--match",
    }

    shown: var[Evidence | None] = var(None)
    """The evidence (set by the screen; None: closed)."""

    class Close(Message):
        """The user asked to close the evidence view."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._scroll_pending = False  # the first paragraph checked is to be brought into view once laid out

    def watch_shown(self) -> None:
        self._update()

    def _update(self) -> None:
        shown = self.shown
        if shown is None or not self.is_mounted:
            return
        self.blocks = self.blocks_for(shown, Marker(shown.query, match_style(self)))
        self.highlight_first()
        # A view just shown has no width yet: its lines are laid out (and so can be scrolled to) after a refresh.
        self._scroll_pending = True
        self.call_after_refresh(self._scroll_when_laid_out)

    def on_resize(self) -> None:
        super().on_resize()
        self._scroll_when_laid_out()

    def _scroll_when_laid_out(self) -> None:
        if self._scroll_pending and self.size.width:
            self._scroll_pending = False
            if self.cursor >= 0:
                self.scroll_to_block(max(0, self.cursor - 1), top=True)  # a line before it, for context

    def blocks_for(self, shown: Evidence, mark: Marker) -> list[Block]:
        """The header (what is cited, what is missing), then every paragraph of the report."""
        report = shown.report
        blocks = [Block(Content.styled(shown.title, ".evidence--heading"))]
        if report is None:
            return [*blocks, Block(Content.styled("Reading the report…", ".evidence--muted"))]
        if isinstance(report, Unavailable):
            why = report.reason if report.severity == "info" else f"The report cannot be shown: {report.reason}"
            return [*blocks, Block(Content("")), Block(Content.styled(why, ".evidence--warning"))]
        count = len(report.paragraphs)
        focus = [ref for ref in shown.focus if 1 <= ref <= count]
        missing = check_refs(shown.focus, count)
        line = (
            f"{refs_runs(focus)} of {plural(count, 'paragraph')}, cited by {shown.what}"
            if focus
            else f"{plural(count, 'paragraph')}; {shown.what} cites none of them"
        )
        blocks.append(Block(Content.styled(line, ".evidence--muted")))
        if missing:
            names = refs_text(missing)
            verb = "is" if len(missing) == 1 else "are"
            note = f"{names} {verb} not in the report (it has {plural(count, 'paragraph')})"
            blocks.append(Block(Content.styled(note, ".evidence--warning")))
        blocks.append(Block(Content("")))
        digits = len(str(count))
        cited = set(shown.cited)
        marked = set(focus)
        shown_numbers = paragraphs_to_show(count, cited)
        last = 0
        for number in shown_numbers:
            if number > last + 1:  # a long report: the paragraphs far from any cited one are counted, not drawn
                gap = f"¶{last + 1}–{number - 1} not shown ({plural(number - 1 - last, 'paragraph')})"
                blocks += [Block(Content.styled(gap, ".evidence--muted")), Block(Content(""))]
            last = number
            # The report's own line breaks are where its copy was wrapped: the view wraps to its width.
            text = " ".join(report.paragraphs[number - 1].split("\n"))
            gutter = Content.styled(
                f"{'▌' if number in marked else ' '}{number:>{digits}} ",
                ".evidence--cited" if number in cited else ".evidence--number",
            )
            item = Paragraph(number) if number in marked else None
            blocks.append(Block(mark(text), item, gutter=gutter, marked=number in marked))
            blocks.append(Block(Content("")))
        if last < count:
            rest = plural(count - last, "paragraph")
            gap = f"¶{last + 1}–{count} not shown ({rest}; briefing paragraphs prints them all)"
            blocks.append(Block(Content.styled(gap, ".evidence--muted")))
        return blocks

    def highlight_first(self) -> None:
        """Highlight the first paragraph being checked (it is brought into view once the view is laid out)."""
        first = next((n for n, block in enumerate(self.blocks) if block.item is not None), -1)
        if first >= 0:
            self.cursor = first

    @property
    def current(self) -> int | None:
        """The number of the highlighted paragraph, if any."""
        item = self.highlighted
        return item.number if isinstance(item, Paragraph) else None

    def action_step(self, by: int) -> None:
        """Highlight the next (or previous) paragraph being checked, round to the first (or last)."""
        items = self.items()
        if not items:
            self.notify("No paragraph of this report is cited here.", severity="information", markup=False)
            return
        position = items.index(self.cursor) + by if self.cursor in items else (0 if by > 0 else -1)
        target = items[position % len(items)]
        self.cursor = target
        self.scroll_to_block(target)

    def action_close(self) -> None:
        """Close the view (the screen decides what that means)."""
        self.post_message(self.Close())


SHOW_ALL_UP_TO = 2_000
"""A report of up to this many paragraphs is drawn whole; a longer one around its cited paragraphs only."""
CONTEXT = 20
"""Paragraphs drawn on each side of a cited one in a long report."""


def paragraphs_to_show(count: int, cited: set[int]) -> list[int]:
    """The numbers of the paragraphs to draw, ascending: all of them, or in a long report the first ones and
    those around each cited paragraph (a 2 MiB file can hold 100,000 paragraphs; drawing them all takes seconds).
    """
    if count <= SHOW_ALL_UP_TO:
        return list(range(1, count + 1))
    wanted = set(range(1, CONTEXT * 5 + 1))
    for ref in cited:
        if 1 <= ref <= count:
            wanted.update(range(max(1, ref - CONTEXT), min(count, ref + CONTEXT) + 1))
    return sorted(wanted)
