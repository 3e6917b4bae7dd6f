"""Search the same rows three ways (the pure matcher, scanning, the word index) and insist they agree."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.archive import postings
from briefing.archive.catalog import Catalog
from briefing.archive.people import PeopleRegistry
from briefing.format.model import Row
from briefing.query.language import Query
from briefing.query.matching import match_row
from briefing.query.people import with_people
from briefing.query.search import Result, SearchIndex


def indexes(rows: Sequence[Row], people: PeopleRegistry | None = None) -> list[SearchIndex]:
    """A scanning index over ``rows`` (as small archives have) and two with a word index (as large ones do).

    In a small catalog every word is in many of its rows, so the index keeps each as a set of bits; the
    second is built with none of them dense (rows kept as arrays, as for a rare word of a large archive),
    and its catalog's date and briefing columns made ready, as the reader makes them.
    """
    scanning = SearchIndex(Catalog.from_rows(rows), people)
    dense = Catalog.from_rows(rows)
    dense.build_index()
    sparse = Catalog.from_rows(rows)
    kept = postings.DENSE
    postings.DENSE = 0  # no word is dense
    try:
        sparse.build_index()
    finally:
        postings.DENSE = kept
    assert sparse.postings is not None and not sparse.postings.dense
    sparse.row_sets.prepare()
    return [scanning, SearchIndex(dense, people), SearchIndex(sparse, people)]


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
