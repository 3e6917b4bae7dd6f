"""``briefing export``: each format read back by its own parser, the selection, and a file written whole."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from icalendar import Calendar

from briefing.archive.output_file import WriteRefused, write_file
from tests.helpers import GOOD, run_cli, write

ARCHIVE = """\
title: Talks
date: 2025-03-14
meetings:
  - title: "=HYPERLINK(\\"http://evil.example\\",\\"x\\")"
    date: 2025-03-13
    participants:
      - {name: "+1 Caller", role: "@admin", country: "-2"}
      - Jane Doe
    outcomes:
      - {text: "A plan", kind: plan}
      - {text: "A statement", kind: statement}
  - title: Talks in March
    date: 2025-03~
    participants: [Jane Doe]
  - title: Undated talks
    participants: [Jane Doe]
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    write(folder, "talks.yaml", ARCHIVE)
    return folder


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_a_row_per_meeting_and_no_cell_a_spreadsheet_would_evaluate(archive: Path) -> None:
    result = run_cli("export", "--format", "csv", str(archive))
    assert result.returncode == 0, result.stderr
    table = rows(result.stdout)
    assert len(table) == 3
    evil = next(row for row in table if "HYPERLINK" in row["title"])
    assert evil["title"].startswith("'=")
    assert "+1 Caller (-2)" in evil["participants"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in table for cell in row.values())
    out = archive.parent / "talks.csv"
    run_cli("export", "--format", "csv", "-o", str(out), str(archive))
    assert out.read_bytes().count(b"\r\n") == 4  # RFC 4180 line ends: the header and three rows


def test_csv_tables_of_participants_and_outcomes_for_pivots(archive: Path) -> None:
    people = rows(run_cli("export", "-f", "csv", "--table", "participants", str(archive)).stdout)
    assert len(people) == 4
    caller = next(row for row in people if "Caller" in row["name"])
    assert (caller["name"], caller["role"], caller["country"]) == ("'+1 Caller", "'@admin", "'-2")
    outcomes = rows(run_cli("export", "-f", "csv", "--table", "outcomes", str(archive)).stdout)
    assert [(row["kind"], row["text"]) for row in outcomes] == [("plan", "A plan"), ("statement", "A statement")]


