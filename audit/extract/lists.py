"""Organisation lists tied to a relation: "funded by NVIDIA, Amazon, Arm and SoftBank Group",
"partners include Contoso; Fabrikam; and Northwind", "Contoso, Fabrikam and Tailspin will fund".

kind="org_list", predicate = the relation ("funder", "partner", "member" or a project's own).
value = {"members": [...], "others": {"n": 9, "noun": "japanese companies"} | None,
"complete": bool}. Each member has a SpanRef(role="org"); a tail ("and nine Japanese companies",
"plus a consortium of Japanese firms", "as well as several other companies") has role="tail";
``complete`` is False when "including", "such as", "among them", "include(s)" or "among others"
marks the list as partial. subject and qualifiers["scope"]: the recipient the sentence names as
its grammatical subject ("CMU will receive funding from ..." -> "CMU"; "Keio's share is backed
by ..." -> "Keio"; span role="scope"), else "programme".

A list set off after a plural relation noun (the nouns of the vocabulary's cues: "funders are",
"backers:", "partners include", "members are" -> funders, backers, partners, members, ...):
"The funders — A, B, and C — signed" (an em or en dash, "--", or parentheses, closed by the same
mark or, for a dash, by the sentence end), and after a comma when the noun phrase opens the
sentence ("The backers, A and B, signed") or names a part of the group. A part ("two of the
funders, A and B, said", "backed by two of the original funders, A and B, in ...", "some of its
backers (A and B)") is a subset of the same scope: ``complete`` is False, so a list that lacks
members is never reported against it; so is a group qualified as "other", "some", "several",
"many", "most", "additional" or "new" ("Several other backers — A and B — ..."). The scope is
an organisation owning the group ("Keio's funders (A and B)" -> "Keio"), else found as for
cues. A list of one member is not read this way ("The funders (Contoso) ..." is an alias).

Between the cue and the list a short lead-in of lower-case words, amounts and nationality
adjectives is skipped ("funded by $110 million from private sector companies NVIDIA, ...").
Separators: "," ";" "and" "as well as" "plus" "along with", any mix ("Arm and SoftBank Group,
Microsoft, and ..."); "&" never splits ("AT&T", "Procter & Gamble"). A list made only of
cities/states (not countries) is not an organisation list, and a nationality adjective, alone or
after a region word ("Japanese", "Western European" nations), is not a member.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from audit.claimvalues import OrgListValue, Others
from audit.extract.vocab import (
    COUNTRIES,
    MONTHS,
    NAME_AND_NOUNS,
    NATIONALITIES,
    NUMBER_WORDS_RE,
    ORG_PHRASE,
    STOP_WORDS,
    UP,
    WEEKDAYS,
    WS,
    Lexicon,
    find_scope,
    lexicon,
    parse_small_number,
)
from audit.model import ClaimDraft, Context, SpanRef
from audit.text import SENTENCE_DOT, case_variants, sentence_start, trie_pattern

NAME = "lists"
VERSION = "8"

_NAT = "|".join(
    sorted((re.escape(k) for k in NATIONALITIES if " " not in k), key=len, reverse=True)
)
_ITEM_TOKEN = rf"(?:[{UP[1:-1]}0-9][\w&.+'’-]*|[a-z]{{1,2}}[A-Z][\w&-]*)"
_ITEM = re.compile(
    rf"(?:the{WS})?(?P<item>{_ITEM_TOKEN}(?:(?:{WS}(?:of|for|de|du|von|van|the"
    rf"|and(?={WS}(?:{NAME_AND_NOUNS})\b)|&|\+){WS}|{WS}){_ITEM_TOKEN}){{0,6}})"
)
_CORP_TAIL = re.compile(
    r",?[ \t\u00a0]+(?:Inc|Corp|Co|Ltd|LLC|L\.P|LP|PLC|plc|AG|SA|S\.A|N\.V|GmbH)\.?(?!\w)"
)
_SEP = re.compile(
    r"[ \t\u00a0]*[,;][ \t\u00a0]*(?:(?:and|as[ \t\u00a0]+well[ \t\u00a0]+as|plus|along"
    r"[ \t\u00a0]+with|together[ \t\u00a0]+with)"
    r"[ \t\u00a0]+)?(?:with[ \t\u00a0]+)?"
    r"|[ \t\u00a0]+(?:and|as[ \t\u00a0]+well[ \t\u00a0]+as|plus|along[ \t\u00a0]+with|together"
    r"[ \t\u00a0]+with)[ \t\u00a0]+"
    r"(?:with[ \t\u00a0]+)?"
)
_HEADS = (
    r"companies|firms|corporations|businesses|organi[sz]ations|partners|institutions|universities|"
    r"startups|start-ups|investors|funders|donors|foundations|sponsors|banks|agencies|"
    r"governments|members|entities|groups|enterprises|manufacturers|makers|providers|players|"
    r"countries|nations|schools|colleges|labs|laboratories|backers|philanthropies|charities|"
    r"funds|ventures|automakers|chipmakers|suppliers|vendors|utilities|insurers|hospitals|"
    r"universities|corporates|conglomerates|industries|donors|philanthropists|individuals|"
    r"partner companies|stakeholders|contributors|collaborators|others"
)
_TAIL = re.compile(
    rf"(?P<tail>(?:(?:a|an){WS}(?:consortium|group|coalition|number|host|handful|range|network|"
    rf"alliance|collection|series|variety|dozen){WS}of{WS})?"
    rf"(?:(?P<qty>\d[\d,]*|(?i:{NUMBER_WORDS_RE})|several|many|various|numerous|multiple|"
    rf"dozens{WS}of|hundreds{WS}of|a{WS}few|a{WS}dozen|some|other|more){WS})?"
    rf"(?:(?:other|more|additional|unnamed|undisclosed){WS})?"
    rf"(?P<noun>(?:(?:{_NAT}|(?!(?:among|and|or|with|in|of|for|by|to|from|the|at|on|as)\b)"
    rf"[a-z][\w-]*){WS}){{0,3}}?(?:{_HEADS}))\b)"
)
_LEAD_UNIT = (
    rf"(?:(?:[ \t\u00a0]+|,[ \t\u00a0]*(?=(?:including|such|among|notably|namely|like|led)\b))"
    rf"(?:(?!(?:and|or|but|in|at|across|which|that|who|whom|while|when|with|to|on|for|as|"
    rf"because|after|before|said|says|is|are|was|were|will|would)\b)[a-z][\w’'-]*|such{WS}as|"
    rf"(?:US|C|A|NZ|HK|S)?\$[ \t\u00a0]?\d[\d.,]*[A-Za-z]*|[€£¥₹][ \t\u00a0]?\d[\d.,]*[A-Za-z]*|"
    rf"\d[\d.,]*%?|(?:{_NAT})(?=[ \t\u00a0]+[a-z])))"
)
_LEAD = re.compile(
    rf"(?P<lead>{_LEAD_UNIT}{{0,14}}?(?:[ \t\u00a0]+(?:are|were|is|was))?)"
    rf"(?:[ \t\u00a0]*:)?[ \t\u00a0]+"
    rf"(?=(?:the{WS})?(?!(?:{_NAT})[ \t\u00a0]+(?!(?:and|or|as|plus)\b)[a-z])(?:[{UP[1:-1]}0-9]|"
    rf"[a-z]{{1,2}}[A-Z]))"
)
_PARTIAL = re.compile(r"\b(?:includ\w*|such\s+as|among\s+them|among\s+others|notably|like)\b", re.I)
_AMONG_OTHERS = re.compile(
    r"[ \t\u00a0]*,?[ \t\u00a0]*(?:among[ \t\u00a0]+others|etc\.?|and[ \t\u00a0]+so"
    r"[ \t\u00a0]+on)\b"
)
_VERBS = (
    "fund funds funded funding back backs backed finance finances financed sponsor sponsors "
    "sponsored support supports supported underwrite underwrites underwrote invest invests "
    "invested bankroll bankrolls bankrolled contribute contributes contributed"
).split()
# As a trie: the same matches as the flat alternation (only a whole word passes the look-ahead,
# so at most one alternative can match at a position), twice as fast.
_VERB = re.compile(rf"(?:{trie_pattern(sorted(_VERBS))})(?![\w-])")
_AUX_BEFORE = re.compile(
    r"(?:[ \t\u00a0]+(?:will|would|have|has|had|also|jointly|together|each|both|already|are|"
    r"is|to|plan|plans|agreed|intend|intends))*[ \t\u00a0]+\Z"
)
_PASSIVE_BY = re.compile(r"[ \t\u00a0]+by\b")
_INTRO = re.compile(r"(?:[A-Z][a-z]+(?:[ \t\u00a0]+[a-z]+){0,3}),[ \t\u00a0]+")


_REGION_WORDS = frozenset(
    "Western Eastern Northern Southern Central North South East West Northwest Northeast "
    "Southwest Southeast Continental Other Fellow".split())
_SCALE_WORDS = frozenset("thousand million billion trillion percent per cent".split())


def _item_ok(text: str, a: int, b: int, lex: Lexicon) -> bool:
    words = text[a:b].split()
    w0 = words[0]
    if not any(c.isalpha() for c in text[a:b]) or (w0[0].isdigit() and len(words) > 1
                                                   and words[1].lower() in _SCALE_WORDS):
        return False  # "45", "45 million": an amount, not an organisation
    if w0 in STOP_WORDS or w0 in MONTHS or w0 in WEEKDAYS:
        return False
    if len(words) == 1 and (w0 in NATIONALITIES or w0.endswith("s") and w0[:-1] in NATIONALITIES
                            ) and w0 not in COUNTRIES:
        return False  # "Japanese" alone is an adjective, "Thais" its people: no organisation
    if len(words) > 1 and all(w in _REGION_WORDS for w in words[:-1]) \
            and words[-1] in NATIONALITIES and words[-1] not in COUNTRIES:
        return False  # "Western European (nations)": an adjective too
    return not (len(words) == 1 and (w0.lower() in lex.org_suffixes))


def _trim_item(text: str, a: int, b: int) -> tuple[int, int]:
    if text[b - 2 : b] in ("'s", "’s"):
        b -= 2
    if b > a and text[b - 1] == ".":
        last = text[a:b].split()[-1]
        if not re.fullmatch(r"(?:[A-Z]\.){2,}|(?:Inc|Corp|Co|Ltd|Bros|Jr)\.", last):
            b -= 1
    return a, b


def _parse_list(
    text: str, pos: int, end: int, lex: Lexicon
) -> tuple[list[tuple[int, int]], tuple[int, int, int | None, str] | None, int]:
    """Members and tail of a list starting at ``pos``: (members, tail, end offset)."""
    members: list[tuple[int, int]] = []
    tail = None
    cur = pos
    first = True
    while True:
        if not first:
            sep = _SEP.match(text, cur, end)
            if not sep:
                break
            nxt = sep.end()
        else:
            nxt = cur
        t = _TAIL.match(text, nxt, end)
        if t and (t.group("qty") or text[t.start() : t.start() + 1] == "a" or t.group("noun")):
            noun_words = t.group("noun").split()
            head_only = len(noun_words) == 1 and noun_words[0] != "others"
            if t.group("qty") or not head_only or t.group(0).startswith(("a ", "an ")):
                qty = t.group("qty")
                n = parse_small_number(qty) if qty else None
                noun = " ".join(noun_words).lower()
                if not first or members:
                    tail = (t.start("tail"), t.end("tail"), n, noun)
                    cur = t.end()
                break
        m = _ITEM.match(text, nxt, end)
        if not m:
            break
        a, b = m.span("item")
        cut = SENTENCE_DOT.search(text, a, b)
        if cut:
            b = cut.start() + 1
        a, b = _trim_item(text, a, b)
        if not _item_ok(text, a, b, lex):
            break
        ct = _CORP_TAIL.match(text, b, end)
        if ct and text[b - 1] != ".":
            b = ct.end()
        members.append((a, b))
        cur = b
        first = False
    return members, tail, cur


_BULLET_LEAD = re.compile(
    rf"(?P<lead>{_LEAD_UNIT}{{0,6}}?(?:[ \t\u00a0]+(?:are|were|is|was|include|includes))?)"
    r"[ \t\u00a0]*:[ \t\u00a0]*\n"
)
_BULLET_LINE = re.compile(
    r"[ \t\u00a0\n]*(?:[-*•·–][ \t\u00a0]+)?(?P<item>[^\n]{2,80}?)[ \t\u00a0]*[,;.]?"
    r"(?:[ \t\u00a0]+and)?[ \t\u00a0]*(?=\n|\Z)"
)


def _bulleted(text: str, pos: int, end: int, lex: Lexicon) -> tuple[list[tuple[int, int]], int]:
    """Members given one per line (list items, bullets) after a cue ending in a colon."""
    members: list[tuple[int, int]] = []
    cur = pos
    layout = None  # line breaks between the first two items: a wider gap ends the list
    while cur < end:
        m = _BULLET_LINE.match(text, cur, end)
        if not m:
            break
        if members:
            breaks = text.count("\n", cur, m.start("item"))
            if layout is not None and breaks > layout:
                break  # "- A\n- B\n- C\n\nEnd.": a paragraph after the list
            layout = breaks
        a, b = _trim_item(text, *m.span("item"))
        item = text[a:b]
        if (not item[:1].isupper() or len(item.split()) > 6 or SENTENCE_DOT.search(item)
                or not _is_name(text, a, b) or not _item_ok(text, a, b, lex)):
            break  # "Nine regional suppliers are also contributing." ends the list
        members.append((a, b))
        cur = m.end()
    return (members if len(members) >= 2 else []), cur


def _is_name(text: str, a: int, b: int) -> bool:
    """A line is a member only when it is written as a name (the item grammar of inline lists:
    capitalised words and their connectors, a legal form after it), not a sentence in lower case
    that follows the list ("Nine regional suppliers are also contributing")."""
    m = _ITEM.match(text, a, b)
    if not m:
        return False
    end = m.end("item")
    ct = _CORP_TAIL.match(text, end, b)
    return (ct.end() if ct else end) == b


def _claim(
    text: str,
    relation: str,
    members: list[tuple[int, int]],
    tail: tuple[int, int, int | None, str] | None,
    complete: bool,
    scope: tuple[int, int] | None,
) -> ClaimDraft:
    spans = [SpanRef(a, b, "org") for a, b in members]
    others: Others | None = None
    if tail is not None:
        spans.append(SpanRef(tail[0], tail[1], "tail"))
        others = {"n": tail[2], "noun": tail[3]}
    subject = "programme"
    if scope is not None:
        spans.insert(0, SpanRef(scope[0], scope[1], "scope"))
        subject = " ".join(text[scope[0] : scope[1]].split())
    return ClaimDraft(
        kind="org_list",
        predicate=relation,
        subject=subject,
        value=OrgListValue(
            members=[" ".join(text[a:b].split()) for a, b in members],
            others=others,
            complete=complete,
        ),
        spans=spans,
        qualifiers={"scope": subject},
        extractor=NAME,
        version=VERSION,
    )


# --- lists set off after a relation noun ---------------------------------------------------------

_GROUP_CUE = re.compile(
    r"(?:the )?(?P<noun>[a-z]+(?: [a-z]+)?s)(?: (?:are|were|include|includes|including|such as)|:)"
)
_QTY = (
    rf"(?:(?i:{NUMBER_WORDS_RE})|\d+|[Ss]ome|[Ss]everal|[Mm]any|[Mm]ost|[Ff]ew|[Aa]{WS}few"
    rf"|[Aa]ll{WS}but{WS}\w+)"
)
_DET = r"(?:[Tt]he|[Tt]hose|[Tt]hese|[Ii]ts|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er|[Aa]ll|[Bb]oth)"
# the words before the noun: "two of the original ", "The ", "Keio’s ", "several other "
_NP_BEFORE = re.compile(
    rf"(?<![\w’'-])(?:(?P<part>{_QTY}){WS}of{WS})?"
    rf"(?:(?P<det>{_DET})(?:{WS}(?:(?i:{NUMBER_WORDS_RE})|\d+))?{WS}"
    rf"|(?P<owner>{ORG_PHRASE})['’]s{WS})?"
    rf"(?P<adj>(?:(?:{_QTY}|[a-z][\w-]*){WS}){{0,2}})\Z"
)
_SUBSET_WORDS = frozenset("other some several many most few additional new".split())
_CLOSERS = {"—": ("—", "–", "--"), "–": ("—", "–", "--"), "--": ("—", "–", "--"), "(": (")",),
            ",": (",",)}
_PARTIAL_LEAD = re.compile(
    r"(?:including|among[ \t\u00a0]+them|such[ \t\u00a0]+as|notably|namely)[ \t\u00a0,:]+"
)
_SENT_END = re.compile(r"[ \t\u00a0]*(?:[.;!?](?=\s|\Z)|\n|\Z)")
_PART_OF = re.compile(rf"\b{_QTY}{WS}of\b")


@lru_cache(maxsize=16)
def _group_re(lex: Lexicon) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The plural relation nouns of the cues ("funders are" -> funders) and their relations."""
    nouns: dict[str, str] = {}
    for cue, rel in lex.cue_relation.items():
        m = _GROUP_CUE.fullmatch(cue)
        if m:
            nouns.setdefault(m.group("noun"), rel)
    if not nouns:
        return None, nouns
    return re.compile(
        rf"(?<![\w-])(?P<noun>{trie_pattern(sorted(case_variants(nouns)))})"
        r"(?P<open>[ \t\u00a0]*(?:—|–|--|\()|,)[ \t\u00a0]*"
    ), nouns


