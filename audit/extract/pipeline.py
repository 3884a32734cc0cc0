"""Extract stage: run every extractor over each document's zones and store claims with spans.

Extraction is a pure function of (document text, zones, document date, vocabulary), so a
document is re-extracted only when it is new or the extractor set or vocabulary changed
(its signature). Claims read in boilerplate are stored with ``compared = false``.

Extractors read an unwrapped view of the text: a line break that wraps a paragraph (a
hard-wrapped plain-text wire story, a soft break in Markdown: the line before is long and ends
mid-sentence, the next is not a bullet) is a space there. The view has the same length, so
every offset still indexes the stored text, and spans keep the stored characters (line breaks
included).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from audit.extract import declared, extractors
from audit.model import ENTITY_ROLES, ClaimDraft, Context, Vocabulary, Zone
from audit.progress import NO_PROGRESS, Bar
from audit.spans import LineIndex, make_span
from audit.store import Store
from audit.store.rows import insert_rows
from audit.text import unwrapped

# Zones whose claims are compared across documents. Bylines hold publication dates and
# reporters, not facts about the event; boilerplate is other stories and page furniture.
COMPARED_ZONES = {"title", "body", "quote", "caption"}
# Consecutive zones of these kinds are read as one range, so a quote that runs over a
# paragraph break, or a list split across lines, is seen whole.
_RUNS = {"body": "text", "quote": "text"}


# How extractors see the text (the module docstring, ``audit.text.unwrapped``); part of the
# extraction signature.
VIEW_VERSION = "unwrap-3"


def signature(vocab: Vocabulary) -> str:
    from audit.ingest.zones import ZONER_VERSION

    parts = [f"{name}:{version}" for name, version in declared()]
    parts.append(VIEW_VERSION)
    parts.append(f"zoner:{ZONER_VERSION}")
    parts.append(hashlib.sha256(repr(vocab).encode()).hexdigest()[:12])
    return "|".join(parts)


def ranges(zones: list[Zone]) -> Iterator[tuple[int, int, str]]:
    """Merge runs of body/quote zones; every other zone is its own range."""
    run: list[Zone] = []
    for z in zones:
        if run and _RUNS.get(z.kind) and _RUNS.get(z.kind) == _RUNS.get(run[-1].kind):
            run.append(z)
            continue
        if run:
            yield run[0].start, run[-1].end, run[0].kind
        run = [z]
    if run:
        yield run[0].start, run[-1].end, run[0].kind


def extract_document(text: str, zones: list[Zone], doc_date: dt.date | None,
                     vocab: Vocabulary) -> list[tuple[ClaimDraft, str]]:
    """All claims of one document with the kind of zone each was read in. Pure."""
    out: list[tuple[ClaimDraft, str]] = []
    mods = extractors()
    starts = _disjoint_starts(zones)
    view = unwrapped(text, zones)
    for start, end, kind in ranges(zones):
        ctx = Context(text=view, doc_date=doc_date, vocab=vocab, zone_kind=kind)
        for mod in mods:
            for claim in mod.extract(ctx, start, end):
                zone_kind = _zone_at(zones, claim.spans[0].start, starts) if claim.spans else kind
                out.append((claim, zone_kind))
    return out


def _disjoint_starts(zones: list[Zone]) -> list[int] | None:
    """The zones' starts when they are in order and don't overlap (then the zone holding a
    position is found by bisection), else None."""
    for a, b in zip(zones, zones[1:], strict=False):
        if a.end > b.start:
            return None
    if any(z.start > z.end for z in zones):
        return None
    return [z.start for z in zones]


def _zone_at(zones: list[Zone], pos: int, starts: list[int] | None = None) -> str:
    """The kind of the first zone holding ``pos`` ("body" if none does)."""
    if starts is not None:  # ordered, disjoint: only the last zone starting at or before pos
        i = bisect_right(starts, pos) - 1
        return zones[i].kind if i >= 0 and pos < zones[i].end else "body"
    for z in zones:
        if z.start <= pos < z.end:
            return z.kind
    return "body"


@dataclass
class Rows:
    claims: list[dict]
    claim_spans: list[dict]
    spans: list[dict]
    mentions: list[dict]


def claim_rows(document_id: str, text: str, drafts: Iterable[tuple[ClaimDraft, str]]) -> Rows:
    """Turn drafts into table rows with deterministic ids (a claim's id hashes its key and
    spans, so the same input always gives the same ids)."""
    lines = LineIndex(text)
    rows = Rows([], [], [], [])
    seen_spans: set[str] = set()
    seen_claims: set[str] = set()
    ordered = sorted(drafts, key=lambda d: (min((s.start for s in d[0].spans), default=0),
                                            d[0].kind, d[0].predicate))
    for claim, zone_kind in ordered:
        if not claim.spans:
            continue
        key = json.dumps([document_id, claim.kind, claim.predicate, claim.subject,
                          [(s.start, s.end, s.role) for s in claim.spans]])
        claim_id = "c" + hashlib.sha256(key.encode()).hexdigest()[:16]
        if claim_id in seen_claims:
            continue
        seen_claims.add(claim_id)
        compared = zone_kind in COMPARED_ZONES
        rows.claims.append({
            "claim_id": claim_id, "document_id": document_id, "seq": len(rows.claims),
            "kind": claim.kind, "predicate": claim.predicate, "subject": claim.subject,
            "qualifiers": json.dumps(claim.qualifiers, sort_keys=True, ensure_ascii=False),
            "value": json.dumps(claim.value, sort_keys=True, ensure_ascii=False, default=str),
            "value_text": value_text(claim), "value_num": value_num(claim),
            "zone_kind": zone_kind, "compared": compared,
            "extractor": claim.extractor, "extractor_version": claim.version,
        })
        for i, ref in enumerate(claim.spans):
            span = make_span(document_id, text, ref.start, ref.end, lines)
            if span["span_id"] not in seen_spans:
                seen_spans.add(span["span_id"])
                rows.spans.append(span)
            rows.claim_spans.append({"claim_id": claim_id, "span_id": span["span_id"],
                                     "role": ref.role, "seq": i})
            etype = ENTITY_ROLES.get(ref.role) or ("person" if ref.role == "speaker" else None)
            if etype and span["exact"].strip():
                rows.mentions.append({
                    "mention_id": f"m{claim_id[1:]}-{i}", "document_id": document_id,
                    "claim_id": claim_id, "span_id": span["span_id"], "etype": etype,
                    "surface": span["exact"], "norm": "",
                    # a title (or "mention") sets people apart; a name read by another
                    # cue ("named": an age, a list of victims) carries no role
                    "role_key": claim.subject
                    if etype == "person" and (claim.kind == "mention" or (
                        claim.kind == "person" and claim.predicate == "role_holder"))
                    else "",
                    "compared": compared,
                })
    return rows


def value_text(claim: ClaimDraft) -> str:
    """A short human-readable rendering of the value (for tables, messages and reports)."""
    v = claim.value
    k = claim.kind
    try:
        if k == "money":
            amt = float(v["amount"])
            approx = "" if v.get("approx", "exact") == "exact" else f"{v['approx']} "
            # cents are kept ("2.99 USD", never "3 USD": two prices would read alike)
            shown = f"{amt:,.0f}" if amt.is_integer() else f"{amt:,.2f}"
            return f"{approx}{shown} {v.get('currency', '')}".strip()
        if k == "count":
            n = v["n"]
            if isinstance(n, int | float) and float(n).is_integer():
                return f"{int(n)} {claim.subject}"  # "2000000 vehicles", never "2e+06"
            return f"{n:g} {claim.subject}" if isinstance(n, int | float) \
                else f"{n} {claim.subject}"
        if k == "share":
            approx = "" if v.get("approx", "exact") == "exact" else f"{v['approx']} "
            return f"{approx}{float(v['pct']):g}% {claim.subject}"
        if k == "measurement":
            if v.get("dimension") == "magnitude":
                from audit.extract.magnitudes import label as magnitude_label

                return magnitude_label(v)
            from audit.extract.measurements import label

            return label(v)
        if k == "time":
            from audit.extract.times import label as time_label

            return time_label(v)
        if k == "date":
            wd = f"{v['weekday']}, " if v.get("weekday") else ""
            return f"{wd}{v.get('iso') or ''}".strip(", ")
        if k == "person":
            title = " ".join(x for x in (v.get("org"), v.get("title")) if x)
            attrs = ", ".join(x for x in (
                title, f"age {v['age']}" if v.get("age") is not None else "",
                f"of {v['home']}" if v.get("home") else "") if x)
            return f"{v['name']} ({attrs})" if attrs else v["name"]
        if k == "org_list":
            members = ", ".join(v.get("members", []))
            others = v.get("others")
            if others:
                members += f" + {others.get('n') or 'some'} {others.get('noun', 'others')}"
            return members
        if k == "place":
            return v.get("name", "")
        if k == "quote":
            return v.get("text", "")
        if k == "topic_list":
            return "; ".join(v.get("items", []))
        if k == "alias":
            return f"{v.get('alias')} = {v.get('name')}"
        if k == "mention":
            return v.get("name", "")
        if k == "status":
            return f"{v.get('state', '')}: {v.get('cue', '')} {v.get('target', '')}".strip()
    except (KeyError, TypeError, ValueError):
        pass
    return json.dumps(v, sort_keys=True, ensure_ascii=False, default=str)


def value_num(claim: ClaimDraft) -> float | None:
    v = claim.value
    if claim.kind == "money":
        return _num(v.get("amount"))
    if claim.kind == "count":
        return _num(v.get("n"))
    if claim.kind == "share":
        return _num(v.get("pct"))
    if claim.kind == "measurement":
        return _num(v.get("si"))
    if claim.kind == "time":
        return _num(v.get("minutes") if v.get("type") == "clock" else v.get("seconds"))
    return None


def _num(x) -> float | None:
    try:
        return float(x) if x is not None else None
    except (TypeError, ValueError):
        return None


# Below this much text a process pool costs more (worker start-up, pickling) than it saves.
POOL_MIN_CHARS = 4_000_000
BATCH_DOCS = 400

_worker_vocab: Vocabulary | None = None


def _init_worker(vocab: Vocabulary, parent_pid: int | None = None) -> None:
    global _worker_vocab
    _worker_vocab = vocab
    if parent_pid is not None:  # a pool worker: it must not outlive the audit process
        from audit.workers import die_with_parent

        die_with_parent(parent_pid)


def _extract_job(job: tuple) -> Rows:
    """One document's rows; runs in a worker process (a pure function of its arguments)."""
    doc_id, text, published, zones = job
    assert _worker_vocab is not None, "the pool's initializer sets the vocabulary"
    return claim_rows(doc_id, text, extract_document(text, zones, published, _worker_vocab))


