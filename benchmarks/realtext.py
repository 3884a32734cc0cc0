"""Score the audit on the real-text development set (real coverage of real events).

    python benchmarks/realtext.py /work/scratch/realtext            # every event with a gold file
    python benchmarks/realtext.py DIR --event uh-anonymous-gift-2019 --json

DIR holds one folder of saved texts per event (third-party text, never in the repository);
the gold annotations are ``benchmarks/realtext/<event-slug>.toml`` (``--gold`` for another
folder; format in benchmarks/README.md). Each event is copied into a temporary project and
audited with ``audit run``; findings are read from ``reports/findings.json``.

Matching: a finding matches a gold item when its evidence spans overlap the item's locations
in two documents (one, for a finding whose evidence lies in one document, an item of its
class whose locations do, or an item of its class two of whose values the finding's message
names): a finding that pairs
two different items (two different quotes, say) matches neither. Locations that overlap another
item's location are *shared* (e.g. the majority value that both a real conflict and a
legitimate variant are compared with): the item touched in the most documents at unshared
locations wins, then in the most documents at all, then the item with more of its values in
the finding's message (a first name's item over a surname's); ties go to the item of the
finding's class,
then to a ``variant`` (precision first: a finding that pairs a legitimate variant is one an
editor dismisses), then to ``must-report``.
An error or warning is *false* when it matches no item or its item is a ``variant``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import shutil
import sys
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.evaluate import run_audit  # noqa: E402

GOLD = Path(__file__).with_name("realtext")
GATED = ("error", "warning")
KINDS = ("must-report", "variant", "info")


class GoldError(Exception):
    """A gold file or a saved text that cannot be used (exit 2, naming the file)."""


# --- gold files -----------------------------------------------------------------------------

@dataclass
class Location:
    file: str
    start: int
    end: int
    line: int | None = None
    shared: bool = False


@dataclass
class Item:
    id: str
    kind: str
    check: str
    what: str
    values: list[str]
    locations: list[Location]


@dataclass
class Gold:
    path: Path
    slug: str
    event: dict
    documents: list[dict]
    items: list[Item] = field(default_factory=list)


def _need(table: dict, key: str, typ: type, where: str) -> object:
    if key not in table:
        raise GoldError(f"{where}: missing '{key}'")
    if not isinstance(table[key], typ):
        raise GoldError(f"{where}: '{key}' must be a {typ.__name__}")
    return table[key]


def load_gold(path: Path) -> Gold:
    """Parse and validate one gold file; marks shared locations."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GoldError(f"{path}: {exc}") from None
    event = _need(data, "event", dict, str(path))
    slug = _need(event, "slug", str, f"{path} [event]")
    docs = _need(data, "documents", list, str(path))
    names = set()
    for i, d in enumerate(docs):
        where = f"{path} documents[{i}]"
        for key in ("file", "outlet", "sha256"):
            _need(d, key, str, where)
        if d.get("date") is not None:
            try:
                dt.date.fromisoformat(str(d["date"]))
            except ValueError:
                raise GoldError(f"{where}: date '{d['date']}' is not YYYY-MM-DD") from None
        if d["file"] in names or "/" in d["file"] or "\\" in d["file"]:
            raise GoldError(f"{where}: file '{d['file']}' repeated or not a plain file name")
        names.add(d["file"])
    gold = Gold(path, slug, event, docs)
    ids = set()
    for i, it in enumerate(data.get("items", [])):
        where = f"{path} items[{i}]"
        iid = _need(it, "id", str, where)
        kind = _need(it, "kind", str, where)
        if kind not in KINDS or iid in ids:
            raise GoldError(f"{where}: kind must be one of {KINDS} and ids unique ({iid})")
        ids.add(iid)
        locs = []
        for j, loc in enumerate(_need(it, "locations", list, where)):
            lw = f"{where} locations[{j}]"
            f = _need(loc, "file", str, lw)
            s, e = _need(loc, "start", int, lw), _need(loc, "end", int, lw)
            if f not in names or not 0 <= s < e:
                raise GoldError(f"{lw}: unknown document '{f}' or empty range {s}..{e}")
            line = loc.get("line")
            if line is not None and not isinstance(line, int):
                raise GoldError(f"{lw}: 'line' must be an int")
            locs.append(Location(f, s, e, line))
        if not locs:
            raise GoldError(f"{where}: no locations")
        gold.items.append(Item(iid, kind, _need(it, "check", str, where),
                               str(it.get("what", "")), [str(v) for v in it.get("values", [])],
                               locs))
    _mark_shared(gold.items)
    return gold


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _mark_shared(items: list[Item]) -> None:
    for it in items:
        for loc in it.locations:
            loc.shared = any(o is not it and any(
                ol.file == loc.file and _overlap(loc.start, loc.end, ol.start, ol.end)
                for ol in o.locations) for o in items)


