"""Money amounts: "$110 million" = "$110M" = "US$110m" = "110 million dollars" = 110000000 USD.

A currency marker (symbol, ISO code or currency word) is required, so phone numbers, years,
percentages and plain numbers never fire. "pounds" and "won" are also weights and a verb, so
they count only with a scale word or a thousands separator ("£" and "KRW" always count).

Spans: role="value" covers currency + number + scale; a preceding approximation word ("about",
"more than") gets its own role="context" span. A range ("$5-10 million", "$5 to $10m") is one
claim: the low end with approx "at_least", and the high end in an extra value key "max".
A scale word may be hyphenated to the number, as in compound adjectives ("a $1.2-billion campus",
"USD 3.5-billion", "a 45-million-euro fund"); a bare "billion-dollar company" has no number and
never fires.

Approximations map to: about (about, around, approximately, roughly, some, an estimated),
more_than (more than, over, upwards of ...), less_than (nearly, almost, under, less than ...),
up_to (up to, as much as, no more than), at_least (at least, no less than).

Subject is the nearest cue word in the sentence (funding / revenue / cost / valuation), else
"amount". Qualifier {"per": "each"} marks a per-unit figure ("each", "apiece", "per partner"),
{"per": "year"} (or month/week/day) a rate, so neither is compared with a total.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from audit.claimvalues import MoneyValue
from audit.extract.frames import approx_bound_kind, bound, read_frame
from audit.extract.numbers import (
    DIGITS_RE,
    SCALE_WORD_RE,
    SCALES,
    WORDS_RE,
    Cues,
    approx_before,
    parse_decimal,
    scan,
    scanner,
)
from audit.model import ClaimDraft, Context, SpanRef
from audit.text import trie_pattern

NAME = "money"
VERSION = "41"

_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "u.s.$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "$us": "USD",
    "$au": "AUD",
    "$a": "AUD",
    "$nz": "NZD",
    "$hk": "HKD",
    "$ca": "CAD",
    "$c": "CAD",
    "nt$": "TWD",
    "r$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "￥": "JPY",
    "cn¥": "CNY",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "₩": "KRW",
}
_CODES = {
    c: c
    for c in "USD EUR GBP JPY CNY CHF CAD AUD INR KRW HKD SGD NZD TWD BRL MXN SEK NOK DKK".split()
}
_CODES["RMB"] = "CNY"
_WORDS = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "pound sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "won": "KRW",
    "rupee": "INR",
    "franc": "CHF",
    "swiss franc": "CHF",
}
_WORDS.update({w + "s": c for w, c in list(_WORDS.items()) if w not in ("yen", "won", "yuan")})
_WORDS["pounds sterling"] = "GBP"
_DOLLAR_ADJ = {
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "canadian": "CAD",
    "australian": "AUD",
    "hong kong": "HKD",
    "singapore": "SGD",
    "new zealand": "NZD",
    "taiwan": "TWD",
    "new taiwan": "TWD",
}
_AMBIGUOUS_WORDS = {"pound", "pounds", "won"}

# "$US550 million", "$A1.2bn": the Australian and New Zealand press put the country after "$"
_SYM_RE = (r"(?:(?:US|U\.S\.|AU|CA|NZ|HK|NT|A|C|S|R)\$|\$(?:US|AU|NZ|HK|CA|A|C)(?=[\d ])"
           r"|CN¥|Rs\.?(?=[ \t]?\d)|[$€£¥￥₹₩])")
_CODE_RE = "|".join(sorted(_CODES, key=len, reverse=True))
_ADJ_RE = (
    r"(?:US|U\.S\.|American|Canadian|Australian|Hong\s+Kong|Singapore|New\s+Zealand"
    r"|New\s+Taiwan|Taiwan)"
)
_CUR_WORD_RE = trie_pattern(list(_WORDS), cap=True)
_ANY_SCALE = rf"{SCALE_WORD_RE}|bn|mn|mln|tn|[mMbBkK]"


def _amount(tag: str) -> str:
    """Number, optional range, optional scale; group names carry ``tag`` to stay unique."""
    return (
        rf"(?P<n{tag}>{DIGITS_RE})"
        # a range: "$5-10 million", "$5 to $10m", "$5 to 10 million"; not "$500 to 30 charities"
        rf"(?:(?:\s*[-–—]\s*|\s+to\s+(?={_SYM_RE}|{DIGITS_RE}\s?(?:{_ANY_SCALE})\b))"
        rf"(?:{_SYM_RE})?\s?(?P<r{tag}>{DIGITS_RE}))?"
        # the scale word may be hyphenated to the number: "$1.2-billion campus", "USD 3.5-billion"
        rf"(?:(?:\s*|-)(?P<sw{tag}>{SCALE_WORD_RE})\b|\s?(?P<sb{tag}>bn|mn|mln|tn)\b"
        rf"|(?P<sa{tag}>[mMbBkK])\b)?"
    )


# Every branch starts with a symbol, a digit, a currency code (three capitals) or a prefixed
# symbol ("US$", "A$", "U.S.$", "CN¥"); the lookahead rejects other candidates (most
# capitalised words) at once.
_MONEY = scanner(
    r"(?=[$€£¥￥₹₩\d]|[A-Z](?:[A-Z]{2}|[A-Z]?[$¥]|\.S\.\$)|Rs\.?[ \t]?\d)(?:"
    # $110 million, US$110m, £88m, ¥15 billion
    rf"(?<![\w$€£¥₹₩])(?P<sym>{_SYM_RE})\s?{_amount('1')}(?![\w$])"
    # USD 110 million, EUR45m
    rf"|\b(?P<code>{_CODE_RE})\s?{_amount('2')}(?![\w$])"
    # 110 million dollars, 15 billion yen, 45m EUR
    rf"|(?<![\w$€£¥₹₩.,])(?P<n3>{DIGITS_RE})"
    # "1.2-billion-dollar plan", "45-million-euro fund": hyphens as compound-adjective glue
    rf"(?:(?:\s*|-)(?P<sw3>{SCALE_WORD_RE})\b|(?P<sa3>bn|mn|[mbk])\b)?"
    rf"(?:\s+|-)(?:(?P<adj3>{_ADJ_RE})\s+)?(?:(?P<word3>{_CUR_WORD_RE})|(?P<code3>{_CODE_RE}))\b)",
    seps=r'\s(\[{"\'“‘«—–\-~≈*/:;',
)
# Word-number amounts ("nine million dollars") are found from the currency word backwards, so
# the main scan never has to try number words at every word start.
_FIRST_LETTERS = "".join(sorted({c for w in _WORDS for c in (w[0], w[0].upper())}))
_CUR_WORD = scanner(rf"(?=[{_FIRST_LETTERS}]){_CUR_WORD_RE}\b", seps=r"\s")
_WORD_AMOUNT_BEFORE = re.compile(
    rf"(?<![\w$€£¥₹₩.,])(?P<n4>{WORDS_RE})(?:\s+(?P<sw4>{SCALE_WORD_RE}))?"
    rf"\s+(?:(?P<adj4>{_ADJ_RE})\s+)?$"
)

_WS = re.compile(r"\s+")
_CUES = {
    "funding": "funding",
    "funded": "funding",
    "fund": "funding",
    "funds": "funding",
    "fundraising": "funding",
    "financing": "funding",
    "investment": "funding",
    "investments": "funding",
    "invest": "funding",
    "invests": "funding",
    "invested": "funding",
    "investing": "funding",
    "backing": "funding",
    "backed": "funding",
    "grant": "funding",
    "grants": "funding",
    "raise": "funding",
    "raised": "funding",
    "raising": "funding",
    "revenue": "revenue",
    "revenues": "revenue",
    "sales": "revenue",
    "cost": "cost",
    "costs": "cost",
    "costing": "cost",
    "price": "cost",
    "priced": "cost",
    "valuation": "valuation",
    "valued": "valuation",
}
_CUE_RE = re.compile(trie_pattern(list(_CUES), cap=True, not_before=r"\w") + r"\b")
_RATE_UNITS = {
    "year": "year",
    "annum": "year",
    "month": "month",
    "week": "week",
    "day": "day",
}
_PER_AFTER = re.compile(
    r"(?i)\s*(?:(?P<each>each|apiece)\b"
    # "$5 million a year", and hyphenated before a noun: "a $45-million-a-year contract"
    r"|-?(?:per|a|an|each)(?:\s+|-)(?P<unit>year|annum|month|week|day)\b"
    r"(?!\s+(?:ago|earlier|later))"
    r"|(?P<annual>annually|yearly)\b"
    r"|per\s+(?P<other>[a-z]+))"
)
# A move of a price or total, not a level: "closed at $41.20, down $3.85 or 8.5%", "revenue
# rose $12 million (4%)". It is compared only with other moves (subject "change"): a market
# report's drop is no value of what the deal costs.
_MOVE_BEFORE = re.compile(
    r"(?i)\b(?:down|up|fell|rose|dropped|gained|lost|slipped|climbed|jumped|tumbled|plunged"
    r"|sank|slid|shed|added|declined|increased|decreased)(?:[ \t]+by)?[ \t]+$")
_PERCENT_AFTER = re.compile(
    r"[ \t]*(?:,[ \t]*)?(?:or[ \t]+|\([ \t]*)[-+\u2212]?\d+(?:[.,]\d+)?[ \t]*(?:%|per[ \t]*cent\b"
    r"|percent\b)")


_US_MARKED = re.compile(r"(?<![A-Za-z])(?:US\$|U\.S\.\$|\$US(?=[\d ])|USD\b|US[ \t]+dollars?\b"
                        r"|U\.S\.[ \t]+dollars?\b)")


_LOCAL_MARKED = re.compile(r"(?<![A-Za-z])(?:A|AU|C|CA|NZ|HK|S|NT)\$|\$(?:A|AU|C|CA|NZ|HK)(?=\d)")
# "US$787.5 million ($1.17 billion)": the bracketed amount converts the marked one
_CONVERSION_BEFORE = re.compile(
    r"(?:US\$|U\.S\.\$|USD[ \t]*)[\d.,]+(?:[ \t]*(?:[mbk]n?|million|billion|trillion)\b)?"
    r"[ \t]*\([ \t]*$")


@functools.lru_cache(maxsize=64)
def _marks_dollars(text: str) -> tuple[bool, bool]:
    """Whether the page marks US dollars somewhere ("US$787.5 million", "USD 5bn"), and
    another country's dollar ("A$", "NZ$", "C$")."""
    return _US_MARKED.search(text) is not None, _LOCAL_MARKED.search(text) is not None


