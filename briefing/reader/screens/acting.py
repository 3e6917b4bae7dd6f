"""What the main screen hands off to workers when the user acts on what they read: copying and exporting."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import App

from ...archive.catalog import Catalog
from ...format.model import Briefing, Meeting, Row
from ...format.text import neutralise_line

if TYPE_CHECKING:
    from .export_dialog import ExportChoice


def copy_natively(app: App[None], what: str, text: str) -> None:
    """In a worker: give ``text`` to the machine's clipboard tool too, then say which routes were taken."""
    from .. import clipboard  # when first copying: nothing of it is needed to start

    tool = clipboard.native_tool()
    worked = tool is not None and clipboard.copy_with_tool(tool, text)
    line, sure = clipboard.routes_line(what, text, tool, worked)
    app.call_from_thread(app.notify, line, severity="information" if sure else "warning", timeout=6, markup=False)


def groups_of(rows: Sequence[Row]) -> list[tuple[Briefing, list[Meeting]]]:
    """Rows of the list as (briefing, its meetings on the list), briefings in the order they first appear."""
    groups: dict[int, tuple[Briefing, list[Meeting]]] = {}
    for row in rows:
        groups.setdefault(id(row.briefing), (row.briefing, []))[1].append(row.meeting)
    return list(groups.values())


def write_export(
    app: App[None], catalog: Catalog, positions: Sequence[int], choice: ExportChoice, folders: Sequence[str]
) -> None:
    """In a worker: write the meetings at ``positions`` of ``catalog`` as the user chose, and say where (or why not)."""
    from ...archive.output_file import WriteRefused, write_file
    from ...archive.reports import named_files
    from ...render.export import export_document

    groups = groups_of([catalog.row(position) for position in positions])
    exported = export_document(groups, choice.form)
    briefings = [briefing for briefing, _ in groups]
    if os.path.lexists(choice.path):  # it may be the report of a briefing not on the list: every briefing says
        briefings = [briefing for file in range(catalog.file_count) for briefing in catalog.file_briefings(file)]
    protected = [*catalog.paths, *named_files(briefings)]
    try:
        written = write_file(choice.path, exported.data, protected, folders)
    except WriteRefused as refused:
        app.call_from_thread(app.notify, f"Not written: {refused}", severity="warning", markup=False)
        return
    except OSError as error:
        reason = f"{neutralise_line(choice.path)}: {error.strerror or error}"
        app.call_from_thread(app.notify, f"Not written: {reason}", severity="error", markup=False)
        return
    what = f"{exported.what} written to {neutralise_line(written)} ({choice.form})"
    app.call_from_thread(app.notify, " · ".join([what, *exported.notes]), timeout=8, markup=False)
