"""The Python API: an audit project as an object, its results as typed values.

The ``audit`` command line is a thin layer over this module (as sqlite-utils' and datasette's
are over their libraries): each command calls one method here and only formats what it
returns. So a script, a notebook or a data pipeline gets exactly what the CLI does::

    from audit import Project

    project = Project.open("my-audit")
    outcome = project.run(formats=["json"])
    for finding in project.findings(min_confidence=0.6, severity="error"):
        print(finding.check, finding.message, finding.evidence[0].where)

Errors are the CLI's: bad input or settings raise :class:`audit.errors.AuditError` (its
subclasses ``ConfigError``, ``InputError``, ``DatabaseBusy``, ``EnvironmentFault``; the CLI
exits 2 on them) before anything is written; anything else is a bug. Writing methods open the
database for their own duration (DuckDB allows one writer), reading methods open it read-only.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import AuditError, ConfigError
from audit.progress import ProgressBars

if TYPE_CHECKING:
    from audit.check.run import CheckResult
    from audit.config import Config
    from audit.ingest.pipeline import IngestResult
    from audit.store import Store
    from audit.timings import Timings

__all__ = ["Claim", "Diff", "Document", "Evidence", "ExtractResult", "Finding", "Outcome",
           "Project", "ReportResult", "Span", "Trace", "init_project"]

# The HTML report shows at most this many findings (most severe first); the machine formats
# always carry all of them.
HTML_MAX_FINDINGS = 10_000

# `run` on a corpus of at least this many documents judges in a worker process started before
# ingest, so that importing Great Expectations overlaps the other stages.
JUDGE_WORKER_MIN_DOCS = 1000

NO_RUN = "no check run yet; run 'audit check' or 'audit run' first"


# --- what the API returns -------------------------------------------------------------------

@dataclass(frozen=True)
class Document:
    """A source path of the corpus and the document it holds now."""

    id: str
    path: str
    title: str | None
    publisher: str | None
    date: Any  # datetime.date | None
    chars: int
    version: int
    zones: str | None  # zone counts, e.g. "body:12 boilerplate:3 title:1"


@dataclass(frozen=True)
class Claim:
    """One extracted claim, located by the line of its first span."""

    id: str
    path: str
    line: int
    kind: str
    predicate: str
    subject: str
    value: str  # human-readable value
    qualifiers: dict
    value_json: Any  # the typed value (README: Claim kinds)
    zone: str
    compared: bool
    extractor: str
    version: str
    frame: str  # an amount's or count's frame in words ('' when it has none)


@dataclass(frozen=True)
class Span:
    """One span of a claim: ``text[start:end] == exact`` (``ok`` says it still holds)."""

    role: str
    start: int
    end: int
    exact: str
    line: int
    col: int
    ok: bool


@dataclass(frozen=True)
class Trace:
    """A claim with its spans and the text of its document, for showing it in context."""

    claim_id: str
    kind: str
    predicate: str
    subject: str
    value_text: str
    qualifiers: str  # as stored (JSON)
    zone: str
    compared: bool
    extractor: str
    extractor_version: str
    path: str
    text: str
    value: Any
    frame: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Evidence:
    """One place in a source that a finding points at."""

    path: str | None
    line: int | None
    column: int | None
    page: int | None  # PDF sources: the page (1-based)
    exact: str
    start: int
    end: int
    document_id: str
    claim_id: str | None = None
    value: str | None = None
    before: str = ""
    after: str = ""

    @property
    def where(self) -> str:
        """'file.txt:12', or 'file.pdf (page 2)' for a PDF (as every report writes it)."""
        from audit.report.location import where

        return where({"path": self.path, "document_id": self.document_id,
                      "line": self.line, "page": self.page})


@dataclass(frozen=True)
class Finding:
    """A finding of a check run (``fingerprint`` is stable across runs: waivers use it)."""

    fingerprint: str
    check: str
    cls: str  # the report class ('name-variant', 'value-conflict', ...)
    severity: str
    message: str
    confidence: float | None  # 0-1; None for runs stored before confidence existed
    accepted: bool = False
    waiver_reason: str | None = None
    evidence: tuple[Evidence, ...] = ()
    values: tuple = field(default=(), hash=False)  # ({"value": ..., "documents": [...]}, ...)
    details: dict = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class ExtractResult:
    documents: int  # documents extracted (new or changed)
    claims: int
    entities: int
    stories: int
    stories_reused: int  # stories whose entities were kept (unchanged since the last run)


@dataclass(frozen=True)
class ReportResult:
    run_id: str
    written: tuple[Path, ...]
    notes: tuple[str, ...] = ()  # e.g. that report.html shows only the most severe findings


@dataclass(frozen=True)
class Outcome:
    """What ``check`` or ``run`` did: the stored check run and the reports written."""

    check: CheckResult
    written: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()
    ingest: IngestResult | None = None
    extract: ExtractResult | None = None
    reused_run: str | None = None  # nothing changed since this run: recorded as a copy of it

    @property
    def failing(self) -> bool:
        """An open finding reaches ``fail_on`` (the CLI exits 1)."""
        return bool(self.check.failing)

    @property
    def run_id(self) -> str:
        return self.check.run_id


@dataclass(frozen=True)
class Diff:
    old: str
    new: str
    added: tuple[Finding, ...]
    fixed: tuple[Finding, ...]


# --- what has been committed, for an honest message on Ctrl-C -------------------------------

class Progress:
    """The stage running now and those committed, for the CLI's Ctrl-C message."""

    NOTES = {
        "ingest": "the ingest was rolled back",
        "extract": "extraction keeps the batches it committed (up to 400 documents each) and "
                   "the next run resumes after them",
        "resolve": "entity resolution was rolled back",
        "check": "the check run was rolled back",
        "report": "reports are replaced only once all are written: the previous ones are "
                  "intact",
    }

    def __init__(self) -> None:
        self.stage: str | None = None
        self.done: list[str] = []

    def reset(self) -> None:
        self.stage, self.done = None, []

    @contextlib.contextmanager
    def running(self, name: str, done: str | None = None) -> Iterator[None]:
        self.stage = name
        yield
        self.stage = None
        self.done.append(done or name)

    def message(self) -> str:
        if self.stage is None and not self.done:
            return "interrupted; nothing was written"
        msg = "interrupted" + (f" during {self.stage}" if self.stage else "")
        msg += (f"; committed before that: {', '.join(self.done)}" if self.done
                else "; nothing else committed")
        return msg + (f"; {self.NOTES[self.stage]}" if self.stage in self.NOTES else "")


