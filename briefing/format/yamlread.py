"""A bounded, text-only YAML reader on top of PyYAML's event parser.

PyYAML's own loaders guess types (``NO`` becomes ``False``), keep the last of
two duplicate keys, follow aliases into billion-laughs bombs and recurse
until ``RecursionError``. This reader builds plain ``dict``/``list``/``str``
values from the parser's event stream without recursion, and refuses, with a
position, anything a briefing has no use for: anchors and aliases, explicit
tags, duplicate keys, non-text keys, nesting deeper than :data:`MAX_DEPTH`.
libyaml does the parsing where PyYAML was built with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from .model import FieldPath as Path

try:  # libyaml is ~10x faster; the pure-Python parser is the fallback.
    from yaml import CBaseLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_NODES = 500_000


_TEXT_TAGS = {None, "!", "tag:yaml.org,2002:str"}
_SEQ_TAGS = {None, "tag:yaml.org,2002:seq"}
_MAP_TAGS = {None, "tag:yaml.org,2002:map"}


class YamlProblem(Exception):
    """The file is not YAML this reader accepts; ``line``/``column`` are 1-based."""

    def __init__(self, message: str, line: int, column: int, path: Path = ()) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.path = path


class _Frame:
    """A container under construction and, for mappings, the key awaiting a value."""

    __slots__ = ("key", "value")

    def __init__(self, value: dict[str, Any] | list[Any]) -> None:
        self.value = value
        self.key: str | None = None


def _path_of(stack: list[_Frame]) -> Path:
    path: list[str | int] = []
    for frame in stack:
        if isinstance(frame.value, list):
            path.append(len(frame.value))
        elif frame.key is not None:
            path.append(frame.key)
    return tuple(path)


def _fail(message: str, mark: Any, stack: list[_Frame]) -> YamlProblem:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return YamlProblem(message, line, column, _path_of(stack))


def read_documents(text: str, lines: dict[int, int] | None = None) -> Iterator[Any]:
    """Yield each document of the YAML stream ``text``.

    Scalars are always ``str``: the schema, not YAML, decides types. Raises
    :class:`YamlProblem` for syntax errors and for anything refused. ``lines``,
    if given, receives the 1-based line where each mapping starts, by ``id()``
    of the mapping (valid while the document is alive).
    """
    loader = None
    try:
        loader = _Loader(text)  # the pure-Python reader checks characters here
        yield from _build(loader, lines)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        raise YamlProblem(f"invalid YAML: {problem}", line, column) from None
    except yaml.reader.ReaderError as error:
        # Raised for characters YAML forbids; it knows only a character offset.
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - before.rfind("\n")
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise YamlProblem(f"invalid YAML: character U+{code:04X}: {error.reason}", line, column) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"invalid YAML: {error}", 1, 1) from None
    finally:
        if loader is not None:
            loader.dispose()


def _build(loader: Any, lines: dict[int, int] | None) -> Iterator[Any]:
    """Documents from the parser's events; see :class:`_Builder` for what each event does.

    This runs once per value of every file read: one call per event, the handlers looked up once.
    """
    builder = _Builder(lines)
    get_event = loader.get_event
    on_scalar, on_start, on_end = builder.scalar, builder.start, builder.end
    scalar, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    while True:
        event = get_event()
        if event is None:
            return
        kind = type(event)
        if kind is scalar:
            on_scalar(event)
        elif kind is mapping_start or kind is sequence_start:
            on_start(event, kind is mapping_start)
        elif kind is mapping_end or kind is sequence_end:
            on_end()
        elif kind is yaml.AliasEvent:
            raise _fail("aliases (*name) are not allowed in briefings", event.start_mark, builder.stack)
        elif kind is yaml.DocumentStartEvent:
            builder.root = None
        elif kind is yaml.DocumentEndEvent:
            yield builder.root
        # stream start and end carry nothing


class _Builder:
    """Plain values from events: containers on a stack, every refusal raised with its position."""

    __slots__ = ("lines", "nodes", "root", "stack")

    def __init__(self, lines: dict[int, int] | None) -> None:
        self.stack: list[_Frame] = []
        self.nodes = 0
        self.root: Any = None
        self.lines = lines

    def _refuse(self, event: Any, allowed: set[str | None]) -> None:
        """Raise the refusal of ``event``'s anchor or tag, whichever is not allowed (the anchor first)."""
        if event.anchor is not None:
            raise _fail("anchors (&name) are not allowed in briefings", event.start_mark, self.stack)
        if event.tag not in allowed:
            raise _fail(
                f"the tag {event.tag!r} is not allowed: briefings hold plain text", event.start_mark, self.stack
            )

    def _too_many(self, event: Any) -> YamlProblem:
        return _fail(f"more than {MAX_NODES} values in one file", event.start_mark, self.stack)

    def scalar(self, event: Any) -> None:
        """A text value: the document itself, an item of a list, or a key or value of a mapping."""
        if event.anchor is not None or event.tag not in _TEXT_TAGS:
            self._refuse(event, _TEXT_TAGS)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._too_many(event)
        value = event.value
        stack = self.stack
        if not stack:
            self.root = value
            return
        top = stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        elif top.key is None:
            if value in top.value:
                problem = _fail(f"duplicate key {value!r}: each key may appear once", event.start_mark, stack)
                problem.path = (*problem.path, value)
                raise problem
            top.key = value
        else:
            top.value[top.key] = value
            top.key = None

    def start(self, event: Any, mapping: bool) -> None:
        """A list or mapping begins (it is placed where it belongs when it ends)."""
        allowed = _MAP_TAGS if mapping else _SEQ_TAGS
        if event.anchor is not None or event.tag not in allowed:
            self._refuse(event, allowed)
        stack = self.stack
        if len(stack) >= MAX_DEPTH:
            raise _fail(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark, stack)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._too_many(event)
        if stack and stack[-1].key is None and not isinstance(stack[-1].value, list):
            raise _fail("a key must be text, not a list or mapping", event.start_mark, stack)
        value: dict[str, Any] | list[Any] = {} if mapping else []
        if mapping and self.lines is not None:
            self.lines[id(value)] = event.start_mark.line + 1
        stack.append(_Frame(value))

    def end(self) -> None:
        """A list or mapping is whole: the document itself, an item of a list, or a key's value (never a key)."""
        stack = self.stack
        value = stack.pop().value
        if not stack:
            self.root = value
            return
        parent = stack[-1]
        if parent.key is not None:  # a mapping's key awaiting its value (a list or mapping as a key was refused)
            parent.value[parent.key] = value  # type: ignore[call-overload]
            parent.key = None
        else:  # a list: it has no key
            parent.value.append(value)  # type: ignore[union-attr]


