"""Main content of real web pages: our reader + zoner against trafilatura, on the ScrapingHub
article-extraction benchmark.

    python benchmarks/zoning.py DIR [--limit N] [--worst 10] [--bootstrap 1000]

DIR is a copy of the benchmark (``html/<id>.html.gz`` pages and ``ground-truth.json`` mapping each
id to its ``articleBody``), kept outside the repository: the pages are third-party text.

"Ours" is the text the audit keeps as title, body, quote and caption zones (what claims are
compared from), read and zoned by the same function ``audit ingest`` uses. trafilatura runs with
its default settings on the same decoded page in the same run. ms/page is CPU time of this
process (``time.process_time``), the two systems interleaved page by page: on a shared machine
wall-clock time mostly measures the neighbours.

The metric re-implements the benchmark's own ``evaluate.py`` (``string_shingle_matching``,
``metrics_from_tp_fp_fns``, ``get_accuracy``): tokens are ``\\w+`` runs; a page's true and
predicted texts become multisets of 4-token shingles; tp/fp/fn are min/excess counts, normalised
by their sum so every page weighs the same; precision is averaged over pages with tp+fp > 0,
recall over pages with tp+fn > 0, F1 is their harmonic mean; accuracy is the share of pages whose
token sequences are identical. The ± figures are the standard deviation of 1,000 bootstrap
resamples of the pages, as there (with a fixed seed, so the output is deterministic).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

KEPT = ("title", "body", "quote", "caption")

# --- the benchmark's metric (re-implemented from its evaluate.py) ---------------------------

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def _shingles(text: str, n: int = 4) -> Counter:
    tokens = tokenize(text)
    # like evaluate.py's _ngrams: a text shorter than n tokens is one (short) shingle
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def shingle_match(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) over 4-token shingles of one page."""
    t, p = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(tp_fp_fns: list[tuple[float, float, float]]) -> dict[str, float]:
    precs = [_precision(*x) for x in tp_fp_fns if x[0] + x[1] > 0]
    recs = [_recall(*x) for x in tp_fp_fns if x[0] + x[2] > 0]
    precision = statistics.mean(precs) if precs else 0.0
    recall = statistics.mean(recs) if recs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def score(truths: list[str], preds: list[str], n_bootstrap: int) -> dict[str, float]:
    tpfpfn = [shingle_match(t, p) for t, p in zip(truths, preds, strict=True)]
    acc = [float(tokenize(t) == tokenize(p)) for t, p in zip(truths, preds, strict=True)]
    out = metrics(tpfpfn)
    out["accuracy"] = statistics.mean(acc)
    rng = random.Random(0)
    boot: dict[str, list[float]] = {}
    n = len(tpfpfn)
    for _ in range(n_bootstrap):
        idx = [rng.randint(0, n - 1) for _ in range(n)]
        for k, v in metrics([tpfpfn[i] for i in idx]).items():
            boot.setdefault(k, []).append(v)
        boot.setdefault("accuracy", []).append(statistics.mean(acc[i] for i in idx))
    for k, vals in boot.items():
        out[k + "_std"] = statistics.stdev(vals) if len(vals) > 1 else 0.0
    out["page_f1"] = [  # type: ignore[assignment]
        2 * _precision(*x) * _recall(*x) / ((_precision(*x) + _recall(*x)) or 1) for x in tpfpfn]
    return out


# --- the systems --------------------------------------------------------------------------

def ours(html: str, kinds: tuple[str, ...] = KEPT) -> str:
    """The text the audit keeps from a page: its title/body/quote/caption zones."""
    from audit.ingest.pipeline import read_and_zone

    parsed, zones = read_and_zone(html, "text/html")
    return "\n".join(parsed.text[z.start:z.end] for z in zones if z.kind in kinds)


def trafilatura_default(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def load(folder: Path, limit: int | None) -> list[tuple[str, str, str]]:
    truth_path = folder / "ground-truth.json"
    if not truth_path.is_file() or not (folder / "html").is_dir():
        sys.exit(f"error: {folder}: expected html/<id>.html.gz and ground-truth.json")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        path = folder / "html" / f"{key}.html.gz"
        if not path.is_file():
            sys.exit(f"error: {path}: page missing")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            pages.append((key, f.read(), truth[key].get("articleBody") or ""))
    return pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--limit", type=int, default=None, help="first N pages (by id)")
    ap.add_argument("--worst", type=int, default=10, help="list the N worst pages for ours")
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--kinds", default=",".join(KEPT),
                    help="zone kinds that make our text (the benchmark's articleBody has no "
                         "headline: 'body,quote,caption' compares like with like)")
    args = ap.parse_args(argv)
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    systems = {"ours": lambda html: ours(html, kinds), "trafilatura": trafilatura_default}
    pages = load(args.dir, args.limit)
    if not pages:
        sys.exit("error: no pages")
    for fn in systems.values():  # imports and first-call set-up are not per-page costs
        fn(pages[0][1])
    truths = [t for _, _, t in pages]
    preds: dict[str, list[str]] = {name: [] for name in systems}
    cpu = dict.fromkeys(systems, 0.0)
    for _, html, _ in pages:  # interleaved, so a busy machine slows both systems alike
        for name, fn in systems.items():
            t0 = time.process_time()
            preds[name].append(fn(html))
            cpu[name] += time.process_time() - t0
    results = {}
    for name in systems:
        res = score(truths, preds[name], args.bootstrap)
        res["ms"] = cpu[name] * 1000 / len(pages)
        res["empty"] = sum(1 for t, p in zip(truths, preds[name], strict=True)
                           if tokenize(t) and not tokenize(p))
        results[name] = res
    print(f"{len(pages)} pages from {args.dir}; ours = zones {', '.join(kinds)}")
    print(f"{'system':<12} {'F1':<13}  {'precision':<13}  {'recall':<13}  {'accuracy':<13}  "
          f"{'empty':>5}  {'ms/page':>7}")
    for name, r in results.items():
        print(f"{name:<12} " + "  ".join(
            f"{r[k]:.3f} ± {r[k + '_std']:.3f}" for k in ("f1", "precision", "recall", "accuracy"))
            + f"  {r['empty']:>5}  {r['ms']:>7.1f}")
    worst = sorted(range(len(pages)), key=lambda i: (results["ours"]["page_f1"][i], pages[i][0]))
    print(f"\nworst {min(args.worst, len(pages))} pages for ours (page F1, trafilatura's F1):")
    for i in worst[:args.worst]:
        print(f"  {pages[i][0][:16]}  {results['ours']['page_f1'][i]:.3f}  "
              f"{results['trafilatura']['page_f1'][i]:.3f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
