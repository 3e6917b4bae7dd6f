"""What the reader remembers between sessions: flags, read marks, the last search and meeting, history, the theme.

Kept as JSON in :func:`~briefing.settings.location.state_dir`: ``state.json``
for what is about the reader (the theme chosen in the palette), and one
``archive-<hash>.json`` per archive (the folders and files it was opened on)
for what is about an archive. A meeting is known by its briefing id and meeting
id (``briefing/meeting``), so its marks survive edits, reloads and the archive
being moved. Nothing of a briefing's text is ever kept: only ids, queries and
settings.

Writing never loses what another reader wrote meanwhile: under a lock, the file
is read again, this reader's *changes* (flags set or cleared, meetings marked
read or unread) are applied to it, and the result goes to a temporary file that
is renamed into place. A damaged or foreign file is set aside (renamed, never
deleted) and started afresh; :attr:`StateFile.notice` says so once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from ..archive.files import ReadRefused, read_bytes
from ..format.text import has_unsafe, neutralise_line
from ..query.marks import Marks
from .location import state_dir

VERSION = 1
MAX_HISTORY = 200
MAX_SIZE = 64 * 1024 * 1024
"""A state file larger than this is not ours (50,000 read marks take about 2 MB)."""
MAX_TEXT = 1000
"""The longest query or id kept (longer ones are not ours either)."""


class Remembered(NamedTuple):
    """An archive's state as read: marks, the last search, the meeting highlighted, the search history."""

    marks: Marks = Marks()
    query: str = ""
    highlighted: str = ""
    history: tuple[str, ...] = ()


def archive_key(paths: Sequence[str]) -> str:
    """A name for the archive opened on ``paths``: the same for the same folders and files, however written."""
    resolved = sorted({os.path.realpath(os.path.expanduser(path)) for path in paths})
    return hashlib.sha256("\0".join(resolved).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _texts(value: Any) -> list[str]:
    """The strings of a JSON list (what is not a short string of text is dropped; what is not a list gives none).

    A control character is never ours to keep: a query holding one would reach the terminal through the box.
    """
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str) and 0 < len(item) <= MAX_TEXT and _plain(item)]


def _text(value: Any) -> str:
    return value if isinstance(value, str) and len(value) <= MAX_TEXT and _plain(value) else ""


def _plain(text: str) -> bool:
    """One line of text, nothing a terminal would act on."""
    return not has_unsafe(text) and "\n" not in text and "\r" not in text


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold the lock beside ``path`` (another reader writing waits for it); no lock where there is no ``fcntl``."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: rename alone keeps the file whole
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_NONBLOCK and a regular file only: a FIFO put where the lock is must not hang the reader.
    fd = os.open(path.with_name(path.name + ".lock"), os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK, 0o600)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path.name}.lock is not a regular file")
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


class StateFile:
    """One JSON state file: read once, then written with the changes made since (merged, under a lock)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.notice = ""
        """Said once: the file was damaged or foreign and was set aside (where to), or could not be written."""

    def read(self, *, strict: bool = False) -> dict[str, Any]:
        """The file's document (empty if there is none); a damaged one is set aside and an empty one returned.

        ``strict`` (before a write): a file there but unreadable for now (too many open files, say) raises
        OSError rather than read as empty, so that writing never replaces what another reader wrote.
        """
        if not os.path.lexists(self.path):
            return {}
        try:
            # Only a regular file is opened, never one that would hang the reader (a FIFO), nor a huge one.
            data = read_bytes(str(self.path), MAX_SIZE, "for a state file")
        except ReadRefused as refused:
            if refused.message.startswith("cannot read"):  # the file may be fine: not ours to set aside
                if strict:
                    raise OSError(refused.message) from None
                self.notice = f"{self.path}: {refused.message}; starting afresh"
                return {}
            self._set_aside(refused.message)
            return {}
        try:
            document = json.loads(data.decode("utf-8"))
            if not isinstance(document, dict) or document.get("version") != VERSION:
                raise ValueError("not a briefing state file of this version")
            return document
        except (ValueError, UnicodeDecodeError, RecursionError) as error:  # RecursionError: nested a million deep
            self._set_aside(neutralise_line(str(error))[:200])
            return {}

    def _set_aside(self, why: str) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        number = 1
        while os.path.lexists(aside):  # two set aside in one second: neither is lost
            number += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        try:
            os.replace(self.path, aside)
            self.notice = f"{self.path} was not a state file briefing can read ({why}): set aside as {aside.name}"
        except OSError as error:
            self.notice = f"{self.path} is damaged ({why}) and could not be set aside: {error.strerror or error}"

    def update(self, change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Apply ``change`` (a function of the document as it is now on disk) and write the result; the result.

        Raises OSError when the file cannot be written (the caller says so; the reader goes on).
        """
        with _locked(self.path):
            document = change(self.read(strict=True))
            document["version"] = VERSION
            self._write(document)
            return document

    def _write(self, document: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))  # in C, at once: json.dump is not
        fd, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        finally:
            if os.path.lexists(temporary):
                os.unlink(temporary)


