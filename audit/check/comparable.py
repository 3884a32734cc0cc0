"""Which stated figures may contradict each other, and which do: the value-conflict rule.

Two amounts (counts) are compared only when they state the same thing in the same frame (see
``audit/extract/frames.py``): the same measure ("tuition" is never compared with "average
salary"), the same holder ("Acme" with "Acme", not with "Acme and Borealis"), the same year,
both distributive ("$30 million each") or neither, both about the event (background figures are
compared only with background figures of the same year); a total ("a combined $60 million")
is not compared with one named giver's amount, and a count "in all" is not compared with an
unmarked one. Where a side does not say (no measure word, no holder named), it is taken to be
the same.

Figures that may be compared conflict when their bounds do not intersect: "$45,210" and "about
$45,000" agree; "more than $48,000" and "$45,210" do not.

Cost: figures are bucketed by a hashable key (story, kind, currency or counted group, frame,
distributive); inside a bucket, by their distinct signatures (measure, givers, receivers, year),
of which there are few. Buckets with more than ``MAX_SIGNATURES`` signatures compare only equal
signatures (and the figures that say nothing), so the cost stays near-linear.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from audit.extract.frames import SUBJECT_FAMILY, coarse, intersects
from audit.unionfind import UnionFind

ALL_GIVERS = "*all*"  # the givers of a total that names none: all of them
MAX_SIGNATURES = 64
_NAME_STOP = {"of", "for", "the", "and", "de", "du", "und", "&"}

T = TypeVar("T")

# (measure class, measure, givers, receivers, year); None where the figure does not say
Signature = tuple[str | None, str | None, frozenset[str] | None, frozenset[str] | None,
                  int | None]


@dataclass
class Figure:
    """One stated amount, count or date, with what the comparison needs from its frame."""

    claim_id: str
    norm: str
    label: str
    num: float | None
    bound: list[float | None] | None  # None: compared by ``norm`` only (dates)
    measure: str | None = None
    gives: frozenset[str] | None = None
    gets: frozenset[str] | None = None
    year: int | None = None
    exact: bool = True


@dataclass
class Value:
    """The figures stating one value (one ``norm``)."""

    norm: str
    label: str
    num: float | None
    bound: list[float | None] | None
    exact: bool
    claims: list[str] = field(default_factory=list)


FORECAST_SLACK = 0.03


def frame_of(kind: str, subject: str, value: dict[str, Any], qualifiers: dict[str, Any]
             ) -> dict[str, Any]:
    """The frame fields of a stored claim (defaults for claims stored without them)."""
    holder = value.get("holder") or {}
    approx = value.get("approx") or qualifiers.get("approx") or "exact"
    measure = value.get("measure") if kind == "money" else None
    forecast = cue if str(cue := value.get("frame_cue") or "").startswith("forecast:") else None
    bound = value.get("bound")
    if forecast and bound and bound[0] is not None and bound[1] is not None:
        # forecasts by different data providers differ by a little: 12.5 and 12.61 agree
        bound = [bound[0] * (1 - FORECAST_SLACK), bound[1] * (1 + FORECAST_SLACK)]
    return {
        "measure": measure,
        "class": coarse(measure) if measure else SUBJECT_FAMILY.get(subject),
        "gives": [str(x) for x in holder.get("gives") or []],
        "gets": [str(x) for x in holder.get("gets") or []],
        "distributive": bool(holder.get("distributive")) or qualifiers.get("per") == "each",
        "total": bool(holder.get("total")),
        "frame": value.get("frame") or "event",
        "forecast": forecast,
        "year": value.get("year"),
        "bound": bound,
        "exact": approx == "exact" and "max" not in value,
        "state": value.get("state"),
        "part": bool(value.get("part")),
        "period": value.get("period"),
        "change": value.get("change"),
        "aspect": value.get("aspect"),
        "charge": value.get("charge") if kind == "count" else None,
    }


def bucket_key(story: str, kind: str, predicate: str, subject: str, currency: str | None,
               qualifiers: dict[str, Any], fr: dict[str, Any]) -> tuple | None:
    """The figures that may be compared at all share this key; None: compared with nothing
    (a background figure without a year). A forecast is compared with forecasts of its side
    (the market's, the company's) only."""
    if fr["frame"] != "event" and fr["year"] is None and not fr.get("forecast"):
        return None
    frame = ("event" if fr["frame"] == "event" else f"other:{fr['forecast']}:{fr['year']}"
             if fr.get("forecast") else f"other:{fr['year']}")
    if fr.get("period"):
        frame += f":period:{fr['period']}"  # a part of the event's time: only with that part
    if fr.get("change"):
        frame += f":change:{fr['change']}"  # a gain or loss: only with changes that way
    if fr.get("aspect"):
        frame += f":aspect:{fr['aspect']}"  # a margin or a score still needed: only alike
    quals = json.dumps({k: v for k, v in qualifiers.items() if k != "approx"}, sort_keys=True)
    if kind == "money":
        # amounts are keyed by currency; what they measure is compared by signature
        return (story, kind, predicate, currency or "", quals, frame, fr["distributive"],
                fr["part"])
    total = kind == "count" and fr["total"]
    return (story, kind, predicate, subject, quals, frame, fr["distributive"], total, fr["part"])


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w not in _NAME_STOP)


def _same_name(a: str, b: str) -> bool:
    """"nsf" = "national science foundation", "acme" = "acme robotics" (word prefix)."""
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if long_[: len(short)] == short:
        return True
    return (len(ta) == 1 and len(tb) > 1 and ta[0] == _acronym(b)) or (
        len(tb) == 1 and len(ta) > 1 and tb[0] == _acronym(a))


_HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame prof".split())


def _bare(name: str) -> str:
    """A holder's name without a leading honorific: "ms hall" -> "hall"."""
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".") in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def canonical_names(figures: Iterable[dict[str, Any]]) -> dict[str, str]:
    """One representative per name the loose match joins (few names per bucket); a one-word
    name (an honorific aside: "ms hall") that ends exactly one longer name is that name's
    surname ("jalili" / "saeed jalili"; with "anna okafor" and "ivo okafor" both named,
    "okafor" joins neither)."""
    names = sorted({n for f in figures for n in (*f["gives"], *f["gets"])})
    uf = UnionFind(names)
    if len(names) <= 200:
        bare = {n: _bare(n) for n in names}
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if _same_name(bare[a], bare[b]):
                    uf.union(a, b)
        for a in names:
            if " " not in bare[a]:
                ends = {uf.find(b) for b in names
                        if " " in bare[b] and bare[b].endswith(" " + bare[a])}
                if len(ends) == 1:
                    uf.union(a, ends.pop())
    return {n: uf.find(n) for n in names}


