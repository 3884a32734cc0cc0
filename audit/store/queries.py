"""The read queries of the Python API (and so of the CLI): documents, claims, spans, runs and
findings as stored. Plain SQL over a DuckDB connection returning rows; the API turns them into
typed objects and the CLI only formats those. The current corpus is the ``current_documents``
view (schema migration 8).
"""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection


def document_count(con: Con) -> int:
    """Source paths in the corpus now (0: an empty corpus)."""
    return int(con.execute("SELECT count(*) FROM document_paths").fetchall()[0][0])


def documents(con: Con) -> list[tuple]:
    """Per source path: id, path, title, publisher, date, chars, version and its zone counts
    ('body:12 title:1'), in path order."""
    return con.execute("""
        SELECT d.document_id, p.path, d.title, d.publisher, d.published, d.chars,
               p.version, string_agg(z.kind || ':' || z.n, ' ' ORDER BY z.kind)
        FROM document_paths p JOIN documents d USING (document_id)
        LEFT JOIN (SELECT document_id, kind, count(*) AS n FROM zones
                   GROUP BY ALL) z USING (document_id)
        GROUP BY ALL ORDER BY p.path""").fetchall()


def claims(con: Con, document: str | None = None, kind: str | None = None,
           include_all: bool = False) -> list[tuple]:
    """Claims of the current corpus with the line of their first span, in path and document
    order: id, path, line, kind, predicate, subject, value_text, qualifiers (JSON), value
    (JSON), zone, compared, extractor, extractor version. ``document``: an id, a path or a
    file name; ``include_all``: also claims read in boilerplate and bylines."""
    where: list[str] = []
    params: list[str] = []
    if document:
        where.append("(c.document_id = ? OR p.path = ? OR p.path LIKE ?)")
        params += [document, document, f"%/{document}"]
    if kind:
        where.append("c.kind = ?")
        params.append(kind)
    if not include_all:
        where.append("c.compared")
    return con.execute(f"""
        SELECT c.claim_id, p.path, s.line, c.kind, c.predicate, c.subject, c.value_text,
               c.qualifiers, c.value, c.zone_kind, c.compared, c.extractor,
               c.extractor_version
        FROM claims c
        JOIN current_documents p USING (document_id)
        JOIN claim_spans cs ON cs.claim_id = c.claim_id AND cs.seq = 0
        JOIN spans s USING (span_id)
        WHERE {' AND '.join(where) or 'TRUE'} ORDER BY p.path, c.seq""", params).fetchall()


def claim(con: Con, claim_id: str) -> tuple | None:
    """One claim with its document's text and first path: kind, predicate, subject,
    value_text, qualifiers, zone, compared, extractor, version, text, path, value."""
    rows = con.execute("""
        SELECT c.kind, c.predicate, c.subject, c.value_text, c.qualifiers, c.zone_kind,
               c.compared, c.extractor, c.extractor_version, d.text, d.path, c.value
        FROM claims c JOIN documents d USING (document_id)
        WHERE c.claim_id = ?""", [claim_id]).fetchall()
    return rows[0] if rows else None


def claim_spans(con: Con, claim_id: str) -> list[tuple]:
    """A claim's spans in order: role, start, end, exact, line, col."""
    return con.execute("""
        SELECT cs.role, s.start_char, s.end_char, s.exact, s.line, s.col
        FROM claim_spans cs JOIN spans s USING (span_id)
        WHERE cs.claim_id = ? ORDER BY cs.seq""", [claim_id]).fetchall()


def runs(con: Con) -> list[str]:
    """Check run ids, newest first."""
    return [r[0] for r in con.execute("SELECT run_id FROM runs ORDER BY seq DESC").fetchall()]


def run_exists(con: Con, run_id: str) -> bool:
    return bool(con.execute("SELECT 1 FROM runs WHERE run_id = ?", [run_id]).fetchall())


def finding_rows(con: Con, run_id: str, since: str | None = None,
                 min_confidence: float = 0.0) -> list[tuple]:
    """A run's findings in report order, without evidence: id, check, class, severity,
    message, accepted, waiver reason, details (JSON). ``since``: only those whose
    fingerprint the run ``since`` did not have."""
    from audit.check.export import confidence_filter

    return con.execute(f"""
        SELECT finding_id, check_name, class, severity, message, accepted, waiver_reason,
               details
        FROM findings f
        WHERE run_id = ? AND {confidence_filter(min_confidence)}
          AND (? IS NULL OR finding_id NOT IN
               (SELECT finding_id FROM findings WHERE run_id = ?))
        ORDER BY seq""", [run_id, since, since]).fetchall()


def finding_label(con: Con, run_id: str, fingerprint: str) -> tuple[str, str] | None:
    """The class and message of one finding of a run."""
    rows = con.execute("SELECT class, message FROM findings WHERE run_id = ? AND "
                       "finding_id = ?", [run_id, fingerprint]).fetchall()
    return (rows[0][0], rows[0][1]) if rows else None
