"""The frame of an amount or a count: what it measures, whose it is, when it holds, how exact it is.

Two figures only contradict each other when they state the same thing: "$30 million each" and "a
combined $60 million" do not, nor do last year's programme and this one, nor a national average
and one company's figure. The money and count extractors call :func:`read_frame` for every figure
and store its result in the claim's value JSON:

- ``measure``: what the figure quantifies, read from the phrase it heads or modifies ("$5m in
  tuition", "a $2 million grant", "the average salary of $80,000"), as a family name
  ("funding", "grant", "tuition", "average salary"); None when the text does not say.
- ``holder``: who gives (``gives``) or receives / has (``gets``) it, as the proper names that
  stand in that relation ("from Acme and Borealis", "Acme will invest", "Stanford received",
  "Acme's"); ``distributive`` for "each"/"apiece"/"per company" (one value per holder) and
  ``total`` for "combined"/"in total"/"together"/"between them" (a sum over holders).
- ``frame``: "event", or "other" for background figures ("last year", "in 2010" when the
  document is dated later, "previously", "an earlier programme", "since 1998", "up from",
  "the national average"); ``frame_cue`` says which words decided it and ``year`` the year
  named in the figure's clause, if any.
- ``bound``: the interval the words allow, [low, high] (high None = unbounded): exact [v, v];
  about/around/roughly/some ±10 % ("about $45,000" allows $45,210, "about 200" does not allow
  "about 150"); nearly/almost [v - 10 %, v]; more than/over/at least [v, None];
  less than/under/up to [0, v]; a range its two ends.

Everything here reads a bounded window around the figure inside its sentence, so the cost per
figure is constant.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from audit.claimvalues import Frame, Holder
from audit.extract.numbers import ROMANCE_NUMBER_RE, WORDS_RE

# --- measure -----------------------------------------------------------------------------------

# Words naming what an amount quantifies, by family: figures of one family may be compared;
# figures of two families never are. Words not listed leave the measure unknown.
_FAMILIES: dict[str, tuple[str, ...]] = {
    "funding": ("funding", "fund", "funds", "investment", "investments", "financing", "backing",
                "money", "commitment", "commitments", "pledge", "pledges", "contribution",
                "contributions", "support", "capital", "injection", "package"),
    "grant": ("grant", "grants", "award", "awards", "prize"),
    "gift": ("gift", "gifts", "donation", "donations", "bequest", "endowment"),
    "cost": ("cost", "costs", "price", "prices", "price tag", "bill", "expense", "expenses"),
    "budget": ("budget", "budgets", "spending", "outlay"),
    "salary": ("salary", "salaries", "pay", "wage", "wages", "compensation", "earnings",
               "income"),
    "tuition": ("tuition", "fee", "fees"),
    "revenue": ("revenue", "revenues", "sales", "turnover"),
    "profit": ("profit", "profits", "loss", "losses"),
    "valuation": ("valuation", "market value", "market capitalisation",
                  "market capitalization"),
    "debt": ("debt", "debts", "loan", "loans"),
    "damages": ("damages", "fine", "fines", "penalty", "penalties", "settlement"),
    "tax": ("tax", "taxes", "levy", "levies"),
    "deal": ("deal", "acquisition", "takeover", "purchase", "sale", "transfer"),
}
_FAMILY_OF = {w: fam for fam, words in _FAMILIES.items() for w in words}
# Modifiers that make a different measure of one family: an average salary is not a salary.
_MODIFIERS = {"average": "average", "mean": "average", "median": "median", "starting": "starting",
              "base": "base", "minimum": "minimum", "maximum": "maximum", "initial": "initial",
              "entry": "starting", "net": "net", "gross": "gross", "punitive": "punitive",
              "compensatory": "compensatory", "matching": "matching", "match": "matching"}
# Coarse classes of families: an amount whose measure was not read from its phrase takes the
# class of the money extractor's cue word ("subject": funding / revenue / cost / valuation)
# and is compared with every family of that class.
COARSE = {"funding": "funding", "grant": "funding", "gift": "funding", "budget": "cost",
          "cost": "cost", "revenue": "revenue", "profit": "revenue", "valuation": "valuation",
          "deal": "valuation"}
SUBJECT_FAMILY = {"funding": "funding", "revenue": "revenue", "cost": "cost",
                  "valuation": "valuation"}


def coarse(measure: str) -> str:
    """The class of a measure ("average salary" -> "average salary", "grant" -> "funding")."""
    *mods, fam = measure.split()
    return " ".join([*mods, COARSE.get(fam, fam)])

_WORD = r"[a-z][a-z'’-]*"
# "$5m in tuition", "$110M of private investment", "$2m in new grants"
_AFTER_IN_OF = re.compile(rf"[ \t]+(?:in|of|worth\s+of)[ \t]+(?:(?:the|a|an|its|their)[ \t]+)?"
                          rf"(?P<np>{_WORD}(?:[ \t]+{_WORD}){{0,2}})")
# "a $5 million grant", "a $45,000 average salary", "the $2bn deal"
_AFTER_NOUN = re.compile(rf"(?:[ \t]+|-)(?P<np>{_WORD}(?:[ \t]+{_WORD}){{0,2}})")
# "tuition of $45,210", "average salary is $80,000", "funding for the X Programme totals $110M",
# "the value of the package at $5m" (the window ends where the figure starts)
_LINK = (r"(?:is|was|are|were|be|been|will|would|has|have|had|now|currently|reportedly"
         r"|expected[ \t]+to|set[ \t]+to|likely[ \t]+to)")
_BEFORE = re.compile(
    rf"\b(?P<np>(?i:{_WORD})(?:[ \t]+{_WORD}){{0,2}})\b"
    # a short complement: "for the X Programme", "of Pellham College graduates"
    r"(?:[ \t]+(?:for|of|at|in|from|to)[ \t]+(?:[\w.&'’-]+[ \t]+){0,3}[\w.&'’-]+)?"
    rf"[ \t]*(?:,[ \t]*)?(?:{_LINK}[ \t]+)*"
    r"(?:(?:is|was|are|were|be|been|of|at|to"
    r"|totals?|totalled|totaled|totaling|totalling|stands[ \t]+at|stood[ \t]+at|reached|reaches"
    r"|rose[ \t]+to|rises[ \t]+to|fell[ \t]+to|falls[ \t]+to|came[ \t]+to|comes[ \t]+to"
    r"|amounts?[ \t]+to|amounted[ \t]+to|worth|valued[ \t]+at|set[ \t]+at|of[ \t]+up[ \t]+to"
    r"|(?P<cost>costs?|costing)|runs?[ \t]+(?:to|at)|rise[ \t]+to|fall[ \t]+to|reach|total"
    r"|:)[ \t]+)(?:(?:about|around|roughly|some|nearly|almost|more[ \t]+than|over|less[ \t]+than"
    r"|under|up[ \t]+to|at[ \t]+least|approximately|an[ \t]+estimated|a[ \t]+combined"
    r"|a[ \t]+total[ \t]+of|just|a|an)[ \t]+)*$")
_MATCH_BEFORE = re.compile(r"(?i)\bmatch(?:ed|es|ing)?[ \t]+(?:(?:that|the|this|those|its|their"
                           r"|a|an|another|up[ \t]+to|with)[ \t]+)*$")
_NP_STOP = frozenset(
    """a an the of in on at by for with from to into and or but is are was were be been will
    would has have had each per this that these those its their his her our which who as than
    year years month months week weeks day days""".split())


def _measure_of_np(np: str, forward: bool = True) -> str | None:
    """The measure a short noun phrase names ("new research grants" -> "grant", "average
    salary" -> "average salary"), or None. ``forward``: the phrase follows the figure and runs
    until a function word; else it precedes the figure and runs back to one."""
    toks = [t.lower().replace("’", "'") for t in np.split()]
    run: list[str] = []
    for t in toks if forward else reversed(toks):
        if t in _NP_STOP:
            break
        run.append(t)
    if not forward:
        run.reverse()
    for i in range(len(run) - 1, -1, -1):  # the last family word heads the phrase
        pair = _FAMILY_OF.get(" ".join(run[i - 1 : i + 1])) if i else None
        fam = pair or _FAMILY_OF.get(run[i])
        if fam:
            mods = [_MODIFIERS[t] for t in run[:i] if t in _MODIFIERS]
            return " ".join(dict.fromkeys([*mods, fam]))
    mods = [_MODIFIERS[t] for t in run if t in _MODIFIERS]
    if mods and run[-1] not in _MODIFIERS:  # "average rent": a measure we do not list
        return " ".join(dict.fromkeys([*mods, run[-1].rstrip("s")]))
    return None


def measure(text: str, ss: int, se: int, vs: int, ve: int, kind: str) -> str | None:
    """What the amount at text[vs:ve] quantifies, read in its sentence text[ss:se]."""
    if kind != "money":
        return None
    for pat in (_AFTER_IN_OF, _AFTER_NOUN):
        m = pat.match(text, ve, min(se, ve + 50))
        if m:
            got = _measure_of_np(m["np"])
            if got:
                return got
    m = _BEFORE.search(text, max(ss, vs - 110), vs)
    if m:
        got = _measure_of_np(m["np"], forward=False) or ("cost" if m["cost"] else None)
        if got:
            return got
    if _MATCH_BEFORE.search(text, max(ss, vs - 30), vs):
        return "matching funding"  # "the state will match that $100 million"
    return None


# --- holder ------------------------------------------------------------------------------------

_CAP = r"(?:[A-Z][\w.&'’-]*|[A-Z]\.)"
# "&" joins one name ("Johnson & Johnson", "Procter & Gamble"); "and" joins two
_NAME = (rf"(?:{_CAP}(?:[ \t]+(?:of|for|de|du|und|the|&|and[ \t]+(?=[A-Z]\w*[ \t]+[A-Z]))?"
         rf"[ \t]*{_CAP})*)")
_NAMES = rf"(?P<names>{_NAME}(?:[ \t]*,[ \t]*{_NAME})*(?:,?[ \t]+and[ \t]+{_NAME})?)"
_GIVE = (r"(?:invest|contribut|put|putting|give|giving|gave|provid|pledg|commit|donat|spend|spent"
         r"|pay|paid|offer|fund|award|grant|lend|lent|loan|back|chip|kick|add|supply|suppli)")
_GET = (r"(?:receiv|get|got|win|won|gain|rais|secur|land|earn|collect|obtain|accept|bag|net"
        r"|attract|draw|drew)")
_AUX = (r"(?:(?:will|would|has|have|had|is|are|was|were|be|been|to|also|each|jointly|together"
        r"|already|now|recently|just|only|collectively|reportedly)[ \t]+)*")
# "<names> will (each) invest / put in / have committed", right before the figure
_GIVER_BEFORE = re.compile(
    rf"{_NAMES}[ \t]+{_AUX}{_GIVE}\w*(?:[ \t]+(?:in|up|out|forward))?[ \t]+"
    rf"(?:(?:a|an|the|about|around|some|roughly|nearly|almost|over|more[ \t]+than|up[ \t]+to"
    rf"|at[ \t]+least|a[ \t]+combined|a[ \t]+total[ \t]+of|another|an[ \t]+additional)[ \t]+)*$")
# (also in a relative clause: "Ms Hall, who secured 812,397 votes"; and "finished / trailed
# (behind) / ended with": "Hall, who trailed behind with 812,397 votes")
_GETTER_BEFORE = re.compile(
    rf"{_NAMES}(?:,?[ \t]+who)?[ \t]+{_AUX}(?:{_GET}\w*|(?:finish|end|trail|came|come|place)\w*"
    r"(?:[ \t]+(?:behind|second|third|fourth|last|up))?[ \t]+with"
    # "won the mayoralty with", "retained her seat with": the race, then the tally
    r"|(?:won|wins|win|winning|retain\w*|clinch\w*|took|takes|secur\w*)[ \t]+"
    r"(?:[a-z]+[ \t]+){1,3}with)[ \t]+"
    rf"(?:(?:a|an|the|about|around|some|roughly|nearly|almost|over|more[ \t]+than|up[ \t]+to"
    rf"|at[ \t]+least|a[ \t]+combined|a[ \t]+total[ \t]+of|another|an[ \t]+additional)[ \t]+)*$")
# "<giver> awarded <receiver> $5m"
_GIVER_TO_BEFORE = re.compile(
    rf"(?P<giver>{_NAME})[ \t]+{_AUX}(?:award|grant|give|gave|pay|paid|offer|lend|lent)\w*[ \t]+"
    rf"(?:the[ \t]+)?{_NAMES}[ \t]+(?:(?:a|an|about|around|some|nearly|almost|over|more[ \t]+than"
    rf"|up[ \t]+to)[ \t]+)*$")
# "Acme's $5 million", "Acme’s 500 employees"
_POSSESSIVE_BEFORE = re.compile(
    rf"{_NAMES}['’]s?[ \t]+(?:(?:a|an|about|around|some|nearly|almost|over|more[ \t]+than"
    rf"|up[ \t]+to|[a-z]+)[ \t]+)?$")
# "the Harlow family's own share at a minimum of $250 million", "Acme's revenue is $5m"
_POSSESSIVE_LINK_BEFORE = re.compile(
    rf"{_NAMES}['’]s?[ \t]+(?:[a-z]+(?:[ \t]+|[ \t]*,[ \t]*(?:which|that)[ \t]+)){{1,3}}"
    rf"(?:is|was|are|were|of|at|stands[ \t]+at"
    rf"|stood[ \t]+at|totals?|totalled|totaled|comes[ \t]+to|came[ \t]+to|reached|reaches"
    rf"|rose[ \t]+to|fell[ \t]+to)[ \t]+(?:(?:a[ \t]+minimum[ \t]+of|a[ \t]+maximum[ \t]+of"
    rf"|about|around|some|nearly|almost|over|more[ \t]+than|up[ \t]+to|at[ \t]+least"
    rf"|roughly|just)[ \t]+)*$")
# The organisation a count is about, as the subject of its clause: "Acme will cut 500 jobs",
# "Acme Corp said it would lay off 10,000 workers", "Acme to shed 300 staff"
_ACTOR_BEFORE = re.compile(
    rf"{_NAMES}[ \t]+(?:(?:said|says|announced|confirmed)[ \t]+(?:that[ \t]+)?(?:it|they)"
    rf"[ \t]+)?(?P<words>(?:[a-z]+[ \t]+){{1,8}}?)(?:(?:about|around|some|nearly|almost"
    rf"|over|more[ \t]+than|up[ \t]+to|at[ \t]+least|roughly|approximately|another"
    rf"|an[ \t]+additional|a[ \t]+further)[ \t]+)*$")
# words that make the name before them a speaker or another clause, not the count's actor
_NOT_ACTOR_WORDS = frozenset(
    """said says say told tells according reported reports stated states added adds noted notes
    wrote writes estimated estimates claimed claims believes believed thinks thought he she who
    whom which that when while after before because since as and but or than if whether
    where que qui y e et o ou lo la le les se por para pour de del des du""".split())
# (the last line: Spanish, Portuguese and French clause words, which the pattern's lower-case
# words would otherwise cross: "un jurado de Nueva York lo procesara por ... y ocho cargos")


def actor(text: str, ss: int, se: int, vs: int, ve: int, span_start: int | None = None
          ) -> list[str]:
    """The organisation (or other name) whose action a count is, when its clause names one as
    subject ("Acme Corp said it would lay off 10,000 workers" -> ["acme"]): a story about one
    company's layoffs that mentions another company's is two figures, not one."""
    first = vs if span_start is None else span_start
    lo, _hi = _clause(text, ss, se, first, ve, 110, 0)
    c = text.rfind(",", lo, first)
    lo = c + 1 if c >= 0 else lo
    m = _ACTOR_BEFORE.search(text, lo, first)
    if m is None or _NOT_ACTOR_WORDS.intersection(m["words"].split()):
        return []
    return _names(m["names"], text, m.start("names"), ss)


# "Acme has / employs / enrols 500 ..."
_HAS_BEFORE = re.compile(
    rf"{_NAMES}[ \t]+{_AUX}(?:has|have|had|employ|enrol|enroll|count|number|operat|run|serv)\w*"
    rf"[ \t]+(?:(?:about|around|some|nearly|almost|over|more[ \t]+than|up[ \t]+to|at[ \t]+least"
    rf"|roughly)[ \t]+)*$")
# What each pattern above must hold (its verb after a space, the possessive's apostrophe): a
# window without it is not searched, since each search tries the names pattern at every capital.
_GIVE_CUE = re.compile(rf"[ \t]{_GIVE}")
_GET_CUE = re.compile(rf"[ \t](?:{_GET}|finish|end|trail|came|come|place)")
_GIVER_TO_CUE = re.compile(r"[ \t](?:award|grant|give|gave|pay|paid|offer|lend|lent)")
_POSSESSIVE_CUE = re.compile(r"['’]")
_HAS_CUE = re.compile(r"[ \t](?:has|have|had|employ|enrol|enroll|count|number|operat|run|serv)")
# "... from Acme and Borealis", "... by Acme", "... to Stanford", "... at Stanford"
_FROM_AFTER = re.compile(
    rf"(?:[ \t]+(?:in|of)[ \t]+[a-z][\w-]*(?:[ \t]+[a-z][\w-]*){{0,2}})?"
    rf"(?:[ \t]+(?:each|apiece|combined|in[ \t]+total|together|between[ \t]+them))?"
    rf"[ \t]+(?P<prep>from|by|to|for|at|of)[ \t]+(?:the[ \t]+)?{_NAMES}")
# a rival's figure after a name: "to Ivo Brill's 701,220", "to Brill's 44.1%"
_RIVAL_FIGURE = re.compile(r"(?:['’]s?)?[ \t]+(?:(?:about|nearly|almost|some|just)[ \t]+)?\d")


def _rival_figure(text: str, name_end: int, hi: int) -> bool:
    """Whether a name ending at ``name_end`` is a possessive before a figure ("Brill's 701,220";
    the name pattern may have taken the "'s" in)."""
    m = _RIVAL_FIGURE.match(text, name_end, hi)
    return m is not None and (text[name_end:name_end + 1] in "'’" and name_end < hi
                              or text[max(0, name_end - 2):name_end] in ("'s", "’s"))
# "Dana Hale won with 812,397 votes to Ivo Brill's 701,220": the rival's figure of the same
# noun, the noun left out (a tally's second side)
RIVAL_AFTER = re.compile(
    rf"[ \t]*,?[ \t]+(?:to|against|versus|vs\.?|compared[ \t]+(?:with|to))[ \t]+"
    rf"(?:the[ \t]+)?(?P<rival>{_NAME})['’]s?[ \t]+(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)"
    r"(?![\d,.]?\d|[ \t]*(?:%|per|[a-z]))")
# "... from the state", "... by an anonymous donor": a common-noun giver
_FROM_COMMON_AFTER = re.compile(
    r"(?:[ \t]+(?:in|of)[ \t]+[a-z][\w-]*(?:[ \t]+[a-z][\w-]*){0,2})?"
    r"[ \t]+(?:from|by)[ \t]+(?:(?:the|a|an|its|their)[ \t]+|(?=(?:other|outside)[ \t]))"
    r"(?P<np>(?:[a-z][\w-]*[ \t]+){0,2}?[a-z][\w-]*)(?=[ \t]*(?:[.,;:!?)]|$|[ \t]+(?:to|for|and"
    r"|in|on|at|over|through|as|which|that|who|will|would|is|was)\b))")
_LEADING = frozenset({"the", "a", "an", "and"})
_NOT_NAMES = frozenset(
    """the a an it its they their he she his her we our you this that these those there here
    in on at of for by to from with and but or if as when while after before since during
    officials organisers organizers critics investors backers funders companies industry
    private public government""".split())
_MONTH_NAMES = ("january february march april may june july august september october november "
                "december").split()
_MONTHS = frozenset(
    _MONTH_NAMES + "monday tuesday wednesday thursday friday saturday sunday".split())
_LEGAL = re.compile(
    r"(?i)[,\s]+(?:inc|corp|corporation|co|company|ltd|limited|llc|plc|gmbh|ag|sa|nv|bv|group"
    r"|holdings)\.?$")
_SPLIT_NAMES = re.compile(r"[ \t]*,[ \t]*(?:and[ \t]+)?|,?[ \t]+and[ \t]+")


def norm_name(name: str) -> str:
    """A loose key for a holder name: no article, possessive, legal form or punctuation."""
    n = re.sub(r"['’]s$", "", name.strip())
    n = re.sub(r"^(?i:the)\s+", "", n)
    prev = None
    while prev != n:
        prev, n = n, _LEGAL.sub("", n)
    return " ".join(re.sub(r"[^\w ]+", " ", n.lower().replace(".", "")).split())


def _names(raw: str, text: str, pos: int, ss: int, strong: bool = False) -> list[str]:
    """Loose keys of the names in a list of names ("Acme, Borealis and the NSF")."""
    parts = [p.strip() for p in _SPLIT_NAMES.split(raw) if p.strip()]
    strong = strong or len(parts) > 1
    out = []
    for part in parts:
        words = part.split()
        while words and words[0].lower() in _LEADING:
            words = words[1:]
        if not words or all(w.lower() in _NOT_NAMES or w.lower() in _MONTHS for w in words):
            continue
        part = " ".join(words)
        at = text.find(part, pos)
        if (len(words) == 1 and at == ss and not strong
                and not _capitalised_elsewhere(text, part)
                and re.search(rf"\b{re.escape(part.lower())}\b", text) is not None):
            continue  # a common word opening the sentence: "Donors gave ...", "donors" elsewhere
        key = norm_name(part)
        if key and key not in out:
            out.append(key)
    return out


def _capitalised_elsewhere(text: str, word: str) -> bool:
    """Whether ``word`` is written capitalised inside a sentence somewhere in the text, so it
    reads as a name even when it opens this sentence."""
    return re.search(rf"[\w,;)][ \t]+{re.escape(word)}\b", text) is not None


_DISTRIBUTIVE_AFTER = re.compile(
    r"(?i)[ \t]*(?:(?:in|of)[ \t]+[a-z][\w-]*(?:[ \t]+[a-z][\w-]*)?[ \t]+)?"
    r"(?:each|apiece|per[ \t]+(?!year|annum|month|week|day|cent|capita|hour)[a-z]+|a[ \t]+piece)\b")
_DISTRIBUTIVE_BEFORE = re.compile(
    r"(?i)\b(?:each|every)\b(?![ \t]+(?:year|month|week|day)\b)(?![ \t]+of[ \t]+(?:the[ \t]+)?$)")
_TOTAL = re.compile(
    r"(?i)\b(?:combined|in[ \t]+total|a[ \t]+total[ \t]+of|totals?|totalled|totaled|totall?ing"
    r"|together(?![ \t]+with)|altogether|in[ \t]+all|all[ \t]+told|collectively|jointly"
    r"|between[ \t]+them"
    r"|in[ \t]+aggregate|overall|cumulative(?:ly)?|all[ \t]+together)\b")
# the whole a part is taken from: "five of the six counts", "two out of the three victims"
_WHOLE_OF_BEFORE = re.compile(
    r"(?i)(?<![\w.,])(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"[ \t]+(?:out[ \t]+)?of[ \t]+(?:the|all|its|their|his|her)[ \t]+$")
_CLAUSE_END = re.compile(r"[;:()\u2014]|\s[\u2013-]\s")
_DIGIT = re.compile(r"\d")


def _clause(text: str, ss: int, se: int, vs: int, ve: int, left: int, right: int
            ) -> tuple[int, int]:
    """A window around the figure inside its sentence, cut at the nearest semicolon, colon,
    parenthesis or dash on either side (commas stay: they join lists of names)."""
    lo, hi = max(ss, vs - left), min(se, ve + right)
    for c in _CLAUSE_END.finditer(text, lo, vs):
        lo = c.end()
    m = _CLAUSE_END.search(text, ve, hi)
    if m:
        hi = m.start()
    return lo, hi


# A figure that opens a parenthesis after a name, the parenthesis closing right after it: "the
# Farmers' Movement (BBB) (6 seats)", "the Farmers' Movement (BBB, 7 seats)", "Labour (412
# seats)": the figure is that name's. Its acronym, where one is written, is the key (two pages
# spell the long name apart more often than its acronym).
_ACRONYM = r"[A-Z][A-Z0-9&.-]{1,9}"
_PAREN_OPEN_BEFORE = re.compile(
    rf"(?:(?P<name>{_NAME})[ \t]*)?(?:\((?P<acr>{_ACRONYM})\)[ \t]*)?"
    rf"\([ \t]*(?:(?P<inner>{_ACRONYM})[ \t]*,[ \t]*)?$")
_PAREN_CLOSE_AFTER = re.compile(r"[^()\n]{0,30}?\)")


def _parenthesised_holder(text: str, ss: int, se: int, first: int, ve: int) -> list[str]:
    """The name a parenthesised figure belongs to (see ``_PAREN_OPEN_BEFORE``), or []."""
    if "(" not in text[max(ss, first - 16):first]:
        return []
    m = _PAREN_OPEN_BEFORE.search(text, max(ss, first - 120), first)
    if m is None or not _PAREN_CLOSE_AFTER.match(text, ve, se):
        return []
    key = m["inner"] or m["acr"]
    if key:
        return [norm_name(key)]
    return _names(m["name"], text, m.start("name"), ss) if m["name"] else []


def holder(text: str, ss: int, se: int, vs: int, ve: int, span_start: int | None = None
           ) -> Holder:
    """Who gives and who gets / has the figure at text[vs:ve], with its distributive and total
    markers. ``span_start`` is where the figure's words begin (an "about" before it)."""
    first = vs if span_start is None else span_start
    lo, hi = _clause(text, ss, se, first, ve, 110, 80)
    gives: list[str] = []
    gets: list[str] = []
    before = text[lo:first]
    m = _GIVER_TO_BEFORE.search(before) if _GIVER_TO_CUE.search(before) else None
    if m:
        gives += _names(m["giver"], text, lo + m.start("giver"), ss)
        gets += _names(m["names"], text, lo + m.start("names"), ss)
    else:
        for pat, cue, into in ((_GIVER_BEFORE, _GIVE_CUE, gives), (_GETTER_BEFORE, _GET_CUE, gets),
                               (_POSSESSIVE_BEFORE, _POSSESSIVE_CUE, gets),
                               (_POSSESSIVE_LINK_BEFORE, _POSSESSIVE_CUE, gets),
                               (_HAS_BEFORE, _HAS_CUE, gets)):
            m = pat.search(before) if cue.search(before) else None
            if m:
                into += _names(m["names"], text, lo + m.start("names"), ss,
                               strong=pat in (_POSSESSIVE_BEFORE, _POSSESSIVE_LINK_BEFORE))
                break
    a = _FROM_AFTER.match(text, ve, hi)
    if a and a["prep"] == "to" and _rival_figure(text, a.end("names"), hi):
        a = None  # "812,397 votes to Ivo Brill's 701,220": the rival's figure, not a recipient
    if a:
        into = gives if a["prep"] in ("from", "by") else gets
        into += [n for n in _names(a["names"], text, a.start("names"), ss) if n not in into]
    elif not gives and (a := _FROM_COMMON_AFTER.match(text, ve, hi)):
        gives.append(a["np"].lower())
    if not gives and not gets:
        gets += _parenthesised_holder(text, ss, se, first, ve)
    distributive = bool(_DISTRIBUTIVE_AFTER.match(text, ve, hi)) or bool(
        _DISTRIBUTIVE_BEFORE.search(text, max(lo, first - 50), first))
    # after the figure, up to the next figure ("a majority of 174 and a projected total of 412
    # seats": the total is the seats')
    after_end = min(hi, ve + 40)
    nxt = _DIGIT.search(text, ve, after_end)
    total = bool(_TOTAL.search(text, max(lo, first - 60), first)) or bool(
        _TOTAL.search(text, ve, nxt.start() if nxt else after_end)) or bool(
        _WHOLE_OF_BEFORE.search(text, max(lo, first - 30), first))
    return {"gives": gives, "gets": gets, "distributive": distributive,
            "total": total and not distributive}


# --- what happened to the counted group ---------------------------------------------------------

_ENGLISH_STATES = {
    "killed": ("killed", "died", "dead", "die", "dies", "perished", "fatalities", "slain",
               "murdered", "drowned", "deceased"),
    "injured": ("injured", "hurt", "wounded", "hospitalized", "hospitalised", "treated",
                "hospital", "injuries"),
    "missing": ("missing", "unaccounted"),
    "rescued": ("rescued", "saved", "evacuated"),
    "arrested": ("arrested", "detained", "charged", "convicted"),
    "survived": ("survived", "surviving", "survive", "survives", "survivors"),
}
# The same states in Spanish, Portuguese and French coverage ("63 personnes étaient mortes",
# "40 muertos", "12 feridos")
_ROMANCE_STATES = {
    "killed": ("muertos", "muertas", "muerto", "fallecidos", "fallecidas", "fallecieron",
               "murieron", "mortos", "mortas", "morreram", "falecidos", "falecidas", "morts",
               "mortes", "décédés", "décédées", "tués", "tuées", "péri", "décédé"),
    "injured": ("heridos", "heridas", "lesionados", "feridos", "feridas", "blessés",
                "blessées", "hospitalisés", "hospitalizados", "hospitalarios", "hospitalares",
                "hospitaliers", "hôpital", "hôpitaux"),
    "missing": ("desaparecidos", "desaparecidas", "disparus", "disparues"),
    "rescued": ("rescatados", "rescatadas", "rescatado", "rescatada", "salvados", "salvadas",
                "evacuados", "evacuadas", "resgatados", "resgatadas", "salvos", "salvas",
                "sauvés", "sauvées", "secourus", "secourues", "évacués", "évacuées"),
}
_STATES = {k: ws + _ROMANCE_STATES.get(k, ()) for k, ws in _ENGLISH_STATES.items()}
# ... which are also the counted noun itself ("40 muertos y 120 heridos")
_ROMANCE_STATE_NOUNS = {w: k for k, ws in _ROMANCE_STATES.items() for w in ws}
STATE_OF = {w: k for k, ws in _STATES.items() for w in ws}
# "three people who died", "five people were still hospitalized", "leaving three people dead"
_STATE_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:who|that|which|were|was|are|is|have|has|had|been|being|will|be"
    r"|still|later|reportedly|remain|remained|remains|seriously|critically|fatally|badly"
    r"|also|all|in|taken|to|were|confirmed|now|officially|reported"
    # what is believed of them is their state: "3,000 people believed to be trapped"
    r"|believed|feared|thought|presumed|estimated|said|known|expected|likely|understood"
    # Spanish, Portuguese, French: "que murieron", "étaient mortes", "han resultado heridas"
    r"|que|qui|étaient|sont|ont|été|estaban|están|fueron|han|habían|resultaron|resultado"
    r"|foram|estão|estavam|ficaram|seraient|sido|sidas"
    # taken to hospital: "trasladadas a centros hospitalarios", "levados ao hospital"
    r"|trasladados|trasladadas|llevados|llevadas|levados|levadas|transportés|transportées"
    r"|a|al|ao|aos|à|aux|l'hôpital|centros|centro|centres|hospitales)[ \t]+){0,6}"
    r"(?P<w>[^\W\d_]+)")
