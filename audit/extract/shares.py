"""Percentages whose measure the words name: an election's turnout ("turnout was 62.7%",
"a 62.7 percent turnout"), a candidate's or party's share of the vote ("Okafor won 42.3%
of the vote", "Okafor (42.3%)" in a sentence about votes, "Okafor has won, securing 42.3% of
the vote"), and the change of a company's financial measure ("revenue rose 62%", "a 62%
year-over-year jump in sales", "net income fell 7%": subject "<measure> rise" or "<measure>
fall", with " (sequential)" when measured against the quarter before; a word naming a part or
a basis before the measure makes it another measure: "data center revenue", "adjusted eps"),
and the share of its staff a company cuts ("cut 15% of its workforce", "a 15% head count
reduction": subject "workforce cut"; a share of staff in a sentence that says no cut is not
read).

Why: turnout and vote shares are the figures election coverage disagrees on (a digit slipped,
a first count against the final one), and no other extractor reads a percentage. A percentage
whose measure is not one of these is not read at all (precision first: "up 5%", "a 20% stake",
"a 30% chance" name no measure two pages could be compared on without more reading), nor is
one in a sentence about a count still under way ("with 26% of the ballots counted", "partial
results"): a provisional share that later counts legitimately change.

kind="share", predicate="share", subject "turnout", "vote share" or a measure's change,
value = {"pct", "approx", "bound", the frame fields of ``frames.read_frame`` (a year named in
the clause makes it another year's figure: "turnout in 1989 was 62.1%"), and for a vote share
the holder in ``gets``: the last word of the name before it, lower case, so "Anna Okafor" and
"Okafor" are one holder}.
Spans: role="value" (the number and its percent sign or word), role="context" (the measure
word or the holder's name).

A percentage is as precise as written: "17%" allows 16.5 to 17.5, "17.27%" 17.265 to 17.275;
"about"/"around" widen it as for amounts. A decimal comma with one or two digits is a decimal
("62,11%": 62.11, as Polish and German pages write it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.extract.frames import approx_bound_kind, read_frame
from audit.extract.frames import bound as frame_bound
from audit.extract.numbers import approx_before
from audit.model import ClaimDraft, Context, SpanRef

NAME = "shares"
VERSION = "11"

_PERCENT = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:[.,]\d{1,3})?)(?![\d])"
    r"(?:[ \t\u00a0]?%|[ \t\u00a0]+(?:percent|per[ \t]+cent|pct\b|por[ \t]+ciento|por[ \t]+cento"
    r"|pour[ \t]+cent|Prozent|per[ \t]+cento))(?![\w])")
# any percent sign or word at all (the cheap test before the rest)
# ((?i)%|per[ \t]*cent|pct|por[ \t]+cient|pour[ \t]+cent|prozent, behind a plain class of the
# first characters: the search skips in C; tests/test_anchored_scans.py compares the two)
_ANY_PERCENT = re.compile(
    r"[%Pp](?:(?<=%)|(?<=[Pp])(?i:er[ \t]*cent|ct|or[ \t]+cient|our[ \t]+cent|rozent))")
_TURNOUT = r"(?:voter[ \t]+)?(?:turnout|participation[ \t]+rate)"
# "turnout was 62.7%", "turnout of about 62.7 percent", "turnout stood at a record 74.4%"
_TURNOUT_BEFORE = re.compile(
    rf"(?i)\b(?P<w>{_TURNOUT})\b(?:[ \t]+(?!and\b|but\b)[\w’'-]+){{0,8}}?[ \t]+"
    r"(?:was|is|of|at|to|reached|hit|stood[ \t]+at|rose[ \t]+to|fell[ \t]+to|came[ \t]+in[ \t]+at"
    r"|climbed[ \t]+to|dropped[ \t]+to)(?:[ \t]+(?:a|an|the|just|some|about|around|nearly"
    r"|almost|roughly|over|under|record|final|provisional|estimated)){0,3}[ \t]+$")
# "a 62.7% turnout", "62.7 percent voter turnout"
_TURNOUT_AFTER = re.compile(rf"(?i)[ \t]+(?P<w>{_TURNOUT})\b")
# a share won: "Okafor won 42.3%", "Okafor, who secured 42.3 per cent", "Okafor with 42.3%"
_NAME_RUN = r"(?P<name>[A-Z][\w’'.-]+(?:[ \t]+[A-Z][\w’'.-]+){0,3})"
_WON_BEFORE = re.compile(
    rf"{_NAME_RUN}(?:[ \t]*,[ \t]*who)?[ \t]+(?:won|secured|polled|garnered|received|obtained"
    r"|got|took|had|with|claimed)(?:[ \t]+(?:a|an|just|some|about|around|nearly|almost"
    r"|roughly|over|under|more[ \t]+than|less[ \t]+than)){0,2}[ \t]+$")
# "Okafor (42.3%)", "Okafor: 42.3%"
_NAME_MARK_BEFORE = re.compile(rf"{_NAME_RUN}[ \t]*(?:\(|:[ \t]*)$")
# a share in a clause hung on the main one, whose subject holds it: "Okafor has won the
# election, securing 42.3% of the vote", "Okafor was elected after winning 42.3%", "Okafor
# received 1.2 million votes, accounting for 42.3% of the total"
_CLAUSE_BEFORE = re.compile(
    r"(?i)(?:,[ \t]*|[ \t]+(?:after|by)[ \t]+)(?:securing|winning|taking|garnering|getting"
    r"|receiving|capturing|polling|obtaining|achieving|accounting[ \t]+for|representing"
    r"|with)(?:[ \t]+(?:a|an|the|just|some|about|around|nearly|almost|roughly|over|under"
    r"|more[ \t]+than|less[ \t]+than|vote[ \t]+share[ \t]+of|share[ \t]+of)){0,3}[ \t]+$")
_SUBJECT_VERB = re.compile(
    rf"(?<![\w’'.-]){_NAME_RUN}(?:[ \t]*,[^,;:]{{1,80}},)?[ \t]+(?:has[ \t]+|had[ \t]+"
    r"|have[ \t]+)?(?:won|been[ \t]+(?:re-?)?elected|was[ \t]+(?:re-?)?elected|secured"
    r"|received|garnered|polled|obtained|got|took|claimed|defeated|beat|emerged)\b")
_VOTE_WORDS = re.compile(r"(?i)\b(?:votes?|voters|ballots?|polls?|election|electoral|run-?off"
                         r"|elected)\b")
# a count still under way: "with 26% of the ballots counted", "partial results" (the share
# then is a provisional one, which later counts legitimately change)
_PARTIAL = re.compile(
    r"(?i)\b(?:with|after)[ \t]+(?:(?:just|only|over|about|around|nearly|almost|more[ \t]+than"
    r"|less[ \t]+than|under)[ \t]+){0,2}(?:\d+(?:[.,]\d+)?[ \t]*(?:%|percent|per[ \t]+cent)|half"
    r"|a[ \t]+third|a[ \t]+quarter|two-thirds|three-quarters)[ \t]+of[ \t]+(?:the[ \t]+|all[ \t]+)?"
    r"(?:ballots|votes?|precincts|polling[ \t]+(?:stations|units|places)|constituencies"
    r"|districts|returns)[ \t]+(?:counted|tallied|reported|processed|in|verified)\b"
    r"|\b(?:partial|early|preliminary|provisional|incomplete)[ \t]+(?:official[ \t]+)?"
    r"(?:results|count|counts|tally|tallies|returns|figures)\b")
# A change of a company's financial measure: "revenue rose 62%", "net income jumped 65% to
# $31.9 billion", "revenue of $57 billion, a 62% increase from a year ago", "a 22% rise in
# sales". Earnings coverage disagrees on these (a digit slipped, one measure's growth put to
# another); the measure is the nearest one named before the figure in its sentence, or the one
# the change noun governs ("a 22% rise in sales"). "Profit" or "earnings" alone is not read:
# coverage writes it for the operating profit and for the net one alike.
_MEASURES = {"revenue": "revenue", "revenues": "revenue", "sales": "revenue",
             "turnover": "revenue", "net income": "net income", "net profit": "net income",
             "earnings per share": "eps",
             "eps": "eps", "operating income": "operating income",
             "operating profit": "operating income"}
_MEASURE_RE = "|".join(m.replace(" ", r"[ \t]+") for m in sorted(_MEASURES, key=len, reverse=True))
_MEASURE = re.compile(rf"(?i)\b(?P<m>{_MEASURE_RE})\b")
_RISE = r"rose|grew|increased|jumped|surged|climbed|soared|gained|rising|growing|up"
_FALL = r"fell|declined|dropped|slipped|slumped|decreased|plunged|falling|down"
# "rose 62%", "was up 62 per cent", "jumped by about 62%"
_CHANGE_VERB_BEFORE = re.compile(
    rf"(?i)\b(?P<v>{_RISE}|{_FALL})(?:[ \t]+by)?(?:[ \t]+(?:about|around|nearly|almost|roughly"
    r"|some|more[ \t]+than|over|an[ \t]+estimated))?[ \t]+$")
# "a 62% increase", "62% YoY growth", "a 62% year-over-year jump"
_CHANGE_NOUN_AFTER = re.compile(
    r"(?i)(?:[ \t]+(?:year[ \t-]+(?:over|on)[ \t-]+year|yoy|y/y|annual|annualized|sequential"
    r"|quarter[ \t-]+(?:over|on)[ \t-]+quarter|qoq))?[ \t]+(?P<n>increase|rise|jump|growth"
    r"|gain|surge|climb|decline|drop|fall|decrease|slump)s?\b"
    rf"(?:[ \t]+in[ \t]+(?:\w+[ \t]+)?(?P<m>{_MEASURE_RE})\b)?")
_FALL_WORDS = frozenset("fell declined dropped slipped slumped decreased plunged falling down "
                        "decline drop fall decrease slump".split())
# what the change is measured against: the same quarter a year before (the default of
# earnings coverage) or the quarter before
_SEQUENTIAL = re.compile(
    r"(?i)\b(?:sequential(?:ly)?|quarter[ \t-]+(?:over|on)[ \t-]+quarter|qoq|q/q"
    r"|(?:from|over|on|than)[ \t]+(?:the[ \t]+)?(?:previous|prior|preceding|last)[ \t]+quarter)\b")
# words that say on which basis the measure is counted: GAAP, adjusted and diluted figures
# of one quarter grow at different rates, so each is a measure of its own
_BASIS_WORDS = frozenset("""adjusted diluted gaap non-gaap underlying organic comparable
    annual full-year yearly fiscal""".split())
# a measure said of a part of the company named before it in a relative clause: "its Data
# Center segment, which generated quarterly revenue of $35.6 billion, a 16% increase"
_SEGMENT_BEFORE = re.compile(
    r"(?i)\b(?:segment|division|unit|business|arm|subsidiary)\b[^.;:!?]{0,40}?"
    r"\b(?:which|whose|that|where)\b[^.;:!?]*$")
_ATTRIBUTABLE = re.compile(r"(?i)[ \t]+attributable\b")
_ANNUAL = re.compile(r"(?i)\b(?:year[ \t-]+(?:over|on)[ \t-]+year|yoy|y/y"
                     r"|a[ \t]+year[ \t]+(?:ago|earlier)|(?:previous|prior|last)[ \t]+year"
                     r"|same[ \t]+(?:period|quarter))\b")
# words before a measure that still name the company's whole figure ("quarterly revenue",
# "Nvidia's revenue"); any other word names a part ("data center revenue")
_WHOLE_WORDS = frozenset("""the its their a quarterly quarter total overall
    group net company first-quarter second-quarter third-quarter fourth-quarter record of in
    and with while said says saw sees has had have that which whose when as
    january february march april may june july august september october
    november december""".split())
# "-ing" words before a measure that say how the whole figure moves or which period it covers
# ("rising revenue", "including revenue"); any other names a business ("advertising
# revenue", "licensing revenue": a part)
_WHOLE_ING = frozenset("""rising growing falling declining increasing decreasing slowing
    surging soaring climbing dropping sliding shrinking accelerating slumping booming
    including excluding following during remaining existing trailing""".split())


def _growth(text: str, ss: int, se: int, ve: int, first: int
            ) -> tuple[str, tuple[int, int]] | None:
    """(subject, measure span) of a percentage that is a financial measure's change."""
    verb = _CHANGE_VERB_BEFORE.search(text, max(ss, first - 40), first)
    noun = _CHANGE_NOUN_AFTER.match(text, ve, se)
    if verb is None and noun is None:
        return None
    if noun is not None and noun["m"]:
        measure = (noun.start("m"), noun.end("m"))
    else:
        # the nearest measure before, in the sentence, with no other percentage between
        lo = ss
        for other in _PERCENT.finditer(text, ss, first):
            lo = other.end()
        found = list(_MEASURE.finditer(text, lo, first))
        if not found or first - found[-1].start() > 120:
            return None
        measure = found[-1].span("m")
    if text[max(ss, measure[0] - 1):measure[0]] == "(":
        # an abbreviation in brackets after the measure written out: "adjusted earnings per
        # share (EPS) were $1.30": the words before the brackets say which measure
        found = list(_MEASURE.finditer(text, max(ss, measure[0] - 60), measure[0] - 1))
        if found:
            measure = found[-1].span("m")
    word = " ".join(text[measure[0]:measure[1]].lower().split())
    name = _MEASURES[word]
    before = re.search(r"([\w’'.&-]+)[ \t]+$", text[max(ss, measure[0] - 30):measure[0]])
    if before:
        w = before[1].lower()
        if w in _BASIS_WORDS or not (w in _WHOLE_WORDS or w.endswith(("'s", "’s", "ed"))
                                     or w in _WHOLE_ING or re.fullmatch(r"q[1-4]", w)):
            name = f"{w} {name}"  # a part's figure: "data center revenue"
    if " " not in name and _SEGMENT_BEFORE.search(text, max(ss, measure[0] - 100), measure[0]):
        name = f"segment {name}"
    if _ATTRIBUTABLE.match(text, measure[1]):
        name = f"attributable {name}"  # "net income attributable to shareholders": a part
    fall = (verb is not None and verb["v"].lower() in _FALL_WORDS) or (
        noun is not None and noun["n"].lower() in _FALL_WORDS)
    # the basis said after the figure, before any next percentage ("up 62% year-on-year and
    # 22% sequentially": the 62% is the annual change)
    nxt = _PERCENT.search(text, ve, min(se, ve + 60))
    after = text[ve:nxt.start() if nxt else min(se, ve + 60)]
    seq = _SEQUENTIAL.search(after)
    sequential = seq is not None and not _ANNUAL.search(after, 0, seq.start())
    return (f"{name} {'fall' if fall else 'rise'}" + (" (sequential)" if sequential else ""),
            measure)


