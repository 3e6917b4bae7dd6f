"""people.yaml: what is declared is one person, nothing else is; likely duplicates are hinted, never merged."""

from __future__ import annotations

import random
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from briefing.archive.duplicates import Hint, _name, _why, hint_message, likely_duplicates
from briefing.archive.people import PeopleRegistry, Person, Role, load_people, parse_people

GOOD = """\
# people.yaml: names that are one person
people:
  - name: Subrahmanyam Jaishankar        # the name shown and counted by
    aka: [S. Jaishankar, Dr S. Jaishankar]
    roles:                                 # optional: roles over time
      - {role: External Affairs Minister, from: 2019-05, to: ""}
      - {role: Foreign Secretary, from: 2015-01, to: 2018-01}
  - name: Wang Yi
    aka: ["王毅", "王毅 (Wang Yi)"]
  - name: Péter Szijjártó
    aka:
      - P. Szijjártó
"""


def registry_of(text: str) -> PeopleRegistry:
    registry, problems = parse_people(text, "people.yaml")
    assert problems == []
    return registry


def problems_of(text: str, path: str = "p/people.yaml") -> list[str]:
    return [str(problem) for problem in parse_people(text, path)[1]]


# ------------------------------------------------------------------ parsing


def test_a_good_file_declares_every_person() -> None:
    registry = registry_of(GOOD)
    assert len(registry) == 3
    assert [person.name for person in registry] == ["Subrahmanyam Jaishankar", "Wang Yi", "Péter Szijjártó"]
    assert registry.aliases("Subrahmanyam Jaishankar") == ("S. Jaishankar", "Dr S. Jaishankar")
    assert registry.aliases("Wang Yi") == ("王毅", "王毅 (Wang Yi)")
    assert registry.aliases("Péter Szijjártó") == ("P. Szijjártó",)
    roles = registry.roles("Subrahmanyam Jaishankar")
    assert [(role.role, role.since and role.since.text, role.until and role.until.text) for role in roles] == [
        ("External Affairs Minister", "2019-05", None),
        ("Foreign Secretary", "2015-01", "2018-01"),
    ]
    assert registry.roles("Wang Yi") == ()
    where = registry.where("Dr S. Jaishankar")
    assert where is not None and (str(where), where.field) == ("people.yaml:4:26", "people[0].aka[1]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "people:\n  - name: Wang Yi\n    nmae: x\n",
            ["p/people.yaml:3:5: warning: people[0].nmae: `nmae`: unknown key, did you mean `name`?"],
            id="unknown key in a person",
        ),
        pytest.param(
            "peple:\n  - name: Wang Yi\n",
            [
                "p/people.yaml:1:1: warning: peple: `peple`: unknown key, did you mean `people`?",
                "p/people.yaml:1:1: error: `people` is required:"
                " a list of people, each with a `name` and an `aka` list",
            ],
            id="unknown top key",
        ),
        pytest.param(
            "people:\n  - name: A B\n    roles:\n      - {role: X, form: 2019}\n",
            ["p/people.yaml:4:19: warning: people[0].roles[0].form: `form`: unknown key, did you mean `from`?"],
            id="unknown key in a role",
        ),
        pytest.param(
            "people:\n  - name: A B\n    colour: red\n",
            ["p/people.yaml:3:5: warning: people[0].colour: `colour`: unknown key (known keys: name, aka, roles)"],
            id="unknown key with no close match",
        ),
        pytest.param(
            "people:\n  - name: [Wang Yi]\n",
            ["p/people.yaml:2:11: error: people[0].name: a name must be text, not a list"],
            id="name not text",
        ),
        pytest.param(
            "people:\n  - name: ''\n",
            ["p/people.yaml:2:11: error: people[0].name: a name may not be empty"],
            id="empty name",
        ),
        pytest.param(
            "people:\n  - name: '...'\n",
            ["p/people.yaml:2:11: error: people[0].name: a name `...` has no letter or digit"],
            id="name without letters",
        ),
        pytest.param(
            "people:\n  - aka: [Wang Yi]\n",
            ["p/people.yaml:2:5: error: people[0]: `name` is required: the name shown and counted by"],
            id="name missing",
        ),
        pytest.param(
            "people:\n  - Wang Yi\n",
            ["p/people.yaml:2:5: error: people[0]: a person must be a mapping, not `Wang Yi`"],
            id="person not a mapping",
        ),
        pytest.param(
            "people:\n  - name: Wang Yi\n    aka: {a: b}\n",
            [
                "p/people.yaml:3:10: error: people[0].aka: must be a list, e.g. `aka: [S. Jaishankar]`, not a mapping",
            ],
            id="aka not a list",
        ),
        pytest.param(
            "people:\n  - name: Wang Yi\n    aka: [王毅, [x], '  ']\n",
            [
                "p/people.yaml:3:15: error: people[0].aka[1]: a name must be text, not a list",
                "p/people.yaml:3:20: error: people[0].aka[2]: a name may not be empty",
            ],
            id="bad aliases",
        ),
        pytest.param(
            "people:\n  - name: Wang Yi\n    aka: [WANG YI, 王毅, 王毅]\n",
            [
                "p/people.yaml:3:11: warning: people[0].aka[0]: `WANG YI` is already a form of this person",
                "p/people.yaml:3:24: warning: people[0].aka[2]: `王毅` is already a form of this person",
            ],
            id="an alias twice",
        ),
        pytest.param(
            "people: Wang Yi\n",
            [
                "p/people.yaml:1:9: error: people: must be a list, e.g. `people: [{name: Wang Yi, aka: [王毅]}]`,"
                " not `Wang Yi`"
            ],
            id="people not a list",
        ),
        pytest.param(
            "- name: Wang Yi\n",
            ["p/people.yaml:1:1: error: a people file must be a mapping, not a list"],
            id="root not a mapping",
        ),
        pytest.param(
            "people:\n  - name: A B\n    roles:\n      - {role: X, from: 2019-13}\n",
            [
                "p/people.yaml:4:25: error: people[0].roles[0].from: '2019-13': month 13 does not exist",
            ],
            id="bad date",
        ),
        pytest.param(
            "people:\n  - name: A B\n    roles:\n      - {role: X, from: 2019, to: 2018-06}\n",
            [
                "p/people.yaml:4:35: error: people[0].roles[0].to: `2018-06` is before `2019`:"
                " the role ends before it starts",
            ],
            id="role ends before it starts",
        ),
        pytest.param(
            "people:\n  - name: A B\n    roles:\n      - {from: 2019}\n      - Minister\n      - {role: X, to: [1]}\n",
            [
                "p/people.yaml:4:9: error: people[0].roles[0]: `role` is required:"
                " what the person was, e.g. `role: Foreign Minister`",
                "p/people.yaml:5:9: error: people[0].roles[1]: a role must be a mapping, not `Minister`",
                "p/people.yaml:6:23: error: people[0].roles[2].to: a date must be text, not a list",
            ],
            id="bad roles",
        ),
        pytest.param(
            "people:\n  - name: A B\n    aka: [S. X]\n  - name: C D\n    aka: [s x, E F]\n",
            [
                "p/people.yaml:5:11: error: people[1].aka[0]: `s x` is already declared for `A B`"
                " (at p/people.yaml:3:11): a name stands for one person only, and the first declaration wins",
            ],
            id="an alias of two people",
        ),
        pytest.param(
            "people:\n  - name: A B\n    aka: [S. X]\n  - name: S X\n    aka: [E F]\n",
            [
                "p/people.yaml:4:11: error: people[1].name: `S X` is already declared for `A B`"
                " (at p/people.yaml:3:11): a name stands for one person only, and the first declaration wins;"
                " this entry is ignored",
            ],
            id="a name that is another's alias",
        ),
        pytest.param(
            "people:\n  - name: Wang Yi\n  - name: WANG Yi\n",
            [
                "p/people.yaml:3:11: error: people[1].name: `WANG Yi` is declared twice (first at p/people.yaml:2:11):"
                " one person, one entry; this one is ignored",
            ],
            id="a name twice in one file",
        ),
        pytest.param(
            "people:\n  - name: Wang Yi\n---\npeople: []\n",
            ["p/people.yaml:4:1: error: a people file holds one document: this one is ignored"],
            id="two documents",
        ),
        pytest.param(
            "people:\n  - name: [Wang Yi\n",
            ["p/people.yaml:3:1: error: invalid YAML: did not find expected ',' or ']'"],
            id="broken YAML",
        ),
        pytest.param(
            "people:\n  - name: &a Wang Yi\n    aka: [*a]\n",
            ["p/people.yaml:2:11: error: people[0].name: anchors (&name) are not allowed in briefings"],
            id="anchors refused",
        ),
        pytest.param("# nobody yet\n", ["p/people.yaml:1:1: warning: the file declares no people"], id="empty file"),
        pytest.param("people: []\n", [], id="an empty list"),
        pytest.param("people:\n", [], id="an empty key"),
    ],
)
def test_every_problem_is_located(text: str, expected: list[str]) -> None:
    assert problems_of(text) == expected


