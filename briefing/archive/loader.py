"""Load an archive: every briefing file under some paths, into a catalog, through the cache.

Files unchanged since the last run come from the cache; the others are parsed
(:func:`briefing.archive.parse.load_file`) and the cache is rewritten. A large
archive also gets a word index, built once every meeting is available and
the rest of the cache is written, then kept in the cache too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from ..format.model import Briefing, Problem
from ..format.text import neutralise_line
from .cache import cache_paths, generation_of
from .cache_check import FileMeta
from .catalog import Catalog, CatalogBuilder
from .files import DEFAULT_MAX_FILE_SIZE, Found, default_paths, discover
from .parse import load_file
from .searchtext import vocabulary_of
from .stored import (
    Index,
    cached_by_file,
    catalog_of,
    head_catalog,
    problems_of,
    read_head,
    read_index,
    write_catalog,
    write_words,
)

if TYPE_CHECKING:
    from .people import PeopleRegistry

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
    people: PeopleRegistry | None = None
    """Who the archive's people files declare one person."""


class LoadCancelled(Exception):
    """Raised from an ``on_file`` callback to stop loading early (the reader quit)."""


OnFile = Callable[[int, int, CatalogBuilder, Sequence[Problem]], None]
OnAvailable = Callable[[CatalogResult], None]
LastGood = Callable[[str], "tuple[Briefing, ...] | None"]
"""A file's briefings as last read without an error (by its absolute path), if the caller kept them."""


def load_catalog(
    paths: Sequence[str] | None = None,
    *,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
    use_cache: bool = True,
    on_file: OnFile | None = None,
    on_available: OnAvailable | None = None,
    stop: Callable[[], bool] | None = None,
    last_good: LastGood | None = None,
) -> CatalogResult:
    """Load every briefing under ``paths`` (default: :func:`default_paths`) into a catalog.

    ``last_good(path)``: for a file that now has errors, the briefings it held when it was last read
    without any; they stand in for it (``catalog.stale`` names such files, and none of it is cached),
    so that an edit half done does not make its meetings vanish.

    ``on_file(done, total, builder, problems)`` is called after each file and may
    raise :class:`LoadCancelled` to stop (nothing is cached then). Raises only
    that and :class:`~briefing.archive.files.PathNotFound`. ``on_available(result)``
    is called once every meeting is in the catalog: after parsing, before the word
    index of a large archive is built (the catalog gains it in place; the result is
    the same). ``stop()``, if it says so, skips that index (the reader is quitting).
    A catalog read from the cache reads its word index when asked (:meth:`Catalog.load_index`).
    """
    load = _Load(list(paths or default_paths()), max_size, use_cache, on_file, on_available, stop)
    load.last_good = last_good
    return load.run()


def cached_catalog(
    paths: Sequence[str] | None = None, *, max_size: int = DEFAULT_MAX_FILE_SIZE
) -> CatalogResult | None:
    """The first screen of the catalog as the cache last saw it, without checking a single file (None if none).

    The reader paints this at once, then confirms it with :func:`load_catalog`. The
    catalog holds the head's entries only; it knows how many meetings there are.
    """
    roots = list(paths or default_paths())
    where = cache_paths(roots)
    head = read_head(where)
    if head is None or any(meta.size > max_size for meta in head.head_files):
        return None  # a file over the size limit must be refused afresh, not served from the cache
    catalog = head_catalog(head, where, lambda path: load_file(path, max_size).briefings)
    return CatalogResult(catalog, (), head.files)


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
    return LoadResult(briefings, result.problems, result.files, catalog.people)


# ------------------------------------------------------------------ the load


def _fresh(meta: FileMeta, found: Found, max_size: int) -> bool:
    """Whether the cached ``meta`` still describes the file (and the file is within the size limit)."""
    info = found.info
    return info is not None and (meta.size, meta.mtime_ns) == (info.st_size, info.st_mtime_ns) and meta.size <= max_size


def _spelled_as(meta: FileMeta, path: str) -> FileMeta:
    """``meta`` of a file now spelled ``path``, its problems too."""
    if meta.path == path:
        return meta
    was, now = neutralise_line(meta.path), neutralise_line(path)
    problems = tuple((now, *problem[1:]) if problem[0] == was else problem for problem in meta.problems)
    return meta._replace(path=path, problems=problems)


