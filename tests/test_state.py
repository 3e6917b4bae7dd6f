"""The reader's remembered state on disk: merged, never lost, never trusted, set aside when damaged."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

from briefing.settings.state import ArchiveState, Marks, archive_key, remember_theme, remembered_theme


def state(tmp_path: Path, *paths: str) -> ArchiveState:
    return ArchiveState(list(paths) or [str(tmp_path / "archive")], folder=tmp_path / "state")


def test_marks_the_last_search_and_the_history_survive_a_restart(tmp_path: Path) -> None:
    first = state(tmp_path)
    first.mark("flagged", ["b/one", "b/two"], True)
    first.mark("read", ["b/one"], True)
    first.remember(query="quad -kind:call", highlighted="b/two")
    first.searched("rubio")
    first.searched("quad")
    first.searched("rubio")
    first.save()
    again = state(tmp_path).load()
    assert again.marks == Marks(frozenset({"b/one", "b/two"}), frozenset({"b/one"}))
    assert (again.query, again.highlighted, again.history) == ("quad -kind:call", "b/two", ("quad", "rubio"))


def test_the_same_archive_however_its_paths_are_written_has_one_state(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    os.symlink(tmp_path / "a", tmp_path / "link")
    assert archive_key([str(tmp_path / "a")]) == archive_key([f"{tmp_path}/a/", str(tmp_path / "link")])
    assert archive_key([str(tmp_path / "a")]) != archive_key([str(tmp_path / "b")])


def test_two_readers_writing_at_once_keep_each_others_changes(tmp_path: Path) -> None:
    one, two = state(tmp_path), state(tmp_path)
    one.mark("flagged", ["b/one"], True)
    two.mark("flagged", ["b/two"], True)
    one.save()
    two.save()  # read again under the lock: b/one is kept
    one.mark("flagged", ["b/one"], False)  # cleared by one reader: gone, the other's flag stays
    one.save()
    assert state(tmp_path).load().marks.flagged == {"b/two"}


def _flag_many(folder: str, archive: str, start: int) -> None:
    writer = ArchiveState([archive], folder=Path(folder))
    for number in range(start, start + 40):
        writer.mark("flagged", [f"b/{number}"], True)
        writer.save()


def test_two_processes_flagging_at_once_lose_nothing(tmp_path: Path) -> None:
    archive = str(tmp_path / "archive")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_flag_many, args=(str(tmp_path / "state"), archive, start)) for start in (0, 40)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert state(tmp_path).load().marks.flagged == {f"b/{number}" for number in range(80)}


def test_a_damaged_or_foreign_state_file_is_set_aside_and_started_afresh(tmp_path: Path) -> None:
    for text in ("{not json", '{"version": 99, "flagged": ["x"]}', "[1, 2]", "\udcff"):
        reader = state(tmp_path)
        reader.file.path.parent.mkdir(parents=True, exist_ok=True)
        reader.file.path.write_text(text, encoding="utf-8", errors="surrogateescape")
        assert reader.load().marks == Marks()
        notice = reader.notice
        assert "set aside as" in notice, notice
        assert reader.notice == ""  # said once
        aside = [name for name in os.listdir(reader.file.path.parent) if ".damaged-" in name]
        assert aside, text  # renamed, never deleted
        for name in aside:
            os.unlink(reader.file.path.parent / name)


def test_values_of_the_wrong_shape_are_dropped_not_trusted(tmp_path: Path) -> None:
    reader = state(tmp_path)
    reader.file.path.parent.mkdir(parents=True)
    document = {"version": 1, "flagged": ["ok/one", 3, None, "x" * 5000], "read": "b/one", "query": ["q"],
                "history": ["a", {"b": 1}]}  # fmt: skip
    reader.file.path.write_text(json.dumps(document), encoding="utf-8")
    remembered = reader.load()
    assert remembered.marks.flagged == {"ok/one"} and remembered.marks.read == frozenset()
    assert remembered.query == ""


def test_the_state_holds_ids_queries_and_paths_only(tmp_path: Path) -> None:
    reader = state(tmp_path)
    reader.mark("read", ["b/one"], True)
    reader.save()
    document = json.loads(reader.file.path.read_text(encoding="utf-8"))
    assert set(document) == {"version", "paths", "flagged", "read", "query", "highlighted", "history"}
    assert not [name for name in os.listdir(reader.file.path.parent) if name.endswith(".tmp")]


def test_the_theme_chosen_is_remembered(tmp_path: Path) -> None:
    assert remembered_theme(tmp_path) == ""
    remember_theme("nord", tmp_path)
    assert remembered_theme(tmp_path) == "nord"


def test_a_fifo_or_a_folder_where_the_state_file_should_be_never_hangs_and_is_set_aside(tmp_path: Path) -> None:
    for make in (os.mkfifo, os.mkdir):
        reader = state(tmp_path)
        reader.file.path.parent.mkdir(parents=True, exist_ok=True)
        make(reader.file.path)
        assert reader.load().marks == Marks()  # returns at once
        assert "set aside" in reader.notice
        reader.mark("flagged", ["b/one"], True)
        reader.save()  # a fresh file in its place
        assert state(tmp_path).load().marks.flagged == {"b/one"}
        for name in os.listdir(reader.file.path.parent):
            if ".damaged-" in name:
                path = reader.file.path.parent / name
                path.rmdir() if path.is_dir() else path.unlink()
        reader.file.path.unlink()


def test_what_a_terminal_would_act_on_is_never_kept_from_a_state_file(tmp_path: Path) -> None:
    reader = state(tmp_path)
    reader.file.path.parent.mkdir(parents=True)
    document = {"version": 1, "query": "rubio \x1b]2;PWNED\x07", "history": ["ok", "\x1b[2J", "a\nb"],
                "flagged": ["b/\u202eevil"]}  # fmt: skip
    reader.file.path.write_text(json.dumps(document), encoding="utf-8")
    remembered = reader.load()
    assert (remembered.query, remembered.history, remembered.marks.flagged) == ("", ("ok",), frozenset())


def test_a_file_nested_a_million_deep_is_set_aside_not_a_crash(tmp_path: Path) -> None:
    reader = state(tmp_path)
    reader.file.path.parent.mkdir(parents=True)
    reader.file.path.write_text('{"version": 1, "query": ' + "[" * 1_000_000 + "]" * 1_000_000 + "}")
    assert reader.load().query == "" and "set aside" in reader.notice


def test_a_file_that_cannot_be_read_for_now_is_never_written_over(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    from briefing.archive.files import ReadRefused
    from briefing.settings import state as state_module

    first = state(tmp_path)
    first.mark("flagged", [f"b/{number}" for number in range(100)], True)
    first.save()
    before = first.file.path.read_bytes()

    def refuse(*_: object, **__: object) -> bytes:
        raise ReadRefused("cannot read: Too many open files")

    monkeypatch.setattr(state_module, "read_bytes", refuse)  # type: ignore[attr-defined]
    second = state(tmp_path)
    second.mark("flagged", ["b/new"], True)
    with pytest.raises(OSError):
        second.save()
    assert first.file.path.read_bytes() == before  # the 100 flags are still there
    monkeypatch.undo()  # type: ignore[attr-defined]
    second.save()  # the change was kept for the next try
    assert len(state(tmp_path).load().marks.flagged) == 101


def test_a_fifo_where_the_lock_should_be_never_hangs(tmp_path: Path) -> None:
    import pytest

    reader = state(tmp_path)
    reader.file.path.parent.mkdir(parents=True)
    os.mkfifo(reader.file.path.with_name(reader.file.path.name + ".lock"))
    reader.mark("flagged", ["b/one"], True)
    with pytest.raises(OSError):
        reader.save()
