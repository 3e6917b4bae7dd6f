"""Briefing format v1: turn one parsed YAML document into model records.

The document holds only ``dict``/``list``/``str`` (see :mod:`briefing.format.yamlread`);
this module types it by the schema, collects every problem with its field path
(a bad value loses only that value, or at most its meeting), and cleans every
string with :func:`briefing.format.text.neutralise`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from .countries import suggest as suggest_country
from .dates import DateError, FuzzyDate, parse_date
from .model import (
    MEETING_KINDS,
    OUTCOME_KINDS,
    Briefing,
    Meeting,
    Outcome,
    Participant,
    Source,
    Topic,
)
from .model import FieldPath as Path
from .text import fold, neutralise, neutralise_line

BRIEFING_KEYS = ("title", "date", "id", "summary", "source", "tags", "meetings")
SOURCE_KEYS = ("name", "kind", "url", "published", "file")
MEETING_KEYS = (
    "title", "id", "date", "location", "venue", "context", "summary", "kind",
    "participants", "topics", "outcomes", "refs",
)  # fmt: skip
PARTICIPANT_KEYS = ("name", "role", "country", "organisation", "refs")
TOPIC_KEYS = ("name", "detail", "refs")
OUTCOME_KEYS = ("text", "kind", "refs")

MAX_FINDINGS = 1000
"""Findings kept per document; beyond this they are only counted (a hostile file may hold millions)."""
QUOTE_LENGTH = 24
"""Characters of a value quoted in a message (a file not meant as a briefing may hold secrets)."""

Finding = tuple[Path, str, str, bool]
"""(path, message, severity, points at the key rather than the value)."""

_MISSING = object()
UNTITLED = "(untitled)"
T = TypeVar("T")


def slug(text: str) -> str:
    """A short id made from a title: ``"Talks in Genève"`` → ``"talks-in-geneve"``."""
    return "-".join(fold(text).split()[:8])[:60] or "meeting"


_PARAGRAPH = re.compile(r"[1-9][0-9]{0,5}", re.ASCII)


def ref_number(item: Any) -> int | None:
    """A ref as written (YAML reads every scalar as text here), as a paragraph number, or None if it is not one."""
    if isinstance(item, str) and _PARAGRAPH.fullmatch(item.strip()):
        return int(item)
    return None


class _Schema:
    """Walks one document; collects findings instead of stopping at the first."""

    def __init__(self, lines: dict[int, int] | None = None, room: int = MAX_FINDINGS) -> None:
        self.findings: list[Finding] = []
        self.more = Overflow()
        self.lines = lines or {}
        self.room = room  # findings still kept in full; past it they are only counted

    @property
    def full(self) -> bool:
        """No more findings are kept in full (so none is worth the cost of its message)."""
        return len(self.findings) >= self.room

    def finding(self, path: Path, message: str, severity: str = "error", *, at_key: bool = False) -> None:
        if not self.full:
            self.findings.append((path, message, severity, at_key))
        else:
            self.more.count(severity)

    def error(self, path: Path, message: str) -> None:
        self.finding(path, message)

    def mapping(self, value: Any, path: Path, known: tuple[str, ...], what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(path, "" if self.full else f"{what} must be a mapping of keys to values, not {describe(value)}")
            return None
        for key in value:
            if key not in known:
                if self.full:
                    self.more.count("warning")
                    continue
                close = difflib.get_close_matches(key[:64], known, n=1, cutoff=0.6)
                hint = f", did you mean `{close[0]}`?" if close else f" (known keys: {', '.join(known)})"
                self.finding((*path, key), f"{quote(key)}: unknown key{hint}", "warning", at_key=True)
        return value

    def text(self, data: dict[str, Any], key: str, path: Path, *, required: bool = False) -> str:
        value = data.get(key, _MISSING)
        if value is _MISSING or value == "":
            if required:
                where = path if value is _MISSING else (*path, key)
                self.error(where, f"`{key}` is required" + (" and may not be empty" if value == "" else ""))
            return ""
        if not isinstance(value, str):
            self.error((*path, key), f"must be text, not {describe(value)}")
            return ""
        return neutralise(value.strip())

    def choice(self, data: dict[str, Any], key: str, path: Path, allowed: tuple[str, ...]) -> str:
        value = self.text(data, key, path)
        if value and value not in allowed:
            close = difflib.get_close_matches(value[:64], allowed, n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            self.error((*path, key), f"{quote(value)} is not one of {', '.join(allowed)}{hint}")
            return ""
        return value

    def date(self, data: dict[str, Any], key: str, path: Path, *, required: bool = False) -> FuzzyDate | None:
        value = self.text(data, key, path, required=required)
        if not value:
            return None
        try:
            return parse_date(value)
        except DateError as error:
            self.error((*path, key), neutralise_line(str(error)))
            return None

    def items(self, data: dict[str, Any], key: str, path: Path, *, required: bool = False) -> list[Any]:
        value = data.get(key, _MISSING)
        if value is _MISSING or value == "" or value == []:
            if required:
                self.error(path if value is _MISSING else (*path, key), f"`{key}` needs at least one entry")
            return []
        if not isinstance(value, list):
            self.error((*path, key), f"must be a list, not {describe(value)}")
            return []
        return value

    def each(
        self,
        data: dict[str, Any],
        key: str,
        path: Path,
        build: Callable[[Any, Path], T | None],
        *,
        required: bool = False,
    ) -> list[T]:
        """The usable entries of list ``key``, each built by ``build`` (which reports the unusable ones)."""
        out = []
        for index, item in enumerate(self.items(data, key, path, required=required)):
            built = build(item, (*path, key, index))
            if built is not None:
                out.append(built)
        return out

    def refs(self, data: dict[str, Any], path: Path) -> tuple[int, ...]:
        written = data.get("refs")
        if type(written) is list:  # the usual case, distinct paragraph numbers, costs no call per ref
            numbers = tuple(map(ref_number, written))
            if None not in numbers and len(set(numbers)) == len(numbers):
                return numbers  # type: ignore[return-value]  # None is not among them

        def ref(item: Any, where: Path) -> int | None:
            number = ref_number(item)
            if number is not None:
                return number
            self.error(where, f"a ref is a paragraph number (1, 2, …), not {describe(item)}")
            return None

        refs = tuple(self.each(data, "refs", path, ref))
        if len(set(refs)) != len(refs):  # rare: look for where only then
            seen: set[int] = set()
            for index, item in enumerate(data["refs"]):
                number = ref_number(item)
                if number is not None and number in seen:
                    self.finding((*path, "refs", index), f"¶{number} is cited twice in this list", "warning")
                seen.add(number or 0)
        return refs

    def tags(self, data: dict[str, Any], path: Path) -> tuple[str, ...]:
        def tag(item: Any, where: Path) -> str | None:
            if isinstance(item, str) and item.strip():
                return neutralise(item.strip())
            self.error(where, f"a tag must be text, not {describe(item)}")
            return None

        return tuple(self.each(data, "tags", path, tag))

    # -------------------------------------------------------------- records

    def briefing(self, doc: Any, path: Path, default_id: str, file: str) -> Briefing | None:
        data = self.mapping(doc, path, BRIEFING_KEYS, "a briefing")
        if data is None:
            return None
        # Every field is read before anything is decided, so every problem is reported at once.
        title = self.text(data, "title", path, required=True)
        date = self.date(data, "date", path, required=True)
        briefing_id = self.text(data, "id", path) or neutralise_line(default_id)
        summary = self.text(data, "summary", path)
        source = self.source(data.get("source"), (*path, "source")) if "source" in data else None
        tags = self.tags(data, path)
        meetings = self.meetings(data, path)
        if not meetings:
            return None  # nothing to show; the reason is among the findings
        return Briefing(briefing_id, title or UNTITLED, date, tuple(meetings), file, summary, source, tags)

    def meetings(self, data: dict[str, Any], path: Path) -> list[Meeting]:
        """The briefing's meetings; an id the file does not give is derived, unique within the briefing."""
        built: list[tuple[Meeting, int, bool]] = []  # the meeting, its index in the file, whether its id is written
        for index, item in enumerate(self.items(data, "meetings", path, required=True)):
            meeting = self.meeting(item, (*path, "meetings", index))
            if meeting is not None:
                written_id = isinstance(item.get("id"), str) and bool(item["id"].strip())
                built.append((meeting, index, written_id))
        written: set[str] = set()
        for meeting, index, written_id in built:
            if written_id:
                if meeting.id in written:
                    where = (*path, "meetings", index, "id")
                    self.error(where, f"meeting id `{meeting.id}` is used twice in this briefing")
                written.add(meeting.id)
        taken = set(written)
        last: dict[str, int] = {}  # the last number given to each derived id (so 40,000 "Talks" stay linear)
        out = []
        for meeting, _, written_id in built:
            if not written_id:
                # Derived ids get -2, -3… in file order: the same on every load, never a false duplicate.
                base = meeting.id
                number = last.get(base, 1)
                while meeting.id in taken:
                    number += 1
                    meeting = meeting._replace(id=f"{base}-{number}")
                last[base] = number
                taken.add(meeting.id)
            out.append(meeting)
        return out

    def source(self, value: Any, path: Path) -> Source | None:
        data = self.mapping(value, path, SOURCE_KEYS, "`source`")
        if data is None:
            return None
        url = self.text(data, "url", path)
        if url and not url.lower().startswith(("http://", "https://")):
            message = "a source URL should start with http:// or https:// (the reader will not open it)"
            self.finding((*path, "url"), message, "warning")
        return Source(
            name=self.text(data, "name", path),
            kind=self.text(data, "kind", path),
            url=url,
            published=self.date(data, "published", path),
            file=self.text(data, "file", path),
        )

    def meeting(self, value: Any, path: Path) -> Meeting | None:
        data = self.mapping(value, path, MEETING_KEYS, "a meeting")
        if data is None:
            return None
        title = self.text(data, "title", path, required=True)
        participants = self.each(data, "participants", path, self.participant, required=True)
        return Meeting(
            id=self.text(data, "id", path) or slug(title),
            title=title or UNTITLED,
            participants=tuple(participants),
            date=self.date(data, "date", path),
            location=self.text(data, "location", path),
            venue=self.text(data, "venue", path),
            context=self.text(data, "context", path),
            summary=self.text(data, "summary", path),
            kind=self.choice(data, "kind", path, MEETING_KINDS),
            topics=tuple(self.each(data, "topics", path, self.topic)),
            outcomes=tuple(self.each(data, "outcomes", path, self.outcome)),
            refs=self.refs(data, path),
            line=self.lines.get(id(value), 0),
        )

    def participant(self, value: Any, path: Path) -> Participant | None:
        if isinstance(value, str):
            if value.strip():
                return Participant(name=neutralise(value.strip()))
            self._empty(path)
            return None
        data = self.mapping(value, path, PARTICIPANT_KEYS, "a participant")
        if data is None:
            return None
        participant = Participant(
            name=self.text(data, "name", path),
            role=self.text(data, "role", path),
            country=self.text(data, "country", path),
            organisation=self.text(data, "organisation", path),
            refs=self.refs(data, path),
        )
        if not participant.name and not participant.role:
            self.error(path, "a participant needs a `name` or a `role`")
            return None
        if participant.country and (near := suggest_country(participant.country)) is not None:
            self.finding(
                (*path, "country"),
                f"{quote(participant.country)} is no country's name: did you mean `{near.name}`?"
                " (a group such as `European Union` is fine as it is written)",
                "warning",
            )
        return participant

    def topic(self, value: Any, path: Path) -> Topic | None:
        if isinstance(value, str):
            if value.strip():
                return Topic(name=neutralise(value.strip()))
            self._empty(path)
            return None
        data = self.mapping(value, path, TOPIC_KEYS, "a topic")
        if data is None:
            return None
        name = self.text(data, "name", path, required=True)
        detail, refs = self.text(data, "detail", path), self.refs(data, path)
        return Topic(name, detail, refs) if name else None

    def outcome(self, value: Any, path: Path) -> Outcome | None:
        if isinstance(value, str):
            if value.strip():
                return Outcome(text=neutralise(value.strip()))
            self._empty(path)
            return None
        data = self.mapping(value, path, OUTCOME_KEYS, "an outcome")
        if data is None:
            return None
        text = self.text(data, "text", path, required=True)
        kind, refs = self.choice(data, "kind", path, OUTCOME_KINDS), self.refs(data, path)
        return Outcome(text, kind, refs) if text else None

    def _empty(self, path: Path) -> None:
        """Report an empty entry of a list."""
        self.error(path, "an empty entry")