# A share of a company's staff it lays off: "cut 15% of its workforce", "about 12% of its
# staff", "a 15% reduction of its workforce", "a 15% head count cut". Layoff coverage states
# the share and disagrees on it; a share of staff that is no cut ("20% of its workforce are
# women") is not read: the sentence must say cut, lay off, eliminate, reduce or shed.
_STAFF = r"(?:work[ \t]?force|staff|employees|head[ \t]?count|jobs|personnel)(?![ \t]+costs?\b)"
_STAFF_OF_AFTER = re.compile(
    r"(?i)[ \t]+of[ \t]+(?:(?:its|the|their|the[ \t]+company['’]s|[A-Z][\w&.-]*['’]s)[ \t]+)?"
    rf"(?:(?:global|total|entire|worldwide|overall|core)[ \t]+)?(?P<w>{_STAFF})\b")
_CUT_NOUN_AFTER = re.compile(
    rf"(?i)[ \t]+(?:{_STAFF}[ \t]+)?(?P<w>reduction|cut|cuts|layoffs?)(?:[ \t]+(?:of|in|to)"
    rf"[ \t]+(?:(?:its|the|their)[ \t]+)?{_STAFF})?\b")
_CUT_WORDS = re.compile(
    r"(?i)\b(?:cut|cuts|cutting|lay(?:s|ing)?[ \t]+off|laid[ \t]+off|layoffs?|eliminat\w*"
    r"|reduc\w*|slash\w*|shed\w*|axe[sd]?|axing)\b")