def _set_off(text: str, start: int, end: int, lex: Lexicon, taken: list[tuple[int, int]]
             ) -> Iterator[ClaimDraft]:
    """"The funders — A, B and C — signed", "Two of the funders, A and B, said" (see above)."""
    pattern, nouns = _group_re(lex)
    if pattern is None:
        return
    for g in pattern.finditer(text, start, end):
        opener = g.group("open").strip(" \t\u00a0")
        s0 = sentence_start(text, g.start(), start)
        if g.group("noun")[0].isupper() and text[s0 : g.start()].strip():
            continue  # "Marrow Street Partners (MSP)": part of a name
        np = _NP_BEFORE.search(text, max(s0, g.start() - 80), g.start())
        part = bool(np and np.group("part"))
        if opener == ",":  # "The backers, A and B, signed", not "Unlike the backers, A and B"
            opens = np is not None and np.group("det") and not text[s0 : np.start()].strip()
            if not (part or opens):
                continue
        pos = g.end()
        complete = not part
        lead = _PARTIAL_LEAD.match(text, pos, end)
        if lead:
            pos, complete = lead.end(), False
        members, tail, list_end = _parse_list(text, pos, end, lex)
        if len(members) + (tail is not None) < 2 or _only_places(text, members, lex):
            continue
        if any(a < list_end and g.start() < b for a, b in taken):
            continue  # overlaps a list read from a cue
        others = _AMONG_OTHERS.match(text, list_end, end)
        if others:
            complete, list_end = False, others.end()
        closed = text[list_end:end].lstrip(" \t\u00a0").startswith(_CLOSERS[opener])
        if not closed and (opener in ("—", "–", "--") or (opener == "," and part)):
            closed = bool(_SENT_END.match(text, list_end, end))  # "Its backers — A and B."
        if not closed:
            continue
        if np is not None and (_SUBSET_WORDS & set(np.group("adj").lower().split())):
            complete = False
        scope = None
        if np is not None and np.group("owner"):
            scope = np.span("owner")
        if scope is None:
            scope = find_scope(text, s0, np.start() if np is not None else g.start())
        relation = nouns[" ".join(g.group("noun").lower().split())]
        taken.append((g.start(), list_end))
        yield _claim(text, relation, members, tail, complete, scope)


