"""PDF text quality: our reader (pdfminer.six layout boxes) against pypdf, on PDFs we make.

Documents of a generated corpus (our own invented text, ``benchmarks/generate.py``), three to a
PDF, are laid out
as HTML pages - justified narrow columns, so lines wrap and break words - and printed to PDF by
headless Chromium (its default print header and footer are the running furniture a real PDF
has). Each PDF's text is then read by both libraries and compared with the text that went in:

* **F1** of 4-token shingles (as the article-extraction benchmark scores main content), after
  dropping the furniture lines each reader marks or, for pypdf, nothing (it marks none);
* **paragraphs**: the share of source paragraphs found as one block (pypdf gives none);
* **ms/page**.

    python benchmarks/bench_formats.py --docs 20          # needs chromium
    python benchmarks/bench_formats.py --docs 2 --quiet   # the CI toy size
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    words = [w.lower() for w in _WORD.findall(text)]
    return Counter(tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1)))


def f1(truth: str, got: str) -> tuple[float, float, float]:
    a, b = shingles(truth), shingles(got)
    common = sum((a & b).values())
    p = common / max(1, sum(b.values()))
    r = common / max(1, sum(a.values()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def source_paragraphs(corpus: Path, docs: int) -> list[list[str]]:
    """Per PDF, the prose paragraphs of three generated plain-text documents (distinct text,
    long enough for several pages)."""
    paras = []
    for path in sorted(corpus.rglob("*.txt")):
        paras.append([" ".join(p.split()) for p in path.read_text().split("\n\n")
                      if len(p.split()) >= 6])
    return [sum(paras[i:i + 3], []) for i in range(0, 3 * docs, 3) if paras[i:i + 3]]


def print_pdf(paras: list[str], out: Path, chromium: str) -> None:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    page = out.with_suffix(".html")
    page.write_text("<html lang=en><head><title>Invented test document</title><style>"
                    "p{text-align:justify;hyphens:auto;width:9cm}</style></head>"
                    f"<body>{body}</body></html>", encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={profile}",
                        f"--print-to-pdf={out}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)


def ours(raw: bytes) -> tuple[str, list[str], int]:
    from audit.ingest.pdf import read_pdf

    parsed = read_pdf(raw, "bench.pdf")
    blocks = [parsed.text[b.start:b.end] for b in parsed.blocks if b.hint != "footer"]
    return "\n\n".join(blocks), blocks, parsed.text.count("\f") + 1


def pypdf_text(raw: bytes) -> tuple[str, list[str], int]:
    import io

    from pypdf import PdfReader

    pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(raw)).pages]
    return "\n".join(pages), [], len(pages)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is needed to make the PDFs", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--events",
                        str(max(2, args.docs * 2)), "--docs-per-event", "4", "--seed",
                        str(args.seed), "--out", str(corpus)], check=True, capture_output=True)
        docs = source_paragraphs(corpus, args.docs)
        scores: dict[str, list] = {"pdfminer (ours)": [], "pypdf": []}
        for i, paras in enumerate(docs):
            pdf = Path(tmp) / f"doc{i}.pdf"
            print_pdf(paras, pdf, chromium)
            raw = pdf.read_bytes()
            truth = "\n\n".join(paras)
            for name, reader in (("pdfminer (ours)", ours), ("pypdf", pypdf_text)):
                t0 = time.perf_counter()
                text, blocks, pages = reader(raw)
                ms = (time.perf_counter() - t0) * 1000
                whole = {" ".join(b.split()) for b in blocks}
                para_recall = sum(p in whole for p in paras) / max(1, len(paras))
                scores[name].append((*f1(truth, text), para_recall, ms / pages))
    print(f"{len(docs)} PDFs, each made of three generated plain-text documents")
    print(f"{'reader':18} {'F1':>6} {'prec':>6} {'recall':>6} {'paras':>6} {'ms/page':>8}")
    for name, rows in scores.items():
        n = max(1, len(rows))
        p, r, f, para, ms = (sum(x[k] for x in rows) / n for k in range(5))
        print(f"{name:18} {f:6.3f} {p:6.3f} {r:6.3f} {para:6.3f} {ms:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