def check_texts(gold: Gold, folder: Path) -> list[str]:
    """Checksum warnings; a missing text or a location past its end is an error."""
    warnings = []
    for d in gold.documents:
        p = folder / d["file"]
        if not p.is_file():
            raise GoldError(f"{p}: saved text missing (listed in {gold.path})")
        data = p.read_bytes()
        if hashlib.sha256(data).hexdigest() != d["sha256"]:
            warnings.append(f"{p}: sha256 differs from {gold.path.name}: offsets may not fit")
        text = data.decode("utf-8", errors="replace")
        for it in gold.items:
            for loc in it.locations:
                if loc.file != d["file"]:
                    continue
                if loc.end > len(text):
                    raise GoldError(f"{gold.path}: item '{it.id}' location {loc.start}..{loc.end}"
                                    f" is past the end of {d['file']} ({len(text)} characters)")
                if loc.line is not None and text.count("\n", 0, loc.start) + 1 != loc.line:
                    warnings.append(f"{gold.path.name}: item '{it.id}' location {loc.start}.."
                                    f"{loc.end} is not on line {loc.line} of {d['file']}")
    return warnings


def restrict(gold: Gold, folder: Path) -> tuple[Gold, list[str]]:
    """The gold limited to the documents whose saved text is present with its checksum.

    Why: texts are re-gathered from stored pages, and not every page comes back byte for
    byte; scoring the rest beats not scoring. An item keeps its locations in documents that
    are present; it is dropped when none remain, or when it spanned several documents and
    only one remains, or when every location left says the same thing (the disagreeing side
    was in a missing document: a disagreement needs both sides).
    """
    present: dict[str, str] = {}
    for d in gold.documents:
        p = folder / d["file"]
        if p.is_file():
            raw = p.read_bytes()
            if hashlib.sha256(raw).hexdigest() == d["sha256"]:
                present[d["file"]] = raw.decode("utf-8")

    def said(locs: list[Location]) -> set[str]:
        return {" ".join(present[loc.file][loc.start:loc.end].casefold().split())
                for loc in locs if loc.file in present}

    notes = [f"{gold.slug}: {len(gold.documents) - len(present)} of {len(gold.documents)} "
             "texts missing or changed; scored without them"] if len(present) < len(
                 gold.documents) else []
    out = Gold(gold.path, gold.slug, gold.event,
               [d for d in gold.documents if d["file"] in present])
    for it in gold.items:
        before = {loc.file for loc in it.locations}
        locs = [loc for loc in it.locations if loc.file in present]
        after = {loc.file for loc in locs}
        if not locs or (len(before) > 1 and len(after) < 2):
            continue
        if len(before) > 1 and len(said(locs)) < 2:
            continue  # every text left says the same: the other side was in a missing document
        if len(before) > 1 and _other_figure_missing(it.values, [
                present[loc.file][loc.start:loc.end] for loc in locs]):
            continue
        out.items.append(Item(it.id, it.kind, it.check, it.what, it.values,
                              [Location(loc.file, loc.start, loc.end, loc.line) for loc in locs]))
    _mark_shared(out.items)
    return out, notes


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _figures(text: str) -> frozenset[str]:
    return frozenset(f.replace(",", "") for f in _FIGURE.findall(text))


