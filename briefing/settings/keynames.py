"""Key names as a config file may write them, made into the names Textual's ``App.set_keymap`` takes."""

from __future__ import annotations

import string
import unicodedata

from ..format.schema import quote, suggestion

_MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_RENAMED = {
    "solidus": "slash", "reverse_solidus": "backslash", "commercial_at": "at",
    "hyphen_minus": "minus", "plus_sign": "plus", "low_line": "underscore",
}  # fmt: skip


def _punctuation_name(char: str) -> str:
    """Textual's name for ``char``: its Unicode name snake-cased, a few shortened (as ``textual.keys`` does)."""
    name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    return _RENAMED.get(name, name)


_PUNCTUATION = {char: _punctuation_name(char) for char in string.punctuation}
_NAMED_KEYS = (
    "up", "down", "left", "right", "home", "end", "pageup", "pagedown", "enter", "escape", "tab", "space",
    "backspace", "delete", "insert", *(f"f{n}" for n in range(1, 25)), *_PUNCTUATION.values(),
)  # fmt: skip


def normal_key(key: str) -> str:
    """``key`` as Textual names it (``ctrl+/`` → ``ctrl+slash``); raises ValueError, with why, for no key."""
    if not key:
        raise ValueError("an empty key name (two commas together, or one at an end?)")
    *modifiers, base = key.split("+") if len(key) > 1 else [key]  # a lone `+` is the plus key
    for modifier in modifiers:
        if modifier.lower() not in _MODIFIERS:
            raise ValueError(f"{quote(modifier + '+')} is not a modifier: use ctrl+, shift+, alt+ or meta+")
    if len(base) == 1 and base.isprintable() and not base.isspace():
        base = _PUNCTUATION.get(base, base)  # App.set_keymap renames a lone `/`, not the one in `ctrl+/`
    elif base.lower() in _NAMED_KEYS:
        base = base.lower()
    else:
        raise ValueError(f"{quote(base or key)} is not a key{suggestion(base.lower(), _NAMED_KEYS)}")
    return "+".join([*(m.lower() for m in modifiers), base])
