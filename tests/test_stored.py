"""Stored candidates (``audit/check/stored.py``): the findings made in SQL are the rows the
Python objects make (``Making``), byte for byte, on hostile strings and numbers."""

from __future__ import annotations

import json
import math
import random

import duckdb
import pytest

from audit.check import stored as st
from audit.check.making import Making, _short


def _strings() -> list[str | None]:
    rng = random.Random(5)
    spaces = [chr(c) for c in range(0x3001) if chr(c).isspace()]
    pool = spaces + ['"', "\\", "a", "b", " ", "é", "…", "\x7f", "\u2028", "😀", "e\u0301",
                     "/", "'"] + [chr(c) for c in range(32)]
    out: list[str | None] = ["", " ", "  a  b  ", "a" * 89, "a" * 90, "a" * 91, "a " * 60,
                             "\u00a0lead", "trail\u3000", '{"amount": 5.0}', None]
    out += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 120)))
            for _ in range(3000)]
    return out


def test_json_text_and_short_text_write_what_python_writes():
    strings = _strings()
    rows = duckdb.connect().execute(
        f"SELECT {st.json_text('s')}, {st.cut_text(st.words_text('s'))} "
        "FROM (SELECT unnest(?::VARCHAR[]) AS s, generate_subscripts(?::VARCHAR[], 1) AS o) "
        "ORDER BY o", [strings, strings]).fetchall()
    for s, (text, short) in zip(strings, rows, strict=True):
        assert text == json.dumps(s, ensure_ascii=False), repr(s)
        if s is not None:
            assert short == _short(s), repr(s)


def test_json_number_writes_what_python_writes():
    rng = random.Random(3)
    nums = [0.0, -0.0, 1.0, 100.0, 1e15, 1e16, 1e17, 1e-4, 1e-5, 0.1, 2.5e-7, 5e-324,
            1.7976931348623157e308, 12345678901234567890.0, math.inf, -math.inf, math.nan]
    nums += [rng.uniform(0, 1e12) for _ in range(2000)]
    nums += [float(rng.randint(0, 10 ** rng.randint(1, 20))) for _ in range(2000)]
    rows = duckdb.connect().execute(
        f"SELECT {st.json_number('v')} FROM (SELECT unnest(?::DOUBLE[]) AS v, "
        "generate_subscripts(?::DOUBLE[], 1) AS o) ORDER BY o", [nums, nums]).fetchall()
    assert [r[0] for r in rows] == [json.dumps(v) for v in nums]


class _Sink:
    """What ``StoredChecks.write`` needs of ``run._Sink``: its ``Making`` and ``load``."""

    def __init__(self, con, making: Making):
        self.con, self.making = con, making
        self.findings: list[tuple] = []
        self.evidence: list[tuple] = []

    def load(self, findings: str, evidence: str, remember: bool = False) -> None:
        self.findings = self.con.execute(
            f"SELECT finding_id, seq, check_name, class, severity, message, accepted, "
            f"waiver_reason, CAST(details AS VARCHAR) FROM {findings} ORDER BY 1").fetchall()
        self.evidence = self.con.execute(
            f"SELECT * FROM {evidence} ORDER BY finding_id, seq").fetchall()


