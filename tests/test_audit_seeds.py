"""End to end on the two real seed documents in ../shared/seeds."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SEED_FILES, invoke

S000 = "000_68f6d385267182c0.txt"
S004 = "004_9d3b0c5d8f3e1603.txt"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> tuple[Path, dict, int]:
    if not SEED_FILES:
        pytest.skip("seed documents not available")
    import shutil

    root = tmp_path_factory.mktemp("seeds")
    (root / "sources").mkdir()
    for f in SEED_FILES:
        shutil.copy(f, root / "sources" / f.name)
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    # the user's metadata: publication dates (seed 004 states "April 9" without a year)
    (root / "sources" / "manifest.toml").write_text(
        f'[[document]]\npath = "{S000}"\ndate = 2024-04-12\n\n'
        f'[[document]]\npath = "{S004}"\ndate = 2024-04-10\n')
    r = invoke("run", root, "--format", "json", "--format", "html")
    bundle = json.loads((root / "reports" / "findings.json").read_text())
    return root, bundle, r.exit_code


def claims(root: Path, sql: str, params=()) -> list[tuple]:
    con = duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def per_doc(root: Path, where: str) -> set[str]:
    rows = claims(root, f"""SELECT DISTINCT p.path FROM claims c JOIN document_paths p
                           USING (document_id) WHERE c.compared AND {where}""")
    return {r[0].rsplit("/", 1)[-1] for r in rows}


def test_amount_and_count_in_both(seeds):
    root, _, _ = seeds
    assert per_doc(root, "kind = 'money' AND value_num = 110000000 "
                         "AND value->>'currency' = 'USD'") == {S000, S004}
    assert per_doc(root, "kind = 'count' AND value_num = 9 "
                         "AND subject = 'japanese companies'") == {S000, S004}


def test_date_and_quote(seeds):
    root, _, _ = seeds
    assert S000 in per_doc(root, "kind = 'date' AND value->>'iso' = '2024-04-09'")
    assert S004 in per_doc(root, "kind = 'date' AND value->>'iso' = '2024-04-09'")
    assert per_doc(root, "kind = 'quote' AND value->>'speaker' LIKE '%Raimondo%' "
                         "AND value->>'text' LIKE '%committed to working with our allies%'") \
        == {S000, S004}


def test_funder_lists_and_scope(seeds):
    root, _, _ = seeds
    rows = claims(root, """SELECT p.path, c.subject, c.value FROM claims c
                          JOIN document_paths p USING (document_id)
                          WHERE c.kind = 'org_list' AND c.predicate = 'funder' AND c.compared""")
    lists = [(p.rsplit("/", 1)[-1], s, {m.lower() for m in json.loads(v)["members"]})
             for p, s, v in rows]
    full = {"nvidia", "amazon", "arm", "softbank group", "microsoft"}
    assert any(d == S000 and m == full for d, _, m in lists)
    assert any(d == S004 and m == full for d, _, m in lists)
    assert any(d == S004 and s == "CMU" and m == {"arm", "microsoft", "softbank group"}
               for d, s, m in lists)


def test_prime_minister_is_one_entity_with_a_spelling_variant(seeds):
    root, _, _ = seeds
    rows = claims(root, """SELECT e.entity_id, em.variant, em.variant_kind
                          FROM entity_mentions em JOIN entities e USING (entity_id)
                          WHERE em.variant LIKE 'Kishid%'""")
    assert len({r[0] for r in rows}) == 1
    variants = {r[1]: r[2] for r in rows}
    assert "Kishido Fumio" in variants and "Kishida" in variants
    assert "spelling" in variants.values()


def test_sidebar_is_never_compared(seeds):
    root, _, _ = seeds
    rows = claims(root, """SELECT count(*) FROM claims c JOIN spans s ON s.document_id =
                          c.document_id JOIN claim_spans cs ON cs.span_id = s.span_id AND
                          cs.claim_id = c.claim_id JOIN documents d ON d.document_id =
                          c.document_id WHERE c.compared AND
                          s.start_char >= strpos(d.text, 'About the Author') - 1
                          AND strpos(d.text, 'About the Author') > 0""")
    assert rows[0][0] == 0


def test_findings(seeds):
    _, bundle, code = seeds
    assert code == 1
    errors = [f for f in bundle["findings"] if f["severity"] == "error"]
    nv = [f for f in errors if f["class"] == "name-variant"]
    assert nv, "the Kishido/Kishida misspelling must be an error"
    ev = {(e["path"].rsplit("/", 1)[-1], e["exact"]) for e in nv[0]["evidence"]}
    assert any(d == S000 and "Kishido" in x for d, x in ev)
    assert any(d == S000 and "Kishida" in x for d, x in ev)
    assert any(d == S004 and "Kishida" in x for d, x in ev)
    # everything at error severity is that misspelling: no legitimate variant, no sidebar
    assert {f["class"] for f in errors} == {"name-variant"}
    case = [f for f in bundle["findings"] if f["class"] == "name-variant"
            and "Softbank" in f["message"]]
    assert case and all(f["severity"] == "info" for f in case)
    lists = [f for f in bundle["findings"] if f["class"] == "list-mismatch"]
    assert lists and all(f["severity"] != "error" for f in lists)
    scoped = [f for f in lists if "scope" in f["details"].get("scope", "")]
    assert scoped
    docs = {e["path"].rsplit("/", 1)[-1] for f in scoped for e in f["evidence"]}
    assert docs == {S000, S004}


def test_fail_on_never(seeds):
    root, _, _ = seeds
    r = invoke("check", root, "--fail-on", "never")
    assert r.exit_code == 0
    r = invoke("check", root, "--fail-on", "error")
    assert r.exit_code == 1 and "verdict: FAIL" in r.output


def test_quote_punctuation_is_not_drift(seeds):
    _, bundle, _ = seeds
    # the seeds quote Raimondo with different quote marks, dashes and sentence breaks only
    assert not [f for f in bundle["findings"] if f["class"] == "quote-drift"]
