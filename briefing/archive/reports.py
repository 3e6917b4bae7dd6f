"""The source report behind a briefing: found safely, split into the paragraphs its facts cite.

A briefing's ``source.file`` names a UTF-8 text file, relative to the briefing
file's folder. Facts cite its paragraphs by number (``refs: [2, 5]``), and
authors count them by hand, so the rule is kept exact and simple:

* line ends are LF, CRLF or a lone CR (nothing else ends a line);
* a line is *blank* when it holds only tabs and Unicode space separators
  (space, NBSP, the en/em/thin spaces, ideographic space…);
* a paragraph is a run of non-blank lines; one or more blank lines separate two;
* ¶1 is the first run (often a dateline) and every run counts, a trailing credit
  line included; blank lines at the start or end make no empty paragraph;
* a paragraph's text is its lines joined by ``"\\n"``, each line's trailing
  tabs and spaces removed (leading ones are kept).

The file is read only if, once every link is resolved, it lies inside the folder
the briefing was found under, is a regular file and is not too large. Anything
else is an :class:`Unavailable` with one line saying why; nothing is cached here.
"""

from __future__ import annotations

import os
import re
import stat
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, NamedTuple

from ..format.model import Briefing, Meeting
from ..format.text import neutralise, neutralise_line
from .files import ReadRefused, decode_text, is_within, read_bytes

BLANKS = "\t \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
"""What a blank line may hold: tab and the Unicode space separators (category Zs)."""

_LINE_END = re.compile("\r\n|\r|\n")
_SHOWN_MAX = 60
"""How much of a ``source.file`` value a reason quotes."""


class Report(NamedTuple):
    """A source report, read and split."""

    path: str
    """The file, every link resolved (not neutralised: it is for opening and caching)."""
    paragraphs: tuple[str, ...]
    """¶1, ¶2…, each already neutralised."""


