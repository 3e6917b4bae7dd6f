"""The query language: one rule per test, checked on the pure matcher and the index."""

from __future__ import annotations

import pytest

from briefing.dates import parse_date
from briefing.model import Briefing, Meeting, Outcome, Participant, Row, Topic
from briefing.postings import Postings
from briefing.query import QueryError, highlight_spans, match_row, parse_query, within_one_edit_prefix
from briefing.search import SearchIndex

BRIEFING = Briefing(
    id="b",
    title="Quad week in Washington",
    date=parse_date("2025-07-02"),
    meetings=(),
    path="b.yaml",
    tags=("Indo-Pacific",),
)


def meeting(title: str, **fields: object) -> Row:
    values: dict[str, object] = {"id": title.lower(), "title": title, "participants": (Participant("Someone"),)}
    values.update(fields)
    return Row(BRIEFING, Meeting(**values))  # type: ignore[arg-type]


ROWS = [
    meeting(
        "Jaishankar meets Rubio",
        date=parse_date("2025-07-01"),
        participants=(
            Participant("S. Jaishankar", "External Affairs Minister", "India"),
            Participant("Marco Rubio", "Secretary of State", "United States"),
        ),
        topics=(Topic("Supply chains", "resilient supply chains"), Topic("Defence")),
        outcomes=(Outcome("Agreed to meet again", "plan"),),
        location="Washington, DC",
        kind="bilateral",
    ),
    meeting(
        "Talks with Szijjártó",
        date=parse_date("2025-06-10"),
        participants=(Participant("Péter Szijjártó", "Foreign Minister", "Hungary"),),
        topics=(Topic("US–India trade"),),
        venue="The Pentagon",
        kind="multilateral",
    ),
    meeting(
        "Call on chains of command",
        participants=(
            Participant("Penny Wong", "Foreign Minister", "Australia"),
            Participant("Japan's envoy", country="Japan"),
        ),
        summary="A short call about the chain of supply.",
        kind="call",
    ),
]


def index_of(rows: list[Row], postings: bool, fields: bool = False) -> SearchIndex:
    """A search index scanning haystacks, or using a word-prefix index as large archives do."""
    index = SearchIndex(rows)
    if postings:
        index.catalog.postings = index.postings = Postings.build(index.catalog.hays)
        if fields:
            index = index.with_field_index()
    return index


INDEXES = [index_of(ROWS, False), index_of(ROWS, True), index_of(ROWS, True, fields=True)]


def titles(text: str) -> list[str]:
    """Titles matching ``text``; every kind of index and the pure matcher must agree."""
    query = parse_query(text)
    slow = [row.meeting.title for row in ROWS if match_row(query, row) is not None]
    results = []
    for index in INDEXES:
        fast = [ROWS[i].meeting.title for i in index.search(query)]
        assert sorted(fast) == sorted(slow)
        results.append(fast)
    assert results[0] == results[1] == results[2]
    return results[0]


def test_words_are_anded_and_match_word_prefixes() -> None:
    assert titles("rub") == ["Jaishankar meets Rubio"]
    assert titles("jai rub") == ["Jaishankar meets Rubio"]
    assert titles("jai wong") == []
    assert titles("ubio") == []  # inside a word is not a prefix


def test_case_accents_and_punctuation_are_ignored() -> None:
    assert titles("SZIJJARTO") == ["Talks with Szijjártó"]
    assert titles("us-india") == ["Talks with Szijjártó"]
    assert (
        titles("washington dc") == ["Jaishankar meets Rubio", "Talks with Szijjártó", "Call on chains of command"][:1]
    )


def test_long_words_match_at_one_edit_and_exact_matches_rank_first() -> None:
    assert titles("defense") == ["Jaishankar meets Rubio"]
    assert titles("szijarto") == ["Talks with Szijjártó"]  # a deletion
    assert titles("chain") == ["Jaishankar meets Rubio", "Call on chains of command"]
    # "chians" is one edit from "chains": no exact match, both rows by one edit
    assert titles("chians") == ["Jaishankar meets Rubio", "Call on chains of command"]
    # short words never match fuzzily
    assert titles("rubi") == ["Jaishankar meets Rubio"]
    assert titles("rbio") == []


