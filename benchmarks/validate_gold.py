"""Check real-text gold files against their saved texts, without running the audit.

Why: gold offsets and checksums are written by hand-made tooling; a wrong offset silently
turns a true finding into a false positive. For every gold TOML in a folder this checks that
it parses, that each document exists with the recorded SHA-256, that item ids are unique and
kinds known, and that every location lies inside its document, has the recorded line number
(when given) and contains one of the item's short values.

Usage: python benchmarks/validate_gold.py GOLD_DIR TEXTS_DIR   (TEXTS_DIR holds one folder per event slug)
Exit 0 when all files pass, 1 when any problem is found (each printed with file and item).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.realtext import GoldError, load_gold  # noqa: E402

KINDS = {"must-report", "variant", "info"}


def check_file(gold: Path, texts_root: Path) -> tuple[list[str], dict[str, int]]:
    """Return the problems found in one gold file and its item counts by kind."""
    problems: list[str] = []
    counts: dict[str, int] = {}
    try:
        data = tomllib.loads(gold.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return [f"{gold}: does not parse: {exc}"], counts
    try:
        load_gold(gold)  # what the scorer itself refuses (a page date not YYYY-MM-DD, ...)
    except GoldError as exc:
        problems.append(str(exc))
    slug = data.get("event", {}).get("slug", "")
    if slug != gold.stem:
        problems.append(f"{gold}: event slug '{slug}' differs from the file name")
    texts: dict[str, str] = {}
    for d in data.get("documents", []):
        path = texts_root / slug / d.get("file", "")
        try:
            raw = path.read_bytes()
        except OSError:
            problems.append(f"{gold}: document {path} missing")
            continue
        if hashlib.sha256(raw).hexdigest() != d.get("sha256"):
            problems.append(f"{gold}: sha256 mismatch for {d['file']}")
        texts[d["file"]] = raw.decode("utf-8")
    ids: set[str] = set()
    for it in data.get("items", []):
        iid = it.get("id", "?")
        if iid in ids:
            problems.append(f"{gold}: item id '{iid}' repeated")
        ids.add(iid)
        kind = it.get("kind")
        if kind not in KINDS:
            problems.append(f"{gold}: item {iid}: unknown kind {kind!r}")
        counts[kind] = counts.get(kind, 0) + 1
        values = [v for v in it.get("values", []) if v]
        if not values or not it.get("locations"):
            problems.append(f"{gold}: item {iid}: needs values and locations")
        for loc in it.get("locations", []):
            text = texts.get(loc.get("file"))
            s, e = loc.get("start", -1), loc.get("end", -1)
            where = f"{gold}: item {iid}: {loc.get('file')} {s}..{e}"
            if text is None:
                problems.append(f"{where}: unknown document")
                continue
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                problems.append(f"{where}: outside the document (length {len(text)})")
                continue
            span = text[s:e]
            if not any(v in span for v in values):
                problems.append(f"{where}: text {span!r} contains none of the values")
            line = loc.get("line")
            if line is not None and line != text.count("\n", 0, s) + 1:
                problems.append(
                    f"{where}: line {line} but the span starts on line {text.count(chr(10), 0, s) + 1}"
                )
    return problems, counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", type=Path, help="folder of gold TOML files")
    ap.add_argument(
        "texts_dir", type=Path, help="folder holding one folder of saved texts per event slug"
    )
    args = ap.parse_args(argv)
    files = sorted(args.gold_dir.glob("*.toml"))
    if not files:
        print(f"{args.gold_dir}: no gold files", file=sys.stderr)
        return 1
    bad = 0
    for gold in files:
        problems, counts = check_file(gold, args.texts_dir)
        for p in problems:
            print(p)
        bad += len(problems)
        summary = ", ".join(
            f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0]))
        )
        print(f"{gold.name}: {'ok' if not problems else f'{len(problems)} problem(s)'} ({summary})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
