"""Engines other than the default (DuckDB in this process): ``spark``. Nothing here is
imported unless ``--engine`` / ``engine`` asks for it; this module itself imports no engine."""

from __future__ import annotations

import sys


def keep_spark_out() -> None:
    """Mark pyspark missing for this process unless something already imported it.

    pandera and Great Expectations import pyspark whenever it is installed (with the spark
    extra: seconds of import time on every run, and a Spark module in a DuckDB run). The
    Spark engine lets it back in (:func:`let_spark_in`) before it starts a session."""
    for name in _SPARK:
        if name not in sys.modules:
            sys.modules[name] = None  # type: ignore[assignment]


def let_spark_in() -> None:
    """Undo :func:`keep_spark_out`. Great Expectations decides once, on import, whether pyspark
    is there (its Spark datasource then says "pyspark is not installed"): if it was imported
    while pyspark was kept out (an earlier DuckDB run in this process), it is imported afresh."""
    kept_out = False
    for name in _SPARK:
        if name in sys.modules and sys.modules[name] is None:
            del sys.modules[name]
            kept_out = True
    gx = [m for m in sys.modules if m.split(".")[0] == "great_expectations"]
    if kept_out and gx:
        for name in gx:
            del sys.modules[name]
        # pydantic v1 remembers every validator function's name to refuse duplicates: the
        # re-import defines GX's validators again under the same names
        validators = sys.modules.get("pydantic.v1.class_validators")
        if validators is not None:
            validators._FUNCS.clear()


_SPARK = ("pyspark", "py4j")
