"""Messages that the reader's workers post to the main screen.

Messages here and in the widgets are plain classes with an ``__init__``, as in Textual's own guide, not
dataclasses: a dataclass costs a quarter of a millisecond to create at import, and the reader's start pays
for every class it imports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from ..archive.catalog import MeetingKey
from ..archive.reports import Report, Unavailable
from ..format.model import Problem
from ..query.language import Query
from ..query.search import Result, SearchIndex

if TYPE_CHECKING:
    from .watching import Changes


class Loaded(Message):
    """More briefings are in: the index holds every meeting loaded so far (None: no change)."""

    def __init__(
        self,
        index: SearchIndex | None,
        problems: tuple[Problem, ...],
        done: int,
        total: int,
        finished: bool,
        quiet: bool = False,
    ) -> None:
        super().__init__()
        self.index = index
        self.problems = problems
        self.done = done
        self.total = total
        self.finished = finished
        self.quiet = quiet  # the same catalog, now with its word index


class Filtered(Message):
    """A search finished: ``result`` answers ``query`` (typed as ``text``) over ``index``."""

    def __init__(
        self, text: str, query: Query, index: SearchIndex, result: Result, best: bool, keep: MeetingKey | None
    ) -> None:
        super().__init__()
        self.text = text
        self.query = query
        self.index = index
        self.result = result
        self.best = best
        """The user typed: highlight the best match."""
        self.keep = keep
        """Else keep this meeting highlighted, if it is in the result."""


class ReportRead(Message):
    """A briefing's report was read (or found unreadable) off the UI thread."""

    def __init__(self, briefing_path: str, report: Report | Unavailable) -> None:
        super().__init__()
        self.briefing_path = briefing_path
        self.report = report


class FilesChanged(Message):
    """Briefing files under the archive changed on disk (posted by the file watch's thread)."""

    def __init__(self, changes: Changes) -> None:
        super().__init__()
        self.changes = changes
