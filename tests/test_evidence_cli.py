"""The evidence on the command line: ``validate``'s checks, ``paragraphs``, ``summary --evidence``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.evidence_data import REFUSALS, SECRET, WIRE, evidence_archive, refusing_archive
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


@pytest.mark.parametrize(("file", "why"), REFUSALS)
def test_validate_warns_about_a_report_it_will_not_read(tmp_path: Path, file: str, why: str) -> None:
    archive = refusing_archive(tmp_path, file)
    result = run_cli("validate", str(archive))
    assert result.returncode == 0, result.stdout  # a warning: the briefing itself is fine
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{archive / 'kestrel.yaml'}:6:9: warning: source.file: ")
    assert why in line
    assert SECRET not in result.stdout + result.stderr
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


def test_summary_without_evidence_is_unchanged(tmp_path: Path) -> None:
    archive = evidence_archive(tmp_path)
    plain = run_cli("summary", str(archive)).stdout
    assert "Arvanian Foreign Minister" not in plain
    assert "source text" not in plain
    data = run_cli("summary", "--format", "json", str(archive)).stdout
    assert '"evidence":' not in data and '"source_text":' not in data


def test_summary_evidence_quotes_each_facts_paragraphs_after_it(tmp_path: Path) -> None:
    archive = evidence_archive(tmp_path)
    result = run_cli("summary", "--evidence", str(archive))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "source text: 7 paragraphs" in lines
    topic = next(i for i, line in enumerate(lines) if "• Fishing rights ¶2" in line)
    assert lines[topic + 1].strip().startswith("│ ¶2 Arvanian Foreign Minister Tessa Morrow")
    outcome = next(i for i, line in enumerate(lines) if "No agreement on the dams" in line)
    assert lines[outcome + 1].strip() == "│ ¶5 No agreement was reached on the dams."
    assert lines[outcome + 2].strip() == "│ ¶12 not in the report (it has 7 paragraphs)"
    veskin = next(i for i, line in enumerate(lines) if line.strip().startswith("Ilya Veskin"))
    assert any(line.strip().startswith('│ ¶3 "We have agreed') for line in lines[veskin : veskin + 8])
    assert "\x1b" not in result.stdout  # piped: plain text


def test_summary_evidence_on_a_terminal_is_dimmed_and_safe(tmp_path: Path) -> None:
    from tests.helpers import run_pty
    from tests.oracle import assert_terminal_safe

    archive = evidence_archive(tmp_path)
    status, screen = run_pty("summary", "--evidence", "--no-pager", str(archive), columns=100)
    assert status == 0
    from tests.oracle import SGR

    assert "\x1b[2m" in screen  # dimmed
    assert "│ ¶5 No agreement was reached" in SGR.sub("", screen)
    assert_terminal_safe(screen.replace("\r", ""))


def test_summary_evidence_in_markdown_is_blockquotes_under_each_fact(tmp_path: Path) -> None:
    archive = evidence_archive(tmp_path)
    text = run_cli("summary", "--evidence", "--format", "markdown", str(archive)).stdout
    assert "**Evidence:** source text: 7 paragraphs" in text
    assert "- Fishing rights (¶2)\n\n  > **¶2** Arvanian Foreign Minister" in text
    assert "  > **¶5** No agreement was reached on the dams.\n\n  > **¶12** *not in the report" in text
    assert '> **Ilya Veskin, ¶3** "We have agreed' in text


def test_summary_evidence_in_json_carries_each_paragraphs_number_and_text(tmp_path: Path) -> None:
    archive = evidence_archive(tmp_path)
    data = json.loads(run_cli("summary", "--evidence", "--format", "json", str(archive)).stdout)
    (briefing,) = data["briefings"]
    assert briefing["source_text"] == {"available": True, "paragraphs": 7, "reason": None}
    meeting = briefing["meetings"][0]
    first = meeting["evidence"][0]
    assert first["ref"] == 1 and first["text"].startswith("KESTREL BAY, March 14") and "\ufeff" not in first["text"]
    assert meeting["outcomes"][1]["evidence"] == [
        {"ref": 5, "text": "No agreement was reached on the dams."},
        {"ref": 12, "text": None},
    ]


@pytest.mark.parametrize(("file", "why"), REFUSALS)
def test_summary_evidence_refuses_what_it_must_not_read_and_says_why(tmp_path: Path, file: str, why: str) -> None:
    archive = refusing_archive(tmp_path, file)
    for form in ("rich", "markdown", "json"):
        result = run_cli("summary", "--evidence", "--format", form, str(archive))
        assert result.returncode == 0, result.stderr
        assert why in result.stdout, form
        assert SECRET not in result.stdout and "│ ¶" not in result.stdout
    data = json.loads(run_cli("summary", "--evidence", "--format", "json", str(archive)).stdout)
    assert data["briefings"][0]["source_text"]["available"] is False
    assert data["briefings"][0]["meetings"][0]["evidence"] == []


def test_summary_evidence_of_a_briefing_without_a_source_file_says_so(tmp_path: Path) -> None:
    result = run_cli("summary", "--evidence", "data")
    assert "no source text: add `source.file`" in result.stdout


def test_summary_evidence_shows_a_hostile_report_literally(tmp_path: Path) -> None:
    from tests.helpers import run_pty
    from tests.oracle import assert_terminal_safe

    archive = evidence_archive(tmp_path, "hostile.txt", copy=False)
    (archive / "hostile.txt").write_bytes((WIRE.parent / "hostile.txt").read_bytes())
    for form in ("rich", "markdown", "json"):
        result = run_cli("summary", "--evidence", "--format", form, str(archive))
        assert_terminal_safe(result.stdout, form)
    status, screen = run_pty("summary", "--evidence", "--no-pager", str(archive), columns=100)
    assert status == 0
    assert_terminal_safe(screen.replace("\r", ""), "terminal")
    assert "[@click" in screen  # markup is shown as text, not obeyed


def test_summary_evidence_says_on_stderr_which_refs_the_report_lacks(tmp_path: Path) -> None:
    archive = evidence_archive(tmp_path)
    result = run_cli("summary", "--evidence", str(archive))
    assert f"{archive / 'kestrel.yaml'}: ¶12 cited, but the report has 7 paragraphs" in result.stderr
    assert "¶12" not in run_cli("summary", str(archive)).stderr  # only with --evidence


def test_a_refusal_in_markdown_quotes_the_file_name_as_code(tmp_path: Path) -> None:
    archive = refusing_archive(tmp_path, "big.txt")
    text = run_cli("summary", "--evidence", "--format", "markdown", str(archive)).stdout
    assert "**Evidence:** `source.file` `big.txt` is 3,145,728 bytes" in text
    assert "\\`" not in text
    (tmp_path / "other").mkdir()
    plain = refusing_archive(tmp_path / "other", "gone")  # a name nothing would make a link of
    text = run_cli("summary", "--evidence", "--format", "markdown", str(plain)).stdout
    assert "`source.file` `gone` does not exist" in text