def _other_figure_missing(values: list[str], spans_left: list[str]) -> bool:
    """Every span left states one and the same figure, and a gold value's figure is gone.

    Why: "a town of about 200", "roughly 200" and "200 people" are worded apart but say the
    same; when the value "about 150" was only in missing documents, nothing disagrees any more.
    A value with the same figure in another unit ("100 million francs" vs "EUR 100 million")
    keeps the item, since no value's figure is then missing.
    """
    left = {_figures(s) for s in spans_left}
    if len(left) != 1 or not next(iter(left)):
        return False
    (shared,) = left
    return any(_figures(v) and not _figures(v) <= shared for v in values)


# --- matching -------------------------------------------------------------------------------

def spans(finding: dict) -> list[tuple[str, int, int]]:
    out = []
    for e in finding.get("evidence", []):
        if e.get("start") is None or e.get("end") is None:
            continue
        out.append(((e.get("path") or "").replace("\\", "/").rsplit("/", 1)[-1],
                    int(e["start"]), int(e["end"])))
    return out


def _docs_touched(item: Item, sp: list[tuple[str, int, int]],
                  unshared_only: bool) -> set[str]:
    return {loc.file for loc in item.locations if not (unshared_only and loc.shared)
            for f, s, e in sp if f == loc.file and _overlap(s, e, loc.start, loc.end)}


def _values_stated(item: Item, finding: dict) -> int:
    """How many of the item's values the finding's message states: of two items whose
    locations it touches alike (a first name and a surname of one person), it is about the one
    whose values it names."""
    message = (finding.get("message") or "").lower()
    return sum(1 for v in item.values if v.lower() in message)


def match(finding: dict, items: list[Item]) -> Item | None:
    """The gold item a finding is about (see the module docstring), or None."""
    sp = spans(finding)
    need = min(2, len({f for f, _, _ in sp}))
    best, best_key = None, None
    for it in items:
        every = _docs_touched(it, sp, False)
        # an item of the finding's class within one page (a name misspelt against its own
        # page) can be touched in that page only, even by a finding that also cites others
        within = len({loc.file for loc in it.locations}) if it.check == finding.get("class") \
            else 2
        if it.check == finding.get("class") and len(it.values) >= 2 and \
                _values_stated(it, finding) >= 2:
            # a finding of the item's class that names two of its values is about it, touched
            # in one page: the gold need not list every page the common spelling is on
            within = 1
        if len(every) < min(need, within):
            continue
        key = (len(_docs_touched(it, sp, True)), len(every), _values_stated(it, finding),
               it.check == finding.get("class"), it.kind == "variant",
               it.kind == "must-report")
        if best_key is None or key > best_key:
            best, best_key = it, key
    return best


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def score_event(gold: Gold, findings: list[dict]) -> dict:
    """Per-finding verdicts, per-item results and the event's figures."""
    verdicts = []
    found: dict[str, list[dict]] = {}
    for f in findings:
        it = match(f, gold.items)
        sev = f.get("severity")
        false = sev in GATED and (it is None or it.kind == "variant")
        docs = sorted({s[0] for s in spans(f)})
        touched = [] if it else [o.id for o in gold.items if _docs_touched(o, spans(f), False)]
        v = {"severity": sev, "class": f.get("class"), "message": f.get("message", ""),
             "confidence": f.get("confidence"),
             "documents": docs, "item": it.id if it else None,
             "item_kind": it.kind if it else None, "touches": touched, "false": false,
             "same_class": bool(it and it.check == f.get("class"))}
        verdicts.append(v)
        if it is not None and it.kind != "variant":
            found.setdefault(it.id, []).append(v)
    items = []
    for it in gold.items:
        hits = found.get(it.id, [])
        gated = [h for h in hits if h["severity"] in GATED]
        items.append({"id": it.id, "kind": it.kind, "check": it.check, "values": it.values,
                      "documents": sorted({loc.file for loc in it.locations}),
                      "found": bool(gated), "found_any_severity": bool(hits),
                      "found_same_class": any(h["same_class"] for h in gated),
                      "by": sorted({h["class"] for h in hits})})
    return {"slug": gold.slug, "documents": len(gold.documents), "findings": verdicts,
            "items": items}


