"""Each check class on small documents of our own wording; suites, waivers and the gate."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import invoke

A = """Harbour city signs battery deal

MARSK — The city of Marsk signed a grant agreement with the Northern Cell Research Consortium on
Thursday, 9 March 2023. The grant is worth €45 million over five years.

The programme is funded by Vestra Energi, Kobolt Materials and Helio Cells.

"This money keeps young researchers in the region and puts our shipyards to new use," said
Mayor Ingrid Solberg.
"""

B = """Consortium wins grant in Marsk

The Northern Cell Research Consortium and the city of Marsk signed the agreement on Friday,
9 March 2023, in the council chamber. The grant totals €54 million.

The programme is funded by Vestra Energi and Kobolt Materials.

Mayor Ingrid Solbergh welcomed the deal. "This money keeps young scientists in the region and
gives our shipyards a new purpose," said Solbergh.

The grant has four backers: Vestra Energi, Kobolt Materials and Helio Cells.
"""


def audit(root: Path, *args: str) -> tuple[int, dict, str]:
    r = invoke("run", root, "--format", "json", *args)
    bundle = json.loads((root / "reports" / "findings.json").read_text())
    return r.exit_code, bundle, r.output


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple[Path, dict, int]:
    root = tmp_path_factory.mktemp("pair")
    invoke("init", root, "--force")
    (root / "sources" / "city.txt").write_text(A)
    (root / "sources" / "wire.txt").write_text(B)
    code, bundle, _ = audit(root)
    return root, bundle, code


def by_class(bundle: dict, cls: str) -> list[dict]:
    return [f for f in bundle["findings"] if f["class"] == cls]


def test_name_variant(pair):
    _, bundle, code = pair
    nv = [f for f in by_class(bundle, "name-variant") if "Solberg" in f["message"]]
    assert nv and nv[0]["severity"] == "error", bundle["findings"]
    assert any("Solbergh" in e["exact"] for e in nv[0]["evidence"])
    assert any("Solberg" in e["exact"] and "Solbergh" not in e["exact"]
               for e in nv[0]["evidence"])
    assert code == 1


def test_value_conflict(pair):
    _, bundle, _ = pair
    vc = by_class(bundle, "value-conflict")
    assert any("45" in f["message"] and "54" in f["message"] and f["severity"] == "warning"
               for f in vc), vc


def test_date_weekday(pair):
    _, bundle, _ = pair
    dw = by_class(bundle, "date-weekday")
    assert len(dw) == 1 and dw[0]["severity"] == "error"
    assert "Friday" in dw[0]["message"] and "Thursday" in dw[0]["message"]
    assert dw[0]["evidence"][0]["path"].endswith("wire.txt")


def test_quote_drift(pair):
    _, bundle, _ = pair
    qd = by_class(bundle, "quote-drift")
    assert qd and qd[0]["severity"] == "warning"
    diff = qd[0]["details"]["diff"]
    assert ["delete", "researchers"] in diff or ["insert", "researchers"] in diff


def test_list_mismatch(pair):
    _, bundle, _ = pair
    lm = [f for f in by_class(bundle, "list-mismatch") if f["severity"] == "warning"]
    assert lm, bundle["findings"]
    assert lm[0]["details"]["missing"] == ["Helio Cells"]


def test_count_vs_list(pair):
    _, bundle, _ = pair
    cl = by_class(bundle, "count-vs-list")
    assert cl and cl[0]["severity"] == "warning"
    assert "4" in cl[0]["message"] and "3 listed" in cl[0]["message"]


def test_evidence_is_exact(pair):
    root, bundle, _ = pair
    texts = {}
    for f in bundle["findings"]:
        for e in f["evidence"]:
            path = root / e["path"]
            texts.setdefault(path, path.read_text())
            # plain-text sources are stored as written: offsets index the file itself
            assert texts[path][e["start"]:e["end"]] == e["exact"]


def test_reference_facts(tmp_path):
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "a.txt").write_text(A)
    (tmp_path / "claims" / "facts.toml").write_text(
        '[[name]]\ncanonical = "Ingrid Solbergh"\n\n'
        '[[fact]]\nkind = "money"\nsubject = "funding"\namount = 40000000\ncurrency = "EUR"\n')
    code, bundle, _ = audit(tmp_path)
    ref = by_class(bundle, "reference")
    assert {f["severity"] for f in ref} == {"error"}
    msgs = " ".join(f["message"] for f in ref)
    assert "Solberg" in msgs and "45,000,000" in msgs
    assert code == 1


def test_waivers(tmp_path):
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "a.txt").write_text(A)
    (tmp_path / "sources" / "b.txt").write_text(B)
    _, bundle, _ = audit(tmp_path)
    target = next(f for f in bundle["findings"] if f["class"] == "date-weekday")
    (tmp_path / "checks" / "waivers.toml").write_text(
        f'[[waiver]]\nfingerprint = "{target["id"]}"\nreason = "known typo"\n\n'
        '[[waiver]]\nfingerprint = "f0000000000000000"\nreason = "old"\n')
    _, again, out = audit(tmp_path)
    accepted = [f for f in again["findings"] if f["accepted"]]
    assert [f["id"] for f in accepted] == [target["id"]]
    assert accepted[0]["waiver_reason"] == "known typo"
    assert [w["fingerprint"] for w in again["summary"]["stale_waivers"]] == ["f0000000000000000"]
    assert "stale waiver" in out
    others = {f["id"] for f in bundle["findings"]} - {target["id"]}
    assert others == {f["id"] for f in again["findings"] if not f["accepted"]}


def test_fingerprints_survive_unrelated_edits(tmp_path):
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "a.txt").write_text(A)
    (tmp_path / "sources" / "b.txt").write_text(B)
    _, first, _ = audit(tmp_path)
    (tmp_path / "sources" / "b.txt").write_text("Breaking update.\n\n" + B + "\nMore later.\n")
    _, second, _ = audit(tmp_path)
    key = lambda b: {(f["class"], f["id"]) for f in b["findings"] if f["severity"] != "info"}  # noqa: E731
    assert key(first) == key(second)
    r = invoke("findings", tmp_path, "--since-run", first["run"]["id"])
    assert r.exit_code == 0


@pytest.mark.parametrize("content,needle", [
    ("{not json", "malformed JSON"),
    ('{"name": "consistency", "expectations": []}', "no expectations"),
    ('{"name": "x", "expectations": [{"kwargs": {}}]}', "needs a 'type'"),
])
def test_bad_suite_exits_2(tmp_path, content, needle):
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "a.txt").write_text(A)
    (tmp_path / "checks" / "consistency.json").write_text(content)
    r = invoke("run", tmp_path)
    assert r.exit_code == 2 and needle in r.output and "consistency.json" in r.output
    assert not (tmp_path / ".audit" / "audit.duckdb").exists()


def test_bad_waiver_file_exits_2(tmp_path):
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "a.txt").write_text(A)
    (tmp_path / "checks" / "waivers.toml").write_text('[[waiver]]\nfingerprint = "f123"\n')
    r = invoke("run", tmp_path)
    assert r.exit_code == 2 and "reason" in r.output and "waivers.toml" in r.output


def test_severity_is_edited_in_the_suite(tmp_path):
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "a.txt").write_text(A)
    (tmp_path / "sources" / "b.txt").write_text(B)
    suite_path = tmp_path / "checks" / "consistency.json"
    suite = json.loads(suite_path.read_text())
    for e in suite["expectations"]:
        if e["meta"]["check"] in ("date-weekday", "name-variant", "value-conflict"):
            e["severity"] = "info"
    suite_path.write_text(json.dumps(suite))
    code, bundle, _ = audit(tmp_path)
    assert not [f for f in bundle["findings"] if f["severity"] == "error"]
    assert code == 0


HARBOUR_A = """Port project gets money

