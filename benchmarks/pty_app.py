"""Drive a terminal program in a real pseudo-terminal and time what it paints.

Used by the benchmarks for first paint and keystroke latency: the program
writes to a pty exactly as it would to a terminal, and we read the bytes.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-B]|\x1b[=>78]")


class PtyApp:
    """A program running on a pty of ``columns`` × ``rows``."""

    def __init__(self, argv: Sequence[str], *, columns: int = 120, rows: int = 36, env: dict[str, str] | None = None):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        full_env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(columns), LINES=str(rows))
        full_env.pop("NO_COLOR", None)
        full_env.update(env or {})
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, env=full_env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.screen = b""  # everything received, escape sequences removed

    def _read(self, timeout: float) -> bytes:
        """What the program wrote within ``timeout`` seconds (also kept, escape codes removed, in :attr:`screen`)."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return b""
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:
            return b""
        self.screen += ANSI.sub(b"", chunk)
        if len(self.screen) > 1 << 22:
            self.screen = self.screen[-(1 << 20) :]
        return chunk

    def readable(self, timeout: float) -> bool:
        """Whether the program wrote something that can be read within ``timeout`` seconds."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        return bool(ready)

    def wait_for(self, marker: bytes | re.Pattern[bytes], timeout: float = 60.0) -> float:
        """Seconds from start until ``marker`` (text or a pattern) has been painted (escape codes ignored)."""
        deadline = time.perf_counter() + timeout
        pattern = marker if isinstance(marker, re.Pattern) else re.compile(re.escape(marker))
        while not pattern.search(self.screen):
            chunk = self._read(deadline - time.perf_counter())
            if not chunk and time.perf_counter() >= deadline:
                raise TimeoutError(f"{marker!r} not painted within {timeout} s")
        return time.perf_counter() - self.started

    def drain(self, quiet: float = 0.3, limit: float = 5.0) -> None:
        """Read until the program has been quiet for ``quiet`` seconds."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            if not self._read(quiet):
                return

    def send(self, keys: bytes) -> None:
        """Type ``keys`` and let the program settle."""
        os.write(self.master, keys)
        self.drain()

    def key_latency(self, key: bytes, quiet: float = 0.05, limit: float = 2.0) -> float:
        """Seconds from sending ``key`` to the last byte of the frames it caused.

        The burst of output a key causes ends when nothing arrives for
        ``quiet`` seconds; that gap is not counted.
        """
        sent = time.perf_counter()
        os.write(self.master, key)
        last = None
        end = sent + limit
        while time.perf_counter() < end:
            # Until the first byte, wait as long as the limit allows (a slow answer is a figure, not an error);
            # after it, the burst ends at the first quiet gap.
            chunk = self._read(quiet if last is not None else max(0.0, end - time.perf_counter()))
            if not chunk:
                break
            last = time.perf_counter()
        if last is None:
            raise TimeoutError(f"no output after {key!r}")
        return last - sent

    def close(self) -> None:
        """Quit the program (Ctrl+Q, then harder) and release the pty."""
        try:
            if self.process.poll() is None:
                os.write(self.master, b"\x11")
                self.process.wait(timeout=3)
        except (OSError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        finally:
            with contextlib.suppress(OSError):
                os.close(self.master)

    def settled_rss_kib(self, limit: float = 120.0) -> int:
        """Resident memory once it stops growing (the loading worker done): steady for a second, in KiB."""
        end = time.perf_counter() + limit
        last, steady_since = self.rss_kib(), time.perf_counter()
        while time.perf_counter() < end:
            self.drain(0.25, 0.25)
            now = self.rss_kib()
            if now > last * 1.01:
                last, steady_since = now, time.perf_counter()
            elif time.perf_counter() - steady_since >= 1.0:
                return max(last, now)
        return self.rss_kib()

    def rss_kib(self) -> int:
        """Resident memory of the program now, in KiB (Linux)."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmRSS")
