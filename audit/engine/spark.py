"""The Spark engine (``audit run --engine spark``): the per-document and per-story stages as
Spark jobs, with the same Python readers, extractors and resolver as the DuckDB engine.

What runs where:

* driver: discovery (``find_sources``: the same manifest, link and name rules), the run record
  and the reports (in the DuckDB store, unchanged);
* Spark, per file (``mapInArrow``): read, zone, extract -> documents, zones, claims, spans,
  claim_spans, mentions, extractions, written as Parquet partitioned by ``part`` (the first hex
  digit of the document id) under the output folder;
* Spark SQL: stories (the pairs of documents sharing names: a self-join on the name keys, then
  connected components by min-label propagation, so a story's id is its smallest document id,
  as ``resolve.stories`` gives);
* Spark, per story (``groupBy(story).applyInArrow``): entity clustering (``resolve.cluster``);
* driver: the Parquet is loaded into the DuckDB store (corpus sync as ``audit ingest`` does it);
  the check stage then runs on Spark too (``sparkcheck.py``), its findings loaded back the
  same way.

Rows cross from the Python workers to Spark as Arrow batches (nulls stay nulls: a pandas float
column would turn a missing ``value_num`` into NaN). Each worker yields a long form (table,
document, origin, pickled row) that is persisted once, then split into typed tables whose
schema is the store's own (``DESCRIBE`` of a fresh in-memory store), so the two can't drift.

Everything Spark is imported here only; ``audit.cli`` imports this module only for
``--engine spark``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import shutil
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from audit.engine.settings import SparkSettings
from audit.errors import AuditError, ConfigError, InputError

# The tables written per document, in load order.
DOC_TABLES = ("documents", "zones", "extractions", "claims", "spans", "claim_spans",
              "mentions")
LONG_SCHEMA = "table string, document_id string, origin long, sub long, row binary"
_LONG_ARROW = pa.schema([("table", pa.string()), ("document_id", pa.string()),
                         ("origin", pa.int64()), ("sub", pa.int64()), ("row", pa.binary())])
_YIELD_EVERY = 32  # files per Arrow batch a worker yields
FILES_PER_TASK = 32  # fewer files than this per read task only add tasks: every table written
#                     from the read rows runs one Python task per read partition (~0.15 s each)

# Spark settings for a small machine; --spark-conf and [audit.spark.conf] override them.
DEFAULT_CONF = {
    "spark.driver.memory": "2g",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.execution.arrow.maxRecordsPerBatch": "2000",
    "spark.sql.adaptive.enabled": "true",
}


# --------------------------------------------------------------------------------------------
# Schemas: the store's columns, as Arrow and Spark types
# --------------------------------------------------------------------------------------------

_ARROW = {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(),
          "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
          "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us")}
_SPARK = {"VARCHAR": "string", "JSON": "string", "INTEGER": "int", "BIGINT": "long",
          "DOUBLE": "double", "BOOLEAN": "boolean", "DATE": "date",
          "TIMESTAMP": "timestamp_ntz"}


def store_columns(tables: tuple[str, ...]) -> dict[str, list[tuple[str, str]]]:
    """(column, DuckDB type) of each table, from a fresh in-memory store."""
    from audit.store import open_store

    with open_store(":memory:") as s:
        return {t: [(r[0], r[1]) for r in s.con.execute(f"DESCRIBE {t}").fetchall()]
                for t in tables}


def arrow_schema(cols: list[tuple[str, str]]) -> pa.Schema:
    return pa.schema([(c, _ARROW[t]) for c, t in cols])


def spark_schema(cols: list[tuple[str, str]]) -> str:
    return ", ".join(f"`{c}` {_SPARK[t]}" for c, t in cols)


# --------------------------------------------------------------------------------------------
# Worker functions (run in Spark's Python workers; pure apart from reading the files)
# --------------------------------------------------------------------------------------------


def read_extract_rows(sf: Any, origin: int, root: Path, strict: bool, tables: dict[str, str],
                      vocab: Any, signature: str, now: dt.datetime
                      ) -> Iterator[tuple[str, str, int, int, dict]]:
    """Every row one source file gives: (table, document id, origin, sub, row). A file that
    cannot be read gives one ``error`` row (the driver fails the job with it, naming the file)
    instead of a failed task that Spark would retry."""
    from audit.extract.pipeline import claim_rows, extract_document
    from audit.ingest import collections
    from audit.ingest.pipeline import _doc_row, _zone_rows, read_collection, read_document

    try:
        if collections.is_collection(sf.path):
            docs = list(read_collection(sf, root, tables))
        else:
            docs = [read_document(sf, root, strict)]
    except AuditError as exc:
        yield "error", "", origin, 0, {"message": str(exc), "path": str(sf.path)}
        return
    for sub, (doc, warns) in enumerate(docs):
        d = doc.document_id
        for w in warns:
            yield "warning", d, origin, sub, {"message": w}
        yield "paths", d, origin, sub, {"path": doc.path, "document_id": d}
        yield "documents", d, origin, sub, _doc_row(doc, now)
        for z in _zone_rows(doc):
            yield "zones", d, origin, sub, z
        rows = claim_rows(d, doc.text, extract_document(doc.text, doc.zones, doc.published,
                                                        vocab))
        yield "extractions", d, origin, sub, {"document_id": d, "signature": signature,
                                              "extracted_at": now}
        for name in ("claims", "spans", "claim_spans", "mentions"):
            for r in getattr(rows, name):
                yield name, d, origin, sub, r


def _long_batch(rows: list[tuple]) -> pa.RecordBatch:
    cols: list[Any] = list(zip(*rows, strict=True)) if rows else [[]] * 5
    return pa.RecordBatch.from_arrays(
        [pa.array(cols[0], pa.string()), pa.array(cols[1], pa.string()),
         pa.array(cols[2], pa.int64()), pa.array(cols[3], pa.int64()),
         pa.array([pickle.dumps(r, protocol=5) for r in cols[4]], pa.binary())],
        schema=_LONG_ARROW)


def _reader(root: Path, strict: bool, tables: dict[str, str], vocab: Any, signature: str,
            now: dt.datetime):
    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            origins = batch.column("i").to_pylist()
            jobs = batch.column("job").to_pylist()
            out: list[tuple] = []
            for n, (i, blob) in enumerate(zip(origins, jobs, strict=True), 1):
                out.extend(read_extract_rows(pickle.loads(blob), i, root, strict, tables,
                                             vocab, signature, now))
                if n % _YIELD_EVERY == 0:
                    yield _long_batch(out)
                    out = []
            if out:
                yield _long_batch(out)
    return run


def _decoder(schema: pa.Schema):
    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            rows = [pickle.loads(b) for b in batch.column("row").to_pylist()]
            yield pa.RecordBatch.from_pylist(rows, schema=schema)
    return run


def _story_keys(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Each mention's distinctive-name key, as ``resolve_corpus`` builds them."""
    from audit.resolve.names import tokens

    for batch in batches:
        docs, keys = [], []
        for etype, surface, doc in zip(batch.column("etype").to_pylist(),
                                       batch.column("surface").to_pylist(),
                                       batch.column("document_id").to_pylist(), strict=True):
            toks = tokens(surface, etype)
            if etype == "org" or len(toks) >= 2:
                docs.append(doc)
                keys.append(f"{etype}:{' '.join(sorted(toks))}")
        yield pa.RecordBatch.from_arrays([pa.array(docs, pa.string()),
                                          pa.array(keys, pa.string())],
                                         names=["document_id", "key"])


