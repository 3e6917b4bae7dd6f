"""The catalog as the cache keeps it, in files read when they are needed.

* ``.head``: how many meetings and files, the problem count, and the first
  :data:`HEAD_ROWS` list entries with what opens their meetings: all the
  reader's first frame needs, whatever the size of the archive.
* ``.index``: every file's size, modification time, problems and shape, and the
  list entries of every meeting (newest first, ready to use).
* ``.words``: the word index of a large archive (rare words' rows in compressed blocks, common words as
  compressed sets of bits, each unpacked when used).
* ``.text``: the search text of every meeting and briefing (compressed).
* ``.records``: each file's full briefings, read one file at a time.

Everything read is checked (:mod:`briefing.archive.cache_check`) and must be of
the generation the head or index names.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ..format.model import Briefing, Problem, tally
from .cache import (
    CachePaths,
    RecordRef,
    atomic_write,
    compress_record,
    framed,
    framed_records,
    generation_of,
    private_folder,
    read_parts,
)
from .cache_check import FileMeta, Malformed, entry_parts, facet_lines, file_meta, number, strings
from .catalog import Catalog, CatalogBuilder, SearchText, Source_
from .entries import EntryColumns
from .records import encode_briefings

if TYPE_CHECKING:
    from .postings import Postings

HEAD_ROWS = 200
"""Entries in the head: more than any screen shows before the rest is read."""
FILES_CHUNK = 5_000
"""Files per part of the index (and per part of their briefings' search text)."""
TEXT_CHUNK = 5_000
"""Meetings per part of the search text.

Each part is unmarshalled by one call that holds the interpreter: at these sizes
a few milliseconds, so a reader reading a large cache still answers every key.
"""


class Index(NamedTuple):
    """What the ``.index`` file holds."""

    files: tuple[FileMeta, ...]
    entries: EntryColumns
    generation: bytes


class Head(NamedTuple):
    """What the ``.head`` file holds."""

    meetings: int
    files: int
    errors: int
    warnings: int
    entries: EntryColumns  # ``file`` numbers index ``head_files``
    head_files: tuple[FileMeta, ...]
    generation: bytes


# ------------------------------------------------------------------ reading


def read_index(where: CachePaths) -> Index | None:
    """The index, checked value by value; None if it is missing, damaged, foreign, old or malformed."""
    read = read_parts(where.index)
    if read is None:
        return None
    parts, generation = read
    try:
        if len(parts) < 2:
            raise Malformed("not an index")
        count, meetings = number(parts[0]), number(parts[1])
        split = 2 + len(_starts(count, FILES_CHUNK))
        files = tuple(map(file_meta, _joined(parts[2:split], count)))
        entries = entry_parts(parts[split:], meetings, len(files))
        return Index(files, entries, generation)
    except (Malformed, TypeError, ValueError):
        return None


def read_head(where: CachePaths) -> Head | None:
    """The head, checked; None if it is missing, damaged or not of the generation of the index beside it."""
    read = read_parts(where.head)
    if read is None:
        return None
    parts, generation = read
    try:
        if len(parts) < 3 or type(parts[0]) is not tuple or len(parts[0]) != 5 or type(parts[1]) is not tuple:
            raise Malformed("not a head")
        meetings, files, errors, warnings, shown = map(number, parts[0])
        head_files = tuple(map(file_meta, parts[1]))
        entries = entry_parts(parts[2:], shown, len(head_files))
        return Head(meetings, files, errors, warnings, entries, head_files, generation)
    except (Malformed, TypeError, ValueError):
        return None


def read_text(where: CachePaths, generation: bytes, meetings: int, shapes: Sequence[int]) -> SearchText | None:
    """The search text: ``meetings`` haystacks and, per file, one per briefing (``shapes`` counts them); else None.

    Haystacks are searched, never shown, so their types and counts are what must hold.
    """
    read = read_parts(where.text, generation)
    if read is None:
        return None
    parts, _ = read
    try:
        per = len(_starts(meetings, TEXT_CHUNK))
        if len(parts) != 2 * per + len(_starts(len(shapes), FILES_CHUNK)):
            raise Malformed("not the search text")
        hays = list(itertools.chain.from_iterable(map(strings, parts[:per])))
        facets = list(itertools.chain.from_iterable(map(facet_lines, parts[per : 2 * per])))
        by_file = _joined(parts[2 * per :], len(shapes))
        if not len(hays) == len(facets) == meetings:
            raise Malformed("not the search text")
        briefings = [strings(hays_of_file, count) for hays_of_file, count in zip(by_file, shapes, strict=True)]
        return SearchText(hays, briefings, facets)
    except (Malformed, TypeError, ValueError, IndexError):
        return None


def read_words(
    where: CachePaths, generation: bytes, meetings: int, briefings: int, on_damage: Callable[[], None] | None = None
) -> tuple[Postings, Postings] | None:
    """The word index of the meetings and of the briefings, checked; None if there is none of ``generation``.

    Its rows are checked against ``meetings`` and ``briefings`` as they are used
    (:meth:`Postings.load`), and ``on_damage`` called if one is out of range.
    """
    read = read_parts(where.words, generation)
    if read is None:
        return None
    parts, _ = read
    try:
        from .postings import Postings

        of_meetings, middle = _dump_at(parts, 0)
        of_briefings, end = _dump_at(parts, middle)
        if end != len(parts):
            raise Malformed("not a word index")
        Postings.check(of_meetings)
        Postings.check(of_briefings)
        return Postings.load(of_meetings, meetings, on_damage), Postings.load(of_briefings, briefings, on_damage)
    except (Malformed, TypeError, ValueError, IndexError):
        return None


Load = Callable[[str], tuple[Briefing, ...]]
"""Parses one file: the briefings of the file at a path."""


def _reloader(files: Sequence[str], load: Load) -> Callable[[int], tuple[Briefing, ...]]:
    """Parses file ``number`` again (when its cached record turns out damaged)."""

    def reload(number: int) -> tuple[Briefing, ...]:
        return load(files[number])

    return reload


def catalog_of(index: Index, where: CachePaths, load: Load) -> Catalog:
    """The catalog straight from the index, already sorted: no file is read or parsed.

    The search text and the word index are read when first wanted (the word index by :meth:`Catalog.load_index`).
    """
    files = [meta.path for meta in index.files]
    shapes = [meta.shape for meta in index.files]
    generation = index.generation
    sources: list[Source_] = [RecordRef(where.records, m.offset, m.length, m.crc, generation) for m in index.files]
    count = len(index.entries)
    briefings = sum(len(shape) for shape in shapes)

    def text() -> SearchText | None:
        return read_text(where, generation, count, [len(shape) for shape in shapes])

    def forget_words() -> None:
        if generation_of(where.words) == generation:
            with contextlib.suppress(OSError):
                where.words.unlink()  # ours but not valid: the next load of a large archive builds it again

    def words() -> tuple[Postings, Postings] | None:
        read = read_words(where, generation, count, briefings, forget_words)
        if read is None:
            forget_words()
        return read

    catalog = Catalog(index.entries, text, sources, _reloader(files, load), None, shapes, files)
    catalog.index_source = words
    catalog.index_files = tuple((m.path, m.size, m.mtime_ns) for m in index.files)
    return catalog


def problems_of(index: Index) -> tuple[Problem, ...]:
    """Every problem the index remembers, file by file."""
    return tuple(Problem._make(fields) for meta in index.files for fields in meta.problems)


def head_catalog(head: Head, where: CachePaths, load: Load) -> Catalog:
    """A catalog of the head's entries only (the first screen), which says how many meetings there are in all."""
    files = [meta.path for meta in head.head_files]
    sources: list[Source_] = [
        RecordRef(where.records, m.offset, m.length, m.crc, head.generation) for m in head.head_files
    ]
    shapes = [m.shape for m in head.head_files]
    catalog = Catalog(head.entries, SearchText([], [], []), sources, _reloader(files, load), None, shapes, files)
    catalog.total = head.meetings
    catalog.head_tally = (head.errors, head.warnings)
    return catalog


class CachedFile(NamedTuple):
    """A file's part of a cached catalog, to build a new catalog from without parsing the file."""

    meta: FileMeta
    ref: RecordRef
    entries: list[tuple[object, ...]]
    hays: list[str]
    facets: list[str]
    briefing_hays: tuple[str, ...]


def cached_by_file(index: Index, where: CachePaths) -> dict[str, CachedFile]:
    """The cached entries and search text of each file, by path (empty if the text is damaged)."""
    shapes = [len(meta.shape) for meta in index.files]
    text = read_text(where, index.generation, len(index.entries), shapes)
    if text is None:
        return {}
    by_file: dict[int, tuple[list[tuple[object, ...]], list[str], list[str]]] = {
        i: ([], [], []) for i in range(len(index.files))
    }
    for entry, hay, facets in zip(index.entries, text.meetings, text.facets, strict=True):
        file_entries, file_hays, file_facets = by_file[entry.file]
        file_entries.append(entry)
        file_hays.append(hay)
        file_facets.append(facets)
    out = {}
    for number_, meta in enumerate(index.files):
        ref = RecordRef(where.records, meta.offset, meta.length, meta.crc, index.generation)
        out[meta.path] = CachedFile(meta, ref, *by_file[number_], tuple(text.briefings[number_]))
    return out


# ------------------------------------------------------------------ writing


def write_catalog(
    where: CachePaths, catalog: Catalog, builder: CatalogBuilder, kept: dict[int, FileMeta]
) -> bytes | None:
    """Write the cache of this catalog (records of unchanged files copied over).

    Returns the generation written if every meeting of the catalog is cached, so that
    :func:`write_words` may add the word index to it later (else None: a word index
    counts rows of the whole catalog). Files are written records first and head last,
    so a reader never finds a head pointing at nothing.
    """
    if private_folder(where.index.parent) is None:
        return None
    generation = os.urandom(8)
    order = sorted(kept)
    slot_of = {number_: slot for slot, number_ in enumerate(order)}
    records, offsets = framed_records(_records(catalog, builder, order), generation)
    placed = zip(order, offsets, strict=True)
    files = tuple(kept[n]._replace(offset=o, length=size, crc=c) for n, (o, size, c) in placed)
    cached = [i for i, entry in enumerate(catalog.entries) if entry.file in slot_of]
    entries = catalog.entries
    columns = EntryColumns.of(entries[i]._replace(file=slot_of[entries[i].file]) for i in cached)
    text_parts: list[Any] = []
    for column in (catalog.hays, catalog.facets):
        text_parts += _chunked([column[i] for i in cached], TEXT_CHUNK)
    text_parts += _chunked([tuple(catalog.text.briefings[n]) for n in order], FILES_CHUNK)
    index_parts = [len(files), len(columns), *_chunked(list(map(tuple, files)), FILES_CHUNK), *columns.dump()]
    ok = (
        atomic_write(where.records, records)
        and atomic_write(where.text, framed(text_parts, generation, compress=True))
        and atomic_write(where.index, framed(index_parts, generation))
        and atomic_write(where.head, framed(_head_parts(columns, files), generation))
    )
    return generation if ok and len(columns) == len(catalog) else None


def _starts(count: int, size: int) -> range:
    """Where each part of ``count`` values, ``size`` per part, starts (one part, empty, for none)."""
    return range(0, max(count, 1), size)


def _chunked(values: Sequence[Any], size: int) -> list[tuple[Any, ...]]:
    """``values`` in tuples of ``size`` (see :func:`_starts`)."""
    return [tuple(values[start : start + size]) for start in _starts(len(values), size)]


def _joined(chunks: Sequence[Any], count: int | None = None) -> list[Any]:
    """Inverse of :func:`_chunked`: the values of tuples ``chunks`` (in one C loop), ``count`` in all if given."""
    if not all(type(chunk) is tuple for chunk in chunks):
        raise Malformed("not a list of parts")
    values = list(itertools.chain.from_iterable(chunks))
    if count is not None and len(values) != count:
        raise Malformed("parts of the wrong length")
    return values


def _head_parts(columns: EntryColumns, files: tuple[FileMeta, ...]) -> list[Any]:
    """The head: counts, the files its first entries are in, and those entries."""
    shown = range(min(HEAD_ROWS, len(columns)))
    numbers = sorted({columns[i].file for i in shown})
    local = {number_: slot for slot, number_ in enumerate(numbers)}
    entries = EntryColumns.of(columns[i]._replace(file=local[columns[i].file]) for i in shown)
    errors, warnings = tally(Problem._make(fields) for meta in files for fields in meta.problems)
    counts = (len(columns), len(files), errors, warnings, len(entries))
    return [counts, tuple(tuple(files[n]) for n in numbers), *entries.dump()]


def write_words(where: CachePaths, catalog: Catalog, generation: bytes) -> bool:
    """Write the catalog's word index beside the cache of ``generation`` (False if it has none yet)."""
    dumped = catalog.dump_index()
    if dumped is None:
        return False
    return atomic_write(where.words, framed([*_dump_parts(dumped[0]), *_dump_parts(dumped[1])], generation))


PIECE_BYTES = 2 * 1024**2
PIECE_ITEMS = 50_000
"""A word index's lists (its words, its packed sets) are cut into parts of about this many bytes, or items."""


def _dump_parts(dump: Any) -> list[Any]:
    """The parts of one word index: each list as its number of parts, then the parts; bytes as they are."""
    parts: list[Any] = []
    for piece in dump:
        if type(piece) is tuple:
            chunks = _by_size(piece)
            parts += [len(chunks), *chunks]
        else:
            parts.append(piece)
    return parts


def _by_size(values: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    chunks: list[tuple[Any, ...]] = []
    start = size = 0
    for end, value in enumerate(values, 1):
        size += len(value)
        if size >= PIECE_BYTES or end - start >= PIECE_ITEMS:
            chunks.append(values[start:end])
            start, size = end, 0
    if start < len(values) or not chunks:
        chunks.append(values[start:])
    return chunks


def _dump_at(parts: Sequence[Any], position: int) -> tuple[tuple[Any, ...], int]:
    """Inverse of :func:`_dump_parts`: the word index whose parts start at ``position``, and where the next starts."""
    from .postings import DUMP_KINDS

    pieces: list[Any] = []
    for kind in DUMP_KINDS:
        if kind is tuple:
            count = number(parts[position], 1, len(parts) - position)
            pieces.append(tuple(_joined(parts[position + 1 : position + 1 + count])))
            position += 1 + count
        else:
            pieces.append(parts[position])
            position += 1
    return tuple(pieces), position


def _records(catalog: Catalog, builder: CatalogBuilder, order: list[int]) -> list[bytes]:
    records = []
    for number_ in order:
        source = builder.source(number_)
        if isinstance(source, RecordRef):
            try:
                record = source.read()
                # The records file is about to be replaced: keep the bytes, not the old offsets.
                catalog.keep_record(number_, record)
                records.append(record)
                continue
            except (OSError, ValueError):
                source = catalog.file_briefings(number_)  # the old record is damaged: encode the file again
        records.append(compress_record(encode_briefings(source)) if isinstance(source, tuple) else source)
    return records