# "40 Indians among 50 dead", "were among the 49 people killed": a part of a group whose state
# is said (up to five words after "among", within the clause)
_AMONG_AFTER = re.compile(
    r"[ \t]*(?:(?:are|were|is|was|also|reportedly|said[ \t]+to[ \t]+be)[ \t]+)*among[ \t]+"
    r"(?P<rest>(?:[\w-]+[ \t]+){0,4}[^\W\d_]+)")
# ... or named before the count: "among the deceased were 18 workers", "Among the 23
# fatalities, 18 were foreigners, including 17 Chinese" (within its sentence)
_AMONG_THE_BEFORE = re.compile(
    r"(?i)\bamong[ \t]+the[ \t]+(?:\d[\d,]*[ \t]+)?(?P<w>dead|deceased|fatalities|killed"
    r"|injured|wounded|missing)\b[^.;!?]{0,80}$")
# the people a place is home to are its residents, not those an event struck: "a village home
# to about 4,000 people", "a population of 3,895 people"
_RESIDENTS_BEFORE = re.compile(
    r"(?i)\b(?:home[ \t]+to|population[ \t]+of|inhabited[ \t]+by)[ \t]+(?:(?:about|around"
    r"|some|roughly|nearly|almost|approximately|an[ \t]+estimated|more[ \t]+than|over"
    r"|at[ \t]+least)[ \t]+)?$")
