"""The warm rows again on ten times the archive: 100,000 files (about 450,000 meetings).

    python -m benchmarks.run --only large

The archive and its cache take minutes to make, so they are made once and kept in
``$BRIEFING_BENCH_HOME`` (else ``~/.cache/briefing-bench``): the archive is
deterministic, and the cache is checked for freshness like any other. Each row is
measured against its baseline in the same run, as in :mod:`benchmarks.run`.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
from pathlib import Path

from benchmarks.generate import generate
from benchmarks.run import (
    DETAIL,
    PY,
    REPO,
    Results,
    _reader_work,
    alternate,
    echo_floor_keys,
    first_paint,
    timed_run,
    typed_keys,
)

LARGE = 100_000
"""Files in the large archive."""


def home() -> Path:
    """Where the large archive and its cache are kept between runs."""
    return Path(os.environ.get("BRIEFING_BENCH_HOME") or Path.home() / ".cache" / "briefing-bench")


def large_archive() -> Path:
    """The large archive, generated the first time (a marker file says it was finished)."""
    archive = home() / f"archive-{LARGE}"
    finished = home() / f"archive-{LARGE}.complete"
    if not finished.exists():
        generate(archive, LARGE)
        finished.write_text("")
    return archive


def _env() -> dict[str, str]:
    base = home()
    return dict(os.environ, XDG_CACHE_HOME=str(base / "cache"), XDG_STATE_HOME=str(base / "state"),
                XDG_CONFIG_HOME=str(base / "config"), PYTHONPATH=str(REPO))  # fmt: skip


def _bytes_under(folder: Path) -> int:
    return sum(entry.stat().st_size for entry in folder.rglob("*") if entry.is_file())


def large_rows(results: Results, repeats: int) -> None:
    """Rows 5, 6, 7, 8 and 9 on the large archive, and the size of its cache against the YAML it holds."""
    archive = large_archive()
    env = _env()
    timed_run([PY, "-m", "briefing", "validate", str(archive)], env)  # the cache, built once, then only checked
    from briefing.archive.cache import cache_paths

    for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):  # for the rows run in this process
        os.environ[name] = env[name]
    cache = cache_paths([str(archive)])
    meetings = _meetings(archive, env)
    suffix = f" ({LARGE:,} files, {meetings:,} meetings)"
    marker = f"{meetings:,} meetings".encode()
    big = [PY, "-m", "briefing", str(archive)]
    b_tui = [PY, "-m", "benchmarks.baselines", "b_tui"]

    ours, base = alternate(repeats, lambda: first_paint(big, [marker, DETAIL], env),
                           lambda: first_paint(b_tui, [b"BASELINE READY"], env))  # fmt: skip
    results.add(5, f"reader first paint with full list, warm{suffix}", statistics.median(ours),
                statistics.median(base), "<= 2.5x B_tui")  # fmt: skip

    keys, rss = typed_keys(big, env, marker, repeats)
    echo = echo_floor_keys(env, repeats)
    results.add(6, f"keystroke -> painted frame, worst{suffix}", max(keys), max(echo), "<= 1.6x echo floor",
                median=statistics.median(keys))  # fmt: skip

    results.add(9, f"memory of the reader{suffix} (KiB)", rss, _records_rss(archive, env),
                "<= 1.6x records in bare Python + textual", unit="KiB")  # fmt: skip

    on_disk = sum(path.stat().st_size for path in cache.all() if path.exists())
    results.add(14, f"cache on disk against the YAML it was built from{suffix} (KiB)", on_disk / 1024,
                _bytes_under(archive) / 1024, "<= 1.0x the YAML", unit="KiB")  # fmt: skip

    asyncio.run(_reader_work(results, archive, suffix, facets=False))


def _meetings(archive: Path, env: dict[str, str]) -> int:
    out = subprocess.run([PY, "-m", "briefing", "stats", "--format", "json", str(archive)], env=env,
                         capture_output=True, text=True, check=True, cwd=REPO)  # fmt: skip
    import json

    return int(json.loads(out.stdout)["meetings"])


def _records_rss(archive: Path, env: dict[str, str]) -> int:
    """Row 9's baseline: every record of the archive as model objects in bare Python, textual imported (KiB)."""
    process = subprocess.Popen([PY, "-m", "benchmarks.baselines", "records", str(archive), "--cached"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=REPO)  # fmt: skip
    try:
        assert process.stdout is not None
        process.stdout.readline()
        with open(f"/proc/{process.pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    finally:
        process.kill()
        process.wait()
