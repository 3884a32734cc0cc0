"""The checks: one module per check, found by :func:`registry` (like the extractors).

A check module declares

* ``NAME`` (the check, as in findings and the suite's ``meta.check``) and ``CLASS`` (the
  report section it belongs to);
* ``SCOPE``: ``"story"`` when its findings stay inside one story (their keys carry the story,
  so an incremental run reuses them for unchanged stories) or ``"corpus"``;
* optionally ``PER_STORY = True`` for a corpus-scoped check whose work stays inside each story
  (pairs of one story's claims, one story's entities, each claim on its own) although its keys
  do not carry the story: one key found in two stories is one finding. Its candidates built
  over any set of whole stories, merged by key, are the corpus's. The Spark engine runs it with
  the story checks, story by story, and merges such keys (in the order of the candidates'
  ``order``, else by their claims); in DuckDB it may memoise each story's work
  (``audit/check/memo.py``);
* ``JUDGED``: the candidate columns its expectations judge;
* ``DESCRIPTION`` (one line: SARIF rule text), ``SEVERITY`` (its usual severity) and
  ``ORDER`` (its place in the report);
* ``EXPECTATIONS``: its part of the built-in suite, made with :func:`expect`;
* ``candidates(con, inputs) -> list[Candidate]``, or ``candidates = None`` for a class whose
  findings come from elsewhere (``integrity``);
* optionally ``STORED(inputs) -> str``: the same candidates as SQL rows, for a check whose
  candidates have one value and no details (``audit/check/stored.py``: the DuckDB engine keeps
  them in a temp table and makes their findings in SQL);
* optionally ``PIECES(con, inputs, size) -> Iterator[list[Candidate]]``: the same candidates
  as ``candidates``, in its order, in lists of about ``size`` candidates, no key in two lists,
  each built only when asked for: the DuckDB engine's run judges and writes each list before
  it builds the next (name-variant's ~80,000 candidates at 100,000 documents, quote-drift's
  ~42,000). A ``PER_STORY`` check's lists may follow another order than ``candidates`` as
  long as each key's candidates keep theirs (quote-drift: groups of whole stories, every
  story of a key in one group): the run's findings do not depend on it.

Everything that used to list the checks by hand (builders, story scope, judged columns, the
built-in suite, SARIF rule texts, the report's class order) is derived from these modules.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from audit.report.bundle import ClassInfo
from audit.severity import GX_NAMES, SEVERITIES

SCOPES = ("story", "corpus")
# The built-in suite's metadata (what GX wrote when the suite was first serialised).
SUITE_NAME = "consistency"
SUITE_META = {"great_expectations_version": "1.24.1",
              # severity follows confidence (audit/check/confidence.py): the lowest confidence
              # of an error and of a warning
              "confidence": {"error": 0.6, "warning": 0.3}}


@dataclass(frozen=True)
class Check:
    name: str
    cls: str
    scope: str
    judged: tuple[str, ...]
    description: str
    severity: str
    order: int
    expectations: tuple[dict, ...]
    candidates: Callable[..., list] | None
    module: str
    per_story: bool = False
    stored: Callable[..., str] | None = None  # the module's STORED, if any
    pieces: Callable[..., Iterator[list]] | None = None  # the module's PIECES, if any


def expect(gx_type: str, severity: str, description: str, when: dict[str, Any] | None = None,
           **kwargs: Any) -> dict[str, Any]:
    """One expectation of a check in GX's serialised form, without the check's row condition
    (added by :func:`default_suite`); ``when``: further column == value conditions."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    return {"type": gx_type, "severity": GX_NAMES[severity], "description": description,
            "when": dict(when or {}), "kwargs": kwargs}


@functools.cache
def registry() -> tuple[Check, ...]:
    """Every check module in this package (names starting with ``_`` are helpers), in report
    order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        found.append(_declared(mod))
    found.sort(key=lambda c: (c.order, c.name))
    names = [c.name for c in found]
    if len(set(names)) != len(names):
        raise RuntimeError(f"two check modules declare the same NAME: {names}")
    return tuple(found)


def _declared(mod: Any) -> Check:
    missing = [a for a in ("NAME", "CLASS", "SCOPE", "JUDGED", "DESCRIPTION", "SEVERITY",
                           "ORDER", "EXPECTATIONS", "candidates") if not hasattr(mod, a)]
    if missing:
        raise RuntimeError(f"check module {mod.__name__} lacks {', '.join(missing)}")
    if mod.SCOPE not in SCOPES or mod.SEVERITY not in SEVERITIES:
        raise RuntimeError(f"check module {mod.__name__}: bad SCOPE or SEVERITY")
    per_story = bool(getattr(mod, "PER_STORY", False))
    if per_story and mod.SCOPE != "corpus":
        raise RuntimeError(f"check module {mod.__name__}: PER_STORY is for corpus-scoped checks")
    if hasattr(mod, "STORED") and mod.SCOPE != "story":
        raise RuntimeError(f"check module {mod.__name__}: STORED is for story-scoped checks")
    for e in mod.EXPECTATIONS:
        used = {v for k, v in e["kwargs"].items() if k in ("column", "column_A", "column_B")}
        if not used | set(e["when"]) <= set(mod.JUDGED):
            raise RuntimeError(f"check module {mod.__name__}: an expectation judges a column "
                               "not in JUDGED")
    return Check(mod.NAME, mod.CLASS, mod.SCOPE, tuple(mod.JUDGED), mod.DESCRIPTION,
                 mod.SEVERITY, mod.ORDER, tuple(mod.EXPECTATIONS), mod.candidates, mod.__name__,
                 per_story, getattr(mod, "STORED", None), getattr(mod, "PIECES", None))


def builders() -> list[Check]:
    """The checks that build candidates, in order."""
    return [c for c in registry() if c.candidates is not None]


def story_scoped() -> frozenset[str]:
    return frozenset(c.name for c in registry() if c.scope == "story")


def judged_columns() -> tuple[str, ...]:
    """Every column the suite may judge, each once, in check order."""
    return tuple(dict.fromkeys(col for c in registry() for col in c.judged))


def classes() -> list[ClassInfo]:
    """The report's classes in order, each with its description (the first check's)."""
    out: dict[str, ClassInfo] = {}
    for c in registry():
        out.setdefault(c.cls, {"name": c.cls, "description": c.description})
    return list(out.values())


def default_suite() -> dict[str, Any]:
    """The built-in suite in GX's serialised form (``audit init`` writes it to checks/)."""
    items = []
    for c in registry():
        for e in c.expectations:
            cond: dict[str, Any] = _equals("check", c.name)
            if e["when"]:
                cond = {"type": "and", "conditions": [cond] + [
                    _equals(k, v) for k, v in e["when"].items()]}
            items.append({"type": e["type"], "severity": e["severity"],
                          "description": e["description"],
                          "kwargs": {**e["kwargs"], "row_condition": cond},
                          "meta": {"check": c.name, "class": c.cls}})
    return {"name": SUITE_NAME, "expectations": items, "meta": dict(SUITE_META), "notes": None}


def _equals(column: str, value: Any) -> dict[str, Any]:
    return {"type": "comparison", "column": {"name": column}, "operator": "==",
            "parameter": value}
