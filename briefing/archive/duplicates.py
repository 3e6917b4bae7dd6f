"""Names that are likely one person: hints for ``briefing validate``, never a merge.

Two names written differently are hinted when, compared by their folded words
(:func:`~briefing.format.text.fold`) with leading titles (:data:`TITLES`) set aside:

* they fold to the same words: they "differ only in accents" (or case, or punctuation);
* only their titles differ: ``Dr S. Jaishankar`` ~ ``S. Jaishankar``;
* one is written inside the other, in parentheses at the end (``()`` or ``（）``):
  ``Wang Yi`` ~ ``王毅 (Wang Yi)`` ~ ``王毅``; of two such names, the part outside one
  must be a part of the other (``王毅 (Wang Yi)`` ~ ``Wang Yi (王毅)``): the same
  parentheses alone (``(Foreign Minister)``) prove nothing;
* they share a last word (the surname) and both give names before it that agree
  position by position: equal words, or an initial and a word it begins
  (``S.`` ~ ``Subrahmanyam``); the longer may go on past the shorter (a middle
  name left out: ``Antony Blinken`` ~ ``Antony John Blinken``). Each part of a name
  with parentheses is compared so, but never parentheses with parentheses.

So ``Marco Rubio`` and ``Maria Rubio``, ``S. Jaishankar`` and ``T. Jaishankar``,
and a surname alone (``Jaishankar``) against a full name stay quiet.

Cost: names are indexed by their folded words, and by surname with the first
letter of the first given name; only names sharing such a key are compared.
That is O(N·L) to index N names of length L, plus O(Σ b²) comparisons for
buckets of b names with one surname and one first initial (an initial is compared
with the whole bucket; full first names only with the same first name). Real
archives have small buckets; an archive where thousands of names share a surname
and an initial would be quadratic in that bucket. 50,000 generated names (3,000
surnames, a fifth written with an initial) take about a second.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import combinations, product
from typing import TYPE_CHECKING, NamedTuple

from ..format.model import Problem
from ..format.text import fold_cached, neutralise_line

if TYPE_CHECKING:
    from .catalog import Catalog
    from .people import PeopleRegistry

TITLES = frozenset({"dr", "mr", "mrs", "ms", "sir", "dame", "prof", "professor", "h e", "sheikh"})
"""Titles set aside at the start of a name, folded: ``Dr.``; ``H.E.`` as one word (``H. E.`` is two initials)."""

PLACES_SHOWN = 3

# "王毅 (Wang Yi)", "Wang Yi（王毅）": a name with another form of it (or a note) in parentheses at the end.
_BRACKETED = re.compile(r"^(?P<outside>.*?)\s*[(（](?P<inside>[^()（）]*)[)）]\s*$")
_WORDS = re.compile(r"[^\W_]+")
_PLAIN = re.compile(r"[^\W\d_][\w .'’()-]*(?<! )")  # safe unquoted in a YAML flow sequence


class Hint(NamedTuple):
    """Two names that may be one person; ``first`` is the fuller form, the one suggested as the name."""

    first: str
    second: str
    why: str
    places_first: tuple[str, ...]
    places_second: tuple[str, ...]


class _Form(NamedTuple):
    """A name's words, folded, titles set aside: ``surname`` is the last word, ``given`` the words before it."""

    core: str
    given: tuple[str, ...]
    surname: str
    titles: str


class _Name:
    """A distinct name as written, where it is written, and the forms it is compared by."""

    __slots__ = ("bracketed", "folded", "forms", "name", "places")

    def __init__(self, name: str, forms: tuple[_Form, ...], bracketed: bool) -> None:
        self.name = name
        self.places: dict[str, None] = {}  # an ordered set
        self.folded = fold_cached(name)
        self.forms = forms  # the whole name, or its outside and inside parts
        self.bracketed = bracketed

    def preference(self) -> tuple[bool, bool, int, int, int, str]:
        """Ordering for the name to suggest: no title, no parentheses, longest given names, most written, accents."""
        form = self.forms[0]
        accented = sum(not char.isascii() for char in self.name)
        return (not form.titles, not self.bracketed, sum(map(len, form.given)), len(self.places), accented, self.name)


def _form(text: str) -> _Form | None:
    words = text.split()
    titles = []
    while len(words) > 1 and fold_cached(words[0]) in TITLES:  # never set aside the last word
        titles.append(words.pop(0))
    tokens = fold_cached(" ".join(words)).split()
    if not tokens:
        return None
    return _Form(" ".join(tokens), tuple(tokens[:-1]), tokens[-1], " ".join(titles))


