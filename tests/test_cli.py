"""The command line, run for real in a subprocess as a user or a script would."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import GOOD, run_cli, write

ESCAPE = re.compile(r"\x1b")


def test_summary_from_another_folder_prints_every_bundled_meeting(tmp_path: Path) -> None:
    result = run_cli("summary", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for text in (
        "Jaishankar and Rubio review the India–US partnership",
        "Quad Foreign Ministers' Meeting",
        "Jaishankar and Hegseth on India–US defence ties",
        "Jaishankar meets Australian Foreign Minister Penny Wong",
        "Marco Rubio",
        "Secretary of Defence",
        "Penny Wong",
        "Pending US defence sales to India",
        "commitment:",
        "c. 1 Jul 2025",
        "date not stated",
    ):
        assert text in out
    assert not ESCAPE.search(out)
    assert not any(line != line.rstrip() for line in out.splitlines())


def test_summary_with_no_color_on_a_terminal_has_no_escapes(tmp_path: Path) -> None:
    # Rich would colour a forced terminal; NO_COLOR must win.
    result = run_cli("summary", env={"NO_COLOR": "1", "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert result.returncode == 0
    assert not ESCAPE.search(result.stdout)


def test_summary_json_holds_every_field() -> None:
    result = run_cli("summary", "--format", "json")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert document["format"] == "briefing-json/1"
    (briefing,) = document["briefings"]
    assert briefing["date"] == {
        "text": "2025-07-02",
        "display": "2 Jul 2025",
        "earliest": "2025-07-02",
        "latest": "2025-07-02",
    }
    assert briefing["source"]["name"] == "ANI"
    meetings = {m["id"]: m for m in briefing["meetings"]}
    rubio = meetings["jaishankar-rubio"]
    assert set(rubio) == {
        "id",
        "title",
        "date",
        "kind",
        "location",
        "venue",
        "context",
        "summary",
        "participants",
        "topics",
        "outcomes",
        "refs",
    }
    assert rubio["participants"][1] == {
        "name": "Marco Rubio",
        "role": "Secretary of State",
        "country": "United States",
        "organisation": None,
        "refs": [2],
    }
    assert rubio["outcomes"][0]["kind"] == "commitment"
    assert meetings["jaishankar-hegseth"]["date"] is None
    assert meetings["quad-foreign-ministers"]["date"]["text"] == "2025-07-01~"


def test_summary_markdown_is_clean_markdown(tmp_path: Path) -> None:
    write(tmp_path, "m.yaml", GOOD.replace("Talks in Geneva", "'[click](http://evil.example) <b>x</b> *y*'"))
    result = run_cli("summary", "--format", "markdown", str(tmp_path))
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("## \\[click\\](`http://evil.example`) &lt;b&gt;x&lt;/b&gt; \\*y\\*\n")
    assert "| Participant | Role | Country | Organisation |" in out
    assert "| Jane Doe | Foreign Minister | NO |  |" in out
    assert "](" not in out.replace("\\](", "") and "<b>" not in out


def test_summary_markdown_escapes_only_what_markdown_would_misread() -> None:
    out = run_cli("summary", "--format", "markdown", "--meeting", "jaishankar-hegseth").stdout
    assert "S. Jaishankar" in out and "Co-production" in out and "ANI (news report, 2 Jul 2025)" in out
    assert "\\." not in out and "\\-" not in out and "\\(" not in out


def test_summary_meeting_and_query_filters() -> None:
    one = run_cli("summary", "--meeting", "jaishankar-wong")
    assert "Penny Wong" in one.stdout and "Hegseth" not in one.stdout
    assert "(1 shown)" in one.stdout
    markdown = run_cli("summary", "--format", "markdown", "--meeting", "jaishankar-wong")
    assert "4 meetings (1 shown)" in markdown.stdout  # one behaviour for every format
    for form in ("rich", "markdown", "json"):
        none = run_cli("summary", "--format", form, "-q", "nosuchthing")
        assert (none.returncode, none.stdout) == (0, ""), form
        assert "no meetings to show" in none.stderr
    missing = run_cli("summary", "--meeting", "nope")
    assert missing.returncode == 2 and "no meeting has the id 'nope'" in missing.stderr
    queried = run_cli("summary", "--query", "person:hegseth")
    assert "Jaishankar and Hegseth" in queried.stdout and "Rubio review" not in queried.stdout


def test_search_prints_one_tab_separated_line_per_meeting() -> None:
    result = run_cli("search", "rub")
    assert result.returncode == 0
    assert result.stdout == (
        "1 Jul 2025\t2025-07-02-jaishankar-washington/jaishankar-rubio\t"
        "Jaishankar and Rubio review the India–US partnership\tS. Jaishankar, Marco Rubio\n"
    )


def test_search_json_and_no_match() -> None:
    result = run_cli("search", "country:japan", "--format", "json")
    (item,) = json.loads(result.stdout)
    assert item["id"] == "quad-foreign-ministers" and item["briefing"] == "2025-07-02-jaishankar-washington"
    none = run_cli("search", "zzzzzz")
    assert none.returncode == 0 and none.stdout == ""


def test_validate_bundled_data_exits_0() -> None:
    result = run_cli("validate", "data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 file: 1 briefing, 4 meetings; 0 errors, 0 warnings" in result.stderr


def test_folder_with_one_broken_file_exits_1_and_still_prints_the_good_ones(tmp_path: Path) -> None:
    write(tmp_path, "a-good.yaml", GOOD)
    bad = write(tmp_path, "b-bad.yaml", GOOD.replace("date: 2025-03-14", "date: 2025-02-30"))
    summary = run_cli("summary", str(tmp_path))
    assert summary.returncode == 1
    assert "Talks in Geneva" in summary.stdout
    assert f"{bad}:2:7: error: date: '2025-02-30': February 2025 has no day 30" in summary.stderr
    validate = run_cli("validate", str(tmp_path))
    assert validate.returncode == 1
    assert validate.stdout.strip() == f"{bad}:2:7: error: date: '2025-02-30': February 2025 has no day 30"


def test_warnings_pass_validate_unless_strict(tmp_path: Path) -> None:
    write(tmp_path, "w.yaml", GOOD + "extra: 1\n")
    assert run_cli("validate", str(tmp_path)).returncode == 0
    assert run_cli("validate", "--strict", str(tmp_path)).returncode == 1


@pytest.mark.parametrize(
    "args",
    [
        ("summary", "--bogus"),
        ("summary", "/no/such/path"),
        ("search", "date:2025-13"),
        ("search", ""),
        ("summary", "--max-file-size", "lots"),
    ],
)
def test_usage_errors_exit_2_without_traceback(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_help_and_version() -> None:
    assert "summary" in run_cli("--help").stdout
    assert "--format" in run_cli("summary", "--help").stdout
    assert "person:" in run_cli("search", "--help").stdout
    assert re.fullmatch(r"briefing \d+\.\d+\.\d+\n", run_cli("--version").stdout)


def test_briefing_alone_reads_no_arguments_and_gets_the_readers_defaults() -> None:
    # The commonest start: its arguments are argparse's for `read`, made without loading argparse at all.
    import subprocess
    import sys

    from briefing.cli.parser import parse
    from briefing.cli.usage import reader_defaults

    assert vars(reader_defaults()) == vars(parse(["read"])) == vars(parse([]))
    assert "paths" in reader_defaults() and "format" not in reader_defaults()
    code = "import sys\nfrom briefing.main import main\nmain([])\nprint('argparse' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "False", out.stdout + out.stderr
    assert "needs a terminal" in out.stderr  # (no terminal here: the reader says so, and never starts)


def test_only_the_command_run_gets_a_parser_but_help_still_lists_every_command() -> None:
    from briefing.cli.parser import COMMANDS, UsageError, build_parser, parse

    for listing in (run_cli("--help").stdout, run_cli("-h", "summary").stdout):  # help before a command: the top's
        assert all(f"    {command} " in listing for command in COMMANDS if command != "read"), listing
    with pytest.raises(UsageError, match="invalid choice"):
        build_parser("summary").parse_args(["search", "rubio"])
    # Every command's own options still parse when it is the only one built.
    assert parse(["stats", "--by", "year"]).by == "year"
    assert parse(["export", "-f", "csv", "--table", "outcomes"]).table == "outcomes"
    assert parse(["validate", "--strict", "x.yaml"]).paths == ["x.yaml"]
    assert parse(["paragraphs", "r.txt", "--json"]).report == "r.txt"
    assert parse(["-q", "rubio"]).command == "read"


def test_console_script_matches_python_m(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    script = shutil.which("briefing", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the console script is not installed in this environment")
    out = subprocess.run([script, "search", "wong"], capture_output=True, text=True, check=False)
    assert out.stdout == run_cli("search", "wong").stdout


# What only errors, help, the pager or an unset XDG variable need is imported when they happen: every command
# would pay for it at its start.
LAZY = ("difflib", "traceback", "json", "subprocess", "platformdirs")


@pytest.mark.parametrize(("command", "unwanted"), [("summary", LAZY), ("search rubio", LAZY), ("validate", ())])
def test_cli_never_imports_textual_nor_what_it_does_not_use(command: str, unwanted: tuple[str, ...]) -> None:
    run_cli(*command.split())  # the cache made: reading the files afresh needs the schema's suggestions
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['briefing', *{command.split()!r}]\n"
        "try:\n    runpy.run_module('briefing', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"found = [name for name in ('textual', *{unwanted!r}) if name in sys.modules]\n"
        "assert not found, f'imported: {found}'\n"
        "print('clean')\n"
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip().endswith("clean"), out.stderr


def test_the_bundled_briefing_keeps_the_reports_terms_of_art() -> None:
    for term in ("maritime security", "resilient supply chains", "technological collaboration", "co-production"):
        found = run_cli("search", f'"{term}"')
        assert "jaishankar" in found.stdout, term
    assert run_cli("search", "qffm").stdout.count("\n") == 1  # the acronym as the report prints it


def test_help_format_prints_the_format() -> None:
    result = run_cli("--help-format")
    assert result.returncode == 0 and result.stdout.startswith("# Briefing format")
