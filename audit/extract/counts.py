"""Counts of things: "nine Japanese companies" -> 9 x "japanese companies".

The subject is what is counted: up to 3 words after the number (a comma-joined adjective chain is
allowed), stopping at prepositions, verbs and punctuation, ending at the head noun (the last
plural-looking word; for "one", the last word). Evaluative words (new, other, additional, ...)
are dropped; descriptive ones stay, since "japanese companies" is not "companies". Coordinated
adjectives ("interdisciplinary, collaborative partnerships") are descriptive asides: only the
head noun is kept then. A bare noun joined by "and" to another plural counts both ("nine provinces
and prefectures" is another set than "five provinces").

Spans: role="value" for the number (with its scale word), role="context" for the counted noun
phrase as written; an approximation word ("more than", "about") gets a second role="context"
span and qualifier {"approx": ...}, so an approximate count is never compared with an exact one.

Skipped: money, years (4-digit numbers), dates, times, percentages, measures and durations
("two days"), ordinals, decimals, "one of/another/day", numbers glued to hyphens or inside phone
numbers, and digits right after a capitalised word ("Apollo 11", "Windows 11") or a label word
("page 3", "No. 5"). Idioms built on "one" count nothing: "under one roof", "in one go", "at one
point", "one by one", "one after another", "with one voice", "as one", "no one", "one time",
"one day", "one another", "for one thing", "one way or another", "all in one", "one and the
same"; so do "one"/"ones" used as a pronoun ("this one", "the one that").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from audit.claimvalues import CountValue
from audit.extract.frames import (
    RIVAL_AFTER,
    STATE_OF,
    approx_bound_kind,
    bound,
    charge_of,
    charge_stage,
    charges_listed,
    count_state,
    read_frame,
    whole_of_charges,
)
from audit.extract.numbers import (
    APPROX,
    INDIAN_RE,
    NUMBER_START_RE,
    ROMANCE_NUMBER_RE,
    ROMANCE_NUMBERS,
    SCALE_WORD_RE,
    SCALES,
    WORDS_RE,
    approx_before,
    as_number,
    parse_decimal,
    scan,
    scanner,
)
from audit.model import ClaimDraft, Context, SpanRef

NAME = "counts"
VERSION = "64"

# Nouns of Spanish, Portuguese and French coverage, by what English pages call them
ROMANCE_COUNT_NOUNS = {
    "personas": "people", "personnes": "people", "pessoas": "people",
    "pasajeros": "passengers", "passagers": "passengers", "passageiros": "passengers",
    "cargos": "counts", "victimes": "victims", "cuerpos": "bodies",
    "corpos": "bodies", "enfants": "children", "goles": "goals", "gols": "goals",
    "buts": "goals",
}  # (read as plurals in -s only: "víctimas", "niños" with letters outside ASCII, Italian
#    "persone" or German "Toren" are not read as counted nouns)
# Number words of those languages, read as counts only before one of those nouns ("seis
# cargos"): on their own several are English words ("once", "six") or articles
_ROMANCE_COUNT = (rf"{ROMANCE_NUMBER_RE}(?=[ \t]+(?:"
                  + "|".join(sorted(ROMANCE_COUNT_NOUNS))
                  + r")\b)")

# A number spelled out in scale words between its digit groups, as translations from Persian,
# Armenian or Russian write it: "16 million 384 thousand 403" (read whole, not as "403")
_COMPOSED = (r"(?:\d{1,3}[ \t]+[Bb]illion[ \t]+)?(?:\d{1,3}[ \t]+[Mm]illion[ \t]+)?"
             r"\d{1,3}[ \t]+[Tt]housand[ \t]+\d{1,3}(?![\d.,])")
_COMPOSED_PART = re.compile(r"(\d{1,3})[ \t]+([Bb]illion|[Mm]illion|[Tt]housand)")
# Thousands grouped with dots, as German, Spanish or Turkish pages write them: two groups or
# more ("13.538.179"), never one ("13.538" may be a decimal)
_DOTTED = r"\d{1,3}(?:\.\d{3}){2,}"

_COUNT = scanner(
    rf"(?=[\dAaCcDdEeFfHhNnOoQqSsTtVvZz])(?:(?={NUMBER_START_RE})|(?={_ROMANCE_COUNT}))"
    r"(?<![\w$€£¥₹₩.,/:#+\-–'’])"
    rf"(?P<num>{_COMPOSED}|{_DOTTED}(?![\d.])|\d+\.\d+(?=\s+{SCALE_WORD_RE}\b)|{INDIAN_RE}"
    rf"|\d{{1,3}}(?:,\d{{3}})+|\d+"
    rf"|{WORDS_RE}|{_ROMANCE_COUNT})"
    rf"(?:\s+(?P<scale>{SCALE_WORD_RE})\b)?"
    r"(?![\w\-–%/$€£¥]|[.,:]\d)",
    seps=r'\s(\[{"“‘«—',
)
# A breakdown of everyone counted, group by group: "120 passengers, 6 infants, two pilots and
# four crew" (three groups or more, each a number and a noun of one or two words)
_MEMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})*|{WORDS_RE})[ \t]+(?!and\b)[A-Za-z][\w'’-]*" \
    rf"(?:[ \t]+(?!and\b|on\b|in\b|at\b|of\b|to\b|from\b|were\b|was\b)[A-Za-z][\w'’-]*)?"
_MEMBER_SEP = r"(?:[ \t]*,[ \t]*(?:and[ \t]+|&[ \t]*)?|[ \t]+(?:and|&)[ \t]+)"
_BREAKDOWN = re.compile(rf"(?<![\w,.]){_MEMBER}(?:{_MEMBER_SEP}{_MEMBER}){{2,}}")
_MEMBER_WHOLE = re.compile(_MEMBER)  # one row with its second noun word
_MEMBER_RE = re.compile(
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})*|{WORDS_RE})[ \t]+(?P<noun>[A-Za-z][\w'’-]*)")


# Nouns that other pages use loosely for everyone counted ("130 passengers" for passengers,
# infants and crew); a breakdown's narrower groups (Kenyans beside Ugandans) are never that
_BROAD_GROUPS = frozenset({"passengers", "people", "occupants", "travellers", "travelers"})


def breakdown_sum(text: str, ns: int, ce: int, ss: int, se: int) -> int | None:
    """The sum of the breakdown by group the count at ``ns`` is one row of, or None: a page
    that says "130 passengers" may count the infants and crew another page lists beside its
    "120 passengers". Groups told by what happened to them ("12 dead, 30 injured") are a
    toll's breakdown, not this."""
    found = _breakdown_of(text, ns, ce, ss, se)
    if found is None:
        return None
    members = found[1]
    nouns = [x["noun"].lower() for x in members]
    if len(set(nouns)) < len(nouns) or any(n in STATE_OF for n in nouns):
        return None
    total = 0
    for x in members:
        v = parse_decimal(x["num"])
        if v is None:
            return None
        total += int(v)
    return total


