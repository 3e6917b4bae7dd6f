"""The settings file: every setting read, every problem located, hostile files refused, the starter file."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from briefing.archive.files import NOT_REGULAR
from briefing.format.text import has_unsafe
from briefing.settings import config
from briefing.settings.config import STARTER, Config, describe, init_config, load_config
from briefing.settings.location import config_path
from briefing.settings.toml_places import Locator

BINDINGS = {
    "list.down": "Down",
    "list.up": "Up",
    "list.first": "First",
    "main.search": "Search",
    "main.help": "Help",
}


def load(tmp_path: Path, text: str | bytes, **options: Any) -> tuple[Config, list[str]]:
    path = tmp_path / "config.toml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    loaded, problems = load_config(path, known_bindings=options.pop("known_bindings", BINDINGS), **options)
    prefix = f"{path}:"
    assert all(str(p).startswith(prefix) for p in problems)
    return loaded, [str(p)[len(prefix) :] for p in problems]


def within(seconds: float, work: Callable[[], Any]) -> Any:
    """``work()``, failing the test (not hanging it) if it takes longer than ``seconds``."""
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds}s"
    return result[0]


# ---------------------------------------------------------------- defaults and settings


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "absent.toml") == (Config(), [])
    assert Config() == Config((), None, "", "short", {}, {})


def test_the_starter_as_written_changes_nothing(tmp_path: Path) -> None:
    assert load(tmp_path, STARTER) == (Config(), [])


def test_the_starter_uncommented_is_valid(tmp_path: Path) -> None:
    setting = re.compile(r'# (\[\w+\]$|"?[\w.]+"? = )')
    lines = [line[2:] if setting.match(line) else line for line in STARTER.splitlines()]
    loaded, problems = load(tmp_path, "\n".join(lines))
    assert problems == []
    assert loaded.paths == (os.path.expanduser("~/briefings"), os.path.expanduser("~/work/reports"))
    assert (loaded.theme, loaded.query, loaded.date_format) == ("textual-dark", "date:2025", "short")
    assert dict(loaded.keys) == {"list.down": "down,j,ctrl+n", "list.up": "up,k,ctrl+p"}
    assert set(loaded.views) == {"quad", "summer"}


def test_every_setting_is_read(tmp_path: Path) -> None:
    text = """\
paths = ["~/briefings", "/srv/reports", "relative/here"]
theme = " nord "
query = "person:rubio date:2025"
date_format = "iso"

[keys]
"list.down" = " down , j,ctrl+n"
"main.search" = ["slash", "ctrl+f"]