def test_a_bad_entry_loses_only_itself() -> None:
    text = (
        "people:\n"
        "  - name: Wang Yi\n"
        "    aka: [王毅]\n"
        "  - name: [broken]\n"
        "    aka: [B. Broken]\n"
        "  - name: Marco Rubio\n"
        "    aka: [M. Rubio, {bad: alias}]\n"
        "    roles:\n"
        "      - {role: Secretary of State, from: 2025-01-21}\n"
        "      - {role: Senator, from: 2011-13}\n"
    )
    registry, problems = parse_people(text, "people.yaml")
    assert [(p.line, p.column, p.field) for p in problems] == [
        (4, 11, "people[1].name"),
        (7, 21, "people[2].aka[1]"),
        (10, 31, "people[2].roles[1].from"),
    ]
    assert [person.name for person in registry] == ["Wang Yi", "Marco Rubio"]
    assert registry.canonical("B. Broken") == "B. Broken"  # the broken entry declared nothing
    assert registry.aliases("Marco Rubio") == ("M. Rubio",)
    assert [role.role for role in registry.roles("M. Rubio")] == ["Secretary of State"]


def test_a_conflict_keeps_the_first_and_the_rest_of_the_second() -> None:
    registry, problems = parse_people(
        "people:\n  - name: A B\n    aka: [S. X]\n  - name: C D\n    aka: [s x, E F]\n", "people.yaml"
    )
    assert len(problems) == 1
    assert registry.canonical("S. X") == "A B"
    assert registry.aliases("C D") == ("E F",)


