"""The check stage: integrity + consistency suites, waivers, and the run record in DuckDB."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import json
import os
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from audit import __version__
from audit.check.candidates import Candidate, Inputs, drop_shared
from audit.check.checks import builders, story_scoped
from audit.check.confidence import THRESHOLDS, thresholds
from audit.check.findings import SEVERITY_RANK_SQL, Finding, fails
from audit.check.making import Making, worst
from audit.check.reference import load_facts
from audit.check.stored import Stored, StoredChecks
from audit.check.suite import Judge, Judgement, as_columns, load_suite
from audit.check.waivers import load_waivers
from audit.progress import NO_PROGRESS, Bar
from audit.severity import rank
from audit.store import Store
from audit.store.rows import insert_columns, insert_rows

if TYPE_CHECKING:
    from audit.check.evidence import EvidenceIndex

# Candidates are judged and turned into findings this many at a time, so a corpus of 100,000
# documents never holds all its candidates, findings and evidence in memory at once (100k
# documents: 2.06 GB peak with 50,000, 1.86 GB with 20,000, same time).
CHUNK = 20_000
STORED_CHUNK = 100_000  # rows of a stored check judged at a time, when the suite is row-wise
SHOWN = 10  # open error/warning findings kept for the console summary
# rejected candidates made into findings and written at a time, within a chunk (``_Judging``)
FINDINGS_PER_WRITE = 2_000
# candidates of a check that builds them in pieces (``PIECES``: name-variant, quote-drift)
# built at a time; a piece is judged and its findings written while the next is built, and
# taken back before the one after (at 100,000 documents name-variant's 79,157 candidates,
# ~360 MiB, were held until all were judged and written)
PIECE = 10_000
_C = TypeVar("_C", Candidate, Candidate | Stored)


@dataclass
class CheckResult:
    """A stored check run: its counts, and the few most severe open findings for the console
    (the findings themselves are in DuckDB: ``FindingStream`` reads them back)."""

    run_id: str
    checks: list[str]
    stale_waivers: list[dict] = field(default_factory=list)
    fail_on: str = "error"
    by_severity: Counter = field(default_factory=Counter)  # open findings
    by_class: Counter = field(default_factory=Counter)  # open findings
    accepted: int = 0
    top: list[Finding] = field(default_factory=list)
    reused_from: str | None = None  # the run whose findings of unchanged stories were reused
    reused: int = 0
    stories_reused: int = 0
    warnings: list[str] = field(default_factory=list)  # limits a check reached
    candidates_reused: int = 0  # unchanged corpus-scoped candidates, findings copied

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())

    @property
    def failing(self) -> int:
        return sum(n for sev, n in self.by_severity.items() if fails(sev, self.fail_on))

    @property
    def verdict(self) -> str:
        return "fail" if self.failing else "pass"


def load_inputs(claims_dir: Path | None, checks_dir: Path | None):
    """Read and validate every user file the checks need, before anything runs."""
    suite, suite_path = load_suite(checks_dir)
    return suite, suite_path, load_facts(claims_dir), load_waivers(checks_dir)


def run_checks(store: Store, claims_dir: Path | None, checks_dir: Path | None,
               fail_on: str = "error", config_hash: str = "", inputs: tuple | None = None,
               full: bool = False, judge: Judge | None = None,
               min_confidence: float = 0.0, progress: Bar = NO_PROGRESS,
               engine: Any = None, findings_per_write: int = FINDINGS_PER_WRITE,
               piece_size: int = PIECE) -> CheckResult:
    """Run every check and store the run; ``inputs`` is what :func:`load_inputs` returned, when
    the caller validated them early; ``judge``: a :class:`Judge` the caller started early
    (default: one in this process). All of it is one transaction: a failure stores nothing.

    Incremental unless ``full``: when an earlier run had the same inputs (suite, facts,
    waivers, tool), the findings of story-scoped checks for stories whose documents, extraction
    and entities are unchanged are copied from it, and only the other stories are recomputed.

    ``min_confidence``: findings below it are left out of the run (integrity findings never).

    ``findings_per_write``: rejected candidates made into findings and written at a time (the
    findings are the same whatever it is; it bounds the memory of writing them).
    ``piece_size``: candidates a check that declares ``PIECES`` builds at a time, when the
    suite judges row by row (the findings are the same whatever it is; it bounds the memory
    of its candidates).

    ``engine`` (the Spark engine's :class:`audit.engine.sparkcheck.SparkChecks`): integrity,
    the story-scoped and per-story corpus candidates and the judging run there instead; a
    corpus-scoped check without ``PER_STORY`` would still be built here and handed to it;
    the findings of its candidates and their evidence are made there too (by the same
    ``Making``) and loaded into the store here, where the run is recorded as always.
    """
    suite, suite_path, facts, waivers = inputs or load_inputs(claims_dir, checks_dir)
    if judge is None and engine is None:
        with Judge(suite, suite_path, worker=worker_pays(store.con)) as local:
            return run_checks(store, claims_dir, checks_dir, fail_on, config_hash,
                              (suite, suite_path, facts, waivers), full, local, min_confidence,
                              progress, findings_per_write=findings_per_write,
                              piece_size=piece_size)
    if engine is not None:
        with paused_gc():
            return _run_on_engine(store, engine, fail_on, config_hash,
                                  (suite, suite_path, facts, waivers), full,
                                  min_confidence, progress)
    assert judge is not None
    with paused_gc():
        return _run_checks(store, fail_on, config_hash, (suite, facts, waivers), full, judge,
                           min_confidence, progress, findings_per_write, piece_size)


@contextlib.contextmanager
def paused_gc():
    """Python's cyclic garbage collector off while the check runs. Building candidates and
    findings allocates millions of small objects that live for a chunk or the whole run, and
    each full collection walks all of them: at 1M claims 33 full collections took a third of
    this process's time. The check leaves no cyclic garbage (a collection after a 1M-claim run
    found none); what a library leaves is collected once the collector is back on."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _run_checks(store: Store, fail_on: str, config_hash: str, inputs: tuple, full: bool,
                judge: Judge, min_confidence: float, progress: Bar,
                findings_per_write: int = FINDINGS_PER_WRITE,
                piece_size: int = PIECE) -> CheckResult:
    from audit.check.integrity import run_integrity
    from audit.check.reuse import CandidateReuse, row_wise
    from audit.resolve.utterances import drop_caches as drop_quote_caches

    con = store.con
    suite, facts, waivers = inputs
    plan = _Plan.of(con, suite, facts, waivers, min_confidence, full)
    integrity = run_integrity(con, memo=not full)
    unchanged, changed, limits = plan.unchanged, plan.changed, plan.limits
    with store.transaction():
        sink = plan.sink(store, fail_on, waivers, min_confidence, integrity)
        reuse = CandidateReuse(con, plan.prev_id, changed,
                               enabled=not full and bool(unchanged) and row_wise(suite))
        stored = StoredChecks(con)  # candidates kept in temp tables, findings made in SQL
        judging = _Judging(con, judge, limits, sink, stored, findings_per_write)
        pending: dict[str, Candidate | Stored] = {}  # judged together: a GX run costs ~0.25 s
        judged_any = False
        warnings: list[str] = []
        shared: dict = {}  # rows more than one builder reads (``Inputs.shared``)
        every = builders()
        any_chunk = row_wise(suite)  # each row judged on its own: which chunk holds it, and
        # when it is judged, change nothing
        if any_chunk:
            # stored checks first: their many rows (single-source's) are judged by the worker
            # while the other candidates are built, not after them
            every.sort(key=lambda c: c.stored is None)
        progress.start(len(every) + 1)  # each check's candidates, then the final judging
        for check in every:
            progress.advance()
            judging.drain()  # the findings of chunks judged meanwhile
            build = check.candidates
            assert build is not None  # builders() keeps only checks that build candidates
            found: list[Candidate] | list[Stored]
            if unchanged and check.scope == "story":
                if not changed:
                    continue
                story_inputs = Inputs(changed, facts, warnings, shared=shared)
                found = stored.build(check, story_inputs) if check.stored is not None \
                    else build(con, story_inputs)
            elif check.stored is not None:  # story-scoped (``_declared`` checks it)
                found = stored.build(check, Inputs(None, facts, warnings, shared=shared))
            elif check.pieces is not None and any_chunk:
                # a piece at a time (no key in two pieces: each is merged on its own); the
                # chunks before it are taken back and their findings written while it is
                # built, so at most two pieces are held. Row by row judging only: which
                # chunk holds a candidate changes nothing then
                sent_piece = False
                for piece in check.pieces(con, Inputs(None, facts, warnings,
                                                      None if full else plan.states,
                                                      shared=shared), piece_size):
                    if sent_piece:
                        judging.settle()
                    whole: dict[str, Candidate] = {}
                    _collect(whole, piece)
                    del piece  # the generator builds the next piece while this one is held
                    found = reuse.split(whole.values()) if check.scope == "corpus" \
                        else list(whole.values())
                    del whole
                    _collect(pending, found)
                    del found
                    cands = list(pending.values())
                    pending = {}
                    for lo in range(0, len(cands), CHUNK):
                        judging.submit(cands[lo:lo + CHUNK])
                        judged_any = sent_piece = True
                    del cands
                continue
            else:  # corpus-scoped (may memoise per-story work under the stories' states), or
                # any check when no story is unchanged
                merged: dict[str, Candidate] = {}
                _collect(merged, build(con, Inputs(None, facts, warnings,
                                                   None if full else plan.states,
                                                   shared=shared)))
                # unchanged ones: findings copied; only corpus-scoped candidates are recorded
                # (a story-scoped one is never judged in a run that reuses findings)
                found = reuse.split(merged.values()) if check.scope == "corpus" \
                    else list(merged.values())
                del merged
            if pending and len(pending) + len(found) > CHUNK:
                judging.submit(list(pending.values()))
                pending, judged_any = {}, True
            _collect(pending, found)
            del found
            # stored rows (no Python candidate behind them) in fewer, larger GX runs: each run
            # costs ~0.35 s besides its rows
            size = STORED_CHUNK if any_chunk and check.stored is not None else CHUNK
            if len(pending) >= size:
                cands = list(pending.values())
                for lo in range(0, len(cands), size):
                    judging.submit(cands[lo:lo + size])
                pending, judged_any = {}, True
                del cands
        drop_shared(con, shared)
        shared.clear()
        drop_quote_caches()
        if pending or not judged_any:  # an empty run still validates the suite
            judging.submit(list(pending.values()))
            del pending
        # the stored checks' findings are written in SQL while the worker judges the last
        # chunks, then those chunks' findings are made
        judging.take_stored()
        stored.write(sink)
        judging.finish()
        if reuse.copy:
            assert plan.prev_id is not None
            sink.copy(plan.prev_id, reuse.copy)
        sink.reused_candidates = reuse.reused
        reuse.save(sink.run_id)
        progress.advance()
        return plan.record(sink, fail_on, waivers, warnings, config_hash)


