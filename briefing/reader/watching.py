"""Seeing edits live: the archive's folders watched for briefing files that change, in one daemon thread.

``watchfiles`` (inotify, FSEvents, ReadDirectoryChangesW) costs nothing while
nothing changes; where the system cannot watch (no inotify, too many folders,
a network file system) it polls instead, once a second. A burst of changes (a
``git pull``, an editor's save in several steps) comes as one batch, since
watchfiles waits for the changes to settle before it reports them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Collection, Sequence
from typing import NamedTuple

BRIEFING_SUFFIXES = (".yaml", ".yml")
DEBOUNCE_MS = 300
"""How long the files must be quiet before a batch is reported (an edit shows within about a second)."""
POLL_MS = 1000


class Changes(NamedTuple):
    """One batch of changed briefing files (absolute paths), by kind."""

    added: frozenset[str]
    modified: frozenset[str]
    deleted: frozenset[str]

    def summary(self, known: Collection[str] = ()) -> str:
        """``2 files reloaded, 1 file removed``: a ``known`` file that came back (an editor's rename) is reloaded."""
        known = set(known)
        reloaded = len(self.modified | (self.added & known))
        added = len(self.added - known - self.modified)
        parts = []
        if reloaded:
            parts.append(f"{reloaded:,} file{'s' if reloaded != 1 else ''} reloaded")
        if added:
            parts.append(f"{added:,} file{'s' if added != 1 else ''} added")
        removed = len(self.deleted - self.added)
        if removed:
            parts.append(f"{removed:,} file{'s' if removed != 1 else ''} removed")
        return ", ".join(parts) or "files changed"


def watch_roots(paths: Sequence[str]) -> tuple[list[str], set[str]]:
    """For ``paths``: the folders given (watched with the tree below) and the files given (through their folder)."""
    given: list[str] = []
    files: set[str] = set()
    for path in paths:
        full = os.path.abspath(path)
        if os.path.isdir(full):
            given.append(full)
        else:
            files.add(full)
    return given, files


class FileWatch:
    """Calls ``changed(Changes)`` from its own thread whenever briefing files under ``paths`` change."""

    def __init__(self, paths: Sequence[str], changed: Callable[[Changes], object]) -> None:
        given, self.files = watch_roots(paths)
        self._under = tuple(os.path.join(folder, "") for folder in given)
        # A file given alone is watched through its folder, but not the tree below it (``briefing ~/a.yaml``
        # must not watch the whole home folder).
        self._trees = given
        self._parents = sorted({os.path.dirname(f) for f in self.files} - set(given))
        self._changed = changed
        self._stop = threading.Event()
        self.polling = False
        """True once the system's watcher could not be used and the folders are polled instead."""

    def start(self) -> None:
        """Start watching (in daemon threads: they never hold up the reader's exit)."""
        for folders, recursive in ((self._trees, True), (self._parents, False)):
            if folders:
                thread = threading.Thread(target=self._run, args=(folders, recursive), daemon=True)
                thread.name = "briefing-file-watch"
                thread.start()

    def stop(self) -> None:
        """Stop watching."""
        self._stop.set()

    def _wanted(self, _change: object, path: str) -> bool:
        if not path.lower().endswith(BRIEFING_SUFFIXES) or os.path.basename(path).startswith("."):
            return False  # hidden files (an editor's lock or swap file) are not read, as the walk skips them
        return path in self.files or path.startswith(self._under)

    def _run(self, folders: list[str], recursive: bool) -> None:
        try:
            import watchfiles
        except ImportError:  # an install without it: no live reload, Ctrl+R still works
            return
        for force_polling in (False, True):
            self.polling = force_polling
            try:
                for batch in watchfiles.watch(
                    *folders,
                    recursive=recursive,
                    watch_filter=self._wanted,
                    debounce=DEBOUNCE_MS,
                    step=50,
                    stop_event=self._stop,
                    rust_timeout=1000,
                    raise_interrupt=False,
                    force_polling=force_polling,
                    poll_delay_ms=POLL_MS,
                    ignore_permission_denied=True,
                ):
                    by_kind = {
                        kind: frozenset(path for change, path in batch if change == kind) for kind in watchfiles.Change
                    }
                    self._changed(
                        Changes(
                            by_kind[watchfiles.Change.added],
                            by_kind[watchfiles.Change.modified],
                            by_kind[watchfiles.Change.deleted],
                        )
                    )
                return
            except (OSError, RuntimeError):  # inotify refused (limits, a file system that cannot): poll instead
                if self._stop.is_set():
                    return
