"""The one entry point (``briefing`` and ``python -m briefing``) and the one error boundary.

It parses the arguments, runs the reader or a command, and turns what can go
wrong into a message and an exit status: 0 fine, 1 some file had errors, 2 a
usage problem, 70 a bug of ours (the traceback only with ``--debug`` or
``BRIEFING_DEBUG=1``), 128+N when signal N stopped it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import collector
from .archive.files import PathNotFound
from .cli.usage import Arguments, UsageError, reader_defaults
from .format.text import neutralise_line
from .query.language import QueryError

if TYPE_CHECKING:
    from .settings.config import Config as Settings

EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 2, 70, 130


def debugging(argv: Sequence[str]) -> bool:
    """Whether tracebacks are wanted (``--debug`` or ``BRIEFING_DEBUG``)."""
    return "--debug" in argv or os.environ.get("BRIEFING_DEBUG", "") not in ("", "0")


def internal_error(what: str) -> str:
    """The message for a failure of briefing itself: what failed (``ValueError: …``), then the hint."""
    return (
        f"briefing: internal error: {neutralise_line(what)}\n"
        "briefing: this is a bug; rerun with --debug (or BRIEFING_DEBUG=1) for details"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = debugging(args_list)
    if not _streams_ready():
        return EXIT_USAGE
    try:
        args = _arguments(args_list)
        settings = _settings(args)
        if args.command == "read":
            return _read(args, settings, debug)
        from .cli.commands import run

        with collector.paused_for_good():  # a command's objects live until it exits: collections only cost time
            return run(args)
    except (PathNotFound, UsageError, QueryError) as error:
        label = "path not found" if isinstance(error, PathNotFound) else "error"
        message = str(error) if isinstance(error, UsageError) else f"briefing: {label}: {neutralise_line(str(error))}"
        print(message if message.startswith("briefing") else f"briefing: {message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error, whatever the format.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 - the program's error boundary: a bug becomes one message and 70
        if debug:
            import traceback

            traceback.print_exc()
        print(internal_error(f"{type(error).__name__}: {error}"), file=sys.stderr)
        return EXIT_INTERNAL


def _arguments(argv: Sequence[str]) -> Arguments:
    """The arguments of ``argv``: argparse reads them, but for ``briefing`` alone (no argument, every default)."""
    if not argv:
        return reader_defaults()
    from .cli.parser import parse

    return parse(argv)


def _settings(args: Arguments) -> Settings | None:
    """The settings file's, if there is one: its paths stand in for none named; a command says its problems once.

    (The reader says them itself, on screen, with the themes and keys it alone can check.)
    """
    if args.command == "config":
        return None
    from .settings.location import config_path

    path = config_path()
    if not os.path.lexists(path):
        return None  # no file, no cost: tomllib and the checks are not even imported
    from .settings.config import load_config

    settings, problems = load_config(path)
    if "paths" in args and not args.paths and settings.paths:
        args.paths = list(settings.paths)
    if args.command != "read" and problems:
        for problem in problems:
            print(f"briefing: config: {problem}", file=sys.stderr)
        print("briefing: config: running with the defaults for what is broken (see 'briefing config')",
              file=sys.stderr)  # fmt: skip
    return settings


def _read(args: Arguments, settings: Settings | None, debug: bool) -> int:
    """Open the reader, if there is a terminal to open it on."""
    if not (_tty(sys.stdout) and _tty(sys.stdin)):
        print(
            "briefing: the reader needs a terminal; to print briefings, use 'briefing summary' "
            "(or 'briefing search QUERY', 'briefing validate')",
            file=sys.stderr,
        )
        return EXIT_USAGE
    # Starting the reader builds a great many objects that live as long as it does
    # (modules, classes, widgets, styles) and almost no garbage: the reader ends
    # this pause once its first frame is painted.
    query = getattr(args, "query", None) or ""
    if args.view is not None:
        views = settings.views if settings is not None else {}
        if args.view not in views:
            known = ", ".join(sorted(views)) or "none: add them under [views] in the config file (briefing config)"
            name = neutralise_line(args.view)
            raise UsageError(f"briefing: --view: no saved search named {name!r} (saved: {known})")
        saved = views[args.view]
        closed = saved + '"' if saved.count('"') % 2 else saved  # an open quote must not take -q's words in
        query = f"{closed} {query}".strip()
    elif not query and settings is not None:
        query = settings.query
    if query.strip():
        from .query.language import parse_query

        try:
            parse_query(query)  # a search that cannot be read is said now, not in the box
        except QueryError as error:
            raise UsageError(f"briefing: -q: {error}") from None
    collector.pause_for_startup()
    from .reader.app import run_reader  # Textual is imported only here.
    from .settings.location import config_path

    status, crash = run_reader(
        args.paths,
        max_size=args.max_file_size,
        use_cache=not args.no_cache,
        debug=debug,
        query=query,
        config_file=config_path() if settings is not None else None,
    )
    if crash is not None:
        print(internal_error(crash), file=sys.stderr)
    return status


def _tty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def _streams_ready() -> bool:
    """Make the standard streams safe to use; False (with a line on stderr, if any) when stdout is closed.

    A closed standard stream is given /dev/null, so that no file the program
    opens later takes its number (and receives what was meant for the terminal).
    """
    closed = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.append(fd)
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if 0 in closed or sys.stdin is None:
        sys.stdin = open(os.devnull)  # noqa: SIM115 - lives as long as the program
    if 2 in closed or sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the program
    if 1 in closed or sys.stdout is None:
        print("briefing: standard output is closed: nothing to write to", file=sys.stderr)
        return False
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")  # a terminal set to ASCII gets \u escapes, never a crash
    return True
