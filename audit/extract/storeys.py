"""Storeys of a building: "a six-storey building", "the 6-storeyed block", "a 12-story tower",
"a seven-floor apartment building", "ten storey hostel".

Why: fires, collapses and explosions are reported with the height of the building, and rewrites
get it wrong ("six-storey" on one page, "seven-storey" on another). Each is a measurement
(kind ``measurement``, dimension ``storeys``, measure ``storeys``) so ``measurement-conflict``
compares them: whole storeys are exact, two measurements in one sentence are never compared
(two buildings), and values more than a factor of 1.5 apart are two buildings, not one
misstated.

Precision first: only a number joined to a storey word right before a building noun (building,
tower, block, apartment, hotel, ...), the noun singular (several buildings are several
heights), and not after a word naming another building ("a neighbouring", "an adjacent",
"another", "next to").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.extract.frames import read_frame
from audit.extract.numbers import WORDS_RE, parse_decimal
from audit.model import ClaimDraft, Context, SpanRef
from audit.text import Anchored

NAME = "storeys"
VERSION = "1"

# Anchored: scanned only over lines holding a word opening with "stor" or "floor" (every match
# does; "history" does not): the number words tried at every position cost a pass over all
# the text
_STOREYS = Anchored(re.compile(
    rf"(?<![\w.,-])(?P<n>\d{{1,3}}|{WORDS_RE})[ \t]*[-–]?[ \t]*"
    r"(?P<unit>stor(?:e)?y|stor(?:e)?yed|storied|floor|floored)(?![\w-])"
    r"(?P<mid>[ \t]+(?:[a-z][\w-]*[ \t]+){0,2}?)"
    r"(?P<noun>building|tower|block|apartment|structure|complex|hotel|house|hostel|residence"
    r"|dormitory|mall|factory|high-rise|skyscraper|warehouse|hospital)(?![\w-])",
    re.IGNORECASE),
    # (?i)(?<![a-z])(?:stor|floor), opening with a plain class of the first letters (with the
    # long s that (?i) reads as an s), so the search skips in C
    re.compile(r"[SsſFf](?i:(?<![a-z].))(?:(?<=[Ssſ])(?i:tor)|(?<=[Ff])(?i:loor))"))
_OTHER_BUILDING = re.compile(
    r"(?i)\b(?:another|other|neighbou?ring|adjacent|nearby|next[ \t]+to|beside|opposite"
    r"|second|former|previous|earlier|new)[ \t]+(?:[\w-]+[ \t]+){0,2}$")


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    sents = ctx.sentences(start, end)
    doc_year = ctx.doc_date.year if ctx.doc_date else None
    for m in _STOREYS.finditer(text, start, end):
        if _OTHER_BUILDING.search(text, max(start, m.start() - 40), m.start()):
            continue
        n = parse_decimal(m["n"])
        if n is None or not 1 <= n <= 200 or not float(n).is_integer():
            continue
        val = float(n)
        ss, se = sents.bounds(m.start(), m.end())
        frame = read_frame(text, ss, se, m.start("n"), m.end("unit"), "measurement", doc_year,
                           m.start(), "storeys")
        frame["measure"] = "storeys"
        yield ClaimDraft(
            kind="measurement",
            predicate="measurement",
            subject="storeys",
            value={"value": val, "unit": "storeys",
                   "written": " ".join(text[m.start():m.end("unit")].split()),
                   "pint_unit": "", "dimension": "storeys", "si": val, "si_unit": "storeys",
                   "approx": "exact", **frame, "bound": [val, val]},
            spans=[SpanRef(m.start(), m.end("unit"), "value"),
                   SpanRef(m.start("noun"), m.end("noun"), "context")],
            qualifiers={"dimension": "storeys"},
            extractor=NAME,
            version=VERSION,
        )