def _store(tmp_path) -> duckdb.DuckDBPyConnection:
    """Two stories of three documents; amounts with hostile texts, one document with many
    claims of one amount (more than four and eight pieces of evidence), claims without spans
    or without a value span, headline zones, paths with and without folders."""
    from audit.store import open_store

    store = open_store(tmp_path / "audit.duckdb")
    con = store.con
    rng = random.Random(11)
    labels = [s for s in _strings()[:40] if s is not None] + ["$5 million", "5,000 people"]
    docs = [(f"d{k}", f"story{k // 3}" if k < 6 else "", f"dir/sub/page {k}.html" if k % 2
             else f"page{k}.txt") for k in range(8)]
    for doc, story, path in docs:
        con.execute("INSERT INTO document_paths VALUES (?, ?, 1, now()::TIMESTAMP)", [path, doc])
        if story:
            con.execute("INSERT INTO document_stories VALUES (?, ?)", [doc, story])
    n = 0
    for doc, _story, _path in docs:
        for j in range(30):
            n += 1
            kind = rng.choice(["money", "count"])
            num = rng.choice([5.0, 1e16, 0.1, 12345.678, float(j), -0.0, 7e-7])
            if doc == "d1" and j < 12:
                num, kind = 42.0, "count"  # one amount stated twelve times in one page
            cid = f"c{n:05d}"
            subject = rng.choice(["people", "", "wörk \"q\"", "a\\b"])
            if num == 42.0:
                subject = "people"
            value = json.dumps({"currency": rng.choice(["USD", "EUR\n"])}) \
                if kind == "money" else "{}"
            con.execute("INSERT INTO claims VALUES (?, ?, ?, ?, 'p', ?, '{}', ?, ?, ?, ?, "
                        "true, 'x', '1')",
                        [cid, doc, j, kind, subject, value, rng.choice(labels), num,
                         rng.choice(["body", "title", "caption", "quote"])])
            spans = rng.choice([1, 2, 3] if num == 42.0 else [0, 1, 2, 3])
            for s in range(spans):
                sid = f"s{n:05d}{s}"
                con.execute("INSERT INTO spans VALUES (?, ?, ?, ?, ?, '', '', ?, 1)",
                            [sid, doc, 10 * j + s, 10 * j + s + 3, rng.choice(labels),
                             rng.randint(1, 90)])
                role = "value" if s == spans - 1 and rng.random() < 0.7 else "context"
                con.execute("INSERT INTO claim_spans VALUES (?, ?, ?, ?)", [cid, sid, role, s])
    return con


@pytest.mark.parametrize(("severity", "min_confidence", "waive", "cls"), [
    ("info", 0.0, False, "single-source"), ("error", 0.0, True, "single-source"),
    ("error", 0.0, False, "count-vs-list"), ("error", 0.6, False, "count-vs-list")])  # a figure class: headlines and captions weaker
def test_stored_findings_are_the_rows_making_makes(tmp_path, severity, min_confidence, waive,
                                                  cls):
    from audit.check.candidates import Inputs
    from audit.check.checks import builders
    from audit.check.evidence import EvidenceIndex
    from audit.check.making import claim_ids
    from audit.check.suite import Judgement

    con = _store(tmp_path)
    check = next(c for c in builders() if c.name == "single-source")
    assert check.candidates is not None
    cands = check.candidates(con, Inputs(None))
    assert len(cands) > 50
    judge = {c.cid: Judgement(c.cid, c.check, cls, severity, "only one 'page'")
             for c in cands}
    making = Making("r1", {}, min_confidence)
    ev = EvidenceIndex(con, {cl for c in cands for cl in claim_ids(c)})
    made = [making.finding(c, judge[c.cid], ev) for c in cands]
    if waive:
        making = Making("r1", {f.fingerprint: "known" for f in made[::7]}, min_confidence)
    kept = [f for f in made if making.admit(f)]
    assert 0 < len(kept) < len(made) if min_confidence else len(kept) == len(made)
    assert any(len(f.evidence) == 8 for f in kept) and any("more)" in f.message for f in kept)
    assert any(not f.evidence for f in kept)
    expected = sorted((r["finding_id"], r["seq"], r["check_name"], r["class"], r["severity"],
                       r["message"], r["accepted"], r["waiver_reason"], r["details"])
                      for r in map(making.finding_row, kept))
    expected_evidence = sorted(tuple(r.values()) for f in kept for r in making.evidence_rows(f))

    stored = st.StoredChecks(con)
    rows = stored.build(check, Inputs(None))
    assert [(r.cid, r.judged) for r in rows] == [
        (f"single-source#{k}", c.judged) for k, c in enumerate(cands)]
    for r, c in zip(rows, cands, strict=True):
        stored.reject(r, judge[c.cid])
    sink = _Sink(con, making)
    stored.write(sink)
    assert sink.findings == expected
    assert sorted(sink.evidence) == expected_evidence
    assert not con.execute("SELECT * FROM duckdb_tables() WHERE table_name LIKE '_stored%'"
                           ).fetchall()  # the temp tables are dropped


