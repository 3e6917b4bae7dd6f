"""Long work in a background thread gives way while the user interface answers a key.

Python runs one thread at a time. While the reader's loading worker readies a
large archive (reading its search text, building its sets of rows: seconds at
100,000 files), a key typed meanwhile shares the interpreter with it, handing it
back and forth every millisecond, and takes about twice as long to paint. So
long loops call :func:`give_way` between steps of a few milliseconds; from the
moment a key arrives until its frame is painted the reader marks itself
:func:`busy`, and a step then waits for :func:`idle` before it starts.

It can never hold anything up for long, nor for nothing:

* without a reader nothing is ever busy, and :func:`give_way` costs a flag test;
* the interface's own thread never waits (a key's handler may run the same steps);
* work that holds what the interface may wait for (a lock) does not wait
  (:func:`holding`): the interface would be waiting for the work that waits for it;
* busy ends on its own :data:`MOST_WAIT` after the last key, should an
  :func:`idle` never come, and a wait never lasts longer than that.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

MOST_WAIT = 0.25
"""Seconds the interface counts as busy after a key at most (a key held down must not stop the loading)."""

_lock = threading.Lock()
_idle = threading.Event()
_idle.set()
_keys = 0  # keys being answered (a key's bubbling may begin a second answer before the first ends)
_until = 0.0  # time.monotonic() at which busy ends on its own
_interface = 0  # the thread that said it was busy
_local = threading.local()


def give_way() -> None:
    """Between steps of long work: wait while the interface is busy answering input (at most :data:`MOST_WAIT`).

    Returns at once on the interface's own thread, and inside :func:`holding`.
    """
    if _idle.is_set() or threading.get_ident() == _interface or _holding():
        return
    left = _until - time.monotonic()
    if left > 0:
        _idle.wait(left)


def _holding() -> int:
    depth: int = getattr(_local, "holding", 0)
    return depth


@contextlib.contextmanager
def holding() -> Iterator[None]:
    """Work inside holds something the interface may wait for (a lock): it gives no way meanwhile."""
    depth = _holding()
    _local.holding = depth + 1
    try:
        yield
    finally:
        _local.holding = depth


def answering() -> bool:
    """Whether the interface is answering a key now (long work would wait at its next step)."""
    return not _idle.is_set() and time.monotonic() < _until


def busy() -> None:
    """The interface (the calling thread) is answering a key: long work in other threads pauses at its next step."""
    global _keys, _until, _interface
    with _lock:
        _keys += 1
        _until = time.monotonic() + MOST_WAIT
        _interface = threading.get_ident()
        _idle.clear()


def idle() -> None:
    """One answer is done (its frame is painted): long work goes on once every key begun is answered."""
    global _keys
    with _lock:
        _keys = max(0, _keys - 1)
        if not _keys:
            _idle.set()
