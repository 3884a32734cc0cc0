"""Fetching evidence rows for findings: a claim's spans with their document and position."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING

import duckdb

from audit.check.findings import Evidence

if TYPE_CHECKING:
    from audit.check.candidates import Candidate

# The columns of an evidence row: a claim's span, where it lies, and the claim's zone kind.
# ``rows`` of :meth:`EvidenceIndex.of_rows` are these, ordered by claim and span order (the
# Spark engine reads the same columns from its Parquet tables).
EVIDENCE_COLUMNS = ("claim_id", "role", "document_id", "start_char", "end_char", "exact",
                    "span_id", "value_text", "path", "line", "zone_kind")

CLAIMS_PER_QUERY = 50_000  # claims whose spans one query of ``EvidenceIndex`` fetches


class EvidenceIndex:
    """Spans of the given claims, fetched by one query per ``CLAIMS_PER_QUERY`` of them (only
    candidates' claims, so the cost follows the number of findings, not the corpus).

    ``wanted`` (claim id -> the role tuples :meth:`first` will be asked with for it): only
    the span each of those asks picks is kept, with its place and the claim's zone (the run's
    findings: a claim has 1.6 spans on average, each row ~0.9 KB of Python objects; at
    100,000 documents the index of one batch of findings held ~300 MB). Then only ``first``
    with those roles (another raises KeyError), ``zone`` and ``locate`` answer; ``spans``
    needs the whole index."""

    def __init__(self, con: duckdb.DuckDBPyConnection | None, claim_ids: set[str],
                 wanted: Mapping[str, Collection[tuple[str, ...] | None]] | None = None):
        self.by_claim: dict[str, list[tuple]] = defaultdict(list)
        self.where: dict[str, tuple[str, int]] = {}
        self.zone: dict[str, str] = {}  # claim id -> the zone kind it was read in
        self.wanted = wanted
        self.picked: dict[tuple[str, tuple[str, ...] | None], tuple] = {}
        if not claim_ids or con is None:
            return
        ids = sorted(claim_ids)
        # one query per range of claims: the query holds all its rows at once (a join's table
        # built on them, the sort, the result), 247 MiB for the 108,000 claims of a 30,000-
        # finding flush at 20,000 documents; in ranges of 50,000 claims 167 MiB, +0.3 s. Each
        # claim's rows stay together and in order, as ``_pick`` reads them.
        for lo in range(0, len(ids), CLAIMS_PER_QUERY):
            cur = con.execute("""
                SELECT cs.claim_id, cs.role, s.document_id, s.start_char, s.end_char, s.exact,
                       s.span_id, c.value_text, p.path, s.line, c.zone_kind
                FROM claim_spans cs
                JOIN spans s USING (span_id)
                JOIN claims c USING (claim_id)
                JOIN current_documents p ON p.document_id = s.document_id
                WHERE cs.claim_id IN (SELECT unnest(?::VARCHAR[]))
                ORDER BY cs.claim_id, cs.seq""", [ids[lo:lo + CLAIMS_PER_QUERY]])
            if wanted is None:
                self._add(cur.fetchall())
                continue
            while batch := cur.fetchmany(50_000):
                self._pick(batch)
            del cur
        if wanted is not None:
            self._pick([], last=True)
            self.wanted = {}  # only whether the index was pruned matters from here on

    @classmethod
    def of_rows(cls, rows: list[tuple],
                wanted: Mapping[str, Collection[tuple[str, ...] | None]] | None = None
                ) -> EvidenceIndex:
        """An index of rows already fetched (``EVIDENCE_COLUMNS``, in claim and span order)."""
        ev = cls(None, set(), wanted)
        if wanted is None:
            ev._add(rows)
        else:
            ev._pick(rows, last=True)
            ev.wanted = {}
        return ev

    def _add(self, rows: list[tuple]) -> None:
        for r in rows:
            self.by_claim[r[0]].append(r[1:8])
            self.where[r[6]] = (r[8], r[9])
            self.zone[r[0]] = r[10]

    _open: list[tuple] | None = None  # the rows of the claim being read (``_pick``)

    def _pick(self, rows: list[tuple], last: bool = False) -> None:
        """Keep, per claim, only the rows ``first`` returns for the wanted roles (rows come
        in claim order, a claim's rows possibly split over two batches). Repeated texts
        (roles, zone kinds, paths, document ids) are kept once."""
        assert self.wanted is not None
        same: dict[str, str] = {}
        opened = self._open or []
        for r in rows:
            if opened and opened[0][0] != r[0]:
                self._keep(opened, same)
                opened = []
            opened.append(r)
        if last:
            if opened:
                self._keep(opened, same)
            self._open = None
        else:
            self._open = opened

    def _keep(self, rows: list[tuple], same: dict[str, str]) -> None:
        """One claim's rows: the row ``first`` picks for each wanted roles tuple."""
        claim = rows[0][0]
        self.by_claim[claim] = [r[1:8] for r in rows]  # ``first`` reads the whole list once
        for roles in (self.wanted or {}).get(claim, ()):
            picked = self.first(claim, roles)
            if not picked:
                continue
            e = picked[0]
            span = e.span_id or ""
            path, line = next((x[8], x[9]) for x in rows if x[6] == span)
            self.picked[(claim, roles)] = (None, same.setdefault(e.document_id, e.document_id),
                                           e.start, e.end, e.exact, span, e.value)
            self.where[span] = (same.setdefault(path, path), line)
        self.zone[claim] = same.setdefault(rows[0][10], rows[0][10])
        del self.by_claim[claim]

    @staticmethod
    def wanted_by(cands: Iterable[Candidate]) -> dict[str, tuple[tuple[str, ...] | None, ...]]:
        """What ``Making.finding`` asks of the index for these candidates: per claim, the
        roles it is asked with, each once in the order first asked (a tuple, not a set: 48
        bytes for the one roles tuple most claims are asked with, against a set's 216; the
        108,000 claims of a 20,000-document flush held 25 MiB of sets)."""
        out: dict[str, tuple[tuple[str, ...] | None, ...]] = {}
        for c in cands:
            for v in c.values:
                for claim, roles in v["claims"]:
                    asked = out.get(claim)
                    if asked is None:
                        out[claim] = (roles,)
                    elif roles not in asked:
                        out[claim] = (*asked, roles)
        return out

    def locate(self, ev: Evidence) -> str:
        path, line = self.where.get(ev.span_id or "", ("?", 0))
        return f"{path.rsplit('/', 1)[-1]} line {line}"

    def spans(self, claim_id: str, roles: tuple[str, ...] | None = None,
              value: str | None = None) -> list[Evidence]:
        """The claim's spans with one of ``roles`` (all without); a role written ``name:k``
        selects only the k-th span of that role (0-based: one part of a quote in several
        parts), one written ``@span_id`` that span only (the words a mention was read from)."""
        out = []
        seen: dict[str, int] = defaultdict(int)
        for role, doc, start, end, exact, span_id, vtext in self.by_claim.get(claim_id, ()):
            k = seen[role]
            seen[role] += 1
            if roles and role not in roles and f"{role}:{k}" not in roles \
                    and f"@{span_id}" not in roles:
                continue
            out.append(Evidence(doc, start, end, exact, value if value is not None else vtext,
                                claim_id, span_id))
        return out

    def first(self, claim_id: str, roles: tuple[str, ...] | None = None,
              value: str | None = None) -> list[Evidence]:
        """The first of :meth:`spans` with ``roles``, else the claim's first span (a list of
        at most one; the spans after it are not looked at)."""
        if self.wanted is not None and claim_id not in self.by_claim:
            if claim_id not in self.zone:
                return []  # no span in the current corpus
            # a claim with spans has a pick for every roles tuple wanted: a miss was not wanted
            return [self._evidence(claim_id, self.picked[(claim_id, roles)], value)]
        rows = self.by_claim.get(claim_id, ())
        if roles:
            seen: dict[str, int] = defaultdict(int)
            for row in rows:
                role, span_id = row[0], row[5]
                k = seen[role]
                seen[role] += 1
                if role in roles or f"{role}:{k}" in roles or f"@{span_id}" in roles:
                    return [self._evidence(claim_id, row, value)]
        return [self._evidence(claim_id, rows[0], value)] if rows else []

    @staticmethod
    def _evidence(claim_id: str, row: tuple, value: str | None) -> Evidence:
        _role, doc, start, end, exact, span_id, vtext = row
        return Evidence(doc, start, end, exact, value if value is not None else vtext,
                        claim_id, span_id)
