"""Baseline programs the benchmarks compare against (run as ``python -m benchmarks.baselines NAME``)."""

from __future__ import annotations

import os
import sys
import time


def b_cli() -> None:
    """B_cli: import yaml and rich, print a small table."""
    import rich.console
    import rich.table
    import yaml  # noqa: F401 - importing it is the point

    table = rich.table.Table()
    table.add_column("a")
    table.add_row("x")
    rich.console.Console().print(table)


def floor(root: str) -> None:
    """Raw parse floor: list, read and libyaml-parse every briefing file under ``root``."""
    import yaml

    files = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        files += [os.path.join(folder, n) for n in sorted(names) if n.endswith((".yaml", ".yml"))]
    for path in files:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
        for _ in yaml.load_all(text, Loader=yaml.CBaseLoader):
            pass
    print("EVERY MEETING AVAILABLE", flush=True)


def parse(path: str) -> None:
    """The parse floor of one file: read it and libyaml-parse it (errors and all), nothing more."""
    import yaml

    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8")
    try:
        for _ in yaml.load_all(text, Loader=yaml.CBaseLoader):
            pass
    except yaml.YAMLError:
        pass


def b_tui() -> None:
    """B_tui: import textual.app and its common widgets, paint one screen."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header, Input, OptionList, Static  # noqa: F401

    class Baseline(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("BASELINE READY")
            yield Footer()

    Baseline().run()


def echo() -> None:
    """The echo floor: an Input whose text a Static repeats, no data."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input, Static

    class Echo(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(id="input")
            yield Static("ECHO READY", id="echo")

        def on_input_changed(self, event: Input.Changed) -> None:
            self.query_one("#echo", Static).update(f"echo: {event.value}")

    Echo().run()


def records(root: str, how: str = "--parsed") -> None:
    """Memory baseline: textual imported, every record of ``root`` loaded as model objects.

    ``--cached`` reads them from the cache (as fast as it is: 100,000 files parse for minutes).
    """
    import gc

    import textual.app
    import textual.widgets  # noqa: F401

    from briefing.archive.loader import load_paths

    result = load_paths([root], use_cache=how == "--cached")
    gc.collect()
    print(f"LOADED {sum(len(b.meetings) for b in result.briefings)}", flush=True)
    time.sleep(30)


if __name__ == "__main__":
    name, *args = sys.argv[1:]
    {"b_cli": b_cli, "floor": floor, "parse": parse, "b_tui": b_tui, "echo": echo, "records": records}[name](*args)