WORKER_MIN_DOCS = 1000  # from here on, judging in a second process pays for its start


def worker_pays(con) -> bool:
    """Whether to judge in a worker process (overlapping this process's candidate building):
    with a second core and a large corpus; AUDIT_JUDGE_WORKER=1 or 0 decides instead."""
    forced = os.environ.get("AUDIT_JUDGE_WORKER")
    if forced is not None:
        return forced == "1"
    return (os.cpu_count() or 1) > 1 and con.execute(
        "SELECT count(*) FROM current_documents").fetchall()[0][0] >= WORKER_MIN_DOCS


def _run_on_engine(store: Store, engine: Any, fail_on: str, config_hash: str, inputs: tuple,
                   full: bool, min_confidence: float, progress: Bar) -> CheckResult:
    """``run_checks`` with another engine doing integrity, the candidates, the judging (GX on
    its data) and the findings with their evidence (``audit/check/making.py`` in its workers,
    handed back as relations DuckDB reads: the Spark engine's Parquet); the same reuse of
    unchanged stories, waivers and run record."""
    suite, _suite_path, facts, waivers = inputs
    con = store.con
    plan = _Plan.of(con, suite, facts, waivers, min_confidence, full)
    integrity = engine.integrity(con)
    warnings: list[str] = []
    local: dict[str, Candidate] = {}  # corpus-wide candidates not per story, built here
    every = builders()
    progress.start(len(every) + 1)
    for check in every:
        progress.advance()
        if check.scope == "story" or check.per_story:  # built by the engine, per story
            continue
        assert check.candidates is not None
        _collect(local, check.candidates(con, Inputs(None, facts, warnings,
                                                     None if full else plan.states)))
    with store.transaction():
        sink = plan.sink(store, fail_on, waivers, min_confidence, integrity)
        stories = plan.changed if plan.unchanged else None  # None: every story
        made = engine.made(list(local.values()), stories, facts, warnings, sink.making)
        if made.rejected:  # the candidates built here: their findings made here too
            sink.add(findings_of(con, made.local, made.rejected, plan.limits))
        sink.load(made.findings, made.evidence)  # the engine's: made and written there
        progress.advance()
        return plan.record(sink, fail_on, waivers, warnings, config_hash)


