"""The commands of the command line (``summary``, ``search``, ``validate``): load, select, print."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..archive.catalog import CacheMismatch
from ..archive.loader import CatalogResult, LoadResult
from ..format.model import Briefing, Meeting, Problem, rows_of, tally
from ..format.text import neutralise_line
from ..render.common import plural, refs_text
from .output import PIPED_WIDTH, console, is_terminal, page, report
from .usage import Arguments, UsageError

if TYPE_CHECKING:
    from ..archive.people import PeopleRegistry
    from ..query.language import Query
    from ..query.marks import Marks
    from ..render.evidence import EvidenceOf

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def run(args: Arguments) -> int:
    """Run one command (not ``read``); return its exit status."""
    if args.command == "config":
        from .config_command import config

        return config(args)
    try:
        return _run(args)
    except CacheMismatch:
        # The cache said a file held a meeting it does not: forget the cache, and read every file again.
        from ..archive.cache import cache_paths, forget
        from ..archive.files import default_paths

        forget(cache_paths(args.paths or default_paths()))
        return _run(args)


def _run(args: Arguments) -> int:
    from .progress import catalog_with_progress, load_with_progress

    options = {"max_size": args.max_file_size, "use_cache": not args.no_cache}
    if args.command == "summary":
        query = _parsed(args.query) if args.query else None  # a bad query is a usage error before any loading
        result = load_with_progress(args.paths, **options)
        report(result.problems, quiet=args.quiet)
        return _summary(args, result, query)
    if args.command == "export":
        from .export import export

        query = _parsed(args.query) if args.query else None
        result = load_with_progress(args.paths, **options)
        report(result.problems, quiet=args.quiet)
        groups = select(result.briefings, query, args.meeting, result.people, marks_for(args, query))
        status = export(args, groups, result.problems, result.briefings)
        return status if status != EXIT_OK else _status(result.problems)
    if args.command == "paragraphs":
        return _paragraphs(args)

    if args.command == "stats":
        from .stats import stats

        query = _parsed(args.query) if args.query else None
        catalog = catalog_with_progress(args.paths, **options)
        report(catalog.problems, quiet=args.quiet)
        status = stats(args, catalog.catalog, query, marks_for(args, query))
        return status if status != EXIT_OK else _status(catalog.problems)
    if args.command == "search":
        query = _parsed(args.query)
        if not query:
            raise UsageError("the query is empty")
        catalog = catalog_with_progress(args.paths, **options)
        report(catalog.problems, quiet=args.quiet)
        return _search(args, query, catalog)
    checked = catalog_with_progress(args.paths, **options)
    from ..archive.duplicates import archive_hints

    return _validate(checked, _evidence_problems(args, checked), archive_hints(checked.catalog), strict=args.strict)


def marks_for(args: Arguments, query: Query | None) -> Marks:
    """The reader's flags and read marks for this archive, if the query asks for them (``is:``); else none."""
    from ..query.marks import Marks

    if query is None or not any(term.field == "is" for term in query.terms):
        return Marks()
    from ..archive.files import default_paths
    from ..settings.state import ArchiveState

    state = ArchiveState(args.paths or default_paths())
    marks = state.load().marks
    notice = state.notice
    if notice:
        print(f"briefing: state: {notice}", file=sys.stderr)
    return marks


def _parsed(text: str) -> Query:
    from ..query.language import parse_query

    return parse_query(text)


def _merged(problems: Sequence[Problem], extra: dict[str, list[Problem]]) -> list[Problem]:
    """``problems`` with ``extra`` problems (by file path) among those of their file, each file's in line order."""
    if not extra:
        return list(problems)
    from ..format.text import neutralise_line

    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(problem.path, []).append(problem)
    for path, found in extra.items():
        group = groups.setdefault(neutralise_line(path), [])
        group[:] = sorted([*group, *found], key=lambda p: (p.line, p.column))
    return [problem for group in groups.values() for problem in group]


def _status(problems: Sequence[Problem]) -> int:
    return EXIT_ERRORS if any(p.is_error for p in problems) else EXIT_OK


def select(
    briefings: Sequence[Briefing],
    query: Query | None,
    meeting: str | None = None,
    people: PeopleRegistry | None = None,
    marks: Marks | None = None,
) -> list[tuple[Briefing, list[Meeting]]]:
    """The briefings and meetings that ``meeting`` (an id, or BRIEFING/MEETING) and ``query`` leave, newest first."""
    groups = [(b, list(b.meetings)) for b in briefings]
    groups.sort(key=lambda g: g[0].date.earliest if g[0].date else "", reverse=True)
    if meeting:
        groups = [(b, [m for m in ms if meeting in (m.id, f"{b.id}/{m.id}")]) for b, ms in groups]
        groups = [g for g in groups if g[1]]
        if not groups:
            raise UsageError(f"no meeting has the id {neutralise_line(meeting)!r} (ids are shown by 'briefing search')")
    if query is not None:
        from ..query.search import SearchIndex

        rows = [row for b, ms in groups for row in rows_of([b._replace(meetings=tuple(ms))])]
        index = SearchIndex(rows, people)
        if marks is not None:
            index.marks = marks
        keep = {id(rows[i].meeting) for i in index.search(query).rows}
        groups = [(b, [m for m in ms if id(m) in keep]) for b, ms in groups]
        groups = [g for g in groups if g[1]]
    return groups