def summarize(events: list[dict]) -> dict:
    """Figures over a list of scored events: per class and overall."""
    verdicts = [v for e in events for v in e["findings"]]
    items = [i for e in events for i in e["items"]]
    per: dict[str, Counter] = {}
    for i in items:
        if i["kind"] == "must-report":
            c = per.setdefault(i["check"], Counter())
            c["must_report"] += 1
            c["found" if i["found"] else "missed"] += 1
            c["found_same_class"] += i["found_same_class"]
    for v in verdicts:
        if v["severity"] in GATED:
            c = per.setdefault(v["class"], Counter())
            c[f"{v['severity']}s"] += 1
            c[f"false_{v['severity']}s"] += v["false"]
    keys = ("must_report", "found", "missed", "found_same_class", "errors", "false_errors",
            "warnings", "false_warnings")
    per_class = {k: {x: c.get(x, 0) for x in keys} for k, c in sorted(per.items())}
    errors = [v for v in verdicts if v["severity"] == "error"]
    gated = [v for v in verdicts if v["severity"] in GATED]
    qd = [v for v in gated if v["class"] == "quote-drift"]
    must = [i for i in items if i["kind"] == "must-report"]
    sev = Counter(v["severity"] for v in verdicts)
    return {
        "events": len(events), "documents": sum(e["documents"] for e in events),
        "findings": dict(sorted(sev.items())),
        "must_report": len(must), "must_report_found": sum(i["found"] for i in must),
        "must_report_recall": _ratio(sum(i["found"] for i in must), len(must)),
        "must_report_recall_any_severity": _ratio(sum(i["found_any_severity"] for i in must),
                                                  len(must)),
        "error_precision": _ratio(sum(not v["false"] for v in errors), len(errors)),
        "error_warning_precision": _ratio(sum(not v["false"] for v in gated), len(gated)),
        "false_errors": sum(v["false"] for v in errors),
        "false_warnings": sum(v["false"] for v in gated) - sum(v["false"] for v in errors),
        "quote_drift_real_share": _ratio(sum(not v["false"] for v in qd), len(qd)),
        "quote_drift_must_report_share": _ratio(
            sum(v["item_kind"] == "must-report" for v in qd), len(qd)),
        "variants_flagged": len({(e["slug"], v["item"]) for e in events for v in e["findings"]
                                 if v["false"] and v["item_kind"] == "variant"}),
        "per_class": per_class,
    }


# --- running ------------------------------------------------------------------------------

def make_project(gold: Gold, folder: Path, dest: Path) -> Path:
    """A throwaway audit project holding the event's texts and a manifest (outlet, url, date)."""
    src = dest / "sources"
    src.mkdir(parents=True)
    entries = []
    for d in gold.documents:
        shutil.copy(folder / d["file"], src / d["file"])
        entry = {"path": d["file"], "publisher": d["outlet"]}
        for key in ("url", "date"):
            if d.get(key):
                entry[key] = str(d[key])
        entries.append("[[document]]\n" + "".join(f"{k} = {json.dumps(v)}\n"
                                                  for k, v in entry.items()))
    (src / "manifest.toml").write_text("\n".join(entries), encoding="utf-8")
    (dest / "audit.toml").write_text('[audit]\nsources = "sources"\n', encoding="utf-8")
    return dest