@dataclass
class _Plan:
    """What a check run starts from, whichever engine builds the candidates: the checks, the
    inputs' signature, the thresholds, the stories' states and which of them the last run with
    the same inputs already judged."""

    checks: list[str]
    signature: str
    limits: dict[str, float]
    states: dict[str, str]
    prev_id: str | None
    unchanged: list[str]
    changed: list[str]

    @classmethod
    def of(cls, con, suite: dict, facts: dict, waivers: list, min_confidence: float,
           full: bool) -> _Plan:
        signature = inputs_signature(suite, facts, waivers, min_confidence)
        states = story_states(con)
        prev_id, prev_states = (None, {}) if full else _previous(con, signature)
        unchanged = sorted(s for s, state in states.items() if prev_states.get(s) == state)
        return cls(sorted({e["meta"]["check"] for e in suite["expectations"]} | {"integrity"}),
                   signature, thresholds(suite), states, prev_id, unchanged,
                   sorted(set(states) - set(unchanged)))

    def sink(self, store: Store, fail_on: str, waivers: list, min_confidence: float,
             integrity: list[Finding]) -> _Sink:
        """The run's findings so far: those of unchanged stories copied, then integrity's."""
        sink = _Sink(store, fail_on, {w.fingerprint: w.reason for w in waivers},
                     min_confidence, self.limits)
        if self.unchanged and self.prev_id is not None:
            sink.reuse(self.prev_id, self.unchanged)
        sink.add(integrity)
        return sink

    def record(self, sink: _Sink, fail_on: str, waivers: list, warnings: list[str],
               config_hash: str) -> CheckResult:
        """Store the run (inside the caller's transaction) and return its result."""
        result = CheckResult("", self.checks, [], fail_on, sink.by_severity, sink.by_class,
                             sink.accepted, sorted(sink.top, key=_order)[:SHOWN],
                             self.prev_id if self.unchanged else None, sink.reused,
                             len(self.unchanged), warnings)
        result.candidates_reused = sink.reused_candidates
        result.stale_waivers = [{"fingerprint": w.fingerprint, "reason": w.reason}
                                for w in waivers if w.fingerprint not in sink.waived_seen]
        result.run_id = sink.finish(result, config_hash, self.signature, self.states)
        return result


