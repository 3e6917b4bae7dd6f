"""The query language, shared by ``briefing search`` and the reader.

    rubio defence              both words (each a word prefix) somewhere
    "supply chains"            an exact phrase of whole words
    -wong                      no meeting that mentions wong
    person:rubio country:japan topic: outcome: place: kind:bilateral
    date:2025-07  date:2025-06-01..2025-07-31

Matching ignores case, accents and punctuation; a word of five letters or more
also matches at one edit ("defense" finds "defence"). :func:`parse_query` and
:func:`match_fields` are pure functions; :mod:`briefing.search` makes them fast.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .dates import DateError, parse_iso_span
from .errors import QueryError
from .model import Row
from .text import fold, fold_cached, neutralise_line

FIELDS = ("person", "country", "topic", "outcome", "place", "kind", "date")
TEXT_FIELDS = FIELDS[:-1]
FUZZY_MIN = 5

_TOKEN = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"?|(\S+))')


class Term(NamedTuple):
    """One condition of a query."""

    words: tuple[str, ...]
    field: str = ""  # "" means anywhere
    phrase: bool = False
    negate: bool = False
    span: tuple[str, str] | None = None  # for date: terms, ISO bounds

    @property
    def fuzzy(self) -> bool:
        """A single long word that may also match at one edit."""
        return not self.phrase and len(self.words) == 1 and len(self.words[0]) >= FUZZY_MIN

    @property
    def needle(self) -> str:
        """What a folded haystack must contain for an exact match."""
        return " " + " ".join(self.words) + (" " if self.phrase else "")


class Query(NamedTuple):
    """A parsed query: every term must hold (negated terms must not)."""

    terms: tuple[Term, ...]
    text: str

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def words(self) -> tuple[str, ...]:
        """The positive words, for highlighting."""
        return tuple(w for t in self.terms if not t.negate and t.span is None for w in t.words)


def parse_query(text: str) -> Query:
    """Parse ``text``; raise :class:`QueryError` for an unusable date.

    Anything else parses: an unknown ``field:`` is read as plain words, an
    unclosed quote runs to the end.
    """
    terms: list[Term] = []
    for match in _TOKEN.finditer(text):
        minus, field, quoted, bare = match.groups()
        negate = minus == "-"
        field = (field or "").lower()
        if field and field not in FIELDS:
            bare = f"{field}:{bare or quoted or ''}"
            field = ""
        value = quoted if quoted is not None else bare
        if field == "date":
            try:
                span = parse_iso_span(value)
            except DateError as error:
                raise QueryError(neutralise_line(f"date:{value}: {error}")) from None
            terms.append(Term((), "date", negate=negate, span=span))
            continue
        words = tuple(fold(value).split())
        if words:
            terms.append(Term(words, field, phrase=quoted is not None, negate=negate))
    return Query(tuple(terms), text)


# ----------------------------------------------------------- what is searched


def field_texts(row: Row) -> dict[str, list[str]]:
    """The texts of a row, by query field; ``""`` holds what only plain words see."""
    briefing, meeting = row.briefing, row.meeting
    people = [part for p in meeting.participants for part in (p.name, p.role, p.organisation)]
    return {
        "person": people,
        "country": [p.country for p in meeting.participants],
        "topic": [part for t in meeting.topics for part in (t.name, t.detail)],
        "outcome": [o.text for o in meeting.outcomes],
        "place": [meeting.location, meeting.venue, meeting.context],
        "kind": [meeting.kind],
        "": [meeting.title, meeting.summary, briefing.title, briefing.summary, *briefing.tags],
    }


def haystack(texts: list[str]) -> str:
    """Fold texts into one searchable string: ``" word word … "``."""
    return " " + " ".join(folded for folded in map(fold_cached, texts) if folded) + " "


def row_haystacks(row: Row, all_hay: str | None = None) -> dict[str, str]:
    """Folded haystacks of a row by field, plus ``"all"`` for everything."""
    texts = field_texts(row)
    hays = {field: haystack(parts) for field, parts in texts.items() if field}
    hays["all"] = all_hay or haystack([part for parts in texts.values() for part in parts])
    return hays


def all_haystack(row: Row) -> str:
    """The folded text of everything searchable in a row (the ``"all"`` haystack)."""
    return haystack([part for parts in field_texts(row).values() for part in parts])


# ------------------------------------------------------------------- matching


def within_one_edit_prefix(word: str, token: str) -> bool:
    """True if some prefix of ``token`` is at most one edit away from ``word``.

    An edit is a substitution, insertion, deletion or swap of two neighbours
    (the common typos).
    """
    if token.startswith(word):
        return True
    if len(token) < len(word) - 1:
        return False
    # After the common start, the one edit must be right here.
    i = 0
    limit = min(len(word), len(token))
    while i < limit and word[i] == token[i]:
        i += 1
    rest = word[i + 1 :]
    return (
        token.startswith(rest, i + 1)  # substitution
        or token.startswith(rest, i)  # deletion
        or token.startswith(word[i:], i + 1)  # insertion
        or (token[i + 1 : i + 2] == word[i : i + 1] and token[i : i + 1] == word[i + 1 : i + 2]
            and token.startswith(word[i + 2 :], i + 2))  # swap
    )  # fmt: skip


def term_score(term: Term, hay: str) -> int | None:
    """0 for an exact match in ``hay``, 1 for a one-edit match, None for none."""
    if term.needle in hay:
        return 0
    if term.fuzzy:
        word = term.words[0]
        for token in hay.split():
            if within_one_edit_prefix(word, token):
                return 1
    return None


def match_fields(query: Query, hays: dict[str, str], date_span: tuple[str, str] | None) -> int | None:
    """Score one row's haystacks against ``query``: lower is better, None if no match.

    The score counts the terms that matched only at one edit, so exact matches
    rank first.
    """
    score = 0
    for term in query.terms:
        if term.span is not None:
            hit: int | None = 0 if date_span and date_span[0] <= term.span[1] and date_span[1] >= term.span[0] else None
        elif term.negate:  # only an exact match excludes
            hit = 0 if term.needle in hays[term.field or "all"] else None
        else:
            hit = term_score(term, hays[term.field or "all"])
        if term.negate:
            if hit == 0:
                return None
        elif hit is None:
            return None
        else:
            score += hit
    return score


def match_row(query: Query, row: Row) -> int | None:
    """Score one meeting against ``query`` (see :func:`match_fields`).

    ``date:`` terms use the meeting's date, or its briefing's when it has none.
    """
    when = row.when
    return match_fields(query, row_haystacks(row), (when.earliest, when.latest))


# ---------------------------------------------------------------- highlighting

_WORD = re.compile(r"\w+")


def highlight_spans(query: Query, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (original, unfolded) that the query's words match."""
    words = query.words
    if not words or not text:
        return []
    spans = []
    for match in _WORD.finditer(text):
        folded = fold(match.group())
        if not folded:
            continue
        token = folded.split()[0]
        for word in words:
            if token.startswith(word) or (len(word) >= FUZZY_MIN and within_one_edit_prefix(word, token)):
                spans.append(match.span())
                break
    return spans
