"""A small archive with a report beside its briefing, for the evidence tests (CLI and reader)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import TEST_DATA, write

WIRE = TEST_DATA / "reports" / "wire.txt"  # seven paragraphs, laid out like wire copy

BRIEFING = """\
title: Talks in Kestrel Bay
date: 2025-03-14
source:
  name: Meridian Wire
  url: https://example.org/kestrel
  file: {file}
meetings:
  - title: Morrow meets Veskin
    date: 2025-03-13
    participants:
      - name: Tessa Morrow
        country: Arvania
        refs: [2]
      - name: Ilya Veskin
        refs: [2, 3]
    topics:
      - name: Fishing rights
        refs: [2]
    outcomes:
      - text: A working group on the straits
        kind: plan
        refs: [4]
      - text: No agreement on the dams
        kind: disagreement
        refs: [5, 12]
    refs: [1, 2]
  - title: Officials follow up
    participants: [An official]
    refs: [6]
"""


def evidence_archive(folder: Path, file: str = "wire.txt", *, copy: bool = True) -> Path:
    """``folder/archive`` holding ``kestrel.yaml`` whose ``source.file`` is ``file`` (the wire report, if copied)."""
    archive = folder / "archive"
    archive.mkdir(parents=True, exist_ok=True)
    if copy:
        shutil.copy(WIRE, archive / "wire.txt")
    write(archive, "kestrel.yaml", BRIEFING.format(file=file))
    return archive


REFUSALS = [
    ("../secret.txt", "outside the archive"),
    ("link.txt", "outside the archive"),
    ("fifo.txt", "not a regular file"),
    ("big.txt", "over the 2,097,152-byte limit"),
    ("missing.txt", "does not exist"),
]
"""``source.file`` values no reader may read, and what the refusal says."""

SECRET = "the user's own file"


def refusing_archive(folder: Path, file: str) -> Path:
    """An archive whose briefing names ``file``, beside a secret outside it, a link to it, a FIFO and a large file."""
    import os

    (folder / "secret.txt").write_text(f"{SECRET}\n\nsecond paragraph\n")
    archive = evidence_archive(folder, file)
    os.mkfifo(archive / "fifo.txt")
    (archive / "link.txt").symlink_to(folder / "secret.txt")
    (archive / "big.txt").write_bytes(b"y\n\n" * (1024 * 1024))
    return archive
