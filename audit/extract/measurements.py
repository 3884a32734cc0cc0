"""Measurements with units: "a 948-foot ship", "289 m", "about 3 miles west of the town",
"6-foot-4", "a 1,200-tonne crane", "a 10-km stretch", "270 to 350 miles", "79 mph".

Why: lengths, weights and speeds disagree across reports as often as amounts do, and "948 feet"
and "289 m" must agree while "948 feet" and "984 feet" must not. So each measurement keeps the
value and unit as written, its dimension (``units.py``: pint resolves the unit) and its bound in
SI units: the interval the words allow, from the written precision (half the last written
digit: "948 feet" is 947.5-948.5 ft, "289 m" 288.5-289.5 m, which overlap) or the approximation
word ("about" ±10 %, "more than" unbounded above, a range its two ends), converted by pint.

The subject is the measure: what the figure is of, read from the words around it - the noun it
modifies ("a 948-foot *ship*"), "N unit of *range*", "the *range* of N unit", "the speed
*limit* is N", a distance from a place ("3 miles west of Joplin" -> "distance from joplin"),
a verb ("tow 11,000 pounds" -> "towing"), a dimension adjective ("6 feet long" -> "length").
Without one the subject is empty and the measurement is never compared (precision first).

Skipped: "0 to 60 mph" (a benchmark, not a measure), "60 mph in 4.1 seconds", numbers glued to
words or currency, durations (``times.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from audit.extract import units
from audit.extract.frames import _unit, approx_bound_kind, norm_name, read_frame
from audit.extract.frames import bound as frame_bound
from audit.extract.magnitudes import of_another_shock
from audit.extract.numbers import INDIAN_RE, WORDS_RE, approx_before, as_number, parse_decimal
from audit.model import ClaimDraft, Context, SpanRef

NAME = "measurements"
VERSION = "27"

_DIG = rf"(?:{INDIAN_RE}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_FRAC = r"(?:[ \t]+(?P<fn>[1-9])/(?P<fd>[2-8]|16)|(?P<uf>[½¼¾]))"
_NUM = (rf"(?P<num>{_DIG}{_FRAC}?|{WORDS_RE}|[Hh]alf[ \t]+an?|[Aa]n?(?=[ \t]+[a-z]))"
        r"(?:(?:[ \t]+|-)(?P<scale>(?i:thousand|million|billion)))?")
_MEASURE_RE = re.compile(
    r"(?<![\w$€£¥₹₩.,/:#+'’])"
    rf"(?:(?:(?P<between>[Bb]etween)[ \t]+|(?P<from>[Ff]rom)[ \t]+)?(?P<lo>{_DIG})"
    r"[ \t]*(?:-|–|to|and)[ \t]*(?=\d))?"
    rf"{_NUM}(?P<sep>[ \t]*-[ \t]*|[ \t]+|)(?P<unit>{units.unit_regex()})"
    r"(?![\w°²/]|-(?:hour|minute|second)s?\b)")
# after a spaced abbreviation that is also a word ("289 m long"): what shows it is a unit
_SPACED_OK = re.compile(r"[ \t]*(?:[,.;)]|$)|[ \t]+(?:long|tall|high|wide|deep|away|below"
                        r"|above|north|south|east|west|from|of)\b")
_FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
_INCHES_AFTER = re.compile(
    r"(?:-(?P<h>\d{1,2})(?!\d|[.,]\d)(?:-inch(?:es)?\b)?"
    r"|[ \t]+(?:and[ \t]+)?(?P<s>\d{1,2})[ \t]*(?:inches|inch|in\.?(?![\w])|\"|”))")
_FIRST_CUES = re.compile(r"(?i)\b(?:0|zero)[ \t]*(?:-|–|to)[ \t]*$")
# a currency word after "110m": an amount in millions ("110m euros", "45m dollars")
_CURRENCY_AFTER = re.compile(
    r"(?i)[ \t]*(?:US[ \t]+|Swiss[ \t]+|Australian[ \t]+|Canadian[ \t]+)?(?:euros?|dollars?"
    r"|pounds?(?![ \t]+(?:of|per))|sterling|francs?|yen|yuan|rupees?|won|pesos?|reais|rand"
    r"|riyals?|dirhams?|kronor|kroner|krona|zloty|lira|EUR|USD|GBP|CHF)\b")
_IN_SECONDS = re.compile(r"[ \t]+in[ \t]+(?:under[ \t]+|about[ \t]+|just[ \t]+)?[\d.]+"
                         r"[ \t]+(?:seconds?|secs?)\b")

_STOP = frozenset(
    """of in on at by for with from to into onto over under about between among across through
    during after before since until per via than as like and or but nor so yet if that which
    who whom whose where when while the a an this these those its their his her our your my is
    are was were be been being has have had do does did will would can could may might must
    shall should said says say told including each both all not also only just there here it
    they we he she them us i you away ago later earlier then more less long high wide deep tall
    thick north south east west northeast northwest southeast southwest outside""".split())
_OBJECT_START = frozenset("the a an its their his her this that into onto".split())
_DIM_ADJ = {"long": "length", "tall": "height", "high": "height", "wide": "width",
            "deep": "depth", "thick": "thickness", "across": "width", "heavy": "weight"}
_DIRECTION = (r"(?:north|south|east|west|northeast|northwest|southeast|southwest"
              r"|north-east|north-west|south-east|south-west|upstream|downstream|inland"
              r"|offshore)")
_DISTANCE_AFTER = re.compile(
    r"(?:[ \t]*\([^()\n]{1,40}\))?\)?"
    rf"(?i:[ \t]+(?:away[ \t]+)?(?:(?:{_DIRECTION})[ \t]+of|from|outside(?:[ \t]+of)?"
    r"|short[ \t]+of|off(?:[ \t]+the[ \t]+coast[ \t]+of)?|beyond))[ \t]+"
    r"(?:(?P<the>the|downtown)[ \t]+)?(?P<place>(?:[A-Z][\w.'’-]*)(?:[ \t]+[A-Z][\w.'’-]*){0,3}"
    r"|[a-z]+(?:[ \t]+[a-z]+)?(?=[ \t]*[,.;)]))")
# a named place the distance locates: "..., in the town of B", "B, a village some 30 miles ..."
_SETTLEMENT = (r"(?:(?:small|tiny|remote|mountain|rural|coastal|nearby|neighbouring|neighboring)"
               r"[ \t]+)?(?:town|village|city|hamlet|community|settlement|district|commune"
               r"|municipality|suburb|port)")
_PLACE = r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}"
_LOCATED_AFTER = re.compile(
    rf"[ \t]*,[ \t]+(?:in|at|near)[ \t]+(?:the[ \t]+)?{_SETTLEMENT}[ \t]+of[ \t]+(?P<b>{_PLACE})")
_LOCATED_BEFORE = re.compile(
    rf"(?P<b>{_PLACE}),[ \t]+(?:a|the)[ \t]+{_SETTLEMENT}[ \t]+(?:[a-z]+[ \t]+){{0,3}}$")
_OF_AFTER = re.compile(r"[ \t]+of[ \t]+(?:(?:the|its|their|new|additional)[ \t]+)?"
                       r"(?P<np>[a-z][a-z-]*(?:[ \t]+[a-z][a-z-]*)?)")
# up to four words: "a 90,000-square-foot wind turbine design facility near ..."
_NOUN_AFTER = re.compile(r"(?:[ \t]+|-)(?P<np>[a-z][a-z-]*(?:[ \t]+[a-z][a-z-]*){0,3})")
_BEFORE = re.compile(
    r"(?i:\b(?P<np>[a-z][a-z-]*)(?:[ \t]+(?:is|was|are|were|of|at|that['’]s|that[ \t]+is"
    r"|that[ \t]+was|which[ \t]+is|which[ \t]+was|stands[ \t]+at|reached"
    r"|topped|measured|measures|measuring|totals?|totalled|totaled|will[ \t]+be|would[ \t]+be"
    r"|has[ \t]+been|had[ \t]+been|:)))[ \t]+(?:(?:about|around|roughly|some|nearly|almost"
    r"|more[ \t]+than|over|less[ \t]+than|under|up[ \t]+to|at[ \t]+least|approximately"
    r"|an[ \t]+estimated|just|a|an|only|estimated|between|from)[ \t]+)*$")
_VERBS = {"tow": "towing", "tows": "towing", "towing": "towing", "towed": "towing",
          "weigh": "weight", "weighs": "weight", "weighed": "weight", "weighing": "weight",
          "travel": "speed", "traveling": "speed", "travelling": "speed",
          "traveled": "speed", "travelled": "speed", "travels": "speed",
          "going": "speed", "moving": "speed", "driving": "speed", "running": "speed",
          "stretches": "extent", "stretching": "extent", "stretched": "extent",
          "spans": "extent", "spanning": "extent", "spanned": "extent",
          "carry": "capacity", "carries": "capacity", "carrying": "capacity",
          "holds": "capacity", "hold": "capacity", "store": "capacity", "stores": "capacity",
          "fell": "fall", "plunged": "fall", "dropped": "fall", "rose": "rise",
          "climbed": "rise", "flew": "flight", "walked": "walk", "swam": "swim"}
_VERB_BEFORE = re.compile(
    r"(?i:\b(?P<v>[a-z]+))[ \t]+(?:(?:at|about|around|roughly|some|nearly|almost|more[ \t]+than"
    r"|over|less[ \t]+than|under|up[ \t]+to|at[ \t]+least|approximately|an[ \t]+estimated"
    r"|just|a|an|only|between|from|for)[ \t]+)*$")


# measures of a length that is the way travelled, not a distance between two places
_TRAVELLED = frozenset({"speed", "trip", "voyage", "journey", "odometer", "round-trip",
                        "roundtrip", "odyssey", "trek", "route"})


def _singular(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _verbal(t: str) -> bool:
    return t.endswith("ing") or (t.endswith("ed") and len(t) > 4 and not t.endswith("eed"))


# prepositions the function-word list leaves out: they end the phrase too ("a hall near ...")
_PREPOSITIONS = frozenset("""along near around beyond toward towards within without inside behind
    beside off up down past out back next opposite downstream upstream inland offshore ashore
    aground ahead home overnight""".split())
_PHRASE_END = re.compile(r"[ \t]*(?:[,.;:!?)]|\n|$|(?P<w>[A-Za-z]+)\b)")


def _head(np: str, forward: bool = True, after: str = "") -> str | None:
    """The head noun of a short phrase: the last word before a function word (forward), or the
    last word (backward). A word in -ing or -ed usually starts a clause ("a 948-foot ship
    carrying the ...", "a barge drifted downstream"), but one right before the phrase's last
    noun is a modifier of it ("a 53,000-square-foot climate modelling facility near ...", "a
    50-foot drilling rig.", "a refurbished depot"): the noun ends the phrase (a function word,
    punctuation or the end follows it; ``after`` is the text after ``np``), and after another
    word only an -ing word is read so. "A ship carrying grain." reads "grain": a miss at worst,
    never two measures taken for one."""
    toks = np.lower().split()
    run = []
    for k, t in enumerate(toks):
        if t in _STOP or t in _PREPOSITIONS:
            break
        if _verbal(t):
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is None or nxt in _STOP or nxt in _PREPOSITIONS or _verbal(nxt) \
                    or nxt.endswith("ly") or (k and not t.endswith("ing")):
                break  # "a barge drifted downstream": a verb after the noun
            if k + 2 < len(toks):
                ends = toks[k + 2] in _STOP or toks[k + 2] in _PREPOSITIONS
            else:
                m = _PHRASE_END.match(after)
                ends = m is not None and (m["w"] is None or m["w"].lower() in _STOP
                                          or m["w"].lower() in _PREPOSITIONS)
            if not ends:
                break
            continue
        run.append(t)
    if not run:
        return None
    if len(run) > 1 and len(toks) > len(run) and toks[len(run)] in _OBJECT_START:
        run = run[:1]  # "a 948-foot ship hit the bridge": the second word is a verb
    return _singular(run[-1])


def measure_of(text: str, ss: int, se: int, s: int, e: int, hyphenated: bool) -> str | None:
    """What the measurement at text[s:e] measures, read in its sentence text[ss:se]."""
    hi = min(se, e + 60)
    m = _DISTANCE_AFTER.match(text, e, hi)
    if m:
        place = m["place"]
        if place[0].isupper() or m["the"]:
            key = norm_name(place)
            if key:
                # "30 miles south of A, in the town of B": the distance of B, not of the event
                at = _LOCATED_AFTER.match(text, m.end(), min(se, m.end() + 80))
                if at is None:
                    at = _LOCATED_BEFORE.search(text, max(ss, s - 120), s)
                located = norm_name(at["b"]) if at else ""
                if located and located != key:
                    return f"distance of {located} from {key}"
                return f"distance from {key}"
    b = _BEFORE.search(text, max(ss, s - 60), s)
    if b:
        w = b["np"].lower()
        if w not in _STOP and w not in _VERBS:
            return _singular(w)
    a = re.match(r"[ \t]+(?P<w>long|tall|high|wide|deep|thick|across|heavy)\b", text[e:hi])
    if a:
        return _DIM_ADJ[a["w"].lower()]
    m = _OF_AFTER.match(text, e, hi)
    if m:
        h = _head(m["np"])
        if h:
            return h
    m = _NOUN_AFTER.match(text, e, hi)
    if m and (hyphenated or text[e:e + 1] != "-"):
        h = _head(m["np"], after=text[m.end():hi])
        # an unhyphenated unit is followed by its noun only after a number ("a 10 km stretch"),
        # which a lower-case word right after it shows
        if h and (hyphenated or re.match(r"[ \t]+[a-z]", text[e:])):
            return h
    v = _VERB_BEFORE.search(text, max(ss, s - 40), s)
    if v and v["v"].lower() in _VERBS:
        return _VERBS[v["v"].lower()]
    return None


def _precision_bound(num: str, value: Decimal, scale: int) -> tuple[float, float]:
    """The interval a number allows as written: half its last digit; a round number ("30",
    "1,200") by at most 2.5 % of itself; a fraction by half its step."""
    v = float(value)
    plain = num.replace(",", "").strip()
    if not plain[:1].isdigit():
        return v - 0.5 * scale if v >= 1 else v * 0.75, v + 0.5 * scale if v >= 1 else v * 1.25
    if "/" in plain or plain[-1:] in "½¼¾":
        den = int(plain.split("/")[1]) if "/" in plain else 4
        half = 0.5 / den
        return v - half, v + half
    u = float(_unit(plain, scale))
    if "." not in plain and plain.endswith("0"):
        slack = min(u * 0.49, 0.025 * v)
    else:
        slack = u / 2
    return v - slack, v + slack


def _number(m: re.Match[str]) -> Decimal | None:
    num = m["num"]
    low = num.lower()
    if low in ("a", "an"):
        value: Decimal | None = Decimal(1)
    elif low.startswith("half"):
        value = Decimal("0.5")
    else:
        whole = num
        if m["fn"]:
            whole = re.split(r"[ \t]+", num)[0]
        elif m["uf"]:
            whole = num[:-1].rstrip()
        value = parse_decimal(whole) if whole else Decimal(0)
        if value is None:
            return None
        if m["fn"]:
            value += Decimal(m["fn"]) / Decimal(m["fd"])
        elif m["uf"]:
            value += _FRACTIONS[m["uf"]]
    if m["scale"] and value is not None:
        value *= parse_decimal(m["scale"]) or 1
    return value


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    sents = ctx.sentences(start, end)
    doc_year = ctx.doc_date.year if ctx.doc_date else None
    last_end = start
    for m in _MEASURE_RE.finditer(text, start, end):
        if m.start() < last_end:
            continue  # the inches of "6 feet 7 inches", already read
        written = m["unit"]
        key = written if written in units.WRITTEN else " ".join(written.lower().split())
        if key not in units.WRITTEN:
            key = " ".join(key.replace("-", " ").split())  # "square-foot"
        if key not in units.WRITTEN:
            key = written.lower()
            if key not in units.WRITTEN or key.upper() in units.CASED or key in units.CASED:
                continue
        if written in units.CASED or key in units.CASED:
            if written != key:
                continue
        elif key.upper() in units.CASED and written.upper() == key.upper() and written != key:
            continue
        glued = m["sep"] == ""
        if key in units.GLUED_ONLY and not glued and not (
                key != "in" and _SPACED_OK.match(text, m.end(), min(end, m.end() + 12))):
            continue
        if glued and not m["num"][-1:].isdigit() and not m["uf"]:
            continue  # "an" + "m..." - a word, not a number and a unit
        if not m["num"][:1].isdigit() and m["num"][:1] not in "½¼¾" and len(written) <= 3:
            continue  # "two km" is rare; "a GB" or "an hp" is not a measurement
        s, e = m.start(), m.end()
        if _FIRST_CUES.search(text, max(start, s - 8), s) or (m["lo"] and
                                                               float(m["lo"].replace(",", ""))
                                                               == 0):
            continue  # "0 to 60 mph": an acceleration benchmark
        if _IN_SECONDS.match(text, e, min(end, e + 30)):
            continue
        if key in ("m", "k", "bn") or written in ("m", "M"):
            if _CURRENCY_AFTER.match(text, e, min(end, e + 20)):
                continue  # "110m euros": millions of a currency, not metres
        value = _number(m)
        if value is None or value <= 0:
            continue
        inches = None
        if units.WRITTEN[key] == "foot":
            im = _INCHES_AFTER.match(text, e, min(end, e + 16))
            if im and int(im["h"] or im["s"]) < 12:
                inches = int(im["h"] or im["s"])
                e = im.end()
        pint_unit, dim = units.resolve(key)
        scale = int(parse_decimal(m["scale"]) or 1) if m["scale"] else 1
        approx = approx_before(text, s, start)
        spans = [SpanRef(s, e, "value")]
        quals: dict[str, str] = {"dimension": dim}
        written_bound: list[float | None]
        if m["lo"]:
            lo_v = float(m["lo"].replace(",", "")) * scale
            written_bound = [lo_v, float(value)]
            quals["approx"] = "range"
        elif approx:
            kind = approx_bound_kind(text, approx)
            b = frame_bound(float(value), kind)
            written_bound = [b[0] or 0.0, b[1]]
            if kind == "about" and "." in m["num"] and m["num"][:1].isdigit():
                # "about 2.4 million miles": the written decimal already says how rough it
                # is (2.35 to 2.45 million), narrower than "about"'s 10 %
                lo_p, hi_p = _precision_bound(m["num"], value, scale)
                mid = float(value)
                written_bound = [mid - 0.9 * (mid - lo_p), mid + 0.9 * (hi_p - mid)]
            quals["approx"] = approx[0]
            spans.append(SpanRef(approx[1], approx[2], "context"))
        else:
            written_bound = [*_precision_bound(m["num"], value, scale)]
        val = float(value)
        if inches is not None:
            val += inches / 12
            if approx is None and not m["lo"]:
                written_bound = [val - 1 / 24, val + 1 / 24]
        si = units.to_si(val, key)
        si_bound = [units.to_si(x, key) if x is not None else None for x in written_bound]
        ss, se = sents.bounds(s, e)
        meas = measure_of(text, ss, se, s, e, m["sep"].strip() == "-")
        if meas == "depth" and of_another_shock(text, ss, se, s):
            continue  # an aftershock's or an earlier quake's depth, not the story's quake's
        if dim == "length" and meas in _TRAVELLED:
            meas = "distance travelled"  # "a 1.2-million-mile trip", "travelled 1.3m miles"
        frame = read_frame(text, ss, se, s, e, "measurement", doc_year,
                           approx[1] if approx else s, meas)
        last_end = e
        first = m.start("lo") if m["lo"] else m.start("num")  # a range: both ends
        written_text = text[first:m.end("unit")] if inches is None else text[first:e]
        yield ClaimDraft(
            kind="measurement",
            predicate="measurement",
            subject=meas or "",
            value={"value": as_number(Decimal(str(round(val, 6)))), "unit": key,
                   "written": " ".join(written_text.split()), "pint_unit": pint_unit,
                   "dimension": dim, "si": round(si, 6), "si_unit": units.SI[dim][1],
                   "approx": quals.get("approx", "exact"), **frame, "bound": si_bound},
            spans=spans,
            qualifiers=quals,
            extractor=NAME,
            version=VERSION,
        )


def label(value: Mapping[str, Any]) -> str:
    """"about 3 miles (4,828 m)": the value as written, then in SI (value_text)."""
    try:
        approx = value.get("approx") or "exact"
        pre = "" if approx in ("exact", "range") else approx.replace("_", " ") + " "
        return f"{pre}{value['written']} ({_g(value['si'])} {value['si_unit']})"
    except (KeyError, TypeError, ValueError):
        return ""


def _g(x: float) -> str:
    return f"{x:,.4g}" if abs(x) < 1e4 else f"{x:,.0f}"
