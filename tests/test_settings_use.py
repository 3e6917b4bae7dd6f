"""The settings file at work: in the reader (theme, keys, saved searches, a broken file) and on the command line."""

from __future__ import annotations

import os
from pathlib import Path

from textual.binding import Binding

from briefing.reader.app import BriefingApp
from briefing.reader.screens.views import ViewsScreen
from briefing.reader.widgets.counts_panel import CountsPanel
from briefing.settings.binding_ids import BINDING_IDS
from tests.helpers import TEST_DATA, run_cli, write
from tests.reader_app import DATA, main_screen, settle, shown

SETTINGS = """\
theme = "nord"
[keys]
"main.facets" = "F"
[views]
quad = "quad -kind:call"
rubio = "person:rubio"
"""


def reader(config: Path) -> BriefingApp:
    return BriefingApp([shown(DATA)], use_cache=False, config_file=config)


def settings_home(tmp_path: Path, text: str) -> dict[str, str]:
    """An XDG_CONFIG_HOME whose briefing/config.toml holds ``text``."""
    write(tmp_path / "config" / "briefing", "config.toml", text)
    return {"XDG_CONFIG_HOME": str(tmp_path / "config")}


def test_every_binding_of_the_reader_is_known_to_the_settings_by_its_id() -> None:
    import briefing.reader.app as app_module
    from briefing.reader.screens import errors, export_dialog, help, main, page, views
    from briefing.reader.widgets import counts_panel, document, evidence_view, meeting_list, search_bar

    ids = set()
    for module in (app_module, errors, export_dialog, help, main, page, views, counts_panel, document,
                   evidence_view, meeting_list, search_bar):  # fmt: skip
        for value in vars(module).values():
            for binding in getattr(value, "BINDINGS", []) if isinstance(value, type) else []:
                if isinstance(binding, Binding) and value.__module__ == module.__name__:
                    assert binding.id, (value, binding)
                    ids.add(binding.id)
    assert ids == set(BINDING_IDS)


async def test_the_theme_keys_and_saved_searches_of_the_settings_file_are_taken(tmp_path: Path) -> None:
    config = write(tmp_path, "config.toml", SETTINGS)
    app = reader(config)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        await pilot.press("f")  # rebound: f is no longer the facets
        await settle(pilot)
        assert not app.screen.query_one(CountsPanel).display
        await pilot.press("F")
        await settle(pilot)
        assert app.screen.query_one(CountsPanel).display
        await pilot.press("escape", "v")
        await settle(pilot)
        assert isinstance(app.screen, ViewsScreen)
        await pilot.press("down", "enter")  # the second, by name: rubio
        await settle(pilot)
        screen = main_screen(app)
        assert screen.search_text == "person:rubio"
        assert [screen.catalog.row(i).meeting.title for i in screen.result.rows] == [
            "Jaishankar and Rubio review the India–US partnership"
        ]


async def test_saved_searches_are_in_the_palette(tmp_path: Path) -> None:
    from briefing.reader.commands import BriefingCommands

    app = reader(write(tmp_path, "config.toml", SETTINGS))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        provider = BriefingCommands(app.screen)
        await provider.startup()
        hit = next(hit for hit in [hit async for hit in provider.search("quad")] if hit.text == "saved search: quad")
        hit.command()
        await settle(pilot)
        assert main_screen(app).search_text == "quad -kind:call"


async def test_a_broken_settings_file_opens_the_reader_with_the_defaults_and_says_so_once(tmp_path: Path) -> None:
    config = write(
        tmp_path, "config.toml", 'theme = "no-such-theme"\n[keys]\n"main.facets" = "ctrl+"\n[views]\nok = "x"\n'
    )
    app = reader(config)
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert len([note for note in notes if "config.toml:1:1" in note]) == 1
        assert "(and 1 more)" in notes[0] and "briefing config lists every problem" in notes[0]
        assert app.views == {"ok": "x"}  # what was right is kept
        await pilot.press("f")
        await settle(pilot)
        assert app.screen.query_one(CountsPanel).display  # the broken key left f as it was


def test_briefing_config_shows_the_file_its_settings_and_its_problems(tmp_path: Path) -> None:
    env = settings_home(tmp_path, 'theme = "nord"\nfoo = 1\n[views]\nquad = "quad"\n')
    result = run_cli("config", env=env)
    assert result.returncode == 0, result.stderr  # a warning is not an error
    path = tmp_path / "config" / "briefing" / "config.toml"
    assert result.stdout.splitlines()[0] == f"config file: {path}"
    assert "theme: nord" in result.stdout and "  quad = quad" in result.stdout
    assert f"  {path}:2:1: warning: foo: unknown setting" in result.stdout


def test_config_init_writes_a_starter_once(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "home")}
    first = run_cli("config", "--init", env=env)
    assert first.returncode == 0 and "wrote" in first.stdout
    path = tmp_path / "home" / "briefing" / "config.toml"
    before = path.read_text(encoding="utf-8")
    again = run_cli("config", "--init", env=env)
    assert again.returncode == 1 and "exists already" in again.stderr
    assert path.read_text(encoding="utf-8") == before
    assert run_cli("config", env=env).returncode == 0  # the starter, as written, is valid and changes nothing


def test_the_settings_paths_are_read_when_no_path_is_named(tmp_path: Path) -> None:
    env = settings_home(tmp_path, f'paths = ["{TEST_DATA / "people"}"]\n')
    result = run_cli("search", "wang", env=env)
    assert result.returncode == 0, result.stderr
    assert "An undated call" in result.stdout
    named = run_cli("search", "wang", str(DATA), env=env)  # a path named on the command line wins
    assert "An undated call" not in named.stdout


def test_a_broken_settings_file_is_said_once_and_the_command_still_runs(tmp_path: Path) -> None:
    env = settings_home(tmp_path, "paths = 3\nthis is not toml\n")
    result = run_cli("search", "rubio", str(DATA), env=env)
    assert result.returncode == 0
    assert result.stdout.count("Rubio") >= 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("briefing: config: ") and ":2:" in lines[0] and "not valid TOML" in lines[0]
    assert len(lines) == 2 and "running with the defaults" in lines[1]


def test_an_unknown_view_is_a_usage_error_naming_the_saved_ones(tmp_path: Path) -> None:
    from tests.helpers import run_pty

    home = settings_home(tmp_path, '[views]\nquad = "quad"\nrubio = "person:rubio"\n')
    status, screen = run_pty("--view", "nope", env=home)
    assert status == 2
    assert "no saved search named 'nope' (saved: quad, rubio)" in screen
    assert os.path.exists(tmp_path / "config" / "briefing" / "config.toml")


async def test_dates_in_the_list_are_iso_when_the_settings_say_so(tmp_path: Path) -> None:
    from tests.screen import screen_text

    for form, shown_date in (("short", "1 Jul 2025 "), ("iso", "2025-07-01 "), ("iso", "2025-07-01~ ")):
        app = reader(write(tmp_path, "config.toml", f'date_format = "{form}"\n'))
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            title = "Quad Foreign Ministers" if "~" in shown_date else "Jaishankar and Rubio review"
            line = next(line for line in screen_text(app).splitlines() if title in line)
            assert shown_date in line, line
