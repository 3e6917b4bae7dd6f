"""The evidence view: the report behind a meeting, every paragraph numbered, the cited ones marked.

It is a document of paragraphs. The paragraphs the meeting cites are marked
and are its items, so ``n``/``N`` (or ``]``/``[``) step through them; a fact
chosen in the detail pane narrows the steps to that fact's paragraphs. Report
text is already neutralised and becomes :class:`~textual.content.Content` as
plain text, the search's matches marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import var

from ...archive.reports import Report, Unavailable
from ...query.language import Query
from ...render.common import plural, refs_text
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
        Binding("N,left_square_bracket", "step(-1)", "Previous cited", id="evidence.previous"),
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

    @dataclass
    class Close(Message):
        """The user asked to close the evidence view."""

    def watch_shown(self) -> None:
        self._update()

    def _update(self) -> None:
        shown = self.shown
        if shown is None or not self.is_mounted:
            return
        self.blocks = self.blocks_for(shown, Marker(shown.query, match_style(self)))
        self.scroll_to_first()

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
        missing = [ref for ref in shown.focus if not 1 <= ref <= count]
        line = (
            f"{refs_text(focus)} of {plural(count, 'paragraph')}, cited by {shown.what}"
            if focus
            else f"{plural(count, 'paragraph')}; {shown.what} cites none of them"
        )
        blocks.append(Block(Content.styled(line, ".evidence--muted")))
        if missing:
            names = ", ".join(f"¶{ref}" for ref in missing)
            verb = "is" if len(missing) == 1 else "are"
            note = f"{names} {verb} not in the report (it has {plural(count, 'paragraph')})"
            blocks.append(Block(Content.styled(note, ".evidence--warning")))
        blocks.append(Block(Content("")))
        digits = len(str(count))
        cited = set(shown.cited)
        marked = set(focus)
        for number, text in enumerate(report.paragraphs, 1):
            is_cited = number in cited
            gutter = Content.styled(
                f"{'▌' if number in marked else ' '}{number:>{digits}} ",
                ".evidence--cited" if is_cited else ".evidence--number",
            )
            item = Paragraph(number) if number in marked else None
            blocks.append(Block(mark(text), item, gutter=gutter, marked=number in marked))
            blocks.append(Block(Content("")))
        return blocks

    def scroll_to_first(self) -> None:
        """Highlight the first paragraph being checked and bring it to the top of the view."""
        first = next((n for n, block in enumerate(self.blocks) if block.item is not None), -1)
        if first >= 0:
            self.cursor = first
            self.scroll_to_block(max(0, first - 1), top=True)  # a line of the paragraph before, for context

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
