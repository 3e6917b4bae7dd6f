"""``f`` facets and ``t`` timeline: counts of the current filter, each line a query to narrow it by.

The counts are worked out in a thread (the first time, the catalog's values are
read into a :class:`~briefing.query.tally.Tally`); until they are in, the dialog
says it is counting. Choosing a line closes the dialog with the query that finds
its meetings, which the main screen adds to the search box (so it stays editable).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...archive.catalog import Catalog
from ...query.tally import Counts, Tally, tally_of, with_gaps
from ...render.stats import NOUNS, bar, extra_rows, label
from ..widgets.text import one_line

FACETS = ("person", "country", "topic", "kind", "briefing", "month")
PER_FACET = 8
"""Lines per facet (the most frequent); the CLI's ``briefing stats`` gives them all."""
BAR_WIDTH = 20
NAME_WIDTH = 30
"""A longer value is cut (with …): a line must fit an 80-column dialog without wrapping."""
YEARS_AFTER = 36
"""A timeline over more months than this is drawn by year."""
TITLES = {
    "person": "People", "country": "Countries", "topic": "Topics", "kind": "Kinds", "briefing": "Briefings",
    "month": "Months",
}  # fmt: skip


class Counted(Message):
    """The counts are in: each list in the order to show."""

    def __init__(self, lists: list[Counts]) -> None:
        super().__init__()
        self.lists = lists


def timeline(tally: Tally, rows: Sequence[int]) -> Counts:
    """Counts as the timeline draws them: every month of the span, or every year of a long one."""
    months = with_gaps(tally.count("month", rows))
    return months if len(months.counts) <= YEARS_AFTER else with_gaps(tally.count("year", rows))


class CountsScreen(ModalScreen[str | None]):
    """Counts of some meetings (facets, or the timeline); Enter on a line closes with its query, Esc without."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="counts.close"),
        Binding("f,t,q", "cancel", "Close", show=False, id="counts.close_key"),
    ]

    def __init__(self, catalog: Catalog, rows: Sequence[int], query: str, mode: str = "facets") -> None:
        super().__init__()
        self.catalog = catalog
        self.rows = rows
        self.query_text = query
        self.mode = mode
        self.queries: dict[str, str] = {}
        """The query of each option, by option id."""

    def compose(self) -> ComposeResult:
        title = "Facets" if self.mode == "facets" else "Timeline"
        what = f"the {len(self.rows):,} meetings of {one_line(self.query_text)}" if self.query_text else "every meeting"
        with Vertical(id="counts-dialog"):
            yield Static(Content.styled(f"{title} of {what}", "bold"), id="counts-title", markup=False)
            yield Static("Counting…", id="counts-status", markup=False)
            yield OptionList(id="counts-list")
            yield Static("↑ ↓ · Enter adds the line to the search · Esc closes", id="counts-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).loading = True
        self.count_them()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def count_them(self) -> None:
        """Count off the UI thread (the first count of a catalog reads all its values)."""
        tally = tally_of(self.catalog)
        facets = self.mode == "facets"
        lists = [tally.count(by, self.rows) for by in FACETS] if facets else [timeline(tally, self.rows)]
        self.post_message(Counted(lists))

    @on(Counted)
    def _show(self, message: Counted) -> None:
        options: list[Option] = []
        for counts in message.lists:
            options += self._lines(counts)
        box = self.query_one(OptionList)
        box.set_options(options)
        box.loading = False
        status = self.query_one("#counts-status", Static)
        if not self.rows:
            status.update("Nothing to count: no meeting matches the search.")
        elif self.mode == "timeline":
            (counts,) = message.lists
            unit = "years" if counts.counts and counts.counts[0].by == "year" else "months"
            status.update(f"{len(counts.counts):,} {unit}, the empty ones too; Enter on one filters to it")
        else:
            status.update(f"The {PER_FACET} most frequent of each; briefing stats --by … gives all")
        box.focus()
        box.highlighted = next((i for i, option in enumerate(options) if not option.disabled), None)

    def _lines(self, counts: Counts) -> list[Option]:
        shown = counts.counts if self.mode == "timeline" else counts.counts[:PER_FACET]
        options: list[Option] = []
        if self.mode == "facets":
            top = f", the top {len(shown)}" if len(counts.counts) > len(shown) else ""
            heading = f"{TITLES[counts.by]} ({len(counts.counts):,} {NOUNS[counts.by]}{top})"
            options.append(Option(Content.styled(heading, "bold"), disabled=True))
        most = max((count.meetings for count in shown), default=0)
        width = max((len(label(count)) for count in shown), default=0)
        for count in shown:
            shown_text = one_line(label(count))
            if len(shown_text) > NAME_WIDTH:
                shown_text = shown_text[: NAME_WIDTH - 1] + "…"
            name = f"{shown_text:<{min(width, NAME_WIDTH)}}"
            line = f"{name}  {count.meetings:>6,}  {bar(count.meetings, most, BAR_WIDTH)}"
            key = f"line-{len(self.queries)}"
            self.queries[key] = count.query
            options.append(Option(Content(line), id=key))
        for name, number in extra_rows(counts):
            options.append(Option(Content.styled(f"{name}  {number:,}", "dim"), disabled=True))
        return options

    @on(OptionList.OptionSelected, "#counts-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in self.queries:
            self.dismiss(self.queries[event.option.id])

    def action_cancel(self) -> None:
        """Close without changing the search."""
        self.dismiss(None)
