"""A person's or a country's page, as plain data: their meetings, roles, counterparts, countries, topics, months."""

from __future__ import annotations

from briefing.archive.loader import load_catalog
from briefing.query.profile import Profile, profile
from briefing.query.search import SearchIndex
from tests.helpers import TEST_DATA


def page(by: str, value: str) -> Profile:
    loaded = load_catalog([str(TEST_DATA / "people")], use_cache=False)
    return profile(SearchIndex(loaded.catalog), by, value)


def values(counts: object) -> list[tuple[str, int]]:
    return [(count.value, count.meetings) for count in counts.counts]  # type: ignore[attr-defined]


def test_a_person_written_two_ways_is_one_page_with_every_meeting_and_role() -> None:
    jaishankar = page("person", "S. Jaishankar")  # as one briefing writes him: the declared person's page
    assert jaishankar.name == "Subrahmanyam Jaishankar"
    assert jaishankar.forms == ("S. Jaishankar",)
    assert len(jaishankar.rows) == 3
    assert (jaishankar.first, jaishankar.last, jaishankar.briefings) == ("2025-03-03", "2025-06-02", 2)
    assert [(r.role, r.first, r.last, r.meetings) for r in jaishankar.roles] == [
        ("Minister of External Affairs", "2025-06-02", "2025-06-02", 1),
        ("External Affairs Minister", "2025-03-03", "2025-03-03", 1),
    ]
    assert [role.role for role in jaishankar.declared] == ["Minister of External Affairs"]
    assert values(jaishankar.counterparts) == [("Marco Rubio", 2), ("Penny Wong", 1)]  # never himself
    assert jaishankar.counterparts.distinct == 2
    assert values(jaishankar.countries) == [("India", 3), ("United States", 2), ("Australia", 1)]
    assert values(jaishankar.topics) == [("Trade", 2), ("Defence", 1), ("Quad", 1)]
    assert values(jaishankar.timeline) == [("2025-03", 2), ("2025-04", 0), ("2025-05", 0), ("2025-06", 1)]


def test_a_country_page_gathers_its_spellings_and_leaves_itself_out_of_its_counterparts() -> None:
    us = page("country", "usa")
    assert us.name == "United States"
    assert us.forms == ("U.S.", "United States of America", "USA")
    assert len(us.rows) == 3
    assert values(us.countries) == [("India", 2), ("China", 1)]
    assert values(us.counterparts)[0] == ("Marco Rubio", 3)
    assert us.roles == () and us.declared == ()


def test_a_value_that_names_no_country_has_a_page_as_written() -> None:
    eu = page("country", "European Union")
    assert (eu.name, len(eu.rows), eu.forms) == ("European Union", 1, ())
    assert values(eu.counterparts) == []  # an envoy known only by role: nobody named