def _another_dollar(text: str, at: int, lo: int) -> bool:
    """Whether a bare "$" is another dollar than the US one: the page marks US dollars, and
    either marks its own country's dollar too or gives this amount in brackets after a US
    amount (a conversion). A page that writes "US$" once and "$" elsewhere for the same
    dollar (a US wire) keeps its reading."""
    us, local = _marks_dollars(text)
    return us and (local or _CONVERSION_BEFORE.search(text, max(lo, at - 40), at) is not None)


def _is_move(text: str, start: int, end: int, ss: int, se: int) -> bool:
    """Whether the amount at [start, end) is a move: a move word right before it and its
    share in per cent right after it."""
    return bool(_MOVE_BEFORE.search(text, max(ss, start - 30), start)
                and _PERCENT_AFTER.match(text, end, se))


_EACH_BEFORE = re.compile(r"(?i)\b(?:each|every)\b(?!\s+(?:year|month|week|day)\b)")


# "pounds" near these words is a weight or a force, not sterling: "2.1 million pounds of
# thrust", "weighed 1.4 million pounds at lift-off", "2.1 million pounds (950,000 kg)"
_WEIGHT_CUE = re.compile(
    r"(?i)\b(?:thrust|weigh\w*|weight|lift-?off|take-?off|payload|force|load|cargo|freight"
    r"|tow\w*|haul\w*|mass|kilo(?:gram(?:me)?s?)?|kgs?|tonnes?|tons?|lbs?"
    r"|lift|pressure|fuel|propellant)\b")
