"""Long work gives way while the reader answers a key: it waits at its steps, never for long, never for nothing."""

from __future__ import annotations

import threading
import time

import pytest

from briefing import pacing
from briefing.reader import app as reader_app_module
from tests.reader_app import main_screen, make_app, settle


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


@pytest.fixture(autouse=True)
def _left_idle() -> object:
    yield
    while pacing.answering():
        pacing.idle()


def test_long_work_waits_at_its_steps_while_the_interface_is_busy_and_goes_on_when_idle() -> None:
    assert _steps_done_in(1.0) == 3  # nothing busy: give_way costs nothing
    pacing.busy()
    assert _steps_done_in(0.1) == 0  # waiting at its first step
    pacing.idle()
    assert _steps_done_in(1.0) == 3


def test_every_key_begun_is_answered_before_the_work_goes_on() -> None:
    # A key is answered in two turns (the focused widget, then the bindings): the first idle is not the last.
    pacing.busy()
    pacing.busy()
    pacing.idle()
    assert pacing.answering() and _steps_done_in(0.1) == 0
    pacing.idle()
    assert not pacing.answering() and _steps_done_in(1.0) == 3


def test_busy_ends_on_its_own_should_no_idle_come(monkeypatch: pytest.MonkeyPatch) -> None:
    # An idle lost (a widget closing) or a key held down must not stall the loading: busy lasts MOST_WAIT after
    # the last key at most, and then every step goes on at once.
    monkeypatch.setattr(pacing, "MOST_WAIT", 0.05)
    pacing.busy()
    started = time.monotonic()
    assert _steps_done_in(2.0, steps=50) == 50
    assert 0.04 < time.monotonic() - started < 0.5
    assert not pacing.answering()


def test_the_interfaces_own_thread_never_waits() -> None:
    # A key's handler may run the same steps itself (a search of a small archive reads its sets on the key):
    # it is the one answering, so its own give_way returns at once, however long the wait would be.
    pacing.busy()
    started = time.monotonic()
    for _ in range(10):
        pacing.give_way()
    assert time.monotonic() - started < 0.05


def test_work_holding_what_the_interface_waits_for_never_waits() -> None:
    # The loading worker reads the search text under a lock that a key's search may wait for: were it to wait
    # for the key, the key would wait for it, a quarter second a step.
    from briefing.archive.catalog import Catalog

    catalog = Catalog.empty()
    catalog._text = lambda: [pacing.give_way() for _ in range(8)] and Catalog.empty().text  # type: ignore[assignment]
    pacing.busy()
    reader = threading.Thread(target=lambda: catalog.text)
    reader.start()
    time.sleep(0.02)
    started = time.monotonic()
    catalog.text  # noqa: B018 - the key's search, waiting for the lock the reader holds
    assert time.monotonic() - started < 0.1
    reader.join(1)


async def test_a_key_keeps_the_reader_busy_until_it_is_answered_and_painted(monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    real_busy, real_idle = pacing.busy, pacing.idle

    def busy() -> None:
        said.append("busy")
        real_busy()

    def idle() -> None:
        said.append("idle")
        real_idle()

    monkeypatch.setattr(pacing, "busy", busy)
    monkeypatch.setattr(pacing, "idle", idle)
    monkeypatch.setattr(reader_app_module, "ANSWER_GRACE", 0.2)  # a slow machine's hops must fit in it
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.watch(screen, "highlighted", lambda _: said.append("moved"), init=False)
        for keys in (("j",), ("slash", "r"), ("backspace",)):  # a binding, a character, an edit of the box
            said.clear()
            await pilot.press(*keys)
            await pilot.pause(0.4)
            assert said.count("busy") == said.count("idle") >= len(keys), said
            assert not pacing.answering()
            if keys == ("j",):  # the key's own action (the highlight moves) comes before the work may go on
                assert "moved" in said and said.index("moved") < len(said) - 1 - said[::-1].index("idle"), said