def _name(text: str) -> _Name | None:
    match = _BRACKETED.match(text)
    if match is not None:
        parts = [_form(match["outside"]), _form(match["inside"])]
        if parts[0] is not None and parts[1] is not None:
            return _Name(text, (parts[0], parts[1]), True)
    form = _form(text)
    return None if form is None else _Name(text, (form,), False)


def _strip_accents(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


_DIFFERENCES: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("accents", _strip_accents),
    ("case", str.casefold),
    ("punctuation or spacing", lambda text: " ".join(_WORDS.findall(text))),
)


def _folded_why(first: str, second: str) -> str:
    """What two names that fold alike differ in: the fewest of accents, case, punctuation that explain it."""
    for size in (1, 2, 3):
        for chosen in combinations(_DIFFERENCES, size):
            a, b = first, second
            for _, normal in chosen:
                a, b = normal(a), normal(b)
            if a == b:
                return "differ only in " + " and ".join(what for what, _ in chosen)
    return "are the same once folded"  # letters fold() maps further (ø → o)


def _compatible(a: _Form, b: _Form) -> str | None:
    """Why two forms with a surname each are likely one person, or None."""
    if a.surname != b.surname or not a.given or not b.given:
        return None  # a surname alone says too little: every Wang would match every other
    # Position by position; the longer may go on (a middle name left out).
    for x, y in zip(a.given, b.given, strict=False):
        if x == y:
            continue
        if not ((len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))):
            return None
    initials = any(len(word) == 1 for word in (*a.given, *b.given))
    return "same surname, compatible initials" if initials else "same surname, compatible given names"


def _why(a: _Name, b: _Name) -> str | None:
    """Why two distinct names may be one person, or None (the rules of the module doc, strongest first)."""
    if a.folded == b.folded:
        return _folded_why(a.name, b.name)
    if not a.bracketed and not b.bracketed and a.forms[0].core == b.forms[0].core:
        titles = ", ".join(title for title in (a.forms[0].titles, b.forms[0].titles) if title)
        return f"differ only in a title ({titles})"
    if a.bracketed != b.bracketed:
        plain, bracketed = (a, b) if b.bracketed else (b, a)
        if any(plain.forms[0].core == form.core for form in bracketed.forms):
            return "one is written inside the other"
    elif a.bracketed:  # both: an outside part is in the other; the same parentheses alone ("(Minister)") prove nothing
        (a_out, a_in), (b_out, b_in) = a.forms, b.forms
        if a_out.core in (b_out.core, b_in.core) or b_out.core == a_in.core:
            return "both are written with the same name"
    for x in a.forms:
        for y in b.forms:
            if x is a.forms[0] or y is b.forms[0]:  # never parenthesis against parenthesis (a role, a country)
                why = _compatible(x, y)
                if why is not None:
                    return why
    return None


def likely_duplicates(names: Iterable[tuple[str, str]], registry: PeopleRegistry | None = None) -> list[Hint]:
    """Pairs of distinct names that may be one person, from (name as written, place) pairs.

    Names ``registry`` already declares one person are not hinted. Hints are
    sorted by their first name then their second; see the module doc for the
    rules and the cost.
    """
    distinct: dict[str, _Name] = {}
    for written, place in names:
        entry = distinct.get(written)
        if entry is None:
            made = _name(written)
            if made is None:
                continue  # no letter or digit: nothing to compare
            entry = distinct[written] = made
        entry.places[place] = None
    people = list(distinct.values())
    pairs: set[tuple[int, int]] = set()
    for group in _buckets(people):
        pairs.update((i, j) if i < j else (j, i) for i, j in group if i != j)
    hints = []
    for i, j in pairs:
        a, b = people[i], people[j]
        if registry is not None and registry.same(a.name, b.name):
            continue
        if a.preference() < b.preference():
            a, b = b, a  # the fuller form first, whatever the input order: it is the name suggested
        why = _why(a, b)
        if why is not None:
            hints.append(Hint(a.name, b.name, why, tuple(a.places), tuple(b.places)))
    hints.sort(key=lambda hint: (fold_cached(hint.first), hint.first, fold_cached(hint.second), hint.second))
    return hints


