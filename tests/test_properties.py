"""Property-based tests: whatever the input, only the project's own errors, never a hang."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.loader import load_file
from briefing.model import rows_of
from briefing.postings import Postings
from briefing.query import QueryError, match_row, parse_query
from briefing.search import SearchIndex
from briefing.text import is_safe, neutralise
from tests.hostile import briefing_with, yaml_quote
from tests.oracle import assert_terminal_safe

SETTINGS = settings(max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
_DIR = Path(tempfile.mkdtemp(prefix="briefing-props-"))


def _load_bytes(data: bytes) -> None:
    path = _DIR / "case.yaml"
    path.write_bytes(data)
    result = load_file(str(path))
    for problem in result.problems:
        assert problem.line >= 0 and problem.column >= 0
        assert_terminal_safe(str(problem))
    for briefing in result.briefings:
        for meeting in briefing.meetings:
            assert is_safe(meeting.title)


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_as_a_file(data: bytes) -> None:
    _load_bytes(data)


YAMLISH = st.text(
    alphabet=st.sampled_from([*list("abc:-[]{}&*!|>'\"#,?\n\t %@`~\\0123"), "\x1b", "é", "\u202e"]), max_size=300
)


@SETTINGS
@given(YAMLISH)
def test_yaml_like_text_as_a_file(text: str) -> None:
    _load_bytes(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_as_a_field_value_is_kept_neutralised(value: str) -> None:
    path = _DIR / "field.yaml"
    path.write_text(briefing_with(value), encoding="utf-8", errors="surrogatepass")
    result = load_file(str(path))
    if value.strip():
        assert result.problems == (), result.problems
        (briefing,) = result.briefings
        assert briefing.meetings[0].title == neutralise(value.strip())
        assert is_safe(briefing.summary)
    else:
        assert result.problems  # an empty title is an error, never a crash


@SETTINGS
@given(st.text(max_size=80))
def test_quoting_helper_round_trips(value: str) -> None:
    # The tests' own YAML writer must be exact, or the field tests above prove nothing.
    import yaml

    assert yaml.load(yaml_quote(value), Loader=yaml.BaseLoader) == value


def _index() -> tuple[list, SearchIndex]:
    from tests.helpers import GOOD

    path = _DIR / "index.yaml"
    path.write_text(GOOD + "---\n" + GOOD.replace("Geneva", "Genève Straße").replace("Jane Doe", "Péter Szijjártó"))
    rows = rows_of(load_file(str(path)).briefings)
    indexed = SearchIndex(rows)
    indexed.catalog.postings = indexed.postings = Postings.build(indexed.catalog.hays)
    return rows, [SearchIndex(rows), indexed, indexed.with_field_index()]


ROWS, INDEXES = _index()


@SETTINGS
@given(st.text(max_size=60))
def test_query_parser_and_search_never_fail(text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError as error:
        assert str(error)
        return
    # Both kinds of index agree with the pure matcher, whatever the query.
    expected = [i for i, row in enumerate(ROWS) if match_row(query, row) is not None]
    for index in INDEXES:
        assert sorted(index.search(query)) == expected


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "rub",
                "genev",
                "straße",
                "szijarto",
                "-geneva",
                '"talks in"',
                "person:jane",
                "date:2025",
                "kind:x",
                "trade",
                "ministers",
            ]
        ),
        max_size=4,
    )
)
def test_query_combinations_agree_with_the_pure_matcher(words: list[str]) -> None:
    query = parse_query(" ".join(words))
    expected = [i for i, row in enumerate(ROWS) if match_row(query, row) is not None]
    for index in INDEXES:
        assert sorted(index.search(query)) == expected
