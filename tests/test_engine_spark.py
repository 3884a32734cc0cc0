"""The Spark engine (``audit run --engine spark``) gives the DuckDB engine's findings.

Spark runs in local mode (``local[2]``) with one session for the whole module (starting the JVM
is the slow part); the CLI's ``getOrCreate`` reuses it. Without Java or pyspark these tests are
skipped locally, but never in CI (``CI`` set), which installs both.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO, conflicting_project, invoke, restate_first_amount

# Spark set up for tests: a small driver, and two shuffle partitions for local[2] (the default
# eight only add tasks on inputs this small; every run is dozens of small Spark jobs).
TEST_CONF = {"spark.driver.memory": "1g", "spark.sql.shuffle.partitions": "2"}
SPARK_CONF = tuple(x for k, v in TEST_CONF.items() for x in ("--spark-conf", f"{k}={v}"))


def _spark_missing() -> str | None:
    from audit.engine import let_spark_in

    let_spark_in()  # the CLI keeps pyspark out of this process until an engine asks for it
    if shutil.which("java") is None:
        return "no Java runtime (apt-get install default-jre-headless)"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -e '.[spark]')"
    return None


@pytest.fixture(scope="module")
def spark():
    reason = _spark_missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Spark tests: {reason}")
        pytest.skip(reason)
    from audit.engine.settings import SparkSettings
    from audit.engine.spark import session

    return session(SparkSettings("local[2]", None, dict(TEST_CONF)))


def _copy_example(root: Path) -> Path:
    shutil.copytree(REPO / "sources", root / "sources")
    for sub in ("claims", "checks"):
        shutil.copytree(REPO / sub, root / sub)
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    return root


def _fingerprints(project: Path) -> list[tuple[str, str, str]]:
    doc = json.loads((project / "reports" / "findings.json").read_text())
    return sorted((f["id"], f["severity"], f["class"]) for f in doc["findings"])


def _table(project: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(project / ".audit" / "audit.duckdb"), read_only=True)
    try:
        return sorted(con.execute(sql).fetchall())
    finally:
        con.close()


def _both(tmp_path: Path, make, outputs: list[str] | None = None) -> tuple[Path, Path]:
    """The same project audited by each engine (their console output appended to
    ``outputs``)."""
    duck, spk = make(tmp_path / "duckdb"), make(tmp_path / "spark")
    r1 = invoke("run", duck, "--format", "json", "--fail-on", "never", "-q")
    assert r1.exit_code == 0, r1.output
    r2 = invoke("run", spk, "--engine", "spark", "--format", "json", "--fail-on", "never",
                "-q", *SPARK_CONF)
    assert r2.exit_code == 0, r2.output
    if outputs is not None:
        outputs.extend((r1.output, r2.output))
    return duck, spk


SAME_TABLES = (
    "SELECT claim_id, document_id, kind, value, zone_kind, compared FROM claims",
    "SELECT span_id, start_char, end_char, exact, line, col FROM spans",
    "SELECT path, document_id, version FROM document_paths",
    "SELECT document_id, story_id FROM document_stories",
    "SELECT mention_id, entity_id, variant, variant_kind FROM entity_mentions",
    "SELECT story_id, state FROM resolve_stories",
)


def _example_with_a_copy(root: Path) -> Path:
    """The example project plus one file copied under a second name (one document, two
    paths: the Spark engine keeps the rows of one of them)."""
    _copy_example(root)
    first = sorted((root / "sources").glob("*.txt"))[0]
    shutil.copy(first, root / "sources" / f"copy-{first.name}")
    return root


# The findings as stored, row for row (the Spark engine makes them in its executors).
SAME_FINDINGS = (
    "SELECT run_id, finding_id, seq, check_name, class, severity, message, accepted, "
    "waiver_reason, details FROM findings",
    "SELECT run_id, finding_id, seq, document_id, claim_id, span_id, start_char, end_char, "
    "exact, value FROM finding_evidence",
)


def _waiving_one(root: Path) -> Path:
    """The example project with a copy (``_example_with_a_copy``) and one of its error
    findings waived."""
    _example_with_a_copy(root)
    probe = _example_with_a_copy(root.parent / f"{root.name}-probe")
    r = invoke("run", probe, "--format", "json", "--fail-on", "never", "-q")
    assert r.exit_code == 0, r.output
    fp = next(f for f, sev, _ in _fingerprints(probe) if sev == "error")
    (root / "checks" / "waivers.toml").write_text(
        f'[[waiver]]\nfingerprint = "{fp}"\nreason = "known: the release rounds it"\n')
    return root


def test_example_project_same_findings_on_both_engines(spark, tmp_path: Path):
    outputs: list[str] = []
    duck, spk = _both(tmp_path, _waiving_one, outputs)
    found = _fingerprints(spk)
    assert found == _fingerprints(duck)
    assert any(sev == "error" for _, sev, _ in found)  # the planted errors are there
    for sql in SAME_TABLES + SAME_FINDINGS:
        assert _table(spk, sql) == _table(duck, sql), sql
    assert _table(spk, "SELECT count(*) FROM findings WHERE accepted "
                       "AND waiver_reason LIKE 'known%'") == [(1,)]
    summary = [json.loads((p / "reports" / "findings.json").read_text())["summary"]
               for p in (duck, spk)]
    assert summary[0] == summary[1] and summary[0]["accepted"] == 1
    # the console's counts and top findings (read back with SQL on the Spark engine)
    shown = [[x for x in out.splitlines() if x.startswith(("check:", "  "))]
             for out in outputs]
    assert shown[0] == shown[1] and any("1 accepted" in x for x in shown[0])
    assert len(shown[0]) > 3
    # the findings and their evidence were made in the executors: Parquet in the output,
    # partitioned by the first hex digit of the finding id, as loaded into the store
    out = spk / ".audit" / "spark"
    con = duckdb.connect()
    made = {t: sorted(con.execute(
        f"SELECT finding_id, count(*) FROM read_parquet('{out / t}/*/*.parquet') GROUP BY 1"
    ).fetchall()) for t in ("findings", "finding_evidence")}
    assert made["findings"] and made == {
        "findings": _table(spk, "SELECT finding_id, 1 FROM findings "
                                "WHERE check_name NOT LIKE 'integrity%' GROUP BY 1"),
        "finding_evidence": _table(spk, "SELECT finding_id, count(*) FROM finding_evidence "
                                        "WHERE finding_id IN (SELECT finding_id FROM findings "
                                        "WHERE check_name NOT LIKE 'integrity%') GROUP BY 1")}
    assert {p.name for p in (out / "findings").glob("part=*")} <= {
        f"part={c}" for c in "0123456789abcdef"}
    # the Parquet output, partitioned by the first hex digit of the document id
    out = spk / ".audit" / "spark"
    for table in ("documents", "zones", "claims", "spans", "claim_spans", "mentions",
                  "document_stories", "entities", "entity_mentions"):
        assert list((out / table).glob("part=*/*.parquet")), table
    parts = {p.name for p in (out / "claims").glob("part=*")}
    assert parts and all(len(p) == len("part=0") for p in parts)


# Three small stories of our own beside a generated corpus (more than 50 documents, so the
# corpus is split into stories): each misspells the same engineer the same way, and each
# counts four backers but lists three. Two documents of one story share two names; documents
# of two stories share at most one, so the stories stay apart.
CROSS_STORIES = (("Ingrid Solberg", "Elena Marsh", "reservoir",
                  "Vestra Energi, Kobolt Materials and Helio Cells"),
                 ("Priya Osei", "Jonas Whitcombe", "pier",
                  "Arden Solar, Brightwater Foods and Calder Steel"),
                 ("Arturo Benedetti", "Mira Halvorsen", "bridge",
                  "Dunmore Textiles, Eastgate Freight and Fenwick Glass"))


def _cross_story_corpus(root: Path) -> Path:
    from benchmarks.generate import generate

    generate(root, 24, 4, 11)  # 96 documents: many stories
    src = root / "sources" / "extra"
    src.mkdir()
    for n, (mayor, chair, site, backers) in enumerate(CROSS_STORIES):
        (src / f"s{n}-a.txt").write_text(
            f"Council approves {site} repairs\n\n"
            f"Mayor {mayor} and Chair {chair} backed the {site} repairs on Tuesday. \"The "
            f"work is well planned,\" said Tomas Vandergriff, the engineer in charge. Tomas "
            f"Vandergriff said the {site} would reopen in spring.\n\n"
            f"The project has four backers: {backers}.\n")
        (src / f"s{n}-b.txt").write_text(
            f"Repairs approved at the {site}\n\n"
            f"Mayor {mayor} welcomed the repairs, and Chair {chair} said they were approved. "
            f"\"We have the money now,\" said Tomas Vandergrif, the engineer in charge.\n")
    (root / "claims").mkdir(exist_ok=True)
    (root / "claims" / "facts.toml").write_text(
        '[[name]]\ncanonical = "Tomas Vandergriff"\ntype = "person"\n')
    return root


def test_generated_corpus_same_findings_stories_and_reruns(spark, tmp_path: Path,
                                                           monkeypatch):
    """A generated corpus (many stories) with three small stories of our own
    (``_cross_story_corpus``), audited by both engines as a large corpus is (the judged frame
    and the findings' joins planned by Spark: no broadcast, no coalescing): the same stored
    rows and findings; name-variant, count-vs-list and reference built in the story buckets,
    one key found in stories of different buckets one finding, the DuckDB engine's (same
    message, same evidence in the same order); then one edit, and the Spark engine's re-run
    gives the DuckDB engine's findings on the edited corpus. One test for all three, since
    every Spark run costs about a minute of CI whatever the corpus size."""
    from audit.engine import sparkcheck
    from audit.engine.sparkcheck import story_bucket

    monkeypatch.setattr(sparkcheck, "JUDGE_ROWS", 0)
    monkeypatch.setattr(sparkcheck, "LOCAL_JUDGE_ROWS", 0)  # GX on Spark, as at scale
    duck, spk = _both(tmp_path, _cross_story_corpus)
    found = _fingerprints(spk)
    assert len(found) > 20 and found == _fingerprints(duck)
    for sql in SAME_TABLES + SAME_FINDINGS:
        assert _table(spk, sql) == _table(duck, sql), sql
    n_stories = _table(spk, "SELECT count(DISTINCT story_id) FROM document_stories")[0][0]
    assert n_stories > 12
    assert any(cls == "quote-drift" for _, _, cls in found)

    # the three stories of our own: each key found in all three is one finding
    stories = [s for (s,) in _table(spk, """
        SELECT DISTINCT story_id FROM document_stories JOIN document_paths USING (document_id)
        WHERE path LIKE '%extra/%'""")]
    assert len(stories) == 3
    buckets = spark.createDataFrame([(s,) for s in stories], "story string") \
        .select(story_bucket(spark).alias("b")).distinct().count()
    assert buckets >= 2  # so the keys are merged across buckets, on the driver
    story_of = dict(_table(spk, "SELECT document_id, story_id FROM document_stories"))

    def across(project: Path) -> dict[str, dict]:
        doc = json.loads((project / "reports" / "findings.json").read_text())
        return {f["class"]: f for f in doc["findings"]
                if f["class"] in ("name-variant", "count-vs-list", "reference")
                and {story_of[e["document_id"]] for e in f["evidence"]} == set(stories)}

    crossing = across(spk)
    assert set(crossing) == {"name-variant", "count-vs-list", "reference"}
    assert crossing == across(duck)
    assert "'Tomas Vandergrif'" in crossing["name-variant"]["message"]
    assert crossing["name-variant"]["details"]["variant_kind"] == "spelling"

    # after one edit the Spark engine recomputes the story checks of the changed story only,
    # and the per-story corpus checks (quote-drift, attribution-change) in every bucket; its
    # findings are the DuckDB engine's on the edited corpus
    for root in (duck, spk):
        restate_first_amount(root)
    assert invoke("run", duck, "--format", "json", "--fail-on", "never", "-q").exit_code == 0
    again = invoke("run", spk, "--engine", "spark", "--format", "json", "--fail-on", "never",
                   *SPARK_CONF)
    assert again.exit_code == 0, again.output
    assert "reused from run" in again.output
    assert _fingerprints(spk) == _fingerprints(duck) != found
    for sql in SAME_FINDINGS:  # both runs: the copied findings and the new ones
        assert _table(spk, sql) == _table(duck, sql), sql


def test_a_key_built_in_two_buckets_is_merged_in_the_builders_order():
    """Two entities in two stories with one spelling pair are one name-variant candidate; the
    first in the builder's order gives its kind (an alias in one story, a misspelling in the
    other), whichever bucket's row the driver reads first, as the DuckDB engine merges them."""
    import pickle

    from audit.check.candidates import Candidate
    from audit.check.run import _collect
    from audit.engine.sparkcheck import _merged

    def cand(kind: str, claim: str, entity: str) -> Candidate:
        return Candidate("name-variant", {"variant_kind": kind}, ["person", "Ann Lee", "Anne Lee"],
                         f"person name spelled two ways ({kind})",
                         [{"value": "Anne Lee", "claims": [(claim, ("@s1",))]},
                          {"value": "Ann Lee", "claims": []}],
                         {"variant_kind": kind, "entity": "Ann Lee"},
                         order=["Ann Lee", "Anne Lee", entity])

    first, second = cand("alias", "c9", "e1"), cand("spelling", "c1", "e2")
    duck: dict[str, Candidate] = {}
    _collect(duck, pickle.loads(pickle.dumps([first, second])))  # the builder's order
    for rows in ([first, second], [second, first]):
        got = _merged([{"cid": c.cid, "blob": pickle.dumps(c)} for c in rows])
        assert list(got) == list(duck)
        (m,) = got.values()
        assert (m.judged, m.headline, m.details, m.values) == \
            (duck[m.cid].judged, duck[m.cid].headline, duck[m.cid].details, duck[m.cid].values)
        assert m.judged == {"variant_kind": "alias"}
        assert m.values[0]["claims"] == [("c1", ("@s1",)), ("c9", ("@s1",))]


