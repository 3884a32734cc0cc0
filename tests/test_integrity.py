"""The integrity suite on a real DuckDB store: clean data gives no findings, each corruption
gives the one finding that names it, with the offending ids and the evidence."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import duckdb
import pytest

from audit.check.findings import Evidence
from audit.check.integrity import run_integrity
from audit.spans import LineIndex, make_span
from audit.store import open_store
from audit.store.schema import MIGRATIONS

DOC = "d0011223344556677"
TEXT = (
    "Prices rose in Zürich — “a record”, said Anna Müller.\nAbout 1,200 people came on Tuesday 🦆."
)
TITLE_END = TEXT.index("\n")


def _sp(surface: str) -> dict:
    start = TEXT.index(surface)
    return make_span(DOC, TEXT, start, start + len(surface), LineIndex(TEXT))


SPANS = {
    "place": _sp("Zürich"),
    "quote": _sp("“a record”"),
    "person": _sp("Anna Müller"),
    "count": _sp("1,200 people"),
}
# claim id -> (kind, [(span key, role)])
CLAIMS = {
    "c01": ("place", [("place", "value")]),
    "c02": ("quote", [("quote", "value"), ("person", "speaker")]),
    "c03": ("person", [("person", "value")]),
    "c04": ("count", [("count", "value")]),
}


# a value that keeps its kind's contract (audit/claimvalues.py)
_HOLDER = {"gives": [], "gets": [], "distributive": False, "total": False}
VALUES = {
    "place": {"name": "Zürich", "city": "Zürich", "region": None},
    "quote": {"text": "a record", "speaker": "Anna Müller"},
    "person": {"name": "Anna Müller", "title": "mayor", "org": None, "tokens": ["Anna", "Müller"]},
    "count": {"n": 1200, "measure": "people", "holder": _HOLDER, "frame": "event",
              "bound": [1150.0, 1250.0]},
}


def _insert_document(
    con, document_id: str = DOC, text: str = TEXT, media_type: str = "text/plain"
) -> None:
    con.execute(
        "INSERT INTO documents (document_id, sha256, path, media_type, encoding, bytes, chars,"
        " text, norm_text, ingested_at) VALUES (?, 'x', 'a.txt', ?, 'utf-8', ?, ?, ?, ?, now())",
        [document_id, media_type, len(text.encode()), len(text), text, text],
    )


def _insert_span(con, row: dict) -> None:
    con.execute(
        "INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            row["span_id"],
            row["document_id"],
            row["start_char"],
            row["end_char"],
            row["exact"],
            row["prefix"],
            row["suffix"],
            row["line"],
            row["col"],
        ],
    )


def _insert_claim(
    con, claim_id: str, kind: str, zone_kind: str = "body", document_id: str = DOC
) -> None:
    con.execute(
        "INSERT INTO claims VALUES (?, ?, 0, ?, 'p', 's', '{}', ?, 'v', NULL, ?, true,"
        " 'test', '1')",
        [claim_id, document_id, kind, json.dumps(VALUES.get(kind, "v")), zone_kind],
    )


def _insert_claim_span(con, claim_id: str, span_id: str, role: str, seq: int) -> None:
    con.execute("INSERT INTO claim_spans VALUES (?, ?, ?, ?)", [claim_id, span_id, role, seq])


def _populate(con) -> None:
    _insert_document(con)
    con.execute("INSERT INTO zones VALUES (?, 0, 'title', 0, ?, NULL)", [DOC, TITLE_END])
    con.execute(
        "INSERT INTO zones VALUES (?, 1, 'body', ?, ?, NULL)", [DOC, TITLE_END + 1, len(TEXT)]
    )
    for row in SPANS.values():
        _insert_span(con, row)
    for claim_id, (kind, refs) in CLAIMS.items():
        _insert_claim(con, claim_id, kind)
        for seq, (span_key, role) in enumerate(refs):
            _insert_claim_span(con, claim_id, SPANS[span_key]["span_id"], role, seq)


@pytest.fixture
def con(tmp_path):
    store = open_store(tmp_path / "audit.duckdb")
    _populate(store.con)
    yield store.con
    store.close()


def _by_check(findings) -> dict:
    out = {f.check: f for f in findings}
    assert len(out) == len(findings), [f.check for f in findings]
    for f in findings:
        assert f.cls == "integrity" and f.severity == "error"
        assert f.key == [f.check, f.details["ids"]]
        assert f.details["ids"] == sorted(f.details["ids"])
    return out


def test_consistent_store_has_no_findings(con, backend):
    assert run_integrity(con) == []


def test_changed_exact_is_an_exact_mismatch_with_evidence(con):
    span = SPANS["place"]
    con.execute("UPDATE spans SET exact = 'Zurich' WHERE span_id = ?", [span["span_id"]])
    found = _by_check(run_integrity(con))
    assert set(found) == {"integrity.spans.exact-mismatch"}
    f = found["integrity.spans.exact-mismatch"]
    assert f.key == ["integrity.spans.exact-mismatch", [span["span_id"]]]
    assert f.evidence == [
        Evidence(
            document_id=DOC,
            start=span["start_char"],
            end=span["end_char"],
            exact="Zurich",
            value="Zürich",
            span_id=span["span_id"],
        )
    ]
    assert f.details["count"] == 1


def test_edited_document_text_breaks_every_later_span(con):
    # the text changes under the spans: value is what the text holds at the offsets now
    con.execute(
        "UPDATE documents SET text = replace(text, 'Zürich', 'Zurich!') WHERE document_id = ?",
        [DOC],
    )
    f = _by_check(run_integrity(con))["integrity.spans.exact-mismatch"]
    new_text = TEXT.replace("Zürich", "Zurich!")
    assert {e.span_id for e in f.evidence} == {s["span_id"] for s in SPANS.values()}
    for e in f.evidence:
        assert e.value == new_text[e.start : e.end]
        assert e.exact == TEXT[e.start : e.end]
    assert f.evidence[0].exact == "Zürich" and f.evidence[0].value == "Zurich"


def test_span_past_end_of_text_is_out_of_bounds(con):
    start = len(TEXT) - 3
    row = make_span(DOC, TEXT, start, len(TEXT), LineIndex(TEXT))
    row.update(span_id="s_oob", end_char=len(TEXT) + 4)  # exact is what Python slicing gives
    _insert_span(con, row)
    found = _by_check(run_integrity(con))
    assert set(found) == {"integrity.spans.out-of-bounds"}
    f = found["integrity.spans.out-of-bounds"]
    assert f.details["ids"] == ["s_oob"]
    assert f.evidence[0].start == start and f.evidence[0].end == len(TEXT) + 4


def test_claim_without_claim_spans(con):
    con.execute("DELETE FROM claim_spans WHERE claim_id = 'c03'")
    found = _by_check(run_integrity(con))
    assert set(found) == {"integrity.claims.no-span"}
    assert found["integrity.claims.no-span"].key == ["integrity.claims.no-span", ["c03"]]


def test_claim_span_pointing_to_missing_span(con):
    _insert_claim_span(con, "c01", "s_missing", "value", 7)
    found = _by_check(run_integrity(con))
    assert set(found) == {"integrity.claim_spans.orphan-span"}
    f = found["integrity.claim_spans.orphan-span"]
    assert f.details["ids"] == ["c01#7"]
    assert f.details["missing"] == ["s_missing"]


def test_claim_span_pointing_to_missing_claim(con):
    _insert_claim_span(con, "c_ghost", SPANS["place"]["span_id"], "value", 0)
    found = _by_check(run_integrity(con))
    assert set(found) == {"integrity.claim_spans.orphan-claim"}
    assert found["integrity.claim_spans.orphan-claim"].details["ids"] == ["c_ghost#0"]


def test_rows_of_a_missing_document(con):
    row = dict(SPANS["place"], span_id="s_lost", document_id="d9999999999999999")
    _insert_span(con, row)
    con.execute("INSERT INTO zones VALUES ('d9999999999999999', 0, 'body', 0, 5, NULL)")
    found = _by_check(run_integrity(con))
    assert set(found) == {"integrity.spans.orphan-document", "integrity.zones.orphan-document"}
    assert found["integrity.spans.orphan-document"].details["ids"] == ["s_lost"]
    assert found["integrity.zones.orphan-document"].details["ids"] == ["d9999999999999999#0"]
    assert found["integrity.zones.orphan-document"].details["missing"] == ["d9999999999999999"]


def test_zone_with_start_not_before_end(con, backend):
    con.execute("UPDATE zones SET end_char = start_char WHERE document_id = ? AND seq = 1", [DOC])
    found = _by_check(run_integrity(con))
    assert set(found) == {"integrity.zones.offsets"}
    f = found["integrity.zones.offsets"]
    assert f.details["ids"] == [f"{DOC}#1"]
    assert f.details["count"] == 1 and f.details["backend"] == backend


def test_unknown_claim_kind(con, backend):
    con.execute("UPDATE claims SET kind = 'rumour' WHERE claim_id IN ('c02', 'c04')")
    found = _by_check(run_integrity(con))
    assert set(found) == {"integrity.claims.kind-not-allowed"}
    f = found["integrity.claims.kind-not-allowed"]
    assert f.key == ["integrity.claims.kind-not-allowed", ["c02", "c04"]]
    assert f.details["column"] == "kind" and f.details["values"] == ["rumour"]
    assert f.details["count"] == 2 and f.details["backend"] == backend
    assert "c02" in f.message


@pytest.mark.parametrize(
    ("sql", "check", "ids"),
    [
        (
            "UPDATE claims SET zone_kind = 'sidebar' WHERE claim_id = 'c01'",
            "integrity.claims.zone_kind-not-allowed",
            ["c01"],
        ),
        (
            "UPDATE claim_spans SET role = '' WHERE claim_id = 'c02' AND seq = 1",
            "integrity.claim_spans.role-empty",
            ["c02#1"],
        ),
        (
            f"UPDATE spans SET col = 0 WHERE span_id = '{SPANS['count']['span_id']}'",
            "integrity.spans.col-range",
            [SPANS["count"]["span_id"]],
        ),
        (
            "UPDATE documents SET media_type = 'application/x-unknown'",
            "integrity.documents.media_type-not-allowed",
            [DOC],
        ),
        ("UPDATE documents SET chars = -1", "integrity.documents.chars-range", [DOC]),
        (
            "UPDATE zones SET start_char = -2 WHERE seq = 0",
            "integrity.zones.start_char-range",
            [f"{DOC}#0"],
        ),
    ],
)
def test_row_rules(con, backend, sql, check, ids):
    con.execute(sql)
    found = _by_check(run_integrity(con))
    assert set(found) == {check}
    assert found[check].details["ids"] == ids
    assert found[check].details["backend"] == backend


def test_document_id_pattern(con, backend):
    _insert_document(con, document_id="doc-1")
    found = _by_check(run_integrity(con))
    assert set(found) == {"integrity.documents.document_id-pattern"}
    assert found["integrity.documents.document_id-pattern"].details["ids"] == ["doc-1"]


def _store_without_keys(column_types: dict[str, str] | None = None) -> duckdb.DuckDBPyConnection:
    """The audit schema with its primary keys dropped (as an older or hand-made database might
    be), so duplicates can be stored at all."""
    ddl = re.sub(r",\s*PRIMARY KEY \([^)]*\)", "", MIGRATIONS[0]).replace(" PRIMARY KEY", "")
    for old, new in (column_types or {}).items():
        ddl = ddl.replace(old, new)
    con = duckdb.connect()
    con.execute(ddl)
    return con


def test_duplicate_claim_id(backend):
    con = _store_without_keys()
    _populate(con)
    _insert_claim(con, "c02", "quote")
    found = _by_check(run_integrity(con))
    assert set(found) == {"integrity.claims.claim_id-duplicate"}
    f = found["integrity.claims.claim_id-duplicate"]
    assert f.details["ids"] == ["c02"] and f.details["count"] == 2


def test_duplicate_zone_key_and_null_kind(backend):
    con = _store_without_keys(
        {
            "kind          VARCHAR NOT NULL,\n        start_char": "kind          VARCHAR,\n        start_char"
        }
    )
    _populate(con)
    con.execute("INSERT INTO zones VALUES (?, 1, NULL, 2, 3, NULL)", [DOC])
    found = _by_check(run_integrity(con))
    assert set(found) == {"integrity.zones.document_id+seq-duplicate", "integrity.zones.kind-null"}
    assert found["integrity.zones.kind-null"].details["ids"] == [f"{DOC}#1"]
    assert found["integrity.zones.document_id+seq-duplicate"].details["ids"] == [f"{DOC}#1"]


def test_wrong_column_type_and_missing_column(backend):
    con = _store_without_keys(
        {
            "line          INTEGER NOT NULL": "line          VARCHAR NOT NULL",
            "        role          VARCHAR NOT NULL,\n": "",
        }
    )
    _insert_document(con)
    con.execute(
        "INSERT INTO spans VALUES (?, ?, 15, 21, 'Zürich', '', '', '1', 16)",
        [SPANS["place"]["span_id"], DOC],
    )
    found = _by_check(run_integrity(con))
    assert "integrity.spans.line-dtype" in found
    assert "integrity.claim_spans.role-missing-column" in found
    assert found["integrity.claim_spans.role-missing-column"].details["backend"] == backend


def test_ids_are_capped_and_fingerprint_ignores_row_order(tmp_path, backend):
    fingerprints = []
    for name, order in (("a", range(60)), ("b", reversed(range(60)))):
        store = open_store(tmp_path / f"{name}.duckdb")
        _populate(store.con)
        for i in order:
            _insert_claim(store.con, f"x{i:03d}", "gossip")
            _insert_claim_span(store.con, f"x{i:03d}", SPANS["place"]["span_id"], "value", 0)
        f = _by_check(run_integrity(store.con))["integrity.claims.kind-not-allowed"]
        assert f.details["count"] == 60
        assert f.details["ids"] == [f"x{i:03d}" for i in range(50)]
        fingerprints.append(f.fingerprint)
        assert _by_check(run_integrity(store.con))[f.check].fingerprint == f.fingerprint
        store.close()
    assert fingerprints[0] == fingerprints[1]


def test_provenance_windows_agree_with_python_slicing(tmp_path):
    # Long spans, spans across window edges, empty spans, 1-, 2-, 3- and 4-byte code points and
    # a combining accent: the windowed substring must equal text[start:end] for all of them.
    unit = "Zürich — “naïve” e\u0301 🦆 café\n"
    text = unit * 80
    doc = "d00000000000000aa"
    store = open_store(tmp_path / "long.duckdb")
    con = store.con
    _insert_document(con, document_id=doc, text=text)
    lines = LineIndex(text)
    spans = []
    for start in list(range(0, len(text), 41)) + [255, 256, 511, 512, len(text)]:
        for length in (0, 1, 7, 255, 256, 257, 511, 512, 513, 900):
            if start + length <= len(text):
                row = make_span(doc, text, start, start + length, lines)
                _insert_span(con, row)
                spans.append(row)
    assert run_integrity(con) == []

    con.execute("UPDATE spans SET exact = exact || '!'")
    f = _by_check(run_integrity(con))["integrity.spans.exact-mismatch"]
    assert f.details["count"] == len(spans)
    assert len(f.evidence) == len(spans)
    for e in f.evidence:
        assert e.value == text[e.start : e.end]
        assert e.exact == text[e.start : e.end] + "!"
    store.close()


# --- provenance by ranges of documents: the findings of one query over every document ---


def _documents_with_spans(con, texts: list[str], step: int = 23, length: int = 9) -> list[dict]:
    """Documents d000...0, d000...1, ... holding ``texts``, each with a span every ``step``
    characters; the spans' rows (as stored) are returned."""
    spans = []
    for i, text in enumerate(texts):
        doc = f"d{i:016x}"
        _insert_document(con, document_id=doc, text=text)
        lines = LineIndex(text)
        spans += [make_span(doc, text, start, start + length, lines)
                  for start in range(0, len(text) - length, step)]
    con.executemany("INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [[r["span_id"], r["document_id"], r["start_char"], r["end_char"], r["exact"],
                      r["prefix"], r["suffix"], r["line"], r["col"]] for r in spans])
    return spans