def test_strings_are_neutralised() -> None:
    registry = registry_of('people:\n  - name: "Wang \\e[2J Yi"\n    aka: ["\\u202eiY gnaW"]\n')
    person = next(iter(registry))
    assert person == Person("Wang \\x1b[2J Yi", ("\\u202eiY gnaW",))
    assert "\x1b" not in problems_of('people:\n  - name: "\\e[2J"\n    nmae\\e: x\n  - "\\e"\n')[0]


# ------------------------------------------------------------------ the registry


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Subrahmanyam Jaishankar", "Subrahmanyam Jaishankar"),
        ("S. Jaishankar", "Subrahmanyam Jaishankar"),
        ("s. jaishankar", "Subrahmanyam Jaishankar"),
        ("S JAISHANKAR", "Subrahmanyam Jaishankar"),
        ("Dr. S. Jaishankar", "Subrahmanyam Jaishankar"),
        ("  subrahmanyam   jaishankar ", "Subrahmanyam Jaishankar"),
        ("王毅", "Wang Yi"),
        ("王毅（Wang Yi）", "Wang Yi"),  # full-width parentheses fold like ASCII ones
        ("WANG YI", "Wang Yi"),
        ("Peter Szijjarto", "Péter Szijjártó"),
        ("P. SZIJJARTO", "Péter Szijjártó"),
    ],
)
def test_lookups_ignore_case_accents_and_punctuation(written: str, canonical: str) -> None:
    registry = registry_of(GOOD)
    assert registry.canonical(written) == canonical
    assert written in registry
    assert registry.aliases(written) == registry.aliases(canonical) != ()


