"""Declared people: which names, as briefings write them, are one person.

The same person is written many ways (``S. Jaishankar``, ``Dr S. Jaishankar``,
``Subrahmanyam Jaishankar``). Nothing here guesses: two names are one person
only when a ``people.yaml`` beside the briefings says so::

    # people.yaml: names that are one person
    people:
      - name: Subrahmanyam Jaishankar        # the name shown and counted by
        aka: [S. Jaishankar, Dr S. Jaishankar]
        roles:                                 # optional: roles over time
          - {role: External Affairs Minister, from: 2019-05, to: ""}
      - name: Wang Yi
        aka: ["王毅", "王毅 (Wang Yi)"]

Forms are compared by :func:`~briefing.format.text.fold` (case, accents and
punctuation do not matter), so declaring ``Szijjártó`` also covers ``SZIJJARTO``.

Merging (one ``people.yaml`` per folder, in the order the folders are given):

* entries with the same name (folded) are one person, in any file: their
  forms and roles are united, the first file's spelling of the name is shown;
* a form declared for two different people is an error reported where it is
  declared the second time; the first declaration wins;
* within one file, a name given to two entries is an error too (one person,
  one entry); the second entry is ignored.

A bad entry loses only itself (a bad alias or role, only itself); the rest loads.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from ..format.dates import DateError, FuzzyDate, parse_date
from ..format.model import FieldPath, Problem, format_path
from ..format.schema import describe, quote
from ..format.text import fold_cached, neutralise, neutralise_line
from ..format.yamlread import YamlProblem, locate, read_documents
from .files import DEFAULT_MAX_FILE_SIZE, ReadRefused, decode_text, read_bytes

TOP_KEYS = ("people",)
PERSON_KEYS = ("name", "aka", "roles")
ROLE_KEYS = ("role", "from", "to")
QUOTE_LENGTH = 60


class Role(NamedTuple):
    """A role a person held, maybe from and to a date (None: not said, or still held)."""

    role: str
    since: FuzzyDate | None = None
    until: FuzzyDate | None = None


class Person(NamedTuple):
    """One declared person: the name shown, the other forms it is written in, the roles held."""

    name: str
    aka: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aka)


class Declared(NamedTuple):
    """Where a form was declared: a shown path, a 1-based line and column, a field (``people[1].aka[0]``)."""

    path: str
    line: int
    column: int
    field: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class PeopleRegistry:
    """Every declared form of every declared person, and the name each stands for."""

    def __init__(self) -> None:
        self._owner: dict[str, str] = {}  # folded form -> folded name of its person
        self._where: dict[str, Declared] = {}  # folded form -> where it was first declared
        self._people: dict[str, Person] = {}  # folded name -> person, in declaration order

    def canonical(self, name: str) -> str:
        """The name of the person ``name`` is declared for, or ``name`` itself when undeclared."""
        person = self.person(name)
        return name if person is None else person.name

    def person(self, name: str) -> Person | None:
        """The person any of whose forms is ``name``, or None."""
        owner = self._owner.get(fold_cached(name))
        return None if owner is None else self._people[owner]

    def aliases(self, canonical: str) -> tuple[str, ...]:
        """The other forms of the person ``canonical`` (any declared form is accepted); () when undeclared."""
        person = self.person(canonical)
        return () if person is None else person.aka

    def roles(self, canonical: str) -> tuple[Role, ...]:
        """The roles declared for the person ``canonical`` (any declared form is accepted)."""
        person = self.person(canonical)
        return () if person is None else person.roles

    def where(self, name: str) -> Declared | None:
        """Where the form ``name`` was (first) declared, or None."""
        return self._where.get(fold_cached(name))

    def same(self, first: str, second: str) -> bool:
        """Whether both names are declared, and for the same person."""
        owner = self._owner.get(fold_cached(first))
        return owner is not None and owner == self._owner.get(fold_cached(second))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and fold_cached(name) in self._owner

    def __len__(self) -> int:
        return len(self._people)

    def __iter__(self) -> Iterator[Person]:
        return iter(self._people.values())

    def merge(self, other: PeopleRegistry) -> list[Problem]:
        """Add the people of ``other`` (a later file) by the rule of the module doc; return the conflicts."""
        problems: list[Problem] = []
        for person in other:
            places = [other._where[fold_cached(form)] for form in person.forms]
            problems.extend(self._add(person, places, unite=True))
        return problems

    def _add(self, person: Person, places: list[Declared], *, unite: bool) -> list[Problem]:
        """Add one entry (``places`` aligned with its forms); a form already someone else's is refused."""
        key = fold_cached(person.name)
        owner = self._owner.get(key)
        if owner is not None and not (unite and owner == key):
            return [self._conflict(person.name, places[0], key, entry=True)]
        if owner is None:
            self._owner[key], self._where[key] = key, places[0]
            self._people[key] = Person(person.name)
        problems: list[Problem] = []
        aka = list(self._people[key].aka)
        for form, place in zip(person.aka, places[1:], strict=True):
            folded = fold_cached(form)
            owner = self._owner.get(folded)
            if owner is None:
                self._owner[folded], self._where[folded] = key, place
                aka.append(form)
            elif owner != key:
                problems.append(self._conflict(form, place, folded, entry=False))
            # else: a form this person has already (the same entry in another folder)
        current = self._people[key]
        roles = current.roles + tuple(role for role in person.roles if role not in current.roles)
        self._people[key] = current._replace(aka=tuple(aka), roles=roles)
        return problems

    def _conflict(self, form: str, place: Declared, folded: str, *, entry: bool) -> Problem:
        first, owner = self._where[folded], self._people[self._owner[folded]].name
        if fold_cached(form) == fold_cached(owner) and entry:
            message = f"{_quote(form)} is declared twice (first at {first}): one person, one entry; this one is ignored"
        else:
            message = (
                f"{_quote(form)} is already declared for {_quote(owner)} (at {first}): a name stands for one person"
                f" only, and the first declaration wins{'; this entry is ignored' if entry else ''}"
            )
        return Problem(place.path, place.line, place.column, place.field, message)


