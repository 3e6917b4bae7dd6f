"""A person's or a country's page: their meetings over time, roles, counterparts, countries and topics.

Worked out from the meetings their query finds (``person:"…"``, ``country:"…"``,
a declared person under every form they are written in) and the catalog's
:class:`~briefing.query.tally.Tally`; only a person's roles need the meetings'
records. Each count carries the query that finds its meetings, narrowed to the
person or country.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..archive.catalog import Catalog
from ..archive.facets import facets_of
from ..archive.people import Role
from ..format.countries import resolve
from ..format.text import fold
from .language import field_query, parse_query
from .search import SearchIndex
from .tally import Counts, tally_of, timeline

TOP = 10
"""Lines per list of a page (the most frequent)."""
MAX_ROLES = 20


class RoleSeen(NamedTuple):
    """A role as briefings give it for the person, with the first and last day of the meetings it is given in."""

    role: str
    first: str
    last: str
    meetings: int


class Profile(NamedTuple):
    """What a page shows of one person (``by`` ``person``) or country (``country``)."""

    by: str
    name: str
    """The person's declared name (else as written), or the country's name once resolved (else as written)."""
    forms: tuple[str, ...]
    """The other ways the name is written: a declared person's aliases, a country's spellings seen."""
    query: str
    """The query that finds every meeting of theirs."""
    rows: Sequence[int]
    """Their meetings, as catalog positions (newest first, as the list has them)."""
    first: str
    last: str
    """The earliest and latest day of their meetings ("" when none is dated)."""
    briefings: int
    roles: tuple[RoleSeen, ...]
    """For a person: each role the briefings give them, the most recent first."""
    declared: tuple[Role, ...]
    """For a person: the roles their people file declares."""
    counterparts: Counts
    """For a person: the people they met; for a country: the people in its meetings."""
    countries: Counts
    """For a person: the countries in their meetings; for a country: the other countries in its meetings."""
    topics: Counts
    timeline: Counts
    """Their meetings by month (week, year: :func:`~briefing.query.tally.timeline`), the empty ones as 0."""


def profile(index: SearchIndex, by: str, value: str) -> Profile:
    """The page of ``value``, a person (``by`` ``person``) or a country (``country``), in ``index``'s catalog."""
    catalog = index.catalog
    people = catalog.people
    if by == "person":
        name = people.canonical(value) if people else value
        person = people.person(name) if people else None
        forms = person.aka if person is not None else ()
    else:
        country = resolve(value)
        name = country.name if country is not None else value
        forms = ()
    query = field_query(by, name)
    parsed = parse_query(query)
    rows = index.search(parsed).rows if parsed else []  # a name of no letters or digits finds nothing, not all
    tally = tally_of(catalog)
    itself = fold(name)

    def others(counts: Counts) -> Counts:
        """``counts`` without the page's own person or country."""
        kept = [count for count in counts.counts if fold(count.value) != itself]
        return counts._replace(counts=kept, values=counts.distinct - (len(counts.counts) - len(kept)))

    earliest, latest = tally.spans
    dated = [row for row in rows if earliest[row]]
    first = min((earliest[row] for row in dated), default="")
    last = max((latest[row] for row in dated), default="")
    files = {catalog.entries[row].briefing_title for row in rows}
    if by == "country":
        forms = _spellings(catalog, rows, name)
    return Profile(
        by=by,
        name=name,
        forms=forms,
        query=query,
        rows=rows,
        first=first,
        last=last,
        briefings=len(files),
        roles=_roles(catalog, rows, name) if by == "person" else (),
        declared=person.roles if by == "person" and person is not None else (),
        counterparts=others(tally.count("person", rows, top=TOP + 1)),  # one more: the page's own may be among them
        countries=others(tally.count("country", rows, top=TOP + 1)),
        topics=tally.count("topic", rows, top=TOP),
        timeline=timeline(tally, rows),
    )


def _roles(catalog: Catalog, rows: Sequence[int], name: str) -> tuple[RoleSeen, ...]:
    """The roles the meetings at ``rows`` give the person ``name`` (under any declared form)."""
    people = catalog.people
    itself = fold(name)
    seen: dict[str, list[str | int]] = {}
    for row in rows:
        found = catalog.row(row)
        when = found.when
        for participant in found.meeting.participants:
            written = people.canonical(participant.name) if people else participant.name
            if not participant.role or fold(written) != itself:
                continue
            span = seen.setdefault(participant.role, ["", "", 0])
            if when is not None:
                span[0] = min(str(span[0]) or when.earliest, when.earliest)
                span[1] = max(str(span[1]), when.latest)
            span[2] = int(span[2]) + 1
    roles = [RoleSeen(role, str(a), str(b), int(n)) for role, (a, b, n) in seen.items()]
    roles.sort(key=lambda role: (role.last, role.meetings), reverse=True)
    return tuple(roles[:MAX_ROLES])


def _spellings(catalog: Catalog, rows: Sequence[int], name: str) -> tuple[str, ...]:
    """How the meetings at ``rows`` write the country ``name``, other than as its name (``U.S.``, ``USA``)."""
    found: dict[str, None] = {}
    for row in rows[:2000]:  # enough to show how it is written; a page is not a census
        for value in facets_of(catalog.facets[row]).countries:
            country = resolve(value)
            if value != name and (country.name if country is not None else value) == name:
                found.setdefault(value, None)
    return tuple(sorted(found, key=str.casefold))