def _collect(into: dict[str, _C], found: Iterable[_C]) -> None:
    """Add candidates by id; the same finding found twice is one finding with all evidence
    (cids hash the check: duplicates come from one builder; stored rows are numbered)."""
    for c in found:
        if c.cid in into:
            first = into[c.cid]
            assert isinstance(first, Candidate) and isinstance(c, Candidate)
            _merge(first, c)
        else:
            into[c.cid] = c


def run_id_for(seq: int, doc_set: str) -> str:
    """A run's id: its number and the start of its document-set hash."""
    return f"r{seq:05d}-{doc_set[:8]}"


def recorded_result(con, run_id: str, reused_from: str) -> CheckResult:
    """The result of a run recorded as a copy of ``reused_from`` (nothing changed since it):
    counts and the console's top findings read back from the store, as that run showed them."""
    from audit.rerun import counts

    fail_on, checks, stale = con.execute(
        "SELECT fail_on, checks, stale_waivers FROM runs WHERE run_id = ?", [run_id]
    ).fetchall()[0]
    by_sev, by_cls, accepted = counts(con, run_id)
    top = []
    for fid, check, cls, sev, msg, details in con.execute(
            "SELECT finding_id, check_name, class, severity, message, details FROM findings "
            "WHERE run_id = ? AND NOT accepted AND severity <> 'info' ORDER BY seq LIMIT ?",
            [run_id, SHOWN]).fetchall():
        f = Finding(check, cls, sev, msg, None,
                    confidence=float(json.loads(details).get("confidence", 1.0)))
        f.__dict__["fingerprint"] = fid  # the stored fingerprint; the key is not kept
        top.append(f)
    n = con.execute("SELECT count(*) FROM findings WHERE run_id = ?", [run_id]).fetchall()[0][0]
    return CheckResult(run_id, list(checks or []), json.loads(stale or "[]"), fail_on, by_sev,
                       by_cls, accepted, top, reused_from, n, 0, [])


