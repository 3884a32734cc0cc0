"""Ingest stage: find source files, read and zone them, and sync the corpus in the store.

The corpus after an ingest is exactly the documents read from the given sources: paths whose
bytes are unchanged keep their document; changed files get a new version; paths no longer
present leave the corpus (their documents stay, for history).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import json
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from audit.errors import InputError
from audit.escape import printable
from audit.ingest import collections
from audit.ingest.decode import decode_bytes
from audit.ingest.docx import read_docx
from audit.ingest.manifest import (
    MANIFEST_NAME,
    Manifest,
    ManifestCache,
    load_manifest,
    parse_loose_date,
)
from audit.ingest.paths import Resolver, relative
from audit.ingest.pdf import read_pdf
from audit.ingest.readers import MEDIA_TYPES, READERS, Parsed
from audit.ingest.zones import ZONER_VERSION, classify, merge_runs
from audit.model import Zone
from audit.progress import NO_PROGRESS, Bar
from audit.store import Store
from audit.store.rows import insert_rows
from audit.text import fold

# Formats whose bytes are not text: their readers decode and lay out the text themselves.
BYTE_READERS = {
    MEDIA_TYPES[".pdf"]: read_pdf,
    MEDIA_TYPES[".docx"]: read_docx,
}


@dataclass
class SourceFile:
    path: Path
    meta: dict = field(default_factory=dict)
    real: Path | None = None  # the resolved path, when discover() knows it
    manifest: str = ""  # the folder of the manifest that applies (relative to the root)
    manifest_digest: str = ""  # that manifest's digest ("" when there is none)


@dataclass
class Document:
    document_id: str
    sha256: str
    path: str
    title: str | None
    publisher: str | None
    url: str | None
    published: dt.date | None
    retrieved_at: dt.datetime | None
    media_type: str
    encoding: str
    bytes: int
    text: str
    zones: list[Zone]


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)       # new paths
    updated: list[str] = field(default_factory=list)     # paths whose content changed
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)     # paths that left the corpus
    relabelled: list[str] = field(default_factory=list)  # same bytes, new manifest metadata
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass(frozen=True)
class IngestOptions:
    """Settings of ``audit.toml`` that change what ingest accepts (README: Configuration)."""

    allow_empty: bool = False           # a corpus of no documents is not an error
    strict_encoding: bool = False       # invalid bytes in a UTF-8 file are an error
    allow_external_links: bool = False  # follow symbolic links out of the sources folder
    tables: dict[str, str] = field(default_factory=dict)  # [audit.tables] column mapping


def find_sources(sources: Iterable[Path], root: Path, options: IngestOptions = IngestOptions(),
                 manifests: ManifestCache | None = None) -> tuple[list[SourceFile], list[str]]:
    """Every source file with its manifest metadata, and warnings; raises :class:`InputError`
    for what must stop an ingest before it writes (no documents, a link out of the sources, a
    file name that is not UTF-8, a device file). ``manifests``: parsed manifests kept from
    the last time."""
    warnings: list[str] = []
    sources = list(sources)
    files = list(discover(sources, root, options.allow_external_links, warnings, manifests))
    if not files and not options.allow_empty:
        raise InputError("no documents to audit (an empty corpus would pass every check); "
                         "add documents, or set allow_empty = true in audit.toml "
                         "(--allow-empty) to accept it",
                         ", ".join(str(s) for s in sources) or "sources")
    return files, warnings


def discover(sources: Iterable[Path], root: Path, allow_external_links: bool = False,
             warnings: list[str] | None = None, manifests: ManifestCache | None = None
             ) -> Iterator[SourceFile]:
    """Yield source files in a stable order, with manifest metadata attached."""
    seen: set[Path] = set()
    real = Resolver()
    warnings = [] if warnings is None else warnings
    for src in sources:
        src = Path(src)
        _check_name(src)
        if not src.exists():
            raise InputError("source path does not exist", src)
        if src.is_file():
            folder = src.parent
            manifest = load_manifest(folder, root, real, manifests)
            files = [src]
        elif src.is_dir():
            folder = src
            manifest = load_manifest(folder, root, real, manifests)
            files = _walk(src, manifest, allow_external_links, warnings)
        else:
            raise InputError("not a regular file or folder (a device, pipe or socket?)", src)
        where = relative(real(folder), root.resolve())  # the same for each of its files
        for f in files:
            rf = real(f)
            if rf in seen:
                continue
            seen.add(rf)
            yield SourceFile(f, manifest.entries.get(rf, {}), rf, where, manifest.digest)


def _check_name(path: Path) -> None:
    """A file name must be text: the path is stored, shown and reported as UTF-8."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("file name is not valid UTF-8; rename the file",
                         printable(name)) from None