[views]
quad = "tag:quad -kind:call"
"summer 2025" = "date:2025-06..2025-08"
"""
    loaded, problems = load(tmp_path, text)
    assert problems == []
    assert loaded == Config(
        paths=(os.path.expanduser("~/briefings"), "/srv/reports", "relative/here"),
        theme="nord",
        query="person:rubio date:2025",
        date_format="iso",
        keys={"list.down": "down,j,ctrl+n", "main.search": "slash,ctrl+f"},
        views={"quad": "tag:quad -kind:call", "summer 2025": "date:2025-06..2025-08"},
    )
    assert load(tmp_path, 'paths = "~/one"')[0].paths == (os.path.expanduser("~/one"),)


@pytest.mark.parametrize(
    ("keys", "normal"),
    [
        ("down, j ,ctrl+n", "down,j,ctrl+n"),
        ("Ctrl+Shift+Tab", "ctrl+shift+tab"),
        ("F5,f24", "f5,f24"),
        ("ctrl+/,?", "ctrl+slash,question_mark"),
        ("<,>,*", "less_than_sign,greater_than_sign,asterisk"),
        ("+,ctrl+plus", "plus,ctrl+plus"),
        ("G,N", "G,N"),  # capitals are shifted letters in Textual: kept
        ("alt+pagedown,shift+f3,escape", "alt+pagedown,shift+f3,escape"),
        ("é", "é"),
    ],
)
def test_keys_are_normalised_for_set_keymap(tmp_path: Path, keys: str, normal: str) -> None:
    loaded, problems = load(tmp_path, f'[keys]\n"list.down" = "{keys}"\n')
    assert problems == []
    assert loaded.keys == {"list.down": normal}


def test_any_binding_id_is_taken_when_none_are_known(tmp_path: Path) -> None:
    loaded, problems = load(tmp_path, '[keys]\n"made.up" = "x"\n', known_bindings={})
    assert (dict(loaded.keys), problems) == ({"made.up": "x"}, [])


def test_known_themes_are_checked_when_given(tmp_path: Path) -> None:
    loaded, problems = load(tmp_path, 'theme = "textual-drak"\n', known_themes=("textual-dark", "nord"))
    assert loaded.theme is None
    assert problems == ["1:1: error: theme: `textual-drak` is not a theme (did you mean `textual-dark`?)"]
    assert load(tmp_path, 'theme = "nord"', known_themes=("nord",))[0].theme == "nord"


# ---------------------------------------------------------------- located problems

LOCATED = [
    # (the file, the one problem, as LINE:COLUMN: severity: field: message)
    ("paths = 3", "1:1: error: paths: must be a list of files or folders, not a number"),
    ('paths = [\n  "~/a",\n  "",\n]', "3:3: error: paths[1]: must be the name of a file or folder, not nothing"),
    ('paths = ["a", 1]', "1:15: error: paths[1]: must be the name of a file or folder, not a number"),
    ('paths = ["a\\u0000b"]', "1:10: error: paths[0]: a file name cannot hold a NUL character"),
    ('\n\n# theme = "x"\ntheme=""', "4:1: error: theme: must be a theme name, not nothing"),
    ("theme = true", "1:1: error: theme: must be a theme name, not true or false"),
    ("theme = 1979-05-27", "1:1: error: theme: must be a theme name, not a date or time"),
    ('query = "foo:bar"', "1:1: error: query: `foo:` is not a field: fields are person:, country:, topic:"),
    ('date_format = "iso8601"', "1:1: error: date_format: `iso8601` is not one of short, iso (did you mean `iso`?)"),
    ("date_format = []", "1:1: error: date_format: must be short or iso, not a list"),
    ('keys = "j"', "1:1: error: keys: must be a table ([keys]), not `j`"),
    ("views = [1]", "1:1: error: views: must be a table ([views]), not a list"),
    ('thme = "x"', "1:1: warning: thme: unknown setting (did you mean `theme`?)"),
    ("[bindings]", "1:1: warning: bindings: unknown setting (did you mean `keys`?)"),
    ("colour = 1", "1:1: warning: colour: unknown setting"),
    ('[keys]\n"list.dwn" = "j"', '2:1: warning: keys."list.dwn": unknown binding (did you mean `list.down`?)'),
    ('[keys]\n"zzz" = "j"', "2:1: warning: keys.zzz: unknown binding"),
    ('[keys]\n"list.down" = "pgdn"', '2:1: error: keys."list.down": `pgdn` is not a key (did you mean `pagedown`?)'),
    ('[keys]\n"list.down" = "ctl+n"', '2:1: error: keys."list.down": `ctl+` is not a modifier: use ctrl+, shift+'),
    ('[keys]\n"list.down" = "j,,k"', '2:1: error: keys."list.down": an empty key name (two commas together'),
    ('[keys]\n"list.down" = ""', '2:1: error: keys."list.down": must be keys, as in "down,j", not nothing'),
    ('[keys]\n"list.down" = []', '2:1: error: keys."list.down": must be keys, as in "down,j", not nothing'),
    ('[keys]\n"list.down" = 2', '2:1: error: keys."list.down": must be keys, as in "down,j", not a number'),
    ('[keys]\n"list.down" = ["j", 2]', '2:1: error: keys."list.down": must be keys, as in "down,j", not a list'),
    ('[keys]\n"list.down" = "page down"', '2:1: error: keys."list.down": `page down` is not a key'),
    ('[keys]\nlist.down = "j"', "2:1: error: keys.list: a table: a binding id with a dot goes in quotes, as in"),
    ('[views]\nquad = "date:2025-13"', "2:1: error: views.quad: date:2025-13: '2025-13': month 13 does not exist"),
    ('[views]\nquad = ""', "2:1: error: views.quad: must be a search, not nothing"),
    ('[views]\nquad.x = "tag:quad"', "2:1: error: views.quad: must be a search, not a table"),
    ('[views]\n"" = "tag:quad"', '2:1: error: views."": a saved search needs a name'),
    # Where the key is written in odd ways.
    ('[keys]\n  "list.down"="pgdn"', '2:3: error: keys."list.down": `pgdn` is not a key'),
    ("[keys]\n'list.down' = 'pgdn'", '2:1: error: keys."list.down": `pgdn` is not a key'),
    ('[keys]\n"list\\u002edown" = "pgdn"', '2:1: error: keys."list.down": `pgdn` is not a key'),
    ('[ keys ]   # mine\n\n\t"list.down" = "pgdn"  # j', '3:2: error: keys."list.down": `pgdn` is not a key'),
    ('keys."list.down" = "pgdn"', '1:1: error: keys."list.down": `pgdn` is not a key'),
    ('keys = { "main.help" = "?", "list.down" = "pgdn" }', '1:29: error: keys."list.down": `pgdn` is not a key'),
    ('[views]\na = "x"\nb = {c = 1}', "3:1: error: views.b: must be a search, not a table"),
    ('[keys]\r\n"list.up" = "k"\r\n"list.down" = "pgdn"\r\n', '3:1: error: keys."list.down": `pgdn` is not a key'),
    ('\ufefftheme = ""', "1:1: error: theme: must be a theme name, not nothing"),
    # Strings and comments that look like keys are not keys.
    (
        'notes = """\n[keys]\n"list.down" = "x"\n"""\n[keys]\n"main.help" = "?"\n"list.down" = "pgdn"',
        ("1:1: warning: notes: unknown setting", '7:1: error: keys."list.down": `pgdn` is not a key'),
    ),
    (
        "x = '''\ntheme = 1\n'''\ntheme = 2",
        ("1:1: warning: x: unknown setting", "4:1: error: theme: must be a theme name, not a number"),
    ),
    ('# [views]\n# quad = "x"\n[views] # quad = \nquad = 1', "4:1: error: views.quad: must be a search, not a number"),
    (
        'paths = [ # "x",\n  "a", # ]\n  """b""",\n  true ]',
        "4:3: error: paths[2]: must be the name of a file or folder",
    ),
    ('paths = [["a"]]', "1:10: error: paths[0]: must be the name of a file or folder, not a list"),
    ("[views.q]\nx = 1", "1:1: error: views.q: must be a search, not a table"),
]


@pytest.mark.parametrize(("text", "expected"), LOCATED)
def test_each_problem_is_located(tmp_path: Path, text: str, expected: str | tuple[str, ...]) -> None:
    problems = load(tmp_path, text)[1]
    expected = (expected,) if isinstance(expected, str) else expected
    assert len(problems) == len(expected), problems
    for problem, start in zip(problems, expected, strict=True):
        assert problem.startswith(start), problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('theme = "x"\nquery = \n', "2:9: error: not valid TOML: invalid value"),
        ("theme = 1\ntheme = 2\n", "2:10: error: not valid TOML: cannot overwrite a value"),
        ('paths = [\n  "a",\n', "3:1: error: not valid TOML: invalid value"),
        ('paths = ["a"', "1:13: error: not valid TOML: unclosed array"),
        ("a = " + "[" * 5000 + "]" * 5000, "1:10005: error: not valid TOML: arrays or tables nested too deep"),
        (b'theme = "\xff"', "1:10: error: not valid UTF-8 (byte 0xff)"),
        ('theme = "x"\n'.encode("utf-16"), "1:1: error: file is UTF-16: config files are UTF-8"),
        (b'theme = "\x00"', "1:10: error: file holds NUL bytes"),
    ],
)
def test_a_file_that_is_not_toml_gives_the_defaults_and_one_located_problem(
    tmp_path: Path, text: str | bytes, expected: str
) -> None:
    loaded, problems = load(tmp_path, text)
    assert loaded == Config()
    assert len(problems) == 1 and problems[0].startswith(expected), problems


def test_a_bad_value_loses_only_itself(tmp_path: Path) -> None:
    text = """\
