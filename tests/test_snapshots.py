"""A few snapshot tests at fixed sizes: what the reader looks like, cell for cell (each checked by eye).

Update after an intended change with ``pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.reader_app import make_app, settle


async def _ready(pilot: Pilot[object]) -> None:
    await settle(pilot)


async def _search(pilot: Pilot[object]) -> None:
    await settle(pilot)
    await pilot.press("slash")
    await pilot.pause()
    pilot.app.screen.query_one("#search", Input).cursor_blink = False  # a blinking cursor is not deterministic
    await pilot.press(*"rubio")
    await settle(pilot)
    await pilot.pause(0.3)  # the detail follows once typing pauses


def test_main_screen(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=_ready)


def test_search(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=_search)


def test_help_screen(snap_compare) -> None:
    async def help_screen(pilot: Pilot[object]) -> None:
        await _ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=help_screen)


def test_narrow_layout(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_ready)


def test_wide_layout(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(200, 50), run_before=_ready)


def test_no_color(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=_search)


async def _evidence(pilot: Pilot[object]) -> None:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)


def test_evidence_wide(snap_compare) -> None:
    from tests.reader_app import TEST_ARCHIVES

    assert snap_compare(make_app(TEST_ARCHIVES / "evidence"), terminal_size=(120, 36), run_before=_evidence)


def test_evidence_narrow(snap_compare) -> None:
    from tests.reader_app import TEST_ARCHIVES

    assert snap_compare(make_app(TEST_ARCHIVES / "evidence"), terminal_size=(80, 24), run_before=_evidence)


def _counts(key: str):  # type: ignore[no-untyped-def]
    async def counts(pilot: Pilot[object]) -> None:
        from briefing.reader.widgets.counts_panel import CountsPanel

        await settle(pilot)
        await pilot.press(key)
        panel = pilot.app.screen.query_one(CountsPanel)
        for _ in range(100):
            await settle(pilot)
            if panel.up_to_date:
                break
            await pilot.pause(0.05)
        await pilot.pause()

    return counts


def test_facets_wide(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=_counts("f"))


def test_timeline_narrow(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_counts("t"))


def test_facets_narrow_no_color(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_counts("f"))


def test_timeline_wide_no_color(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=_counts("t"))
