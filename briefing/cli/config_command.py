"""``briefing config``: where the settings file is, the settings in effect, what is wrong with it; ``--init``."""

from __future__ import annotations

import sys

from ..format.text import neutralise_line
from ..settings.config import describe, init_config, load_config
from ..settings.location import config_path
from .usage import Arguments


def config(args: Arguments) -> int:
    """Show the settings (0; 1 when the file has errors), or write the starter file (``--init``)."""
    path = config_path()
    if args.init:
        try:
            written = init_config(path)
        except OSError as error:
            print(f"briefing: config: cannot write {neutralise_line(str(path))}: {error.strerror or error}",
                  file=sys.stderr)  # fmt: skip
            return 1
        if not written:
            print(f"briefing: config: {neutralise_line(str(path))} exists already; it was left as it is",
                  file=sys.stderr)  # fmt: skip
            return 1
        print(f"wrote {neutralise_line(str(path))}: every setting in it is commented out, with what it does")
        return 0
    settings, problems = load_config(path)
    for line in describe(settings, path, path.exists()):
        print(line)
    if problems:
        print(f"problems ({len(problems)}; what is broken is left at its default):")
        for problem in problems:
            print(f"  {problem}")
    return 1 if any(problem.is_error for problem in problems) else 0
