"""The parse cache: invisible when it works, ignored when it is stale, damaged or foreign."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest

from briefing.archive import loader
from briefing.archive.cache import MAGIC, cache_paths
from briefing.archive.loader import load_catalog, load_paths
from briefing.archive.stored import read_index
from tests.helpers import GOOD, run_cli, write


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    for number in range(3):
        write(folder, f"b{number}.yaml", GOOD.replace("Geneva", f"City{number}"))
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every file the loader actually parses."""
    seen: list[str] = []
    real = loader.load_file

    def counting(path: str, max_size: int = loader.DEFAULT_MAX_FILE_SIZE) -> loader.FileResult:
        seen.append(os.path.basename(path))
        return real(path, max_size)

    monkeypatch.setattr(loader, "load_file", counting)
    return seen


def cache_file(roots: list[str]) -> Path:
    """The index file of the cache (what a warm start reads)."""
    return cache_paths(roots).index


def titles(folder: Path, **options: object) -> list[str]:
    return sorted(b.title for b in load_paths([str(folder)], **options).briefings)  # type: ignore[arg-type]


def test_second_load_parses_nothing_and_gives_the_same_result(archive: Path, parses: list[str]) -> None:
    first = load_catalog([str(archive)])
    assert sorted(parses) == ["b0.yaml", "b1.yaml", "b2.yaml"]
    assert cache_file([str(archive)]).exists()
    parses.clear()
    second = load_catalog([str(archive)])
    assert parses == []
    assert list(second.catalog.entries) == list(first.catalog.entries)
    assert list(second.catalog.hays) == list(first.catalog.hays)
    assert [second.catalog.row(i) for i in range(3)] == [first.catalog.row(i) for i in range(3)]


def test_a_cache_read_in_many_parts_gives_the_same_catalog(
    archive: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.archive import entries, stored

    for module, name in ((stored, "FILES_CHUNK"), (stored, "TEXT_CHUNK"), (entries, "CHUNK")):
        monkeypatch.setattr(module, name, 2)  # 3 files, 3 meetings: every list in the cache in two parts
    first = load_catalog([str(archive)]).catalog
    parses.clear()
    second = load_catalog([str(archive)]).catalog
    assert parses == [] and len(second) == 3
    assert list(second.entries) == list(first.entries)
    assert list(second.hays) == list(first.hays) and list(second.facets) == list(first.facets)
    assert second.briefing_hays() == first.briefing_hays()
    assert [meta.path for meta in stored.read_index(cache_paths([str(archive)])).files] == first.paths  # type: ignore[union-attr]


def test_the_same_folder_spelled_another_way_uses_the_cache_and_is_shown_as_spelled(
    archive: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(archive, "odd.yaml", GOOD.replace("Geneva", "Oslo").replace("title:", "colour: blue\ntitle:", 1))
    first = load_catalog([str(archive)])
    assert any(p.path.endswith("odd.yaml") for p in first.problems)  # an unknown key: a warning to carry over
    link = archive.parent / "link"
    link.symlink_to(archive)
    monkeypatch.chdir(archive.parent)
    for spelling in ("archive", "./archive/", str(link)):  # one cache (the real path), three spellings
        parses.clear()
        result = load_catalog([spelling])
        assert parses == [], spelling
        assert all(path.startswith(spelling.rstrip("/")) for path in result.catalog.paths), result.catalog.paths
        assert any(p.path.endswith("odd.yaml") for p in result.problems)
        assert all(p.path.startswith(spelling.rstrip("/")) for p in result.problems)
    (archive / "b0.yaml").write_text(GOOD.replace("Geneva", "Bern"))
    parses.clear()
    load_catalog(["./archive"])
    assert parses == ["b0.yaml"]  # a changed file is still parsed again, whatever the spelling


def test_a_changed_file_is_parsed_again_alone(archive: Path, parses: list[str]) -> None:
    load_catalog([str(archive)])
    parses.clear()
    (archive / "b1.yaml").write_text(GOOD.replace("Geneva", "Changed town"))
    assert "Talks in Changed town" in titles(archive)
    assert parses == ["b1.yaml"]


def test_an_edit_that_keeps_the_size_is_noticed_by_its_time(archive: Path, parses: list[str]) -> None:
    # Fixing a typo often leaves a file as long as it was: only its modification time tells.
    load_catalog([str(archive)])
    parses.clear()
    path = archive / "b1.yaml"
    before = path.stat()
    path.write_text(GOOD.replace("Geneva", "City9"))
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert "Talks in City9" in titles(archive)
    assert parses == ["b1.yaml"]


def test_new_and_deleted_files_are_noticed(archive: Path, parses: list[str]) -> None:
    load_catalog([str(archive)])
    (archive / "b0.yaml").unlink()
    write(archive, "b9.yaml", GOOD.replace("Geneva", "Added"))
    parses.clear()
    assert titles(archive) == ["Talks in Added", "Talks in City1", "Talks in City2"]
    assert parses == ["b9.yaml"]
    index = read_index(cache_paths([str(archive)]))
    assert index is not None
    assert {meta.path for meta in index.files} == {str(archive / n) for n in ("b1.yaml", "b2.yaml", "b9.yaml")}


def test_problems_are_remembered_too(archive: Path) -> None:
    write(archive, "bad.yaml", GOOD.replace("date: 2025-03-14", "date: 2025-02-30"))
    first = [str(p) for p in load_catalog([str(archive)]).problems]
    assert first and first == [str(p) for p in load_catalog([str(archive)]).problems]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-10],  # truncated
        lambda data: data[: len(data) // 2] + bytes([data[len(data) // 2] ^ 0xFF]) + data[len(data) // 2 + 1 :],
        lambda data: b"not a cache at all",
        lambda data: b"",
        lambda data: b"other-format!!\n" + data[len(MAGIC) :],  # someone else's file
        lambda data: data[: len(MAGIC)] + b"\x63\x00" + data[len(MAGIC) + 2 :],  # a future version
    ],
)
def test_a_damaged_or_foreign_cache_is_ignored_and_rebuilt(archive: Path, parses: list[str], damage: object) -> None:
    load_catalog([str(archive)])
    path = cache_file([str(archive)])
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    parses.clear()
    assert titles(archive) == ["Talks in City0", "Talks in City1", "Talks in City2"]
    assert len(parses) == 3
    parses.clear()
    load_catalog([str(archive)])
    assert parses == []  # rebuilt