def _expected_provenance(con, scope: set[str] | None = None) -> dict[str, tuple]:
    """Per rule, what the findings must hold, from Python slicing over the stored rows: the
    count, the first MAX_EVIDENCE (document_id, start, span_id, exact, now) and the ids."""
    from audit.check.integrity import MAX_EVIDENCE, MAX_IDS

    texts = dict(con.execute("SELECT document_id, text FROM documents").fetchall())
    broken: dict[str, list[tuple]] = {}
    for sid, doc, start, end, exact in con.execute(
            "SELECT span_id, document_id, start_char, end_char, exact FROM spans").fetchall():
        if doc not in texts or (scope is not None and doc not in scope):
            continue
        now = texts[doc][start:end]
        if now != exact:
            broken.setdefault("exact-mismatch", []).append((doc, start, sid, exact, now))
        if end > len(texts[doc]):
            broken.setdefault("out-of-bounds", []).append((doc, start, sid, exact, now))
    return {rule: (len(rows), sorted(rows)[:MAX_EVIDENCE],
                   sorted(r[2] for r in rows)[:MAX_IDS]) for rule, rows in broken.items()}


def _as_expected(findings) -> dict[str, tuple]:
    return {f.details["rule"]: (f.details["count"],
                                [(e.document_id, e.start, e.span_id, e.exact, e.value)
                                 for e in f.evidence], f.details["ids"])
            for f in findings}


