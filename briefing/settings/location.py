"""Where briefing keeps what it remembers: the settings file, and the reader's state.

Cheap to import (every command asks whether there is a settings file before it
reads one): :mod:`platformdirs` is imported only where the XDG variables are not set.
"""

from __future__ import annotations

import os
from pathlib import Path


def _folder(variable: str, platform_dir: str) -> Path:
    """``$VARIABLE/briefing`` when it is an absolute path (on every platform), else the platform's folder."""
    xdg = os.environ.get(variable, "")
    # The XDG spec says a relative path is invalid and must be ignored (platformdirs does the same on Linux).
    if os.path.isabs(xdg):
        return Path(xdg, "briefing")
    import platformdirs

    return Path(getattr(platformdirs, platform_dir)("briefing", False))


def config_path() -> Path:
    """The settings file: ``$XDG_CONFIG_HOME/briefing/config.toml``, else in the platform's config folder."""
    return _folder("XDG_CONFIG_HOME", "user_config_dir") / "config.toml"


def state_dir() -> Path:
    """The reader's state: ``$XDG_STATE_HOME/briefing/``, else the platform's state folder."""
    return _folder("XDG_STATE_HOME", "user_state_dir")
