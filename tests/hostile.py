"""Hostile briefing files, one per hazard, for the checklist and end-to-end tests."""

from __future__ import annotations

import json
from pathlib import Path

GOOD = """\
title: A good briefing among hostile ones
date: 2025-04-01
meetings:
  - title: Ministers meet in Lisbon
    date: 2025-03-31
    participants: [Jane Doe, {name: João Silva, country: NO}]
"""


def yaml_quote(text: str) -> str:
    """``text`` as an exact YAML double-quoted scalar (every odd character escaped)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def briefing_with(value: str, meeting_id: str = "m") -> str:
    """A briefing whose every text field holds ``value``."""
    q = yaml_quote(value)
    return f"""\
title: {q}
date: 2025-05-01
summary: {q}
tags: [{q}]
source: {{name: {q}, kind: {q}, url: {q}}}
meetings:
  - id: {meeting_id}
    title: {q}
    location: {q}
    venue: {q}
    context: {q}
    summary: {q}
    participants:
      - {{name: {q}, role: {q}, country: {q}, organisation: {q}}}
    topics:
      - {{name: {q}, detail: {q}}}
    outcomes:
      - {{text: {q}, kind: other}}
"""


ESCAPES = {
    "osc-title": "\x1b]2;PWNED\x1b\\",
    "erase-screen": "\x1b[2J\x1b[H",
    "device-query": "\x1b[6n",
    "clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "hidden-link": "\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\",
    "c1-csi": "\x9b31mred",
    "bidi": "invoice\u202etxt.exe",
    "zero-width": "pass\u200bword",
}

MARKUP = {
    "close-tag": "[/]",
    "link": "[link=https://evil.example]safe[/link]",
    "click": "[@click=app.screenshot('x.svg','/tmp')]click me[/]",
    "variable": "[$var]x[/] $var",
    "open-close": "[/",
    "bold": "[bold red]LOUD[/]",
}


def hostile_files(folder: Path) -> dict[str, Path]:
    """Write one file per hazard (plus a good one) into ``folder``; return them by name."""
    files: dict[str, str | bytes] = {"good.yaml": GOOD}
    for name, value in {**ESCAPES, **MARKUP}.items():
        files[f"text-{name}.yaml"] = briefing_with(value)
    files |= {
        "billion-laughs.yaml": 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
            for i in range(8)
        ),
        "cycle.yaml": "- &a [*a]\n",
        "deep-65.yaml": "x: " + "[" * 65 + "]" * 65 + "\n",
        "deep-1001.yaml": "[" * 1001 + "]" * 1001 + "\n",
        "deep-100000.yaml": "- " * 100_000 + "x\n",
        "duplicate-key.yaml": GOOD.replace("date: 2025-04-01", "date: 2025-04-01\ndate: 2025-04-02"),
        "merged-keys.yaml": GOOD + "extra:\n  1: one\n  true: yes\n  1: again\n",
        "bad-date.yaml": GOOD.replace("date: 2025-04-01", "date: 2025-02-30"),
        "tag-python.yaml": "title: !!python/object/apply:os.system ['touch /tmp/briefing-pwned']\n",
        "tag-binary.yaml": GOOD.replace("title: A good", "title: !!binary aGVsbG8=\nsummary: A good"),
        "tag-set.yaml": GOOD.replace("tags", "x").replace("date: 2025-04-01", "date: 2025-04-01\ntags: !!set {a, b}"),
        "invalid-utf8.yaml": GOOD.encode().replace(b"Lisbon", b"Lis\xff\xfebon"),
        "utf16-bom.yaml": "\ufeff".encode("utf-16-le") + GOOD.encode("utf-16-le"),
        "utf16-nobom.yaml": GOOD.encode("utf-16-le"),
        "tab-indent.yaml": GOOD.replace("  - title", "\t- title"),
        "raw-control.yaml": GOOD.replace("Lisbon", "Lis\x1b[2Jbon").encode(),
        "lone-surrogate.yaml": GOOD.replace("title: Ministers meet in Lisbon", 'title: "Lis\\ud800bon"'),
    }
    written = {}
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written[name] = path
    return written


def blns() -> list[str]:
    """The Big List of Naughty Strings (tests/corpus)."""
    path = Path(__file__).resolve().parent / "corpus" / "blns" / "blns.json"
    return json.loads(path.read_text(encoding="utf-8"))


def blns_briefing(strings: list[str]) -> str:
    """One briefing whose meeting ``sN`` has string N in every text field."""
    lines = ["title: Naughty strings", "date: 2025-06-01", "meetings:"]
    for number, value in enumerate(strings):
        q = yaml_quote(value)
        lines += [
            f"  - id: s{number}",
            f"    title: {q}",
            f"    summary: {q}",
            f"    location: {q}",
            f"    venue: {q}",
            f"    context: {q}",
            f"    participants: [{{name: {q}, role: {q}, country: {q}, organisation: {q}}}]",
            f"    topics: [{{name: {q}, detail: {q}}}]",
            f"    outcomes: [{{text: {q}}}]",
        ]
    return "\n".join(lines) + "\n"