ENTITY_ROWS = pa.schema([
    ("entity_id", pa.string()), ("etype", pa.string()), ("canonical", pa.string()),
    ("mentions", pa.int32()), ("variants", pa.int32()), ("story_id", pa.string()),
    ("mention_id", pa.string()), ("variant", pa.string()), ("variant_kind", pa.string())])


def story_aliases(table: pa.Table) -> dict[str, str]:
    """A story's aliases from its ``alias`` claims (columns claim_id, value): the first claim
    (by id) to define an alias wins, as ``resolve`` reads them."""
    out: dict[str, str] = {}
    for _, value in sorted(zip(table.column("claim_id").to_pylist(),
                               table.column("value").to_pylist(), strict=True)):
        v = json.loads(value)
        if v.get("alias") and v.get("name"):
            out.setdefault(v["alias"], v["name"])
    return out


def _clusterer(declared: dict[str, str], several: bool):
    """One story's mentions (and its alias claims, the cogroup's second table) -> its
    entities, one row per member (``resolve.cluster``)."""
    def run(table: pa.Table, alias_claims: pa.Table) -> pa.Table:
        from audit.resolve.cluster import Mention, cluster

        rows = sorted(zip(*(table.column(c).to_pylist() for c in (
            "mention_id", "etype", "surface", "role_key", "compared", "story",
            "document_id", "line")), strict=True))
        if not rows:
            return ENTITY_ROWS.empty_table()
        story = rows[0][5]
        ms = [Mention(m, e, s, r, c, document=d, line=n) for m, e, s, r, c, _, d, n in rows]
        out: list[dict] = []
        for e in cluster(ms, {**story_aliases(alias_claims), **declared},
                         scope=story if several else ""):
            head = {"entity_id": e.entity_id, "etype": e.etype, "canonical": e.canonical,
                    "mentions": len(e.members), "variants": len({v for _, v, _ in e.members}),
                    "story_id": story}
            out.extend({**head, "mention_id": mid, "variant": v, "variant_kind": k}
                       for mid, v, k in e.members)
        return pa.Table.from_pylist(out, schema=ENTITY_ROWS)
    return run


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------


