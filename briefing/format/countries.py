"""Countries as briefings write them: ``"U.S."``, ``"Türkiye"``, ``"South Korea"`` → one ISO 3166-1 country.

:func:`resolve` is exact after folding (case, accents, punctuation, a leading "the", dotted initials), so
``"u.s.a."`` and ``"the United States"`` are the United States while ``"European Union"`` is no country.
:func:`suggest` is the fuzzy half, for telling an author what a value they wrote probably meant.

The name we show and count by is pycountry's ``common_name`` if it has one, else its ``name``, except for the
few in :data:`NAMES`, where pycountry's form is one nobody writes in running text.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import NamedTuple

from .text import fold_cached


class Country(NamedTuple):
    """One country: ISO 3166-1 alpha-2 code, the common name we show, alpha-3 code."""

    code: str
    name: str
    alpha3: str


NAMES: dict[str, str] = {
    "RU": "Russia",  # pycountry: "Russian Federation"
    "BN": "Brunei",  # "Brunei Darussalam"
    "CD": "Democratic Republic of the Congo",  # "Congo, The Democratic Republic of the"
    "FM": "Micronesia",  # "Micronesia, Federated States of"
    "PS": "Palestine",  # "Palestine, State of"
    "VA": "Holy See",  # "Holy See (Vatican City State)"; the Holy See is the party to diplomacy
    "VG": "British Virgin Islands",  # "Virgin Islands, British"
    "VI": "U.S. Virgin Islands",  # "Virgin Islands, U.S."
}
"""Display names that override pycountry's (alpha-2 → name); each is also accepted by :func:`resolve`."""

ALIASES: dict[str, str] = {
    "uk": "GB",  # the usual abbreviation; ISO reserves UK but the code is GB
    "britain": "GB",
    "great britain": "GB",
    "turkey": "TR",  # the English short name until 2022
    "ivory coast": "CI",
    "dprk": "KP",
    "prc": "CN",
    "drc": "CD",
    "uae": "AE",
    "burma": "MM",  # still the form of some governments
    "east timor": "TL",
    "cape verde": "CV",  # ISO name until 2013
    "swaziland": "SZ",  # until 2018
    "vatican": "VA",
    "vatican city": "VA",
}
"""Folded names people write that pycountry lacks (folded alias → alpha-2). Deliberately left out: "Holland" (a
region), "Korea" and "America" (ambiguous), "Macedonia" (a Greek region too)."""

# ---------------------------------------------------------------- folding

_INITIALS = re.compile(r"\b[a-z](?: [a-z]\b)+")  # "u s a" from "U.S.A."
_INVERTED = re.compile(r"^(?P<head>[^,]+), (?P<tail>.+ of(?: the)?)$")  # "Korea, Republic of"
_NOTE = re.compile(r"\s*\([^)]*\)")  # "(Malvinas)", "(Dutch part)"


def _key(text: str) -> str:
    """The lookup key: folded, without a leading "the", dotted initials joined (``"the U.S."`` → ``"us"``)."""
    folded = fold_cached(text).removeprefix("the ")
    return _INITIALS.sub(lambda match: match.group().replace(" ", ""), folded)


# ---------------------------------------------------------------- tables


class _Tables(NamedTuple):
    by_key: dict[str, str]  # lookup key → alpha-2
    countries: dict[str, Country]  # alpha-2 → Country
    words: dict[str, tuple[str, ...]]  # alpha-2 → search words
    names: list[str]  # keys worth comparing a misspelling with: names and aliases, no codes


def _forms(name: str) -> list[str]:
    """A pycountry name, and the forms of it people write: without a note in brackets, not inverted."""
    forms = [name]
    plain = _NOTE.sub("", name)
    if plain != name:
        forms.append(plain)
    inverted = _INVERTED.match(plain)
    if inverted:
        forms.append(f"{inverted['tail']} {inverted['head']}")
    return forms


