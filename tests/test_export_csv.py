"""CSV export: rendered, then read back with the csv module."""

from __future__ import annotations

import csv
import io

import pytest

from briefing.render.csv_export import (
    MEETING_COLUMNS,
    OUTCOME_COLUMNS,
    PARTICIPANT_COLUMNS,
    TABLES,
    render_csv,
    safe_cell,
)
from tests.export_data import HYPERLINK, QUOTED, groups, project_groups, sample


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def table(name: str) -> list[dict[str, str]]:
    rows = read(render_csv(groups(), name))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize(
    ("name", "columns"),
    [("meetings", MEETING_COLUMNS), ("participants", PARTICIPANT_COLUMNS), ("outcomes", OUTCOME_COLUMNS)],
)
def test_header_and_row_counts(name: str, columns: tuple[str, ...]) -> None:
    rows = read(render_csv(groups(), name))
    assert tuple(rows[0]) == columns
    meetings = [m for _, ms in groups() for m in ms]
    expected = {
        "meetings": len(meetings),
        "participants": sum(len(m.participants) for m in meetings),
        "outcomes": sum(len(m.outcomes) for m in meetings),
    }[name]
    assert len(rows) - 1 == expected
    assert all(len(row) == len(columns) for row in rows)


def test_default_table_is_meetings() -> None:
    assert render_csv(groups()) == render_csv(groups(), "meetings")


def test_empty_export_is_the_header_alone() -> None:
    assert render_csv([], "outcomes") == ",".join(OUTCOME_COLUMNS) + "\r\n"


def test_unknown_table_names_the_accepted_ones() -> None:
    with pytest.raises(ValueError, match="meetings, participants, outcomes"):
        render_csv(groups(), "topics")


def test_rows_end_in_crlf_and_line_breaks_stay_inside_quoted_cells() -> None:
    text = render_csv(groups(), "outcomes")
    assert text.endswith("\r\n")
    assert text.count("\r\n") == len(read(text))  # the \n inside a cell is not a row end
    assert '"He said ""yes, at once"",\nthen; left \\ early"' in text


@pytest.mark.parametrize("value", [HYPERLINK, "+1", "-2", "@SUM(A1)", "\tTabbed", "\rx", "=", "-"])
def test_safe_cell_prefixes_formulas(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "a=b", "S. Jaishankar", " =1", "'quoted", "¶2", "2025-07~"])
def test_safe_cell_leaves_other_text(value: str) -> None:
    assert safe_cell(value) == value


def test_formula_cells_are_prefixed_where_they_appear() -> None:
    rubio = table("meetings")[0]
    assert rubio["title"] == "'" + HYPERLINK
    people = [p for p in table("participants") if p["meeting_id"] == "jaishankar-rubio"]
    assert [p["meeting_title"] for p in people] == ["'" + HYPERLINK] * 4
    assert people[1]["name"] == "'+1"
    assert people[2]["role"] == "'@SUM(A1)"
    assert people[2]["organisation"] == "'-2"
    assert people[3]["role"] == "'\tTabbed"
    assert table("outcomes")[1]["text"] == "'-2 tariffs"


@pytest.mark.parametrize("name", list(TABLES))
def test_no_cell_of_any_table_starts_a_formula(name: str) -> None:
    for row in read(render_csv(groups(), name)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_quotes_commas_and_line_breaks_round_trip() -> None:
    outcome = table("outcomes")[0]
    assert outcome["text"] == QUOTED
    assert outcome["kind"] == "commitment"
    assert table("meetings")[0]["topics"] == "Trade; Indo-Pacific; maritime"


def test_meeting_row_cells() -> None:
    rubio = table("meetings")[0]
    assert rubio["briefing_id"] == "washington-2025"
    assert (rubio["date"], rubio["earliest"], rubio["latest"]) == ("2025-07-01", "2025-07-01", "2025-07-01")
    assert (rubio["location"], rubio["venue"], rubio["kind"]) == ("Washington, DC", "State Department", "bilateral")
    assert rubio["participants"] == (
        "S. Jaishankar (India); +1 (United States); @SUM(A1) (Japan); \tTabbed"
    )  # inside a cell only the first character counts
    assert rubio["outcomes"] == QUOTED + "; -2 tariffs"
    assert rubio["refs"] == "¶2, ¶5"
    assert rubio["file"] == "data/washington.yaml"
    quad = table("meetings")[1]
    assert (quad["date"], quad["earliest"], quad["latest"]) == ("2025-07~", "2025-07-01", "2025-07-31")
    assert quad["participants"] == quad["refs"] == ""


def test_undated_meeting_has_empty_date_cells() -> None:
    undated = next(r for r in table("meetings") if r["meeting_id"] == "undated")
    assert undated["date"] == undated["earliest"] == undated["latest"] == ""  # the briefing's date is not borrowed


def test_participant_rows() -> None:
    first = table("participants")[0]
    assert first == {
        "briefing_id": "washington-2025",
        "meeting_id": "jaishankar-rubio",
        "date": "2025-07-01",
        "earliest": "2025-07-01",
        "meeting_title": "'" + HYPERLINK,
        "name": "S. Jaishankar",
        "role": "External Affairs Minister",
        "country": "India",
        "organisation": "",
        "refs": "¶2",
    }


def test_only_the_meetings_given_are_exported() -> None:
    briefing = sample()
    rows = read(render_csv([(briefing, [briefing.meetings[1]])], "meetings"))
    assert [row[1] for row in rows[1:]] == ["quad"]


@pytest.mark.parametrize("name", list(TABLES))
def test_project_data_round_trips(name: str) -> None:
    data = project_groups()
    rows = read(render_csv(data, name))
    meetings = [m for _, ms in data for m in ms]
    expected = {
        "meetings": len(meetings),
        "participants": sum(len(m.participants) for m in meetings),
        "outcomes": sum(len(m.outcomes) for m in meetings),
    }[name]
    assert len(rows) - 1 == expected > 0
    if name == "meetings":
        assert [row[1] for row in rows[1:]] == [m.id for m in meetings]
