"""Dates as reports give them: a day, a month or a year, maybe approximate.

A :class:`FuzzyDate` keeps the text as written and shows it without padding it
into a false precision: ``2025-07`` is "July 2025", never "1 Jul 2025".
"""

from __future__ import annotations

import re
from typing import NamedTuple

_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?])?$")

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


class DateError(ValueError):
    """A date that does not follow the format (the message says why)."""


class FuzzyDate(NamedTuple):
    """A date as written, with the first and last day it may stand for.

    ``earliest`` and ``latest`` are ISO ``YYYY-MM-DD`` strings, so they sort and
    serialise as they are.
    """

    text: str
    earliest: str
    latest: str
    display: str


def _parse_part(text: str) -> tuple[str, str, str]:
    """Parse one ``YYYY[-MM[-DD]][~?]``; return (earliest, latest, display)."""
    match = _PART.match(text)
    if match is None:
        raise DateError(f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY, optionally with ~ or ?")
    year_s, month_s, day_s, mark = match.groups()
    year = int(year_s)
    if year == 0:
        raise DateError(f"{text!r}: there is no year 0")
    if month_s is None:
        earliest, latest, display = _iso(year, 1, 1), _iso(year, 12, 31), year_s
    else:
        month = int(month_s)
        if not 1 <= month <= 12:
            raise DateError(f"{text!r}: month {month_s} does not exist")
        last_day = _days_in(year, month)
        if day_s is None:
            earliest, latest = _iso(year, month, 1), _iso(year, month, last_day)
            display = f"{MONTHS[month - 1]} {year_s}"
        else:
            day = int(day_s)
            if not 1 <= day <= last_day:
                raise DateError(f"{text!r}: {MONTHS[month - 1]} {year_s} has no day {day_s}")
            earliest = latest = _iso(year, month, day)
            display = f"{day} {MONTHS[month - 1][:3]} {year_s}"
    if mark == "~":
        display = f"c. {display}"
    elif mark == "?":
        display = f"{display}?"
    return earliest, latest, display


def parse_date(text: str) -> FuzzyDate:
    """Parse a date of the briefing format, or raise :class:`DateError`.

    >>> parse_date("2025-07~").display
    'c. July 2025'
    """
    text = text.strip()
    if "/" in text:
        start_text, _, end_text = text.partition("/")
        start = _parse_part(start_text.strip())
        end = _parse_part(end_text.strip())
        if end[1] < start[0]:
            raise DateError(f"{text!r}: the interval ends before it starts")
        return FuzzyDate(text, start[0], end[1], f"{start[2]} – {end[2]}")
    earliest, latest, display = _parse_part(text)
    return FuzzyDate(text, earliest, latest, display)


def parse_iso_span(text: str) -> tuple[str, str]:
    """Parse ``date:`` query values: a fuzzy date or ``START..END``; return ISO bounds."""
    if ".." in text:
        start_text, _, end_text = text.partition("..")
        start = parse_date(start_text).earliest if start_text else "0001-01-01"
        end = parse_date(end_text).latest if end_text else "9999-12-31"
        return start, end
    date = parse_date(text)
    return date.earliest, date.latest
