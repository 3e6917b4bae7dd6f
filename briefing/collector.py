"""Pausing the cyclic garbage collector while long-lived objects are built.

Loading builds hundreds of thousands of tuples, and starting the reader builds
the modules, classes and widgets it keeps to the end; none of it is garbage,
and collections in the middle of that work cost more than the work itself.

Pauses nest and may come from several threads (the reader's loading worker and
its UI thread): the collector stays off while any pause is held and comes back
on, if it was on, when the last one ends.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_held = 0
_was_enabled = False
_startup = False


def pause() -> None:
    """Turn the collector off until the matching :func:`resume`."""
    global _held, _was_enabled
    with _lock:
        if _held == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _held += 1


def resume() -> None:
    """End one :func:`pause`; the last one to end turns the collector back on if it was on."""
    global _held
    with _lock:
        _held -= 1
        if _held == 0 and _was_enabled:
            gc.enable()


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector is off inside this block (see :func:`pause`)."""
    pause()
    try:
        yield
    finally:
        resume()


@contextlib.contextmanager
def paused_for_good() -> Iterator[None]:
    """The collector is off inside this block, and what exists when it ends is frozen (never walked again).

    For a command, whose objects live until the process exits: turning the collector
    back on would start a collection over everything the command built (every object
    made while it was off is in the youngest generation), and the interpreter collects
    once more as it exits. Frozen, neither walks them: 70 ms of a warm search of
    10,000 files.
    """
    pause()
    try:
        yield
    finally:
        gc.freeze()
        resume()


def pause_for_startup() -> None:
    """Pause until :func:`end_startup` (the reader calls it once its first frame is painted)."""
    global _startup
    if not _startup:
        _startup = True
        pause()


def end_startup() -> None:
    """End the startup pause, if there is one, freezing what startup built: it lives as long as the program."""
    global _startup
    if _startup:
        _startup = False
        gc.freeze()
        resume()


def freeze() -> None:
    """Freeze what exists now (no collection first: a collection over a large archive takes a second)."""
    gc.freeze()
