"""The check stage of the Spark engine: the same check code, run where the data is.

* story-scoped candidates: the rows of each story are routed to a bucket (a hash of the story),
  each table's rows are packed per bucket as Arrow IPC, and ``groupBy(bucket).applyInArrow``
  loads one bucket's rows into an in-memory DuckDB store (the store's own schema) and runs the
  check modules' own candidate builders over it (``audit/check/checks/``: the same SQL and
  Python, not a copy). A story's candidates depend on that story's rows only (the incremental
  check relies on the same), so a bucket of whole stories gives the same candidates;
* corpus-scoped checks whose work stays inside each story (``PER_STORY``: quote-drift and
  attribution-change pair one story's quotes, name-variant reads one story's entities (the
  names were compared by ``resolve.cluster`` in the per-story resolution job), count-vs-list
  pairs a count with a list of its document, reference compares each claim with the declared
  facts) run in the same buckets. A key found in two buckets (one misspelling in two stories)
  is one candidate: such rows are merged in Spark before judging (``one_per_key``:
  ``groupBy(cid).applyInArrow`` over the repeated keys' rows only), in the builder's own
  order (``Candidate.order``, else by their claims), so the merged candidate's judged
  columns, headline and evidence are the DuckDB engine's. On an
  incremental run every story is then routed, and the story-scoped builders are limited to
  the changed stories as in DuckDB;
* a corpus-scoped check without ``PER_STORY`` (none today) would still be built by its
  builder in the DuckDB store on the driver and judged with the rest;
* judging: the candidates stay in Spark (their judged columns as a typed DataFrame, the
  pickled candidate beside them); any driver-built candidates join them as a DataFrame, and
  the GX suite's checkpoint runs once over the union through GX's Spark datasource; the
  rejected rows' ids and expectations come back to the driver. Up to ``LOCAL_JUDGE_ROWS``
  candidates their judged columns come to the driver instead and the same suite judges them
  there as the DuckDB engine does (GX's Spark engine schedules ~8 Spark jobs per expectation,
  ~20 s on any frame);
* findings: the rejected candidates (joined with their judgement, and with their claims'
  spans from the output's Parquet) go through ``audit/check/making.py`` in the executors, the
  code the DuckDB engine makes its findings with, and are written as Parquet
  (``output/findings``, ``output/finding_evidence``: the store's tables); the driver loads them
  with one ``INSERT ... FROM read_parquet`` per table (``run._Sink.load``), so reports, diff,
  waivers and triage read them unchanged. Driver-built candidates (none today) still become
  findings on the driver;
* integrity: the row rules (types, allowed values, ranges, patterns, uniqueness) are screened by
  pandera's PySpark backend on the Spark tables (``sparkintegrity.py``); see there.

A builder that fails in a Spark worker sends its error back as a row (not as a failed task that
Spark would retry): the driver raises it as the DuckDB engine would (a user error exits 2 with
its message, a bug exits 3 naming the check).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from audit.errors import AuditError

if TYPE_CHECKING:
    from audit.check.making import Making

# What each table the story-scoped builders read is routed by (its story's bucket).
ROUTES: dict[str, str] = {
    "documents": "document_id", "document_paths": "document_id",
    "document_stories": "document_id", "claims": "document_id", "spans": "document_id",
    "mentions": "document_id", "claim_spans": "claim_id", "entity_mentions": "mention_id",
    "entities": "story",
}
PACKED = "bucket int, table string, blob binary"
CANDIDATES = "kind string, check string, cid string, judged string, types string, blob binary"
_CAND_ARROW = pa.schema([("kind", pa.string()), ("check", pa.string()), ("cid", pa.string()),
                         ("judged", pa.string()), ("types", pa.string()),
                         ("blob", pa.binary())])
CANDIDATES_PER_TASK = 20_000  # rejected candidates made into findings per Python task
JUDGE_ROWS = 200_000  # a judged frame up to this size is one partition (GX runs ~8 jobs per
#                       expectation; on a small frame partitions only add scheduling)
LOCAL_JUDGE_ROWS = 50_000  # up to this many candidates GX judges them on the driver (pandas)
_SPARK_TYPE = {"bool": "boolean", "int": "bigint", "float": "double", "str": "string"}


class SparkChecks:
    """What ``run_checks`` hands to the Spark engine (see ``audit/check/run.py``)."""

    def __init__(self, spark: Any, output: Path, suite: dict, suite_path: Path | None,
                 clock: Any):
        self.spark, self.output = spark, output
        self.suite, self.suite_path, self.clock = suite, suite_path, clock

    def integrity(self, con: Any) -> list:
        from audit.engine.sparkintegrity import run_integrity_spark

        with self.clock.stage("spark integrity"):
            return run_integrity_spark(self.spark, self.output, con)

    def made(self, local: list, stories: list[str] | None, facts: dict, warnings: list[str],
             making: Making) -> Made:
        """The story candidates built on Spark (``stories``: those to recompute, None: all)
        and ``local`` judged together; the findings of the Spark candidates made by
        ``making`` in the executors and written as Parquet (``write_findings``); the
        rejections of ``local`` handed back, for the driver to make theirs."""
        from pyspark.sql import functions as F

        from audit.check.making import worst
        from audit.check.suite import _Session, as_columns
        from audit.engine.spark import parquet_relation

        with self.clock.stage("spark candidates"):
            cands = story_candidates(self.spark, self.output, stories, facts) \
                .persist()
        unique = None
        try:
            with self.clock.stage("spark judge"):
                side = cands.filter(F.col("kind") != "candidate").collect()
                _raise_worker_error(side)
                warnings.extend(r["judged"] for r in side if r["kind"] == "warning")
                # a key built in several buckets is merged first, so GX judges the merged
                # candidate's columns (the DuckDB engine's), whichever bucket ran first
                unique = one_per_key(cands).persist()
                story = unique.filter(F.col("kind") == "candidate")
                if story.count() + len(local) <= LOCAL_JUDGE_ROWS:
                    # a small frame: the same suite on the driver, as the DuckDB engine
                    # judges (GX's Spark engine runs ~8 Spark jobs per expectation: ~20 s of
                    # scheduling on any frame, more than the judging itself below ~50,000 rows)
                    rows = [(r["cid"], r["check"], json.loads(r["judged"]))
                            for r in story.select("cid", "check", "judged").collect()]
                    rows += [(c.cid, c.check, c.judged) for c in local]
                    rejected = _Session(self.suite, self.suite_path).judge(as_columns(rows))
                else:
                    frame = judged_frame(self.spark, unique, local)
                    session = _Session(self.suite, self.suite_path, spark=self.spark)
                    rejected = session.judge_frame(frame)
                    frame.unpersist()
            by_cid = {c.cid: c for c in local}
            with self.clock.stage("spark findings"):
                write_findings(self.spark, self.output, unique,
                               worst(j for j in rejected if j.cid not in by_cid), making)
        finally:
            if unique is not None:
                unique.unpersist()
            cands.unpersist()
        return Made(by_cid, [j for j in rejected if j.cid in by_cid],
                    parquet_relation(self.output, "findings"),
                    parquet_relation(self.output, "finding_evidence"))


@dataclass
class Made:
    """What the engine hands back to the check stage: the driver-built candidates (by cid)
    with their rejections, and this run's findings and evidence as DuckDB relations over
    the Parquet written in the executors."""

    local: dict[str, Any]
    rejected: list
    findings: str
    evidence: str


def one_per_key(cands: Any) -> Any:
    """The candidate rows, one per key: the rows of a key built in several buckets (one
    misspelling in two stories) merged into one in Spark (``groupBy(cid).applyInArrow``), in
    the builder's order, as the DuckDB engine merges them. Only cids are counted over the
    whole set; the repeated keys' rows alone go through Python again."""
    from pyspark.sql import functions as F

    rows = cands.filter(F.col("kind") == "candidate")
    repeated = rows.groupBy("cid").count().filter(F.col("count") > 1).select("cid")
    merged = rows.join(repeated, "cid").groupBy("cid").applyInArrow(_merge_group, CANDIDATES)
    return rows.join(repeated, "cid", "left_anti").unionByName(merged)


