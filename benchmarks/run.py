"""The benchmark suite: every target of the scale issue, each against a baseline timed in the same run.

    python -m benchmarks.run              # full run: 1k and 10k briefings, medians of 5+
    python -m benchmarks.run --quick      # smoke run for CI: tiny archive, 2 repeats, no verdicts

Prints a table and writes the figures as JSON (default ``benchmarks/out/results.json``).
First paint and keystroke latency are measured in a real pseudo-terminal.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.generate import generate
from benchmarks.pty_app import PtyApp

PY = sys.executable
REPO = Path(__file__).resolve().parent.parent


def _env(cache: Path) -> dict[str, str]:
    # The reader's state is the run's own (seeded by seed_state): never the state of whoever runs the suite.
    state, config = cache.parent / "state", cache.parent / "config"
    return dict(os.environ, XDG_CACHE_HOME=str(cache), XDG_STATE_HOME=str(state), XDG_CONFIG_HOME=str(config),
                PYTHONPATH=str(REPO))  # fmt: skip


FLAGS, READ_MARKS = 10_000, 50_000
"""The remembered state the reader rows run with (issue 14: nothing remembered may slow the start)."""


def seed_state(archive: Path, work: Path, refs: list[str]) -> None:
    """A state file for ``archive``: FLAGS meetings flagged, READ_MARKS read (real ids first, then made-up ones)."""
    from briefing.settings.state import ArchiveState

    ids = refs + [f"gone/{number}" for number in range(max(0, READ_MARKS - len(refs)))]
    state = ArchiveState([str(archive)], folder=work / "state" / "briefing")
    state.mark("flagged", ids[:FLAGS], True)
    state.mark("read", ids[:READ_MARKS], True)
    state.save()


def timed_run(argv: list[str], env: dict[str, str]) -> float:
    """Wall time of one process, output discarded."""
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=REPO)
    return time.perf_counter() - start


def timed_until(argv: list[str], marker: bytes, env: dict[str, str], whole: list[float] | None = None) -> float:
    """Seconds from start until the process prints ``marker`` on a line.

    The process then runs to its end; that time, start to exit, is appended to ``whole``.
    """
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=REPO)
    assert process.stdout is not None
    seen = None
    for line in process.stdout:
        if seen is None and line.strip() == marker:
            seen = time.perf_counter() - start
    process.wait()
    if whole is not None:
        whole.append(time.perf_counter() - start)
    if seen is None:
        raise RuntimeError(f"{argv!r} never printed {marker!r}")
    return seen


def median_of(repeats: int, measure: Callable[[], float]) -> tuple[float, list[float]]:
    samples = [measure() for _ in range(repeats)]
    return statistics.median(samples), samples


def alternate(repeats: int, a: Callable[[], float], b: Callable[[], float]) -> tuple[list[float], list[float]]:
    """Interleave the measured program and its baseline so drift hits both alike."""
    first, second = [], []
    for _ in range(repeats):
        first.append(a())
        second.append(b())
    return first, second


STANDARD = ("row", "what", "value", "baseline", "ratio", "target", "unit")


class Results:
    """Rows of the results table."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(self, number: int, what: str, value: float, baseline: float | None, target: str, unit: str = "ms",
            **extra: Any) -> None:  # fmt: skip
        ratio = value / baseline if baseline else None
        self.rows.append(
            {"row": number, "what": what, "value": value, "baseline": baseline, "ratio": ratio,
             "target": target, "unit": unit, **extra}
        )  # fmt: skip

    def table(self) -> str:
        lines = [f"{'#':>2}  {'what':<58} {'value':>10} {'baseline':>10} {'ratio':>7}  target"]
        for row in self.rows:
            scale = 1000 if row["unit"] == "ms" else 1
            value = f"{row['value'] * scale:.1f}" if row["unit"] in ("ms", "s/MB") else f"{row['value']:.0f}"
            base = "" if row["baseline"] is None else (
                f"{row['baseline'] * scale:.1f}" if row["unit"] == "ms" else f"{row['baseline']:.0f}"
            )  # fmt: skip
            ratio = "" if row["ratio"] is None else f"{row['ratio']:.2f}x"
            lines.append(f"{row['row']:>2}  {row['what']:<58} {value:>10} {base:>10} {ratio:>7}  {row['target']}")
            extra = [f"{key.replace('_', ' ')} {row[key]:.3f} s" for key in row if key not in STANDARD]
            if extra:
                lines.append(f"{'':>4}{', '.join(extra)}")
        return "\n".join(lines)


