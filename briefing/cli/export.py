"""``briefing export``: the selected meetings in one format, to stdout or to a file written whole."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..format.model import Briefing, Meeting, Problem
from ..format.text import neutralise_line
from ..render.common import plural

EXIT_OK, EXIT_FAILED = 0, 1


def export(
    args: argparse.Namespace,
    groups: Sequence[tuple[Briefing, list[Meeting]]],
    problems: Sequence[Problem],
    briefing_files: Sequence[str],
) -> int:
    """Write ``groups`` as ``args.format`` to ``args.output`` (or stdout), never over ``briefing_files``; the status."""
    from ..render.export import export_document
    from .commands import evidence_of

    if args.table != "meetings" and args.format != "csv":
        print(f"briefing: --table {args.table} is for --format csv; ignored", file=sys.stderr)
    data, notes = export_document(groups, args.format, table=args.table, problems=problems, evidence=evidence_of(args))
    for note in notes:
        print(f"briefing: {note}", file=sys.stderr)
    meetings = sum(len(m) for _, m in groups)
    if not args.output:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    from ..archive.output_file import WriteRefused, write_file

    try:
        written = write_file(args.output, data, protected=briefing_files)
    except WriteRefused as refused:
        print(f"briefing: not written: {refused}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        print(f"briefing: {neutralise_line(args.output)}: not written: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"briefing: {plural(meetings, 'meeting')} written to {neutralise_line(written)}", file=sys.stderr)
    return EXIT_OK
