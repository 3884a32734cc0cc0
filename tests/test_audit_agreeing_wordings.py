"""Documents of a different event and style (tests/fixtures/varied): they agree on every fact,
so nothing may be reported at warning or error; and the facts are read despite the wording."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO, invoke

VARIED = REPO / "tests" / "fixtures" / "varied"


@pytest.fixture(scope="module")
def varied(tmp_path_factory) -> tuple[Path, dict, int]:
    root = tmp_path_factory.mktemp("varied")
    (root / "sources").mkdir()
    for f in VARIED.iterdir():
        if f.suffix in (".txt", ".html", ".md") and f.name != "README.md":
            shutil.copy(f, root / "sources" / f.name)
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    r = invoke("run", root, "--format", "json")
    return root, json.loads((root / "reports" / "findings.json").read_text()), r.exit_code


def q(root: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_no_false_alarms(varied):
    _, bundle, code = varied
    loud = [f["message"] for f in bundle["findings"] if f["severity"] in ("error", "warning")]
    assert loud == [] and code == 0


def test_amount_in_every_document(varied):
    root, _, _ = varied
    rows = q(root, """SELECT count(DISTINCT document_id) FROM claims
                      WHERE kind = 'money' AND value_num = 45000000 AND value->>'currency' = 'EUR'
                        AND compared""")
    assert rows[0][0] == 3


def test_dates_resolve_to_the_same_day(varied):
    root, _, _ = varied
    rows = q(root, """SELECT DISTINCT value->>'iso' FROM claims WHERE kind = 'date' AND compared
                      AND value->>'precision' = 'day' AND value->>'iso' LIKE '%-03-09'""")
    assert rows == [("2023-03-09",)]  # "9 March", "March 9th", "Thursday, 9 March 2023"


def test_inverted_attribution_gets_its_speaker(varied):
    root, _, _ = varied
    speakers = {r[0] for r in q(root, "SELECT value->>'speaker' FROM claims WHERE kind='quote'")}
    assert "Tomasz Wielicki" in speakers or "Wielicki" in speakers
    assert None not in speakers


def test_topics_after_a_counted_colon(varied):
    root, _, _ = varied
    items = [json.loads(r[0]) for r in q(root, "SELECT value->'items' FROM claims "
                                              "WHERE kind = 'topic_list'")]
    assert ["solid electrolytes", "recycling of cathode metals",
            "fast-charging cells for ferries"] in items