def _breakdown_of(text: str, ns: int, ce: int, lo: int, hi: int
                  ) -> tuple[re.Match[str], list[re.Match[str]]] | None:
    """The breakdown by group within text[lo:hi] that the count at ns..ce is one row of, with
    its rows (number and first noun each), or None."""
    for m in _BREAKDOWN.finditer(text, lo, hi):
        if m.start() > ns:
            return None
        if m.end() < ce:
            continue
        return m, list(_MEMBER_RE.finditer(text, m.start(), m.end()))
    return None


BREAKDOWN_REACH = 300


def breakdown_state(text: str, ns: int, ce: int, ss: int, se: int) -> str | None:
    """What happened to the whole of a breakdown by group the count at ``ns`` is one row of,
    when the words around its first or last row say it: "Seventeen Chinese workers, five South
    Koreans and one Laotian were among the dead" (each row is a toll), "the dead included 18
    Chinese, two Koreans and one Laotian". None when the rows are themselves states ("12 dead,
    30 injured") or nothing is said. Only BREAKDOWN_REACH characters either side of the count
    are read: a run-on text without sentence ends must stay linear."""
    near = text[max(ss, ns - 8):ns] + " " + text[ce:min(se, ce + 40)]
    if "," not in near and "and" not in near and "&" not in near:
        return None  # no separator beside the count: it is no row of a breakdown
    lo, hi = max(ss, ns - BREAKDOWN_REACH), min(se, ce + BREAKDOWN_REACH)
    found = _breakdown_of(text, ns, ce, lo, hi)
    if found is None:
        return None
    m, members = found
    if any(x["noun"].lower() in STATE_OF for x in members):
        return None
    if members[-1].start() != ns:
        state = count_state(text, members[-1].start(), m.end(), lo, hi)
        if state:
            return state
    first = _MEMBER_WHOLE.match(text, m.start(), m.end())
    if first is not None and m.start() != ns:
        return count_state(text, m.start(), first.end(), lo, hi)
    return None