_LOST_LIVES = re.compile(
    r"[ \t]+(?:(?:who|that|have|has|had)[ \t]+)*lost[ \t]+(?:their|his|her)[ \t]+lives?\b"
    # "ont perdu la vie", "perdieron la vida", "perderam a vida"
    r"|[ \t]+(?:(?:qui|que|ont|han|habían|tinham|têm)[ \t]+)*(?:perdu|perdieron|perdido"
    r"|perderam)[ \t]+(?:la|a)[ \t]+vi(?:e|da)\b")
_APPROX_WORDS = (r"(?:at[ \t]+least|about|around|roughly|some|nearly|almost|more[ \t]+than"
                 r"|over|at[ \t]+most|up[ \t]+to|an[ \t]+estimated|approximately|another)")
_STATE_BEFORE = re.compile(r"(?i)\b(?P<w>kill(?:ing|ed|s)|injur(?:ing|ed|es)|wound(?:ing|ed|s)"
                           r"|hurting|left|leaving|claimed[ \t]+the[ \t]+lives[ \t]+of"
                           r"|(?:death|fatality|casualty)[ \t]+toll[ \t]+(?:[^\s]+[ \t]+){0,8}?"
                           r"(?:rose|rises|rising|climbed|climbs|reached|reaches|stood|stands|of|at"
                           r"|to|exceeded|exceeds|topped|tops|passed|surpassed|is|was|hit|hits))"
                           rf"[ \t]+(?:{_APPROX_WORDS}[ \t]+)*$")