_POUND_SIGNS = re.compile(r"£|GBP|\bsterling\b")


def _weight(text: str, s: int, e: int, ss: int, se: int) -> bool:
    """Whether an amount in "pounds" (no "£") is a weight or a force: a weight word near it in
    its sentence (a metric weight in brackets after it too), and no sterling sign there."""
    if _POUND_SIGNS.search(text, ss, se):
        return False
    return bool(_WEIGHT_CUE.search(text, max(ss, s - 60), min(se, e + 40)))


@dataclass
class _Hit:
    start: int
    end: int
    num: str
    scale: str | None
    high: str | None
    currency: str
    ambiguous: bool  # "pounds"/"won": needs a scale or a thousands separator
    suffix: bool = False  # currency after the number: "2024 dollars" may be a year


def _word_currency(word: str, adj: str | None) -> tuple[str, bool]:
    w = _WS.sub(" ", word.lower())
    cur = _WORDS[w]
    if cur == "USD" and adj:
        cur = _DOLLAR_ADJ[_WS.sub(" ", adj.lower())]
    return cur, w in _AMBIGUOUS_WORDS


# Amounts written in another language (machine-translated rewrites and foreign outlets
# carry the same figures): "100 Millionen Franken", "20 Mio. Euro", "90 millones de euros",
# "1,5 milliards de dollars", "€100 Mio.". A comma before one or two digits is a decimal comma.
_FOREIGN_SCALES = {"millionen": "million", "mio": "million", "milliarden": "billion",
                   "mrd": "billion", "millones": "million", "mil millones": "billion",
                   "milhões": "million", "milhoes": "million", "bilhões": "billion",
                   "bilhoes": "billion", "mil milhões": "billion", "millions": "million",
                   "milliards": "billion", "milioni": "million", "miliardi": "billion"}
