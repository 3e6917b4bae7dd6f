"""Pilot tests of the evidence in the reader: ``s``, the fact-by-fact check, ``o``, and every refusal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefing.reader.screens.main import MainScreen
from briefing.reader.widgets.evidence_view import EvidenceView, Paragraph
from briefing.reader.widgets.meeting_detail import Fact, MeetingDetail
from tests.evidence_data import REFUSALS, SECRET, WIRE, evidence_archive, refusing_archive
from tests.reader_app import DATA, TEST_ARCHIVES, main_screen, make_app, settle
from tests.screen import screen_text

EVIDENCE = TEST_ARCHIVES / "evidence"


def view(screen: MainScreen) -> EvidenceView:
    return screen.query_one(EvidenceView)


def marked_paragraphs(screen: MainScreen) -> list[int]:
    return [block.item.number for block in view(screen).blocks if isinstance(block.item, Paragraph) and block.marked]


def view_text(screen: MainScreen) -> str:
    return "\n".join(block.content.plain for block in view(screen).blocks)


def detail_text(screen: MainScreen) -> str:
    return "\n".join(block.content.plain for block in screen.query_one(MeetingDetail).blocks)


def in_view(document: EvidenceView, block: int) -> bool:
    start, end = document.block_lines(block)
    top = document.scroll_offset.y
    return top <= start and end <= top + document.scrollable_content_region.height


async def notices_after_o(app: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Press ``o`` in the reader (a display there); the notices it gave."""
    monkeypatch.setenv("DISPLAY", ":0")
    notices: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(message))
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
    return notices


async def open_evidence(pilot: Any, *keys: str) -> MainScreen:
    await settle(pilot)
    await pilot.press(*keys, "s")
    await settle(pilot)
    return main_screen(pilot.app)


async def test_s_shows_the_report_with_the_cited_paragraphs_marked_and_the_first_in_view() -> None:
    app = make_app(EVIDENCE)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_evidence(pilot)
        document = view(screen)
        assert screen.evidence is not None and document.display and document.has_focus
        assert marked_paragraphs(screen) == [1, 2, 3, 4, 5]
        assert document.current == 1
        assert in_view(document, document.cursor)
        text = view_text(screen)
        assert "¶12 is not in the report (it has 7 paragraphs)" in text
        assert "Based on Meridian Wire report" in text  # every paragraph, the credit line included
        # Side by side with the detail; the list gives way.
        assert not screen.query_one("#list-pane").display
        assert screen.query_one(MeetingDetail).region.width > 40 and document.region.width > 40


async def test_n_and_N_step_through_the_cited_paragraphs_round_the_ends() -> None:
    app = make_app(EVIDENCE)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_evidence(pilot)
        document = view(screen)
        seen = []
        for _ in range(5):
            await pilot.press("n")
            seen.append(document.current)
        assert seen == [2, 3, 4, 5, 1]
        await pilot.press("N")
        assert document.current == 5
        await pilot.press("left_square_bracket", "left_square_bracket", "right_square_bracket")
        assert document.current == 4
        assert in_view(document, document.cursor)
        assert screen.highlighted >= 0 and "Morrow meets Veskin" in detail_text(screen)  # n did not move the list


def numbered_report(
    tmp_path: Path, count: int, line: str = "Paragraph number {} of a long report.", **refs: str
) -> Path:
    """An archive whose report has ``count`` numbered paragraphs, its refs replaced as ``refs`` say (old=new)."""
    archive = evidence_archive(tmp_path, "long.txt", copy=False)
    paragraphs = (line.format(n) for n in range(1, count + 1))
    (archive / "long.txt").write_text("\n\n".join(paragraphs))
    path = archive / "kestrel.yaml"
    text = path.read_text()
    for old, new in refs.items():
        text = text.replace(f"refs: [{old.replace('_', ', ')}]", f"refs: [{new}]")
    path.write_text(text)
    return archive