def _walk(folder: Path, manifest: Manifest, allow_external: bool, warnings: list[str]
          ) -> list[Path]:
    """The wanted files under ``folder``, by a loop over folders (no recursion).

    A symbolic link whose target is outside ``folder`` is refused unless ``allow_external``
    (then a linked folder is walked too, each real folder once, so a loop ends); a link that
    stays inside is skipped when it names a folder (its files are found where they are), and
    broken or looping links are skipped with a warning."""
    base = Path(os.path.realpath(folder))
    top = os.path.join(os.fspath(folder), "")  # every entry's path starts with it
    out: list[Path] = []
    visited = {base}
    todo = [folder]
    while todo:
        here = todo.pop()
        try:
            entries = list(os.scandir(here))
        except OSError as exc:
            raise InputError(f"cannot read folder: {exc.strerror}", here) from None
        for entry in entries:
            if not _wanted(entry.path, top, manifest):
                continue
            p = Path(entry.path)
            _check_name(p)
            if entry.is_symlink():
                if not os.path.exists(p):
                    warnings.append(f"{p}: broken or looping symbolic link, skipped")
                    continue
                target = Path(os.path.realpath(p))
                if not target.is_relative_to(base):
                    if not allow_external:
                        raise InputError(
                            f"symbolic link to {target}, outside the sources folder {folder}; "
                            "remove it, or set allow_external_links = true in audit.toml", p)
                    if target.is_dir() and target not in visited:
                        visited.add(target)
                        todo.append(p)
                    elif target.is_file():
                        out.append(p)
                    continue
                if target.is_file():
                    out.append(p)
                continue
            if entry.is_dir(follow_symlinks=False):
                todo.append(p)
            elif entry.is_file(follow_symlinks=False):
                out.append(p)
    return sorted(out)


def _wanted(path: str, top: str, manifest: Manifest) -> bool:
    """Whether the file or folder ``path`` (a path under ``top``, the walked folder with a
    trailing separator) is read: hidden and ``_`` names, the manifest and excluded names are
    not. Plain string work: it runs once per file of the corpus."""
    parts = path[len(top):].split(os.sep)
    name = parts[-1]
    if any(part.startswith((".", "_")) for part in parts) or name == MANIFEST_NAME:
        return False
    rel = "/".join(parts)
    return not any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(name, pat)
                   for pat in manifest.exclude)


def read_and_zone(text: str, media_type: str, meta: dict | None = None
                  ) -> tuple[Parsed, list[Zone]]:
    """Stored text and its zones for decoded ``text`` (pure; what the zoning benchmark runs).

    ``meta`` (from a manifest) overrides what the page says about itself, e.g. its title.
    """
    parsed = READERS[media_type](text)
    return parsed, zone(parsed, meta)


def zone(parsed: Parsed, meta: dict | None = None) -> list[Zone]:
    """Zones of a parsed document; ``meta`` (from a manifest) overrides its title."""
    title = (meta or {}).get("title") or parsed.meta.get("title")
    zones = merge_runs(classify(parsed.text, parsed.blocks, title, parsed.main))
    parsed.blocks = []
    return zones


