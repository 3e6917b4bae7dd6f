"""``f`` facets and ``t`` timeline in the reader: counts of the visible list that follow the search."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList

from briefing.reader.widgets.counts_panel import CountsPanel
from tests.reader_app import TEST_ARCHIVES, main_screen, make_app, settle

PEOPLE = TEST_ARCHIVES / "people"


async def counted(pilot: Pilot[object]) -> CountsPanel:
    """The counts panel, once its lines are the counts of the list on screen."""
    panel = pilot.app.screen.query_one(CountsPanel)
    for _ in range(100):
        await settle(pilot)
        if panel.up_to_date:
            return panel
        await pilot.pause(0.05)
    raise AssertionError("the counts never caught up with the list")


def lines(panel: CountsPanel, *, counts_only: bool = False) -> list[str]:
    """The panel's lines (only those of a count: no heading, no bracketed row)."""
    options = panel.query_one(OptionList).options
    return [str(option.prompt) for option in options if not (counts_only and option.disabled)]


def section(panel: CountsPanel, heading: str) -> list[str]:
    """The count lines under a facet's heading."""
    options = panel.query_one(OptionList).options
    start = next(i for i, option in enumerate(options) if str(option.prompt).startswith(heading)) + 1
    end = next((i for i in range(start, len(options)) if options[i].disabled), len(options))
    return [str(option.prompt) for option in options[start:end]]


def title(panel: CountsPanel) -> str:
    return str(panel.query_one("#counts-title").render())


async def test_facets_count_the_visible_list_by_declared_person_and_resolved_country() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        panel = await counted(pilot)
        shown = lines(panel)
        people = section(panel, "People")
        assert people[0].split()[:3] == ["Marco", "Rubio", "3"]
        assert people[1].split()[:3] == ["Subrahmanyam", "Jaishankar", "3"]  # S. Jaishankar counted as him
        assert not any(line.startswith("S. Jaishankar") for line in shown)
        countries = [line.split("  ")[0].strip() for line in section(panel, "Countries")[:2]]
        assert countries == ["India", "United States"]  # IN, U.S., USA, United States of America


async def test_choosing_a_facet_adds_its_query_and_the_facets_follow_the_search() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.search_for("kind:bilateral")
        await settle(pilot)
        await pilot.press("f")
        panel = await counted(pilot)
        assert title(panel) == "Facets of the 2 meetings of kind:bilateral"
        await pilot.press("enter")  # the first line: the person met most in these meetings
        panel = await counted(pilot)
        assert screen.search_text == 'kind:bilateral person:"Marco Rubio"'
        assert len(screen.result) == 2
        assert panel.query_one(OptionList).has_focus  # still on the counts, for the next choice
        # Typing in the box: the counts follow what the list shows.
        await pilot.press("slash", "end", *" defence")
        panel = await counted(pilot)
        assert title(panel) == 'Facets of the 1 meeting of kind:bilateral person:"Marco Rubio" defence'
        assert [line.split()[:2] for line in section(panel, "Topics")] == [["Defence", "1"]]
        await pilot.press(*"zzz")  # nothing matches: the counts say so, not the counts of before
        panel = await counted(pilot)
        assert str(panel.query_one("#counts-status").render()) == "Nothing to count: no meeting matches the search."


async def test_while_a_newer_count_is_under_way_the_panel_says_so() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        panel = await counted(pilot)
        main_screen(app).search_for("trade")  # no pause: the timer has not counted it yet
        assert str(panel.query_one("#counts-status").render()) == "Counting…"
        assert title(panel) == "Facets of every meeting"  # the lines still shown are those of every meeting
        panel = await counted(pilot)
        assert title(panel).endswith("meetings of trade")