def test_a_malformed_file_fails_the_job_naming_it(spark, tmp_path: Path):
    root = conflicting_project(tmp_path)  # two good documents beside the bad one
    (root / "sources" / "broken.html").write_bytes(b"\x00\x01\x02\xff\xfe binary \x00" * 50)
    r = invoke("run", root, "--engine", "spark", "--format", "json", *SPARK_CONF)
    assert r.exit_code == 2, r.output
    assert "broken.html" in r.output and "Traceback" not in r.output
    assert not (root / ".audit" / "audit.duckdb").exists()  # nothing half-written
    assert not (root / ".audit" / "spark").exists()
    assert not list((root / ".audit").glob(".spark.tmp-*")) if (root / ".audit").exists() \
        else True
    # the DuckDB engine refuses it with the same message
    d = invoke("run", root, "--format", "json")
    assert d.exit_code == 2 and d.output.strip().splitlines()[-1] == \
        r.output.strip().splitlines()[-1]


def test_spark_settings_are_validated_before_anything_runs(tmp_path: Path):
    root = _copy_example(tmp_path / "p")
    r = invoke("run", root, "--engine", "spark", "--spark-conf", "nokeyvalue")
    assert r.exit_code == 2 and "KEY=VALUE" in r.output
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\nengine = "flink"\n')
    r = invoke("run", root)
    assert r.exit_code == 2 and "'engine' must be one of duckdb, spark" in r.output
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n[audit.spark]\nmaster = 3\n')
    r = invoke("run", root, "--engine", "spark")
    assert r.exit_code == 2 and "spark.master" in r.output
    assert not (root / ".audit").exists()


