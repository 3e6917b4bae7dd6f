"""Seeing edits live: the archive's folders watched for briefing files that change, by a process of its own.

``watchfiles`` (inotify, FSEvents, ReadDirectoryChangesW) costs nothing while
nothing changes; where the system cannot watch (no inotify, too many folders,
a network file system) it polls instead, once a second. A burst of changes (a
``git pull``, an editor's save in several steps) comes as one batch, since
watchfiles waits for the changes to settle before it reports them.

The watch runs in a small child process (``python -m briefing.reader.watching``)
that writes each batch to its standard output as a line of JSON, read by a
daemon thread of the reader. Not in a thread of the reader itself: watchfiles
sets up its watches holding the interpreter's lock, which walks the whole tree,
a quarter second at 100,000 files in which the reader could not answer a key.
The child ends when the reader closes its standard input, or ends.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Collection, Sequence
from typing import IO, NamedTuple

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


def is_briefing_file(path: str) -> bool:
    """Whether a changed file is one the archive would read (not hidden: an editor's lock or swap file)."""
    return path.lower().endswith(BRIEFING_SUFFIXES) and not os.path.basename(path).startswith(".")


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
        self._children: list[subprocess.Popen[bytes]] = []
        self.polling = False
        """True once the system's watcher could not be used and the folders are polled instead."""

    def start(self) -> None:
        """Start watching: a child process per kind of watch, each read by a daemon thread."""
        for folders, recursive in ((self._trees, True), (self._parents, False)):
            if folders:
                child = self._spawn(folders, recursive)
                if child is not None:
                    self._children.append(child)
                    thread = threading.Thread(target=self._read, args=(child,), daemon=True)
                    thread.name = "briefing-file-watch"
                    thread.start()

    def stop(self) -> None:
        """Stop watching: each child sees its input close and ends."""
        self._stop.set()
        for child in self._children:
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                if child.stdin is not None:
                    child.stdin.close()
                child.terminate()  # it would end within 50 ms by itself; the reader need not wait for that
                child.wait(timeout=1)

    def _wanted(self, _change: object, path: str) -> bool:
        if not is_briefing_file(path):
            return False  # hidden files are not read, as the walk skips them
        return path in self.files or path.startswith(self._under)

    def _spawn(self, folders: list[str], recursive: bool) -> subprocess.Popen[bytes] | None:
        # The child imports this package as the reader did, wherever it was found.
        package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (package_root, env.get("PYTHONPATH"))))
        argv = [sys.executable, "-m", "briefing.reader.watching", "--tree" if recursive else "--folder", *folders]
        try:
            return subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
            )
        except (OSError, ValueError):  # no way to start it (a path with a NUL, no processes left): Ctrl+R still works
            return None

    def _read(self, child: subprocess.Popen[bytes]) -> None:
        assert child.stdout is not None
        for line in child.stdout:  # waits without holding the interpreter
            if self._stop.is_set():
                return
            try:
                said = json.loads(line)
            except ValueError:
                continue
            if said.get("polling"):
                self.polling = True
            if said.get("unknown"):  # something changed that the child could not name: read every file again
                self._changed(Changes(frozenset(), frozenset(), frozenset()))
            batch = [(kind, path) for kind, path in said.get("changes", ()) if self._wanted(kind, path)]
            if batch:
                by_kind = {kind: frozenset(path for change, path in batch if change == kind) for kind in KINDS}
                self._changed(Changes(by_kind["added"], by_kind["modified"], by_kind["deleted"]))


KINDS = ("added", "modified", "deleted")


# ------------------------------------------------------------------ the child process


def watch(folders: list[str], recursive: bool, out: IO[str]) -> None:
    """Write each batch of changes under ``folders`` to ``out``, a JSON line each, until stdin closes."""
    try:
        import watchfiles
    except ImportError:  # an install without it: no live reload, Ctrl+R still works
        return
    stop = threading.Event()

    def until_closed() -> None:
        sys.stdin.buffer.read()  # returns when the reader closes our input, or ends
        stop.set()

    threading.Thread(target=until_closed, daemon=True).start()
    force_polling = False
    owed = False  # a change that could not be named, said once the watch is up again (none is missed between)
    while not stop.is_set():
        try:
            for batch in watchfiles.watch(
                *folders,
                recursive=recursive,
                watch_filter=lambda _change, path: is_briefing_file(path),
                debounce=DEBOUNCE_MS,
                step=50,
                stop_event=stop,
                rust_timeout=1000,
                raise_interrupt=False,
                force_polling=force_polling,
                poll_delay_ms=POLL_MS,
                ignore_permission_denied=True,
                yield_on_timeout=True,  # an empty batch each second: the watch is up
            ):
                if batch:
                    say(out, {"changes": [[change.name, path] for change, path in batch]})
                elif owed:
                    owed = False
                    say(out, {"unknown": True})
            return
        except RuntimeError as error:
            if "decode path" in str(error):  # a file whose name is not UTF-8 changed, and watchfiles cannot say which
                owed = True  # so the reader will read every file again; the watch goes on
                continue
            if force_polling:
                return
        except OSError:  # inotify refused (limits, a file system that cannot): poll instead
            if force_polling:
                return
        force_polling = True
        say(out, {"polling": True})


def say(out: IO[str], message: object) -> None:
    """One line of JSON (paths that are not UTF-8 travel as escapes and come back as they were)."""
    out.write(json.dumps(message) + "\n")
    out.flush()


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):  # the reader is gone
        watch(sys.argv[2:], sys.argv[1] == "--tree", sys.stdout)
