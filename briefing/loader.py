"""Find briefing files and load them, bounded, with every problem located.

:func:`load_file` is the one error boundary of loading: whatever a file holds,
it returns briefings and :class:`~briefing.model.Problem`s, never raises.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from .cache import CacheIndex, CachePaths, FileMeta, RecordRef, cache_paths, read_hays, read_index, write_cache
from .catalog import Catalog, CatalogBuilder, EntryColumns, Source_, encode_briefings
from .collector import paused
from .model import Briefing, Problem, format_path
from .resources import data_dir
from .text import neutralise_line

DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024
# From this many meetings on, searches use a word-prefix index (built once, cached).
POSTINGS_MIN = 2000
SUFFIXES = (".yaml", ".yml")


class FileResult(NamedTuple):
    """What one file gave: its briefings and its problems."""

    path: str
    briefings: tuple[Briefing, ...]
    problems: tuple[Problem, ...]


class LoadResult(NamedTuple):
    """Everything loaded from a set of paths."""

    briefings: tuple[Briefing, ...]
    problems: tuple[Problem, ...]
    files: int

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Only the errors (not the warnings)."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def failed_files(self) -> int:
        """How many files had at least one error."""
        return len({p.path for p in self.problems if p.is_error})


class LoadCancelled(Exception):
    """Raised from an ``on_file`` callback to stop loading early (the reader quit)."""


class PathNotFound(Exception):
    """A path given by the user does not exist (a usage error, exit status 2)."""


def default_paths() -> list[str]:
    """``$BRIEFING_PATH`` (``os.pathsep``-separated), else the bundled briefings."""
    env = os.environ.get("BRIEFING_PATH", "")
    paths = [part for part in env.split(os.pathsep) if part]
    return paths or [str(data_dir())]


def discover(paths: Iterable[str]) -> list[str]:
    """Every briefing file named by ``paths``: files as given, folders searched.

    Folders are walked in sorted order so the result is stable; hidden files
    and folders are skipped. Raises :class:`PathNotFound` for a path that does
    not exist.
    """
    return [path for path, _ in _discover(paths)]


def _discover(paths: Iterable[str]) -> list[tuple[str, os.stat_result | None]]:
    """:func:`discover`, with each file's status where the walk already had it."""
    files: list[tuple[str, os.stat_result | None]] = []
    seen: set[str] = set()
    for raw in paths:
        if not os.path.lexists(raw):
            raise PathNotFound(raw)
        if os.path.isdir(raw):
            found: list[tuple[str, os.stat_result | None]] = []
            _walk(raw, found)
            found.sort(key=lambda item: item[0])
        else:
            found = [(raw, _stat(raw))]
        for path, info in found:
            if path not in seen:
                seen.add(path)
                files.append((path, info))
    return files


def _walk(folder: str, out: list[tuple[str, os.stat_result | None]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)  # never loop through a linked folder
        except OSError:
            continue
        if is_dir:
            _walk(entry.path, out)
        elif entry.name.endswith(SUFFIXES):
            try:
                info = entry.stat()
            except OSError:
                info = None
            out.append((entry.path, info if info is not None and stat.S_ISREG(info.st_mode) else None))


def read_text(path: str, max_size: int) -> str:
    """Read a regular file of at most ``max_size`` bytes as UTF-8 text.

    Raises :class:`~briefing.yamlread.YamlProblem` (located) for anything else:
    devices, FIFOs, oversize files, invalid UTF-8, UTF-16, NUL bytes.
    """
    from .yamlread import YamlProblem

    try:
        info = os.stat(path)
    except OSError as error:
        raise YamlProblem(f"cannot read: {error.strerror or error}", 0, 0) from None
    if not stat.S_ISREG(info.st_mode):
        raise YamlProblem("not a regular file (a device, FIFO or socket is never read)", 0, 0)
    if info.st_size > max_size:
        raise YamlProblem(
            f"file is {info.st_size:,} bytes, over the {max_size:,}-byte limit (see --max-file-size)", 0, 0
        )
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after stat, open must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(max_size + 1)
    except OSError as error:
        raise YamlProblem(f"cannot read: {error.strerror or error}", 0, 0) from None
    if len(data) > max_size:
        raise YamlProblem(f"file grew over the {max_size:,}-byte limit while being read", 0, 0)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem("file is UTF-16: briefings are UTF-8", 1, 1)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        raise YamlProblem("file holds NUL bytes: is it UTF-16 or binary? Briefings are UTF-8 text", line, column)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        raise YamlProblem(f"not valid UTF-8 (byte 0x{data[error.start]:02x})", line, column) from None
    return text.removeprefix("\ufeff")


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[line_start:offset].decode("utf-8", "replace")) + 1