def read_document(sf: SourceFile, root: Path, strict_encoding: bool = False
                  ) -> tuple[Document, list[str]]:
    """Read one file into a :class:`Document`; pure apart from reading the file."""
    path = sf.path
    warnings: list[str] = []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", path) from None
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    sha = hashlib.sha256(raw).hexdigest()
    size = len(raw)
    if media_type in BYTE_READERS:  # binary formats decode their own text
        parsed = BYTE_READERS[media_type](raw, path)
        encoding = "binary"
    else:
        text, encoding = decode_bytes(raw, path, strict_encoding, warnings)  # names images first
        if media_type is None:
            raise InputError(
                f"unsupported file type '{path.suffix or '(none)'}' (supported: "
                f"{', '.join(sorted(MEDIA_TYPES.keys() | collections.MEDIA_TYPES.keys()))}); "
                f"exclude it in {MANIFEST_NAME} [settings]",
                path)
        parsed = READERS[media_type](text)
        del text
    del raw
    zones = zone(parsed, sf.meta)
    meta = {**parsed.meta, **sf.meta}
    if not parsed.text.strip():
        warnings.append(f"{path}: empty document (no text to audit)")
    title = meta.get("title")
    if not title:
        title = next((parsed.text[z.start:z.end] for z in zones if z.kind == "title"), None)
    published = meta.get("date")
    if not isinstance(published, dt.date):
        published = parse_loose_date(published) or _byline_date(parsed.text, zones)
    retrieved = meta.get("retrieved")
    return Document(
        document_id="d" + sha[:16],
        sha256=sha,
        path=relative(sf.real or path.resolve(), root),
        title=(title or path.stem)[:300],
        publisher=meta.get("publisher"),
        url=meta.get("url"),
        published=published,
        retrieved_at=retrieved if isinstance(retrieved, dt.datetime) else None,
        media_type=media_type,
        encoding=encoding,
        bytes=size,
        text=parsed.text,
        zones=zones,
    ), warnings


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_BYLINE_DATE = re.compile(
    r"\b(?:(?P<mon>[A-Z][a-z]{2})[a-z]*\.? (?P<day>\d{1,2}),? (?P<year>\d{4})"
    r"|(?P<day2>\d{1,2}) (?P<mon2>[A-Z][a-z]{2})[a-z]* (?P<year2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))\b")


def _byline_date(text: str, zones: list[Zone]) -> dt.date | None:
    """A publication date from the byline, or the dateline that opens the article
    ("MARSK, 10 March 2023 - ..."), for files without metadata."""
    first_body = next((z for z in zones if z.kind == "body"), None)
    for z in zones:
        if z.kind == "byline":
            lo, hi = z.start, z.end
        elif z is first_body:
            lo, hi = z.start, min(z.end, z.start + 60)
        else:
            continue
        m = _BYLINE_DATE.search(text, lo, hi)
        if not m:
            continue
        if m["iso"]:
            return parse_loose_date(m["iso"])
        mon = _MONTHS.get((m["mon"] or m["mon2"]).lower())
        if mon is None:
            continue
        try:
            return dt.date(int(m["year"] or m["year2"]), mon, int(m["day"] or m["day2"]))
        except (TypeError, ValueError):
            continue
    return None


# Reading many files is spread over a process pool; below this many files it is not worth it.
POOL_MIN_FILES = 300
# Documents at least this long are written one by one (no copy through a DataFrame).
LARGE_DOC_CHARS = 2_000_000


_SLICE = 2_000


def read_collection(sf: SourceFile, root: Path,
                    tables: dict[str, str] | None = None) -> Iterator[tuple[Document, list[str]]]:
    """The documents of a feed or a table file: one per entry or row, path ``file#key``."""
    path = sf.path
    rel = relative(sf.real or path.resolve(), root)
    if path.suffix.lower() in collections.TABLE_TYPES:
        entries = collections.read_table(path, collections.TableMapping(**(tables or {})))
    else:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror}", path) from None
        entries = collections.read_feed(raw, path)
    file_meta = {k: v for k, v in sf.meta.items() if k != "title"}  # the file's, not an entry's
    for entry in entries:
        meta = {**entry.meta, **file_meta}
        parsed = entry.parsed
        zones = zone(parsed, meta)
        warnings = [] if parsed.text.strip() else [f"{rel}#{entry.key}: empty entry"]
        published = meta.get("date")
        if not isinstance(published, dt.date):
            published = parse_loose_date(published)
        title = meta.get("title") or next(
            (parsed.text[z.start:z.end] for z in zones if z.kind == "title"), None)
        yield Document(
            document_id="d" + entry.digest[:16],
            sha256=entry.digest,
            path=f"{rel}#{entry.key}",
            title=str(title or entry.key)[:300],
            publisher=meta.get("publisher"),
            url=meta.get("url"),
            published=published,
            retrieved_at=None,
            media_type=entry.media_type,
            encoding="utf-8",
            bytes=entry.size,
            text=parsed.text,
            zones=zones,
        ), warnings


def _read_job(job: tuple[SourceFile, Path, bool]) -> tuple[Document, list[str]]:
    return read_document(*job)


