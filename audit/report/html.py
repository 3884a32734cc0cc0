"""Self-contained HTML discrepancy report.

``render_html(bundle)`` is a pure function of the report bundle (see ``audit.report``). The page
has no external references at all: CSS and JS are inline, and a Content-Security-Policy meta tag
allows only those two inline blocks (by hash), so even a rendering bug could not load or run
anything else. All bundle data goes through Jinja2 autoescaping; nothing is marked safe.

The work is done here, in Python, into a plain "view" dict; the template only loops and prints.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from itertools import zip_longest
from typing import Any

import jinja2
from markupsafe import Markup

from audit.report.bundle import Document, Evidence, Finding, ReportBundle, Tool
from audit.report.fragments import FragmentCache, fragment_key
from audit.report.location import where
from audit.severity import ordered
from audit.text import SENTENCE_BREAK

# Findings past this many per section are rendered inside a closed <details>.
INLINE_LIMIT = 500
# Evidence context shown around each <mark>: the sentence, at most this many characters a side.
CONTEXT_CHARS = 64

# A sentence boundary: terminal punctuation (plus closing quotes/brackets) before whitespace, or a
# line break.
_WS = re.compile(r"\s+")


class _Environment(jinja2.Environment):
    """``view.key`` looks up a dict's key first. Jinja tries the attribute first, and the
    AttributeError it then catches was a fifth of the time spent rendering 10,000 findings; the
    view is plain dicts whose keys never name a dict method."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return _Environment(
        loader=jinja2.PackageLoader("audit", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


@lru_cache(maxsize=1)
def _csp() -> str:
    """CSP allowing exactly the inline CSS and JS the template includes, nothing else."""
    env = _env()

    def digest(name: str) -> str:
        body = env.get_template(name).render()
        return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"

    return (
        "default-src 'none'; "
        f"style-src {digest('report.css')}; "
        f"script-src {digest('report.js')}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def render_html(bundle: ReportBundle, fragments: FragmentCache | None = None) -> str:
    """Render the bundle as one self-contained HTML page (str); ``fragments``: a cache of
    finding blocks to reuse and refill (the page is the same with or without it)."""
    return "".join(html_parts(bundle, fragments))


def html_parts(bundle: ReportBundle, fragments: FragmentCache | None = None) -> Iterator[str]:
    """The page of :func:`render_html` in the pieces the template yields (a finding's block
    is one), to be written as they come: the whole page as one string, and each section's
    text joined before it, held about twice the page (29 MiB of text for the 10,000 findings
    of a 20,000-document corpus: +110 MiB of memory while it was rendered)."""
    view = build_view(bundle, fragments)
    yield from _env().get_template("report.html.j2").generate(view=view, csp=_csp())


# --------------------------------------------------------------------------------------------
# view model


def build_view(bundle: ReportBundle, fragments: FragmentCache | None = None
               ) -> dict[str, Any]:
    """Turn the bundle into the plain structure the template prints."""
    documents = bundle.get("documents") or []
    # one read of a streamed run; given an iterator, the findings are dropped once their
    # blocks are made (the HTML of a large run: the 10,000 it shows, with their evidence)
    findings = list(bundle.get("findings") or [])
    docs_by_id = {d["id"]: d for d in documents}

    # every position an evidence row links to, per document
    evidence_starts: dict[str, set[int]] = {}
    for f in findings:
        for ev in f.get("evidence") or []:
            if ev.get("document_id") in docs_by_id and ev.get("start") is not None:
                evidence_starts.setdefault(ev["document_id"], set()).add(int(ev["start"]))

    doc_views = [_doc_view(d, evidence_starts.get(d["id"], set())) for d in documents]
    anchors = {dv["id"]: dv["anchors"] for dv in doc_views}

    finding_views = _finding_blocks(findings, docs_by_id, anchors, fragments)
    del findings
    open_views = [fv for fv in finding_views if not fv["accepted"]]
    accepted_views = [fv for fv in finding_views if fv["accepted"]]

    class_key = _class_order(bundle)
    sections = []
    for sev in ordered(fv["sev"] for fv in open_views):  # unknown severities last: none dropped
        items = [fv for fv in open_views if fv["sev"] == sev]
        if items:
            sections.append(_section(sev, sev.capitalize(), items, class_key))
    accepted = (_section("accepted", "Accepted (waived)", accepted_views, class_key)
                if accepted_views else None)

    summary = bundle.get("summary") or {}
    by_severity = summary.get("by_severity") or _count(fv["sev"] for fv in open_views)
    by_class = summary.get("by_class") or _count(fv["cls"] for fv in open_views)
    run = bundle.get("run") or {}
    tool: Tool = bundle.get("tool") or {"name": "claim-audit", "version": ""}
    classes = sorted({fv["cls"] for fv in finding_views}, key=class_key)
    return {
        "tool": {"name": tool.get("name", "claim-audit"), "version": tool.get("version", "")},
        "run": {
            "id": run.get("id", ""),
            "started_at": run.get("started_at", ""),
            "fail_on": run.get("fail_on", ""),
            "verdict": (run.get("verdict") or "").lower(),
            "config_hash": run.get("config_hash", ""),
        },
        "schema_version": bundle.get("schema_version", ""),
        "total": summary.get("total", len(open_views)),
        "accepted_count": summary.get("accepted", len(accepted_views)),
        "by_severity": [(s, by_severity.get(s, 0)) for s in ordered(by_severity)],
        "by_class": sorted(by_class.items(), key=lambda kv: class_key(kv[0])),
        "stale_waivers": [
            {"fingerprint": str(w.get("fingerprint", "")), "reason": str(w.get("reason") or "")}
            for w in summary.get("stale_waivers") or []
        ],
        "documents": doc_views,
        "sections": sections,
        "accepted": accepted,
        "classes": classes,
        "severities": ordered(fv["sev"] for fv in finding_views),
        "finding_count": len(finding_views),
    }


def _count(values) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def _class_order(bundle: ReportBundle) -> Callable[[str], tuple[int, str]]:
    """Sort key for classes: the order of the bundle's ``classes`` (the check modules' order),
    then classes it does not list by name."""
    rank = {str(c.get("name")): i for i, c in enumerate(bundle.get("classes") or [])}
    return lambda cls: (rank.get(cls, len(rank)), cls)


def _section(key: str, title: str, items: list[dict],
             class_key: Callable[[str], tuple[int, str]]) -> dict[str, Any]:
    """Findings grouped by class; those past INLINE_LIMIT go in a collapsed tail."""
    # by class, then surest first (stable: bundle order among equals)
    items = sorted(items, key=lambda fv: (class_key(fv["cls"]), -float(fv["conf"] or 1)))
    totals = _count(fv["cls"] for fv in items)
    return {
        "key": key,
        "title": title,
        "count": len(items),
        "head": _groups(items[:INLINE_LIMIT], totals),
        "tail": _groups(items[INLINE_LIMIT:], totals),
        "tail_count": max(0, len(items) - INLINE_LIMIT),
    }


def _groups(items: list[dict], totals: dict[str, int]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for fv in items:
        if not groups or groups[-1]["cls"] != fv["cls"]:
            groups.append({"cls": fv["cls"], "total": totals[fv["cls"]], "findings": []})
        groups[-1]["findings"].append(fv)
    return groups


def _finding_blocks(findings: list[Finding], docs_by_id: dict[str, Document],
                    anchors: dict[str, set[int]], fragments: FragmentCache | None
                    ) -> list[dict[str, Any]]:
    """Each finding's block of HTML, with what the page groups it by; blocks come from
    ``fragments`` where an identical one was rendered before."""
    keys = [fragment_key(f, _doc_facts(f, docs_by_id)) for f in findings] if fragments else []
    cached = fragments.get(keys) if fragments else {}
    macro = getattr(_env().get_template("finding.html.j2").module, "finding")  # noqa: B009
    new: dict[str, str] = {}
    out = []
    for i, f in enumerate(findings):
        html = cached.get(keys[i]) if fragments else None
        if html is None:
            html = str(macro(_finding_view(f, docs_by_id, anchors)))
            if fragments:
                new[keys[i]] = html
        out.append({"sev": str(f.get("severity", "")),
                    "cls": str(f.get("class") or f.get("check") or ""),
                    "accepted": bool(f.get("accepted")),
                    "conf": _confidence(f.get("confidence")),
                    # rendered by finding.html.j2 with autoescaping, here or by an earlier run
                    "html": Markup(html)})
    if fragments:
        fragments.replace(keys, new)
    return out


def _doc_facts(f: Finding, docs_by_id: dict[str, Document]) -> list[tuple]:
    """What a finding's block shows of the documents it names: path, length, text included."""
    ids = {str(d) for v in f.get("values") or [] for d in v.get("documents") or []}
    ids.update(str(ev.get("document_id")) for ev in f.get("evidence") or [])
    ids.update(str(d) for d in ((f.get("details") or {}).get("sets") or {}).get("only") or {})
    out = []
    for doc_id in sorted(ids):
        doc = docs_by_id.get(doc_id)
        out.append((doc_id, None) if doc is None else
                   (doc_id, doc.get("path"), doc.get("chars"), doc.get("text") is not None))
    return out


def _finding_view(
    f: Finding, docs_by_id: dict[str, Document], anchors: dict[str, set[int]]
) -> dict[str, Any]:
    def short(doc_id: str) -> str:
        doc = docs_by_id.get(doc_id)
        path = str(doc.get("path") or doc_id) if doc else str(doc_id)
        return path.rsplit("/", 1)[-1]

    doc_ids: list[str] = []

    def note(doc_id: Any) -> None:
        if doc_id and str(doc_id) not in doc_ids:
            doc_ids.append(str(doc_id))

    values = []
    for v in f.get("values") or []:
        vdocs = [str(d) for d in v.get("documents") or []]
        for d in vdocs:
            note(d)
        values.append({"value": _text(v.get("value")), "docs": ", ".join(short(d) for d in vdocs)})

    evidence = []
    for ev in f.get("evidence") or []:
        doc_id = ev.get("document_id") or ""
        note(doc_id)
        evidence.append(_evidence_view(ev, docs_by_id.get(doc_id), anchors.get(doc_id, set())))

    details = f.get("details") or {}
    diff = None
    if details.get("diff"):
        diff = []
        for op in details["diff"]:
            kind = str(op[0]) if op else "equal"
            if kind == "replace" and len(op) >= 3:
                diff.append(("delete", _text(op[1])))
                diff.append(("insert", _text(op[2])))
            else:
                diff.append((kind, " ".join(_text(x) for x in op[1:])))
    sets = None
    if details.get("sets"):
        sets = _sets_view(details["sets"], short)
    scope = details.get("scope")
    return {
        "id": str(f.get("id", "")),
        "check": str(f.get("check", "")),
        "cls": str(f.get("class") or f.get("check") or ""),
        "sev": str(f.get("severity", "")),
        "conf": _confidence(f.get("confidence")),
        "msg": _text(f.get("message")),
        "accepted": bool(f.get("accepted")),
        "reason": _text(f.get("waiver_reason")) if f.get("waiver_reason") else "",
        "docs": " ".join(doc_ids),
        "vals": values,
        "evidence": evidence,
        "diff": diff,
        "sets": sets,
        "scope": _text(scope) if scope else "",
    }


def _confidence(value: Any) -> str:
    """'0.85', or '' for findings of runs before confidence was recorded."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{float(value):.2f}"
    return ""


def _sets_view(sets: dict[str, Any], short) -> dict[str, Any]:
    only = sets.get("only") or {}
    headers = ["In all"] + ["Only in " + short(doc_id) for doc_id in only]
    columns = [[_text(x) for x in sets.get("both") or []]]
    columns += [[_text(x) for x in members or []] for members in only.values()]
    rows = [list(r) for r in zip_longest(*columns, fillvalue="")]
    return {"headers": headers, "rows": rows}


def _evidence_view(ev: Evidence, doc: Document | None, anchors: set[int]) -> dict[str, Any]:
    start = ev.get("start")
    exact = _text(ev.get("exact"))
    before = _text(ev.get("before"))
    after = _text(ev.get("after"))
    # was the context cut off by the bundle's 80-character window?
    if doc is not None and start is not None:
        text_len = int(doc.get("chars") or len(doc.get("text") or ""))
        before_cut = int(start) - len(before) > 0
        after_cut = int(start) + len(exact) + len(after) < text_len
    else:
        before_cut = len(before) >= 80
        after_cut = len(after) >= 80
    before, before_cut = _sentence_tail(before, before_cut)
    after, after_cut = _sentence_head(after, after_cut)
    path = str(ev.get("path") or (doc or {}).get("path") or ev.get("document_id") or "")
    line = ev.get("line")
    href = None
    if doc is not None and start is not None and int(start) in anchors:
        href = f"#doc-{doc['id']}-{int(start)}"
    return {
        "loc": where({**ev, "path": path}) if line is not None or ev.get("page") else path,
        "href": href,
        "before": ("\u2026" if before_cut else "") + before,
        "exact": _WS.sub(" ", exact),
        "after": after + ("\u2026" if after_cut else ""),
    }


def _sentence_tail(before: str, cut: bool) -> tuple[str, bool]:
    """The end of ``before`` in the same sentence as the evidence, at most CONTEXT_CHARS long,
    whitespace collapsed; ``cut`` says whether text was left out (shown as an ellipsis)."""
    last = None
    for m in SENTENCE_BREAK.finditer(before):
        last = m
    if last is not None:
        before, cut = before[last.end() :].lstrip(), False
    before = _WS.sub(" ", before)
    if len(before) > CONTEXT_CHARS:
        before, cut = before[-CONTEXT_CHARS:], True
    if cut and " " in before:  # drop the partial word the window cut through
        before = before[before.index(" ") + 1 :]
    return before, cut


def _sentence_head(after: str, cut: bool) -> tuple[str, bool]:
    m = SENTENCE_BREAK.search(after)
    if m is not None:
        after, cut = (after[: m.start()] if m.group() == "\n" else after[: m.end()]), False
    after = _WS.sub(" ", after)
    if len(after) > CONTEXT_CHARS:
        after, cut = after[:CONTEXT_CHARS], True
    if cut and " " in after:
        after = after[: after.rindex(" ")]
    return after, cut


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


# --------------------------------------------------------------------------------------------
# document view: non-overlapping segments


def _doc_view(doc: Document, evidence_starts: set[int]) -> dict[str, Any]:
    text = _text(doc.get("text"))
    n = len(text)
    zones = [
        (int(z["start"]), int(z["end"]), str(z.get("kind", "")))
        for z in doc.get("zones") or []
        if 0 <= int(z["start"]) < int(z["end"]) <= n
    ]
    spans = []  # (start, end, kind, label)
    for c in doc.get("claims") or []:
        for s in c.get("spans") or []:
            a, b = int(s["start"]), int(s["end"])
            if 0 <= a < b <= n:
                spans.append((a, b, str(c.get("kind", "")), _text(c.get("label"))))
    anchors = {a for a, _b, _k, _l in spans} | {p for p in evidence_starts if 0 <= p <= n}
    zone_runs = segment(text, zones, spans, anchors) if text else []
    return {
        "id": str(doc["id"]),
        "path": _text(doc.get("path")),
        "title": _text(doc.get("title")),
        "publisher": _text(doc.get("publisher")),
        "url": _text(doc.get("url")),
        "published": _text(doc.get("published")),
        "chars": doc.get("chars", n),
        "claims": len(doc.get("claims") or []),
        "zones": zone_runs,
        "anchors": anchors,
        "end_anchor": n if n in anchors else None,
    }


def segment(
    text: str,
    zones: list[tuple[int, int, str]],
    spans: list[tuple[int, int, str, str]],
    anchors: set[int],
) -> list[dict[str, Any]]:
    """Split ``text`` into non-overlapping segments at every zone, span and anchor boundary.

    Returns runs of segments sharing a zone: ``[{"zone": kind|None, "segs": [seg, ...]}]`` with
    ``seg = {"t": text, "kind": claim kind|None, "title": labels, "id": start if anchor|None}``;
    every claim span start is an anchor, as is every position in ``anchors``.
    A segment covered by several claim spans takes the innermost (shortest) one's kind; its
    title lists every covering claim's label, innermost first. Zones nest the same way.
    """
    n = len(text)
    anchors = set(anchors) | {a for a, *_ in spans}  # every claim start is an anchor
    bounds = {0, n}
    for a, b, *_ in zones:
        bounds.update((a, b))
    for a, b, *_ in spans:
        bounds.update((a, b))
    bounds.update(p for p in anchors if p < n)
    points = sorted(bounds)

    # sweep: intervals sorted by start; active set pruned as the sweep passes their end
    def sweep(intervals: Sequence[tuple[Any, ...]]
              ) -> Iterator[tuple[list[int], tuple[int, int]]]:
        order = sorted(range(len(intervals)), key=lambda i: intervals[i][0])
        active: list[int] = []
        j = 0
        for a, b in zip(points, points[1:], strict=False):
            while j < len(order) and intervals[order[j]][0] <= a:
                active.append(order[j])
                j += 1
            active = [i for i in active if intervals[i][1] > a]
            # innermost first: shortest, then latest start, then latest declared
            yield (
                sorted(
                    active, key=lambda i: (intervals[i][1] - intervals[i][0], -intervals[i][0], -i)
                ),
                (a, b),
            )

    zone_at = [z[0] if z else None for z, _ in sweep(zones)]
    runs: list[dict[str, Any]] = []
    for k, (covering, (a, b)) in enumerate(sweep(spans)):
        zi = zone_at[k]
        zone = zones[zi][2] if zi is not None else None
        if covering:
            inner = spans[covering[0]]
            labels = []
            for i in covering:
                if spans[i][3] and spans[i][3] not in labels:
                    labels.append(spans[i][3])
            seg: dict[str, Any] = {"t": text[a:b], "kind": inner[2], "title": "\n".join(labels)}
        else:
            seg = {"t": text[a:b], "kind": None, "title": ""}
        seg["id"] = a if a in anchors else None
        if runs and runs[-1]["zone"] == zone and runs[-1]["zi"] == zi:
            runs[-1]["segs"].append(seg)
        else:
            runs.append({"zone": zone, "zi": zi, "segs": [seg]})
    return runs
