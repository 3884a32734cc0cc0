"""A cache of rendered HTML finding blocks, kept in DuckDB (``report_fragments``).

Rendering 10,000 findings into the HTML report took most of a re-run's report stage, though a
re-run after a small edit changes few findings. Each block is stored under a key that hashes
everything it is rendered from: the finding as the report reads it (message, values, details,
evidence with its context), the path, length and presence of every document it names, and the
code and templates that render it. A changed input is a new key, so a block is either exactly
what rendering would give, or absent. The table keeps only the blocks of the latest report.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import orjson

from audit.report.bundle import Finding


@lru_cache(maxsize=1)
def renderer_version() -> str:
    """A hash of the code and templates that render a finding block."""
    h = hashlib.sha256()
    h.update(Path(__file__).with_name("html.py").read_bytes())
    h.update(resources.files("audit").joinpath("templates/finding.html.j2").read_bytes())
    return h.hexdigest()[:16]


def fragment_key(finding: Finding, docs: list[tuple]) -> str:
    """The cache key of one finding's block; ``docs``: what the block shows of the documents
    the finding names (see ``html._doc_facts``)."""
    try:
        blob = orjson.dumps([renderer_version(), finding, docs],
                            option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    except TypeError:  # e.g. an integer beyond 64 bits
        blob = json.dumps([renderer_version(), finding, docs], sort_keys=True,
                          default=str).encode()
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


class FragmentCache:
    """Blocks by key; ``writable=False`` (a read-only database) only reads."""

    def __init__(self, con, writable: bool = True):
        self.con, self.writable = con, writable

    def get(self, keys: list[str]) -> dict[str, str]:
        if not keys:
            return {}
        cur = self.con.cursor()  # the findings are being read on the main cursor
        try:
            return dict(cur.execute(
                "SELECT key, html FROM report_fragments "
                "WHERE key IN (SELECT unnest(?::VARCHAR[]))", [keys]).fetchall())
        finally:
            cur.close()

    def replace(self, keys: list[str], new: dict[str, str]) -> None:
        """Store ``new`` blocks and drop every block not in ``keys`` (this report's)."""
        if not self.writable:
            return
        from audit.store.db import transaction
        from audit.store.rows import insert_rows

        cur = self.con.cursor()
        try:
            with transaction(cur):
                insert_rows(cur, "report_fragments",
                            [{"key": k, "html": v} for k, v in new.items()])
                cur.execute("DELETE FROM report_fragments "
                            "WHERE key NOT IN (SELECT unnest(?::VARCHAR[]))", [keys])
        finally:
            cur.close()
