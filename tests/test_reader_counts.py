"""``f`` facets and ``t`` timeline in the reader: counts of the visible list, a line chosen narrows the search."""

from __future__ import annotations

from textual.widgets import OptionList

from briefing.reader.screens.counts import CountsScreen
from tests.reader_app import TEST_ARCHIVES, main_screen, make_app, settle

PEOPLE = TEST_ARCHIVES / "people"


def lines(app: object) -> list[str]:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, CountsScreen)
    box = screen.query_one(OptionList)
    return [str(box.get_option_at_index(i).prompt) for i in range(box.option_count)]


async def test_facets_count_the_visible_list_by_declared_person_and_resolved_country() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        shown = lines(app)
        people = shown[shown.index(next(s for s in shown if s.startswith("People"))) + 1 :]
        assert people[0].split()[:3] == ["Marco", "Rubio", "3"]
        assert people[1].split()[:3] == ["Subrahmanyam", "Jaishankar", "3"]  # S. Jaishankar counted as him
        assert not any(line.startswith("S. Jaishankar") for line in shown)
        countries = [
            line.split("  ")[0].strip()
            for line in shown[shown.index(next(s for s in shown if s.startswith("Countries"))) + 1 :][:2]
        ]
        assert countries == ["India", "United States"]  # IN, U.S., USA, United States of America


async def test_choosing_a_facet_adds_its_query_to_the_search() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.search_for("kind:bilateral")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert "Facets of the 2 meetings of kind:bilateral" in str(app.screen.query_one("#counts-title").render())
        await pilot.press("enter")  # the first line: the person met most in these meetings
        await settle(pilot)
        assert screen.search_text == 'kind:bilateral person:"Marco Rubio"'
        assert len(screen.result) == 2


async def test_the_timeline_shows_empty_months_and_a_bar_filters_its_month() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        months = [line.split()[:3] for line in lines(app)]
        # The meeting dated "2025" counts in each month of it, as date:2025-MM finds it there.
        assert months[:3] == [["Jan", "2025", "1"], ["Feb", "2025", "1"], ["Mar", "2025", "3"]]
        assert months[5:7] == [["Jun", "2025", "3"], ["Jul", "2025", "1"]]
        assert lines(app)[-1].startswith("(dated only to more than a month")
        await pilot.press(*["down"] * 5, "enter")  # June
        await settle(pilot)
        screen = main_screen(app)
        assert screen.search_text == "date:2025-06"
        assert {screen.catalog.row(i).meeting.title for i in screen.result.rows} == {
            "Subrahmanyam Jaishankar and Marco Rubio again", "An undated call",  # at its briefing's date
            "A meeting of unnamed envoys",  # dated 2025
        }  # fmt: skip
        assert len(screen.result) == 3  # what the bar said


async def test_escape_closes_the_counts_and_leaves_the_search_alone() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main_screen(app).search_for("trade")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CountsScreen)
        assert main_screen(app).search_text == "trade"
