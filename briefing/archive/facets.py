"""What each meeting is counted by (people, countries, topics, kind), kept beside its search text.

Counts of a filter over 45,000 meetings must not decode 45,000 records, so a
meeting's names, countries and topics, as written, are one short line of the
search text (``SearchText.facets``). Values are neutralised already, so they
hold no control characters and the separators below can never be in one.
"""

from __future__ import annotations

from typing import NamedTuple

from ..format.model import Meeting

FIELD = "\x1e"
"""Between the parts of a line: names, countries, topics, kind."""
VALUE = "\x1f"
"""Between the values of one part."""


class Facets(NamedTuple):
    """One meeting's values as written: who took part, their countries, the topics, the kind."""

    names: tuple[str, ...]
    countries: tuple[str, ...]
    topics: tuple[str, ...]
    kind: str


def facet_line(meeting: Meeting) -> str:
    """The line of ``meeting``'s values (each once, in file order); :func:`facets_of` reads it."""
    people = meeting.participants
    parts = (
        [p.name for p in people if p.name],
        [p.country for p in people if p.country],
        [t.name for t in meeting.topics if t.name],
    )
    return FIELD.join(VALUE.join(dict.fromkeys(values)) for values in parts) + FIELD + meeting.kind


def facets_of(line: str) -> Facets:
    """The values of a :func:`facet_line` (a damaged line gives what it can, never raises)."""
    parts = line.split(FIELD)
    parts += [""] * (4 - len(parts))
    names, countries, topics = (tuple(part.split(VALUE)) if part else () for part in parts[:3])
    return Facets(names, countries, topics, parts[3])


def is_facet_line(line: str) -> bool:
    """Whether ``line`` has the shape of a :func:`facet_line` (for checking the cache)."""
    return line.count(FIELD) == 3
