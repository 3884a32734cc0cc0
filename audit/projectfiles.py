"""Every project file the user writes, read and validated in one place.

``audit.toml`` / ``[tool.audit]``, ``sources/manifest.toml``, ``claims/vocabulary.toml``,
``claims/aliases.toml``, ``claims/facts.toml``, ``checks/consistency.json`` and
``checks/waivers.toml`` are parsed here, and each is checked as strictly as the config: types,
ranges and unknown keys. Whatever is wrong is one :class:`ProjectFileError` (exit 2) naming the
file, and its line where the parser gives one, so a typo never reaches the pipeline as a crash
or, worse, as a check that silently does nothing. The modules that use the files keep their
loader names (``load_facts`` ...) as thin wrappers over these functions.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from audit.errors import ConfigError

# Nesting deeper than this in a project file is refused before any parser recurses into it.
MAX_NESTING = 64


class ProjectFileError(ConfigError):
    """A project file the user wrote is malformed: exit 2, naming the file (and line)."""

    def __init__(self, message: str, path: object, line: int | None = None):
        super().__init__(message, f"{path}:{line}" if line else path)
        self.file, self.line = path, line


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProjectFileError(f"cannot read file: {exc.strerror or exc}", path) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ProjectFileError(f"not UTF-8 (invalid byte at offset {exc.start})", path,
                               line) from None


def _check_depth(text: str, path: Path) -> None:
    """Refuse brackets nested deeper than MAX_NESTING, found by a loop before any parser
    recurses (a 100,000-deep JSON array must be an error, not a RecursionError). Brackets
    inside strings count too, which only makes the bound stricter for odd files."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_NESTING:
            raise ProjectFileError(f"nested more than {MAX_NESTING} levels deep", path,
                                   text.count("\n", 0, m.start()) + 1)


