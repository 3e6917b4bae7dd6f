"""Long work in a background thread gives way while the user interface answers a key.

Python runs one thread at a time. While the reader's loading worker readies a
large archive (reading its search text, building its sets of rows: seconds at
100,000 files), a key typed meanwhile shares the interpreter with it, handing it
back and forth every millisecond, and takes about twice as long to paint. So
long loops call :func:`give_way` between steps of a few milliseconds; from the
moment a key arrives until its frame is painted the reader marks itself
:func:`busy`, and a step then waits for :func:`idle` before it starts.

Nothing else is changed: without a reader nothing is ever busy, and
:func:`give_way` costs one flag test. A wait never lasts more than
:data:`MOST_WAIT`, so work goes on however fast keys come.
"""

from __future__ import annotations

import threading

MOST_WAIT = 0.25
"""Seconds a step waits at most for the interface to be idle (a key held down must not stop the loading)."""

_idle = threading.Event()
_idle.set()
_interface = 0
"""The thread that said it was busy: the same work run there (a search in a key's handler) must never wait."""


def give_way() -> None:
    """Between steps of long work: wait while the interface is busy answering input (at most :data:`MOST_WAIT`).

    On the interface's own thread it returns at once: that thread is the one answering.
    """
    if not _idle.is_set() and threading.get_ident() != _interface:
        _idle.wait(MOST_WAIT)


def busy() -> None:
    """The interface (the calling thread) is answering input: long work in other threads pauses at its next step."""
    global _interface
    _interface = threading.get_ident()
    _idle.clear()


def idle() -> None:
    """The interface has answered (its frame is painted): long work goes on."""
    _idle.set()