def _merge_group(group: pa.Table) -> pa.Table:
    """One key's candidate rows (from several buckets) -> one row (runs in a Spark worker)."""
    rows = [{"cid": c, "blob": b} for c, b in zip(group.column("cid").to_pylist(),
                                                  group.column("blob").to_pylist(), strict=True)]
    return pa.Table.from_pylist([_candidate_row(cid, cand)
                                 for cid, cand in _merged(rows).items()], schema=_CAND_ARROW)


def _candidate_row(cid: str, cand: Any) -> dict:
    return {"kind": "candidate", "check": cand.check, "cid": cid,
            "judged": json.dumps(cand.judged),
            "types": json.dumps({k: type(v).__name__ for k, v in cand.judged.items()
                                 if v is not None}),
            "blob": pickle.dumps(cand, protocol=5)}


def _merged(rows: list) -> dict[str, Any]:
    """Candidates by cid; one key built in several buckets (a per-story corpus check) merged
    as the DuckDB engine merges it: in the builder's own order (``Candidate.order``, which
    decides whose judged columns and headline stand), else by the claims each one names."""
    from audit.check.run import _merge

    by_cid: dict[str, list] = {}
    for r in rows:
        by_cid.setdefault(r["cid"], []).append(pickle.loads(r["blob"]))
    out = {}
    for cid, found in by_cid.items():
        found.sort(key=_merge_order)
        for other in found[1:]:
            _merge(found[0], other)
        out[cid] = found[0]
    return out