def _only_places(text: str, members: list[tuple[int, int]], lex: Lexicon) -> bool:
    names = [" ".join(text[a:b].split()) for a, b in members]
    return all(n in lex.places and n not in COUNTRIES for n in names)


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    lex = lexicon(ctx.vocab)
    consumed = start
    out: list[ClaimDraft] = []
    cue_lists: list[tuple[int, int]] = []

    for cue in lex.cue_re.finditer(text, start, end):
        if cue.start() < consumed:
            continue
        relation = lex.cue_relation.get(" ".join(cue.group(0).lower().split()))
        if relation is None:
            continue
        lead = _LEAD.match(text, cue.end(), end)
        if lead:
            lead_text = lead.group("lead")
            members, tail, list_end = _parse_list(text, lead.end(), end, lex)
        else:  # "The funders are:" followed by one member per line or bullet
            lead = _BULLET_LEAD.match(text, cue.end(), end)
            if not lead:
                continue
            lead_text = lead.group("lead")
            members, list_end = _bulleted(text, lead.end(), end, lex)
            tail = None
        if not members or _only_places(text, members, lex):
            continue
        complete = not (_PARTIAL.search(cue.group(0)) or _PARTIAL.search(lead_text))
        if _AMONG_OTHERS.match(text, list_end, end):
            complete = False
        s0 = sentence_start(text, cue.start(), start)
        scope = find_scope(text, s0, cue.start())
        out.append(_claim(text, relation, members, tail, complete, scope))
        consumed = list_end
        cue_lists.append((cue.start(), list_end))

    out.extend(_set_off(text, start, end, lex, cue_lists))
    cue_lists.sort()

    # "Contoso, Fabrikam and Tailspin will fund ..."
    ci = 0
    for v in _VERB.finditer(text, start, end):
        if v.start() > 0 and (text[v.start() - 1].isalnum() or text[v.start() - 1] in "-_"):
            continue
        aux = _AUX_BEFORE.search(text, max(start, v.start() - 80), v.start())
        if aux is None:
            continue
        vs = aux.start()
        while ci < len(cue_lists) and cue_lists[ci][1] < vs:
            ci += 1
        if ci < len(cue_lists) and cue_lists[ci][0] <= vs:
            continue  # inside a list already read from a cue
        if _PASSIVE_BY.match(text, v.end(), end):
            continue
        aux_words = aux.group(0).split()
        if aux_words and aux_words[-1] in ("is", "are"):
            continue  # "is funding" reads as progressive only with a subject we can't check
        s0 = sentence_start(text, vs, start)
        for begin in (s0, None):
            if begin is None:
                intro = _INTRO.match(text, s0, vs)
                if not intro:
                    break
                begin = intro.end()
            members, tail, list_end = _parse_list(text, begin, vs, lex)
            if members and list_end == vs:
                if len(members) + (tail is not None) < 2 or _only_places(text, members, lex):
                    # "Halvard Shipping will contribute ...": one funder's statement, no list
                    break
                # "Two of the funders, A and B will ...": a part of the funders
                part = begin != s0 and bool(_PART_OF.search(text, s0, begin))
                out.append(_claim(text, "funder", members, tail, not part, None))
                break

    out.sort(key=lambda c: c.spans[0].start)
    yield from out
