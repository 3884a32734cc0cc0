"""The report bundle: one run's findings with the documents they point into (a
``ReportBundle``, ``audit/report/bundle.py``).

The renderers in ``audit.report`` are pure functions of this dict; its shape is the findings
JSON contract (``schema_version``) plus each document's text, zones and claim spans for the
HTML document view.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import duckdb
import orjson

from audit import __version__
from audit.check.checks import classes
from audit.check.findings import SEVERITY_RANK_SQL, fails
from audit.report.bundle import Document, Evidence, Finding, ReportBundle, Summary
from audit.severity import SEVERITIES

SCHEMA_VERSION = "1.1"  # 1.1: each finding's confidence
CONTEXT = 80


def latest_run(con: duckdb.DuckDBPyConnection) -> str | None:
    row = next(iter(con.execute(
        "SELECT run_id FROM runs ORDER BY seq DESC LIMIT 1").fetchall()), None)
    return row[0] if row else None


def confidence_filter(min_confidence: float) -> str:
    """SQL over ``findings f``: findings at or above ``min_confidence`` (integrity findings and
    findings of runs that recorded no confidence always pass)."""
    if not min_confidence:
        return "TRUE"
    return (f"(f.class = 'integrity' OR coalesce(TRY_CAST(json_extract_string(f.details, "
            f"'$.confidence') AS DOUBLE), 1.0) >= {float(min_confidence)!r})")


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


class FindingStream:
    """A run's findings in report order (most severe first), streamed from DuckDB.

    Reports of a large corpus carry hundreds of thousands of findings with their evidence; held
    as Python dicts they need gigabytes. One query (on its own cursor, so other queries may run
    meanwhile) is fetched a page at a time, so a renderer that writes as it iterates stays in
    constant memory. Iterating again queries again; ``len()`` is one count query.
    """

    PAGE = 1000

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str,
                 min_confidence: float = 0.0, since: str | None = None,
                 severities: tuple[str, ...] | None = None):
        self.con, self.run_id = con, run_id
        self.shown = confidence_filter(min_confidence)
        if since is not None:  # only findings new since that run (the Python API)
            self.shown += (" AND f.finding_id NOT IN (SELECT finding_id FROM findings "
                           f"WHERE run_id = {_sql_str(since)})")
        if severities is not None:
            self.shown += (f" AND f.severity IN ({', '.join(map(_sql_str, severities))})"
                           if severities else " AND FALSE")
        self._len, self._accepted, self._first, self._last = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE accepted), min(seq), max(seq) "
            f"FROM findings f WHERE run_id = ? AND {self.shown}", [run_id]).fetchall()[0]
        self._keep = 0
        self._kept: list[Finding] | None = None

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len > 0

    def keep_first(self, n: int) -> None:
        """Keep the first ``n`` findings of the next full read, so that ``head(n, False)`` after
        it (the HTML after the JSON) needs no second query."""
        self._keep = n

    def __iter__(self) -> Iterator[Finding]:
        kept: list[Finding] = []
        for i, row in enumerate(self._query("TRUE", "f.seq", None)):
            if i < self._keep:
                kept.append(row)
            yield row
        if self._keep:
            self._kept = kept

    def head(self, n: int, open_only: bool = True) -> list[Finding]:
        """The ``n`` most severe findings (open ones only, by default), in report order."""
        # seq is report order (severity, class, id); with nothing accepted, head is its start
        if not open_only and not self._accepted and self._kept is not None \
                and n <= self._keep:
            return self._kept[:n]
        return list(self._query("NOT f.accepted" if open_only else "TRUE",
                                f"f.accepted, {SEVERITY_RANK_SQL}, f.seq", n))

    def keys(self, salt: str) -> list[tuple[str, str]]:
        """(finding id, key) in report order: the key hashes ``salt`` and everything a
        finding as read by ``__iter__`` shows (its row; per piece of evidence its row, the
        span's line and column, the document's current path, and the stored document its
        context and page are cut from: a document's text never changes under its id while
        its row stays, so its length, type and time of storing stand for it). Two of
        DuckDB's 64-bit hashes, over the columns in two orders (md5 of the same took three
        times as long).

        Keyed ``CHUNK`` seq values (places in report order) at a time, one query each, in
        seq order: the one query over every finding of a 100,000-document corpus (243,305
        findings; its joins of their 683,884 pieces of evidence did not spill) ran out of a
        512 MB DuckDB cap. Each range is sorted as the one query sorted it, so the keys and
        their order are the same."""
        out: list[tuple[str, str]] = []
        if self._first is None:
            return out
        cur = self.con.cursor()
        try:
            for lo in range(self._first, self._last + 1, self.CHUNK):
                out += self._keys_between(cur, salt, lo, lo + self.CHUNK)
        finally:
            cur.close()
        return out

    def _keys_between(self, cur: duckdb.DuckDBPyConnection, salt: str, lo: int, hi: int
                      ) -> list[tuple[str, str]]:
        """``keys`` of the findings whose seq is in [lo, hi), in report order."""
        return cur.execute(f"""
                WITH f AS (
                  SELECT * FROM findings f WHERE f.run_id = $1 AND {self.shown}
                    AND f.seq >= $3 AND f.seq < $4),
                ev AS (
                  SELECT fe.finding_id,
                         list(hash(fe.seq, fe.document_id, p.path, fe.start_char, fe.end_char,
                                   fe.span_id, s.line, s.col, fe.exact, fe.value, fe.claim_id,
                                   d.chars, d.media_type, d.ingested_at) ORDER BY fe.seq) AS ev
                  FROM finding_evidence fe
                  LEFT JOIN documents d ON d.document_id = fe.document_id
                  LEFT JOIN spans s ON s.span_id = fe.span_id
                  LEFT JOIN current_documents p ON p.document_id = fe.document_id
                  WHERE fe.run_id = $1 AND fe.finding_id IN (SELECT finding_id FROM f)
                  GROUP BY 1)
                SELECT f.finding_id,
                       hash($2, f.finding_id, f.check_name, f.class, f.severity, f.message,
                            f.accepted, f.waiver_reason, f.details, ev.ev)::VARCHAR || '-' ||
                       hash(ev.ev, f.details, f.message, f.waiver_reason, f.accepted,
                            f.severity, f.class, f.check_name, f.finding_id, $2)::VARCHAR
                FROM f LEFT JOIN ev USING (finding_id)
                ORDER BY f.seq, f.finding_id""", [self.run_id, salt, lo, hi]).fetchall()

    def select(self, ids: list[str]) -> Iterator[Finding]:
        """The findings of ``ids`` (of this stream), in report order."""
        if not ids:
            return iter(())
        if len(ids) > self.PAGE:  # a long IN list costs more than reading them all
            wanted = set(ids)
            return (f for f in self._query("TRUE", "f.seq", None) if f["id"] in wanted)
        where = f"f.finding_id IN ({', '.join(map(_sql_str, ids))})"
        return self._query(where, "f.seq", None)

    # Findings read (and keyed, ``keys``) per query when all of them are read in report order:
    # one query over a 100,000-document corpus's every finding and piece of evidence (their
    # context cut from the texts, sorted as a whole) ran DuckDB out of its memory cap. Keys by
    # ranges of 20,000 at 100,000 documents: ran under caps from 192 MB to 1 GB (10,000: from
    # 128 MB, twice the time; 50,000: failed under 128-256 MB)
    CHUNK = 20_000

    def _query(self, where: str, order: str, limit: int | None) -> Iterator[Finding]:
        if limit is not None or order != "f.seq":
            yield from (f for _, f in self._query_once(where, order, limit))
            return
        after = -1  # seq is each finding's place in report order (``check/run.py``)
        while True:
            read = 0
            page = self._query_once(f"({where}) AND f.seq > {after}", order, self.CHUNK)
            for seq, finding in page:
                read, after = read + 1, seq
                yield finding
            if read < self.CHUNK:
                return

    def _query_once(self, where: str, order: str, limit: int | None
                    ) -> Iterator[tuple[int, Finding]]:
        """(seq, finding) of the findings ``where`` selects, in ``order``, up to ``limit``."""
        cur = self.con.cursor()
        try:
            cur.execute(f"""
                WITH f AS (
                  SELECT * FROM findings f WHERE f.run_id = ? AND {where} AND {self.shown}
                  ORDER BY {order} {'LIMIT ' + str(int(limit)) if limit is not None else ''}),
                -- the context is cut first, materialised, so that no later join carries a
                -- document's whole text on each of its evidence rows (a 3 MB page with 400
                -- evidence rows ran DuckDB out of memory)
                ctx AS MATERIALIZED (
                  SELECT fe.finding_id, fe.seq,
                      substr(d.text, greatest(fe.start_char - {CONTEXT}, 0) + 1,
                             fe.start_char - greatest(fe.start_char - {CONTEXT}, 0)) AS before,
                      substr(d.text, fe.end_char + 1, {CONTEXT}) AS after,
                      -- a PDF's pages are split by form feeds (audit/ingest/pdf.py)
                      CASE WHEN d.media_type = 'application/pdf' THEN 1 + length(
                          substr(d.text, 1, fe.start_char)) - length(replace(
                          substr(d.text, 1, fe.start_char), chr(12), '')) END AS page
                  FROM finding_evidence fe
                  JOIN documents d ON d.document_id = fe.document_id
                  WHERE fe.run_id = ? AND fe.finding_id IN (SELECT finding_id FROM f)),
                -- flat rows, one per piece of evidence, grouped by finding below: building
                -- the lists in DuckDB (an aggregate of structs) and handing them to Python
                -- took most of a report's time
                ev AS (
                  SELECT fe.finding_id, fe.seq, fe.document_id, p.path, fe.start_char,
                         fe.end_char, s.line, ctx.page, s.col, fe.exact, fe.value, fe.claim_id,
                         ctx.before, ctx.after
                  FROM finding_evidence fe
                  JOIN f ON f.finding_id = fe.finding_id AND fe.run_id = f.run_id
                  JOIN ctx ON ctx.finding_id = fe.finding_id AND ctx.seq = fe.seq
                  LEFT JOIN spans s ON s.span_id = fe.span_id
                  LEFT JOIN current_documents p ON p.document_id = fe.document_id)
                SELECT f.finding_id, f.check_name, f.class, f.severity, f.message, f.accepted,
                       f.waiver_reason, f.details, ev.seq, ev.document_id, ev.path,
                       ev.start_char, ev.end_char, ev.line, ev.page, ev.col, ev.exact,
                       ev.value, ev.claim_id, ev.before, ev.after, f.seq
                FROM f LEFT JOIN ev USING (finding_id)
                ORDER BY {order}, f.finding_id, ev.seq""",
                        [self.run_id, self.run_id])

            def rows() -> Iterator[tuple]:
                while page := cur.fetchmany(self.PAGE):
                    yield from page

            for fid, group in itertools.groupby(rows(), key=lambda r: r[0]):
                first = next(group)
                _, check, cls, sev, msg, accepted, reason, details = first[:8]
                evidence: list[Evidence] = [
                    {"document_id": r[9], "path": r[10], "start": r[11], "end": r[12],
                     "line": r[13], "page": r[14], "column": r[15], "exact": r[16],
                     "value": r[17], "claim_id": r[18], "before": r[19], "after": r[20]}
                    for r in itertools.chain((first,), group) if r[8] is not None]
                try:
                    det = orjson.loads(details)
                except orjson.JSONDecodeError:  # e.g. an integer beyond 64 bits
                    det = json.loads(details)
                values = det.pop("values", [])
                conf = det.pop("confidence", None)  # runs before schema 1.1 have none
                yield first[21], {
                    "id": fid, "check": check, "class": cls, "severity": sev, "message": msg,
                    "accepted": accepted, "waiver_reason": reason, "confidence": conf,
                    "values": values, "details": det, "evidence": evidence}
        finally:
            cur.close()


def build_bundle(con: duckdb.DuckDBPyConnection, run_id: str, with_documents: bool = True,
                 checks: list[str] | None = None, stale_waivers: list[dict] | None = None,
                 min_confidence: float = 0.0) -> ReportBundle:
    """The report bundle; ``findings`` is a :class:`FindingStream`, so the connection must stay
    open while the reports are written."""
    rows = con.execute("SELECT run_id, started_at, tool_version, config_hash, fail_on, "
                       "verdict, checks, stale_waivers FROM runs WHERE run_id = ?",
                       [run_id]).fetchall()
    if not rows:
        raise ValueError(f"no run {run_id!r}")
    run = rows[0]
    # what the run recorded (runs written before schema v3 have neither)
    checks = checks or run[6]
    stale_waivers = stale_waivers if stale_waivers is not None else json.loads(run[7] or "[]")
    counts = con.execute(f"""
        SELECT class, severity, accepted, count(*) FROM findings f
        WHERE run_id = ? AND {confidence_filter(min_confidence)}
        GROUP BY ALL ORDER BY ALL""", [run_id]).fetchall()
    by_sev: Counter = Counter()
    by_class: Counter = Counter()
    for cls, sev, accepted, n in counts:
        if not accepted:
            by_sev[sev] += n
            by_class[cls] += n
    summary: Summary = {
        "total": sum(by_sev.values()),
        "by_severity": {s: by_sev.get(s, 0) for s in SEVERITIES},
        "by_class": dict(sorted(by_class.items())),
        "accepted": sum(n for _, _, accepted, n in counts if accepted),
        "failing": sum(int(n) for sev, n in by_sev.items() if fails(sev, str(run[4]))),
        "stale_waivers": stale_waivers or [],
        "checks": checks or sorted({r[0] for r in con.execute(
            "SELECT DISTINCT check_name FROM findings WHERE run_id = ?", [run_id]).fetchall()}),
    }
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "claim-audit", "version": __version__},
        "run": {"id": run[0], "started_at": run[1].isoformat(timespec="seconds") + "Z",
                "fail_on": run[4], "verdict": run[5], "config_hash": run[3]},
        "summary": summary,
        "documents": _documents(con, with_documents,
                                _evidence_docs(con, run_id) if with_documents else None),
        "findings": FindingStream(con, run_id, min_confidence),
        # the report's classes in order with their descriptions, from the check modules (the
        # renderers stay pure functions of the bundle; not part of the findings JSON)
        "classes": classes(),
    }


# The HTML document view carries every document's text for a small corpus; for a large one,
# only the first documents that findings point into, most severe findings first (a report of
# 100,000 articles would neither open nor fit in memory).
ALL_TEXT_UP_TO = 50
MAX_TEXT_DOCS = 300


def _evidence_docs(con: duckdb.DuckDBPyConnection, run_id: str) -> list[str]:
    """The first documents that findings point into: open before accepted, most severe first,
    then in report order."""
    return [r[0] for r in con.execute(f"""
        SELECT fe.document_id,
               min([f.accepted::INT, {SEVERITY_RANK_SQL}, f.seq, fe.seq]) AS rank
        FROM findings f JOIN finding_evidence fe USING (run_id, finding_id)
        WHERE f.run_id = ? GROUP BY 1 ORDER BY rank LIMIT ?""",
                                      [run_id, MAX_TEXT_DOCS]).fetchall()]


def _documents(con: duckdb.DuckDBPyConnection, with_text: bool,
               evidence_docs: list[str] | None = None) -> list[Document]:
    docs = con.execute("""
        SELECT d.document_id, p.path, d.title, d.publisher, d.url, d.published, d.chars
        FROM documents d JOIN current_documents p USING (document_id)
        ORDER BY 2""").fetchall()
    keep = [r[0] for r in docs] if len(docs) <= ALL_TEXT_UP_TO else \
        sorted(evidence_docs or ())
    texts: dict[str, str] = {}
    zones: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    claims: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    if with_text and keep:
        con.execute("CREATE OR REPLACE TEMP TABLE _keep AS "
                    "SELECT unnest(?::VARCHAR[]) AS document_id", [keep])
        texts = dict(con.execute("SELECT document_id, text FROM documents "
                                 "JOIN _keep USING (document_id)").fetchall())
        for doc, kind, s, e in con.execute(
                "SELECT document_id, kind, start_char, end_char FROM zones "
                "JOIN _keep USING (document_id) ORDER BY document_id, seq").fetchall():
            zones[doc].append({"kind": kind, "start": s, "end": e})
        for doc, cid, kind, label, spans in con.execute("""
                SELECT c.document_id, c.claim_id, c.kind, c.value_text,
                       list({'start': s.start_char, 'end': s.end_char, 'role': cs.role}
                            ORDER BY cs.seq)
                FROM claims c JOIN _keep USING (document_id)
                JOIN claim_spans cs USING (claim_id) JOIN spans s USING (span_id)
                GROUP BY c.document_id, c.claim_id, c.kind, c.value_text, c.seq
                ORDER BY c.document_id, c.seq""").fetchall():
            claims[doc].append({"id": cid, "kind": kind, "label": f"{kind}: {label}",
                                "spans": spans})
    out = []
    for doc, path, title, publisher, url, published, chars in docs:
        d: Document = {"id": doc, "path": path, "title": title, "publisher": publisher, "url": url,
             "published": published.isoformat() if published else None, "chars": chars}
        if doc in texts:
            d["text"], d["zones"], d["claims"] = texts[doc], zones[doc], claims[doc]
        out.append(d)
    return out
