"""The benchmark suite's smoke run, so it never rots (it asserts no timing)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.slow  # a large archive: `pytest -m 'not slow'` leaves it out


def test_quick_benchmark_run_measures_every_row(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    env = dict(os.environ, PYTHONFAULTHANDLER="1")
    run = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    try:
        stdout, stderr = run.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        run.send_signal(signal.SIGABRT)  # faulthandler prints where every thread was: the failure says where it hung
        stdout, stderr = run.communicate()
        pytest.fail(f"the quick run did not finish in 600 s\n{stdout}\n{stderr}")
    result = subprocess.CompletedProcess(run.args, run.returncode, stdout, stderr)
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(out.read_text())
    assert {row["row"] for row in document["rows"]} == set(range(1, 14))
    assert all(row["value"] > 0 for row in document["rows"])
    assert "keystroke" in result.stdout  # the table was printed
