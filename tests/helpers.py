"""Helpers shared by the tests: write briefing files, run the real command line."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"
SHARED = REPO.parent / "shared"

GOOD = """\
title: Talks in Geneva
date: 2025-03-14
summary: Two ministers met.
meetings:
  - title: Ministers prepare the summit
    date: 2025-03-13
    participants:
      - name: Jane Doe
        role: Foreign Minister
        country: NO
    topics: [Trade]
"""


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` (dedented) to ``folder/name`` and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m briefing ARGS`` as a user would, piped."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("BRIEFING_PATH", "NO_COLOR", "BRIEFING_DEBUG")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or REPO,
        timeout=60,
    )


def run_pty(
    *args: str, env: dict[str, str] | None = None, columns: int = 80, rows: int = 24, timeout: float = 60
) -> tuple[int, str]:
    """Run ``python -m briefing ARGS`` on a pseudo-terminal, as in a user's terminal; its status and what it printed."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("BRIEFING_PATH", "NO_COLOR", "BRIEFING_DEBUG")}
    full_env.update({"TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows), "PAGER": "cat"})
    full_env.update(env or {})
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", *args],
        stdin=slave, stdout=slave, stderr=slave, env=full_env, cwd=REPO, close_fds=True, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    output = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=5)
    os.close(master)
    return process.returncode, output.decode("utf-8", "replace").replace("\r\n", "\n")
