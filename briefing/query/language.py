"""The query language, shared by ``briefing search``, ``summary --query`` and the reader.

    rubio defence              both words (each a word prefix) somewhere
    "supply chain"             these words in this order (the last one a prefix)
    -wong                      no meeting that mentions wong
    person:rubio country:japan topic: outcome: place: kind:bilateral
    country:us                 a country however it is written (US, U.S., USA, United States)
    tag:quad briefing:washington
    date:2025-07  date:2025-06-01..2025-07-31
    is:flagged is:unread is:read   the reader's marks (``*``, ``m``)

Matching ignores case, accents and punctuation; a word of five letters or more
also matches at one edit ("defense" finds "defence"). :func:`parse_query` is a
pure function; :mod:`briefing.query.matching` says what matches, and
:mod:`briefing.query.search` makes it fast.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ..format.countries import resolve
from ..format.dates import DateError, parse_iso_span
from ..format.text import fold, neutralise_line
from .marks import IS_VALUES

FIELDS = ("person", "country", "topic", "outcome", "place", "kind", "tag", "briefing", "date")
TEXT_FIELDS = FIELDS[:-1]
FUZZY_MIN = 5
MAX_LENGTH = 1000
"""Characters in one query; a longer one (a paste gone wrong) is refused with a message."""
MAX_TERMS = 40
"""Terms in one query."""

# A field name is letters only, so "10:30" and "2025-07:" stay plain text.
_TOKEN = re.compile(r'(-?)(?:([^\W\d_]+):)?(?:"([^"]*)"?|(\S+))')
_HINTS = {
    "people": "person", "participant": "person", "who": "person", "name": "person",
    "location": "place", "venue": "place", "where": "place", "city": "place",
    "type": "kind", "tags": "tag", "subject": "topic", "topics": "topic", "result": "outcome",
    "when": "date", "year": "date", "month": "date",
}  # fmt: skip


class QueryError(ValueError):
    """A query that cannot be understood (``date:2025-13``, ``foo:bar``); the message says why."""


class Term(NamedTuple):
    """One condition of a query."""

    words: tuple[str, ...]
    field: str = ""  # "" means anywhere
    phrase: bool = False
    negate: bool = False
    span: tuple[str, str] | None = None  # for date: terms, ISO bounds
    alternatives: tuple[tuple[str, ...], ...] = ()
    """Other words that satisfy the term as a phrase in its field: the other forms of a declared person."""

    def expanded(self) -> tuple[Term, ...]:
        """The term itself and one phrase term per alternative (a match of any one is a match)."""
        plain = self._replace(alternatives=())
        return (plain, *(plain._replace(words=words, phrase=True) for words in self.alternatives))

    @property
    def fuzzy(self) -> bool:
        """A single long word that may also match at one edit."""
        return not self.phrase and len(self.words) == 1 and len(self.words[0]) >= FUZZY_MIN

    @property
    def needle(self) -> str:
        """What folded text must contain for an exact match: the words in order, the last one a prefix."""
        return " " + " ".join(self.words)


class Query(NamedTuple):
    """A parsed query: every term must hold (negated terms must not)."""

    terms: tuple[Term, ...]
    text: str

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def words(self) -> tuple[str, ...]:
        """The positive words, for highlighting (not a country's code: the country is written otherwise)."""
        plain = (t for t in self.terms if not t.negate and t.span is None and t.field not in ("nation", "is"))
        return tuple(word for term in plain for word in term.words)

    @property
    def date_span(self) -> tuple[str, str] | None:
        """The days every ``date:`` term allows (ISO bounds), or None when the query names no dates."""
        spans = [term.span for term in self.terms if term.span is not None and not term.negate]
        if not spans:
            return None
        return max(low for low, _ in spans), min(high for _, high in spans)


def _closest(word: str, choices: Sequence[str], cutoff: float) -> str | None:
    """The choice most like ``word``, for a "did you mean" (difflib is imported only when a query is wrong)."""
    import difflib

    return next(iter(difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)), None)


def _unknown_field(field: str) -> QueryError:
    suggestion = _HINTS.get(field) or _closest(field, FIELDS, 0.6)
    hint = f"did you mean `{suggestion}:`? " if suggestion else ""
    return QueryError(
        neutralise_line(f"`{field[:24]}:` is not a field: {hint}fields are {', '.join(f + ':' for f in FIELDS)}, is:")
        + ' (to search for text with a colon, put it in quotes: "10:30")'
    )


def parse_query(text: str) -> Query:
    """Parse ``text``; raise :class:`QueryError` for anything that cannot mean a search.

    That is: an unknown field, a field with nothing after it, a date that is not
    a date, a date range that ends before it starts, and a query too long to be one.
    An unclosed quote runs to the end.
    """
    if len(text) > MAX_LENGTH:
        raise QueryError(f"the search is {len(text):,} characters long: at most {MAX_LENGTH:,} are read")
    terms: list[Term] = []
    for match in _TOKEN.finditer(text):
        minus, field, quoted, bare = match.groups()
        negate = minus == "-"
        field = (field or "").lower()
        if not field and bare and bare.endswith(":") and bare[:-1].isalpha():
            field, bare = bare[:-1].lower(), ""  # "person:" with nothing after it
        if field and field not in FIELDS and field != "is":
            raise _unknown_field(field)
        value = quoted if quoted is not None else (bare or "")
        if field and not value.strip():
            raise QueryError(f"`{field}:` needs something after it, e.g. {_EXAMPLES[field]}")
        if field == "is":
            mark = fold(value).strip()
            if mark not in IS_VALUES:
                close = _closest(mark, IS_VALUES, 0.5)
                hint = f"did you mean `is:{close}`? " if close else ""
                raise QueryError(neutralise_line(f"is:{value[:24]}: {hint}is: takes {', '.join(IS_VALUES)}"))
            # is:unread is "not read": one mark, kept or not.
            terms.append(Term(("read",) if mark == "unread" else (mark,), "is", negate=negate != (mark == "unread")))
        elif field == "date":
            try:
                span = parse_iso_span(value)
            except DateError as error:
                raise QueryError(neutralise_line(f"date:{value[:40]}: {error}")) from None
            terms.append(Term((), "date", negate=negate, span=span))
        elif field == "country" and (country := resolve(value)) is not None:
            # A value naming a country finds it however the briefing writes it ("U.S.", "USA", "United States").
            terms.append(Term((country.alpha3.lower(),), "nation", negate=negate))
        else:
            words = tuple(fold(value).split())
            if words:
                terms.append(Term(words, field, phrase=quoted is not None, negate=negate))
        if len(terms) > MAX_TERMS:
            raise QueryError(f"the search has more than {MAX_TERMS} terms: at most {MAX_TERMS} are read")
    return Query(tuple(terms), text)


_EXAMPLES = {
    "person": "person:rubio",
    "country": "country:japan",
    "topic": "topic:energy",
    "outcome": "outcome:agree",
    "place": "place:geneva",
    "kind": "kind:bilateral",
    "tag": "tag:quad",
    "briefing": "briefing:washington",
    "date": "date:2025-07",
    "is": "is:flagged",
}


def field_query(field: str, value: str) -> str:
    """The query for exactly ``value`` in ``field``: ``person:"Marco Rubio"`` (quotes in the value dropped)."""
    return f'{field}:"{value.replace(chr(34), " ")}"'