@pytest.mark.parametrize(
    "written", ["T. Jaishankar", "Jaishankar", "Subrahmanyam", "Szijjártó", "Wang", "Yi Wang", "王", "", "...", "Dr"]
)
def test_undeclared_names_stand_for_themselves_however_alike(written: str) -> None:
    registry = registry_of(GOOD)
    assert registry.canonical(written) == written
    assert written not in registry
    assert registry.person(written) is None and registry.aliases(written) == () and registry.roles(written) == ()


def test_only_what_is_declared_is_merged() -> None:
    registry = registry_of(GOOD)
    written = ["S. Jaishankar", "Subrahmanyam Jaishankar", "Dr S. Jaishankar", "Dr. S. Jaishankar", "S. J. Jaishankar"]
    counted = Counter(registry.canonical(name) for name in written)
    assert counted == {"Subrahmanyam Jaishankar": 4, "S. J. Jaishankar": 1}  # not declared: its own person
    assert registry.same("S. Jaishankar", "DR S JAISHANKAR")
    assert not registry.same("S. Jaishankar", "S. J. Jaishankar")
    assert not registry.same("Nobody", "nobody")  # undeclared names are never "the same"
    assert registry.aliases("Nobody") == () and registry.roles("Nobody") == () and registry.person("Nobody") is None


def write(folder: Path, text: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "people.yaml").write_text(text, encoding="utf-8")
    return str(folder / "people.yaml")


def test_files_merge_in_order_and_the_first_declaration_wins(tmp_path: Path) -> None:
    first = write(
        tmp_path / "a",
        "people:\n  - name: Wang Yi\n    aka: [王毅]\n    roles: [{role: Foreign Minister}]\n"
        "  - name: Subrahmanyam Jaishankar\n    aka: [S. Jaishankar, Dr S. Jaishankar]\n",
    )
    second = write(
        tmp_path / "b",
        "people:\n"
        "  - name: WANG YI\n"  # the same person: forms and roles are united
        "    aka: [王毅 (Wang Yi), 王毅]\n"
        "    roles: [{role: Foreign Minister}, {role: Director}]\n"
        "  - name: Sunil Jaishankar\n"
        "    aka: [S. Jaishankar, Dr Sunil Jaishankar]\n"  # S. Jaishankar is already someone else's
        "  - name: dr s jaishankar\n",  # a name that is someone else's form: the entry is ignored
    )
    registry, problems = load_people([first, second])
    b = f"{tmp_path}/b/people.yaml"
    assert [str(problem) for problem in problems] == [
        f"{b}:6:11: error: people[1].aka[0]: `S. Jaishankar` is already declared for `Subrahmanyam Jaishankar`"
        f" (at {tmp_path}/a/people.yaml:6:11): a name stands for one person only, and the first declaration wins",
        f"{b}:7:11: error: people[2].name: `dr s jaishankar` is already declared for `Subrahmanyam Jaishankar`"
        f" (at {tmp_path}/a/people.yaml:6:26): a name stands for one person only, and the first declaration wins;"
        " this entry is ignored",
    ]
    assert [person.name for person in registry] == ["Wang Yi", "Subrahmanyam Jaishankar", "Sunil Jaishankar"]
    assert registry.aliases("Wang Yi") == ("王毅", "王毅 (Wang Yi)")
    assert registry.roles("Wang Yi") == (Role("Foreign Minister"), Role("Director"))
    assert registry.canonical("S. Jaishankar") == "Subrahmanyam Jaishankar"
    assert registry.canonical("Dr Sunil Jaishankar") == "Sunil Jaishankar"
    assert registry.where("王毅 (Wang Yi)") is not None and registry.where("王毅 (Wang Yi)").path == b  # type: ignore[union-attr]