The two harbour projects will share $80 million in state funding, officials said on Monday.

The north quay will receive $50 million and the south quay $45 million.
"""
HARBOUR_B = """Harbour money approved

Lawmakers approved $80 million for the harbour projects. Each of the three terminals will
receive $30 million.

The dredging contract is worth $20 million and the new cranes $35 million.
"""


def test_arithmetic_parts_exceeding_the_total(tmp_path):
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "a.txt").write_text(HARBOUR_A)
    (tmp_path / "sources" / "b.txt").write_text(HARBOUR_B)
    _, bundle, _ = audit(tmp_path)
    ar = by_class(bundle, "arithmetic")
    msgs = sorted(f["message"] for f in ar)
    assert len(ar) == 2, msgs
    assert all(f["severity"] == "warning" for f in ar)
    assert any("95,000,000" in m for m in msgs) and any("90,000,000" in m for m in msgs)
    # $20M + $35M = $55M fits within $80M: not a finding; parts are not value conflicts
    assert not any("55,000,000" in m for m in msgs)
    assert not by_class(bundle, "value-conflict")


def test_word_diff_ignores_punctuation_and_trimming():
    from audit.check.checks.quote_drift import word_diff

    a = "build on U.S. — Japan cooperation, “Today’s plan works”"
    b = "build on U.S.-Japan cooperation. Today's plan works"
    assert word_diff(a, b)[1] == 0
    assert word_diff("we will build here and now", "we will build here")[1] == 0  # trimmed
    # a trimmed quote with its last word changed: one word changed, not the whole tail
    full = "the port will turn old hulls into new ferries and it will happen in our own harbour"
    assert word_diff("the port will turn old hulls into new boats", full)[1] == 1
    assert word_diff("turn old hulls into new boats.", full)[1] == 1
    assert word_diff("Our port will turn old hulls", full)[1] == 1  # start: 'our' for 'the'
    diff, changed = word_diff("we will build here", "we shall build here")
    assert changed == 1 and ["delete", "will"] in diff and ["insert", "shall"] in diff


def test_approximate_and_per_unit_amounts_are_not_conflicts(tmp_path):
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "a.txt").write_text(
        "Grid fund launched\n\nThe regional grid fund totals $80 million, officials said.\n")
    (tmp_path / "sources" / "b.txt").write_text(
        "Grid fund opens\n\nThe regional grid fund is worth about $75 million. Each of the "
        "partner towns gets $2 million a year.\n")
    (tmp_path / "sources" / "c.txt").write_text(
        "Grid money\n\nThe regional grid fund totals $80M.\n")
    _, bundle, _ = audit(tmp_path)
    assert not by_class(bundle, "value-conflict"), bundle["findings"]


def test_init_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    r = invoke("init", tmp_path)
    assert r.exit_code == 2 and "not empty" in r.output
    assert invoke("init", tmp_path, "--force").exit_code == 0
    assert (tmp_path / "checks" / "consistency.json").exists()


def test_project_vocabulary_extends_the_extractors(tmp_path):
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "a.txt").write_text(
        "Fund news\n\nThe fund is underpinned by Alpha Corp, Beta Labs and Gamma Inc.\n")

    def lists() -> list[dict]:
        invoke("run", tmp_path)
        out = invoke("claims", tmp_path, "--kind", "org_list", "--format", "json").output
        return json.loads(out)

    assert lists() == []  # "underpinned by" is no built-in funding cue
    (tmp_path / "claims" / "vocabulary.toml").write_text(
        '[relations]\nfunder = ["underpinned by"]\n')
    rows = lists()  # a new vocabulary changes the extraction signature: re-extracted
    assert [r["value_json"]["members"] for r in rows] == [["Alpha Corp", "Beta Labs", "Gamma Inc."]]


@given(st.permutations(range(4)))
def test_duplicate_candidates_merge_the_same_whatever_their_order(order):
    """One spelling pair found in several stories is one finding; its evidence must not depend
    on the order the database returned the stories in."""
    from audit.check.candidates import Candidate
    from audit.check.run import _merge

    def cand(i):
        roles = ("person", "speaker")
        return Candidate("name-variant", {"variant_kind": "case"}, ["org", "Acme", "ACME"], "h",
                         [{"value": "ACME", "claims": [(f"c{i}a", roles)]},
                          {"value": "Acme", "claims": [(f"c{i}b", roles), ("c0b", roles)]}])

    merged = []
    for first in (order, sorted(order)):
        into = cand(first[0])
        for i in first[1:]:
            _merge(into, cand(i))
        merged.append(into.values)
    assert merged[0] == merged[1]
    assert [c for c, _ in merged[0][1]["claims"]] == ["c0b", "c1b", "c2b", "c3b"]


def _judged_rows() -> list[dict]:
    return [{"cid": "c1", "check": "date-weekday", "weekday_ok": False},
            {"cid": "c2", "check": "date-weekday", "weekday_ok": True},
            {"cid": "c3", "check": "value-conflict", "n_values": 2},
            {"cid": "c4", "check": "single-source", "n_documents": 1}]


def test_a_judge_in_a_worker_process_judges_like_one_in_process():
    from audit.check.suite import Judge, load_suite

    suite, path = load_suite(None)
    with Judge(suite, path) as local, Judge(suite, path, worker=True) as worker:
        assert worker._proc is not None and worker._proc.pid != os.getpid()
        expected = sorted(local(_judged_rows()), key=lambda j: j.cid)
        assert [j.cid for j in expected] == ["c1", "c3", "c4"]
        assert sorted(worker(_judged_rows()), key=lambda j: j.cid) == expected
        assert worker([]) == []  # a second chunk on the same session
        proc = worker._proc
        worker.release()  # audit run lets it exit while the reports are written
        with pytest.raises(RuntimeError):
            worker(_judged_rows())
    assert not proc.is_alive()


@pytest.mark.parametrize("worker", ["0", "1"])
def test_a_suite_gx_rejects_exits_2(tmp_path, monkeypatch, worker):
    """An expectation type GX does not know fails when the suite is built, in this process or in
    the judging worker alike: exit 2 and a message naming the suite file."""
    monkeypatch.setenv("AUDIT_JUDGE_WORKER", worker)
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "a.txt").write_text(A)
    (tmp_path / "checks" / "consistency.json").write_text(json.dumps({
        "name": "consistency", "expectations": [{
            "type": "expect_column_values_to_be_purple", "kwargs": {"column": "n_values"},
            "meta": {"check": "value-conflict"}}, {
            "type": "expect_column_values_to_be_between",
            "kwargs": {"column": "n_values", "max_value": 1}, "meta": {"check": "value-conflict"}}
        ]}))
    r = invoke("run", tmp_path)
    assert r.exit_code == 2, r.output
    assert "expect_column_values_to_be_purple" in r.output and "consistency.json" in r.output


def test_judging_worker_gives_the_run_the_same_findings(tmp_path, monkeypatch):
    out = {}
    for worker in ("0", "1"):
        monkeypatch.setenv("AUDIT_JUDGE_WORKER", worker)
        root = tmp_path / worker
        invoke("init", root, "--force")
        (root / "sources" / "a.txt").write_text(A)
        (root / "sources" / "b.txt").write_text(B)
        code, bundle, _ = audit(root)
        out[worker] = (code, [(f["id"], f["severity"], f["message"], f["evidence"])
                              for f in bundle["findings"]])
    assert out["0"] == out["1"] and out["1"][1]


def test_chunks_judged_while_the_next_are_built_give_the_same_findings(tmp_path, monkeypatch):
    """With tiny chunks, every chunk's judgement is received only after the next one is sent
    (the worker judges while this process writes findings and builds candidates): the same
    findings, in the same order, as one chunk judged in this process."""
    import audit.check.run as run

    out = {}
    for worker, chunk in (("0", run.CHUNK), ("1", 2), ("0", 2)):
        monkeypatch.setenv("AUDIT_JUDGE_WORKER", worker)
        monkeypatch.setattr(run, "CHUNK", chunk)
        monkeypatch.setattr(run, "STORED_CHUNK", chunk + 1)  # stored rows: other chunks
        root = tmp_path / f"{worker}-{chunk}"
        invoke("init", root, "--force")
        (root / "sources" / "a.txt").write_text(A)
        (root / "sources" / "b.txt").write_text(B)
        code, bundle, _ = audit(root)
        out[(worker, chunk)] = (code, [(f["id"], f["severity"], f["message"], f["evidence"],
                                        f.get("details")) for f in bundle["findings"]])
    first = out[("0", run.CHUNK)]
    assert len(first[1]) > 2  # more findings than one tiny chunk holds
    assert out[("1", 2)] == first and out[("0", 2)] == first


@pytest.mark.parametrize("worker", [False, True])
def test_a_judge_receives_only_what_was_sent_in_order(worker):
    """Several chunks may be in flight (a worker reads each off the pipe at once, so sending
    never waits for a judgement); their judgements come back in the order they were sent."""
    from audit.check.suite import Judge, load_suite

    suite, path = load_suite(None)
    rows = _judged_rows()
    with Judge(suite, path, worker=worker) as judge:
        with pytest.raises(RuntimeError):
            judge.receive()
        for _ in range(3):  # a large chunk between two small ones
            judge.send(rows[:2])
            judge.send(rows * 500)
        judge.send(rows[2:])
        assert judge.in_flight == 7
        with pytest.raises(RuntimeError):
            judge(rows)  # one-shot judging only with nothing in flight
        got = [sorted({j.cid for j in judge.receive()}) for _ in range(7)]
        assert got == [["c1"], ["c1", "c3", "c4"]] * 3 + [["c3", "c4"]]
        assert not judge.ready() and judge.in_flight == 0
        with pytest.raises(RuntimeError):
            judge.receive()


# --- value conflicts: headlines, separate facts with a generic subject ------------------------

ORCHARD_A = """Glenmoor orchard co-op lands $18M for cold storage