_BRACKETS = re.compile(r"[\[\]{}]")
_TOML_POS = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; a syntax error names the line."""
    text = _read_text(path)
    _check_depth(text, path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_POS.search(msg)
        line = int(m.group(1)) if m and m.group(1) else None
        raise ProjectFileError(f"malformed TOML: {_TOML_POS.sub('', msg)}", path, line) from None


def read_json(path: Path) -> Any:
    """Parse a JSON file; a syntax error names the line."""
    text = _read_text(path)
    _check_depth(text, path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(f"malformed JSON: {exc.msg} (column {exc.colno})", path,
                               exc.lineno) from None


# --- small validators -------------------------------------------------------------------------

def _unknown(table: dict, known: Iterable[str], where: str, path: Path) -> None:
    extra = sorted(set(table) - set(known))
    if extra:
        raise ProjectFileError(f"{where}unknown key(s) {', '.join(map(str, extra))}; known: "
                               f"{', '.join(sorted(known))}", path)


def _string(value: Any, what: str, path: Path, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ProjectFileError(f"{what} must be a non-empty string", path)
    return value


def _str_list(value: Any, what: str, path: Path) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProjectFileError(f"{what} must be a list of strings", path)
    return value


def _tables(data: dict, key: str, path: Path) -> list[dict]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ProjectFileError(f"'{key}' must be an array of tables ([[{key}]])", path)
    return items


# --- audit.toml / pyproject.toml ---------------------------------------------------------------

def find_config(root: Path) -> tuple[Path | None, dict]:
    """The config file and its ``audit`` table (empty when there is none)."""
    for name, section in (("audit.toml", None), ("pyproject.toml", ("tool", "audit"))):
        path = root / name
        if not path.is_file():
            continue
        data = read_toml(path)
        if section is None:
            table = data.get("audit", data)
            if not isinstance(table, dict):
                raise ProjectFileError("[audit] must be a table", path)
            return path, table
        table = data
        for key in section:
            table = table.get(key, {}) if isinstance(table, dict) else {}
        if table:
            if not isinstance(table, dict):
                raise ProjectFileError("[tool.audit] must be a table", path)
            return path, table
    return None, {}


# --- sources/manifest.toml -----------------------------------------------------------------------

MANIFEST_FIELDS = {"path", "title", "publisher", "url", "date", "retrieved"}


def read_manifest(path: Path) -> tuple[list[str], list[dict]]:
    """``(exclude patterns, document entries)`` with every field's type checked."""
    data = read_toml(path)
    _unknown(data, ("settings", "document"), "", path)
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise ProjectFileError("[settings] must be a table", path)
    _unknown(settings, ("exclude",), "[settings]: ", path)
    exclude = settings.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(e, str) for e in exclude):
        raise ProjectFileError("settings.exclude must be a list of glob patterns", path)
    docs = data.get("document", [])
    if not isinstance(docs, list):
        raise ProjectFileError("'document' must be an array of tables ([[document]])", path)
    for n, entry in enumerate(docs, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise ProjectFileError(f"document #{n} has no 'path'", path)
        where = f"document #{n} ({entry['path']})"
        _unknown(entry, MANIFEST_FIELDS, f"{where}: ", path)
        for key in ("title", "publisher", "url"):
            if key in entry:
                _string(entry[key], f"{where}: '{key}'", path)
        if "retrieved" in entry and not isinstance(entry["retrieved"], dt.date):
            raise ProjectFileError(f"{where}: 'retrieved' must be a TOML date-time", path)
    return exclude, docs


# --- claims/vocabulary.toml ----------------------------------------------------------------------

VOCABULARY_LISTS = ("titles", "org_suffixes", "places", "event_nouns")


def read_vocabulary(path: Path) -> dict[str, Any]:
    """The extra vocabulary: lists of strings and ``[relations]`` of cue lists."""
    data = read_toml(path)
    _unknown(data, (*VOCABULARY_LISTS, "relations"), "", path)
    for key in VOCABULARY_LISTS:
        if key in data:
            _str_list(data[key], f"'{key}'", path)
    rel = data.get("relations", {})
    if not isinstance(rel, dict):
        raise ProjectFileError("'relations' must be a table of relation = [cue phrases]", path)
    for name, cues in rel.items():
        _str_list(cues, f"relations.{name}", path)
    return data


# --- claims/aliases.toml -------------------------------------------------------------------------

def read_aliases(path: Path) -> dict[str, str]:
    data = read_toml(path)
    _unknown(data, ("aliases",), "", path)
    table = data.get("aliases", {})
    if not isinstance(table, dict) or not all(
            isinstance(v, str) and v.strip() and k.strip() for k, v in table.items()):
        raise ProjectFileError("[aliases] must map a short form to a long form string", path)
    return dict(table)


# --- claims/facts.toml ---------------------------------------------------------------------------

NAME_TYPES = ("person", "org", "place")
FACT_KINDS = {"money": "amount", "count": "n"}


def _positive_number(value: Any, what: str, path: Path, integer: bool = False) -> float:
    ok = isinstance(value, int) if integer else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok or not math.isfinite(value) or value <= 0:
        kind = "a positive whole number" if integer else "a positive finite number"
        raise ProjectFileError(f"{what} must be {kind}, not {value!r}", path)
    return value


def read_facts(path: Path) -> dict[str, list[dict]]:
    """Declared names and facts: ``{"name": [...], "fact": [...]}``."""
    data = read_toml(path)
    _unknown(data, ("name", "fact"), "", path)
    names, facts = _tables(data, "name", path), _tables(data, "fact", path)
    for n, item in enumerate(names, 1):
        where = f"[[name]] #{n}"
        _unknown(item, ("canonical", "type"), f"{where}: ", path)
        _string(item.get("canonical"), f"{where}: 'canonical'", path)
        if item.get("type", "person") not in NAME_TYPES:
            raise ProjectFileError(f"{where}: 'type' must be one of {', '.join(NAME_TYPES)}",
                                   path)
    for n, item in enumerate(facts, 1):
        where = f"[[fact]] #{n}"
        kind = item.get("kind")
        if kind not in FACT_KINDS or not isinstance(item.get("subject"), str) \
                or not item["subject"].strip():
            raise ProjectFileError(f"{where} needs kind (money|count) and subject", path)
        field = FACT_KINDS[kind]
        known = ("kind", "subject", field) + (("currency",) if kind == "money" else ())
        _unknown(item, known, f"{where}: ", path)
        if field not in item:
            raise ProjectFileError(f"{where} needs a number '{field}'", path)
        _positive_number(item[field], f"{where}: '{field}'", path, integer=kind == "count")
        cur = item.get("currency")
        if cur is not None and not (isinstance(cur, str) and re.fullmatch(r"[A-Z]{3}", cur)):
            raise ProjectFileError(f"{where}: 'currency' must be an ISO code like \"USD\"", path)
    return {"name": names, "fact": facts}


# --- checks/waivers.toml -------------------------------------------------------------------------

def read_waivers(path: Path) -> list[tuple[str, str]]:
    """``(fingerprint, reason)`` per waiver. There is no ``expires``: a waiver lasts until it is
    deleted (and is reported as stale once nothing matches it)."""
    data = read_toml(path)
    _unknown(data, ("waiver",), "", path)
    out = []
    for n, w in enumerate(_tables(data, "waiver", path), 1):
        fp = w.get("fingerprint")
        if not isinstance(fp, str) or not re.fullmatch(r"f[0-9a-f]{1,64}", fp):
            raise ProjectFileError(f"waiver #{n} needs a 'fingerprint' (an id like f3b9c...)",
                                   path)
        _unknown(w, ("fingerprint", "reason"), f"waiver #{n} ({fp}): ", path)
        if not isinstance(w.get("reason"), str) or not w["reason"].strip():
            raise ProjectFileError(f"waiver #{n} ({fp}) needs a 'reason'", path)
        out.append((fp, w["reason"].strip()))
    return out


# --- checks/consistency.json ---------------------------------------------------------------------

def read_suite(path: Path) -> dict:
    """The suite's shape; what its expectations refer to is checked by
    ``audit.check.suite.validate_expectations``."""
    data = read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("expectations"), list):
        raise ProjectFileError("not a Great Expectations suite (no 'expectations' list)", path)
    if not data["expectations"]:
        raise ProjectFileError("the suite has no expectations; zero checks would run", path)
    for n, e in enumerate(data["expectations"], 1):
        if not isinstance(e, dict) or not isinstance(e.get("type"), str) \
                or not isinstance(e.get("meta"), dict) or not e["meta"].get("check") \
                or not isinstance(e.get("kwargs", {}), dict):
            raise ProjectFileError(f"expectation #{n} needs a 'type', 'kwargs' and meta.check",
                                   path)
    return data
