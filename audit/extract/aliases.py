"""Aliases introduced in parentheses: "University of Tsukuba (UT)", "Carnegie Mellon University
(CMU)", "the Department of Commerce (DOC)".

kind="alias", predicate="alias", subject = the long form as written ("University of Tsukuba"),
value = {"alias": "UT", "name": "University of Tsukuba"}. Spans: role="org" (long form),
role="context" (the alias inside the parentheses).

The parenthesised token must be
- an acronym of the words right before it: each capitalised word gives its initial (or its
  initial plus inner capitals: "SoftBank" -> S or SB), small words (of, and, the ...) may be
  skipped or give their initial; the shortest such run of words is the long form; or
- all capitals, 2-6 letters, starting with the initial of a capitalised word before it
  ("Japan Science and Technology Agency (JST)": the long form starts at that word); or
- the first word of a longer capitalised name before it ("Keio University (Keio)").
So "(opens in new window)", "(D-Calif.)" or "Jane Smith (AP)" give nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from audit.claimvalues import AliasValue
from audit.extract.vocab import ORG_TOKEN, STOP_WORDS, WS
from audit.model import ClaimDraft, Context, SpanRef

NAME = "aliases"
VERSION = "1"

_PAREN = re.compile(r"\((?P<acr>[A-Z][A-Za-z0-9&.\-]{0,11}[A-Za-z0-9.])\)")
_SMALL = r"(?:of|for|and|the|on|in|at|de|du|des|la|le|di|da|del|für|zu|&)"
_RUN = re.compile(
    rf"(?<![\w.&'’-])(?:{ORG_TOKEN}(?:(?:{WS}{_SMALL}{WS}|{WS}|-){ORG_TOKEN}){{0,11}})"
    rf"[ \t\u00a0]*\Z"
)
_WORD = re.compile(r"[^\s-]+")
_SMALL_WORDS = frozenset(_SMALL[3:-1].split("|"))


def _contributions(word: str) -> list[str]:
    """Letter strings a word may contribute to an acronym (lowercase)."""
    letters = [c for c in word if c.isalnum()]
    if not letters:
        return [""]
    if word.lower() in _SMALL_WORDS or word == "&":
        return ["", letters[0].lower()] if word != "&" else ["", "&"]
    caps = [c for c in word[1:] if c.isupper() or c.isdigit()]
    out = [letters[0].lower()]
    acc = letters[0].lower()
    for c in caps:
        acc += c.lower()
        out.append(acc)
    if word.isupper() and len(letters) <= 4:  # "UT" inside a longer name gives both letters
        out.append("".join(letters).lower())
    return out


def _matches(words: tuple[str, ...], target: str) -> bool:
    @cache
    def go(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(target)
        for piece in _contributions(words[i]):
            if target.startswith(piece, j) and go(i + 1, j + len(piece)):
                return True
        return False

    return go(0, 0)


def _long_form(text: str, run_start: int, run_end: int, acr: str) -> tuple[int, int] | None:
    toks = [
        (run_start + m.start(), run_start + m.end())
        for m in _WORD.finditer(text[run_start:run_end])
    ]
    # drop leading small words and sentence-start words
    while toks and (
        text[toks[0][0] : toks[0][1]] in STOP_WORDS
        or text[toks[0][0] : toks[0][1]].lower() in _SMALL_WORDS
    ):
        toks.pop(0)
    if not toks:
        return None
    words = [text[a:b] for a, b in toks]
    target = "".join(c for c in acr if c.isalnum() or c == "&").lower()
    target_plain = target.replace("&", "")
    if len(target_plain) >= 2:
        for i in range(len(toks) - 1, -1, -1):
            if words[i].lower() in _SMALL_WORDS or not words[i][:1].isupper():
                continue
            sub = tuple(words[i:])
            if _matches(sub, target) or (target != target_plain and _matches(sub, target_plain)):
                if len(sub) == 1 and sub[0].upper() == sub[0]:
                    return None  # "CMU (CMU)"
                return toks[i][0], toks[-1][1]
    letters = "".join(c for c in acr if c.isalpha())
    if acr.isupper() and 2 <= len(letters) <= 6 and letters == acr.replace("&", ""):
        for i in range(len(toks) - 1, -1, -1):
            w = words[i]
            if w[:1] == acr[0] and w.lower() not in _SMALL_WORDS and w != acr:
                return toks[i][0], toks[-1][1]
    # "Keio University (Keio)": the alias is the first word of the name
    for i in range(len(toks) - 2, -1, -1):
        if words[i] == acr:
            return toks[i][0], toks[-1][1]
    return None


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    for p in _PAREN.finditer(text, start, end):
        acr = p.group("acr")
        if acr.lower() in ("i", "ii", "iii", "iv") or acr in STOP_WORDS:
            continue
        ws = p.start()
        while ws > start and text[ws - 1] in " \t\u00a0":
            ws -= 1
        m = _RUN.search(text, max(start, ws - 160), ws)
        if not m:
            continue
        run_end = m.end()
        while run_end > m.start() and text[run_end - 1] in " \t\u00a0":
            run_end -= 1
        lf = _long_form(text, m.start(), run_end, acr)
        if lf is None:
            continue
        a, b = lf
        if text[b - 1] == "." and not re.search(
            r"(?:[A-Z]\.){2,}$|(?:Inc|Corp|Co|Ltd)\.$", text[a:b]
        ):
            continue
        long_text = " ".join(text[a:b].split())
        aa, ab = p.span("acr")
        yield ClaimDraft(
            kind="alias",
            predicate="alias",
            subject=long_text,
            value=AliasValue(alias=acr, name=long_text),
            spans=[SpanRef(a, b, "org"), SpanRef(aa, ab, "context")],
            extractor=NAME,
            version=VERSION,
        )
