"""Strings from files are neutralised once; search folding ignores case and accents."""

from __future__ import annotations

import pytest

from briefing.format.text import fold, neutralise, neutralise_line


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text", "plain text"),
        ("\x1b]2;PWNED\x1b\\", "\\x1b]2;PWNED\\x1b\\"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x9b31m", "\\x9b31m"),
        ("a\x7fb", "a\\x7fb"),
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
        ("line\u2028sep", "line\\u2028sep"),
        ("keep\ttab\nand newline", "keep\ttab\nand newline"),
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),  # family emoji keeps its joiners
        ("a\u200db", "a\\u200db"),  # a joiner between ASCII letters only hides text
        (
            "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
            "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
        ),
        ("tag\U000e0041", "tag\\U000e0041"),
        # Tag characters only in the shape of a real flag: the rest would smuggle a hidden sentence.
        (
            "🏴" + "".join(chr(0xE0000 + ord(c)) for c in "hi there") + "\U000e007f",
            "🏴" + "".join(f"\\U{0xE0000 + ord(c):08x}" for c in "hi there") + "\\U000e007f",
        ),
        ("🏴\U000e0067\U000e0062\U000e007f", "🏴\U000e0067\U000e0062\U000e007f"),  # two letters: a flag's shape
        ("🏴\U000e0067\U000e007f", "🏴\\U000e0067\\U000e007f"),  # one letter is not
        # Joiners only where the script or the emoji needs them.
        ("Сер\u200dгей", "Сер\\u200dгей"),  # Cyrillic has no use for one: it only hides the word from search
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian needs the non-joiner
        ("क्\u200dष", "क्\u200dष"),  # Devanagari, the joiner
        ("👍🏽\u200d", "👍🏽\\u200d"),  # a joiner joining nothing
        # Letters that draw nothing, and variation selectors outside emoji.
        ("a\u3164b", "a\\u3164b"),
        ("\u115f\u1160\uffa0\u2800", "\\u115f\\u1160\\uffa0\\u2800"),
        ("❤\ufe0f", "❤\ufe0f"),
        ("1\ufe0f\u20e3", "1\ufe0f\u20e3"),
        ("x\ufe0f", "x\\ufe0f"),
        ("葛\U000e0100", "葛\U000e0100"),
        ("a\U000e0100", "a\\U000e0100"),
        ("[bold]not markup[/]", "[bold]not markup[/]"),  # markup is not a control character
    ],
)
def test_neutralise(raw: str, shown: str) -> None:
    assert neutralise(raw) == shown
    assert neutralise(neutralise(raw)) == neutralise(raw)


def test_neutralise_line_keeps_one_line() -> None:
    assert neutralise_line("a\nb\tc\x1b") == "a\\nb\\tc\\x1b"


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Szijjártó", "szijjarto"),
        ("US–India", "us india"),
        ("S. Jaishankar", "s jaishankar"),
        ("Straße", "strasse"),
        ("Łukasz Ø", "lukasz o"),
        ("Сергей Лавров", "сергеи лавров"),  # й folds like an accented letter, on both sides
        ("  many   spaces ", "many spaces"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_the_quick_check_agrees_with_the_pattern_for_every_character() -> None:
    # has_unsafe clears most text in C (isascii, isprintable, bytes); it must never clear what the pattern would catch.
    import re
    import sys

    from briefing.format.text import _UNSAFE, has_unsafe

    pattern = re.compile(_UNSAFE)

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        for text in (char, f"a{char}b", f"é{char}", f"王{char}毅"):
            assert has_unsafe(text) == (pattern.search(text) is not None), hex(code)
