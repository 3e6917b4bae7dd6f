"""iCalendar export: rendered, then read back with ``icalendar.Calendar.from_ical``."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from icalendar import Calendar, Component

from briefing.format.dates import parse_date
from briefing.format.model import Briefing, Meeting
from briefing.render.ics_export import PRODID, render_ics, uid_of
from tests.export_data import HYPERLINK, QUOTED, Group, groups, project_groups, sample

NOW = datetime(2025, 7, 3, 12, 30, 0, tzinfo=UTC)


def render(data: list[Group] | None = None, now: datetime | None = NOW) -> tuple[Calendar, int]:
    raw, undated = render_ics(groups() if data is None else data, now=now)
    return Calendar.from_ical(raw), undated


def events(data: list[Group] | None = None) -> dict[str, Component]:
    """The events by their UID's meeting part."""
    calendar, _ = render(data)
    return {str(e["UID"]).split("/")[1].split("@")[0]: e for e in calendar.walk("VEVENT")}


def value(component: Component, name: str) -> Any:
    """The Python value of a date, date-time or duration property (icalendar types it as a union of all kinds)."""
    prop: Any = component[name]
    return prop.dt


def day(component: Component, name: str) -> date:
    found = value(component, name)
    assert type(found) is date, found  # a date, not a datetime (a datetime is a date too)
    return found


def span(event: Component) -> tuple[date, date]:
    return day(event, "DTSTART"), day(event, "DTEND")


def test_calendar_properties() -> None:
    raw, _ = render_ics(groups(), now=NOW)
    calendar = Calendar.from_ical(raw)
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded by the library


def test_a_day_is_one_all_day_event() -> None:
    raw, _ = render_ics(groups(), now=NOW)
    assert b"DTSTART;VALUE=DATE:20250701\r\n" in raw
    assert span(events()["jaishankar-rubio"]) == (date(2025, 7, 1), date(2025, 7, 2))


def test_month_year_and_interval_span_every_day_they_may_be() -> None:
    found = events()
    assert span(found["quad"]) == (date(2025, 7, 1), date(2025, 8, 1))
    assert span(found["year"]) == (date(2024, 1, 1), date(2025, 1, 1))
    assert span(found["summit"]) == (date(2025, 6, 30), date(2025, 7, 3))
    assert span(found["leap"]) == (date(2024, 2, 1), date(2024, 3, 1))


def test_approximate_and_uncertain_dates_are_said() -> None:
    found = events()
    assert str(found["quad"]["SUMMARY"]) == "Quad Foreign Ministers' Meeting (date approximate)"
    assert "The date is approximate." in str(found["quad"]["DESCRIPTION"])
    assert str(found["year"]["SUMMARY"]) == "Year-long dialogue (date uncertain)"
    assert "The date is uncertain." in str(found["year"]["DESCRIPTION"])
    for exact in ("summit", "leap"):
        assert "(date" not in str(found[exact]["SUMMARY"])
        assert "The date is" not in str(found[exact]["DESCRIPTION"])


def test_both_marks_in_an_interval() -> None:
    briefing = sample()._replace(meetings=(Meeting("m", "Talks", (), parse_date("2025-06~/2025-07?")),))
    event = events([(briefing, list(briefing.meetings))])["m"]
    assert str(event["SUMMARY"]) == "Talks (date approximate and uncertain)"


def test_the_last_representable_day_ends_by_duration() -> None:
    briefing = sample()._replace(meetings=(Meeting("m", "Far", (), parse_date("9999-12")),))
    event = events([(briefing, list(briefing.meetings))])["m"]
    assert day(event, "DTSTART") == date(9999, 12, 1)
    assert "DTEND" not in event
    assert value(event, "DURATION") == timedelta(days=31)


def test_undated_meetings_are_left_out_and_counted() -> None:
    calendar, undated = render()
    assert undated == 2  # one in a dated briefing, one in a briefing whose date could not be read
    titles = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert "Talks on a day not stated" not in titles and "Undated talks" not in titles
    assert "Dated talks" in titles
    assert len(calendar.walk("VEVENT")) == sum(len(ms) for _, ms in groups()) - undated


def test_uids_are_stable_and_distinct() -> None:
    first, _ = render(now=NOW)
    second, _ = render(now=NOW + timedelta(days=30))
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in second.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert uids[0] == "washington-2025/jaishankar-rubio@briefing"