def test_a_deleted_cache_is_rebuilt(archive: Path, parses: list[str]) -> None:
    load_catalog([str(archive)])
    cache_file([str(archive)]).unlink()
    parses.clear()
    assert len(titles(archive)) == 3 and len(parses) == 3
    assert cache_file([str(archive)]).exists()


def test_no_cache_neither_reads_nor_writes(archive: Path, parses: list[str]) -> None:
    load_catalog([str(archive)], use_cache=False)
    assert not cache_file([str(archive)]).exists()
    load_catalog([str(archive)])
    parses.clear()
    load_catalog([str(archive)], use_cache=False)
    assert len(parses) == 3
    result = run_cli("search", "geneva", "--no-cache", str(archive))
    assert result.returncode == 0


def test_an_unwritable_cache_folder_is_not_fatal(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(titles(archive)) == 3
    result = run_cli("summary", str(archive), env={"XDG_CACHE_HOME": str(blocker)})
    assert result.returncode == 0 and "Talks in City0" in result.stdout


def test_writes_are_atomic_and_leave_no_temporary_files(archive: Path) -> None:
    load_catalog([str(archive)])
    (archive / "b1.yaml").write_text(GOOD.replace("Geneva", "Again"))
    load_catalog([str(archive)])
    paths = cache_paths([str(archive)])
    assert sorted(p.name for p in paths.index.parent.iterdir()) == sorted(p.name for p in paths.all() if p.exists())


def test_the_cache_cannot_run_code(archive: Path, tmp_path: Path) -> None:
    import marshal
    import pickle

    from briefing.archive.cache import framed_part
    from tests.forge import forge

    marker = tmp_path / "ran"

    class Boom:
        def __reduce__(self) -> tuple[object, tuple[str, str]]:
            return (open, (str(marker), "w"))

    load_catalog([str(archive)])
    path = cache_file([str(archive)])
    code = compile(f"open({str(marker)!r}, 'w')", "<cache>", "exec")
    for blob in (pickle.dumps(Boom()), marshal.dumps(code), marshal.dumps((code, code, code, code))):
        path.write_bytes(forge(framed_part(blob)))  # valid header and checksum: anyone could make it
        assert read_index(cache_paths([str(archive)])) is None  # not an index: ignored
        assert len(load_catalog([str(archive)]).catalog) == 3  # and rebuilt
        assert not marker.exists()


def test_the_briefing_files_are_never_written(archive: Path) -> None:
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in archive.iterdir()}
    load_catalog([str(archive)])
    run_cli("summary", str(archive))
    run_cli("validate", str(archive))
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in archive.iterdir()} == before