_FOREIGN_CURRENCIES = {"euro": "EUR", "euros": "EUR", "franken": "CHF", "francs": "CHF",
                       "franchi": "CHF", "francos": "CHF", "dollar": "USD", "dollars": "USD",
                       "dólares": "USD", "dolares": "USD", "dollari": "USD", "pfund": "GBP",
                       "libras": "GBP", "sterline": "GBP", "reais": "BRL"}
_F_NUM = r"\d{1,3}(?:[.\u00a0 ]\d{3})+|\d+(?:[.,]\d{1,2})?"
_F_SCALE = "|".join(sorted((k.replace(" ", r"[ \t]+") for k in _FOREIGN_SCALES), key=len,
                           reverse=True))
_FOREIGN = re.compile(
    rf"(?<![\w.,$€£])(?P<n>{_F_NUM})[ \t\u00a0]*(?P<sc>{_F_SCALE})\.?[ \t\u00a0]*"
    rf"(?:(?:de|di|d['’])[ \t\u00a0]*)?(?P<cur>"
    + "|".join(sorted(_FOREIGN_CURRENCIES, key=len, reverse=True)) + r")\b"
    rf"|(?<![\w$€£])(?P<sym>[€£$])[ \t\u00a0]?(?P<n2>{_F_NUM})[ \t\u00a0]*"
    r"(?P<sc2>Mio|Millionen|Mrd|Milliarden|millones|milhões|milioni|millions|milliards)\b\.?",
    re.IGNORECASE)


def _foreign_number(written: str) -> str:
    """ "1,5" -> "1.5", "1.500" -> "1500", "100" -> "100" (English digits for parse_decimal)."""
    w = written.replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[. ]\d{3})+", w):
        return re.sub(r"[. ]", "", w)
    return w.replace(",", ".")


def _foreign_hits(text: str, start: int, end: int) -> list[_Hit]:
    out = []
    for m in _FOREIGN.finditer(text, start, end):
        if m["n"] is not None:
            scale = _FOREIGN_SCALES[_WS.sub(" ", m["sc"].lower())]
            cur = _FOREIGN_CURRENCIES[m["cur"].lower()]
            out.append(_Hit(m.start(), m.end(), _foreign_number(m["n"]), scale, None, cur,
                            False))
        else:
            scale = _FOREIGN_SCALES[m["sc2"].lower()]
            out.append(_Hit(m.start(), m.end(), _foreign_number(m["n2"]), scale, None,
                            _SYMBOLS[m["sym"]], False))
    return out


