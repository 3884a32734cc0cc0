"""Shared number parsing and regex fragments for the money, count and date extractors.

Numbers are parsed through ``Decimal`` so that "$1.1 billion" is exactly 1100000000.0 and a figure
written two ways ("$110M", "110 million dollars") compares equal.

Also here what the numeric extractors share, so they read text the same way and stay fast:
approximation words ("about", "more than"), the nearest cue word in a sentence, and a scanner
that only tries a pattern after a separator character.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from audit.text import Sentences, trie_pattern

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Multipliers; "m"/"b"/"k" only ever follow digits ("$110m"), never stand alone.
SCALES: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "billion": 10**9,
    "b": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    # the Indian scale words: a lakh is 100,000, a crore 10 million ("Rs 250 crore")
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
}


_ONE_TO_NINE = trie_pattern([w for w, v in _UNITS.items() if 1 <= v <= 9], cap=True)
_BELOW_100 = trie_pattern(
    {**dict.fromkeys(_UNITS, ""), **dict.fromkeys(_TENS, rf"(?:[-\s]{_ONE_TO_NINE}\b)?")},
    cap=True,
)
SCALE_WORD_RE = r"(?:[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion|[Cc]rores?|[Ll]akhs?)"
_HUNDRED = rf"[Hh]undred(?:\s+(?:and\s+)?{_BELOW_100}\b)?"
_WORDS = (
    rf"(?:{_BELOW_100}(?:\s+(?:{_HUNDRED}|[Dd]ozen))?"
    rf"|[Aa](?:\s+(?:[Dd]ozen|{_HUNDRED})|n?(?=\s+{SCALE_WORD_RE}\b)))"
)
# South Asian grouping: thousands, then pairs of digits (lakh, crore): "1,59,900" is 159,900
INDIAN_RE = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"
DIGITS_RE = rf"(?:{INDIAN_RE}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
"""Digit numbers: "110", "1,100", "1.1", "500,000", "1,59,900" (lakh grouping). Callers add
their own boundaries."""
WORDS_RE = rf"(?:\b{_WORDS}\b)"
"""Number words: "nine", "twenty-one", "a dozen", "two dozen", "two hundred", "a" (+ scale)."""
NUMBER_RE = rf"(?:{DIGITS_RE}|{WORDS_RE})"
_NUMBER_HEADS = trie_pattern(sorted({w[:3] for w in (*_UNITS, *_TENS)}), cap=True)
NUMBER_START_RE = rf"(?:\d|[Aa]n?\s|{_NUMBER_HEADS})"
"""What every match of NUMBER_RE starts with (a digit, "a"/"an" + space, or the first three
letters of a number word): a cheap look-ahead for scanners to reject other words at once."""

_DIGITS_FULL = re.compile(
    rf"(?P<n>{INDIAN_RE}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(?P<s>[a-z]+)?"
)
_WORD_SPLIT = re.compile(r"[\s\-\u2010-\u2013]+")


# Number words of Spanish, Portuguese and French coverage, read only where a unit of their
# language follows ("nueve meses", "dez anos", "trois ans"): on their own several are English
# words ("once", "six") or articles ("un", "uma").
ROMANCE_NUMBERS = {
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20,
    "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    "dois": 2, "duas": 2, "três": 3, "quatro": 4, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
    "doze": 12, "quinze": 15, "vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "douze": 12, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
}
ROMANCE_NUMBER_RE = "(?:" + "|".join(
    sorted({w for k in ROMANCE_NUMBERS for w in (k, k.capitalize())}, key=len, reverse=True)) + ")"


def parse_decimal(s: str) -> Decimal | None:
    """Exact value of a number phrase (digits or words, with an optional scale), or None."""
    s = s.strip().lower()
    if not s:
        return None
    m = _DIGITS_FULL.fullmatch(s)
    if m:
        try:
            value = Decimal(m["n"].replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            return None
        if m["s"]:
            scale = SCALES.get(m["s"])
            if scale is None:
                return None
            value *= scale
        return value
    total = 0
    current = 0
    seen = False
    toks = [t for t in _WORD_SPLIT.split(s) if t not in ("and", "")]
    if len(toks) < 2 and toks and toks[0] in ("a", "an"):
        return None
    for tok in toks:
        if tok in ("a", "an"):
            current = max(current, 1)
        elif tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok == "dozen":
            current = (current or 1) * 12
        elif tok in ("thousand", "million", "billion", "trillion", "lakh", "lakhs", "crore",
                     "crores"):
            total += (current or 1) * SCALES[tok]
            current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    return Decimal(total + current)


def parse_number(s: str) -> float | None:
    """Value of "110", "1,100", "1.1", "nine", "twenty-one", "a dozen", "two hundred", "3m"."""
    d = parse_decimal(s)
    return None if d is None else float(d)


def as_number(d: Decimal) -> int | float:
    """An int when the value is whole, so counts read 9 rather than 9.0."""
    return int(d) if d == d.to_integral_value() else float(d)


# --- scanning --------------------------------------------------------------------------------

Scanner = tuple[re.Pattern[str], re.Pattern[str]]


def scanner(body: str, seps: str) -> Scanner:
    """Compile ``body`` for :func:`scan`: alone (for the zone start) and behind one of ``seps``.

    A pattern that opens with a plain character class lets Python's regex engine skip in C to
    the next candidate instead of trying the whole pattern at every position, which makes the
    scan 1.5-3x faster. ``body`` is wrapped in group "b": use ``m.start("b")``, not ``m.start()``.
    """
    inner = f"(?P<b>{body})"
    return re.compile(inner), re.compile(f"[{seps}]{inner}")


def scan(regexes: Scanner, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Non-overlapping matches in text[start:end] at ``start`` or right after a separator."""
    at_start, after_sep = regexes
    pos = start
    m = at_start.match(text, start, end)
    if m:
        yield m
        pos = m.end()
    while (m := after_sep.search(text, max(start, pos - 1), end)) is not None:
        yield m
        pos = max(m.end(), pos + 1)


