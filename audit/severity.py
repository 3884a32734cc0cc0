"""Severity names and their order, defined once for the check stage and every renderer.

``SEVERITIES`` is most severe first. A severity this tool does not know (a hand-edited suite
may name one) ranks after all of them: it never fails a gate and sorts last.
"""

from __future__ import annotations

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
# Great Expectations' names for ours (the suite's ``severity`` field).
GX_NAMES: dict[str, str] = {"error": "critical", "warning": "warning", "info": "info"}

_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def rank(severity: object) -> int:
    """0 for the most severe; unknown severities rank ``len(SEVERITIES)`` (after all)."""
    return _RANK.get(str(severity), len(SEVERITIES))


def at_least(severity: object, threshold: str) -> bool:
    """Whether ``severity`` is as severe as ``threshold`` or more (unknown: never)."""
    return rank(severity) <= rank(threshold) and rank(severity) < len(SEVERITIES)


def rank_sql(column: str) -> str:
    """:func:`rank` as a SQL expression over ``column``."""
    cases = " ".join(f"WHEN '{s}' THEN {i}" for s, i in _RANK.items())
    return f"CASE {column} {cases} ELSE {len(SEVERITIES)} END"


def ordered(present: object) -> list[str]:
    """The known severities in order, then any others in ``present`` sorted by name."""
    return list(SEVERITIES) + sorted({str(s) for s in present} - set(SEVERITIES))
