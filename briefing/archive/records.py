"""Full briefings as the cache keeps them: plain nested tuples in :mod:`marshal`, checked field by field when read.

marshal takes no subclasses, so records are written as plain tuples; and a
record read back is input like any other, so every field is checked for
type and range and its text neutralised again before a model object is made.
"""

from __future__ import annotations

import marshal
from collections.abc import Sequence
from typing import Any

from ..format.dates import FuzzyDate
from ..format.model import Briefing, Meeting, Outcome, Participant, Source, Topic
from ..format.text import has_unsafe, neutralise


class MalformedRecord(ValueError):
    """A record that is not what this program writes."""


def _date(value: FuzzyDate | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _encode_meeting(m: Meeting) -> tuple[Any, ...]:
    people = tuple(tuple(p) for p in m.participants)
    topics, outcomes = tuple(tuple(t) for t in m.topics), tuple(tuple(o) for o in m.outcomes)
    return (m.id, m.title, people, _date(m.date), m.location, m.venue, m.context, m.summary, m.kind,
            topics, outcomes, m.refs, m.line)  # fmt: skip


def encode_briefings(briefings: Sequence[Briefing]) -> bytes:
    """The briefings of one file as bytes for the cache."""
    plain = []
    for b in briefings:
        s = b.source
        meetings = tuple(_encode_meeting(m) for m in b.meetings)
        source = None if s is None else (s.name, s.kind, s.url, _date(s.published), s.file)
        plain.append((b.id, b.title, _date(b.date), meetings, b.path, b.summary, source, b.tags))
    return marshal.dumps(tuple(plain))


# ------------------------------------------------------------------ checks


def _tuple(value: Any, length: int | None = None) -> tuple[Any, ...]:
    if type(value) is not tuple or (length is not None and len(value) != length):
        raise MalformedRecord("not the expected tuple")
    return value


def _text(value: Any) -> str:
    if type(value) is not str:
        raise MalformedRecord("not text")
    return neutralise(value) if has_unsafe(value) else value


def _refs(value: Any) -> tuple[int, ...]:
    refs = _tuple(value)
    if any(type(ref) is not int or not 0 < ref < 1_000_000 for ref in refs):
        raise MalformedRecord("not paragraph numbers")
    return refs


def _fuzzy(value: Any) -> FuzzyDate | None:
    if value is None:
        return None
    return tuple.__new__(FuzzyDate, map(_text, _tuple(value, 4)))


def _participant(value: Any) -> Participant:
    name, role, country, organisation, refs = _tuple(value, 5)
    return tuple.__new__(Participant, (*map(_text, (name, role, country, organisation)), _refs(refs)))


def _topic(value: Any) -> Topic:
    name, detail, refs = _tuple(value, 3)
    return tuple.__new__(Topic, (_text(name), _text(detail), _refs(refs)))


def _outcome(value: Any) -> Outcome:
    text, kind, refs = _tuple(value, 3)
    return tuple.__new__(Outcome, (_text(text), _text(kind), _refs(refs)))


def _meeting(value: Any) -> Meeting:
    mid, title, people, date, location, venue, context, summary, kind, topics, outcomes, refs, line = _tuple(value, 13)
    if type(line) is not int or not 0 <= line < 1 << 31:
        raise MalformedRecord("not a line number")
    return tuple.__new__(Meeting, (
        _text(mid), _text(title), tuple(map(_participant, _tuple(people))), _fuzzy(date),
        *map(_text, (location, venue, context, summary, kind)),
        tuple(map(_topic, _tuple(topics))), tuple(map(_outcome, _tuple(outcomes))), _refs(refs), line,
    ))  # fmt: skip


def _source(value: Any) -> Source | None:
    if value is None:
        return None
    name, kind, url, published, file = _tuple(value, 5)
    return tuple.__new__(Source, (_text(name), _text(kind), _text(url), _fuzzy(published), _text(file)))


def decode_briefings(blob: bytes) -> tuple[Briefing, ...]:
    """Inverse of :func:`encode_briefings`, checking every field; raises ``ValueError`` on anything malformed."""
    out = []
    for item in _tuple(marshal.loads(blob)):
        bid, title, date, meetings, path, summary, source, tags = _tuple(item, 8)
        out.append(tuple.__new__(Briefing, (
            _text(bid), _text(title), _fuzzy(date), tuple(map(_meeting, _tuple(meetings))), _text(path),
            _text(summary), _source(source), tuple(map(_text, _tuple(tags))),
        )))  # fmt: skip
    return tuple(out)
