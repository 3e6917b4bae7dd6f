"""The garbage collector's pauses: nested, from several threads, never left off by mistake."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading

from briefing import collector


def test_the_collector_is_off_while_any_pause_is_held_and_back_on_after_the_last() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()


def test_a_pause_in_another_thread_outlives_the_end_of_startup() -> None:
    # The reader's worker may still be loading when the first frame ends the startup pause.
    loading, done = threading.Event(), threading.Event()

    def worker() -> None:
        with collector.paused():
            loading.set()
            done.wait(5)

    collector.pause_for_startup()
    thread = threading.Thread(target=worker)
    thread.start()
    loading.wait(5)
    collector.end_startup()
    assert not gc.isenabled()  # the load is still running: collections would slow it down
    done.set()
    thread.join()
    assert gc.isenabled()


def test_ending_a_startup_that_never_paused_changes_nothing() -> None:
    collector.end_startup()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()  # off before the pause: still off after it
    finally:
        gc.enable()


def test_a_commands_objects_are_frozen_when_it_ends_so_no_collection_walks_them() -> None:
    # In a process of its own: freezing is for the rest of a process's life.
    code = """
import gc
from briefing import collector
with collector.paused_for_good():
    assert not gc.isenabled()
    kept = [[n] for n in range(100_000)]  # what a command builds and keeps until it exits
assert gc.isenabled()
assert gc.get_freeze_count() >= 100_000, gc.get_freeze_count()
assert gc.get_count()[0] < 1_000, gc.get_count()  # nothing young left for the next collection to walk
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
