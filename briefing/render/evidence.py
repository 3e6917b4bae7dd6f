"""The report's own words behind each fact, for every output that quotes them (``summary --evidence``, copies).

A fact cites paragraphs by number; a quote is the paragraph's text, or a note
that the report has no such paragraph. Quotes are plain text from the
neutralised report: each output escapes them as it escapes any data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..archive.reports import Report, Unavailable, check_refs
from ..format.model import Briefing
from .common import plural, refs_runs

EvidenceOf = Callable[[Briefing], "Report | Unavailable"]
"""Where an output gets the report of a briefing (read on demand, remembered for a while)."""


class Quote(NamedTuple):
    """One cited paragraph: its number and text (None: the report has no such paragraph)."""

    ref: int
    text: str | None

    def missing_note(self, count: int) -> str:
        """What stands in for a paragraph the report does not have."""
        return f"not in the report (it has {plural(count, 'paragraph')})"


class Evidence:
    """The quotes of one briefing's facts, for an output that prints them after each fact."""

    def __init__(self, report: Report | Unavailable) -> None:
        self.report = report

    @property
    def available(self) -> bool:
        """Whether the report's text could be read."""
        return isinstance(self.report, Report)

    def of(self, refs: Sequence[int]) -> list[Quote]:
        """The cited paragraphs (none when the report cannot be read: the header says why once)."""
        return quotes(refs, self.report) if isinstance(self.report, Report) else []

    def note(self, quote: Quote) -> str:
        """A quote's text as one line, or what stands in for a paragraph the report lacks."""
        if quote.text is not None:
            return " ".join(quote.text.split())
        count = len(self.report.paragraphs) if isinstance(self.report, Report) else 0
        return quote.missing_note(count)

    def status(self) -> str:
        """One line for the briefing's header: what the quotes come from, or why there are none."""
        if isinstance(self.report, Report):
            return f"source text: {plural(len(self.report.paragraphs), 'paragraph')}"
        return self.report.reason


def quotes(refs: Sequence[int], report: Report) -> list[Quote]:
    """The paragraphs ``refs`` cite, in the order cited, each once."""
    out: list[Quote] = []
    seen: set[int] = set()
    for ref in refs:
        if ref in seen:
            continue
        seen.add(ref)
        out.append(Quote(ref, report.paragraphs[ref - 1] if 1 <= ref <= len(report.paragraphs) else None))
    return out


def source_status(report: Report | Unavailable, cited: Sequence[int] = ()) -> str:
    """One line on a briefing's source text (or a meeting's, that cites ``cited``).

    ``source text: ¶2–9 of 10`` · ``source text: 10 paragraphs`` · ``no source text: add `source.file``` · why not.
    """
    if isinstance(report, Unavailable):
        return report.reason
    count = len(report.paragraphs)
    present = [ref for ref in cited if 1 <= ref <= count]
    missing = check_refs(cited, count)
    if not present:
        line = f"source text: {plural(count, 'paragraph')}"
    else:
        line = f"source text: {refs_runs(present)} of {count}"
    if missing:
        line += f" ({', '.join(f'¶{ref}' for ref in missing)} not in the report)"
    return line
