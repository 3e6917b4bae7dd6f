"""Ending the reader when its terminal goes away.

A closed terminal window, a dropped ssh connection, ``kill``: the reader must
end, and end quickly. Two things stand in the way. Without a controlling
terminal no SIGHUP arrives at all, the input simply ends; and once the
terminal is gone, Textual's output thread dies on its first write, so the UI
thread soon blocks for ever on a full output queue and can no longer run the
handler that would have ended it. Hence a small thread that watches the
terminal for a hang-up, and a deadline after which the process ends without
the graceful path (nothing of the user's is lost: whatever the reader writes
is written to a temporary file and renamed into place).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import threading
from collections.abc import Callable

HANGUP_STATUS = 128 + 1
"""The status after a hang-up, as after SIGHUP."""
GRACE = 2.0
"""Seconds the graceful exit has before the process ends regardless."""
INTERVAL = 0.25
SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")


class TerminalWatch:
    """Calls ``end(status)`` on the event loop after a signal or a hang-up of ``fd``; forces the end if it stalls."""

    def __init__(self, loop: asyncio.AbstractEventLoop, fd: int, end: Callable[[int], object]) -> None:
        self._loop = loop
        self._fd = fd
        self._end = end
        self._stop = threading.Event()
        self._ending = False
        self.lent = threading.Event()
        """Set while another program (the editor) has the terminal: its Ctrl+C and hang-ups are not ours."""

    def start(self) -> None:
        """Handle the signals and start watching the terminal."""
        for name in SIGNALS:
            number = getattr(signal, name, None)
            if number is not None:
                # Outside the main thread or on a loop without signals: the default handling stays.
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    signal.signal(number, self._on_signal)
        threading.Thread(target=self._watch, name="briefing-terminal-watch", daemon=True).start()

    def stop(self) -> None:
        """Stop watching (the reader is ending by itself)."""
        self._stop.set()

    def _on_signal(self, number: int, _frame: object) -> None:
        # A plain handler, not the loop's: it runs even while the UI thread is blocked on a dead terminal.
        if self.lent.is_set() and number == signal.SIGINT:
            return
        self._begin_end(128 + number)

    def _watch(self) -> None:
        try:
            poller = select.poll()
            poller.register(self._fd, 0)  # a hang-up and an error are always reported
        except (OSError, ValueError, AttributeError):
            return
        while not self._stop.wait(INTERVAL):
            try:
                events = poller.poll(0)
            except OSError:
                return
            if self.lent.is_set():
                continue
            if any(mask & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, mask in events):
                self._begin_end(HANGUP_STATUS)
                return

    def _begin_end(self, status: int) -> None:
        if self._ending:
            return
        self._ending = True
        deadline = threading.Timer(GRACE, os._exit, (status,))
        deadline.daemon = True
        deadline.start()
        with contextlib.suppress(RuntimeError):  # the loop has closed: the process is ending anyway
            self._loop.call_soon_threadsafe(self._end, status)
