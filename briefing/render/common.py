"""Small wording helpers shared by every output format and the reader."""

from __future__ import annotations

from collections.abc import Sequence

from ..format.dates import FuzzyDate
from ..format.model import Briefing

UNDATED = "date not stated"
MAX_CHARACTERS = 10_000
"""Characters of one field shown on a screen; the rest is counted (a 2 MB summary must not freeze it)."""
MAX_ITEMS = 200
"""Participants, topics or outcomes shown per meeting on a screen; the rest are counted."""


def one_line(text: str) -> str:
    """``text`` for a place that holds one line: newline, tab and carriage return shown as spaces."""
    return text.replace("\n", " ").replace("\t", " ").replace("\r", " ")


def bounded(text: str, limit: int = MAX_CHARACTERS) -> str:
    """``text``, cut at ``limit`` characters with a note of how many more there are."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def more_line(count: int, what: str) -> str:
    """``… and 199,800 more participants``."""
    return f"… and {count:,} more {what}"


def refs_text(refs: Sequence[int]) -> str:
    """Paragraph references as a reader writes them: ``¶2, ¶5``."""
    return ", ".join(f"¶{ref}" for ref in refs)


def refs_runs(refs: Sequence[int]) -> str:
    """Paragraph numbers with runs of three or more joined, exactly: ``¶1, ¶5`` · ``¶2–4, ¶9`` (no range with a gap)."""
    runs: list[list[int]] = []
    for number in sorted(set(refs)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = []
    for run in runs:
        parts += [f"¶{run[0]}–{run[-1]}"] if len(run) > 2 else [f"¶{n}" for n in run]
    return ", ".join(parts)


def date_text(date: FuzzyDate | None) -> str:
    """A date as shown, or "date not stated"."""
    return date.display if date is not None else UNDATED


def source_line(briefing: Briefing) -> str:
    """``ANI (news report, 2 Jul 2025)``, or "" when the briefing names no source.

    The URL is not part of it: where it is shown, it is shown in full on its own.
    """
    source = briefing.source
    if source is None:
        return ""
    details = [part for part in (source.kind, source.published.display if source.published else "") if part]
    name = source.name or "source"
    return f"{name} ({', '.join(details)})" if details else name


def plural(count: int, word: str) -> str:
    """``1 meeting``, ``2 meetings``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"