PROGRESS = Progress()


# --- the project ----------------------------------------------------------------------------

def init_project(directory: str | Path, force: bool = False) -> list[Path]:
    """Write a new project layout into ``directory``; returns the files written."""
    from audit.project import init_project as write_layout

    return write_layout(Path(directory), force=force)


class Project:
    """An audit project: its settings (``audit.toml`` or ``[tool.audit]``), sources and store."""

    def __init__(self, config: Config, progress: ProgressBars | None = None):
        self.config = config
        self.progress = progress or ProgressBars(False)  # bars only when asked (the CLI on a TTY)
        self._manifests: Any = None  # parsed manifests to keep once a new store exists

    @classmethod
    def open(cls, path: str | Path = ".", *, db: str | None = None,
             sources: Iterable[str | Path] = (), out: str | Path | None = None,
             allow_empty: bool = False, progress: ProgressBars | None = None,
             engine: str | None = None) -> Project:
        """The project in ``path``, its settings read and validated (a malformed config is a
        :class:`~audit.errors.ConfigError`). The keywords override the settings as the CLI's
        options do; ``progress``: bars for long stages (:class:`audit.progress.ProgressBars`)."""
        from audit.config import load_config

        cfg = load_config(Path(path))
        return cls(cfg.with_overrides(db=db, sources=tuple(Path(s) for s in sources),
                                      out=Path(out) if out is not None else None,
                                      allow_empty=allow_empty, engine=engine), progress)

    @property
    def root(self) -> Path:
        return self.config.root

    # -- writing stages --

    def ingest(self) -> IngestResult:
        """Read the sources into the store; the corpus becomes exactly these sources."""
        found = self._find_sources()
        with self._writable_store() as store:
            return self._ingest(store, found)

    def extract(self, full: bool = False) -> ExtractResult:
        """Extract claims from new or changed documents, then resolve entities (``full``:
        re-cluster every story)."""
        inputs = self._extract_inputs()
        with self._writable_store() as store:
            return self._extract(store, inputs, full)

    def check(self, fail_on: str | None = None, formats: Iterable[str] = (),
              out: str | Path | None = None, full: bool = False,
              min_confidence: float = 0.0) -> Outcome:
        """Run the suites on what is stored and record the run; write ``formats`` (none by
        default) into ``out``."""
        from audit.check.run import load_inputs

        names = list(formats)
        target = Path(out) if out is not None else None
        inputs = load_inputs(self.config.claims_dir, self.config.checks_dir)
        if names:
            self._prepare_out(target or self._out)
        with self._writable_store() as store:
            result = self._check(store, fail_on, inputs, full, None, min_confidence)
            report = self._report(store, result, names, target) if names else None
        return Outcome(result, report.written if report else (),
                       report.notes if report else ())

    def run(self, fail_on: str | None = None, formats: Iterable[str] | None = None,
            out: str | Path | None = None, full: bool = False, min_confidence: float = 0.0,
            clock: Timings | None = None,
            on_stage: Callable[[str, object], None] | None = None,
            spark: Any = None, quiet: bool = False,
            echo: Callable[..., None] | None = None) -> Outcome:
        """The whole audit: ingest, extract, resolve, check, report (``formats``: default
        from the settings). ``on_stage(name, result)`` is called after ingest and extract,
        e.g. to print progress; ``clock`` (:class:`audit.timings.Timings`) times each stage.
        ``spark`` (:class:`audit.engine.settings.SparkSettings`): ingest, extraction,
        resolution and most of the check run on Spark instead (``echo`` prints its notes
        unless ``quiet``)."""
        from audit.check.run import load_inputs
        from audit.timings import Timings

        clock = clock or Timings(False)
        target = Path(out) if out is not None else None
        self._prepare_out(self._out)
        names = list(formats or ())
        key, stats, snapshot = self._run_key(fail_on, names, target, min_confidence)
        stored: list[int] = []  # the documents the store holds, if it was opened
        if not full:  # the key covers every input file: a reusable run read the same ones
            with clock.stage("reuse"):
                reused = self._reuse_last_run(key, stats, snapshot, names, target, stored)
            if reused is not None:
                return reused
        del stats  # every source file's metadata (~125,000 objects at 20,000 files)
        # bad files, sources and settings fail before anything is written
        inputs = load_inputs(self.config.claims_dir, self.config.checks_dir)
        # the judging worker (a large stored corpus) starts now, so that importing Great
        # Expectations overlaps reading the sources too
        early = self._judge_for(stored[0], inputs, spark) if stored else None
        session = None
        try:
            extract_inputs = self._extract_inputs()
            found = self._find_sources()
            if spark is not None:
                from audit.engine.cli import start_session

                session = start_session(spark)
        except BaseException:
            if early is not None:
                early.close()
            raise
        ingested = extracted = engine = None
        with self._writable_store() as store, contextlib.ExitStack() as held:
            judge = held.enter_context(early) if early is not None else None
            if spark is not None:
                from audit.engine.cli import spark_stages

                with PROGRESS.running("ingest", "the Spark stages"):
                    engine = spark_stages(self.config, store, session, spark, found,
                                          extract_inputs, clock, quiet,
                                          echo or (lambda *a, **k: None), inputs)
                del found
            else:
                with clock.stage("ingest"):
                    ingested = self._ingest(store, found)
                del found  # the discovered files (~285,000 objects at 20,000 files)
                if self._manifests is not None:
                    self._manifests.freeze()
                if on_stage:
                    on_stage("ingest", ingested)
            if judge is None:
                # a new store: decided now, by the documents ingest stored (counted before
                # ingest, a first run never judged in a worker, and Great Expectations,
                # pandas and each chunk's frame stayed in this process for the check)
                judge = held.enter_context(self._judge_for(None, inputs, spark, store))
            if spark is None:
                extracted = self._extract(store, extract_inputs, full, clock)
                if on_stage:
                    on_stage("extract", extracted)
            with clock.stage("check"):
                checked = self._check(store, fail_on, inputs, full, judge, min_confidence,
                                      engine)
            judge.release()  # the worker exits while the reports are written
            with clock.stage("report"):
                report = self._report(store, checked, names, target)
            digest = self._remember_run(store, key, checked.run_id, snapshot, report.written)
        self._seal(digest)
        return Outcome(checked, report.written, report.notes, ingested, extracted)

    # -- whole-run reuse (audit/rerun.py) --

    def _run_key(self, fail_on: str | None, formats: list[str], out: Path | None,
                 min_confidence: float) -> tuple[str, list, int]:
        """What a run depends on, the sources' metadata from one walk of their folders
        (nothing parsed), and the time of this snapshot (a file modified after it is never
        vouched for by its metadata)."""
        import time

        from audit import rerun

        cfg = self.config
        snapshot = time.time_ns()
        stats = rerun.source_stats(cfg.sources)
        options = {"fail_on": fail_on, "formats": formats, "out": str(out or ""),
                   "min_confidence": min_confidence}
        key = rerun.run_key(cfg, cfg.claims_dir, cfg.checks_dir, stats, options)
        return key, stats, snapshot

    def _reuse_last_run(self, key: str, stats: list, snapshot: int, formats: list[str],
                        out: Path | None, stored: list[int] | None = None) -> Outcome | None:
        """When nothing changed since the last run: a new run recorded as a copy of it, the
        reports rewritten only if the files it wrote were changed or removed since.
        Otherwise None, and nothing written. Only an existing store can hold a last run.
        ``stored``: gets the number of documents the store holds."""
        from audit import rerun
        from audit.check.run import recorded_result
        from audit.store import queries

        path = self.config.db_path
        if path == ":memory:" or not os.path.exists(path):
            return None
        sealed = rerun.sealed_digest(path)
        with self._writable_store() as store:
            if stored is not None:
                stored.append(queries.document_count(store.con))
            reuse = rerun.reusable(store.con, key, stats, sealed, self.config.root)
            if reuse is None:
                return None
            if reuse.reports_intact:
                with store.transaction():  # the copy and the record of it: one commit
                    run_id = rerun.copy_run(store.con, reuse.run_id)
                    rerun.remember(store.con, key, run_id, snapshot,
                                   [Path(p) for p in reuse.reports], reuse.store)
                checked = recorded_result(store.con, run_id, reuse.run_id)
                written: tuple[Path, ...] = ()
                notes: tuple[str, ...] = ()
            else:
                with store.transaction():
                    run_id = rerun.copy_run(store.con, reuse.run_id)
                checked = recorded_result(store.con, run_id, reuse.run_id)
                report = self._report(store, checked, formats, out)
                written, notes = report.written, report.notes
                self._remember_run(store, key, run_id, snapshot, written, reuse.store)
        self._seal(reuse.store)
        return Outcome(checked, written, notes, reused_run=reuse.run_id)

    @staticmethod
    def _remember_run(store: Store, key: str, run_id: str, snapshot: int,
                      written: Iterable[Path], digest: str | None = None) -> str:
        from audit import rerun

        with store.transaction():
            return rerun.remember(store.con, key, run_id, snapshot, written, digest)

    def _seal(self, digest: str) -> None:
        """After the store is closed: its file's metadata vouches for the digest just recorded
        (and the manifests parsed for a new store are kept beside it)."""
        from audit import rerun

        if self.config.db_path != ":memory:":
            rerun.seal(self.config.db_path, digest)
            if self._manifests is not None:
                self._manifests.save()
                self._manifests = None

    def report(self, run: str | None = None, formats: Iterable[str] | None = None,
               out: str | Path | None = None, min_confidence: float = 0.0) -> ReportResult:
        """Write reports for a stored run (default: the latest); ``formats`` default from the
        settings."""
        from audit.check.export import build_bundle, latest_run

        names = list(dict.fromkeys(formats or self.config.formats))
        with self._reading_store() as store:
            run_id = run or latest_run(store.con)
            if not run_id:
                raise AuditError(NO_RUN)
            bundle = build_bundle(store.con, run_id, with_documents="html" in names,
                                  min_confidence=min_confidence)
            target = self._prepare_out(Path(out) if out is not None else self._out)
            written, notes = self._write(bundle, target, names, store)
        return ReportResult(run_id, tuple(written), tuple(notes))

    def waive(self, fingerprint: str, reason: str) -> Path:
        """Accept a finding of the latest run: append a waiver to ``checks/waivers.toml``;
        returns that file."""
        from audit.check.export import latest_run
        from audit.check.waive import add_waiver
        from audit.store import queries

        with self._reading_store() as store:
            run_id = latest_run(store.con)
            if not run_id:
                raise AuditError("no check run yet; run 'audit run' first")
            label = queries.finding_label(store.con, run_id, fingerprint)
        if label is None:
            raise AuditError(f"no finding {fingerprint} in the latest run {run_id} "
                             "(see 'audit findings')")
        return add_waiver(self.config.checks_dir or self.root / "checks", fingerprint, reason,
                          f"{label[0]}: {label[1]}")

    # -- reading --

    def documents(self) -> list[Document]:
        """The documents of the corpus, one per source path, in path order."""
        from audit.store import queries

        with self._reading_store() as store:
            return [Document(*r) for r in queries.documents(store.con)]

    def claims(self, kind: str | None = None, document: str | None = None,
               include_all: bool = False) -> list[Claim]:
        """Extracted claims (``document``: an id, path or file name; ``include_all``: also
        those read in boilerplate and bylines, which are never compared)."""
        from audit.extract.frames import describe
        from audit.store import queries

        with self._reading_store() as store:
            rows = queries.claims(store.con, document, kind, include_all)
        out = []
        for cid, path, line, kind, pred, subj, vtext, quals, value, zone, compared, ext, ver \
                in rows:
            value = json.loads(value)
            out.append(Claim(cid, path, line, kind, pred, subj, vtext, json.loads(quals), value,
                             zone, compared, ext, ver,
                             describe(value) if isinstance(value, dict) else ""))
        return out

    def trace(self, claim_id: str) -> Trace:
        """A claim and its spans, each checked against the stored text."""
        from audit.extract.frames import describe
        from audit.spans import verify_span
        from audit.store import queries

        with self._reading_store() as store:
            row = queries.claim(store.con, claim_id)
            if row is None:
                raise AuditError(f"no claim with id '{claim_id}' (see 'audit claims')")
            spans = queries.claim_spans(store.con, claim_id)
        kind, pred, subj, vtext, quals, zone, compared, ext, ver, text, path, value = row
        value = json.loads(value) if isinstance(value, str) else value
        frame = describe(value) if isinstance(value, dict) else ""
        return Trace(claim_id, kind, pred, subj, vtext, quals, zone, compared, ext, ver, path,
                     text, value, frame or "",
                     tuple(Span(role, s, e, exact, line, col, verify_span(text, s, e, exact))
                           for role, s, e, exact, line, col in spans))

    def latest_run(self) -> str | None:
        """The id of the latest check run (None before the first)."""
        from audit.store import queries

        with self._reading_store() as store:
            runs = queries.runs(store.con)
        return runs[0] if runs else None

    def findings(self, run: str | None = None, since_run: str | None = None,
                 min_confidence: float = 0.0, severity: str | Iterable[str] | None = None,
                 evidence: bool = True) -> Iterator[Finding]:
        """The findings of a run (default: the latest) in report order, most severe first.
        ``since_run``: only those new since that run; ``severity``: one name or several;
        ``evidence=False`` leaves out the evidence (one cheap query). A missing run is an
        error at the call, not when iterating."""
        from audit.store import queries

        sevs = (None if severity is None else
                (severity,) if isinstance(severity, str) else tuple(severity))
        with self._reading_store() as store:
            runs = [run] if run else queries.runs(store.con)
            if not runs:
                raise AuditError(NO_RUN)
            run_id = runs[0]
            for r in (run_id, since_run):
                if r and not queries.run_exists(store.con, r):
                    raise AuditError(f"no run '{r}' (runs: see 'audit diff --help')")
        return self._findings(run_id, since_run, min_confidence, sevs, evidence)

    def diff(self, old: str | None = None, new: str | None = None) -> Diff:
        """New and fixed findings between two runs (default: the last two)."""
        from audit.store import queries

        with self._reading_store() as store:
            runs = queries.runs(store.con)
            new = new or (runs[0] if runs else None)
            old = old or (runs[1] if len(runs) > 1 else None)
            if not old or not new:
                raise AuditError("need two check runs to compare")
            added = queries.finding_rows(store.con, new, old)
            fixed = queries.finding_rows(store.con, old, new)
        return Diff(old, new, tuple(map(_bare_finding, added)),
                    tuple(map(_bare_finding, fixed)))

    # -- internals --

    @property
    def _out(self) -> Path:
        return self.config.out or self.root / "reports"

    def _findings(self, run_id: str, since: str | None, min_confidence: float,
                  severities: tuple[str, ...] | None, evidence: bool) -> Iterator[Finding]:
        from audit.check.export import FindingStream
        from audit.store import queries

        with self._reading_store() as store:
            if not evidence:
                for row in queries.finding_rows(store.con, run_id, since, min_confidence):
                    if severities is None or row[3] in severities:
                        yield _bare_finding(row)
                return
            for f in FindingStream(store.con, run_id, min_confidence, since, severities):
                yield Finding(
                    f["id"], f["check"], f["class"], f["severity"], f["message"],
                    f["confidence"], f["accepted"], f["waiver_reason"],
                    tuple(Evidence(e["path"], e["line"], e["column"], e["page"], e["exact"],
                                   e["start"], e["end"], e["document_id"], e["claim_id"],
                                   e["value"], e["before"] or "", e["after"] or "")
                          for e in f["evidence"]),
                    tuple(f["values"]), f["details"])

    def _reading_store(self) -> Store:
        from audit.store import open_store

        return open_store(self.config.db_path, read_only=True)

    @contextlib.contextmanager
    def _writable_store(self) -> Iterator[Store]:
        """The store for a writing stage. A database this call creates is deleted again when
        it fails before any document was committed (a bad source file, an empty corpus,
        Ctrl-C): a failed first run leaves no schema-only database behind."""
        from audit.store import open_store

        path = self.config.db_path
        new = path != ":memory:" and not os.path.exists(path)
        parent = Path(path).parent
        made_parent = new and not parent.exists()
        try:
            with open_store(path) as store:
                yield store
        except BaseException:
            if new:
                _drop_if_empty(Path(path), parent if made_parent else None)
            raise

    def _find_sources(self) -> tuple:
        """Discover the sources (and refuse bad ones) before the store is opened."""
        from audit.ingest.manifest import ManifestCache
        from audit.ingest.pipeline import find_sources

        cfg = self.config
        # parsed manifests are kept beside the store: at once for an existing one, after the
        # run for a new one (a run that fails leaves no file beside nothing)
        cache = ManifestCache(Path(f"{cfg.db_path}.manifests")
                              if cfg.db_path != ":memory:" else None)
        found = find_sources(cfg.sources, cfg.root, cfg.ingest_options(), cache)
        if os.path.exists(cfg.db_path):
            cache.save()
        else:
            self._manifests = cache
        return found

    @staticmethod
    def _prepare_out(out: Path) -> Path:
        """Make the reports folder now, before anything is committed: ``out`` naming a file,
        or a folder that cannot be made, is an error up front, not after a run was stored."""
        if out.exists() and not out.is_dir():
            raise ConfigError("'out' is a file, not a folder for the reports", out)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise ConfigError("cannot make the reports folder: part of its path is a file",
                              out) from None
        if not os.access(out, os.W_OK):
            raise ConfigError("the reports folder is not writable", out)
        return out

    def _extract_inputs(self) -> tuple:
        """The vocabulary and aliases, read (and validated) before anything is written."""
        from audit.extract.vocab import load_vocabulary
        from audit.projectfiles import read_vocabulary
        from audit.resolve.pipeline import load_aliases

        claims_dir = self.config.claims_dir
        extra = claims_dir / "vocabulary.toml" if claims_dir else None
        vocab = (load_vocabulary(tables=[(str(extra), read_vocabulary(extra))])
                 if extra and extra.is_file() else load_vocabulary())
        return vocab, load_aliases(claims_dir)

    def _ingest(self, store: Store, found: tuple) -> IngestResult:
        from audit.ingest.pipeline import ingest

        cfg = self.config
        with PROGRESS.running("ingest"), self.progress.stage("ingest", "file") as bar:
            return ingest(store, cfg.sources, cfg.root, options=cfg.ingest_options(),
                          found=found, progress=bar)

    def _extract(self, store: Store, inputs: tuple, full: bool = False,
                 clock: Timings | None = None) -> ExtractResult:
        from audit.extract.pipeline import extract_corpus
        from audit.resolve.pipeline import resolve_corpus
        from audit.timings import Timings

        clock = clock or Timings(False)
        vocab, aliases = inputs
        bars = self.progress
        with clock.stage("extract"), PROGRESS.running("extract", "extraction"), \
                bars.stage("extract", "doc") as bar:
            stats = extract_corpus(store, vocab, bar)
        with clock.stage("resolve"), PROGRESS.running("resolve", "entity resolution"), \
                bars.stage("resolve", "story") as bar:
            rstats = resolve_corpus(store, aliases, full, bar)
        return ExtractResult(stats["documents"], stats["claims"], rstats["entities"],
                             rstats.get("stories", 0), rstats.get("stories_reused", 0))

    def _check(self, store: Store, fail_on: str | None, inputs: tuple, full: bool,
               judge: Any, min_confidence: float, engine: Any = None) -> CheckResult:
        from audit.check.run import run_checks
        from audit.store import queries

        cfg = self.config
        if not cfg.allow_empty and not queries.document_count(store.con):
            raise AuditError("no documents in the corpus (an empty corpus would pass every "
                             "check); run 'audit ingest' with documents, or set allow_empty "
                             "= true in audit.toml (--allow-empty) to accept it", cfg.db_path)
        with PROGRESS.running("check", "the check run"), \
                self.progress.stage("check", "check") as bar:
            return run_checks(store, cfg.claims_dir, cfg.checks_dir, fail_on or cfg.fail_on,
                              cfg.digest(), inputs, full, judge, min_confidence, bar,
                              engine)

    def _judge_for(self, documents: int | None, inputs: tuple, spark: Any = None,
                   store: Store | None = None) -> Any:
        """A :class:`Judge` for ``run``: a worker process when it pays (a second core and a
        large corpus, judged by the ``documents`` already stored, else counted in ``store``).
        AUDIT_JUDGE_WORKER=1 or 0 decides instead."""
        import sys

        from audit.check.suite import Judge
        from audit.store import queries

        forced = os.environ.get("AUDIT_JUDGE_WORKER")
        if spark is not None:  # the Spark engine judges on Spark: this one stays unused
            worker = False
        elif forced is not None:
            worker = forced == "1"
        else:
            if documents is None:
                documents = queries.document_count(store.con) if store is not None else 0
            worker = (os.cpu_count() or 1) > 1 \
                and documents >= JUDGE_WORKER_MIN_DOCS \
                and "great_expectations" not in sys.modules
        return Judge(inputs[0], inputs[1], worker=worker)

    def _report(self, store: Store, result: CheckResult, formats: list[str],
                out: Path | None) -> ReportResult:
        from audit.check.export import build_bundle

        names = list(dict.fromkeys(formats or self.config.formats))
        bundle = build_bundle(store.con, result.run_id, with_documents="html" in names,
                              checks=result.checks, stale_waivers=result.stale_waivers)
        target = self._prepare_out(out or self._out)
        with PROGRESS.running("report", "reports"):
            written, notes = self._write(bundle, target, names, store)
        return ReportResult(result.run_id, tuple(written), tuple(notes))

    @staticmethod
    def _write(bundle: Any, out: Path, formats: list[str], store: Store
               ) -> tuple[list[Path], list[str]]:
        """Write the reports; the HTML reuses the blocks of findings unchanged since the
        store's last report (a read-only store only reads that cache)."""
        from audit.report import write_reports
        from audit.report.fragments import FragmentCache
        from audit.report.jsonitems import JsonItems

        fragments = FragmentCache(store.con, writable=not store.read_only)
        items = JsonItems(store.con, writable=not store.read_only)
        findings = bundle["findings"]
        if "html" not in formats or len(findings) <= HTML_MAX_FINDINGS:
            return write_reports(bundle, out, formats, fragments, items), []
        findings.keep_first(HTML_MAX_FINDINGS)  # read once for the JSON and the HTML
        written = write_reports(bundle, out, [f for f in formats if f != "html"],
                                items=items)
        shown = findings.head(HTML_MAX_FINDINGS, open_only=False)
        note = (f"note: report.html shows the {HTML_MAX_FINDINGS:,} most severe of "
                f"{len(findings):,} findings; findings.json has them all")
        return written + write_reports({**bundle, "findings": shown}, out, ["html"],
                                       fragments), [note]


def _bare_finding(row: tuple) -> Finding:
    """A finding from a row of ``queries.finding_rows`` (no evidence)."""
    fid, check, cls, sev, msg, accepted, reason, details = row
    det = json.loads(details)
    values = det.pop("values", [])
    conf = det.pop("confidence", None)
    return Finding(fid, check, cls, sev, msg, conf, accepted, reason, (), tuple(values), det)


def _drop_if_empty(path: Path, parent: Path | None) -> None:
    import duckdb

    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            docs = con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
        finally:
            con.close()
    except duckdb.Error:
        return
    if docs:
        return
    for p in (path, Path(f"{path}.wal")):
        p.unlink(missing_ok=True)
    if parent is not None:
        with contextlib.suppress(OSError):
            parent.rmdir()
