"""The integrity suite on Spark: the same rules, screened where the data is.

* row rules: the DuckDB suite's own pandera schemas (``integrity._schemas``: types, allowed
  values, ranges, patterns, uniqueness) built with pandera's PySpark backend and validated on
  the Spark output's tables; the one dataframe-level rule (span and zone offsets in order) is
  the same comparison as a Spark filter;
* provenance (``text[start:end] == exact``: Spark's ``substring`` counts code points, as Python
  slicing and DuckDB's ``substr`` do) and the orphan rules (anti-joins) in Spark SQL.

pandera's PySpark backend answers which rule failed, not which rows (its errors are a summary
per rule), and a finding names its rows (their ids are hashed into its fingerprint). So the
Spark side is a screen: only the parts it finds broken run again in the DuckDB store
(``integrity.run_integrity`` with :class:`Suspects`), which gives the exact findings of the
default engine; a clean corpus (the usual case) runs no row rule, provenance or orphan query
in DuckDB. Claim values are judged in DuckDB as before (their screen is one query per kind).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def run_integrity_spark(spark: Any, out: Path, con: Any) -> list:
    from audit.check.integrity import Suspects, run_integrity

    tables = {t: _table(spark, out, t) for t in
              ("documents", "zones", "spans", "claims", "claim_spans")}
    suspects = Suspects(provenance=_provenance_broken(tables),
                        orphans=_orphans_broken(tables),
                        tables=frozenset(t for t, df in tables.items() if _rules_broken(t, df)))
    return run_integrity(con, suspects)


def _table(spark: Any, out: Path, table: str) -> Any:
    from audit.engine.spark import _read

    return _read(spark, out, table)


def _pandas_on_spark_shim() -> None:
    """pandera's PySpark backend imports ``pyspark.pandas`` (pandas-on-Spark) only to name its
    types (in a Union, as bases of its typing classes); pyspark 4.3's ``pyspark.pandas`` does
    not import with pandas 3 (it needs ``pandas.tseries.frequencies.DateOffset``). When it
    cannot be imported, a module holding only those never-used types stands in, so pandera's
    SQL-DataFrame backend (the one used here) loads. With pandas 2 the real module is used."""
    import sys
    import types

    try:
        import pyspark.pandas  # noqa: F401
    except ImportError:
        shim = types.ModuleType("pyspark.pandas")
        for name in ("DataFrame", "Series", "Index"):
            setattr(shim, name, type(name, (), {}))
        sys.modules["pyspark.pandas"] = shim


def schemas() -> dict[str, Any]:
    """The integrity suite's schemas for pandera's PySpark backend."""
    _pandas_on_spark_shim()
    import pandera.pyspark as pa
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    from audit.check.integrity import _schemas

    out = _schemas(pa, T.StringType(), T.LongType(), T.IntegerType())
    for table, strict in (("zones", True), ("spans", False)):
        def in_order(df: Any, strict: bool = strict) -> bool:
            ok = F.col("start_char") < F.col("end_char") if strict \
                else F.col("start_char") <= F.col("end_char")
            return df.filter(~ok).limit(1).count() == 0

        out[table].checks = [pa.Check(in_order, name="offsets")]
    return out


def _rules_broken(table: str, df: Any) -> bool:
    """Whether pandera's PySpark backend finds any rule of ``table`` broken."""
    schema = schemas()[table]
    checked = df.select(*[c for c in schema.columns if c in df.columns])
    validated = schema.validate(checked, lazy=True)
    return bool(validated.pandera.errors)


def _provenance_broken(tables: dict[str, Any]) -> bool:
    from pyspark.sql import functions as F

    spans = tables["spans"].filter((F.col("start_char") >= 0)
                                   & (F.col("end_char") >= F.col("start_char")))
    docs = tables["documents"].select("document_id", "text")
    now = F.expr("substring(text, start_char + 1, end_char - start_char)")
    broken = spans.join(docs, "document_id").filter(
        (~now.eqNullSafe(F.col("exact"))) | (F.col("end_char") > F.length("text")))
    return broken.limit(1).count() > 0


def _orphans_broken(tables: dict[str, Any]) -> bool:
    from audit.check.integrity import _ORPHAN_RULES

    for _check, table, ref, cond, _missing, _what in _ORPHAN_RULES:
        key = cond.split(" = ")[0].removeprefix("r.")  # "r.claim_id = t.claim_id"
        left = tables[table].select(key).distinct()
        if left.join(tables[ref].select(key), key, "left_anti").limit(1).count():
            return True
    return False