By Priya Natarajan

GLENMOOR - The Glenmoor Fruit Growers Co-operative will build a cold-storage hall with
$18 million from the state, the co-op said on Monday, 2 June 2025. The hall will employ 40 people.

Back in 2021 the co-op won a separate $2 million grant for its packing line, which employs
300 people today.
"""

ORCHARD_B = """State backs Glenmoor cold storage

The state is putting 21 million dollars into a cold-storage hall for the Glenmoor Fruit
Growers Co-operative, officials said on Monday, 2 June 2025. About the jobs: the hall will
employ 40 people.
"""


@pytest.fixture(scope="module")
def orchard(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("orchard")
    invoke("init", root, "--force")
    (root / "sources" / "wire.txt").write_text(ORCHARD_A)
    (root / "sources" / "paper.txt").write_text(ORCHARD_B)
    return audit(root)[1]


def test_amount_in_an_unpunctuated_headline_still_conflicts(orchard):
    """The headline's $18M and the body's $18 million are not parts of one list just because
    no full stop separates them: the paragraph break does."""
    money = [f for f in by_class(orchard, "value-conflict") if f["details"]["kind"] == "money"]
    assert len(money) == 1 and money[0]["severity"] == "warning"
    values = {v["value"] for v in money[0]["values"]}
    assert any("18" in v for v in values) and any("21" in v for v in values)
    assert not any(v.startswith("$2 ") or "2,000,000 " in v for v in values)  # the old grant


def test_counts_far_apart_are_different_facts(orchard):
    """40 people in the new hall and 300 on the old packing line share the noun, not the fact."""
    counts = [f for f in by_class(orchard, "value-conflict") if f["details"]["kind"] == "count"]
    assert counts == []


@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10**9), st.integers(1, 4)),
                min_size=1, max_size=30, unique_by=lambda t: t[0]),
       st.sampled_from([2.0, 3.0]))
def test_magnitude_groups(nums, ratio):
    from audit.check.checks.value_conflict import magnitude_groups

    values = [{"num": n, "norm": str(n), "claims": ["c"] * w} for n, w in nums]
    groups = magnitude_groups(values, ratio)
    assert sorted(v["norm"] for g in groups for v in g) == sorted(str(n) for n, _ in nums)
    for g in groups:
        anchor = g[0]  # the most stated value of what was left; the others are near it
        assert all(len(v["claims"]) <= len(anchor["claims"]) for v in g)
        for v in g[1:]:
            a, b = anchor["num"], v["num"]
            assert (a == b) if min(a, b) == 0 else max(a, b) <= ratio * min(a, b)
    # no value left out of a group is near that group's anchor
    for i, g in enumerate(groups):
        for later in groups[i + 1:]:
            for v in later:
                a, b = g[0]["num"], v["num"]
                assert (a != b) if min(a, b) == 0 else max(a, b) > ratio * min(a, b)


def test_amounts_are_compared_with_the_value_most_sources_state():
    from audit.check.checks.value_conflict import magnitude_groups

    def val(n, docs):
        return {"num": n, "norm": str(n), "claims": ["c"] * docs}

    groups = magnitude_groups([val(40e6, 2), val(58e6, 1), val(85e6, 3)], 2.0)
    assert [[v["num"] for v in g] for g in groups] == [[85e6, 58e6], [40e6]]


KILN = ["""Kiln museum opens in Orvik

