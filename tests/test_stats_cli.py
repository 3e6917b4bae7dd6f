"""``briefing stats`` as scripts and people at a terminal use it: counts by person, country, month and pair."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import TEST_DATA, run_cli, run_pty, write

PEOPLE = str(TEST_DATA / "people")


def lines(*args: str) -> list[str]:
    result = run_cli("stats", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_people_are_counted_by_the_name_people_yaml_declares() -> None:
    assert lines(PEOPLE) == ["3\tMarco Rubio", "3\tSubrahmanyam Jaishankar", "1\tPenny Wong", "1\tWang Yi",
                             "1\t(no named participant)"]  # fmt: skip


def test_without_a_declaration_each_spelling_is_its_own_person(tmp_path: Path) -> None:
    for name in ("spring.yaml", "summer.yaml"):
        (tmp_path / name).write_text((TEST_DATA / "people" / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert lines("--top", "2", str(tmp_path)) == ["3\tMarco Rubio", "2\tS. Jaishankar", "1\t(no named participant)"]


def test_countries_are_counted_however_they_are_written() -> None:
    assert lines("--by", "country", PEOPLE) == [
        "3\tIndia", "3\tUnited States", "1\tAustralia", "1\tChina", "1\tEuropean Union",
    ]  # fmt: skip


def test_months_run_without_a_gap_and_a_vague_date_counts_in_each_of_its_months(tmp_path: Path) -> None:
    # The undated call counts at its briefing's date (30 June), as `date:2025-06` finds it.
    spring = (TEST_DATA / "people" / "spring.yaml").read_text(encoding="utf-8")
    write(tmp_path, "spring.yaml", spring.replace("date: 2025\n", "date: 2025-04/2025-05\n"))
    write(tmp_path, "summer.yaml", (TEST_DATA / "people" / "summer.yaml").read_text(encoding="utf-8"))
    assert lines("--by", "month", str(tmp_path)) == [
        "2\t2025-03", "1\t2025-04", "1\t2025-05", "2\t2025-06",
        "1\t(dated only to more than a month: counted in each of its months)",
    ]  # fmt: skip
    write(tmp_path, "spring.yaml", spring.replace("    date: 2025\n", ""))  # now at its briefing's date
    assert lines("--by", "month", str(tmp_path)) == ["3\t2025-03", "0\t2025-04", "0\t2025-05", "2\t2025-06"]


def test_an_undated_meeting_is_counted_as_undated(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "title: T\ndate: 2025-13\nmeetings:\n  - title: M\n    participants: [A]\n")
    result = run_cli("stats", "--by", "month", str(tmp_path))
    assert (result.returncode, result.stdout) == (1, "1\t(undated)\n")  # 1: the file has an error


def test_pairs_say_who_met_whom() -> None:
    assert lines("--by", "pair", PEOPLE) == [
        "2\tMarco Rubio — Subrahmanyam Jaishankar", "1\tMarco Rubio — Wang Yi",
        "1\tPenny Wong — Subrahmanyam Jaishankar", "1\t(fewer than two named participants)",
    ]  # fmt: skip


def test_a_query_narrows_what_is_counted() -> None:
    assert lines("--by", "topic", "--query", "country:us", PEOPLE) == ["1\tDefence", "1\tTrade", "1\t(no topic given)"]


def test_every_json_count_carries_the_query_that_finds_it() -> None:
    document = json.loads(run_cli("stats", "--by", "country", "--format", "json", PEOPLE).stdout)
    assert document["by"] == "country" and document["meetings"] == 5 and document["without"] == 0
    first = document["counts"][0]
    assert first == {"value": "India", "count": 3, "query": 'country:"India"'}
    for count in document["counts"]:
        found = run_cli("search", count["query"], PEOPLE).stdout.splitlines()
        assert len(found) == count["count"], count


def test_a_month_count_is_what_its_query_finds() -> None:
    document = json.loads(run_cli("stats", "--by", "month", "--format", "json", PEOPLE).stdout)
    assert document["vague"] == 1
    for count in document["counts"]:
        found = run_cli("search", count["query"], PEOPLE).stdout.splitlines()
        assert len(found) == count["count"], count


def test_csv_is_a_table_a_spreadsheet_reads_as_text(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "title: T\nmeetings:\n  - title: M\n    participants: [A]\n    topics: ['=1+2']\n")
    rows = list(csv.reader(io.StringIO(run_cli("stats", "--by", "topic", "-f", "csv", str(tmp_path)).stdout)))
    assert rows == [["value", "count", "query"], ["'=1+2", "1", 'topic:"=1+2"']]


def test_a_terminal_gets_bars_and_a_caption() -> None:
    status, screen = run_pty("stats", "--by", "country", PEOPLE, env={"NO_COLOR": "1"})
    assert status == 0
    india = next(line for line in screen.splitlines() if line.startswith("India"))
    china = next(line for line in screen.splitlines() if line.startswith("China"))
    assert india.count("█") > china.count("█") * 3  # bars are characters: they read without colour
    assert "5 countries in 5 meetings" in screen


@pytest.mark.parametrize("args", [["--by", "nobody"], ["--top", "-1"], ["--query", "foo:bar"]])
def test_a_bad_request_is_a_usage_error(args: list[str]) -> None:
    result = run_cli("stats", *args, PEOPLE)
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr


def test_search_finds_a_declared_person_and_a_country_across_spellings() -> None:
    found = run_cli("search", "person:subrahmanyam", PEOPLE).stdout.splitlines()
    assert [line.split("\t")[2] for line in found] == [
        "Subrahmanyam Jaishankar and Marco Rubio again", "Jaishankar calls Wong", "Jaishankar meets Rubio",
    ]  # fmt: skip
    for query in ("country:us", "country:usa", 'country:"united states"', "country:U.S."):
        assert len(run_cli("search", query, PEOPLE).stdout.splitlines()) == 3, query


def test_validate_hints_at_likely_duplicates_and_how_to_declare_them(tmp_path: Path) -> None:
    for name in ("spring.yaml", "summer.yaml"):
        (tmp_path / name).write_text((TEST_DATA / "people" / name).read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 0
    (hint,) = result.stdout.splitlines()
    assert hint.startswith(f"{tmp_path}/spring.yaml:4:1: hint: participants: `Subrahmanyam Jaishankar`")
    assert "`S. Jaishankar`" in hint and "- {name: Subrahmanyam Jaishankar, aka: [S. Jaishankar]}" in hint
    assert result.stderr.endswith("0 errors, 0 warnings, 1 hint\n")
    assert run_cli("validate", PEOPLE).stdout == ""  # declared: no hint


def test_a_broken_people_file_is_located_and_the_briefings_still_load(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "title: T\nmeetings:\n  - title: M\n    participants: [S. Jaishankar]\n")
    write(tmp_path, "people.yaml", "people:\n  - name: Subrahmanyam Jaishankar\n    aka: S. Jaishankar\n")
    result = run_cli("validate", str(tmp_path))
    assert f"{tmp_path}/people.yaml:3:10: error: people[0].aka: must be a list" in result.stdout
    assert result.returncode == 1
    assert run_cli("search", "person:jaishankar", str(tmp_path)).stdout.count("\n") == 1


def test_a_briefing_named_people_yaml_is_still_a_briefing(tmp_path: Path) -> None:
    write(tmp_path, "people.yaml", "title: People\nmeetings:\n  - title: M\n    participants: [A]\n")
    assert run_cli("search", "people", str(tmp_path)).stdout.count("\n") == 1


def test_a_misspelt_country_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.yaml",
        "title: T\ndate: 2025\nmeetings:\n  - title: M\n    participants: [{country: Untied States, role: R}]\n",
    )
    result = run_cli("validate", str(tmp_path))
    assert result.stdout.startswith(f"{tmp_path}/a.yaml:5:30: warning: meetings[0].participants[0].country:")
    assert "did you mean `United States`?" in result.stdout


def test_years_count_a_vague_date_once_in_each_of_its_years(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "title: T\ndate: 2024/2025\nmeetings:\n  - title: M\n    participants: [A]\n")
    write(tmp_path, "b.yaml", "title: U\ndate: 2025-03\nmeetings:\n  - title: N\n    participants: [B]\n")
    assert lines("--by", "year", str(tmp_path)) == [
        "1\t2024", "2\t2025", "1\t(dated only to more than a year: counted in each of its years)",
    ]  # fmt: skip


def test_every_tally_can_be_asked_for_on_the_command_line() -> None:
    from briefing.cli.parser import build_parser
    from briefing.query.tally import BY

    assert build_parser().parse_args(["stats", "--by", "year"]).by == "year"
    for by in BY:
        assert build_parser().parse_args(["stats", "--by", by]).by == by


def test_weeks_are_named_by_their_monday_and_each_is_what_its_query_finds(tmp_path: Path) -> None:
    meetings = "".join(
        f"  - title: M{day}\n    date: {day}\n    participants: [A]\n"
        for day in ("2025-07-06", "2025-07-07", "2025-07-13", "2025-07-23", "2025-08-13")  # a Sunday, a Monday…
    )
    write(tmp_path, "a.yaml", f"title: T\nmeetings:\n{meetings}  - title: July\n    date: 2025-07\n"
                              "    participants: [B]\n")  # fmt: skip
    document = json.loads(run_cli("stats", "--by", "week", "--format", "json", str(tmp_path)).stdout)
    weeks = [(count["value"], count["count"]) for count in document["counts"]]
    # The meeting dated only to July is in each of its five weeks; the empty week between stays a zero.
    assert weeks == [
        ("2025-06-30", 2), ("2025-07-07", 3), ("2025-07-14", 1), ("2025-07-21", 2), ("2025-07-28", 1),
        ("2025-08-04", 0), ("2025-08-11", 1),
    ]  # fmt: skip
    assert document["vague"] == 1
    for count in document["counts"]:
        found = run_cli("search", count["query"], str(tmp_path)).stdout.splitlines()
        assert len(found) == count["count"], count
    assert document["counts"][0]["query"] == "date:2025-06-30..2025-07-06"


def test_on_a_terminal_every_month_keeps_its_count_beside_the_note_of_vague_dates() -> None:
    status, screen = run_pty("stats", "--by", "month", PEOPLE, env={"NO_COLOR": "1"})
    assert status == 0
    months = [line.split() for line in screen.splitlines() if line[:3] in ("Jan", "Mar", "Jun", "Dec")]
    assert [(words[0], words[2]) for words in months] == [("Jan", "1"), ("Mar", "3"), ("Jun", "3"), ("Dec", "1")]
    assert "1 (dated only to more than a month: counted in each of its months)" in screen


def test_with_a_query_each_count_carries_a_query_that_finds_just_those_meetings() -> None:
    document = json.loads(run_cli("stats", "--by", "person", "-q", "country:india", "-f", "json", PEOPLE).stdout)
    rubio = next(count for count in document["counts"] if count["value"] == "Marco Rubio")
    assert (rubio["count"], rubio["query"]) == (2, 'country:india person:"Marco Rubio"')
    for count in document["counts"]:
        assert len(run_cli("search", count["query"], PEOPLE).stdout.splitlines()) == count["count"], count
