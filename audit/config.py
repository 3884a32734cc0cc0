"""Project configuration: ``audit.toml`` or ``[tool.audit]`` in ``pyproject.toml`` (as ruff does).

``audit.toml`` wins when both exist. Paths in the config are relative to the project directory.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from audit.errors import ConfigError
from audit.projectfiles import find_config

FAIL_ON = ("error", "warning", "info", "never")
FORMATS = ("json", "html", "junit", "sarif", "md", "github")


@dataclass(frozen=True)
class Config:
    root: Path
    sources: tuple[Path, ...] = ()
    db: str = ".audit/audit.duckdb"
    out: Path | None = None
    claims_dir: Path | None = None
    checks_dir: Path | None = None
    fail_on: str = "error"
    formats: tuple[str, ...] = ("json", "html")
    allow_empty: bool = False
    strict_encoding: bool = False
    allow_external_links: bool = False
    config_file: Path | None = None
    raw: dict = field(default_factory=dict)
    tables: dict[str, str] = field(default_factory=dict)  # [audit.tables]: column mapping
    engine: str = "duckdb"  # "spark": ingest, extraction and resolution as Spark jobs
    spark: dict = field(default_factory=dict)  # [audit.spark]: master, output, conf

    @property
    def db_path(self) -> str:
        if self.db == ":memory:":
            return self.db
        p = Path(self.db)
        return str(p if p.is_absolute() else self.root / p)

    def with_overrides(self, **kw) -> Config:
        return replace(self, **{k: v for k, v in kw.items() if v not in (None, (), False)})

    def ingest_options(self):
        from audit.ingest.pipeline import IngestOptions

        return IngestOptions(self.allow_empty, self.strict_encoding, self.allow_external_links,
                             dict(self.tables))

    def digest(self) -> str:
        """A hash of the settings that change results (for the runs table)."""
        data = asdict(self)
        data = {k: data[k] for k in ("fail_on", "raw")}
        blob = json.dumps(data, sort_keys=True, default=str).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


KNOWN_KEYS = {"sources", "db", "out", "claims", "checks", "fail_on", "formats", "tables",
              "allow_empty", "strict_encoding", "allow_external_links", "engine", "spark"}
ENGINES = ("duckdb", "spark")
SPARK_KEYS = ("master", "output", "conf")
BOOL_KEYS = ("allow_empty", "strict_encoding", "allow_external_links")


def _subtable(table: dict, name: str, known: tuple[str, ...] | list[str], shape: str,
              path: Path | None) -> dict:
    """A sub-table of ``[audit]`` whose keys must all be known (a typo is an error, not ignored)."""
    sub = table.get(name, {})
    if not isinstance(sub, dict):
        raise ConfigError(f"'{name}' must be {shape}", path)
    unknown = sorted(set(sub) - set(known))
    if unknown:
        raise ConfigError(f"unknown {name} setting(s) {', '.join(unknown)}; known: "
                          f"{', '.join(known)}", path)
    return sub


def load_config(root: Path | str = ".") -> Config:
    root = Path(root).resolve()
    if not root.is_dir():
        raise ConfigError("project directory does not exist", root)
    path, table = find_config(root)
    if not isinstance(table, dict):
        raise ConfigError("the audit settings must be a table", path)
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; known: "
                          f"{', '.join(sorted(KNOWN_KEYS))}", path)

    def _str(key: str, default: str) -> str:
        val = table.get(key, default)
        if not isinstance(val, str) or not val:
            raise ConfigError(f"'{key}' must be a non-empty string", path)
        return val

    sources = table.get("sources", "sources")
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise ConfigError("'sources' must be a path or a list of paths", path)
    fail_on = _str("fail_on", "error")
    if fail_on not in FAIL_ON:
        raise ConfigError(f"'fail_on' must be one of {', '.join(FAIL_ON)}", path)
    formats = table.get("formats", ["json", "html"])
    if isinstance(formats, str):
        formats = [formats]
    bad = [f for f in formats if f not in FORMATS] if isinstance(formats, list) else formats
    if bad:
        raise ConfigError(f"unknown format(s) {bad}; known: {', '.join(FORMATS)}", path)
    from audit.ingest.collections import TABLE_KEYS  # the mapping's own fields

    tables = _subtable(table, "tables", TABLE_KEYS,
                       "a table of column names (text = \"body\", ...)", path)
    for key, value in tables.items():
        if not isinstance(value, str) or not value:
            raise ConfigError(f"'tables.{key}' must be a column name (a non-empty string)", path)
    engine = _str("engine", "duckdb")
    if engine not in ENGINES:
        raise ConfigError(f"'engine' must be one of {', '.join(ENGINES)}", path)
    spark = _subtable(table, "spark", SPARK_KEYS, "a table (master, output, conf)", path)
    for key in ("master", "output"):
        if key in spark and (not isinstance(spark[key], str) or not spark[key]):
            raise ConfigError(f"'spark.{key}' must be a non-empty string", path)
    conf = spark.get("conf", {})
    if not isinstance(conf, dict) or not all(isinstance(v, (str, int, float, bool))
                                             for v in conf.values()):
        raise ConfigError("'spark.conf' must be a table of Spark settings "
                          "(\"spark.executor.memory\" = \"4g\", ...)", path)
    flags = {}
    for key in BOOL_KEYS:
        flags[key] = table.get(key, False)
        if not isinstance(flags[key], bool):
            raise ConfigError(f"'{key}' must be true or false", path)
    return Config(
        **flags,
        root=root,
        sources=tuple(root / s for s in sources),
        db=_str("db", ".audit/audit.duckdb"),
        out=root / _str("out", "reports"),
        claims_dir=root / _str("claims", "claims"),
        checks_dir=root / _str("checks", "checks"),
        fail_on=fail_on,
        formats=tuple(formats),
        config_file=path,
        raw=table,
        tables=dict(tables),
        engine=engine,
        spark=dict(spark),
    )