# A file whose bytes were hashed is vouched for by its metadata (size, modification time,
# inode) on later ingests, as git vouches for a clean file, unless it was modified this close
# to the moment it was hashed: a second change within the clock's tick would keep the metadata.
RACY_NS = 2_000_000_000
VOUCHED_KEY = "ingest_vouched"


def _unchanged(files: list[SourceFile], root: Path, current: dict[str, str],
               manifests: dict[str, str], vouched: dict[str, list] | None = None,
               ) -> tuple[dict[int, str], dict[str, list]]:
    """Files whose bytes still hash to the document their path holds, under a manifest that
    did not change since the last ingest (``manifests``: folder -> digest): index -> path;
    and the metadata that vouches for them next time (path -> [size, mtime_ns, inode,
    document]).

    Hashing is far cheaper than parsing, so an incremental run only parses what changed; a
    file whose metadata is what ``vouched`` recorded with the document its path still holds
    is not even read (the metadata is taken before the bytes are hashed, so a file changed
    meanwhile is never vouched for with its old document).
    """
    out = {}
    vouched = vouched or {}
    record: dict[str, list] = {}
    now = time.time_ns()
    for i, sf in enumerate(files):
        if manifests.get(sf.manifest, "") != sf.manifest_digest:
            continue  # read again: its metadata may have changed
        path = relative(sf.real or sf.path.resolve(), root)
        doc = current.get(path)
        if doc is None:
            continue
        try:
            st = os.stat(sf.path)
            meta = [st.st_size, st.st_mtime_ns, st.st_ino, doc]
            if vouched.get(path) == meta:
                out[i] = path
                record[path] = meta
                continue
            digest = hashlib.sha256(sf.path.read_bytes()).hexdigest()
        except OSError:
            continue  # read_document reports it properly
        if "d" + digest[:16] == doc:
            out[i] = path
            if st.st_mtime_ns < now - RACY_NS:
                record[path] = meta
    return out, record


def _stated(files: list[SourceFile], root: Path) -> dict[str, list]:
    """path -> [size, mtime_ns, inode] of the files (feeds and tables aside) last modified more
    than RACY_NS ago, for the documents read from them to be vouched for next time."""
    out: dict[str, list] = {}
    now = time.time_ns()
    for sf in files:
        if collections.is_collection(sf.path):
            continue
        try:
            st = os.stat(sf.path)
        except OSError:
            continue
        if st.st_mtime_ns < now - RACY_NS:
            out[relative(sf.real or sf.path.resolve(), root)] = [st.st_size, st.st_mtime_ns,
                                                                 st.st_ino]
    return out


def _read_all(files: list[SourceFile], root: Path, strict: bool = False,
              tables: dict[str, str] | None = None) -> Iterator[tuple[Document, list[str]]]:
    """Documents in file order; parsed in a process pool when there are many files. Feeds and
    tables (many documents per file) are read here, in this process, first."""
    for sf in files:
        if collections.is_collection(sf.path):
            yield from read_collection(sf, root, tables)
    files = [sf for sf in files if not collections.is_collection(sf.path)]
    env = os.environ.get("AUDIT_WORKERS")
    workers = int(env) if env else (os.cpu_count() or 1)
    if workers <= 1 or len(files) < POOL_MIN_FILES:
        for sf in files:
            yield read_document(sf, root, strict)
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from audit.workers import die_with_parent

    with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"),
                             initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        # submit a slice at a time: parsed documents must not pile up faster than they are
        # written
        for i in range(0, len(files), _SLICE):
            jobs = [(sf, root, strict) for sf in files[i:i + _SLICE]]
            yield from pool.map(_read_job, jobs, chunksize=32)


BATCH_DOCS = 1000  # new documents per committed batch


