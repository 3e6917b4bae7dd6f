"""Search the same rows three ways (the pure matcher, scanning, the word index) and insist they agree."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.archive.catalog import Catalog
from briefing.archive.people import PeopleRegistry
from briefing.format.model import Row
from briefing.query.language import Query
from briefing.query.matching import match_row
from briefing.query.people import with_people
from briefing.query.search import Result, SearchIndex


def indexes(rows: Sequence[Row], people: PeopleRegistry | None = None) -> list[SearchIndex]:
    """A scanning index over ``rows`` (as small archives have) and one with a word index (as large ones do)."""
    scanning = SearchIndex(Catalog.from_rows(rows), people)
    catalog = Catalog.from_rows(rows)
    catalog.build_index()
    return [scanning, SearchIndex(catalog, people)]


def expected(query: Query, rows: Sequence[Row], people: PeopleRegistry | None = None) -> Result:
    """What the pure matcher says: matching rows by score, then in order; and those matched through their briefing."""
    query = with_people(query, people)
    scored = [(score, i) for i, row in enumerate(rows) if (score := match_row(query, row)) is not None]
    scored.sort()
    return Result([i for _, i in scored], frozenset(i for score, i in scored if score.via_briefing))


def search(
    query: Query, rows: Sequence[Row], built: Sequence[SearchIndex], people: PeopleRegistry | None = None
) -> Result:
    """The rows ``query`` finds, after checking every index gives exactly what the pure matcher gives."""
    want = expected(query, rows, people)
    for index in built:
        got = index.search(query)
        assert (list(got.rows), got.via_briefing) == (list(want.rows), want.via_briefing), (query.text, index.postings)
    return want