def signature(fr: dict[str, Any], kind: str, canon: dict[str, str]) -> Signature:
    gives = frozenset(canon.get(n, n) for n in fr["gives"]) or None
    gets = frozenset(canon.get(n, n) for n in fr["gets"]) or None
    if kind == "money" and fr["total"] and gives is None:
        gives = frozenset([ALL_GIVERS])  # a total over givers is no one giver's part
    if kind != "money":  # counts: what happened to the group ("killed", "injured"), and
        # for counts of charges the charge ("felony murder"; unknown matches any)
        return (fr["state"], fr.get("charge"), gives, gets,
                fr["year"] if fr["frame"] == "event" else None)
    return (fr["class"], fr["measure"], gives, gets,
            fr["year"] if fr["frame"] == "event" else None)


def _below(a: Signature, b: Signature) -> bool:
    """Every part ``a`` states, ``b`` states the same."""
    return all(x is None or x == y for x, y in zip(a, b, strict=True))


def _compatible(a: Signature, b: Signature) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def _join(a: Signature, b: Signature) -> Signature:
    return (_either(a[0], b[0]), _either(a[1], b[1]), _either(a[2], b[2]),
            _either(a[3], b[3]), _either(a[4], b[4]))


def _either(x: T | None, y: T | None) -> T | None:
    return x if x is not None else y