def workers_wanted(total_chars: int) -> int:
    """Processes to extract with: ``AUDIT_WORKERS`` if set, else every core for big corpora."""
    env = os.environ.get("AUDIT_WORKERS")
    if env:
        return max(1, int(env))
    return (os.cpu_count() or 1) if total_chars >= POOL_MIN_CHARS else 1


def _jobs(con, ids: list[str]) -> list[tuple]:
    docs = con.execute("""SELECT document_id, text, published FROM documents
                          WHERE document_id IN (SELECT unnest(?::VARCHAR[]))
                          ORDER BY document_id""", [ids]).fetchall()
    zones: dict[str, list[Zone]] = {}
    for doc_id, k, a, b, r in con.execute(
            """SELECT document_id, kind, start_char, end_char, reason FROM zones
               WHERE document_id IN (SELECT unnest(?::VARCHAR[]))
               ORDER BY document_id, seq""", [ids]).fetchall():
        zones.setdefault(doc_id, []).append(Zone(k, a, b, r))
    return [(d, text, pub, zones.get(d, [])) for d, text, pub in docs]


def extract_corpus(store: Store, vocab: Vocabulary, progress: Bar = NO_PROGRESS
                   ) -> dict[str, int]:
    """Extract every current document that has not been extracted with this signature.

    Documents are read, extracted and written in batches (memory stays flat as the corpus
    grows); large corpora are extracted in a process pool, results kept in document order so
    the output does not depend on scheduling.
    """
    con = store.con
    sig = signature(vocab)
    todo = con.execute(
        """SELECT p.document_id, d.chars FROM current_documents p
           JOIN documents d USING (document_id)
           LEFT JOIN extractions e ON e.document_id = p.document_id AND e.signature = ?
           WHERE e.document_id IS NULL ORDER BY 1""", [sig]).fetchall()
    stats = {"documents": len(todo), "claims": 0, "spans": 0}
    progress.start(len(todo))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    n_workers = workers_wanted(sum(c for _, c in todo))
    pool = None
    if n_workers > 1:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(n_workers, mp_context=mp.get_context("spawn"),
                                   initializer=_init_worker, initargs=(vocab, os.getpid()))
    else:
        _init_worker(vocab)
    try:
        ids = [d for d, _ in todo]
        for i in range(0, len(ids), BATCH_DOCS):
            # One transaction per batch: a document's claims, spans, mentions and its
            # extraction record commit together, so an interrupted run resumes where it
            # stopped. (DuckDB holds a transaction's appends in memory until it commits: one
            # transaction for 100,000 documents needed gigabytes.)
            with store.transaction():
                jobs = _jobs(con, ids[i:i + BATCH_DOCS])
                results = (pool.map(_extract_job, jobs, chunksize=8) if pool
                           else map(_extract_job, jobs))
                batch = Rows([], [], [], [])
                for rows in results:
                    for name in ("claims", "claim_spans", "spans", "mentions"):
                        getattr(batch, name).extend(getattr(rows, name))
                    progress.advance()
                done = [{"document_id": j[0], "signature": sig, "extracted_at": now}
                        for j in jobs]
                _flush(con, batch, done)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    stats["claims"] = con.execute("SELECT count(*) FROM claims").fetchall()[0][0]
    stats["spans"] = con.execute("SELECT count(*) FROM spans").fetchall()[0][0]
    return stats


def _flush(con, batch: Rows, done: list[dict]) -> None:
    ids = [d["document_id"] for d in done]
    if ids:
        # a document re-extracted with a new signature replaces its old rows
        con.execute("CREATE OR REPLACE TEMP TABLE _redo AS SELECT unnest(?::VARCHAR[]) AS id",
                    [ids])
        con.execute("DELETE FROM claim_spans WHERE claim_id IN (SELECT claim_id FROM claims "
                    "WHERE document_id IN (SELECT id FROM _redo))")
        for table in ("claims", "spans", "mentions", "extractions"):
            con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT id FROM _redo)")
    insert_rows(con, "claims", batch.claims)
    insert_rows(con, "spans", batch.spans)
    insert_rows(con, "claim_spans", batch.claim_spans)
    insert_rows(con, "mentions", batch.mentions)
    insert_rows(con, "extractions", done)
