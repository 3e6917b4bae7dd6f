"""The main screen's evidence: the report behind the highlighted meeting, its cited paragraphs marked (``s``).

:class:`Evidencing` is a part of :class:`~briefing.reader.screens.main.MainScreen` (a mixin,
as :mod:`.remembering` is: its message handlers are found by their names). A report is read
in a worker; ``o`` opens the briefing's source in the web browser.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import work

from ...format.text import neutralise_line
from ..messages import ReportRead
from ..widgets.document import DocumentView
from ..widgets.evidence_view import Evidence, EvidenceView
from ..widgets.meeting_detail import Fact, MeetingDetail
from .evidence import evidence_for, open_in_browser, web_address
from .parts import ScreenPart

if TYPE_CHECKING:
    from ...archive.reports import Reports
    from ...format.model import Briefing
    from ...query.language import Query
    from ..widgets.meeting_detail import Shown


class Evidencing(ScreenPart):
    """The evidence view beside the detail: opened, kept on the highlighted meeting and the fact checked, closed."""

    if TYPE_CHECKING:  # the main screen's own
        detail: Shown
        evidence: Evidence | None
        result_query: Query | None
        reports: Reports
        counts_mode: str
        _checking: Fact | None

        def _update_detail(self) -> None: ...
        def _layout_panes(self) -> None: ...

    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def read_report(self, briefing: Briefing) -> None:
        """Read a briefing's report off the UI thread (a large report takes a few frames to split)."""
        self.post_message(ReportRead(briefing.path, self.reports.of(briefing)))

    def on_report_read(self, message: ReportRead) -> None:
        row = self.detail.row
        if row is not None and row.briefing.path == message.briefing_path:
            self.detail = self.detail._replace(report=message.report)
            self._show_evidence()

    def _show_evidence(self) -> None:
        """Keep an open evidence view on the meeting shown in the detail, and on the fact being checked."""
        if self.evidence is None:
            return
        row = self.detail.row
        if row is None:
            self.evidence = None
            return
        self.evidence = evidence_for(row, self.detail.report, self._checking, self.result_query)

    def action_evidence(self) -> None:
        """Show the report behind the highlighted meeting, its cited paragraphs marked; again to close it."""
        if self.evidence is not None:
            self.evidence = None
            return
        self._update_detail()  # the detail, and so the evidence, follows the highlight at once
        self.counts_mode = ""
        self.open_evidence(None)
        self.query_one(EvidenceView).focus()

    def open_evidence(self, fact: Fact | None) -> None:
        """Show the evidence of the meeting in the detail, checking ``fact`` (None: every cited paragraph)."""
        row = self.detail.row
        if row is None:
            self.notify("No meeting is highlighted.", severity="information", markup=False)
            return
        self._checking = fact
        self.evidence = evidence_for(row, self.detail.report, fact, self.result_query)

    def watch_evidence(self, old: Evidence | None, new: Evidence | None) -> None:
        if (old is None) != (new is None):
            self._layout_panes()
        if new is None and old is not None:
            self._checking = None
            if self.focused is None or self.focused.id == "evidence":
                self.query_one(MeetingDetail).focus()

    def on_evidence_view_close(self) -> None:
        self.evidence = None

    def on_document_view_chosen(self, message: DocumentView.Chosen) -> None:
        # Enter on a fact of the detail checks that one claim: its own paragraphs in view.
        if message.control.id == "detail" and isinstance(message.item, Fact):
            self.open_evidence(message.item)

    def on_document_view_highlighted(self, message: DocumentView.Highlighted) -> None:
        # Tab through the detail's facts: an open evidence view follows.
        if message.control.id == "detail" and self.evidence is not None and isinstance(message.item, Fact):
            self.open_evidence(message.item)

    def action_open_source(self) -> None:
        """Open the highlighted meeting's source (``source.url``) in the web browser."""
        row = self.detail.row
        source = row.briefing.source if row is not None else None
        if source is None or not source.url:
            self.notify("This briefing names no source URL.", severity="information", markup=False)
            return
        url = web_address(source.url)
        if url is None:
            shown = neutralise_line(source.url)[:80]
            self.notify(f"Not a web address, not opened: {shown}", severity="warning", markup=False)
            return
        self.run_worker(partial(open_in_browser, self.app, url), thread=True, group="browser", exit_on_error=False)