class Unavailable(NamedTuple):
    """Why a briefing's source text cannot be shown: one line, for the user."""

    reason: str
    severity: str = "warning"


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of decoded ``text`` by the rule in this module's docstring, each neutralised.

    A leading byte-order mark is dropped; any other control or invisible
    character stays, made visible by :func:`~briefing.format.text.neutralise`.
    """
    paragraphs: list[str] = []
    block: list[str] = []
    for line in _LINE_END.split(text.removeprefix("\ufeff")):
        line = line.rstrip(BLANKS)
        if line:
            block.append(line)
        elif block:
            paragraphs.append(neutralise("\n".join(block)))
            block = []
    if block:
        paragraphs.append(neutralise("\n".join(block)))
    return paragraphs


def _shown(source_file: str) -> str:
    """``source_file`` as a reason quotes it: on one line, made safe, cut to about 60 characters."""
    safe = neutralise_line(source_file)
    return safe if len(safe) <= _SHOWN_MAX else safe[: _SHOWN_MAX - 1] + "…"


def report_path(briefing_path: str, source_file: str, root: str) -> str | Unavailable:
    """Where ``source_file`` leads, resolved, if it is a regular file inside ``root``; else why not.

    ``source_file`` is relative to the folder of ``briefing_path`` (an absolute
    one is taken as it is); ``root`` is the folder the briefing was found under.
    Containment is judged after every link is resolved and before anything is
    opened, so nothing outside ``root`` is ever read, nor even said to exist.
    """
    if not source_file.strip():
        return Unavailable("no source text: add `source.file`")
    named = f"source.file `{_shown(source_file)}`"
    if "\x00" in source_file:
        return Unavailable(f"{named} holds a NUL character: not a usable path")
    try:
        folder = os.path.dirname(os.path.abspath(briefing_path))
        resolved = os.path.realpath(os.path.join(folder, source_file))
        resolved_root = os.path.realpath(root)
    except (OSError, ValueError) as error:
        return Unavailable(f"{named} cannot be resolved: {neutralise_line(str(error))}")
    if not is_within(resolved, resolved_root):
        return Unavailable(f"{named} is outside the archive ({neutralise_line(resolved_root)}): not read")
    try:
        info = os.stat(resolved)
    except (FileNotFoundError, NotADirectoryError):
        return Unavailable(f"{named} does not exist")
    except OSError as error:
        return Unavailable(f"{named} cannot be read: {neutralise_line(error.strerror or str(error))}")
    if not stat.S_ISREG(info.st_mode):
        return Unavailable(f"{named} is not a regular file (a FIFO, device or folder is never read)")
    return resolved


def read_report(briefing_path: str, source_file: str, root: str, max_size: int) -> Report | Unavailable:
    """The report ``source_file`` names (see :func:`report_path`), read and split; else why not.

    Reads at most ``max_size`` bytes, never blocks on a FIFO and never opens a
    device: the checks are made again on the open file by
    :func:`~briefing.archive.files.read_bytes`, should the file change between.
    """
    path = report_path(briefing_path, source_file, root)
    if isinstance(path, Unavailable):
        return path
    return _read(path, f"source.file `{_shown(source_file)}`", max_size)


def read_named_report(path: str, max_size: int) -> Report | Unavailable:
    """A report the user named (``briefing paragraphs FILE``), read and split; else why not."""
    named = f"`{_shown(path)}`"
    try:
        info = os.stat(path)
    except OSError as error:
        return Unavailable(f"{named} cannot be read: {neutralise_line(error.strerror or str(error))}")
    if not stat.S_ISREG(info.st_mode):
        return Unavailable(f"{named} is not a regular file (a FIFO, device or folder is never read)")
    return _read(os.path.realpath(path), named, max_size)


def _read(path: str, named: str, max_size: int) -> Report | Unavailable:
    try:
        size = os.stat(path).st_size
        if size > max_size:
            return Unavailable(f"{named} is {size:,} bytes, over the {max_size:,}-byte limit (see --max-file-size)")
        text = decode_text(read_bytes(path, max_size), "source texts")
    except ReadRefused as refusal:
        where = f" at line {refusal.line}, column {refusal.column}" if refusal.line else ""
        return Unavailable(f"{named}: {neutralise_line(refusal.message)}{where}")
    except OSError as error:
        return Unavailable(f"{named} cannot be read: {neutralise_line(error.strerror or str(error))}")
    return Report(path, tuple(split_paragraphs(text)))


def paragraphs_listing(report: Report) -> str:
    """The paragraphs as ``briefing paragraphs`` prints them: numbered in a right-aligned margin.

    ``  1 │ first line``, continuation lines indented under the text, a blank
    line between paragraphs, tabs expanded; no final newline ("" for no paragraphs).
    """
    width = max(3, len(str(len(report.paragraphs))))
    indent = " " * (width + 3)
    blocks = []
    for number, text in enumerate(report.paragraphs, 1):
        first, *rest = text.expandtabs(8).split("\n")
        blocks.append("\n".join([f"{number:>{width}} │ {first}", *(indent + line for line in rest)]))
    return "\n\n".join(blocks)


def paragraphs_json(report: Report) -> dict[str, Any]:
    """The paragraphs for ``--json``: ``{"file": …, "count": N, "paragraphs": [{"number": 1, "text": …}, …]}``."""
    return {
        "file": neutralise_line(report.path),
        "count": len(report.paragraphs),
        "paragraphs": [{"number": number, "text": text} for number, text in enumerate(report.paragraphs, 1)],
    }


def check_refs(refs: Sequence[int], count: int) -> list[int]:
    """The refs that name no paragraph of a report of ``count`` paragraphs (beyond it, or below 1), sorted, once."""
    return sorted({ref for ref in refs if not 1 <= ref <= count})


def root_of(path: str, given: Sequence[str]) -> str:
    """The folder the briefing file ``path`` was found under, resolved: the given folder it lies in, else its own.

    ``given`` are the paths the archive was opened with (the command line, ``$BRIEFING_PATH`` or the
    bundled briefings); the walk names every file it finds by the folder it walked, so the folder is a
    prefix of the file's path as given.
    """
    for raw in given:
        if os.path.isdir(raw):
            top = os.path.join(raw, "")
            if path.startswith(top) or os.path.normpath(path).startswith(os.path.join(os.path.normpath(raw), "")):
                return os.path.realpath(raw)
    return os.path.realpath(os.path.dirname(os.path.abspath(path)))


def named_files(briefings: Sequence[Briefing]) -> list[str]:
    """Every file these briefings are, or name as their report (resolved, whether it may be read or not)."""
    files = []
    for briefing in briefings:
        files.append(os.path.realpath(briefing.path))
        if briefing.source is not None and briefing.source.file and "\x00" not in briefing.source.file:
            folder = os.path.dirname(os.path.abspath(briefing.path))
            files.append(os.path.realpath(os.path.join(folder, briefing.source.file)))
    return files


def cited(meeting: Meeting) -> tuple[int, ...]:
    """Every paragraph a meeting cites (its own refs and its facts'), ascending, once each."""
    refs = set(meeting.refs)
    for records in (meeting.participants, meeting.topics, meeting.outcomes):
        for record in records:
            refs.update(record.refs)
    return tuple(sorted(refs))


class Reports:
    """Reads reports for a reader or a command, remembering the last few (each read again once it changes).

    Nothing here reaches the catalog or the cache: a report is read when its evidence is shown.
    """

    def __init__(self, given: Sequence[str], max_size: int, keep: int = 8) -> None:
        self.given = list(given)
        self.max_size = max_size
        self._keep = keep
        self._read: OrderedDict[tuple[str, str], tuple[tuple[int, int] | None, Report | Unavailable]] = OrderedDict()
        self._lock = threading.Lock()  # read from workers

    def known(self, briefing: Briefing) -> Report | Unavailable | None:
        """The report of ``briefing`` if it needs no reading (none named, or read and unchanged), else None.

        Costs a ``stat`` at most: for the UI thread, which leaves the reading to a worker.
        """
        source_file = briefing.source.file if briefing.source is not None else ""
        if not source_file:
            return Unavailable("no source text: add `source.file`", "info")
        stamp = _stamp(briefing.path, source_file)
        with self._lock:
            known = self._read.get((briefing.path, source_file))
            if known is not None and known[0] == stamp and stamp is not None:
                self._read.move_to_end((briefing.path, source_file))
                return known[1]
        return None

    def of(self, briefing: Briefing) -> Report | Unavailable:
        """The report of ``briefing``, or why there is none to show."""
        known = self.known(briefing)
        if known is not None:
            return known
        source_file = briefing.source.file if briefing.source is not None else ""
        stamp = _stamp(briefing.path, source_file)
        report = read_report(briefing.path, source_file, root_of(briefing.path, self.given), self.max_size)
        with self._lock:
            self._read[(briefing.path, source_file)] = (stamp, report)
            while len(self._read) > self._keep:
                self._read.popitem(last=False)
        return report


def _stamp(briefing_path: str, source_file: str) -> tuple[int, int] | None:
    """Size and modification time of the file a ``source.file`` names (None if it cannot be had)."""
    try:
        info = os.stat(os.path.join(os.path.dirname(os.path.abspath(briefing_path)), source_file))
    except (OSError, ValueError):
        return None
    return info.st_size, info.st_mtime_ns
