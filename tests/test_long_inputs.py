"""Small files that once cost minutes: every cost grows with the size of the file, never with its square.

These run the real command (a subprocess, which gives up after a minute: the
quadratic versions of these took from two minutes to hours) or the reader, and
assert what a user sees; how fast is the benchmark's business (row 12).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli, write
from tests.reader_app import main_screen, make_app, settle

pytestmark = pytest.mark.slow  # files of hundreds of thousands of values

HEAD = "title: T\ndate: 2025-01-01\nmeetings:\n"


@pytest.fixture(scope="module")
def long_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long")
    write(folder, "good.yaml", HEAD + "  - {title: A good one, participants: [India person]}\n")
    write(
        folder, "keys.yaml", HEAD + "  - {title: k, participants: [a]}\n" + "".join(f"k{n}: v\n" for n in range(30_000))
    )
    write(folder, "documents.yaml", "--- a\n" * 100_000)
    write(folder, "flow.yaml", HEAD.replace("meetings:\n", "meetings: [") + ",".join(["x"] * 200_000) + "]\n")
    write(folder, "same-titles.yaml", HEAD + "  - {title: Talks, participants: [a]}\n" * 40_000)
    title = json.dumps("First line of a title" + "\n" * 300_000 + "FORGED LINE: the treaty was signed")
    write(folder, "newlines.yaml", f"{HEAD}  - title: {title}\n    participants: [A]\n")
    people = ", ".join(f"p{n}" for n in range(200_000))
    write(folder, "people.yaml", f"{HEAD}  - title: Many people\n    participants: [{people}]\n")
    write(folder, "summary.yaml", f"{HEAD}  - title: Long summary\n    summary: {json.dumps('india ' * 300_000)}\n"
          "    participants: [A]\n")  # fmt: skip
    write(folder, "name.yaml", f"{HEAD}  - title: Long name\n    participants: [{json.dumps('abcdefghij' * 110)}]\n")
    return folder


def test_every_problem_is_found_in_one_pass_and_the_report_is_capped(long_inputs: Path) -> None:
    result = run_cli("validate", str(long_inputs))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert sum("keys.yaml:" in line for line in lines) == 101
    assert any("keys.yaml" in line and "… and 29,900 more warnings" in line for line in lines)
    assert any("documents.yaml" in line and "… and 99,900 more errors" in line for line in lines)
    assert any("flow.yaml" in line and "… and 199,900 more errors" in line for line in lines)
    assert "9 files: 7 briefings, 40,006 meetings; 300,000 errors, 30,000 warnings" in result.stderr


def test_forty_thousand_meetings_of_one_title_get_forty_thousand_ids(long_inputs: Path) -> None:
    result = run_cli("search", "talks", str(long_inputs / "same-titles.yaml"))
    ids = [line.split("\t")[1] for line in result.stdout.splitlines()]
    assert len(ids) == len(set(ids)) == 40_000
    assert ids[-1].endswith("/talks-40000") or "same-titles/talks-40000" in ids


def test_the_summary_of_huge_fields_is_bounded(long_inputs: Path) -> None:
    result = run_cli("summary", str(long_inputs / "people.yaml"), str(long_inputs / "summary.yaml"))
    assert result.returncode == 0
    assert "… and 199,800 more participants" in result.stdout
    assert "more characters)" in result.stdout
    assert len(result.stdout) < 200_000


async def test_the_reader_shows_huge_fields_within_bounds(long_inputs: Path) -> None:
    from briefing.reader.commands import BriefingCommands
    from briefing.reader.widgets.meeting_detail import MeetingDetail
    from briefing.reader.widgets.meeting_list import MeetingList
    from tests.screen import screen_text

    app = make_app(long_inputs)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        meetings = screen.query_one(MeetingList)
        rows = [meetings.render_line(y).text for y in range(len(screen.result.rows))]
        assert any("First line of a title" in row for row in rows)
        assert "FORGED LINE" not in screen_text(app)  # a title is drawn from its first line
        position = next(n for n, i in enumerate(screen.result.rows) if screen.catalog.entries[i].title == "Many people")
        screen.show_meeting(screen.result.rows[position])
        await pilot.pause()
        detail = screen.query_one(MeetingDetail)
        assert any("… and 199,800 more participants" in block.content.plain for block in detail.blocks)
        provider = BriefingCommands(screen)
        await provider.startup()
        hits = [hit async for hit in provider.search("abcdefghij")]  # the fuzzy matcher would take minutes here
        assert any(hit.text and hit.text.startswith("person: abcdefghij") and hit.text.endswith("…") for hit in hits)
        await pilot.press("slash", *"long summary india")  # 300,000 matches of "india" in one summary
        await settle(pilot)
        assert screen.result_query is not None
        await pilot.pause(0.3)
        assert any("more characters)" in block.content.plain for block in detail.blocks)
