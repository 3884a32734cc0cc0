"""Time ``audit check`` (``audit.check.run.run_checks``) on synthetic claim sets of growing size,
and compare with Great Expectations validating the full claims table as a pandas frame.

    python benchmarks/bench_check.py                       # 10k, 100k, 1M claims
    python benchmarks/bench_check.py --sizes 10000 100000 --unscoped

The database is built directly in DuckDB: ``audit.store.open_store`` creates the schema, then
documents, spans, claims, claim_spans, mentions, entities and entity_mentions are bulk-inserted
with SQL over ``range()`` (no extraction runs). Each document carries 20 claims of every kind
(amount, count, dated event with weekday, three role-holders, a funder list and a narrower one,
two quotes, place, topics, alias, and claims in boilerplate and bylines); every span's text is
really at its offsets, so the integrity suite passes. Four documents form one event; one event
in ten carries each kind of discrepancy (amount and count conflict, wrong weekday, misspelt and
case-variant name, dropped funder, reworded quote), so candidates and findings grow with size.

By default documents are grouped into stories (``document_stories``, one per event, as the
resolve stage does for a mixed corpus); ``--unscoped`` leaves them out, so every event's claims
share keys (what an unsplit multi-event corpus looks like to the checks).

Printed per size: build time, ``run_checks`` wall time with a breakdown (integrity, each
candidate builder, the GX judgement, evidence, storing the run), the number of candidates and
findings, and the growth exponent between sizes (t ~ n^k). Then the same sizes with a GX suite of
a few column expectations run over the *whole* claims table as one pandas DataFrame (the
approach the candidate design avoids), including the time to read the table into pandas.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import gc
import json
import logging
import math
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CLAIMS_PER_DOC = 20
SEG = 40  # every span's text sits alone in a 40-character line of its document

# (span slot k, claim slot, role, member index)
LAYOUT = [
    (0, 0, "value", 0), (1, 1, "value", 0), (2, 2, "weekday", 0), (3, 2, "value", 0),
    (4, 3, "person", 0), (5, 3, "title", 0), (6, 4, "person", 0), (7, 4, "title", 0),
    (8, 5, "person", 0), (9, 5, "title", 0),
    (10, 6, "org", 0), (11, 6, "org", 1), (12, 6, "org", 2), (13, 6, "org", 3), (14, 6, "org", 4),
    (15, 7, "quote", 0), (16, 7, "speaker", 0), (17, 8, "quote", 0), (18, 8, "speaker", 0),
    (19, 9, "place", 0), (20, 10, "item", 0), (21, 11, "value", 0), (22, 12, "value", 0),
    (23, 13, "value", 0), (24, 14, "person", 0), (25, 14, "title", 0), (26, 15, "value", 0),
    (27, 16, "value", 0), (28, 17, "value", 0), (29, 18, "org", 0),
    (30, 19, "scope", 0), (31, 19, "org", 0), (32, 19, "org", 1),
]

# Facts per document: d = document, e = event (4 documents), j = position in the event. One
# event in ten gets each discrepancy in one of its documents.
FACTS_SQL = """
CREATE OR REPLACE TEMP TABLE g_facts AS
SELECT d, e, j, printf('d%016x', d) AS document_id, printf('d%016x', e * 4) AS story_id,
       printf('e%06d/d%07d.txt', e, d) AS path,
       20 + (e * 37) % 400 + CASE WHEN e % 10 = 1 AND j = 1 THEN 7 ELSE 0 END AS amt_m,
       3 + e % 12 + CASE WHEN e % 10 = 2 AND j = 2 THEN 1 ELSE 0 END AS cnt,
       DATE '2023-01-01' + CAST(e % 900 AS INTEGER) AS dt,
       CASE WHEN e % 10 = 3 AND j = 3 THEN 1 ELSE 0 END AS wd_shift,
       CASE WHEN e % 10 = 4 AND j = 1 THEN 'Anna Vor' ELSE 'Anna Var' END || e AS official,
       'Anna Var' || e AS official_canon,
       e % 10 = 5 AND j = 2 AS case_err,
       e % 10 = 6 AND j = 3 AS drop_err,
       CASE WHEN e % 10 = 7 AND j = 2 THEN 'we back f' || e || ' studies together'
            ELSE 'we fund f' || e || ' research together' END AS quote
