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
        ("is:flaged", "did you mean `is:flagged`?"),
        ("is:", "`is:` needs something after it, e.g. is:flagged"),
        ("x" * (MAX_LENGTH + 1), "characters long"),
        (" ".join(["a"] * (MAX_TERMS + 1)), f"more than {MAX_TERMS} terms"),
    ],
)
def test_queries_that_cannot_mean_anything_are_errors(text: str, says: str) -> None:
    with pytest.raises(QueryError, match=None) as raised:
        parse_query(text)
    assert says in str(raised.value)


def test_is_terms_ask_for_the_readers_marks_and_leave_the_text_alone() -> None:
    from briefing.query.marks import Marks
    from briefing.query.search import SearchIndex

    index = SearchIndex(ROWS)
    refs = [entry.ref for entry in index.catalog.entries]
    index.marks = Marks(flagged=frozenset(refs[:1]), read=frozenset(refs[1:2]))
    assert list(index.search(parse_query("is:flagged")).rows) == [0]
    assert list(index.search(parse_query("is:read")).rows) == [1]
    assert 1 not in index.search(parse_query("is:unread")).rows and 0 in index.search(parse_query("is:unread")).rows
    assert list(index.search(parse_query("-is:unread")).rows) == [1]
    assert parse_query("is:flagged rubio").words == ("rubio",)  # nothing to highlight in the text


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


# ------------------------------------------------------------------ countries, however written

COUNTRY_ROWS = [
    meeting("Written US", participants=(Participant("A", country="US"),)),
    meeting("Written U.S.", participants=(Participant("B", country="U.S."),)),
    meeting("Written United States of America", participants=(Participant("C", country="United States of America"),)),
    meeting("Written Norway", participants=(Participant("D", country="Norway"),)),
    meeting("Written Turkey", participants=(Participant("E", country="Turkey"),)),
    meeting("Written Türkiye", participants=(Participant("F", country="Türkiye"),)),
    meeting("Written European Union", participants=(Participant("G", country="European Union"),)),
    meeting("Written United Kingdom", participants=(Participant("H", country="United Kingdom"),)),
]
COUNTRY_INDEXES = indexes(COUNTRY_ROWS)
AMERICA = ["Written US", "Written U.S.", "Written United States of America"]


def country_titles(text: str) -> list[str]:
    return [COUNTRY_ROWS[i].meeting.title for i in search(parse_query(text), COUNTRY_ROWS, COUNTRY_INDEXES).rows]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        *[(query, AMERICA) for query in ("country:us", "country:usa", "country:U.S.", 'country:"united states"')],
        ('country:"United States of America"', AMERICA),
        ("country:no", ["Written Norway"]),  # a code, not a prefix of "North…"
        ("country:nor", ["Written Norway"]),
        ("country:turkey", ["Written Turkey", "Written Türkiye"]),
        ("country:turkiye", ["Written Turkey", "Written Türkiye"]),
        ("country:uk", ["Written United Kingdom"]),
        ('country:"european union"', ["Written European Union"]),  # no country: matched as written
        ("country:europ", ["Written European Union"]),
        ("country:united", [*AMERICA[2:], "Written United Kingdom"]),  # no country yet: the written words
        ("-country:us", [t for t in (r.meeting.title for r in COUNTRY_ROWS) if t not in AMERICA]),
        ("usa", AMERICA),  # the code is a word of the meeting too
    ],
)
def test_a_country_is_found_however_it_is_written(query: str, expected: list[str]) -> None:
    assert country_titles(query) == expected


def test_a_country_term_highlights_no_code() -> None:
    assert parse_query("country:us rubio").words == ("rubio",)


# ------------------------------------------------------------------ declared people

PEOPLE_YAML = """\
people:
  - name: Subrahmanyam Jaishankar
    aka: [S. Jaishankar]
"""
PEOPLE_ROWS = [
    meeting("Short form", participants=(Participant("S. Jaishankar"),)),
    meeting("Full form", participants=(Participant("Subrahmanyam Jaishankar"),)),
    meeting("Another Jaishankar", participants=(Participant("T. Jaishankar"),)),
    meeting("Someone else", participants=(Participant("Marco Rubio"),)),
]


def people_titles(text: str, declared: bool = True) -> list[str]:
    from briefing.archive.people import parse_people

    registry = parse_people(PEOPLE_YAML, "people.yaml")[0] if declared else None
    built = indexes(PEOPLE_ROWS, registry)
    return [PEOPLE_ROWS[i].meeting.title for i in search(parse_query(text), PEOPLE_ROWS, built, registry).rows]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("person:subrahmanyam", ["Short form", "Full form"]),
        ('person:"S. Jaishankar"', ["Short form", "Full form"]),
        ('person:"Subrahmanyam Jaishankar"', ["Short form", "Full form"]),
        ("person:jaishankar", ["Short form", "Full form", "Another Jaishankar"]),  # the word, in every name
        ('person:"T. Jaishankar"', ["Another Jaishankar"]),  # undeclared: himself only
        ("-person:subrahmanyam", ["Another Jaishankar", "Someone else"]),
        ("person:subrahmanyam -person:rubio", ["Short form", "Full form"]),
    ],
)
def test_a_declared_person_is_found_by_any_of_their_forms(query: str, expected: list[str]) -> None:
    assert people_titles(query) == expected


def test_undeclared_names_are_never_merged() -> None:
    assert people_titles("person:subrahmanyam", declared=False) == ["Full form"]
    assert people_titles('person:"S. Jaishankar"', declared=False) == ["Short form"]


def test_a_typo_early_in_a_word_finds_every_word_sharing_its_end() -> None:
    # "nineral": its first half matches nothing, so the words are found by the second half ("eral"), which
    # several words hold; each of them must be weighed, not only the first the vocabulary lists.
    rows = [meeting(title) for title in ("A federal budget", "The general view", "Critical mineral deals", "Minerals")]
    found = search(parse_query("nineral"), rows, indexes(rows))
    assert set(found.rows) == {2, 3}


def test_one_word_ranks_exact_then_one_edit_away_then_only_through_the_briefing() -> None:
    mining = Briefing(
        id="m", title="Mining week", date=parse_date("2025-05-01"), meetings=(), path="m.yaml", summary="On lithium."
    )
    rows = [
        meeting("Talks on ports", mining),  # only its briefing says lithium
        meeting("Lithum accord", BRIEFING),  # one edit away (a typo in the file)
        meeting("Lithium deal", BRIEFING),
    ]
    found = search(parse_query("lithium"), rows, indexes(rows))
    assert list(found.rows) == [2, 1, 0]
    assert found.via_briefing == {0}


def test_two_words_rank_by_how_many_matched_through_the_briefing_then_at_one_edit() -> None:
    mining = Briefing(
        id="m", title="Mining week", date=parse_date("2025-05-01"), meetings=(), path="m.yaml", summary="On lithium."
    )
    rows = [
        meeting("Ports and lithium talks", mining),  # both words itself: first
        meeting("Ports again", mining),  # lithium only through its briefing
        meeting("Lithum and ports", BRIEFING),  # lithium at one edit
        meeting("Portz and lithum", mining),  # both at one edit (its own text counts before its briefing's)
    ]
    found = search(parse_query("lithium ports"), rows, indexes(rows))
    assert list(found.rows) == [0, 2, 3, 1]  # (through the briefing, at one edit): (0, 0) (0, 1) (0, 2) (1, 0)
    assert found.via_briefing == {1}
