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
from typing import TYPE_CHECKING

import click

from audit import __version__, interrupt
from audit.errors import EXIT_INTERNAL, AuditError, environment_fault
from audit.escape import printable

if TYPE_CHECKING:  # the report package imports jinja2: not for 'audit --help'
    pass


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


def _interrupt_message() -> str:
    """What Ctrl-C stopped: the stages the API committed so far (``audit.api.PROGRESS``),
    or, outside a command's stages, what the open store saw committed (audit/interrupt.py)."""
    from audit.api import PROGRESS

    if PROGRESS.stage is None and not PROGRESS.done:
        return interrupt.message()
    if interrupt.requested():  # the store's own account: what its tables hold now
        return f"{PROGRESS.message()}\n{interrupt.message()}"
    return PROGRESS.message()


def handle_errors(fn):
    """User and environment errors -> one line on stderr and exit 2; bugs -> short message
    and exit 3; a closed output pipe -> quiet; Ctrl-C -> what was committed, exit 130."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from audit.api import PROGRESS

        PROGRESS.reset()
        interrupt.begin()
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
            if interrupt.came(exc):  # an interrupted query raises an ordinary error
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


def _open(project: Path, quiet: bool = False, **overrides):
    """The project, with progress bars for a person at a terminal (see audit/progress.py)."""
    from audit.api import Project
    from audit.progress import ProgressBars

    return Project.open(project, progress=ProgressBars.for_command(quiet), **overrides)


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
    from audit.api import init_project

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
    result = _open(project, quiet, db=db, sources=sources, allow_empty=allow_empty).ingest()
    _show_ingest(result, quiet)


def _show_ingest(result, quiet: bool) -> None:
    for w in result.warnings:
        _echo(f"warning: {printable(w)}", err=True)
    if not quiet:
        _echo(f"ingest: {len(result.added)} added, {len(result.updated)} updated, "
              f"{len(result.unchanged)} unchanged, {len(result.removed)} removed"
              + (f"; new metadata for {len(result.relabelled)}" if result.relabelled else ""))


def _show_extract(result) -> None:
    kept = result.stories_reused
    _echo(f"extract: {result.documents} document(s) extracted; "
          f"{result.claims} claims, {result.entities} entities"
          + (f" ({kept} of {result.stories} stories unchanged: entities kept)"
             if kept else ""))


@cli.command()
@project_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@handle_errors
def sources(project: Path, db: str | None, fmt: str) -> None:
    """List the documents in the corpus."""
    import dataclasses

    docs = _open(project, db=db).documents()
    keys = ["id", "path", "title", "publisher", "date", "chars", "version", "zones"]
    records = [dataclasses.asdict(d) for d in docs]
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


@cli.command()
@project_options
@handle_errors
def extract(project: Path, db: str | None) -> None:
    """Extract claims from documents not yet extracted, then resolve entities."""
    _show_extract(_open(project, db=db).extract())


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
    import dataclasses

    found = _open(project, db=db).claims(kind=kind, document=document,
                                         include_all=include_all)
    records = [dataclasses.asdict(c) for c in found]
    keys = ["id", "path", "line", "kind", "predicate", "subject", "value", "qualifiers",
            "value_json", "zone", "compared", "extractor", "version", "frame"]
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
    t = _open(project, db=db).trace(claim_id)
    _echo(printable(f"{claim_id}  {t.kind}  ({t.predicate}, {t.subject}) -> {t.value_text}"))
    _echo(f"  qualifiers {t.qualifiers}; zone {t.zone}{'' if t.compared else ' (not compared)'}; "
          f"extractor {t.extractor} v{t.extractor_version}")
    if t.frame:
        click.echo(f"  frame: {t.frame}")
    if isinstance(t.value, dict) and t.value.get("incomplete"):
        click.echo(f"  incomplete: {t.value['incomplete']} (compared only on the words it has)")
    lines = t.text.split("\n")
    for sp in t.spans:
        _echo(f"\n  [{sp.role}] {printable(t.path)}:{sp.line}:{sp.col}  chars {sp.start}-{sp.end}  "
              f"{'ok' if sp.ok else 'SPAN DOES NOT MATCH TEXT'}")
        for n in range(max(1, sp.line - context), min(len(lines), sp.line + context) + 1):
            src = lines[n - 1]
            if n == sp.line:
                a = sp.col - 1
                b = min(len(src), a + (sp.end - sp.start))
                src = printable(src[:a]) + click.style(printable(src[a:b]), reverse=True,
                                                       bold=True) + printable(src[b:])
            else:
                src = printable(src)
            _echo(f"  {n:>5} | {src}")


MIN_CONFIDENCE_OPT = click.option(
    "--min-confidence", "min_confidence", type=click.FloatRange(0, 1), default=0.0,
    show_default=True,
    help="Leave out findings whose confidence (0-1) is below this (integrity findings never).")

FULL_OPT = click.option(
    "--full", is_flag=True,
    help="Recompute every finding (and, with run, every story's entities); by default, "
         "stories that did not change since the last run with the same suite, facts and "
         "waivers keep their entities and findings.")


def _summary(outcome) -> None:
    result = outcome.check
    counts = result.by_severity
    for note in outcome.notes:
        _echo(note, err=True)
    if outcome.reused_run:
        _echo(f"run: nothing changed since run {outcome.reused_run}: its findings are recorded "
              f"as run {result.run_id}"
              + ("" if outcome.written else "; reports unchanged") + " (--full recomputes)")
    elif result.reused_from:
        _echo(f"check: {result.stories_reused} unchanged stor"
              f"{'y' if result.stories_reused == 1 else 'ies'}: {result.reused} finding(s) "
              f"reused from run {result.reused_from}"
              + (f", {result.candidates_reused} unchanged corpus-wide candidate(s) not judged "
                 "again" if result.candidates_reused else "") + " (--full recomputes them)")
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
    for p in outcome.written:
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
    outcome = _open(project, db=db, out=out, allow_empty=allow_empty).check(
        fail_on, formats, full=full, min_confidence=min_confidence)
    _summary(outcome)
    sys.exit(1 if outcome.failing else 0)


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
    result = _open(project, db=db).report(run_id, formats, out, min_confidence)
    for note in result.notes:
        _echo(note, err=True)
    for p in result.written:
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
    proj = _open(project, db=db)
    run_id = run_id or proj.latest_run()
    found = proj.findings(run_id, since_run=since, evidence=False)
    keys = ["id", "severity", "class", "accepted", "message"]
    records = [dict(zip(keys, (f.fingerprint, f.severity, f.cls, f.accepted, f.message),
                        strict=True)) for f in found]
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
    path = _open(project, db=db).waive(fingerprint, reason)
    click.echo(f"waived {fingerprint} in {path}; the next run counts it as accepted")


@cli.command()
@project_options
@click.argument("old", required=False)
@click.argument("new", required=False)
@handle_errors
def diff(project: Path, db: str | None, old: str | None, new: str | None) -> None:
    """What is new and what was fixed between two runs (default: the last two)."""
    d = _open(project, db=db).diff(old, new)
    _echo(f"{d.old} -> {d.new}: {len(d.added)} new, {len(d.fixed)} fixed")
    for mark, found in (("+", d.added), ("-", d.fixed)):
        for f in found:
            _echo(f"{mark} {f.severity:<7} {f.cls:<15} {f.fingerprint}  "
                  f"{printable(f.message[:140])}")


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
    from audit.timings import Timings

    clock = Timings(timings)

    def progress(stage: str, result) -> None:
        if stage == "ingest":
            _show_ingest(result, quiet)
        elif not quiet:
            _show_extract(result)

    proj = _open(project, quiet, db=db, sources=sources, out=out, allow_empty=allow_empty,
                 engine=engine)
    spark = _spark_settings(proj.config, spark_master, spark_conf, spark_output) \
        if proj.config.engine == "spark" else None
    outcome = proj.run(fail_on, formats, full=full, min_confidence=min_confidence, clock=clock,
                       on_stage=progress, spark=spark, quiet=quiet, echo=_echo)
    _summary(outcome)
    if timings:
        _echo(clock.line(), err=True)
    sys.exit(1 if outcome.failing else 0)


def _spark_settings(cfg, master: str | None, conf: tuple[str, ...], output: Path | None):
    """The Spark engine's settings: [audit.spark] in the config, then the options."""
    from audit.engine.settings import spark_settings

    return spark_settings(cfg, master, conf, output)


def main() -> None:
    cli(prog_name="audit")


if __name__ == "__main__":
    main()
