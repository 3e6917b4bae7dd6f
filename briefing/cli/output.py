"""Where the command line writes: stdout as Rich text or plain, stderr for problems, a pager when it helps."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from ..format.model import Problem, tally
from ..render.common import plural

if TYPE_CHECKING:
    from rich.console import Console

PIPED_WIDTH = 100


def no_color() -> bool:
    """Whether the user asked for no colour (``NO_COLOR`` set to anything but empty)."""
    return bool(os.environ.get("NO_COLOR"))


def is_terminal(stream: IO[str]) -> bool:
    """Whether ``stream`` is a terminal (False for a closed or odd stream)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def console(width: int | None = None, file: IO[str] | None = None, *, terminal: bool | None = None) -> Console:
    """A Rich console that never reads data as markup and lets a closed pipe end the program quietly."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1; the reader of our output going away is not an error (one rule for every format).
            raise BrokenPipeError

    stream = file if file is not None else sys.stdout
    tty = is_terminal(stream) if terminal is None else terminal
    return _Console(
        file=stream,
        width=width or (None if tty else PIPED_WIDTH),
        height=None if tty else 25,  # with both set, Rich never asks the terminal its size (once per line)
        force_terminal=terminal,
        color_system=None if no_color() else "auto",
        highlight=False,
        markup=False,
        emoji=False,
    )


def report(problems: Sequence[Problem], *, quiet: bool = False) -> None:
    """Every problem on stderr, one ``FILE:LINE:COLUMN: …`` line each (or, ``quiet``, only how many)."""
    if not problems:
        return
    if quiet:
        errors, warnings = tally(problems)
        count = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
        print(f"briefing: {count} (run 'briefing validate' to list them)", file=sys.stderr)
        return
    for problem in problems:
        print(problem, file=sys.stderr)


def page(text: str, *, allowed: bool) -> None:
    """Write ``text`` to stdout, through a pager when stdout is a terminal and ``text`` is taller than it."""
    if allowed and is_terminal(sys.stdout):
        import shutil

        height = shutil.get_terminal_size().lines
        if text.count("\n") >= height and _run_pager(text):
            return
    sys.stdout.write(text)


def _run_pager(text: str) -> bool:
    """Show ``text`` in ``$PAGER`` (else ``less -R``), as git does; False if there is no pager to run."""
    import shlex
    import shutil
    import subprocess

    command = os.environ.get("PAGER")
    argv = shlex.split(command) if command else ["less", "-R"]
    if not argv or argv == ["cat"] or shutil.which(argv[0]) is None:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # quit if it fits, keep colours, leave the screen as it was
    try:
        pager = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert pager.stdin is not None
    try:
        with io.TextIOWrapper(pager.stdin, encoding=sys.stdout.encoding or "utf-8", errors="backslashreplace") as pipe:
            pipe.write(text)
    except BrokenPipeError:
        pass  # the user quit the pager early
    except KeyboardInterrupt:
        pass
    pager.wait()
    return True
