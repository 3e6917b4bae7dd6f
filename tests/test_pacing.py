"""Long work gives way while the reader answers a key: it waits at its steps, never for long, never for nothing."""

from __future__ import annotations

import threading
import time

import pytest

from briefing import pacing
from tests.reader_app import make_app, settle


def _steps_done_in(seconds: float, steps: int = 3) -> int:
    """How many of ``steps`` steps of long work (each ending with give_way) a thread finishes within ``seconds``."""
    done = 0

    def work() -> None:
        nonlocal done
        for _ in range(steps):
            pacing.give_way()
            done += 1

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(seconds)
    return done


def test_long_work_waits_at_its_steps_while_the_interface_is_busy_and_goes_on_when_idle() -> None:
    assert _steps_done_in(1.0) == 3  # nothing busy: give_way costs nothing
    pacing.busy()
    try:
        done = 0
        thread = threading.Thread(target=lambda: [pacing.give_way() for _ in range(3)], daemon=True)
        started = time.monotonic()
        thread.start()
        thread.join(0.1)
        assert thread.is_alive()  # waiting at its first step
        pacing.idle()
        thread.join(1.0)
        assert not thread.is_alive() and time.monotonic() - started < 1.0
        done = _steps_done_in(1.0)
    finally:
        pacing.idle()
    assert done == 3


def test_a_wait_never_outlasts_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    # A key held down keeps the interface busy: the work still goes on, a bounded wait at a time.
    monkeypatch.setattr(pacing, "MOST_WAIT", 0.05)
    pacing.busy()
    try:
        started = time.monotonic()
        assert _steps_done_in(2.0, steps=4) == 4
        assert 0.15 < time.monotonic() - started < 2.0
    finally:
        pacing.idle()


async def test_a_key_makes_the_reader_busy_until_its_frame_is_painted(monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(pacing, "busy", lambda: said.append("busy"))
    monkeypatch.setattr(pacing, "idle", lambda: said.append("idle"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        said.clear()
        await pilot.press("j")
        await pilot.pause()
        assert said == ["busy", "idle"], said
        await pilot.press("slash", "r", "u")  # in the search box too
        await pilot.pause()
        assert said[2:] == ["busy", "idle"] * 3


def test_the_interfaces_own_thread_never_waits() -> None:
    # A key's handler may run the same steps itself (a search of a small archive reads its sets on the key):
    # it is the one answering, so its own give_way returns at once, however long the wait would be.
    pacing.busy()
    try:
        started = time.monotonic()
        for _ in range(10):
            pacing.give_way()
        assert time.monotonic() - started < 0.05
    finally:
        pacing.idle()