def test_an_unreadable_people_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "people.yaml").write_bytes(b"\xff\xfepeople")
    registry, problems = load_people([str(tmp_path / "people.yaml")])
    assert len(registry) == 0
    assert [str(problem) for problem in problems] == [
        f"{tmp_path}/people.yaml:1:1: error: file is UTF-16: people files are UTF-8"
    ]


# ------------------------------------------------------------------ likely duplicates


def hinted(*names: str, registry: PeopleRegistry | None = None) -> list[tuple[str, str, str]]:
    return [(h.first, h.second, h.why) for h in likely_duplicates(((n, "f:1:1") for n in names), registry)]


@pytest.mark.parametrize(
    ("a", "b", "first", "why"),
    [
        ("S. Jaishankar", "Subrahmanyam Jaishankar", "Subrahmanyam Jaishankar", "same surname, compatible initials"),
        ("P. Szijjártó", "Péter Szijjártó", "Péter Szijjártó", "same surname, compatible initials"),
        ("P. Szijjarto", "Péter Szijjártó", "Péter Szijjártó", "same surname, compatible initials"),
        ("Dr S. Jaishankar", "Subrahmanyam Jaishankar", "Subrahmanyam Jaishankar", "same surname, compatible initials"),
        ("J.-Y. Le Drian", "Jean-Yves Le Drian", "Jean-Yves Le Drian", "same surname, compatible initials"),
        ("S. J. Jaishankar", "S. Jaishankar", "S. J. Jaishankar", "same surname, compatible initials"),
        ("Antony Blinken", "Antony John Blinken", "Antony John Blinken", "same surname, compatible given names"),
        ("Wang Yi", "王毅 (Wang Yi)", "Wang Yi", "one is written inside the other"),
        ("王毅", "王毅 (Wang Yi)", "王毅", "one is written inside the other"),
        ("Wang Yi", "Wang Yi（王毅）", "Wang Yi", "one is written inside the other"),
        ("H.E. Wang Yi", "王毅 (Wang Yi)", "王毅 (Wang Yi)", "one is written inside the other"),
        ("Narendra Modi", "Narendra Modi (Prime Minister)", "Narendra Modi", "one is written inside the other"),
        ("W. Yi", "王毅 (Wang Yi)", "W. Yi", "same surname, compatible initials"),
        ("王毅 (Wang Yi)", "Wang Yi (王毅)", "Wang Yi (王毅)", "both are written with the same name"),
        (
            "Wang Yi (FM)",
            "Wang Yi (Foreign Minister)",
            "Wang Yi (Foreign Minister)",
            "both are written with the same name",
        ),
        ("Szijjarto", "Szijjártó", "Szijjártó", "differ only in accents"),
        ("Peter Szijjarto", "Péter Szijjártó", "Péter Szijjártó", "differ only in accents"),
        ("WANG Yi", "Wang Yi", "Wang Yi", "differ only in case"),
        ("SZIJJARTO", "Szijjártó", "Szijjártó", "differ only in accents and case"),
        ("S Jaishankar", "S. Jaishankar", "S. Jaishankar", "differ only in punctuation or spacing"),
        ("Dr S. Jaishankar", "S. Jaishankar", "S. Jaishankar", "differ only in a title (Dr)"),
        ("Dr. S. Jaishankar", "S. Jaishankar", "S. Jaishankar", "differ only in a title (Dr.)"),
        ("H.E. Wang Yi", "Wang Yi", "Wang Yi", "differ only in a title (H.E.)"),
        ("Prof. Dr. Jane Doe", "Jane Doe", "Jane Doe", "differ only in a title (Prof. Dr.)"),
        ("Sir Keir Starmer", "Keir Starmer", "Keir Starmer", "differ only in a title (Sir)"),
        ("Dame Jane Doe", "Mrs Jane Doe", "Mrs Jane Doe", "differ only in a title (Mrs, Dame)"),
        ("Mr Sergey Lavrov", "Ms. Sergey Lavrov", "Ms. Sergey Lavrov", "differ only in a title (Ms., Mr)"),
        ("Sheikh Mohammed bin Zayed", "Mohammed bin Zayed", "Mohammed bin Zayed", "differ only in a title (Sheikh)"),
    ],
)
def test_likely_duplicates_are_hinted(a: str, b: str, first: str, why: str) -> None:
    second = b if first == a else a
    assert hinted(a, b) == [(first, second, why)]
    assert hinted(b, a) == [(first, second, why)]  # the order of the input does not matter


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Marco Rubio", "Maria Rubio"),
        ("John Smith", "Jane Smith"),
        ("S. Jaishankar", "T. Jaishankar"),
        ("Penny Wong", "Wang Yi"),
        ("Wang Yi", "Li Yi"),
        ("Wang Yi", "Yi Wang"),
        ("George W. Bush", "George H. W. Bush"),
        ("Jaishankar", "S. Jaishankar"),  # a surname alone says too little
        ("Jaishankar", "Subrahmanyam Jaishankar"),
        ("Lula", "Modi"),  # one-word names, different people
        ("Lula", "Lulu"),
        ("王毅", "王岐山"),
        ("Wang Yi", "王毅"),  # different scripts, nothing written to tie them
        ("H. E. Wang", "Wang"),  # H. E. with a space is two initials, not a title
        ("Dr", "Dr Who"),  # a title alone is a name
        ("M. Rubio", "J. Rubio"),
        ("Marco A. Rubio", "Marco B. Rubio"),
        ("...", "…"),  # no letters: not names to compare
        ("Wang Yi (Foreign Minister)", "Sergey Lavrov (Foreign Minister)"),  # the same parentheses prove nothing
        ("Wang Yi (Foreign Minister)", "Li Qiang (Foreign Minister)"),
        ("Wang Yi (China)", "Wang Li (China)"),
    ],
)
def test_different_people_stay_quiet(a: str, b: str) -> None:
    assert hinted(a, b) == []


