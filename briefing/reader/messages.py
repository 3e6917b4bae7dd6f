"""Messages that the reader's workers post to the main screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from ..archive.catalog import MeetingKey
from ..archive.reports import Report, Unavailable
from ..format.model import Problem
from ..query.language import Query
from ..query.search import Result, SearchIndex

if TYPE_CHECKING:
    from .watching import Changes


@dataclass
class Loaded(Message):
    """More briefings are in: the index holds every meeting loaded so far (None: no change)."""

    index: SearchIndex | None
    problems: tuple[Problem, ...]
    done: int
    total: int
    finished: bool
    quiet: bool = False  # the same catalog, now with its word index


@dataclass
class Filtered(Message):
    """A search finished: ``result`` answers ``query`` (typed as ``text``) over ``index``."""

    text: str
    query: Query
    index: SearchIndex
    result: Result
    best: bool
    """The user typed: highlight the best match."""
    keep: MeetingKey | None
    """Else keep this meeting highlighted, if it is in the result."""


@dataclass
class ReportRead(Message):
    """A briefing's report was read (or found unreadable) off the UI thread."""

    briefing_path: str
    report: Report | Unavailable


@dataclass
class FilesChanged(Message):
    """Briefing files under the archive changed on disk (posted by the file watch's thread)."""

    changes: Changes