def _workforce_cut(text: str, ss: int, se: int, ve: int) -> tuple[int, int] | None:
    """The staff words of a percentage that is the share of staff a company cuts, or None."""
    noun = _CUT_NOUN_AFTER.match(text, ve, se)
    if noun is not None and re.search(_STAFF, noun.group(0), re.IGNORECASE):
        return noun.span("w")
    of = _STAFF_OF_AFTER.match(text, ve, se)
    if of is not None and _CUT_WORDS.search(text, ss, se):
        return of.span("w")
    return None


_NOT_HOLDERS = frozenset(
    "The A An This That It He She They We Turnout Voter Voters According Overall Election".split())


def _pct(num: str) -> float:
    """"62,11" -> 62.11 (a decimal comma); "62.7" -> 62.7."""
    return float(num.replace(",", "."))


def _precision(num: str, value: float) -> list[float | None]:
    """Half the last written digit either way: "17" -> [16.5, 17.5]."""
    decimals = len(re.split(r"[.,]", num)[1]) if re.search(r"[.,]", num) else 0
    half = 0.5 * 10 ** -decimals
    return [round(value - half, decimals + 2), round(value + half, decimals + 2)]


def _holder(name: str) -> str | None:
    words = name.split()
    while words and words[0] in _NOT_HOLDERS:
        words.pop(0)
    if not words:
        return None
    last = words[-1].strip(".,’'").lower()
    return last if len(last) >= 2 else None