def test_ics_has_an_all_day_event_per_dated_meeting_with_stable_uids(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "talks.ics"
    first = run_cli("export", "-f", "ics", "-o", str(out), str(archive))
    assert first.returncode == 0, first.stderr
    assert "1 undated meeting left out of the calendar" in first.stderr
    assert f"2 events written to {out}" in first.stderr
    calendar = Calendar.from_ical(out.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    month = next(e for e in events if "Talks in March" in str(e["SUMMARY"]))
    assert str(month["SUMMARY"]) == "Talks in March (date approximate)"
    assert month["DTSTART"].dt.isoformat() == "2025-03-01" and month["DTEND"].dt.isoformat() == "2025-04-01"
    uids = sorted(str(e["UID"]) for e in events)
    again = Calendar.from_ical(run_cli("export", "-f", "ics", str(archive)).stdout.encode())
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == uids


def test_markdown_and_json_are_what_summary_gives_for_the_selection(archive: Path) -> None:
    for form in ("markdown", "json"):
        exported = run_cli("export", "-f", form, "-q", "march", str(archive)).stdout
        summary = run_cli("summary", "--format", form, "-q", "march", str(archive)).stdout
        assert exported == summary
    data = json.loads(run_cli("export", "-f", "json", "--meeting", "undated-talks", str(archive)).stdout)
    assert [m["title"] for m in data["briefings"][0]["meetings"]] == ["Undated talks"]


def test_o_writes_the_file_whole_and_says_where(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    os.chmod(out, 0o640)
    result = run_cli("export", "-f", "csv", "-o", str(out), str(archive))
    assert result.returncode == 0
    assert result.stdout == ""
    assert f"3 meetings written to {out}" in result.stderr
    assert len(rows(out.read_text())) == 3
    assert os.stat(out).st_mode & 0o777 == 0o640  # a replaced file keeps its permissions
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize("target", ["archive/talks.yaml", "archive/new.yml", "archive"])
def test_o_never_writes_over_a_briefing_a_yaml_file_or_a_folder(archive: Path, tmp_path: Path, target: str) -> None:
    before = (archive / "talks.yaml").read_bytes()
    result = run_cli("export", "-f", "markdown", "-o", str(tmp_path / target), str(archive))
    assert result.returncode == 2
    assert "not written" in result.stderr and "Traceback" not in result.stderr
    assert (archive / "talks.yaml").read_bytes() == before
    assert not (archive / "new.yml").exists()


def test_o_into_a_missing_folder_is_a_clear_error(archive: Path, tmp_path: Path) -> None:
    result = run_cli("export", "-o", str(tmp_path / "no" / "such" / "out.md"), str(archive))
    assert result.returncode == 2
    assert "not written" in result.stderr and "Traceback" not in result.stderr


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("the old export\n")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        write_file(str(target), b"x" * 100_000)
    assert target.read_text() == "the old export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_a_link_to_a_briefing_is_refused_as_the_briefing(tmp_path: Path) -> None:
    briefing = write(tmp_path, "b.yaml", GOOD)
    (tmp_path / "export.md").symlink_to(briefing)
    with pytest.raises(WriteRefused):
        write_file(str(tmp_path / "export.md"), b"text", protected=[str(briefing)])
    assert briefing.read_text() != "text"


def test_o_never_writes_over_a_report_or_any_other_file_of_the_archive(tmp_path: Path) -> None:
    from tests.evidence_data import evidence_archive

    archive = evidence_archive(tmp_path)
    (archive / "notes.txt").write_text("mine\n")
    (archive / "old.csv").write_text("an earlier export\n")
    for target in ("wire.txt", "notes.txt"):
        before = (archive / target).read_bytes()
        result = run_cli("export", "-f", "csv", "-o", str(archive / target), str(archive))
        assert result.returncode == 2 and "never written over" in result.stderr
        assert (archive / target).read_bytes() == before
    assert run_cli("export", "-f", "csv", "-o", str(archive / "old.csv"), str(archive)).returncode == 0


def test_o_dash_is_stdout(archive: Path, tmp_path: Path) -> None:
    result = run_cli("export", "-f", "csv", "-o", "-", str(archive), cwd=tmp_path)
    assert len(rows(result.stdout)) == 3 and not (tmp_path / "-").exists()


def test_o_never_writes_through_a_link_nor_over_a_read_only_file(archive: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    planted = tmp_path / "out.csv"
    planted.symlink_to(outside)
    result = run_cli("export", "-f", "csv", "-o", str(planted), str(archive))
    assert result.returncode == 2 and "symbolic link" in result.stderr
    assert not outside.exists() and planted.is_symlink()
    locked = tmp_path / "locked.csv"
    locked.write_text("keep\n")
    locked.chmod(0o444)
    if os.access(locked, os.W_OK):  # root may write anyway: the check is then the user's own
        pytest.skip("running as a user who can write read-only files")
    result = run_cli("export", "-f", "csv", "-o", str(locked), str(archive))
    assert result.returncode == 2 and locked.read_text() == "keep\n"


def test_the_default_export_name_passes_over_a_broken_link(tmp_path: Path) -> None:
    from datetime import date

    from briefing.reader.screens.export_dialog import default_name

    (tmp_path / "briefing-2026-01-01.md").symlink_to(tmp_path / "nowhere" / "x")
    assert default_name("markdown", date(2026, 1, 1), str(tmp_path)) == str(tmp_path / "briefing-2026-01-01-2.md")


def test_a_briefing_given_by_name_is_never_written_over_whatever_it_is_called(tmp_path: Path) -> None:
    # Named .md and given alone: neither the YAML rule nor the archive-folder rule covers it, only the briefing list.
    briefing = write(tmp_path, "notes.md", GOOD)
    before = briefing.read_bytes()
    result = run_cli("export", "-o", str(briefing), str(briefing))
    assert result.returncode == 2 and "never written over" in result.stderr, result.stderr
    assert briefing.read_bytes() == before
