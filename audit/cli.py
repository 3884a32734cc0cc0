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

from audit import __version__
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
            click.echo("interrupted; nothing was written", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
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
    cfg = _config(project, db=db, sources=tuple(sources))
    _do_ingest(cfg, quiet)


def _do_ingest(cfg, quiet: bool = False):
    from audit.ingest.pipeline import ingest as run_ingest
    from audit.store import open_store

    with open_store(cfg.db_path) as store:
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


@cli.command()
@project_options
@click.option("--sources", "sources", multiple=True, type=click.Path(path_type=Path),
              help="Files or folders to read (repeatable); default from config.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for reports (default from config: reports/).")
@handle_errors
def run(project: Path, db: str | None, sources: tuple[Path, ...], out: Path | None) -> None:
    """Run the whole audit: ingest, extract, resolve, check, report."""
    cfg = _config(project, db=db, sources=tuple(sources), out=out)
    _do_ingest(cfg)


def main() -> None:
    cli(prog_name="audit")


if __name__ == "__main__":
    main()
