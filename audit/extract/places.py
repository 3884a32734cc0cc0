"""Places: gazetteer names ("Pittsburgh", "Japan") and "City, Region" pairs ("Tsukuba, Japan",
"Washington, D.C.", "Seattle, Washington", "Ridgeview, Pa." or "Ridgeview, PA" for a city the
gazetteer lacks).

kind="place", predicate="place". value = {"name": "Tsukuba, Japan", "city": "Tsukuba",
"region": "Japan"}; a country or state alone has city None and region set, a city alone has
region None. subject: what the place is attached to, lowercased -
- "ORG (ACR) in PLACE" / "ORG in PLACE" -> the organisation ("university of tsukuba"),
- "ceremony in PLACE", "the summit was held in PLACE", "held in PLACE" after an event noun
  earlier in the sentence -> the event noun ("ceremony"),
- a dateline at the start of a line ("OSLO (AP) —", "SEATTLE, Wash. --") -> "dateline",
- otherwise "place".
Spans: role="place" (and role="org" for an organisation subject).

Besides an unknown "City, Region" pair (below), places the gazetteer lacks are read in three
positions only (their subject is found as for any place):
- a dateline: a city in capitals at the start of a line before a dash, an agency in parentheses
  or a date ("LEIDEN, 12 March 2025 –", "LEIDEN (Reuters) -", "LEIDEN – On Wednesday",
  "LEIDEN, Tuesday 4 June 2024. The ..."; without an agency or a date the name needs 5+
  letters, so "NASA –" stays out), or a capitalised city with a date or an agency before the
  dash ("Leiden, Wednesday 12 March 2025 --"; a known city too). The name is given its usual
  capitalisation ("HARLOW FALLS" -> "Harlow Falls", "ST. LOUIS" -> "St. Louis"); a dateline
  "CITY, Region" is one place, its region is not read again;
- after a verb of taking place or being based: "opened in Leiden", "was held in Leiden",
  "took place in Leiden", "met in ...", "signed in ...", "based in Leiden", "headquartered
  in ...", "located in ...". The name runs over capitalised words (and "de", "van", "upon" ...
  inside); it is not a place when it holds an organisation or venue word ("Leiden
  University", "Hall Seven"), a month, weekday or season ("in March"), a nationality or
  language ("held in Dutch"), digits ("in Q3"), a word that starts a sentence, or is a
  possessive ("in Contoso's offices");
- after a locative word and before a lower-case noun of a kind of place: "near Korvanta Halt
  station", "in Dunmarra village", "in the Velloran district" (the same words are refused, and
  title and compass words too).
A dateline in capitals followed by a byline word ("JANE DOE — Staff reporter") is not read.

Not places: a gazetteer word inside an organisation or other proper name ("University of
Washington", "Washington Post", "Tokyo Electron", "Whitney Houston", "New England" unless listed),
nor "U.S."/"UK" right before a capitalised word ("U.S. Navy"). An unknown "City, Region" needs a
locative word before it (in, at, from, near, based in ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.claimvalues import PlaceValue
from audit.extract.vocab import (
    COUNTRIES,
    MONTHS,
    NATIONALITIES,
    POSTAL_CODES,
    STATE_ABBREVIATIONS,
    STOP_WORDS,
    TOKEN_RE,
    UP,
    US_STATES,
    WEEKDAYS,
    WS,
    Lexicon,
    lexicon,
)
from audit.model import ClaimDraft, Context, SpanRef
from audit.text import sentence_start

NAME = "places"
VERSION = "4"

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


_UPPERS = UP[1:-1]
_MONTH_RE = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY_RE = r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# "12 March 2025", "March 12, 2025", "Wednesday 12 March", "Wednesday", "2025-03-12"
_DATE_RE = (
    rf"(?:{_WEEKDAY_RE},?[ ]+)?(?:{_DAY}[ ]+{_MONTH_RE}\.?(?:,?[ ]+\d{{4}})?"
    rf"|{_MONTH_RE}\.?[ ]+{_DAY}(?:,?[ ]+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})(?![\w-])"
    rf"|{_WEEKDAY_RE}(?![\w-])"
)
# lower-case words inside a place name ("Rio de Janeiro", "Stratford upon Avon")
_PARTICLES = r"(?:de|da|do|dos|das|del|della|di|du|la|le|les|van|von|der|den|ter|upon|sur)"
_CAPS_WORD = rf"{UP}[{_UPPERS}.'’-]+"
_TITLE_WORD = rf"{UP}[\w.'’-]*"
_DATELINE = re.compile(
    r"(?m)^[ \t\u00a0]*"
    rf"(?P<city>{_CAPS_WORD}(?:[ ](?:(?i:{_PARTICLES})[ ])?{_CAPS_WORD}){{0,2}}"
    rf"|{_TITLE_WORD}(?:[ ](?:{_PARTICLES}[ ])?{_TITLE_WORD}){{0,2}})"
    rf"(?:,[ ](?!{_WEEKDAY_RE}\b|{_MONTH_RE}\b)"
    r"(?P<region>[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?))?"
    rf"(?:,?[ \t\u00a0]+(?P<date>{_DATE_RE}))?"
    r"(?:[ \t\u00a0]+\((?P<agency>[^()\n]{1,40})\))?"
    r"(?:[ \t\u00a0]*(?:—|–|-{1,2})[ \t\u00a0]|(?P<stop>[.:])[ \t\u00a0]+(?=[A-Z“\"]))"
)
# Capitalised words that name no place: headings before a dash ("UPDATE –"), seasons and
# languages after "in" ("opened in Spring", "held in Arabic").
_NOT_PLACE = frozenset(
    """update updated updates breaking exclusive correction corrections clarification note
    editor editor's editors' analysis opinion comment commentary live watch video photos photo
    faq press release news media contact contacts about summary background advisory alert
    urgent flash review interview feature editorial letter letters statement announcement
    embargoed immediate important warning notice disclaimer tip tips step chapter part section
    episode question answer q a day week today tonight yesterday tomorrow abstract conclusion
    introduction methods results overview highlights agenda programme program schedule
    transcript sponsored advertisement promoted spring summer autumn fall winter christmas
    easter person public private arabic mandarin cantonese hindi urdu swahili catalan basque
    latin hebrew persian farsi""".split()
)
_BYLINE_WORDS = frozenset(
    """staff reporter reporters correspondent correspondents editor editors writer writers
    contributor contributing special senior photo photos photographer columnist by""".split()
)
_LOWER_INSIDE = frozenset(
    "de da do dos das del della di du la le les van von der den ter am an on upon sur en".split()
)  # wider than _PARTICLES: a word of a hyphenated name ("Frankfurt-am-Main")


_ABBREV_PLACE = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,4}")
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([A-Za-z][\w’'-]*)")


def _classify(lex: Lexicon, name: str) -> tuple[str | None, str | None]:
    if ", " in name:  # "Washington, D.C." written into the gazetteer
        city, region = name.split(", ", 1)
        return city, region
    if name in COUNTRIES or name in US_STATES or name in STATE_ABBREVIATIONS \
            or name in POSTAL_CODES:
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


def _usual_case(lex: Lexicon, raw: str) -> str:
    """A name written in capitals with its usual capitalisation ("HARLOW FALLS" -> "Harlow
    Falls", "STRATFORD-UPON-AVON" -> "Stratford-upon-Avon"); the gazetteer's spelling wins."""
    if not raw.isupper():
        return raw
    known = _upper_places(lex).get(raw)
    if known is not None:
        return known
    out = []
    for i, part in enumerate(re.split(r"([ \-])", raw)):
        low = part.lower()
        if i and low in _LOWER_INSIDE:
            out.append(low)
        elif re.fullmatch(r"[A-Z][’'][A-Z]\w+", part, re.A) or re.fullmatch(
            r"[^\W\d_][’'][^\W\d_]+", part
        ):  # "O'HARE" -> "O'Hare", "XI'AN" stays "Xi'an" below
            out.append(part[:2] + part[2:].capitalize())
        else:
            out.append(part.capitalize())
    return "".join(out)


_UPPER_CACHE: dict[int, tuple[Lexicon, dict[str, str]]] = {}


def _upper_places(lex: Lexicon) -> dict[str, str]:
    hit = _UPPER_CACHE.get(id(lex))
    if hit is None or hit[0] is not lex:
        hit = (lex, {p.upper(): p for p in sorted(lex.places)})
        _UPPER_CACHE[id(lex)] = hit
    return hit[1]


def _plain_words(lex: Lexicon, words: list[str]) -> bool:
    """Words that may form an unknown place name (no sentence opener, month, organisation
    word or heading word)."""
    for i, w in enumerate(words):
        bare = w.rstrip(".")
        if i and bare.lower() in _LOWER_INSIDE:
            continue  # "UPON" in "STRATFORD-UPON-AVON"
        cap = bare[:1] + bare[1:].lower()
        if i == 0 and len(words) > 1 and (cap in _COMPASS or cap in ("New", "Old", "Port")):
            continue  # "New Amsterdam", "North Harlow"
        if (
            cap in STOP_WORDS
            or cap in MONTHS
            or cap in WEEKDAYS
            or cap in NATIONALITIES
            or bare.lower() in _NOT_PLACE
            or bare.lower() in lex.org_suffixes
            or bare.lower() in _VENUE_WORDS
            or any(c.isdigit() for c in w)
        ):
            return False
    return True


def _datelines(
    text: str, lex: Lexicon, start: int, end: int
) -> list[tuple[int, int, str, str | None, str | None]]:
    """ "BOSTON (Reuters) -", "SEATTLE, Wash. --", "LEIDEN, 12 March 2025 –" at the start of a
    line (see the module docstring)."""
    out = []
    for m in _DATELINE.finditer(text, start, end):
        raw_city = m.group("city")
        caps = raw_city.isupper()
        dated = bool(m.group("date") or m.group("agency"))
        if m.group("stop") and not (caps and m.group("date")):
            continue  # "Leiden. The ..." / "NOTE: ...": only "CITY, 4 June 2024." ends so
        if not caps and not dated:
            continue  # "Leiden – ..." in mixed case may be any phrase before a dash
        city = _usual_case(lex, raw_city)
        region = m.group("region")
        known = city in lex.places or bool(region and region in lex.regions)
        if not known:
            words = raw_city.replace("-", " ").split()
            letters = sum(c.isalpha() for c in raw_city)
            if region or not _plain_words(lex, words) or letters < 3:
                continue
            if not dated and (letters < 5 or len(raw_city) < 5):
                continue  # "NASA –", "FAQ –": an acronym or heading, not a city
            nxt = _NEXT_WORD.match(text, m.end() - 1, end)
            if nxt and (nxt.group(1).lower() in _BYLINE_WORDS or nxt.group(1) in lex.title_words):
                continue  # "JANE DOE — Staff reporter": a byline
        b = m.end("region") if region else m.end("city")
        name = f"{city}, {region}" if region else city
        if not region:
            c, r = _classify(lex, city)
            out.append((m.start("city"), b, name, c, r))
        else:
            out.append((m.start("city"), b, name, city, region))
    return out


# "opened in", "was held in", "took place in", "based in": what follows "in" is where
_WHERE_WORD = rf"{UP}\w*(?:[-'’](?![sS](?!\w))\w+)*"  # not the "'s" of a possessive
_WHERE_VERB = re.compile(
    r"(?<![\w-])(?i:opened|opens|held|hosted|staged|convened|gathered|happened|occurred|met"
    r"|signed"
    r"|(?:took|takes|take|taking)[ \t\u00a0]+place|based|headquartered|located)"
    r"(?:[ \t\u00a0]+(?:its|their)[ \t\u00a0]+doors)?"
    r"(?:[ \t\u00a0]+(?:[a-z]+ly|yesterday|today|(?:on|last|this|next)[ \t\u00a0]+"
    rf"{_WEEKDAY_RE}))?"
    r"[ \t\u00a0]+in[ \t\u00a0]+(?:the[ \t\u00a0]+city[ \t\u00a0]+of[ \t\u00a0]+)?"
    rf"(?P<city>{_WHERE_WORD}(?:[ \t\u00a0](?:{_PARTICLES}[ \t\u00a0])?"
    rf"(?:St\.[ \t\u00a0])?{_WHERE_WORD}){{0,2}})"
)
_VENUE_WORDS = frozenset(
    """hall halls arena stadium square park centre center building tower hotel campus street
    road avenue plaza convention auditorium theatre theater church cathedral palace castle
    airport station pavilion gallery room rooms chamber chambers headquarters hq""".split()
)
_AFTER_NAME = re.compile(rf"['’]s?(?![\w])|[ \t\u00a0]+(?:{UP}|\d)|-\w")


def _where_places(
    text: str, lex: Lexicon, start: int, end: int
) -> list[tuple[int, int, str, str | None, str | None]]:
    """Unknown places after "opened in", "held in", "took place in", "based in"."""
    out: list[tuple[int, int, str, str | None, str | None]] = []
    for m in _WHERE_VERB.finditer(text, start, end):
        a, b = m.span("city")
        words = text[a:b].split()
        if words[0] in lex.places or " ".join(words) in lex.places:
            continue  # the gazetteer reads it
        if _AFTER_NAME.match(text, b, end):
            continue  # "in Contoso's offices", "in Leiden University" cut short, "in Q-3"
        if not _plain_words(lex, words) or any(c.isupper() for w in words for c in w[1:]):
            continue  # "in March", "in Dutch", "in Leiden University", "in NYC", "in McKinsey"
        name = " ".join(words)
        out.append((a, b, name, name, None))
    return out


# "near Harlow Junction station", "at Dunmore village", "in Kessel district": a capitalised name
# after a locative word and before a lower-case noun of a kind of place
_LOCALITY = re.compile(
    r"(?<![\w-])(?i:in|at|near|from|outside)[ \t\u00a0]+(?:the[ \t\u00a0]+)?"
    rf"(?P<city>{_WHERE_WORD}(?:[ \t\u00a0](?:{_PARTICLES}[ \t\u00a0])?{_WHERE_WORD}){{0,2}})"
    r"[ \t\u00a0]+(?:railway[ \t\u00a0]+)?(?:station|village|town|district|junction|suburb"
    r"|township|neighbourhood|neighborhood|region|province|county|municipality)(?![\w-])"
)


def _locality_places(
    text: str, lex: Lexicon, start: int, end: int
) -> list[tuple[int, int, str, str | None, str | None]]:
    """Unknown places before a noun of a kind of place ("near Harlow Junction station"), read
    with the checks of :func:`_where_places`."""
    out: list[tuple[int, int, str, str | None, str | None]] = []
    for m in _LOCALITY.finditer(text, start, end):
        a, b = m.span("city")
        words = text[a:b].split()
        if " ".join(words) in lex.places or any(w in lex.places for w in words):
            continue  # the gazetteer reads it
        if not _plain_words(lex, words) or any(c.isupper() for w in words for c in w[1:]):
            continue  # "at Leiden University campus", "in NYC", "in McKinsey"
        if any(w in lex.title_words or w in _COMPASS for w in words):
            continue  # "near Governor Lindqvist's town", "in Northern region"
        name = " ".join(words)
        out.append((a, b, name, name, None))
    return out


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    lex = lexicon(ctx.vocab)
    hits = [m.span() for m in lex.place_re.finditer(text, start, end)]
    found: list[tuple[int, int, str, str | None, str | None]] = []
    taken: list[tuple[int, int]] = []
    city: str | None
    region: str | None
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
        if any(ta < rb and ca < tb for ta, tb in taken):
            continue  # "HARLOW FALLS, Ohio –": the dateline is this place
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

    for w in _where_places(text, lex, start, end) + _locality_places(text, lex, start, end):
        if not any(ta < w[1] and w[0] < tb for ta, tb, *_ in found + datelines):
            found.append(w)
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
            value=PlaceValue(name=" ".join(name.split()), city=city, region=region),
            spans=spans,
            extractor=NAME,
            version=VERSION,
        )