def _merge_order(c: Any) -> tuple:
    return (c.order is None, c.order if c.order is not None else (),
            sorted(cl[0] for v in c.values for cl in v["claims"]))


def _raise_worker_error(rows: list) -> None:
    errors = sorted((r for r in rows if r["kind"] in ("user-error", "crash")),
                    key=lambda r: (r["kind"], r["check"]))
    if not errors:
        return
    r = errors[0]
    if r["kind"] == "user-error":
        cls, message = pickle.loads(r["blob"])
        raise cls(message)
    raise RuntimeError(f"check {r['check']} failed in a Spark worker: "
                       f"{r['judged'].strip().splitlines()[-1]}")


# --------------------------------------------------------------------------------------------
# Story candidates
# --------------------------------------------------------------------------------------------


def story_candidates(spark: Any, out: Path, stories: list[str] | None, facts: dict) -> Any:
    """A DataFrame of the story-scoped checks' candidates (one row each, CANDIDATES), plus
    their warnings and any worker error as rows of other kinds."""
    from pyspark.sql import functions as F

    from audit.check.checks import builders
    from audit.check.limits import DEFAULTS, limit
    from audit.engine.spark import _read, store_columns

    limits = {name: str(limit(name)) for name in DEFAULTS}  # validated here, sent to workers
    ds = _read(spark, out, "document_stories")
    per_story = any(c.per_story for c in builders())
    if stories is not None and not per_story:
        ds = ds.filter(F.col("story_id").isin(stories) if stories else F.lit(False))
    doc_bucket = ds.select("document_id", "story", "story_id",
                           story_bucket(spark).alias("bucket")).persist()
    cols = store_columns(tuple(ROUTES))
    tables = {t: _read(spark, out, t) for t in ROUTES
              if t not in ("document_paths", "document_stories")}
    tables["document_paths"] = _read(spark, out, "paths").dropDuplicates() \
        .withColumn("version", F.lit(1)) \
        .withColumn("updated_at", F.lit(dt.datetime(2000, 1, 1)).cast("timestamp_ntz"))
    # (no builder reads versions or times: current_documents is each document's first path)
    tables["document_stories"] = doc_bucket.select("document_id", "story_id")
    by_doc = doc_bucket.select("document_id", "bucket")
    routed = {}
    for t in ("documents", "document_paths", "document_stories", "claims", "spans",
              "mentions"):
        routed[t] = tables[t].join(by_doc, "document_id")
    routed["claim_spans"] = tables["claim_spans"].join(
        routed["claims"].select("claim_id", "bucket"), "claim_id")
    routed["entity_mentions"] = tables["entity_mentions"].join(
        routed["mentions"].select("mention_id", "bucket"), "mention_id")
    routed["entities"] = tables["entities"].join(
        doc_bucket.select(F.col("story").alias("story_id"), "bucket").distinct(), "story_id")
    packed = None
    for t, df in routed.items():
        names = [c for c, _ in cols[t]]
        part = df.select("bucket", *names).mapInArrow(_packer(t), PACKED)
        packed = part if packed is None else packed.unionByName(part)
    assert packed is not None
    result = packed.groupBy("bucket").applyInArrow(
        _checker(facts, limits, stories if per_story else None), CANDIDATES)
    doc_bucket.unpersist()
    return result


