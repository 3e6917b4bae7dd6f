"""The loader keeps text as written, locates every problem and never stops early."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.archive.files import PathNotFound, discover
from briefing.archive.loader import load_paths
from briefing.archive.parse import load_file
from briefing.format.model import rows_of
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
            ("    topics: [Trade]", "    topics: [Trade]\n    refs: [3, 1, 3]"),
            "12:18: warning: meetings[0].refs[2]: ¶3 is cited twice in this list",
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
    (problem,) = result.problems
    assert (problem.line, problem.column, problem.field) == (14, 7, "date")
    assert "'someday' is not a date" in problem.message
    # The bad date loses only itself: the second briefing still shows, undated.
    assert [b.date.text if b.date else None for b in result.briefings] == ["2025-03-14", None]


def test_every_problem_of_a_file_is_reported_at_once_in_line_order_and_the_rest_still_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "many.yaml",
        GOOD.replace("date: 2025-03-14", "date: 2025-02-30\ntags: Geneva")
        .replace("summary: Two ministers met.", "summary: [a]")
        .replace("    date: 2025-03-13", "    date: 13/03/2025"),
    )
    result = load_file(str(path))
    assert [(p.line, p.field) for p in result.problems] == [
        (2, "date"),
        (3, "tags"),
        (4, "summary"),
        (7, "meetings[0].date"),
    ]
    assert "'13/03/2025' is not a date" in result.problems[3].message  # the whole value, as written
    (briefing,) = result.briefings
    assert briefing.title == "Talks in Geneva"
    assert briefing.meetings[0].title == "Ministers prepare the summit"
    assert briefing.meetings[0].participants[0].name == "Jane Doe"


def test_problems_per_file_are_capped_and_counted(tmp_path: Path) -> None:
    from briefing.archive.parse import MAX_PROBLEMS

    keys = "".join(f"extra{n}: x\n" for n in range(MAX_PROBLEMS + 250))
    path = write(tmp_path, "keys.yaml", GOOD + keys)
    problems = load_file(str(path)).problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message == f"… and 250 more warnings in this file (the first {MAX_PROBLEMS} problems are shown)"
    assert (problems[-1].severity, problems[-1].reported) == ("warning", 250)  # they are all unknown keys
    assert [p.line for p in problems[:-1]] == sorted(p.line for p in problems[:-1])


def test_derived_ids_are_unique_within_a_briefing_and_written_ids_win(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ids.yaml",
        """\
        title: T
        date: 2025
        meetings:
          - {title: Faisal bin Farhan meets Jean-Noël Barrot (session 2), participants: [a]}
          - {title: Faisal bin Farhan meets Jean-Noël Barrot (session 4), participants: [b]}
          - {title: Talks, participants: [c]}
          - {title: Talks, id: talks, participants: [d]}
        """,
    )
    result = load_file(str(path))
    assert result.problems == ()
    ids = [m.id for m in result.briefings[0].meetings]
    assert ids == [
        "faisal-bin-farhan-meets-jean-noel-barrot-session",
        "faisal-bin-farhan-meets-jean-noel-barrot-session-2",
        "talks-2",  # "talks" is written for a later meeting, and a written id wins
        "talks",
    ]
    assert [m.id for m in load_file(str(path)).briefings[0].meetings] == ids  # the same on every load


def test_each_meeting_knows_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "lines.yaml", GOOD + "  - {title: Second, participants: [x]}\n")
    assert [m.line for m in load_file(str(path)).briefings[0].meetings] == [5, 12]


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
    found = [os.path.relpath(item.path, tmp_path) for item in discover([str(tmp_path)]).files]
    assert found == ["a.yml", "m/b.yaml", "z.yaml"]


def test_a_deep_folder_tree_is_walked_to_its_limit_and_its_good_files_kept(tmp_path: Path) -> None:
    from briefing.archive.files import MAX_DEPTH

    write(tmp_path, "top.yaml", GOOD)
    deep = tmp_path
    for _ in range(MAX_DEPTH + 40):
        deep = deep / "d"
    deep.mkdir(parents=True)
    write(deep, "bottom.yaml", GOOD)
    discovery = discover([str(tmp_path)])
    assert [os.path.basename(item.path) for item in discovery.files] == ["top.yaml"]
    (problem,) = discovery.problems
    assert f"more than {MAX_DEPTH} folders deep" in problem.message
    result = load_paths([str(tmp_path)])
    assert [b.title for b in result.briefings] == ["Talks in Geneva"]
    assert any("folders deep" in p.message for p in result.problems)


def test_a_folder_that_cannot_be_read_is_a_located_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.archive import files

    write(tmp_path, "ok.yaml", GOOD)
    locked = tmp_path / "locked"
    write(locked, "hidden.yaml", GOOD)
    real = os.scandir

    def scandir(path: str) -> object:  # as for a folder of someone else's with mode 0700 (root reads every folder)
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(files.os, "scandir", scandir)
    discovery = discover([str(tmp_path)])
    assert [os.path.basename(item.path) for item in discovery.files] == ["ok.yaml"]
    (problem,) = discovery.problems
    assert problem.path.endswith("locked") and "cannot read this folder" in problem.message


def test_a_link_out_of_the_folder_is_refused_unread(tmp_path: Path) -> None:
    secret = write(tmp_path, "secret/key.yaml", "aws_secret_access_key: AKIAEXAMPLE\n")
    archive = tmp_path / "archive"
    write(archive, "ok.yaml", GOOD)
    (archive / "evil.yaml").symlink_to(secret)
    (archive / "inside.yaml").symlink_to(archive / "ok.yaml")
    result = load_paths([str(archive)])
    assert sorted(os.path.basename(p) for p in {b.path for b in result.briefings}) == ["inside.yaml", "ok.yaml"]
    (problem,) = result.problems
    assert problem.path.endswith("evil.yaml") and "leads out of the folder" in problem.message
    assert "AKIA" not in str(result.problems) and "aws" not in str(result.problems)


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


def test_only_written_meeting_ids_can_be_duplicates(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ids.yaml",
        """\
        title: T
        date: 2025
        meetings:
          - {title: Same title, participants: [a]}
          - {title: Same title, participants: [b]}
          - {title: One, id: same, participants: [c]}
          - {title: Two, id: same, participants: [d]}
        """,
    )
    assert only_problem(path) == f"{path}:7:22: error: meetings[3].id: meeting id `same` is used twice in this briefing"


def test_bundled_data_and_styles_are_found() -> None:
    from briefing.resources import data_dir, docs_dir, styles_dir

    assert (styles_dir() / "reader.tcss").is_file() and (styles_dir() / "dialogs.tcss").is_file()
    assert any(data_dir().glob("*.yaml"))
    assert (docs_dir() / "format.md").is_file()
