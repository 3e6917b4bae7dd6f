"""Where things are in a TOML file: tomllib says where a file stops being TOML, but gives no places for a valid one.

:class:`Locator` finds the line and column of every key, table header and array
item of a valid file, so that a bad value is reported where it is written.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from bisect import bisect_right

from ..format.model import Problem
from ..format.text import neutralise_line


def end_of(text: str) -> tuple[int, int]:
    """The 1-based line and column just after the end of ``text``."""
    return text.count("\n") + 1, len(text) - text.rfind("\n")


_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def toml_problem(shown: str, text: str, error: Exception) -> Problem:
    """Where tomllib says the file stops being TOML; its message ends ``(at line X, column Y)``."""
    message = str(error) if isinstance(error, tomllib.TOMLDecodeError) else "arrays or tables nested too deep"
    match = _TOML_AT.search(message)
    line, column = end_of(text)
    if match:
        message = message[: match.start()]
        if match.group(1):
            line, column = int(match.group(1)), int(match.group(2))
    return Problem(shown, line, column, "", neutralise_line(f"not valid TOML: {message[:1].lower()}{message[1:]}"))


Key = tuple[str | int, ...]
"""Where a value is: ``("keys", "list.down")``, ``("paths", 1)``."""

_TOKENS = re.compile(
    r"(?P<skip>[ \t]+|#[^\r\n]*)|(?P<nl>\r?\n)"
    r'|(?P<str>"""(?:\\[\s\S]|[^\\])*?"{3,5}|\'\'\'[\s\S]*?\'{3,5}|"(?:\\.|[^"\\\r\n])*"|\'[^\'\r\n]*\')'
    r"|(?P<word>[A-Za-z0-9_-]+)|(?P<punct>.)"
)


class Locator:
    """The line and column of every key, table header and array item of a *valid* TOML text.

    A tokenizer (strings, multi-line ones included, and comments are single tokens, so nothing in them is
    mistaken for a key) and a small parser that follows tables, dotted and quoted keys, inline tables and arrays.
    """

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.tokens = [
            (m.lastgroup or "", m.group(), m.start()) for m in _TOKENS.finditer(text) if m.lastgroup != "skip"
        ]
        self.tokens.append(("end", "", len(text)))
        self.i = 0
        self.found: dict[Key, tuple[int, int]] = {}
        # On a slip of this small parser, what was found so far stands; the rest falls back to table headers, else 1:1.
        with contextlib.suppress(IndexError, RecursionError, ValueError):
            self._document()

    def _peek(self) -> str:
        return self.tokens[self.i][1]

    def _take(self) -> tuple[str, str, int]:
        token = self.tokens[self.i]
        self.i = min(self.i + 1, len(self.tokens) - 1)  # the end token is never passed
        return token

    def _mark(self, key: Key, first: int, offset: int) -> None:
        line = bisect_right(self.starts, offset)
        for end in range(first, len(key) + 1):  # `a.b.c = 1` also defines a.b
            self.found.setdefault(key[:end], (line, offset - self.starts[line - 1] + 1))

    def _skip_lines(self) -> None:
        while self.tokens[self.i][0] == "nl":
            self._take()

    def _document(self) -> None:
        table: Key = ()
        while True:
            self._skip_lines()
            kind, text, offset = self.tokens[self.i]
            if kind == "end":
                return
            if text == "[":
                self._take()
                if self._peek() == "[":
                    self._take()
                table = self._key()
                self._mark(table, 1, offset)
            else:
                key = table + self._key()
                self._mark(key, len(table) + 1, offset)
                self._take()  # =
                self._value(key)
            while self.tokens[self.i][0] not in ("nl", "end"):  # `]`, `]]`, or what a value left
                self._take()

    def _key(self) -> Key:
        parts: list[str] = []
        while True:
            kind, text, _ = self._take()
            parts.append(_unquote(text) if kind == "str" else text)
            if self._peek() != ".":
                return tuple(parts)
            self._take()

    def _value(self, key: Key) -> None:
        kind, text, _ = self._take()
        if text in ("[", "{"):
            close, index = "]" if text == "[" else "}", 0
            while True:
                self._skip_lines()
                item_kind, item, offset = self.tokens[self.i]
                if item_kind == "end" or (item == close and item_kind == "punct"):
                    self._take()
                    return
                if item == "," and item_kind == "punct":
                    self._take()
                elif close == "]":
                    self._mark((*key, index), len(key) + 1, offset)
                    self._value((*key, index))
                    index += 1
                else:
                    inner = key + self._key()
                    self._mark(inner, len(key) + 1, offset)
                    self._take()  # =
                    self._value(inner)
        elif kind != "str":  # a number, date or boolean: words and signs up to the end of the value
            while self.tokens[self.i][0] not in ("nl", "end") and self._peek() not in (",", "]", "}"):
                self._take()


def _unquote(token: str) -> str:
    if token.startswith("'") or "\\" not in token:
        return token[1:-1]
    try:
        return str(tomllib.loads(f"k = {token}")["k"])  # the escapes exactly as TOML reads them
    except tomllib.TOMLDecodeError:
        return token[1:-1]