def test_the_default_engine_never_imports_pyspark(tmp_path: Path):
    root = _copy_example(tmp_path / "p")
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from audit.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['run', {str(root)!r}, '--format', 'json', '-q',"
        " '--fail-on', 'never'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m, mod in sys.modules.items() if mod is not None and"
        " (m.split('.')[0] in ('pyspark', 'py4j') or m.startswith('audit.engine.spark'))))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=str(REPO), capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"



def test_a_check_stage_failure_on_spark_exits_with_a_clear_error(spark, tmp_path: Path,
                                                                  monkeypatch):
    """A bad limit for the checks fails the check stage of the Spark engine (the driver
    validates it before sending it to the workers) as it fails the DuckDB engine: exit 2 with
    the variable named, no traceback, no run recorded, no report written."""
    root = conflicting_project(tmp_path)
    monkeypatch.setenv("AUDIT_MAX_QUOTES_PER_SPEAKER", "many")
    r = invoke("run", root, "--engine", "spark", "--format", "json", "-q", *SPARK_CONF)
    assert r.exit_code == 2, r.output
    assert "AUDIT_MAX_QUOTES_PER_SPEAKER" in r.output and "Traceback" not in r.output
    assert not (root / "reports" / "findings.json").exists()
    assert _table(root, "SELECT count(*) FROM runs") == [(0,)]




def test_a_spark_run_outside_the_virtual_environment_finds_the_audits_packages(
        spark, tmp_path: Path):
    """``audit`` started by its full path, with no virtual environment on the PATH: the local
    Python workers must run this interpreter, not the first ``python3`` of the PATH (which may
    lack pyarrow: every task failed, and the run ended in a bug). A process of its own, since
    the driver reads the workers' Python when its Spark context starts. The workers read the
    sources and find a malformed file: the job fails naming it (exit 2), which only a worker
    that imported pyarrow and the audit's reader can report; no full run is needed for that
    (each costs about a minute of CI)."""
    root = conflicting_project(tmp_path)
    (root / "sources" / "broken.html").write_bytes(b"\x00\x01\x02\xff\xfe binary \x00" * 50)
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON", "VIRTUAL_ENV")}
    env["PATH"] = "/usr/bin:/bin"
    out = subprocess.run([sys.executable, "-m", "audit", "run", str(root), "--engine", "spark",
                          "--format", "json", "--fail-on", "never", "-q", *SPARK_CONF],
                         cwd=str(REPO), env=env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 2, out.stderr[-2000:]
    assert "broken.html" in out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr


def test_local_workers_run_this_interpreter_unless_told_otherwise():
    # outside an activated virtual environment Spark's default "python3" lacks pyarrow
    pytest.importorskip("pyarrow")
    from audit.engine.spark import session_conf

    assert session_conf("local[2]", {}, {})["spark.pyspark.python"] == sys.executable
    assert "spark.pyspark.python" not in session_conf("local[2]", {}, {"PYSPARK_PYTHON": "py"})
    assert session_conf("local[2]", {"spark.pyspark.python": "py3"}, {})[
        "spark.pyspark.python"] == "py3"
    # on a cluster the executors' Python is theirs to say
    assert "spark.pyspark.python" not in session_conf("spark://head:7077", {}, {})
    assert "spark.pyspark.python" not in session_conf(None, {}, {})  # under spark-submit
