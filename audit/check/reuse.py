"""Reusing the findings of unchanged corpus-scoped candidates.

Why: the corpus-scoped checks (name variants, quote drift, counts against lists, attribution,
reference facts) compare claims across stories, so their findings cannot be reused story by
story; after one document changed, each of their candidates was judged by the GX suite again
and turned into a finding again (evidence looked up, message written, confidence scored), most
of the checks' time on such a run. Yet a candidate is judged row by row: the suite's verdict on
it depends only on its own columns, and its finding only on the candidate and on the claims it
names (their spans, documents, paths and zones).

So each run records, per corpus-scoped candidate, a digest of the candidate itself (check, key,
judged columns, headline, values with their claims, details). The next run with the same inputs
(suite, facts, waivers, tool: ``inputs_signature``) copies the previous run's finding of a
candidate whose digest is unchanged and none of whose claims lies in a story that changed (what a
claim's evidence shows is covered by its story's state); every other candidate is judged as on a
first run. Suites whose verdicts are not row by row (``mostly``, or expectations that do not list
rejected rows) reuse nothing. ``--full`` reuses nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

import duckdb
import orjson

from audit.check.candidates import Candidate
from audit.check.findings import Finding
from audit.store.rows import insert_rows

# expectations that judge each row on its own and report the rows they reject
ROW_WISE = ("expect_column_values_", "expect_column_pair_values_", "expect_multicolumn_values_",
            "expect_select_column_values_", "expect_compound_columns_")


def row_wise(suite: dict) -> bool:
    """Whether every expectation of the suite judges each row on its own (no ``mostly``, no
    uniqueness across rows: ``expect_column_values_to_be_unique`` compares a row with the
    others of its chunk)."""
    for e in suite.get("expectations") or []:
        kwargs = e.get("kwargs") or {}
        kind = str(e.get("type", ""))
        if not kind.startswith(ROW_WISE) or kind.endswith("_unique"):
            return False
        if kwargs.get("mostly", 1) != 1:
            return False
    return True


def digest(c: Candidate) -> str:
    """What a candidate is and shows, hashed (claims included: their ids are content hashes)."""
    parts = [c.check, c.key, c.judged, c.headline, c.values, c.details]
    try:
        blob = orjson.dumps(parts, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    except TypeError:  # e.g. an integer beyond 64 bits
        blob = json.dumps(parts, sort_keys=True, default=str).encode()
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


def fingerprint(c: Candidate) -> str:
    """The fingerprint of the finding a candidate gives, if the suite rejects it."""
    return Finding(check=c.check, cls="", severity="", message="", key=c.key).fingerprint


class CandidateReuse:
    """Splits each corpus-scoped builder's candidates into those to judge and those whose
    previous finding (if any) is copied; ``save`` records this run's digests."""

    def __init__(self, con: duckdb.DuckDBPyConnection, prev_run: str | None,
                 changed_stories: list[str], enabled: bool):
        self.con = con
        self.prev: dict[str, str] = {}
        self.touched: set[str] = set()
        self.recorded: dict[str, str] = {}  # cid -> digest, this run
        self.copy: list[str] = []  # fingerprints of the previous run's findings to copy
        self.reused = 0
        self.enabled = enabled and prev_run is not None
        if not self.enabled:
            return
        self.prev = dict(con.execute("SELECT cid, digest FROM run_candidates WHERE run_id = ?",
                                     [prev_run]).fetchall())
        if not self.prev:
            self.enabled = False
            return
        # the claims of the changed stories (documents without a story are the story '')
        self.touched = {r[0] for r in con.execute("""
            SELECT c.claim_id FROM current_documents p JOIN claims c USING (document_id)
            LEFT JOIN document_stories ds USING (document_id)
            WHERE coalesce(ds.story_id, '') IN (SELECT unnest(?::VARCHAR[]))""",
                                                 [changed_stories]).fetchall()}

    def split(self, found: Iterable[Candidate]) -> list[Candidate]:
        """The candidates to judge; the others' findings are copied (``copy``)."""
        judge = []
        for c in found:
            d = self.recorded[c.cid] = digest(c)
            if self.enabled and self.prev.get(c.cid) == d and not any(
                    claim in self.touched for v in c.values for claim, _ in v["claims"]):
                self.copy.append(fingerprint(c))
                self.reused += 1
            else:
                judge.append(c)
        return judge

    def save(self, run_id: str) -> None:
        """Keep this run's digests only (inside the run's transaction)."""
        self.con.execute("DELETE FROM run_candidates")
        insert_rows(self.con, "run_candidates", [
            {"run_id": run_id, "cid": cid, "digest": d}
            for cid, d in sorted(self.recorded.items())])