# ... and its Spanish, Portuguese and French verbs before the number: "murieron 40 personas"
_ROMANCE_STATE_BEFORE = re.compile(
    r"(?i)\b(?P<w>murieron|fallecieron|perecieron|mataron|mató|morreram|faleceram|mataram"
    r"|matou|hirió|hirieron|feriu|feriram|a[ \t]+tué|ont[ \t]+tué|a[ \t]+blessé|ont[ \t]+blessé)"
    r"(?:[ \t]+(?:a|al[ \t]+menos|unas|unos|cerca[ \t]+de|más[ \t]+de|pelo[ \t]+menos"
    r"|mais[ \t]+de|au[ \t]+moins|plus[ \t]+de|près[ \t]+de|environ))*[ \t]+$")
_ROMANCE_DEATH_OF = re.compile(
    r"(?i)\b(?:la|a)[ \t]+(?:morte|muerte|mort)[ \t]+(?:di|de|d'|du)[ \t]*"
    r"(?:(?:al[ \t]+menos|almeno|pelo[ \t]+menos|au[ \t]+moins|más[ \t]+de|mais[ \t]+de"
    r"|più[ \t]+di|plus[ \t]+de)[ \t]+)?$")
# The verb of the counted group further on, past a phrase naming whose they are and an aside:
# "five cars of the westbound train, which runs to Chicago, derailed near the station"
_STATE_LATE = re.compile(
    r"(?:[ \t]+(?:of|on|from|aboard)[ \t]+[^,.;:!?()\n]{1,60}?"
    r"|[ \t]*(?:--|\u2014|\u2013)[^\u2014\u2013\n]{1,120}?(?:--|\u2014|\u2013))"
    r"(?:,[ \t]*(?:which|who|that)[ \t][^,.;:!?()\n]{1,80},)?"
    r"[ \t]+(?:(?:were|was|had|have|has|also|all|reportedly|then)[ \t]+){0,2}"
    r"(?P<w>[a-z]{3,}ed)(?=[ \t]*(?:[,.;:!?)]|$|(?:about|at|near|in|on|after|when|and|from"
    r"|off|onto|into|outside|just|late|early|during|before|as|while)\b))")
# A count that says what a whole is made of: "the train had two locomotives and 10 cars",
# "a convoy made up of 12 trucks" (the make-up, not what happened to some of them)
_MAKE_UP_BEFORE = re.compile(
    r"(?i)\b(?:consist(?:ed|s|ing)?[ \t]+of|made[ \t]+up[ \t]+of|compris(?:ed|es|ing)"
    r"(?:[ \t]+of)?|composed[ \t]+of|pulling|hauling)"
    r"(?:[ \t]+(?:a|an|one|two|three|four|five|six|\d+|and|[a-z]+s),?){0,4}"
    rf"[ \t]+(?:{_APPROX_WORDS}[ \t]+)*$")
# The whole of which some are then described: "10 cars, eight of which derailed"
_WHOLE_AFTER = re.compile(
    r"[ \t]*,[ \t]*(?:\d+|[a-z]+)[ \t]+of[ \t]+(?:which|whom|them|those)\b", re.I)
# "a crash involving three trains": the parties of a happening, not what happened to them
_INVOLVED_BEFORE = re.compile(
    rf"(?i)\binvolv(?:ed|ing|es)[ \t]+(?:{_APPROX_WORDS}[ \t]+|as[ \t]+many[ \t]+as[ \t]+)*$")
# What happened, named by a noun before the group: "the derailment of four coaches"
_NOMINAL_STATE = {"derailment": "derailed", "collapse": "collapsed", "destruction": "destroyed",
                  "evacuation": "rescued", "rescue": "rescued", "arrest": "arrested",
                  "sinking": "sank", "closure": "closed", "grounding": "grounded",
                  "cancellation": "cancelled", "recall": "recalled", "loss": "lost",
                  "death": "killed", "deaths": "killed", "injuries": "injured",
                  "injury": "injured"}
_NOMINAL_BEFORE = re.compile(
    r"(?i)\b(?P<w>" + "|".join(_NOMINAL_STATE) + r")[ \t]+(?:of|to)[ \t]+"
    rf"(?:the[ \t]+|its[ \t]+|their[ \t]+|{_APPROX_WORDS}[ \t]+)*$")
# ... or by a participle right after it: "three coaches falling onto the next track"
_DOING_AFTER = re.compile(r"[ \t]+(?P<w>[a-z]{3,}ing)\b")
_NOT_DOING = frozenset({
    "including", "according", "totaling", "totalling", "comprising", "following", "regarding",
    "concerning", "involving", "excluding", "during", "ranging", "spanning", "representing",
    "working", "living", "being", "having", "making", "setting", "bringing", "using", "worth",
    "amounting", "belonging", "remaining", "existing", "pending", "starting", "beginning",
    "featuring", "covering", "serving", "operating", "employing", "housing", "holding",
    "joining", "participating", "taking", "coming", "going", "planning",
    "expecting", "hoping", "seeking", "trying", "waiting", "studying", "attending"})
# Counts of people dead, hurt or lost in a disaster: named by the counted noun itself
_STATE_NOUNS = {"deaths": "killed", "fatalities": "killed", "dead": "killed",
                "bodies": "killed", "injuries": "injured", "casualties": "casualties",
                "victims": "casualties", "survivors": "survived", "cuerpos": "killed",
                "corpos": "killed", "victimes": "casualties"}
# A part of a group the noun says what happened to: "29 survivors, including two children",
# "the dead include three children" (the part shares the group's state, whatever verb follows)
_PART_OF_GROUP_BEFORE = re.compile(
    rf"(?i)\b(?P<noun>{'|'.join(_STATE_NOUNS)})(?:[ \t]+[\w'’-]+){{0,3}}?,?[ \t]+(?:including"
    r"|among[ \t]+them|among[ \t]+whom|of[ \t]+whom|include|included|includes)"
    rf"[ \t]+(?:{_APPROX_WORDS}[ \t]+)*$")
# ... or of a stated group: "15 people were injured, including two children", "killing at
# least 21 people, including three children": the part shares the group's state
_PART_OF_STATED_BEFORE = re.compile(
    r"(?i)\b(?P<w>kill(?:ed|ing)|injur(?:ed|ing)|wound(?:ed|ing)|hurt|dead|died|missing)"
    r"(?:[ \t]+[\w'’-]+){0,4}?,?[ \t]+(?:including|among[ \t]+them|among[ \t]+whom"
    rf"|of[ \t]+whom)[ \t]+(?:{_APPROX_WORDS}[ \t]+)*$")