The museum is funded by Tessel Bank, Marrow Glassworks, the Orvik Arts Trust and Halden Clay.
""", """Orvik gets a ceramics museum

The ceramics museum is funded by Tessel Bank, Marrow Glassworks and the Orvik Arts Trust.
""", """Museum backers speak

Two of the funders, Tessel Bank and Marrow Glassworks, said they would also pay for school visits.
""", """A museum of clay

Two of those backers, Tessel Bank and the Orvik Arts Trust, have funded the town before.
"""]


def test_partial_lists_do_not_outvote_a_complete_one(tmp_path):
    """Two partial lists ('two of the funders, A and B') do not hide that one complete list
    lacks the member another complete list names."""
    invoke("init", tmp_path, "--force")
    for i, text in enumerate(KILN):
        (tmp_path / "sources" / f"doc{i}.txt").write_text(text)
    _, bundle, _ = audit(tmp_path)
    warnings = [f for f in by_class(bundle, "list-mismatch") if f["severity"] == "warning"]
    assert len(warnings) == 1, [f["message"] for f in by_class(bundle, "list-mismatch")]
    assert "Halden Clay missing" in warnings[0]["message"]
    assert {e["path"] for e in warnings[0]["evidence"]} == {"sources/doc0.txt", "sources/doc1.txt"}


TABLE_PAGE = """<html><body><h1>Where the museum money comes from</h1>
<p>The Orvik ceramics museum opened on Friday, 6 June 2025 with funding from four backers.</p>
<table><tr><th>Funder</th><th>Funding</th></tr>
<tr><td>Tessel Bank</td><td>€20 million</td></tr>
<tr><td>Marrow Glassworks</td><td>€15 million</td></tr>
<tr><td>Orvik Arts Trust</td><td>€10 million</td></tr>
<tr><td>Total</td><td>€45 million</td></tr></table>
</body></html>"""

TABLE_TEXT = """Orvik museum opens