paths = ["~/good", 7, "/also/good"]
theme = ""
query = "tag:quad"
date_format = "wide"
colour = "red"
[keys]
"list.down" = "j"
"list.up" = "pgup"
"list.dwn" = "x"
"main.help" = "question_mark"
[views]
good = "person:rubio"
bad = "date:2025-13"
"""
    loaded, problems = load(tmp_path, text)
    assert loaded == Config(
        paths=(os.path.expanduser("~/good"), "/also/good"),
        query="tag:quad",
        keys={"list.down": "j", "main.help": "question_mark"},
        views={"good": "person:rubio"},
    )
    assert [p.split(": ")[0] for p in problems] == ["1:20", "2:1", "4:1", "5:1", "8:1", "9:1", "13:1"]


def test_a_key_that_cannot_be_located_falls_back_to_its_table_then_to_the_start(tmp_path: Path) -> None:
    check = config._Checker("f", "a = 1\n\n[views]\nq = 'x'\n")
    check.report(("views", "missing"), "m")
    check.report(("nowhere", "at all"), "m")
    assert [(p.line, p.column) for p in check.problems] == [(3, 1), (1, 1)]


LAYOUTS = [
    ('a="x"', {("a",): (1, 1)}),
    ('\n  a . b = 1\n[t]\n"x.y" = 2', {("a",): (2, 3), ("a", "b"): (2, 3), ("t",): (3, 1), ("t", "x.y"): (4, 1)}),
    ("[[arr]]\nk = 1", {("arr",): (1, 1), ("arr", "k"): (2, 1)}),
    (
        'p = [\n  "a", # "b" = 1\n  [1, 2],\n]',
        {("p",): (1, 1), ("p", 0): (2, 3), ("p", 1): (3, 3), ("p", 1, 1): (3, 7)},
    ),
    ("t = {a = {b = 1}, c = [ {d = 2} ]}", {("t", "a", "b"): (1, 11), ("t", "c", 0, "d"): (1, 26)}),
    ('s = """a\n""" \nk = "#"', {("s",): (1, 1), ("k",): (3, 1)}),
    ('s = """ \\"""\nj = 1"""\nk = 1', {("s",): (1, 1), ("k",): (3, 1)}),
    ("s = ''''a'''' \nk = 1", {("k",): (2, 1)}),
    ("d = 1979-05-27 07:32:00Z\nf = -1.5e3\nk = inf", {("d",): (1, 1), ("f",): (2, 1), ("k",): (3, 1)}),
    ("é = 1", {}),  # not TOML: nothing found, nothing raised
]


