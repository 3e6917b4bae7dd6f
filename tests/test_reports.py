"""The paragraph rule, the source report's safe reading, and the listing of its paragraphs."""

from __future__ import annotations

import json
import os
import sys
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.archive.reports import (
    BLANKS,
    Report,
    Unavailable,
    check_refs,
    paragraphs_json,
    paragraphs_listing,
    read_report,
    report_path,
    split_paragraphs,
)
from briefing.format.text import has_unsafe

DATA = Path(__file__).resolve().parent / "data" / "reports"
MiB = 1024 * 1024
LIMIT = 2 * MiB


# ---------------------------------------------------------------- the paragraph rule


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        pytest.param("", [], id="empty"),
        pytest.param("\n\n \t\n\u00a0\n", [], id="only-blank-lines"),
        pytest.param("one", ["one"], id="single-line"),
        pytest.param("one\ntwo\nthree\n", ["one\ntwo\nthree"], id="single-block-kept-lines"),
        pytest.param("a\n\nb", ["a", "b"], id="one-blank-line"),
        pytest.param("a\n\n\n\n\nb", ["a", "b"], id="many-blank-lines"),
        pytest.param("a\n   \nb", ["a", "b"], id="blank-of-spaces"),
        pytest.param("a\n\t\t\nb", ["a", "b"], id="blank-of-tabs"),
        pytest.param("a\n\u00a0\nb", ["a", "b"], id="blank-of-nbsp"),
        pytest.param("a\n \u2003\u3000\t\u202f\u205f\u1680\u2009\nb", ["a", "b"], id="blank-of-unicode-spaces"),
        pytest.param("a\n  \n\t\n\u00a0\n\nb", ["a", "b"], id="mixed-blank-run"),
        pytest.param("a\r\nb\r\n\r\nc\r\n", ["a\nb", "c"], id="crlf"),
        pytest.param("a\r\nb", ["a\nb"], id="crlf-is-one-line-end"),
        pytest.param("a\rb\r\rc\r", ["a\nb", "c"], id="lone-cr"),
        pytest.param("a\r\n\rb\n\r\nc", ["a", "b", "c"], id="mixed-line-ends"),
        pytest.param("a\r\n  \r\nb", ["a", "b"], id="crlf-blank-of-spaces"),
        pytest.param("\ufeffa\n\nb", ["a", "b"], id="bom"),
        pytest.param("\ufeff\r\n\r\na", ["a"], id="bom-then-blank-lines"),
        pytest.param("a\ufeffb", ["a\\ufeffb"], id="bom-inside-is-shown"),
        pytest.param("\n\n  \n\ta\n\n \n", ["\ta"], id="leading-trailing-blanks"),
        pytest.param("a  \t\nb\u00a0\u3000", ["a\nb"], id="trailing-whitespace-removed"),
        pytest.param("  a\n\tb", ["  a\n\tb"], id="leading-whitespace-kept"),
        pytest.param(
            "CITY, May 1 (XYZ) - Text.\n\nBody.\n\nBased on XYZ report\n",
            ["CITY, May 1 (XYZ) - Text.", "Body.", "Based on XYZ report"],
            id="dateline-and-credit-counted",
        ),
        # Not blank and not line ends: shown, so the author sees why two paragraphs are one.
        pytest.param("a\n\u200b\nb", ["a\n\\u200b\nb"], id="zero-width-line-is-not-blank"),
        pytest.param("a\n\x0c\nb", ["a\n\\x0c\nb"], id="form-feed-line-is-not-blank"),
        pytest.param("a\n\x1b[2J\nb", ["a\n\\x1b[2J\nb"], id="escape-line-is-not-blank"),
        pytest.param("a\u2028b\u2029c\x85d\x0be", ["a\\u2028b\\u2029c\\x85d\\x0be"], id="other-breaks-not-line-ends"),
        pytest.param("[@click=app.quit]x[/]", ["[@click=app.quit]x[/]"], id="markup-is-text"),
    ],
)
def test_split_paragraphs(text: str, paragraphs: list[str]) -> None:
    assert split_paragraphs(text) == paragraphs


def test_blanks_are_tab_and_every_unicode_space_separator() -> None:
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs"}
    assert set(BLANKS) == spaces | {"\t"}


