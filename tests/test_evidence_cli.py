"""The evidence on the command line: ``validate``'s checks, ``paragraphs``, ``summary --evidence``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.evidence_data import WIRE, evidence_archive
from tests.helpers import run_cli, write


def test_validate_locates_a_ref_beyond_the_report_at_the_ref(tmp_path: Path) -> None:
    archive = evidence_archive(tmp_path)
    result = run_cli("validate", str(archive))
    assert result.returncode == 1
    where = f"{archive / 'kestrel.yaml'}:25:19"
    assert result.stdout.splitlines() == [
        f"{where}: error: meetings[0].outcomes[1].refs[1]: ¶12, but the report has 7 paragraphs"
    ]
    assert "1 error, 0 warnings" in result.stderr


def test_validate_warns_about_repeated_refs_and_a_url_that_is_not_the_web(tmp_path: Path) -> None:
    archive = evidence_archive(tmp_path)
    path = archive / "kestrel.yaml"
    text = path.read_text().replace("[5, 12]", "[5, 5]").replace("https://example.org/kestrel", "file:///etc/passwd")
    path.write_text(text)
    result = run_cli("validate", str(archive))
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:5:8: warning: source.url: ")
    assert "http" in lines[0]
    assert lines[1].startswith(f"{path}:25:19: warning: meetings[0].outcomes[1].refs[1]: ")
    assert "¶5" in lines[1]
    assert run_cli("validate", "--strict", str(archive)).returncode == 1


@pytest.mark.parametrize(
    ("file", "why"),
    [
        ("../secret.txt", "outside the archive"),
        ("missing.txt", "does not exist"),
        ("fifo.txt", "not a regular file"),
        ("link.txt", "outside the archive"),
        ("big.txt", "over the 2,097,152-byte limit"),
    ],
)
def test_validate_warns_about_a_report_it_will_not_read(tmp_path: Path, file: str, why: str) -> None:
    (tmp_path / "secret.txt").write_text("the user's own file\n")
    archive = evidence_archive(tmp_path, file)
    os.mkfifo(archive / "fifo.txt")
    (archive / "link.txt").symlink_to(tmp_path / "secret.txt")
    (archive / "big.txt").write_bytes(b"x" * (3 * 1024 * 1024))
    result = run_cli("validate", str(archive))
    assert result.returncode == 0, result.stdout  # a warning: the briefing itself is fine
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{archive / 'kestrel.yaml'}:6:9: warning: source.file: ")
    assert why in line
    assert "the user's own file" not in result.stdout + result.stderr
    strict = run_cli("validate", "--strict", str(archive))
    assert strict.returncode == 1
    assert ": error: source.file: " in strict.stdout


def test_validate_of_a_briefing_given_as_a_file_confines_its_report_to_that_folder(tmp_path: Path) -> None:
    archive = evidence_archive(tmp_path / "inner", "../../wire.txt", copy=False)
    (tmp_path / "wire.txt").write_bytes(WIRE.read_bytes())
    result = run_cli("validate", str(archive / "kestrel.yaml"))
    assert "outside the archive" in result.stdout
    # Given the folder above, the same report is inside the archive and read.
    wider = run_cli("validate", str(tmp_path))
    assert "outside the archive" not in wider.stdout
    assert "¶12, but the report has 7 paragraphs" in wider.stdout


def test_paragraphs_piped_numbers_every_paragraph_by_the_rule() -> None:
    result = run_cli("paragraphs", str(WIRE))
    assert result.returncode == 0, result.stderr
    numbers = [line.split()[0] for line in result.stdout.splitlines() if line[:4].strip().isdigit()]
    assert numbers == [str(n) for n in range(1, 8)]
    assert "KESTREL BAY" in result.stdout.splitlines()[0]
    assert "\ufeff" not in result.stdout and "\r" not in result.stdout


def test_paragraphs_json_for_tools() -> None:
    result = run_cli("paragraphs", "--json", str(WIRE))
    data = json.loads(result.stdout)
    assert data["count"] == 7
    assert [p["number"] for p in data["paragraphs"]] == list(range(1, 8))
    assert data["paragraphs"][4]["text"] == "No agreement was reached on the dams."


@pytest.mark.parametrize("name", ["missing.txt", "fifo"])
def test_paragraphs_of_a_file_it_cannot_read_is_a_usage_error(tmp_path: Path, name: str) -> None:
    if name == "fifo":
        os.mkfifo(tmp_path / name)
    result = run_cli("paragraphs", str(tmp_path / name))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("briefing: ") and "Traceback" not in result.stderr


def test_paragraphs_shows_hostile_text_literally(tmp_path: Path) -> None:
    report = write(tmp_path, "r.txt", "evil \x1b]52;c;AAAA\x07 [@click=app.quit]x[/]\n\n\u202eright\n")
    result = run_cli("paragraphs", str(report))
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
    assert "[@click=app.quit]x[/]" in result.stdout
