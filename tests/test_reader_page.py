"""A person's or a country's page in the reader: from Related, the palette and the facets; every line leads on."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList

from briefing.reader.commands import BriefingCommands
from briefing.reader.screens.page import PageScreen
from briefing.reader.widgets.meeting_detail import Link, MeetingDetail
from tests.reader_app import TEST_ARCHIVES, main_screen, make_app, settle

PEOPLE = TEST_ARCHIVES / "people"


def page(pilot: Pilot[object]) -> PageScreen:
    screen = pilot.app.screen
    assert isinstance(screen, PageScreen), screen
    return screen


def lines(pilot: Pilot[object]) -> list[str]:
    return [str(option.prompt) for option in page(pilot).query_one(OptionList).options]


async def palette(pilot: Pilot[object]) -> BriefingCommands:
    """The palette's provider of meetings, people and countries, started as the palette starts it."""
    await settle(pilot)
    provider = BriefingCommands(pilot.app.screen)
    await provider.startup()
    return provider


async def choose(pilot: Pilot[object], starts: str) -> None:
    """Highlight the first line starting with ``starts`` and press Enter."""
    box = page(pilot).query_one(OptionList)
    box.highlighted = next(i for i, line in enumerate(lines(pilot)) if line.startswith(starts))
    await pilot.press("enter")
    await settle(pilot)


async def test_a_person_chosen_under_related_has_a_page_across_spellings_that_leads_on() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.search_for("wong")  # a meeting that writes him "S. Jaishankar"
        await settle(pilot)
        detail = screen.query_one(MeetingDetail)
        detail.focus()
        detail.highlight(Link("person", "S. Jaishankar"))
        await pilot.press("enter")
        await settle(pilot)
        assert str(page(pilot).query_one("#page-title").render()) == "Person: Subrahmanyam Jaishankar"
        summary = str(page(pilot).query_one("#page-summary").render())
        assert summary == "3 meetings · 3 Mar 2025 – 2 Jun 2025 · 2 briefings · also written: S. Jaishankar"
        shown = lines(pilot)
        met = next(i for i, line in enumerate(shown) if line.startswith("Met most ("))
        roles = shown[shown.index("Roles") + 1 : met]
        assert roles == [
            "Minister of External Affairs  (2 Jun 2025 · 1 meeting)",
            "External Affairs Minister  (3 Mar 2025 · 1 meeting)",
            "Minister of External Affairs  (from 30 May 2019, in people.yaml)",
        ]
        assert shown[met] == "Met most (2 people)"
        assert [line.split("  ")[0] for line in shown[met + 1 : met + 3]] == ["Marco Rubio", "Penny Wong"]
        # A counterpart: his own page, over this one; Esc comes back.
        await choose(pilot, "Marco Rubio")
        assert str(page(pilot).query_one("#page-title").render()) == "Person: Marco Rubio"
        await pilot.press("escape")
        await settle(pilot)
        assert str(page(pilot).query_one("#page-title").render()) == "Person: Subrahmanyam Jaishankar"
        # A meeting: every meeting of his in the list, that one highlighted (not the newest).
        await choose(pilot, "3 Mar 2025")
        assert app.screen is screen
        assert screen.search_text == 'person:"Subrahmanyam Jaishankar"'
        assert len(screen.result) == 3
        assert screen.catalog.row(screen.highlighted).meeting.title == "Jaishankar meets Rubio"


async def test_a_topic_on_a_page_narrows_to_the_meetings_of_both() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main_screen(app).open_page("country", "U.S.")
        await settle(pilot)
        assert str(page(pilot).query_one("#page-title").render()) == "Country or group: United States"
        assert "also written: U.S., United States of America, USA" in str(
            page(pilot).query_one("#page-summary").render()
        )
        await choose(pilot, "Trade")
        screen = main_screen(app)
        assert screen.search_text == 'country:"United States" topic:"Trade"'
        assert [screen.catalog.row(i).meeting.title for i in screen.result.rows] == ["Jaishankar meets Rubio"]


async def test_the_palette_and_the_facets_open_pages() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        provider = await palette(pilot)
        hit = next(hit for hit in [hit async for hit in provider.search("wang")] if hit.text == "person: Wang Yi")
        hit.command()
        await settle(pilot)
        assert str(page(pilot).query_one("#page-title").render()) == "Person: Wang Yi"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        await pilot.press("down", "p")  # the second person counted: Subrahmanyam Jaishankar
        await settle(pilot)
        assert str(page(pilot).query_one("#page-title").render()) == "Person: Subrahmanyam Jaishankar"


async def test_the_palette_finds_a_country_however_it_is_typed() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        provider = await palette(pilot)
        for typed in ("usa", "U.S.", "united"):
            texts = [hit.text async for hit in provider.search(typed)]
            assert "country: United States" in texts, (typed, texts)