def test_numbering_matches_blank_line_count() -> None:
    text = "\n\n".join(f"para {n}" for n in range(1, 501))
    assert split_paragraphs(text)[499] == "para 500"


# ---------------------------------------------------------------- the fixtures


def _expected(name: str) -> tuple[int, list[str]]:
    data = json.loads((DATA / f"{name}.expected.json").read_text(encoding="utf-8"))
    return data["count"], data["paragraphs"]


def test_wire_fixture_is_laid_out_like_wire_copy() -> None:
    raw = (DATA / "wire.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n\r\n\r\n" in raw and raw.count(b"\r\n") == raw.count(b"\n")
    assert b"\r\n   \r\n" in raw and b"\r\n\t\r\n" in raw and "\r\n\u00a0\r\n".encode() in raw
    assert raw.rstrip().endswith(b"Based on Meridian Wire report")


@pytest.mark.parametrize("name", ["wire", "hostile"])
def test_fixture_paragraphs(name: str) -> None:
    count, paragraphs = _expected(name)
    report = read_report(str(DATA / "briefing.yaml"), f"{name}.txt", str(DATA), LIMIT)
    assert isinstance(report, Report), report
    assert report.path == os.path.realpath(DATA / f"{name}.txt")
    assert len(report.paragraphs) == count
    assert list(report.paragraphs) == paragraphs


def test_hostile_text_is_neutralised_everywhere() -> None:
    report = read_report(str(DATA / "briefing.yaml"), "hostile.txt", str(DATA), LIMIT)
    assert isinstance(report, Report)
    shown = [*report.paragraphs, paragraphs_listing(report), json.dumps(paragraphs_json(report), ensure_ascii=False)]
    for text in shown:
        assert not has_unsafe(text)
        assert not any(char in text for char in "\x1b\x07\x9b\u202e\u2066\u200b")
    assert "\\x1b]52;c;" in report.paragraphs[1] and "\\u202e" in report.paragraphs[2]
    assert report.paragraphs[3].startswith("[@click=app.quit]")


# ---------------------------------------------------------------- finding and reading the file


class Archive:
    """A folder of briefings under tmp_path, with a file outside it."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path / "archive"
        (self.root / "sub").mkdir(parents=True)
        self.briefing = str(self.root / "b.yaml")
        (self.root / "r.txt").write_text("One.\n\nTwo.\n", encoding="utf-8")
        self.outside = tmp_path / "outside.txt"
        self.outside.write_text("Secret.\n", encoding="utf-8")

    def write(self, name: str, data: bytes) -> None:
        (self.root / name).write_bytes(data)

    def read(self, source_file: str, max_size: int = LIMIT, briefing: str | None = None) -> Report | Unavailable:
        return read_report(briefing or self.briefing, source_file, str(self.root), max_size)


def _cut(value: str) -> str:
    return value if len(value) <= 60 else value[:59] + "…"


def _outside(value: str) -> Callable[[Archive], str]:
    return lambda a: f"source.file `{_cut(value)}` is outside the archive ({a.root}): not read"


def _named(value: str, rest: str) -> Callable[[Archive], str]:
    return lambda a: f"source.file `{value}` {rest}"


REGULAR = "is not a regular file (a FIFO, device or folder is never read)"

REFUSALS: list[tuple[str, Callable[[Archive], str], Callable[[Archive], str]]] = [
    ("empty", lambda a: "", lambda a: "no source text: add `source.file`"),
    ("blank", lambda a: "  ", lambda a: "no source text: add `source.file`"),
    ("dotdot", lambda a: "../outside.txt", _outside("../outside.txt")),
    ("dotdot-via-sub", lambda a: "sub/../../outside.txt", _outside("sub/../../outside.txt")),
    ("dotdot-missing", lambda a: "../../nowhere.txt", _outside("../../nowhere.txt")),
    ("absolute-outside", lambda a: str(a.outside), lambda a: _outside(str(a.outside))(a)),
    ("dev-zero", lambda a: "/dev/zero", _outside("/dev/zero")),
    ("missing", lambda a: "nope.txt", _named("nope.txt", "does not exist")),
    ("missing-folder", lambda a: "nope/r.txt", _named("nope/r.txt", "does not exist")),
    ("through-a-file", lambda a: "r.txt/x", _named("r.txt/x", "does not exist")),
    ("folder", lambda a: "sub", _named("sub", REGULAR)),
    ("the-root-itself", lambda a: ".", _named(".", REGULAR)),
    ("nul-in-name", lambda a: "r.txt\x00x", _named("r.txt\\x00x", "holds a NUL character: not a usable path")),
]


@pytest.mark.parametrize(("source", "reason"), [pytest.param(s, r, id=i) for i, s, r in REFUSALS])
def test_refusals(tmp_path: Path, source: Callable[[Archive], str], reason: Callable[[Archive], str]) -> None:
    archive = Archive(tmp_path)
    result = archive.read(source(archive))
    assert result == Unavailable(reason(archive), "warning")
    assert report_path(archive.briefing, source(archive), str(archive.root)) == result


@pytest.mark.parametrize(
    ("link", "target"),
    [
        pytest.param("link.txt", "outside.txt", id="file-link-out"),
        pytest.param("linked", ".", id="folder-link-out"),
        pytest.param("zero.txt", "/dev/zero", id="link-to-dev-zero"),
    ],
)
def test_links_that_lead_out_are_refused(tmp_path: Path, link: str, target: str) -> None:
    archive = Archive(tmp_path)
    os.symlink(target if target.startswith("/") else tmp_path / target, archive.root / link)
    value = f"{link}/outside.txt" if link == "linked" else link
    assert archive.read(value) == Unavailable(_outside(value)(archive))


def test_a_sibling_folder_sharing_the_prefix_is_outside(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    (tmp_path / "archive-evil").mkdir()
    (tmp_path / "archive-evil" / "r.txt").write_text("x", encoding="utf-8")
    result = archive.read("../archive-evil/r.txt")
    assert isinstance(result, Unavailable) and "is outside the archive" in result.reason


@pytest.mark.parametrize(
    ("briefing", "value", "resolved"),
    [
        pytest.param("b.yaml", "r.txt", "r.txt", id="beside"),
        pytest.param("b.yaml", "./sub/../r.txt", "r.txt", id="dots-inside"),
        pytest.param("sub/c.yaml", "../r.txt", "r.txt", id="up-but-inside"),
        pytest.param("sub/c.yaml", "s.txt", "sub/s.txt", id="relative-to-the-briefing-not-the-root"),
        pytest.param("b.yaml", "ABSOLUTE", "r.txt", id="absolute-inside"),
        pytest.param("b.yaml", "in.txt", "r.txt", id="link-inside"),
    ],
)
def test_paths_inside_are_read(tmp_path: Path, briefing: str, value: str, resolved: str) -> None:
    archive = Archive(tmp_path)
    (archive.root / "sub" / "s.txt").write_text("One.\n\nTwo.\n", encoding="utf-8")
    os.symlink("r.txt", archive.root / "in.txt")
    value = str(archive.root / "r.txt") if value == "ABSOLUTE" else value
    result = archive.read(value, briefing=str(archive.root / briefing))
    assert result == Report(str(archive.root / resolved), ("One.", "Two."))


def test_relative_and_linked_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = Archive(tmp_path)
    os.symlink(archive.root, tmp_path / "alias")
    monkeypatch.chdir(tmp_path)
    assert read_report("alias/b.yaml", "r.txt", "alias", LIMIT) == Report(str(archive.root / "r.txt"), ("One.", "Two."))
    assert isinstance(read_report("archive/b.yaml", "../outside.txt", "alias", LIMIT), Unavailable)


def test_long_hostile_name_is_shown_safe_and_cut(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    value = "\x1b[2J\u202e" + "a" * 100 + ".txt"
    result = archive.read(value)
    assert isinstance(result, Unavailable)
    assert not has_unsafe(result.reason) and "\n" not in result.reason
    quoted = result.reason.split("`")[1]
    assert quoted.startswith("\\x1b[2J\\u202e") and quoted.endswith("…") and len(quoted) == 60
    assert result.reason.endswith("does not exist")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"one\n\ntwo\nab\xff", "not valid UTF-8 (byte 0xff) at line 4, column 3", id="invalid-utf8"),
        pytest.param("é\n".encode("latin-1"), "not valid UTF-8 (byte 0xe9) at line 1, column 1", id="latin-1"),
        pytest.param("x".encode("utf-16"), "file is UTF-16: source texts are UTF-8 at line 1, column 1", id="utf-16"),
        pytest.param(
            b"ab\x00c",
            "file holds NUL bytes: is it UTF-16 or binary? Source texts are UTF-8 text at line 1, column 3",
            id="nul",
        ),
    ],
)
def test_text_that_is_not_utf8(tmp_path: Path, data: bytes, reason: str) -> None:
    archive = Archive(tmp_path)
    archive.write("bad.txt", data)
    assert archive.read("bad.txt") == Unavailable(f"source.file `bad.txt`: {reason}")


def test_over_the_size_limit(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    archive.write("big.txt", b"x" * (3 * MiB))
    assert archive.read("big.txt") == Unavailable(
        "source.file `big.txt` is 3,145,728 bytes, over the 2,097,152-byte limit (see --max-file-size)"
    )


def test_at_the_size_limit_is_read(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    archive.write("edge.txt", b"a\n\nb" + b"c" * 96)
    assert archive.read("edge.txt", max_size=100) == Report(str(archive.root / "edge.txt"), ("a", "b" + "c" * 96))
    assert isinstance(archive.read("edge.txt", max_size=99), Unavailable)


def _without_hanging(call: Callable[[], object], seconds: float = 5.0) -> object:
    """``call()``, in a thread that must finish within ``seconds`` (a hang fails the test, not the run)."""
    results: list[object] = []
    thread = threading.Thread(target=lambda: results.append(call()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "reading hung"
    return results[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    os.mkfifo(archive.root / "pipe.txt")
    result = _without_hanging(lambda: archive.read("pipe.txt"))
    assert result == Unavailable(f"source.file `pipe.txt` {REGULAR}")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_device_inside_the_root_is_refused_without_reading() -> None:
    result = _without_hanging(lambda: read_report("/b.yaml", "/dev/zero", "/", LIMIT))
    assert result == Unavailable(f"source.file `/dev/zero` {REGULAR}")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_file_swapped_for_a_fifo_after_the_check_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = Archive(tmp_path)
    os.mkfifo(archive.root / "pipe.txt")
    monkeypatch.setattr("briefing.archive.reports.report_path", lambda *args: str(archive.root / "pipe.txt"))
    result = _without_hanging(lambda: archive.read("pipe.txt"))
    assert isinstance(result, Unavailable) and "not a regular file" in result.reason


# ---------------------------------------------------------------- refs, listing, JSON


@pytest.mark.parametrize(
    ("refs", "count", "beyond"),
    [
        ([], 0, []),
        ([1, 2, 3], 3, []),
        ([2, 5], 3, [5]),
        ([9, 4, 9, 1], 3, [4, 9]),
        ([1], 0, [1]),
        ([0, -1, 2], 5, [-1, 0]),
    ],
)
def test_check_refs(refs: list[int], count: int, beyond: list[int]) -> None:
    assert check_refs(refs, count) == beyond


def test_listing() -> None:
    report = Report("/r.txt", ("CITY - One.", "Two\nlines", "Three"))
    assert paragraphs_listing(report) == "  1 │ CITY - One.\n\n  2 │ Two\n      lines\n\n  3 │ Three"


def test_listing_margin_widens_and_tabs_expand() -> None:
    report = Report("/r.txt", (*(f"p{n}" for n in range(1, 1001)), "a\tb\n\tc"))
    lines = paragraphs_listing(report).split("\n")
    assert lines[0] == "   1 │ p1"
    assert lines[-4:] == ["1000 │ p1000", "", "1001 │ a       b", "               c"]
    assert paragraphs_listing(Report("/r.txt", ())) == ""


def test_json() -> None:
    report = Report("/a\x1b[2J/r.txt", ("One.", "Two\nlines"))
    assert paragraphs_json(report) == {
        "file": "/a\\x1b[2J/r.txt",
        "count": 2,
        "paragraphs": [{"number": 1, "text": "One."}, {"number": 2, "text": "Two\nlines"}],
    }
    json.dumps(paragraphs_json(report))