def test_first_span_is_the_first_of_the_spans_with_the_roles():
    """``EvidenceIndex.first`` stops at the first match: the same as the first of ``spans``
    with the roles, else of all spans."""
    from audit.check.evidence import EvidenceIndex

    rng = random.Random(2)
    roles_pool = ["value", "context", "person", "quote"]
    for _ in range(300):
        rows = [(f"c{rng.randint(0, 3)}", rng.choice(roles_pool), "d1", k, k + 2, "x",
                 f"s{k}", rng.choice(["v", None]), "a/b.txt", k, "body")
                for k in range(rng.randint(0, 8))]
        rows.sort(key=lambda r: r[0])
        ev = EvidenceIndex.of_rows(rows)
        for claim in ("c0", "c1", "c2", "c3"):
            for roles in [None, (), ("value",), ("quote:1",), ("@s3", "person"), ("nope",)]:
                for value in (None, "label"):
                    expected = (ev.spans(claim, roles, value)
                                or ev.spans(claim, None, value))[:1]
                    assert ev.first(claim, roles, value) == expected


def test_an_index_of_the_wanted_spans_answers_as_the_whole_index():
    """``EvidenceIndex`` given ``wanted`` (what the run's findings will ask) keeps only the
    span each ask picks, and answers those asks, zones and places as the whole index does."""
    from audit.check.evidence import EvidenceIndex

    rng = random.Random(3)
    roles_pool = ["value", "context", "person", "quote"]
    asks: list[tuple[str, ...] | None] = [None, (), ("value",), ("quote:1",),
                                          ("@s3", "person"), ("nope",)]
    for _ in range(300):
        rows = [(f"c{rng.randint(0, 3)}", rng.choice(roles_pool), f"d{k % 2}", k, k + 2,
                 f"x{k}", f"s{k}", rng.choice(["v", None]), f"a/b{k % 2}.txt", k, "body")
                for k in range(rng.randint(0, 8))]
        rows.sort(key=lambda r: r[0])
        whole = EvidenceIndex.of_rows(rows)
        wanted = {claim: set(rng.sample(asks, rng.randint(1, 3))) for claim in ("c0", "c1", "c2")}
        part = EvidenceIndex.of_rows(rows, wanted)
        assert part.zone == whole.zone
        assert not part.by_claim
        for claim, claim_asks in wanted.items():
            for roles in claim_asks:
                for value in (None, "label"):
                    expected = whole.first(claim, roles, value)
                    assert part.first(claim, roles, value) == expected
                    assert [part.locate(e) for e in expected] == \
                        [whole.locate(e) for e in expected]
        if "c1" in whole.zone:
            with pytest.raises(KeyError):
                part.first("c1", ("never-asked",))


def test_an_index_read_in_ranges_of_claims_is_the_index_of_one_query(tmp_path, monkeypatch):
    """``EvidenceIndex`` reads its claims' spans one range of claims per query (a query holds
    all its rows at once): the same index, pruned or whole, as one query over all of them."""
    from audit.check import evidence
    from audit.check.evidence import EvidenceIndex

    con = _store(tmp_path)
    claims = {r[0] for r in con.execute("SELECT claim_id FROM claims").fetchall()}
    assert len(claims) > 50
    wanted = {c: {None, ("value",), ("context:1",)} for c in sorted(claims)[::3]}

    def index(pruned: bool) -> tuple:
        ev = EvidenceIndex(con, set(wanted) if pruned else claims, wanted if pruned else None)
        return (dict(ev.by_claim), ev.picked, ev.where, ev.zone)

    one = index(False), index(True)
    for size in (1, 7, 50):
        monkeypatch.setattr(evidence, "CLAIMS_PER_QUERY", size)
        assert (index(False), index(True)) == one
