"""Forged cache files: right magic, version and checksum, any payload (what a writer to the cache folder can make)."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from briefing.archive.cache import COMPRESSED, HEADER_SIZE, Header, framed, parts_of


def forge(payload: bytes, generation: bytes = b"forged!!", flags: int = 0) -> bytes:
    """``payload`` framed as a cache file of this program, with a valid CRC."""
    return Header(flags, zlib.crc32(payload), len(payload), generation).pack() + payload


def read_payload(path: Path) -> tuple[list[Any], bytes, bool]:
    """The unmarshalled parts of a real cache file, its generation and whether it is compressed."""
    data = path.read_bytes()
    header = Header.parse(data)
    assert header is not None
    payload = data[HEADER_SIZE:]
    compressed = bool(header.flags & COMPRESSED)
    if compressed:
        payload = zlib.decompress(payload)
    parts = parts_of(payload)
    return parts, header.generation, compressed


def rewrite(path: Path, change: Any) -> None:
    """Rewrite a cache file's parts with ``change(parts)``, keeping its generation and a valid checksum."""
    parts, generation, compressed = read_payload(path)
    path.write_bytes(b"".join(framed(change(parts), generation, compress=compressed)))
