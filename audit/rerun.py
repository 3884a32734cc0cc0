"""Whole-run reuse: ``audit run`` with nothing changed is recorded, not recomputed.

A CI gate re-runs an unchanged corpus all day. Before anything is read, the run hashes what its
findings depend on: the tool's own code, the settings and options, every file under ``claims/``
and ``checks/``, the ``AUDIT_*`` environment, and each source file's metadata (path, size,
modification time in nanoseconds, inode: git's index does the same, and only what changed is then
hashed by ingest). The store's derived tables are digested too, so a store changed by another
command since (``audit extract``, a restored backup) is never taken for the one the last run saw;
that scan is skipped while the store file (and its write-ahead log) keeps the metadata it had
when the last run closed it (the "seal" beside it).

When both match the last run's, the previous run's findings are copied into a new run record
(same verdict, so the exit code is the same), and reports whose files are still the ones that run
wrote are left alone. ``--full`` always recomputes. Files modified within the same second as the
last run's snapshot are treated as changed ("racily clean" in git's terms).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import duckdb

from audit import __version__

META_KEY = "last_run"

# The tables every finding is computed from. Their content digest is cheap next to a check
# (one scan each, hashed in DuckDB) and catches any write between two runs.
DERIVED_TABLES = ("document_paths", "extractions", "claims", "claim_spans", "mentions",
                  "entities", "entity_mentions", "document_stories")

RACY_NS = 2_000_000_000  # modified this close to the snapshot: the stat cannot vouch for it


@functools.lru_cache(maxsize=1)
def code_signature() -> str:
    """A hash of the installed tool (every module and data file of the ``audit`` package)."""
    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).parent
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:24]


def _tree_digest(folder: Path | None) -> str:
    """Every file under a project folder (``claims/``, ``checks/``): names and bytes."""
    h = hashlib.sha256()
    if folder is not None and folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def file_stats(paths: Iterable[Path]) -> list[tuple[str, int, int, int]]:
    """(path, size, mtime_ns, inode) per file; a file that cannot be stated gets -1s, so it
    never matches and the normal run reports it properly."""
    out = []
    for p in paths:
        try:
            st = os.stat(p)
            out.append((str(p), st.st_size, st.st_mtime_ns, st.st_ino))
        except OSError:
            out.append((str(p), -1, -1, -1))
    return sorted(out)


def source_stats(sources: Iterable[Path]) -> list[tuple[str, int, int, int]]:
    """Every file under the source paths (manifests included), stated by one walk: no file is
    opened or parsed. A path that cannot be stated is recorded as such (the normal run then
    reports it). ``os.scandir`` hands over each entry's path and stat, so a folder of 10,000
    files costs one system call per file."""
    out: list[tuple[str, int, int, int]] = []
    seen: set[tuple[int, int]] = set()  # folders walked (device, inode): a link loop once
    for source in sources:
        top = str(source)
        if not os.path.isdir(top):
            out.extend(file_stats([Path(top)]))
            continue
        stack = [top]
        while stack:
            folder = stack.pop()
            try:
                st = os.stat(folder)
                if (st.st_dev, st.st_ino) in seen:
                    continue
                seen.add((st.st_dev, st.st_ino))
                entries = list(os.scandir(folder))
            except OSError:
                out.append((folder, -1, -1, -1))
                continue
            for entry in entries:
                try:
                    if entry.is_dir():
                        stack.append(entry.path)
                        continue
                    st = entry.stat()
                    out.append((entry.path, st.st_size, st.st_mtime_ns, st.st_ino))
                except OSError:
                    out.append((entry.path, -1, -1, -1))
    return sorted(out)


def run_key(config: object, claims_dir: Path | None, checks_dir: Path | None,
            sources: list[tuple[str, int, int, int]], options: dict) -> str:
    """What a run's findings and reports depend on besides the store's content."""
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith("AUDIT_"))
    blob = json.dumps([code_signature(), duckdb.__version__,
                       dataclasses.asdict(config) if dataclasses.is_dataclass(config) else config,  # type: ignore[arg-type]
                       _tree_digest(claims_dir), _tree_digest(checks_dir), env,
                       sources, options],
                      sort_keys=True, default=str)  # ASCII: a path may hold surrogates
    return hashlib.sha256(blob.encode()).hexdigest()


def store_digest(con: duckdb.DuckDBPyConnection) -> str:
    """A digest of the derived tables' rows (order-independent: counts and xor of row hashes)."""
    parts = []
    for table in DERIVED_TABLES:
        n, h = con.execute(f"SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM {table} t"
                           ).fetchall()[0]
        parts.append(f"{table}:{n}:{h}")
    return hashlib.sha256(";".join(parts).encode()).hexdigest()


def _racy(sources: list[tuple[str, int, int, int]], snapshot_ns: int) -> list[str]:
    """Files modified so close to the snapshot that their metadata cannot vouch for them."""
    return [path for path, _, mtime, _ in sources if mtime >= snapshot_ns - RACY_NS]


def _bytes_as_stored(con: duckdb.DuckDBPyConnection, paths: list[str], root: Path) -> bool:
    """Whether each file's bytes are those the store holds for its path (like git's racily
    clean entries: when the metadata cannot vouch, the content is compared). A file the store
    holds no single document for (a manifest, a feed) cannot be vouched for: False."""
    from audit.ingest.paths import relative

    root = root.resolve()
    for path in paths:
        rel = relative(Path(path).resolve(), root)
        held = con.execute("SELECT document_id FROM document_paths WHERE path = ?",
                           [rel]).fetchall()
        if len(held) != 1:
            return False
        try:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            return False
        if "d" + digest[:16] != held[0][0]:
            return False
    return True