_Finding = tuple[FieldPath, str, str, bool]  # path (from the document index), message, severity, at the key


class _Reader:
    """Builds entries from one document, collecting findings to be located afterwards."""

    def __init__(self) -> None:
        self.findings: list[_Finding] = []

    def report(self, path: FieldPath, message: str, severity: str = "error", *, at_key: bool = False) -> None:
        self.findings.append((path, message, severity, at_key))

    def mapping(self, value: Any, path: FieldPath, known: tuple[str, ...], what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.report(path, f"{what} must be a mapping, not {_describe(value)}")
            return None
        for key in value:
            if key not in known:
                close = difflib.get_close_matches(key[:64], known, n=1, cutoff=0.6)
                hint = f", did you mean `{close[0]}`?" if close else f" (known keys: {', '.join(known)})"
                self.report((*path, key), f"{_quote(key)}: unknown key{hint}", "warning", at_key=True)
        return value

    def text(self, value: Any, path: FieldPath, what: str) -> str:
        """A non-empty text with a letter or digit, neutralised; "" (and an error) for anything else."""
        if not isinstance(value, str):
            self.report(path, f"{what} must be text, not {_describe(value)}")
            return ""
        value = value.strip()
        if not value:
            self.report(path, f"{what} may not be empty")
        elif not fold_cached(value):
            self.report(path, f"{what} {_quote(value)} has no letter or digit")
            return ""
        return neutralise(value)

    def items(self, data: dict[str, Any], key: str, path: FieldPath, example: str) -> list[Any]:
        value = data.get(key, "")
        if value == "":  # absent, or `key:` with nothing after it
            return []
        if not isinstance(value, list):
            self.report((*path, key), f"must be a list, e.g. `{key}: {example}`, not {_describe(value)}")
            return []
        return value

    def person(self, item: Any, path: FieldPath) -> tuple[Person, list[FieldPath]] | None:
        """One entry and the path of each of its forms, or None if it has no usable name."""
        data = self.mapping(item, path, PERSON_KEYS, "a person")
        if data is None:
            return None
        if "name" not in data:
            self.report(path, "`name` is required: the name shown and counted by")
            return None
        name = self.text(data["name"], (*path, "name"), "a name")
        if not name:
            return None
        forms, paths, seen = [name], [(*path, "name")], {fold_cached(name)}
        for index, alias in enumerate(self.items(data, "aka", path, "[S. Jaishankar]")):
            where = (*path, "aka", index)
            alias = self.text(alias, where, "a name")
            if not alias:
                continue
            if fold_cached(alias) in seen:  # harmless, but likely a slip
                self.report(where, f"{_quote(alias)} is already a form of this person", "warning")
                continue
            seen.add(fold_cached(alias))
            forms.append(alias)
            paths.append(where)
        roles = []
        for index, value in enumerate(self.items(data, "roles", path, "[{role: Minister, from: 2019-05}]")):
            role = self.role(value, (*path, "roles", index))
            if role is not None:
                roles.append(role)
        return Person(name, tuple(forms[1:]), tuple(roles)), paths

    def role(self, item: Any, path: FieldPath) -> Role | None:
        """One role, or None (with an error) when anything in it is wrong: a wrong date would mislead."""
        data = self.mapping(item, path, ROLE_KEYS, "a role")
        if data is None:
            return None
        before = len(self.findings)  # unknown keys (warnings) are behind us: anything new is an error
        if "role" not in data:
            self.report(path, "`role` is required: what the person was, e.g. `role: Foreign Minister`")
        role = self.text(data["role"], (*path, "role"), "a role") if "role" in data else ""
        since, until = self.date(data, "from", path), self.date(data, "to", path)
        if len(self.findings) > before:
            return None
        if since is not None and until is not None and until.latest < since.earliest:
            self.report(
                (*path, "to"), f"{_quote(until.text)} is before {_quote(since.text)}: the role ends before it starts"
            )
            return None
        return Role(role, since, until)

    def date(self, data: dict[str, Any], key: str, path: FieldPath) -> FuzzyDate | None:
        """The date at ``key``; None when absent or empty (not said, or still held) or when wrong (with an error)."""
        value = data.get(key, "")
        if not isinstance(value, str):
            self.report((*path, key), f"a date must be text, not {_describe(value)}")
            return None
        try:
            return parse_date(value) if value.strip() else None
        except DateError as error:
            self.report((*path, key), str(error))
            return None


def parse_people(text: str, path: str) -> tuple[PeopleRegistry, list[Problem]]:
    """The people declared by ``text`` (the content of the file ``path``) and every problem, in line order."""
    registry = PeopleRegistry()
    shown = neutralise_line(path)
    try:
        documents = list(read_documents(text))
    except YamlProblem as error:  # a broken file declares nobody: half a declaration could merge wrongly
        return registry, [_problem(shown, error.line, error.column, error.path, error.message)]
    reader = _Reader()
    entries: list[tuple[Person, list[FieldPath]]] = []
    for index in range(1, len(documents)):
        if documents[index] not in (None, ""):
            reader.report((index,), "a people file holds one document: this one is ignored")
    root = documents[0] if documents else None
    if root in (None, ""):
        reader.report((0,), "the file declares no people", "warning")
    elif (data := reader.mapping(root, (0,), TOP_KEYS, "a people file")) is not None:
        if "people" not in data:
            reader.report((0,), "`people` is required: a list of people, each with a `name` and an `aka` list")
        for index, item in enumerate(reader.items(data, "people", (0,), "[{name: Wang Yi, aka: [王毅]}]")):
            entry = reader.person(item, (0, "people", index))
            if entry is not None:
                entries.append(entry)
    # People files are small: every form is located (one more pass), so a conflict can say where both are.
    targets = [(*where, "key") if at_key else where for where, _, _, at_key in reader.findings]
    forms = [form for _, paths in entries for form in paths]
    marks = locate(text, {where[:cut] for where in (*targets, *forms) for cut in range(1, len(where) + 1)})
    problems = []
    for target, (where, message, severity, _) in zip(targets, reader.findings, strict=True):
        line, column = _position(marks, target)
        problems.append(_problem(shown, line, column, where[1:], message, severity))
    for person, paths in entries:
        places = [Declared(shown, *_position(marks, form), neutralise_line(format_path(form[1:]))) for form in paths]
        problems.extend(registry._add(person, places, unite=False))
    problems.sort(key=lambda problem: (problem.line, problem.column))
    return registry, problems


def load_people(files: Iterable[str], max_size: int = DEFAULT_MAX_FILE_SIZE) -> tuple[PeopleRegistry, list[Problem]]:
    """The people of the people files ``files`` (as :func:`~briefing.archive.files.discover` finds them), merged
    in that order. Never raises."""
    registry = PeopleRegistry()
    problems: list[Problem] = []
    for path in files:
        try:
            text = decode_text(read_bytes(path, max_size), "people files")
        except ReadRefused as error:
            problems.append(_problem(neutralise_line(path), error.line, error.column, (), error.message))
            continue
        one, found = parse_people(text, path)
        found.extend(registry.merge(one))
        problems.extend(sorted(found, key=lambda problem: (problem.line, problem.column)))
    return registry, problems


def _position(marks: dict[FieldPath, tuple[int, int]], target: FieldPath) -> tuple[int, int]:
    """Where ``target`` is, or its closest located ancestor (every ancestor is asked for)."""
    for cut in range(len(target), 0, -1):
        if target[:cut] in marks:
            return marks[target[:cut]]
    return 1, 1


def _problem(
    shown: str, line: int, column: int, field: Iterable[str | int], message: str, severity: str = "error"
) -> Problem:
    return Problem(shown, line, column, neutralise_line(format_path(field)), neutralise_line(message), severity)


def _quote(text: str) -> str:
    return quote(text, QUOTE_LENGTH)


def _describe(value: Any) -> str:
    return describe(value, QUOTE_LENGTH)