def test_a_cache_record_that_fails_to_decode_falls_back_to_the_file(archive: Path, parses: list[str]) -> None:
    load_catalog([str(archive)])
    records = cache_paths([str(archive)]).records
    data = bytearray(records.read_bytes())
    data[-5] ^= 0xFF  # the last record is damaged: its CRC fails
    records.write_bytes(bytes(data))
    parses.clear()
    catalog = load_catalog([str(archive)]).catalog
    assert parses == []  # the list came from the index
    titles = {catalog.row(i).briefing.title for i in range(len(catalog))}
    assert titles == {"Talks in City0", "Talks in City1", "Talks in City2"}
    assert parses == ["b2.yaml"]  # the damaged record's file, read again


def test_large_catalogs_cache_their_word_index(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.query.language import parse_query
    from briefing.query.search import SearchIndex

    monkeypatch.setattr(loader, "POSTINGS_MIN", 1)
    cold = load_catalog([str(archive)]).catalog
    warm = load_catalog([str(archive)]).catalog
    assert warm.postings is None and warm.index_pending  # read when first wanted
    assert warm.load_index()
    assert cold.postings is not None and warm.postings is not None
    assert list(warm.postings.vocabulary) == list(cold.postings.vocabulary)
    query = parse_query("city1 -city2")
    assert list(SearchIndex(warm).search(query).rows) == list(SearchIndex(cold).search(query).rows) != []


def test_every_meeting_is_available_before_the_word_index_and_the_cache_are_written(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "POSTINGS_MIN", 1)
    paths = cache_paths([str(archive)])
    seen: list[tuple[int, bool, bool, bool]] = []

    def available(result: loader.CatalogResult) -> None:
        catalog = result.catalog
        seen.append((len(catalog), catalog.postings is not None, paths.index.exists(), paths.words.exists()))

    result = load_catalog([str(archive)], on_available=available)
    assert seen == [(len(result.catalog), False, False, False)]  # the reader shows the list this early
    assert result.catalog.postings is not None and paths.index.exists() and paths.words.exists()
    seen.clear()
    warm = load_catalog([str(archive)], on_available=available)  # warm: said once too, the word index waiting
    assert seen == [(len(result.catalog), False, True, True)] and warm.catalog.index_pending


def test_a_compressed_payload_is_read_in_steps_whatever_the_step_cuts(monkeypatch: pytest.MonkeyPatch) -> None:
    import zlib

    from briefing.archive import cache

    parts = [("a" * 40, "é" * 7), tuple(range(300)), b"\x00" * 5000, (), "z"]
    payload = zlib.compress(b"".join(cache.framed_part(marshal.dumps(part)) for part in parts), 1)
    for step in (1, 7, 64, 4096, 1 << 20):  # steps that cut the length prefixes and the parts at every place
        monkeypatch.setattr(cache, "INFLATE_STEP", step)
        assert cache.inflated_parts(payload, 1 << 20) == parts
    with pytest.raises(ValueError, match="too large"):
        cache.inflated_parts(payload, 1000)  # a bomb stops at the limit
    with pytest.raises(ValueError, match="cut short"):
        cache.inflated_parts(payload[:-9], 1 << 20)
    cut = zlib.compress(b"".join(cache.framed_part(marshal.dumps(part)) for part in parts)[:-1], 1)
    with pytest.raises(ValueError, match="cut short"):
        cache.inflated_parts(cut, 1 << 20)  # a whole stream whose last part is short
    with pytest.raises(ValueError, match="after the parts"):
        cache.inflated_parts(payload + b"junk", 1 << 20)