# What happens to people in an unfolding disaster or crime: such counts are tolls, reported as
# they rise (820, then 1,300, then 2,012 killed), so pages of different moments differ.
CASUALTY_STATES = frozenset(
    {"killed", "injured", "missing", "rescued", "arrested", "casualties", "displaced",
     "affected", "homeless", "trapped", "hospitalised", "hospitalized", "stranded",
     "survived"})


# A restrictive clause that says which of the counted are meant, when no state word is in it:
# "five people who had a ticket", "three people who were on the first bus" (a group of its own)
_RESTRICTIVE_AFTER = re.compile(r"[ \t]+(?:who|that)[ \t]+(?P<c>[a-z]+(?:[ \t]+[a-z]+){0,2})")


# "-ed" words after a count that say nothing of what happened to the group: "99 seats,
# compared with 52 in 2019" compares two tallies
_NO_STATE = frozenset({"need", "compared"})


# Counts of an indictment at each stage of a trial: charged with 12, convicted on 4, acquitted
# on 3, sentenced on 3 (merged counts), dropped: each stage its own tally
_CHARGE_NOUNS = frozenset({"counts", "count", "charges", "charge", "cargos"})
_STAGES = {"charged": "charged", "indicted": "charged", "faced": "charged", "faces": "charged",
           "facing": "charged", "face": "charged", "accused": "charged",
           "convicted": "convicted", "guilty": "convicted", "culpable": "convicted",
           "acquitted": "acquitted", "not guilty": "acquitted", "cleared": "acquitted",
           "absuelto": "acquitted", "absuelta": "acquitted", "inocente": "acquitted",
           "no culpable": "acquitted",
           "sentenced": "sentenced", "sentencing": "sentenced",
           "dropped": "dropped", "dismissed": "dropped",
           "deadlocked": "undecided", "hung": "undecided", "mistrial": "undecided"}
_STAGE_BEFORE = re.compile(
    r"(?i)\b(?:" + "|".join(sorted((w.replace(" ", r"[ \t]+") for w in _STAGES),
                                   key=len, reverse=True)) + r")\b")
STAGE_REACH = 100  # characters before the number, within its sentence
# The charge a count is of: "counts of felony murder", "charges of wire fraud"
_CRIME_AFTER = re.compile(
    r"[ \t]+of[ \t]+(?:an?[ \t]+|the[ \t]+)?(?P<c>(?!(?:which|whom|them|those)\b)"
    r"[a-z][a-z'’-]*(?:[ \t]+(?!(?:and|or|which|that|who|in|on|at|for|against|to|with|by)\b)"
    r"[a-z][a-z'’-]*){0,3})")


_CHARGE_OF = re.compile(rf"(?i)(?:\b\d+|{WORDS_RE})[ \t]+(?:counts?|charges?)[ \t]+of\b")


def charge_of(text: str, ce: int, se: int) -> str | None:
    """The charge a count of charges is of ("four counts of felony murder": "felony
    murder"), or None."""
    crime = _CRIME_AFTER.match(text, ce, min(se, ce + 60))
    return " ".join(crime["c"].lower().split()) if crime else None


def charges_listed(text: str, ss: int, se: int) -> bool:
    """Whether the sentence gives counts of two charges or more ("three counts of arson and
    four counts of burglary"): each a part of the indictment."""
    return len(_CHARGE_OF.findall(text, ss, se)) >= 2


# The indictment some counts are taken from: "guilty on two of five counts", "two of the
# five felony charges", "dos de los cinco cargos" (the five are what was charged)
_PART_OF_CHARGES_BEFORE = re.compile(
    rf"(?i)(?P<n>\b\d+|{WORDS_RE}|\b{ROMANCE_NUMBER_RE})[ \t]+(?:(?:out[ \t]+)?of"
    r"(?:[ \t]+(?:the|all|his|her|their|its))?|de[ \t]+(?:los|las)|dos|das|des)[ \t]+$")


def whole_of_charges(text: str, ns: int, ss: int) -> re.Match[str] | None:
    """The "two of" before the number of a whole indictment ("two of five counts"), or None."""
    return _PART_OF_CHARGES_BEFORE.search(text, max(ss, ns - 30), ns)


def charge_stage(text: str, ns: int, ss: int) -> str | None:
    """The trial stage the nearest verb before a count of charges names ("found guilty on
    five charges": convicted; "sentenced on three counts": sentenced), or None. The whole an
    indictment's part is taken from ("two of five counts") is what was charged."""
    if whole_of_charges(text, ns, ss):
        return "charged"
    last = None
    for m in _STAGE_BEFORE.finditer(text, max(ss, ns - STAGE_REACH), ns):
        last = m
    if last is None:
        return None
    return _STAGES[" ".join(last[0].lower().split())]


def count_state(text: str, ns: int, ce: int, ss: int, se: int) -> str | None:
    """What happened to the counted group ("killed", "injured", ...) when the words right after
    it (or a participle right before the number) say so: three people killed and five people
    in hospital are different groups. A participle not listed is kept as written."""
    if _LOST_LIVES.match(text, ce, min(se, ce + 60)):
        return "killed"
    if _RESIDENTS_BEFORE.search(text, max(ss, ns - 40), ns):
        return "residents"
    noun = re.search(r"(\w+)$", text[ns:ce])
    if noun and noun[1].lower() in _CHARGE_NOUNS:
        return charge_stage(text, ns, ss)
    if noun and noun[1].lower() in _STATE_NOUNS:
        return _STATE_NOUNS[noun[1].lower()]
    if noun and noun[1].lower() in _ROMANCE_STATE_NOUNS:
        return _ROMANCE_STATE_NOUNS[noun[1].lower()]
    group = _PART_OF_GROUP_BEFORE.search(text, max(ss, ns - 50), ns)
    if group:  # "29 survivors, including two children": the children survived
        return _STATE_NOUNS[group["noun"].lower()]
    stated = _PART_OF_STATED_BEFORE.search(text, max(ss, ns - 70), ns)
    if stated:
        w = stated["w"].lower()
        return STATE_OF.get(w) or ("killed" if w.startswith("kill") else "injured")
    among = _AMONG_AFTER.match(text, ce, min(se, ce + 60))
    if among:  # "30 Peruvians among 41 dead", "were among the injured": the whole's state
        for w in among["rest"].lower().split():
            if w in STATE_OF:
                return STATE_OF[w]
    among_the = _AMONG_THE_BEFORE.search(text, max(ss, ns - 120), ns)
    if among_the:  # "among the deceased were 18 workers", "Among the 23 fatalities, ... 17"
        return STATE_OF[among_the["w"].lower()]
    m = _STATE_AFTER.match(text, ce, min(se, ce + 60))
    if m:
        w = m["w"].lower()
        if w in STATE_OF:
            return STATE_OF[w]
        if len(w) > 4 and w.endswith("ed") and w not in _NO_STATE:
            return w
    if _ROMANCE_DEATH_OF.search(text, max(ss, ns - 40), ns):
        return "killed"  # "la muerte de 40 personas", "la mort de 16 personnes"
    rb = _ROMANCE_STATE_BEFORE.search(text, max(ss, ns - 60), ns)
    if rb:  # "murieron 40 personas", "hirió a 12 personas"
        w = rb["w"].lower()
        return "injured" if w.startswith(("hiri", "feri")) or "bless" in w else "killed"
    b = _STATE_BEFORE.search(text, max(ss, ns - 120), ns)
    if b:
        w = b["w"].lower()
        if w in ("left", "leaving"):
            a = re.match(r"[ \t]+(?P<w>dead|injured|hurt|wounded|homeless|missing)\b", text[ce:])
            return STATE_OF.get(a["w"].lower(), a["w"].lower()) if a else None
        if "toll" in w:
            return "casualties" if w.startswith("casualty") else "killed"
        return "killed" if w.startswith(("kill", "claimed")) else "injured"
    if _WHOLE_AFTER.match(text, ce, min(se, ce + 40)) or _MAKE_UP_BEFORE.search(
            text, max(ss, ns - 60), ns):
        return "make-up"
    if _INVOLVED_BEFORE.search(text, max(ss, ns - 40), ns):
        return "involved"
    nominal = _NOMINAL_BEFORE.search(text, max(ss, ns - 40), ns)
    if nominal:
        return _NOMINAL_STATE[nominal["w"].lower()]
    ing = _DOING_AFTER.match(text, ce, min(se, ce + 30))
    if ing and ing["w"].lower() not in _NOT_DOING:
        return ing["w"].lower()
    late = _STATE_LATE.match(text, ce, min(se, ce + 200))
    if late:
        w = late["w"].lower()
        return STATE_OF.get(w, w)
    clause = _RESTRICTIVE_AFTER.match(text, ce, min(se, ce + 60))
    if clause:  # "five people who had a ticket": those people, not another page's people
        return "who " + " ".join(clause["c"].lower().split())
    return None


# --- time frame --------------------------------------------------------------------------------

_YEAR = re.compile(r"(?<![\w$€£¥.,])(?:in|of|for|during|since|from|by|until|through|between|,)?"
                   r"[ \t]*(?:fiscal[ \t]+(?:year[ \t]+)?|FY[ \t]*)?(?P<y>(?:19|20)\d\d)(?!\w|,\d)")