# ------------------------------------------------------------ measurements


def cli_rows(results: Results, archive: Path, repeats: int, work: Path) -> None:
    cache = work / "cache-cli"
    env = _env(cache)
    b_cli = [PY, "-m", "benchmarks.baselines", "b_cli"]
    summary = [PY, "-m", "briefing", "summary"]
    timed_run(summary, env)  # warm the bundled briefing's cache
    ours, base = alternate(repeats, lambda: timed_run(summary, env), lambda: timed_run(b_cli, env))
    results.add(1, "briefing summary, bundled data", statistics.median(ours), statistics.median(base), "<= 1.3x B_cli")

    whole: list[float] = []
    ours, base = alternate(repeats, lambda: cold_load(archive, work, whole), lambda: parse_floor(archive, env))
    results.add(2, f"first load, no cache ({archive.name})", statistics.median(ours), statistics.median(base),
                "<= 1.25x raw parse floor", whole_process=statistics.median(whole))  # fmt: skip

    search = [PY, "-m", "briefing", "search", "szijjarto rubio energy", str(archive)]
    timed_run(search, env)  # the first run builds the cache
    ours, base = alternate(repeats, lambda: timed_run(search, env), lambda: timed_run(b_cli, env))
    results.add(3, f"briefing search, warm cache ({archive.name})", statistics.median(ours), statistics.median(base),
                "<= 3.5x B_cli")  # fmt: skip


# The detail pane's participants (as columns, or stacked when narrow): with the list's counter, the whole first screen.
DETAIL = re.compile(rb"Name +Role +Country|Participants")


# Row 2 ends when every meeting is available; the word index and the cache are written after that.
AVAILABLE = b"EVERY MEETING AVAILABLE"


def cold_load(archive: Path, work: Path, whole: list[float] | None = None) -> float:
    """Row 2: a fresh process loads ``archive`` with an empty cache, until every meeting is available.

    The collector is paused as every entry point pauses it around a load (the reader's loading
    worker, a command). The whole process (word index, cache written, exit) goes to ``whole``.
    """
    code = (f"from briefing import collector; from briefing.archive.loader import load_catalog\n"
            f"with collector.paused(): load_catalog([{str(archive)!r}], "
            f"on_available=lambda result: print({AVAILABLE.decode()!r}, flush=True))")  # fmt: skip
    return timed_until([PY, "-c", code], AVAILABLE, _env(work / f"cache-cold-{time.monotonic_ns()}"), whole)


def parse_floor(archive: Path, env: dict[str, str]) -> float:
    """Row 2's baseline: list, read and parse ``archive`` (see :func:`benchmarks.baselines.floor`)."""
    return timed_until([PY, "-m", "benchmarks.baselines", "floor", str(archive)], AVAILABLE, env)


def first_paint(argv: list[str], markers: list[bytes | re.Pattern[bytes]], env: dict[str, str]) -> float:
    """Seconds until every one of ``markers`` has been painted."""
    app = PtyApp(argv, env=env)
    try:
        return max(app.wait_for(marker) for marker in markers)
    finally:
        app.close()


WORD = b"szijjarto"
"""What the keystroke rows type into the search box, a key at a time."""


