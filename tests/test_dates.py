"""Dates are shown as written and sort by their earliest day."""

from __future__ import annotations

import pytest

from briefing.format.dates import DateError, parse_date, parse_iso_span


@pytest.mark.parametrize(
    ("text", "display", "earliest", "latest"),
    [
        ("2025-07-01", "1 Jul 2025", "2025-07-01", "2025-07-01"),
        ("2025-07", "July 2025", "2025-07-01", "2025-07-31"),
        ("2025", "2025", "2025-01-01", "2025-12-31"),
        ("2025-07-01~", "c. 1 Jul 2025", "2025-07-01", "2025-07-01"),
        ("2025-07~", "c. July 2025", "2025-07-01", "2025-07-31"),
        ("2025?", "2025?", "2025-01-01", "2025-12-31"),
        ("2024-02", "February 2024", "2024-02-01", "2024-02-29"),
        ("2025-06-30/2025-07-02", "30 Jun 2025 – 2 Jul 2025", "2025-06-30", "2025-07-02"),
        ("2025-06/2025-07~", "June 2025 – c. July 2025", "2025-06-01", "2025-07-31"),
    ],
)
def test_dates_are_shown_as_written(text: str, display: str, earliest: str, latest: str) -> None:
    date = parse_date(text)
    assert (date.text, date.display, date.earliest, date.latest) == (text, display, earliest, latest)


@pytest.mark.parametrize(
    "text",
    [
        "2025-02-30",
        "2025-13",
        "2025-00-10",
        "25-07-01",
        "July 2025",
        "2025-7-1",
        "2025-07-01~?",
        "0000",
        "2025-07-02/2025-07-01",
        "",
        "202৪",  # a Bengali 4, which looks like an 8: dates take ASCII digits only
        "２０２５",
        "2025-0٧",
        "13/03/2025",
    ],
)
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text)


def test_an_error_quotes_the_whole_value_as_written() -> None:
    with pytest.raises(DateError, match=r"^'13/03/2025' is not a date"):
        parse_date("13/03/2025")


def test_sorting_uses_the_earliest_day() -> None:
    dates = [parse_date(t) for t in ("2025", "2025-07~", "2025-06-15", "2024-12-31/2025-01-02")]
    assert [d.text for d in sorted(dates, key=lambda d: d.earliest)] == [
        "2024-12-31/2025-01-02",
        "2025",
        "2025-06-15",
        "2025-07~",
    ]


def test_query_spans() -> None:
    assert parse_iso_span("2025-07") == ("2025-07-01", "2025-07-31")
    assert parse_iso_span("2025-06-01..2025-07-31") == ("2025-06-01", "2025-07-31")
    assert parse_iso_span("..2025") == ("0001-01-01", "2025-12-31")


@pytest.mark.parametrize(
    ("text", "latest"),
    [
        ("2024-02", "2024-02-29"),
        ("2023-02", "2023-02-28"),
        ("1900-02", "1900-02-28"),
        ("2000-02", "2000-02-29"),
        ("2025-04", "2025-04-30"),
        ("2025-12", "2025-12-31"),
    ],
)
def test_month_lengths_and_leap_years(text: str, latest: str) -> None:
    assert parse_date(text).latest == latest


@pytest.mark.parametrize(
    "written",
    ["2025-07-01", "2025-07", "2025", "2025-07~", "2025?", "2025-06-30/2025-07-02", "2024/2025", "2025-02/2025-03",
     "2024-02~"],
)  # fmt: skip
def test_the_iso_display_of_a_date_is_the_date_as_written(written: str) -> None:
    from briefing.format.dates import iso_display

    date = parse_date(written)
    assert iso_display(date.earliest, date.latest, date.display) == written


def test_days_in_month_follow_the_gregorian_calendar() -> None:
    import calendar

    from briefing.format.dates import days_in_month

    assert [days_in_month(year, 2) for year in (1900, 2000, 2023, 2024)] == [28, 29, 28, 29]
    assert all(days_in_month(y, m) == calendar.monthrange(y, m)[1] for y in range(1600, 2500) for m in range(1, 13))
