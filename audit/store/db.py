"""Opening the database: migrations, the single-writer rule, and all-or-nothing writes."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb

from audit.errors import AuditError, DatabaseBusy
from audit.store.schema import MIGRATIONS, SCHEMA_VERSION


class Store:
    """A DuckDB connection with the audit schema at the current version."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool = False):
        self.con = con
        self.path = path
        self.read_only = read_only

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        from audit.interrupt import watching

        self._watch = watching(self.con)  # Ctrl-C interrupts a running query at once
        self._watch.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._watch.__exit__(*exc)
        finally:
            self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One command's writes: committed together or not at all (errors and Ctrl-C included)."""
        with transaction(self.con) as con:
            yield con

    def schema_version(self) -> int:
        return _version(self.con)

    def query(self, sql: str, params: list | tuple = ()) -> list[tuple]:
        return self.con.execute(sql, params).fetchall()


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Writes on ``con`` (a connection or a cursor) committed together or not at all."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _version(con: duckdb.DuckDBPyConnection) -> int:
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchall()[0][0]
    if not has_meta:
        return 0
    row = next(iter(con.execute(
        "SELECT value FROM meta WHERE key = 'schema_version'").fetchall()), None)
    return int(row[0]) if row else 0


def _config() -> dict[str, str | bool | int | float | list[str]]:
    """DuckDB caches freely up to most of the RAM; an audit caps it (spilling to disk beyond,
    in ``<database>.tmp`` beside the store) so that a large corpus stays within a predictable
    footprint. AUDIT_DB_MEMORY overrides. 512 MB: a whole ``audit run`` of 100,000 documents
    passes under it, its peak 3.6 -> 3.2 GB, the check stage slower by spilling
    (benchmarks/README.md, "Peak memory, third pass"); DuckDB's out-of-memory errors do not
    follow the cap monotonically (a query passed at 256 MB and failed at 384 MB to 768 MB), so
    another value is worth a run first."""
    return {"memory_limit": memory_cap()}


def memory_cap() -> str:
    """DuckDB's memory cap for an audit's store (see ``_config``)."""
    return os.environ.get("AUDIT_DB_MEMORY", "512MB")


def open_store(path: str | Path, read_only: bool = False) -> Store:
    """Open (creating if needed) and migrate the database at ``path``.

    A second writer gets :class:`DatabaseBusy`; a database from a newer tool is refused.
    """
    path = str(path)
    if path != ":memory:":
        p = Path(path)
        if read_only and not p.exists():
            raise AuditError("no audit database here yet; run 'audit ingest' or 'audit run' first",
                             path)
        p.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(path, read_only=read_only, config=_config())
    except duckdb.IOException as exc:
        msg = str(exc)
        if "lock" in msg.lower():
            raise DatabaseBusy("database is in use by another audit process; "
                               "wait for it to finish and try again", path) from None
        raise AuditError(f"cannot open database: {msg.splitlines()[0]}", path) from None
    except duckdb.Error as exc:
        raise AuditError(f"not an audit database: {str(exc).splitlines()[0]}", path) from None
    try:
        version = _version(con)
    except duckdb.Error as exc:
        con.close()
        raise AuditError(f"not an audit database: {str(exc).splitlines()[0]}", path) from None
    if version > SCHEMA_VERSION:
        con.close()
        raise AuditError(
            f"database schema version {version} is newer than this tool supports "
            f"({SCHEMA_VERSION}); upgrade claim-audit", path)
    if version < SCHEMA_VERSION:
        if read_only:
            con.close()
            con = duckdb.connect(path, config=_config())
        store = Store(con, path)
        with store.transaction():
            for n in range(version, SCHEMA_VERSION):
                con.execute(MIGRATIONS[n])
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )
        return store
    return Store(con, path, read_only)
