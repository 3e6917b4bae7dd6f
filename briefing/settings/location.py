"""Where briefing keeps what it remembers: the settings file, and the reader's state.

Cheap to import (every command asks whether there is a settings file before it
reads one): :mod:`platformdirs` is imported only where the XDG variables are not set.
"""

from __future__ import annotations

from pathlib import Path

from ..resources import user_folder


def config_path() -> Path:
    """The settings file: ``$XDG_CONFIG_HOME/briefing/config.toml``, else in the platform's config folder."""
    return user_folder("XDG_CONFIG_HOME", "user_config_dir") / "config.toml"


def state_dir() -> Path:
    """The reader's state: ``$XDG_STATE_HOME/briefing/``, else the platform's state folder."""
    return user_folder("XDG_STATE_HOME", "user_state_dir")
