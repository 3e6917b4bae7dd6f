"""Pilot tests: drive the reader with keys and the mouse, assert what a user would see."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events
from textual.widgets import Input, OptionList

from briefing.reader.screens.errors import ErrorsScreen
from briefing.reader.screens.help import HelpScreen
from briefing.reader.screens.main import DETAIL_DELAY, MainScreen
from briefing.reader.widgets.meeting_detail import Link, MeetingDetail
from briefing.reader.widgets.meeting_list import MeetingList
from briefing.reader.widgets.search_bar import ERROR_DELAY, SearchBar
from tests.reader_app import ARCHIVE, BROKEN, DATA, main_screen, make_app, settle
from tests.screen import screen_text


def titles(screen: MainScreen) -> list[str]:
    return [screen.catalog.entries[i].title for i in screen.result.rows]


def current_title(screen: MainScreen) -> str | None:
    return screen.catalog.entries[screen.highlighted].title if screen.highlighted >= 0 else None


def detail_text(screen: MainScreen) -> str:
    return "\n".join(block.content.plain for block in screen.query_one(MeetingDetail).blocks)


def counter(screen: MainScreen) -> str:
    return str(screen.query_one("#list-pane").border_subtitle)


async def test_opens_on_the_newest_meeting_with_its_details() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert len(titles(screen)) == 7
        assert titles(screen)[0] == "Rubio and Szijjártó discuss energy security"
        assert current_title(screen) == titles(screen)[0]
        text = detail_text(screen)
        assert "Energy security" in text and "UN Headquarters" in text
        assert "Sidelines of the General Assembly" in text  # the briefing it belongs to
        assert counter(screen) == "7 meetings"


async def test_moving_through_the_list_updates_the_detail() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
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
        assert screen.query_one(MeetingList).cursor == 0


async def test_search_filters_counts_and_highlights_the_best_match() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("down", "down")  # somewhere else than the top
        await pilot.press("slash")
        assert screen.query_one("#search", Input).has_focus
        await pilot.press(*"rubio")
        await settle(pilot)
        assert titles(screen) == [
            "Rubio and Szijjártó discuss energy security",
            "Jaishankar and Rubio review the India–US partnership",
        ]
        assert current_title(screen) == titles(screen)[0]  # the best match, as in fzf
        assert counter(screen) == "2 of 7 meetings"
        meetings = screen.query_one(MeetingList)
        match_style = meetings.get_component_rich_style("briefing--match")
        line = meetings.render_line(1)
        assert any(
            seg.text == "Rubio" and seg.style is not None and match_style.reverse == seg.style.reverse for seg in line
        )


async def test_arrows_in_the_search_box_move_through_the_list_and_enter_goes_to_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("slash", *"new york")
        await settle(pilot)
        matches = titles(screen)
        assert len(matches) == 3
        await pilot.press("down")
        assert current_title(screen) == matches[1]
        await pilot.press("ctrl+n")
        assert current_title(screen) == matches[2]
        await pilot.press("ctrl+p", "up")
        assert current_title(screen) == matches[0]
        assert screen.query_one("#search", Input).has_focus
        assert screen.query_one("#search", Input).value == "new york"  # the box kept its text
        await pilot.press("enter")
        assert screen.query_one(MeetingList).has_focus


async def test_n_and_shift_n_move_between_matches_and_escape_keeps_the_meeting() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
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
        assert current_title(screen) == matches[-1]  # the highlighted meeting is kept
        assert not screen.query_one("#search", Input).display
        assert counter(screen) == "7 meetings"


async def test_an_empty_result_says_nothing_matches_and_how_to_clear_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("slash", *"zzzzqx")
        await settle(pilot)
        assert titles(screen) == [] and counter(screen) == "0 of 7 meetings"
        text = screen_text(app)
        assert "No meeting matches “zzzzqx”. Esc clears the search." in text
        await pilot.pause(DETAIL_DELAY + 0.1)  # the detail follows once typing pauses
        assert detail_text(screen) == "No meeting matches the search"


async def test_the_detail_scrolls_at_once_with_pager_keys_and_its_links_are_in_the_same_scroll() -> None:
    app = make_app(DATA)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        detail = screen.query_one(MeetingDetail)
        await pilot.press("enter")
        assert detail.has_focus
        for key, where in (("j", 1), ("j", 2), ("k", 1), ("G", detail.max_scroll_y), ("g", 0)):
            await pilot.press(key)
            assert detail.scroll_offset.y == where, key  # at once: no animation to wait for
        await pilot.press("space")
        assert detail.scroll_offset.y == detail.size.height - 1
        await pilot.press("b")
        assert detail.scroll_offset.y == 0
        # The related links are part of the one document: the last one can be scrolled to and chosen.
        links = [block.item for block in detail.blocks if isinstance(block.item, Link)]
        assert len(links) >= 10
        assert not screen.query_one(MeetingDetail).query(OptionList)
        detail.highlight(links[-1])
        start, _ = detail.block_lines(detail.cursor)
        assert detail.scroll_offset.y <= start < detail.scroll_offset.y + detail.size.height
        await pilot.press("enter")
        await settle(pilot)
        assert screen.search_text == links[-1].query


async def test_tab_moves_through_the_items_of_the_detail_then_on() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        detail = screen.query_one(MeetingDetail)
        await pilot.press("tab")
        assert detail.has_focus
        await pilot.press("tab")
        assert detail.highlighted is not None  # the first item in view
        items = [block.item for block in detail.blocks if block.item is not None]
        for _ in range(len(items) - 1):
            await pilot.press("tab")
        assert detail.highlighted == items[-1]
        await pilot.press("tab")
        assert not detail.has_focus  # after the last item, on to the next pane


async def test_cross_link_lists_every_meeting_of_a_person_across_briefings() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        detail = screen.query_one(MeetingDetail)
        links = [block.item for block in detail.blocks if isinstance(block.item, Link)]
        assert links[0] == Link("person", "Marco Rubio")
        detail.focus()
        detail.highlight(links[0])
        await pilot.press("enter")  # his page, its first line every meeting of his
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one("#search", Input).value == 'person:"Marco Rubio"'
        assert titles(screen) == [
            "Rubio and Szijjártó discuss energy security",
            "Jaishankar and Rubio review the India–US partnership",
        ]


async def test_a_search_that_cannot_be_read_says_why_and_the_counter_does_not_pretend() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        bar = screen.query_one(SearchBar)
        await pilot.press("slash", *"date:2025-13")
        await settle(pilot)
        assert bar.error_shown is None  # not while typing: the user may be about to fix it
        assert counter(screen) == "search incomplete"  # the list stays, but its count is not this search's
        assert len(titles(screen)) == 7  # the list of "date:2025", the last search that could be read
        await pilot.pause(ERROR_DELAY + 0.2)
        assert bar.error_shown is not None and "month 13" in bar.error_shown
        await pilot.press("backspace")
        assert bar.error_shown is None  # "date:2025-1" is not a date either, but the user is still typing
        await pilot.press("backspace", *"07")
        await pilot.pause(ERROR_DELAY + 0.2)
        assert screen.search_text == "date:2025-07"
        assert bar.error_shown is None
        assert counter(screen) == "4 of 7 meetings"
        await pilot.press(*" foo:bar", "enter")
        assert bar.error_shown is not None and "`foo:` is not a field" in bar.error_shown


async def test_a_year_being_typed_is_not_an_error_and_enter_explains_at_once() -> None:
    app = make_app(DATA)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        bar = screen.query_one(SearchBar)
        await pilot.press("slash")
        for key in "date:2025":
            await pilot.press(key)
            await pilot.pause(ERROR_DELAY / 3)
            assert bar.error_shown is None, key
        assert counter(screen) == "4 of 4 meetings"
        await pilot.press("backspace", "backspace", "backspace")  # "date:2": not a date
        await pilot.press("enter")
        await pilot.pause()
        assert bar.error_shown is not None and "date" in bar.error_shown


async def test_load_errors_are_counted_on_screen_and_listed_and_g_goes_to_the_meeting() -> None:
    from textual.notifications import Notify

    notices: list[str] = []
    app = make_app(BROKEN)
    hook = lambda message: isinstance(message, Notify) and notices.append(message.notification.message)  # noqa: E731
    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert titles(screen) == ["Ministers meet in Oslo", "Undated, but shown"]
        assert any("2 files could not be loaded fully" in n for n in notices)
        assert "2 errors: press e" in str(screen.query_one("#list-pane").border_title)  # stays on screen
        await pilot.press("e")
        assert isinstance(app.screen, ErrorsScreen)
        listing = app.screen.query_one(OptionList)
        lines = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any(
            line.endswith("bad-date.yaml:2:7: error: date: '2025-02-30': February 2025 has no day 30") for line in lines
        )
        assert any("bad-syntax.yaml:2:1: error: invalid YAML" in line for line in lines)
        listing.highlighted = next(i for i, line in enumerate(lines) if "bad-date.yaml" in line)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert current_title(screen) == "Undated, but shown"  # the meeting of the file whose date is wrong


async def test_empty_folder_shows_where_the_reader_looked(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert screen.query_one("#empty").display
        assert not screen.query_one("#panes").display
        text = screen_text(app)
        assert "No briefings to show" in text and tmp_path.name in text and "BRIEFING_PATH" in text
        assert "briefing --help-format" in text  # something an installed copy has (docs/ is not installed)


async def test_narrow_terminal_stacks_list_over_detail() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert screen.query_one("#panes").has_class("-narrow")
        list_pane, detail = screen.query_one("#list-pane"), screen.query_one(MeetingDetail)
        assert list_pane.region.bottom <= detail.region.y
        assert list_pane.region.width == detail.region.width == 80
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert not main_screen(app).query_one("#panes").has_class("-narrow")


async def test_the_list_takes_the_width_it_deserves_and_can_be_zoomed_and_resized() -> None:
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        list_pane = screen.query_one("#list-pane")
        assert list_pane.region.width >= 105  # 55% of 200 (it stopped at 88)
        meetings = screen.query_one(MeetingList)
        row = meetings.render_line(0).text
        assert "Rubio and Szijjártó discuss energy security · Marco Rubio, Péter Szijjártó" in row
        assert "Sidelines of" in row  # which briefing, when there is room
        await pilot.press("greater_than_sign")
        assert list_pane.region.width == 120
        await pilot.press("less_than_sign", "less_than_sign")
        assert list_pane.region.width == 100
        await pilot.press("z")
        await pilot.pause()
        assert not screen.query_one(MeetingDetail).display and list_pane.region.width == 200
        await pilot.press("enter", "z")  # the detail, zoomed
        await pilot.press("z")
        await pilot.pause()
        assert screen.query_one(MeetingDetail).region.width > 150 and not list_pane.display


async def test_a_cut_title_keeps_its_ellipsis_in_view_and_dates_fit_their_column(tmp_path: Path) -> None:
    from tests.helpers import write

    write(
        tmp_path,
        "d.yaml",
        """\
        title: Dates
        date: 2025-09-30
        meetings:
          - {title: Approximate day, date: 2025-09-30~, participants: [A]}
          - {title: "An interval of three days in which a very long title has to be cut short somewhere",
             date: 2025-06-30/2025-07-02, participants: [B]}
        """,
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        meetings = main_screen(app).query_one(MeetingList)
        first, second = meetings.render_line(0).text, meetings.render_line(1).text
        width = meetings.scrollable_content_region.width
        # The first cell marks a meeting not read yet (•).
        assert first[1:].startswith("c. 30 Sep 2025 ") and " Approximate day" in first
        assert second[1:].startswith("30 Jun–2 Jul 2025 ") or second[1:].startswith("30 Jun–2 Jul 20… ")
        assert len(second) == width and second.rstrip().endswith("…")  # inside the list, not under the scrollbar


@pytest.mark.parametrize("columns", [60, 73, 80, 99, 120])
async def test_every_row_is_exactly_the_width_of_the_list_whatever_its_title(tmp_path: Path, columns: int) -> None:
    # Titles of every length around the room a row has: one that fills it exactly used to take one cell too
    # many with its ellipsis, pushing the pane's border and the detail pane's text one column right.
    from tests.helpers import write

    meetings = "\n".join(
        f'  - {{title: "{("Jaishankar and Hegseth on defence ties " * 4)[:n]}", participants: [S. Jaishankar, 王毅]}}'
        for n in range(20, 90)
    )
    write(tmp_path, "w.yaml", f"title: Widths\ndate: 2025-09-30\nmeetings:\n{meetings}\n")
    app = make_app(tmp_path)
    async with app.run_test(size=(columns, 80)) as pilot:
        await settle(pilot)
        listed = main_screen(app).query_one(MeetingList)
        width = listed.scrollable_content_region.width
        for y in range(len(listed.rows)):
            line = listed.render_line(y)
            assert line.cell_length == width == cell_len(line.text), (y, line.text)


async def test_unnamed_participants_are_told_apart_on_the_list() -> None:
    app = make_app(DATA)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        meetings = main_screen(app).query_one(MeetingList)
        row = meetings.render_line(1).text
        assert "Quad member (India, United States, Australia, Japan)" in row


async def test_help_is_made_from_the_bindings_and_scrolls_at_80x24() -> None:
    from briefing.reader.screens.help import key_label, sections

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {(keys, what) for _, rows in sections(app) for keys, what in rows}
        for widget in (MainScreen, MeetingList, MeetingDetail, app.screen_stack[0].query_one("#search").__class__):
            for binding in widget.BINDINGS:
                keys = " ".join(key_label(key) for key in binding.key.split(","))  # type: ignore[union-attr]
                assert (keys, binding.description) in listed, f"{binding.key} is missing from the help"  # type: ignore[union-attr]
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0  # taller than the screen: it scrolls
        text = screen_text(app)
        assert "Esc to close" in text  # always in view, below the scrolling part
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_tab_enter_and_click() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("enter")
        assert screen.query_one(MeetingDetail).has_focus
        await pilot.click(MeetingList, offset=(5, 2))
        assert current_title(screen) == titles(screen)[2]
        await pilot.double_click(MeetingList, offset=(5, 2))
        assert screen.query_one(MeetingDetail).has_focus


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


async def test_the_counter_says_searching_until_the_result_is_there(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from briefing.query.search import SearchIndex
    from briefing.reader.screens import searching

    monkeypatch.setattr(searching, "SYNC_FILTER_MAX", 1)  # every search runs in the worker
    release = threading.Event()
    real = SearchIndex.search

    def slow(self: SearchIndex, query: object) -> object:
        release.wait(5)
        return real(self, query)  # type: ignore[arg-type]

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        monkeypatch.setattr(SearchIndex, "search", slow)
        await pilot.press("slash", *"wong")
        await pilot.pause(0.1)
        assert counter(screen) == "searching…"
        assert len(titles(screen)) == 7  # the previous list stays meanwhile
        release.set()
        await settle(pilot)
        assert counter(screen) == "2 of 7 meetings"
        assert titles(screen) == [
            "Wong meets her Japanese counterpart",
            "Jaishankar meets Australian Foreign Minister Penny Wong",
        ]


async def test_keys_that_leave_the_counter_as_it_is_do_not_repaint_the_list_pane(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Setting a border's subtitle repaints the whole pane, list and all: only a new count is worth that.
    import threading

    from briefing.query.search import SearchIndex
    from briefing.reader.screens import searching

    monkeypatch.setattr(searching, "SYNC_FILTER_MAX", 1)  # every search runs in the worker, "searching…" meanwhile
    release = threading.Event()
    real = SearchIndex.search
    monkeypatch.setattr(SearchIndex, "search", lambda self, query: release.wait(5) and real(self, query))
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("slash", "w")
        await pilot.pause(0.1)
        assert counter(screen) == "searching…"
        pane = screen.query_one("#list-pane")
        repaints: list[object] = []
        real_refresh = pane.refresh
        monkeypatch.setattr(pane, "refresh", lambda *a, **k: repaints.append(a) or real_refresh(*a, **k))
        await pilot.press(*"ong")
        await pilot.pause(0.1)
        assert counter(screen) == "searching…" and repaints == []
        release.set()
        await settle(pilot)
        assert counter(screen) == "2 of 7 meetings" and len(repaints) == 1  # the count, once it is there


async def test_a_field_search_on_a_warm_large_archive_is_answered_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from briefing.archive import loader, postings
    from briefing.reader.app import BriefingApp

    monkeypatch.setattr(loader, "POSTINGS_MIN", 1)  # the small test archive counts as large
    archive = tmp_path / "archive"
    shutil.copytree(ARCHIVE, archive)
    async with BriefingApp([str(archive)]).run_test(size=(120, 36)) as pilot:
        await settle(pilot)  # builds the cache, word index included
    builds: list[int] = []
    real = postings.Postings.build

    def counted(*args: object) -> postings.Postings:
        builds.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(postings.Postings, "build", staticmethod(counted))
    app = BriefingApp([str(archive)])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = main_screen(app)
        await pilot.press("slash", *"person:wong")
        assert counter(screen) == "1 of 3 meetings"  # in the key handler, from the cached index
        assert titles(screen) == ["Wong meets her Japanese counterpart"]
        await settle(pilot)
    assert builds == []  # never built on first use


async def test_a_warm_start_paints_from_the_cache_and_confirms_it(tmp_path: Path) -> None:
    import shutil

    from briefing.reader.app import BriefingApp

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
            screen = main_screen(app)
            assert not screen.is_loading
            expected = 3 if run < 2 else 4
            assert len(titles(screen)) == expected
            assert counter(screen) == f"{expected} meetings"
            if run == 2:
                assert titles(screen)[0] == "Brand new meeting"


async def test_a_warm_start_shows_the_cached_list_and_meeting_without_waiting_for_the_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from briefing.reader.app import BriefingApp

    app = BriefingApp([str(ARCHIVE)], use_cache=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)  # builds the cache
    monkeypatch.setattr(MainScreen, "load", lambda self: None)  # the check never reports
    app = BriefingApp([str(ARCHIVE)], use_cache=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = main_screen(app)
        assert len(titles(screen)) == 3
        assert screen.detail.row is not None and screen.detail.row.meeting.title == current_title(screen)
        assert not screen.query_one("#progress").display  # what the cache knew needs no progress line


async def test_palette_finds_people_and_meetings_and_reads_no_markup(tmp_path: Path) -> None:
    from briefing.reader.commands import BriefingCommands
    from tests.helpers import GOOD, write
    from tests.oracle import assert_strips_safe
    from tests.screen import screen_strips

    write(tmp_path, "markup.yaml", GOOD.replace("Jane Doe", "'[@click=app.bell]Jane[/] [b]Doe'"))
    app = make_app(ARCHIVE, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        provider = BriefingCommands(app.screen)
        await provider.startup()
        hits = [hit async for hit in provider.search("wong")]
        texts = [hit.text for hit in hits]
        assert "person: Penny Wong" in texts
        assert "meeting: Wong meets her Japanese counterpart" in texts
        markup = [hit async for hit in provider.search("jane doe")]
        assert any(hit.text == "person: [@click=app.bell]Jane[/] [b]Doe" for hit in markup)
        await pilot.press("ctrl+p")
        await pilot.press(*"penny")
        await pilot.pause(0.5)
        palette = app.screen.query_one(OptionList)
        shown = [str(palette.get_option_at_index(i).prompt) for i in range(palette.option_count)]
        assert any("person: Penny Wong" in prompt for prompt in shown), shown
        assert not main_screen(app).search_text  # typing in the palette searches nothing else
        await pilot.press(*("backspace",) * 5, *"jane doe")
        await pilot.pause(0.5)
        assert_strips_safe(screen_strips(app), "palette")
        person = next(hit for hit in hits if hit.text == "person: Penny Wong")
        await pilot.press("escape")
        person.command()  # her page, its first line every meeting of hers
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == 'person:"Penny Wong"'
        assert titles(main_screen(app)) == ["Wong meets her Japanese counterpart"]


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
    async with app.run_test(size=(100, 30)) as pilot:  # side by side, the detail pane about 40 columns wide
        await settle(pilot)
        screen = main_screen(app)
        assert "Participants\nS. Jaishankar  ¶2\nExternal Affairs Minister · India\n" in detail_text(screen)
        detail = screen.query_one(MeetingDetail)
        lines = [detail.render_line(y).text for y in range(detail.size.height)]
        assert any(line.startswith("  External Affairs Minister") for line in lines)  # a hanging indent
        await pilot.resize_terminal(160, 36)
        await settle(pilot)
        text = detail_text(screen)
        assert "Participants" not in text
        assert "Name           Role                       Country" in text
        assert "S. Jaishankar  External Affairs Minister  India          ¶2" in text


async def test_a_theme_change_redraws_every_row() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        meetings = main_screen(app).query_one(MeetingList)
        before = meetings.render_line(3)
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        after = meetings.render_line(3)
        assert before.text == after.text
        assert [s.style for s in before] != [s.style for s in after]  # not the dark theme's colours any more


async def test_a_screenshot_is_saved_where_it_can_be_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.notifications import Notify

    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "no-such-folder"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    notices: list[str] = []
    app = make_app(DATA)
    hook = lambda message: isinstance(message, Notify) and notices.append(message.notification.message)  # noqa: E731
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await settle(pilot)
        app.deliver_screenshot()
        for _ in range(50):
            await pilot.pause(0.05)
            if notices:
                break
    assert any(str(tmp_path) in notice for notice in notices), notices
    assert list(tmp_path.glob("*.svg"))


async def test_a_search_typed_in_one_burst_after_the_slash_all_goes_into_the_box() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        for key, character in [("slash", "/"), *((c, c) for c in "rubio")]:  # queued at once: a paste, a fast typist
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert screen.query_one("#search", Input).value == "rubio"
        assert counter(screen) == "2 of 7 meetings"
        await pilot.press("slash")  # in the box, / is part of the search
        assert screen.query_one("#search", Input).value == "rubio/"


async def test_moving_a_meeting_at_a_time_shows_each_one_whether_or_not_it_was_built_ahead() -> None:
    # After each move the detail of the next meeting the same way is built while the reader is idle; a move
    # the other way, or a jump, must still show the meeting the cursor is on, never the one built ahead.
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        detail = screen.query_one(MeetingDetail)
        titles = []
        for key in ("down", "down", "up", "up", "down", "end", "up", "home", "down"):
            await pilot.press(key)
            await pilot.pause()
            title = screen.catalog.row(screen.highlighted).meeting.title
            drawn = detail.render_line(0).text.strip()
            assert drawn and title.startswith(drawn.rstrip("…")), (key, drawn, title)
            assert detail_text(screen).startswith(title)
            titles.append(title)
        assert len(set(titles)) > 3  # it moved through several meetings


def test_what_the_first_screen_does_not_need_is_imported_when_first_used() -> None:
    # The reader's start pays for every module it imports: the counts, the clipboard, exports, pages and the
    # file watch are imported when the user first asks for them (or, for the watch, once the archive is in).
    import subprocess
    import sys

    later = (
        "briefing.reader.widgets.count_lines", "briefing.query.tally", "briefing.render.stats",
        "briefing.reader.clipboard", "briefing.reader.screens.export_dialog", "briefing.reader.screens.page",
        "briefing.reader.watching", "briefing.reader.commands",
    )  # fmt: skip
    code = f"import sys, briefing.main, briefing.reader.app\nprint([m for m in {later!r} if m in sys.modules])\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
