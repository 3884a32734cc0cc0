"""Typed claim values (audit/claimvalues.py): every kind has a type, the extractors' values keep
it, and a stored value that breaks it is an integrity finding naming the claim, on a real
DuckDB store (the example project, extracted by the real CLI)."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from audit.check.integrity import run_integrity
from audit.claimvalues import VALUE_TYPES, AtLeast, CountValue, Pattern, field_rules
from audit.model import CLAIM_KINDS
from tests.conftest import EXAMPLE_SOURCES, invoke


def test_every_claim_kind_has_a_value_type():
    assert sorted(VALUE_TYPES) == sorted(CLAIM_KINDS)


def test_rules_are_read_off_the_types():
    rules = {r.path: r for kind in VALUE_TYPES for r in field_rules(VALUE_TYPES[kind])
             if kind == "money"}
    assert rules["amount"].required and "DOUBLE" in rules["amount"].json_types
    assert rules["amount"].constraints == (AtLeast(0),)
    assert isinstance(rules["currency"].constraints[0], Pattern)
    assert not rules["max"].required and not rules["year"].required  # NotRequired
    assert rules["measure"].json_types == ("VARCHAR", "NULL")  # str | None
    assert rules["holder.gives"].required and rules["holder.gives"].json_types == ("ARRAY",)
    org_list = {r.path: r for r in field_rules(VALUE_TYPES["org_list"])}
    # a key inside an object that may be null is never required
    assert org_list["others"].required and not org_list["others.noun"].required
    counts = {r.path: r for r in field_rules(CountValue)}
    assert set(counts["n"].json_types) == {"BIGINT", "UBIGINT", "DOUBLE"}
    assert counts["n"].constraints == (AtLeast(0),)  # one rule though int and float carry it


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The example project ingested and extracted by the CLI, once for the module."""
    root = tmp_path_factory.mktemp("values") / "example"
    shutil.copytree(EXAMPLE_SOURCES, root / "sources")
    # the kinds the example's event gives no occasion for, in words of our own
    (root / "sources" / "zz-other-kinds.txt").write_text(
        "Harbor Robotics has acquired Pinewood Sensors, the companies said on Friday.\n\n"
        "The new test hall is 120 feet long and about 40 meters wide.\n\n"
        "Turnout in the vote on the hall was 61.5%.\n")
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    assert invoke("ingest", root).exit_code == 0
    assert invoke("extract", root).exit_code == 0
    return root / ".audit" / "audit.duckdb"


@pytest.fixture
def store(extracted, tmp_path):
    """A private copy of the extracted store, to tamper with."""
    db = tmp_path / "audit.duckdb"
    shutil.copy(extracted, db)
    con = duckdb.connect(str(db))
    yield con
    con.close()


def test_extracted_values_keep_their_contracts(store, backend):
    kinds = {k for (k,) in store.execute("SELECT DISTINCT kind FROM claims").fetchall()}
    assert kinds == set(CLAIM_KINDS)  # the example states every kind
    assert run_integrity(store) == []
    # the screen's temp tables are gone again
    assert not store.execute("SELECT table_name FROM information_schema.tables "
                             "WHERE table_name LIKE '\\_audit\\_claim\\_values\\_%' "
                             "ESCAPE '\\'").fetchall()


def _tamper(con, kind: str, change) -> str:
    """Rewrite the value of the first claim of ``kind``; returns its id."""
    claim_id, value = con.execute(
        "SELECT claim_id, value FROM claims WHERE kind = ? ORDER BY claim_id LIMIT 1",
        [kind]).fetchall()[0]
    value = json.loads(value)
    change(value)
    con.execute("UPDATE claims SET value = ? WHERE claim_id = ?", [json.dumps(value), claim_id])
    return claim_id


def _set(key, new):
    def change(value):
        value[key] = new
    return change


@pytest.mark.parametrize(("kind", "change", "check", "rule"), [
    ("money", _set("currency", "usd"), "integrity.claims.value.money.currency-pattern",
     "an ISO 4217 code: three capital letters"),
    ("money", _set("amount", "110 million"), "integrity.claims.value.money.amount-type",
     "DOUBLE or BIGINT or UBIGINT"),
    ("money", _set("amount", -5.0), "integrity.claims.value.money.amount-range", "at least 0"),
    ("money", lambda v: v.pop("currency"), "integrity.claims.value.money.currency-missing",
     "not null"),
    ("money", lambda v: v["holder"].pop("gives"),
     "integrity.claims.value.money.holder.gives-missing", "not null"),
    ("date", _set("iso", "9 April 2024"), "integrity.claims.value.date.iso-pattern",
     "an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD (XXXX: year unknown)"),
    ("count", _set("n", "nine"), "integrity.claims.value.count.n-type",
     "BIGINT or UBIGINT or DOUBLE"),
    ("count", _set("frame", "background"), "integrity.claims.value.count.frame-pattern",
     "event or other"),
    ("person", _set("name", None), "integrity.claims.value.person.name-type", "VARCHAR"),
    ("org_list", _set("members", "Acme, Borealis"),
     "integrity.claims.value.org_list.members-type", "ARRAY"),
    ("quote", lambda v: v.pop("text"), "integrity.claims.value.quote.text-missing", "not null"),
])
def test_a_broken_value_is_an_integrity_finding(store, backend, kind, change, check, rule):
    claim_id = _tamper(store, kind, change)
    found = run_integrity(store)
    assert [f.check for f in found] == [check]
    f = found[0]
    assert (f.cls, f.severity) == ("integrity", "error")
    assert f.details["ids"] == [claim_id] and f.details["count"] == 1
    assert f.details["kind"] == kind and f.details["rule"] == rule
    assert f.details["backend"] == backend
    assert claim_id in f.message and kind in f.message
    assert f.key == [check, [claim_id]]


def test_a_value_that_is_not_an_object_breaks_every_required_key(store, backend):
    claim_id = _tamper(store, "place", lambda v: v.clear())
    store.execute("UPDATE claims SET value = '\"Leiden\"' WHERE claim_id = ?", [claim_id])
    found = {f.check: f for f in run_integrity(store)}
    assert set(found) == {f"integrity.claims.value.place.{k}-missing"
                          for k in ("name", "city", "region")}
    assert all(f.details["ids"] == [claim_id] for f in found.values())


def test_keys_a_type_does_not_name_are_allowed(store, backend):
    _tamper(store, "quote", _set("language", "en"))
    assert run_integrity(store) == []


def test_a_tampered_value_fails_the_check_command(extracted, tmp_path):
    root = tmp_path / "example"
    shutil.copytree(extracted.parents[1], root)
    con = duckdb.connect(str(root / ".audit" / "audit.duckdb"))
    claim_id = _tamper(con, "money", _set("currency", "dollars"))
    con.close()
    result = invoke("check", root, "--format", "json")
    assert result.exit_code == 1, result.output
    findings = json.loads((root / "reports" / "findings.json").read_text())["findings"]
    broken = [f for f in findings if f["check"] == "integrity.claims.value.money.currency-pattern"]
    assert len(broken) == 1 and broken[0]["severity"] == "error"
    assert broken[0]["details"]["ids"] == [claim_id]
    assert "dollars" in json.dumps(broken[0]["values"]) and claim_id in broken[0]["message"]