class ArchiveState:
    """The state of one archive: read at the start, the user's changes written as they are made."""

    def __init__(self, paths: Sequence[str], folder: Path | None = None) -> None:
        key = archive_key(paths)
        self.file = StateFile((folder or state_dir()) / f"archive-{key}.json")
        # Shown to whoever opens the file, never read back: a name that is not UTF-8 is kept escaped.
        self.paths = sorted({neutralise_line(os.path.realpath(os.path.expanduser(path))) for path in paths})
        self._pending: dict[str, dict[str, bool]] = {"flagged": {}, "read": {}}
        """Changes not written yet: id → True (set) or False (cleared), per mark."""
        self._query: str | None = None
        self._highlighted: str | None = None
        self._history: list[str] = []

    def load(self) -> Remembered:
        """What the file holds (a damaged file is set aside: :attr:`notice`)."""
        return _remembered(self.file.read())

    @property
    def notice(self) -> str:
        """What went wrong with the file, said once (then empty)."""
        notice, self.file.notice = self.file.notice, ""
        return notice

    def mark(self, mark: str, ids: Iterable[str], value: bool) -> None:
        """Set (``value`` True) or clear ``mark`` (``flagged`` or ``read``) on the meetings ``ids``."""
        pending = self._pending[mark]
        for meeting in ids:
            pending[meeting] = value

    def remember(self, *, query: str | None = None, highlighted: str | None = None) -> None:
        """The search in the box and the meeting highlighted, for the next start."""
        if query is not None:
            self._query = query[:MAX_TEXT]
        if highlighted is not None:
            self._highlighted = highlighted[:MAX_TEXT]

    def searched(self, query: str) -> None:
        """A search the user ran (Enter): kept in the history, the latest last, no repeats."""
        if query.strip() and len(query) <= MAX_TEXT:
            self._history.append(query)

    @property
    def dirty(self) -> bool:
        """Is anything waiting to be written?"""
        return (
            any(self._pending.values())
            or bool(self._history)
            or self._query is not None
            or (self._highlighted is not None)
        )

    def save(self) -> Remembered:
        """Write the changes made since the last save over what is on disk now; what the file then holds.

        Raises OSError when it cannot be written (the changes are kept, for the next try).
        """
        pending = {mark: dict(changes) for mark, changes in self._pending.items()}
        query, highlighted, history = self._query, self._highlighted, list(self._history)

        def change(document: dict[str, Any]) -> dict[str, Any]:
            now = _remembered(document)
            marks = {"flagged": set(now.marks.flagged), "read": set(now.marks.read)}
            for mark, changes in pending.items():
                for meeting, value in changes.items():
                    (marks[mark].add if value else marks[mark].discard)(meeting)
            kept = [item for item in now.history if item not in history] + list(dict.fromkeys(reversed(history)))[::-1]
            return {
                "paths": self.paths,
                "flagged": list(marks["flagged"]),  # unsorted: sorting 50,000 ids costs more than the write
                "read": list(marks["read"]),
                "query": now.query if query is None else query,
                "highlighted": now.highlighted if highlighted is None else highlighted,
                "history": kept[-MAX_HISTORY:],
            }

        written = _remembered(self.file.update(change))
        for mark, changes in pending.items():  # what was written is done; changes made meanwhile stay pending
            for meeting, value in changes.items():
                if self._pending[mark].get(meeting) is value:
                    del self._pending[mark][meeting]
        if self._query == query:
            self._query = None
        if self._highlighted == highlighted:
            self._highlighted = None
        del self._history[: len(history)]
        return written


def _remembered(document: dict[str, Any]) -> Remembered:
    """The state of a document read from a file (what has the wrong shape is dropped, not trusted)."""
    flagged = frozenset(_texts(document.get("flagged")))
    read = frozenset(_texts(document.get("read")))
    history = tuple(_texts(document.get("history")))[-MAX_HISTORY:]
    return Remembered(
        Marks(flagged, read), _text(document.get("query", "")), _text(document.get("highlighted", "")), history
    )


def remembered_theme(folder: Path | None = None) -> str:
    """The theme last chosen in the reader's palette ("" when none)."""
    return _text(StateFile((folder or state_dir()) / "state.json").read().get("theme", ""))


def remember_theme(theme: str, folder: Path | None = None) -> None:
    """Keep ``theme`` as the one chosen; raises OSError when it cannot be written."""

    def change(document: dict[str, Any]) -> dict[str, Any]:
        return {**document, "theme": theme[:MAX_TEXT]}

    StateFile((folder or state_dir()) / "state.json").update(change)
