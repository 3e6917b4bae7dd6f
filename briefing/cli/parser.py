"""The command line's arguments: one parser for every command, messages safe for any terminal."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple, NoReturn

from .. import __version__
from ..archive.files import DEFAULT_MAX_FILE_SIZE
from ..format.text import neutralise_line
from .usage import Arguments, UsageError

MAX_FILE_SIZE_LIMIT = 1024**3
"""The largest --max-file-size accepted (1 GiB): a briefing is text, and each file is read whole."""
WIDTH_RANGE = (20, 1000)


class Parser(argparse.ArgumentParser):
    """argparse, but its messages quote arguments neutralised (a file name can hold escape codes)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {neutralise_line(message)} (see '{self.prog} --help')")


class _FormatHelp(argparse.Action):
    """``--help-format``: print docs/format.md, as shipped with the program."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from ..resources import docs_dir

        text = (docs_dir() / "format.md").read_text(encoding="utf-8")
        sys.stdout.write(text)
        parser.exit(0)


def parse_size(text: str) -> int:
    """``2M``, ``512K``, ``1048576`` → bytes; refuses what is not a size from 1 byte to 1 GiB."""
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    clean = text.strip().lower().removesuffix("b").removesuffix("i")
    factor = units.get(clean[-1:], 1)
    number = clean[:-1] if clean[-1:] in units else clean
    try:
        value = float(number) * factor
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 2M, 512K, 1048576)") from None
    if not math.isfinite(value) or not 1 <= value <= MAX_FILE_SIZE_LIMIT:
        raise argparse.ArgumentTypeError(f"{text!r}: give a size from 1 byte to 1G")
    return int(value)


def parse_width(text: str) -> int:
    """A width in columns, within :data:`WIDTH_RANGE`."""
    low, high = WIDTH_RANGE
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of columns: {text!r}") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{value}: give a width from {low} to {high} columns")
    return value


class _Command(NamedTuple):
    """A command: its line in ``briefing --help``, its parser's texts, the shared options it takes, and its own."""

    help: str
    description: str
    add_options: Callable[[argparse.ArgumentParser], None]
    shared: tuple[str, ...] = ("common",)
    epilog: str | None = None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-file-size",
        type=parse_size,
        default=DEFAULT_MAX_FILE_SIZE,
        metavar="SIZE",
        help="refuse files larger than this (default: 2M; at most 1G)",
    )
    parser.add_argument("--no-cache", action="store_true", help="parse every file afresh and leave the cache alone")
    parser.add_argument("--debug", action="store_true", help="show a traceback if briefing itself fails")


def _quiet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--quiet", action="store_true", help="on stderr, only count the problems found instead of listing each"
    )


def _paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="briefing files or folders (default: the config's paths, else $BRIEFING_PATH, else the bundled briefings)",
    )


_SHARED = {"common": _common, "quiet": _quiet, "paths": _paths}


def _summary(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--meeting", metavar="ID", help="only this meeting (its id, or BRIEFING/MEETING)")
    parser.add_argument(
        "--query", "-q", metavar="Q", help="only meetings matching this query (see 'briefing search --help')"
    )
    parser.add_argument(
        "--format",
        choices=("rich", "markdown", "json"),
        default="rich",
        help="output format (default: rich; plain text when piped or NO_COLOR is set)",
    )
    parser.add_argument(
        "--width",
        type=parse_width,
        metavar="N",
        help="wrap at N columns (default: the terminal's width, 100 when piped)",
    )
    parser.add_argument("--no-pager", action="store_true", help="never page a summary taller than the terminal")
    parser.add_argument(
        "--evidence",
        action="store_true",
        help="quote, after each fact, the paragraphs of the source report it cites (where source.file gives it)",
    )


def _search(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", metavar="QUERY", help="what to look for (quote it in the shell)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text lines (default) or JSON")
    parser.add_argument("--ids", action="store_true", help="on a terminal, show each meeting's id too")


def _export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", "-f", choices=("markdown", "json", "csv", "ics"), default="markdown", help="default: markdown"
    )
    parser.add_argument(
        "--table",
        choices=("meetings", "participants", "outcomes"),
        default="meetings",
        help="CSV only: a row per meeting (default), per meeting and participant, or per outcome",
    )
    parser.add_argument("--meeting", metavar="ID", help="only this meeting (its id, or BRIEFING/MEETING)")
    parser.add_argument("--query", "-q", metavar="Q", help="only meetings matching this query")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (default: stdout)")
    parser.add_argument(
        "--evidence", action="store_true", help="Markdown and JSON: quote the cited paragraphs of the source report"
    )


def _stats(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--by",
        "-b",
        choices=("person", "country", "topic", "kind", "briefing", "week", "month", "year", "pair"),
        default="person",
    )
    parser.add_argument("--query", "-q", metavar="Q", help="count only the meetings this query finds")
    parser.add_argument(
        "--top",
        type=int,
        metavar="N",
        help="the N largest counts (default: 20 on a terminal, all otherwise; 0: all); weeks, months and years "
        "are always all shown, in date order",
    )
    parser.add_argument("--format", "-f", choices=("rich", "json", "csv"), default="rich", help="default: rich")


def _validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings (e.g. unknown keys) as errors")


def _paragraphs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("report", metavar="REPORT", help="the report's text file (UTF-8)")
    parser.add_argument("--json", action="store_true", help="print JSON: the file and each paragraph's number and text")


def _config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--init", action="store_true", help="write a commented starting file (never over an existing one)"
    )