def locate(text: str, paths: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """Find the 1-based line and column of the value at each of ``paths``, in one pass over the events.

    Used only when a document has problems, so the fast path never pays for
    positions. A path ending in ``("key", name)`` stands for the key itself.
    Paths start with the document index. Stops as soon as every path is found.
    """
    wanted = set(paths)
    found: dict[Path, tuple[int, int]] = {}
    try:
        loader = _Loader(text)
    except yaml.YAMLError:
        return found
    # Each level: [container kind, next index or current key, awaiting key?]
    stack: list[list[Any]] = []
    doc = -1
    remaining = len(wanted)

    def mark(path: Path, event: Any) -> None:
        nonlocal remaining
        if path in wanted and path not in found:
            found[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            remaining -= 1

    try:
        while remaining:
            event = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                doc += 1
                continue
            if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                stack.pop()
                _advance(stack)
                continue
            if kind not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
                continue
            top = stack[-1] if stack else None
            if top is not None and top[0] == "map" and top[2]:
                top[1] = getattr(event, "value", None)  # a list or mapping as a key was refused already
                mark((doc, *_stack_path(stack), "key"), event)
                top[2] = False
                continue
            mark((doc, *_stack_path(stack)), event)
            if kind is yaml.ScalarEvent:
                _advance(stack)
            else:
                mapping = kind is yaml.MappingStartEvent
                stack.append(["map" if mapping else "seq", None if mapping else 0, mapping])
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return found


def _stack_path(stack: list[list[Any]]) -> list[str | int]:
    return [level[1] for level in stack]


def _advance(stack: list[list[Any]]) -> None:
    """After a complete value: move a sequence on, or make a mapping await its next key."""
    if not stack:
        return
    top = stack[-1]
    if top[0] == "seq":
        top[1] += 1
    else:
        top[2] = True