def story_bucket(spark: Any, column: str = "story") -> Any:
    """The bucket of a story (a column of story ids): a hash of it, over twice as many buckets
    as Spark runs tasks at once."""
    from pyspark.sql import functions as F

    n_buckets = max(1, spark.sparkContext.defaultParallelism * 2)
    return F.pmod(F.xxhash64(column), F.lit(n_buckets)).cast("int")


def _packer(table: str):
    """One Arrow IPC blob per bucket present in each batch of a table's rows."""
    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow.compute as pc

        for batch in batches:
            data = pa.Table.from_batches([batch])
            rows = data.drop_columns(["bucket"])
            buckets, blobs = [], []
            for b in pc.unique(data.column("bucket")).to_pylist():
                sink = pa.BufferOutputStream()
                part = rows.filter(pc.equal(data.column("bucket"), b))
                with pa.ipc.new_stream(sink, part.schema) as w:
                    w.write_table(part)
                buckets.append(b)
                blobs.append(sink.getvalue().to_pybytes())
            yield pa.RecordBatch.from_arrays(
                [pa.array(buckets, pa.int32()), pa.array([table] * len(buckets), pa.string()),
                 pa.array(blobs, pa.binary())], names=["bucket", "table", "blob"])
    return run


def _checker(facts: dict, limits: dict[str, str], stories: list[str] | None):
    def run(group: pa.Table) -> pa.Table:
        os.environ.update(limits)  # the driver's limits, whatever the executor's environment
        return pa.Table.from_pylist(list(check_bucket(group, facts, stories)),
                                    schema=_CAND_ARROW)
    return run


def check_bucket(group: pa.Table, facts: dict, stories: list[str] | None = None
                 ) -> Iterator[dict]:
    """One bucket's rows (packed tables) -> the candidates of the story-scoped checks (of
    ``stories`` only, when given) and of the per-story corpus checks, as rows.
    Runs in a Spark worker: errors come back as rows, never as a failed task."""
    from audit.check.candidates import Inputs
    from audit.check.checks import builders
    from audit.check.run import _merge
    from audit.store import open_store

    parts: dict[str, list[pa.Table]] = {}
    for name, blob in zip(group.column("table").to_pylist(), group.column("blob").to_pylist(),
                          strict=True):
        parts.setdefault(name, []).append(pa.ipc.open_stream(blob).read_all())
    check = ""
    try:
        with open_store(":memory:") as store:
            con = store.con
            con.execute("SELECT 1").fetchall()  # complete what opening left (DuckDB 2)
            for name, tables in sorted(parts.items()):
                data = pa.concat_tables(tables)
                names = ", ".join(data.column_names)
                con.register("_rows", data)
                con.execute(f"INSERT INTO {name} ({names}) SELECT {names} FROM _rows"
                            ).fetchall()  # DuckDB 2 refuses new work after an unread result
                con.unregister("_rows")
            warnings: list[str] = []
            for c in builders():
                if c.scope == "story":
                    inputs = Inputs(stories, facts, warnings)
                elif c.per_story:
                    inputs = Inputs(None, facts, warnings)
                else:
                    continue
                check = c.name
                assert c.candidates is not None
                found: dict[str, Any] = {}
                for cand in c.candidates(con, inputs):
                    if cand.cid in found:
                        _merge(found[cand.cid], cand)
                    else:
                        found[cand.cid] = cand
                for cid, cand in found.items():
                    yield _candidate_row(cid, cand)
            for w in dict.fromkeys(warnings):
                yield {"kind": "warning", "check": "", "cid": "", "judged": w, "types": "{}",
                       "blob": b""}
    except AuditError as exc:
        yield {"kind": "user-error", "check": check, "cid": "", "judged": str(exc),
               "types": "{}", "blob": pickle.dumps((type(exc), str(exc)))}
    except Exception:  # noqa: BLE001 - sent to the driver, which raises it
        yield {"kind": "crash", "check": check, "cid": "", "judged": traceback.format_exc(),
               "types": "{}", "blob": b""}