@pytest.mark.parametrize(("postings", "fields"), [(False, False), (True, False), (True, True)])
def test_exact_matches_rank_before_one_edit_matches(postings: bool, fields: bool) -> None:
    rows = [meeting("Defense posture"), meeting("Defence posture"), meeting("Defense review")]
    index = index_of(rows, postings, fields)
    ranked = [rows[i].meeting.title for i in index.search(parse_query("defence"))]
    assert ranked == ["Defence posture", "Defense posture", "Defense review"]


def test_quoted_phrases_match_whole_words_in_order() -> None:
    assert titles('"supply chains"') == ["Jaishankar meets Rubio"]
    assert titles('"chains supply"') == []
    assert titles('"supply chain"') == []  # a phrase is exact


def test_minus_excludes() -> None:
    assert titles("minister -wong") == ["Jaishankar meets Rubio", "Talks with Szijjártó"]
    assert titles('-"supply chains" chain') == ["Call on chains of command"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("person:rubio", ["Jaishankar meets Rubio"]),
        ("person:secretary", ["Jaishankar meets Rubio"]),
        ("person:india", []),
        ("country:japan", ["Call on chains of command"]),
        ("country:hungary", ["Talks with Szijjártó"]),
        ("topic:supply", ["Jaishankar meets Rubio"]),
        ("topic:trade", ["Talks with Szijjártó"]),
        ("outcome:agreed", ["Jaishankar meets Rubio"]),
        ("place:pentagon", ["Talks with Szijjártó"]),
        ("place:washington", ["Jaishankar meets Rubio"]),
        ("kind:call", ["Call on chains of command"]),
        ("kind:multi", ["Talks with Szijjártó"]),
        ("-kind:call minister", ["Jaishankar meets Rubio", "Talks with Szijjártó"]),
        ("date:2025-07", ["Jaishankar meets Rubio", "Call on chains of command"]),  # undated: its briefing's date
        ("date:2025-06-01..2025-06-30", ["Talks with Szijjártó"]),
        ("date:..2025-06-30", ["Talks with Szijjártó"]),
        ("-date:2025-07", ["Talks with Szijjártó"]),
    ],
)
def test_field_prefixes(query: str, expected: list[str]) -> None:
    assert titles(query) == expected


@pytest.mark.parametrize("query", ["person:szijarto", "person:rubioo", "-person:wong minister", 'person:"marco rubio"'])
def test_field_words_with_typos_and_exclusions(query: str) -> None:
    titles(query)  # all index kinds agree with the pure matcher


def test_everything_a_reader_sees_is_searched() -> None:
    assert len(titles("quad")) == 3  # the briefing's title
    assert len(titles("indo pacific")) == 3  # a tag
    assert titles("short call") == ["Call on chains of command"]  # the summary
    assert titles("australia") == ["Call on chains of command"]  # a country, without a field


def test_unknown_field_is_plain_words() -> None:
    query = parse_query("foo:bar")
    assert [t.words for t in query.terms] == [("foo", "bar")]


def test_bad_date_in_query_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="date:2025-13"):
        parse_query("date:2025-13")


def test_empty_query_matches_everything() -> None:
    assert titles("") == [row.meeting.title for row in ROWS]
    assert titles('  "" -') == [row.meeting.title for row in ROWS]


def test_highlight_spans_cover_prefix_and_fuzzy_matches() -> None:
    text = "Péter Szijjártó discussed defence"
    spans = highlight_spans(parse_query("szij defense"), text)
    assert [text[a:b] for a, b in spans] == ["Szijjártó", "defence"]


@pytest.mark.parametrize(
    ("word", "token", "expected"),
    [
        ("defense", "defence", True),
        ("defense", "defenses", True),
        ("defens", "defence", True),
        ("rubio", "rubio", True),
        ("rubio", "rubbio", True),
        ("rubio", "rbio", True),
        ("rubio", "rubxx", False),
        ("abcdef", "xbcdex", False),
        ("hegseth", "hegset", True),
    ],
)
def test_one_edit_prefix(word: str, token: str, expected: bool) -> None:
    assert within_one_edit_prefix(word, token) is expected
