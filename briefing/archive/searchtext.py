"""What of a meeting is searchable, folded into one string: the catalog builds it, the query layer reads it.

A meeting's own text is one haystack, ``" word word … "``: its title and
summary, then one segment per query field, each opened by a marker token
(``\\x01p`` for ``person:`` …) and holding that field's values separated by
``\\x02`` (so a phrase never runs from one value into the next). Its
briefing's text (title, summary, id, source, tags) is a haystack of its own,
shared by the briefing's meetings: a word found only there matches the
meeting "through its briefing", and ranks after meetings that say it
themselves.

Folded text holds no control characters, so marker tokens never match a word.
A hyphenated word is also indexed written together (``Co-production`` is
found by ``coproduction``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..format.countries import resolve
from ..format.model import Briefing, Meeting
from ..format.text import fold_cached

MARK = "\x01"
"""Opens a field's segment: ``MARK + letter``."""
SEPARATOR = "\x02"
"""Between two values of one field."""

FIELD_LETTERS = {
    "person": "p",
    "country": "c",
    "topic": "t",
    "outcome": "o",
    "place": "l",
    "kind": "k",
    "briefing": "b",
    "tag": "g",
    "nation": "n",
}
"""Query fields by their letter. ``nation`` is no field a user types: it holds the ISO 3166 alpha-3 code of every
country value that names a country, and ``country:us`` is answered by it (see :func:`country_codes`)."""
BRIEFING_FIELDS = ("briefing", "tag")
"""Fields answered by the briefing's haystack rather than the meeting's."""

_JOINED = re.compile(r"\w+(?:[-‐‑–—]\w+)+")


def _values(texts: Iterable[str]) -> list[str]:
    """Folded values, each hyphenated word also written together as a value of its own."""
    out: list[str] = []
    for text in texts:
        if not text:
            continue
        folded = fold_cached(text)
        if folded:
            out.append(folded)
        if "-" in text or "–" in text or "—" in text or "‐" in text or "‑" in text:
            for joined in _JOINED.findall(text):
                together = fold_cached(re.sub(r"[-‐‑–—]", "", joined))
                if together:
                    out.append(together)
    return out


def _segment(letter: str, texts: Iterable[str]) -> str:
    values = _values(texts)
    if not values:
        return ""
    return f" {MARK}{letter} " + f" {SEPARATOR} ".join(values)


def meeting_fields(meeting: Meeting) -> dict[str, list[str]]:
    """A meeting's searchable texts by query field (``""``: its title and summary, plain words only)."""
    people = meeting.participants
    return {
        "": [meeting.title, meeting.summary],
        "place": [meeting.location, meeting.venue, meeting.context],
        "person": [part for p in people for part in (p.name, p.role, p.organisation)],
        "country": [p.country for p in people],
        "topic": [part for t in meeting.topics for part in (t.name, t.detail)],
        "outcome": [o.text for o in meeting.outcomes],
        "kind": [meeting.kind],
        "nation": country_codes(p.country for p in people),
    }


def country_codes(values: Iterable[str]) -> list[str]:
    """The lower-case alpha-3 code of each value that names a country (``"U.S."`` → ``usa``), once each."""
    codes: dict[str, None] = {}
    for value in values:
        country = resolve(value) if value else None
        if country is not None:
            codes[country.alpha3.lower()] = None
    return list(codes)


def meeting_hay(meeting: Meeting) -> str:
    """The folded search text of a meeting's own words (see the module docstring)."""
    fields = meeting_fields(meeting)
    parts = [" ".join(_values(fields.pop("")))]
    parts += [_segment(FIELD_LETTERS[field], texts) for field, texts in fields.items()]
    return " " + "".join(parts).strip() + " "


def briefing_hay(briefing: Briefing) -> str:
    """The folded search text of a briefing, shared by its meetings."""
    source = briefing.source
    texts = [briefing.title, briefing.summary, briefing.id, source.name if source else ""]
    return " " + (_segment("b", texts) + _segment("g", briefing.tags)).strip() + " "


def segment(hay: str, letter: str) -> str:
    """The part of ``hay`` holding one field's values (``" value \\x02 value "``), or ``""``."""
    start = hay.find(f" {MARK}{letter} ")
    if start < 0:
        return ""
    start += 3
    end = hay.find(f" {MARK}", start)
    return hay[start : end + 1] if end >= 0 else hay[start:]


def words(hay: str) -> list[str]:
    """The plain words of a haystack (markers and separators left out)."""
    return [word for word in hay.split() if word[0] > SEPARATOR]


def field_words(hay: str) -> Iterable[tuple[str, str]]:
    """(field letter or "", word) for every word of ``hay``."""
    letter = ""
    for word in hay.split():
        if word[0] == MARK:
            letter = word[1:]
        elif word != SEPARATOR:
            yield letter, word


def vocabulary_of(hays: Sequence[str]) -> list[str]:
    """Every distinct plain word of ``hays``, sorted."""
    found: set[str] = set()
    for hay in hays:
        found.update(words(hay))
    return sorted(found)