_BACKGROUND = re.compile(
    r"(?i)\b(?:last|previous|prior|preceding|past)[ \t]+(?:year|season|month|week|quarter|decade"
    r"|round|programme|program|scheme|grant|award|budget|deal|initiative|phase|partnership"
    r"|funding|term|year['’]s|season['’]s|record|high|low|mark|best)\b"
    # the record a figure beats is another figure: "a new record, surpassing the 80 million
    # euros paid for X"
    r"|\brecord\b[^.;:]{0,40}?\b(?:surpass|eclips|break|beat|smash|top|exceed|overtak)\w*"
    r"[ \t]+(?:the[ \t]+)?$"
    r"|\b(?:previously|formerly|earlier[ \t]+(?:programme|program|scheme|grant|round|phase"
    r"|partnership|deal|initiative|project|award|budget)|an[ \t]+earlier|the[ \t]+earlier"
    r"|a[ \t]+previous|the[ \t]+previous|in[ \t]+the[ \t]+past|years?[ \t]+ago|decades?[ \t]+ago"
    r"|since[ \t]+(?:19|20)\d\d|historically|once)\b"
    # an earlier happening of the kind: "a demonstration a week earlier brought one million"
    r"|\b(?:a|an|one|two|three|four|five|six|several|few|\d{1,2})[ \t]+(?:days?|weeks?"
    r"|months?)[ \t]+earlier\b"
    r"|\b(?:national|nationwide|industry|state|statewide|sector|global|worldwide|regional"
    r"|countrywide|market|industry-wide|OECD|EU|U\.?S\.?)[ \t-]+(?:average|median|norm|mean)\b"
    r"|\b(?:average|median)[ \t]+(?:\w+[ \t]+){0,2}(?:nationally|nationwide|across[ \t]+the"
    r"[ \t]+(?:country|industry|sector|state|nation))\b"
    r"|\b(?:up|down|rising|falling|increased?|decreased?|rose|fell)[ \t]+from[ \t]*$"
    # a projection, not a figure of the event: "that would mean $100 million in total"
    r"|\b(?:would|could|might)[ \t]+(?:\w+[ \t]+)?(?:mean|bring|push|take|lift|raise|reach|rise"
    r"|climb|grow|increase)\b"
    # market prices around the event: "shares closed at $90", "the stock was up 3% at $90"
    r"|\b(?:closed|closing|trading|traded|trade|opened|ended|finished)[ \t]+(?:\w+[ \t]+){0,3}?"
    r"at[ \t]*$|\b(?:up|down|higher|lower)[ \t]+(?:about[ \t]+|nearly[ \t]+)?[\d.]+[ \t]*%"
    r"[ \t]+at[ \t]*$"
    r"|\b(?:compared[ \t]+(?:with|to)|versus|vs\.?|than)[ \t]*(?:the[ \t]+)?$"
    # a span looking back: "over the last three seasons", "five of the past 10 titles"
    r"|\b(?:the|its|their|his|her)[ \t]+(?:last|past|previous|prior|preceding)[ \t]*$")
# A giver's running total, not this gift, when stated as a lower bound: "has given more than
# $500 million to X", "support to X totaling more than ...", "donations adding up to more than"
_CUMULATIVE_BEFORE = re.compile(
    r"(?i)\b(?:(?:has|have)[ \t]+(?:now[ \t]+|already[ \t]+)?(?:given|donated|contributed)"
    r"(?:[ \t]+a[ \t]+total[ \t]+of)?"
    r"|(?:giving|donations|gifts|support|philanthropy|contributions|legacy)\b[^.;:!?]{0,80}?"
    r"\b(?:totals?|totall?ing|adding[ \t]+up[ \t]+to|amounting[ \t]+to))[ \t]*$")
# A count taken while results still come in: "with 86% of votes counted", "with 545 results
# declared" opens a paragraph whose figures are provisional; the final figures differ from them
# by nature, so they are compared with nothing (a partial tally is no discrepancy)
PARTIAL_COUNT_WINDOW = 600
_PARTIAL_COUNT = re.compile(
    r"(?i)\bwith[ \t]+(?:(?:about|around|nearly|almost|over|more[ \t]+than|some|just[ \t]+over"
    r"|only)[ \t]+)?\d[\d,.]*[ \t]*(?:%|per[ \t]*cent|percent)?[ \t]+(?:of[ \t]+(?:the[ \t]+|all"
    r"[ \t]+)?(?:\d[\d,]*[ \t]+)?)?(?:[a-z]+[ \t]+){0,2}?(?:results?|seats|constituencies|votes?"
    r"|ballots|precincts|districts|wards|polling[ \t]+stations|counties|races)[ \t]+(?:\w+[ \t]+)?"
    r"(?:declared|counted|reported|in|tallied|processed|announced|called)\b")
_LOWER_BOUND = re.compile(r"(?i)(?:more[ \t]+than|over|upwards[ \t]+of|in[ \t]+excess[ \t]+of)\b")
# What was forecast, not what happened: "management was calling for revenue of $11 billion",
# "the $11 billion it had forecast", "against the anticipated $2.4 billion", "beat the
# expected $2.65", "analysts'
# consensus of $11.2 billion". Compared only with forecasts of the same side (the market's or
# the company's), never with results.
_FORECAST = re.compile(
    r"(?i)\b(?P<m>consensus|analysts?['’]?|investors|Wall[ \t]+Street)(?:[ \t]+\w+){0,2}?[ \t]+"
    r"(?:had[ \t]+)?(?:expected|predicted|projected|estimated|estimates?|called[ \t]+for"
    r"|forecasts?|(?:was|were)[ \t]+looking[ \t]+for)\b"
    r"|\b(?P<a>consensus|expectations|(?:analysts?['’]?|market|Street['’]?s?)[ \t]+"
    r"(?:estimates?|expectations?))\b"
    # "it expects free cash flow for the year to be approximately $6.5 billion"
    r"|\b(?P<x>expects?|anticipates?|projects?|forecasts?)\b[^.;:!?]{0,80}?\bto[ \t]+(?:be"
    r"|reach|total|hit|come[ \t]+in[ \t]+at|land[ \t]+at)[ \t]+$"
    r"|\b(?P<c>forecasts?|forecasted|guidance|outlook|calling[ \t]+for|called[ \t]+for"
    r"|had[ \t]+(?:been[ \t]+)?(?:expected|forecast|predicted|projected))\b"
    r"|\b(?P<e>anticipated|projected|predicted|expected)[ \t]*$"
    # "the SNP is projected to finish with 10 seats", "is expected to win 410"
    r"|\b(?P<p>(?:is|are|was|were|being)[ \t]+(?:projected|expected|forecast|predicted)[ \t]+to"
    r"(?:[ \t]+[a-z]+){1,3})[ \t]+(?:just[ \t]+)?$")  # ("about" and the like open the figure)


# What a party asked for, not what it got: "had asked for $48 million", "the initial request
# of $43 million", "sued for $50 million", "sought a minimum verdict of $24 million each"
_SOUGHT_BEFORE = re.compile(
    r"(?i)\b(?:ask(?:ed|ing|s)?\b[^.;:!?]{0,40}?\bfor|(?:sought|seek(?:ing|s)?|request(?:ed|ing)?"
    r"|demand(?:ed|ing)?|(?:counter)?su(?:ed|ing|es))\b(?:[ \t]+for)?"
    r"|(?:request|demand|claim)s?[ \t]+(?:of|for))\b[^.;:!?]{0,30}?$")


# What was proposed, not what was agreed: "from $250 billion proposed in a draft on Friday",
# "the $30 million offered earlier", "a $5 billion figure floated by negotiators"
_PROPOSED_AFTER = re.compile(
    r"(?i)[ \t]+(?:(?:that|which)[ \t]+(?:was|were|had[ \t]+been)[ \t]+|(?:first|initially"
    r"|originally|earlier)[ \t]+)?(?:proposed|offered|floated|put[ \t]+forward|suggested"
    r"|tabled|pledged[ \t]+in[ \t]+(?:a|an|the)[ \t]+(?:earlier[ \t]+)?draft)\b"
    r"|[ \t]+(?:in|from)[ \t]+(?:a|an|the)[ \t]+(?:earlier[ \t]+|first[ \t]+|previous[ \t]+)?"
    r"draft\b")


# What a place can hold, not how many came: "the stadium has a capacity of only 35,000 people",
# "a capacity for 800 passengers", "seating capacity is 2,000", "its 40,000-capacity ground"
_CAPACITY_BEFORE = re.compile(
    r"(?i)\bcapacity[ \t]+(?:(?:of|for|is|was|to[ \t]+(?:hold|seat|carry))[ \t]+)+"
    r"(?:(?:only|just|about|around|roughly|some|nearly|almost|over|more[ \t]+than|up[ \t]+to"
    r"|at[ \t]+least)[ \t]+)*$")
# An increment, not a total: "a fire damaged an additional 12 cars", "another 40 were hurt"
_ADDITIONAL_BEFORE = re.compile(r"(?i)\b(?:an[ \t]+additional|additional|another|a[ \t]+further"
                                r"|further|an[ \t]+extra|extra)[ \t]+$")
_CAPACITY_AFTER = re.compile(r"(?i)(?:-|[ \t]+)(?:capacity|seat(?:er)?)\b")


def _forecast_cue(m: re.Match[str]) -> str:
    side = "market" if m["m"] or m["a"] else "company" if m["c"] or m["x"] else "expected"
    return f"forecast:{side}"


_PARTICIPLE_CLAUSE = re.compile(
    r"[ \t]*(?!(?:during|morning|evening|nothing|something|anything|everything|thing|spring"
    r"|string|ring|bring|king|sing|wing|ceiling|building|funding|ruling|meeting|hearing"
    r"|offering|earnings|savings|rating|ranking)\b)(?:[a-z]+ing|with|when)\b")
# a figure right before "more than" / "less than" is a difference between two others ("about
# $21,000 more than was promised"), never the event's own value
# a difference, not an amount held: "$5 million more than", "10 seats ahead of the closest
# rival", "20 seats short of a majority" (up to two words of the counted noun between; not a
# conjunction: "300 people and more than 1,000 houses" are two counts)
_DIFFERENCE = re.compile(
    r"(?i)(?:[ \t]+(?!(?:and|or|but|nor|plus)\b)[a-z][\w-]*){0,2}?[ \t]+"
    r"(?:(?:more|less|higher|lower|cheaper|fewer|greater)"
    r"[ \t]+than|ahead[ \t]+of|short[ \t]+of)\b")


# earlier in the sentence, a comparison with another case: the figures after it are that
# case's ("the case has been compared to that of X, who was convicted on four counts"); read
# within a bounded window, so a long unpunctuated zone stays linear
OTHER_CASE_WINDOW = 300
_OTHER_CASE = re.compile(
    r"(?i)\b(?:compared|likened)[ \t]+(?:to|with)[ \t]+(?:that|those|the[ \t]+case)[ \t]+of\b"
    r"|\b(?:similar|akin)[ \t]+to[ \t]+(?:that|those|the[ \t]+case)[ \t]+of\b"
    r"|\breminiscent[ \t]+of\b")
