"""The findings JSON written as a patch of the last one (``report_json``).

A re-run after a small edit changes a few findings of 10,000s, yet reading every finding back
with its evidence and context and encoding it again was most of the report stage (25,000
findings, 70 MB: ~3 s). So each finding's encoded text is stored under a key computed in
DuckDB from everything the text shows: the finding's row, and per piece of evidence its row,
the span's line and column, the document's current path, and the stored document it cuts its
context from (id, length, media type and when it was stored: a document's text never changes
under its id while its row stays). The store remembers, for the last file it wrote at a path,
where each finding's text lies and the file's size, modification time and inode. The next
file at that path copies the text of every finding whose key is unchanged from the old file
(if the file is still the one written) and reads and encodes only the others; the bytes are
the same as a full rewrite (tests compare both).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import orjson


@lru_cache(maxsize=1)
def item_version() -> str:
    """A hash of the code that reads and encodes a finding (part of every key)."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    for path in (here / "jsonstream.py", here / "json_out.py",
                 here.parent / "check" / "export.py"):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


class JsonItems:
    """Where each finding's text lies in the last findings JSON written at a path;
    ``writable=False`` (a read-only database) only reads."""

    def __init__(self, con: duckdb.DuckDBPyConnection, writable: bool = True):
        self.con, self.writable = con, writable
        self.copied = self.encoded = 0  # findings of the files written so far
        self._written: dict[str, tuple[str, dict[str, list[int]]]] = {}

    @staticmethod
    def _name(path: Path) -> str:
        return os.path.abspath(path)

    def previous(self, path: Path, layout: str) -> tuple[BinaryIO, dict[str, list[int]]] | None:
        """The file at ``path``, open for reading (the caller closes it), and its index (key ->
        [start, length]), if the file is still the one this store last wrote there with the
        same ``layout``. Open, not read: at 100,000 documents it is 680 MB, and its findings
        are copied one at a time (``os.pread``)."""
        cur = self.con.cursor()
        try:
            rows = cur.execute("SELECT size, mtime_ns, inode, layout, items FROM report_json "
                               "WHERE path = ?", [self._name(path)]).fetchall()
        except duckdb.Error:  # a store written before schema 12 (read only: not migrated)
            return None
        finally:
            cur.close()
        if not rows:
            return None
        size, mtime_ns, inode, was, items = rows[0]
        try:
            fh = open(path, "rb")  # noqa: SIM115 - handed to the caller, who closes it
        except OSError:
            return None
        st = os.fstat(fh.fileno())
        if (st.st_size, st.st_mtime_ns, st.st_ino, layout) != (size, mtime_ns, inode, was):
            fh.close()
            return None
        return fh, orjson.loads(items)

    def wrote(self, path: Path, layout: str, index: dict[str, list[int]]) -> None:
        """The new file for ``path`` (still a temp file) holds the findings at ``index``;
        recorded once it replaces the report (:meth:`replaced`)."""
        self._written[self._name(path)] = (layout, index)

    def replaced(self, path: Path) -> None:
        """The new file is now the report at ``path``: remember where its findings lie."""
        got = self._written.pop(self._name(path), None)
        if got is None or not self.writable:
            return
        layout, index = got
        st = os.stat(path)
        from audit.store.db import transaction

        name = self._name(path)
        cur = self.con.cursor()
        try:
            with transaction(cur):
                cur.execute("DELETE FROM report_json WHERE path = ?", [name])
                cur.execute("INSERT INTO report_json VALUES (?, ?, ?, ?, ?, ?)",
                            [name, st.st_size, st.st_mtime_ns, st.st_ino, layout,
                             orjson.dumps(index).decode()])
        finally:
            cur.close()

    def forget(self) -> None:
        """The new files were not put in place: nothing to remember."""
        self._written.clear()


def patchable(findings: Any, fh: Any, items: JsonItems | None) -> bool:
    """Whether the findings can be written as a patch: a stream read from the store, into a
    binary-backed file."""
    return items is not None and hasattr(findings, "keys") and hasattr(fh, "buffer")