def session(settings: SparkSettings):
    """The Spark session (an existing one, under ``spark-submit``, is reused)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("claim-audit")
    # under spark-submit (it starts the JVM and says where) its --master stands
    master = settings.master or (None if os.environ.get("PYSPARK_GATEWAY_PORT")
                                 else "local[2]")
    if master:
        builder = builder.master(master)
    conf = session_conf(master, settings.conf, os.environ)
    for k, v in conf.items():
        builder = builder.config(k, v)
    if "spark.pyspark.python" in conf and not os.environ.get("PYSPARK_PYTHON"):
        # PySpark's driver reads the workers' Python from PYSPARK_PYTHON only (its default is
        # "python3" from the PATH), not from the conf: the conf alone changed nothing
        os.environ["PYSPARK_PYTHON"] = conf["spark.pyspark.python"]
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def session_conf(master: str | None, conf: Mapping[str, str],
                 environ: Mapping[str, str]) -> dict[str, str]:
    """The session's settings: ours, then the user's. In local mode the Python workers run
    this very interpreter unless the user says otherwise: Spark starts ``python3`` from the
    PATH, which outside an activated virtual environment has none of the audit's packages
    ("No module named 'pyarrow'" from every task)."""
    out = {**DEFAULT_CONF, **conf}
    if (master or "").startswith("local") and "spark.pyspark.python" not in out \
            and not environ.get("PYSPARK_PYTHON"):
        out["spark.pyspark.python"] = sys.executable
    return out


# (path, document id) of every file or entry read, duplicates included: output/paths
PATHS_COLUMNS = [("path", "VARCHAR"), ("document_id", "VARCHAR")]


@dataclass
class SparkResult:
    documents: int = 0
    warnings: list[str] = field(default_factory=list)
    stories: int = 0
    output: Path = Path()


def run_spark(spark, files: list, root: Path, options: Any, vocab: Any,
              declared: dict[str, str], output: Path, clock: Any) -> SparkResult:
    """Ingest, extract, stories and resolution as Spark jobs; Parquet lands in ``output``
    (written to a temp folder beside it first: a failed job leaves the old output as it was)."""
    from pyspark.sql import functions as F

    from audit.extract.pipeline import signature

    output = output.resolve()
    tmp = output.with_name(f".{output.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    result = SparkResult(output=output)  # output: where the Parquet is once all is written
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    cols = store_columns(DOC_TABLES + ("document_stories",))
    persisted = []
    try:
        with clock.stage("spark read+extract"):
            jobs = [(i, pickle.dumps(sf, protocol=5)) for i, sf in enumerate(files)]
            parallel = spark.sparkContext.defaultParallelism
            n_parts = max(1, min(-(-len(jobs) // FILES_PER_TASK), parallel * 4))
            src = spark.createDataFrame(jobs, "i long, job binary").repartition(n_parts, "i")
            long = src.mapInArrow(_reader(root, options.strict_encoding, dict(options.tables),
                                          vocab, signature(vocab), now), LONG_SCHEMA)
            long = long.persist()
            persisted.append(long)
            side = long.filter(F.col("table").isin("error", "warning")) \
                .orderBy("origin", "sub").collect()
            errors = [pickle.loads(r["row"]) for r in side if r["table"] == "error"]
            if errors:
                raise InputError(errors[0]["message"])
            result.warnings.extend(pickle.loads(r["row"])["message"] for r in side)
            # every path read (the same document at two paths included) stays in Spark:
            # Parquet the load and the check stage read, never a list on the driver
            _write(long.filter(F.col("table") == "paths").select("row")
                   .mapInArrow(_decoder(arrow_schema(PATHS_COLUMNS)),
                               spark_schema(PATHS_COLUMNS)), tmp / "paths")
            # one copy per document: the rows of the first file (in discovery order) that
            # holds it. Only ids read more than once (the same bytes at two paths) are joined,
            # so the rows themselves are not shuffled (49 KiB per document, measured)
            dups = long.filter(F.col("table") == "documents").groupBy("document_id") \
                .agg(F.count("*").alias("n"), F.min(F.struct("origin", "sub")).alias("first")) \
                .filter(F.col("n") > 1).drop("n").localCheckpoint()
            n_dups = dups.count()
            kept = long
            if n_dups:
                kept = long.join(F.broadcast(dups) if n_dups < 1_000_000 else dups,
                                 "document_id", "left") \
                    .filter(F.col("first").isNull()
                            | (F.struct("origin", "sub") == F.col("first")))
            for t in DOC_TABLES:
                typed = kept.filter(F.col("table") == t).select("row") \
                    .mapInArrow(_decoder(arrow_schema(cols[t])), spark_schema(cols[t]))
                _write(typed, tmp / t)
            result.documents = _read(spark, tmp, "documents").count()
        with clock.stage("spark stories"):
            story_of, several = _stories(spark, tmp, result.documents)
            _write(story_of.withColumn("story_id", F.lit("") if not several
                                       else F.col("story")), tmp / "document_stories")
            result.stories = _read(spark, tmp, "document_stories") \
                .select("story").distinct().count()
        with clock.stage("spark resolve"):
            _resolve(spark, tmp, declared, several)
        shutil.rmtree(output, ignore_errors=True)
        output.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, output)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        for df in persisted:
            df.unpersist()
    return result


def _write(df, path: Path, key: str | None = None) -> None:
    """Parquet partitioned by the first hex digit of ``key`` (default: the document id, or
    the table's first column, an id, where it has no document column)."""
    from pyspark.sql import functions as F

    key = key or ("document_id" if "document_id" in df.columns else df.columns[0])
    df.withColumn("part", F.substring(key, 2, 1)).write.mode("overwrite") \
        .partitionBy("part").parquet(str(path))


def _read(spark, out: Path, table: str):
    """A table of the output, with its schema given (a table with no rows has no file)."""
    if table == "document_stories":
        schema = "document_id string, story string, story_id string"
    elif table == "paths":
        schema = spark_schema(PATHS_COLUMNS)
    else:
        schema = spark_schema(store_columns((table,))[table])
    return spark.read.schema(schema).parquet(str(out / table))


def _stories(spark, out: Path, n_docs: int):
    """Documents -> story (its smallest connected document), as ``resolve.stories``."""
    from pyspark.sql import functions as F

    from audit.resolve.stories import MAX_DF, MIN_DOCS, MIN_OVERLAP, MIN_SHARED

    all_docs = _read(spark, out, "documents").select("document_id")
    if not n_docs:
        return spark.createDataFrame([], "document_id string, story string"), False
    if n_docs <= MIN_DOCS:
        first = all_docs.agg(F.min("document_id")).collect()[0][0]
        return all_docs.withColumn("story", F.lit(first)), False
    m = _read(spark, out, "mentions")
    keys = m.filter(F.col("compared") & F.col("etype").isin("org", "person")
                    & (F.col("role_key") != "mention")) \
        .select("etype", "surface", "document_id") \
        .mapInArrow(_story_keys, "document_id string, key string").distinct().persist()
    n_keys = keys.groupBy("document_id").agg(F.count("*").alias("nk"))
    df = keys.groupBy("key").agg(F.count("*").alias("df")) \
        .filter(F.col("df").between(2, MAX_DF)).select("key")
    k2 = keys.join(df, "key")
    a, b = k2.alias("a"), k2.alias("b")
    pairs = a.join(b, "key").filter(F.col("a.document_id") < F.col("b.document_id")) \
        .groupBy(F.col("a.document_id").alias("x"), F.col("b.document_id").alias("y")) \
        .agg(F.count("*").alias("n"))
    na, nb = n_keys.alias("na"), n_keys.alias("nb")
    edges = pairs.join(na, F.col("x") == F.col("na.document_id")) \
        .join(nb, F.col("y") == F.col("nb.document_id")) \
        .filter((F.col("n") >= MIN_SHARED) & (
            F.col("n") / F.greatest(F.least("na.nk", "nb.nk"), F.lit(1)) >= MIN_OVERLAP)) \
        .select("x", "y").localCheckpoint()
    label = _components(edges)
    frame = all_docs.join(label, "document_id", "left") \
        .select("document_id", F.coalesce("story", "document_id").alias("story"))
    several = frame.select("story").distinct().limit(2).count() > 1
    keys.unpersist()
    return frame, several


def _components(edges):
    """Connected components of an undirected edge list: each vertex's smallest connected
    vertex, by min-label propagation (iterations = the longest shortest path)."""
    from pyspark.sql import functions as F

    both = edges.union(edges.select(F.col("y").alias("x"), F.col("x").alias("y")))
    label = both.groupBy("x").agg(F.least(F.col("x"), F.min("y")).alias("story")) \
        .withColumnRenamed("x", "document_id").localCheckpoint()
    while True:
        nxt = both.join(label, both.x == label.document_id) \
            .select(F.col("y").alias("document_id"), F.col("story")) \
            .union(label).groupBy("document_id").agg(F.min("story").alias("story")) \
            .localCheckpoint()
        moved = nxt.join(label.withColumnRenamed("story", "old"), "document_id") \
            .filter(F.col("story") != F.col("old")).limit(1).count()
        label = nxt
        if not moved:
            return label


def _resolve(spark, out: Path, declared: dict[str, str], several: bool) -> None:
    from pyspark.sql import functions as F

    def stories():  # a fresh read for each side of a cogroup (one plan would be ambiguous)
        return _read(spark, out, "document_stories").select("document_id", "story")

    def aliases():  # each story's alias claims go to its group, not through the driver
        return _read(spark, out, "claims").filter(F.col("kind") == "alias") \
            .join(stories(), "document_id").select("story", "claim_id", "value")

    # each mention's line, for names written side by side (``cluster.written_beside``)
    lines = _read(spark, out, "spans").select("span_id", "line")
    m = _read(spark, out, "mentions").filter(F.col("compared")) \
        .join(stories(), "document_id").join(lines, "span_id", "left") \
        .select("mention_id", "etype", "surface", "role_key", "compared", "story",
                "document_id", F.coalesce(F.col("line"), F.lit(-1)).alias("line"))
    rows = m.groupBy("story").cogroup(aliases().groupBy("story")).applyInArrow(
        _clusterer(declared, several),
        spark_schema([(f.name, _duck(f.type)) for f in ENTITY_ROWS])).persist()
    try:
        _write(rows.select("entity_id", "etype", "canonical", "mentions", "variants",
                           "story_id").dropDuplicates(["entity_id", "story_id"]),
               out / "entities")
        _write(rows.select("mention_id", "entity_id", "variant", "variant_kind"),
               out / "entity_mentions")
    finally:
        rows.unpersist()
    # each story's state (what its entities were computed from), as resolve stores it
    signed = stories().join(_read(spark, out, "extractions").select("document_id", "signature"),
              "document_id", "left")
    _write(signed.groupBy("story").cogroup(aliases().groupBy("story")).applyInArrow(
        _stater(declared, several), "story_id string, state string"),
        out / "resolve_stories", key="story_id")


def _stater(declared: dict[str, str], several: bool):
    """One story's documents with their extraction signatures (and its alias claims) -> its
    ``resolve_stories`` row (``resolve.pipeline._story_state``)."""
    def run(docs: pa.Table, alias_claims: pa.Table) -> pa.Table:
        from audit.resolve.pipeline import _story_state

        schema = pa.schema([("story_id", pa.string()), ("state", pa.string())])
        if not docs.num_rows:
            return schema.empty_table()
        ids = docs.column("document_id").to_pylist()
        signature_of = {d: s or "" for d, s in zip(ids, docs.column("signature").to_pylist(),
                                                   strict=True)}
        state = _story_state(ids, signature_of, {**story_aliases(alias_claims), **declared},
                             several)
        return pa.table({"story_id": [docs.column("story")[0].as_py()], "state": [state]},
                        schema=schema)
    return run


def _duck(t: pa.DataType) -> str:
    return "INTEGER" if t == pa.int32() else "VARCHAR"


# --------------------------------------------------------------------------------------------
# Loading the Parquet into the DuckDB store
# --------------------------------------------------------------------------------------------


@dataclass
class LoadResult:
    """How many paths the load added, updated, left unchanged and removed."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


def load_into_store(store: Any, out: Path, files: list) -> LoadResult:
    """The corpus in the store becomes the Spark output, in one transaction: documents and
    their rows are replaced, paths versioned as ``audit ingest`` does, and the stories and
    entities replaced (the check's per-story reuse still works on what it finds). Every
    table is read by DuckDB from the Parquet, one statement each; no row passes through
    Python."""
    from audit.ingest.zones import ZONER_VERSION

    con = store.con
    res = LoadResult()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    cols = store_columns(DOC_TABLES + ("entities", "entity_mentions"))
    cols["document_stories"] = [("document_id", "VARCHAR"), ("story_id", "VARCHAR"),
                                ("story", "VARCHAR")]
    cols["paths"] = PATHS_COLUMNS
    cols["resolve_stories"] = [("story_id", "VARCHAR"), ("state", "VARCHAR")]

    def pq(t: str) -> str:
        return parquet_relation(out, t, cols[t])

    with store.transaction():
        con.execute(f"CREATE OR REPLACE TEMP TABLE _spark_docs AS "
                    f"SELECT document_id AS id FROM {pq('documents')}")
        con.execute("DELETE FROM claim_spans WHERE claim_id IN (SELECT claim_id FROM claims "
                    "WHERE document_id IN (SELECT id FROM _spark_docs))")
        for t in ("zones", "claims", "spans", "mentions", "extractions", "documents"):
            con.execute(f"DELETE FROM {t} WHERE document_id IN (SELECT id FROM _spark_docs)")
        for t in DOC_TABLES:
            names = ", ".join(c for c, _ in cols[t])
            con.execute(f"INSERT INTO {t} ({names}) SELECT {names} FROM {pq(t)}")
        # paths: a new path or one now holding another document gets its next version
        con.execute(f"CREATE OR REPLACE TEMP TABLE _spark_paths AS "
                    f"SELECT DISTINCT path, document_id FROM {pq('paths')}")
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _spark_changed AS
            SELECT p.path, p.document_id, coalesce(v.version, 0) + 1 AS version,
                   c.path IS NOT NULL AS was_there
            FROM _spark_paths p
            LEFT JOIN document_paths c ON c.path = p.path
            LEFT JOIN (SELECT path, max(version) AS version FROM document_versions
                       GROUP BY path) v ON v.path = p.path
            WHERE c.path IS NULL OR c.document_id <> p.document_id""")
        n_paths, res.added, res.updated = con.execute(
            "SELECT (SELECT count(*) FROM _spark_paths), count(*) FILTER (NOT was_there), "
            "count(*) FILTER (was_there) FROM _spark_changed").fetchall()[0]
        res.unchanged = n_paths - res.added - res.updated
        res.removed = con.execute("SELECT count(*) FROM document_paths WHERE path NOT IN "
                                  "(SELECT path FROM _spark_paths)").fetchall()[0][0]
        con.execute("DELETE FROM document_paths WHERE path IN (SELECT path FROM _spark_changed) "
                    "OR path NOT IN (SELECT path FROM _spark_paths)")
        con.execute("INSERT INTO document_paths (path, document_id, version, updated_at) "
                    "SELECT path, document_id, version, $now FROM _spark_changed ORDER BY path",
                    {"now": now})
        con.execute("INSERT INTO document_versions (path, version, document_id, ingested_at) "
                    "SELECT path, version, document_id, $now FROM _spark_changed ORDER BY path",
                    {"now": now})
        for key, digest in {sf.manifest: sf.manifest_digest for sf in files}.items():
            con.execute("DELETE FROM meta WHERE key = ?", [f"manifest:{key}"])
            if digest:
                con.execute("INSERT INTO meta VALUES (?, ?)", [f"manifest:{key}", digest])
        con.execute("INSERT OR REPLACE INTO meta VALUES ('zoner_version', ?)", [ZONER_VERSION])
        # stories and entities: replaced as a whole
        con.execute("DELETE FROM entity_mentions")
        con.execute("DELETE FROM entities")
        con.execute("DELETE FROM document_stories")
        con.execute("DELETE FROM resolve_stories")
        con.execute(f"INSERT INTO document_stories (document_id, story_id) "
                    f"SELECT document_id, story_id FROM {pq('document_stories')} "
                    f"ORDER BY document_id")
        for t in ("entities", "entity_mentions"):
            names = ", ".join(c for c, _ in cols[t])
            con.execute(f"INSERT INTO {t} ({names}) SELECT {names} FROM {pq(t)} "
                        f"ORDER BY {cols[t][0][0]}")
        con.execute(f"INSERT INTO resolve_stories (story_id, state) SELECT story_id, state "
                    f"FROM {pq('resolve_stories')} ORDER BY story_id")
        con.execute("DROP TABLE _spark_docs")
        con.execute("DROP TABLE _spark_paths")
        con.execute("DROP TABLE _spark_changed")
    return res


def parquet_relation(out: Path, table: str, cols: list[tuple[str, str]] | None = None) -> str:
    """DuckDB's relation over a table of the output (``read_parquet`` of its partitions), or
    an empty one of its columns (``cols``, default the store's) where Spark wrote no file."""
    if not any((out / table).glob("*/*.parquet")):  # no rows: Spark wrote no file
        cols = cols or store_columns((table,))[table]
        names = ", ".join(f"NULL::{ty} AS {c}" for c, ty in cols)
        return f"(SELECT {names} LIMIT 0)"
    return f"read_parquet('{_sql_path(out / table)}/*/*.parquet', hive_partitioning = false)"


def _sql_path(p: Path) -> str:
    s = str(p)
    if "'" in s:
        raise ConfigError("the Spark output path must not contain a quote", s)
    return s
