"""The user's settings: ``config.toml`` in ``$XDG_CONFIG_HOME/briefing/``, else the platform's config folder.

Every setting is optional (:data:`STARTER`, which ``briefing config --init`` writes, explains each)::

    paths = ["~/briefings"]          # read when no path is named, before $BRIEFING_PATH
    theme = "textual-dark"           # checked by the app, which knows its themes
    query = "tag:quad"               # the search the reader opens with
    date_format = "short"            # or "iso": dates in the list
    [keys]                           # binding id = keys, comma-separated (or a list of strings)
    "list.down" = "down,j,ctrl+n"
    [views]                          # saved searches: name = query
    quad = "tag:quad -kind:call"

:func:`load_config` never raises for what the file holds: each bad value is reported at its key and loses only
itself. ``tomllib`` gives no positions for a valid file, so :class:`~.toml_places.Locator` finds them.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Collection, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from ..archive.files import ReadRefused, decode_text, read_bytes
from ..format.model import Problem
from ..format.schema import quote, suggestion
from ..format.text import has_unsafe, neutralise_line
from ..query.language import QueryError, parse_query
from .binding_ids import BINDING_IDS
from .keynames import normal_key
from .location import config_path
from .toml_places import Key, Locator, toml_problem

MAX_SIZE = 1024 * 1024
"""Bytes in a config file; a larger one is not a config file (a log written to the wrong place) and is not read."""
QUOTE_LENGTH = 40
_BARE = re.compile(r"[A-Za-z0-9_-]+")
DATE_FORMATS = ("short", "iso")
SETTINGS = ("paths", "theme", "query", "date_format", "keys", "views")
_HINTS = {"path": "paths", "folders": "paths", "bindings": "keys", "keymap": "keys", "searches": "views"}
_EMPTY: Mapping[str, str] = MappingProxyType({})

STARTER = """\
# briefing's settings. Every setting is commented out: remove the "# " before one to use it.
# `briefing config` shows where this file is and which settings are in effect.

# Briefing files or folders to read when none is named on the command line
# (before $BRIEFING_PATH, then the bundled briefings). ~ is your home folder.
# paths = ["~/briefings", "~/work/reports"]

# The reader's colour theme (Ctrl+P, then "theme", lists them).
# theme = "textual-dark"

# The search the reader opens with, written as for `briefing search`.
# query = "date:2025"

# How the list shows dates: "short" (30 Jun 2025, c. Jul 2025) or "iso" (2025-06-30, 2025-07~).
# date_format = "short"

# Keys: a binding's id = its keys, comma-separated: letters, digits, f1-f24, up, down, pageup,
# enter, escape, tab, space, slash, question_mark…, with ctrl+, shift+ or alt+ before them.
# Ids have a dot in them, so they go in quotes.
# [keys]
# "list.down" = "down,j,ctrl+n"
# "list.up" = "up,k,ctrl+p"

# Saved searches: a name = a search.
# [views]
# quad = "tag:quad -kind:call"
# summer = "date:2025-06..2025-08"
"""


class Config(NamedTuple):
    """The settings in effect: the file's, where they are valid, else the defaults."""

    paths: tuple[str, ...] = ()
    """Files or folders, ``~`` expanded; empty: ``$BRIEFING_PATH``, else the bundled briefings."""
    theme: str | None = None
    """A theme name the app should check against its themes (None: the app's default)."""
    query: str = ""
    date_format: str = "short"
    keys: Mapping[str, str] = _EMPTY
    """Binding id → comma-separated key names, normalised for ``App.set_keymap``."""
    views: Mapping[str, str] = _EMPTY
    """Saved searches: name (neutralised) → query text (checked by ``parse_query``)."""


# ---------------------------------------------------------------- reading


