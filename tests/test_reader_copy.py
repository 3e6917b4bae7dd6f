"""Copying from the reader: ``y`` (a meeting), ``Y`` (the list), the routes to a clipboard, ``P``, and real tmux."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from briefing.reader import clipboard
from tests.evidence_data import evidence_archive
from tests.hostile import ESCAPES, yaml_quote
from tests.oracle import assert_terminal_safe
from tests.reader_app import DATA, TEST_ARCHIVES, make_app, settle

EVIDENCE = TEST_ARCHIVES / "evidence"


@pytest.fixture
def no_native_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard, "native_tool", lambda: None)


async def copy(app: Any, monkeypatch: pytest.MonkeyPatch, *keys: str) -> list[tuple[str, str]]:
    """Press ``keys`` in the reader; the notices it gave (message, severity)."""
    notices: list[tuple[str, str]] = []
    async with app.run_test(size=(120, 36)) as pilot:
        monkeypatch.setattr(
            app, "notify", lambda message, severity="information", **_: notices.append((message, severity))
        )
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
    return notices


async def test_y_copies_the_meeting_as_markdown_with_its_paragraphs_as_footnotes(
    monkeypatch: pytest.MonkeyPatch, no_native_tool: None
) -> None:
    app = make_app(EVIDENCE)
    notices = await copy(app, monkeypatch, "y")
    text = app.clipboard
    assert text.startswith("## Morrow meets Veskin[^p1][^p2]\n")
    assert "- **Date:** 13 Mar 2025 (`2025-03-13`)" in text
    assert "- **Participants:** Tessa Morrow (Arvania)[^p2]; Ilya Veskin[^p2][^p3]" in text
    assert "- *disagreement:* No agreement on the dams[^p5][^p12]" in text
    assert "[^p5]: ¶5 of Meridian Wire: “No agreement was reached on the dams.”" in text
    assert "[^p12]: ¶12 of Meridian Wire (not in the report, which has 7 paragraphs)" in text
    lines = text.count("\n")
    ((message, severity),) = notices
    assert message.startswith(f"meeting copied: {lines} lines, Markdown, sent to the terminal by OSC 52")
    assert "press P" in message and severity == "warning"  # nothing could confirm it arrived


async def test_without_a_report_the_footnotes_name_the_source_only(
    monkeypatch: pytest.MonkeyPatch, no_native_tool: None
) -> None:
    app = make_app(DATA)
    await copy(app, monkeypatch, "y")
    assert "[^p2]: ¶2 of " in app.clipboard and "“" not in app.clipboard.split("[^p2]: ")[1].splitlines()[0]


async def test_Y_copies_the_visible_list_and_the_search_behind_it(
    monkeypatch: pytest.MonkeyPatch, no_native_tool: None
) -> None:
    app = make_app()
    notices = await copy(app, monkeypatch, "slash", *"rubio", "enter", "Y")
    lines = app.clipboard.splitlines()
    assert lines[0] == "2 meetings of 7, found by the search “rubio”"
    assert len([line for line in lines if line.startswith("- ")]) == 2
    assert all("Rubio" in line for line in lines[2:])
    assert notices[-1][0].startswith("list copied: 4 lines, Markdown")


async def test_a_native_tool_that_takes_the_text_is_named_in_the_notice(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    received = tmp_path / "received"
    script = tmp_path / "fake-copy"
    script.write_text(f"#!/bin/sh\ncat > {received}\n")
    script.chmod(0o755)
    monkeypatch.setattr(clipboard, "native_tool", lambda: clipboard.Tool("fake-copy", (str(script),)))
    app = make_app(EVIDENCE)
    notices = await copy(app, monkeypatch, "y")
    assert received.read_text() == app.clipboard
    ((message, severity),) = notices
    assert message.endswith("(by fake-copy, and to the terminal by OSC 52)") and severity == "information"


async def test_a_native_tool_that_fails_is_said_to_have_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard, "native_tool", lambda: clipboard.Tool("false", ("false",)))
    notices = await copy(make_app(EVIDENCE), monkeypatch, "y")
    assert "false failed; no way to confirm it arrived" in notices[0][0]


async def test_P_prints_the_last_copy_when_the_reader_ends(
    monkeypatch: pytest.MonkeyPatch, no_native_tool: None
) -> None:
    app = make_app(EVIDENCE)
    notices = await copy(app, monkeypatch, "P", "y", "P")
    assert notices[0][0].startswith("Nothing copied yet")
    assert app.print_on_exit == app.clipboard and notices[-1][0] == "The last copy will be printed when you quit."


async def test_what_is_copied_carries_nothing_a_terminal_would_act_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_native_tool: None
) -> None:
    archive = evidence_archive(tmp_path, "hostile.txt", copy=False)
    (archive / "hostile.txt").write_bytes((TEST_ARCHIVES / "reports" / "hostile.txt").read_bytes())
    path = archive / "kestrel.yaml"
    evil = yaml_quote("Morrow " + "".join(ESCAPES.values()) + " meets")
    path.write_text(path.read_text().replace("Morrow meets Veskin", evil))
    app = make_app(archive)
    await copy(app, monkeypatch, "y")
    assert "Morrow" in app.clipboard
    assert_terminal_safe(app.clipboard, "the copied meeting")
    await copy(app := make_app(archive), monkeypatch, "Y")
    assert_terminal_safe(app.clipboard, "the copied list")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_y_reaches_tmuxs_buffer_through_osc_52(tmp_path: Path) -> None:
    socket = f"briefing-test-{os.getpid()}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "DISPLAY", "WAYLAND_DISPLAY", "BRIEFING_PATH")}
    command = f"{sys.executable} -m briefing --no-cache {EVIDENCE}"
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "36", command], check=True, env=env)
    try:
        subprocess.run([*tmux, "set", "-g", "set-clipboard", "on"], check=True)
        subprocess.run([*tmux, "set", "-g", "terminal-features", "*:clipboard"], check=False)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and "Morrow meets Veskin" not in _screen(tmux):
            time.sleep(0.2)
        subprocess.run([*tmux, "send-keys", "y"], check=True)
        buffer = ""
        while time.monotonic() < deadline and "Morrow meets Veskin" not in buffer:
            time.sleep(0.2)
            buffer = subprocess.run([*tmux, "show-buffer"], capture_output=True, text=True).stdout
        assert buffer.startswith("## Morrow meets Veskin[^p1][^p2]")
        assert "[^p5]: ¶5 of Meridian Wire: “No agreement was reached on the dams.”" in buffer
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)


def _screen(tmux: list[str]) -> str:
    return subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout


async def test_x_exports_the_visible_list_in_the_format_chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import csv

    from textual.widgets import Input

    from briefing.reader.screens.export_dialog import ExportScreen

    monkeypatch.chdir(tmp_path)
    notices: list[str] = []
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(message))
        await settle(pilot)
        await pilot.press("slash", *"rubio", "enter", "x")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("down", "down", "tab")  # CSV; on to the file name
        box = app.screen.query_one("#export-file", Input)
        assert box.value.endswith(".csv") and box.value.startswith("./briefing-")
        assert box.cursor_position == len(box.value)  # typing goes on at the end
        box.value = str(tmp_path / "rubio.csv")
        await pilot.press("enter")
        await settle(pilot)
    with open(tmp_path / "rubio.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2 and all("Rubio" in row["participants"] for row in rows)
    assert notices == [f"2 meetings written to {tmp_path / 'rubio.csv'} (csv)"]


@pytest.mark.parametrize("target", ["kestrel.yaml", "wire.txt"])
async def test_x_never_writes_over_a_briefing_or_its_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    from textual.widgets import Input

    monkeypatch.chdir(tmp_path)  # a default name would be written here, not in the repository
    archive = evidence_archive(tmp_path)
    before = (archive / target).read_bytes()
    notices: list[str] = []
    app = make_app(archive)
    async with app.run_test(size=(120, 36)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(message))
        await settle(pilot)
        await pilot.press("x")
        app.screen.query_one("#export-file", Input).value = str(archive / target)
        await pilot.press("enter")
        await settle(pilot)
    assert (archive / target).read_bytes() == before
    assert notices and notices[0].startswith("Not written:") and "never written over" in notices[0]


async def test_the_palette_offers_copying_exporting_and_printing_on_exit(
    monkeypatch: pytest.MonkeyPatch, no_native_tool: None
) -> None:
    app = make_app(EVIDENCE)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        for title in (
            "Copy the meeting (y)",
            "Copy the list (Y)",
            "Print the last copy on exit (P)",
            "Export the list (x)",
        ):
            assert title in commands
        commands["Copy the meeting (y)"].callback()
        await settle(pilot)
        assert app.clipboard.startswith("## Morrow meets Veskin")


async def test_x_then_enter_writes_the_default_file_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(EVIDENCE)
    notices = await copy(app, monkeypatch, "x", "down", "enter")
    (written,) = list(tmp_path.glob("briefing-*.json"))
    assert notices[-1][0] == f"2 meetings written to {written} (json)"


async def test_x_never_writes_over_the_report_of_a_briefing_not_on_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from tests.helpers import write
    from tests.reader_app import main_screen

    monkeypatch.chdir(tmp_path)
    archive = tmp_path / "archive"
    write(archive, "a.yaml", "title: A\ndate: 2025-01-01\nsource: {file: a-report.md}\nmeetings:\n"
          "  - title: Alpha talks\n    participants: [Ann]\n")  # fmt: skip
    write(archive, "b.yaml", "title: B\ndate: 2025-02-01\nmeetings:\n  - title: Bravo talks\n    participants: [Bob]\n")
    report = archive / "a-report.md"
    report.write_text("The report of A.\n", encoding="utf-8")  # .md, as an earlier export would be named
    notices: list[str] = []
    app = make_app(archive)
    async with app.run_test(size=(120, 36)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(message))
        await settle(pilot)
        main_screen(app).search_for("bravo")  # only B's meeting on the list: A is not exported
        await settle(pilot)
        await pilot.press("x")
        app.screen.query_one("#export-file", Input).value = str(report)
        await pilot.press("enter")
        await settle(pilot)
    assert report.read_text(encoding="utf-8") == "The report of A.\n"
    assert notices and notices[0].startswith("Not written:") and "never written over" in notices[0]