def _buckets(people: list[_Name]) -> Iterator[Iterable[tuple[int, int]]]:
    """Candidate pairs, bucket by bucket: only names sharing a key can be hinted (see the module doc)."""
    by_core: defaultdict[str, list[int]] = defaultdict(list)  # the folded name, and each form's words
    initials: defaultdict[tuple[str, str], list[int]] = defaultdict(list)  # (surname, initial) for "S. Jaishankar"
    by_letter: defaultdict[tuple[str, str], list[int]] = defaultdict(list)  # (surname, letter) of a full first name
    by_first: defaultdict[tuple[str, str], list[int]] = defaultdict(list)  # (surname, full first name)
    for index, person in enumerate(people):
        for key in {person.folded, *(form.core for form in person.forms)}:
            by_core[key].append(index)
        for form in person.forms:
            if not form.given:
                continue
            first = form.given[0]
            if len(first) == 1:
                initials[form.surname, first].append(index)
            else:
                by_letter[form.surname, first[0]].append(index)
                by_first[form.surname, first].append(index)
    for group in by_core.values():
        yield combinations(group, 2)
    for surname_initial, group in initials.items():
        # An initial may stand for any first name with its letter: the whole letter's bucket is compared.
        yield combinations(group, 2)
        yield product(group, by_letter.get(surname_initial, []))
    for group in by_first.values():  # a full first name matches only the same first name
        yield combinations(group, 2)


def hint_message(hint: Hint, registry: PeopleRegistry | None = None) -> str:
    """A one-line message for ``briefing validate``: both forms, where each is written, and how to declare them.

    With ``registry``, a form already declared is added to its person's entry rather than to a new one.
    """
    shown = (
        f"{_quote(hint.first)} ({_places(hint.places_first)}) and {_quote(hint.second)} ({_places(hint.places_second)})"
    )
    declared = [name for name in (hint.first, hint.second) if registry is not None and name in registry]
    name = registry.canonical(declared[0]) if registry is not None and declared else hint.first
    forms: dict[str, str] = {}  # folded -> as written, in order: the existing entry's forms first
    for written in sorted((hint.first, hint.second), key=lambda written: written not in declared):
        people = (
            [registry.canonical(written), *registry.aliases(written)]
            if registry is not None and written in registry
            else []
        )
        for form in [*people, written]:
            forms.setdefault(fold_cached(form), form)
    forms.pop(fold_cached(name), None)
    aka = f", aka: [{', '.join(_flow(form) for form in forms.values())}]" if forms else ""
    snippet = f"- {{name: {_flow(name)}{aka}}}"  # forms that fold alike need no aka: one name covers them
    if not declared:
        advice = "declare them one person in people.yaml"
    elif len(declared) == 1 or (registry is not None and registry.same(hint.first, hint.second)):
        other = hint.second if declared[0] == hint.first else hint.first
        advice = f"add {_quote(other)} to the entry of {_quote(name)} in people.yaml"
    else:
        advice = "merge their two entries in people.yaml into one"
    return neutralise_line(f"{shown} may be one person: {hint.why}; if they are, {advice}: {snippet}")


def _places(places: tuple[str, ...]) -> str:
    shown = ", ".join(places[:PLACES_SHOWN])
    more = len(places) - PLACES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _quote(text: str) -> str:
    return f"`{text}`"


def _flow(text: str) -> str:
    """``text`` as a YAML flow scalar: plain where that reads back as itself, else double-quoted."""
    return text if _PLAIN.fullmatch(text) else json.dumps(text, ensure_ascii=False)


def archive_hints(catalog: Catalog) -> list[Problem]:
    """A hint for each pair of names in ``catalog`` that may be one person, at the first meeting naming the second.

    The names come from the catalog's facet lines (no record is decoded but the one a hint points into);
    each place is a file. The rules are :func:`likely_duplicates`'s.
    """
    from .facets import facets_of

    entries = catalog.entries
    shown = [neutralise_line(path) for path in catalog.paths]
    names: list[tuple[str, str]] = []
    first: dict[str, tuple[tuple[int, int, int], int]] = {}  # name -> (file order key, position) of its first meeting
    for position, line in enumerate(catalog.facets):
        key = entries[position].key
        place = shown[key[0]] if key[0] < len(shown) else ""
        for name in facets_of(line).names:
            names.append((name, place))
            if name not in first or key < first[name][0]:
                first[name] = (key, position)
    hints = []
    for hint in likely_duplicates(names, catalog.people):
        row = catalog.row(first[hint.second][1])
        message = hint_message(hint, catalog.people)
        hints.append(Problem(neutralise_line(row.briefing.path), row.meeting.line, 1, "participants", message, "hint"))
    return hints
