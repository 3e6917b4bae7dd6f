"""Texts the main screen shows in place of the panes: the loading bar, and what to do when nothing loaded."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from ...format.model import Problem
from ...format.text import neutralise_line
from ...render.common import plural

BAR = 24
FORMAT_HELP = "briefing --help-format"


def progress_line(done: int, total: int) -> Content:
    """``Loading ━━━━━━━━──────── 3,200/10,000 files``."""
    filled = BAR * done // total if total else 0
    return Content.assemble(
        "Loading ", ("━" * filled, "$accent"), ("─" * (BAR - filled), "$text-muted"), f" {done:,}/{total:,} files"
    )


def empty_text(paths: Sequence[str], problems: Sequence[Problem]) -> Content:
    """What the reader says when it found no briefing at all: where it looked, and how to point it elsewhere."""
    paths = ", ".join(neutralise_line(p) for p in paths) or "$BRIEFING_PATH, else the bundled briefings"
    lines: list[Content | str] = [
        Content.styled("No briefings to show", "bold $accent"),
        "",
        Content.assemble("Looked in: ", (paths, "bold")),
    ]
    if problems:
        count = len(problems)
        lines.append(f"{plural(count, 'problem')} found: press e to see {'it' if count == 1 else 'them'}.")
    lines += [
        "",
        "Point the reader at a folder or file of briefings:",
        Content.styled("  briefing ~/briefings", "bold"),
        "or set BRIEFING_PATH (folders separated by ':').",
        Content.assemble("The format: ", (FORMAT_HELP, "bold"), "."),
    ]
    return Content("\n").join(Content(line) if isinstance(line, str) else line for line in lines)