def _read(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--query", "-q", metavar="Q", help="open with this search in the box (e.g. -q 'topic:energy')")
    parser.add_argument("--view", metavar="NAME", help="open with a saved search, by its name in the config's [views]")


_WITH_PATHS = ("common", "quiet", "paths")
_COMMANDS: dict[str, _Command] = {
    "summary": _Command(
        "print a summary of briefings",
        "Print each briefing with its meetings, participants, topics and outcomes.",
        _summary,
        _WITH_PATHS,
    ),
    "search": _Command(
        "list meetings matching a query",
        "List meetings matching QUERY, one per line.",
        _search,
        _WITH_PATHS,
        epilog=(
            "Query: words match word beginnings (rub finds Rubio), ignoring case and accents; words of 5+ letters "
            'also match at one edit. "words in order", -exclude, person: country: topic: outcome: place: kind: '
            "tag: briefing: date:2025-07 date:2025-06-01..2025-07-31. On a terminal each line shows date, title "
            "and who; piped, each line is DATE<tab>ID<tab>TITLE<tab>WHO."
        ),
    ),
    "export": _Command(
        "write meetings to a file: Markdown, JSON, CSV or iCalendar",
        "Write the meetings that --query and --meeting leave (as for summary) as Markdown, JSON, CSV (RFC 4180, "
        "a row per meeting, participant or outcome) or iCalendar (an all-day event per dated meeting).",
        _export,
        _WITH_PATHS,
        epilog=(
            "With -o, the file is written whole or not at all (a temporary file renamed into place), and never "
            "over a briefing or any YAML file. CSV cells that a spreadsheet would evaluate (=, +, -, @) are "
            "prefixed with ' so they stay text."
        ),
    ),
    "stats": _Command(
        "count meetings by person, country, topic, kind, briefing, week, month, year or pair",
        "Count the meetings (all, or those --query finds) by one thing: a person by the name people.yaml "
        "declares, a country however it is written (US, U.S. and United States are one), a month or year (every "
        "one of the span, empty ones as 0), or pair (who met whom).",
        _stats,
        _WITH_PATHS,
        epilog=(
            "On a terminal: a table with a bar per line. Piped: COUNT<tab>VALUE lines. Meetings with nothing to "
            "count (undated, no named participant…) are a row of their own, in brackets. Each JSON and CSV "
            "count carries the query that finds its meetings."
        ),
    ),
    "validate": _Command(
        "check briefing files and list every problem",
        "Check files against the briefing format; print every error and warning as FILE:LINE:COLUMN.",
        _validate,
        ("common", "paths"),
        epilog="A file name holding ':' followed by digits is printed quoted, so it cannot pass for a position.",
    ),
    "paragraphs": _Command(
        "print a report with the paragraph numbers refs cite",
        "Print a plain-text report with its paragraphs numbered as refs count them: a paragraph is a run of "
        "non-blank lines; blank lines (or lines of spaces) separate them; the first is ¶1.",
        _paragraphs,
    ),
    "config": _Command(
        "show the settings file and the settings in effect",
        "Print where the settings file is, whether it exists, the settings in effect and its problems.",
        _config,
        (),
        epilog="The file is TOML: paths, theme, query, date_format, [keys] and [views] (saved searches).",
    ),
    "read": _Command("open the reader (the default)", "Open the terminal reader.", _read, ("common", "paths")),
}
COMMANDS = tuple(_COMMANDS)


def build_parser(command: str | None = None) -> Parser:
    """The argument parser for ``command``, or for every command when None (as ``briefing --help`` lists them).

    Only the command being run needs a parser: building the others' is time every run would pay.
    """
    parser = Parser(
        prog="briefing",
        description="Read structured briefings (who met whom, when, about what) in the terminal.",
        epilog="With no command, opens the reader. Run 'briefing COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument(
        "--help-format", action=_FormatHelp, nargs=0, help="print the briefing format (the keys, dates, refs) and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, spec in _COMMANDS.items():
        if command not in (None, name):
            continue
        full = sub.add_parser(name, help=spec.help, description=spec.description, epilog=spec.epilog)
        # Options in the order --help has always shown them: the shared ones, the command's own, then PATH.
        for shared in spec.shared:
            if shared != "paths":
                _SHARED[shared](full)
        spec.add_options(full)
        if "paths" in spec.shared:
            _paths(full)
    return parser


def parse(argv: Sequence[str]) -> Arguments:
    """Parse ``argv`` (no program name); with no command, ``read``. Raises :class:`UsageError`."""
    args_list = list(argv)
    first = next((a for a in args_list if not a.startswith("-")), None)
    if first not in COMMANDS and not {"-h", "--help", "--version", "--help-format"} & set(args_list):
        args_list.insert(0, "read")
    # Anything before the command (``-h summary``) is the top parser's, which then needs every command.
    parser = build_parser(args_list[0] if args_list and args_list[0] in COMMANDS else None)
    args, extra = parser.parse_known_args(args_list, namespace=Arguments())
    # argparse stops filling PATH… at the first option; paths after options are still paths.
    unknown = [item for item in extra if item.startswith("-")]
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if "paths" in args:
        args.paths = [*args.paths, *extra]
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "search" and not args.query:
        raise UsageError("briefing search: give a QUERY to look for, e.g. briefing search rubio (PATH is optional)")
    return args
