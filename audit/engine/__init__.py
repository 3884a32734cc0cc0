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
    for name in _SPARK:
        if name in sys.modules and sys.modules[name] is None:
            del sys.modules[name]


_SPARK = ("pyspark", "py4j")
