"""The ``briefing`` command line: argparse and Rich only, never Textual.

``main`` is the single entry point (console script and ``python -m briefing``)
and the single error boundary: the project's own errors become a message and
an exit status (0 fine, 1 some file had errors, 2 usage), anything unexpected
becomes one line and a hint to rerun with ``--debug``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import __version__, collector
from .loader import DEFAULT_MAX_FILE_SIZE, CatalogResult, LoadResult, PathNotFound
from .model import Briefing, Meeting, Problem, rows_of

if TYPE_CHECKING:
    from .query import Query
from .errors import QueryError
from .render.common import plural
from .text import neutralise_line

COMMANDS = ("summary", "search", "validate", "read")
EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


class UsageError(Exception):
    """Arguments that make sense to argparse but not to us (exit status 2)."""


def _size(text: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    text = text.strip().lower().removesuffix("b").removesuffix("i")
    factor = units.get(text[-1:], 1)
    try:
        value = int(float(text[:-1] if text[-1:] in units else text) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 2M, 512K, 1048576)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the size must be positive")
    return value


def _add_paths(parser: argparse.ArgumentParser) -> None:
    # After any other positional, so `search QUERY PATH…` reads as written.
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="briefing files or folders (default: $BRIEFING_PATH, else the bundled briefings)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--max-file-size",
        type=_size,
        default=DEFAULT_MAX_FILE_SIZE,
        metavar="SIZE",
        help="refuse files larger than this (default: 2M)",
    )
    common.add_argument("--no-cache", action="store_true", help="parse every file afresh and leave the cache alone")
    common.add_argument("--debug", action="store_true", help="show a traceback if briefing itself fails")

    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Read structured briefings (who met whom, when, about what) in the terminal.",
        epilog="With no command, opens the reader. Run 'briefing COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    summary = sub.add_parser(
        "summary",
        parents=[common],
        help="print a summary of briefings",
        description="Print each briefing with its meetings, participants, topics and outcomes.",
    )
    summary.add_argument("--meeting", metavar="ID", help="only this meeting (its id, or BRIEFING/MEETING)")
    summary.add_argument(
        "--query", "-q", metavar="Q", help="only meetings matching this query (see 'briefing search --help')"
    )
    summary.add_argument(
        "--format",
        choices=("rich", "markdown", "json"),
        default="rich",
        help="output format (default: rich; plain text when piped or NO_COLOR is set)",
    )
    summary.add_argument(
        "--width", type=int, metavar="N", help="wrap at N columns (default: the terminal's width, 100 when piped)"
    )

    search = sub.add_parser(
        "search",
        parents=[common],
        help="list meetings matching a query",
        description="List meetings matching QUERY, one per line.",
        epilog=(
            "Query: words match word beginnings (rub finds Rubio), ignoring case and accents; words of 5+ letters "
            'also match at one edit. "exact phrase", -exclude, person: country: topic: outcome: place: kind: '
            "date:2025-07 date:2025-06-01..2025-07-31."
        ),
    )
    search.add_argument("query", metavar="QUERY", help="what to look for (quote it in the shell)")
    search.add_argument("--format", choices=("text", "json"), default="text", help="text lines (default) or JSON")

    validate = sub.add_parser(
        "validate",
        parents=[common],
        help="check briefing files and list every problem",
        description="Check files against the briefing format; print every error and warning as FILE:LINE:COLUMN.",
    )
    validate.add_argument("--strict", action="store_true", help="treat warnings (e.g. unknown keys) as errors")

    read = sub.add_parser(
        "read", parents=[common], help="open the reader (the default)", description="Open the terminal reader."
    )
    for command in (summary, search, validate, read):
        _add_paths(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list or os.environ.get("BRIEFING_DEBUG", "") not in ("", "0")
    _harden_streams()
    try:
        first = next((a for a in args_list if not a.startswith("-")), None)
        if first not in COMMANDS and not {"-h", "--help", "--version"} & set(args_list):
            args_list.insert(0, "read")
        parser = build_parser()
        args, extra = parser.parse_known_args(args_list)
        # argparse stops filling PATH… at the first option; paths after options are still paths.
        unknown = [item for item in extra if item.startswith("-")]
        if unknown:
            parser.error(f"unrecognized arguments: {' '.join(unknown)}")
        args.paths = [*args.paths, *extra]
        return _run(args)
    except (PathNotFound, UsageError, QueryError) as error:
        label = "path not found" if isinstance(error, PathNotFound) else "error"
        print(f"briefing: {label}: {neutralise_line(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:
        if debug:
            raise
        print(f"briefing: internal error: {neutralise_line(f'{type(error).__name__}: {error}')}", file=sys.stderr)
        print("briefing: this is a bug; rerun with --debug (or BRIEFING_DEBUG=1) for details", file=sys.stderr)
        return EXIT_INTERNAL


def _harden_streams() -> None:
    """Never fail on an encoding: a terminal set to ASCII gets ``\\u`` escapes."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _run(args: argparse.Namespace) -> int:
    if args.command == "read":
        # Starting the reader builds a great many objects that live as long as it
        # does (modules, classes, widgets, styles) and almost no garbage: the cyclic
        # collector would spend milliseconds on them for nothing. The reader ends
        # the pause once its first frame is painted.
        collector.pause_for_startup()
        from .reader.app import run_reader  # Textual is imported only here.

        debug = args.debug or os.environ.get("BRIEFING_DEBUG", "") not in ("", "0")
        return run_reader(args.paths, max_size=args.max_file_size, use_cache=not args.no_cache, debug=debug)
    from .progress import catalog_with_progress, load_with_progress

    options = {"max_size": args.max_file_size, "use_cache": not args.no_cache}
    if args.command == "summary":
        result = load_with_progress(args.paths, **options)
        _report(result.problems)
        return _summary(args, result)
    # search and validate need no full records: the catalog is enough (and cheap from the cache).
    if args.command == "search":
        from .query import parse_query

        query = parse_query(args.query)  # a bad query is a usage error before any loading
        if not query:
            raise UsageError("the query is empty")
        catalog = catalog_with_progress(args.paths, **options)
        _report(catalog.problems)
        return _search(args, query, catalog)
    return _validate(catalog_with_progress(args.paths, **options), strict=args.strict)