def test_provenance_by_ranges_finds_what_one_query_finds(tmp_path):
    """Broken spans in many ranges: the counts add up, the evidence is the first MAX_EVIDENCE
    by (document_id, start) across ranges and the ids the first MAX_IDS across ranges, for
    any range size down to one document a range; the scoped run as well."""
    from audit.check.integrity import (
        MAX_EVIDENCE,
        MAX_IDS,
        SCOPE_TABLE,
        _provenance,
        _ranges,
    )

    texts = [(f"Report {i}: é " if i % 3 == 0 else f"Report {i}: e ") + "word " * 300
             for i in range(40)]
    with open_store(tmp_path / "audit.duckdb") as store:
        con = store.con
        spans = _documents_with_spans(con, texts)
        # every other document's spans broken (20 x 66), and document 5's text shortened:
        # its spans change and the last ones end past the text
        con.execute("UPDATE spans SET exact = exact || '!' WHERE document_id IN "
                    "(SELECT unnest(?::VARCHAR[]))", [[f"d{i:016x}" for i in range(0, 40, 2)]])
        con.execute("UPDATE documents SET text = substr(text, 1, 500) WHERE document_id = ?",
                    [f"d{5:016x}"])
        expected = _expected_provenance(con)
        assert expected["exact-mismatch"][0] > MAX_EVIDENCE and len(spans) > 1500
        assert 0 < expected["out-of-bounds"][0] < MAX_EVIDENCE
        one = _provenance(con, range_bytes=10**12)
        assert len(list(_ranges(con, False, 10**12))) == 1
        assert _as_expected(one) == expected
        whole = sum(len(t.encode()) for t in texts)
        for size in (1, 700, 1000, 4096, whole // 3):
            ranges = len(list(_ranges(con, False, size)))
            assert ranges > 1, size
            assert _provenance(con, range_bytes=size) == one, size
        assert len(list(_ranges(con, False, 1))) == len(texts)
        ids = one[0].details["ids"]
        assert len(ids) == MAX_IDS and len({s[:5] for s in ids}) > 1
        assert one[0].details["evidence_truncated"] and len(one[0].evidence) == MAX_EVIDENCE

        # scoped (incremental runs): only the documents in the scope table, still by ranges
        scope = {f"d{i:016x}" for i in range(0, 40, 3)} | {f"d{5:016x}"}
        con.execute(f"CREATE TEMP TABLE {SCOPE_TABLE} AS "
                    "SELECT unnest(?::VARCHAR[]) AS document_id", [sorted(scope)])
        scoped = _provenance(con, scoped=True, range_bytes=10**12)
        assert _as_expected(scoped) == _expected_provenance(con, scope)
        assert len(list(_ranges(con, True, 1))) == len(scope)
        assert _provenance(con, scoped=True, range_bytes=1) == scoped
        assert _provenance(con, scoped=True, range_bytes=1500) == scoped


def test_provenance_ranges_cut_between_non_ascii_documents(tmp_path):
    """Ranges are counted in bytes of text and cut between documents: wherever the cut falls
    near a non-ASCII document (its code points fewer than its bytes), its spans across the
    windows' edges are judged as Python slices them."""
    from audit.check.integrity import _provenance, _ranges

    unit = "Zürich — “naïve” e\u0301 🦆 café\n"
    texts = [unit * 40, "plain ascii text " * 60, unit * 25 + "end", unit * 40]
    with open_store(tmp_path / "audit.duckdb") as store:
        con = store.con
        spans = _documents_with_spans(con, texts, step=37, length=300)
        assert run_integrity(con) == []
        con.execute("UPDATE spans SET exact = exact || '!' WHERE start_char % 2 = 1")
        one = _provenance(con, range_bytes=10**12)
        assert _as_expected(one) == _expected_provenance(con)
        assert one[0].details["count"] == sum(s["start_char"] % 2 for s in spans)
        first = len(texts[0].encode())
        assert first > len(texts[0])  # bytes, not code points, are counted
        for size in (first - 1, first, first + 1, len(texts[0]), 2 * len(texts[0]), 1):
            assert len(list(_ranges(con, False, size))) > 1, size
            assert _provenance(con, range_bytes=size) == one, size


def test_ibis_leaves_the_connection_settings_as_they_were(con):
    pytest.importorskip("pyarrow", reason="ibis's DuckDB backend needs pyarrow")
    con.execute("SET TimeZone = 'America/New_York'")
    con.execute("UPDATE claims SET kind = 'rumour' WHERE claim_id = 'c01'")
    found = _by_check(run_integrity(con))
    assert found["integrity.claims.kind-not-allowed"].details["backend"] == "ibis"
    assert con.execute("SELECT current_setting('TimeZone')").fetchall() == [("America/New_York",)]
    assert con.sql("SELECT count(*) FROM claims").fetchall() == [(4,)]


def test_importing_the_suite_loads_neither_pandera_nor_ibis():
    code = (
        "import sys, audit.check.integrity; "
        "print(sorted(m for m in ('pandera', 'ibis', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_empty_store_has_no_findings(tmp_path, backend):
    store = open_store(tmp_path / "empty.duckdb")
    assert run_integrity(store.con) == []
    store.close()


# --- the memo: only documents whose rows changed since the last clean run are re-validated ---

DOC2 = "d8899aabbccddeeff"
TEXT2 = "Lunch was served in Lyon to 40 guests on Monday.\n"


def _populate_second(con) -> None:
    _insert_document(con, DOC2, TEXT2)
    con.execute("INSERT INTO zones VALUES (?, 0, 'body', 0, ?, NULL)", [DOC2, len(TEXT2)])
    start = TEXT2.index("40 guests")
    span = make_span(DOC2, TEXT2, start, start + len("40 guests"), LineIndex(TEXT2))
    _insert_span(con, span)
    _insert_claim(con, "c21", "count", document_id=DOC2)
    _insert_claim_span(con, "c21", span["span_id"], "value", 0)


CORRUPTIONS = {
    "exact-mismatch": "UPDATE spans SET exact = 'Zurich' WHERE exact = 'Zürich'",
    "kind-not-allowed": "UPDATE claims SET kind = 'bogus' WHERE claim_id = 'c01'",
    "no-span": "DELETE FROM claim_spans WHERE claim_id = 'c03'",
    "duplicate-across-documents": f"INSERT INTO claims SELECT * REPLACE ('{DOC2}' AS "
                                  "document_id) FROM claims WHERE claim_id = 'c21'",
    "value-type": """UPDATE claims SET value = '{"n": "many"}' WHERE claim_id = 'c04'""",
    "zone-range": f"UPDATE zones SET end_char = -5 WHERE document_id = '{DOC}' AND seq = 0",
    "text-shortened": f"UPDATE documents SET text = 'short' WHERE document_id = '{DOC}'",
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_memoised_integrity_finds_what_a_full_validation_finds(tmp_path, corruption):
    with open_store(tmp_path / "audit.duckdb") as store:
        con = store.con
        _populate(con)
        _populate_second(con)
        assert run_integrity(con, memo=True) == []
        assert con.execute("SELECT count(DISTINCT document_id) FROM integrity_memo "
                           "WHERE document_id <> ''").fetchall()[0][0] == 2
        con.execute(CORRUPTIONS[corruption])
        scoped = run_integrity(con, memo=True)
        assert scoped and scoped == run_integrity(con)
        # findings leave nothing vouched for: the next run validates everything
        assert con.execute("SELECT count(*) FROM integrity_memo").fetchall()[0][0] == 0


def test_memo_vouches_for_unchanged_documents_only(tmp_path):
    """A document whose rows still have the digest of the last clean run is not re-read (here
    the memo is forged after a change, which only tampering with the store itself can do);
    any other change to its rows is validated again."""
    with open_store(tmp_path / "audit.duckdb") as store:
        con = store.con
        _populate(con)
        _populate_second(con)
        assert run_integrity(con, memo=True) == []
        con.execute("UPDATE claims SET kind = 'bogus' WHERE claim_id = 'c21'")
        con.execute("UPDATE integrity_memo SET digest = (SELECT count(*) || ':' || "
                    "bit_xor(hash(t)) FROM claims t WHERE document_id = ?) "
                    "WHERE table_name = 'claims' AND document_id = ?", [DOC2, DOC2])
        assert run_integrity(con, memo=True) == []  # trusted: not re-read
        assert "integrity.claims.kind-not-allowed" in {f.check for f in run_integrity(con)}
        con.execute("UPDATE claims SET seq = 5 WHERE claim_id = 'c21'")  # changed again
        assert "integrity.claims.kind-not-allowed" in {
            f.check for f in run_integrity(con, memo=True)}


def test_clean_tables_are_screened_without_pandera(tmp_path):
    """A store whose rows keep every rule is judged clean by the SQL screen: pandera and ibis
    are not even imported. Each rule broken makes the screen send its table to pandera."""
    db = tmp_path / "audit.duckdb"
    with open_store(db) as store:
        _populate(store.con)
    code = (
        "import sys; from audit.store import open_store; "
        "from audit.check.integrity import run_integrity; "
        f"s = open_store({str(db)!r}); assert run_integrity(s.con) == []; "
        "print(sorted(m for m in ('pandera', 'ibis', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    from audit.check.integrity import _screen

    with open_store(db) as store:
        con = store.con
        assert not any(_screen(con, t) for t in ("documents", "zones", "spans", "claims",
                                                 "claim_spans"))
        for table, sql in (
            ("claims", "UPDATE claims SET zone_kind = 'sidebar' WHERE claim_id = 'c01'"),
            ("claim_spans", "UPDATE claim_spans SET role = '' WHERE claim_id = 'c02'"),
            ("spans", "UPDATE spans SET col = 0"),
            ("spans", "UPDATE spans SET end_char = start_char - 1"),
            ("documents", "UPDATE documents SET document_id = 'doc-1'"),
            ("documents", "UPDATE documents SET chars = -1"),
            ("zones", "UPDATE zones SET end_char = start_char"),
        ):
            con.execute("BEGIN TRANSACTION")
            con.execute(sql)
            assert _screen(con, table), sql
            con.execute("ROLLBACK")


def test_an_integrity_query_that_runs_out_of_memory_is_tried_once_more_under_a_larger_cap():
    """DuckDB's out-of-memory errors do not follow its cap monotonically: a query that fails
    under the store's cap gets one more try under a larger one, and the cap is put back."""
    import duckdb

    from audit.check.integrity import _fetch
    from audit.store.db import memory_cap

    con = duckdb.connect(":memory:", config={"memory_limit": "2MB", "threads": 1})
    query = "SELECT length(list(i)) FROM range(3000000) t(i)"
    with pytest.raises(duckdb.OutOfMemoryException):
        con.execute(query).fetchall()
    assert _fetch(con, query) == [(3_000_000,)]
    restored = con.execute("SELECT current_setting('memory_limit')").fetchone()
    con.execute("SET memory_limit = ?", [memory_cap()])
    assert con.execute("SELECT current_setting('memory_limit')").fetchone() == restored