def last_run(con: duckdb.DuckDBPyConnection) -> dict | None:
    rows = con.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchall()
    return json.loads(rows[0][0]) if rows else None


def remember(con: duckdb.DuckDBPyConnection, key: str, run_id: str, snapshot_ns: int,
             reports: Iterable[Path], digest: str | None = None) -> str:
    """Record what the run just finished saw, for the next run to compare with (``digest``:
    the store's, when the caller knows it is unchanged); returns the store's digest."""
    record = {"key": key, "store": digest or store_digest(con), "run_id": run_id,
              "snapshot_ns": snapshot_ns,
              "reports": file_stats(reports)}
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [META_KEY, json.dumps(record, sort_keys=True)])
    return str(record["store"])


# The store file's metadata right after the run that recorded it closed it. When the file (and
# its write-ahead log) still has exactly that metadata, nothing has written to it since, and the
# digest of its derived tables (a scan of every row) need not be computed again.
def _seal_path(db_path: str) -> Path:
    return Path(f"{db_path}.last-run")


def _db_stats(db_path: str) -> list:
    return [list(s[1:]) for s in file_stats([Path(db_path), Path(f"{db_path}.wal")])]


def seal(db_path: str, digest: str) -> None:
    """Called after the store is closed: its metadata vouches for ``digest`` until it changes.
    Best effort: a seal that cannot be written only costs the next run one digest."""
    try:
        _seal_path(db_path).write_text(json.dumps({"db": _db_stats(db_path), "store": digest}))
    except OSError:
        pass


def sealed_digest(db_path: str) -> str | None:
    """The digest the seal vouches for, if the store file is untouched since it was sealed."""
    try:
        record = json.loads(_seal_path(db_path).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("db") != _db_stats(db_path):
        return None
    return str(record.get("store"))


@dataclasses.dataclass
class Reuse:
    """The previous run to copy, and whether its reports are still on disk as it wrote them."""

    run_id: str
    reports_intact: bool
    reports: list[str]
    store: str  # the store's digest, unchanged since that run


def reusable(con: duckdb.DuckDBPyConnection, key: str,
             sources: list[tuple[str, int, int, int]], sealed: str | None = None,
             root: Path | None = None) -> Reuse | None:
    """The last run, if nothing it depended on changed since; else None (``sealed``: the
    store's digest as :func:`sealed_digest` vouched for it before the store was opened;
    ``root``: the project folder, against which the store records document paths)."""
    record = last_run(con)
    if not record or record.get("key") != key:
        return None
    racy = _racy(sources, int(record.get("snapshot_ns", 0)))
    if racy and (root is None or not _bytes_as_stored(con, racy, root)):
        return None
    exists = con.execute("SELECT count(*) FROM runs WHERE run_id = ?",
                         [record["run_id"]]).fetchall()[0][0]
    digest = sealed or store_digest(con)
    if not exists or digest != record.get("store"):
        return None
    recorded = [tuple(r) for r in record.get("reports", [])]
    paths = [r[0] for r in recorded]
    intact = bool(recorded) and file_stats(Path(p) for p in paths) == sorted(recorded)
    return Reuse(record["run_id"], intact, paths, digest)


def copy_run(con: duckdb.DuckDBPyConnection, prev: str) -> str:
    """Record a new run with ``prev``'s findings, evidence and story states; its id."""
    from audit.check.run import run_id_for

    seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM runs").fetchall()[0][0]
    doc_set = con.execute("SELECT document_set FROM runs WHERE run_id = ?",
                          [prev]).fetchall()[0][0]
    run_id = run_id_for(seq, doc_set)
    con.execute("""
        INSERT INTO runs (run_id, seq, started_at, tool_version, config_hash, document_set,
                          documents, fail_on, verdict, checks, stale_waivers, inputs)
        SELECT ?, ?, now()::TIMESTAMP, tool_version, config_hash, document_set, documents,
               fail_on, verdict, checks, stale_waivers, inputs
        FROM runs WHERE run_id = ?""", [run_id, seq, prev])
    for table in ("findings", "finding_evidence", "run_stories", "run_candidates"):
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position", [table]).fetchall()]
        rest = ", ".join(c for c in cols if c != "run_id")
        con.execute(f"INSERT INTO {table} (run_id, {rest}) SELECT ?, {rest} FROM {table} "
                    "WHERE run_id = ?", [run_id, prev])
    con.execute("DELETE FROM run_candidates WHERE run_id <> ?", [run_id])  # the latest only
    return run_id


def counts(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[Counter, Counter, int]:
    """Open findings by severity and by class, and the accepted count, of a stored run."""
    by_sev: Counter = Counter()
    by_cls: Counter = Counter()
    accepted = 0
    for sev, cls, acc, n in con.execute(
            "SELECT severity, class, accepted, count(*) FROM findings WHERE run_id = ? "
            "GROUP BY ALL", [run_id]).fetchall():
        if acc:
            accepted += n
        else:
            by_sev[sev] += n
            by_cls[cls] += n
    return by_sev, by_cls, accepted