async def test_the_timeline_shows_empty_months_and_a_bar_filters_its_month() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        panel = await counted(pilot)
        months = [line.split()[:3] for line in lines(panel)]
        # The meeting dated "2025" counts in each month of it, as date:2025-MM finds it there.
        assert months[:3] == [["Jan", "2025", "1"], ["Feb", "2025", "1"], ["Mar", "2025", "3"]]
        assert months[5:7] == [["Jun", "2025", "3"], ["Jul", "2025", "1"]]
        assert lines(panel)[-1].startswith("(dated only to more than a month")
        await pilot.press(*["down"] * 5, "enter")  # June
        panel = await counted(pilot)
        screen = main_screen(app)
        assert screen.search_text == "date:2025-06"
        assert {screen.catalog.row(i).meeting.title for i in screen.result.rows} == {
            "Subrahmanyam Jaishankar and Marco Rubio again", "An undated call",  # at its briefing's date
            "A meeting of unnamed envoys",  # dated 2025
        }  # fmt: skip
        assert len(screen.result) == 3  # what the bar said
        # A month's meetings (the one dated 2025 left out): the timeline goes by week, named by its Monday.
        await pilot.press("slash", "end", *" -envoys")
        panel = await counted(pilot)
        assert [line.split()[:5] for line in lines(panel)] == [
            ["w/c", "2", "Jun", "2025", "1"], ["w/c", "9", "Jun", "2025", "0"], ["w/c", "16", "Jun", "2025", "0"],
            ["w/c", "23", "Jun", "2025", "0"], ["w/c", "30", "Jun", "2025", "1"],
        ]  # fmt: skip


async def test_escape_closes_the_counts_and_leaves_the_search_alone() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main_screen(app).search_for("trade")
        await settle(pilot)
        await pilot.press("f")
        panel = await counted(pilot)
        assert panel.display and not app.screen.query_one("#detail").display
        await pilot.press("escape")
        await settle(pilot)
        assert not panel.display and app.screen.query_one("#detail").display
        assert main_screen(app).search_text == "trade"
        await pilot.press("f")
        await counted(pilot)
        await pilot.press("f")  # f again closes, too
        await settle(pilot)
        assert not panel.display


async def test_a_count_finishing_late_never_replaces_the_count_of_the_list_shown() -> None:
    from briefing.query.tally import tally_of
    from briefing.reader.widgets.counts_panel import Counted

    app = make_app(PEOPLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await counted(pilot)
        screen = main_screen(app)
        every = screen.result.rows
        screen.search_for("trade")
        panel = await counted(pilot)
        # The count of every meeting, from a thread that was slow to finish, arrives after that of "trade".
        late = [tally_of(screen.catalog).count("person", every)]
        panel.post_message(CountsPanel._Done(Counted(screen.catalog, every, "", "facets", late)))
        await settle(pilot)
        assert title(panel) == "Facets of the 2 meetings of trade" and panel.up_to_date


async def test_facets_opened_on_the_list_alone_are_shown_and_a_line_is_added_once() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("z", "f")  # the list zoomed: the counts take the place of the detail
        panel = await counted(pilot)
        assert panel.display and panel.query_one(OptionList).has_focus
        await pilot.press("enter")
        await counted(pilot)
        await pilot.press("enter")  # the same line again: the search already has it
        await counted(pilot)
        assert main_screen(app).search_text == 'person:"Marco Rubio"'


async def test_the_timeline_of_a_month_shows_that_month_only() -> None:
    app = make_app(PEOPLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main_screen(app).search_for("date:2025-03")
        await settle(pilot)
        await pilot.press("t")
        panel = await counted(pilot)
        # The meeting dated only "2025" is among them, but the months it might also be in were not asked for.
        weeks = [" ".join(line.split()[1:3]) for line in lines(panel, counts_only=True)]
        assert weeks == ["24 Feb", "3 Mar", "10 Mar", "17 Mar", "24 Mar", "31 Mar"]  # each week touching March


async def test_typing_counts_once_typing_pauses_and_only_the_list_last_shown(monkeypatch) -> None:
    # Each key moves the moment of the count on: a key that comes before the pause is over is waited for.
    from briefing.reader.widgets import count_lines, counts_panel

    monkeypatch.setattr(counts_panel, "DELAY", 1.5)  # wide margins: a stall of half a second changes nothing
    counted_rows: list[object] = []
    real = count_lines.counts_of

    def counting(catalog, rows, mode, span):  # type: ignore[no-untyped-def]
        counted_rows.append(rows)
        return real(catalog, rows, mode, span)

    monkeypatch.setattr(count_lines, "counts_of", counting)
    app = make_app(PEOPLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await counted(pilot)
        counted_rows.clear()
        screen = main_screen(pilot.app)
        screen.search_text = "rubio"
        first = screen.result.rows
        await pilot.pause(0.9)  # within the pause: not counted yet
        screen.search_text = "rubio jaishankar"
        await pilot.pause(0.9)  # 1.8 s after the first change (its pause is over), 0.9 s after the last: waiting
        assert counted_rows == []
        await counted(pilot)
        assert counted_rows == [screen.result.rows] and counted_rows[0] is not first
