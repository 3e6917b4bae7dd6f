"""The loader keeps text as written, locates every problem and never stops early."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.loader import PathNotFound, discover, load_file, load_paths
from briefing.model import rows_of
from tests.helpers import GOOD, write


def only_problem(path: Path) -> str:
    result = load_file(str(path))
    assert len(result.problems) == 1, result.problems
    return str(result.problems[0])


def test_bundled_briefing_loads_cleanly() -> None:
    result = load_paths()
    assert result.problems == ()
    (briefing,) = result.briefings
    assert briefing.date.text == "2025-07-02"
    ids = [m.id for m in briefing.meetings]
    assert ids == ["jaishankar-rubio", "quad-foreign-ministers", "jaishankar-hegseth", "jaishankar-wong"]
    people = {p.name for m in briefing.meetings for p in m.participants}
    assert {"S. Jaishankar", "Marco Rubio", "Pete Hegseth", "Penny Wong"} <= people
    assert all(m.refs for m in briefing.meetings)


def test_text_is_kept_as_written(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "typed.yaml",
        """\
        title: 1984
        date: 2025
        summary: 0755
        tags: [on, yes, "3.10", 1:30, ~, null, 1e3]
        meetings:
          - title: yes
            participants:
              - {name: NO, country: NO, role: off}
        """,
    )
    (briefing,) = load_file(str(path)).briefings
    assert briefing.title == "1984"
    assert briefing.summary == "0755"
    assert briefing.tags == ("on", "yes", "3.10", "1:30", "~", "null", "1e3")
    meeting = briefing.meetings[0]
    assert meeting.title == "yes"
    assert meeting.participants[0] == ("NO", "off", "NO", "", ())


def test_duplicate_key_is_a_located_error(tmp_path: Path) -> None:
    path = write(tmp_path, "dup.yaml", GOOD.replace("summary: Two ministers met.", "summary: one\nsummary: two"))
    assert only_problem(path) == f"{path}:4:1: error: summary: duplicate key 'summary': each key may appear once"


def test_keys_yaml_1_1_would_merge_are_kept_apart(tmp_path: Path) -> None:
    path = write(tmp_path, "keys.yaml", GOOD + "x:\n  1: a\n  true: b\n  '1': c\n")
    problems = load_file(str(path)).problems
    assert any("duplicate key '1'" in p.message for p in problems)


def test_unknown_key_warns_with_a_suggestion_and_the_rest_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path, "typo.yaml", GOOD.replace("    topics: [Trade]", "    topics: [Trade]\n    particpants: [x]")
    )
    result = load_file(str(path))
    assert len(result.briefings) == 1
    (problem,) = result.problems
    assert problem.severity == "warning"
    assert str(problem) == (
        f"{path}:12:5: warning: meetings[0].particpants: `particpants`: unknown key, did you mean `participants`?"
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("date: 2025-03-14", "date: 2025-02-30"), "2:7: error: date: '2025-02-30': February 2025 has no day 30"),
        (("title: Talks in Geneva\n", ""), "1:1: error: `title` is required"),
        (
            ("    topics: [Trade]", "    topics: [Trade]\n    kind: bilatral"),
            "12:11: error: meetings[0].kind: `bilatral` is not one of",
        ),
        (
            ("        country: NO", "        country: [NO]"),
            "10:18: error: meetings[0].participants[0].country: must be text, not a list",
        ),
        (
            ("    topics: [Trade]", "    topics: [Trade]\n    refs: [1, x, -2]"),
            "12:15: error: meetings[0].refs[1]: a ref is a paragraph number",
        ),
        (
            (
                "      - name: Jane Doe\n        role: Foreign Minister\n        country: NO\n",
                "      - {organisation: UN}\n",
            ),
            "8:9: error: meetings[0].participants[0]: a participant needs a `name` or a `role`",
        ),
    ],
)
def test_schema_errors_are_located(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    path = write(tmp_path, "bad.yaml", GOOD.replace(*change))
    assert change[0] in GOOD
    problems = [str(p) for p in load_file(str(path)).problems]
    assert any(p.startswith(f"{path}:{expected}") for p in problems), problems


def test_a_stream_holds_several_briefings_with_default_ids(tmp_path: Path) -> None:
    path = write(tmp_path, "stream.yaml", GOOD + "---\n" + GOOD.replace("Geneva", "Vienna") + "---\n")
    result = load_file(str(path))
    assert result.problems == ()
    assert [b.id for b in result.briefings] == ["stream", "stream#2"]
    assert [b.title for b in result.briefings] == ["Talks in Geneva", "Talks in Vienna"]


def test_problem_in_a_later_document_is_located_in_it(tmp_path: Path) -> None:
    path = write(tmp_path, "stream.yaml", GOOD + "---\n" + GOOD.replace("date: 2025-03-14", "date: someday"))
    result = load_file(str(path))
    assert len(result.briefings) == 1
    (problem,) = result.problems
    assert (problem.line, problem.column, problem.field) == (14, 7, "date")


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    result = load_file(str(path))
    assert result.problems == ()
    assert result.briefings[0].meetings[0].participants[0].country == "NO"


def test_broken_file_beside_good_ones(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", "title: [unclosed\n")
    write(tmp_path, "sub/c.yml", GOOD.replace("Geneva", "Oslo"))
    result = load_paths([str(tmp_path)])
    assert result.files == 3
    assert sorted(b.title for b in result.briefings) == ["Talks in Geneva", "Talks in Oslo"]
    (problem,) = result.problems
    assert problem.path.endswith("b.yaml") and problem.line == 2


def test_discover_is_stable_and_skips_other_files(tmp_path: Path) -> None:
    for name in ("z.yaml", "a.yml", "m/b.yaml", "notes.txt", ".hidden.yaml", ".git/x.yaml"):
        write(tmp_path, name, GOOD)
    found = [os.path.relpath(p, tmp_path) for p in discover([str(tmp_path)])]
    assert found == ["a.yml", "m/b.yaml", "z.yaml"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(PathNotFound):
        discover([str(tmp_path / "nope")])


def test_briefing_path_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = write(tmp_path, "one/a.yaml", GOOD)
    two = write(tmp_path, "two.yaml", GOOD.replace("Geneva", "Rome"))
    monkeypatch.setenv("BRIEFING_PATH", f"{one.parent}{os.pathsep}{two}")
    assert sorted(b.title for b in load_paths().briefings) == ["Talks in Geneva", "Talks in Rome"]


def test_rows_are_newest_first_with_undated_meetings_after_the_one_before_them(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "order.yaml",
        """\
        title: T
        date: 2025-05-10
        meetings:
          - {title: early, date: 2025-05-01, participants: [a]}
          - {title: undated, participants: [b]}
          - {title: late, date: 2025-05-20, participants: [c]}
        """,
    )
    rows = rows_of(load_file(str(path)).briefings)
    assert [r.meeting.title for r in rows] == ["late", "early", "undated"]
    assert rows[2].when.text == "2025-05-10"  # date: searches use the briefing's date


def test_duplicate_meeting_ids_are_errors(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ids.yaml",
        """\
        title: T
        date: 2025
        meetings:
          - {title: Same title, participants: [a]}
          - {title: Same title, participants: [b]}
        """,
    )
    assert "meeting id `same-title` is used twice" in only_problem(path)


def test_bundled_data_and_styles_are_found() -> None:
    from briefing.resources import data_dir, styles_dir

    assert (styles_dir() / "reader.tcss").is_file()
    assert any(data_dir().glob("*.yaml"))