async def test_a_long_report_is_scrolled_to_the_first_cited_paragraph(tmp_path: Path) -> None:
    app = make_app(numbered_report(tmp_path, 60, **{"1_2": "40, 55"}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_evidence(pilot)
        document = view(screen)
        assert document.current == 2  # the first cited
        await pilot.press("G", "g")  # scroll away and back: the cursor stays
        for _ in range(2):
            await pilot.press("n")
        assert document.current == 4
        await pilot.press("n", "n", "n")
        assert document.current == 40
        assert in_view(document, document.cursor)
        assert "Paragraph number 40 of a long report." in screen_text(app)


async def test_the_searchs_matches_are_highlighted_in_the_report() -> None:
    app = make_app(EVIDENCE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"dams", "enter")
        screen = await open_evidence(pilot)
        blocks = [b for b in view(screen).blocks if isinstance(b.item, Paragraph) and b.item.number == 5]
        (paragraph,) = blocks
        spans = [paragraph.content.plain[span.start : span.end] for span in paragraph.content.spans]
        assert "dams" in spans
        uncited = [b for b in view(screen).blocks if b.gutter is not None and "Straits of Hale" in b.content.plain]
        assert any(b.content.plain[s.start : s.end] == "dams" for b in uncited for s in b.content.spans)


async def test_narrow_the_evidence_takes_the_whole_screen_and_esc_or_s_closes_it() -> None:
    app = make_app(EVIDENCE)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_evidence(pilot)
        document = view(screen)
        assert document.region.width == 80
        assert not screen.query_one("#list-pane").display and not screen.query_one(MeetingDetail).display
        assert "KESTREL BAY, March 14" in screen_text(app)
        await pilot.press("escape")
        assert screen.evidence is None and not document.display
        assert screen.query_one("#list-pane").display and screen.query_one(MeetingDetail).display
        await pilot.press("s")
        assert screen.evidence is not None
        await pilot.press("s")
        assert screen.evidence is None
        assert screen.search_text == ""  # Esc closed the evidence, it did not clear a search


async def test_choosing_a_fact_brings_its_own_paragraphs_into_view() -> None:
    app = make_app(EVIDENCE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "tab", "tab", "enter")  # the detail; the second participant; choose
        await settle(pilot)
        screen = main_screen(app)
        assert screen.evidence is not None
        assert screen.evidence.focus == (2, 3) and "Ilya Veskin" in screen.evidence.what
        assert marked_paragraphs(screen) == [2, 3]
        assert view(screen).current == 2
        assert screen.query_one(MeetingDetail).has_focus  # the next claim is a Tab away
        await pilot.press("tab")  # the topic: the evidence follows
        assert screen.evidence.focus == (2,) and "Fishing rights" in screen.evidence.what
        await pilot.press("tab", "tab")  # the second outcome, which cites a paragraph the report lacks
        assert screen.evidence.focus == (5, 12)
        assert marked_paragraphs(screen) == [5]
        assert "¶12 is not in the report" in view_text(screen)
        await pilot.press("n")
        assert view(screen).current == 5


async def test_the_detail_says_whether_evidence_is_available_and_marks_missing_refs() -> None:
    app = make_app(EVIDENCE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = detail_text(main_screen(app))
        assert "Evidence source text: ¶1–5 of 7 (¶12 not in the report) · s shows it" in text
        assert "No agreement on the dams  ¶5, ¶12 (¶12 not in the report)" in text


async def test_the_bundled_briefing_says_honestly_that_it_has_no_source_text() -> None:
    app = make_app(DATA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_evidence(pilot)
        assert "no source text: add `source.file`" in detail_text(screen)
        assert "no source text: add `source.file`" in view_text(screen)
        assert marked_paragraphs(screen) == []
        await pilot.press("n")  # nothing to step to: a notice, not a crash
        assert screen.evidence is not None


@pytest.mark.parametrize(("file", "why"), REFUSALS)
async def test_a_report_it_must_not_read_is_refused_and_the_view_says_why(tmp_path: Path, file: str, why: str) -> None:
    app = make_app(refusing_archive(tmp_path, file))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_evidence(pilot)
        assert f"The report cannot be shown: source.file `{file}`" in view_text(screen)
        assert why in view_text(screen) and why in detail_text(screen)
        assert SECRET not in screen_text(app) and "second paragraph" not in screen_text(app)


async def test_a_hostile_report_is_shown_literally_and_safely(tmp_path: Path) -> None:
    from tests.oracle import assert_strips_safe
    from tests.screen import screen_strips

    archive = evidence_archive(tmp_path, "hostile.txt", copy=False)
    (archive / "hostile.txt").write_bytes((WIRE.parent / "hostile.txt").read_bytes())
    app = make_app(archive)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_evidence(pilot)
        assert_strips_safe(screen_strips(app), "evidence view")
        assert "[@click=app.quit]Close[/]" in screen_text(app)
        await pilot.press("n", "n")
        assert app.is_running  # no markup obeyed


async def test_o_opens_the_source_url_in_the_browser_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    app = make_app(EVIDENCE)
    notices = await notices_after_o(app, monkeypatch)
    assert opened == ["https://example.org/kestrel"]
    assert notices == ["Opened in the browser: https://example.org/kestrel"]


@pytest.mark.parametrize(
    ("url", "notice"),
    [
        ("file:///etc/passwd", "Not a web address, not opened: file:///etc/passwd"),
        ("javascript:alert(1)", "Not a web address, not opened: javascript:alert(1)"),
        (None, "This briefing names no source URL."),
    ],
)
async def test_o_never_opens_what_is_not_a_web_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str | None, notice: str
) -> None:
    archive = evidence_archive(tmp_path)
    path = archive / "kestrel.yaml"
    line = "  url: https://example.org/kestrel\n"
    path.write_text(path.read_text().replace(line, f"  url: '{url}'\n" if url else ""))
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda u: opened.append(u) or True)
    app = make_app(archive)
    notices = await notices_after_o(app, monkeypatch)
    assert opened == []
    assert notices == [notice]


async def test_no_browser_is_a_notice_with_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("webbrowser.open", lambda url: False)
    app = make_app(EVIDENCE)
    notices = await notices_after_o(app, monkeypatch)
    assert notices == ["No web browser could be started. The URL: https://example.org/kestrel"]


async def test_the_report_is_read_again_once_it_changes(tmp_path: Path) -> None:
    archive = evidence_archive(tmp_path)
    app = make_app(archive)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_evidence(pilot)
        await pilot.press("s")
        (archive / "wire.txt").write_text("One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive, now longer.\n")
        await pilot.press("s")
        await settle(pilot)
        assert "Five, now longer." in view_text(screen)
        assert "¶1–5 of 5" in detail_text(screen)


def test_facts_are_the_detail_items_the_evidence_checks() -> None:
    from briefing.archive.parse import load_file
    from briefing.reader.screens.evidence import fact_refs

    (briefing,) = load_file(str(EVIDENCE / "kestrel.yaml")).briefings
    meeting = briefing.meetings[0]
    assert fact_refs(meeting, None) == ((1, 2, 3, 4, 5, 12), "the meeting")
    assert fact_refs(meeting, Fact("outcome", 1)) == ((5, 12), "outcome “No agreement on the dams”")
    assert fact_refs(meeting, Fact("participant", 9)) == ((1, 2, 3, 4, 5, 12), "the meeting")


async def test_the_first_cited_paragraph_is_in_view_even_far_down_a_report(tmp_path: Path) -> None:
    archive = numbered_report(tmp_path, 60, **{key: "48" for key in ("2", "2_3", "4", "5_12", "1_2")})
    for size in ((120, 36), (80, 24)):
        app = make_app(archive)
        async with app.run_test(size=size) as pilot:
            screen = await open_evidence(pilot)
            document = view(screen)
            assert document.current == 48
            assert in_view(document, document.cursor), size
            assert "Paragraph number 48 of a long report." in screen_text(app)


async def test_a_report_of_a_hundred_thousand_paragraphs_is_drawn_around_its_cited_ones(tmp_path: Path) -> None:
    app = make_app(numbered_report(tmp_path, 100_000, "p{}", **{"1_2": "1, 2, 90000"}))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_evidence(pilot)
        blocks = view(screen).blocks
        assert len(blocks) < 1_000
        text = view_text(screen)
        assert "¶101–89,979 not shown" not in text and "¶101–89979 not shown (89,879 paragraphs)" in text
        assert "¶90021–100000 not shown (9,980 paragraphs; briefing paragraphs prints them all)" in text
        for _ in range(6):
            await pilot.press("n")
        assert view(screen).current == 90000
        assert in_view(view(screen), view(screen).cursor)


async def test_a_paragraphs_wrapped_lines_flow_as_one(tmp_path: Path) -> None:
    app = make_app(EVIDENCE)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_evidence(pilot)
        assert "Straits of Hale, the reopening of two consulates" in view_text(screen)


async def test_o_without_a_display_shows_the_url_and_starts_no_text_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    app = make_app(EVIDENCE)
    notices: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        monkeypatch.delenv("DISPLAY", raising=False)
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        monkeypatch.setattr("sys.platform", "linux")
        monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(message))
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
    assert opened == []
    assert notices == ["No graphical browser here (no display). The URL: https://example.org/kestrel"]
