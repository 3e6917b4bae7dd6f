"""What a query matches, as pure functions of one meeting's search text.

This is the definition; :class:`briefing.query.search.SearchIndex` gives the
same answers quickly over a whole catalog (the property tests check it).

A positive term matches a meeting exactly (its words in the meeting's text),
at one edit (a long word), or only through the meeting's briefing (its title,
summary, id, source or tags say it). The score of a match counts the terms
that matched only through the briefing, then those that matched only at one
edit: lower is better, and results are listed by score, then newest first.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..archive.searchtext import BRIEFING_FIELDS, FIELD_LETTERS, briefing_hay, meeting_hay, segment
from ..format.model import Row
from ..format.text import fold
from .language import FUZZY_MIN, Query, Term

MAX_HIGHLIGHTS = 200
"""Matches highlighted in one text (a field repeating a word 300,000 times must not freeze the screen)."""


class Score(NamedTuple):
    """How a meeting matched: lower is better."""

    via_briefing: int
    """Terms matched only through the meeting's briefing."""
    fuzzy: int
    """Terms matched only at one edit."""


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
            if token[0] > "\x02" and within_one_edit_prefix(word, token):
                return 1
    return None


def term_hay(term: Term, own: str, briefing: str) -> str:
    """Where a field term looks: its field's segment of the meeting's or the briefing's text."""
    letter = FIELD_LETTERS[term.field]
    return segment(briefing if term.field in BRIEFING_FIELDS else own, letter)


def match_hays(query: Query, own: str, briefing: str, span: tuple[str, str]) -> Score | None:
    """Score one meeting (its own text, its briefing's text, its date span) against ``query``; None if no match.

    An undated meeting (``span`` of empty strings) never matches a ``date:`` term.
    """
    via = fuzzy = 0
    for term in query.terms:
        if term.field == "is":  # the reader's marks are not in the text: the search index applies them
            continue
        if term.alternatives:  # a declared person: the best of their forms (any of them rules a meeting out)
            scores = [match_hays(Query((one,), ""), own, briefing, span) for one in term.expanded()]
            if term.negate:
                if None in scores:
                    return None
                continue
            best = min((score for score in scores if score is not None), default=None)
            if best is None:
                return None
            via, fuzzy = via + best.via_briefing, fuzzy + best.fuzzy
            continue
        if term.span is not None:
            inside = bool(span[0]) and span[0] <= term.span[1] and span[1] >= term.span[0]
            if inside == term.negate:
                return None
            continue
        if term.negate:  # only an exact match excludes
            hays = (term_hay(term, own, briefing),) if term.field else (own, briefing)
            if any(term.needle in hay for hay in hays):
                return None
            continue
        if term.field:
            hit = term_score(term, term_hay(term, own, briefing))
            if hit is None:
                return None
            fuzzy += hit
            continue
        hit = term_score(term, own)
        if hit is None:
            if term_score(term, briefing) is None:
                return None
            via += 1
        else:
            fuzzy += hit
    return Score(via, fuzzy)


def match_row(query: Query, row: Row) -> Score | None:
    """Score one meeting against ``query`` (see :func:`match_hays`).

    ``date:`` terms use the meeting's date, or its briefing's when it has none.
    """
    when = row.when
    span = (when.earliest, when.latest) if when else ("", "")
    return match_hays(query, meeting_hay(row.meeting), briefing_hay(row.briefing), span)


# ---------------------------------------------------------------- highlighting

_WORD = re.compile(r"\w+(?:[-‐‑–—]\w+)*")
_DASH = re.compile(r"[-‐‑–—]")
_PART = re.compile(r"\w+")


@functools.lru_cache(maxsize=8192)  # a screen of rows repeats its names and words: each is judged once per query
def _hits(words: tuple[str, ...], token: str) -> bool:
    folded = fold(token)
    if not folded:
        return False
    first = folded.split()[0]
    return any(first.startswith(w) or (len(w) >= FUZZY_MIN and within_one_edit_prefix(w, first)) for w in words)


def highlight_spans(query: Query, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (original, unfolded) that the query's words match, at most :data:`MAX_HIGHLIGHTS`."""
    return word_spans(query.words, text)


def word_spans(words: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that ``words`` (a query's :attr:`~Query.words`) match, at most :data:`MAX_HIGHLIGHTS`."""
    if not words or not text:
        return []
    spans: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        whole = match.group()
        if not _DASH.search(whole):
            if _hits(words, whole):
                spans.append(match.span())
        elif _hits(words, _DASH.sub("", whole)):
            spans.append(match.span())  # "coproduction" finds "Co-production": mark all of it
        else:
            start = match.start()
            for part in _PART.finditer(whole):
                if _hits(words, part.group()):
                    spans.append((start + part.start(), start + part.end()))
        if len(spans) >= MAX_HIGHLIGHTS:
            return spans[:MAX_HIGHLIGHTS]
    return spans
