"""The query language: one rule per test, checked on the pure matcher and on both kinds of index."""

from __future__ import annotations

import pytest

from briefing.format.dates import parse_date
from briefing.format.model import Briefing, Meeting, Outcome, Participant, Row, Topic
from briefing.query.language import MAX_LENGTH, MAX_TERMS, QueryError, field_query, parse_query
from briefing.query.matching import highlight_spans, within_one_edit_prefix
from tests.searching import indexes, search

BRIEFING = Briefing(
    id="b",
    title="Quad week in Washington",
    date=parse_date("2025-07-02"),
    meetings=(),
    path="b.yaml",
    tags=("Indo-Pacific", "G20"),
    summary="Talks about maritime security.",
)


def meeting(title: str, briefing: Briefing = BRIEFING, **fields: object) -> Row:
    values: dict[str, object] = {"id": title.lower(), "title": title, "participants": (Participant("Someone"),)}
    values.update(fields)
    return Row(briefing, Meeting(**values))  # type: ignore[arg-type]


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
        topics=(Topic("US–India trade"), Topic("Co-production")),
        venue="The Pentagon",
        kind="multilateral",
    ),
    meeting(
        "Call on chains of command",
        participants=(
            Participant("Penny Wong", "Foreign Minister", "Australia"),
            Participant("Japan's envoy", country="Japan"),
        ),
        summary="A short call about the chain of supply and maritime security.",
        kind="call",
    ),
    meeting(
        "Other briefing, other talks",
        briefing=BRIEFING._replace(id="c", title="Vienna round", tags=(), summary=""),
        participants=(Participant("Someone Else"),),
    ),
]

INDEXES = indexes(ROWS)


def titles(text: str) -> list[str]:
    """Titles matching ``text``, best first; every kind of index and the pure matcher must agree."""
    return [ROWS[i].meeting.title for i in search(parse_query(text), ROWS, INDEXES).rows]


def via_briefing(text: str) -> list[str]:
    """Titles that match ``text`` only through their briefing."""
    result = search(parse_query(text), ROWS, INDEXES)
    return [ROWS[i].meeting.title for i in result.rows if i in result.via_briefing]


def test_words_are_anded_and_match_word_prefixes() -> None:
    assert titles("rub") == ["Jaishankar meets Rubio"]
    assert titles("jai rub") == ["Jaishankar meets Rubio"]
    assert titles("jai wong") == []
    assert titles("ubio") == []  # inside a word is not a prefix


def test_case_accents_and_punctuation_are_ignored() -> None:
    assert titles("SZIJJARTO") == ["Talks with Szijjártó"]
    assert titles("us-india") == ["Talks with Szijjártó"]
    assert titles("washington dc") == ["Jaishankar meets Rubio"]


def test_a_hyphenated_word_also_matches_written_together() -> None:
    assert titles("coproduction") == ["Talks with Szijjártó"]
    assert titles("co-production") == ["Talks with Szijjártó"]
    assert titles("usindia") == ["Talks with Szijjártó"]
    assert titles('"co production"') == ["Talks with Szijjártó"]


def test_long_words_match_at_one_edit_and_exact_matches_rank_first() -> None:
    assert titles("defense") == ["Jaishankar meets Rubio"]
    assert titles("szijarto") == ["Talks with Szijjártó"]  # a deletion
    assert titles("chain") == ["Jaishankar meets Rubio", "Call on chains of command"]
    # "chians" is one edit from "chains": no exact match, both rows by one edit
    assert titles("chians") == ["Jaishankar meets Rubio", "Call on chains of command"]
    # short words never match fuzzily
    assert titles("rubi") == ["Jaishankar meets Rubio"]
    assert titles("rbio") == []


@pytest.mark.parametrize("built", [0, 1], ids=["scanning", "word index"])
def test_exact_matches_rank_before_one_edit_matches(built: int) -> None:
    rows = [meeting("Defense posture"), meeting("Defence posture"), meeting("Defense review")]
    ranked = [rows[i].meeting.title for i in indexes(rows)[built].search(parse_query("defence")).rows]
    assert ranked == ["Defence posture", "Defense posture", "Defense review"]


def test_phrases_keep_their_order_and_the_last_word_is_a_prefix() -> None:
    assert titles('"supply chains"') == ["Jaishankar meets Rubio"]
    assert titles('"supply chain"') == ["Jaishankar meets Rubio"]  # supply chains
    assert titles('"chains supply"') == []
    assert titles('"rubio secretary"') == []  # a name and a role are two values: no phrase across them


def test_minus_excludes() -> None:
    assert titles("minister -wong") == ["Jaishankar meets Rubio", "Talks with Szijjártó"]
    assert titles('-"supply chains" chain') == ["Call on chains of command"]