@pytest.mark.parametrize(("text", "expected"), LAYOUTS)
def test_the_locator_finds_keys_in_tricky_layouts(text: str, expected: dict[tuple[Any, ...], tuple[int, int]]) -> None:
    found = Locator(text).found
    assert {key: found.get(key) for key in expected} == expected


def test_the_locator_never_raises_on_a_file_cut_anywhere() -> None:
    text = '[keys]\n"a.b" = [\n  """x\ny""", {c = 1},\n]\n[views] # c\nq = \'r\'\n'
    for end in range(len(text) + 1):
        Locator(text[:end] + "\x00]}\"'")  # nothing to check but that it returns


def test_a_large_valid_file_is_located_quickly(tmp_path: Path) -> None:
    text = "[views]\n" + "".join(f'v{i} = "tag:quad"\n' for i in range(40_000)) + "bad = 1\n"
    assert len(text.encode()) < config.MAX_SIZE
    problems = within(20, lambda: load(tmp_path, text)[1])
    assert problems == ["40002:1: error: views.bad: must be a search, not a number"]


# ---------------------------------------------------------------- files that are not read


def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    loaded, problems = within(5, lambda: load_config(fifo))
    assert loaded == Config()
    assert [str(p) for p in problems] == [f"{fifo}:0:0: error: {NOT_REGULAR}"]


