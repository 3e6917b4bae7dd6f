"""Property-based tests: whatever the input, only the project's own errors, never a hang."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.archive.parse import load_file
from briefing.format.model import rows_of
from briefing.format.text import neutralise
from briefing.query.language import QueryError, parse_query
from tests.hostile import briefing_with, yaml_quote
from tests.oracle import assert_terminal_safe
from tests.searching import indexes, search

SETTINGS = settings(max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
_DIR = Path(tempfile.mkdtemp(prefix="briefing-props-"))
atexit.register(shutil.rmtree, _DIR, True)  # one folder for every example: gone when the run ends


def _load_bytes(data: bytes) -> None:
    path = _DIR / "case.yaml"
    path.write_bytes(data)
    result = load_file(str(path))
    for problem in result.problems:
        assert problem.line >= 0 and problem.column >= 0
        assert_terminal_safe(str(problem))
    for briefing in result.briefings:
        for meeting in briefing.meetings:
            assert neutralise(meeting.title) == meeting.title


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
        # The findings any text may earn, as warnings: as a source URL, it is not a web address; as a
        # country, it looks like a misspelt one (`UANA`: did you mean `Uganda`?).
        allowed = ("source.url", "meetings[0].participants[0].country")
        others = [p for p in result.problems if not (p.field in allowed and p.severity == "warning")]
        assert others == [], result.problems
        (briefing,) = result.briefings
        assert briefing.meetings[0].title == neutralise(value.strip())
        assert neutralise(briefing.summary) == briefing.summary
    else:
        assert result.problems  # an empty title is an error, never a crash


@SETTINGS
@given(st.text(max_size=80))
def test_quoting_helper_round_trips(value: str) -> None:
    # The tests' own YAML writer must be exact, or the field tests above prove nothing.
    import yaml

    assert yaml.load(yaml_quote(value), Loader=yaml.BaseLoader) == value


def _rows() -> list:
    from tests.helpers import GOOD

    path = _DIR / "index.yaml"
    path.write_text(GOOD + "---\n" + GOOD.replace("Geneva", "Genève Straße").replace("Jane Doe", "Péter Szijjártó"))
    return rows_of(load_file(str(path)).briefings)


ROWS = _rows()
INDEXES = indexes(ROWS)


@SETTINGS
@given(st.text(max_size=60))
def test_query_parser_and_search_never_fail(text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError as error:
        assert str(error)
        return
    search(query, ROWS, INDEXES)  # every kind of index agrees with the pure matcher, whatever the query


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "rub", "genev", "straße", "szijarto", "-geneva", '"talks in"', "person:jane", "date:2025",
                "kind:x", "trade", "ministers", "tag:x", "briefing:talks", "-briefing:vienna", "met", "two",
                '"ministers prep"', "country:no", "-date:2024",
            ]
        ),
        max_size=4,
    )
)  # fmt: skip
def test_query_combinations_agree_with_the_pure_matcher(words: list[str]) -> None:
    search(parse_query(" ".join(words)), ROWS, INDEXES)
