"""Main content of an HTML page: which of our blocks are the article, decided by trafilatura.

Our reader's stored text and blocks stay exactly as they are (offsets index them); trafilatura
only says which blocks are the article. Its extracted text is mapped back onto our blocks by
their word sequences (runs of word characters): a block is main content when its words occur,
in page order, in trafilatura's text (a weighted longest chain of non-overlapping exact
matches, so a short block such as "Reuters" in a header cannot claim a word of the third
paragraph), or, for a block of 8+ words trafilatura trimmed, when 60 % of its word trigrams
occur there and it sits among the matched blocks. trafilatura runs on the page's own markup
only: no URL is passed, nothing is fetched.
"""

from __future__ import annotations

import logging
import re

_WORD = re.compile(r"\w+")
_MAX_CANDIDATES = 64  # occurrences considered per block (short blocks of common words)
_FUZZY_MIN = 8  # words in a block before it may match the library's text only in part


def library_text(html: str, fast: bool = True) -> str:
    """trafilatura's article text ("" when it finds none).

    ``fast`` skips its readability/jusText comparison, comments are not article text; both
    measured on the zoning benchmark (benchmarks/README.md): faster and at least as accurate.
    The thorough mode (``fast=False``) is the fallback when the fast result looks like a menu
    (:func:`looks_like_navigation`).
    """
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        return trafilatura.extract(html, fast=fast, include_comments=False) or ""
    except Exception:  # noqa: BLE001 - a page the library cannot parse falls back to the rules
        return ""


_PROSE_END = re.compile(r"[.!?。！？…”\"’)]\s*$")


def prose_chars(flags: list[bool] | None, block_texts: list[str]) -> int:
    """Characters of the flagged blocks that read as paragraphs (80+ characters ending a
    sentence)."""
    if flags is None:
        return 0
    return sum(len(s) for s, f in zip(block_texts, flags, strict=True)
               if f and len(s) >= 80 and _PROSE_END.search(s))


def looks_like_navigation(flags: list[bool] | None, block_texts: list[str],
                          hints: list[str]) -> bool:
    """The library's choice is mostly navigation: over half of it inside nav/aside/footer
    containers and under a fifth of it paragraphs (a site menu or an archive list picked as the
    article: its fast mode does this on pages whose article is short)."""
    if flags is None:
        return False
    total = nav = 0
    for s, f, h in zip(block_texts, flags, hints, strict=True):
        if f:
            total += len(s)
            nav += len(s) if h in ("nav", "aside", "footer") else 0
    return total > 0 and nav > 0.5 * total and prose_chars(flags, block_texts) < 0.2 * total


def _words(s: str) -> list[str]:
    return _WORD.findall(s)  # quotes, dashes and spaces are not words: no folding needed


def main_flags(main_text: str, block_texts: list[str]) -> list[bool] | None:
    """For each block, whether it is part of ``main_text``; None when the mapping fails (the
    library found nothing, or less than half its text is found among the blocks)."""
    m = _words(main_text)
    if not m:
        return None
    index: dict[str, list[int]] = {}
    for p, w in enumerate(m):
        index.setdefault(w, []).append(p)
    words = [_words(s) for s in block_texts]

    # weighted chain of exact matches: candidates (block, start) scored by their word count;
    # a Fenwick tree over end positions gives the best chain ending at or before a start
    size = len(m) + 1
    tree_val = [0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    cands: list[tuple[int, int, int, int]] = []  # (block, start, end, previous candidate)
    scores: list[int] = []

    def query(pos: int) -> tuple[int, int]:  # best chain with end <= pos
        best, arg = 0, -1
        i = pos + 1
        while i > 0:
            if tree_val[i] > best:
                best, arg = tree_val[i], tree_arg[i]
            i -= i & -i
        return best, arg

    def update(pos: int, val: int, arg: int) -> None:
        i = pos + 1
        while i <= size:
            if val > tree_val[i]:
                tree_val[i], tree_arg[i] = val, arg
            i += i & -i

    for b, ws in enumerate(words):
        if not ws:
            continue
        n = len(ws)
        found = []
        for p in index.get(ws[0], ())[:_MAX_CANDIDATES * 4]:
            if m[p:p + n] == ws:
                found.append(p)
                if len(found) >= _MAX_CANDIDATES:
                    break
        new = []
        for p in found:
            best, arg = query(p)
            new.append((p, best + n, arg))
        for p, score, arg in new:
            cands.append((b, p, p + n, arg))
            scores.append(score)
            update(p + n, score, len(cands) - 1)
    flags = [False] * len(block_texts)
    matched = 0
    if cands:
        c = max(range(len(cands)), key=lambda c: (scores[c], -c))
        while c != -1:
            b, start, end, c = cands[c]
            flags[b] = True
            matched += end - start

    # blocks trimmed by the library (an inline ad or link list removed from a paragraph): long
    # enough, most of their trigrams in its text, and between the first and last matched block
    hit = [i for i, f in enumerate(flags) if f]
    lo, hi = (hit[0], hit[-1]) if hit else (0, len(words) - 1)
    grams: set[tuple[str, ...]] | None = None
    for b in range(lo, hi + 1):
        ws = words[b]
        if flags[b] or len(ws) < _FUZZY_MIN:
            continue
        if grams is None:
            grams = {tuple(m[i:i + 3]) for i in range(len(m) - 2)}
        tri = [tuple(ws[i:i + 3]) for i in range(len(ws) - 2)]
        n_found = sum(t in grams for t in tri)
        if n_found >= 0.6 * len(tri):
            flags[b] = True
            matched += n_found
    return flags if matched >= 0.5 * len(m) else None
