"""Dates as reports give them: a day, a month or a year, maybe approximate.

A :class:`FuzzyDate` keeps the text as written and shows it without padding it
into a false precision: ``2025-07`` is "July 2025", never "1 Jul 2025".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """Days in ``month`` (1-12) of ``year`` in the Gregorian calendar (``calendar`` costs 10 ms to import)."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1]


# ASCII digits only: `\d` would take digits of any script (a Bengali ৪ looks like an 8).
_PART = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?])?$")

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


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


FORMS = "use YYYY-MM-DD, YYYY-MM or YYYY, optionally with ~ or ?, or START/END"


def _parse_part(text: str, whole: str) -> tuple[str, str, str]:
    """Parse one ``YYYY[-MM[-DD]][~?]``; return (earliest, latest, display).

    Errors quote ``whole``, the value as written (``text`` may be one end of an interval).
    """
    match = _PART.match(text)
    if match is None:
        raise DateError(f"{whole!r} is not a date: {FORMS}")
    year_s, month_s, day_s, mark = match.groups()
    year = int(year_s)
    if year == 0:
        raise DateError(f"{whole!r}: there is no year 0")
    if month_s is None:
        earliest, latest, display = _iso(year, 1, 1), _iso(year, 12, 31), year_s
    else:
        month = int(month_s)
        if not 1 <= month <= 12:
            raise DateError(f"{whole!r}: month {month_s} does not exist")
        last_day = days_in_month(year, month)
        if day_s is None:
            earliest, latest = _iso(year, month, 1), _iso(year, month, last_day)
            display = f"{MONTHS[month - 1]} {year_s}"
        else:
            day = int(day_s)
            if not 1 <= day <= last_day:
                raise DateError(f"{whole!r}: {MONTHS[month - 1]} {year_s} has no day {day_s}")
            earliest = latest = _iso(year, month, day)
            display = f"{day} {MONTHS[month - 1][:3]} {year_s}"
    if mark == "~":
        display = f"c. {display}"
    elif mark == "?":
        display = f"{display}?"
    return earliest, latest, display


@lru_cache(maxsize=4096)  # an archive writes the same few thousand dates over and over; errors are not kept
def parse_date(text: str) -> FuzzyDate:
    """Parse a date of the briefing format, or raise :class:`DateError`.

    >>> parse_date("2025-07~").display
    'c. July 2025'
    """
    text = text.strip()
    if "/" in text:
        start_text, _, end_text = text.partition("/")
        start = _parse_part(start_text.strip(), text)
        end = _parse_part(end_text.strip(), text)
        if end[1] < start[0]:
            raise DateError(f"{text!r}: the interval ends before it starts")
        return FuzzyDate(text, start[0], end[1], f"{start[2]} – {end[2]}")
    earliest, latest, display = _parse_part(text, text)
    return FuzzyDate(text, earliest, latest, display)


def parse_iso_span(text: str) -> tuple[str, str]:
    """Parse ``date:`` query values: a fuzzy date or ``START..END``; return ISO bounds."""
    if ".." in text:
        start_text, _, end_text = text.partition("..")
        start = parse_date(start_text).earliest if start_text else "0001-01-01"
        end = parse_date(end_text).latest if end_text else "9999-12-31"
        if end < start:
            raise DateError(f"{text!r}: the range ends before it starts")
        return start, end
    date = parse_date(text)
    return date.earliest, date.latest


def iso_display(earliest: str, latest: str, display: str) -> str:
    """A date in ISO form, as short as its span allows: ``2025-07-01``, ``2025-07``, ``2025``, ``2024/2025``.

    From a date's span and its display (which says whether it is approximate: ``c. …`` → ``~``, ``…?`` → ``?``).
    """
    whole_years = earliest[5:] == "01-01" and latest[5:] == "12-31"
    month_end = f"{days_in_month(int(latest[:4]), int(latest[5:7])):02d}"
    if earliest == latest:
        text = earliest
    elif whole_years:
        text = earliest[:4] if earliest[:4] == latest[:4] else f"{earliest[:4]}/{latest[:4]}"
    elif earliest[8:] == "01" and latest[8:] == month_end:
        text = earliest[:7] if earliest[:7] == latest[:7] else f"{earliest[:7]}/{latest[:7]}"
    else:
        text = f"{earliest}/{latest}"
    return f"{text}~" if display.startswith("c. ") else f"{text}?" if display.endswith("?") else text


def short_display(date: FuzzyDate) -> str:
    """The date in at most about 17 cells, for a list column: months abbreviated, an interval's repeats dropped.

    ``30 Jun 2025``, ``Sep 2025``, ``c. Jul 2025``, ``30 Jun–2 Jul 2025``, ``2024–2025?``.
    """
    if "/" not in date.text:
        return _short_part(date.text.strip())
    start_text, _, end_text = date.text.partition("/")
    start, end = _short_part(start_text.strip()), _short_part(end_text.strip())
    start_words, end_words = start.split(" "), end.split(" ")
    # Drop from the start what the end repeats: "30 Jun 2025–2 Jul 2025" → "30 Jun–2 Jul 2025".
    if start_words[-1] == end_words[-1] and len(start_words) > 1 and len(end_words) > 1:
        same_month = len(start_words) == len(end_words) == 3 and start_words[1] == end_words[1]
        start_words = start_words[:1] if same_month else start_words[:-1]
    return f"{' '.join(start_words)}–{end}"


def _short_part(text: str) -> str:
    match = _PART.match(text)
    if match is None:
        return text
    year, month, day, mark = match.groups()
    if month is None:
        out = year
    elif day is None:
        out = f"{MONTHS[int(month) - 1][:3]} {year}"
    else:
        out = f"{int(day)} {MONTHS[int(month) - 1][:3]} {year}"
    return f"c. {out}" if mark == "~" else f"{out}?" if mark == "?" else out
