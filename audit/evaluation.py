"""Score findings against a list of planted discrepancies (precision and recall per class).

Planted items come from a TOML list (the fenced ``toml`` block of ``sources/PLANTED.md``, or a
ground-truth file a corpus generator writes): ``[[planted]]`` with ``class``, ``severity``,
``documents`` (file names) and ``values`` (strings the finding's evidence must show). A finding
matches a planted item when class and severity agree, its evidence touches the first planted
document, and some planted value occurs in its evidence or values.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from audit.text import fold

GATED = ("error", "warning")


def load_planted(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        m = re.search(r"```toml\n(.*?)```", text, re.S)
        text = m.group(1) if m else ""
    return tomllib.loads(text)


@dataclass
class Score:
    planted: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    false: Counter = field(default_factory=Counter)
    missed_items: list[dict] = field(default_factory=list)
    false_items: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        n = sum(self.planted.values())
        return sum(self.found.values()) / n if n else 1.0

    @property
    def precision(self) -> float:
        hits = sum(self.found.values())
        n = hits + sum(self.false.values())
        return hits / n if n else 1.0


def _norm(s: str) -> str:
    return " ".join(fold(s or "").lower().split())


def matches(item: dict, finding: dict) -> bool:
    if finding["class"] != item["class"] or finding["severity"] != item["severity"]:
        return False
    docs = item.get("documents", [])
    paths = {(e.get("path") or "").rsplit("/", 1)[-1] for e in finding["evidence"]}
    if docs and docs[0] not in paths:
        return False
    shown = [_norm(e.get("exact", "")) for e in finding["evidence"]]
    shown += [_norm(str(v.get("value", ""))) for v in finding.get("values", [])]
    shown.append(_norm(finding.get("message", "")))
    return any(_norm(v) in s or (s and s in _norm(v)) for v in item.get("values", [])
               for s in shown)


def score(findings: list[dict], planted: list[dict], severities=GATED) -> Score:
    """Recall over planted items at ``severities``; precision over findings at those
    severities (a gated finding that matches no planted item is a false finding)."""
    sc = Score()
    gated = [f for f in findings if f["severity"] in severities and not f.get("accepted")]
    used: set[int] = set()
    for item in planted:
        if item["severity"] not in severities and item["severity"] != "info":
            continue
        pool = findings if item["severity"] == "info" else gated
        sc.planted[item["class"]] += 1
        hit = next((i for i, f in enumerate(pool) if matches(item, f)), None)
        if hit is None:
            sc.missed_items.append(item)
        else:
            sc.found[item["class"]] += 1
            if pool is gated:
                used.add(hit)
    for i, f in enumerate(gated):
        if i not in used and not any(matches(p, f) for p in planted):
            sc.false[f["class"]] += 1
            sc.false_items.append(f)
    return sc
