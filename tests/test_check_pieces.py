"""A check that declares ``PIECES`` (name-variant: a range of names at a time; quote-drift: a
run of stories at a time) hands the run its candidates in pieces (``piece_size``), each piece
judged and written before the one after next is built: the candidates, the run's rows, the
check memo and the reports must not depend on the size of the pieces.

A generated corpus is run once by the real CLI; copies of its project are then checked again
with the default size and with tiny pieces, each in its own copy so the runs get the same run
id, and their findings, evidence, memo and reports compared.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from audit.check.candidates import Inputs
from audit.check.checks import name_variant, quote_drift
from audit.check.run import PIECE, run_checks, story_states
from audit.config import load_config
from audit.store import open_store
from benchmarks.generate import generate
from tests.conftest import invoke

EVENTS, DOCS, SEED = 40, 4, 7  # 40 events: pairs found in two stories
SIZES = (1, 7)
WORKER_SIZE = 20  # a worker judge's pieces (``test_findings_and_reports_...``)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pieces") / "base"
    generate(root, EVENTS, DOCS, SEED)
    result = invoke("run", root, "--fail-on", "never", "--format", "json")
    assert result.exit_code == 0, result.output
    return root


def _shown(cands: list) -> list:
    return [(c.cid, c.judged, c.key, c.headline, c.values, c.details, c.order) for c in cands]


def _forget_half_the_memo(con, checks: tuple[str, ...] = ("name-variant", "quote-drift")
                          ) -> None:
    """Half the stories' memo of these checks gone: those are read again, the rest
    memoised."""
    for check in checks:
        con.execute("""
            DELETE FROM check_memo WHERE check_name = $check AND story_id IN (
                SELECT story_id FROM check_memo WHERE check_name = $check
                ORDER BY story_id LIMIT (SELECT count(*) // 2 FROM check_memo
                                         WHERE check_name = $check))""", {"check": check})


CHECKS = {"name-variant": name_variant, "quote-drift": quote_drift}


def _built_in_pieces(base: Path, into: Path, check: str, size: int | None,
                     memo: bool) -> tuple:
    shutil.copytree(base, into)
    with open_store(load_config(into).db_path) as store:
        con = store.con
        if memo:
            _forget_half_the_memo(con, (check,))
        inputs = Inputs(states=story_states(con) if memo else None)
        pieces = list(CHECKS[check].pieces(con, inputs, size))
        kept = con.execute("SELECT story_id, memo_key, payload FROM check_memo "
                           "WHERE check_name = ? ORDER BY story_id", [check]).fetchall()
    return pieces, kept, inputs.warnings


@pytest.mark.parametrize("check", sorted(CHECKS))
@pytest.mark.parametrize("memo", [False, True])
def test_pieces_are_the_candidates_in_their_order(built, tmp_path, memo, check):
    whole, whole_memo, whole_warnings = _built_in_pieces(built, tmp_path / "whole", check,
                                                         None, memo)
    assert len(whole) <= 1
    cands = whole[0]
    if check == "name-variant":
        # the corpus has pairs found in two stories (merged by the run into one finding)
        assert max(Counter(c.cid for c in cands).values()) > 1
    for size in SIZES:
        pieces, kept, warnings = _built_in_pieces(built, tmp_path / f"p{size}", check, size,
                                                  memo)
        assert len(pieces) > 3 and all(pieces)
        flat = [c for p in pieces for c in p]
        if check == "quote-drift":  # groups of stories: each key's candidates in their order
            flat = sorted(flat, key=lambda c: c.cid)
            cands = sorted(cands, key=lambda c: c.cid)
        assert _shown(flat) == _shown(cands), size
        owner: dict[str, int] = {}
        for i, piece in enumerate(pieces):  # no key split between two pieces
            for c in piece:
                assert owner.setdefault(c.cid, i) == i, (size, c.key)
        assert kept == whole_memo, size  # the memo kept alike
        assert warnings == whole_warnings, size
    if memo:
        assert len(whole_memo) > 2


def test_quote_drift_groups_every_story_of_a_key_together():
    """quote-drift's groups of stories: stories that share a key (one finding), however far
    apart, are in one group, its stories in order; groups follow their first stories."""
    cids = [["a", "b"], ["c"], ["g"], ["a"], ["d"], [], ["e", "e"], ["d"], ["f"], ["c"]]
    # a story with no candidate goes with the next
    assert list(quote_drift._groups(cids, 1)) == [[0, 3], [1, 9], [2], [4, 7], [5, 6], [8]]
    assert list(quote_drift._groups(cids, 3)) == [[0, 3], [1, 2, 9], [4, 5, 6, 7], [8]]
    assert list(quote_drift._groups(cids, 100)) == [list(range(10))]
    assert list(quote_drift._groups([], 1)) == []


def _check_and_report(base: Path, into: Path, size: int, full: bool) -> tuple:
    shutil.copytree(base, into)
    cfg = load_config(into)
    with open_store(cfg.db_path) as store:
        if not full:
            _forget_half_the_memo(store.con)
        result = run_checks(store, cfg.claims_dir, cfg.checks_dir, "never", cfg.digest(),
                            full=full, piece_size=size)
        findings = store.con.execute(
            "SELECT run_id, finding_id, seq, check_name, class, severity, message, accepted, "
            "waiver_reason, details FROM findings WHERE run_id = ? ORDER BY seq",
            [result.run_id]).fetchall()
        evidence = store.con.execute(
            "SELECT * FROM finding_evidence WHERE run_id = ? ORDER BY finding_id, seq",
            [result.run_id]).fetchall()
        memo = store.con.execute(
            "SELECT * FROM check_memo ORDER BY check_name, story_id").fetchall()
        reused = store.con.execute("SELECT * FROM run_candidates ORDER BY cid").fetchall()
    out = into / "reports"
    shutil.rmtree(out, ignore_errors=True)
    r = invoke("report", into, "--format", "json", "--format", "html", "--format", "sarif",
               "--format", "md")
    assert r.exit_code == 0, r.output
    reports = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}
    return findings, evidence, memo, reused, reports


# each run has its own start time (the JSON's ``started_at``, the pages' header and footer;
# Markdown escapes its first hyphen)
_STARTED = re.compile(r"\d{4}\\?-\d\d-\d\d[T ]\d\d:\d\d:\d\dZ?")


@pytest.mark.parametrize("full", [True, False])
def test_findings_and_reports_do_not_depend_on_the_piece_size(built, tmp_path, full,
                                                               monkeypatch):
    if full:  # judged in a worker process, as a large corpus is: pieces taken back from it
        monkeypatch.setenv("AUDIT_JUDGE_WORKER", "1")
    # a piece judged in a worker costs a round trip each (pieces of one: 90 s in CI): the
    # worker is run with pieces of twenty (name-variant's 121 candidates in 7 pieces,
    # quote-drift's 72 in 4), the in-process judge with both tiny sizes
    sizes = (WORKER_SIZE,) if full else SIZES
    runs = {n: _check_and_report(built, tmp_path / f"n{n}", n, full) for n in (PIECE,) + sizes}
    findings, evidence, memo, reused, reports = runs[PIECE]
    assert sum(f[3] == "name-variant" for f in findings) > 2 * max(SIZES)
    assert sum(f[3] == "quote-drift" for f in findings) > 2 * max(SIZES)
    assert len(evidence) > len(findings)
    assert set(reports) == {"findings.json", "report.html", "findings.sarif", "summary.md"}
    for n in sizes:
        other_findings, other_evidence, other_memo, other_reused, other_reports = runs[n]
        assert other_findings == findings, n
        assert other_evidence == evidence, n
        assert other_memo == memo, n
        assert other_reused == reused, n
        for name, text in reports.items():  # the same bytes but for the start time
            assert _STARTED.sub("T", other_reports[name]) == _STARTED.sub("T", text), (n, name)