def _read(path: Path) -> str | None:
    """The file's text, None if there is none; raises :class:`ReadRefused` for one that is not read."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:  # its folder is a file, say
        raise ReadRefused(f"cannot read: {error.strerror or error}") from None
    if os.path.islink(path) and not os.path.exists(path):
        raise ReadRefused("a symbolic link to nothing")
    # A FIFO would block every command at its start: only a regular file is opened, and never one that hangs.
    return decode_text(read_bytes(str(path), MAX_SIZE, "for a config file"), "config files")


# ---------------------------------------------------------------- checking values


def _q(text: str) -> str:
    return quote(text, QUOTE_LENGTH)


def _describe(value: object) -> str:
    kinds = {dict: "a table", list: "a list", bool: "true or false", int: "a number", float: "a number"}
    return quote(value, QUOTE_LENGTH) if isinstance(value, str) else kinds.get(type(value), "a date or time")


def _field(key: Key) -> str:
    """``("keys", "list.down")`` → ``keys."list.down"``: the key as TOML writes it, neutralised and cut."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        cut = part if len(part) <= QUOTE_LENGTH else part[:QUOTE_LENGTH] + "…"
        text = cut if _BARE.fullmatch(part) else '"' + cut.replace("\\", "\\\\").replace('"', '\\"') + '"'
        out += f".{text}" if out else text
    return neutralise_line(out)


