"""``briefing export``: the selected meetings in one format, to stdout or to a file written whole."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..format.model import Briefing, Meeting, Problem
from ..format.text import neutralise_line
from .usage import Arguments

EXIT_OK, EXIT_NOT_WRITTEN = 0, 2
"""A file that may not or cannot be written is a usage problem: nothing was written, the archive is fine."""


def export(
    args: Arguments,
    groups: Sequence[tuple[Briefing, list[Meeting]]],
    problems: Sequence[Problem],
    briefings: Sequence[Briefing],
) -> int:
    """Write ``groups`` as ``args.format`` to ``args.output`` (or stdout), never over a file of ``briefings``."""
    from ..render.export import export_document
    from .commands import evidence_of

    if args.table != "meetings" and args.format != "csv":
        print(f"briefing: --table {args.table} is for --format csv; ignored", file=sys.stderr)
    exported = export_document(groups, args.format, table=args.table, problems=problems, evidence=evidence_of(args))
    for note in exported.notes:
        print(f"briefing: {note}", file=sys.stderr)
    data = exported.data
    if not args.output or args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    from ..archive.files import default_paths
    from ..archive.output_file import WriteRefused, write_file
    from ..archive.reports import named_files

    folders = [p for p in (args.paths or default_paths()) if os.path.isdir(p)]
    try:
        written = write_file(args.output, data, protected=named_files(briefings), archive=folders)
    except WriteRefused as refused:
        print(f"briefing: not written: {refused}", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    except OSError as error:
        print(f"briefing: {neutralise_line(args.output)}: not written: {error.strerror or error}", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    print(f"briefing: {exported.what} written to {neutralise_line(written)}", file=sys.stderr)
    return EXIT_OK
