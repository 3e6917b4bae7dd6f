"""Command palette entries: jump to a meeting, or list a person's, topic's or country's meetings."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from ..query import parse_query

if TYPE_CHECKING:
    from .screens.main import MainScreen

MAX_MEETINGS = 30
# Hits take text as markup; data must only ever reach them as Content.
SHOW_ALL = Content("show every meeting")
MAX_NAMES = 2000


class BriefingCommands(Provider):
    """Meetings by title, and people, countries and topics as searches."""

    @property
    def _screen(self) -> MainScreen | None:
        from .screens.main import MainScreen

        screen = self.app.screen_stack[0] if self.app.screen_stack else None
        for candidate in reversed(self.app.screen_stack):
            if isinstance(candidate, MainScreen):
                return candidate
        return screen if isinstance(screen, MainScreen) else None

    def _names(self) -> Iterator[tuple[str, str]]:
        """(field, value) pairs for people, countries and topics, each once."""
        screen = self._screen
        if screen is None:
            return
        seen: set[tuple[str, str]] = set()
        catalog = screen.index.catalog
        for index in range(len(catalog)):
            meeting = catalog.row(index).meeting
            pairs = [("person", p.name) for p in meeting.participants]
            pairs += [("country", p.country) for p in meeting.participants]
            pairs += [("topic", t.name) for t in meeting.topics]
            for pair in pairs:
                if pair[1] and pair not in seen:
                    seen.add(pair)
                    yield pair
                    if len(seen) >= MAX_NAMES:
                        return

    async def discover(self) -> Hits:
        for field, value in list(self._names())[:20]:
            label = f"{field}: {value}"
            command = partial(self._run_search, _query(field, value))
            yield DiscoveryHit(Content(label), command, text=label, help=SHOW_ALL)

    async def search(self, query: str) -> Hits:
        screen = self._screen
        if screen is None:
            return
        matcher = self.matcher(query)
        for field, value in self._names():
            label = f"{field}: {value}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, _highlight(matcher, label), partial(self._run_search, _query(field, value)), label, SHOW_ALL
                )
        index = screen.index
        for position in index.search(parse_query(query.replace(":", " ")))[:MAX_MEETINGS]:
            entry = index.catalog.entries[position]
            label = f"meeting: {entry.title}"
            where = Content(f"{entry.date or 'undated'} · {entry.briefing_title}")
            yield Hit(0.5, Content(label), partial(screen.show_meeting, position), label, where)  # type: ignore[arg-type]

    def _run_search(self, text: str) -> None:
        """Run ``text`` as a search on the main screen."""
        screen = self._screen
        if screen is not None:
            screen.search_for(text)


def _query(field: str, value: str) -> str:
    return f'{field}:"{value.replace(chr(34), " ")}"'


def _highlight(matcher: Matcher, label: str) -> Content:
    """Like ``Matcher.highlight``, but never reads ``label`` as markup."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if score:
        for offset in offsets:
            if not label[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
