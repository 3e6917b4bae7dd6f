"""The benchmark suite's smoke run, so it never rots (it asserts no timing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.slow  # a large archive: `pytest -m 'not slow'` leaves it out


def test_quick_benchmark_run_measures_every_row(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(out.read_text())
    assert {row["row"] for row in document["rows"]} == set(range(1, 14))
    assert all(row["value"] > 0 for row in document["rows"])
    assert "keystroke" in result.stdout  # the table was printed
