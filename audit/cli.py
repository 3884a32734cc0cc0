"""The ``audit`` command line.

Heavy modules (pandas, great_expectations, pandera) are imported inside the commands that need
them, so ``audit --help`` and ``audit --version`` stay fast.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from audit import __version__, interrupt
from audit.errors import EXIT_INTERNAL, AuditError


def _fail(exc: AuditError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(exc.exit_code)


def handle_errors(fn):
    """User errors -> one line on stderr and exit 2; bugs -> short message and exit 3."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except AuditError as exc:
            _fail(exc)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo(interrupt.message(), err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if interrupt.requested():  # an interrupted query raises an ordinary error
                click.echo(interrupt.message(), err=True)
                sys.exit(130)
            if os.environ.get("AUDIT_DEBUG"):
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc} "
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audit")
def cli() -> None:
    """Audit factual claims across documents: ingest, extract, check, report.

    Run 'audit run' in a project folder (one with sources/ and an audit.toml or a
    [tool.audit] table in pyproject.toml) to audit every document in it.
    """


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
@handle_errors
def init(directory: Path, force: bool) -> None:
    """Create a new audit project in DIRECTORY."""
    from audit.project import init_project

    written = init_project(directory, force=force)
    for p in written:
        click.echo(f"created {p}")
    click.echo(f"next: put documents in {directory / 'sources'} and run 'audit run {directory}'")


@cli.command()
@project_options
@click.option("--sources", "sources", multiple=True, type=click.Path(path_type=Path),
              help="Files or folders to read (repeatable); default from config.")
@click.option("--quiet", "-q", is_flag=True)
@handle_errors
def ingest(project: Path, db: str | None, sources: tuple[Path, ...], quiet: bool) -> None:
    """Read source documents into the database (the corpus becomes exactly these sources)."""
    from audit.store import open_store

    cfg = _config(project, db=db, sources=tuple(sources))
    with open_store(cfg.db_path) as store:
        _do_ingest(cfg, store, quiet)


def _do_ingest(cfg, store, quiet: bool = False):
    from audit.ingest.pipeline import ingest as run_ingest

    result = run_ingest(store, cfg.sources, cfg.root)
    for w in result.warnings:
        click.echo(f"warning: {w}", err=True)
    if not quiet:
        click.echo(f"ingest: {len(result.added)} added, {len(result.updated)} updated, "
                   f"{len(result.unchanged)} unchanged, {len(result.removed)} removed")
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
        click.echo(json.dumps(records, default=str, indent=2, ensure_ascii=False))
        return
    _table(records, keys, widths={"title": 40, "publisher": 20})


def _table(records: list[dict], keys: list[str], widths: dict[str, int] | None = None) -> None:
    widths = widths or {}

    def cell(v, k):
        s = "" if v is None else str(v)
        lim = widths.get(k)
        return s if not lim or len(s) <= lim else s[: lim - 1] + "…"

    cols = [[cell(r[k], k) for r in records] for k in keys]
    w = [max([len(k)] + [len(c) for c in col]) for k, col in zip(keys, cols, strict=True)]
    click.echo("  ".join(k.ljust(n) for k, n in zip(keys, w, strict=True)).rstrip())
    for i in range(len(records)):
        click.echo("  ".join(col[i].ljust(n) for col, n in zip(cols, w, strict=True)).rstrip())


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

    extra = cfg.claims_dir / "vocabulary.toml" if cfg.claims_dir else None
    return load_vocabulary([extra] if extra and extra.is_file() else [])


def _do_extract(cfg, store, quiet: bool = False, clock=None, full: bool = False) -> dict:
    from audit.extract.pipeline import extract_corpus
    from audit.resolve.pipeline import load_aliases, resolve_corpus
    from audit.timings import Timings

    clock = clock or Timings(False)
    aliases = load_aliases(cfg.claims_dir)
    with clock.stage("extract"):
        stats = extract_corpus(store, _vocab(cfg))
    with clock.stage("resolve"):
        rstats = resolve_corpus(store, aliases, full)
    if not quiet:
        kept = rstats.get("stories_reused", 0)
        click.echo(f"extract: {stats['documents']} document(s) extracted; "
                   f"{stats['claims']} claims, {rstats['entities']} entities"
                   + (f" ({kept} of {rstats['stories']} stories unchanged: entities kept)"
                      if kept else ""))
    return stats


