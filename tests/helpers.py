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
