"""The command line as it meets terminals, pipes, closed streams, signals and odd arguments (real processes)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import GOOD, REPO, run_cli, run_pty, write
from tests.oracle import assert_terminal_safe


def plain(text: str) -> str:
    """``text`` without its colours and other escape codes."""
    from benchmarks.pty_app import ANSI

    return ANSI.sub(b"", text.encode()).decode()


def test_search_on_a_terminal_shows_date_title_and_who_and_the_id_only_when_asked() -> None:
    status, out = run_pty("search", "rubio")
    out = plain(out)
    assert status == 0
    line = next(line for line in out.splitlines() if "Rubio" in line)
    assert line.startswith("1 Jul 2025") and "Jaishankar and Rubio review" in line and "— S. Jaisha" in line
    assert "jaishankar-rubio" not in out
    status, out = run_pty("search", "--ids", "rubio", columns=160)
    assert "2025-07-02-jaishankar-washington/jaishankar-rubio" in out


def test_search_without_a_query_says_what_is_missing() -> None:
    result = run_cli("search")
    assert result.returncode == 2
    assert "give a QUERY" in result.stderr and "PATH is optional" in result.stderr
    assert "required: QUERY, PATH" not in result.stderr


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("foo:bar", "`foo:` is not a field"),
        ("tags:quad", "did you mean `tag:`?"),
        ("person:", "`person:` needs something after it"),
        ("date:2025-07-01..2025-06-01", "ends before it starts"),
    ],
)
def test_a_query_that_cannot_mean_anything_is_a_usage_error(query: str, says: str) -> None:
    for args in (("search", query), ("summary", "--query", query)):
        result = run_cli(*args)
        assert result.returncode == 2, args
        assert says in result.stderr and result.stdout == ""


def test_quiet_counts_the_problems_instead_of_listing_them(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", GOOD)
    for number in range(3):
        write(tmp_path, f"bad{number}.yaml", GOOD.replace("date: 2025-03-14", "date: 2025-02-30"))
    loud = run_cli("summary", str(tmp_path))
    assert loud.stderr.count("February 2025 has no day 30") == 3
    quiet = run_cli("summary", "--quiet", str(tmp_path))
    assert quiet.returncode == 1
    assert quiet.stderr.strip() == "briefing: 3 errors, 0 warnings (run 'briefing validate' to list them)"
    assert "Talks in Geneva" in quiet.stdout


def test_participants_stack_in_the_summary_when_their_columns_would_wrap(tmp_path: Path) -> None:
    write(
        tmp_path,
        "long.yaml",
        GOOD.replace(
            "      - name: Jane Doe\n        role: Foreign Minister\n        country: NO",
            "      - name: Jane Doe-Longname\n        role: Minister for Foreign and European Affairs and Trade\n"
            "        country: Hungary\n        organisation: Ministry of Foreign Affairs and Trade",
        ),
    )
    for out in (run_pty("summary", str(tmp_path), columns=80)[1], run_cli("summary", str(tmp_path)).stdout):
        lines = out.splitlines()
        name = next(n for n, line in enumerate(lines) if "Jane Doe-Longname" in line)
        assert "Hungary" not in lines[name]  # the country is not thrown under the name column
        assert lines[name + 1].strip().startswith("Minister for Foreign")


def test_a_summary_taller_than_the_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    marker = tmp_path / "paged"
    pager = write(tmp_path, "pager.sh", f"#!/bin/sh\ncat > {marker}\n")
    pager.chmod(0o755)
    status, out = run_pty("summary", columns=80, rows=24, env={"PAGER": str(pager)})
    assert status == 0 and marker.exists() and "Penny Wong" in marker.read_text()
    assert "Penny Wong" not in out
    marker.unlink()
    status, out = run_pty("summary", "--no-pager", columns=80, rows=24, env={"PAGER": str(pager)})
    assert not marker.exists() and "Penny Wong" in out
    short = run_pty("summary", "--meeting", "jaishankar-wong", "--format", "markdown", env={"PAGER": str(pager)})
    assert not marker.exists() and "Penny Wong" in short[1]  # Markdown is never paged; a short summary neither


def test_the_reader_needs_a_terminal(tmp_path: Path) -> None:
    for args in ((), (str(REPO / "data"),)):
        result = run_cli(*args)
        assert result.returncode == 2
        assert "the reader needs a terminal" in result.stderr and "briefing summary" in result.stderr
        assert result.stdout == "" and "\x1b" not in result.stdout
    (tmp_path / "report").mkdir()  # a folder named like a command that does not exist
    result = run_cli("report", cwd=tmp_path)
    assert result.returncode == 2 and "needs a terminal" in result.stderr


def _run_with(fds: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command from a shell with some standard streams closed (``>&-``, ``2>&-``, ``<&-``)."""
    command = " ".join([sys.executable, "-m", "briefing", *args, fds])
    env = {k: v for k, v in os.environ.items() if k not in ("BRIEFING_PATH", "NO_COLOR")}
    return subprocess.run(["sh", "-c", command], capture_output=True, text=True, cwd=REPO, env=env, timeout=60)


def test_a_closed_stream_is_a_usage_problem_never_a_crash() -> None:
    out_closed = _run_with(">&-", "summary")
    assert out_closed.returncode == 2 and "standard output is closed" in out_closed.stderr
    err_closed = _run_with("2>&-", "summary")
    assert err_closed.returncode == 0 and "Penny Wong" in err_closed.stdout
    assert "briefing:" not in err_closed.stdout  # no message meant for stderr lands in the output
    in_closed = _run_with("<&-", "read")
    assert in_closed.returncode == 2 and "needs a terminal" in in_closed.stderr
    assert "internal error" not in out_closed.stderr + err_closed.stderr + in_closed.stderr