def test_a_fifo_swapped_in_after_stat_is_refused_without_hanging(tmp_path: Path, monkeypatch: Any) -> None:
    fifo, regular = tmp_path / "config.toml", tmp_path / "regular"
    os.mkfifo(fifo)
    regular.write_text("")
    real_stat = os.stat

    def stat_as_before(path: Any, **options: Any) -> os.stat_result:  # the FIFO passes for the regular file
        return real_stat(regular if path == fifo else path, **options)

    monkeypatch.setattr("briefing.settings.config.os.stat", stat_as_before)
    _, problems = within(5, lambda: load_config(fifo))
    assert [p.message for p in problems] == [NOT_REGULAR]


def test_an_oversized_file_is_refused(tmp_path: Path) -> None:
    loaded, problems = load(tmp_path, "#" * config.MAX_SIZE + "\n")
    assert loaded == Config()
    assert problems == ["0:0: error: file is 1,048,577 bytes, over the 1,048,576-byte limit (for a config file)"]
    assert load(tmp_path, "#" * (config.MAX_SIZE - 1) + "\n") == (Config(), [])


def test_other_files_that_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("")
    (tmp_path / "dangling").symlink_to(tmp_path / "nothing")
    (tmp_path / "link").symlink_to(tmp_path / "real.toml")
    (tmp_path / "real.toml").write_text('theme = "nord"')
    assert load_config(tmp_path / "folder")[1][0].message == NOT_REGULAR
    assert load_config(tmp_path / "file" / "config.toml")[1][0].message == "cannot read: Not a directory"
    assert load_config(tmp_path / "dangling")[1][0].message == "a symbolic link to nothing"
    assert load_config(tmp_path / "link") == (Config(theme="nord"), [])


def test_a_file_that_cannot_be_opened(tmp_path: Path, monkeypatch: Any) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"')

    def refuse(*args: Any) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("briefing.settings.config.os.open", refuse)
    assert [str(p) for p in load_config(path)[1]] == [f"{path}:0:0: error: cannot read: Permission denied"]


# ---------------------------------------------------------------- where the file is


@pytest.mark.parametrize(
    ("xdg", "expected"),
    [
        ("/somewhere/config", Path("/somewhere/config/briefing/config.toml")),
        ("relative/config", None),
        ("", None),
    ],
)
def test_config_path_takes_only_an_absolute_xdg_config_home(monkeypatch: Any, xdg: str, expected: Path | None) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
    default = Path(platformdirs.user_config_dir("briefing", appauthor=False)) / "config.toml"
    assert config_path() == (expected or default)
    assert "relative" not in str(config_path())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="platformdirs reads XDG_CONFIG_HOME on Linux")
def test_platformdirs_itself_ignores_a_relative_xdg_config_home(monkeypatch: Any) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    assert os.path.isabs(platformdirs.user_config_dir("briefing", appauthor=False))


def test_load_config_reads_config_path_by_default(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "briefing").mkdir()
    (tmp_path / "briefing" / "config.toml").write_text('date_format = "iso"')
    assert load_config() == (Config(date_format="iso"), [])


# ---------------------------------------------------------------- describe and init


def test_describe_the_defaults(tmp_path: Path) -> None:
    lines = describe(Config(), tmp_path / "config.toml", exists=False)
    assert lines[0].startswith(f"config file: {tmp_path / 'config.toml'} (not found: `briefing config --init`")
    assert lines[1:] == [
        "paths: (none: $BRIEFING_PATH, else the bundled briefings)",
        "theme: (the default; one chosen in the palette is remembered)",
        "query: (none)",
        "date_format: short",
        "keys: (none)",
        "views: (none)",
    ]


def test_describe_every_setting(tmp_path: Path) -> None:
    settings = Config(("/a", "/b"), "nord", "tag:quad", "iso", {"list.down": "j"}, {"b": "x", "a": "y"})
    assert describe(settings, Path("/c/config.toml"), exists=True) == [
        "config file: /c/config.toml",
        "paths: /a, /b",
        "theme: nord (the reader checks it is one of its themes)",
        "query: tag:quad",
        "date_format: iso",
        "keys:",
        '  "list.down" = j',
        "views:",
        "  a = y",
        "  b = x",
    ]