def ingest(store: Store, sources: Iterable[Path], root: Path, progress: Bar = NO_PROGRESS,
           options: IngestOptions = IngestOptions(),
           found: tuple[list[SourceFile], list[str]] | None = None) -> IngestResult:
    """Read ``sources`` into the store: all or nothing.

    New documents and their zones are committed in batches (DuckDB holds a transaction's
    appends in memory; one transaction for 100,000 documents needed 2 GB). They are
    content-addressed and belong to the corpus only once ``document_paths`` points at them,
    which happens in one final transaction; if reading fails, the batches already committed are
    deleted again, so a bad file leaves the database as it was. ``found``: what
    :func:`find_sources` returned, when the caller looked before opening the store.
    """
    root = root.resolve()
    files, found_warnings = found or find_sources(sources, root, options)
    result = IngestResult(warnings=list(found_warnings))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    con = store.con
    current = dict(con.execute("SELECT path, document_id FROM document_paths").fetchall())
    versions = dict(con.execute("SELECT path, max(version) FROM document_versions GROUP BY path")
                    .fetchall())
    known = {r[0] for r in con.execute("SELECT document_id FROM documents").fetchall()}
    # zoning changed since these documents were read: read every file again and replace the
    # zones of documents whose text is unchanged
    row = next(iter(con.execute(
        "SELECT value FROM meta WHERE key = 'zoner_version'").fetchall()), None)
    rezone = bool(known) and (row[0] if row else "1") != ZONER_VERSION
    stored_text = dict(con.execute("SELECT document_id, md5(text) FROM documents")
                       .fetchall()) if rezone else {}
    rezoned: list[tuple[str, list[dict]]] = []  # committed with each batch: harmless if the
    # ingest fails later (same text, newer zones), and the version is recorded only at the end
    seen_paths: set[str] = set()
    committed: list[str] = []  # new documents already committed by this ingest
    doc_rows: list[dict] = []
    zone_rows: list[dict] = []
    path_rows: list[dict] = []
    version_rows: list[dict] = []
    pending_chars = 0

    def flush() -> None:
        with store.transaction():
            insert_rows(con, "documents", doc_rows)
            insert_rows(con, "zones", zone_rows)
            _replace_zones(con, rezoned)
        rezoned.clear()
        committed.extend(r["document_id"] for r in doc_rows)
        doc_rows.clear()
        zone_rows.clear()

    try:
        manifests = {k.removeprefix("manifest:"): v for k, v in con.execute(
            "SELECT key, value FROM meta WHERE key LIKE 'manifest:%'").fetchall()}
        vouched: dict[str, list] = {}
        if not rezone:
            row = next(iter(con.execute("SELECT value FROM meta WHERE key = ?",
                                        [VOUCHED_KEY]).fetchall()), None)
            vouched = json.loads(row[0]) if row else {}
        same, vouch = ({}, {}) if rezone else _unchanged(files, root, current, manifests,
                                                         vouched)
        before = set(known)
        relabel: dict[str, dict] = {}
        for i in sorted(same):
            seen_paths.add(same[i])
            result.unchanged.append(same[i])
        changed = [sf for i, sf in enumerate(files) if i not in same]
        stated = _stated(changed, root)  # before the bytes are read: see _unchanged
        progress.start(len(changed))  # files: a feed or table counts once, for all its rows
        last_collection = ""
        for doc, warns in _read_all(changed, root, options.strict_encoding, options.tables):
            result.warnings.extend(warns)
            if doc.path in stated:
                vouch[doc.path] = stated[doc.path] + [doc.document_id]
            collection = doc.path.partition("#")[0] if "#" in doc.path else ""
            if not collection or collection != last_collection:
                progress.advance()
            last_collection = collection
            seen_paths.add(doc.path)
            if doc.document_id in known and rezone:
                if stored_text.get(doc.document_id) == hashlib.md5(doc.text.encode()).hexdigest():
                    rezoned.append((doc.document_id, _zone_rows(doc)))
                    pending_chars += len(doc.text)
                else:  # a reader change altered the text: the stored document stays as read
                    result.warnings.append(f"{doc.path}: read differently by this version; "
                                           "delete the database to re-read it")
            if doc.document_id in before:
                fresh = _metadata(doc)
                if _stored_metadata(con, doc.document_id) != fresh:
                    relabel[doc.document_id] = fresh
                    result.relabelled.append(doc.path)
            if doc.document_id not in known:
                known.add(doc.document_id)
                if len(doc.text) >= LARGE_DOC_CHARS:
                    with store.transaction():
                        _insert_document(con, doc, now)
                        insert_rows(con, "zones", _zone_rows(doc))
                    committed.append(doc.document_id)
                else:
                    doc_rows.append(_doc_row(doc, now))
                    zone_rows.extend(_zone_rows(doc))
                    pending_chars += len(doc.text)
            old = current.get(doc.path)
            if old == doc.document_id:
                result.unchanged.append(doc.path)
            else:
                version = versions.get(doc.path, 0) + 1
                path_rows.append({"path": doc.path, "document_id": doc.document_id,
                                  "version": version, "updated_at": now})
                version_rows.append({"path": doc.path, "version": version,
                                     "document_id": doc.document_id, "ingested_at": now})
                (result.updated if old else result.added).append(doc.path)
            if (len(doc_rows) + len(rezoned) >= BATCH_DOCS or pending_chars >= 20_000_000
                    or len(zone_rows) >= 50_000):
                flush()
                pending_chars = 0
        with store.transaction():  # the corpus switches to the new documents at once
            insert_rows(con, "documents", doc_rows)
            insert_rows(con, "zones", zone_rows)
            gone = sorted(set(current) - seen_paths)
            replaced = [r["path"] for r in path_rows] + gone
            if replaced:
                con.execute("DELETE FROM document_paths WHERE path IN "
                            "(SELECT unnest(?::VARCHAR[]))", [replaced])
            insert_rows(con, "document_paths", path_rows)
            insert_rows(con, "document_versions", version_rows)
            _replace_zones(con, rezoned)
            for doc_id, meta in relabel.items():
                con.execute(f"UPDATE documents SET {', '.join(f'{k} = ?' for k in meta)} "
                            "WHERE document_id = ?", [*meta.values(), doc_id])
            for key, digest in {sf.manifest: sf.manifest_digest for sf in files}.items():
                con.execute("DELETE FROM meta WHERE key = ?", [f"manifest:{key}"])
                if digest:
                    con.execute("INSERT INTO meta VALUES (?, ?)", [f"manifest:{key}", digest])
            con.execute("INSERT OR REPLACE INTO meta VALUES ('zoner_version', ?)",
                        [ZONER_VERSION])
            if vouch != vouched:
                con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                            [VOUCHED_KEY, json.dumps(vouch, sort_keys=True)])
            result.removed.extend(gone)
    except BaseException:
        if committed:
            with store.transaction():
                for table in ("zones", "documents"):
                    con.execute(f"DELETE FROM {table} WHERE document_id IN "
                                "(SELECT unnest(?::VARCHAR[]))", [committed])
        raise
    return result


