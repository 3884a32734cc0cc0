"""The Spark engine's settings (no Spark import: validated before anything starts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click


@dataclass(frozen=True)
class SparkSettings:
    """``[audit.spark]`` in the config, overridden by ``--spark-*`` options."""

    master: str = ""  # "": local[2], or the master spark-submit was given
    output: Path | None = None  # Parquet folder; default: "spark" beside the database
    conf: dict[str, str] = field(default_factory=dict)


def spark_settings(cfg, master: str | None, conf: tuple[str, ...],
                   output: Path | None) -> SparkSettings:
    table = cfg.spark or {}
    merged = {str(k): _text(v) for k, v in (table.get("conf") or {}).items()}
    for item in conf:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--spark-conf")
        merged[key.strip()] = value
    out = output or (cfg.root / table["output"] if table.get("output") else None)
    if out is None:
        db = Path(cfg.db_path)
        out = (cfg.root / ".audit" if cfg.db_path == ":memory:" else db.parent) / "spark"
    return SparkSettings(master or table.get("master") or "", Path(out), merged)


def _text(v: object) -> str:
    return str(v).lower() if isinstance(v, bool) else str(v)