def test_uids_are_percent_encoded() -> None:
    assert uid_of("odd id/é#2", "no date") == "odd%20id%2F%C3%A9%232/no%20date@briefing"
    for event in render()[0].walk("VEVENT"):
        assert re.fullmatch(r"[A-Za-z0-9_.~%-]+/[A-Za-z0-9_.~%-]+(/[0-9]+)?@briefing", str(event["UID"]))


def test_a_pair_given_twice_gets_numbered_uids() -> None:
    briefing = sample()
    twice: list[Group] = [(briefing, [briefing.meetings[0]]), (briefing, [briefing.meetings[0]])]
    uids = [str(e["UID"]) for e in render(twice)[0].walk("VEVENT")]
    assert uids == ["washington-2025/jaishankar-rubio@briefing", "washington-2025/jaishankar-rubio/2@briefing"]


def test_same_input_same_bytes() -> None:
    assert render_ics(groups(), now=NOW) == render_ics(groups(), now=NOW)


def test_dtstamp() -> None:
    assert all(value(e, "DTSTAMP") == NOW for e in render()[0].walk("VEVENT"))
    naive, _ = render(now=datetime(2025, 7, 3, 12, 30))
    assert value(naive.walk("VEVENT")[0], "DTSTAMP") == NOW
    plus_two = timezone(timedelta(hours=2))
    shifted, _ = render(now=datetime(2025, 7, 3, 14, 30, tzinfo=plus_two))
    assert value(shifted.walk("VEVENT")[0], "DTSTAMP") == NOW
    before = datetime.now(UTC).replace(microsecond=0)
    default, _ = render(now=None)
    stamp: datetime = value(default.walk("VEVENT")[0], "DTSTAMP")
    assert stamp.utcoffset() == timedelta(0) and before <= stamp <= datetime.now(UTC)


def test_text_with_commas_semicolons_backslashes_and_newlines_round_trips() -> None:
    event = events()["jaishankar-rubio"]
    assert str(event["SUMMARY"]) == HYPERLINK
    assert str(event["LOCATION"]) == "State Department, Washington, DC"
    assert QUOTED in str(event["DESCRIPTION"])
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_description_fields() -> None:
    text = str(events()["jaishankar-rubio"]["DESCRIPTION"])
    for line in (
        "Date as written: 2025-07-01 (1 Jul 2025)",
        "Kind: bilateral",
        "Context: alongside the QFMM",
        "Line one.\nLine two.",
        "Participants:\n- S. Jaishankar, External Affairs Minister, India (¶2)\n- +1, Secretary of State,",
        "- @SUM(A1), Japan, -2\n",
        "Topics:\n- Trade (¶2)\n- Indo-Pacific; maritime: Supply chains,\nresilient (¶4)",
        f"Outcomes:\n- commitment: {QUOTED} (¶4)\n- plan: -2 tariffs",
        "Briefing: Jaishankar's Washington round",
        "Source: ANI (news report, 2 Jul 2025)",
        "URL: https://example.org/a?b=1,c",
        "Report text: ani.txt",
        "Paragraphs: ¶2, ¶5",
        "File: data/washington.yaml",
    ):
        assert line in text, line


def test_a_briefing_without_source_or_place() -> None:
    briefing = Briefing("b", "Plain", None, (Meeting("m", "Talks", (), parse_date("2020")),), "b.yaml")
    event = events([(briefing, list(briefing.meetings))])["m"]
    assert "LOCATION" not in event and "CATEGORIES" not in event
    text = str(event["DESCRIPTION"])
    assert "Source:" not in text and "URL:" not in text and text.endswith("File: b.yaml")


def test_project_data() -> None:
    data = project_groups()
    calendar, undated = render(data)
    meetings = [m for _, ms in data for m in ms]
    assert len(calendar.walk("VEVENT")) + undated == len(meetings)
    assert undated == sum(m.date is None for m in meetings)
    assert [str(e["SUMMARY"]).split(" (date")[0] for e in calendar.walk("VEVENT")] == [
        m.title for m in meetings if m.date is not None
    ]


def test_empty_export() -> None:
    calendar, undated = render([])
    assert undated == 0 and calendar.walk("VEVENT") == []


def test_icalendar_is_imported_on_first_use() -> None:
    code = "import sys, briefing.render.ics_export; assert 'icalendar' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