@pytest.mark.parametrize("form", ["rich", "markdown", "json"])
def test_a_reader_that_goes_away_is_not_an_error_in_any_format(form: str) -> None:
    command = f"{sys.executable} -m briefing summary --format {form} | head -c 10"
    result = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and result.stderr == ""


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--max-file-size", "inf"), "from 1 byte to 1G"),
        (("--max-file-size", "1e400"), "from 1 byte to 1G"),
        (("--max-file-size", "1e20"), "from 1 byte to 1G"),
        (("--max-file-size", "9e18"), "from 1 byte to 1G"),
        (("--max-file-size", "100G"), "from 1 byte to 1G"),
        (("--max-file-size", "0"), "from 1 byte to 1G"),
        (("--width", "-5"), "from 20 to 1000 columns"),
        (("--width", "2000000000"), "from 20 to 1000 columns"),
    ],
)
def test_out_of_range_options_are_usage_errors(args: tuple[str, ...], says: str) -> None:
    result = run_cli("summary", *args)
    assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr


def test_a_big_size_limit_never_allocates_more_than_the_file(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD)
    result = run_cli("validate", "--max-file-size", "1G", str(tmp_path))
    assert result.returncode == 0, result.stderr


def test_arguments_echoed_in_a_message_are_neutralised(tmp_path: Path) -> None:
    hostile = "-\x1b]2;PWNED\x07\x1b[2J.yaml"
    (tmp_path / hostile).write_text(GOOD)
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "summary", *sorted(os.listdir(tmp_path))],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "unrecognized arguments" in result.stderr and "\\x1b]2;PWNED" in result.stderr
    assert_terminal_safe(result.stderr)


def test_a_file_name_that_looks_like_a_position_cannot_pass_for_one(tmp_path: Path) -> None:
    bad = tmp_path / "ok.yaml:1:1: warning: harmless.yaml"
    bad.write_text(GOOD.replace("date: 2025-03-14", "date: 2025-02-30"))
    result = run_cli("validate", str(tmp_path))
    line = result.stdout.strip()
    assert line.startswith(f"{tmp_path}/ok.yaml\\x3a1\\x3a1: warning: harmless.yaml:2:7: error: date:")
    assert f"{tmp_path}/ok.yaml:1:1:" not in line


@pytest.mark.slow
@pytest.mark.parametrize("debug", [False, True])
def test_a_crash_of_the_reader_exits_70_with_one_line_and_the_traceback_only_with_debug(debug: bool) -> None:
    from benchmarks.pty_app import PtyApp

    # The reader fails the moment its detail pane first draws a meeting, as a bug of ours would.
    code = (
        "import sys\n"
        "from briefing.reader.widgets import meeting_detail\n"
        "def boom(self): raise ValueError('boom in the detail pane')\n"
        "meeting_detail.MeetingDetail.watch_shown = boom\n"
        "from briefing.main import main\n"
        "raise SystemExit(main(sys.argv[1:]))\n"
    )
    args = [sys.executable, "-c", code, *(["--debug"] if debug else [])]
    app = PtyApp(args, env={"PYTHONPATH": str(REPO)})
    try:
        status = app.process.wait(timeout=30)
        app.drain(0.2)
    finally:
        app.close()
    output = app.screen.decode("utf-8", "replace")
    assert status == 70
    assert "briefing: internal error: ValueError: boom in the detail pane" in output
    assert ("Traceback" in output) is debug


@pytest.mark.slow
@pytest.mark.parametrize(("name", "status"), [("SIGTERM", 143), ("SIGINT", 130), ("SIGHUP", 129)])
def test_a_signal_ends_the_reader_restoring_the_terminal(name: str, status: int) -> None:
    from benchmarks.pty_app import PtyApp

    app = PtyApp([sys.executable, "-m", "briefing"], env={"PYTHONPATH": str(REPO)})
    try:
        app.wait_for(b"4 meetings", timeout=30)
        app.drain(0.2)
        raw = b""
        os.kill(app.process.pid, getattr(signal, name))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (app.process.poll() is None or app.readable(0.1)):
            try:
                chunk = os.read(app.master, 65536) if app.readable(0.1) else b""
            except OSError:  # the program has gone and closed its terminal
                break
            raw += chunk
        assert app.process.wait(timeout=5) == status
        assert b"\x1b[?1049l" in raw  # the alternate screen left
        assert b"\x1b[?1000l" in raw or b"\x1b[?1003l" in raw  # mouse tracking off
    finally:
        app.close()


@pytest.mark.slow
def test_a_reader_whose_terminal_goes_away_ends_instead_of_spinning() -> None:
    # A closed window or a dropped connection: the input ends and every write fails (no SIGHUP without a
    # controlling terminal). The reader used to spin on the dead input and block on the dead output for ever.
    from benchmarks.pty_app import PtyApp

    app = PtyApp([sys.executable, "-m", "briefing"], env={"PYTHONPATH": str(REPO)})
    try:
        app.wait_for(b"4 meetings", timeout=30)
        app.drain(0.2)
        os.close(app.master)
        app.master = os.open(os.devnull, os.O_RDONLY)  # so that close() has something to close
        assert app.process.wait(timeout=10) == 129
    finally:
        app.close()
