"""Small wording helpers shared by every output format and the reader."""

from __future__ import annotations

from collections.abc import Sequence

from ..format.dates import FuzzyDate
from ..format.model import Briefing

UNDATED = "date not stated"


def refs_text(refs: Sequence[int]) -> str:
    """Paragraph references as a reader writes them: ``¶2, ¶5``."""
    return ", ".join(f"¶{ref}" for ref in refs)


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