def _report(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _status(result: LoadResult | CatalogResult) -> int:
    return EXIT_ERRORS if any(p.is_error for p in result.problems) else EXIT_OK


def _console(width: int | None, stderr: bool = False):
    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR"))
    stream = sys.stderr if stderr else sys.stdout
    return Console(
        file=stream,
        width=width or (None if stream.isatty() else 100),
        color_system=None if plain else "auto",
        highlight=False,
        markup=False,
        emoji=False,
    )


def _select(
    args: argparse.Namespace, briefings: Sequence[Briefing], query: Query | None
) -> list[tuple[Briefing, list[Meeting]]]:
    """The briefings and meetings that ``--meeting`` and the ``--query`` (parsed) leave."""
    groups = [(b, list(b.meetings)) for b in briefings]
    groups.sort(key=lambda g: g[0].date.earliest, reverse=True)
    if args.meeting:
        wanted = args.meeting
        groups = [(b, [m for m in ms if wanted in (m.id, f"{b.id}/{m.id}")]) for b, ms in groups]
        groups = [g for g in groups if g[1]]
        if not groups:
            raise UsageError(f"no meeting has the id {wanted!r} (ids are shown by 'briefing search')")
    if query is not None:
        from .search import SearchIndex

        rows = [row for b, ms in groups for row in rows_of([b._replace(meetings=tuple(ms))])]
        keep = {id(rows[i].meeting) for i in SearchIndex(rows).search(query)}
        groups = [(b, [m for m in ms if id(m) in keep]) for b, ms in groups]
        groups = [g for g in groups if g[1]]
    return groups


def _summary(args: argparse.Namespace, result: LoadResult) -> int:
    query = None
    if args.query:
        from .query import parse_query

        query = parse_query(args.query)
    groups = _select(args, result.briefings, query)
    if args.format == "json":
        from .render.json_export import render_json

        sys.stdout.write(render_json(groups, result.problems))
        return _status(result)
    if args.format == "markdown":
        from .render.markdown import render_markdown

        sys.stdout.write(render_markdown(groups))
        return _status(result)
    from .render.rich_summary import print_trimmed, summary_renderables

    console = _console(args.width)
    for renderable in summary_renderables(groups, query):
        print_trimmed(console, renderable)
    if not groups:
        print("briefing: no meetings to show", file=sys.stderr)
    return _status(result)


def _search(args: argparse.Namespace, query: Query, result: CatalogResult) -> int:
    from .search import SearchIndex

    catalog = result.catalog
    found = SearchIndex(catalog).search(query)
    if args.format == "json":
        import json

        from .render.json_export import meeting_json

        items = []
        for index in found:
            row = catalog.row(index)
            items.append({"briefing": row.briefing.id, "file": row.briefing.path, **meeting_json(row.meeting)})
        sys.stdout.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        return _status(result)
    entries = [catalog.entries[index] for index in found]
    if sys.stdout.isatty():
        from .render.rich_summary import search_line

        console = _console(None)
        for entry in entries:
            console.print(search_line(entry, query), overflow="ellipsis", no_wrap=True)
        console.print(f"{len(found)} of {plural(len(catalog), 'meeting')}", style="dim")
    else:
        # For scripts: one tab-separated line per meeting, nothing else.
        for entry in entries:
            fields = (entry.date or "undated", entry.ref, entry.title, entry.people)
            sys.stdout.write("\t".join(neutralise_line(field) for field in fields) + "\n")
    return _status(result)


def _validate(result: CatalogResult, *, strict: bool) -> int:
    for problem in result.problems:
        print(problem)
    errors = sum(p.is_error for p in result.problems)
    warnings = len(result.problems) - errors
    meetings = len(result.catalog)
    briefings = result.catalog.briefing_count()
    tally = (
        f"{plural(result.files, 'file')}: {plural(briefings, 'briefing')}, {plural(meetings, 'meeting')}; "
        f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    )
    print(tally, file=sys.stderr)
    if errors or (strict and warnings):
        return EXIT_ERRORS
    return EXIT_OK