# --------------------------------------------------------------------------------------------
# The judged frame
# --------------------------------------------------------------------------------------------


def judged_frame(spark: Any, cands: Any, local: list) -> Any:
    """The candidate rows GX judges (``cands``: one per key), as one cached Spark DataFrame:
    ``cid``, ``check`` and every judged column, typed by the values found (bool, bigint,
    double, string)."""
    from pyspark.sql import functions as F

    from audit.check.checks import judged_columns

    seen: dict[str, set[str]] = {}
    for row in cands.filter(F.col("kind") == "candidate") \
            .select(F.explode(F.from_json("types", "map<string,string>"))).distinct().collect():
        seen.setdefault(row[0], set()).add(row[1])
    for c in local:
        for k, v in c.judged.items():
            if v is not None:
                seen.setdefault(k, set()).add(type(v).__name__)
    columns = judged_columns()
    types = {c: _spark_type(seen.get(c, set())) for c in columns}
    schema = ", ".join([f"`{c}` {types[c]}" for c in columns])
    story = cands.filter(F.col("kind") == "candidate") \
        .select("cid", "check", F.from_json("judged", schema).alias("j")) \
        .select("cid", "check", "j.*")
    rows = [(c.cid, c.check, *(_value(c.judged.get(k), types[k]) for k in columns))
            for c in local]
    here = spark.createDataFrame(rows, "cid string, check string, " + schema)
    frame = story.unionByName(here)
    n = frame.count()
    frame = (frame.coalesce(1) if n <= JUDGE_ROWS else frame).persist()
    frame.count()
    return frame


def _spark_type(found: set[str]) -> str:
    if len(found) == 1 and next(iter(found)) in _SPARK_TYPE:
        return _SPARK_TYPE[next(iter(found))]
    if found and found <= {"int", "float"}:
        return "double"
    return "string"


def _value(v: Any, spark_type: str) -> Any:
    if v is None:
        return None
    if spark_type == "double":
        return float(v)
    if spark_type == "string" and not isinstance(v, str):
        return json.dumps(v)
    return v


# --------------------------------------------------------------------------------------------
# Findings and their evidence, made in the executors
# --------------------------------------------------------------------------------------------

# The columns of a finding's evidence rows that the executors make (finding_evidence without
# run_id and finding_id, which the finding row carries).
_EVIDENCE_FIELDS = ("seq", "document_id", "claim_id", "span_id", "start_char", "end_char",
                    "exact", "value")


