"""Places: gazetteer names ("Pittsburgh", "Japan") and "City, Region" pairs ("Tsukuba, Japan",
"Washington, D.C.", "Seattle, Washington", "Ridgeview, Pa." for a city the gazetteer lacks).

kind="place", predicate="place". value = {"name": "Tsukuba, Japan", "city": "Tsukuba",
"region": "Japan"}; a country or state alone has city None and region set, a city alone has
region None. subject: what the place is attached to, lowercased -
- "ORG (ACR) in PLACE" / "ORG in PLACE" -> the organisation ("university of tsukuba"),
- "ceremony in PLACE", "the summit was held in PLACE", "held in PLACE" after an event noun
  earlier in the sentence -> the event noun ("ceremony"),
- a dateline at the start of a line ("OSLO (AP) —", "SEATTLE, Wash. --") -> "dateline",
- otherwise "place".
Spans: role="place" (and role="org" for an organisation subject).

Not places: a gazetteer word inside an organisation or other proper name ("University of
Washington", "Washington Post", "Tokyo Electron", "Whitney Houston", "New England" unless listed),
nor "U.S."/"UK" right before a capitalised word ("U.S. Navy"). An unknown "City, Region" needs a
locative word before it (in, at, from, near, based in ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.extract.vocab import (
    COUNTRIES,
    MONTHS,
    STATE_ABBREVIATIONS,
    STOP_WORDS,
    TOKEN_RE,
    UP,
    US_STATES,
    WEEKDAYS,
    WS,
    Lexicon,
    lexicon,
    sentence_start,
)
from audit.model import ClaimDraft, Context, SpanRef

NAME = "places"
VERSION = "1"

_CITY_TOKEN = rf"{UP}[\w'’.-]*"
_COMPASS = frozenset(
    "North South East West Northern Southern Eastern Western Central Greater Downtown Upper "
    "Lower Metro Metropolitan Coastal Rural Urban".split()
)
_LOCATIVE = re.compile(
    r"(?:\b(?i:in|at|from|near|to|outside|around|across|throughout|within|into|toward|towards"
    r"|based|headquartered|located|visit|visited|visiting)[ \t\u00a0]+(?:the[ \t\u00a0]+city"
    r"[ \t\u00a0]+of[ \t\u00a0]+)?"
    r"|^|\n[ \t\u00a0]*|[(\[][ \t\u00a0]*)\Z"
)
# "X of" before a place: the place is part of a name ("University of Washington").
_NAME_OF_BEFORE = re.compile(rf"{UP}[\w.&'’-]*{WS}(?:of|for|de){WS}(?:the{WS})?\Z")
_CAP_WORD_AFTER = re.compile(rf"{WS}(?P<w>{UP}[\w'’-]*)")
_CAP_WORD_BEFORE = re.compile(rf"(?P<w>{UP}[\w'’.-]*){WS}\Z")
_IN_BEFORE = re.compile(
    r"(?P<prep>\bin|\bat)[ \t\u00a0]+(?:the[ \t\u00a0]+city[ \t\u00a0]+of[ \t\u00a0]+)?\Z"
)
_CITY_BEFORE = re.compile(
    rf"(?<![\w.'’-])(?P<city>{_CITY_TOKEN}(?:{WS}{_CITY_TOKEN}){{0,2}}),{WS}\Z"
)


_DATELINE = re.compile(
    r"(?m)^[ \t\u00a0]*(?P<city>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,2})"
    r"(?:,[ ](?P<region>[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?))?"
    r"(?:[ \t\u00a0]+\([^()\n]{1,40}\))?[ \t\u00a0]*(?:—|–|-{1,2})[ \t\u00a0]"
)


_ABBREV_PLACE = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,4}")
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([A-Za-z][\w’'-]*)")


def _classify(lex: Lexicon, name: str) -> tuple[str | None, str | None]:
    if ", " in name:  # "Washington, D.C." written into the gazetteer
        city, region = name.split(", ", 1)
        return city, region
    if name in COUNTRIES or name in US_STATES or name in STATE_ABBREVIATIONS:
        return None, name
    return name, None


def _inside_name(text: str, a: int, b: int, floor: int, ceil: int, lex: Lexicon) -> bool:
    """Is the gazetteer match text[a:b] part of a longer proper name?"""
    if _NAME_OF_BEFORE.search(text, max(floor, a - 60), a):
        return True
    m = _CAP_WORD_AFTER.match(text, b, ceil)
    if m:
        w = m.group("w")
        if (
            w not in STOP_WORDS
            and w not in MONTHS
            and w not in WEEKDAYS
            and w not in lex.title_words
            and w not in lex.places
        ):
            if text[b : m.start("w")].strip() == "":
                return True
    m = _CAP_WORD_BEFORE.search(text, max(floor, a - 40), a)
    if m:
        w = m.group("w")
        if w in ("New", "Old", "Nova"):  # "New England", "New South Wales"
            return True
        if (
            w not in STOP_WORDS
            and w not in _COMPASS
            and w not in MONTHS
            and w not in WEEKDAYS
            and not w.endswith((".", ",", ":"))
            and w not in lex.title_words
        ):
            return True
    return False


_BE = frozenset({"was", "were", "is", "are", "be", "been", "will", "has", "had", "have"})
_HELD = frozenset(
    {
        "held",
        "hosted",
        "staged",
        "convened",
        "organized",
        "organised",
        "signed",
        "opened",
        "happened",
        "occurred",
        "gathered",
        "met",
        "place",
    }  # "took place"
)
_ORG_WORD = re.compile(rf"{UP}[\w.&'’-]*|[a-z]{{1,2}}[A-Z][\w&-]*")
_ORG_JOINERS = frozenset({"of", "for", "de", "&"})


def _event_word(lex: Lexicon, words: list[str]) -> str | None:
    """An event noun ending ``words`` ("signing ceremony", "press conferences")."""
    for k in (2, 1):
        if len(words) >= k:
            w = " ".join(words[-k:]).lower().strip(",;:")
            for cand in (w, w[:-1] if w.endswith("s") else "", w[:-2] if w.endswith("es") else ""):
                if cand and cand in lex.event_nouns:
                    return cand
    return None


def _org_words_before(text: str, p0: int, floor: int) -> tuple[int, int] | None:
    """A capitalised name ending right before ``p0`` (an "in"), skipping "(ACR)"."""
    window_start = max(floor, p0 - 120)
    chunk = text[window_start:p0].rstrip()
    if chunk.endswith(")"):
        k = chunk.rfind("(")
        if k < 0 or len(chunk) - k > 22:
            return None
        chunk = chunk[:k].rstrip()
    toks = list(TOKEN_RE.finditer(chunk))
    picked: list[re.Match[str]] = []
    for t in reversed(toks[-9:]):
        w = t.group(0)
        if w in _ORG_JOINERS:
            if not picked:
                break
            picked.append(t)
            continue
        if not _ORG_WORD.fullmatch(w) or w in STOP_WORDS or w in MONTHS or w in WEEKDAYS:
            break
        picked.append(t)
    while picked and picked[-1].group(0) in _ORG_JOINERS:
        picked.pop()
    if not picked:
        return None
    return window_start + picked[-1].start(), window_start + picked[0].end()


def _subject(text: str, a: int, floor: int, lex: Lexicon) -> tuple[str, tuple[int, int] | None]:
    prep = _IN_BEFORE.search(text, max(floor, a - 24), a)
    if not prep:
        return "place", None
    p0 = prep.start()
    words = text[max(floor, p0 - 60) : p0].split()
    ev = _event_word(lex, words)
    if ev is None and words and words[-1].lower() in _HELD:
        rest = words[:-1]
        if rest and rest[-1].lower() == "took":
            rest = rest[:-1]
        while rest and rest[-1].lower() in _BE:
            rest = rest[:-1]
        ev = _event_word(lex, rest)
    if ev is not None:
        return ev, None
    org = _org_words_before(text, p0, floor)
    if org is not None:
        oa, ob = org
        ws = text[oa:ob].split()
        if any(
            w.rstrip(".").lower() in lex.org_suffixes or (w.isupper() and len(w) >= 2) for w in ws
        ):
            return " ".join(ws).lower().replace("’", "'"), (oa, ob)
    if words and words[-1].lower() in _HELD:  # "held in X" with the event named earlier
        s0 = sentence_start(text, a, floor)
        last = None
        for e in lex.event_re.finditer(text, s0, p0):
            last = e
        if last is not None:
            word = last.group(0).lower()
            for n in sorted(lex.event_nouns, key=len, reverse=True):
                if word.startswith(n):
                    return n, None
    return "place", None


def _pair(text: str, lex: Lexicon, ra: int, start: int) -> tuple[int, str] | None:
    """The city before ", REGION" at ``ra``: (city start, city)."""
    m = _CITY_BEFORE.search(text, max(start, ra - 60), ra)
    if not m:
        return None
    ca, cb = m.span("city")
    toks = [t.span() for t in TOKEN_RE.finditer(text, ca, cb)]
    cands = []
    for i in range(len(toks)):
        sa = toks[i][0]
        words = text[sa:cb].split()
        if any(
            w in STOP_WORDS
            or w in MONTHS
            or w in WEEKDAYS
            or w.rstrip(".").lower() in lex.org_suffixes
            or w.endswith(("ing", "ed"))
            for w in words
        ):
            continue
        cands.append((i, sa, " ".join(words)))
    chosen = None
    for _i, sa, city in cands:  # a known city wins (longest first)
        if city in lex.places:
            chosen = (sa, city)
            break
    if chosen is None:
        for i, sa, city in cands:
            loc = _LOCATIVE.search(text, max(start, sa - 40), sa)
            if loc and (loc.group(0).strip() or i == 0):
                chosen = (sa, city)
                break
    if chosen is None or chosen[1] in COUNTRIES:
        return None  # "Japan, China" is a list, not a city in a country
    return chosen


def _datelines(
    text: str, lex: Lexicon, start: int, end: int
) -> list[tuple[int, int, str, str | None, str | None]]:
    """ "BOSTON (Reuters) -", "SEATTLE, Wash. --" at the start of a line."""
    out = []
    for m in _DATELINE.finditer(text, start, end):
        raw_city = m.group("city")
        city = " ".join(w.capitalize() for w in raw_city.split())
        region = m.group("region")
        if city not in lex.places and not (region and region in lex.regions):
            continue
        b = m.end("region") if region else m.end("city")
        name = f"{city}, {region}" if region else city
        if not region:
            c, r = _classify(lex, city)
            out.append((m.start("city"), b, name, c, r))
        else:
            out.append((m.start("city"), b, name, city, region))
    return out


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    lex = lexicon(ctx.vocab)
    hits = [m.span() for m in lex.place_re.finditer(text, start, end)]
    found: list[tuple[int, int, str, str | None, str | None]] = []
    taken: list[tuple[int, int]] = []
    datelines = _datelines(text, lex, start, end)
    for d in datelines:
        taken.append((d[0], d[1]))
    for ra, rb in hits:
        region = text[ra:rb]
        if region not in lex.regions or text[ra - 2 : ra - 1] != ",":
            continue
        pair = _pair(text, lex, ra, start)
        if pair is None:
            continue
        ca, city = pair
        found.append((ca, rb, f"{city}, {region}", city, region))
        taken.append((ca, rb))

    taken.sort()
    ti = 0
    for a, b in hits:
        while ti < len(taken) and taken[ti][1] <= a:
            ti += 1
        if ti < len(taken) and taken[ti][0] < b:
            continue  # part of a "City, Region" pair
        name = text[a:b]
        if name not in lex.places or _inside_name(text, a, b, start, end, lex):
            continue
        if _ABBREV_PLACE.fullmatch(name):
            nxt = _NEXT_WORD.match(text, b, end)
            if nxt and nxt.group(1)[0].isupper() and nxt.group(1) not in STOP_WORDS:
                continue  # "U.S. Navy", "UK Treasury": part of a name, not a place mention
        city, region = _classify(lex, name)
        found.append((a, b, name, city, region))

    dateline_starts = {d[0] for d in datelines}
    found.extend(datelines)
    found.sort()
    for a, b, name, city, region in found:
        if a in dateline_starts:
            subject, org = "dateline", None
        else:
            subject, org = _subject(text, a, start, lex)
        spans = [SpanRef(a, b, "place")]
        if org is not None:
            spans.append(SpanRef(org[0], org[1], "org"))
        yield ClaimDraft(
            kind="place",
            predicate="place",
            subject=subject,
            value={"name": " ".join(name.split()), "city": city, "region": region},
            spans=spans,
            extractor=NAME,
            version=VERSION,
        )
