"""Where the bundled briefings, the reader's styles and the format's documentation live, and the user's folders.

An installed wheel carries them inside the package (``briefing/_data``,
``briefing/_styles``); a checkout keeps them at the top level. The installed
copy wins, so ``pip install .`` works from any folder.
"""

from __future__ import annotations

import os
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


def user_folder(variable: str, platform_dir: str) -> Path:
    """``$VARIABLE/briefing`` when it is an absolute path (on every platform), else the platform's folder.

    ``platform_dir`` names the :mod:`platformdirs` function (``user_cache_dir``…), imported only when the
    variable is not set: most runs never pay for it.
    """
    xdg = os.environ.get(variable, "")
    # The XDG spec says a relative path is invalid and must be ignored (platformdirs does the same on Linux).
    if os.path.isabs(xdg):
        return Path(xdg, "briefing")
    import platformdirs

    return Path(getattr(platformdirs, platform_dir)("briefing", False))