_METADATA = ("title", "publisher", "url", "published", "retrieved_at")


def _metadata(doc: Document) -> dict:
    return {k: getattr(doc, k) for k in _METADATA}


def _stored_metadata(con, doc_id: str) -> dict:
    row = con.execute(f"SELECT {', '.join(_METADATA)} FROM documents WHERE document_id = ?",
                      [doc_id]).fetchone()
    return dict(zip(_METADATA, row, strict=True)) if row else {}


def _replace_zones(con, rezoned: list[tuple[str, list[dict]]]) -> None:
    """New zones for documents read again after a zoning change (same bytes, same text)."""
    if not rezoned:
        return
    ids = sorted({doc_id for doc_id, _ in rezoned})
    con.execute("DELETE FROM zones WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    seen: set[str] = set()
    rows = []
    for doc_id, zone_rows in rezoned:
        if doc_id not in seen:  # one document read from two paths
            seen.add(doc_id)
            rows.extend(zone_rows)
    insert_rows(con, "zones", rows)


def _zone_rows(doc: Document) -> list[dict]:
    return [{"document_id": doc.document_id, "seq": i, "kind": z.kind, "start_char": z.start,
             "end_char": z.end, "reason": z.reason} for i, z in enumerate(doc.zones)]


def _insert_document(con, doc: Document, now: dt.datetime) -> None:
    """One parameterised INSERT: DuckDB binds the text directly, with no frame in between
    (a 50 MB document is not copied into pandas and Arrow first)."""
    row = _doc_row(doc, now)
    con.execute(f"INSERT INTO documents ({', '.join(row)}) VALUES "
                f"({', '.join('?' for _ in row)})", list(row.values()))


def _doc_row(doc: Document, now: dt.datetime) -> dict:
    return {
        "document_id": doc.document_id, "sha256": doc.sha256, "path": doc.path,
        "title": doc.title, "publisher": doc.publisher, "url": doc.url,
        "published": doc.published, "retrieved_at": doc.retrieved_at,
        "media_type": doc.media_type, "encoding": doc.encoding, "bytes": doc.bytes,
        "chars": len(doc.text), "text": doc.text, "norm_text": fold(doc.text),
        "ingested_at": now,
    }