def _clause_subject(text: str, ss: int, first: int) -> re.Match[str] | None:
    """The subject of the main clause, when the share sits in a clause hung on it (see
    ``_CLAUSE_BEFORE``): the last name before the clause that a verb of winning follows."""
    clause = _CLAUSE_BEFORE.search(text, max(ss, first - 60), first)
    if clause is None:
        return None
    found = list(_SUBJECT_VERB.finditer(text, max(ss, clause.start() - 200), clause.start()))
    return found[-1] if found else None


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    if _ANY_PERCENT.search(text, start, end) is None:
        return  # most ranges: one scan, no slice of the text
    sents = ctx.sentences(start, end)
    doc_year = ctx.doc_date.year if ctx.doc_date else None
    doc_month = ctx.doc_date.month if ctx.doc_date else None
    for m in _PERCENT.finditer(text, start, end):
        vs, ve = m.span()
        ss, se = sents.bounds(vs, ve)
        approx = approx_before(text, vs, ss)
        first = approx[1] if approx else vs
        subject, holder, context = None, None, None
        before = _TURNOUT_BEFORE.search(text, max(ss, first - 80), first)
        after = _TURNOUT_AFTER.match(text, ve, se)
        if before:
            subject, context = "turnout", before.span("w")
        elif after:
            subject, context = "turnout", after.span("w")
        elif _VOTE_WORDS.search(text, ss, se):
            won = _WON_BEFORE.search(text, max(ss, first - 80), first) or \
                _NAME_MARK_BEFORE.search(text, max(ss, vs - 60), vs) or \
                _clause_subject(text, ss, first)
            if won and (h := _holder(won["name"])) is not None:
                subject, holder, context = "vote share", h, won.span("name")
        if subject is None:
            growth = _growth(text, ss, se, ve, first)
            if growth is not None:
                subject, context = growth
        if subject is None:
            staff = _workforce_cut(text, ss, se, ve)
            if staff is not None:
                subject, context = "workforce cut", staff
        if subject is None or context is None or _PARTIAL.search(text, ss, se):
            continue
        value = _pct(m["num"])
        frame = read_frame(text, ss, se, vs, ve, "share", doc_year, first, None, doc_month)
        frame["measure"] = None
        frame["holder"] = {"gives": [], "gets": [holder] if holder else [],
                           "distributive": False, "total": False}
        kind = approx_bound_kind(text, approx) if approx else None
        spans = [SpanRef(vs, ve, "value"), SpanRef(context[0], context[1], "context")]
        if approx:
            spans.append(SpanRef(approx[1], approx[2], "context"))
        yield ClaimDraft(
            kind="share",
            predicate="share",
            subject=subject,
            value={"pct": value, "approx": approx[0] if approx else "exact", **frame,
                   "bound": frame_bound(value, kind) if kind else _precision(m["num"], value)},
            spans=spans,
            qualifiers={},
            extractor=NAME,
            version=VERSION,
        )