def _hits(text: str, start: int, end: int) -> list[_Hit]:
    foreign = _foreign_hits(text, start, end) if _FOREIGN_CUE.search(text, start, end) else []
    hits = _english_hits(text, start, end)
    if foreign:
        hits = sorted([*foreign, *(h for h in hits if not any(
            f.start < h.end and h.start < f.end for f in foreign))], key=lambda h: h.start)
    return hits


# Found in a range where (?i)Mio\b|Mrd\b|Millionen|Milliarden|millones|milh|bilh|milioni|miliardi
# |\d[ \t]*millions|\d[ \t]*milliards is: the same words behind a plain class of their first
# characters (m, b or a digit: none has another case form), so the search skips in C to those
# instead of trying every word at every position (tests/test_anchored_scans.py)
_FOREIGN_CUE = re.compile(
    r"[MmBb\d](?:(?<=[Mm])(?i:io\b|rd\b|illionen|illiarden|illones|ilh|ilioni|iliardi)"
    r"|(?<=[Bb])(?i:ilh)|(?<=\d)[ \t]*(?i:millions|milliards))")


def _english_hits(text: str, start: int, end: int) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in scan(_MONEY, text, start, end):
        if m["n1"] is not None:
            scale = m["sw1"] or m["sb1"] or m["sa1"]
            cur = _SYMBOLS[m["sym"].lower()]
            hits.append(_Hit(m.start("b"), m.end(), m["n1"], scale, m["r1"], cur, False))
        elif m["n2"] is not None:
            scale = m["sw2"] or m["sb2"] or m["sa2"]
            cur = _CODES[m["code"]]
            hits.append(_Hit(m.start("b"), m.end(), m["n2"], scale, m["r2"], cur, False))
        else:
            scale = m["sw3"] or m["sa3"]
            if m["code3"]:
                cur, amb = _CODES[m["code3"]], False
            else:
                cur, amb = _word_currency(m["word3"], m["adj3"])
            hits.append(_Hit(m.start("b"), m.end(), m["n3"], scale, None, cur, amb, True))
    extra: list[_Hit] = []
    for c in scan(_CUR_WORD, text, start, end):
        w = _WORD_AMOUNT_BEFORE.search(text, max(start, c.start("b") - 60), c.start("b"))
        if not w:
            continue
        cur, amb = _word_currency(c["b"], w["adj4"])
        extra.append(_Hit(w.start(), c.end(), w["n4"], w["sw4"], None, cur, amb, True))
    if extra:
        starts = [h.start for h in hits]  # finditer order: sorted, non-overlapping

        def overlaps(x: _Hit) -> bool:
            i = bisect_left(starts, x.end)  # hits[:i] start before x ends
            return i > 0 and hits[i - 1].end > x.start

        hits = sorted([*hits, *(x for x in extra if not overlaps(x))], key=lambda h: h.start)
    return hits


# A sum accrued over a term: "more than $1.6 billion over the 30-year lease period" (rent
# paid over the lease, not the price of what is leased): compared only with sums over the same
# term. A plain "over five years" is how a total is paid out ("a €45 million grant over five
# years" is the grant's total) and keeps its reading.
_OVER_AFTER = re.compile(
    r"(?i)[ \t]+(?:\w+[ \t]+){0,3}?(?:over|across|during)[ \t]+(?:the[ \t]+)?(?:life[ \t]+of"
    r"[ \t]+the[ \t]+)?(?P<span>(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|fifteen|twenty|thirty|forty|fifty)[ \t-]+(?:year|month)[ \t]+(?:\w+[ \t]+)?(?:lease"
    r"|term|contract|deal|period|agreement))")


# "an annual salary of about $100m", "a weekly wage of £500,000": a rate, stated before
_PER_ADJ = {"annual": "year", "yearly": "year", "monthly": "month",
            "weekly": "week", "daily": "day"}
_PER_BEFORE = re.compile(
    r"(?i)\b(?P<adj>annual|yearly|monthly|weekly|daily)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:of[ \t]+)?"
    r"(?:(?:about|around|roughly|some|up[ \t]+to|more[ \t]+than|over|nearly|almost|an[ \t]+"
    r"estimated)[ \t]+)?$")


