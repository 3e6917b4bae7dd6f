"""Command palette entries: jump to a meeting, or list a person's, topic's or country's meetings.

Names are matched with the search's own folding (word prefixes, case and
accents ignored), which costs time in proportion to the text: Textual's fuzzy
matcher tries every combination of letter positions, and a long name from
someone else's briefing would freeze the reader.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content, Span
from textual.markup import escape

from ..format.countries import resolve
from ..format.text import fold
from ..query.language import field_query, parse_query
from ..query.tally import name_counts
from .widgets.text import one_line

if TYPE_CHECKING:
    from .app import BriefingApp
    from .screens.main import MainScreen

MAX_MEETINGS = 30
MAX_NAMES = 50
LABEL_LENGTH = 80
"""Characters of a name the palette shows and matches (the rest is cut, with "…")."""
SHOW_ALL = "show every meeting"
PAGE = {"person": "their page: meetings, roles, who they met, topics",
        "country": "its page: meetings, its people, the countries it met, topics"}  # fmt: skip


def _names(value: str, alpha3: str) -> bool:
    """Does the country ``value`` (as counted: resolved where it names a country) name the country ``alpha3``?"""
    country = resolve(value)
    return country is not None and country.alpha3 == alpha3


def _label(field: str, name: str) -> str:
    name = one_line(name)
    return f"{field}: {name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1] + '…'}"


def match_spans(words: list[str], label: str) -> list[tuple[int, int]] | None:
    """Where each of ``words`` (folded) starts a word of ``label``; None unless every one does."""
    spans = []
    tokens = [(m_start, token) for m_start, token in _words(label)]
    for word in words:
        hit = next(((start, start + len(token)) for start, token in tokens if fold(token).startswith(word)), None)
        if hit is None:
            return None
        spans.append(hit)
    return spans


def _words(text: str) -> Iterator[tuple[int, str]]:
    start = None
    for index, char in enumerate(text):
        if char.isalnum():
            if start is None:
                start = index
        elif start is not None:
            yield start, text[start:index]
            start = None
    if start is not None:
        yield start, text[start:]


class BriefingCommands(Provider):
    """Meetings by title, and people, countries and topics as searches."""

    def _main(self) -> MainScreen | None:
        """The main screen: the one the palette was opened on, or the one under it."""
        from .screens.main import MainScreen

        if isinstance(self.screen, MainScreen):
            return self.screen
        return next((s for s in reversed(self.app.screen_stack) if isinstance(s, MainScreen)), None)

    async def startup(self) -> None:
        screen = self._main()
        if screen is not None:
            # Reading every record takes a moment on a large archive: not on the UI thread.
            await asyncio.to_thread(name_counts, screen.catalog)

    async def discover(self) -> Hits:
        screen = self._main()
        if screen is None:
            return
        for name, saved in cast("BriefingApp", self.app).views.items():
            label = _label("saved search", name)
            yield DiscoveryHit(Content(label), partial(self._run_search, saved), text=label,
                               help=one_line(saved)[:LABEL_LENGTH])  # fmt: skip
        for field, name, _ in name_counts(screen.catalog)[:20]:
            label = _label(field, name)
            yield DiscoveryHit(Content(label), self._command(field, name), text=label, help=self._help(field))

    async def search(self, query: str) -> Hits:
        screen = self._main()
        if screen is None:
            return
        words = fold(query[:200]).split()
        if not words:
            return
        shown = 0
        wanted = resolve(query[:200])  # "usa", "U.S.": the country however it is written
        for field, name, count in name_counts(screen.catalog):
            label = _label(field, name)
            spans = match_spans(words, label)
            if spans is None and wanted is not None and field == "country" and _names(name, wanted.alpha3):
                spans = []
            if spans is None:
                continue
            display = Content(label, [Span(start, end, "$block-cursor-background") for start, end in spans])
            help = f"{self._help(field)} ({count:,} meetings)"
            yield Hit(1.0 - shown / 1000, display, self._command(field, name), label, help)
            shown += 1
            if shown >= MAX_NAMES:
                break
        for name, saved in cast("BriefingApp", self.app).views.items():
            label = _label("saved search", name)
            spans = match_spans(words, label)
            if spans is not None:
                display = Content(label, [Span(start, end, "$block-cursor-background") for start, end in spans])
                yield Hit(0.9, display, partial(self._run_search, saved), label, one_line(saved)[:LABEL_LENGTH])
        index = screen.index
        for position in index.search(parse_query(" ".join(words))).rows[:MAX_MEETINGS]:
            entry = index.catalog.entries[position]
            label = f"meeting: {one_line(entry.title)[:LABEL_LENGTH]}"
            where = escape(one_line(f"{entry.date or 'undated'} · {entry.briefing_title}")[:LABEL_LENGTH])
            yield Hit(0.5, Content(label), partial(screen.show_meeting, position), label, where)

    @staticmethod
    def _help(field: str) -> str:
        return PAGE.get(field, SHOW_ALL)

    def _command(self, field: str, name: str) -> Callable[[], None]:
        """A person or a country: their page; a topic: its meetings."""
        if field in PAGE:
            return partial(self._open_page, field, name)
        return partial(self._run_search, field_query(field, name))

    def _open_page(self, field: str, name: str) -> None:
        screen = self._main()
        if screen is not None:
            screen.open_page(field, name)

    def _run_search(self, text: str) -> None:
        """Run ``text`` as a search on the main screen."""
        screen = self._main()
        if screen is not None:
            screen.search_for(text)
