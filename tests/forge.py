"""Forged cache files: right magic, version and checksum, any payload (what a writer to the cache folder can make)."""

from __future__ import annotations

import marshal
import struct
import sys
import zlib
from pathlib import Path
from typing import Any

from briefing.archive.cache import MAGIC, VERSION

HEADER = struct.Struct("<HHHIQ8s")


def forge(payload: bytes, generation: bytes = b"forged!!") -> bytes:
    """``payload`` framed as a cache file of this program, with a valid CRC."""
    return MAGIC + HEADER.pack(VERSION, *sys.version_info[:2], zlib.crc32(payload), len(payload), generation) + payload


def read_payload(path: Path) -> tuple[Any, bytes]:
    """The unmarshalled payload of a real cache file, and its generation (to change and forge again)."""
    data = path.read_bytes()
    *_, generation = HEADER.unpack_from(data, len(MAGIC))
    return marshal.loads(data[len(MAGIC) + HEADER.size :]), generation


def rewrite(path: Path, change: Any) -> None:
    """Rewrite a cache file's payload with ``change(payload)``, keeping its generation and a valid checksum."""
    payload, generation = read_payload(path)
    path.write_bytes(forge(marshal.dumps(change(payload)), generation))