def iso_3166_records() -> list[dict[str, str]]:
    """pycountry's ISO 3166-1 records (alpha_2, alpha_3, name and maybe official_name, common_name), in its order.

    Read from pycountry's data file without importing the package: ``import pycountry`` costs ~55 ms
    (its ``importlib.metadata``), the data 2 ms, and a search for ``country:us`` should not wait for the rest.
    If the file is not where pycountry has always kept it, the package is imported after all.
    """
    import importlib.util
    import json

    spec = importlib.util.find_spec("pycountry")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        try:
            with open(os.path.join(folder, "databases", "iso3166-1.json"), encoding="utf-8") as file:
                records = json.load(file)["3166-1"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if isinstance(records, list) and records and all(isinstance(r, dict) and "alpha_2" in r for r in records):
            return records
    import pycountry

    return [dict(record._fields) for record in pycountry.countries]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Build every lookup table, once, on first use (pycountry takes tens of milliseconds to load)."""
    by_key: dict[str, str] = {}
    countries: dict[str, Country] = {}
    words: dict[str, list[str]] = {}
    names: list[str] = []

    def add(key: str, code: str, is_name: bool) -> None:
        if by_key.setdefault(key, code) != code:
            return  # the first country to claim a key keeps it (a test checks that none is claimed twice)
        if key not in words[code]:
            words[code].append(key)
            if is_name and len(key.replace(" ", "")) > 3:
                names.append(key)

    # Pass order is the search-word order: shown name, official name, codes, other names, aliases.
    records = iso_3166_records()
    for record in records:
        code = record["alpha_2"]
        official = record.get("official_name")
        shown = NAMES.get(code) or record.get("common_name") or record["name"]
        countries[code] = Country(code, shown, record["alpha_3"])
        words[code] = []
        add(_key(shown), code, True)
        if official:
            add(_key(official), code, True)
        add(code.lower(), code, False)
        add(record["alpha_3"].lower(), code, False)
    for record in records:
        for name in (record["name"], record.get("common_name"), record.get("official_name")):
            for form in _forms(name) if name else ():
                add(_key(form), record["alpha_2"], True)
    for alias, code in ALIASES.items():
        add(alias, code, True)
    return _Tables(by_key, countries, {code: tuple(keys) for code, keys in words.items()}, names)


# ---------------------------------------------------------------- public


@lru_cache(maxsize=65_536)
def resolve(value: str) -> Country | None:
    """The country ``value`` names, or None if it names none.

    Exact after folding: ``"U.S."``, ``"usa"``, ``"the United States"`` and ``"United States of America"`` are
    all the United States; ``"NO"`` is Norway (a code counts only as the whole value); ``"European Union"``,
    ``"NATO"`` and ``"Quad member"`` are None. For near misses see :func:`suggest`.
    """
    tables = _tables()
    code = tables.by_key.get(_key(value))
    return tables.countries[code] if code else None


@lru_cache(maxsize=4_096)
def suggest(value: str) -> Country | None:
    """The country ``value`` most likely misspells (``"Untied States"`` → United States), or None.

    None too for a value :func:`resolve` accepts (nothing to correct) and for one of three letters or fewer,
    which is more often an acronym than a slip (``"IRA"`` is not Iran).
    """
    key = _key(value)
    if len(key.replace(" ", "")) <= 3 or resolve(value) is not None:
        return None
    import difflib  # only suggest() needs it, and it costs milliseconds to import

    tables = _tables()
    # 0.8 lets a slipped letter through ("Indai" → india scores 0.8) and keeps out the nearest non-countries we
    # know: "Holland" → poland 0.77, "United Nations" → united states 0.74, "European Union" → reunion 0.57.
    matches = difflib.get_close_matches(key, tables.names, n=1, cutoff=0.8)
    return tables.countries[tables.by_key[matches[0]]] if matches else None


def search_words(value: str) -> list[str]:
    """The folded words a search index should hold for the country ``value`` names; [] if it names none.

    In this order, without repeats: the shown name, the official name, the alpha-2 and alpha-3 codes (lower
    case), then every other name and alias :func:`resolve` accepts, pycountry's first, then :data:`ALIASES`.
    ``"U.S."`` → ``["united states", "united states of america", "us", "usa"]``.
    """
    country = resolve(value)
    return list(_tables().words[country.code]) if country else []