@cli.command()
@project_options
@handle_errors
def extract(project: Path, db: str | None) -> None:
    """Extract claims from documents not yet extracted, then resolve entities."""
    from audit.store import open_store

    cfg = _config(project, db=db)
    with open_store(cfg.db_path) as store:
        _do_extract(cfg, store)


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
    for r in records:
        r["qualifiers"] = json.loads(r["qualifiers"])
        r["value_json"] = json.loads(r["value_json"])
    if fmt == "json":
        click.echo(json.dumps(records, indent=2, ensure_ascii=False, default=str))
    elif fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(keys)
        for r in records:
            w.writerow([json.dumps(r[k], ensure_ascii=False) if isinstance(r[k], dict)
                        else r[k] for k in keys])
    else:
        _table(records, ["id", "path", "line", "kind", "subject", "value"],
               widths={"path": 28, "subject": 28, "value": 60})


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
                                    d.text, d.path
                             FROM claims c JOIN documents d USING (document_id)
                             WHERE c.claim_id = ?""", [claim_id])
        if not row:
            raise AuditError(f"no claim with id '{claim_id}' (see 'audit claims')")
        kind, pred, subj, vtext, quals, zone, compared, ext, ver, text, path = row[0]
        spans = store.query("""SELECT cs.role, s.start_char, s.end_char, s.exact, s.line, s.col
                               FROM claim_spans cs JOIN spans s USING (span_id)
                               WHERE cs.claim_id = ? ORDER BY cs.seq""", [claim_id])
    click.echo(f"{claim_id}  {kind}  ({pred}, {subj}) -> {vtext}")
    click.echo(f"  qualifiers {quals}; zone {zone}{'' if compared else ' (not compared)'}; "
               f"extractor {ext} v{ver}")
    lines = text.split("\n")
    for role, start, end, exact, line, col in spans:
        ok = verify_span(text, start, end, exact)
        click.echo(f"\n  [{role}] {path}:{line}:{col}  chars {start}-{end}  "
                   f"{'ok' if ok else 'SPAN DOES NOT MATCH TEXT'}")
        for n in range(max(1, line - context), min(len(lines), line + context) + 1):
            src = lines[n - 1]
            if n == line:
                a = col - 1
                b = min(len(src), a + (end - start))
                src = src[:a] + click.style(src[a:b], reverse=True, bold=True) + src[b:]
            click.echo(f"  {n:>5} | {src}")


def _do_check(cfg, store, fail_on: str | None, inputs: tuple | None = None,
              full: bool = False, judge=None):
    from audit.check.run import run_checks

    return run_checks(store, cfg.claims_dir, cfg.checks_dir, fail_on or cfg.fail_on,
                      cfg.digest(), inputs, full, judge)


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
    out = out or cfg.out
    out.mkdir(parents=True, exist_ok=True)
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
    click.echo(f"note: report.html shows the {HTML_MAX_FINDINGS:,} most severe of "
               f"{len(findings):,} findings; findings.json has them all", err=True)
    return written + write_reports({**bundle, "findings": shown}, out, ["html"], fragments)


def _summary(result, written: list[Path]) -> None:
    counts = result.by_severity
    if result.reused_from:
        click.echo(f"check: {result.stories_reused} unchanged stor"
                   f"{'y' if result.stories_reused == 1 else 'ies'}: {result.reused} finding(s) "
                   f"reused from run {result.reused_from} (--full recomputes them)")
    click.echo(f"check: {result.total} finding(s): {counts.get('error', 0)} error, "
               f"{counts.get('warning', 0)} warning, {counts.get('info', 0)} info"
               + (f"; {result.accepted} accepted" if result.accepted else ""))
    for f in result.top:
        click.echo(f"  {f.severity:<7} {f.cls:<15} {f.fingerprint}  {f.message[:160]}")
    for w in result.stale_waivers:
        click.echo(f"  stale waiver {w['fingerprint']} ({w['reason']}): no such finding now")
    for w in result.warnings:
        click.echo(f"warning: {w}", err=True)
    for p in written:
        click.echo(f"wrote {p}")
    verdict = "FAIL" if result.failing else "PASS"
    click.echo(f"verdict: {verdict} (fail-on {result.fail_on}; run {result.run_id})")


@cli.command()
@project_options
@FAIL_ON_OPT
@FORMAT_OPT
@OUT_OPT
@FULL_OPT
@handle_errors
def check(project: Path, db: str | None, fail_on: str | None, formats: tuple[str, ...],
          out: Path | None, full: bool) -> None:
    """Run the integrity and consistency suites on the stored claims; exit 1 on failure."""
    from audit.store import open_store

    cfg = _config(project, db=db)
    with open_store(cfg.db_path) as store:
        result = _do_check(cfg, store, fail_on, full=full)
        written = _do_report(cfg, store, result, formats, out) if formats else []
    _summary(result, written)
    sys.exit(1 if result.failing else 0)


@cli.command()
@project_options
@FORMAT_OPT
@OUT_OPT
@click.option("--run", "run_id", help="Report this run (default: the latest).")
@handle_errors
def report(project: Path, db: str | None, formats: tuple[str, ...], out: Path | None,
           run_id: str | None) -> None:
    """Write reports for the latest (or a given) check run."""
    from audit.check.export import build_bundle, latest_run
    from audit.errors import AuditError
    from audit.store import open_store

    cfg = _config(project, db=db)
    formats = list(dict.fromkeys(formats or cfg.formats))
    with open_store(cfg.db_path, read_only=True) as store:
        run_id = run_id or latest_run(store.con)
        if not run_id:
            raise AuditError("no check run yet; run 'audit check' or 'audit run' first")
        bundle = build_bundle(store.con, run_id, with_documents="html" in formats)
        target = out or cfg.out
        target.mkdir(parents=True, exist_ok=True)
        written = _write(bundle, target, formats, store)  # findings are read while writing
    for p in written:
        click.echo(f"wrote {p}")


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
        click.echo(json.dumps({"run": run_id, "since": since, "findings": records}, indent=2,
                              ensure_ascii=False))
    else:
        _table(records, keys, widths={"message": 110})


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
    click.echo(f"{old} -> {new}: {len(added)} new, {len(fixed)} fixed")
    for mark, rows in (("+", added), ("-", fixed)):
        for fid, sev, cls, msg in rows:
            click.echo(f"{mark} {sev:<7} {cls:<15} {fid}  {msg[:140]}")


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
@handle_errors
def run(project: Path, db: str | None, sources: tuple[Path, ...], out: Path | None,
        fail_on: str | None, formats: tuple[str, ...], quiet: bool, timings: bool,
        full: bool) -> None:
    """Run the whole audit: ingest, extract, resolve, check, report. Exit 1 on failure."""
    from audit.check.run import load_inputs
    from audit.store import open_store
    from audit.timings import Timings

    clock = Timings(timings)
    cfg = _config(project, db=db, sources=tuple(sources), out=out)
    inputs = load_inputs(cfg.claims_dir, cfg.checks_dir)  # bad files fail before any write
    with open_store(cfg.db_path) as store, _judge_for(store, inputs) as judge:
        with clock.stage("ingest"):
            _do_ingest(cfg, store, quiet)
        _do_extract(cfg, store, quiet, clock, full)
        with clock.stage("check"):
            checked = _do_check(cfg, store, fail_on, inputs, full, judge)
        judge.release()  # the worker exits while the reports are written
        with clock.stage("report"):
            written = _do_report(cfg, store, checked, formats, out)
    _summary(checked, written)
    if timings:
        click.echo(clock.line(), err=True)
    sys.exit(1 if checked.failing else 0)


def main() -> None:
    cli(prog_name="audit")


if __name__ == "__main__":
    main()
