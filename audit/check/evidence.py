"""Fetching evidence rows for findings: a claim's spans with their document and position."""

from __future__ import annotations

from collections import defaultdict

import duckdb

from audit.check.findings import Evidence

# The columns of an evidence row: a claim's span, where it lies, and the claim's zone kind.
# ``rows`` of :meth:`EvidenceIndex.of_rows` are these, ordered by claim and span order (the
# Spark engine reads the same columns from its Parquet tables).
EVIDENCE_COLUMNS = ("claim_id", "role", "document_id", "start_char", "end_char", "exact",
                    "span_id", "value_text", "path", "line", "zone_kind")


class EvidenceIndex:
    """Spans of the given claims, fetched in one query (only candidates' claims, so the cost
    follows the number of findings, not the corpus)."""

    def __init__(self, con: duckdb.DuckDBPyConnection | None, claim_ids: set[str]):
        self.by_claim: dict[str, list[tuple]] = defaultdict(list)
        self.where: dict[str, tuple[str, int]] = {}
        self.zone: dict[str, str] = {}  # claim id -> the zone kind it was read in
        if not claim_ids or con is None:
            return
        self._add(con.execute("""
            SELECT cs.claim_id, cs.role, s.document_id, s.start_char, s.end_char, s.exact,
                   s.span_id, c.value_text, p.path, s.line, c.zone_kind
            FROM claim_spans cs
            JOIN spans s USING (span_id)
            JOIN claims c USING (claim_id)
            JOIN current_documents p ON p.document_id = s.document_id
            WHERE cs.claim_id IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY cs.claim_id, cs.seq""", [sorted(claim_ids)]).fetchall())

    @classmethod
    def of_rows(cls, rows: list[tuple]) -> EvidenceIndex:
        """An index of rows already fetched (``EVIDENCE_COLUMNS``, in claim and span order)."""
        ev = cls(None, set())
        ev._add(rows)
        return ev

    def _add(self, rows: list[tuple]) -> None:
        for r in rows:
            self.by_claim[r[0]].append(r[1:8])
            self.where[r[6]] = (r[8], r[9])
            self.zone[r[0]] = r[10]

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
