"""End to end on the example project: every planted discrepancy found at its planted severity,
nothing else at error severity."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from audit.evaluation import load_planted, score
from tests.conftest import EXAMPLE_SOURCES, invoke


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> tuple[Path, dict, int]:
    import shutil

    root = tmp_path_factory.mktemp("example")
    shutil.copytree(EXAMPLE_SOURCES, root / "sources")
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    result = invoke("run", root, "--format", "json", "--format", "html")
    bundle = json.loads((root / "reports" / "findings.json").read_text())
    return root, bundle, result.exit_code


def test_exit_code_and_reports(audited):
    root, bundle, code = audited
    assert code == 1  # planted errors fail the gate
    assert bundle["schema_version"] == "1.1"
    assert bundle["run"]["verdict"] == "fail"
    assert (root / "reports" / "report.html").stat().st_size > 1000


def test_planted_recall_and_precision(audited):
    _, bundle, _ = audited
    planted = load_planted(EXAMPLE_SOURCES / "PLANTED.md")["planted"]
    sc = score(bundle["findings"], planted)
    missed = [(p["id"], p["class"]) for p in sc.missed_items]
    false = [f["message"] for f in sc.false_items]
    assert sc.recall == 1.0, f"missed {missed}"
    assert sc.precision == 1.0, f"false findings {false}"


def test_pdf_and_docx_discrepancies_are_found_with_their_place(audited):
    """The two binary sources each carry one planted discrepancy; the PDF's is on page 2 and
    the reports say so."""
    from audit.evaluation import matches

    root, bundle, _ = audited
    planted = load_planted(EXAMPLE_SOURCES / "PLANTED.md")["planted"]
    binary = {p["documents"][0].rsplit(".", 1)[-1]: p for p in planted
              if p["documents"][0].endswith((".pdf", ".docx"))}
    assert set(binary) == {"pdf", "docx"}
    for ext, item in binary.items():
        hits = [f for f in bundle["findings"] if matches(item, f)]
        assert hits, f"planted item {item['id']} in the .{ext} file not found"
        own = [e for f in hits for e in f["evidence"]
               if e["path"].endswith(item["documents"][0])]
        assert own and any(item["values"][0] in e["exact"] for e in own)
        if ext == "pdf":
            assert {e["page"] for e in own if item["values"][0] in e["exact"]} == {2}
        else:
            assert all(e["page"] is None and e["line"] for e in own)
    pdf = binary["pdf"]["documents"][0]
    assert f"{pdf} (page 2)" in (root / "reports" / "report.html").read_text()
    assert invoke("report", root, "--format", "md", "--out", root / "md").exit_code == 0
    assert f"{pdf} (page 2)" in (root / "md" / "summary.md").read_text()


def test_no_error_from_legitimate_variants(audited):
    _, bundle, _ = audited
    legit = load_planted(EXAMPLE_SOURCES / "PLANTED.md").get("legitimate", [])
    errors = [f for f in bundle["findings"] if f["severity"] == "error"]
    for item in legit:
        for f in errors:
            if f["class"] != item["class"]:
                continue
            exact = {e["exact"] for e in f["evidence"]}
            # a legitimate variant may appear as the agreeing side of a real error, never alone
            assert not (exact and exact <= set(item.get("values", []))), (item, f["message"])


def test_every_span_matches_its_text(audited):
    root, _, _ = audited
    con = duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True)
    bad = con.execute("""SELECT count(*) FROM spans s JOIN documents d USING (document_id)
        WHERE substr(d.text, s.start_char + 1, s.end_char - s.start_char) <> s.exact""").fetchone()
    no_span = con.execute("""SELECT count(*) FROM claims c WHERE NOT EXISTS
        (SELECT 1 FROM claim_spans cs WHERE cs.claim_id = c.claim_id)""").fetchone()
    assert bad[0] == 0 and no_span[0] == 0
    assert con.execute("SELECT count(*) FROM claims").fetchone()[0] > 50


def test_rerun_is_deterministic(audited, tmp_path):
    import shutil

    root, bundle, _ = audited
    other = tmp_path / "again"
    shutil.copytree(root / "sources", other / "sources")
    (other / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    invoke("run", other, "--format", "json")
    again = json.loads((other / "reports" / "findings.json").read_text())
    strip = lambda b: [(f["id"], f["message"], f["evidence"]) for f in b["findings"]]  # noqa: E731
    assert strip(again) == strip(bundle)
    con_a = duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True)
    con_b = duckdb.connect(str(other / ".audit" / "audit.duckdb"), read_only=True)
    q = "SELECT claim_id, kind, subject, value FROM claims ORDER BY claim_id"
    try:
        assert con_a.execute(q).fetchall() == con_b.execute(q).fetchall()
    finally:
        con_a.close()
        con_b.close()


def test_second_run_reuses_extraction_and_diff_is_empty(audited):
    root, _, _ = audited
    r = invoke("run", root, "--format", "json")
    assert "0 document(s) extracted" in r.output
    d = invoke("diff", root)
    assert d.exit_code == 0 and ": 0 new, 0 fixed" in d.output


def test_process_pool_gives_the_same_claims(audited, tmp_path, monkeypatch):
    import shutil

    root, _, _ = audited
    pooled = tmp_path / "pooled"
    shutil.copytree(root / "sources", pooled / "sources")
    (pooled / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    monkeypatch.setenv("AUDIT_WORKERS", "2")
    assert invoke("run", pooled, "--format", "json").exit_code == 1
    q = "SELECT claim_id, kind, subject, value FROM claims ORDER BY claim_id"
    cons = [duckdb.connect(str(p / ".audit" / "audit.duckdb"), read_only=True)
            for p in (root, pooled)]
    try:
        assert cons[0].execute(q).fetchall() == cons[1].execute(q).fetchall()
    finally:
        for c in cons:
            c.close()