# --- approximation words ---------------------------------------------------------------------

APPROX: dict[str, str] = {
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "close to": "about",
    # a derived or converted figure ("the equivalent of $138 per share" for a cash-and-stock
    # offer): as loose as "about"
    "the equivalent of": "about",
    "equivalent to": "about",
    "more than": "more_than",
    "over": "more_than",
    "just over": "more_than",
    "well over": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "above": "more_than",
    # "surpassing 400 seats", "topping $1 billion": past the figure, not at it
    "surpassing": "more_than",
    "surpassed": "more_than",
    "exceeding": "more_than",
    "exceeded": "more_than",
    "topping": "more_than",
    "topped": "more_than",
    "nearly": "less_than",
    "nearing": "less_than",
    "approaching": "less_than",
    "almost": "less_than",
    "less than": "less_than",
    "fewer than": "less_than",
    "under": "less_than",
    "just under": "less_than",
    "below": "less_than",
    "up to": "up_to",
    "as much as": "up_to",
    "as many as": "up_to",
    "no more than": "up_to",
    "at most": "up_to",
    "at least": "at_least",
    "no less than": "at_least",
    "no fewer than": "at_least",
    # the same words in Spanish, Portuguese and French coverage ("unas 43 personas", "mais de
    # 40 pessoas", "au moins 63 personnes")
    "más de": "more_than", "mais de": "more_than", "plus de": "more_than",
    "al menos": "at_least", "por lo menos": "at_least", "pelo menos": "at_least",
    "ao menos": "at_least", "au moins": "at_least",
    "unas": "about", "unos": "about", "alrededor de": "about", "cerca de": "about",
    "aproximadamente": "about", "environ": "about", "près de": "about", "quelque": "about",
    "casi": "less_than", "quase": "less_than", "presque": "less_than",
    "menos de": "less_than", "moins de": "less_than",
    "hasta": "up_to", "até": "up_to", "jusqu'à": "up_to",
    # ... and Italian
    "più di": "more_than", "oltre": "more_than", "almeno": "at_least", "circa": "about",
    "quasi": "less_than", "fino a": "up_to",
}
_APPROX_ALT = "|".join(p.replace(" ", r"\s+") for p in sorted(APPROX, key=len, reverse=True))
# Anchored at the search's endpos (the number's start): only a directly preceding phrase counts.
_APPROX_BEFORE = re.compile(rf"(?i)\b(?P<w>{_APPROX_ALT})\s+$")
_WS = re.compile(r"\s+")
_NEARING_BEFORE = re.compile(r"(?i)\b(?P<w>nearing|approaching)\s+(?:an?\s+(?:[a-z]+\s+)?)$")


def approx_before(text: str, pos: int, lo: int) -> tuple[str, int, int] | None:
    """(approx kind, start, end) of an approximation phrase right before ``pos``, if any."""
    m = _APPROX_BEFORE.search(text, max(lo, pos - 24), pos)
    if not m:
        m = _NEARING_BEFORE.search(text, max(lo, pos - 40), pos)
        if m:  # "losses nearing a staggering $6 billion"
            return "less_than", m.start("w"), m.end("w")
        return None
    key = _WS.sub(" ", m["w"].lower())
    return APPROX[key], m.start("w"), m.end("w")


_CLAUSE_PUNCT = re.compile(r"[,;:()\u2014\u2013]")


class Cues:
    """Matches of a cue pattern per sentence, found once per sentence; the nearest one to a span
    is found by bisection, so a long unpunctuated zone stays linear."""

    def __init__(self, pattern: re.Pattern[str], text: str, sentences: Sentences) -> None:
        self.pattern, self.text, self.sentences = pattern, text, sentences
        self._cache: dict[int, tuple[list[int], list[re.Match[str]]]] = {}

    def nearest(self, start: int, end: int) -> re.Match[str] | None:
        """The cue in the sentence of [start, end) closest to it; the earlier of equally close.

        A cue cut off by clause punctuation ("valued at $2 billion, raised ...") counts as 40
        characters further away, so the cue in the span's own clause wins.
        """
        ss, se = self.sentences.bounds(start, end)
        if ss not in self._cache:
            found = list(self.pattern.finditer(self.text, ss, se))
            self._cache[ss] = ([m.start() for m in found], found)
        starts, found = self._cache[ss]
        i = bisect_left(starts, start)
        best, best_d = None, -1
        for m in found[max(0, i - 1) : i + 1]:  # cues don't overlap: only neighbours can win
            if m.end() <= start:
                lo, hi = m.end(), start
            elif m.start() >= end:
                lo, hi = end, m.start()
            else:
                lo = hi = 0
            d = hi - lo
            if d and _CLAUSE_PUNCT.search(self.text, lo, hi):
                d += 40
            if best is None or d < best_d:
                best, best_d = m, d
        return best
