"""Text hygiene: make strings from files safe to show, and fold them for search.

Every string that comes out of a briefing file passes through :func:`neutralise`
once, when the model is built, so no later code path (Rich, Textual, JSON,
Markdown) can forward a terminal control sequence or a BiDi override.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Characters that can steer a terminal or hide text: C0 (but tab and newline),
# DEL and C1, lone surrogates, line/paragraph separators, BiDi embeddings,
# overrides, isolates and marks, and invisible format characters (Unicode Cf).
_UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "]"
)

# Joiners are meaningful between two visible non-ASCII characters (emoji
# sequences, Indic and Persian scripts); everywhere else they only hide text.
_JOINERS = "\u200c\u200d"
# Tag characters spell out subdivision flags after a black flag (U+1F3F4).
_TAGS_START = "\U0001f3f4"


def _escape_char(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _is_visible_non_ascii(char: str) -> bool:
    return ord(char) > 0x7F and not _UNSAFE.match(char) and not char.isspace()


def _keep(text: str, index: int) -> bool:
    """Whether the unsafe-looking character at ``index`` is a legitimate joiner."""
    char = text[index]
    if char in _JOINERS:
        return (
            0 < index < len(text) - 1
            and _is_visible_non_ascii(text[index - 1])
            and _is_visible_non_ascii(text[index + 1])
        )
    if "\U000e0020" <= char <= "\U000e007f":
        # Inside a flag: walk back over tag characters to the black flag.
        back = index - 1
        while back >= 0 and "\U000e0020" <= text[back] <= "\U000e007f":
            back -= 1
        return back >= 0 and text[back] == _TAGS_START
    return False


def neutralise(text: str) -> str:
    """Return ``text`` with every control or invisible character made visible.

    ``"\\x1b[2J"`` becomes the six visible characters ``\\x1b[2J``; a BiDi
    override becomes ``\\u202e``. Newline and tab are kept. Nothing is dropped,
    so a reader can see that the file held something odd.
    """
    if _UNSAFE.search(text) is None:
        return text
    parts: list[str] = []
    last = 0
    for match in _UNSAFE.finditer(text):
        start = match.start()
        if _keep(text, start):
            continue
        parts.append(text[last:start])
        parts.append(_escape_char(match.group()))
        last = start + 1
    parts.append(text[last:])
    return "".join(parts)


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds any character :func:`neutralise` might escape (a quick check of a whole column)."""
    return _UNSAFE.search(text) is not None


def neutralise_line(text: str) -> str:
    """Like :func:`neutralise`, and also show newline and tab as escapes.

    For places that must stay on one line: file names, keys, error messages.
    """
    return neutralise(text).replace("\n", "\\n").replace("\t", "\\t")


# ---------------------------------------------------------------- search folding

_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Letters NFKD does not take apart (after casefold, which turns ß into ss).
_FOLD_EXTRA = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"})
_NEEDS_EXTRA = re.compile("[øđłıæœþ]")


def fold(text: str) -> str:
    """Fold ``text`` for search: lower case, no accents, words split by single spaces.

    ``"Szijjártó"`` → ``"szijjarto"``, ``"US–India"`` → ``"us india"``.
    """
    if text.isascii():
        return _NON_WORD.sub(" ", text.lower()).strip()
    import unicodedata  # only for text beyond ASCII; imported once, on first use

    text = text.casefold()
    if _NEEDS_EXTRA.search(text):
        text = text.translate(_FOLD_EXTRA)
    text = unicodedata.normalize("NFKD", text)
    return _NON_WORD.sub(" ", _COMBINING.sub("", text)).strip()


# Names, roles, countries and topics recur across an archive: fold each once.
fold_cached = lru_cache(maxsize=200_000)(fold)
""":func:`fold`, remembering recent results (for building search text in bulk)."""