def problem(
    shown: str, line: int, column: int, field: Iterable[str | int], message: str, severity: str = "error"
) -> Problem:
    """A :class:`Problem` whose field path and message are safe to print.

    Keys in the path and text quoted in parser messages come from the file.
    """
    return Problem(shown, line, column, neutralise_line(format_path(field)), neutralise_line(message), severity)


def load_file(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> FileResult:
    """Load every briefing of one file. Never raises: failures become problems."""
    # Parsing is imported on first use: a warm start from the cache never needs it.
    from .yamlread import YamlProblem

    shown = neutralise_line(path)
    try:
        text = read_text(path, max_size)
        return _load_text(text, path, shown)
    except YamlProblem as error:
        return FileResult(path, (), (problem(shown, error.line, error.column, error.path, error.message),))
    except RecursionError:
        return FileResult(path, (), (problem(shown, 1, 1, (), "too deeply nested to read"),))
    except Exception as error:  # noqa: BLE001 - the loader's error boundary: no file may crash the program
        return FileResult(path, (), (problem(shown, 1, 1, (), f"could not be read: {type(error).__name__}: {error}"),))


def _load_text(text: str, path: str, shown: str) -> FileResult:
    from .schema import build_briefing
    from .yamlread import YamlProblem, read_documents

    stem = os.path.splitext(os.path.basename(path))[0]
    briefings: list[Briefing] = []
    findings = []
    documents = 0
    try:
        for index, (doc, _line) in enumerate(read_documents(text)):
            if doc is None or (doc == "" and index > 0):
                continue  # an empty document, e.g. after a trailing `---`
            documents += 1
            default_id = stem if index == 0 else f"{stem}#{index + 1}"
            briefing, found = build_briefing(doc, index, default_id, shown)
            findings.extend(found)
            if briefing is not None:
                briefings.append(briefing)
    except YamlProblem as error:
        # Keep the documents before the broken one; report where it broke.
        problems = _located(text, shown, findings)
        problems.append(problem(shown, error.line, error.column, error.path, error.message))
        return FileResult(path, tuple(briefings), tuple(problems))
    problems = _located(text, shown, findings)
    if documents == 0:
        problems.append(problem(shown, 1, 1, (), "the file holds no briefing"))
    return FileResult(path, tuple(briefings), tuple(problems))


def _located(text: str, shown: str, findings: list) -> list[Problem]:
    if not findings:
        return []
    from .yamlread import locate

    targets = [(*path, "key") if at_key else path for path, _, _, at_key in findings]
    marks = locate(text, targets)
    problems: list[Problem] = []
    for target, (path, message, severity, _) in zip(targets, findings, strict=True):
        line, column = marks.get(target) or _nearest(marks, target) or (1, 1)
        problems.append(problem(shown, line, column, path[1:], message, severity))
    return problems


def _nearest(marks: dict, target: tuple) -> tuple[int, int] | None:
    """The position of the closest located ancestor, for a path that was not found."""
    for cut in range(len(target) - 1, 0, -1):
        if target[:cut] in marks:
            return marks[target[:cut]]
    return None


class CatalogResult(NamedTuple):
    """A catalog of every meeting under some paths, and every problem found."""

    catalog: Catalog
    problems: tuple[Problem, ...]
    files: int


OnFile = Callable[[int, int, CatalogBuilder, Sequence[Problem]], None]
OnAvailable = Callable[["CatalogResult"], None]


def _stat(path: str) -> os.stat_result | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def _fresh(meta: FileMeta, info: os.stat_result | None) -> bool:
    return info is not None and (meta.size, meta.mtime_ns) == (info.st_size, info.st_mtime_ns)


def _unchanged(known: tuple[tuple[str, int, int], ...], files: list[str], stats: list[os.stat_result | None]) -> bool:
    """Whether ``files`` are exactly the ``known`` (path, size, mtime) ones."""
    if len(known) != len(files) or not known:
        return False
    for (path, size, mtime), file, info in zip(known, files, stats, strict=True):
        if path != file or info is None or (size, mtime) != (info.st_size, info.st_mtime_ns):
            return False
    return True


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

    Files unchanged since the last run come from the cache; the others are
    parsed and the cache is rewritten. ``on_file(done, total, builder,
    problems)`` is called after each file and may raise :class:`LoadCancelled`
    to stop (nothing is cached then). Raises only those two. ``last`` is what
    :func:`cached_catalog` gave: returned as it is if nothing changed since.
    ``on_available(result)`` is called once every meeting is in the catalog:
    after parsing, before the word index of a large archive is built and the
    cache written (the catalog gains its index in place; the result is the same).
    """
    with paused():
        return _load_catalog(list(paths or default_paths()), max_size, use_cache, on_file, last, on_available)


def cached_catalog(
    paths: Sequence[str] | None = None, *, max_size: int = DEFAULT_MAX_FILE_SIZE
) -> CatalogResult | None:
    """The catalog as the cache last saw it, without checking a single file (None if there is none).

    The reader paints this at once, then confirms it with :func:`load_catalog`.
    """
    roots = list(paths or default_paths())
    where = cache_paths(roots)
    with paused():
        cached = read_index(where.index)
        if cached is None:
            return None
        return _from_index(cached, where, [m.path for m in cached.files], max_size)


def _reloader(files: list[str], max_size: int) -> Callable[[int], tuple[Briefing, ...]]:
    """Parses file ``number`` again (when its cached record turns out damaged)."""

    def reload(number: int) -> tuple[Briefing, ...]:
        return load_file(files[number], max_size).briefings

    return reload


def _from_index(cached: CacheIndex, where: CachePaths, files: list[str], max_size: int) -> CatalogResult:
    """The catalog straight from the index, already sorted: no file is read or parsed."""
    entries = EntryColumns.load(cached.entries)
    sources: list[Source_] = [RecordRef(where.records, m.offset, m.length, m.crc) for m in cached.files]
    count = len(entries)
    catalog = Catalog(
        entries, lambda: read_hays(where.hays, count), sources, _reloader(files, max_size), cached.vocabulary
    )
    if cached.postings is not None:
        from .postings import Postings  # large archives only

        catalog.postings = Postings.load(cached.postings)
    problems = tuple(Problem._make(fields) for meta in cached.files for fields in meta.problems)
    catalog.index_files = tuple((m.path, m.size, m.mtime_ns) for m in cached.files)
    return CatalogResult(catalog, problems, len(files))


def _load_catalog(
    roots: list[str],
    max_size: int,
    use_cache: bool,
    on_file: OnFile | None,
    last: CatalogResult | None,
    on_available: OnAvailable | None,
) -> CatalogResult:
    found_files = _discover(roots)
    files = [path for path, _ in found_files]
    stats = [info for _, info in found_files]
    where = cache_paths(roots)

    def unchanged(result: CatalogResult) -> CatalogResult:
        """Nothing to parse: say every file is done and every meeting available."""
        if on_file is not None:
            on_file(len(files), len(files), CatalogBuilder(), result.problems)
        if on_available is not None:
            on_available(result)
        return result

    if last is not None and _unchanged(last.catalog.index_files, files, stats):
        return unchanged(last)
    cached = read_index(where.index) if use_cache else None
    if cached is not None and [m.path for m in cached.files] == files and all(map(_fresh, cached.files, stats)):
        return unchanged(_from_index(cached, where, files, max_size))

    builder = CatalogBuilder()
    problems: list[Problem] = []
    kept: dict[int, FileMeta] = {}  # discover index -> what to write for it
    parsed_hays: list[str] = []
    previous = _cached_by_file(cached, where) if cached is not None else {}
    for number, file in enumerate(files):
        info = stats[number]
        old = previous.get(file)
        if old is not None and _fresh(old[0], info):
            meta, ref, entries, hays = old
            builder.add_cached(number, ref, entries, hays)
            found = [Problem._make(fields) for fields in meta.problems]
            kept[number] = meta
        else:
            result = load_file(file, max_size)
            _, hays = builder.add(number, result.briefings)
            parsed_hays += hays
            found = list(result.problems)
            # Files refused as a whole (size, type, unreadable) are checked afresh each time.
            if info is not None and all(p.line > 0 for p in found):
                kept[number] = FileMeta(file, info.st_size, info.st_mtime_ns, tuple(map(tuple, found)), 0, 0, 0)
        problems.extend(found)
        if on_file is not None:
            on_file(number + 1, len(files), builder, found)
    catalog = builder.build(_reloader(files, max_size))
    result = CatalogResult(catalog, tuple(problems), len(files))
    large = len(catalog) >= POSTINGS_MIN
    if not large:
        words = set(cached.vocabulary) if cached is not None else set()
        for hay in parsed_hays:
            words.update(hay.split())
        catalog.vocabulary = sorted(words)
    if on_available is not None:
        on_available(result)  # searchable already (by scanning); the word index follows
    if large:
        from .postings import Postings

        postings = Postings.build(catalog.hays)
        catalog.vocabulary = postings.vocabulary
        catalog.postings = postings
    if use_cache:
        _write(where, catalog, builder, kept)
    return result


def _cached_by_file(cached: CacheIndex, where: CachePaths) -> dict[str, tuple[FileMeta, RecordRef, list, list]]:
    """The cached entries and search text of each file, by path (empty if the text is damaged)."""
    entries = EntryColumns.load(cached.entries)
    hays = read_hays(where.hays, len(entries))
    if hays is None:
        return {}
    by_file: dict[int, tuple[list, list]] = {i: ([], []) for i in range(len(cached.files))}
    for entry, hay in zip(entries, hays, strict=True):
        file_entries, file_hays = by_file[entry.file]
        file_entries.append(entry)
        file_hays.append(hay)
    out = {}
    for number, meta in enumerate(cached.files):
        ref = RecordRef(where.records, meta.offset, meta.length, meta.crc)
        out[meta.path] = (meta, ref, *by_file[number])
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
                source = catalog.file_briefings(number)  # the old record is damaged: re-encode the file
        records.append(encode_briefings(source) if isinstance(source, tuple) else source)
    columns = EntryColumns.of(
        entry._replace(file=position[entry.file]) for entry in catalog.entries if entry.file in position
    )
    hays = tuple(hay for entry, hay in zip(catalog.entries, catalog.hays, strict=True) if entry.file in position)
    # Postings count rows of the whole catalog: valid only if every meeting is cached.
    complete = catalog.postings is not None and len(columns) == len(catalog)
    postings = catalog.postings.dump() if complete else None  # type: ignore[union-attr]
    index = CacheIndex(tuple(kept[n] for n in order), columns.dump(), tuple(catalog.vocabulary or ()), postings)
    write_cache(where, index, hays, records)


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