def test_names_the_registry_settles_are_not_hinted() -> None:
    registry = registry_of(GOOD)
    names = ("S. Jaishankar", "Subrahmanyam Jaishankar", "Dr S. Jaishankar", "Dr. S. Jaishankar", "S. J. Jaishankar")
    hints = hinted(*names, registry=registry)
    # Every pair among the four declared forms is settled; the undeclared form is still hinted against each.
    assert {(first, second) for first, second, _ in hints} == {
        ("S. J. Jaishankar", "S. Jaishankar"),
        ("S. J. Jaishankar", "Dr S. Jaishankar"),
        ("S. J. Jaishankar", "Dr. S. Jaishankar"),
        ("Subrahmanyam Jaishankar", "S. J. Jaishankar"),
    }
    assert len(hinted(*names)) == 10  # without the registry, every pair


def test_a_hint_keeps_every_place_in_order() -> None:
    names = [("S. Jaishankar", "a:1:1"), ("Subrahmanyam Jaishankar", "b:2:3"), ("S. Jaishankar", "c:9:9")]
    names += [("S. Jaishankar", "a:1:1")]  # the same place twice counts once
    assert likely_duplicates(names) == [
        Hint(
            "Subrahmanyam Jaishankar",
            "S. Jaishankar",
            "same surname, compatible initials",
            ("b:2:3",),
            ("a:1:1", "c:9:9"),
        )
    ]


NAMES = [
    *(
        "Jaishankar",
        "S. Jaishankar",
        "Subrahmanyam Jaishankar",
        "Dr S. Jaishankar",
        "T. Jaishankar",
        "S. J. Jaishankar",
    ),
    *("Wang Yi", "王毅 (Wang Yi)", "王毅", "WANG Yi", "W. Yi", "Li Yi", "H.E. Wang Yi"),
    *("Marco Rubio", "Maria Rubio", "M. Rubio"),
    *("Szijjártó", "Szijjarto", "P. Szijjártó", "Péter Szijjártó", "Peter Szijjarto"),
]