class _Checker:
    """Reads each setting of a parsed file, reporting each bad value at its key."""

    def __init__(self, shown: str, text: str) -> None:
        self.shown = shown
        self.problems: list[Problem] = []
        self.found = Locator(text).found

    def report(self, key: Key, message: str, severity: str = "error") -> None:
        # The key's own position, else its table's (a key tomllib read but the locator missed), else 1:1.
        line, column = next((self.found[key[:n]] for n in range(len(key), 0, -1) if key[:n] in self.found), (1, 1))
        self.problems.append(Problem(self.shown, line, column, _field(key), message, severity))

    def text(self, value: object, key: Key, what: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value
        self.report(key, f"must be {what}, not {_describe(value) if value != '' else 'nothing'}")
        return None

    def paths(self, value: object) -> tuple[str, ...]:
        if not isinstance(value, list | str):
            self.report(("paths",), f"must be a list of files or folders, not {_describe(value)}")
            return ()
        items = [(("paths",), value)] if isinstance(value, str) else [(("paths", i), v) for i, v in enumerate(value)]
        out = []
        for key, item in items:
            path = self.text(item, key, "the name of a file or folder")
            if path is not None and "\x00" in path:
                self.report(key, "a file name cannot hold a NUL character")
            elif path is not None:
                out.append(os.path.expanduser(path))
        return tuple(out)

    def query(self, value: object, key: Key) -> str | None:
        # The opening search may be empty (no search); a saved one may not.
        query = value if isinstance(value, str) and key == ("query",) else self.text(value, key, "a search")
        if query is not None and (has_unsafe(query) or "\n" in query or "\r" in query):
            self.report(key, "a search is one line of text: this one holds a control character or a line break")
            return None
        try:
            return None if query is None else parse_query(query).text
        except QueryError as error:
            self.report(key, neutralise_line(str(error)))
            return None

    def keys(self, value: dict[str, Any], known: Collection[str]) -> dict[str, str]:
        out = {}
        for binding, keys in value.items():
            key: Key = ("keys", binding)
            if isinstance(keys, dict):  # `list.down = "j"` is the table list holding down
                example = f'"{binding}.{next(iter(keys), "down")}"'
                self.report(key, f"a table: a binding id with a dot goes in quotes, as in {_q(example)} = ...")
            elif known and binding not in known:
                self.report(key, f"unknown binding{suggestion(binding, known)}", "warning")
            else:
                names = keys.split(",") if isinstance(keys, str) and keys.strip() else keys
                try:
                    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
                        raise ValueError(
                            f'must be keys, as in "down,j", not {"nothing" if keys in ("", []) else _describe(keys)}'
                        )
                    out[binding] = ",".join(normal_key(name.strip()) for name in names)
                except ValueError as error:
                    self.report(key, str(error))
        return out

    def views(self, value: dict[str, Any]) -> dict[str, str]:
        out = {}
        for name, query in value.items():
            if not name.strip():
                self.report(("views", name), "a saved search needs a name")
            elif (checked := self.query(query, ("views", name))) is not None:
                out[neutralise_line(name.strip())] = checked
        return out


def load_config(
    path: Path | None = None, *, known_bindings: Collection[str] = BINDING_IDS, known_themes: Collection[str] = ()
) -> tuple[Config, list[Problem]]:
    """The settings of ``path`` (default :func:`config_path`) and what is wrong with them; never raises for the file.

    No file: the defaults, no problems. A file that is not read or not TOML: the defaults and one problem.
    Otherwise each bad value is an error and loses only itself; unknown keys are warnings. Binding ids are
    checked against ``known_bindings`` (every binding of the reader; empty: any) and the theme against
    ``known_themes``, when given (the reader knows its themes).
    """
    path = config_path() if path is None else path
    shown = neutralise_line(str(path))
    try:
        text = _read(path)
    except ReadRefused as refused:
        return Config(), [Problem(shown, refused.line, refused.column, "", refused.message)]
    if text is None:
        return Config(), []
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:  # tomllib recurses once per nested array
        return Config(), [toml_problem(shown, text, error)]
    check = _Checker(shown, text)
    settings: dict[str, Any] = {}
    for name, value in data.items():
        if name not in SETTINGS:
            hint = f" (did you mean `{_HINTS[name]}`?)" if name in _HINTS else suggestion(name, SETTINGS)
            check.report((name,), f"unknown setting{hint}", "warning")
        elif name in ("keys", "views") and not isinstance(value, dict):
            check.report((name,), f"must be a table ([{name}]), not {_describe(value)}")
        elif name == "paths":
            settings[name] = check.paths(value)
        elif name == "theme" and (theme := check.text(value, (name,), "a theme name")) is not None:
            if known_themes and theme.strip() not in known_themes:
                check.report((name,), f"{_q(theme)} is not a theme{suggestion(theme.strip(), known_themes)}")
            else:
                settings[name] = theme.strip()
        elif name == "query" and (query := check.query(value, (name,))) is not None:
            settings[name] = query
        elif name == "date_format" and (form := check.text(value, (name,), "short or iso")) is not None:
            if form in DATE_FORMATS:
                settings[name] = form
            else:
                check.report(
                    (name,), f"{_q(form)} is not one of {', '.join(DATE_FORMATS)}{suggestion(form, DATE_FORMATS)}"
                )
        elif name == "keys":
            settings[name] = MappingProxyType(check.keys(value, known_bindings))
        elif name == "views":
            settings[name] = MappingProxyType(check.views(value))
    return Config(**settings), check.problems


# ---------------------------------------------------------------- showing and starting the file


def describe(config: Config, path: Path, exists: bool) -> list[str]:
    """Lines for ``briefing config``: where the file is, whether it exists, and each setting in effect."""
    state = "" if exists else " (not found: `briefing config --init` writes a commented starter)"
    lines = [f"config file: {neutralise_line(str(path))}{state}"]
    paths = ", ".join(neutralise_line(p) for p in config.paths)
    lines.append(f"paths: {paths or '(none: $BRIEFING_PATH, else the bundled briefings)'}")
    theme = f"{neutralise_line(config.theme)} (the reader checks it is one of its themes)" if config.theme else ""
    lines.append(f"theme: {theme or '(the default; one chosen in the palette is remembered)'}")
    lines.append(f"query: {neutralise_line(config.query) or '(none)'}")
    lines.append(f"date_format: {config.date_format}")
    for name, table in (("keys", config.keys), ("views", config.views)):
        lines.append(f"{name}:" + ("" if table else " (none)"))
        lines += [f"  {_field((k,))} = {neutralise_line(v)}" for k, v in sorted(table.items())]
    return lines


def init_config(path: Path) -> bool:
    """Write :data:`STARTER` to ``path`` unless something is there (False then); raises OSError if it cannot.

    The folder is created; the text goes to a temporary file beside ``path`` that is then linked into place,
    so ``path`` is never half written and never replaces a file that appeared meanwhile.
    """
    if os.path.lexists(path):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(STARTER)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)  # unlike rename, link fails if the file exists
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links
            if os.path.lexists(path):
                return False
            os.replace(temporary, path)
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)
    return True