def typed_keys(argv: list[str], env: dict[str, str], marker: bytes, repeats: int) -> tuple[list[float], int]:
    """Each key's latency typing :data:`WORD` into the loaded reader, and its largest resident size (KiB)."""
    keys: list[float] = []
    rss = 0
    for _ in range(max(1, repeats // 2)):
        app = PtyApp(argv, env=env)
        try:
            app.wait_for(marker)
            app.drain()
            rss = max(rss, app.settled_rss_kib())
            app.send(b"/")
            for char in WORD:
                keys.append(app.key_latency(bytes([char])))
            app.send(b"\x1b")
        finally:
            app.close()
    return keys, rss


def echo_floor_keys(env: dict[str, str], repeats: int) -> list[float]:
    """Each key's latency typing :data:`WORD` into the echo floor (an Input and a Static, no data)."""
    keys: list[float] = []
    for _ in range(max(1, repeats // 2)):
        app = PtyApp([PY, "-m", "benchmarks.baselines", "echo"], env=env)
        try:
            app.wait_for(b"ECHO READY")
            app.drain()
            for char in WORD:
                keys.append(app.key_latency(bytes([char])))
        finally:
            app.close()
    return keys


def tui_rows(results: Results, archive: Path, meetings: int, repeats: int, work: Path) -> None:
    env = _env(work / "cache-tui")
    b_tui = [PY, "-m", "benchmarks.baselines", "b_tui"]
    bundled = [PY, "-m", "briefing"]
    first_paint(bundled, [b"4 meetings"], env)  # warm the bundled cache
    ours, base = alternate(repeats, lambda: first_paint(bundled, [b"4 meetings", DETAIL], env),
                           lambda: first_paint(b_tui, [b"BASELINE READY"], env))  # fmt: skip
    results.add(4, "reader first paint, bundled data", statistics.median(ours), statistics.median(base),
                "<= 1.3x B_tui")  # fmt: skip

    big = [PY, "-m", "briefing", str(archive)]
    marker = f"{meetings:,} meetings".encode()
    timed_run([PY, "-m", "briefing", "validate", str(archive)], env)  # build the cache, word index included
    ours, base = alternate(repeats, lambda: first_paint(big, [marker, DETAIL], env),
                           lambda: first_paint(b_tui, [b"BASELINE READY"], env))  # fmt: skip
    results.add(5, f"reader first paint with full list, warm ({meetings:,} meetings, {FLAGS:,} flags)",
                statistics.median(ours),
                statistics.median(base), "<= 2.5x B_tui")  # fmt: skip

    # Keystrokes: type a search into the loaded reader, and into the echo floor app.
    ours_keys, rss = typed_keys(big, env, marker, repeats)
    echo_keys = echo_floor_keys(env, repeats)
    results.add(6, "keystroke -> painted frame, median", statistics.median(ours_keys), statistics.median(echo_keys),
                "<= 1.1x echo floor")  # fmt: skip
    results.add(6, "keystroke -> painted frame, worst", max(ours_keys), max(echo_keys), "<= 1.6x echo floor")
    results.add(6, "keystroke -> painted frame, worst (baseline: the echo floor's median)", max(ours_keys),
                statistics.median(echo_keys), "<= 1.0x echo floor median")  # fmt: skip

    # Row 11: the first field search of a warm start, keystroke by keystroke, until its true count is painted.
    expected = field_count(archive, "topic:energy", env)
    field_keys: list[float] = []
    for _ in range(max(1, repeats // 2)):
        app = PtyApp(big, env=env)
        try:
            app.wait_for(marker)
            app.drain()
            app.send(b"/")
            for char in b"topic:energy":
                field_keys.append(app.key_latency(bytes([char])))
            app.wait_for(f"{expected:,} of {meetings:,} meetings".encode(), timeout=5)
            app.send(b"\x1b")
        finally:
            app.close()
    results.add(11, "first field search, warm: keystroke -> true count painted, worst", max(field_keys),
                statistics.median(echo_keys), "<= 1.6x echo floor")  # fmt: skip

    baseline = subprocess.Popen([PY, "-m", "benchmarks.baselines", "records", str(archive)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=REPO)  # fmt: skip
    try:
        assert baseline.stdout is not None
        baseline.stdout.readline()
        with open(f"/proc/{baseline.pid}/status") as status:
            base_rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    finally:
        baseline.kill()
        baseline.wait()
    results.add(9, f"memory of the reader, {meetings:,} meetings (KiB)", rss, base_rss,
                "<= 1.6x records in bare Python + textual", unit="KiB")  # fmt: skip


def adversarial_rows(results: Results, work: Path, repeats: int) -> None:
    """Row 12: the worst command on any adversarial file at the size cap, in seconds per MB beyond its parse floor."""
    from benchmarks.adversarial import generate

    env = _env(work / "cache-adversarial")
    worst = (0.0, "", "")
    for path in generate(work / "adversarial"):
        megabytes = path.stat().st_size / 1e6
        floor = statistics.median(timed_run([PY, "-m", "benchmarks.baselines", "parse", str(path)], env)
                                  for _ in range(max(1, repeats // 2)))  # fmt: skip
        for command in (["validate"], ["summary"], ["search", "india"], ["summary", "--format", "markdown"]):
            argv = [PY, "-m", "briefing", *command, "--no-cache", str(path)]
            took = statistics.median(timed_run(argv, env) for _ in range(max(1, repeats // 2)))
            per_mb = max(0.0, took - floor) / megabytes
            if per_mb > worst[0]:
                worst = (per_mb, path.name, " ".join(command))
    results.add(12, f"adversarial files at the cap, worst: {worst[2]} {worst[1]} (s per MB beyond parse)",
                worst[0], None, "<= 1 s per MB", unit="s/MB")  # fmt: skip


def field_count(archive: Path, query: str, env: dict[str, str]) -> int:
    """How many meetings ``query`` finds, as ``briefing search`` counts them (the true count)."""
    out = subprocess.run([PY, "-m", "briefing", "search", query, str(archive)], env=env, capture_output=True,
                         text=True, check=False, cwd=REPO)  # fmt: skip
    return len(out.stdout.splitlines())


def in_process_rows(results: Results, archive: Path, repeats: int, work: Path) -> None:
    os.environ["XDG_CACHE_HOME"] = str(work / "cache-tui")
    os.environ["XDG_STATE_HOME"] = str(work / "state")  # the seeded state, as the reader rows have it
    from briefing.archive.cache import cache_paths
    from briefing.archive.files import discover
    from briefing.archive.loader import load_catalog
    from briefing.archive.stored import read_index

    load_catalog([str(archive)])  # warm
    index = read_index(cache_paths([str(archive)]))
    assert index is not None

    def freshness() -> float:
        start = time.perf_counter()
        found = discover([str(archive)]).files
        fresh = all(
            info is not None and (meta.size, meta.mtime_ns) == (info.st_size, info.st_mtime_ns)
            for meta, info in zip(index.files, (item.info for item in found), strict=True)
        )
        assert fresh and len(found) == len(index.files)
        return time.perf_counter() - start

    floor = [PY, "-m", "benchmarks.baselines", "floor", str(archive)]
    check, _ = median_of(repeats, freshness)
    floor_time, _ = median_of(max(1, repeats // 2), lambda: timed_run(floor, _env(work / "x")))
    results.add(10, f"cache freshness check ({len(index.files):,} files)", check, floor_time, "<= 1% of parse floor")
    asyncio.run(_reader_work(results, archive, repeats=repeats))


async def _reader_work(
    results: Results, archive: Path, suffix: str = "", facets: bool = True, repeats: int = 5
) -> None:
    """Rows 7 and 8 (and 13, with ``facets``), timed inside a headless reader holding the whole archive (warm)."""
    from briefing.reader.app import BriefingApp
    from briefing.reader.screens.main import MainScreen

    app = BriefingApp([str(archive)])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        while screen.is_loading or not screen.searches_at_once:  # from then on a search runs in the key handler
            await pilot.pause(0.05)
        screen.action_search()  # typing in the search box, as a user does: the detail waits for a pause
        await pilot.pause()
        updates: list[float] = []
        for text in TYPED:
            for end in range(1, len(text) + 1):
                start = time.perf_counter()
                screen.search_text = text[:end]  # what a keystroke in the box does: search, then the list
                updates.append(time.perf_counter() - start)
                await pilot.pause()
        results.add(7, f"work per filter update (search + list update), worst{suffix}", max(updates), None, "<= 16 ms",
                    median=statistics.median(updates))  # fmt: skip
        screen.action_clear_search()  # back on the list: each move updates the detail at once
        await pilot.pause()
        moves: list[float] = []
        for _ in range(200):
            start = time.perf_counter()
            screen.move_highlight(1)  # what a key on the list asks for: the list and the detail follow
            moves.append(time.perf_counter() - start)
            await pilot.pause()
        results.add(8, f"cursor move (list + detail update), worst{suffix}", max(moves), None, "<= 5 ms",
                    median=statistics.median(moves))  # fmt: skip
        if facets:
            await _facet_rows(results, pilot, screen, repeats)


TYPED = ("szijjarto rubio", "person:wong energy", "minister -trade", "defense", "date:2024 summit", "topic:energy",
         "country:japan -kind:call")  # fmt: skip
"""What rows 7 and 13 type, a key at a time."""


async def _facet_rows(results: Results, pilot: Any, screen: Any, repeats: int) -> None:
    """Row 13: the same typing as row 7, with the facets open over the whole archive, following the search.

    The counts are worked out in a thread a moment after typing pauses, so a key costs what it costs with the
    facets closed: the row is the ratio of the two. A pass's worst key is one sample of the machine's noise (a
    key of 2 ms measured at 3 now and then, open or closed), so passes alternate, closed then open, ``repeats``
    times, and the row compares the medians of their worst keys, as every other row compares medians.
    """
    from briefing.reader.widgets.counts_panel import DELAY, CountsPanel

    panel = screen.query_one(CountsPanel)

    async def caught_up() -> float:
        start = time.perf_counter()
        while not panel.up_to_date:
            await pilot.pause(0.002)
        return time.perf_counter() - start

    async def typing(counted: list[float] | None) -> list[float]:
        updates: list[float] = []
        for text in TYPED:
            screen.action_search()
            for end in range(1, len(text) + 1):
                start = time.perf_counter()
                screen.search_text = text[:end]  # a keystroke: the list answers, the counts wait for a pause
                updates.append(time.perf_counter() - start)
                await pilot.pause()
            if counted is not None:
                start = time.perf_counter()
                screen.search_text = text
                await caught_up()
                counted.append(time.perf_counter() - start)
            else:  # the same pause as the count takes: the two passes differ in the panel alone
                await pilot.pause(DELAY + 0.05)
        return updates

    first = 0.0
    worst_closed: list[float] = []
    worst_open: list[float] = []
    every_open: list[float] = []
    counted: list[float] = []
    for number in range(max(1, repeats)):
        screen.action_clear_search()
        await pilot.pause()
        worst_closed.append(max(await typing(None)))
        screen.action_clear_search()
        await pilot.pause()
        screen.action_counts("facets")
        waited = await caught_up()
        first = waited if number == 0 else first  # the first count reads every meeting's values
        opened = await typing(counted)
        worst_open.append(max(opened))
        every_open += opened
        screen.action_counts("facets")  # closed again
        await pilot.pause()
    results.add(13, "facets open: work per filter update, worst (baseline: closed)", statistics.median(worst_open),
                statistics.median(worst_closed), "<= 1.1x the same typing closed", median=statistics.median(every_open),
                worst_of_all=max(worst_open), worst_closed_of_all=max(worst_closed))  # fmt: skip
    results.add(13, "facets: typing pauses -> counts of the list shown, median", statistics.median(counted), None,
                f"<= {DELAY * 1000 + 150:.0f} ms", worst=max(counted), first_open=first)  # fmt: skip


GROUPS = ["cli", "reader", "in-process", "adversarial", "large"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: tiny archive, 2 repeats")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--briefings", type=int, default=None, help="archive size (default 10,000; quick: 200)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "results.json")
    parser.add_argument("--only", nargs="+", choices=GROUPS, default=GROUPS, help="run only these groups of rows")
    args = parser.parse_args()
    repeats = args.repeats or (2 if args.quick else 5)
    size = args.briefings or (200 if args.quick else 10_000)
    # An installed package has its bytecode compiled by pip; an editable checkout run
    # with PYTHONDONTWRITEBYTECODE (as on the machine the targets come from) would
    # compile every module on every start, which no user pays. Compile it once here.
    compileall.compile_dir(REPO / "briefing", quiet=1)
    results = Results()
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        work = Path(tmp)
        archive = work / f"archive-{size}"
        started = time.perf_counter()
        generate(archive, size)
        small = work / "archive-1000"
        if "cli" in args.only and not args.quick:
            generate(small, 1000)
        from briefing.archive.loader import load_catalog

        os.environ["XDG_CACHE_HOME"] = str(work / "cache-count")
        counted = load_catalog([str(archive)], use_cache=False).catalog
        meetings = len(counted)
        seed_state(archive, work, list(counted.ref_column()))
        print(f"archive: {size:,} briefings, {meetings:,} meetings ({time.perf_counter() - started:.1f} s to make)",
              file=sys.stderr)  # fmt: skip
        if "cli" in args.only:
            cli_rows(results, archive, repeats, work)
        if "cli" in args.only and not args.quick:
            whole_small: list[float] = []
            cold_small, floor_small = alternate(
                repeats, lambda: cold_load(small, work, whole_small), lambda: parse_floor(small, _env(work))
            )
            results.add(2, "first load, no cache (archive-1000)", statistics.median(cold_small),
                        statistics.median(floor_small), "<= 1.25x raw parse floor",
                        whole_process=statistics.median(whole_small))  # fmt: skip
        if "reader" in args.only:
            tui_rows(results, archive, meetings, repeats, work)
        if "in-process" in args.only:
            in_process_rows(results, archive, repeats, work)
        if "adversarial" in args.only:
            adversarial_rows(results, work, repeats)
        if "large" in args.only and not args.quick:
            from benchmarks.large import large_rows

            large_rows(results, repeats)
    results.rows.sort(key=lambda row: row["row"])
    print(results.table())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0], "platform": sys.platform},
        "archive": {"briefings": size, "meetings": meetings},
        "repeats": repeats,
        "quick": args.quick,
        "rows": results.rows,
    }
    args.out.write_text(json.dumps(document, indent=2) + "\n")
    print(f"figures written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