# a comparison between the figure and a background cue after it: the cue frames the other
# figure ("$2.49 billion against the anticipated $2.38 billion")
_COMPARED_AFTER = re.compile(r"(?i)\b(?:against|versus|vs\.?|than|beat(?:ing)?|top(?:ped|ping)"
                             r"|surpass(?:ed|ing)|exceed(?:ed|ing)|above|below|ahead[ \t]+of"
                             r"|compared[ \t]+(?:with|to))\b")


# A sentence opened by an earlier month of the page's year ("In July, the company reported ...")
# on a page written later tells what was reported then, not this event's figure
_EARLIER_MONTH = re.compile(
    r"(?i)(?:back[ \t]+|earlier[ \t]+)?in[ \t]+(?P<m>" + "|".join(_MONTH_NAMES) + r")"
    r"(?:[ \t]+(?P<y>(?:19|20)\d\d))?[ \t]*,")


# A sentence opened by a date with its year ("On August 8, 2021, ...", "In 2019, ...", "On 8
# August 2021, ..."): the year of every figure in it that names none of its own
_OPENING_YEAR = re.compile(
    r"(?i)[ \t]*(?:on|in|by|back[ \t]+in)[ \t]+(?:(?:" + "|".join(_MONTH_NAMES)
    + r")\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+|\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:"
    + "|".join(_MONTH_NAMES) + r")[ \t]+|(?:" + "|".join(_MONTH_NAMES) + r")[ \t]+)?"
    r"(?P<y>(?:19|20)\d\d)[ \t]*,")


def earlier_month(text: str, ss: int, doc_year: int | None, doc_month: int | None
                  ) -> str | None:
    """The month that opens the sentence at ``ss``, if it is before the page's month."""
    if doc_month is None:
        return None
    m = _EARLIER_MONTH.match(text, ss)
    if m is None:
        return None
    month = _MONTH_NAMES.index(m["m"].lower()) + 1
    year = int(m["y"]) if m["y"] else doc_year
    if year is None or doc_year is None or (year, month) >= (doc_year, doc_month):
        return None
    return m["m"].lower()


def _comma_clause(text: str, ss: int, se: int, first: int, ve: int) -> tuple[int, int, int]:
    """(clause start, start, end) of the figure's clause (see ``_clause``) further cut at the
    nearest comma on either side: "$5m, up from $3m last year" keeps "last year" out of $5m's."""
    lo, hi = _clause(text, ss, se, first, ve, 90, 60)
    c = text.rfind(",", lo, first)
    c2 = text.find(",", ve, hi)
    return lo, c + 1 if c >= 0 else lo, c2 if c2 >= 0 else hi


# a figure compared with another after it: a year after that one is the other's own
_OTHER_FIGURE_BETWEEN = re.compile(
    r"(?i)\b(?:from|than|versus|vs\.?|compared[ \t]+(?:with|to))[ \t]+[^\s\d]{0,3}\d")


def time_frame(text: str, ss: int, se: int, vs: int, ve: int, doc_year: int | None,
               span_start: int | None = None, doc_month: int | None = None
               ) -> tuple[str, str | None, int | None]:
    """("event" | "other", the deciding words, the year named in the figure's clause)."""
    first = vs if span_start is None else span_start
    lo, clo, chi = _comma_clause(text, ss, se, first, ve)
    if clo > lo and _PARTICIPLE_CLAUSE.match(text, clo, first):
        # "..., killing around 85 people", "..., with the final bill amounting to $9bn",
        # "in 2017, when he won 66.1%" are said of the clause before the comma
        c = text.rfind(",", lo, clo - 1)
        clo = c + 1 if c >= 0 else lo
    year = None
    for y in _YEAR.finditer(text, clo, chi):
        if vs <= y.start("y") < ve:
            continue
        if y.start("y") >= ve and _OTHER_FIGURE_BETWEEN.search(text, ve, y.start("y")):
            break  # "to 29 seats from 22 in 2019": the year is the earlier figure's
        year = int(y["y"])
        break
    d = _DIFFERENCE.match(text, ve, chi)
    if d is not None:
        return "other", d[0].strip().lower(), None  # compared with nothing
    other_case = _OTHER_CASE.search(text, max(ss, first - OTHER_CASE_WINDOW), first)
    if other_case is not None:
        return "other", re.sub(r"\s+", " ", other_case[0].strip()).lower(), year
    window = max(0, first - PARTIAL_COUNT_WINDOW)
    para = max(window, text.rfind("\n", window, ss) + 1)  # the paragraph, within the window
    partial = _PARTIAL_COUNT.search(text, para, first)
    if partial is not None:
        return "other", "partial count", None
    if first < vs and _LOWER_BOUND.match(text, first, vs) and _CUMULATIVE_BEFORE.search(
            text, max(clo, first - 120), first):
        return "other", "cumulative", year
    sought = _SOUGHT_BEFORE.search(text, max(clo, first - 80), first)
    if sought is not None:
        return "other", "sought", None
    if _PROPOSED_AFTER.match(text, ve, max(ve, chi)):
        return "other", "proposed", None
    if _CAPACITY_BEFORE.search(text, max(clo, first - 60), first) or \
            _CAPACITY_AFTER.match(text, ve, max(ve, chi)):
        return "other", "capacity", None
    if _ADDITIONAL_BEFORE.search(text, max(clo, first - 20), first):
        return "other", "additional", None
    m = _BACKGROUND.search(text, clo, first)
    if m is None:
        m = _BACKGROUND.search(text, ve, chi)
        if m is not None and (re.search(r"(?i)(?:from|with|to|versus|vs\.?|than)[ \t]*$", m[0])
                              or _COMPARED_AFTER.search(text, ve, m.start())):
            m = None  # "up from" / "compared with" after the figure frame the next one
    if m is not None:
        return "other", re.sub(r"\s+", " ", m[0].strip()).lower(), year
    f = _FORECAST.search(text, clo, first)
    if f is None:
        f = _FORECAST.search(text, ve, chi)
        if f is not None and _COMPARED_AFTER.search(text, ve, f.start()):
            f = None
    if f is not None:
        return "other", _forecast_cue(f), year
    if year is not None and doc_year is not None and year < doc_year:
        return "other", str(year), year
    month = earlier_month(text, ss, doc_year, doc_month)
    if month is not None:
        return "other", f"earlier: {month}", None
    if year is None and (o := _OPENING_YEAR.match(text, ss, first)) is not None:
        # "On August 8, 2021, ... a capsule was ignited by 1.92 MJ": the year of the figure,
        # compared with the story's year by the check (not with the page's: a story of 31
        # December is told on pages of January)
        year = int(o["y"])
    return "event", None, year


# --- sub-period ---------------------------------------------------------------------------------

# A figure said of a part of the event's time ("two touchdown passes in the fourth quarter",
# "three goals in the first half", "scored twice in extra time", "three sixes in Patel's
# over") is not the whole event's
# figure: it is compared only with figures of that same part. Amounts are left alone: "revenue
# in the third quarter" is a company's whole reporting period, not a part of it.
_ORDINAL = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth",
            "last": "final", "closing": "final", "opening": "first"}
_SUB_PERIOD = re.compile(
    r"(?i)\b(?:in|during|of|through|for)[ \t]+the[ \t]+"
    r"(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|final|last|opening|closing)[ \t]+"
    r"(?P<p>quarter|half|period|inning|innings|set|frame)s?\b"
    r"|\b(?:in|during)[ \t]+(?P<x>overtime|extra[ \t]+time|stoppage[ \t]+time|injury[ \t]+time"
    r"|added[ \t]+time)\b"
    # one over of a cricket innings: "in the 18th over", "in one over", "in Patel's over"
    r"|\b(?:in|from|off)[ \t]+(?:the[ \t]+(?P<on>\d{1,2})(?:st|nd|rd|th)|(?:an|one|a[ \t]+single"
    r"|that|his|her|the[ \t]+same)|(?:[A-Z][\w.-]*[ \t]+){0,3}[A-Z][\w-]*['’]s?)[ \t]+over\b")


def _opening_period(text: str, ss: int, clo: int) -> str | None:
    """The part of the event's time an opening phrase names for the whole sentence ("For the
    first half of the year, Tesla sold 831,000 cars"; "In the first half, Arlen scored
    twice"), when the figure's clause comes after it."""
    start = _NON_SPACE.search(text, ss, clo)
    if start is None:
        return None
    comma = text.find(",", start.start(), clo)
    if comma < 0 or comma - start.start() > 60:
        return None
    m = _SUB_PERIOD.match(text, start.start(), comma)
    return _period_name(m) if m else None


def sub_period(text: str, lo: int, hi: int) -> str | None:
    """The part of the event's time named in text[lo:hi] (see above), normalised."""
    m = _SUB_PERIOD.search(text, lo, hi)
    return _period_name(m) if m else None


def _period_name(m: re.Match[str]) -> str:
    """The normalised name of the part of the event's time a ``_SUB_PERIOD`` match names."""
    if m.group(0).endswith("over"):
        return f"over {int(m['on'])}" if m["on"] else "one over"
    if m["x"]:
        x = " ".join(m["x"].lower().split())
        return "extra time" if x in ("stoppage time", "injury time", "added time") else x
    o = m["o"].lower()
    p = m["p"].lower()
    return f"{_ORDINAL.get(o, o)} {'inning' if p == 'innings' else p}"


# A count of what a holder gained or lost ("losing 251 seats", "the loss of 251 seats", "a gain
# of 214") is a change, not a level: compared only with changes of that direction.
_CHANGE_BEFORE = re.compile(
    r"(?i)\b(?:(?P<l>los(?:ing|t|es|e)|shed(?:ding|s)?|(?:net[ \t]+)?loss[ \t]+of"
    r"|(?:a[ \t]+)?(?:drop|fall|decline|decrease)[ \t]+of|down[ \t]+by)"
    r"|(?P<g>gain(?:ing|ed|s)?|pick(?:ed|ing|s)[ \t]+up|(?:net[ \t]+)?gain[ \t]+of"
    r"|(?:a[ \t]+)?(?:rise|increase|jump)[ \t]+of|up[ \t]+by))"
    r"[ \t]+(?:(?:a[ \t]+)?(?:further|net|total[ \t]+of|another|an[ \t]+additional)[ \t]+)?$")


