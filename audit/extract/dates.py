"""Dates: "April 9, 2024", "Apr. 9", "9 April 2024", "Tuesday, April 9", "May 2022", "in 2022",
"2024-04-09", and a weekday on its own ("on Tuesday").

Month names are matched capitalised and only next to a day or a year, so "the partners may
expand" or "a march on the capital" never fire; a bare 4-digit number is a year only after
in/since/by/during/of/until/through/from/before/after. Ranges ("April 9-10, 2024") give the
first day.

A missing year is taken from ``ctx.doc_date``: the closest year that puts the date no more than
~6 months after the document (``year_inferred`` True). Without a document date the year stays
unknown: ``year`` None and iso "XXXX-04-09".

value: iso, precision (day|month|year|weekday), year, year_inferred, weekday (full name or None),
weekday_ok (does the stated weekday fit the date; None without a weekday or a full date). A lone
weekday has iso None and precision "weekday".

Spans: role="value" for the date, role="weekday" for a weekday; a lone weekday has only the
weekday span. Subject: the event noun in the sentence nearest the date ("signing ceremony" ->
"signing"), from a default list plus ``ctx.vocab.event_nouns``, unless another noun heads the
phrase ("election results": the results' date); else "date". A day or weekday
also carries, as ``event`` in its value, the happening it dates as ``events.event_of`` reads it
("the quake struck on Friday" -> "quake"; compared by date-conflict).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from audit.claimvalues import DateValue
from audit.extract.events import (
    DECLARED,
    OCCUR,
    PLANNED_BEFORE,
    declaration_of,
    event_of,
    joins,
)
from audit.extract.numbers import Cues, scan, scanner
from audit.model import ClaimDraft, Context, SpanRef
from audit.text import inside_quotation, trie_pattern

NAME = "dates"
VERSION = "19"

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_BY_PREFIX = {w[:3].lower(): w for w in _WEEKDAYS}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
)
_WD_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WD = rf"(?:{_WD_FULL}|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w:]|[.,]\d)"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)(?![\w]|[.,:]\d)"


def _range(i: str) -> str:
    """An optional second day after the first ("April 9-10"), as group ``r<i>``."""
    return rf"(?P<r{i}>\s*[-–]\s*{_DAY})?"


_ISO = r"(?P<iy>(?:1[89]|2[01])\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])"

# Every branch starts with a digit or with the first two letters of a month or weekday name; the
# lookahead rejects other candidates (most capitalised words) at once.
# A bare year is matched here and kept only after a preposition.
_DATE = scanner(
    r"(?=\d|J[au]|F[er]|M[ao]|A[pu]|S[aeu]|Oc|No|De|T[hu]|We)(?:"
    # [Tuesday, ]April 9[, 2024]; "Tuesday (April 9)"
    rf"(?:(?P<wd1>{_WD})(?:,?\s+|\s+\())?(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}){_range('1')}"
    rf"(?:(?:[^\S\n]?,)?\s+(?P<y1>{_YEAR}))?"  # "July 20 , 2024": a page's spacing
    # [Tuesday, ][the ]9[th] [of ]April[ 2024]
    rf"|(?:(?P<wd2>{_WD})(?:,?\s+|\s+\()(?:the\s+)?)?(?<![\w.,$/:\-])(?P<d2>{_DAY}){_range('2')}"
    rf"\s+(?:of\s+)?(?P<m2>{_MONTH})(?:(?:[^\S\n]?,)?\s+(?P<y2>{_YEAR}))?"
    # May 2022, May of 2022
    rf"|(?P<m3>{_MONTH}),?\s+(?:of\s+)?(?P<y3>{_YEAR})"
    # 2024-04-09
    rf"|(?<![\w.\-]){_ISO}(?![\d\-])"
    # in 2022, since early 2020
    rf"|(?<![\w.,$/:])(?P<y5>{_YEAR})(?!\s*%|\s*(?:percent|per\s+cent)|[-–/]\d)"
    # on Tuesday
    rf"|(?P<wd6>{_WD_FULL})(?!\w))",
    seps=r'\s(\[{"\'“‘«—–\-/:;,',
)
_YEAR_PREP = re.compile(
    r"(?<!\w)(?i:in|since|by|during|of|until|through|from|before|after)\s+"
    r"(?:(?i:early|late|mid)(?:-|\s+))?$"
)
_NUM = re.compile(r"\d+")
_PREV_WORD = re.compile(r"(?P<w>[A-Za-z]+)[^\S\n]+$")
# Capitalised words that may stand before a lone weekday; any other ("Black Friday", "Super
# Tuesday", "Ash Wednesday") makes it a name.
_WD_OK_BEFORE = frozenset(
    """on last next this by until till since from early late every each before after through
    and or but of starting beginning ending""".split()
)

DEFAULT_EVENT_NOUNS = (
    "ceremony",
    "signing",
    "announcement",
    "announced",
    "meeting",
    "summit",
    "visit",
    "launch",
    "conference",
    "agreement",
    "event",
    "release",
    "deadline",
    # a court date: "sentencing is scheduled for", "to be sentenced on"
    "sentencing",
    "sentenced",
)
_NORMALISE = {"announced": "announcement", "ceremonies": "ceremony", "sentenced": "sentencing"}


@lru_cache(maxsize=32)
def _events(extra: tuple[str, ...]) -> tuple[re.Pattern[str], frozenset[str]]:
    """Regex for a run of event nouns ("signing ceremony"; the first names the event), and the
    set of known nouns for normalising plurals."""
    nouns = {*DEFAULT_EVENT_NOUNS, *(" ".join(n.lower().split()) for n in extra if n.strip())}
    forms = {f: "" for n in nouns for f in (n, n + "s", n + "es")}
    forms["ceremonies"] = ""
    one = trie_pattern(forms, cap=True)
    first = trie_pattern(forms, cap=True, not_before=r"\w")  # = \b{one}, faster to scan for
    return re.compile(rf"(?P<first>{first})\b(?:[\s\-]+{one}\b)*"), frozenset(nouns)


# A noun right after an event noun that makes the phrase about itself: "the election results
# will be confirmed on March 14" dates the results, not the election
_ANOTHER_HEAD_AFTER = re.compile(
    r"[ \t\u00a0-]+(?:results?|campaigns?|commission|committee|officials|observers|workers"
    r"|rall(?:y|ies)|debates?|manifestos?|reports?|memos?|minutes|agenda|preparations"
    r"|organi[sz]ers|coverage|notes|fraud|posters|tickets)\b", re.IGNORECASE)


def _event_key(word: str, known: frozenset[str]) -> str:
    w = " ".join(word.lower().split())
    if w in _NORMALISE:
        return _NORMALISE[w]
    if w not in known:
        for cut in (1, 2):
            if w[:-cut] in known:
                return w[:-cut]
    return w


def _infer_year(month: int, day: int, doc: date) -> int | None:
    best, best_delta = None, None
    for y in (doc.year - 1, doc.year, doc.year + 1):
        try:
            delta = (date(y, month, day) - doc).days
        except ValueError:
            continue
        if delta > 183:
            continue
        if best_delta is None or abs(delta) < abs(best_delta):
            best, best_delta = y, delta
    return best


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _weekday(name: str | None) -> str | None:
    return _WEEKDAY_BY_PREFIX[name[:3].lower()] if name else None


def _day_number(written: str) -> int:
    """"9th" -> 9 (the date pattern's day groups start with digits)."""
    m = _NUM.match(written)
    if m is None:
        raise ValueError(f"no day number in {written!r}")
    return int(m[0])


def _value(
    iso: str | None,
    precision: str,
    year: int | None,
    inferred: bool = False,
    weekday: str | None = None,
    weekday_ok: bool | None = None,
) -> DateValue:
    return {
        "iso": iso,
        "precision": precision,
        "year": year,
        "year_inferred": inferred,
        "weekday": weekday,
        "weekday_ok": weekday_ok,
    }


def _day_value(
    ctx: Context, y: str | None, month: int, day: int, wd_name: str | None
) -> DateValue | None:
    weekday = _weekday(wd_name)
    if calendar.monthrange(2024, month)[1] < day <= 31:  # "Nov 31": no year has it
        return {**_value(None, "day", int(y) if y else None, False, weekday, False),
                "exists": False,
                "as_written": f"{calendar.month_name[month]} {day}" + (f", {y}" if y else "")}
    if y is not None:
        year: int | None = int(y)
        inferred = False
    elif ctx.doc_date is not None:
        year = _infer_year(month, day, ctx.doc_date)
        inferred = True
        if year is None:
            return None
    else:
        year, inferred = None, False
    if day > calendar.monthrange(year if year is not None else 2024, month)[1]:
        return None  # February 29 of a year that has none: left alone (a leap-year slip)
    if year is None:
        return _value(f"XXXX-{month:02d}-{day:02d}", "day", None, False, weekday, None)
    d = date(year, month, day)
    ok = None if weekday is None else _WEEKDAYS[d.weekday()] == weekday
    return _value(d.isoformat(), "day", year, inferred, weekday, ok)


# Before a day: "as of noon Friday", "as at 9 July": the day a state is reported at, not the day
# of a happening or a scheduled event
_AS_OF = re.compile(r"(?i)\bas[ \t]+(?:of|at)[ \t]+(?:[\w-]+[ \t]+){0,3}$")
# Another day named between an event word and a day makes the event that day's (see
# ``events.event_of``)
_DAY_MENTION = re.compile(rf"\b(?:{_WD_FULL}|{_MONTH}\s+\d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+"
                          rf"(?:of\s+)?{_MONTH}|yesterday|today)(?!\w)")


# a weekday opening a quoted name: "'Sunday Ticket' subscribers", "“Monday Night Football”"
_QUOTED_NAME = re.compile(r"[ \t]+[A-Z][a-z]")
_OPENING_QUOTES = "'\"‘“«"


def _lone_weekday_is_name(text: str, ms: int, lo: int, me: int | None = None) -> bool:
    pm = _PREV_WORD.search(text, max(lo, ms - 20), ms)
    if pm and pm["w"][0].isupper() and pm["w"].lower() not in _WD_OK_BEFORE:
        return True
    return (me is not None and ms > lo and text[ms - 1] in _OPENING_QUOTES
            and _QUOTED_NAME.match(text, me) is not None)


# A label that opens a line before the page's own date: "Published: 2023-04-18", "date 2023-04-18"
_STAMP_LABEL = re.compile(
    r"(?i)[ \t]*(?:(?:date|dated|published|posted|updated|last[ \t]+updated|first[ \t]+published"
    r"|modified)(?:[ \t]+on)?[ \t]*:?[ \t]*)?")


def _page_stamp(text: str, start: int, ds: int, iso: bool) -> bool:
    """Whether the date at ``ds`` opens its line as the page's publication stamp (with a label,
    or in the ISO form prose does not use): when the page was written, not when the story's
    happening was; it is kept as a date of no event."""
    ls = max(start, text.rfind("\n", 0, ds) + 1)
    label = _STAMP_LABEL.fullmatch(text, ls, ds)
    return label is not None and (iso or bool(label.group().strip()))


_ISO_AT = re.compile(_ISO)  # the date pattern's own ISO branch

# A dateline: a place in capitals and the day a release or a wire story was filed, opening its
# paragraph ("PARIS, 21 June 2023: IndiGo has placed ...", "NEW YORK, May 3, 2022 /PRNewswire/
# --"): when it was written, like a page's stamp, not when the story's event was
_DATELINE_BEFORE = re.compile(
    r"(?:^|(?<=\n)|(?<=\d\d[ \t]))[ \t]*[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,[ \t]+[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+)?)?,[ \t]+\Z")
_DATELINE_AFTER = re.compile(r"[ \t]*(?::|/|[ \t]+[-\u2013\u2014]{1,2}[ \t]|\(|[\u2013\u2014])")


def _dateline(text: str, start: int, ds: int, de: int) -> bool:
    """Whether the date at text[ds:de] is a dateline's (see above)."""
    lo = max(start, text.rfind("\n", 0, ds) + 1, ds - 60)
    return (_DATELINE_BEFORE.search(text[lo:ds]) is not None
            and _DATELINE_AFTER.match(text, de) is not None)


def page_stamp(text: str, start: int, ds: int) -> bool:
    """Whether the date at ``ds`` (as this module reads it) is the page's publication stamp:
    other extractors that read days around a phrase leave it out."""
    return _page_stamp(text, start, ds, _ISO_AT.match(text, ds) is not None)


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    pattern, known = _events(tuple(ctx.vocab.event_nouns))
    events = Cues(pattern, text, ctx.sentences(start, end))
    for m in scan(_DATE, text, start, end):
        stamp = bool(m["iy"] or m["y1"] or m["y2"]) and (
            _page_stamp(text, start, m.start("b"), bool(m["iy"]))
            or _dateline(text, start, m.start("b"), m.end()))
        spans: list[SpanRef] = []
        value: DateValue | None
        if m["m1"] or m["d2"]:
            i = "1" if m["m1"] else "2"
            wd_group = f"wd{i}"
            month = _month(m[f"m{i}"])
            day = _day_number(m[f"d{i}"])
            value = _day_value(ctx, m[f"y{i}"], month, day, m[wd_group])
            vs = m.start(f"m{i}") if i == "1" else m.start("d2")
            spans.append(SpanRef(vs, m.end(), "value"))
            if m[wd_group]:
                ws, we = m.span(wd_group)
                if m[wd_group].endswith("."):  # "Tue." -> "Tue"
                    we -= 1
                spans.append(SpanRef(ws, we, "weekday"))
        elif m["m3"]:
            y = int(m["y3"])
            value = _value(f"{y:04d}-{_month(m['m3']):02d}", "month", y)
            spans.append(SpanRef(m.start("b"), m.end(), "value"))
        elif m["iy"]:
            y, mo, d = int(m["iy"]), int(m["im"]), int(m["id"])
            if d > calendar.monthrange(y, mo)[1]:
                continue
            value = _value(date(y, mo, d).isoformat(), "day", y)
            spans.append(SpanRef(m.start("b"), m.end(), "value"))
        elif m["y5"]:
            if not _YEAR_PREP.search(text, max(start, m.start("b") - 24), m.start("b")):
                continue
            y = int(m["y5"])
            value = _value(f"{y:04d}", "year", y)
            spans.append(SpanRef(m.start("y5"), m.end("y5"), "value"))
        else:
            if _lone_weekday_is_name(text, m.start("b"), start, m.end()):
                continue
            value = _value(None, "weekday", None, False, m["wd6"], None)
            spans.append(SpanRef(m.start("b"), m.end(), "weekday"))
        if value is None:
            continue
        first = min(sp.start for sp in spans)
        as_of = _AS_OF.search(text, max(start, first - 40), first) is not None
        event = None if stamp or as_of else events.nearest(spans[0].start, spans[0].end)
        if event is not None and "\n" in text[min(event.end(), spans[0].start):
                                                max(event.start(), spans[0].end)]:
            event = None  # a cue on another line (a page's date line, a teaser) is not its own
        elif event is not None and _ANOTHER_HEAD_AFTER.match(text, event.end()):
            event = None  # "election results": the date is the results'
        # a span of days ("14-15 January") or a day a state is reported at dates no happening
        ranged = bool(m["r1"] or m["r2"]) if (m["m1"] or m["d2"]) else False
        if value["precision"] in ("day", "weekday") and not (stamp or as_of or ranged):
            # the happening the day belongs to ("the quake struck on Friday": "quake"), for
            # date-conflict; the subject stays the scheduled-event noun
            ds, de = first, max(sp.end for sp in spans)
            ss, se = ctx.sentences(start, end).bounds(ds, de)
            happening = None if ctx.zone_kind == "quote" or inside_quotation(text, ds) else (
                declaration_of(text, ss, ds, de, se)
                or event_of(text, ss, ds, de, se, between=_DAY_MENTION))
            if happening and PLANNED_BEFORE.search(text, max(ss, ds - 60), ds):
                happening = None  # the day planned ("originally scheduled to launch on
                # Thursday"), not the day it happened: a plan changed is no conflict
            if happening and (joins(happening) or happening == OCCUR
                              or happening in DECLARED.values()):
                value["event"] = happening  # only what date-conflict compares
        yield ClaimDraft(
            kind="date",
            predicate="date",
            subject=_event_key(event["first"], known) if event else "date",
            value=value,
            spans=spans,
            qualifiers={},
            extractor=NAME,
            version=VERSION,
        )
    yield from _foreign_days(ctx, start, end)


# Full dates in Spanish, Portuguese, French, Italian and German ("miércoles 25 de octubre de
# 2023", "jeudi 16 septembre 2020", "Dienstag, 3. Mai 2022"), with the weekday written before
# them: read so that a weekday that does not fit its date is found on pages in those languages
# too (date-weekday). Only the day is read (subject "date", no happening: the event words are
# English), so these dates are compared with nothing else. Month names in lower case as those
# languages write them (German capitalises its own), so the English "Mars" is no month.
_FOREIGN_MONTHS = {
    **dict.fromkeys(("enero",), 1), **dict.fromkeys(("febrero", "fevereiro", "février",
                                                     "febbraio"), 2),
    **dict.fromkeys(("marzo", "março", "mars"), 3), **dict.fromkeys(("abril", "avril",
                                                                     "aprile"), 4),
    **dict.fromkeys(("mayo", "maio", "mai", "maggio"), 5),
    **dict.fromkeys(("junio", "junho", "juin", "giugno"), 6),
    **dict.fromkeys(("julio", "julho", "juillet", "luglio"), 7),
    **dict.fromkeys(("agosto", "août"), 8),
    **dict.fromkeys(("septiembre", "setiembre", "setembro", "septembre", "settembre"), 9),
    **dict.fromkeys(("octubre", "outubro", "octobre", "ottobre"), 10),
    **dict.fromkeys(("noviembre", "novembro", "novembre"), 11),
    **dict.fromkeys(("diciembre", "dezembro", "décembre", "dicembre"), 12),
    **{m: i for i, m in enumerate(("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
                                   "August", "September", "Oktober", "November", "Dezember"),
                                  start=1)},
}
_FOREIGN_WEEKDAYS = {
    **dict.fromkeys(("lunes", "lundi", "lunedì", "Montag", "segunda-feira"), "Monday"),
    **dict.fromkeys(("martes", "mardi", "martedì", "Dienstag", "terça-feira"), "Tuesday"),
    **dict.fromkeys(("miércoles", "mercredi", "mercoledì", "Mittwoch", "quarta-feira"),
                    "Wednesday"),
    **dict.fromkeys(("jueves", "jeudi", "giovedì", "Donnerstag", "quinta-feira"), "Thursday"),
    **dict.fromkeys(("viernes", "vendredi", "venerdì", "Freitag", "sexta-feira"), "Friday"),
    **dict.fromkeys(("sábado", "samedi", "sabato", "Samstag", "Sonnabend"), "Saturday"),
    **dict.fromkeys(("domingo", "dimanche", "domenica", "Sonntag"), "Sunday"),
}
_FOREIGN_DAY = re.compile(
    r"(?<![\w-])(?P<wd>" + "|".join(sorted(map(re.escape, _FOREIGN_WEEKDAYS), key=len,
                                            reverse=True))
    + r"),?[ \t]+(?:(?:el|le|il|den|dem|o|a)[ \t]+)?(?P<d>[12]\d|3[01]|0?[1-9])(?:er|\.)?[ \t]+"
    r"(?:de[ \t]+)?(?P<m>" + "|".join(sorted(map(re.escape, _FOREIGN_MONTHS), key=len,
                                            reverse=True))
    + r")(?![\w-])(?:,?[ \t]+(?:de(?:l)?[ \t]+)?(?P<y>(?:19|20)\d\d)(?!\d))?")


def _foreign_days(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    """Foreign full dates with their weekday (see ``_FOREIGN_DAY``)."""
    text = ctx.text
    for m in _FOREIGN_DAY.finditer(text, start, end):
        value = _day_value(ctx, m["y"], _FOREIGN_MONTHS[m["m"]], int(m["d"]),
                           _FOREIGN_WEEKDAYS[m["wd"]])
        if value is None:
            continue
        yield ClaimDraft(kind="date", predicate="date", subject="date", value=value,
                         spans=[SpanRef(m.start("d"), m.end(), "value"),
                                SpanRef(m.start("wd"), m.end("wd"), "weekday")],
                         qualifiers={}, extractor=NAME, version=VERSION)
