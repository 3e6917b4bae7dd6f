"""The render oracle: output that is safe to send to a terminal.

After removing plain SGR colour sequences, nothing may remain that a terminal
would act on: no ESC, no other C0 or C1 control (newline and tab aside), no
DEL, no BiDi control, no lone surrogate; and Textual output carries no link
and no click action.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.segment import Segment
from textual.strip import Strip

SGR = re.compile(r"\x1b\[[0-9;:]*m")
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\u2028\u2029]"
)


def unsafe_characters(output: str) -> list[str]:
    """The forbidden characters left in ``output`` once SGR colour is removed."""
    return FORBIDDEN.findall(SGR.sub("", output))


def assert_terminal_safe(output: str, where: str = "output") -> None:
    """Fail if ``output`` holds anything a terminal would act on beyond colour."""
    bad = unsafe_characters(output)
    assert not bad, f"{where} holds unsafe characters: {sorted({f'U+{ord(c):04X}' for c in bad})}"


def assert_strips_safe(strips: Iterable[Strip], where: str = "screen") -> None:
    """Apply the oracle to rendered Textual strips, including links and click actions."""
    for y, strip in enumerate(strips):
        segment: Segment
        for segment in strip:
            assert_terminal_safe(segment.text, f"{where} line {y}")
            style = segment.style
            if style is None:
                continue
            assert not style.link, f"{where} line {y} has a link: {style.link!r}"
            meta = style.meta or {}
            # Textual's own widgets carry "@mouse.*" meta (scrollbars); a click action is "@click".
            assert "@click" not in meta, f"{where} line {y} has a click action: {meta}"