def run_event(gold: Gold, folder: Path, inproc: bool = False) -> tuple[dict, list[str]]:
    warnings = check_texts(gold, folder)
    tmp = Path(tempfile.mkdtemp(prefix="audit-realtext-"))
    try:
        bundle, secs = run_audit(make_project(gold, folder, tmp / gold.slug), inproc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    res = score_event(gold, bundle["findings"])
    res["seconds"] = round(secs, 1)
    res["warnings"] = warnings
    return res, warnings


def _pct(x: float | None) -> str:
    return "    -" if x is None else f"{x:5.1%}"


def print_report(events: list[dict], total: dict, show: int) -> None:
    for e in events:
        s = summarize([e])
        print(f"\n== {e['slug']}: {e['documents']} documents, {len(e['findings'])} findings "
              f"{s['findings']}, {e['seconds']} s")
        for w in e["warnings"]:
            print(f"  warning: {w}")
        false = [v for v in e["findings"] if v["false"]]
        if false:
            print(f"  false findings ({len(false)}):")
            for v in false[:show]:
                why = (f"flags variant '{v['item']}'" if v["item"] else
                       f"pairs {' + '.join(v['touches'])}" if v["touches"] else
                       "matches no gold item")
                print(f"  - [{v['severity']}] {v['class']} ({why}) in {', '.join(v['documents'])}")
                print(f"      {v['message'][:220]}")
            if len(false) > show:
                print(f"    ... {len(false) - show} more")
        missed = [i for i in e["items"] if i["kind"] == "must-report" and not i["found"]]
        if missed:
            print(f"  missed must-report items ({len(missed)}):")
            for i in missed:
                extra = " (reported at info only)" if i["found_any_severity"] else ""
                print(f"  - {i['id']} [{i['check']}] {i['values'][:3]} in "
                      f"{', '.join(i['documents'][:4])}{extra}")
        found = [i for i in e["items"] if i["kind"] == "must-report" and i["found"]]
        for i in found:
            cls = "" if i["found_same_class"] else f" (by {', '.join(i['by'])})"
            print(f"  found: {i['id']} [{i['check']}]{cls}")
    print(f"\n== all: {total['events']} events, {total['documents']} documents, findings "
          f"{total['findings']}")
    print(f"{'class':<22}{'must':>6}{'found':>7}{'missed':>7}{'errors':>8}{'false':>7}"
          f"{'warnings':>10}{'false':>7}")
    for cls, r in total["per_class"].items():
        print(f"{cls:<22}{r['must_report']:>6}{r['found']:>7}{r['missed']:>7}{r['errors']:>8}"
              f"{r['false_errors']:>7}{r['warnings']:>10}{r['false_warnings']:>7}")
    print(f"error precision            {_pct(total['error_precision'])}"
          f"   ({total['false_errors']} false errors)")
    print(f"error+warning precision    {_pct(total['error_warning_precision'])}"
          f"   ({total['false_warnings']} false warnings)")
    print(f"must-report recall         {_pct(total['must_report_recall'])}"
          f"   ({total['must_report_found']}/{total['must_report']}; any severity "
          f"{_pct(total['must_report_recall_any_severity'])})")
    print(f"quote-drift real share     {_pct(total['quote_drift_real_share'])}"
          f"   (matching a must-report item: {_pct(total['quote_drift_must_report_share'])})")
    print(f"variants flagged           {total['variants_flagged']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path, help="folder holding one folder of saved texts per event")
    ap.add_argument("--gold", type=Path, default=GOLD, help="folder of gold TOML files")
    ap.add_argument("--event", action="append", help="only this event slug (repeatable)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--json-to", type=Path, metavar="FILE",
                    help="also write the scores as JSON to FILE (one audit for both forms)")
    ap.add_argument("--inproc", action="store_true", help="run the CLI in this process")
    ap.add_argument("--show", type=int, default=200, help="list at most this many per event")
    ap.add_argument("--available", action="store_true",
                    help="score only the texts present with their checksum (a partial copy)")
    args = ap.parse_args(argv)
    if not args.dir.is_dir():
        raise GoldError(f"{args.dir}: not a folder")
    golds = [load_gold(p) for p in sorted(args.gold.glob("*.toml"))]
    if args.event:
        golds = [g for g in golds if g.slug in args.event]
    golds = [g for g in golds if (args.dir / g.slug).is_dir() or args.event]
    if not golds:
        raise GoldError(f"{args.dir}: no event folder matches a gold file in {args.gold}")
    events = []
    for g in golds:
        if args.available:
            g, notes = restrict(g, args.dir / g.slug)
            for n in notes:
                print(f"note: {n}", file=sys.stderr)
            if len(g.documents) < 2:
                continue
        res, warnings = run_event(g, args.dir / g.slug, args.inproc)
        for w in warnings:
            print(f"warning: {w}", file=sys.stderr)
        events.append(res)
    total = summarize(events)
    if args.json_to:
        args.json_to.write_text(json.dumps({"total": total, "events": events}, indent=2,
                                           default=str) + "\n")
    if args.json:
        json.dump({"total": total, "events": events}, sys.stdout, indent=2, default=str)
        print()
    else:
        print_report(events, total, args.show)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (GoldError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
