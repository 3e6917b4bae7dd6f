"""The cache as an attack surface: whatever can write to the cache folder can neither reach the terminal nor stop us.

Each case rewrites a real cache the way someone with write access could (valid
magic, version and checksums), then runs the program as a user would.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from briefing.archive import loader
from briefing.archive.cache import cache_paths, compress_record
from briefing.archive.loader import cached_catalog, load_catalog
from briefing.archive.stored import _dump_at, _dump_parts, read_index
from tests.forge import read_payload, rewrite
from tests.helpers import GOOD, run_cli, run_pty, write
from tests.oracle import assert_terminal_safe

ESCAPE = "\x1b]52;c;cHduZWQ=\x07\x1b]2;PWNED\x07\x1b[2J"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    for number in range(3):
        write(folder, f"b{number}.yaml", GOOD.replace("Geneva", f"City{number}").replace("Trade", "alpha"))
    return folder


@pytest.fixture
def cache_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return {"XDG_CACHE_HOME": str(cache)}


def index_of(archive: Path) -> Path:
    return cache_paths([str(archive)]).index


# The parts holding the text columns of the entries (one chunk each): in the index, after the two counts and
# the files; in the head, after the counts and the files.
INDEX_TEXT = range(3, 12)
HEAD_TEXT = range(2, 11)


def _poisoned(text: range) -> Any:
    def poison(parts: list[Any]) -> list[Any]:
        return [tuple(ESCAPE + value for value in part) if n in text else part for n, part in enumerate(parts)]

    return poison


def test_escape_codes_written_into_the_cache_never_reach_the_terminal(archive: Path, cache_env: dict[str, str]) -> None:
    load_catalog([str(archive)])
    paths = cache_paths([str(archive)])
    rewrite(paths.index, _poisoned(INDEX_TEXT))
    rewrite(paths.head, _poisoned(HEAD_TEXT))
    for args in (("validate",), ("summary",), ("search", "city"), ("search", "--format", "json", "city")):
        run = run_cli(*args, str(archive), env=cache_env)
        assert "Traceback" not in run.stderr
        assert_terminal_safe(run.stdout, f"{args} stdout")
        assert_terminal_safe(run.stderr, f"{args} stderr")
    status, output = run_pty("search", "city", str(archive), env=cache_env)  # the terminal form, dates and all
    assert status == 0
    assert "\x1b]52" not in output and "\x1b]2;" not in output and "\x1b[2J" not in output
    cached = cached_catalog([str(archive)])  # what the reader paints first
    assert cached is not None and len(cached.catalog) == 3
    assert all("\x1b" not in entry.date and "\x1b" not in entry.title for entry in cached.catalog.entries)
    assert all("\\x1b]52" in entry.title for entry in cached.catalog.entries)  # shown, as visible escapes


INDEX_DAMAGE = {
    # parts: the number of files, of meetings, the files (one chunk), then the columns of the entries
    "int-for-text": lambda parts: [*parts[:8], (12345, *parts[8][1:]), *parts[9:]],
    "short-entries": lambda parts: parts[:-1],
    "problem-arity": lambda parts: [
        *parts[:2],
        ((*parts[2][0][:3], (("x", 1),), *parts[2][0][4:]), *parts[2][1:]),
        *parts[3:],
    ],
    "file-index-out-of-range": lambda parts: [*parts[:14], b"\xff\xff\xff\x7f" * (len(parts[14]) // 4)],
    "huge-record-length": lambda parts: [
        *parts[:2],
        ((*parts[2][0][:5], 1 << 60, *parts[2][0][6:]), *parts[2][1:]),
        *parts[3:],
    ],
    "meeting-out-of-range": lambda parts: [*parts[:13], b"\x63\x00\x00\x00" * (len(parts[13]) // 4), parts[14]],
    "files-miscounted": lambda parts: [parts[0] + 1, *parts[1:]],
}


def _dumps(change: Any) -> Any:
    """Rewrite the two word indexes (of the meetings, of the briefings) as ``change(meetings, briefings)`` says."""

    def rewrite(parts: list[Any]) -> list[Any]:
        meetings, middle = _dump_at(parts, 0)
        briefings, _ = _dump_at(parts, middle)
        meetings, briefings = change(meetings, briefings)
        return [*_dump_parts(meetings), *_dump_parts(briefings)]

    return rewrite


WORDS_DAMAGE = {
    "garbage-postings": _dumps(lambda m, b: ((("a",), b"\xff" * 8, b"\x00" * 4, (), (), b"", ()), b)),
    "unsorted-vocabulary": _dumps(lambda m, b: ((tuple(reversed(m[0])), *m[1:]), b)),
    "rows-out-of-range": _dumps(lambda m, b: (_rows_past_the_end(m), _rows_past_the_end(b))),
    "a-piece-missing": lambda parts: parts[:-1],
    "more-parts-said-than-there-are": lambda parts: [len(parts), *parts[1:]],
}


def _rows_past_the_end(dump: Any) -> Any:
    vocabulary, offsets, blocks, names, starts, numbers, dense = dump
    assert dense, "the forged index must hold sets of bits to damage"
    far = compress_record(b"\xff")  # rows 0-7 of an archive of 3 meetings (or briefings): the shape holds
    return vocabulary, offsets, blocks, names, tuple(far for _ in starts), numbers, tuple(far for _ in dense)


@pytest.mark.parametrize("variant", [*INDEX_DAMAGE, *WORDS_DAMAGE])
def test_a_cache_of_the_wrong_shape_is_ignored_and_rebuilt(
    archive: Path, cache_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, variant: str
) -> None:
    monkeypatch.setattr(loader, "POSTINGS_MIN", 1)  # so the cache holds a word index to damage
    load_catalog([str(archive)])
    paths = cache_paths([str(archive)])
    if variant in INDEX_DAMAGE:
        rewrite(paths.index, INDEX_DAMAGE[variant])
    else:
        rewrite(paths.words, WORDS_DAMAGE[variant])
    for args in (("summary",), ("search", "city"), ("validate",), ("search", "--format", "json", "city")):
        run = run_cli(*args, str(archive), env=cache_env)
        assert run.returncode == 0, (variant, args, run.stderr)
        assert "Traceback" not in run.stderr and "internal error" not in run.stderr
        assert run.stdout.count("Ministers prepare the summit") >= 3 or args == ("validate",), (variant, args)
    if variant in WORDS_DAMAGE:
        assert not paths.words.exists()  # found bad, so removed: the next load of a large archive builds it again
    rebuilt = read_index(paths)
    assert rebuilt is not None  # rebuilt, and good again
    assert list(rebuilt.entries.columns[10]) == [0, 0, 0]
    run = run_cli("search", "--format", "json", "briefing:b1", str(archive), env=cache_env)
    assert '"briefing": "b1"' in run.stdout and run.stdout.count('"id": "ministers') == 1


def test_cache_files_that_are_fifos_or_devices_are_never_read(archive: Path, cache_env: dict[str, str]) -> None:
    load_catalog([str(archive)])
    paths = cache_paths([str(archive)])
    paths.text.unlink()
    os.mkfifo(paths.text)
    paths.records.unlink()
    paths.records.symlink_to("/dev/zero")
    results: dict[str, Any] = {}

    def run() -> None:
        results["search"] = run_cli("search", "city", str(archive), env=cache_env)
        results["summary"] = run_cli("summary", str(archive), env=cache_env)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "a FIFO or /dev/zero in the cache folder hung the program"
    assert results["search"].returncode == 0 and "b0/ministers-prepare-the-summit" in results["search"].stdout
    assert results["summary"].returncode == 0 and "Talks in City2" in results["summary"].stdout


def test_parts_of_two_generations_are_never_mixed(archive: Path, cache_env: dict[str, str]) -> None:
    load_catalog([str(archive)])
    paths = cache_paths([str(archive)])
    old_text = paths.text.read_bytes()
    (archive / "b0.yaml").write_text(GOOD.replace("Geneva", "Charlie").replace("Trade", "charlie"))
    load_catalog([str(archive)])  # a newer run writes a newer generation
    paths.text.write_bytes(old_text)  # and an older run's search text lands beside it
    found = run_cli("search", "charlie", str(archive), env=cache_env)
    assert found.stdout.count("\n") == 1 and "\tb0/" in found.stdout
    alpha = run_cli("search", "alpha", str(archive), env=cache_env)
    assert "\tb0/" not in alpha.stdout and alpha.stdout.count("\n") == 2
    assert read_payload(paths.text)[1] == read_payload(paths.index)[1]  # rewritten: one generation again


def test_the_size_cap_applies_to_files_served_from_the_cache(archive: Path, cache_env: dict[str, str]) -> None:
    big = write(archive, "big.yaml", GOOD + "# " + "x" * 3000 + "\n")
    first = run_cli("validate", "--max-file-size", "10K", str(archive), env=cache_env)
    assert first.returncode == 0
    assert cached_catalog([str(archive)], max_size=2048) is None  # the reader does not paint it from the cache
    again = run_cli("validate", "--max-file-size", "2K", str(archive), env=cache_env)
    assert again.returncode == 1 and f"{big}:0:0: error: file is" in again.stdout


def test_the_cache_is_private_and_ignored_when_someone_else_owns_it(
    archive: Path, cache_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalog([str(archive)])
    paths = cache_paths([str(archive)])
    assert stat.S_IMODE(paths.index.parent.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in paths.all() if p.exists())
    monkeypatch.setattr(os, "getuid", lambda: os.stat(paths.index).st_uid + 1)  # as if another user owned it
    assert read_index(paths) is None
    assert cached_catalog([str(archive)]) is None


def test_a_relative_cache_home_is_ignored(archive: Path, tmp_path: Path) -> None:
    run = run_cli("summary", str(archive), env={"XDG_CACHE_HOME": "relative-cache"}, cwd=tmp_path)
    assert run.returncode == 0
    assert not (tmp_path / "relative-cache").exists()


def test_an_interrupted_write_leaves_no_temporary_and_old_leftovers_are_swept(
    archive: Path, cache_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.archive import cache

    load_catalog([str(archive)])
    folder = cache_paths([str(archive)]).index.parent
    leftover = folder / ".catalog-0000.index.old"
    leftover.write_bytes(b"x" * 100)
    os.utime(leftover, (0, 0))  # long ago
    fresh = folder / ".catalog-0000.index.now"
    fresh.write_bytes(b"y")  # another run may be writing this one right now

    real = os.replace

    def interrupted(source: str, target: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cache.os, "replace", interrupted)
    (archive / "b1.yaml").write_text(GOOD.replace("Geneva", "Changed"))
    with pytest.raises(KeyboardInterrupt):
        load_catalog([str(archive)])
    monkeypatch.setattr(cache.os, "replace", real)
    names = {p.name for p in folder.iterdir()}
    assert leftover.name not in names and fresh.name in names
    assert not [n for n in names if n.startswith(".catalog-") and n != fresh.name]


def test_escape_codes_written_into_the_cached_facets_are_shown_as_escapes(
    archive: Path, cache_env: dict[str, str]
) -> None:
    load_catalog([str(archive)])
    paths = cache_paths([str(archive)])
    # The search text holds the haystacks' chunk, then the facet lines' chunk, then the briefings' haystacks.
    rewrite(paths.text, lambda parts: [parts[0], tuple(ESCAPE + line for line in parts[1]), parts[2]])
    run = run_cli("stats", str(archive), env=cache_env)
    assert run.returncode == 0, run.stderr
    assert_terminal_safe(run.stdout, "stats stdout")
    assert "\\x1b]52" in run.stdout  # the name as the cache has it, its escapes visible


def test_cached_facets_of_the_wrong_shape_are_read_again_from_the_files(
    archive: Path, cache_env: dict[str, str]
) -> None:
    load_catalog([str(archive)])
    paths = cache_paths([str(archive)])
    rewrite(paths.text, lambda parts: [parts[0], tuple("Mallory" for _ in parts[1]), parts[2]])
    run = run_cli("stats", str(archive), env=cache_env)
    assert (run.returncode, run.stdout) == (0, "3\tJane Doe\n")
