"""The state of an acquisition: done ("has acquired", "now owns", "completed its purchase of")
or still pending ("to acquire", "will buy", "agreed to purchase", "is being acquired by",
"the proposed acquisition of").

kind="status", predicate="acquisition", subject = the target's name lowercased (the capitalised
name run after the verb, past a few lower-case words that describe it: "has acquired troubled
publisher Contoso Games" -> "contoso games"), value = {"state": "completed" | "pending",
"buyer": the name before the verb or None ("it will buy ..."), "target": name, "cue": the verb
phrase as written}. Spans: role="status" for the verb phrase, role="target" for the target's
name (not an entity role: the target is compared by name, its first word).

Read for precision: a headline's present tense ("Contoso buys Fabrikam") and the past simple
("Contoso bought Fabrikam", often background about an earlier deal) state no state, nor does
a statement dated by a year ("its deal to buy Fabrikam in 2016"); only the
perfect, "now owns", a completion verb, the passive perfect and explicit pending forms do.
Whether two states conflict depends on when each source was published: the check
(``status-conflict``) compares them with the documents' dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.model import ClaimDraft, Context, SpanRef
from audit.text import Anchored

NAME = "status"
VERSION = "1"

_S = r"[ \t\u00a0]+"
_ACQ = r"(?:acquire|buy|purchase|take[ \t\u00a0]+over)"
_ACQ_ED = r"(?:acquired|bought|purchased|taken[ \t\u00a0]+over)"
_NOUN = r"(?:acquisition|purchase|takeover|buyout)"
_NAME_WORD = r"[A-Z][\w&'’-]*(?:\.[A-Z][\w&'’-]*)*"
# the name: capitalised words, with "of", "and", "&" inside ("Bank of Leith", "Hale & Sons")
_TARGET = (rf"(?P<target>{_NAME_WORD}(?:{_S}(?:(?:of|and|&|de|the){_S})?{_NAME_WORD}){{0,4}})")
# lower-case words describing the target before its name ("troubled publisher and developer",
# "the video game company", "rival"), at most six, never a verb of this module
_DESC = (r"(?:(?:the|a|an|its|rival|fellow|[a-z][a-z-]*(?<!ing))"
         rf"(?<!\bfor)(?<!\bin)(?<!\bby){_S}){{0,6}}")
_BUYER = rf"(?P<buyer>{_NAME_WORD}(?:{_S}{_NAME_WORD}){{0,3}}|it|It)"
_ADV = rf"(?:(?:now|officially|finally|formally|already|just|successfully){_S})?"

# Every pattern's match holds one of these words and no line break: only the lines holding one
# are scanned (``Anchored``).
_CUE_WORD = re.compile(r"acqui|bought|buy|purchas|tak(?:e|en|ing)[ \t\u00a0]+over|takeover"
                       r"|now[ \t\u00a0]+own")
_COMPLETED = [Anchored(rx, _CUE_WORD) for rx in (
    # "Contoso has acquired (publisher) Fabrikam", "Contoso has now bought Fabrikam"
    re.compile(rf"{_BUYER}{_S}(?P<cue>(?:has|have){_S}{_ADV}{_ACQ_ED}){_S}{_DESC}{_TARGET}"),
    # "Contoso now owns (the company) Fabrikam"
    re.compile(rf"{_BUYER}{_S}(?P<cue>now{_S}owns?){_S}{_DESC}{_TARGET}"),
    # "Contoso (has) completed/closed/finalised its (US$69bn) acquisition of Fabrikam"
    re.compile(rf"{_BUYER}{_S}(?P<cue>(?:has{_S}|have{_S})?{_ADV}(?:completed|closed|finali[sz]ed)"
               rf"{_S}(?:its|the|their){_S}(?:[^\s.,;]+{_S}){{0,3}}?{_NOUN}){_S}of{_S}{_DESC}"
               rf"{_TARGET}"),
    # "Fabrikam has been acquired by Contoso" (target first)
    re.compile(rf"{_TARGET}{_S}(?P<cue>(?:has|have){_S}{_ADV}been"
               rf"{_S}{_ACQ_ED}){_S}by{_S}{_BUYER.replace('it|It', 'the[ ]company')}"),
)]
_PENDING = [Anchored(rx, _CUE_WORD) for rx in (
    # "Contoso to acquire Fabrikam", "Contoso will buy", "Contoso agreed to purchase",
    # "Contoso is set to take over", "Contoso announced it will buy", "Contoso is buying"
    re.compile(rf"{_BUYER}{_S}(?P<cue>(?:(?:will|would|is{_S}set{_S}to|is{_S}to|plans{_S}to|"
               rf"is{_S}planning{_S}to|intends{_S}to|(?:has{_S})?agreed{_S}to|has{_S}offered"
               rf"{_S}to|(?:is|are){_S}expected{_S}to|to){_S}{_ACQ})|(?:is|are){_S}"
               rf"(?:acquiring|buying|purchasing|taking{_S}over)){_S}{_DESC}{_TARGET}"),
    # "Fabrikam will be acquired by Contoso", "Fabrikam is being bought by"
    re.compile(rf"{_TARGET}{_S}(?P<cue>(?:will|would|is{_S}set{_S}to|is{_S}to|agreed{_S}to)"
               rf"{_S}be{_S}{_ACQ_ED}|(?:is|are){_S}being{_S}{_ACQ_ED}){_S}by{_S}"
               rf"{_BUYER.replace('it|It', 'the[ ]company')}"),
    # "the pending/proposed/planned acquisition of Fabrikam", "Contoso's deal to buy Fabrikam"
    re.compile(rf"(?P<cue>(?:pending|proposed|planned|agreed){_S}(?:[^\s.,;]+{_S}){{0,3}}?"
               rf"{_NOUN}{_S}of|(?:deal|agreement|offer|bid){_S}to{_S}{_ACQ}){_S}{_DESC}"
               rf"{_TARGET}"),
)]
# a year after the target in its sentence: background about an earlier deal
_EARLIER = re.compile(r"[^.;\n]*?\b(?:in|since|back in)[ \t\u00a0]+(?:19|20)\d\d\b")
# a name that is not one: a sentence word, a month, a pronoun
_NOT_NAMES = frozenset(
    "The A An It Its This That These Those He She They We I In On At For By And But Or As "
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


def _trim_target(text: str, a: int, b: int) -> tuple[int, int]:
    """The target without a trailing possessive or sentence dot."""
    while b > a and text[b - 1] in ".,’'":
        b -= 1
    if text[b - 2 : b] in ("'s", "’s"):
        b -= 2
    return a, b


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    seen: set[tuple[int, int]] = set()
    lines = _COMPLETED[0].lines(text, start, end)  # one anchor for all
    for state, patterns in (("completed", _COMPLETED), ("pending", _PENDING)):
        for rx in patterns:
            for m in rx.finditer(text, start, end, lines):
                ta, tb = _trim_target(text, *m.span("target"))
                target = " ".join(text[ta:tb].split())
                if tb <= ta or target.split()[0] in _NOT_NAMES:
                    continue
                if _EARLIER.match(text, tb, min(end, tb + 80)):
                    continue  # "its deal to acquire Fabrikam in 2016": an earlier deal
                ca, cb = m.span("cue")
                if (ca, cb) in seen:
                    continue
                seen.add((ca, cb))
                buyer = m.groupdict().get("buyer")
                if buyer in ("it", "It", "the company") or (buyer and buyer in _NOT_NAMES):
                    buyer = None
                yield ClaimDraft(
                    kind="status",
                    predicate="acquisition",
                    subject=target.lower(),
                    value={"state": state, "buyer": buyer, "target": target,
                           "cue": " ".join(text[ca:cb].split())},
                    spans=[SpanRef(ca, cb, "status"), SpanRef(ta, tb, "target")],
                    extractor=NAME,
                    version=VERSION,
                )
