"""Briefing format v1: turn one parsed YAML document into model records.

The document holds only ``dict``/``list``/``str`` (see :mod:`briefing.yamlread`);
this module types it by the schema, collects every problem with its field path,
and cleans every string with :func:`briefing.text.neutralise`.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

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

# (path, message, severity, points at the key rather than the value)
Finding = tuple[Path, str, str, bool]

_MISSING = object()


def slug(text: str) -> str:
    """A short id made from a title: ``"Talks in Genève"`` → ``"talks-in-geneve"``."""
    return "-".join(fold(text).split()[:8])[:60] or "meeting"


class _Schema:
    """Walks one document; collects findings instead of stopping at the first."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def error(self, path: Path, message: str, *, at_key: bool = False) -> None:
        self.findings.append((path, message, "error", at_key))

    def mapping(self, value: Any, path: Path, known: tuple[str, ...], what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(path, f"{what} must be a mapping of keys to values, not {_describe(value)}")
            return None
        for key in value:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = f", did you mean `{close[0]}`?" if close else f" (known keys: {', '.join(known)})"
                self.findings.append(((*path, key), f"`{neutralise_line(key)}`: unknown key{hint}", "warning", True))
        return value

    def text(self, data: dict[str, Any], key: str, path: Path, *, required: bool = False) -> str:
        value = data.get(key, _MISSING)
        if value is _MISSING or value == "":
            if required:
                where = path if value is _MISSING else (*path, key)
                self.error(where, f"`{key}` is required" + (" and may not be empty" if value == "" else ""))
            return ""
        if not isinstance(value, str):
            self.error((*path, key), f"must be text, not {_describe(value)}")
            return ""
        return neutralise(value.strip())

    def choice(self, data: dict[str, Any], key: str, path: Path, allowed: tuple[str, ...]) -> str:
        value = self.text(data, key, path)
        if value and value not in allowed:
            close = difflib.get_close_matches(value, allowed, n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            self.error((*path, key), f"`{neutralise_line(value)}` is not one of {', '.join(allowed)}{hint}")
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
            self.error((*path, key), f"must be a list, not {_describe(value)}")
            return []
        return value

    def refs(self, data: dict[str, Any], path: Path) -> tuple[int, ...]:
        out: list[int] = []
        for index, item in enumerate(self.items(data, "refs", path)):
            if isinstance(item, str) and re.fullmatch(r"[1-9][0-9]{0,5}", item.strip()):
                out.append(int(item))
            else:
                self.error((*path, "refs", index), f"a ref is a paragraph number (1, 2, …), not {_describe(item)}")
        return tuple(out)

    def tags(self, data: dict[str, Any], path: Path) -> tuple[str, ...]:
        tags = []
        for index, item in enumerate(self.items(data, "tags", path)):
            if isinstance(item, str) and item.strip():
                tags.append(neutralise(item.strip()))
            else:
                self.error((*path, "tags", index), f"a tag must be text, not {_describe(item)}")
        return tuple(tags)

    # -------------------------------------------------------------- records

    def briefing(self, doc: Any, path: Path, default_id: str, file: str) -> Briefing | None:
        data = self.mapping(doc, path, BRIEFING_KEYS, "a briefing")
        if data is None:
            return None
        title = self.text(data, "title", path, required=True)
        date = self.date(data, "date", path, required=True)
        source = self.source(data.get("source"), (*path, "source")) if "source" in data else None
        meetings: list[Meeting] = []
        seen: set[str] = set()
        for index, item in enumerate(self.items(data, "meetings", path, required=True)):
            meeting = self.meeting(item, (*path, "meetings", index))
            if meeting is None:
                continue
            if meeting.id in seen:
                where = (*path, "meetings", index, "id") if "id" in item else (*path, "meetings", index)
                self.error(where, f"meeting id `{meeting.id}` is used twice in this briefing")
            seen.add(meeting.id)
            meetings.append(meeting)
        if date is None or not title or not meetings:
            return None
        return Briefing(
            id=self.text(data, "id", path) or neutralise_line(default_id),
            title=title,
            date=date,
            meetings=tuple(meetings),
            path=file,
            summary=self.text(data, "summary", path),
            source=source,
            tags=self.tags(data, path),
        )

    def source(self, value: Any, path: Path) -> Source | None:
        data = self.mapping(value, path, SOURCE_KEYS, "`source`")
        if data is None:
            return None
        return Source(
            name=self.text(data, "name", path),
            kind=self.text(data, "kind", path),
            url=self.text(data, "url", path),
            published=self.date(data, "published", path),
            file=self.text(data, "file", path),
        )

    def meeting(self, value: Any, path: Path) -> Meeting | None:
        data = self.mapping(value, path, MEETING_KEYS, "a meeting")
        if data is None:
            return None
        title = self.text(data, "title", path, required=True)
        participants = []
        for index, item in enumerate(self.items(data, "participants", path, required=True)):
            participant = self.participant(item, (*path, "participants", index))
            if participant is not None:
                participants.append(participant)
        meeting = Meeting(
            id=self.text(data, "id", path) or slug(title),
            title=title,
            participants=tuple(participants),
            date=self.date(data, "date", path),
            location=self.text(data, "location", path),
            venue=self.text(data, "venue", path),
            context=self.text(data, "context", path),
            summary=self.text(data, "summary", path),
            kind=self.choice(data, "kind", path, MEETING_KINDS),
            topics=tuple(
                self.topic(item, (*path, "topics", i)) for i, item in enumerate(self.items(data, "topics", path))
            ),
            outcomes=tuple(
                self.outcome(item, (*path, "outcomes", i)) for i, item in enumerate(self.items(data, "outcomes", path))
            ),
            refs=self.refs(data, path),
        )
        if not title or not participants:
            return None
        return meeting._replace(
            topics=tuple(t for t in meeting.topics if t is not None),
            outcomes=tuple(o for o in meeting.outcomes if o is not None),
        )

    def participant(self, value: Any, path: Path) -> Participant | None:
        if isinstance(value, str):
            return Participant(name=neutralise(value.strip())) if value.strip() else self._empty(path)
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
        return participant

    def topic(self, value: Any, path: Path) -> Topic | None:  # type: ignore[return]
        if isinstance(value, str):
            return Topic(name=neutralise(value.strip())) if value.strip() else self._empty(path)
        data = self.mapping(value, path, TOPIC_KEYS, "a topic")
        if data is None:
            return None
        name = self.text(data, "name", path, required=True)
        detail, refs = self.text(data, "detail", path), self.refs(data, path)
        return Topic(name, detail, refs) if name else None

    def outcome(self, value: Any, path: Path) -> Outcome | None:
        if isinstance(value, str):
            return Outcome(text=neutralise(value.strip())) if value.strip() else self._empty(path)
        data = self.mapping(value, path, OUTCOME_KEYS, "an outcome")
        if data is None:
            return None
        text = self.text(data, "text", path, required=True)
        kind, refs = self.choice(data, "kind", path, OUTCOME_KINDS), self.refs(data, path)
        return Outcome(text, kind, refs) if text else None

    def _empty(self, path: Path) -> None:
        self.error(path, "an empty entry")
        return None


def build_briefing(doc: Any, doc_index: int, default_id: str, file: str) -> tuple[Briefing | None, list[Finding]]:
    """Type one document by the schema; return the briefing (if usable) and findings.

    Finding paths start with ``doc_index`` so :func:`briefing.yamlread.locate`
    can place them in a stream of several documents.
    """
    schema = _Schema()
    briefing = schema.briefing(doc, (doc_index,), default_id, file)
    return briefing, schema.findings


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value == "":
        return "nothing"
    return f"`{neutralise_line(value[:40])}`"
