"""Output formats: Markdown renders as exactly the data, links nowhere; the Rich summary stays bounded."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from briefing.render.markdown import md

# What GitHub's renderer does with Markdown: tables, strikethrough, and turning URLs and addresses into links.
GFM = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table", "strikethrough"])
TAGS = re.compile(r"<[^>]+>")

HOSTILE = [
    "[click](http://evil.example)",
    "<b>bold</b> <script>alert(1)</script>",
    "*emphasis* _also_ **strong** ~~struck~~",
    "http://2130706433/login",
    "https://localhost:8443/steal?c=1",
    "https://evil。example/login",
    "boss@evil.example",
    "write to evil.example or www.evil.example/path.",
    "![image](http://evil.example/x.png)",
    "`code` and ``double``",
    "a | b | c",
    "# heading",
    "> quote",
    "- item",
    "1. item",
    "&amp; &lt;entity&gt; &#x41;",
    "back\\slash \\*",
    "snake_case and _leading",
    "===",
]
PLAIN = ["S. Jaishankar", "Co-production", "ANI (news report, 2 Jul 2025)", "U.S.–India ties", "3.10 and e.g."]


def rendered(text: str) -> str:
    return GFM.render(md(text))


@pytest.mark.parametrize("text", HOSTILE + PLAIN)
def test_markdown_renders_as_exactly_the_text_and_links_nowhere(text: str) -> None:
    out = rendered(text)
    assert "<a " not in out, out
    assert not re.search(r"<(em|strong|img|script|b|h\d|blockquote|ul|ol|li|s|del|table)\b", out), out
    assert html.unescape(TAGS.sub("", out)).strip() == text


@pytest.mark.parametrize("text", PLAIN)
def test_markdown_escapes_only_what_markdown_would_misread(text: str) -> None:
    assert md(text) == text


def test_a_value_on_several_lines_stays_on_one() -> None:
    assert md("one\ntwo\n\nthree") == "one two three"


@pytest.mark.parametrize("end", [":", "@", ".", "://x", "@x.example"])
def test_markdown_of_a_long_run_of_letters_is_linear(end: str) -> None:
    # Each form of link may start only where a token starts: else 200,000 letters are scanned 200,000 times.
    text = "a" * 200_000 + end
    assert html.unescape(TAGS.sub("", rendered(text))).strip() == text


def test_the_terminal_summary_keeps_each_values_own_style() -> None:
    # A value of one style (the id, dim) is drawn as segments; Text.render alone would drop its style.
    from io import StringIO

    from rich.console import Console

    from briefing.archive.files import default_paths
    from briefing.archive.loader import load_catalog
    from briefing.render.rich_summary import print_trimmed, summary_renderables

    catalog = load_catalog(default_paths(), use_cache=False).catalog
    briefing = catalog.row(0).briefing
    out = StringIO()
    console = Console(file=out, force_terminal=True, color_system="standard", width=100, markup=False)
    for renderable in summary_renderables([(briefing, list(briefing.meetings))], None):
        print_trimmed(console, renderable)
    assert f"\x1b[2m{briefing.meetings[0].id}\x1b[0m" in out.getvalue()


@pytest.mark.parametrize("width", [24, 37, 80, 200])
@pytest.mark.parametrize("search", ["", "jaishankar india"])
def test_a_plain_summary_is_the_same_text_as_the_terminal_one(width: int, search: str) -> None:
    # Piped, a meeting's lines are written as text, without segments: the same lines, wrapped at the same places.
    from io import StringIO

    from rich.console import Console

    from briefing.archive.files import default_paths
    from briefing.archive.loader import load_catalog
    from briefing.query.language import parse_query
    from briefing.render.rich_summary import print_trimmed, summary_renderables

    catalog = load_catalog(default_paths(), use_cache=False).catalog
    briefing = catalog.row(0).briefing
    query = parse_query(search) if search else None
    texts = []
    for terminal in (True, False):
        out = StringIO()
        console = Console(file=out, force_terminal=terminal, color_system="standard" if terminal else None, width=width)
        for renderable in summary_renderables([(briefing, list(briefing.meetings))], query):
            print_trimmed(console, renderable)
        texts.append(re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()))
    assert texts[0] == texts[1]
    assert "Participants" in texts[1] and all(line == line.rstrip() for line in texts[1].splitlines())
    assert max(len(line) for line in texts[1].splitlines()) <= max(width, 30)  # wrapped, labels and all