class Overflow:
    """Findings that were only counted, past :data:`MAX_FINDINGS`."""

    def __init__(self) -> None:
        self.total = 0
        self.errors = 0

    def count(self, severity: str) -> None:
        self.total += 1
        self.errors += severity == "error"

    def add(self, other: Overflow) -> None:
        self.total += other.total
        self.errors += other.errors


def build_briefing(
    doc: Any,
    doc_index: int,
    default_id: str,
    file: str,
    lines: dict[int, int] | None = None,
    room: int = MAX_FINDINGS,
) -> tuple[Briefing | None, list[Finding], Overflow]:
    """Type one document by the schema; return the briefing (if usable), its findings and how many more there were.

    Finding paths start with ``doc_index`` so :func:`briefing.format.yamlread.locate`
    can place them in a stream of several documents. Past :data:`MAX_FINDINGS`
    findings (``room``, if fewer are still wanted) are only counted. ``lines``
    (from :func:`~briefing.format.yamlread.read_documents`) gives each meeting its line.
    """
    schema = _Schema(lines, room)
    briefing = schema.briefing(doc, (doc_index,), default_id, file)
    return briefing, schema.findings, schema.more


def quote(text: str, length: int = QUOTE_LENGTH) -> str:
    """``text`` in backquotes for a message, one line, cut to ``length`` characters."""
    cut = text if len(text) <= length else text[:length] + "…"
    return f"`{neutralise_line(cut)}`"


def suggestion(word: str, known: Collection[str]) -> str:
    """`` (did you mean `x`?)`` for the known word nearest ``word``, or "" when none is near."""
    close = difflib.get_close_matches(word[:64], list(known), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def describe(value: Any, length: int = QUOTE_LENGTH) -> str:
    """What a value of the wrong type is, for a message: ``a mapping``, ``nothing``, or the value quoted."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value == "":
        return "nothing"
    return quote(str(value), length)
