"""Where the bundled briefings, the reader's styles and the format's documentation live.

An installed wheel carries them inside the package (``briefing/_data``,
``briefing/_styles``); a checkout keeps them at the top level. The installed
copy wins, so ``pip install .`` works from any folder.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(installed: str, checkout: str) -> Path:
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def data_dir() -> Path:
    """The folder of bundled briefings."""
    return _find("_data", "data")


def styles_dir() -> Path:
    """The folder of the reader's ``.tcss`` stylesheets."""
    return _find("_styles", "styles")


def docs_dir() -> Path:
    """The folder of the documentation shipped with the program (the format)."""
    return _find("_docs", "docs")