def _qualifiers(text: str, ms: int, me: int, ss: int, se: int) -> dict[str, str]:
    over = _OVER_AFTER.match(text, me, min(se, me + 60))
    if over:
        words = over["span"].lower().replace("-", " ").split()[:2]
        words[0] = str(parse_decimal(words[0]))  # "thirty" and "30" alike
        return {"over": " ".join(words).rstrip("s")}
    a = _PER_AFTER.match(text, me, min(se, me + 30))
    if a:
        if a["each"]:
            return {"per": "each"}
        if a["unit"]:
            return {"per": _RATE_UNITS[a["unit"].lower()]}
        if a["annual"]:
            return {"per": "year"}
        return {"per": "each"}
    if _EACH_BEFORE.search(text, max(ss, ms - 50), ms):
        return {"per": "each"}
    b = _PER_BEFORE.search(text, max(ss, ms - 60), ms)
    if b:
        return {"per": _PER_ADJ[b["adj"].lower()]}
    return {}


_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _continental_thousands(h: _Hit, num: str) -> str:
    """A number of a hit, with a dot read as a thousands separator where only continental
    writing puts one: "253.500 Yuan", "35.400 US-Dollar" (currency after the number, no scale
    word, three digits after each dot). English prices do not carry three decimals in that
    order, while "$3.499 a gallon" (symbol first) and "1.250 billion" (scale) keep theirs."""
    if h.suffix and h.scale is None and _DOT_THOUSANDS.fullmatch(num):
        return num.replace(".", "")
    return num


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    sents = ctx.sentences(start, end)
    cues = Cues(_CUE_RE, text, sents)
    for h in _hits(text, start, end):
        if h.scale is None and h.suffix:
            if h.ambiguous and "," not in h.num:
                continue  # "200 pounds" is a weight, "she won" a verb
            if h.num.isdigit() and 1800 <= int(h.num) <= 2199:
                continue  # "in 2024 dollars" names a year
        if h.ambiguous and _weight(text, h.start, h.end, *sents.bounds(h.start, h.end)):
            continue  # "8.8 million pounds of thrust": a weight or a force
        value = parse_decimal(_continental_thousands(h, h.num))
        if value is None:
            continue
        scale = SCALES[h.scale.lower()] if h.scale else 1
        ss, se = sents.bounds(h.start, h.end)
        cue = cues.nearest(h.start, h.end)
        subject = _CUES[cue[0].lower()] if cue else "amount"
        qualifiers = _qualifiers(text, h.start, h.end, ss, se)
        if h.currency == "USD" and text.startswith("$", h.start) and not text.startswith(
                "$US", h.start) and _another_dollar(
                text, h.start, start):
            # compared only with such amounts (qualifiers key the comparison)
            qualifiers = {**qualifiers, "dollar": "unmarked"}
        if _is_move(text, h.start, h.end, ss, se):
            # compared only with other moves (qualifiers key the comparison)
            subject, qualifiers = "change", {**qualifiers, "move": "change"}
        approx = approx_before(text, h.start, start)
        top = None  # the high end of a range
        if h.high is not None:
            high = parse_decimal(_continental_thousands(h, h.high))
            if high is None:
                continue
            top = float(high * scale)
        first = approx[1] if approx else h.start
        frame = read_frame(text, ss, se, h.start, h.end, "money",
                           ctx.doc_date.year if ctx.doc_date else None, first,
                           doc_month=ctx.doc_date.month if ctx.doc_date else None)
        if qualifiers.get("per") == "each":
            frame["holder"]["distributive"] = True
            frame["holder"]["total"] = False
        figure = float(value * scale)
        amount: MoneyValue = {
            **frame, "amount": figure, "currency": h.currency,
            "approx": "at_least" if top is not None else approx[0] if approx else "exact",
            "bound": bound(figure, approx_bound_kind(text, approx) if approx else None, h.num,
                           scale, top, rounded=True)}
        if top is not None:
            amount["max"] = top
        spans = [SpanRef(h.start, h.end, "value")]
        if approx:
            spans.append(SpanRef(approx[1], approx[2], "context"))
        yield ClaimDraft(
            kind="money",
            predicate="amount",
            subject=subject,
            value=amount,
            spans=spans,
            qualifiers=qualifiers,
            extractor=NAME,
            version=VERSION,
        )
