"""Load an archive: every briefing file under some paths, into a catalog, through the cache.

Files unchanged since the last run come from the cache; the others are parsed
(:func:`briefing.archive.parse.load_file`) and the cache is rewritten. A large
archive also gets a word index, built once every meeting is available and
kept in the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..format.model import Briefing, Problem
from .cache import (
    CacheIndex,
    CachePaths,
    FileMeta,
    RecordRef,
    cache_paths,
    compress_record,
    generation_of,
    read_index,
    read_text,
    write_cache,
)
from .catalog import Catalog, CatalogBuilder, EntryColumns, SearchText, Source_
from .files import DEFAULT_MAX_FILE_SIZE, Found, default_paths, discover
from .parse import load_file
from .records import encode_briefings
from .searchtext import vocabulary_of

POSTINGS_MIN = 2000
"""From this many meetings on, searches use a word-prefix index (built once, cached)."""


class CatalogResult(NamedTuple):
    """A catalog of every meeting under some paths, and every problem found."""

    catalog: Catalog
    problems: tuple[Problem, ...]
    files: int


class LoadResult(NamedTuple):
    """Every briefing under some paths as full records, in file order."""

    briefings: tuple[Briefing, ...]
    problems: tuple[Problem, ...]
    files: int


class LoadCancelled(Exception):
    """Raised from an ``on_file`` callback to stop loading early (the reader quit)."""


OnFile = Callable[[int, int, CatalogBuilder, Sequence[Problem]], None]
OnAvailable = Callable[[CatalogResult], None]


def load_catalog(
    paths: Sequence[str] | None = None,
    *,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
    use_cache: bool = True,
    on_file: OnFile | None = None,
    last: CatalogResult | None = None,
    on_available: OnAvailable | None = None,
) -> CatalogResult:
    """Load every briefing under ``paths`` (default: :func:`default_paths`) into a catalog.

    ``on_file(done, total, builder, problems)`` is called after each file and may
    raise :class:`LoadCancelled` to stop (nothing is cached then). Raises only
    that and :class:`~briefing.archive.files.PathNotFound`. ``last`` is what
    :func:`cached_catalog` gave: returned as it is if nothing changed since.
    ``on_available(result)`` is called once every meeting is in the catalog:
    after parsing, before the word index of a large archive is built and the
    cache written (the catalog gains its index in place; the result is the same).
    """
    return _Load(list(paths or default_paths()), max_size, use_cache, on_file, on_available).run(last)


def cached_catalog(
    paths: Sequence[str] | None = None, *, max_size: int = DEFAULT_MAX_FILE_SIZE
) -> CatalogResult | None:
    """The catalog as the cache last saw it, without checking a single file (None if there is none).

    The reader paints this at once, then confirms it with :func:`load_catalog`.
    """
    roots = list(paths or default_paths())
    where = cache_paths(roots)
    cached = read_index(where.index)
    if cached is None or any(meta.size > max_size for meta in cached.files):
        return None  # a file over the size limit must be refused afresh, not served from the cache
    return _from_index(cached, where, [m.path for m in cached.files], max_size)


def load_paths(
    paths: Sequence[str] | None = None,
    *,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
    use_cache: bool = True,
    on_file: OnFile | None = None,
) -> LoadResult:
    """Every briefing under ``paths`` as full records, in file order (see :func:`load_catalog`)."""
    result = load_catalog(paths, max_size=max_size, use_cache=use_cache, on_file=on_file)
    catalog = result.catalog
    briefings = tuple(b for index in range(result.files) for b in catalog.file_briefings(index))
    return LoadResult(briefings, result.problems, result.files)


# ------------------------------------------------------------------ the load


def _reloader(files: list[str], max_size: int) -> Callable[[int], tuple[Briefing, ...]]:
    """Parses file ``number`` again (when its cached record turns out damaged)."""

    def reload(number: int) -> tuple[Briefing, ...]:
        return load_file(files[number], max_size).briefings

    return reload


def _fresh(meta: FileMeta, found: Found, max_size: int) -> bool:
    """Whether the cached ``meta`` still describes the file (and the file is within the size limit)."""
    info = found.info
    return info is not None and (meta.size, meta.mtime_ns) == (info.st_size, info.st_mtime_ns) and meta.size <= max_size


def _unchanged(known: tuple[tuple[str, int, int], ...], found: list[Found]) -> bool:
    """Whether ``found`` are exactly the ``known`` (path, size, mtime) files."""
    if len(known) != len(found) or not known:
        return False
    for (path, size, mtime), item in zip(known, found, strict=True):
        info = item.info
        if path != item.path or info is None or (size, mtime) != (info.st_size, info.st_mtime_ns):
            return False
    return True


def _from_index(cached: CacheIndex, where: CachePaths, files: list[str], max_size: int) -> CatalogResult:
    """The catalog straight from the index, already sorted: no file is read or parsed."""
    entries = EntryColumns.load(cached.entries)
    sources: list[Source_] = [
        RecordRef(where.records, m.offset, m.length, m.crc, cached.generation) for m in cached.files
    ]
    shapes = [meta.shape for meta in cached.files]

    def text() -> SearchText | None:
        read = read_text(where.text, cached.generation, len(entries), [len(shape) for shape in shapes])
        return None if read is None else SearchText(*read)

    catalog = Catalog(entries, text, sources, _reloader(files, max_size), cached.vocabulary, shapes, files)
    if cached.postings is not None:
        catalog.attach_index(cached.postings)
    problems = tuple(Problem._make(fields) for meta in cached.files for fields in meta.problems)
    catalog.index_files = tuple((m.path, m.size, m.mtime_ns) for m in cached.files)
    return CatalogResult(catalog, problems, len(files))


class _Load:
    """One load of an archive: discover, reuse what the cache holds, parse the rest, index, cache."""

    def __init__(
        self,
        roots: list[str],
        max_size: int,
        use_cache: bool,
        on_file: OnFile | None,
        on_available: OnAvailable | None,
    ) -> None:
        self.max_size = max_size
        self.use_cache = use_cache
        self.on_file = on_file
        self.on_available = on_available
        self.where = cache_paths(roots)
        discovery = discover(roots)
        self.found = discovery.files
        self.walk_problems = discovery.problems
        self.files = [item.path for item in self.found]

    def run(self, last: CatalogResult | None) -> CatalogResult:
        if last is not None and _unchanged(last.catalog.index_files, self.found) and not self.walk_problems:
            return self._unchanged(last)
        cached = read_index(self.where.index) if self.use_cache else None
        if (
            cached is not None
            and generation_of(self.where.text) == cached.generation == generation_of(self.where.records)
            and [m.path for m in cached.files] == self.files
            and all(_fresh(meta, item, self.max_size) for meta, item in zip(cached.files, self.found, strict=True))
        ):
            result = _from_index(cached, self.where, self.files, self.max_size)
            return self._unchanged(result._replace(problems=(*self.walk_problems, *result.problems)))
        return self._parse(cached)

    def _unchanged(self, result: CatalogResult) -> CatalogResult:
        """Nothing to parse: say every file is done and every meeting available."""
        if self.on_file is not None:
            self.on_file(len(self.files), len(self.files), CatalogBuilder(), result.problems)
        if self.on_available is not None:
            self.on_available(result)
        return result

    def _parse(self, cached: CacheIndex | None) -> CatalogResult:
        builder = CatalogBuilder(self.files)
        problems: list[Problem] = list(self.walk_problems)
        kept: dict[int, FileMeta] = {}  # discover index -> what to write for it
        previous = _cached_by_file(cached, self.where) if cached is not None else {}
        for number, item in enumerate(self.found):
            old = previous.get(item.path)
            if old is not None and _fresh(old.meta, item, self.max_size):
                builder.add_cached(number, old.ref, old.entries, old.hays, old.briefing_hays, old.meta.shape)
                found = [Problem._make(fields) for fields in old.meta.problems]
                kept[number] = old.meta
            else:
                parsed = load_file(item.path, self.max_size)
                builder.add(number, parsed.briefings)
                found = list(parsed.problems)
                # Files refused as a whole (size, type, unreadable) are checked afresh each time.
                info = item.info
                if info is not None and all(p.line > 0 for p in found):
                    shape = tuple(len(b.meetings) for b in parsed.briefings)
                    problems_data = tuple(map(tuple, found))
                    kept[number] = FileMeta(item.path, info.st_size, info.st_mtime_ns, problems_data, 0, 0, 0, shape)
            problems.extend(found)
            if self.on_file is not None:
                self.on_file(number + 1, len(self.files), builder, found)
        catalog = builder.build(_reloader(self.files, self.max_size))
        result = CatalogResult(catalog, tuple(problems), len(self.files))
        large = len(catalog) >= POSTINGS_MIN
        if not large:
            catalog.vocabulary = vocabulary_of(catalog.hays)
        if self.on_available is not None:
            self.on_available(result)  # searchable already (by scanning); the word index follows
        if large:
            catalog.build_index()
        if self.use_cache:
            _write(self.where, catalog, builder, kept)
        return result


class _CachedFile(NamedTuple):
    meta: FileMeta
    ref: RecordRef
    entries: list[tuple[object, ...]]
    hays: list[str]
    briefing_hays: tuple[str, ...]


def _cached_by_file(cached: CacheIndex, where: CachePaths) -> dict[str, _CachedFile]:
    """The cached entries and search text of each file, by path (empty if the text is damaged)."""
    entries = EntryColumns.load(cached.entries)
    text = read_text(where.text, cached.generation, len(entries), [len(m.shape) for m in cached.files])
    if text is None:
        return {}
    hays, briefing_hays = text
    by_file: dict[int, tuple[list[tuple[object, ...]], list[str]]] = {i: ([], []) for i in range(len(cached.files))}
    for entry, hay in zip(entries, hays, strict=True):
        file_entries, file_hays = by_file[entry.file]
        file_entries.append(entry)
        file_hays.append(hay)
    out = {}
    for number, meta in enumerate(cached.files):
        ref = RecordRef(where.records, meta.offset, meta.length, meta.crc, cached.generation)
        out[meta.path] = _CachedFile(meta, ref, *by_file[number], briefing_hays[number])
    return out


def _write(where: CachePaths, catalog: Catalog, builder: CatalogBuilder, kept: dict[int, FileMeta]) -> None:
    """Write the cache for this catalog (records of unchanged files are copied over)."""
    order = sorted(kept)
    position = {number: slot for slot, number in enumerate(order)}
    records = []
    for number in order:
        source = builder.source(number)
        if isinstance(source, RecordRef):
            try:
                record = source.read()
                # The records file is about to be replaced: keep the bytes, not the old offsets.
                catalog.keep_record(number, record)
                records.append(record)
                continue
            except (OSError, ValueError):
                source = catalog.file_briefings(number)  # the old record is damaged: encode the file again
        records.append(compress_record(encode_briefings(source)) if isinstance(source, tuple) else source)
    columns = EntryColumns.of(
        entry._replace(file=position[entry.file]) for entry in catalog.entries if entry.file in position
    )
    hays = tuple(hay for entry, hay in zip(catalog.entries, catalog.hays, strict=True) if entry.file in position)
    briefing_hays = tuple(catalog.text.briefings[number] for number in order)
    # The word index counts rows of the whole catalog: valid only if every meeting is cached.
    complete = catalog.postings is not None and len(columns) == len(catalog)
    index = CacheIndex(
        tuple(kept[n] for n in order),
        columns.dump(),
        tuple(catalog.vocabulary or ()),
        catalog.dump_index() if complete else None,
        b"",
    )
    write_cache(where, index, (hays, briefing_hays), records)
