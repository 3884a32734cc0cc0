"""``audit run --engine spark``: the Spark stages between discovery and the check."""

from __future__ import annotations

from pathlib import Path

from audit.engine.settings import SparkSettings
from audit.errors import AuditError


def start_session(settings: SparkSettings):
    """A Spark session, or a clear error (exit 2) when pyspark or Java is missing."""
    from audit.engine import let_spark_in

    let_spark_in()
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise AuditError("--engine spark needs pyspark: pip install 'claim-audit[spark]' "
                         "(and a Java runtime, e.g. Debian's default-jre-headless)") from None
    from audit.engine.spark import session

    try:
        return session(settings)
    except Exception as exc:  # noqa: BLE001 - Spark's start-up errors have many types
        if isinstance(exc, AuditError):
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise AuditError(f"Spark could not start (is Java installed? master "
                         f"{settings.master or 'local[2]'!r}): {first}") from None


def spark_stages(cfg, store, spark, settings: SparkSettings, found, extract_inputs, clock,
                 quiet: bool, echo, check_inputs: tuple):
    """Ingest, extraction, stories and resolution on Spark; the Parquet loaded into ``store``.
    Returns the engine the check stage then runs on (:class:`SparkChecks`)."""
    from audit.engine.spark import load_into_store, run_spark
    from audit.engine.sparkcheck import SparkChecks
    from audit.escape import printable

    files, warnings = found
    vocab, aliases = extract_inputs
    output = Path(settings.output or cfg.root / ".audit" / "spark")
    result = run_spark(spark, files, cfg.root.resolve(), cfg.ingest_options(), vocab, aliases,
                       output, clock)
    with clock.stage("load"):
        loaded = load_into_store(store, result.output, files)
    for w in [*warnings, *result.warnings]:
        echo(f"warning: {printable(w)}", err=True)
    if not quiet:
        echo(f"ingest (spark): {loaded.added} added, {loaded.updated} updated, "
             f"{loaded.unchanged} unchanged, {loaded.removed} removed")
        n = store.query("SELECT (SELECT count(*) FROM claims), "
                        "(SELECT count(DISTINCT entity_id) FROM entity_mentions)")[0]
        echo(f"extract (spark): {result.documents} document(s) extracted; {n[0]} claims, "
             f"{n[1]} entities in {result.stories} stories; Parquet in {result.output}")
    return SparkChecks(spark, result.output, check_inputs[0], check_inputs[1], clock)
