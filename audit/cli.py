"""The ``audit`` command line.

Heavy modules (pandas, great_expectations, pandera) are imported inside the commands that need
them, so ``audit --help`` and ``audit --version`` stay fast.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from pathlib import Path

import click

from audit import __version__, interrupt
from audit.errors import EXIT_INTERNAL, AuditError, environment_fault
from audit.escape import printable


def _fail(exc: AuditError) -> None:
    _echo(f"error: {printable(exc)}", err=True)
    sys.exit(exc.exit_code)


def _quiet(err: bool = False) -> None:
    """The reader of stdout (or stderr) went away (``audit sources | head -1``): send the
    rest of the output to /dev/null, so the command finishes its work and its exit code."""
    stream = sys.stderr if err else sys.stdout
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _echo(message: object = "", err: bool = False) -> None:
    """``click.echo`` that survives a closed pipe."""
    try:
        click.echo(message, err=err)
    except BrokenPipeError:
        _quiet(err)


# What the current command has committed, for an honest message when it is interrupted.
_PROGRESS: dict = {"stage": None, "done": []}
_STAGE_NOTES = {
    "ingest": "the ingest was rolled back",
    "extract": "extraction keeps the batches it committed (up to 400 documents each) and the "
               "next run resumes after them",
    "resolve": "entity resolution was rolled back",
    "check": "the check run was rolled back",
    "report": "reports are replaced only once all are written: the previous ones are intact",
}


@contextlib.contextmanager
def _stage(name: str, done: str | None = None):
    _PROGRESS["stage"] = name
    yield
    _PROGRESS["stage"] = None
    _PROGRESS["done"].append(done or name)


def _interrupted() -> str:
    stage, done = _PROGRESS["stage"], _PROGRESS["done"]
    if stage is None and not done:
        return "interrupted; nothing was written"
    msg = "interrupted" + (f" during {stage}" if stage else "")
    msg += f"; committed before that: {', '.join(done)}" if done else "; nothing else committed"
    return msg + (f"; {_STAGE_NOTES[stage]}" if stage in _STAGE_NOTES else "")


def _interrupt_message() -> str:
    """What Ctrl-C stopped: the CLI's stages committed so far, or, outside a command's stages,
    what the open store saw committed (audit/interrupt.py)."""
    if _PROGRESS["stage"] is None and not _PROGRESS["done"]:
        return interrupt.message()
    if interrupt.requested():  # the store's own account: what its tables hold now
        return f"{_interrupted()}\n{interrupt.message()}"
    return _interrupted()


def handle_errors(fn):
    """User and environment errors -> one line on stderr and exit 2; bugs -> short message
    and exit 3; a closed output pipe -> quiet; Ctrl-C -> what was committed, exit 130."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        _PROGRESS.update(stage=None, done=[])
        try:
            return fn(*args, **kwargs)
        except AuditError as exc:
            _fail(exc)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            _echo(_interrupt_message(), err=True)
            sys.exit(130)
        except BrokenPipeError:
            _quiet()
            sys.exit(0)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if interrupt.requested():  # an interrupted query raises an ordinary error
                _echo(_interrupt_message(), err=True)
                sys.exit(130)
            fault = environment_fault(exc)
            if fault is not None:
                _fail(fault)
            if os.environ.get("AUDIT_DEBUG"):
                raise
            _echo(f"internal error: {type(exc).__name__}: {printable(exc)} "
                  "(this is a bug; rerun with AUDIT_DEBUG=1 for a traceback)", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


def project_options(fn):
    fn = click.option("--db", "db", metavar="PATH",
                      help="DuckDB file (default from config: .audit/audit.duckdb); "
                           "':memory:' for a throwaway run.")(fn)
    fn = click.argument("project", required=False, default=".",
                        type=click.Path(file_okay=False, path_type=Path))(fn)
    return fn


def _config(project: Path, **overrides):
    from audit.config import load_config

    cfg = load_config(project)
    return cfg.with_overrides(**overrides)


@contextlib.contextmanager
def _writable_store(cfg):
    """The store for a writing command. A database this command creates is deleted again
    when the command fails before any document was committed (a bad source file, an
    empty corpus, Ctrl-C): a failed first run leaves no schema-only database behind."""
    from audit.store import open_store

    path = cfg.db_path
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


def _prepare_out(out: Path) -> Path:
    """Make the reports folder now, before anything is committed: ``out`` naming a file, or
    a folder that cannot be made, is an error up front, not after a run was stored."""
    from audit.errors import ConfigError

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


def _find_sources(cfg):
    """Discover the sources (and refuse bad ones) before the store is opened."""
    from audit.ingest.pipeline import find_sources

    return find_sources(cfg.sources, cfg.root, cfg.ingest_options())


def _require_documents(cfg, store) -> None:
    if cfg.allow_empty:
        return
    if not store.query("SELECT count(*) FROM document_paths")[0][0]:
        raise AuditError("no documents in the corpus (an empty corpus would pass every "
                         "check); run 'audit ingest' with documents, or set allow_empty = "
                         "true in audit.toml (--allow-empty) to accept it", cfg.db_path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audit")
def cli() -> None:
    """Audit factual claims across documents: ingest, extract, check, report.

    Run 'audit run' in a project folder (one with sources/ and an audit.toml or a
    [tool.audit] table in pyproject.toml) to audit every document in it.
    """
    from audit.engine import keep_spark_out

    keep_spark_out()  # only --engine spark imports it (audit/engine/cli.py)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
@handle_errors
def init(directory: Path, force: bool) -> None:
    """Create a new audit project in DIRECTORY."""
    from audit.project import init_project

    written = init_project(directory, force=force)
    for p in written:
        _echo(f"created {p}")
    _echo(f"next: put documents in {directory / 'sources'} and run 'audit run {directory}'")


ALLOW_EMPTY_OPT = click.option(
    "--allow-empty", is_flag=True,
    help="Accept a corpus with no documents (by default it is an error: it would pass).")


@cli.command()
@project_options
@click.option("--sources", "sources", multiple=True, type=click.Path(path_type=Path),
              help="Files or folders to read (repeatable); default from config.")
@click.option("--quiet", "-q", is_flag=True)
@ALLOW_EMPTY_OPT
@handle_errors
def ingest(project: Path, db: str | None, sources: tuple[Path, ...], quiet: bool,
           allow_empty: bool) -> None:
    """Read source documents into the database (the corpus becomes exactly these sources)."""

    cfg = _config(project, db=db, sources=tuple(sources), allow_empty=allow_empty)
    found = _find_sources(cfg)
    with _writable_store(cfg) as store:
        _do_ingest(cfg, store, quiet, found)


def _do_ingest(cfg, store, quiet: bool = False, found=None):
    from audit.ingest.pipeline import ingest as run_ingest

    with _stage("ingest"):
        result = run_ingest(store, cfg.sources, cfg.root, options=cfg.ingest_options(),
                            found=found)
    for w in result.warnings:
        _echo(f"warning: {printable(w)}", err=True)
    if not quiet:
        _echo(f"ingest: {len(result.added)} added, {len(result.updated)} updated, "
                   f"{len(result.unchanged)} unchanged, {len(result.removed)} removed"
              + (f"; new metadata for {len(result.relabelled)}" if result.relabelled else ""))
    return result


@cli.command()
@project_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@handle_errors
def sources(project: Path, db: str | None, fmt: str) -> None:
    """List the documents in the corpus."""
    from audit.store import open_store

    cfg = _config(project, db=db)
    with open_store(cfg.db_path, read_only=True) as store:
        rows = store.query("""
            SELECT d.document_id, p.path, d.title, d.publisher, d.published, d.chars,
                   p.version, string_agg(z.kind || ':' || z.n, ' ' ORDER BY z.kind)
            FROM document_paths p JOIN documents d USING (document_id)
            LEFT JOIN (SELECT document_id, kind, count(*) AS n FROM zones
                       GROUP BY ALL) z USING (document_id)
            GROUP BY ALL ORDER BY p.path""")
    keys = ["id", "path", "title", "publisher", "date", "chars", "version", "zones"]
    records = [dict(zip(keys, r, strict=True)) for r in rows]
    if fmt == "json":
        _echo(json.dumps(records, default=str, indent=2, ensure_ascii=False))
        return
    _table(records, keys, widths={"title": 40, "publisher": 20})


def _table(records: list[dict], keys: list[str], widths: dict[str, int] | None = None) -> None:
    widths = widths or {}

    def cell(v, k):
        s = "" if v is None else printable(v)
        lim = widths.get(k)
        return s if not lim or len(s) <= lim else s[: lim - 1] + "…"

    cols = [[cell(r[k], k) for r in records] for k in keys]
    w = [max([len(k)] + [len(c) for c in col]) for k, col in zip(keys, cols, strict=True)]
    _echo("  ".join(k.ljust(n) for k, n in zip(keys, w, strict=True)).rstrip())
    for i in range(len(records)):
        _echo("  ".join(col[i].ljust(n) for col, n in zip(cols, w, strict=True)).rstrip())


FAIL_ON_OPT = click.option(
    "--fail-on", "fail_on", type=click.Choice(["error", "warning", "info", "never"]),
    help="Exit 1 when an open finding reaches this severity (default from config: error).")
FORMAT_OPT = click.option(
    "--format", "formats", multiple=True,
    type=click.Choice(["json", "html", "junit", "sarif", "md", "github"]),
    help="Report format(s) to write into --out (repeatable; default from config).")
OUT_OPT = click.option("--out", type=click.Path(file_okay=False, path_type=Path),
                       help="Folder for reports (default from config: reports/).")


def _vocab(cfg):
    from audit.extract.vocab import load_vocabulary
    from audit.projectfiles import read_vocabulary

    extra = cfg.claims_dir / "vocabulary.toml" if cfg.claims_dir else None
    if not extra or not extra.is_file():
        return load_vocabulary()
    return load_vocabulary(tables=[(str(extra), read_vocabulary(extra))])


def _extract_inputs(cfg) -> tuple:
    """The vocabulary and aliases, read (and validated) before anything is written."""
    from audit.resolve.pipeline import load_aliases

    return _vocab(cfg), load_aliases(cfg.claims_dir)


def _do_extract(cfg, store, quiet: bool = False, clock=None, full: bool = False,
                inputs: tuple | None = None) -> dict:
    from audit.extract.pipeline import extract_corpus
    from audit.resolve.pipeline import resolve_corpus
    from audit.timings import Timings

    clock = clock or Timings(False)
    vocab, aliases = inputs or _extract_inputs(cfg)
    with clock.stage("extract"), _stage("extract", "extraction"):
        stats = extract_corpus(store, vocab)
    with clock.stage("resolve"), _stage("resolve", "entity resolution"):
        rstats = resolve_corpus(store, aliases, full)
    if not quiet:
        kept = rstats.get("stories_reused", 0)
        _echo(f"extract: {stats['documents']} document(s) extracted; "
                   f"{stats['claims']} claims, {rstats['entities']} entities"
                   + (f" ({kept} of {rstats['stories']} stories unchanged: entities kept)"
                      if kept else ""))
    return stats


@cli.command()
@project_options
@handle_errors
def extract(project: Path, db: str | None) -> None:
    """Extract claims from documents not yet extracted, then resolve entities."""

    cfg = _config(project, db=db)
    inputs = _extract_inputs(cfg)
    with _writable_store(cfg) as store:
        _do_extract(cfg, store, inputs=inputs)


@cli.command()
@project_options
@click.option("--document", "document", help="Only this document (id or path).")
@click.option("--kind", "kind", help="Only this claim kind (money, count, date, person, ...).")
@click.option("--all", "include_all", is_flag=True,
              help="Include claims read in boilerplate and bylines (not compared).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@handle_errors
def claims(project: Path, db: str | None, document: str | None, kind: str | None,
           include_all: bool, fmt: str) -> None:
    """List extracted claims with their comparison key and value."""
    from audit.store import open_store

    cfg = _config(project, db=db)
    where, params = ["c.document_id IN (SELECT document_id FROM document_paths)"], []
    if document:
        where.append("(c.document_id = ? OR p.path = ? OR p.path LIKE ?)")
        params += [document, document, f"%/{document}"]
    if kind:
        where.append("c.kind = ?")
        params.append(kind)
    if not include_all:
        where.append("c.compared")
    with open_store(cfg.db_path, read_only=True) as store:
        rows = store.query(f"""
            SELECT c.claim_id, p.path, s.line, c.kind, c.predicate, c.subject, c.value_text,
                   c.qualifiers, c.value, c.zone_kind, c.compared, c.extractor,
                   c.extractor_version
            FROM claims c
            JOIN (SELECT document_id, min(path) AS path FROM document_paths GROUP BY ALL) p
              USING (document_id)
            JOIN claim_spans cs ON cs.claim_id = c.claim_id AND cs.seq = 0
            JOIN spans s USING (span_id)
            WHERE {' AND '.join(where)} ORDER BY p.path, c.seq""", params)
    keys = ["id", "path", "line", "kind", "predicate", "subject", "value", "qualifiers",
            "value_json", "zone", "compared", "extractor", "version"]
    records = [dict(zip(keys, r, strict=True)) for r in rows]
    from audit.extract.frames import describe

    for r in records:
        r["qualifiers"] = json.loads(r["qualifiers"])
        r["value_json"] = json.loads(r["value_json"])
        r["frame"] = describe(r["value_json"]) if isinstance(r["value_json"], dict) else ""
    keys.append("frame")
    if fmt == "json":
        _echo(json.dumps(records, indent=2, ensure_ascii=False, default=str))
    elif fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(keys)
        for r in records:
            w.writerow([json.dumps(r[k], ensure_ascii=False) if isinstance(r[k], dict)
                        else r[k] for k in keys])
    else:
        cols = ["id", "path", "line", "kind", "subject", "value"]
        if any(r["frame"] for r in records):
            cols.append("frame")
        _table(records, cols, widths={"path": 28, "subject": 28, "value": 60, "frame": 90})


@cli.command()
@click.argument("claim_id")
@project_options
@click.option("--context", "context", default=1, show_default=True,
              help="Lines of context around each span.")
@handle_errors
def trace(claim_id: str, project: Path, db: str | None, context: int) -> None:
    """Show a claim and each of its spans in the source text, with line numbers."""
    from audit.errors import AuditError
    from audit.spans import verify_span
    from audit.store import open_store

    cfg = _config(project, db=db)
    with open_store(cfg.db_path, read_only=True) as store:
        row = store.query("""SELECT c.kind, c.predicate, c.subject, c.value_text, c.qualifiers,
                                    c.zone_kind, c.compared, c.extractor, c.extractor_version,
                                    d.text, d.path, c.value
                             FROM claims c JOIN documents d USING (document_id)
                             WHERE c.claim_id = ?""", [claim_id])
        if not row:
            raise AuditError(f"no claim with id '{claim_id}' (see 'audit claims')")
        kind, pred, subj, vtext, quals, zone, compared, ext, ver, text, path, value = row[0]
        spans = store.query("""SELECT cs.role, s.start_char, s.end_char, s.exact, s.line, s.col
                               FROM claim_spans cs JOIN spans s USING (span_id)
                               WHERE cs.claim_id = ? ORDER BY cs.seq""", [claim_id])
    _echo(printable(f"{claim_id}  {kind}  ({pred}, {subj}) -> {vtext}"))
    _echo(f"  qualifiers {quals}; zone {zone}{'' if compared else ' (not compared)'}; "
               f"extractor {ext} v{ver}")
    from audit.extract.frames import describe

    value = json.loads(value) if isinstance(value, str) else value
    if isinstance(value, dict) and describe(value):
        click.echo(f"  frame: {describe(value)}")
    lines = text.split("\n")
    for role, start, end, exact, line, col in spans:
        ok = verify_span(text, start, end, exact)
        _echo(f"\n  [{role}] {printable(path)}:{line}:{col}  chars {start}-{end}  "
                   f"{'ok' if ok else 'SPAN DOES NOT MATCH TEXT'}")
        for n in range(max(1, line - context), min(len(lines), line + context) + 1):
            src = lines[n - 1]
            if n == line:
                a = col - 1
                b = min(len(src), a + (end - start))
                src = printable(src[:a]) + click.style(printable(src[a:b]), reverse=True,
                                                       bold=True) + printable(src[b:])
            else:
                src = printable(src)
            _echo(f"  {n:>5} | {src}")


def _do_check(cfg, store, fail_on: str | None, inputs: tuple | None = None,
              full: bool = False, judge=None, min_confidence: float = 0.0):
    from audit.check.run import run_checks

    _require_documents(cfg, store)
    with _stage("check", "the check run"):
        return run_checks(store, cfg.claims_dir, cfg.checks_dir, fail_on or cfg.fail_on,
                          cfg.digest(), inputs, full, judge, min_confidence)


# `audit run` on a corpus of at least this many documents judges in a worker process started
# before ingest, so that importing Great Expectations overlaps the other stages.
JUDGE_WORKER_MIN_DOCS = 1000


def _judge_for(store, inputs: tuple):
    """A :class:`Judge` for ``audit run``: a worker process when it pays (a second core and a
    large corpus, judged by the documents already stored), else one in this process.
    AUDIT_JUDGE_WORKER=1 or 0 decides instead."""
    import os

    from audit.check.suite import Judge

    forced = os.environ.get("AUDIT_JUDGE_WORKER")
    if forced is not None:
        worker = forced == "1"
    else:
        docs = store.query("SELECT count(*) FROM document_paths")[0][0]
        worker = (os.cpu_count() or 1) > 1 and docs >= JUDGE_WORKER_MIN_DOCS \
            and "great_expectations" not in sys.modules
    return Judge(inputs[0], inputs[1], worker=worker)


MIN_CONFIDENCE_OPT = click.option(
    "--min-confidence", "min_confidence", type=click.FloatRange(0, 1), default=0.0,
    show_default=True,
    help="Leave out findings whose confidence (0-1) is below this (integrity findings never).")

FULL_OPT = click.option(
    "--full", is_flag=True,
    help="Recompute every finding (and, with run, every story's entities); by default, "
         "stories that did not change since the last run with the same suite, facts and "
         "waivers keep their entities and findings.")


def _do_report(cfg, store, result, formats, out) -> list[Path]:
    from audit.check.export import build_bundle

    formats = list(dict.fromkeys(formats or cfg.formats))
    bundle = build_bundle(store.con, result.run_id, with_documents="html" in formats,
                          checks=result.checks, stale_waivers=result.stale_waivers)
    out = _prepare_out(out or cfg.out)
    with _stage("report", "reports"):
        return _write(bundle, out, formats, store)


# The HTML report shows at most this many findings (most severe first); the machine formats
# always carry all of them.
HTML_MAX_FINDINGS = 10_000


def _write(bundle: dict, out: Path, formats: list[str], store) -> list[Path]:
    """Write the reports; the HTML reuses the blocks of findings unchanged since the store's
    last report (a read-only store only reads that cache)."""
    from audit.report import write_reports
    from audit.report.fragments import FragmentCache

    fragments = FragmentCache(store.con, writable=not store.read_only)
    findings = bundle["findings"]
    if "html" not in formats or len(findings) <= HTML_MAX_FINDINGS:
        return write_reports(bundle, out, formats, fragments)
    findings.keep_first(HTML_MAX_FINDINGS)  # read once for the JSON and the HTML
    written = write_reports(bundle, out, [f for f in formats if f != "html"])
    shown = findings.head(HTML_MAX_FINDINGS, open_only=False)
    _echo(f"note: report.html shows the {HTML_MAX_FINDINGS:,} most severe of "
               f"{len(findings):,} findings; findings.json has them all", err=True)
    return written + write_reports({**bundle, "findings": shown}, out, ["html"], fragments)


def _summary(result, written: list[Path]) -> None:
    counts = result.by_severity
    if result.reused_from:
        _echo(f"check: {result.stories_reused} unchanged stor"
                   f"{'y' if result.stories_reused == 1 else 'ies'}: {result.reused} finding(s) "
                   f"reused from run {result.reused_from} (--full recomputes them)")
    _echo(f"check: {result.total} finding(s): {counts.get('error', 0)} error, "
               f"{counts.get('warning', 0)} warning, {counts.get('info', 0)} info"
               + (f"; {result.accepted} accepted" if result.accepted else ""))
    for f in result.top:
        _echo(f"  {f.severity:<7} {f.cls:<15} {f.fingerprint}  {printable(f.message[:160])}")
    for w in result.stale_waivers:
        _echo(f"  stale waiver {w['fingerprint']} ({printable(w['reason'])}): no such "
              "finding now")
    for w in result.warnings:
        _echo(f"warning: {printable(w)}", err=True)
    for p in written:
        _echo(f"wrote {printable(p)}")
    verdict = "FAIL" if result.failing else "PASS"
    _echo(f"verdict: {verdict} (fail-on {result.fail_on}; run {result.run_id})")


@cli.command()
@project_options
@FAIL_ON_OPT
@FORMAT_OPT
@OUT_OPT
@FULL_OPT
@ALLOW_EMPTY_OPT
@MIN_CONFIDENCE_OPT
@handle_errors
def check(project: Path, db: str | None, fail_on: str | None, formats: tuple[str, ...],
          out: Path | None, full: bool, allow_empty: bool, min_confidence: float) -> None:
    """Run the integrity and consistency suites on the stored claims; exit 1 on failure."""
    from audit.check.run import load_inputs

    cfg = _config(project, db=db, out=out, allow_empty=allow_empty)
    inputs = load_inputs(cfg.claims_dir, cfg.checks_dir)  # bad files fail before any write
    if formats:
        _prepare_out(cfg.out)
    with _writable_store(cfg) as store:
        result = _do_check(cfg, store, fail_on, inputs, full=full,
                           min_confidence=min_confidence)
        written = _do_report(cfg, store, result, formats, out) if formats else []
    _summary(result, written)
    sys.exit(1 if result.failing else 0)


@cli.command()
@project_options
@FORMAT_OPT
@OUT_OPT
@click.option("--run", "run_id", help="Report this run (default: the latest).")
@MIN_CONFIDENCE_OPT
@handle_errors
def report(project: Path, db: str | None, formats: tuple[str, ...], out: Path | None,
           run_id: str | None, min_confidence: float) -> None:
    """Write reports for the latest (or a given) check run."""
    from audit.check.export import build_bundle, latest_run
    from audit.errors import AuditError
    from audit.store import open_store

    cfg = _config(project, db=db)
    names = list(dict.fromkeys(formats or cfg.formats))
    with open_store(cfg.db_path, read_only=True) as store:
        run_id = run_id or latest_run(store.con)
        if not run_id:
            raise AuditError("no check run yet; run 'audit check' or 'audit run' first")
        bundle = build_bundle(store.con, run_id, with_documents="html" in names,
                              min_confidence=min_confidence)
        target = _prepare_out(out or cfg.out)
        written = _write(bundle, target, names, store)  # findings are read while writing
    for p in written:
        _echo(f"wrote {printable(p)}")


@cli.command()
@project_options
@click.option("--run", "run_id", help="Findings of this run (default: the latest).")
@click.option("--since-run", "since", help="Only findings that are new since this run.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@handle_errors
def findings(project: Path, db: str | None, run_id: str | None, since: str | None,
             fmt: str) -> None:
    """List the findings of a run (or only those new since an earlier run)."""
    from audit.check.export import latest_run
    from audit.errors import AuditError
    from audit.store import open_store

    cfg = _config(project, db=db)
    with open_store(cfg.db_path, read_only=True) as store:
        run_id = run_id or latest_run(store.con)
        if not run_id:
            raise AuditError("no check run yet; run 'audit check' or 'audit run' first")
        for r in (run_id, since):
            if r and not store.query("SELECT 1 FROM runs WHERE run_id = ?", [r]):
                raise AuditError(f"no run '{r}' (runs: see 'audit diff --help')")
        rows = store.query("""
            SELECT finding_id, severity, class, accepted, message FROM findings f
            WHERE run_id = ? AND (? IS NULL OR finding_id NOT IN
                  (SELECT finding_id FROM findings WHERE run_id = ?))
            ORDER BY seq""", [run_id, since, since])
    keys = ["id", "severity", "class", "accepted", "message"]
    records = [dict(zip(keys, r, strict=True)) for r in rows]
    if fmt == "json":
        _echo(json.dumps({"run": run_id, "since": since, "findings": records}, indent=2,
                              ensure_ascii=False))
    else:
        _table(records, keys, widths={"message": 110})


@cli.command()
@click.argument("fingerprint")
@project_options
@click.option("--reason", required=True, help="Why this finding is acceptable (stored with it).")
@handle_errors
def waive(fingerprint: str, project: Path, db: str | None, reason: str) -> None:
    """Accept the finding FINGERPRINT of the latest run: append a waiver to checks/waivers.toml."""
    from audit.check.export import latest_run
    from audit.check.waive import add_waiver
    from audit.errors import AuditError
    from audit.store import open_store

    cfg = _config(project, db=db)
    with open_store(cfg.db_path, read_only=True) as store:
        run_id = latest_run(store.con)
        if not run_id:
            raise AuditError("no check run yet; run 'audit run' first")
        rows = store.query("SELECT class, message FROM findings WHERE run_id = ? AND "
                           "finding_id = ?", [run_id, fingerprint])
    if not rows:
        raise AuditError(f"no finding {fingerprint} in the latest run {run_id} "
                         "(see 'audit findings')")
    path = add_waiver(cfg.checks_dir, fingerprint, reason, f"{rows[0][0]}: {rows[0][1]}")
    click.echo(f"waived {fingerprint} in {path}; the next run counts it as accepted")


@cli.command()
@project_options
@click.argument("old", required=False)
@click.argument("new", required=False)
@handle_errors
def diff(project: Path, db: str | None, old: str | None, new: str | None) -> None:
    """What is new and what was fixed between two runs (default: the last two)."""
    from audit.errors import AuditError
    from audit.store import open_store

    cfg = _config(project, db=db)
    with open_store(cfg.db_path, read_only=True) as store:
        runs = [r[0] for r in store.query("SELECT run_id FROM runs ORDER BY seq DESC")]
        new = new or (runs[0] if runs else None)
        old = old or (runs[1] if len(runs) > 1 else None)
        if not old or not new:
            raise AuditError("need two check runs to compare")
        q = """SELECT finding_id, severity, class, message FROM findings
               WHERE run_id = ? AND finding_id NOT IN
                     (SELECT finding_id FROM findings WHERE run_id = ?) ORDER BY seq"""
        added, fixed = store.query(q, [new, old]), store.query(q, [old, new])
    _echo(f"{old} -> {new}: {len(added)} new, {len(fixed)} fixed")
    for mark, rows in (("+", added), ("-", fixed)):
        for fid, sev, cls, msg in rows:
            _echo(f"{mark} {sev:<7} {cls:<15} {fid}  {printable(msg[:140])}")


@cli.command()
@project_options
@click.option("--sources", "sources", multiple=True, type=click.Path(path_type=Path),
              help="Files or folders to read (repeatable); default from config.")
@OUT_OPT
@FAIL_ON_OPT
@FORMAT_OPT
@click.option("--quiet", "-q", is_flag=True, help="Only the summary.")
@click.option("--timings", is_flag=True,
              help="Print each stage's wall time and the peak memory (MiB) to stderr.")
@FULL_OPT
@ALLOW_EMPTY_OPT
@MIN_CONFIDENCE_OPT
@click.option("--engine", type=click.Choice(["duckdb", "spark"]),
              help="Where ingest, extraction and resolution run (default from config: "
                   "duckdb); spark needs pip install 'claim-audit[spark]' and Java.")
@click.option("--spark-master", "spark_master", metavar="URL",
              help="Spark master for --engine spark (default local[2]; 'yarn', "
                   "'spark://host:7077', ...).")
@click.option("--spark-conf", "spark_conf", multiple=True, metavar="KEY=VALUE",
              help="A Spark setting for --engine spark (repeatable).")
@click.option("--spark-output", "spark_output", type=click.Path(path_type=Path),
              help="Folder for the Spark engine's Parquet (default: spark/ beside the "
                   "database).")
@handle_errors
def run(project: Path, db: str | None, sources: tuple[Path, ...], out: Path | None,
        fail_on: str | None, formats: tuple[str, ...], quiet: bool, timings: bool,
        full: bool, allow_empty: bool, min_confidence: float, engine: str | None,
        spark_master: str | None, spark_conf: tuple[str, ...],
        spark_output: Path | None) -> None:
    """Run the whole audit: ingest, extract, resolve, check, report. Exit 1 on failure."""
    from audit.check.run import load_inputs
    from audit.timings import Timings

    clock = Timings(timings)
    cfg = _config(project, db=db, sources=tuple(sources), out=out, allow_empty=allow_empty,
                  engine=engine)
    spark = _spark_settings(cfg, spark_master, spark_conf, spark_output) \
        if cfg.engine == "spark" else None
    # bad files, sources and settings fail before anything is written
    extract_inputs = _extract_inputs(cfg)
    inputs = load_inputs(cfg.claims_dir, cfg.checks_dir)
    _prepare_out(cfg.out)
    found = _find_sources(cfg)
    if spark is not None:
        from audit.engine.cli import start_session

        session = start_session(spark)
    with _writable_store(cfg) as store, _judge_for(store, inputs) as judge:
        if spark is not None:
            from audit.engine.cli import spark_stages

            with _stage("ingest", "the Spark stages"):
                spark_stages(cfg, store, session, spark, found, extract_inputs, clock, quiet,
                             _echo)
        else:
            with clock.stage("ingest"):
                _do_ingest(cfg, store, quiet, found)
            _do_extract(cfg, store, quiet, clock, full, extract_inputs)
        with clock.stage("check"):
            checked = _do_check(cfg, store, fail_on, inputs, full, judge, min_confidence)
        judge.release()  # the worker exits while the reports are written
        with clock.stage("report"):
            written = _do_report(cfg, store, checked, formats, out)
    _summary(checked, written)
    if timings:
        _echo(clock.line(), err=True)
    sys.exit(1 if checked.failing else 0)


def _spark_settings(cfg, master: str | None, conf: tuple[str, ...], output: Path | None):
    """The Spark engine's settings: [audit.spark] in the config, then the options."""
    from audit.engine.settings import spark_settings

    return spark_settings(cfg, master, conf, output)


def main() -> None:
    cli(prog_name="audit")


if __name__ == "__main__":
    main()