FROM (SELECT range AS d, range // 4 AS e, range % 4 AS j FROM range(?))
"""

SPAN_EXACT = """CASE l.k
  WHEN 0 THEN '$' || f.amt_m || ' million'
  WHEN 1 THEN CAST(f.cnt AS VARCHAR)
  WHEN 2 THEN dayname(f.dt + f.wd_shift)
  WHEN 3 THEN strftime(f.dt, '%B %-d, %Y')
  WHEN 4 THEN f.official WHEN 5 THEN 'Minister of Industry'
  WHEN 6 THEN 'Erik Holm' || f.e WHEN 7 THEN 'President'
  WHEN 8 THEN 'Maya Kest' || f.e WHEN 9 THEN 'Director'
  WHEN 15 THEN f.quote WHEN 16 THEN f.official
  WHEN 17 THEN 'our students gain from f' || f.e WHEN 18 THEN 'Erik Holm' || f.e
  WHEN 19 THEN 'Rotterdam' WHEN 20 THEN 'robotics'
  WHEN 21 THEN '$' || ((f.d * 13) % 90 + 1) || ' million'
  WHEN 22 THEN CAST(f.d % 17 + 2 AS VARCHAR)
  WHEN 23 THEN 'March 3, 2023'
  WHEN 24 THEN 'Lena Marwick' || f.d WHEN 25 THEN 'CEO'
  WHEN 26 THEN '$' || (1000 + f.d) || ' thousand'
  WHEN 27 THEN CAST(100 + f.d % 50 AS VARCHAR)
  WHEN 28 THEN strftime(f.dt + 1, '%B %-d, %Y')
  WHEN 29 THEN 'KIT' || f.e
  WHEN 30 THEN 'Uni' || f.e
  ELSE CASE WHEN l.m = 0 AND f.case_err THEN 'org' || f.e || 'x0'
            ELSE 'Org' || f.e || 'x' || l.m END
END"""

# (slot, kind, predicate, subject, zone_kind, compared, value JSON, value_text, value_num)
# The frame every amount and count carries (audit/claimvalues.py): no measure word, no holder,
# about the event, and a bound of the value itself (exact), so the values keep their contract.
_FIGURE = ("'measure', NULL, 'holder', json_object('gives', []::VARCHAR[], 'gets', []::VARCHAR[], "
           "'distributive', false, 'total', false), 'frame', 'event', 'bound', [{v}, {v}]")


def _money(amount: str) -> str:
    return (f"json_object('amount', {amount}, 'currency', 'USD', 'approx', 'exact', "
            f"{_FIGURE.format(v=amount)})")


def _count(n: str) -> str:
    return f"json_object('n', {n}, {_FIGURE.format(v=n)})"


def _person(name: str, title: str) -> str:
    return (f"json_object('name', {name}, 'title', '{title}', 'org', NULL, "
            f"'tokens', string_split({name}, ' '))")


CLAIM_SQL = f"""CASE s.slot
  WHEN 0 THEN {_money("f.amt_m * 1e6")}
  WHEN 1 THEN {_count("f.cnt")}
  WHEN 2 THEN json_object('iso', strftime(f.dt, '%Y-%m-%d'), 'precision', 'day',
                          'year', year(f.dt), 'year_inferred', false,
                          'weekday', dayname(f.dt + f.wd_shift), 'weekday_ok', f.wd_shift = 0)
  WHEN 3 THEN {_person("f.official", "Minister of Industry")}
  WHEN 4 THEN {_person("('Erik Holm' || f.e)", "President")}
  WHEN 5 THEN {_person("('Maya Kest' || f.e)", "Director")}
  WHEN 6 THEN json_object('members', CASE WHEN f.drop_err
                THEN ['Org' || f.e || 'x0', 'Org' || f.e || 'x1', 'Org' || f.e || 'x2',
                      'Org' || f.e || 'x3']
                ELSE ['Org' || f.e || 'x0', 'Org' || f.e || 'x1', 'Org' || f.e || 'x2',
                      'Org' || f.e || 'x3', 'Org' || f.e || 'x4'] END,
              'others', NULL, 'complete', true)
  WHEN 7 THEN json_object('text', f.quote, 'speaker', f.official)
  WHEN 8 THEN json_object('text', 'our students gain from f' || f.e, 'speaker', 'Erik Holm' || f.e)
  WHEN 9 THEN json_object('name', 'Rotterdam', 'city', 'Rotterdam', 'region', NULL)
  WHEN 10 THEN json_object('items', ['robotics'])
  WHEN 11 THEN {_money("((f.d * 13) % 90 + 1) * 1e6")}
  WHEN 12 THEN {_count("(f.d % 17 + 2)")}
  WHEN 13 THEN json_object('iso', '2023-03-03', 'precision', 'day', 'year', 2023,
                           'year_inferred', false, 'weekday', NULL, 'weekday_ok', NULL)
  WHEN 14 THEN {_person("('Lena Marwick' || f.d)", "CEO")}
  WHEN 15 THEN {_money("(1000 + f.d) * 1e3")}
  WHEN 16 THEN {_count("(100 + f.d % 50)")}
  WHEN 17 THEN json_object('iso', strftime(f.dt + 1, '%Y-%m-%d'), 'precision', 'day',
                           'year', year(f.dt), 'year_inferred', false, 'weekday', NULL,
                           'weekday_ok', NULL)
  WHEN 18 THEN json_object('alias', 'KIT' || f.e, 'name', 'Kelmoor Institute ' || f.e)
  ELSE json_object('members', ['Org' || f.e || 'x0', 'Org' || f.e || 'x1'], 'others', NULL,
                   'complete', true)
END"""

VALUE_NUM_SQL = """CASE s.slot WHEN 0 THEN f.amt_m * 1e6 WHEN 1 THEN f.cnt
  WHEN 11 THEN ((f.d * 13) % 90 + 1) * 1e6 WHEN 12 THEN f.d % 17 + 2
  WHEN 15 THEN (1000 + f.d) * 1e3 WHEN 16 THEN 100 + f.d % 50 ELSE NULL END"""

SUBJECT_SQL = """CASE s.slot WHEN 4 THEN 'president|uni' || f.e WHEN 5 THEN 'director|uni' || f.e
  WHEN 7 THEN lower(f.official) WHEN 8 THEN lower('Erik Holm' || f.e)
  WHEN 15 THEN 'revenue q' || f.j WHEN 16 THEN 'new jobs q' || f.j
  WHEN 18 THEN 'Kelmoor Institute ' || f.e WHEN 19 THEN 'Uni' || f.e ELSE s.subject END"""

SLOTS = [  # slot, kind, predicate, subject, zone_kind, compared
    (0, "money", "amount", "funding", "body", True),
    (1, "count", "count", "regional companies", "body", True),
    (2, "date", "date", "signing", "body", True),
    (3, "person", "role_holder", "minister of industry|", "body", True),
    (4, "person", "role_holder", "", "body", True),
    (5, "person", "role_holder", "", "body", True),
    (6, "org_list", "funder", "programme", "body", True),
    (7, "quote", "quote", "", "quote", True),
    (8, "quote", "quote", "", "body", True),
    (9, "place", "place", "rotterdam", "body", True),
    (10, "topic_list", "topics", "research", "body", True),
    (11, "money", "amount", "amount", "boilerplate", False),
    (12, "count", "count", "japanese companies", "boilerplate", False),
    (13, "date", "date", "fair", "boilerplate", False),
    (14, "person", "role_holder", "ceo|", "boilerplate", False),
    (15, "money", "amount", "revenue", "body", True),
    (16, "count", "count", "new jobs", "body", True),
    (17, "date", "date", "date", "byline", False),
    (18, "alias", "alias", "", "body", True),
    (19, "org_list", "funder", "", "body", True),
]


def _values(rows: list[tuple]) -> str:
    def lit(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        return "'" + str(v).replace("'", "''") + "'"

    return ", ".join("(" + ", ".join(lit(v) for v in r) + ")" for r in rows)


def _columns(con, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position", [table]).fetchall()]


def _insert(con, table: str, select_sql: str, now: dt.datetime | None = None) -> None:
    """INSERT the SELECT's columns (by name) into ``table``; fail loudly if the schema now has
    a required column this benchmark does not know."""
    cols = _columns(con, table)
    if now is not None:
        select_sql = select_sql.replace("{NOW}", f"TIMESTAMP '{now.isoformat(sep=' ')}'")
    con.execute(f"CREATE OR REPLACE TEMP VIEW g_ins AS {select_sql}")
    have = _columns(con, "g_ins")
    missing = [c for c in cols if c not in have]
    if missing:
        nullable = {r[0]: r[1] for r in con.execute(
            "SELECT column_name, is_nullable FROM information_schema.columns "
            "WHERE table_name = ?", [table]).fetchall()}
        required = [c for c in missing if nullable.get(c) == "NO"]
        if required:
            raise SystemExit(f"bench_check: table {table} has new required column(s) "
                             f"{required}; update benchmarks/bench_check.py")
    use = [c for c in cols if c in have]
    con.execute(f"INSERT INTO {table} ({', '.join(use)}) SELECT {', '.join(use)} FROM g_ins")


def build(path: Path, n_claims: int, stories: bool) -> dict:
    """A database with ``n_claims`` synthetic claims (rounded to whole documents)."""
    from audit.store import open_store

    n_docs = max(4, n_claims // CLAIMS_PER_DOC)
    t0 = time.perf_counter()
    store = open_store(path)
    con = store.con
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    con.execute(FACTS_SQL, [n_docs])
    con.execute("CREATE OR REPLACE TEMP TABLE g_layout (k INTEGER, slot INTEGER, role VARCHAR, "
                "m INTEGER)")
    con.execute(f"INSERT INTO g_layout VALUES {_values(LAYOUT)}")
    con.execute("CREATE OR REPLACE TEMP TABLE g_slots (slot INTEGER, kind VARCHAR, "
                "predicate VARCHAR, subject VARCHAR, zone_kind VARCHAR, compared BOOLEAN)")
    con.execute(f"INSERT INTO g_slots VALUES {_values(SLOTS)}")
    # span texts, then each document's text: span k on line k+1, padded to SEG-1 characters
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE g_spans AS
        SELECT f.*, l.k, l.slot, l.role, l.m, {SPAN_EXACT} AS exact,
               printf('s%016x', f.d * 64 + l.k) AS span_id,
               printf('c%016x', f.d * {CLAIMS_PER_DOC} + l.slot) AS claim_id
        FROM g_facts f CROSS JOIN g_layout l""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE g_text AS
        SELECT document_id, string_agg(rpad(exact, {SEG - 1}, ' ') || chr(10), '' ORDER BY k)
               AS text
        FROM g_spans GROUP BY document_id""")
    with store.transaction():
        _insert(con, "documents", """
            SELECT f.document_id, md5(f.document_id) || md5(f.path) AS sha256, f.path,
                   'Event ' || f.e AS title, 'Synthetic' AS publisher, NULL AS url,
                   f.dt + 1 AS published, NULL AS retrieved_at, 'text/plain' AS media_type,
                   'utf-8' AS encoding, length(t.text) AS bytes, length(t.text) AS chars,
                   t.text, t.text AS norm_text, {NOW} AS ingested_at
            FROM g_facts f JOIN g_text t USING (document_id)""", now)
        _insert(con, "document_paths", "SELECT path, document_id, 1 AS version, "
                "{NOW} AS updated_at FROM g_facts", now)
        _insert(con, "document_versions", "SELECT path, 1 AS version, document_id, "
                "{NOW} AS ingested_at FROM g_facts", now)
        _insert(con, "zones", """SELECT document_id, 0 AS seq, 'body' AS kind, 0 AS start_char,
                length(text) AS end_char, 'article text' AS reason FROM g_text""")
        _insert(con, "extractions", "SELECT document_id, 'synthetic' AS signature, "
                "{NOW} AS extracted_at FROM g_facts", now)
        _insert(con, "spans", f"""
            SELECT s.span_id, s.document_id, s.k * {SEG} AS start_char,
                   s.k * {SEG} + length(s.exact) AS end_char, s.exact,
                   substr(t.text, greatest(s.k * {SEG} - 32, 0) + 1,
                          s.k * {SEG} - greatest(s.k * {SEG} - 32, 0)) AS prefix,
                   substr(t.text, s.k * {SEG} + length(s.exact) + 1, 32) AS suffix,
                   s.k + 1 AS line, 1 AS col
            FROM g_spans s JOIN g_text t USING (document_id)""")
        keep = "NOT (s.slot = 6 AND s.m = 4 AND s.drop_err)"
        _insert(con, "claim_spans", f"""
            SELECT claim_id, span_id, role,
                   CAST(row_number() OVER (PARTITION BY claim_id ORDER BY k) - 1 AS INTEGER)
                   AS seq
            FROM g_spans s WHERE {keep}""")
        _insert(con, "claims", f"""
            SELECT printf('c%016x', f.d * {CLAIMS_PER_DOC} + s.slot) AS claim_id, f.document_id,
                   s.slot AS seq, s.kind, s.predicate, {SUBJECT_SQL} AS subject,
                   CASE WHEN s.slot = 19 THEN json_object('scope', 'Uni' || f.e)
                        WHEN s.slot = 6 THEN json_object('scope', 'programme')
                        ELSE '{{}}' END AS qualifiers,
                   {CLAIM_SQL} AS value, CAST({CLAIM_SQL} AS VARCHAR) AS value_text,
                   {VALUE_NUM_SQL} AS value_num, s.zone_kind, s.compared,
                   'synthetic' AS extractor, '1' AS extractor_version
            FROM g_facts f CROSS JOIN g_slots s""")
        # entity mentions: person, org, place and speaker spans; the canonical spelling is the
        # uncorrupted one (as resolve would choose: most frequent)
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE g_mentions AS
            SELECT 'm' || substr(s.span_id, 2) AS mention_id, s.document_id, s.claim_id,
                   s.span_id, CASE s.role WHEN 'speaker' THEN 'person' ELSE s.role END AS etype,
                   s.exact AS surface, '' AS norm,
                   CASE WHEN s.role = 'person' AND s.slot IN (3, 4, 5, 14)
                        THEN CASE s.slot WHEN 3 THEN 'minister of industry|'
                                         WHEN 4 THEN 'president|uni' || s.e
                                         WHEN 5 THEN 'director|uni' || s.e ELSE 'ceo|' END
                        ELSE '' END AS role_key,
                   sl.compared,
                   CASE WHEN s.exact = s.official THEN s.official_canon
                        WHEN s.case_err AND s.exact = 'org' || s.e || 'x0'
                        THEN 'Org' || s.e || 'x0' ELSE s.exact END AS canon
            FROM g_spans s JOIN g_slots sl USING (slot)
            WHERE s.role IN ('person', 'org', 'place', 'speaker') AND {keep}""")
        _insert(con, "mentions", "SELECT * FROM g_mentions")
        _insert(con, "entities", """
            SELECT 'e' || substr(md5(etype || ':' || canon), 1, 16) AS entity_id, etype,
                   canon AS canonical, count(*) AS mentions, count(DISTINCT surface) AS variants
            FROM g_mentions WHERE compared GROUP BY etype, canon""")
        _insert(con, "entity_mentions", """
            SELECT mention_id, 'e' || substr(md5(etype || ':' || canon), 1, 16) AS entity_id,
                   surface AS variant,
                   CASE WHEN surface = canon THEN 'same'
                        WHEN lower(surface) = lower(canon) THEN 'case' ELSE 'spelling' END
                   AS variant_kind
            FROM g_mentions WHERE compared""")
        if stories and "document_stories" in {r[0] for r in con.execute(
                "SELECT table_name FROM information_schema.tables").fetchall()}:
            _insert(con, "document_stories", "SELECT document_id, story_id FROM g_facts")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("documents", "claims", "spans", "claim_spans", "mentions", "entities")}
    for t in ("g_facts", "g_spans", "g_text", "g_mentions", "g_layout", "g_slots"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    con.execute("DROP VIEW IF EXISTS g_ins")
    con.execute("CHECKPOINT")
    counts["build_seconds"] = time.perf_counter() - t0
    store.close()
    return counts


@contextlib.contextmanager
def breakdown(times: dict[str, float], counts: dict[str, int]):
    """Time the parts of run_checks by wrapping what it calls (restored afterwards)."""
    import audit.check.checks as checks
    import audit.check.evidence as evidence
    import audit.check.integrity as integrity
    import audit.check.run as run
    import audit.check.stored as stored
    import audit.check.suite as suite

    saved = []

    def wrap(owner, name, label, count=None):
        fn = getattr(owner, name)
        saved.append((owner, name, fn))
        if isinstance(fn, type):  # a class: time its construction, keep its other methods
            class Timed(fn):  # type: ignore[misc, valid-type]
                def __init__(self, *a, **kw):
                    t0 = time.perf_counter()
                    super().__init__(*a, **kw)
                    times[label] = times.get(label, 0.0) + time.perf_counter() - t0

            setattr(owner, name, Timed)
            return

        def timed(*a, **kw):
            t0 = time.perf_counter()
            out = fn(*a, **kw)
            times[label] = times.get(label, 0.0) + time.perf_counter() - t0
            if count:
                counts[label] = counts.get(label, 0) + count(out)
            return out

        setattr(owner, name, timed)

    wrap(integrity, "run_integrity", "integrity", len)
    # with a worker judge (run_checks uses one on a large corpus) this is the time spent
    # waiting for its judgements, the rest of its work overlapping candidate building
    wrap(suite.Judge, "receive", "gx judge (candidates)", len)
    wrap(evidence, "EvidenceIndex", "evidence")  # run.py imports it when judging
    wrap(run._Sink, "add", "store findings")
    wrap(run._Sink, "finish", "number findings + store run")
    wrap(stored.StoredChecks, "write", "stored findings (SQL)")
    build = stored.StoredChecks.build
    saved.append((stored.StoredChecks, "build", build))

    def timed_build(self, check, inputs):
        t0 = time.perf_counter()
        found = build(self, check, inputs)
        times[f"candidates: {check.name}"] = time.perf_counter() - t0
        counts[f"candidates: {check.name}"] = len(found)
        return found

    stored.StoredChecks.build = timed_build  # type: ignore[method-assign]

    def timed_builders():
        out = []
        for check in checks.builders():
            def timed(con, inputs, fn=check.candidates, name=check.name):
                t0 = time.perf_counter()
                found = fn(con, inputs)
                times[f"candidates: {name}"] = time.perf_counter() - t0
                counts[f"candidates: {name}"] = len(found)
                return found
            out.append(dataclasses.replace(check, candidates=timed))
        return out

    saved.append((run, "builders", run.builders))
    run.builders = timed_builders
    try:
        yield
    finally:
        for owner, name, fn in saved:
            setattr(owner, name, fn)


def time_check(path: Path) -> dict:
    from audit.check.run import run_checks
    from audit.store import open_store

    times: dict[str, float] = {}
    counts: dict[str, int] = {}
    with open_store(path) as store, breakdown(times, counts):
        gc.collect()
        t0, c0, m0 = time.perf_counter(), _cpu(), time.thread_time()
        result = run_checks(store, None, None, "never")
        wall = time.perf_counter() - t0
        cpu, main_cpu = _cpu() - c0, time.thread_time() - m0
    return {"seconds": wall, "cpu_seconds": cpu, "main_thread_cpu_seconds": main_cpu,
            "parts": times, "counts": counts,
            "findings": result.total + result.accepted,
            "by_severity": dict(result.by_severity), "by_class": dict(result.by_class)}


def _cpu() -> float:
    """CPU seconds of this process so far (every thread: DuckDB's too; not the judge worker)."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def findings_digest(path: Path) -> dict[str, tuple[int, str]]:
    """Row count and SHA-256 (first 16 hex digits) of every findings row and every evidence
    row of the database's runs, without the run id, in a fixed order: equal digests before and
    after a change mean byte-identical findings, details, seq and evidence."""
    import hashlib

    import duckdb

    queries = {
        "findings": "SELECT finding_id, seq, check_name, class, severity, message, accepted, "
                    "waiver_reason, CAST(details AS VARCHAR) FROM findings ORDER BY finding_id",
        "evidence": "SELECT finding_id, seq, document_id, claim_id, span_id, start_char, "
                    "end_char, exact, value FROM finding_evidence ORDER BY finding_id, seq",
    }
    out = {}
    con = duckdb.connect(str(path), read_only=True)
    try:
        for name, sql in queries.items():
            h, n = hashlib.sha256(), 0
            cur = con.execute(sql)
            while rows := cur.fetchmany(50_000):
                for r in rows:
                    h.update(repr(r).encode())
                n += len(rows)
            out[name] = (n, h.hexdigest()[:16])
    finally:
        con.close()
    return out


GX_EXPECTATIONS = [
    ("ExpectColumnValuesToNotBeNull", {"column": "claim_id"}),
    ("ExpectColumnValuesToBeUnique", {"column": "claim_id"}),
    ("ExpectColumnValuesToBeInSet", {"column": "kind", "value_set": [
        "money", "count", "date", "person", "org_list", "place", "quote", "topic_list",
        "alias"]}),
    ("ExpectColumnValuesToBeInSet", {"column": "zone_kind", "value_set": [
        "title", "body", "quote", "caption", "byline", "boilerplate"]}),
    ("ExpectColumnValuesToBeBetween", {"column": "value_num", "min_value": 0}),
    ("ExpectColumnValueLengthsToBeBetween", {"column": "claim_id", "min_value": 17,
                                             "max_value": 17}),
]


def _judge_like_expectations(gxe) -> list:
    """Ten expectations, each with a row_condition on ``kind`` (as the consistency suite has on
    ``check``), over the full frame."""
    from great_expectations.expectations.row_conditions import Column

    out = []
    for kind in ("money", "count", "date", "person", "org_list", "quote", "place",
                 "topic_list", "alias"):
        out.append(gxe.ExpectColumnValuesToNotBeNull(column="value_text",
                                                     row_condition=Column("kind") == kind))
    out.append(gxe.ExpectColumnValuesToBeBetween(column="value_num", min_value=0,
                                                 row_condition=Column("kind") == "money"))
    return out


def time_gx_full(path: Path, judge_like: bool = False) -> dict:
    """GX over the whole claims table as one pandas DataFrame: a few column expectations, or
    (``judge_like``) ten row-conditioned ones with the judge's result format."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import duckdb
    import great_expectations as gx
    from great_expectations import expectations as gxe
    from great_expectations.data_context.types.base import ProgressBarsConfig

    con = duckdb.connect(str(path), read_only=True)
    gc.collect()
    t0 = time.perf_counter()
    frame = con.execute("SELECT * FROM claims").df()
    t_read = time.perf_counter() - t0
    con.close()
    t1 = time.perf_counter()
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    exps = (_judge_like_expectations(gxe) if judge_like
            else [getattr(gxe, cls)(**kw) for cls, kw in GX_EXPECTATIONS])
    suite = ctx.suites.add(gx.ExpectationSuite(name="full", expectations=exps))
    batch = ctx.data_sources.add_pandas("full").add_dataframe_asset("claims") \
        .add_batch_definition_whole_dataframe("all")
    vd = ctx.validation_definitions.add(gx.ValidationDefinition(name="full", data=batch,
                                                                suite=suite))
    cp = ctx.checkpoints.add(gx.Checkpoint(
        name="full", validation_definitions=[vd],
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["claim_id"],
                       "return_unexpected_index_query": False} if judge_like
        else {"result_format": "COMPLETE"}))
    res = cp.run(batch_parameters={"dataframe": frame})
    t_gx = time.perf_counter() - t1
    ok = all(r.success for vr in res.run_results.values() for r in vr.results)
    return {"seconds": t_read + t_gx, "read_seconds": t_read, "gx_seconds": t_gx,
            "rows": len(frame), "success": ok}


def exponent(n1: float, t1: float, n2: float, t2: float) -> float:
    return math.log(t2 / t1) / math.log(n2 / n1) if t1 > 0 and t2 > 0 and n2 != n1 else float(
        "nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--unscoped", action="store_true",
                    help="no stories: every event's claims share keys")
    ap.add_argument("--no-gx-full", action="store_true")
    ap.add_argument("--keep", type=Path, help="keep the databases in this folder")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--digest", action="store_true",
                    help="print a digest of every findings and evidence row after the check")
    args = ap.parse_args(argv)

    # imports outside the clock (GX alone takes seconds to import)
    t0 = time.perf_counter()
    import great_expectations  # noqa: F401
    import pandera  # noqa: F401

    import audit.check.integrity  # noqa: F401
    import audit.check.run  # noqa: F401
    t_import = time.perf_counter() - t0
    print(f"imports (great_expectations, pandera, audit.check): {t_import:.1f} s, not counted")
    print(f"mode: {'unscoped (no stories)' if args.unscoped else 'stories = events'}")

    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-check-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for n in args.sizes:
            db = folder / f"claims-{n}.duckdb"
            if db.exists():
                db.unlink()
            built = build(db, n, stories=not args.unscoped)
            print(f"\n== {built['claims']:,} claims ({built['documents']:,} documents, "
                  f"{built['spans']:,} spans, {built['mentions']:,} mentions): built in "
                  f"{built['build_seconds']:.1f} s, {db.stat().st_size / 2**20:.0f} MB")
            res = time_check(db)
            print(f"run_checks: {res['seconds']:.2f} s; {res['findings']:,} findings "
                  f"{res['by_severity']}")
            print(f"  CPU of this process during run_checks {res['cpu_seconds']:.1f} s "
                  f"(its main thread {res['main_thread_cpu_seconds']:.1f} s)")
            if args.digest:
                for name, (count, digest) in findings_digest(db).items():
                    print(f"  digest {name}: {count:,} rows {digest}")
            for part, t in sorted(res["parts"].items(), key=lambda kv: -kv[1]):
                c = res["counts"].get(part)
                print(f"  {part:<34} {t:8.2f} s" + (f"  ({c:,})" if c is not None else ""))
            row = {"claims": built["claims"], "documents": built["documents"],
                   "build": built, "check": res}
            if not args.no_gx_full:
                gxr = time_gx_full(db)
                print(f"GX on the full claims frame: {gxr['seconds']:.2f} s (read into pandas "
                      f"{gxr['read_seconds']:.2f} s + validate {gxr['gx_seconds']:.2f} s, "
                      f"{gxr['rows']:,} rows, success={gxr['success']})")
                row["gx_full"] = gxr
                gxj = time_gx_full(db, judge_like=True)
                print(f"GX on the full claims frame, 10 row-conditioned expectations as the "
                      f"judge runs them: {gxj['seconds']:.2f} s (validate "
                      f"{gxj['gx_seconds']:.2f} s)")
                row["gx_full_judge_like"] = gxj
            print(f"peak RSS so far {peak_rss_mb():.0f} MB")
            rows.append(row)
            if not args.keep:
                db.unlink(missing_ok=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    print("\nsize         run_checks   growth   GX full frame   growth   GX judge-like   growth")
    for i, r in enumerate(rows):
        g1 = g2 = ""
        if i:
            p = rows[i - 1]
            g1 = f"n^{exponent(p['claims'], p['check']['seconds'], r['claims'], r['check']['seconds']):.2f}"
            if "gx_full" in r:
                g2 = f"n^{exponent(p['claims'], p['gx_full']['seconds'], r['claims'], r['gx_full']['seconds']):.2f}"
        g3 = ""
        if i and "gx_full_judge_like" in r:
            p = rows[i - 1]
            g3 = f"n^{exponent(p['claims'], p['gx_full_judge_like']['seconds'], r['claims'], r['gx_full_judge_like']['seconds']):.2f}"
        gx_t = f"{r['gx_full']['seconds']:10.2f} s" if "gx_full" in r else "         -"
        gx_j = (f"{r['gx_full_judge_like']['seconds']:10.2f} s" if "gx_full_judge_like" in r
                else "         -")
        print(f"{r['claims']:>10,}  {r['check']['seconds']:9.2f} s  {g1:>7}  {gx_t}   {g2:>7}"
              f"  {gx_j}   {g3:>7}")
    print(f"peak RSS {peak_rss_mb():.0f} MB")
    if args.json:
        args.json.write_text(json.dumps({"date": dt.date.today().isoformat(),
                                         "import_seconds": t_import, "rows": rows,
                                         "unscoped": args.unscoped}, indent=2, default=str),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
