"""Small wording helpers shared by every output format and the reader."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Briefing

KIND_LABELS = {
    "bilateral": "bilateral",
    "multilateral": "multilateral",
    "call": "call",
    "visit": "visit",
    "other": "other",
}


def refs_text(refs: Sequence[int]) -> str:
    """Paragraph references as a reader writes them: ``¶2, ¶5``."""
    return ", ".join(f"¶{ref}" for ref in refs)


def source_line(briefing: Briefing) -> str:
    """``ANI (news report, 2 Jul 2025)``, or "" when the briefing names no source."""
    source = briefing.source
    if source is None:
        return ""
    details = [part for part in (source.kind, source.published.display if source.published else "") if part]
    name = source.name or "source"
    line = f"{name} ({', '.join(details)})" if details else name
    if source.url:
        line += f" {source.url}"
    return line


def plural(count: int, word: str) -> str:
    """``1 meeting``, ``2 meetings``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"
