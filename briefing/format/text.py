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
# overrides, isolates and marks, invisible format characters (Unicode Cf),
# the letters that draw nothing (Hangul fillers, the blank braille pattern)
# and variation selectors; a few of these are kept where a script needs them (:func:`_keep`).
# The patterns of scripts and emoji are compiled when first needed: clean text never needs them.
_compiled = lru_cache(maxsize=None)(re.compile)
_UNSAFE = (
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164"
    "\ud800-\udfff\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef"
    "]"
)

_UNSAFE_RE = re.compile(_UNSAFE)  # searched for in every string read, so compiled at once (under a millisecond)

_ZWNJ, _ZWJ = "\u200c", "\u200d"
# Scripts that join letters and need the joiners to write some words: Arabic (Persian, Urdu…), Syriac and the
# Indic scripts from Devanagari to Sinhala.
_JOINING = "[\u0600-\u06ff\u0700-\u074f\u0750-\u077f\u08a0-\u08ff\u0900-\u0dff\ufb50-\ufdff\ufe70-\ufefc]"
# Pictographs that emoji sequences are made of (joined by ZWJ, or taking an emoji or text presentation selector).
_EMOJI = (
    "[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u27bf\u2934\u2935"
    "\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff]"
)
_SKIN_TONES = ("\U0001f3fb", "\U0001f3ff")
_IDEOGRAPHS = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"), ("\U00020000", "\U0003134f"))
_BLACK_FLAG = "\U0001f3f4"
# A subdivision flag: the black flag, two to six tag letters or digits, then CANCEL TAG.
_FLAG = "\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]{2,6}\U000e007f"


def _escape_char(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _emoji_before(text: str, index: int) -> bool:
    """Whether an emoji (maybe with a skin tone or a presentation selector) ends just before ``index``."""
    back = index - 1
    while back >= 0 and (text[back] == "\ufe0f" or _SKIN_TONES[0] <= text[back] <= _SKIN_TONES[1]):
        back -= 1
    return back >= 0 and _compiled(_EMOJI).match(text[back]) is not None


def _keep(text: str, index: int, flags: set[int]) -> bool:
    """Whether the unsafe-looking character at ``index`` is one a script or an emoji needs there."""
    char = text[index]
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char == _ZWJ and _emoji_before(text, index) and _compiled(_EMOJI).match(after):
        return True  # 👨‍👩‍👧
    if char in (_ZWJ, _ZWNJ):
        return bool(before and after and _compiled(_JOINING).match(before) and _compiled(_JOINING).match(after))
    if char in "\ufe0e\ufe0f":  # text or emoji presentation, after a pictograph or in a keycap (1️⃣)
        return bool(before and (_compiled(_EMOJI).match(before) or (before in "#*0123456789" and after == "\u20e3")))
    if "\U000e0100" <= char <= "\U000e01ef":  # an ideographic variation
        return bool(before and any(low <= before <= high for low, high in _IDEOGRAPHS))
    return index in flags


def neutralise(text: str) -> str:
    """Return ``text`` with every control or invisible character made visible.

    ``"\\x1b[2J"`` becomes the six visible characters ``\\x1b[2J``; a BiDi
    override becomes ``\\u202e``. Newline and tab are kept. Nothing is dropped,
    so a reader can see that the file held something odd.
    """
    if not has_unsafe(text):
        return text
    # The tag characters of real subdivision flags (🏴 England), by position; any other tag character is escaped.
    flags = set()
    if _BLACK_FLAG in text:
        flags = {i for m in _compiled(_FLAG).finditer(text) for i in range(m.start() + 1, m.end())}
    parts: list[str] = []
    last = 0
    for match in _UNSAFE_RE.finditer(text):
        start = match.start()
        if _keep(text, start, flags):
            continue
        parts.append(text[last:start])
        parts.append(_escape_char(match.group()))
        last = start + 1
    parts.append(text[last:])
    return "".join(parts)


# The few characters of _UNSAFE that str.isprintable() lets through (Hangul fillers, the blank braille pattern,
# variation selectors), by how their UTF-8 form starts: a printable text without these bytes has nothing to escape.
_PRINTABLE_UNSAFE = (
    b"\xe1\x85\x9f",  # U+115F
    b"\xe1\x85\xa0",  # U+1160
    b"\xe2\xa0\x80",  # U+2800
    b"\xe3\x85\xa4",  # U+3164
    b"\xef\xb8",  # U+FE00-FE3F (the selectors are U+FE00-FE0F)
    b"\xef\xbe\xa0",  # U+FFA0
    b"\xf3\xa0\x84",  # U+E0100-E01EF, the ideographic variation selectors
    b"\xf3\xa0\x85",
    b"\xf3\xa0\x86",
    b"\xf3\xa0\x87",
)

SHORT_TEXT = 48
_SAFE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n"
_NOT_LEADS = bytes(sorted(set(range(256)) - {start[0] for start in _PRINTABLE_UNSAFE}))


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds any character :func:`neutralise` might escape (a quick check of a whole column).

    The same answer as searching with the pattern, four times faster on a column
    of names: ``isprintable`` and ``bytes`` searches run in C over the whole text,
    and only a text they cannot clear is searched character by character.
    """
    if len(text) < SHORT_TEXT:  # a name: one search costs less than the passes that clear a long text
        return _UNSAFE_RE.search(text) is not None
    if text.isascii():  # a flag of the string: no scan
        return bool(text.encode("ascii").translate(None, _SAFE_ASCII))
    if text.isprintable():
        data = text.encode("utf-8")  # printable, so no lone surrogates
        leads = data.translate(None, _NOT_LEADS)  # the bytes those forms start with, if any
        if not leads or not any(start in data for start in _PRINTABLE_UNSAFE):
            return False
    return _UNSAFE_RE.search(text) is not None


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