def change_before(text: str, lo: int, first: int) -> str | None:
    """"loss" or "gain" when the count starting at ``first`` is a change (see above)."""
    m = _CHANGE_BEFORE.search(text, max(lo, first - 40), first)
    if m is None:
        return None
    return "loss" if m["l"] else "gain"


# --- bound -------------------------------------------------------------------------------------

def _unit(num: str, scale: int) -> Decimal:
    """The place value of the last significant digit as written: "45,000" -> 1000,
    "1.2" (billion) -> 0.1 billion, "110" -> 10."""
    digits = num.replace(",", "").strip()
    if "." in digits:
        frac = digits.split(".", 1)[1].rstrip("0")
        return Decimal(1).scaleb(-len(frac)) * scale if frac else Decimal(scale)
    if not digits.isdigit():
        return Decimal(scale)
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return Decimal(10) ** zeros * scale


ABOUT = 0.10  # "about", "around", "roughly", "some": within 10 %


ROUNDING = 0.025  # an exact figure written round ("$70 billion") may round by this much


def bound(value: float, approx: str | None, num: str | None = None, scale: int = 1,
          high: float | None = None, rounded: bool = False) -> list[float | None]:
    """The interval [low, high] (high None: unbounded) the figure's words allow. ``rounded``:
    an exact figure may be a rounding of the true one, by half its last digit, or (a decimal
    with a scale word) the true one cut after its last digit, at most ``ROUNDING`` either way:
    "$70 billion" for $68.7 billion, "$22.9 billion" for $22.96 billion."""
    if high is not None:
        return [value, high]
    written = num is not None and num[:1].isdigit()
    if not approx or approx == "exact":
        plain = (num or "").replace(",", "")
        if not (rounded and written and (plain.endswith("0") or scale > 1 or "." in plain)):
            return [value, value]  # "$45,213": as precise as written
        # rounded by half the last digit; a decimal with a scale word may also be cut after
        # it ("$22.9 billion" for $22.96 billion): up to a whole digit above. Both at most
        # ROUNDING of the figure
        unit = float(_unit(plain, scale))
        up = 0.99 if "." in plain and scale > 1 else 0.49
        return [value - min(unit * 0.49, ROUNDING * value),
                value + min(unit * up, ROUNDING * value)]
    slack = ABOUT * value  # not widened by trailing zeros: "about 200" is not "about 150"
    if approx == "about":
        return [max(0.0, value - slack), value + slack]
    if approx == "nearly":
        return [max(0.0, value - slack), value]
    if approx == "just_over":
        return [value, value + slack]
    if approx in ("more_than", "at_least"):
        return [value, None]
    return [0.0, value]  # less_than, up_to


def intersects(a: list[float | None], b: list[float | None]) -> bool:
    """Whether two bounds share a value (None as a high end is unbounded)."""
    lo = max(a[0] or 0.0, b[0] or 0.0)
    highs = [h for h in (a[1], b[1]) if h is not None]
    return not highs or lo <= min(highs) * (1 + 1e-12)


# --- part of a whole ----------------------------------------------------------------------------

# A figure said to be one part of a larger whole ("the second and larger division ... $170
# billion", "of which $39 billion", "including $2 billion for research") is compared with other
# parts, not with the whole. A part named anywhere earlier in the sentence; "of which" and
# "including" only right before the figure ("the deal, including debt, is worth $75 billion" is
# the whole).
_PART_NAMED = re.compile(
    r"(?i)\b(?:first|second|third|fourth|fifth|other|remaining|larger|smaller|bigger|biggest"
    r"|largest|smallest)(?:[ \t]*(?:,|and)[ \t]*[a-z]+)?[ \t]+(?:part|division|portion|tranche"
    r"|component|instal+ment|half)s?\b")
_PART_RIGHT_BEFORE = re.compile(
    r"(?i)\b(?:of[ \t]+which|including|includ(?:es|ed)|among[ \t]+them)[ \t]+"
    r"(?:(?:about|around|roughly|some|nearly|almost|over|more[ \t]+than|up[ \t]+to|a|an|the"
    r"|another)[ \t]+)*$")


# "the bulk of that public money at $300 million", "the owners' share ... $120 million"
_SHARE_OF = re.compile(
    r"(?i)(?:\b(?:bulk|majority|lion['’]s[ \t]+share)\b|\b(?:share|portion|chunk|slice)[ \t]+of\b"
    r"|(?:['’]s?|\bpersonal|\bpublic|\bprivate)[ \t]+share\b)[^.;:!?]*$")


def is_part(text: str, ss: int, vs: int, span_start: int | None = None) -> bool:
    """Whether the amount at ``vs`` is stated as one part of a larger whole (see above)."""
    first = vs if span_start is None else span_start
    return bool(_PART_RIGHT_BEFORE.search(text, max(ss, first - 60), first)
                or _PART_NAMED.search(text, max(ss, first - 200), first)
                or _SHARE_OF.search(text, max(ss, first - 80), first))


# --- all together ------------------------------------------------------------------------------

def read_frame(text: str, ss: int, se: int, vs: int, ve: int, kind: str,
               doc_year: int | None, span_start: int | None = None,
               fallback_measure: str | None = None, doc_month: int | None = None) -> Frame:
    """``measure``, ``holder``, ``frame`` (+ ``frame_cue``, ``year``) of the figure at
    text[vs:ve] in the sentence text[ss:se]; the caller adds ``bound``."""
    frame, cue, year = time_frame(text, ss, se, vs, ve, doc_year, span_start, doc_month)
    out: Frame = {
        "measure": measure(text, ss, se, vs, ve, kind) or fallback_measure,
        "holder": holder(text, ss, se, vs, ve, span_start),
        "frame": frame,
    }
    if frame == "event" and any(g.startswith(("other ", "outside ")) for g in
                                out["holder"]["gives"]):
        # "raised $400 million from other donors": by its own words not this giver's figure
        out["frame"], cue = "other", "other givers"
    if kind == "count" and not out["holder"]["gets"] and not out["holder"]["gives"]:
        out["holder"]["gets"] = actor(text, ss, se, vs, ve, span_start)
    if kind == "money" and is_part(text, ss, vs, span_start):
        out["part"] = True
    if cue:
        out["frame_cue"] = cue
    if year is not None:
        out["year"] = year
    if cut_off(text, se, ve):
        out["cut"] = True
    if kind == "count":
        change = change_before(text, ss, vs if span_start is None else span_start)
        if change is not None:
            out["change"] = change
    if kind != "money":
        _, clo, chi = _comma_clause(text, ss, se, vs if span_start is None else span_start, ve)
        period = sub_period(text, clo, chi) or _opening_period(text, ss, clo)
        if period is not None:
            out["period"] = period
    return out


_NON_SPACE = re.compile(r"\S")


def cut_off(text: str, se: int, ve: int) -> bool:
    """Whether the figure ending at ``ve`` is followed by at most two words before the text
    stops mid-sentence (a page copied up to a length limit: "... around 1,257 passengers w"):
    the words that would say whose or which figure it is are missing."""
    if _NON_SPACE.search(text, se):
        return False  # another sentence follows (found at once: this runs for every figure)
    i = se - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return (i >= ve and (text[i].isalnum() or text[i] in ",;:-\u2013\u2014")
            and len(text[ve:se].split(None, 3)) <= 2)


_NEARLY = re.compile(r"(?i)nearly|almost|nearing|approaching|casi|quase|presque|quasi"
                     r"|just[ \t]+(?:under|below|short[ \t]+of)")
_JUST_OVER = re.compile(r"(?i)just[ \t]+(?:over|above)")


def approx_bound_kind(text: str, approx: tuple[str, int, int]) -> str:
    """The bound kind of an approximation found by ``numbers.approx_before``: "nearly" and
    "almost" are just below the figure, not anywhere under it."""
    kind, s, e = approx
    if _NEARLY.fullmatch(text[s:e]):
        return "nearly"
    if _JUST_OVER.fullmatch(text[s:e]):
        return "just_over"
    return kind


def describe(value: dict[str, Any]) -> str:
    """A one-line summary of a figure's frame for `audit claims` and `audit trace`
    ("measure tuition; gives acme; each; frame other (last year); bound 40500-49500")."""
    if "bound" not in value:
        return ""
    parts = []
    if value.get("measure"):
        parts.append(f"measure {value['measure']}")
    h = value.get("holder") or {}
    for role in ("gives", "gets"):
        if h.get(role):
            parts.append(f"{role} {' + '.join(h[role])}")
    if h.get("distributive"):
        parts.append("each")
    if h.get("total"):
        parts.append("total")
    if value.get("part"):
        parts.append("part")
    if value.get("period"):
        parts.append(f"period {value['period']}")
    if value.get("change"):
        parts.append(f"change {value['change']}")
    frame = value.get("frame", "event")
    cue = value.get("frame_cue")
    parts.append(f"frame {frame}" + (f" ({cue})" if cue else ""))
    if value.get("year") is not None:
        parts.append(f"year {value['year']}")
    lo, hi = value["bound"]
    if value.get("type") == "clock":  # times: minutes after midnight, shown as a clock
        parts.append(f"between {_clock(lo)} and {_clock(hi)}")
        if value.get("utc_offset") is not None:
            parts.append(f"UTC{value['utc_offset'] / 60:+g}")
        return "; ".join(parts[-2:] if value.get("utc_offset") is not None else parts[-1:])
    unit = f" {value['si_unit']}" if value.get("si_unit") else ""  # measurements: SI
    unit = " s" if value.get("type") == "duration" else unit
    parts.append(f"bound {_num(lo)}{unit}" if lo == hi else
                 f"bound {_num(lo)} to {'unbounded' if hi is None else _num(hi)}{unit}")
    if value.get("dimension"):
        parts.append(str(value["dimension"]))
    return "; ".join(parts)


def _clock(minutes: float) -> str:
    h, m = divmod(int(minutes) % 1440, 60)
    return f"{h:02d}:{m:02d}"


def _num(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"
