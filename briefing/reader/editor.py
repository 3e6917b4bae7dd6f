"""Opening a briefing file in the user's editor at a line, with the reader suspended meanwhile."""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping

FALLBACKS = ("sensible-editor", "nano", "vim", "vi")
"""Tried in turn when neither ``$VISUAL`` nor ``$EDITOR`` is set."""
COLON_LINE = {"code", "code-insiders", "codium", "subl", "sublime_text", "zed", "gedit", "kate"}
"""Editors that take ``FILE:LINE`` rather than ``+LINE FILE`` (VS Code's family also needs ``-g``)."""
NEEDS_GOTO = {"code", "code-insiders", "codium"}


class NoEditor(Exception):
    """No editor is set and none of the usual ones is installed."""


def editor_command(path: str, line: int, env: Mapping[str, str] | None = None) -> list[str]:
    """The command that opens ``path`` at ``line`` in the user's editor (``$VISUAL``, ``$EDITOR``, a fallback)."""
    env = os.environ if env is None else env
    chosen = env.get("VISUAL", "").strip() or env.get("EDITOR", "").strip()
    if chosen:
        try:
            argv = shlex.split(chosen)
        except ValueError:
            argv = [chosen]
    else:
        found = next((name for name in FALLBACKS if shutil.which(name)), None)
        if found is None:
            raise NoEditor("no editor: set $EDITOR (e.g. export EDITOR=nano)")
        argv = [found]
    name = os.path.basename(argv[0]) if argv else ""
    line = max(1, line)
    if name in COLON_LINE:
        return [*argv, *(["-g"] if name in NEEDS_GOTO else []), f"{path}:{line}"]
    return [*argv, f"+{line}", path]