The Orvik ceramics museum opened on Friday, 6 June 2025. Its funding totals €45 million.
"""


def test_table_rows_are_parts_not_conflicting_values(tmp_path):
    """The rows of a funding table are a breakdown: no value-conflict between them."""
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "table.html").write_text(TABLE_PAGE)
    (tmp_path / "sources" / "story.txt").write_text(TABLE_TEXT)
    _, bundle, _ = audit(tmp_path)
    money = [f for f in by_class(bundle, "value-conflict") if f["details"]["kind"] == "money"]
    assert money == [], [f["message"] for f in money]


PIER_A = """Tarnby opens its ferry pier

The port of Tarnby opened its new ferry pier on Friday, 6 June 2025. "The pier doubles our
capacity and keeps the island connected through the winter," said Lena Voss, the harbour
master.
"""

PIER_B = """A new pier for Tarnby

The new ferry pier in Tarnby opened on Friday, 6 June 2025.

"The pier doubles our capacity and keeps the island connected through the storms."

The regional council paid for most of the work.
"""


def test_a_quote_without_speaker_is_compared_with_the_attributed_one(tmp_path):
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "a.txt").write_text(PIER_A)
    (tmp_path / "sources" / "b.txt").write_text(PIER_B)
    _, bundle, _ = audit(tmp_path)
    drift = by_class(bundle, "quote-drift")
    assert len(drift) == 1 and drift[0]["severity"] == "warning", drift
    assert "Lena Voss" in drift[0]["message"] and "1 word changed" in drift[0]["message"]


def test_members_named_only_by_partial_lists_are_not_missing(tmp_path):
    """'Two of the funders, X and Y' names funders a complete list lacks: not enough alone to
    call them missing (and it must not break the check)."""
    invoke("init", tmp_path, "--force")
    texts = [KILN[1],  # complete: Tessel Bank, Marrow Glassworks, Orvik Arts Trust
             "Museum news\n\nTwo of the funders, Tessel Bank and Brann Foundry, said they would "
             "pay for school visits.\n",
             "Museum notes\n\nTwo of those backers, Halden Clay and the Orvik Arts Trust, have "
             "funded the town before.\n"]
    for i, text in enumerate(texts):
        (tmp_path / "sources" / f"doc{i}.txt").write_text(text)
    code, bundle, out = audit(tmp_path)
    assert code in (0, 1), out
    assert not [f for f in by_class(bundle, "list-mismatch") if f["severity"] == "warning"]


def test_missing_members_from_different_lists_are_named(tmp_path):
    """A complete list lacking members that different other lists name: one finding naming
    all of them, whichever list it is paired with."""
    invoke("init", tmp_path, "--force")
    texts = ["Kiln news\n\nThe museum is funded by Tessel Bank and Marrow Glassworks.\n",
             "Kiln notes\n\nThe museum is funded by Tessel Bank, Brann Foundry and Halden Clay.\n",
             "Kiln notes\n\nThe museum is funded by Tessel Bank, Brann Foundry and Orvik Trust.\n",
             "Kiln notes\n\nThe museum is funded by Tessel Bank, Halden Clay and Orvik Trust.\n"]
    for i, text in enumerate(texts):
        (tmp_path / "sources" / f"doc{i}.txt").write_text(text)
    code, bundle, out = audit(tmp_path)
    assert code in (0, 1), out
    found = [f for f in by_class(bundle, "list-mismatch") if f["severity"] == "warning"
             and f["evidence"][0]["path"].endswith("doc0.txt")]
    assert len(found) == 1, [f["message"] for f in by_class(bundle, "list-mismatch")]
    for name in ("Brann Foundry", "Halden Clay", "Orvik Trust"):
        assert name in found[0]["message"]


@settings(max_examples=300)
@example([({0, 5}, True, ""), ({0, 1, 2}, True, ""), ({0, 1, 3}, True, ""),
          ({0, 2, 3}, True, "")])  # missing members named by different lists
@given(st.lists(st.tuples(st.sets(st.integers(0, 5), min_size=1), st.booleans(),
                          st.sampled_from(["", "programme", "Orvik", "the hall"])),
                min_size=1, max_size=6))
def test_list_comparison_never_fails_and_reports_only_real_gaps(specs):
    """Any mix of complete/partial lists and scopes: candidates are built without error, and a
    reported missing member is named by another list and absent from the list itself."""
    from audit.check.checks.list_mismatch import _relation_candidates

    group = [{"rel": "funder", "scope": scope, "complete": complete, "story": "",
              "ids": [f"m{i}" for i in sorted(ids)], "name_of": {f"m{i}": f"Member {i}"
                                                                 for i in ids},
              "doc": f"d{n}", "claim": f"c{n}", "path": f"doc{n}.txt"}
             for n, (ids, complete, scope) in enumerate(specs)]
    for cand in _relation_candidates(group):
        missing = set(cand.details["missing"])
        if not missing:
            continue
        listed = cand.values[0]["value"].split(", ")
        assert not missing & set(listed)
        named = {name for g in group for name in g["name_of"].values()}
        assert missing <= named


def test_a_day_its_month_does_not_have_is_reported(tmp_path):
    from tests.extracting import audit_texts

    found, _ = audit_texts(tmp_path / "p", {
        "a.txt": "Ferry handover\n\nThe first ferries were handed over on Nov 31 in Tessel.\n",
        "b.txt": "Ferry handover\n\nThe first ferries were handed over on November 30 in "
                 "Tessel, a Thursday.\n",
        "c.txt": "Ferry handover\n\nOn February 29, 2024 the yard opened.\n",  # a leap day
    })
    bad = [f for f in found if f["class"] == "date-weekday"]
    assert len(bad) == 1 and bad[0]["severity"] == "error", found
    assert "November 31" in bad[0]["message"]
    assert [e["exact"] for e in bad[0]["evidence"]] == ["Nov 31"]


def test_judging_worker_started_early_stops_with_a_bad_source(tmp_path, monkeypatch):
    """On a stored corpus the judging worker starts before the sources are read; a source
    that stops the run (exit 2) stops the worker too, and a good re-run judges as before."""
    import multiprocessing

    monkeypatch.setenv("AUDIT_JUDGE_WORKER", "1")
    invoke("init", tmp_path, "--force")
    (tmp_path / "sources" / "a.txt").write_text(A)
    (tmp_path / "sources" / "b.txt").write_text(B)
    code, before, _ = audit(tmp_path)
    manifest = tmp_path / "sources" / "manifest.toml"
    manifest.write_text('[[document]]\npath = "missing.txt"\n')
    r = invoke("run", tmp_path)
    assert r.exit_code == 2 and "missing.txt" in r.output
    assert not [p for p in multiprocessing.active_children() if p.name == "audit-judge"]
    manifest.unlink()
    (tmp_path / "sources" / "b.txt").write_text(B.replace("€54 million", "€55 million"))
    code, after, _ = audit(tmp_path)
    assert code == 1 and after["findings"] != before["findings"]


def test_uniqueness_across_rows_is_not_row_wise():
    """A suite with an expectation comparing rows (uniqueness) neither reuses findings nor has
    its chunks composed differently (stored checks first): its verdicts depend on the chunk."""
    from audit.check.checks import default_suite
    from audit.check.reuse import row_wise

    suite = default_suite()
    assert row_wise(suite)
    for kind in ("expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique",
                 "expect_multicolumn_values_to_be_unique"):
        extra = {"type": kind, "kwargs": {"column": "cid"}, "meta": {"check": "value-conflict"}}
        assert not row_wise({**suite, "expectations": [*suite["expectations"], extra]})
    within = {"type": "expect_select_column_values_to_be_unique_within_record",
              "kwargs": {"column_list": ["cid", "check"]}, "meta": {"check": "value-conflict"}}
    assert row_wise({**suite, "expectations": [*suite["expectations"], within]})


@pytest.mark.parametrize("subject", ["plain", "Kraków", "tab\there", "back\\u0041slash",
                                     "\x07bell", "emoji 🚀", 'quote "x"'])
def test_a_finding_takes_its_fingerprint_from_the_candidate_id_only_when_equal(subject):
    """The candidate id and the fingerprint hash the same [check, key] JSON except that the
    fingerprint keeps non-ASCII characters unescaped: reused from ``cid`` only when nothing was
    escaped as \\uXXXX, and always what the finding's own hash gives."""
    from audit.check.candidates import Candidate
    from audit.check.evidence import EvidenceIndex
    from audit.check.findings import Finding
    from audit.check.making import Making
    from audit.check.suite import Judgement

    cand = Candidate(check="value-conflict", judged={"n_values": 2},
                     key=["money", "funding", subject, {"q": subject}, [1.5, 2]],
                     headline="money differs", values=[{"value": "$1", "claims": []}])
    assert cand.cid
    f = Making("r1").finding(cand, Judgement(cand.cid, "value-conflict", "value-conflict",
                                             "error", "one value"), EvidenceIndex(None, set()))
    assert ("fingerprint" in f.__dict__) == ("\\u" not in json.dumps(subject))
    fresh = Finding(check=f.check, cls=f.cls, severity=f.severity, message=f.message,
                    key=f.key)
    assert f.fingerprint == fresh.fingerprint


