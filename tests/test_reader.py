"""Pilot tests: drive the reader with keys and the mouse, assert what a user would see."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from briefing.reader.screens.errors import ErrorsScreen
from briefing.reader.screens.help import KEYS, HelpScreen
from briefing.reader.screens.main import MainScreen
from briefing.reader.widgets.meeting_detail import MeetingDetail
from briefing.reader.widgets.meeting_list import MeetingList
from briefing.reader.widgets.search_bar import ERROR_DELAY
from tests.reader_app import ARCHIVE, BROKEN, DATA, make_app, settle


def titles(screen: MainScreen) -> list[str]:
    meetings = screen.query_one(MeetingList)
    return [meetings.catalog.entries[i].title for i in meetings.shown]


def current_title(screen: MainScreen) -> str | None:
    row = screen.current
    return row.meeting.title if row else None


def detail_text(screen: MainScreen) -> str:
    detail = screen.query_one(MeetingDetail)
    return "\n".join(str(static.render()) for static in detail.query(Static))


async def test_opens_on_the_newest_meeting_with_its_details() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert len(titles(screen)) == 7
        assert titles(screen)[0] == "Rubio and Szijjártó discuss energy security"
        assert current_title(screen) == titles(screen)[0]
        text = detail_text(screen)
        assert "Energy security" in text and "UN Headquarters" in text
        assert "Sidelines of the General Assembly" in text  # the briefing it belongs to
        assert screen.query_one("#list-pane").border_subtitle == "7 meetings"


async def test_moving_through_the_list_updates_the_detail() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("down")
        assert current_title(screen) == "Wong meets her Japanese counterpart"
        assert "Wong meets her Japanese counterpart" in detail_text(screen)
        await pilot.press("j", "j")
        assert current_title(screen) == titles(screen)[3]
        await pilot.press("k")
        assert current_title(screen) == titles(screen)[2]
        await pilot.press("G")
        assert current_title(screen) == titles(screen)[-1]
        await pilot.press("g")
        assert current_title(screen) == titles(screen)[0]
        await pilot.press("pagedown")
        assert current_title(screen) == titles(screen)[-1]  # fewer rows than a page
        await pilot.press("pageup")
        assert current_title(screen) == titles(screen)[0]


async def test_search_filters_counts_and_highlights() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash")
        assert screen.query_one("#search", Input).has_focus
        await pilot.press(*"rubio")
        await settle(pilot)
        assert titles(screen) == [
            "Rubio and Szijjártó discuss energy security",
            "Jaishankar and Rubio review the India–US partnership",
        ]
        assert screen.query_one("#list-pane").border_subtitle == "2 of 7 meetings"
        assert screen.query_one(MeetingList).search_query is not None
        # The match is drawn in the match style in the list.
        meetings = screen.query_one(MeetingList)
        match_style = meetings.get_component_rich_style("meeting-list--match")
        line = meetings.render_line(1)
        assert any(seg.text == "Rubio" and match_style.reverse == seg.style.reverse for seg in line)


async def test_n_and_shift_n_move_between_matches_and_escape_restores() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash", *"new york", "enter")
        await settle(pilot)
        matches = titles(screen)
        assert len(matches) == 3
        assert screen.query_one(MeetingList).has_focus
        await pilot.press("n")
        assert current_title(screen) == matches[1]
        await pilot.press("N", "N")
        assert current_title(screen) == matches[-1]  # wraps around
        await pilot.press("escape")
        await settle(pilot)
        assert len(titles(screen)) == 7
        assert current_title(screen) == matches[-1]  # the selection is kept
        assert not screen.query_one("#search", Input).display
        assert screen.query_one("#list-pane").border_subtitle == "7 meetings"


async def test_cross_link_lists_every_meeting_of_a_person_across_briefings() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        links = screen.query_one("#detail-links", OptionList)
        prompts = [str(links.get_option_at_index(i).prompt) for i in range(links.option_count)]
        assert prompts[0].split() == ["person", "Marco", "Rubio"]
        links.focus()
        links.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one("#search", Input).value == 'person:"Marco Rubio"'
        assert titles(screen) == [
            "Rubio and Szijjártó discuss energy security",
            "Jaishankar and Rubio review the India–US partnership",
        ]


async def test_bad_query_shows_its_error_and_keeps_the_list() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash", *"date:2025-13")
        await settle(pilot)
        error = screen.query_one("#search-error", Static)
        assert not error.display  # not while typing: the user may be about to fix it
        await pilot.pause(ERROR_DELAY + 0.2)
        assert error.display and "month 13" in str(error.render())
        await pilot.press("backspace")
        assert not error.display  # "date:2025-1" is not a date either, but the user is still typing
        await pilot.press("backspace", *"07")
        await pilot.pause(ERROR_DELAY + 0.2)
        assert screen.search_text == "date:2025-07"
        assert not error.display


async def test_a_year_being_typed_is_not_an_error_and_enter_explains_at_once() -> None:
    app = make_app(DATA)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        error = screen.query_one("#search-error", Static)
        await pilot.press("slash")
        for key in "date:2025":
            await pilot.press(key)
            await pilot.pause(ERROR_DELAY / 3)
            assert not error.display, key
        assert screen.query_one("#list-pane").border_subtitle == "4 of 4 meetings"
        await pilot.press("backspace", "backspace", "backspace")  # "date:2": not a date
        await pilot.press("enter")
        await pilot.pause()
        assert error.display and "date" in str(error.render())


async def test_load_errors_are_counted_and_listed() -> None:
    app = make_app(BROKEN)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert titles(screen) == ["Ministers meet in Oslo"]
        assert any("2 files could not be loaded fully" in n.message for n in app._notifications)
        await pilot.press("e")
        assert isinstance(app.screen, ErrorsScreen)
        listing = app.screen.query_one(OptionList)
        lines = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any(
            line.endswith("bad-date.yaml:2:7: error: date: '2025-02-30': February 2025 has no day 30") for line in lines
        )
        assert any("bad-syntax.yaml:2:1: error: invalid YAML" in line for line in lines)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_empty_folder_shows_where_the_reader_looked(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#empty").display
        assert not screen.query_one("#panes").display
        text = str(screen.query_one("#empty", Static).render())
        assert "No briefings to show" in text and tmp_path.name in text and "BRIEFING_PATH" in text


async def test_narrow_terminal_stacks_list_over_detail() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#panes").has_class("-narrow")
        list_pane, detail = screen.query_one("#list-pane"), screen.query_one(MeetingDetail)
        assert list_pane.region.bottom <= detail.region.y
        assert list_pane.region.width == detail.region.width == 80
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#panes").has_class("-narrow")


async def test_help_lists_every_key() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = " ".join(key for key, _ in KEYS)
        for widget in (MainScreen, MeetingList):
            for binding in widget.BINDINGS:
                for key in binding.key.split(","):  # type: ignore[union-attr]
                    name = {
                        "slash": "/",
                        "question_mark": "?",
                        "escape": "Esc",
                        "pagedown": "PgDn",
                        "pageup": "PgUp",
                        "down": "↓",
                        "up": "↑",
                    }.get(key, key)
                    assert name.lower() in keys.lower(), f"{key} is missing from the help"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_tab_enter_and_click() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        assert screen.query_one(MeetingDetail).has_focus
        await pilot.click(MeetingList, offset=(5, 2))
        assert current_title(screen) == titles(screen)[2]
        assert screen.query_one(MeetingList).has_focus


async def test_typing_q_in_the_search_box_does_not_quit_but_q_in_the_list_does() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"queen")
        assert app.screen.query_one("#search", Input).value == "queen"
        assert app.is_running
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_field_search_on_a_large_archive_indexes_fields_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import loader
    from briefing.reader.screens import main

    # Make the small test archive count as large.
    monkeypatch.setattr(loader, "POSTINGS_MIN", 1)
    monkeypatch.setattr(main, "SYNC_FILTER_MAX", 1)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.index.postings is not None and not screen.index.postings.has_fields
        await pilot.press("slash", *"person:wong")
        await settle(pilot)
        assert titles(screen) == [
            "Wong meets her Japanese counterpart",
            "Jaishankar meets Australian Foreign Minister Penny Wong",
        ]
        assert screen.index.postings.has_fields  # kept for the next field search
        await pilot.press(*" -country:japan")
        await settle(pilot)
        assert titles(screen) == ["Jaishankar meets Australian Foreign Minister Penny Wong"]


async def test_a_warm_start_paints_from_the_cache_and_confirms_it(tmp_path: Path) -> None:
    import shutil

    from briefing.reader.app import BriefingApp
    from tests.reader_app import ARCHIVE

    archive = tmp_path / "archive"
    shutil.copytree(ARCHIVE, archive)
    for run in range(3):
        if run == 2:  # a file is added between runs: the reader notices and shows it
            (archive / "x.yaml").write_text(
                "title: New\ndate: 2026-01-01\nmeetings:\n  - {title: Brand new meeting, participants: [A]}\n"
            )
        app = BriefingApp([str(archive)], use_cache=True)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert not screen.is_loading
            expected = 3 if run < 2 else 4
            assert len(titles(screen)) == expected
            assert screen.query_one("#list-pane").border_subtitle == f"{expected} meetings"
            if run == 2:
                assert titles(screen)[0] == "Brand new meeting"


async def test_a_warm_start_shows_the_cached_list_and_meeting_without_waiting_for_the_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from briefing.reader.app import BriefingApp
    from tests.reader_app import ARCHIVE

    app = BriefingApp([str(ARCHIVE)], use_cache=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)  # builds the cache
    monkeypatch.setattr(MainScreen, "load", lambda self, known: None)  # the check never reports
    app = BriefingApp([str(ARCHIVE)], use_cache=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert len(titles(screen)) == 3
        assert screen.query_one(MeetingDetail).row == screen.query_one(MeetingList).current is not None
        assert not screen.query_one("#progress").display  # what the cache knew needs no progress line


async def test_palette_finds_people_and_meetings_and_reads_no_markup(tmp_path: Path) -> None:
    from briefing.reader.commands import BriefingCommands
    from tests.helpers import GOOD, write
    from tests.oracle import assert_strips_safe

    write(tmp_path, "markup.yaml", GOOD.replace("Jane Doe", "'[@click=app.bell]Jane[/] [b]Doe'"))
    app = make_app(ARCHIVE, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        provider = BriefingCommands(app.screen)
        hits = [hit async for hit in provider.search("wong")]
        texts = [hit.text for hit in hits]
        assert "person: Penny Wong" in texts
        assert "meeting: Wong meets her Japanese counterpart" in texts
        markup = [hit async for hit in provider.search("jane doe")]
        assert any(hit.text == "person: [@click=app.bell]Jane[/] [b]Doe" for hit in markup)
        assert all(str(hit.prompt).startswith(("person: ", "meeting: ", "country: ", "topic: ")) for hit in markup)
        await pilot.press("ctrl+p")
        await pilot.press(*"penny")
        await pilot.pause(0.5)
        palette = app.screen.query_one(OptionList)
        shown = [str(palette.get_option_at_index(i).prompt) for i in range(palette.option_count)]
        assert any("person: Penny Wong" in prompt for prompt in shown), shown
        assert not app.screen_stack[0].search_text  # typing in the palette searches nothing else
        await pilot.press(*("backspace",) * 5, *"jane doe")
        await pilot.pause(0.5)
        assert_strips_safe(app.screen._compositor.render_strips(), "palette")
        person = next(hit for hit in hits if hit.text == "person: Penny Wong")
        await pilot.press("escape")
        person.command()
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == 'person:"Penny Wong"'
        assert titles(app.screen) == ["Wong meets her Japanese counterpart"]


async def test_a_cross_link_can_be_followed_from_the_keyboard() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab")
        assert app.focused is app.screen.query_one("#detail-links", OptionList)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == 'person:"Marco Rubio"'


async def test_the_collector_paused_for_startup_is_back_on_after_the_first_frame() -> None:
    import gc

    from briefing import collector

    assert gc.isenabled()
    collector.pause_for_startup()  # as `briefing` does before importing the reader
    assert not gc.isenabled()
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert gc.isenabled()


async def test_participants_are_stacked_when_their_columns_would_wrap_and_aligned_when_they_fit() -> None:
    app = make_app(DATA)
    async with app.run_test(size=(100, 30)) as pilot:  # side by side, the detail pane about 50 columns wide
        await settle(pilot)
        screen = app.screen
        assert "Participants\nS. Jaishankar  ¶2\n  External Affairs Minister · India\n" in detail_text(screen)
        await pilot.resize_terminal(150, 36)
        await settle(pilot)
        text = detail_text(screen)
        assert "Participants" not in text
        assert "Name           Role                       Country" in text
        assert "S. Jaishankar  External Affairs Minister  India          ¶2" in text
