"""Messages that workers post to the main screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..model import Problem
from ..query import Query
from ..search import SearchIndex


@dataclass
class Loaded(Message):
    """More briefings are in: the index holds every meeting loaded so far (None: no change)."""

    index: SearchIndex | None
    problems: tuple[Problem, ...]
    done: int
    total: int
    finished: bool
    quiet: bool = False  # the same catalog, now with a word or field index


@dataclass
class Filtered(Message):
    """A search finished: ``visible`` are the matching rows of ``index``."""

    text: str
    query: Query
    index: SearchIndex
    visible: list[int] | range