def write_findings(spark: Any, out: Path, unique: Any, judged: dict[str, Any],
                   making: Making) -> None:
    """The findings of the rejected candidates (``judged``: the worst judgement of each, by
    cid) made in the executors by ``making`` (``audit/check/making.py``, as the DuckDB engine
    makes them) and written as Parquet under ``out/findings`` and ``out/finding_evidence``
    (partitioned by the first hex digit of the finding id), with the store's column types.

    A candidate's evidence is its claims' spans where they lie (the store's ``EvidenceIndex``
    query, as Spark joins over the output: claim_spans, spans, claims and each document's
    first path), gathered per candidate with ``collect_list``; one ``mapInArrow`` then makes
    each finding with its evidence rows nested, written as the two tables."""
    from pyspark.sql import functions as F

    from audit.check.evidence import EVIDENCE_COLUMNS
    from audit.engine.spark import _SPARK, _read, _write, spark_schema, store_columns

    cols = store_columns(("findings", "finding_evidence"))
    # up to JUDGE_ROWS findings, the rejected candidates' side of each join is broadcast (the
    # output's tables are read where they lie, not shuffled) and their rows stay in few
    # partitions (a Python task each); above, Spark plans the joins by their sizes
    small = len(judged) <= JUDGE_ROWS
    bc = F.broadcast if small else (lambda df: df)
    verdicts = spark.createDataFrame(
        [(cid, j.check, j.cls, j.severity, j.expectation) for cid, j in sorted(judged.items())],
        "cid string, jcheck string, cls string, severity string, expectation string")
    rejected = unique.select("cid", "blob").join(bc(verdicts), "cid")
    if small:
        rejected = rejected.coalesce(max(1, len(judged) // CANDIDATES_PER_TASK))
    rejected = rejected.persist()
    try:
        claims = rejected.select("cid", "blob").mapInArrow(
            _claims_of, "cid string, claim_id string")  # each (cid, claim) once
        # the store's current_documents: each document's first path
        first_path = _read(spark, out, "paths").groupBy("document_id") \
            .agg(F.min("path").alias("path"))
        spans = _read(spark, out, "claim_spans").join(bc(claims), "claim_id")
        spans = _read(spark, out, "spans").select(
            "span_id", "document_id", "start_char", "end_char", "exact", "line") \
            .join(bc(spans), "span_id")
        spans = _read(spark, out, "claims").select("claim_id", "value_text", "zone_kind") \
            .join(bc(spans), "claim_id")
        spans = first_path.join(bc(spans), "document_id") \
            .groupBy("cid").agg(F.collect_list(F.struct("seq", *EVIDENCE_COLUMNS))
                                .alias("spans"))
        evidence = [(c, t) for c, t in cols["finding_evidence"] if c in _EVIDENCE_FIELDS]
        schema = spark_schema(cols["findings"]) + ", evidence array<struct<" + ", ".join(
            f"`{c}`: {_SPARK[t]}" for c, t in evidence) + ">>"
        made = rejected.join(bc(spans), "cid", "left") \
            .select("cid", "blob", "jcheck", "cls", "severity", "expectation", "spans") \
            .mapInArrow(_maker(making, cols), schema).persist()
        try:
            _write(made.select(*[c for c, _ in cols["findings"]]), out / "findings",
                   key="finding_id")
            _write(made.select("run_id", "finding_id", F.explode("evidence").alias("e"))
                   .select("run_id", "finding_id", *[f"e.{c}" for c, _ in evidence])
                   .select(*[c for c, _ in cols["finding_evidence"]]),
                   out / "finding_evidence", key="finding_id")
        finally:
            made.unpersist()
    finally:
        rejected.unpersist()


def _claims_of(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """(cid, claim id) of each claim a rejected candidate names (runs in a Spark worker)."""
    from audit.check.making import claim_ids

    for batch in batches:
        cids, claims = [], []
        for cid, blob in zip(batch.column("cid").to_pylist(), batch.column("blob").to_pylist(),
                             strict=True):
            for claim in claim_ids(pickle.loads(blob)):
                cids.append(cid)
                claims.append(claim)
        yield pa.RecordBatch.from_arrays([pa.array(cids, pa.string()),
                                          pa.array(claims, pa.string())],
                                         names=["cid", "claim_id"])


def _maker(making: Making, cols: dict[str, list[tuple[str, str]]]):
    """The worker function: rejected candidates with their judgement and their claims' spans
    -> finding rows, each with its evidence rows nested (``Making``: the DuckDB engine's)."""
    from audit.engine.spark import arrow_schema

    findings = arrow_schema(cols["findings"])
    evidence = arrow_schema([(c, t) for c, t in cols["finding_evidence"]
                             if c in _EVIDENCE_FIELDS])
    schema = findings.append(pa.field("evidence", pa.list_(pa.struct(list(evidence)))))

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from audit.check.evidence import EVIDENCE_COLUMNS, EvidenceIndex
        from audit.check.suite import Judgement

        for batch in batches:
            rows = []
            for r in batch.to_pylist():
                cand = pickle.loads(r["blob"])
                spans = sorted(r["spans"] or [], key=lambda s: (s["claim_id"], s["seq"]))
                ev = EvidenceIndex.of_rows([tuple(s[c] for c in EVIDENCE_COLUMNS)
                                            for s in spans])
                f = making.finding(cand, Judgement(r["cid"], r["jcheck"], r["cls"],
                                                   r["severity"], r["expectation"]), ev)
                if not making.admit(f):
                    continue
                row = making.finding_row(f)
                row["evidence"] = [{c: e[c] for c in evidence.names}
                                   for e in making.evidence_rows(f)]
                rows.append(row)
            yield pa.RecordBatch.from_pylist(rows, schema=schema)
    return run