def inputs_signature(suite: dict, facts: dict, waivers: list, min_confidence: float = 0.0) -> str:
    """What every finding depends on besides the corpus: if it differs, nothing is reused."""
    import duckdb

    blob = json.dumps([__version__, duckdb.__version__, code_signature(), suite, facts,
                       [(w.fingerprint, w.reason) for w in waivers]]
                      + ([min_confidence] if min_confidence else []),
                      sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


# Rules outside audit/check that checks call (quote identity, roles, names, figure frames, the
# text toolkit): an edit there changes findings as much as one in a check module.
RULE_FILES = ("resolve/*.py", "text.py", "extract/frames.py", "extract/vocab.py",
              "data/vocabulary.toml")


def signed_files() -> list[Path]:
    """The files ``code_signature`` hashes: the check code and the rules it calls."""
    package = Path(__file__).parent.parent
    files = set((package / "check").rglob("*.py"))
    for pattern in RULE_FILES:
        files.update(package.glob(pattern))
    return sorted(files)


@functools.lru_cache(maxsize=1)
def code_signature() -> str:
    """A hash of the check code and the rules it calls, so that a changed rule (an edit between
    releases, or a development install) never reuses findings computed by the old one."""
    h = hashlib.sha256()
    root = Path(__file__).parent.parent
    for path in signed_files():
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def story_states(con) -> dict[str, str]:
    """Per story, a hash of what its findings are computed from: its documents (ids are content
    hashes) and paths, their extraction signatures, and the entities of their mentions."""
    rows = con.execute("""
        WITH st AS (
          SELECT p.document_id, p.path, coalesce(ds.story_id, '') AS story
          FROM current_documents p
          LEFT JOIN document_stories ds USING (document_id)),
        docs AS (
          SELECT st.story, count(*) AS n,
                 bit_xor(hash(st.document_id, st.path, coalesce(x.signature, ''))) AS h
          FROM st LEFT JOIN extractions x USING (document_id) GROUP BY 1),
        ents AS (
          SELECT st.story, bit_xor(hash(m.mention_id, em.entity_id, em.variant,
                                        em.variant_kind, e.canonical)) AS h
          FROM st JOIN mentions m USING (document_id)
          JOIN entity_mentions em USING (mention_id) JOIN entities e USING (entity_id)
          GROUP BY 1)
        SELECT docs.story, docs.n || ':' || docs.h || ':' || coalesce(ents.h, 0)
        FROM docs LEFT JOIN ents USING (story) ORDER BY 1""").fetchall()
    return dict(rows)


def _previous(con, signature: str) -> tuple[str | None, dict[str, str]]:
    """The latest run with the same inputs, and its story states."""
    rows = con.execute("SELECT run_id FROM runs WHERE inputs = ? ORDER BY seq DESC LIMIT 1",
                       [signature]).fetchall()  # DuckDB 2 refuses new work after a half-read result
    row = rows[0] if rows else None
    if not row:
        return None, {}
    return row[0], dict(con.execute(
        "SELECT story_id, state FROM run_stories WHERE run_id = ?", [row[0]]).fetchall())


def _order(f: Finding) -> tuple:
    """Report order: most severe first, then class, then fingerprint."""
    return (rank(f.severity), f.cls, f.fingerprint)


class _Judging:
    """Chunks of candidates judged in order, several in flight: a worker judge judges them one
    after the other while this process writes the findings of those already judged and builds
    the next candidates (the two cores both busy; with a judge in this process, the same steps
    run in turn). Sending never waits for a judgement; a judged chunk is taken back when its
    judgement is there (``drain``), and at the latest when ``IN_FLIGHT`` chunks are out.

    The rejected candidates of consecutive chunks wait until about a chunk's worth of them is
    there (or the judging ends; never more than ``CHUNK``: those waiting are flushed before a
    chunk's that would take them past it): one evidence query then serves them all (each query
    scans the claims' spans, whatever the number of claims asked), and their findings go to
    the sink chunk by chunk, in the order they were judged."""

    IN_FLIGHT = 8  # chunks sent and not yet taken back (their candidates stay in memory)

    def __init__(self, con, judge: Judge, limits: dict[str, float], sink: _Sink,
                 stored: StoredChecks, per_write: int = FINDINGS_PER_WRITE):
        self.con, self.judge, self.limits, self.sink = con, judge, limits, sink
        self.per_write = per_write  # findings made and written at a time
        self.stored = stored
        self.sent: deque[list[Candidate | Stored]] = deque()
        self.stored_sent = 0  # chunks in ``sent`` holding stored rows
        self.waiting: list[tuple[dict[str, Candidate], list[Judgement]]] = []
        self.n_waiting = 0  # rejected candidates in ``waiting``

    def submit(self, cands: list[Candidate | Stored]) -> None:
        self.judge.send(as_columns([(c.cid, c.check, c.judged) for c in cands]))
        self.sent.append(cands)
        self.stored_sent += _holds_stored(cands)
        while len(self.sent) > self.IN_FLIGHT:
            self._take()
        self.drain()

    def drain(self) -> None:
        """Take back every chunk whose judgement is already there, without waiting."""
        while self.sent and self.judge.ready():
            self._take()

    def finish(self) -> None:
        """Take back every chunk, then let the worker go: its exit (~0.5 s at 1M claims: it
        holds Great Expectations and pandas) overlaps the findings still to be written instead of
        being waited for when the judge is closed. Nothing is judged after this."""
        while self.sent:
            self._take()
        self.judge.release()
        self._flush()

    def settle(self) -> None:
        """Take back every chunk (waiting for the last ones' judgements) and write the
        findings waiting: no candidate sent so far is held any longer."""
        while self.sent:
            self._take()
        self._flush()

    def take_stored(self) -> None:
        """Take back chunks, oldest first, until none in flight holds stored rows: their
        rejections are then all known to ``StoredChecks`` (stored checks are built first, so
        their chunks lead and were mostly judged long ago)."""
        while self.stored_sent:
            self._take()

    def _take(self) -> None:
        """The oldest chunk in flight and its judgement (waiting for it if need be)."""
        cands = self.sent.popleft()
        self.stored_sent -= _holds_stored(cands)
        self._made(cands, self.judge.receive())

    def _made(self, cands: list[Candidate | Stored], rejected: list[Judgement]) -> None:
        """A judged chunk: stored rows' judgements kept for ``StoredChecks.write``, the other
        rejected candidates for the next evidence query."""
        by_cid = {c.cid: c for c in cands}
        judged: dict[str, Candidate] = {}
        for cid, j in worst(rejected).items():
            c = by_cid[cid]
            if isinstance(c, Stored):
                self.stored.reject(c, j)
            else:
                judged[cid] = c
        if judged and self.n_waiting + len(judged) > CHUNK:
            # the findings waiting first: a flush makes one evidence index of at most a
            # chunk's rejected candidates (waiting for CHUNK and taking the last chunk's with
            # them flushed 31,524 at once after arithmetic at 100,000 documents)
            self._flush()
        if judged:
            self.waiting.append((judged, [j for j in rejected if j.cid in judged]))
            self.n_waiting += len(judged)
        if self.n_waiting >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        """Make and write the waiting findings: one evidence query, then chunk by chunk."""
        from audit.check.evidence import EvidenceIndex  # its patterns cost a no-op run 0.2 s

        if not self.waiting:
            return
        waiting, self.waiting, self.n_waiting = self.waiting, [], 0
        wanted = EvidenceIndex.wanted_by(c for judged, _ in waiting for c in judged.values())
        ev = EvidenceIndex(self.con, set(wanted), wanted)
        del wanted  # the index keeps what it needs of it
        # each chunk's candidates go once their findings are written, before the next chunk's
        # findings are made (this is the check's peak: the index and the chunks' findings);
        # within a chunk, ``per_write`` candidates at a time are made into findings, written
        # and dropped: the findings, their columns, the Arrow tables and DuckDB's insert of a
        # whole chunk (18,000 findings) added ~200 MiB to the peak at 20,000 documents
        waiting.reverse()
        while waiting:
            judged, rejected = waiting.pop()
            by_cid = worst(rejected)
            del rejected
            cids = list(by_cid)
            for lo in range(0, len(cids), self.per_write):
                part = {cid: judged.pop(cid) for cid in cids[lo:lo + self.per_write]}
                self.sink.add(findings_of(self.con, part, [by_cid[c] for c in part],
                                          self.limits, ev))
                del part
            del judged, by_cid, cids


def _holds_stored(cands: list[Candidate | Stored]) -> bool:
    return any(isinstance(c, Stored) for c in cands)


def findings_of(con, by_cid: dict[str, Candidate], rejected: list[Judgement],
                limits: dict[str, float] | None = None,
                ev: EvidenceIndex | None = None) -> list[Finding]:
    """One finding per rejected candidate, with the most severe expectation that rejected it
    (its evidence read from the store, or from ``ev`` holding its claims;
    ``audit/check/making.py`` makes it, as the Spark engine's executors do)."""
    from audit.check.evidence import EvidenceIndex  # its patterns cost a no-op run 0.2 s

    judged = worst(rejected)
    if ev is None:
        ev = EvidenceIndex(con, {cl for cid in judged for v in by_cid[cid].values
                                 for cl, _ in v["claims"]})
    making = Making("", limits=THRESHOLDS if limits is None else limits)
    return [making.finding(by_cid[cid], j, ev) for cid, j in judged.items()]


class _Sink:
    """Writes findings of the run as they come (waivers applied, duplicates dropped), keeps the
    counts, and numbers them in report order at the end."""

    def __init__(self, store: Store, fail_on: str, waived: dict[str, str],
                 min_confidence: float = 0.0, limits: dict[str, float] | None = None):
        con = store.con
        self.con, self.fail_on = con, fail_on
        # the corpus's hash in SQL: its ids never become a Python list (100M at scale)
        self.n_docs, digest = con.execute(
            "SELECT count(*), sha256(coalesce(string_agg(document_id, ',' "
            "ORDER BY document_id), '')) FROM current_documents").fetchall()[0]
        self.doc_set = digest[:16]  # sha256 of the ids joined by commas, as hashlib gives
        self.seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM runs").fetchall()[0][0]
        self.run_id = run_id_for(self.seq, self.doc_set)
        # what admits a finding and makes its rows (the Spark engine's executors use it too)
        self.making = Making(self.run_id, waived, min_confidence,
                             dict(THRESHOLDS if limits is None else limits))
        self.seen: set[str] = set()
        self.waived_seen: set[str] = set()
        self.by_severity: Counter = Counter()
        self.by_class: Counter = Counter()
        self.accepted = 0
        self.reused = 0
        self.reused_candidates = 0  # corpus-scoped candidates whose findings were copied
        self.top: list[Finding] = []

    def reuse(self, prev_run: str, stories: list[str]) -> None:
        """Copy ``prev_run``'s story-scoped findings whose evidence lies in ``stories``."""
        con = self.con
        con.execute("CREATE OR REPLACE TEMP TABLE _reuse_docs AS SELECT document_id "
                    "FROM document_stories WHERE story_id IN (SELECT unnest(?::VARCHAR[]))",
                    [stories])
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _reused AS
            SELECT f.finding_id FROM findings f
            WHERE f.run_id = ? AND f.check_name IN (SELECT unnest(?::VARCHAR[]))
              AND NOT EXISTS (SELECT 1 FROM finding_evidence fe
                              WHERE fe.run_id = f.run_id AND fe.finding_id = f.finding_id
                                AND fe.document_id NOT IN (SELECT document_id
                                                           FROM _reuse_docs))""",
                    [prev_run, sorted(story_scoped())])
        self._copy(prev_run)

    def copy(self, prev_run: str, fingerprints: list[str]) -> None:
        """Copy ``prev_run``'s findings with these fingerprints (those of corpus-scoped
        candidates that did not change: ``audit/check/reuse.py``), unless already here."""
        fresh = sorted(set(fingerprints) - self.seen)
        if not fresh:
            return
        self.con.execute("CREATE OR REPLACE TEMP TABLE _reused AS "
                         "SELECT unnest(?::VARCHAR[]) AS finding_id", [fresh])
        self._copy(prev_run)

    def _copy(self, prev_run: str) -> None:
        """Copy the findings of ``prev_run`` listed in the temp table ``_reused``, with their
        evidence, and count them."""
        con = self.con
        con.execute("""
            INSERT INTO findings (run_id, finding_id, seq, check_name, class, severity, message,
                                  accepted, waiver_reason, details)
            SELECT ?, finding_id, 0, check_name, class, severity, message, accepted,
                   waiver_reason, details
            FROM findings WHERE run_id = ? AND finding_id IN (SELECT finding_id FROM _reused)""",
                    [self.run_id, prev_run])
        con.execute("""
            INSERT INTO finding_evidence (run_id, finding_id, seq, document_id, claim_id,
                                          span_id, start_char, end_char, exact, value)
            SELECT ?, finding_id, seq, document_id, claim_id, span_id, start_char, end_char,
                   exact, value
            FROM finding_evidence
            WHERE run_id = ? AND finding_id IN (SELECT finding_id FROM _reused)""",
                    [self.run_id, prev_run])
        for fid, check, cls, sev, msg, accepted in con.execute(
                "SELECT finding_id, check_name, class, severity, message, accepted "
                "FROM findings WHERE run_id = ? AND finding_id IN "
                "(SELECT finding_id FROM _reused)", [self.run_id]).fetchall():
            self.seen.add(fid)
            self.reused += 1
            if accepted:
                self.accepted += 1
                self.waived_seen.add(fid)
                continue
            self.by_severity[sev] += 1
            self.by_class[cls] += 1
            if sev != "info":
                f = Finding(check=check, cls=cls, severity=sev, message=msg, key=None)
                f.__dict__["fingerprint"] = fid  # the stored fingerprint (cached property)
                self.top.append(f)
                if len(self.top) > 4 * SHOWN:
                    self.top = sorted(self.top, key=_order)[:SHOWN]

    def add(self, findings: list[Finding]) -> None:
        making = self.making
        new = []
        for f in sorted(findings, key=_order):
            if f.fingerprint in self.seen or not making.admit(f):
                continue
            self.seen.add(f.fingerprint)
            if f.accepted:  # waived
                self.waived_seen.add(f.fingerprint)
                self.accepted += 1
            else:
                self.by_severity[f.severity] += 1
                self.by_class[f.cls] += 1
                if f.severity != "info":
                    self.top.append(f)
            new.append(f)
        if len(self.top) > 4 * SHOWN:
            self.top = sorted(self.top, key=_order)[:SHOWN]
        insert_columns(self.con, "findings", making.finding_columns(new))
        insert_columns(self.con, "finding_evidence", making.evidence_columns(new))

    def load(self, findings: str, evidence: str, remember: bool = False) -> None:
        """Add findings made elsewhere (the Spark engine's Parquet, stored candidates' SQL):
        ``findings`` and ``evidence`` are relations (``read_parquet(...)``) holding this run's
        rows as :class:`Making` made them (confidence and waivers applied). One statement per
        table writes them, skipping a finding this run already holds (copied from the last
        run); the counts and the console's top findings are read with SQL, not row by row.
        Their ids are added to ``seen`` only when ``remember`` (the Spark engine's are the last
        findings a run adds)."""
        con, run_id = self.con, self.run_id
        fresh = (f"(SELECT * FROM {findings} WHERE finding_id NOT IN "
                 f"(SELECT finding_id FROM findings WHERE run_id = $run))")
        if remember:
            self.seen.update(r[0] for r in con.execute(f"SELECT finding_id FROM {fresh}",
                                                       {"run": run_id}).fetchall())
        for sev, cls, accepted, n in con.execute(
                f"SELECT severity, class, accepted, count(*) FROM {fresh} GROUP BY ALL",
                {"run": run_id}).fetchall():
            if accepted:
                self.accepted += n
            else:
                self.by_severity[sev] += n
                self.by_class[cls] += n
        self.waived_seen.update(r[0] for r in con.execute(
            f"SELECT finding_id FROM {fresh} WHERE accepted", {"run": run_id}).fetchall())
        for fid, check, cls, sev, msg, details in con.execute(
                f"SELECT finding_id, check_name, class, severity, message, details "
                f"FROM {fresh} f WHERE NOT accepted AND severity <> 'info' "
                f"ORDER BY {SEVERITY_RANK_SQL}, class, finding_id LIMIT {SHOWN}",
                {"run": run_id}).fetchall():
            f = Finding(check, cls, sev, msg, None,
                        confidence=float(json.loads(details).get("confidence", 1.0)))
            f.__dict__["fingerprint"] = fid  # the stored fingerprint; the key is not here
            self.top.append(f)
        self.top = sorted(self.top, key=_order)[:SHOWN]
        # evidence first: its filter reads which findings the run held before these
        e_cols = ", ".join(self._columns("finding_evidence"))
        con.execute(f"INSERT INTO finding_evidence ({e_cols}) SELECT {e_cols} FROM {evidence} "
                    f"WHERE finding_id NOT IN "
                    f"(SELECT finding_id FROM findings WHERE run_id = $run)", {"run": run_id})
        f_cols = ", ".join(self._columns("findings"))
        con.execute(f"INSERT INTO findings ({f_cols}) SELECT {f_cols} FROM {fresh}",
                    {"run": run_id})

    def _columns(self, table: str) -> list[str]:
        return [r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()]

    def finish(self, result: CheckResult, config_hash: str, inputs: str,
               states: dict[str, str]) -> str:
        """Number the findings in report order and store the run row."""
        self.con.execute(f"""
            UPDATE findings SET seq = o.n FROM (
              SELECT finding_id, row_number() OVER (
                ORDER BY {SEVERITY_RANK_SQL}, class, finding_id) - 1 AS n
              FROM findings f WHERE run_id = ?) o
            WHERE findings.run_id = ? AND findings.finding_id = o.finding_id""",
                         [self.run_id, self.run_id])
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.con.execute("""
            INSERT INTO runs (run_id, seq, started_at, tool_version, config_hash, document_set,
                              documents, fail_on, verdict, checks, stale_waivers, inputs)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                         [self.run_id, self.seq, now, __version__, config_hash, self.doc_set,
                          self.n_docs, result.fail_on, result.verdict, result.checks,
                          json.dumps(result.stale_waivers, sort_keys=True), inputs])
        insert_rows(self.con, "run_stories", [
            {"run_id": self.run_id, "story_id": story, "state": state}
            for story, state in sorted(states.items())])
        return self.run_id


def _merge(into: Candidate, other: Candidate) -> None:
    """Fold a duplicate candidate (same key, e.g. one spelling pair in two stories) into the
    first; claims are kept sorted so the result does not depend on which came first."""
    labels = {v["value"]: v for v in into.values}
    for v in other.values:
        if v["value"] in labels:
            merged = dict.fromkeys(labels[v["value"]]["claims"] + v["claims"])
            labels[v["value"]]["claims"] = sorted(merged, key=lambda c: (c[0], str(c[1])))
        else:
            into.values.append(v)
            labels[v["value"]] = v