def _summary(args: Arguments, result: LoadResult, query: Query | None) -> int:
    groups = select(result.briefings, query, args.meeting, result.people, marks_for(args, query))
    if not groups:
        print("briefing: no meetings to show" + (" for this query" if query else ""), file=sys.stderr)
        return _status(result.problems)
    evidence = evidence_of(args)
    if args.format == "json":
        from ..render.json_export import render_json

        sys.stdout.write(render_json(groups, result.problems, evidence))
    elif args.format == "markdown":
        from ..render.markdown import render_markdown

        sys.stdout.write(render_markdown(groups, evidence))
    else:
        from io import StringIO

        from ..render.rich_summary import print_trimmed, summary_renderables

        terminal = is_terminal(sys.stdout)
        buffer = StringIO()
        out = console(args.width or (console().width if terminal else PIPED_WIDTH), buffer, terminal=terminal)
        for renderable in summary_renderables(groups, query, evidence):
            print_trimmed(out, renderable)
        page(buffer.getvalue(), allowed=not args.no_pager)
    if evidence is not None:
        _missing_paragraphs(groups, evidence)
    return _status(result.problems)


def _missing_paragraphs(groups: Sequence[tuple[Briefing, list[Meeting]]], evidence: EvidenceOf) -> None:
    """On stderr, per briefing: the refs its report does not have (each is marked in place too)."""
    from ..archive.reports import Report, check_refs, cited

    for briefing, meetings in groups:
        report = evidence(briefing)
        if not isinstance(report, Report):
            continue
        count = len(report.paragraphs)
        missing = check_refs([ref for m in meetings for ref in cited(m)], count)
        if missing:
            refs = refs_text(missing)
            print(
                f"briefing: {neutralise_line(briefing.path)}: {refs} cited, but the report has "
                f"{plural(count, 'paragraph')} ('briefing validate' shows where)",
                file=sys.stderr,
            )


def evidence_of(args: Arguments) -> EvidenceOf | None:
    """Where ``--evidence`` gets each briefing's report (None without it)."""
    if not args.evidence:
        return None
    from ..archive.files import default_paths
    from ..archive.reports import Reports

    return Reports(args.paths or default_paths(), args.max_file_size).of


def _search(args: Arguments, query: Query, result: CatalogResult) -> int:
    from ..query.search import SearchIndex

    catalog = result.catalog
    catalog.load_index()  # the word index of a large archive, from the cache
    searched = SearchIndex(catalog)
    searched.marks = marks_for(args, query)
    found = searched.search(query).rows
    if args.format == "json":
        import json

        from ..render.json_export import meeting_json

        items = []
        for index in found:
            row = catalog.row(index)
            items.append({"briefing": row.briefing.id, "file": row.briefing.path, **meeting_json(row.meeting)})
        sys.stdout.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        return _status(result.problems)
    entries = [catalog.entries[index] for index in found]
    if is_terminal(sys.stdout):
        from ..render.rich_summary import search_line

        out = console()
        for entry in entries:
            out.print(search_line(entry, query, ids=args.ids), overflow="ellipsis", no_wrap=True)
        out.print(f"{len(found):,} of {plural(len(catalog), 'meeting')}", style="dim")
    else:
        # For scripts: one tab-separated line per meeting, nothing else.
        for entry in entries:
            fields = (entry.date or "undated", entry.ref, entry.title, entry.people)
            sys.stdout.write("\t".join(neutralise_line(field) for field in fields) + "\n")
    return _status(result.problems)


def _evidence_problems(args: Arguments, result: CatalogResult) -> dict[str, list[Problem]]:
    from ..archive.evidence_check import archive_evidence_problems
    from ..archive.files import default_paths

    return archive_evidence_problems(result.catalog.paths, args.paths or default_paths(), args.max_file_size)


def _paragraphs(args: Arguments) -> int:
    from ..archive.reports import Unavailable, paragraphs_json, paragraphs_listing, read_named_report

    report = read_named_report(args.report, args.max_file_size)
    if isinstance(report, Unavailable):
        print(f"briefing: {report.reason}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        import json

        sys.stdout.write(json.dumps(paragraphs_json(report), ensure_ascii=False, indent=2) + "\n")
    elif is_terminal(sys.stdout):
        from io import StringIO

        from ..render.rich_summary import Numbered, print_trimmed

        buffer = StringIO()
        print_trimmed(console(console().width, buffer, terminal=True), Numbered(report.paragraphs))
        page(buffer.getvalue(), allowed=True)
        print(plural(len(report.paragraphs), "paragraph"), file=sys.stderr)
    else:
        listing = paragraphs_listing(report)
        sys.stdout.write(listing + "\n" if listing else "")
    return EXIT_OK


def _validate(
    result: CatalogResult, evidence: dict[str, list[Problem]], hints: Sequence[Problem], *, strict: bool
) -> int:
    """Print every problem, then the hints (names that may be one person: they never fail a run)."""
    problems = _merged(result.problems, evidence)
    if strict:  # every warning fails the run, so it is called what it is
        problems = [p._replace(severity="error") for p in problems]
    for problem in [*problems, *hints]:
        print(problem)
    errors, warnings = tally(problems)
    meetings = len(result.catalog)
    briefings = result.catalog.briefing_count()
    line = (
        f"{plural(result.files, 'file')}: {plural(briefings, 'briefing')}, {plural(meetings, 'meeting')}; "
        f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
        + (f", {plural(len(hints), 'hint')}" if hints else "")
    )
    print(line, file=sys.stderr)
    if errors or (strict and warnings):
        return EXIT_ERRORS
    return EXIT_OK
