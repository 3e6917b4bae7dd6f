"""Declared people in searches: ``person:`` finds a person however the archive writes them, where it says so.

A ``person:`` term that matches one of the forms a people file declares for a
person (``person:subrahmanyam`` matches ``Subrahmanyam Jaishankar``) also
matches every other form of that person (``S. Jaishankar``): the term gains
those forms as alternatives (:attr:`~briefing.query.language.Term.alternatives`).
Nothing undeclared is merged: without a people file a query means what it says.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..format.text import fold_cached
from .language import Query, Term

if TYPE_CHECKING:
    from ..archive.people import PeopleRegistry


@lru_cache(maxsize=8)
def _folded_forms(registry: PeopleRegistry) -> tuple[tuple[str, ...], ...]:
    """Each declared person's forms, folded and padded (``" s jaishankar "``), in declaration order."""
    return tuple(tuple(f" {fold_cached(form)} " for form in person.forms) for person in registry)


def alternatives(term: Term, registry: PeopleRegistry) -> tuple[tuple[str, ...], ...]:
    """The words of every other form of each declared person one of whose forms ``term`` matches."""
    needle = term.needle
    found: dict[tuple[str, ...], None] = {}
    for forms in _folded_forms(registry):
        if any(needle in form for form in forms):
            for form in forms:
                found[tuple(form.split())] = None
    found.pop(term.words, None)
    return tuple(found)


def with_people(query: Query, registry: PeopleRegistry | None) -> Query:
    """``query`` with each ``person:`` term that names a declared person widened to all of that person's forms."""
    if not registry or not any(term.field == "person" for term in query.terms):
        return query
    terms = []
    for term in query.terms:
        if term.field == "person" and not term.alternatives:
            more = alternatives(term, registry)
            if more:
                term = term._replace(alternatives=more)
        terms.append(term)
    return query._replace(terms=tuple(terms))