_TOKEN = re.compile(
    r"(?P<sep>[^\S\n]+|[^\S\n]*\n[^\S\n]*|[^\S\n]*,[^\S\n]*)"
    r"(?P<tok>(?:[A-Z]\.){2,}|[A-Za-z]+(?:[-'’][A-Za-z]+)*)"
)

_STOP = frozenset(
    """of in on at by for with from to into onto over under about between among across through
    during after before since until per via than as like and or but nor so yet if that which who
    whom whose where when while the a an this these those its their his her our your my is are
    was were be been being has have had do does did will would can could may might must shall
    should said says say told including include includes such each both all not also only just
    there here it they we he she them us i you out up down off away ago later earlier
    then""".split()
)
_EVALUATIVE = frozenset(
    """new other additional unspecified several more further separate different major leading
    key main top total respective distinct individual notable prominent important various
    numerous""".split()
)
# Heads that are measures, durations, currencies or placeholders, not things being counted.
_REJECT_HEADS = frozenset(
    """day days week weeks month months year years hour hours minute minutes second seconds
    decade decades century centuries time times percent percentage percentages point points
    mile miles kilometre kilometres kilometer kilometers km meter meters metre metres foot feet
    inch inches pound pounds kilogram kilograms kg ton tons tonne tonnes acre acres degree
    degrees dollar dollars euro euros yen yuan won cent cents rupee rupees franc francs am pm
    another others ones way ways thing things hand side o'clock gb mb tb hrs hr mins min secs sec
    mph kph lb lbs ft km kg kms kgs yards tonnes gallons litres liters acres hectares knots
    horsepower hp bytes kilobytes megabytes gigabytes terabytes watts kilowatts megawatts
    gigawatts millionen milliarden mio mrd millones milhões milhoes bilhões bilhoes milioni
    miliardi milliards""".split()
)
_MONTHS_WEEKDAYS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday""".split()
)
_CURRENCY_CODES = frozenset(
    "usd eur gbp jpy cny rmb chf cad aud inr krw hkd sgd nzd twd brl mxn".split()
)
# Words after which a number is a label or identifier, not a count.
_LABELS = frozenset(
    """page pages chapter section room number no route version vol volume issue article figure
    fig table step level phase grade gate act rule title season episode part item line unit
    floor suite box lot flight bus minute minuto minuta minuten""".split()
)  # (a minute of play: "in the minute 112 after a pass", "en el minuto 112 tras un pase")
_AFTER_ONE = frozenset("the this that no any every each which a some another someone".split())
# Idioms built on "one": the number is part of a set phrase, not a count ("under one roof").
_ONE_IDIOM = re.compile(
    r"(?i:(?:under|beneath)[ \t\u00a0]+one[ \t\u00a0]+(?:roof|banner|umbrella)"
    r"|(?:in|at)[ \t\u00a0]+one[ \t\u00a0]+(?:go|sitting|stroke|breath|swoop|fell[ \t\u00a0]+"
    r"swoop|piece|point|stage|time|place|blow|hit)"
    r"|(?:with|in)[ \t\u00a0]+one[ \t\u00a0]+(?:voice|accord|mind)"
    r"|(?:all|rolled)[ \t\u00a0]+(?:in)?to[ \t\u00a0]+one|all[ \t\u00a0]+in[ \t\u00a0]+one"
    r"|for[ \t\u00a0]+one[ \t\u00a0]*(?:,|thing\b)"
    r"|(?:as|no)[ \t\u00a0]+one(?=[ \t\u00a0]*[.,;:!?)]|\Z)"
    r"|one[ \t\u00a0]+(?:by|after|at|on|to|or|and)[ \t\u00a0]+(?:one|another|the[ \t\u00a0]+"
    r"other|a[ \t\u00a0]+time|the[ \t\u00a0]+same|all)(?![\w-])"
    r"|one[ \t\u00a0]+(?:day|time|another|way|thing|hand|more[ \t\u00a0]+time|of[ \t\u00a0]+"
    r"a[ \t\u00a0]+kind|size[ \t\u00a0]+fits[ \t\u00a0]+all|step[ \t\u00a0]+(?:closer|"
    r"further|ahead|forward|at[ \t\u00a0]+a[ \t\u00a0]+time))(?![\w-]))"
)
_IRREGULAR_PLURALS = frozenset(
    """people children men women staff personnel police faculty data media alumni criteria
    cattle fish sheep deer aircraft offspring crew""".split()
)
# a rate: "11.3 million vehicles a year" is not a count of one group
_RATE = re.compile(r"(?i)[ \t]+(?:a|an|per|each|every)[ \t]+(?P<per>year|month|week|day|hour"
                   r"|minute|second)\b|[ \t]+(?P<adv>annually|yearly|daily|weekly|monthly)\b")
_ADVERB_RATE = {"annually": "year", "yearly": "year", "daily": "day", "weekly": "week",
                "monthly": "month"}
_PART_OF_GROUP = re.compile(r"(?i)\b(?:other|additional|more|further|remaining|extra)\b")
# A group told by sex ("a jury of eight men and four women", "four women and eight men"):
# each count is a part of the group, compared only with parts, not with another group of
# women (the two women a defendant is convicted over)
_SEX_NOUNS = ("men", "women", "boys", "girls", "males", "females")
_SEXES = "(?:" + "|".join(_SEX_NOUNS) + ")"
_SEX_SPLIT_AFTER = re.compile(rf"[ \t]+and[ \t]+(?:\d+|{WORDS_RE})[ \t]+{_SEXES}\b", re.I)
_SEX_SPLIT_BEFORE = re.compile(rf"\b(?:\d+|{WORDS_RE})[ \t]+{_SEXES}[ \t]+and[ \t]+$", re.I)
# Those of a group whose names are given: "released the names of two soldiers who died" (of
# three aboard) counts the named, a part of the group
# ("the names of the 12 victims" names the whole group: not a part)
_NAMED_PART_BEFORE = re.compile(r"(?i)\b(?:names|identities)[ \t]+of[ \t]+$")
_NAMED_STATES = frozenset({"named", "identified"})  # "the two soldiers named"
# What a score is of in a contest: the winning margin ("won by seven runs", "by 12 votes",
# "with six balls to spare") or
# what a side still needed ("needed 16 runs", "16 runs to win"): neither is a tally of the
# game, and each is compared only with its own kind
_BALL_NOUNS = frozenset("balls ball deliveries delivery overs over".split())
_SCORE_NOUNS = frozenset("""runs wickets points goals strokes shots votes seats lengths
    run wicket point goal stroke shot vote seat length""".split()) | _BALL_NOUNS
_MARGIN_BEFORE = re.compile(r"(?i)\bby[ \t]+(?:just[ \t]+|only[ \t]+)?$")
# what was left when the chase was won: "with six balls to spare", "with two overs remaining"
_SPARE_AFTER = re.compile(r"(?i)[ \t]+(?:to[ \t]+spare|remaining|left|in[ \t]+hand)\b")
# (and a vote's threshold: "the required majority of 288 votes", "288 votes needed for the
# motion to pass": the votes a motion needs, never the votes it got)
_NEEDED_BEFORE = re.compile(r"(?i)\b(?:need(?:ed|s|ing)?|requir(?:ed|es|ing)|chasing|target"
                            r"[ \t]+of|majority[ \t]+of|threshold[ \t]+of)[ \t]+"
                            r"(?:another[ \t]+|a[ \t]+further[ \t]+)?$")
_TO_WIN_AFTER = re.compile(r"(?i)[ \t]+(?:to[ \t]+win|for[ \t]+victory|(?:were[ \t]+|are[ \t]+)?"
                           r"(?:needed|required|necessary)[ \t]+(?:for|to)|to[ \t]+(?:pass|"
                           r"succeed|carry|topple|bring[ \t]+down)\b)")
# The part of a whole that something happened to: "10 cars, eight of which derailed"
_SOME_OF_WHICH = re.compile(
    rf"[ \t]*,[ \t]*(?P<num>\d+|{WORDS_RE})[ \t]+of[ \t]+(?:which|whom|them)[ \t]+"
    r"(?:(?:were|was|had|have|has|also|all|reportedly|then)[ \t]+){0,2}(?P<w>[a-z]{3,}ed)\b")
# A position picks some of a group: "its rearmost two coaches", "the first three cars"
_PART_BY_POSITION = re.compile(
    r"(?i)\b(?:first|rear|rearmost|front|foremost|leading|final|remaining|top|bottom"
    r"|next|other|otros|otras|outros|outras|autres)[ \t]+$"
    # "last" is a position only after a determiner ("its last two coaches"), else a verb
    # ("oxygen that would last five people")
    r"|\b(?:the|its|their|his|her|our|a|these|those)[ \t]+last[ \t]+$")
# One thing counted under regional names: a railway "bogie" or "carriage" is a coach, "persons"
# are people. The counted noun is the comparison key, so the names are folded into one.
_SAME_THING = {"bogie": "coach", "bogies": "coaches", "carriage": "coach",
               "carriages": "coaches", "persons": "people", "count": "counts",
               "charge": "counts", "charges": "counts",
               # one count in another language's pages of the story: "40 personas" is "40
               # people", "seis cargos" six counts of an indictment
               **ROMANCE_COUNT_NOUNS}


# a governing majority (not "the majority of 300 students", most of them): after an article,
# a possessive or an adjective, right before the number
_MAJORITY_BEFORE = re.compile(
    r"(?i)\b(?:a|an|its|their|his|her|[a-z]+['’]s|working|overall|absolute|landslide|commanding"
    r"|comfortable|slim|narrow|outright|clear|huge|big|large|thin|reduced|increased|new)"
    r"(?:[ \t]+[a-z]+)?[ \t]+(?P<w>majority)[ \t]+of[ \t]+$")

# "a team of 18 people", "a panel of nine judges": the size of a body that acts in the story
# (investigators, a jury), not a group things happened to; counted as that body
_BODIES = r"(?P<w>team|panel|delegation|squad|committee|jury|task[ \t]+force|contingent)"
_BODY_BEFORE = re.compile(
    rf"(?i)\b{_BODIES}"
    r"[ \t]+of[ \t]+(?:(?:about|around|some|roughly|nearly|almost|over|more[ \t]+than"
    r"|up[ \t]+to|at[ \t]+least)[ \t]+)?$")


# the body whose men and women are counted: "a jury of seven men and [five women]"
_BODY_SPLIT_BEFORE = re.compile(
    rf"(?i)\b{_BODIES}[ \t]+of[ \t]+(?:\d+|{WORDS_RE})[ \t]+{_SEXES}[ \t]+and[ \t]+$")


# people of one country, however named: "53 Nepali", "57 Nepalis", "53 Nepalese passengers",
# "53 Nepali nationals" all count Nepal's people aboard (the noun after the demonym, if any,
# names people)
_PEOPLE_NOUNS = frozenset(
    """nationals citizens people persons passengers victims tourists travellers travelers
    residents nationals workers""".split())


def nationals(words: list[str]) -> str | None:
    """"<country> nationals" for a counted phrase that is a demonym, alone or before a noun
    for people ("Nepalis", "Nepali citizens"); else None."""
    from audit.resolve.countries import country_key, country_name

    if not words or len(words) > 2 or not words[0][:1].isupper():
        return None
    if len(words) == 2 and words[1].lower() not in _PEOPLE_NOUNS:
        return None
    w = words[0]
    code = country_key(w) or (country_key(w[:-1]) if w.endswith("s") and len(w) > 4 else None)
    return None if code is None else f"{country_name(code)} nationals"


def same_thing(subject: str) -> str:
    """The subject with its last word folded to the common name of what it counts."""
    head, _, last = subject.rpartition(" ")
    folded = _SAME_THING.get(last)
    return subject if folded is None else f"{head} {folded}".strip()


_AND_NOUN = re.compile(r"[ \t]+and[ \t]+(?P<w>[a-z]+)\b(?![ \t]*[-\d])")
_APPROX_WORDS = frozenset(w for phrase in APPROX for w in phrase.split())


def _plural(tok: str) -> bool:
    t = tok.lower()
    if t in _IRREGULAR_PLURALS:
        return True
    if len(t) >= 6 and t.endswith("is") and tok[:1].isupper():
        return True  # demonyms: "Nepalis", "Israelis", "Iraqis" (not "analysis")
    return len(t) > 2 and t.endswith("s") and not t.endswith(("ss", "us", "is", "ous"))


def _verbish(tok: str) -> bool:
    return len(tok) > 4 and tok.lower().endswith(("ed", "ing"))


def _noun_phrase(
    text: str, pos: int, end: int, n_is_one: bool
) -> tuple[list[re.Match[str]], int, int] | None:
    """(kept tokens, context start, context end) of the counted noun phrase, or None."""
    toks: list[re.Match[str]] = []
    comma = False
    head = -1
    while len(toks) < 6:
        t = _TOKEN.match(text, pos, end)
        if not t:
            break
        word = t["tok"].lower()
        if "," in t["sep"]:
            # A comma may only join adjectives before the head: "new, collaborative partnerships".
            if parse_decimal(word) is not None and head < 0 and toks and all(
                    x["tok"][0].isupper() for x in toks):
                # "53 Nepali, five Indian, four Russians": each item counts its own people
                head = len(toks) - 1
                break
            if head >= 0 or not toks or word in _STOP or t["tok"][0].isupper() or (
                    parse_decimal(word) is not None):
                break
            comma = True
        if word in _STOP:
            break
        if head >= 0 and (_verbish(word) or not _plural(word)):
            break
        if n_is_one and toks and (_verbish(word) or _plural(word)):
            break  # "one partnership focuses ...": a singular head, then a verb
        toks.append(t)
        if _plural(word) and not n_is_one:
            head = len(toks) - 1
            if word in ROMANCE_COUNT_NOUNS:
                break  # the noun comes first there: "personas heridas" (injured people)
        pos = t.end()
    if not toks:
        return None
    if n_is_one:
        toks = toks[:3]
        head = len(toks) - 1
    if head < 0:
        return None
    toks = toks[: head + 1]
    head_word = toks[-1]["tok"].lower()
    if head_word in _REJECT_HEADS or head_word in _CURRENCY_CODES:
        return None
    if any(t["tok"].lower() in _MONTHS_WEEKDAYS for t in toks):
        return None
    if comma:
        toks = toks[-1:]
    kept = [t for t in toks if t["tok"].lower() not in _EVALUATIVE]
    kept = kept[-3:]
    if not kept or kept[-1] is not toks[-1]:
        return None
    return kept, kept[0].start("tok"), kept[-1].end("tok")


def _score_aspect(text: str, ns: int, ce: int, lo: int, hi: int) -> str | None:
    """"margin" or "needed" for a score of a contest (see ``_SCORE_NOUNS``), else None."""
    noun = re.search(r"(\w+)$", text[ns:ce])
    if noun is None or noun[1].lower() not in _SCORE_NOUNS:
        return None
    if _MARGIN_BEFORE.search(text, max(lo, ns - 12), ns) or (
            noun[1].lower() in _BALL_NOUNS and _SPARE_AFTER.match(text, ce, min(hi, ce + 16))):
        return "margin"
    if _NEEDED_BEFORE.search(text, max(lo, ns - 24), ns) or _TO_WIN_AFTER.match(
            text, ce, min(hi, ce + 16)):
        return "needed"
    return None


def _skip_before(text: str, ns: int, lo: int, num: str, is_digits: bool) -> bool:
    """Whether the words before the number make it a label, a name, a date or a ratio."""
    seg = text[max(lo, ns - 24) : ns]
    seg = seg[seg.rfind("\n") + 1 :]  # a word on the previous line is not "before" it
    if not seg or not seg[-1].isspace():
        return False
    words = seg.split()
    if not words:
        return False
    prev = words[-1]
    low = prev.lower().rstrip(".")
    if not low.isalpha():
        return False
    if low in _LABELS or low in _MONTHS_WEEKDAYS or low in _CURRENCY_CODES:
        return True
    if num.lower() == "one" and low in _AFTER_ONE:
        return True
    if low in ("in", "of") and len(words) >= 2:
        # "one in 10", "nine out of 10": a ratio, not a count ("one of two partnerships" is)
        out_of = low == "of" and words[-2].lower() == "out" and len(words) >= 3
        if low == "in" or out_of:
            before = words[-3] if out_of else words[-2]
            if parse_decimal(before.strip(",;:(")) is not None:
                return True
    named = prev[0].isupper() or prev[0].islower() and any(c.isupper() for c in prev[1:])
    if named and not prev.endswith(".") and (is_digits or num[0].isupper()):
        # "Apollo 11 astronauts", "iPhone 15 Pro models" (a brand written in camel case),
        # "Joins Two ..." read as names/titles; sentence-initial function words ("The 12
        # companies", "All nine firms") are fine.
        return low not in _STOP and low not in _APPROX_WORDS
    return False


def _number_value(num: str) -> Decimal | None:
    """The value of a number in digits, English words or a Romance word ("dos")."""
    value = parse_decimal(num)
    if value is None and num.lower() in ROMANCE_NUMBERS:
        value = Decimal(ROMANCE_NUMBERS[num.lower()])
    return value


def _one_idiom(text: str, ns: int, ne: int, lo: int, hi: int) -> bool:
    """Whether the "one" at text[ns:ne] is part of an idiom ("under one roof", "one by one")."""
    for m in _ONE_IDIOM.finditer(text, max(lo, ns - 12), min(hi, ne + 24)):
        if m.start() <= ns and ne <= m.end():
            if m.start() > lo and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-"):
                continue
            return True
    return False


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    sents = ctx.sentences(start, end)
    doc_year = ctx.doc_date.year if ctx.doc_date else None
    doc_month = ctx.doc_date.month if ctx.doc_date else None
    for m in scan(_COUNT, text, start, end):
        num = m["num"]
        if re.fullmatch(_DOTTED, num):
            num = num.replace(".", ",")  # "13.538.179": thousands grouped with dots
        elif re.fullmatch(_COMPOSED, num):  # "16 million 384 thousand 403"
            whole = sum(int(n) * SCALES[w.lower()] for n, w in _COMPOSED_PART.findall(num))
            num = f"{whole + int(num.split()[-1]):,}"
        is_digits = num[0].isdigit()
        if is_digits:
            plain = num.replace(",", "")
            if "," not in num and plain.isdigit() and (
                    len(plain) >= 5 or (len(plain) == 4 and plain[0] in "12")):
                continue  # years, ids, postcodes
        ns = m.start("b")
        if _skip_before(text, ns, start, num, is_digits):
            continue
        if num.lower() == "one" and _one_idiom(text, ns, m.end(), start, end):
            continue
        value = _number_value(num)
        if value is None:
            continue
        if m["scale"]:
            value *= parse_decimal(m["scale"]) or 1
        np = _noun_phrase(text, m.end(), end, value == 1)
        majority = _MAJORITY_BEFORE.search(text, max(start, ns - 50), ns)
        body = _BODY_BEFORE.search(text, max(start, ns - 40), ns) if majority is None else None
        kept: list[re.Match[str]]
        sex = np[0][-1]["tok"].lower() if np is not None and np[0] else ""
        split = _BODY_SPLIT_BEFORE.search(text, max(start, ns - 60), ns) if (
            sex in _SEX_NOUNS and body is None) else None
        of_body = split if split is not None else body if (
            body is not None and np is not None and sex in _SEX_NOUNS
            and _SEX_SPLIT_AFTER.match(text, np[2], end)) else None
        if of_body is not None and np is not None:
            # "a jury of seven men and five women": the body's men and women, not its size
            kept, cs, ce = np
            subject = f"{' '.join(of_body['w'].lower().split())} {sex}"
        elif body is not None:
            # the body's size: "a team of 18 people" counts a team, whatever its members are
            kept, cs, ce = [], body.start("w"), np[2] if np is not None else body.end("w")
            subject = " ".join(body["w"].lower().split())
        elif majority is not None:
            # "a landslide majority of 174", "a majority of 176 MPs": the margin, what the
            # seats or MPs after it count
            kept, cs, ce = [], majority.start("w"), majority.end("w")
            if np is not None:
                ce = np[2]
            subject = "majority"
        elif np is not None:
            kept, cs, ce = np
            subject = nationals([t["tok"] for t in kept]) or same_thing(
                " ".join(t["tok"].lower() for t in kept))
        else:
            continue
        both = _AND_NOUN.match(text, ce, end) if len(kept) == 1 else None
        if both and _plural(both["w"]) and not _verbish(both["w"]) and (
                both["w"].lower() not in _STOP | _REJECT_HEADS):
            # "seven provinces and prefectures" counts both kinds together: another set than
            # "four provinces" (after a bare noun only: "nine Japanese companies and banks"
            # keeps its reading)
            subject = f"{subject} and {both['w'].lower()}"
            ce = both.end("w")
        spans = [SpanRef(ns, m.end(), "value"), SpanRef(cs, ce, "context")]
        qualifiers: dict[str, str] = {}
        approx = approx_before(text, ns, start)
        if approx:
            qualifiers["approx"] = approx[0]
            spans.append(SpanRef(approx[1], approx[2], "context"))
        rate = _RATE.match(text, ce, end)
        if rate:
            qualifiers["per"] = rate["per"].lower() if rate["per"] else _ADVERB_RATE[
                rate["adv"].lower()]
        ss, se = sents.bounds(ns, m.end())
        frame = read_frame(text, ss, se, ns, ce, "count", doc_year,
                           approx[1] if approx else ns, subject, doc_month)
        counted: CountValue = {
            "n": as_number(value), **frame,
            "bound": bound(float(value), approx_bound_kind(text, approx) if approx else None,
                           # "two million" is as round as "2 million"
                           num if is_digits else format(parse_decimal(num) or 0, "f")
                           if m["scale"] else None, int(parse_decimal(m["scale"]) or 1)
                           if m["scale"] else 1, rounded=value >= 1000)}
        if _PART_OF_GROUP.search(text, m.end(), cs) or _PART_BY_POSITION.search(
                text, max(start, ns - 12), ns) or _NAMED_PART_BEFORE.search(
                text, max(start, ns - 24), ns):
            counted["part"] = True  # "21 other women": the group without someone named
        elif ce > ns and text[ns:ce].split()[-1].lower() in _SEX_NOUNS and (
                _SEX_SPLIT_AFTER.match(text, ce, end)
                or _SEX_SPLIT_BEFORE.search(text, max(start, ns - 40), ns)):
            counted["part"] = True  # "eight men and four women": a group told by sex
        aspect = _score_aspect(text, ns, ce, start, end)
        if aspect:
            counted["aspect"] = aspect
        tally = breakdown_sum(text, ns, ce, ss, se) if subject in _BROAD_GROUPS else None
        if tally is not None:
            counted["breakdown_sum"] = tally
        if subject == "counts" and (charge := charge_of(text, ce, se)):
            counted["charge"] = charge  # "four counts of felony murder"
            if charges_listed(text, ss, se):
                counted["part"] = True  # one charge of an indictment listed charge by charge
        state = count_state(text, ns, ce, ss, se) or breakdown_state(text, ns, ce, ss, se)
        if state:
            counted["state"] = state
            if state in _NAMED_STATES:
                counted["part"] = True  # "the two soldiers named": those of a group named
        yield ClaimDraft(
            kind="count",
            predicate="count",
            subject=subject,
            value=counted,
            spans=spans,
            qualifiers=qualifiers,
            extractor=NAME,
            version=VERSION,
        )
        rival = RIVAL_AFTER.match(text, ce, se)
        if rival is not None and kept and (n := _number_value(rival["num"])) is not None:
            # "812,397 votes to Ivo Brill's 701,220": the rival's count of the same noun
            rs = rival.start("num")
            rframe = read_frame(text, ss, se, rs, rival.end("num"), "count", doc_year, rs,
                                subject, doc_month)
            yield ClaimDraft(
                kind="count", predicate="count", subject=subject,
                value={"n": as_number(n), **rframe,
                       "bound": bound(float(n), None, rival["num"], 1, rounded=n >= 1000)},
                spans=[SpanRef(rs, rival.end("num"), "value"), SpanRef(cs, ce, "context")],
                qualifiers={}, extractor=NAME, version=VERSION)
        taken = whole_of_charges(text, ns, ss) if subject.endswith("counts") else None
        if taken is not None and (n := _number_value(taken["n"])) is not None and n < value:
            # "guilty on two of five counts": two counts at the stage the verb before names
            part: CountValue = {
                "n": as_number(n), **frame,
                "bound": bound(float(n), None, taken["n"] if taken["n"][0].isdigit() else None,
                               1, rounded=False)}
            if stage := charge_stage(text, taken.start("n"), ss):
                part["state"] = stage
            else:
                part["part"] = True  # "five of the six counts were dropped": a stage unread
            yield ClaimDraft(
                kind="count", predicate="count", subject=subject, value=part,
                spans=[SpanRef(taken.start("n"), taken.end("n"), "value"),
                       SpanRef(cs, ce, "context")],
                qualifiers={}, extractor=NAME, version=VERSION)
        some = _SOME_OF_WHICH.match(text, ce, se)
        if some and state == "make-up" and (n := parse_decimal(some["num"])) is not None and (
                n < value):
            # "10 cars, eight of which derailed": eight cars derailed (the group named before)
            verb = some["w"].lower()
            yield ClaimDraft(
                kind="count", predicate="count", subject=subject,
                value={"n": as_number(n), **frame,
                       "bound": bound(float(n), None, some["num"] if some["num"][0].isdigit()
                                      else None, 1, rounded=False),
                       "state": STATE_OF.get(verb, verb)},
                spans=[SpanRef(some.start("num"), some.end("num"), "value"),
                       SpanRef(cs, ce, "context"), SpanRef(some.start("w"), some.end("w"),
                                                           "context")],
                qualifiers={}, extractor=NAME, version=VERSION)
