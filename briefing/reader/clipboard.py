"""Getting text to the user's clipboard from a terminal, by every route there is, and saying which worked.

OSC 52 (Textual's ``copy_to_clipboard``) reaches the clipboard of the terminal
the user sits at, over SSH and through tmux with ``set-clipboard on``, but no
terminal says whether it obeyed. A native tool (``wl-copy``, ``xclip``,
``xsel``, ``pbcopy``, ``clip.exe``) says by its exit status, but only works on
the machine the reader runs on. So both are used, and the notice names them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import NamedTuple

TOOL_TIMEOUT = 2.0
"""Seconds a clipboard tool may take (xclip waits for nothing, but a broken X server could hang it)."""


class Tool(NamedTuple):
    """A native clipboard command: its name, its arguments, and the text encoding it reads."""

    name: str
    argv: tuple[str, ...]
    encoding: str = "utf-8"


def native_tool() -> Tool | None:
    """The clipboard command this machine offers for its display, if any."""
    candidates: list[Tool] = []
    if os.environ.get("WAYLAND_DISPLAY"):
        candidates.append(Tool("wl-copy", ("wl-copy",)))
    if os.environ.get("DISPLAY"):
        candidates += [
            Tool("xclip", ("xclip", "-selection", "clipboard")),
            Tool("xsel", ("xsel", "--clipboard", "--input")),
        ]
    candidates += [Tool("pbcopy", ("pbcopy",)), Tool("clip.exe", ("clip.exe",), "utf-16")]
    for tool in candidates:
        path = shutil.which(tool.argv[0])
        if path is not None:
            return tool._replace(argv=(path, *tool.argv[1:]))
    return None


def copy_with_tool(tool: Tool, text: str) -> bool:
    """Hand ``text`` to ``tool``; True if it took it (exit status 0 in time)."""
    try:
        done = subprocess.run(
            tool.argv,
            input=text.encode(tool.encoding),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TOOL_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def routes_line(what: str, text: str, tool: Tool | None, tool_worked: bool) -> tuple[str, bool]:
    """The notice after a copy, and whether the text surely reached a clipboard.

    ``meeting copied: 18 lines, Markdown (xclip and the terminal, OSC 52)``.
    """
    lines = text.count("\n") + (not text.endswith("\n"))
    head = f"{what} copied: {lines:,} line{'s' if lines != 1 else ''}, Markdown"
    if tool is not None and tool_worked:
        return f"{head} (by {tool.name}, and to the terminal by OSC 52)", True
    failed = f"{tool.name} failed; " if tool is not None else ""
    return (
        f"{head}, sent to the terminal by OSC 52 ({failed}no way to confirm it arrived). "
        "If it did not, press P to print it when you quit.",
        False,
    )