@pytest.mark.parametrize("worker", [False, True])
def test_rows_sent_as_columns_are_judged_as_rows(worker):
    from audit.check.suite import Judge, as_columns, load_suite

    suite, path = load_suite(None)
    rows = _judged_rows() * 3 + [{"cid": "c5", "check": "value-conflict", "n_values": None}]
    cols = as_columns([(r["cid"], r["check"], {k: v for k, v in r.items()
                                               if k not in ("cid", "check")}) for r in rows])
    assert cols["weekday_ok"][:4] == [False, True, None, None]
    with Judge(suite, path, worker=worker) as judge:
        assert judge(cols) == judge(rows) and judge(cols)
        assert judge(as_columns([])) == judge([]) == []


def test_a_chunk_is_judged_by_the_expectations_that_select_its_rows_alone():
    """Expectations whose row_condition selects another check's rows only are left out of a
    chunk's validation (GX would judge nothing with them, at ~25 ms each); the judgements are
    the whole suite's, and an expectation whose condition may select any check (an "or", or
    another column first) always stays."""
    import pandas as pd

    from audit.check.suite import _selected_check, _Session, load_suite

    suite, path = load_suite(None)
    session = _Session(suite, path)
    rows = _judged_rows()
    for chunk in (rows, rows[:2], rows[2:3], rows[3:]):
        got = sorted(session.judge(chunk), key=lambda j: (j.cid, j.expectation))
        frame = pd.DataFrame(chunk).astype(object)
        frame = frame.where(frame.notna(), None)
        whole = session.rejections(session._validate(frame), {}, [r["cid"] for r in chunk])
        assert got == sorted(whole, key=lambda j: (j.cid, j.expectation))
    used = session._suite_for({"date-weekday"})
    assert 0 < len(used.expectations) < len(session.suite.expectations)
    assert session._suite_for(set()) is None
    check = {"type": "comparison", "column": {"name": "check"}, "operator": "==",
             "parameter": "date-weekday"}
    other = {"type": "nullity", "column": {"name": "weekday_ok"}, "is_null": False}
    assert _selected_check({"kwargs": {"row_condition": check}}) == "date-weekday"
    assert _selected_check({"kwargs": {"row_condition": {
        "type": "and", "conditions": [check, other]}}}) == "date-weekday"
    assert _selected_check({"kwargs": {"row_condition": {
        "type": "or", "conditions": [check, other]}}}) is None
    assert _selected_check({"kwargs": {"row_condition": {
        "type": "and", "conditions": [other, check]}}}) is None
