"""Clock times, durations and relative days: "at 1:28 a.m. EDT", "0128 local", "just after 1:30",
"for 36 hours", "three days later, on Friday".

Why: reports of one event disagree on when it happened as often as on how much, and "0045 hrs"
is a time, not a count of 45 hours. Each time keeps the interval its words allow, so "at 1:28
a.m." and "shortly before 1:30" agree while "1:28 a.m." and "2:40 a.m." do not.

value (``type`` says which):

- ``clock``: ``minutes`` after midnight as written (a 12-hour time without a.m./p.m. keeps
  ``ampm`` False and is compared modulo 12 hours), ``tz`` (as written: "EDT", "GMT", "local")
  and ``utc_offset`` in minutes where the zone names one, ``bound`` [low, high] in minutes
  (exact "1:28" ±1; a whole hour "4 p.m." ±20; about/around ±20; just/shortly after [t, t+20];
  just/shortly before [t-20, t]; before/by [t-6h, t]; after [t, t+6h]), ``day`` (a weekday
  right next to the time: "4 p.m. Saturday").
- ``duration``: ``seconds`` and ``bound`` (exact ±0 for whole units but decades, ±5 years;
  about ±10 %; more than / less than open-ended as in ``frames.bound``; a compound's round
  minutes ±5 or ±2.5), ``unit`` as written, also in Spanish, Portuguese or French ("30 años",
  "nueve meses", "8 ans"),
  ``term`` for the length of a lasting thing (a sentence, a contract, a mission, a delay) and
  its ``stance`` (sought, minimum, maximum). A clock time with a plan's word before it ("was
  scheduled for 4 p.m.") has " (planned)" after its event.
- ``relative``: "N days later/earlier": ``days`` (signed), ``anchor`` (the one date or weekday
  stated in the sentence before, when there is exactly one), ``stated`` (a date or weekday the
  phrase's own sentence gives) and ``fits`` (whether anchor + days gives stated; None when
  either is missing or the anchor is ambiguous).

The subject is the event the time belongs to (``events.event_of``): the event noun or verb
nearest before the time in its clause, else the first after it ("At 1:47 a.m. the rocket lifted
off"), as a stem or the class of its kind of happening ("derailed" / "the derailment" ->
"derai", "lifted off" / "the launch" -> "launch"; "the quake struck" -> "quake"; "it occurred"
-> "occur"); empty when none is found or the time is in parentheses (then it is never compared:
different events of one story happen at different times).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any

from audit.extract import dates
from audit.extract.events import PLANNED_BEFORE, event_of
from audit.extract.frames import approx_bound_kind
from audit.extract.frames import bound as frame_bound
from audit.extract.numbers import (
    ROMANCE_NUMBER_RE,
    ROMANCE_NUMBERS,
    WORDS_RE,
    approx_before,
    as_number,
    parse_decimal,
)
from audit.model import ClaimDraft, Context, SpanRef
from audit.text import Anchored

NAME = "times"
VERSION = "41"

_ZONES = {"EDT": -240, "EST": -300, "CDT": -300, "CST": -360, "MDT": -360, "MST": -420,
          "PDT": -420, "PST": -480, "AKDT": -480, "AKST": -540, "HST": -600, "GMT": 0,
          "UTC": 0, "Z": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
          "IST": 330, "JST": 540, "AEST": 600, "AEDT": 660}
# zone words that name a zone but not whether daylight saving applies: kept, no offset
_ZONE_WORDS = r"(?:ET|CT|MT|PT|Eastern|Central|Mountain|Pacific)"
_TZ = (rf"(?:[ \t]+(?:\(?(?P<tz>{'|'.join(sorted(_ZONES, key=len, reverse=True))}"
       rf"|{_ZONE_WORDS})\)?(?:[ \t]+(?:[Tt]ime|Daylight[ \t]+Time|Standard[ \t]+Time))?"
       r"|(?P<local>local(?:[ \t]+time)?)))?(?![\w])")
# Anchored: scanned only over lines holding a digit before a.m./p.m., a zone or "h", a digit
# colon digit, noon or midnight (what every clock time holds); the anchor opens with a plain
# class of its first characters, so its search skips in C.
_CLOCK = Anchored(re.compile(
    r"(?<![\w$€£¥.,:/#+\-–])"
    # a minute of one digit before a.m./p.m. is the minute garbled ("9:7 a.m.": 9:07)
    r"(?:(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d|\d(?=[ \t]*[AaPp])))?[ \t]*"
    r"(?P<ampm>[AaPp]\.[ \t]?[Mm]\.?|[AaPp][Mm](?![\w]))"
    r"|(?P<h24>[01]\d|2[0-3]):?(?P<m24>[0-5]\d)(?=[ \t]+(?:hrs|hours|h|GMT|UTC|Z|local)\b)"
    r"(?:[ \t]+(?:hrs|hours|h)\b)?"
    r"|(?P<hc>[01]?\d|2[0-3]):(?P<mc>[0-5]\d)(?![\d:]|[.,]\d)"
    r"|(?P<word>noon|midnight)(?![\w]))"
    + _TZ), re.compile(r"[\dnm](?:(?<=\d)(?:[ \t]*(?:[AaPp]\.|[AaPp][Mm])|[ \t]+(?:h|GMT|UTC|Z"
                   r"|local)|:\d)|(?<=n)oon|(?<=m)idnight)"))
_CLOCK_APPROX = re.compile(
    r"(?i)\b(?P<w>just[ \t]+after|shortly[ \t]+after|soon[ \t]+after|just[ \t]+before"
    r"|shortly[ \t]+before|just[ \t]+past|a[ \t]+little[ \t]+after|about|around|approximately"
    r"|roughly|some[ \t]+time[ \t]+after|sometime[ \t]+after|after|before|by|until|till"
    r"|as[ \t]+early[ \t]+as|as[ \t]+late[ \t]+as|circa|nearly|almost)[ \t]+(?:at[ \t]+)?$")
# A clock time given as minutes before or after another: "two minutes before 4 p.m.",
# "10 minutes past noon", "five minutes to midnight"
_OFFSET_BEFORE = re.compile(
    rf"(?i)(?<![\w-])(?P<n>\d{{1,2}}|{WORDS_RE})[ \t]+minutes?[ \t]+(?P<rel>before|after|past|to)"
    r"[ \t]+$")
_DAY_NEXT = re.compile(rf"[ \t]*,?[ \t]*(?:on[ \t]+)?(?P<wd>{dates._WD_FULL})\b")
_DAY_BEFORE = re.compile(rf"\b(?P<wd>{dates._WD_FULL})[ \t]*,?[ \t]+(?:at[ \t]+|around[ \t]+"
                         r"|about[ \t]+|shortly[ \t]+|just[ \t]+|before[ \t]+|after[ \t]+)*$")

_DUR_UNITS = {"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600,
              "day": 86400, "week": 604800, "month": 2629746, "year": 31556952,
              "decade": 315569520}
# Units of Spanish, Portuguese and French coverage (aggregators and translated wire copy),
# as the English unit each names: "30 años de prisión", "nueve meses", "dez anos", "30 ans".
_ROMANCE_UNITS = {
    "años": "year", "año": "year", "anos": "year", "ano": "year", "ans": "year",
    "années": "year", "année": "year", "meses": "month", "mes": "month", "mês": "month",
    "mois": "month", "semanas": "week", "semana": "week", "semaines": "week",
    "semaine": "week", "días": "day", "día": "day", "dias": "day", "dia": "day",
    "jours": "day", "jour": "day", "horas": "hour", "hora": "hour", "heures": "hour",
    "heure": "hour", "minutos": "minute", "minuto": "minute", "segundos": "second",
    "segundo": "second", "secondes": "second", "seconde": "second", "décadas": "decade",
    "década": "decade", "décennies": "decade", "décennie": "decade"}
_ROMANCE_UNIT_RE = "|".join(sorted(_ROMANCE_UNITS, key=len, reverse=True))
# Anchored: scanned only over the lines holding a unit after a space, tab or hyphen (every match
# ends with one), with the lines before them while a number phrase may run over the break
# ("two\nhundred years": the number words are joined by \s+)
_DURATION = Anchored(re.compile(
    r"(?<![\w$€£¥.,/:#+'’-])"
    # "two and a half years", "a two-and-a-half-year contract" first: the half is the figure's
    rf"(?P<num>(?:\d+|{WORDS_RE})(?:[ \t]+|-)and(?:[ \t]+|-)a(?:[ \t]+|-)half"
    rf"|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{WORDS_RE}|[Aa]n?|[Hh]alf[ \t]+an?"
    r"|[Aa][ \t]+couple[ \t]+of|[Ss]everal)"
    r"(?P<sep>[ \t]+|-)(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?"
    r"|months?|years?|decades?)(?![\w-])"
    # a Romance unit after digits or its own language's number word ("nueve meses")
    rf"|(?<![\w$€£¥.,/:#+'’-])(?P<rnum>\d{{1,3}}(?:[.,]\d{{3}})+|\d+|{ROMANCE_NUMBER_RE})"
    rf"(?P<rsep>[ \t]+)(?P<runit>{_ROMANCE_UNIT_RE})(?![\w-])"),
    re.compile(rf"[ \t-](?:sec|min|hour|hr|day|week|month|year|decade|{_ROMANCE_UNIT_RE})"),
    word_breaks=True)
_RELATIVE_AFTER = re.compile(r"[ \t]+(?P<rel>later|after|afterwards|afterward|earlier|before"
                             r"|ago|prior)\b")
_AGE = re.compile(r"(?i)[ \t-]+old\b|-old\b")
# a page's own age, as news sites print it above or below the story
_PAGE_AGE_BEFORE = re.compile(
    r"(?i)\b(?:published|posted|updated|modified|edited|uploaded|written)[ \t]+"
    r"(?:(?:about|over|around|almost|nearly|more[ \t]+than)[ \t]+)?\Z")

def _clock_minutes(m: re.Match[str]) -> tuple[int, bool, bool] | None:
    """(minutes after midnight, a.m./p.m. known, minutes written)."""
    if m["word"]:
        return (720 if m["word"].lower() == "noon" else 0), True, False
    if m["h12"]:
        h = int(m["h12"]) % 12
        if m["ampm"].lower().startswith("p"):
            h += 12
        return h * 60 + int(m["m12"] or 0), True, m["m12"] is not None
    if m["h24"]:
        return int(m["h24"]) * 60 + int(m["m24"]), True, True
    h = int(m["hc"])
    if h > 23:
        return None
    known = h >= 13 or m["hc"].startswith("0") or h == 0
    return h * 60 + int(m["mc"]), known, True


def _clock_bound(t: int, approx: str | None, minutes_written: bool) -> list[int]:
    if approx is None:
        slack = (1 if t % 5 else 3) if minutes_written else 20
        return [t - slack, t + slack]
    a = " ".join(approx.lower().split())
    if a in ("about", "around", "approximately", "roughly", "circa"):
        return [t - 20, t + 20]
    if a in ("just after", "shortly after", "soon after", "just past", "a little after"):
        return [t, t + 20]
    if a in ("just before", "shortly before", "nearly", "almost"):
        return [t - 20, t]
    if a in ("before", "by", "as late as", "until", "till"):
        return [t - 360, t]
    return [t, t + 360]  # after, as early as, some time after



def _clocks(ctx: Context, start: int, end: int, sents: Any) -> Iterator[ClaimDraft]:
    text = ctx.text
    for m in _CLOCK.finditer(text, start, end):
        got = _clock_minutes(m)
        if got is None:
            continue
        t, known, minutes_written = got
        s = m.start()
        e = m.end("local") if m["local"] else (m.end("tz") if m["tz"] else m.end(
            next(g for g in ("ampm", "m24", "mc", "word", "m12") if m[g] is not None)))
        if m["hc"] and not m["tz"] and not m["local"]:
            # "1:30" alone: a clock time only after at/about/after/... ("a 3:1 ratio", scores)
            if not re.search(r"(?i)\b(?:at|about|around|after|before|by|until|past|approximately"
                             r"|roughly|shortly|just)[ \t]+$", text[max(start, s - 16):s]):
                continue
        if m["word"] and not re.search(r"(?i)\b(?:at|about|around|after|before|by|until|past"
                                       r"|shortly|just)[ \t]+$", text[max(start, s - 16):s]):
            continue
        spans = [SpanRef(s, e, "value")]
        off = _OFFSET_BEFORE.search(text, max(start, s - 40), s)
        if off and (n := parse_decimal(off["n"])) is not None and 0 < n < 60:
            # "two minutes before 4 p.m.": 3:58 p.m., as exact as written
            t = (t + (int(n) if off["rel"].lower() in ("after", "past") else -int(n))) % 1440
            minutes_written = True
            spans = [SpanRef(off.start(), e, "value")]
            a = None
        else:
            a = _CLOCK_APPROX.search(text, max(start, s - 30), s)
        approx = a["w"] if a else None
        if a:
            spans.append(SpanRef(a.start("w"), a.end("w"), "context"))
        tz = m["tz"] or ("local" if m["local"] else None)
        value: dict[str, Any] = {
            "type": "clock", "minutes": t, "ampm": known, "tz": tz,
            "utc_offset": _ZONES.get(m["tz"] or ""), "approx": approx.lower() if approx else
            "exact", "bound": _clock_bound(t, approx, minutes_written),
        }
        lead = min(sp.start for sp in spans)  # where the time's words begin
        d = _DAY_NEXT.match(text, e, min(end, e + 16)) or _DAY_BEFORE.search(
            text, max(start, lead - 24), lead)
        if d:
            value["day"] = d["wd"]
        ss, se = sents.bounds(s, e)
        event = event_of(text, ss, lead, e, se, series=True)
        if event and PLANNED_BEFORE.search(text, max(ss, lead - 60), lead):
            # "was scheduled to have shortly before 4 p.m.": the time planned, not the time it
            # happened (a plan changed is no conflict with what then happened)
            event = f"{event} (planned)"
        yield ClaimDraft(kind="time", predicate="clock", subject=event, value=value,
                         spans=spans, qualifiers={}, extractor=NAME, version=VERSION)


_AND_A_HALF = re.compile(r"(?:[ \t]+|-)and(?:[ \t]+|-)a(?:[ \t]+|-)half\Z")


def _duration_value(m: re.Match[str]) -> float | None:
    if m["rnum"] is not None:  # a Romance unit: digits (thousands dotted or not) or a word
        word = ROMANCE_NUMBERS.get(m["rnum"].lower())
        return float(word) if word else float(re.sub(r"[.,]", "", m["rnum"]))
    num = m["num"].lower()
    half = _AND_A_HALF.search(num)
    if half:
        d = parse_decimal(num[:half.start()])
        return None if d is None else float(d) + 0.5
    if num in ("a", "an"):
        return 1.0
    if num.startswith("half"):
        return 0.5
    if "couple" in num:
        return 2.0
    if num == "several":
        return None
    d = parse_decimal(m["num"])
    return None if d is None else float(d)


def _unit_seconds(unit: str) -> int:
    u = _ROMANCE_UNITS.get(unit.lower()) or unit.lower().rstrip("s")
    return _DUR_UNITS[u]


# The length of a lasting thing ("a 25-day flight", "a four-year contract", "the mission will
# last 26 days", "a sentence of 20 years"): compared as that thing's length, whichever verb or
# event stands near, since each report states the term once and in its own words.
_TERMS = {"mission": "mission", "flight": "mission", "voyage": "mission", "journey": "mission",
          "expedition": "mission", "contract": "contract", "deal": "contract",
          "agreement": "contract", "lease": "lease", "sentence": "sentence", "ban": "ban",
          "suspension": "ban", "loan": "loan", "delay": "delay",
          # Spanish, Portuguese and French coverage: "una condena de 30 años", "contrato de
          # dos años", "une peine de 30 ans"
          "condena": "sentence", "pena": "sentence", "peine": "sentence",
          "contrato": "contract", "contrat": "contract"}
_TERM_RE = "|".join(sorted(_TERMS, key=len, reverse=True))
# right after the figure, at most one word between: "25-day uncrewed flight", "two-year deal"
_TERM_AFTER = re.compile(rf"(?:[ \t]+|-)(?:[a-z]+[ \t]+)?(?P<w>{_TERM_RE})s?\b")
# before it in its clause: "the mission will last", "a contract that runs for", "a ban of",
# "a contract for"
_TERM_BEFORE = re.compile(
    rf"(?i)\b(?P<w>{_TERM_RE})\b(?:(?:,?[ \t]+[\w'’-]+){{0,4}}?,?[ \t]+(?:(?:will|would|to|should"
    r"|could|may|might|is[ \t]+expected[ \t]+to)[ \t]+last|lasts|lasted|lasting|runs|ran"
    r"|running|spans|spanned|spanning)(?:[ \t]+for)?|[ \t]+(?:of|for|de))[ \t]+$")
# A prison term said with its verb ("sentenced on Wednesday to 30 years", "jailed for 12
# years", "condenado a 30 años", "condamné à 30 ans") or its prison after it ("30 años de
# prisión", "30 ans de prison"): the sentence's length, as "a 30-year sentence" is.
_SENTENCED_BEFORE = re.compile(
    r"(?i)\b(?:sentenced|jailed|imprisoned|condenad[oa]s?|sentenciad[oa]s?|condamn[ée]e?s?)"
    r"(?:[ \t]+[\w.'’-]+){0,5}?[ \t]+(?:to|for|a|à)[ \t]+$")
_PRISON_AFTER = re.compile(
    r"(?i)[ \t]+(?:de|em|en)[ \t]+(?:prisión|cárcel|prisão|cadeia|prison|reclusión|réclusion)\b")
# the watch a court keeps after or instead of prison: another term than the prison sentence
# the same verb gives ("sentenced to 57 months and three years of supervised release")
_WATCHED_AFTER = re.compile(
    r"(?i)['’]?[ \t]+(?:of[ \t]+)?(?:supervised[ \t]+release|probation|parole"
    r"|community[ \t]+service|libertad[ \t]+(?:condicional|vigilada|supervisada))\b")
# the slack of a rounded length: days to within 5 %, weeks and months to half a unit (a
# "four-week mission" may be 26 days); years are counted whole ("four-year" vs "five-year")
_TERM_SLACK = {86400: 0.05, 604800: 0.5, 2592000: 0.5}


# A hyphenated length before a noun is that thing's length ("12-hour shifts", "a 24-hour
# strike"), not the event's; and such lengths are written round ("a 15-week trial", "a
# 70-year history" for 69 seasons), so they are compared with nothing (subject ""), as a
# length with no event.
# A verb right before "over" spreads something across a length ("released over four days",
# "paid over ten years"); after "for", "lasted" or a noun it is "more than" ("for over four
# days")
_SPREAD_BEFORE = re.compile(r"(?i)\b(?!(?:lasted|lasting)\b)[a-z]{3,}(?:ed|en)[ \t]+$")
# A span counted from when the page was written ("to be released over the next two days",
# "in the past 24 hours"): pages written on other days count other spans, so it is compared
# with nothing
_WINDOW_BEFORE = re.compile(
    r"(?i)\b(?:over|in|within|during|for|across)[ \t]+the[ \t]+(?:next|coming|following|past"
    r"|last|previous|preceding)[ \t]+$")
# the noun may be hyphenated ("a four-day cease-fire") or follow names ("the four-day
# Israel-Hamas truce")
_HELD_AFTER = re.compile(
    r"[ \t]+(?:[A-Z][\w’'-]*[ \t]+){0,2}(?P<w>[a-z]{3,}(?:-[a-z]{2,})*)\b(?!-)")
_NOT_HELD = frozenset("""old long ago later earlier before after and or of the to in on for with
    from high wide deep away""".split())


# The span a record or a first is counted over: "the first new model in four years", "its
# biggest quake in 120 years": compared as that span, whatever the noun between.
_RECORD_BEFORE = re.compile(
    r"(?i)\b(?P<w>first|biggest|largest|deadliest|worst|strongest|highest|lowest|fastest"
    r"|best)\b(?:[ \t]+(?!(?:will|would|could|should|can|may|might|to|within|after|expected"
    r"|plans?|set)\b)[\w'’-]+){0,8}?[ \t]+in[ \t]+$")  # not "the first will open in 3 years"


def _record(text: str, s: int, ss: int) -> str | None:
    """The record word whose span the duration at ``s`` gives ("first"), or None."""
    m = _RECORD_BEFORE.search(text, max(ss, s - 80), s)
    return m["w"].lower() if m else None


# What a term's length is said to be, from the words before it in its clause: the most a law
# allows ("faces up to 40 years", "carries a maximum sentence of 40 years"), the least it
# allows ("a mandatory minimum sentence of 15 years") or what a side asks
# for ("prosecutors requested a 30-year sentence") is not the term imposed ("sentenced to 22
# years"): each is compared only with lengths of its own stance.
_STANCE_BEFORE = re.compile(
    r"(?i)\b(?:(?P<min>minimum|min\.?|mínim[oa]s?)|(?P<max>maximum|max\.?|up[ \t]+to"
    r"|fac(?:e|es|ed|ing)|carr(?:y|ies|ied|ying)|punishable|could[ \t]+(?:get|receive)"
    r"|máxim[oa]s?|hasta|até|jusqu['’]à)"
    r"|(?P<sought>request(?:s|ed|ing)?|sought|seek(?:s|ing)?"
    r"|ask(?:s|ed|ing)?[ \t]+for|call(?:s|ed|ing)?[ \t]+for|recommend(?:s|ed|ing)?"
    r"|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|push(?:es|ed|ing)?[ \t]+for|want(?:s|ed)?"
    # Spanish, Portuguese, French: "pidió", "solicitaron", "pediu", "a requis", "réclamé"
    r"|pidi(?:ó|o|eron)|pid(?:e|en|ía|ió)|solicit(?:ó|aron|a|an)|reclam(?:ó|aron|a|an)"
    r"|exigi(?:ó|eron)|pedido|solicitado|reclamado|exigido|pediu|pediram|requis"
    r"|réclam[ée]e?s?|demand[ée]e?s?))(?!\w)")
_CLAUSE_BREAK = re.compile(
    r"(?i)[,;:(]|\b(?:but|while|whereas|although|though|and|pero|mientras|mais)\b")


# A length that is one end of a range ("sentences ranging from three to 20 years", "between 3
# years and 15 years"): the spread over several things (each defendant's term), not one
# thing's length, compared only with other ranges' ends.
_NUM = rf"(?:\d+(?:\.\d+)?|{WORDS_RE})"
# the closing end: "to"/"and" right before it, "from"/"between" and a number earlier in the
# sentence ("from 3 years in prison, 2 of which were suspended, to 15 years")
_PAIRED = {"from": "to", "between": "and"}
_TO_BEFORE = re.compile(r"(?i)\b(?P<w>to|and)[ \t]+$")
_FROM_NUMBER = re.compile(rf"(?i)\b(?P<w>from|between)[ \t]+{_NUM}\b")
# the opening end: "from"/"between" right before it, "to"/"and" and a length after it
_FROM_BEFORE = re.compile(r"(?i)\b(?P<w>from|between)[ \t]+$")
_TO_LENGTH = re.compile(
    rf"(?i)\b(?P<w>to|and)[ \t]+{_NUM}[ \t-]+(?:seconds?|minutes?|hours?|days?|weeks?|months?"
    r"|years?)\b")
_RANGE_REACH = 80


def _range_end(text: str, s: int, e: int, ss: int, se: int) -> bool:
    """Whether the length at text[s:e] opens or closes a range within its sentence."""
    to = _TO_BEFORE.search(text, max(ss, s - 8), s)
    if to is not None and any(_PAIRED[f["w"].lower()] == to["w"].lower() for f in
                              _FROM_NUMBER.finditer(text, max(ss, s - _RANGE_REACH), to.start())):
        return True
    fr = _FROM_BEFORE.search(text, max(ss, s - 12), s)
    return fr is not None and any(_PAIRED[fr["w"].lower()] == t["w"].lower() for t in
                                  _TO_LENGTH.finditer(text, e, min(se, e + _RANGE_REACH)))


# A length bounded by a clause right after it ("worked with him for six years while he played
# in Anaheim"): the span of one period of the happening, not its whole length; compared only
# with lengths bounded alike
_WHILE_AFTER = re.compile(r"(?i),?[ \t]+(?:while|when|during)[ \t]+")


# What a side asked for, said after the length ("the 25 years prosecutors had sought", "los
# 25 años de cárcel que solicitaba la fiscalía"): a request, whatever came before it.
_SOUGHT_AFTER = re.compile(
    r"(?i)(?:[ \t]+(?:de|em|en|in)[ \t]+(?:prison|prisión|cárcel|prisão|cadeia|jail))?"
    r"[ \t]+(?:(?:that|which|que)[ \t]+)?(?:[\w'’]+[ \t]+){0,3}?(?:(?:had|has|have)[ \t]+)?"
    r"(?:sought|requested|asked[ \t]+for|wanted|recommended|demanded|solicitaba|solicitaban"
    r"|solicitó|solicitaron|pedía|pedían|pidió|pidieron|reclamaba|pedia|pediu|pediram"
    r"|réclamait|requérait|avait[ \t]+requis)\b")


def _stance(text: str, s: int, ss: int, e: int | None = None) -> str | None:
    """"minimum", "maximum", "sought" or None (the term imposed or stated) for a term's length
    at ``s``: a request said right after it (``_SOUGHT_AFTER``, when its end ``e`` is given),
    else the last cue in its clause (after the last comma, "and" or "but" before it)."""
    if e is not None and _SOUGHT_AFTER.match(text, e):
        return "sought"
    lo = max(ss, s - 120)
    for b in _CLAUSE_BREAK.finditer(text, lo, s):
        lo = b.end()
    found = None
    for m in _STANCE_BEFORE.finditer(text, lo, s):
        found = "minimum" if m["min"] else "maximum" if m["max"] else "sought"
    return found


# How late something happened, said without the noun "delay": "delayed by 36 minutes",
# "pushed back 30 minutes", "kicked off 35 minutes late" or "later than planned": each the
# length of one delay, whatever verb the report uses for the thing delayed.
_DELAYED_BEFORE = re.compile(
    r"(?i)\b(?:delayed|postponed|pushed[ \t]+back|held[ \t]+up|put[ \t]+back)(?:[ \t]+(?:by|for))?"
    r"[ \t]+$")
_LATE_AFTER = re.compile(
    r"(?i)[ \t]+(?:late\b|behind[ \t]+schedule\b"
    r"|later[ \t]+than[ \t]+(?:(?:the|its|their|was|had[ \t]+been|originally|first|initially)"
    r"[ \t]+){0,2}(?:planned|scheduled|expected|set|billed|advertised|announced)\b)")


def _term(text: str, s: int, e: int, ss: int, hyphen: bool) -> str | None:
    """The lasting thing a duration at text[s:e] is the length of, or None."""
    if _LATE_AFTER.match(text, e) or _DELAYED_BEFORE.search(text, max(ss, s - 30), s):
        return "delay"
    if _WATCHED_AFTER.match(text, e):
        return "probation"  # "sentenced to ... three years of supervised release"
    if _PRISON_AFTER.match(text, e) or _SENTENCED_BEFORE.search(text, max(ss, s - 80), s):
        return "sentence"
    after = _TERM_AFTER.match(text, e)
    if after and (hyphen or after.group(0).strip().lower() == after["w"].lower()):
        return _TERMS[after["w"].lower()]
    before = _TERM_BEFORE.search(text, max(ss, s - 90), s)
    if before:
        return _TERMS[before["w"].lower()]
    return None


def _term_bound(secs: float, unit_secs: int, n: float, b: list) -> list:
    """A whole count's bound widened by the rounding a report of a term's length allows."""
    slack = _TERM_SLACK.get(unit_secs)
    if slack is None or b[0] != b[1] or not float(n).is_integer():
        return b
    width = secs * slack if unit_secs == 86400 else unit_secs * slack
    return [max(0.0, secs - width), secs + width]


# the smaller unit of a compound duration: "four hours and 42 minutes", "4 hours 42 minutes",
# "an 11 hour and 55-minute orbit"
# (and a prison term's "four years and nine months", said of a 57-month sentence)
_NEXT_UNIT = {3600: ("minute", "min"), 86400: ("hour", "hr"), 60: ("second", "sec"),
              _DUR_UNITS["year"]: ("month",)}
_AND_SMALLER = re.compile(
    rf"[ \t]+(?:and[ \t]+)?(?P<num>\d{{1,2}}|{WORDS_RE})(?:[ \t]+|-)"
    r"(?P<unit>minutes?|mins?|hours?|hrs?|seconds?|secs?|months?)(?![\w-])")


def _smaller_part(text: str, e: int, end: int, unit_secs: int
                  ) -> tuple[float, int, bool] | None:
    """(seconds, end, hyphenated) of the smaller unit right after a duration ("and 42
    minutes"; hyphenated: "and 55-minute", the whole a length said of the noun after it)."""
    m = _AND_SMALLER.match(text, e, min(end, e + 40))
    if m is None or unit_secs not in _NEXT_UNIT or not m["unit"].lower().startswith(
            _NEXT_UNIT[unit_secs]):
        return None
    n = parse_decimal(m["num"])
    if n is None or n <= 0:
        return None
    return float(n) * _unit_seconds(m["unit"]), m.end(), text[m.start("unit") - 1] == "-"


def _rounded_minor(b: list, minor: float, unit_secs: int) -> list:
    """A compound length's bound widened by the rounding of its smaller part: "an hour and 20
    minutes" is said of an 82-minute wait (minutes in tens or fives round to the nearest ten or
    five); an odd smaller part ("an hour and 22 minutes") is exact."""
    step = {3600: 60, 86400: 3600, 60: 1, _DUR_UNITS["year"]: _DUR_UNITS["month"]}.get(unit_secs)
    if step is None or b[0] != b[1]:
        return b
    count = round(minor / step)
    half = 5 * step if count % 10 == 0 else 2.5 * step if count % 5 == 0 else 0
    return [max(0.0, b[0] - half), b[1] + half] if half else b


def _durations(ctx: Context, start: int, end: int, sents: Any) -> Iterator[ClaimDraft]:
    text = ctx.text
    consumed = start
    for m in _DURATION.finditer(text, start, end):
        s, e = m.start(), m.end()
        if s < consumed:
            continue  # the smaller unit of a compound duration already read
        if _AGE.match(text, e, min(end, e + 6)):
            continue  # ages are a person's attribute, not a duration
        if m["sep"] == "-" and re.match(r"-?[ \t]*old\b", text[e:e + 6]):
            continue
        n = _duration_value(m)
        if n is None or n <= 0:
            continue
        unit = m["unit"] or m["runit"]
        secs = n * _unit_seconds(unit)
        rel = _RELATIVE_AFTER.match(text, e, min(end, e + 14))
        if rel and rel["rel"].lower() == "ago" and _PAGE_AGE_BEFORE.search(
                text, max(start, s - 40), s):
            continue  # "This was published 7 months ago": the page's age, not the story's
        ss, se = sents.bounds(s, e)
        approx = approx_before(text, s, start)
        if approx and text[approx[1]:approx[2]].lower() == "over" and _SPREAD_BEFORE.search(
                text, max(start, approx[1] - 30), approx[1]):
            approx = None  # "to be released over four days": across them, not more than
        spans = [SpanRef(s, e, "value")]
        if approx:
            spans.append(SpanRef(approx[1], approx[2], "context"))
        if rel and _unit_seconds(unit) == 86400 or rel and _unit_seconds(unit) == 604800:
            if rel["rel"].lower() in ("later", "after", "afterwards", "afterward", "earlier",
                                      "before", "prior") and float(n).is_integer():
                days = int(n) * (7 if _unit_seconds(unit) == 604800 else 1)
                if rel["rel"].lower() in ("earlier", "before", "prior"):
                    days = -days
                # "on Saturday, four days after the fires began on Tuesday": a preposition
                # measures from the day stated after it (the adverbs "later"/"earlier" from
                # the day stated before)
                preposition = rel["rel"].lower() in ("after", "before", "prior") and bool(
                    re.match(r"[ \t]+(?:to[ \t]+)?[\w“\"']", text[rel.end():rel.end() + 5]))
                yield _relative(ctx, start, end, sents, s, rel.end(), days,
                                [SpanRef(s, rel.end(), "value"), *spans[1:]], preposition)
                continue
        smaller = None if rel else _smaller_part(text, e, end, _unit_seconds(unit))
        if smaller is not None:
            secs += smaller[0]
            n = secs / _unit_seconds(unit)
            e = consumed = smaller[1]
            spans[0] = SpanRef(s, e, "value")
            rel = _RELATIVE_AFTER.match(text, e, min(end, e + 14))
        kind = approx_bound_kind(text, approx) if approx else None
        b = frame_bound(secs, kind)
        if kind == "about" and smaller is None and float(n).is_integer() and b[1] is not None:
            # "about a month", "about two hours": rounded to the unit, so half a unit either
            # way at least ("about a month" for a 41-day strike)
            half = _unit_seconds(unit) / 2
            b = [max(0.0, min(b[0] or 0.0, secs - half)), max(b[1], secs + half)]
        if smaller is not None and not approx:
            b = _rounded_minor(b, smaller[0], _unit_seconds(unit))
        if (not approx and b[0] == b[1] and _unit_seconds(unit) == _DUR_UNITS["decade"]
                and float(n).is_integer()):
            # "the highest in two decades" is said of 23 years: whole decades are round
            b = [max(0.0, secs - _DUR_UNITS["decade"] / 2), secs + _DUR_UNITS["decade"] / 2]
        if (not approx and b[0] == b[1] and _unit_seconds(unit) == 1 and smaller is None
                and float(n).is_integer()):
            # a stopwatch's whole seconds are cut or rounded by each outlet ("12 seconds" /
            # "13 seconds" for a goal timed at 12.91): n - 0.5 to n + 1
            b = [secs - 0.5, secs + 1.0]
        term = _term(text, approx[1] if approx else s, e, ss, m["sep"] == "-")
        if term != "delay" and rel:
            term = None  # "two hours later" is no length of a term; "later than planned" is
        elif term == "delay":
            rel = None
        if term:
            b = _term_bound(secs, _unit_seconds(unit), n, b)
        value = {"type": "duration", "seconds": as_number_f(secs), "n": as_number_f(n),
                 "unit": unit.lower(), "approx": approx[0] if approx else "exact",
                 "bound": b}
        if rel:
            value["relation"] = rel["rel"].lower()
        record = None if rel or term else _record(text, approx[1] if approx else s, ss)
        ranged = not rel and _range_end(text, approx[1] if approx else s, e, ss, se)
        stance = _stance(text, s, ss, e) if term else None  # "up to" itself says maximum
        if ranged:
            stance = "range"
        if term:
            value["term"] = term
            if stance:
                value["stance"] = stance
        if record:
            value["record"] = record
            if (not approx and b[0] == b[1] and _unit_seconds(unit) == _DUR_UNITS["year"]
                    and float(n).is_integer() and n >= RECORD_YEARS_COUNTED_APART):
                # "the first fall in 60 years" and "in 61 years" count the years since one
                # year with or without it: n to n + 1 (a year is much of a short span: "the
                # first new model in 4 years" against 3 was a must-report on the dev set)
                b = [secs, secs + _DUR_UNITS["year"]]
                value["bound"] = b
        hyphenated = m["sep"] == "-" or smaller is not None and smaller[2]
        held = None if rel or term or record or not hyphenated else _HELD_AFTER.match(text, e)
        if held and held["w"].lower() in _NOT_HELD:
            held = None
        window = not term and not record and _WINDOW_BEFORE.search(
            text, max(ss, (approx[1] if approx else s) - 40), approx[1] if approx else s)
        event = (f"{term} length" + (f" ({stance})" if stance else "") if term
                 else f"{record} in" if record
                 else "" if held or window
                 else (event_of(text, ss, approx[1] if approx else s)
                       + (" (range)" if ranged else "")
                       + (" (while)" if _WHILE_AFTER.match(text, e) else "")).strip())
        yield ClaimDraft(kind="time", predicate="duration", subject=event, value=value,
                         spans=spans, qualifiers={}, extractor=NAME, version=VERSION)


RECORD_YEARS_COUNTED_APART = 10  # from this many years, a record's span may be one year off


def as_number_f(x: float) -> int | float:
    return int(x) if float(x).is_integer() else round(x, 3)


def _day_mentions(ctx: Context, lo: int, hi: int) -> list[tuple[int, int, str | None, str]]:
    """(start, end, iso or None, weekday) of the dates and weekdays stated in text[lo:hi]."""
    out = []
    for c in dates.extract(ctx, lo, hi):
        v = c.value
        if v.get("precision") not in ("day", "weekday"):
            continue
        iso = v.get("iso") if v.get("precision") == "day" and not str(
            v.get("iso") or "X").startswith("X") else None
        wd = v.get("weekday")
        if iso and not wd:
            wd = dt.date.fromisoformat(iso).strftime("%A")
        if not wd:
            continue
        sp = c.spans[0]
        if dates.page_stamp(ctx.text, lo, sp.start):
            continue  # "date 2024-05-26 A day after ...": when the page was written
        out.append((sp.start, sp.end, iso, wd))
    return sorted(out)  # in text order (dates in other languages are read after the rest)


def _relative(ctx: Context, start: int, end: int, sents: Any, s: int, e: int, days: int,
              spans: list[SpanRef], preposition: bool = False) -> ClaimDraft:
    text = ctx.text
    ss, se = sents.bounds(s, e)
    prev_s, _ = sents.bounds(max(start, ss - 2), max(start, ss - 1)) if ss > start else (ss, ss)
    if preposition:
        # "told reporters on Saturday, four days after the fires began on Tuesday": the
        # anchor is the first day after the phrase, the stated day the last before it, both
        # in the phrase's own sentence
        after = [d for d in _day_mentions(ctx, e, se) if d[0] >= e][:1]
        stated = [d for d in _day_mentions(ctx, ss, s) if d[1] <= s][-1:]
        if after and stated and 0 <= text.find(text[stated[0][0]:e], e,
                                               after[0][0] + e - stated[0][0]):
            after = []  # a caption printed twice with no stop between the copies: the day
            #             after the phrase is the next copy's stated day, no anchor
        before = after
    else:
        stated = [d for d in _day_mentions(ctx, ss, se) if d[0] >= e]
        # the anchor: the day stated before the phrase, in its sentence or the one before
        before = [d for d in _day_mentions(ctx, prev_s, s) if d[1] <= s]
    value: dict[str, Any] = {"type": "relative", "days": days, "anchor": None,
                             "stated": None, "fits": None}
    anchors = {(d[2] or d[3]) for d in before}
    if len(anchors) == 1 and stated:
        a, st = before[-1], stated[0]
        value["anchor"] = a[2] or a[3]
        value["stated"] = st[2] or st[3]
        if a[2] and st[2]:
            fits = (dt.date.fromisoformat(a[2]) + dt.timedelta(days=days)).isoformat() == st[2]
        else:
            wds = list(dates._WEEKDAYS)
            fits = wds[(wds.index(a[3]) + days) % 7] == st[3]
        value["fits"] = fits
        spans = [*spans, SpanRef(a[0], a[1], "context"), SpanRef(st[0], st[1], "weekday")]
    event = event_of(text, ss, s)
    return ClaimDraft(kind="time", predicate="relative", subject=event, value=value,
                      spans=spans, qualifiers={}, extractor=NAME, version=VERSION)


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    sents = ctx.sentences(start, end)
    clocks = list(_clocks(ctx, start, end, sents))
    yield from clocks
    taken = [(c.spans[0].start, c.spans[0].end) for c in clocks]
    for d in _durations(ctx, start, end, sents):
        s0, s1 = d.spans[0].start, d.spans[0].end
        if not any(a < s1 and s0 < b for a, b in taken):  # "0045 hrs" is a time, not 45 hours
            yield d


def label(value: Mapping[str, Any]) -> str:
    """"1:28 a.m. EDT", "36 hours", "3 days later (Tuesday -> Friday)" (value_text)."""
    try:
        t = value.get("type")
        if t == "clock":
            h, mi = divmod(int(value["minutes"]), 60)
            if value.get("ampm"):
                clock = f"{(h % 12) or 12}:{mi:02d} {'p.m.' if h >= 12 else 'a.m.'}"
            else:
                clock = f"{h}:{mi:02d}"
            approx = value.get("approx") or "exact"
            pre = "" if approx == "exact" else f"{approx} "
            tz = f" {value['tz']}" if value.get("tz") else ""
            day = f" {value['day']}" if value.get("day") else ""
            return f"{pre}{clock}{tz}{day}"
        if t == "duration":
            approx = value.get("approx") or "exact"
            pre = "" if approx == "exact" else approx.replace("_", " ") + " "
            return f"{pre}{value['n']:g} {value['unit']}"
        if t == "relative":
            d = int(value["days"])
            word = "later" if d >= 0 else "earlier"
            out = f"{abs(d)} days {word}"
            if value.get("anchor") and value.get("stated"):
                out += f" ({value['anchor']} -> {value['stated']})"
            return out
        if t == "minute":
            from audit.extract.minutes import label as minute_label

            return minute_label(value)
    except (KeyError, TypeError, ValueError):
        pass
    return ""


__all__ = ["extract", "label", "event_of", "as_number"]