class _Load:
    """One load of an archive: discover, reuse what the cache holds, parse the rest, index, cache."""

    def __init__(
        self,
        roots: list[str],
        max_size: int,
        use_cache: bool,
        on_file: OnFile | None,
        on_available: OnAvailable | None,
        stop: Callable[[], bool] | None,
    ) -> None:
        self.max_size = max_size
        self.use_cache = use_cache
        self.on_file = on_file
        self.on_available = on_available
        self.stop = stop or (lambda: False)
        self.where = cache_paths(roots)
        discovery = discover(roots)
        self.found = discovery.files
        self.walk_problems = discovery.problems
        self.files = [item.path for item in self.found]
        self.people_files = discovery.people
        self.last_good: LastGood | None = None

    def _last_good(self, path: str, found: Sequence[Problem]) -> tuple[Briefing, ...] | None:
        if self.last_good is None or not any(p.is_error for p in found):
            return None
        return self.last_good(os.path.abspath(path))

    def _load_file(self, path: str) -> tuple[Briefing, ...]:
        return load_file(path, self.max_size).briefings

    def _people(self, catalog: Catalog) -> list[Problem]:
        """Read the people files (small, never cached) into ``catalog``; their problems."""
        if not self.people_files:
            return []
        from .people import load_people

        catalog.people, problems = load_people(self.people_files, self.max_size)
        return problems

    def run(self) -> CatalogResult:
        cached = read_index(self.where) if self.use_cache else None
        if cached is not None:
            cached = self._respelled(cached)
        if cached is not None and self._all_fresh(cached):
            catalog = catalog_of(cached, self.where, self._load_file)
            problems = (*self.walk_problems, *self._people(catalog), *problems_of(cached))
            result = CatalogResult(catalog, problems, len(self.files))
            if self.on_file is not None:
                self.on_file(len(self.files), len(self.files), CatalogBuilder(), result.problems)
            if self.on_available is not None:
                self.on_available(result)
            if len(catalog) >= POSTINGS_MIN and generation_of(self.where.words) != cached.generation:
                self._index(catalog, cached.generation)  # a large archive whose word index was never written
            return result
        return self._parse(cached)

    def _respelled(self, cached: Index) -> Index:
        """The cache with the paths spelled as found this time, if only their spelling differs.

        One cache serves the folders however they are named (``data``, ``./data``, a link to it): its
        name comes from their real paths. A walk of the same folders finds the same files in the same
        order, so a file in the same place with the same name is the same file, whatever the spelling;
        its size and time are still checked as for any file.
        """
        old = [meta.path for meta in cached.files]
        if old == self.files or len(old) != len(self.files):
            return cached
        if any(map(str.__ne__, map(os.path.basename, old), map(os.path.basename, self.files))):
            return cached
        return cached._replace(files=tuple(map(_spelled_as, cached.files, self.files)))

    def _all_fresh(self, cached: Index) -> bool:
        """Whether the cache describes exactly the files found, each unchanged, and is whole."""
        where, generation, files = self.where, cached.generation, cached.files
        infos = list(map(attrgetter("info"), self.found))
        # What _fresh asks of each file, a column at a time (in C loops: 10,000 files are checked on every start).
        return (
            generation_of(where.text) == generation == generation_of(where.records)
            and list(map(attrgetter("path"), files)) == self.files
            and None not in infos
            and list(map(attrgetter("size", "mtime_ns"), files))
            == list(map(attrgetter("st_size", "st_mtime_ns"), infos))
            and max(map(attrgetter("size"), files), default=0) <= self.max_size
        )

    def _parse(self, cached: Index | None) -> CatalogResult:
        builder = CatalogBuilder(self.files)
        problems: list[Problem] = list(self.walk_problems)
        kept: dict[int, FileMeta] = {}  # discover index -> what to write for it
        stale: set[int] = set()
        previous = cached_by_file(cached, self.where) if cached is not None else {}
        for number, item in enumerate(self.found):
            old = previous.get(item.path)
            if old is not None and _fresh(old.meta, item, self.max_size):
                builder.add_cached(
                    number, old.ref, old.entries, old.hays, old.facets, old.briefing_hays, old.meta.shape
                )
                found = [Problem._make(fields) for fields in old.meta.problems]
                kept[number] = old.meta
            else:
                parsed = load_file(item.path, self.max_size)
                found = list(parsed.problems)
                good = self._last_good(item.path, found)
                if good is not None:  # broken now: what it said when last whole stands in, marked, not cached
                    builder.add(number, good)
                    stale.add(number)
                    problems.extend(found)
                    if self.on_file is not None:
                        self.on_file(number + 1, len(self.files), builder, found)
                    continue
                builder.add(number, parsed.briefings)
                # Files refused as a whole (size, type, unreadable) are checked afresh each time.
                info = item.info
                if info is not None and all(p.line > 0 for p in found):
                    shape = tuple(len(b.meetings) for b in parsed.briefings)
                    problems_data = tuple(map(tuple, found))
                    kept[number] = FileMeta(item.path, info.st_size, info.st_mtime_ns, problems_data, 0, 0, 0, shape)
            problems.extend(found)
            if self.on_file is not None:
                self.on_file(number + 1, len(self.files), builder, found)
        catalog = builder.build(lambda file: self._load_file(self.files[file]))
        catalog.stale = frozenset(stale)
        problems[len(self.walk_problems) : len(self.walk_problems)] = self._people(catalog)
        result = CatalogResult(catalog, tuple(problems), len(self.files))
        large = len(catalog) >= POSTINGS_MIN
        if not large:
            catalog.vocabulary = vocabulary_of([*catalog.hays, *catalog.briefing_hays()])
        if self.on_available is not None:
            self.on_available(result)  # searchable already (by scanning); the word index follows
        generation = write_catalog(self.where, catalog, builder, kept) if self.use_cache else None
        if large:
            self._index(catalog, generation)
        return result

    def _index(self, catalog: Catalog, generation: bytes | None) -> None:
        """Build the word index of a large catalog and add it to the cache of ``generation`` (if any)."""
        if self.stop():
            return
        catalog.build_index()
        if generation is not None and self.use_cache:
            write_words(self.where, catalog, generation)