def test_init_writes_the_starter_once_and_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folders" / "config.toml"
    assert init_config(path) is True
    assert path.read_text(encoding="utf-8") == STARTER
    path.write_text("mine")
    assert init_config(path) is False
    assert path.read_text() == "mine"
    assert sorted(os.listdir(path.parent)) == ["config.toml"]  # no temporary file left
    dangling = tmp_path / "dangling.toml"
    dangling.symlink_to(tmp_path / "elsewhere")
    assert init_config(dangling) is False
    assert not (tmp_path / "elsewhere").exists()


def test_init_never_replaces_a_file_that_appears_while_writing(tmp_path: Path, monkeypatch: Any) -> None:
    path = tmp_path / "config.toml"
    real_mkstemp = tempfile.mkstemp

    def racing_mkstemp(**options: Any) -> tuple[int, str]:
        path.write_text("theirs")  # another process, just after the check
        return real_mkstemp(**options)

    monkeypatch.setattr("briefing.settings.config.tempfile.mkstemp", racing_mkstemp)
    assert init_config(path) is False
    assert path.read_text() == "theirs"
    assert os.listdir(tmp_path) == ["config.toml"]


def test_init_is_atomic_when_writing_fails(tmp_path: Path, monkeypatch: Any) -> None:
    path = tmp_path / "config.toml"

    seen: list[bool] = []

    def full(fd: int) -> None:
        seen.append(path.exists())
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("briefing.settings.config.os.fsync", full)
    with pytest.raises(OSError, match="No space"):
        init_config(path)
    assert seen == [False]  # while it was being written, the config file was not there to be read half-written
    assert os.listdir(tmp_path) == []  # neither a half-written config nor a temporary file


def test_init_without_hard_links_renames_into_place(tmp_path: Path, monkeypatch: Any) -> None:
    def no_links(source: str, target: Path) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr("briefing.settings.config.os.link", no_links)
    assert init_config(tmp_path / "config.toml") is True
    assert os.listdir(tmp_path) == ["config.toml"]
    assert (tmp_path / "config.toml").read_text(encoding="utf-8") == STARTER


# ---------------------------------------------------------------- hostile strings

ESC, RLO = "\\u001b", "\\u202e"  # as TOML escapes, so the file itself is plain ASCII


@pytest.mark.parametrize(
    "text",
    [
        f'theme = "{ESC}[2J{RLO}x"',
        f'date_format = "{ESC}]0;owned\\u0007"',
        f'query = "person:a {ESC}[31m" \nqueri = 1\n"{ESC}[1m" = 2',
        f'[keys]\n"{RLO}list.down" = "j"',
        f'[keys]\n"list.down" = "ctrl+{ESC}[A"',
        f'[keys]\n"list.down" = "{ESC}[A+j"',
        f'[views]\n"{ESC}[2J" = "date:{ESC}[2J"',
        f'[views]\n"{RLO}quad" = "nosuchfield:{RLO}x"',
        f'"{RLO}" = 1\n[views]\nq = "date:2025-13{ESC}"',
        f'theme = "x" {RLO}',
        f'theme = "x"\ntheme = "{ESC}"',
    ],
)
def test_hostile_strings_are_neutralised_in_messages(tmp_path: Path, text: str) -> None:
    problems = load_config(_write(tmp_path, text), known_themes=("nord",), known_bindings=BINDINGS)[1]
    assert problems
    for problem in problems:
        assert not has_unsafe(str(problem)), str(problem)
        assert "\n" not in str(problem)


def test_long_strings_are_cut_in_messages(tmp_path: Path) -> None:
    problems = load_config(_write(tmp_path, f'[keys]\n"{"x" * 500}" = "{"y" * 500}"'), known_bindings=BINDINGS)[1]
    assert len(problems) == 1 and len(problems[0].field) < 60 and len(problems[0].message) < 80


def test_describe_neutralises_what_the_file_held(tmp_path: Path) -> None:
    path = _write(tmp_path, f'paths = ["/a{ESC}[2J"]\ntheme = "{RLO}t"\nquery = "x{ESC}"\n[views]\n"{ESC}v" = "q"')
    lines = describe(load_config(path)[0], path, exists=True)
    assert not any(has_unsafe(line) for line in lines), lines
    assert lines[1] == "paths: /a\\x1b[2J"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path
