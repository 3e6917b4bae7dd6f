"""Writing what the user asked for (an export) without ever leaving half a file or touching a briefing.

The text goes to a temporary file beside the target, is flushed to the disk and
renamed into place, so the target is either as it was or complete. A target
that is a folder, a briefing file of the archive, or any YAML file is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Collection

from ..format.text import neutralise_line

PROTECTED_SUFFIXES = (".yaml", ".yml")
EXPORT_SUFFIXES = (".md", ".markdown", ".json", ".csv", ".ics")
"""The only files inside an archive that an export may replace: earlier exports."""


class WriteRefused(Exception):
    """The target may not be written: the message says why, for the user."""


def write_file(path: str, data: bytes, protected: Collection[str] = (), archive: Collection[str] = ()) -> str:
    """Write ``data`` to ``path`` atomically; the path written.

    ``protected``: files never to replace (briefings, the reports they name). ``archive``: the folders
    read; an existing file in them is replaced only if it is an earlier export (by its name's ending).

    Raises :class:`WriteRefused` for a target it must not write, :class:`OSError` if the write fails
    (and then nothing is left behind).
    """
    shown = neutralise_line(path)
    target = os.path.abspath(path)
    if os.path.islink(target):  # a link planted where an export goes would have it written anywhere
        raise WriteRefused(f"{shown} is a symbolic link: an export replaces only a plain file")
    resolved = os.path.realpath(target)
    if os.path.isdir(resolved):
        raise WriteRefused(f"{shown} is a folder: give a file name")
    if resolved in {os.path.realpath(p) for p in protected}:
        raise WriteRefused(f"{shown} is a briefing file of the archive: it is never written over")
    if resolved.lower().endswith(PROTECTED_SUFFIXES):
        raise WriteRefused(f"{shown} is a YAML file: an export is never written as one (it could be a briefing)")
    inside = any(resolved.startswith(os.path.join(os.path.realpath(folder), "")) for folder in archive)
    if inside and os.path.lexists(resolved) and not resolved.lower().endswith(EXPORT_SUFFIXES):
        raise WriteRefused(f"{shown} is a file of the archive (a report, perhaps): it is never written over")
    if os.path.lexists(resolved) and not os.access(resolved, os.W_OK):
        raise WriteRefused(f"{shown} is read-only: it is not written over")
    try:
        mode = stat.S_IMODE(os.stat(resolved).st_mode)  # replacing a file: keep its permissions
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    directory = os.path.dirname(resolved)
    fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(resolved)}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, resolved)
    except BaseException:  # a failed write or Ctrl+C: the target stays as it was, no temporary is left
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return resolved
