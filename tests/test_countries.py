"""Tests for countries: what a reader sees when a briefing names a country one way or another."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

from briefing.format import countries
from briefing.format.countries import ALIASES, NAMES, Country, resolve, search_words, suggest

SPELLINGS = [
    *[(value, "US") for value in ("US", "U.S.", "u.s.a.", "USA", "U. S. A.", "us")],
    *[(value, "US") for value in ("United States of America", "United States", "the United States", "UNITED STATES")],
    ("NO", "NO"),
    ("Norway", "NO"),
    ("IN", "IN"),
    ("India", "IN"),
    ("Türkiye", "TR"),
    ("Turkey", "TR"),
    ("Turkiye", "TR"),
    ("TÜRKIYE", "TR"),
    *[(value, "GB") for value in ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom", "GB", "GBR")],
    ("Russia", "RU"),
    ("Russian Federation", "RU"),
    *[(value, "KR") for value in ("South Korea", "Republic of Korea", "Korea, Republic of", "KOR")],
    *[(value, "KP") for value in ("North Korea", "DPRK", "Democratic People's Republic of Korea")],
    ("Iran", "IR"),
    ("Islamic Republic of Iran", "IR"),
    ("Iran, Islamic Republic of", "IR"),
    ("Côte d'Ivoire", "CI"),
    ("Cote d'Ivoire", "CI"),
    ("Côte d’Ivoire", "CI"),  # a typographic apostrophe
    ("Ivory Coast", "CI"),
    ("Viet Nam", "VN"),
    ("Vietnam", "VN"),
    ("Czechia", "CZ"),
    ("Czech Republic", "CZ"),
    ("Syria", "SY"),
    ("Venezuela", "VE"),
    ("Bolivia", "BO"),
    ("Tanzania", "TZ"),
    ("Moldova", "MD"),
    ("Laos", "LA"),
    ("the Netherlands", "NL"),
    ("The Gambia", "GM"),
    ("  united   states  ", "US"),  # stray whitespace
    ("United-States", "US"),
    ("Falkland Islands", "FK"),  # pycountry's note in brackets is optional
    ("State of Palestine", "PS"),
]


@pytest.mark.parametrize(("value", "code"), SPELLINGS)
def test_spellings_resolve_to_one_country(value: str, code: str) -> None:
    country = resolve(value)
    assert country is not None and country.code == code


NOT_COUNTRIES = [
    "European Union", "EU", "Quad member", "ASEAN", "NATO", "UN", "African Union", "Foreign Ministry",
    "", "  ", "...", "Holland", "Korea", "America", "United States Senate", "US delegation", "Norway and India",
    "the", "U", "Untied States",
]  # fmt: skip


@pytest.mark.parametrize("value", NOT_COUNTRIES)
def test_non_countries_resolve_to_none(value: str) -> None:
    assert resolve(value) is None


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("US", "United States"),
        ("Russian Federation", "Russia"),
        ("Korea, Republic of", "South Korea"),
        ("DPRK", "North Korea"),
        ("Islamic Republic of Iran", "Iran"),
        ("Turkey", "Türkiye"),
        ("Viet Nam", "Vietnam"),
        ("Czech Republic", "Czechia"),
        ("U.K.", "United Kingdom"),
        ("Palestine, State of", "Palestine"),
    ],
)
def test_shown_name_is_the_common_one(value: str, name: str) -> None:
    country = resolve(value)
    assert country is not None and country.name == name


def test_country_carries_codes() -> None:
    assert resolve("u.s.") == Country("US", "United States", "USA")
    assert resolve("Norway") == Country("NO", "Norway", "NOR")


def test_every_pycountry_name_and_code_resolves_to_its_own_country() -> None:
    # Catches a key claimed by two countries, where the second would silently lose it.
    for record in pycountry.countries:
        values = [record.alpha_2, record.alpha_3, record.name]
        values += [
            name for name in (getattr(record, "common_name", None), getattr(record, "official_name", None)) if name
        ]
        for value in values:
            country = resolve(value)
            assert country is not None and country.code == record.alpha_2, value


@pytest.mark.parametrize(("alias", "code"), [*ALIASES.items(), *((name, code) for code, name in NAMES.items())])
def test_every_alias_and_override_resolves(alias: str, code: str) -> None:
    country = resolve(alias)
    assert country is not None and country.code == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Untied States", "US"),
        ("Hungery", "HU"),
        ("Austrailia", "AU"),
        ("Grmany", "DE"),
        ("Frnace", "FR"),
        ("Indai", "IN"),
        ("Phillipines", "PH"),
        ("Columbia", "CO"),
        ("Untied Kingdom", "GB"),
        ("Ivory Cost", "CI"),
    ],
)
def test_misspellings_are_suggested(value: str, code: str) -> None:
    country = suggest(value)
    assert country is not None and country.code == code


@pytest.mark.parametrize(
    "value",
    [
        "European Union", "Quad member", "ASEAN", "Foreign Ministry", "African Union", "NATO", "United Nations",
        "Holland", "Gulf states", "European Commission",
        "UNGA",  # not Uganda (UGA): codes are never suggested
        "IRA", "USS", "Nrw", "ab", "U.N.", "",  # three letters or fewer: every code would be "close"
        "United States", "NO",  # already a country: nothing to correct
    ],
)  # fmt: skip
def test_no_suggestion(value: str) -> None:
    assert suggest(value) is None


def test_search_words_for_the_united_states() -> None:
    expected = ["united states", "united states of america", "us", "usa"]
    for value in ("US", "U.S.", "usa", "United States of America", "the United States"):
        assert search_words(value) == expected


def test_search_words_for_norway() -> None:
    assert search_words("NO") == ["norway", "kingdom of norway", "no", "nor"]


def test_search_words_put_shown_name_codes_then_aliases() -> None:
    words = search_words("Britain")
    assert words[:4] == ["united kingdom", "united kingdom of great britain and northern ireland", "gb", "gbr"]
    assert {"uk", "britain", "great britain"} <= set(words)
    assert search_words("Russia")[:3] == ["russia", "ru", "rus"] and "russian federation" in search_words("Russia")


@pytest.mark.parametrize("value", ["European Union", "Quad member", "", "Untied States"])
def test_search_words_for_unresolved_value_is_empty(value: str) -> None:
    assert search_words(value) == []


def test_search_words_list_is_the_callers_own() -> None:
    search_words("US").append("mutated")
    assert "mutated" not in search_words("US")


def test_results_are_the_same_in_a_fresh_process() -> None:
    # Determinism across runs (and hash seeds): the tables are built in pycountry's order, not from sets.
    script = (
        "from briefing.format import countries as c; "
        "print(c.search_words('UK'), c.resolve('Turkey'), c.suggest('Hungery'))"
    )
    here = Path(__file__).parent.parent
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script], cwd=here, env={"PYTHONHASHSEED": seed}, capture_output=True, text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }  # fmt: skip
    assert len(outputs) == 1
    in_process = f"{search_words('UK')} {resolve('Turkey')} {suggest('Hungery')}\n"
    assert outputs == {in_process}


def test_resolving_does_not_import_pycountry() -> None:
    # Importing pycountry costs ~55 ms (importlib.metadata): resolving reads its data file instead.
    script = (
        "import sys; from briefing.format import countries; assert countries.resolve('US').name == 'United States'; "
        "assert 'pycountry' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parent.parent, check=True)


def test_the_data_file_read_is_pycountrys_own() -> None:
    assert countries.iso_3166_records() == [dict(record._fields) for record in pycountry.countries]