def comparable_sets(figures: list[tuple[Signature, Figure]],
                    held: dict[float, list[tuple[frozenset[str] | None,
                                                 frozenset[str] | None]]] | None = None,
                    ) -> list[tuple[Signature, list[Figure]]]:
    """Sets of figures that all state the same thing: for each most specific signature (the
    signatures stated, and the joins of compatible ones: "$511M to the Programme" and "a
    combined $399M" may be one fact), the figures whose signature it extends. ``held``: the
    holders named with each number anywhere in the story (see :func:`holders_by_value`);
    by default, those of ``figures``."""
    sigs = set(s for s, _ in figures)
    if len(sigs) > MAX_SIGNATURES:
        blank: Signature = (None, None, None, None, None)
        tops = sorted((s for s in sigs if s != blank), key=_sig_order) or [blank]
        return [(s, [f for t, f in figures if t == s or t == blank]) for s in tops]
    grown = True
    while grown and len(sigs) <= MAX_SIGNATURES:
        joins = {_join(a, b) for a in sigs for b in sigs if a != b and _compatible(a, b)}
        grown = not joins <= sigs
        sigs |= joins
    ordered = sorted(sigs, key=_sig_order)
    tops = [s for s in ordered if not any(s != t and _below(s, t) for t in ordered)]
    if held is None:
        held = holders_by_value((f.num, t[2], t[3]) for t, f in figures)
    return [(s, [f for t, f in figures if _below(t, s) and _may_hold(t, f, s, held)])
            for s in tops]


def holders_by_value(stated: Iterable[tuple[float | None, frozenset[str] | None,
                                             frozenset[str] | None]]
                     ) -> dict[float, list[tuple[frozenset[str] | None,
                                                 frozenset[str] | None]]]:
    """The holders (givers, receivers) named with each number, from (number, givers,
    receivers) triples."""
    held: dict[float, list] = {}
    for num, gives, gets in stated:
        if num is not None and (gives is not None or gets is not None):
            held.setdefault(float(num), []).append((gives, gets))
    return held


def _may_hold(t: Signature, f: Figure, top: Signature, held: dict) -> bool:
    """A figure that names no holder joins a holder's set, unless the same number is stated
    elsewhere with holders none of whom that set names: "$300 million" alone is the figure
    the state gives elsewhere, not another value of what the team gives."""
    if t[2] is not None or t[3] is not None or f.num is None or (top[2] is None
                                                                 and top[3] is None):
        return True
    owners = held.get(float(f.num))
    if not owners:
        return True
    names = (top[2] or frozenset()) | (top[3] or frozenset())
    if ALL_GIVERS in names:
        return True  # a total over every giver holds each giver's figure
    return any(names & ((g or frozenset()) | (r or frozenset())) for g, r in owners)


def _sig_order(s: Signature) -> tuple:
    return tuple("" if x is None else ("|".join(sorted(x)) if isinstance(x, frozenset)
                                       else str(x)) for x in s)


def values_of(figures: list[Figure]) -> list[Value]:
    by_norm: dict[str, Value] = {}
    for f in sorted(figures, key=lambda f: f.claim_id):
        v = by_norm.get(f.norm)
        if v is None:
            v = by_norm[f.norm] = Value(f.norm, f.label, f.num, f.bound, f.exact)
        v.claims.append(f.claim_id)
    return list(by_norm.values())


def _spread(v: Value) -> float:
    """How loosely an exact value's words fix it (its bound's width over its size): between
    values stated equally often the most precise is the anchor ("26 days", not "four weeks")."""
    b = v.bound
    if not b or b[0] is None or b[1] is None or not v.num:
        return 0.0
    return round((float(b[1]) - float(b[0])) / abs(float(v.num)), 6)


def conflicting(values: list[Value]) -> list[Value]:
    """The values of one magnitude group that cannot all be true: the anchor (the exact value
    most claims state, else the most stated value), every other exact value, and every
    bounded value whose interval misses the anchor's. Empty when they all agree."""
    if len(values) < 2:
        return []
    order = sorted(values, key=lambda v: (not v.exact, -len(v.claims), _spread(v),
                                          v.num is None, -(v.num or 0), v.norm))
    anchor = order[0]
    out = [anchor]
    for v in order[1:]:
        if v.bound is None or anchor.bound is None or not intersects(v.bound, anchor.bound):
            out.append(v)  # (dates have no bound: each other value conflicts)
    return out if len(out) > 1 else []