def test_the_buckets_miss_no_pair_a_full_comparison_finds() -> None:
    rng = random.Random(3)
    firsts, lasts = ["Ana", "Anna", "Ben", "B.", "A.", "Dr Ana", "Ana B.", "A. B."], ["Lee", "Li", "Lée", "LEE"]
    names = sorted({*NAMES, *(f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(200))})
    brute = set()
    for a, b in combinations([_name(name) for name in names], 2):
        assert a is not None and b is not None
        if _why(a, b) is not None:
            brute.add(frozenset((a.name, b.name)))
    found = {frozenset((hint.first, hint.second)) for hint in likely_duplicates((name, "") for name in names)}
    assert found == brute and len(found) > 30


def test_a_hint_message_says_where_and_how_to_declare() -> None:
    places = tuple(f"b.yaml:{line}:5" for line in range(1, 6))
    hint = Hint(
        "Subrahmanyam Jaishankar", "S. Jaishankar", "same surname, compatible initials", ("a.yaml:3:7",), places
    )
    assert hint_message(hint) == (
        "`Subrahmanyam Jaishankar` (a.yaml:3:7) and `S. Jaishankar` (b.yaml:1:5, b.yaml:2:5, b.yaml:3:5 and 2 more)"
        " may be one person: same surname, compatible initials; if they are, declare them one person in people.yaml:"
        " - {name: Subrahmanyam Jaishankar, aka: [S. Jaishankar]}"
    )


def test_a_hint_message_adds_to_an_existing_entry() -> None:
    registry = registry_of(GOOD)
    (hint,) = likely_duplicates([("S. J. Jaishankar", "x:1:1"), ("S. Jaishankar", "y:2:2")], registry)
    assert hint_message(hint, registry).endswith(
        "if they are, add `S. J. Jaishankar` to the entry of `Subrahmanyam Jaishankar` in people.yaml:"
        " - {name: Subrahmanyam Jaishankar, aka: [S. Jaishankar, Dr S. Jaishankar, S. J. Jaishankar]}"
    )
    other = registry_of("people:\n  - name: Sunil Jaishankar\n  - name: S. Jaishankar\n")
    hint = Hint("Sunil Jaishankar", "S. Jaishankar", "same surname, compatible initials", ("x",), ("y",))
    assert "merge their two entries in people.yaml into one: - {name: Sunil Jaishankar, aka: [S. Jaishankar]}" in (
        hint_message(hint, other)
    )


@pytest.mark.parametrize(
    "names",
    [
        ("Subrahmanyam Jaishankar", "S. Jaishankar"),
        ("王毅 (Wang Yi)", "Wang Yi（王毅）"),
        ("O'Brien, Pat", "Pat O'Brien"),
        ("Name: With Colon", "# not a comment"),
        ("[Bracketed] Name", "{Braced}"),
        ('"Quoted" Name', "back\\slash"),
        ("- dash", "* star & amp ! bang"),
        ("yes", "null"),
        ("2025 Name", "trailing space "),
    ],
)
def test_the_snippet_declares_exactly_the_two_names(names: tuple[str, str]) -> None:
    hint = Hint(names[0], names[1], "why", ("x",), ("y",))
    snippet = hint_message(hint).split("people.yaml: ", 1)[1]
    registry = registry_of(f"people:\n  {snippet}\n")
    assert [(person.name, person.aka) for person in registry] == [(names[0].strip(), (names[1].strip(),))]


def test_fifty_thousand_names() -> None:
    rng = random.Random(7)
    syllables = ["ka", "ri", "to", "mo", "na", "se", "lu", "vi", "da", "pe", "zo", "ha", "ji", "ku", "ra", "ta"]

    def word(size: int) -> str:
        return "".join(rng.choice(syllables) for _ in range(size)).capitalize()

    firsts, lasts = [word(2) for _ in range(400)], [word(3) for _ in range(3000)]
    names: set[str] = set()
    while len(names) < 50_000:
        first, last, kind = rng.choice(firsts), rng.choice(lasts), rng.random()
        names.add(f"{first[0]}. {last}" if kind < 0.2 else f"Dr {first} {last}" if kind < 0.25 else f"{first} {last}")
    hints = likely_duplicates((name, f"a.yaml:{line}:1") for line, name in enumerate(sorted(names), 1))
    assert hints and all(hint.first != hint.second for hint in hints)