def test_text_of_the_briefing_matches_its_meetings_after_those_that_say_it_themselves() -> None:
    # "maritime" is in the third meeting's own summary, and in the briefing's summary.
    assert titles("maritime") == ["Call on chains of command", "Jaishankar meets Rubio", "Talks with Szijjártó"]
    assert via_briefing("maritime") == ["Jaishankar meets Rubio", "Talks with Szijjártó"]
    assert titles("vienna") == ["Other briefing, other talks"]
    assert via_briefing("vienna") == ["Other briefing, other talks"]
    assert titles("-quad") == ["Other briefing, other talks"]  # an exclusion looks through the briefing too


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
        ("topic:coproduction", ["Talks with Szijjártó"]),
        ("outcome:agreed", ["Jaishankar meets Rubio"]),
        ("place:pentagon", ["Talks with Szijjártó"]),
        ("place:washington", ["Jaishankar meets Rubio"]),
        ("kind:call", ["Call on chains of command"]),
        ("kind:multi", ["Talks with Szijjártó"]),
        ("-kind:call minister", ["Jaishankar meets Rubio", "Talks with Szijjártó"]),
        ("tag:g20", ["Jaishankar meets Rubio", "Talks with Szijjártó", "Call on chains of command"]),
        ("tag:indo", ["Jaishankar meets Rubio", "Talks with Szijjártó", "Call on chains of command"]),
        ("-tag:g20", ["Other briefing, other talks"]),
        ("briefing:vienna", ["Other briefing, other talks"]),
        ("briefing:maritime", ["Jaishankar meets Rubio", "Talks with Szijjártó", "Call on chains of command"]),
        ("date:2025-07", ["Jaishankar meets Rubio", "Call on chains of command", "Other briefing, other talks"]),
        ("date:2025-06-01..2025-06-30", ["Talks with Szijjártó"]),
        ("date:..2025-06-30", ["Talks with Szijjártó"]),
        ("-date:2025-07", ["Talks with Szijjártó"]),
        ("person:szijarto", ["Talks with Szijjártó"]),
        ("person:rubioo", ["Jaishankar meets Rubio"]),
        ("-person:wong minister", ["Jaishankar meets Rubio", "Talks with Szijjártó"]),
        ('person:"marco rubio"', ["Jaishankar meets Rubio"]),
        ('person:"rubio marco"', []),
    ],
)
def test_fields(query: str, expected: list[str]) -> None:
    assert titles(query) == expected


def test_everything_a_reader_sees_is_searched() -> None:
    assert titles("short call") == ["Call on chains of command"]  # the summary
    assert titles("australia") == ["Call on chains of command"]  # a country, without a field
    assert len(titles("quad")) == 3  # the briefing's title, for each of its meetings


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("foo:bar", "`foo:` is not a field"),
        ("tags:quad", "did you mean `tag:`?"),
        ("persn:rubio", "did you mean `person:`?"),
        ("location:geneva", "did you mean `place:`?"),
        ("person:", "`person:` needs something after it"),
        ('person:""', "`person:` needs something after it"),
        ("date:", "`date:` needs something after it"),
        ("date:2025-13", "month 13"),
        ("date:2025-07-01..2025-06-01", "ends before it starts"),
        ("x" * (MAX_LENGTH + 1), "characters long"),
        (" ".join(["a"] * (MAX_TERMS + 1)), f"more than {MAX_TERMS} terms"),
    ],
)
def test_queries_that_cannot_mean_anything_are_errors(text: str, says: str) -> None:
    with pytest.raises(QueryError, match=None) as raised:
        parse_query(text)
    assert says in str(raised.value)


def test_text_with_a_colon_that_is_no_field_stays_text() -> None:
    assert [t.words for t in parse_query("10:30").terms] == [("10", "30")]
    assert [t.words for t in parse_query('"https://example.org"').terms] == [("https", "example", "org")]


def test_empty_query_matches_everything() -> None:
    assert titles("") == [row.meeting.title for row in ROWS]
    assert titles('  "" -') == [row.meeting.title for row in ROWS]


def test_field_query_quotes_a_value() -> None:
    assert field_query("person", 'Jane "JD" Doe') == 'person:"Jane  JD  Doe"'
    assert parse_query(field_query("person", 'Jane "JD" Doe')).terms[0].words == ("jane", "jd", "doe")


def test_highlight_spans_cover_prefix_fuzzy_and_joined_matches() -> None:
    text = "Péter Szijjártó discussed defence and Co-production"
    spans = highlight_spans(parse_query("szij defense coproduction"), text)
    assert [text[a:b] for a, b in spans] == ["Szijjártó", "defence", "Co-production"]
    spans = highlight_spans(parse_query("production"), text)
    assert [text[a:b] for a, b in spans] == ["production"]


def test_highlighting_is_bounded() -> None:
    from briefing.query.matching import MAX_HIGHLIGHTS

    assert len(highlight_spans(parse_query("india"), "India " * 10_000)) == MAX_HIGHLIGHTS


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
