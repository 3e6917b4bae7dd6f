"""The command line's arguments as the rest of the program reads them, and the errors in them.

``briefing`` alone, the commonest start, opens the reader with every default: its arguments
are made here, and argparse (with the parser of every option, :mod:`.parser`) is imported
only when there are arguments to read.
"""

from __future__ import annotations

from types import SimpleNamespace

from ..archive.files import DEFAULT_MAX_FILE_SIZE


class UsageError(Exception):
    """Arguments that make sense to argparse but not to us (exit status 2)."""


class Arguments(SimpleNamespace):
    """Arguments read (argparse fills one), or those of ``briefing`` alone; ``"paths" in args`` as in argparse."""

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.__dict__


def reader_defaults() -> Arguments:
    """The arguments of ``briefing`` with none given: the reader, every option at its default."""
    return Arguments(
        command="read",
        max_file_size=DEFAULT_MAX_FILE_SIZE,
        no_cache=False,
        debug=False,
        query=None,
        view=None,
        paths=[],
        help_format=None,
    )
