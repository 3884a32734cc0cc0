"""Direct quotes with their speaker.

kind="quote", predicate="quote", subject = the speaker's name lowercased ("unknown" when none is
given), value = {"text": the quoted words of all parts joined with one space, "speaker": name or
None}. Spans: role="quote" for each quoted part (the words inside the marks, without the comma
that stands before the attribution), role="speaker" for the speaker's name only (no title, no
"(opens in new window)").

Quote marks: straight or curly double quotes, guillemets, and mismatched pairs (a straight
opening mark closed by a curly one and the other way round). A part runs to its closing mark or
to the end of its paragraph; an unclosed paragraph followed by a paragraph that opens with a
quote mark continues the same quote (the old convention for multi-paragraph quotes). Single
curly marks (British style: ‘…’) count when closed on the same line; a ’ with a letter after it
is an apostrophe ("It’s"), and a quote nested inside another is part of it.

Attribution, tried in this order:
- after: ``,” said X.`` / ``,” X said.`` / ``,” X, the CEO, said.`` / ``,” according to X.``;
  ``,” X, the CEO of`` where the document ends (a page cut off before the verb);
- a trailing ``— Name, title`` line;
- before, introduced by a colon, the quote on the same line or opening the next one (a ``<br>``
  or a paragraph break between): ``X said:``, ``X told reporters:``, ``X put it this way:``,
  ``X, the CEO of Y, said:``, ``In the words of X:``, ``According to X:``, ``As X put it:``.
  The speaker is the whole capitalised name run just before the verb (or the comma, or the
  colon), lower-case particles included ("Prof. Ana María de la Fuente" -> "Ana María de la
  Fuente", "Mayor Jan van der Berg" -> "Jan van der Berg"); "He put it this way:" is a pronoun;
  "The board put it this way:" has no speaker;
- before: ``X said: “...”`` / ``said X: “...”`` / ``X said the plan was “...”``;
- before, with a verb that names what the quote is: ``X called it “...”`` / ``X called the deal
  “...”`` / ``X described it as “...”`` / ``X termed it “...”`` / ``X praised the deal, calling
  it “...”`` / ``X, who called it “...”``. Here the subject must be a person: a titled name
  ("Mayor Whitcombe"), a name of two or more words ("Lorraine K. Whitcombe"; an organisation
  of two plain words such as "Northwind Traders" is taken for one), the surname of a person
  named earlier in the range, or "he"/"she". "Critics called it “...”", "Contoso called it
  “...”", "They called it “...”" and "X called for “...”" give no speaker, so a short one stays
  a skipped scare quote.
The speaker may carry a title ("said U.S. Secretary of Commerce Gina Raimondo" -> "Gina
Raimondo", "said University of Norland President Mara Quellton" -> "Mara Quellton"), a
lower-case role ("said harbour master Lena Voss") or be a surname ("said Jahanian"). A
pronoun ("he said") takes the person named last
before the quote in the same range (an earlier quote's speaker, a role-holder, or "Name said"),
without a speaker span (value["speaker_via"] = "pronoun").

One quote or two: a part that follows an after-attribution joins the same claim only when the
attribution just interrupts the quote: nothing but the attribution (speaker, verb, an appositive
such as ", the CEO of Contoso", a phrase such as "on Tuesday") and its closing punctuation stands
between the two parts: ``“A,” said X. “B.”``, ``“A,” she said, “and B.”``. A part introduced by
other words is a separate claim (a partial quote, attributed by the before-rules): the words run
straight into it (``“A,” X said, adding that the work would stay “B.”``, ``..., who called it
“B.”``), or they hold an "-ing" verb of saying or a second verb of saying (``“A,” X said,
adding: “B.”``, ``“A,” said X, who added: “B.”``).
Quotes under 4 words without a speaker (scare quotes, titles) are skipped.
A quote known to be a prefix of what was said carries value["incomplete"]: "unclosed" (its last
part has no closing mark and the text ends after it: a page cut off) or "ellipsis" (it ends in
one); quote-drift compares it only on the words it has.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from audit.claimvalues import QuoteValue
from audit.extract import mentions, people
from audit.extract.vocab import (
    NAME_PARTICLE,
    NAME_PATTERN,
    NAME_TOKEN,
    SAY_VERBS,
    TOKEN_RE,
    Lexicon,
    clean_name,
    lexicon,
)
from audit.model import ClaimDraft, Context, SpanRef
from audit.resolve.roles import STATUS_WORDS, refers_to
from audit.text import AFTER_ABBREVIATION, Anchored, sentence_start

NAME = "quotes"
VERSION = "20"

# The straight mark's look-behind sits after the mark ("(?<![...]\")" = not preceded by ...), so
# every branch opens with a literal and the regex engine skips in C to the next quote mark.
_SEG = re.compile(
    r"(?P<open>“|«|\"(?<![\w.,;:!?%’”\"]\")(?=[^\s\"]))"
    r"(?P<body>[^\"“”«»\n]*)"
    r"(?P<close>[”\"»]|(?=\n)|\Z)"
)
# British-style single curly marks: ‘ opens at a word start, ’ closes when no letter follows
# (’ inside a word is an apostrophe: "It’s", "Musk’s"; so is "players’ day" when a later ’
# closes the quote); only closed ones, on one line (a stray
# ‘ used as an apostrophe must not swallow the paragraph)
_SEG1 = re.compile(r"(?<![\w‘’])‘(?=[^\s’])(?P<body>(?:[^‘’\n]|’(?=\w)|(?<=s)’(?= [a-z]))*)"
                   r"(?P<close>’)(?!\w)")
_VERBS = SAY_VERBS
_VERB_ANY = re.compile(rf"(?i:{_VERBS})(?!\w)")
_NOISE = (
    r"(?:[ \t\u00a0]*\((?:opens in (?:a )?new (?:window|tab)|link is external|external link)\))"
)
_PRONOUN = r"(?:he|she|they|we|I|He|She|They|We)"
# Verbs of saying of Spanish, Portuguese, French, Italian and German coverage, as they follow
# a quote with the speaker after them ("”, dijo Ana Ruiz", "», a déclaré Ana Ruiz"); read
# only there: before a quote their word order differs
_OTHER_LANGUAGE_VERBS = (
    r"dijo|afirmó|declaró|señaló|aseguró|explicó|indicó|añadió|agregó|sostuvo|disse|afirmou"
    r"|declarou|explicou|acrescentou|a[ \t\u00a0]+(?:déclaré|affirmé|dit|ajouté|expliqué|souligné)"
    r"|affirme|déclare|ajoute|explique|souligne|ha[ \t\u00a0]+(?:detto|dichiarato|affermato"
    r"|aggiunto|spiegato)|sagte|erklärte|betonte")
_AFTER_VERB = re.compile(
    rf"[ \t\u00a0]*,?[ \t\u00a0]*(?:(?P<verb>{_VERBS}|{_OTHER_LANGUAGE_VERBS})"
    rf"|according[ \t\u00a0]+to)[ \t\u00a0]+(?:"
    rf"(?P<pron>{_PRONOUN})\b)?"
)
_AFTER_PRON = re.compile(
    rf"[ \t\u00a0]*,?[ \t\u00a0]*(?P<pron>{_PRONOUN})[ \t\u00a0]+(?:{_VERBS})\b"
)
_AFTER_NAME_TAIL = re.compile(
    rf"{_NOISE}?(?:,[^,\n“”\"]{{1,80}},)?[ \t\u00a0]+(?:also[ \t\u00a0]+|later[ \t\u00a0]+)?"
    rf"(?:{_VERBS})\b"
)
_SPLIT_GAP = re.compile(r"[ \t\u00a0]*\Z")
# verbs that name what the quote is ("called it", "described the deal as", "termed it")
_CALLS = r"called|calls|termed|terms|described|describes|dubbed|dubs"
_CALLING = r"calling|describing|terming|dubbing"
_SAYING = (
    r"adding|noting|saying|explaining|stating|telling|remarking|commenting|continuing|writing|"
    r"declaring|observing|arguing|insisting|recalling|emphasi[sz]ing|stressing|asking|replying|"
    r"concluding|acknowledging|predicting|warning|announcing|agreeing|pointing|urging|promising|"
    r"vowing|praising|joking|quipping|suggesting|admitting|conceding|cautioning|maintaining|"
    rf"affirming|{_CALLING}"
)
# Between an after-attribution and the next part: what makes the next part a new quote rather
# than the rest of the interrupted one: an "-ing" clause of saying or naming ("adding:"), or a
# second verb of saying or naming ("and added:", "who called it").
_INTRODUCES = re.compile(
    rf"(?<![\w-])(?:(?:{_SAYING})|(?:and|but|then|who|which|before|later|also)[ \t\u00a0]+"
    rf"(?:[a-z]+[ \t\u00a0]+)?(?:{_VERBS}|{_CALLS}))(?![\w-])"
)
# the rest of an attribution: up to its sentence end, stepping over "U.S." and "Inc."
_ATT_END = re.compile(
    r"(?:[^\n“”\"«».!?]|\.(?=[A-Za-z])"
    rf"|{AFTER_ABBREVIATION}\.(?=[ \t\u00a0]+[a-z(]))*[.!?,;:]?"
)
# the dash may open the next paragraph (a pull quote's attribution), also inside a "> " quote
# (only a true dash there: "- Item" after a blank line is a bullet list)
_DASH = re.compile(r"[ \t\u00a0]*(?:(?:\n[ \t\u00a0>]*)?(?:[—–―]+|-{1,2})"
                   r"|(?:\n[ \t\u00a0>]*){2}[—–―]+)[ \t\u00a0]*(?=[A-Z])")
_BEFORE_WHO = re.compile(
    rf"(?<![\w-])(?P<who>{NAME_PATTERN}|{_PRONOUN})(?:['’]s)?{_NOISE}?(?:,[^,\n“”\"]{{1,80}},)?"
    rf",?[ \t\u00a0]+(?:also[ \t\u00a0]+|later[ \t\u00a0]+|then[ \t\u00a0]+)?(?:{_VERBS})\b"
    r"[^\n“”\".!?]{0,100}?[ \t\u00a0]*[:,]?[ \t\u00a0]*\Z"
)
_BEFORE_VERB = re.compile(
    rf"\b(?i:{_VERBS})[ \t\u00a0]+(?P<rest>[^\n“”\"]{{1,120}}?)[ \t\u00a0]*[:,][ \t\u00a0]*\Z"
)
_LEAD_GAP = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*")
_CALL_ANY = re.compile(rf"(?<![\w-])(?:{_CALLS}|{_CALLING})(?![\w-])")
# "X called it “...”", "X described the deal as “...”", "X praised the deal, calling it “...”",
# "X, who called it “...”"
_BEFORE_CALL = re.compile(
    rf"(?<![\w-])(?P<who>{NAME_PATTERN}|{_PRONOUN}){_NOISE}?(?:,[^,\n“”\"]{{1,80}},)?"
    rf"(?:,[ \t\u00a0]+who)?"
    rf"[ \t\u00a0]+(?:also[ \t\u00a0]+|later[ \t\u00a0]+|then[ \t\u00a0]+|once[ \t\u00a0]+)?"
    rf"(?:(?:{_CALLS})|[a-z]+ed(?![\w-])[^\n“”\".!?;:]{{0,80}}?,[ \t\u00a0]+(?:{_CALLING}))"
    r"[ \t\u00a0]+(?:it|this|that|them|him|her|the|these|those|his|its|their|our|a|an)(?![\w-])"
    r"(?:(?!so-called)[^\n“”\".!?:;,]){0,60}?[ \t\u00a0]*[:,]?[ \t\u00a0]*\Z"
)


@dataclass
class _Seg:
    start: int  # the opening mark
    end: int  # after the closing mark (or the paragraph end)
    body: tuple[int, int]  # trimmed words inside the marks
    closed: bool


def _segments(text: str, start: int, end: int) -> list[_Seg]:
    """Quoted parts in order: double marks and guillemets, and single curly marks (a part
    inside another part is nested quotation, not a quote of its own)."""
    out = _marked(_SEG, text, start, end)
    if "‘" in text[start:end]:
        single = _marked(_SEG1, text, start, end)
        both = sorted(out + single, key=lambda s: (s.start, -s.end))
        out = []
        for sg in both:
            if out and sg.start < out[-1].end:
                continue  # nested inside (or overlapping) the part before
            out.append(sg)
    return out


def _marked(rx: re.Pattern[str], text: str, start: int, end: int) -> list[_Seg]:
    out = []
    for m in rx.finditer(text, start, end):
        a, b = m.span("body")
        while a < b and text[a].isspace():
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
            b -= 1
        if b <= a or not any(c.isalpha() for c in text[a:b]):
            continue
        out.append(_Seg(m.start(), m.end(), (a, b), bool(m.group("close"))))
    return out


def _continues(text: str, cur: _Seg, nxt: _Seg) -> bool:
    """An unclosed paragraph followed by a paragraph that opens with a quote mark."""
    if cur.closed:
        return False
    gap = text[cur.end : nxt.start]
    return "\n" in gap and not gap.strip()


def _name_in(ctx: Context, a: int, b: int, floor: int = 0) -> tuple[int, int] | None:
    """The best person name inside text[a:b], dropping leading titles/organisations."""
    text = ctx.text
    lex = lexicon(ctx.vocab)
    # a titled name ("Minister of Industry Paul Elmby") ending here: the name without its title
    for c in people.extract(ctx, max(floor, a - 60), b):
        sp = next((x for x in c.spans if x.role == "person"), None)
        if sp is not None and sp.end == b and sp.start >= a:
            return sp.start, sp.end
    for t in TOKEN_RE.finditer(text, a, b):
        r = clean_name(text, t.start(), b, lex)
        if r is not None:
            return r
    return None


# (speaker span, via: False, True for a pronoun or "role:<phrase>", end of speaker and verb,
# end of the attribution)
_After = tuple[tuple[int, int] | None, bool | str, int, int]


def _end_of(pattern: re.Pattern[str], text: str, pos: int, end: int) -> int:
    """Where ``pattern`` matched at ``pos`` ends; the patterns it serves match the empty
    string, so there is always a match (``pos`` stands in for none)."""
    m = pattern.match(text, pos, end)
    return m.end() if m else pos


def _after(ctx: Context, pos: int, end: int) -> _After | None:
    """Attribution right after a closing mark: (speaker span, is_pronoun, end of its speaker and
    verb, end of the attribution)."""
    text = ctx.text
    m = _AFTER_VERB.match(text, pos, end)
    if m:
        if m.group("pron"):
            return None, True, m.end(), _end_of(_ATT_END, text, m.end(), end)
        sp = people.speaker_at(ctx, m.end(), end) or _after_role(ctx, m.end(), end)
        if sp is None:
            return _role_after(ctx, pos, end)
        return sp, False, sp[1], _end_of(_ATT_END, text, sp[1], end)
    m = _AFTER_PRON.match(text, pos, end)
    if m:
        return None, True, m.end(), _end_of(_ATT_END, text, m.end(), end)
    p = _end_of(_LEAD_GAP, text, pos, end)
    if p < end and (text[p].isupper() or _ROLE_WORDS.match(text, p, end)):
        sp = people.speaker_at(ctx, p, end) if text[p].isupper() else _after_role(ctx, p, end)
        if sp is not None:
            t = _AFTER_NAME_TAIL.match(text, sp[1], end)
            if t:
                return sp, False, t.end(), _end_of(_ATT_END, text, t.end(), end)
            if _cut_attribution(ctx, sp[1], end):
                return sp, False, end, end
    return _role_after(ctx, pos, end)


# ",” Name, president of" where the page stops: the attribution's verb was cut off
_CUT_TAIL = re.compile(r",[ \t\u00a0]+(?P<appos>[^\n“”\"«».!?,]{1,80}?)[ \t\u00a0]*\Z")


def _cut_attribution(ctx: Context, pos: int, end: int) -> bool:
    """After a name right after the closing mark: an appositive holding a title, then nothing
    more in the document (a page copied up to a length limit cut the attribution's verb
    off), so the name is the speaker."""
    m = _CUT_TAIL.match(ctx.text, pos, end)
    if m is None or ctx.text[end:].strip():
        return False
    lex = lexicon(ctx.vocab)
    return any(w in lex.title_canon for w in m.group("appos").lower().split())


# a role reference after the quote: ",” the president said." / ",” said the company's chief
# executive." / ",” its founder added." (resolved to the holder named earlier: _role_holder)
_DET = r"(?:the|its|their|his|her|[Tt]he[ \t\u00a0]+[a-z]+['’]s)"
_ROLE_PHRASE = r"(?P<role>[A-Za-z][a-z-]*(?:[ \t\u00a0]+[A-Za-z][a-z-]*){0,3}?)"
_AFTER_ROLE = re.compile(
    rf"[ \t\u00a0]*,?[ \t\u00a0]*{_DET}[ \t\u00a0]+{_ROLE_PHRASE}[ \t\u00a0]+"
    rf"(?:also[ \t\u00a0]+|later[ \t\u00a0]+)?(?:{_VERBS})\b"
)
_AFTER_VERB_ROLE = re.compile(
    rf"[ \t\u00a0]*,?[ \t\u00a0]*(?:{_VERBS})[ \t\u00a0]+{_DET}[ \t\u00a0]+{_ROLE_PHRASE}"
    r"(?=[ \t\u00a0]*(?:[.,;!?]|$)|[ \t\u00a0]+(?:of|at|for|in|on)\b)"
)


def _role_after(ctx: Context, pos: int, end: int) -> _After | None:
    """",” the president said." : (None, "role:<phrase>", end of the verb, attribution end)."""
    text = ctx.text
    lex = lexicon(ctx.vocab)
    for rx in (_AFTER_ROLE, _AFTER_VERB_ROLE):
        m = rx.match(text, pos, end)
        if m is None:
            continue
        title = _title_in(m.group("role"), lex)
        if title is None:
            continue
        return None, "role:" + title, m.end(), _end_of(_ATT_END, text, m.end(), end)
    return None


def _title_in(phrase: str, lex: Lexicon) -> str | None:
    """The title a role reference names ("the former president" -> "president"), status
    words dropped, or None when the vocabulary knows no such title."""
    words = phrase.lower().split()
    while words and words[0] in STATUS_WORDS:
        words.pop(0)
    title = " ".join(words)
    return title if title in lex.title_canon else None


def _role_holder(ctx: Context, pos: int, floor: int, phrase: str) -> tuple[int, str] | None:
    """The person named last before ``pos`` with a title the role reference fits."""
    best: tuple[int, str] | None = None
    for c in people.extract(ctx, max(floor, pos - 3000), pos):
        if c.predicate != "role_holder" or not refers_to(phrase, c.value["title"]):
            continue
        s = next(x for x in c.spans if x.role == "person")
        if best is None or s.start > best[0]:
            best = (s.start, c.value["name"])
    return best


# a lower-case role before a name: "said harbour master Lena Voss", "port director Ann Lee said"
_ROLE_WORDS = re.compile(
    r"(?:(?!(?:the|a|an|in|on|at|to|for|that|this|with|by|from|and|or|but|as|it|its|their|"
    r"his|her|our|when|while|after|before|during|also|later|then|who|which)[ \t\u00a0])"
    r"[a-z][a-z-]*[ \t\u00a0]+){1,3}(?=[A-Z])")


def _after_role(ctx: Context, pos: int, end: int) -> tuple[int, int] | None:
    """The speaker after a lower-case role (at most three words) at ``pos``."""
    m = _ROLE_WORDS.match(ctx.text, pos, end)
    return people.speaker_at(ctx, m.end(), end) if m else None


def _interrupts(text: str, att: _After, nxt: _Seg) -> bool:
    """The attribution only interrupts the quote, whose next part follows it (see the module
    docstring): no words run into the next part and none introduce it."""
    _, _, core_end, att_end = att
    if not _SPLIT_GAP.match(text, att_end, nxt.start):
        return False
    tail = text[core_end : nxt.start].rstrip(" \t\u00a0")
    if tail and tail[-1] not in ",.;:!?—–-":
        return False  # "..., adding that the work would stay “B”": B is part of this sentence
    return not _INTRODUCES.search(tail)


def _dash_after(ctx: Context, pos: int, end: int) -> tuple[int, int] | None:
    m = _DASH.match(ctx.text, pos, end)
    if not m:
        return None
    return people.speaker_at(ctx, m.end(), end)


# "X put it this way:", "X told reporters:", "X, the CEO of Y, said:" right before the colon
_PUT = (
    r"put|puts|summed|sums|summari[sz]ed|summari[sz]es|phrased|phrases|framed|frames|described|"
    r"describes|explained|explains"
)
_HAD_TO_SAY = (
    r"(?:had|has)[ \t\u00a0]+(?:this|the[ \t\u00a0]+following|[a-z]+)[ \t\u00a0]+to"
    r"[ \t\u00a0]+say"
)
_COLON_SAY = re.compile(
    rf"(?P<app>,[^,\n“”\"«»]{{1,80}},)?[ \t\u00a0]+"
    r"(?:(?:also|later|then|once|simply|recently|previously)[ \t\u00a0]+)?"
    rf"(?:{_VERBS}|{_PUT}|{_HAD_TO_SAY})(?![\w-])[^\n“”\"«».!?;:]{{0,80}}:[ \t\u00a0]*\Z"
)
# "In the words of X:", "According to X, the CEO:", "As X put it:"
_COLON_CUE = re.compile(
    r"(?<![\w-])(?P<cue>[Ii]n[ \t\u00a0]+(?:the[ \t\u00a0]+)?words[ \t\u00a0]+of|[Aa]ccording"
    r"[ \t\u00a0]+to|[Aa]s)[ \t\u00a0]+"
)
_CUE_NAME_END = re.compile(
    rf",|[ \t\u00a0]+(?:{_VERBS}|{_PUT})(?![\w-])|[ \t\u00a0]*:[ \t\u00a0]*\Z"
)
_COLON_END = re.compile(r":[ \t\u00a0]*(?:<br[ \t\u00a0]*/?>[ \t\u00a0]*)?\Z")
_NAME_TOKEN_RE = re.compile(NAME_TOKEN)
_PARTICLE_RE = re.compile(NAME_PARTICLE)
_HONORIFIC_WORDS = frozenset("Mr Mrs Ms Mx Dr Prof Rev Sir Dame".split())
_PRONOUNS = frozenset("he she He She they we They We I".split())


def _name_run_before(ctx: Context, pos: int, lo: int) -> tuple[int, int] | None:
    """The person named by the capitalised words (and particles such as "de la", "van der")
    that end at ``pos``, without a leading title or honorific."""
    text = ctx.text
    toks = list(TOKEN_RE.finditer(text, lo, pos))
    if not toks or toks[-1].end() != pos:
        return None
    a = None
    for t in reversed(toks):
        w = t.group(0)
        if _NAME_TOKEN_RE.fullmatch(w) or w.rstrip(".") in _HONORIFIC_WORDS:
            a = t.start()
        elif a is not None and _PARTICLE_RE.fullmatch(w):
            continue  # "de", "la", "van", "der" inside the name
        else:
            break
        if "\n" in text[t.start() : pos]:
            break
    if a is None:
        return None
    # a titled name the people extractor reads here ("Minister of Industry Tomas Roslund", where
    # "Industry" belongs to the title), unless it cuts the name at a particle ("van der Berg")
    for c in people.extract(ctx, max(lo, a - 80), pos):
        ps = next((x for x in c.spans if x.role == "person"), None)
        if ps is not None and ps.end == pos and a < ps.start:
            prev = text[a : ps.start].split()
            if prev and not _PARTICLE_RE.fullmatch(prev[-1]):
                return ps.start, ps.end
    lex = lexicon(ctx.vocab)
    sp = clean_name(text, a, pos, lex)
    if sp is None:
        # "Lakeside University President Noor Haddad": the name follows the last title or
        # organisation word
        cut = None
        for t in TOKEN_RE.finditer(text, a, pos):
            w = t.group(0)
            if w in lex.title_words or w.rstrip(".").lower() in lex.org_suffixes:
                cut = t.end()
        if cut is not None and cut < pos:
            sp = clean_name(text, cut, pos, lex)
    return sp  # (clean_name rejects a run that starts with a lower-case particle)


def _colon_intro(ctx: Context, seg: _Seg, floor: int
                 ) -> tuple[tuple[int, int] | None, bool] | None:
    """``X put it this way: “...”`` with the quote on this line or opening the next one."""
    text = ctx.text
    ls = text.rfind("\n", floor, seg.start) + 1
    intro_end = seg.start
    if not text[ls : seg.start].strip(" \t\u00a0>"):  # the quote opens its line
        p0 = max(floor, ls - 300)
        stripped = text[p0:ls].rstrip(" \t\u00a0\n")
        if text[p0 + len(stripped) : ls].count("\n") > 2:
            return None  # more than one blank line between
        intro_end = p0 + len(stripped)
    m = _COLON_END.search(text, max(floor, intro_end - 20), intro_end)
    if m is None:
        return None
    c = m.start()
    lo = max(floor, text.rfind("\n", floor, c) + 1)
    s0 = max(lo, sentence_start(text, c, floor))
    # "In the words of X:", "As X put it:"
    for q in _COLON_CUE.finditer(text, s0, c):
        e = _CUE_NAME_END.search(text, q.end(), c + 1)
        if e is None:
            continue
        if q.group("cue").lower() == "as" and e.group(0).strip(" \t\u00a0") in (",", ":"):
            continue  # "As X:" is no attribution
        sp = _name_run_before(ctx, e.start(), q.end())
        if sp is not None:
            return sp, False
    pos = s0
    while (m2 := _COLON_SAY.search(text, pos, c + 1)) is not None:
        name_end = m2.start()
        before = text[s0:name_end].split()
        if before and before[-1] in _PRONOUNS and not m2.group("app"):
            return None, True
        sp = _name_run_before(ctx, name_end, s0)
        if sp is not None:
            return sp, False
        pos = m2.start() + 1
    return None


# the rest of a sentence whose subject speaks in an "-ing" clause right before the quote:
# "X questioned the witness to be sure, saying at one point: “...”"
_SAYING_TAIL = re.compile(
    rf"[^\n“”\"!?]{{1,160}}?,[ \t\u00a0]*(?:{_SAYING})(?![\w-])[^\n“”\".!?:,]{{0,30}}"
    r"[:,]?[ \t\u00a0]*\Z")
_THE_ROLE = re.compile(
    r"[Tt]he[ \t\u00a0]+(?P<role>[a-z][a-z-]*(?:[ \t\u00a0]+[a-z][a-z-]*){0,2}?)"
    r"(?=[ \t\u00a0]+[a-z]+ed\b)")


def _subject_saying(ctx: Context, seg: _Seg, floor: int
                    ) -> tuple[tuple[int, int] | None, bool | str] | None:
    """The subject of the quote's sentence when the sentence ends in an "-ing" clause of saying
    ("Judge Ann Kova questioned him, saying at one point: “...”"): a name, a pronoun, or a role
    reference ("The judge ...") resolved later to the holder named before."""
    text = ctx.text
    lo = max(floor, text.rfind("\n", floor, seg.start) + 1)
    s0 = max(lo, sentence_start(text, seg.start, floor))
    while s0 < seg.start and text[s0] in " \t\u00a0":
        s0 += 1
    if not _SAYING_TAIL.search(text, s0, seg.start):
        return None
    first = text[s0:s0 + 5].split()
    if first and first[0] in ("He", "She", "They", "We", "I"):
        return None, True
    sp = people.speaker_at(ctx, s0, seg.start)
    if sp is not None:
        return (sp, False) if _SAYING_TAIL.match(text, sp[1], seg.start) else None
    role = _THE_ROLE.match(text, s0, seg.start)
    if role is None:
        return None
    title = _title_in(role["role"], lexicon(ctx.vocab))
    return None if title is None else (None, "role:" + title)


def _before(ctx: Context, seg: _Seg, floor: int, known: set[str]
            ) -> tuple[tuple[int, int] | None, bool | str] | None:
    colon = _colon_intro(ctx, seg, floor)
    if colon is not None:
        return colon
    saying = _subject_saying(ctx, seg, floor)
    if saying is not None:
        return saying
    text = ctx.text
    lo = max(floor, seg.start - 250)
    lo = max(lo, text.rfind("\n", lo, seg.start) + 1)
    if not _VERB_ANY.search(text, lo, seg.start):
        return _before_call(ctx, seg, lo, floor, known)
    pos = lo
    while (m := _BEFORE_WHO.search(text, pos, seg.start)) is not None:
        who = m.group("who")
        if who in ("he", "she", "they", "we", "I", "He", "She", "They", "We"):
            return None, True
        sp = _name_in(ctx, *m.span("who"), floor=lo)
        if sp is not None:
            return sp, False
        pos = m.end("who")  # "The Prime Minister, Keir Starmer, said": try the next name
    m = _BEFORE_VERB.search(text, lo, seg.start)
    if m:
        sp = people.speaker_at(ctx, m.start("rest"), m.end("rest"))
        if sp is not None:
            return sp, False
    return _before_call(ctx, seg, lo, floor, known)


def _before_call(ctx: Context, seg: _Seg, lo: int, floor: int, known: set[str]
                 ) -> tuple[tuple[int, int] | None, bool] | None:
    """``X called it “...”``: only a person is a speaker here (see the module docstring)."""
    text = ctx.text
    if not _CALL_ANY.search(text, lo, seg.start):
        return None
    pos = lo
    while (m := _BEFORE_CALL.search(text, pos, seg.start)) is not None:
        who = m.group("who")
        if who in ("he", "she", "He", "She"):
            return None, True
        if who in ("they", "we", "I", "They", "We"):
            return None
        sp = _name_in(ctx, *m.span("who"), floor=lo)
        if sp is not None and _is_person(ctx, sp, floor, known):
            return sp, False
        pos = m.end("who")
    return None


def _is_person(ctx: Context, sp: tuple[int, int], floor: int, known: set[str]) -> bool:
    """A titled name, a name of two or more words, or the surname of a person named before."""
    text = ctx.text
    words = text[sp[0] : sp[1]].split()
    if len(words) >= 2:
        return True
    for c in people.extract(ctx, max(floor, sp[0] - 2000), sp[1]):
        if c.value["name"].split()[-1] == words[-1]:
            return True
    return words[-1] in {k.split()[-1] for k in known}


_WHO_VERB = re.compile(
    rf"(?<![\w-])(?P<who>{NAME_PATTERN})(?:,[^,\n“”\"]{{1,80}},)?[ \t\u00a0]+(?:{_VERBS})\b"
)


def _last_person_before(ctx: Context, pos: int, floor: int) -> tuple[int, str] | None:
    """The person named last before ``pos`` (for "he said"): a role-holder or "Name said"."""
    text = ctx.text
    lo = max(floor, pos - 600)
    best: tuple[int, str] | None = None
    for c in people.extract(ctx, lo, pos):
        s = next(x for x in c.spans if x.role == "person")
        if best is None or s.start > best[0]:
            best = (s.start, c.value["name"])
    for m in _WHO_VERB.finditer(text, lo, pos):
        span = _name_in(ctx, *m.span("who"), floor=lo)
        if span is not None and (best is None or span[0] > best[0]):
            best = (span[0], " ".join(text[span[0] : span[1]].split()))
    side = _named_person_before(ctx, pos, floor)
    if side is not None and (best is None or side[0] > best[0]):
        best = side
    return best


_DETERMINER_BEFORE = re.compile(r"(?<![\w-])(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Aa]n?)[ \t\u00a0]+\Z")
_PERSON_CUE = re.compile(r",[ \t\u00a0]+(?:who|whose|aged[ \t\u00a0]+\d|\d{1,3},)")
_HONORIFIC_BEFORE = re.compile(r"(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Sir|Dame)\.?[ \t\u00a0]+\Z")


def _named_person_before(ctx: Context, pos: int, floor: int) -> tuple[int, str] | None:
    """A name written outside any role or quote that is plainly a person ("Anna Hartman, who
    ...", "Dr. Anna Hartman", or later called by the surname alone: "Hartman was there"): the
    last place it is named before ``pos``, with its full name (for "she said")."""
    text = ctx.text
    lo = max(floor, pos - 1500)
    best: tuple[int, str] | None = None
    for c in mentions.extract(ctx, lo, pos):
        a, b = c.spans[0].start, c.spans[0].end
        words = c.value["name"].split()
        if len(words) < 2:
            continue
        at = a
        sur = re.compile(rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])(?![ \t\u00a0]+[A-Z])")
        # "the Act", "this Agreement": a thing named again, not a person's surname
        later = [m.start() for m in sur.finditer(text, b, pos)
                 if not _DETERMINER_BEFORE.search(text, max(b, m.start() - 8), m.start())]
        if later:
            at = later[-1]
        elif not (_PERSON_CUE.match(text, b, pos)
                  or _HONORIFIC_BEFORE.search(text, max(lo, a - 8), a)):
            continue
        if best is None or at > best[0]:
            best = (at, c.value["name"])
    return best


_ELLIPSIS_END = re.compile(r"(?:…|\.{3}|\. \. \.)\W*\Z")


def _incomplete(text: str, last: _Seg, end: int, quote_text: str) -> str | None:
    """How a quote is known to be a prefix of what was said: "unclosed" (its last part has no
    closing mark and nothing but space follows it in the range: the page was cut there) or
    "ellipsis" (it ends in one); None when it is whole."""
    if not last.closed and not text[last.end:end].strip():
        return "unclosed"
    if _ELLIPSIS_END.search(quote_text):
        return "ellipsis"
    return None


# "Here is the full text of X's email:", "Read the memo in full:" - a paragraph that announces
# the text reproduced after it, without quote marks
# Anchored: scanned only over the lines holding "full", "complete" or "entire" in any case (the
# anchor opens with a plain class of their first letters, so the search skips in C)
_REPRODUCED = Anchored(re.compile(
    r"(?im)^[^\n]*?\b(?:(?:full|complete|entire)[ \t]+(?:text|memo|e-?mail|letter|note"
    r"|statement|message|transcript)|(?:memo|e-?mail|letter|note|statement|message)[ \t]+in"
    r"[ \t]+full)\b[^\n]{0,160}?:[ \t]*$"),
    re.compile(r"[FfCcEe](?:(?<=[Ff])(?i:ull)|(?<=[Cc])(?i:omplete)|(?<=[Ee])(?i:ntire))"))
_OWNER = re.compile(r"(?<![\w-])(?P<name>(?:[A-Z][\w.-]*[ \t]+){0,3}[A-Z][\w-]+)['’]s(?!\w)")
REPRODUCED_MIN_WORDS = 6  # words of a reproduced sentence, at least
REPRODUCED_MAX = 60  # sentences read after one announcement


def _reproduced(ctx: Context, start: int, end: int, segs: list[_Seg]) -> Iterator[ClaimDraft]:
    """The sentences of a text reproduced without quote marks after a paragraph announcing it
    as someone's ("Here is the full text of X's email:"), each as a quote of that owner, so
    a reproduction that rewords the memo meets the memo as other outlets quote it. Only with
    an owner named in the announcement (a possessive name); a sentence holding a quote mark is
    left to the marked quotes. The speaker is named there, not next to each sentence, so it
    carries no speaker span (``speaker_via`` "reproduced")."""
    text = ctx.text
    sents = ctx.sentences(start, end)
    marked = [s.body for s in segs]
    for intro in _REPRODUCED.finditer(text, start, end):
        owner = None
        for m in _OWNER.finditer(text, intro.start(), intro.end()):
            owner = m
        if owner is None:
            continue
        name = " ".join(owner["name"].split())
        pos, n = intro.end(), 0
        while pos < end and n < REPRODUCED_MAX:
            while pos < end and (text[pos].isspace() or text[pos] in ".!?"):
                pos += 1  # the break after the last sentence (its end mark is not in it)
            if pos >= end:
                break
            ss, se = sents.bounds(pos, pos + 1)
            se = min(max(se, pos + 1), end)
            while se > pos and text[se - 1].isspace():
                se -= 1
            a, b = max(ss, pos), se
            pos = max(se, pos + 1)
            n += 1
            body = text[a:b]
            if len(body.split()) < REPRODUCED_MIN_WORDS or any(
                    x < b and a < y for x, y in marked) or re.search(r"[\"“”«»]", body):
                continue
            value: QuoteValue = {"text": " ".join(body.split()), "speaker": name,
                                 "speaker_via": "reproduced"}
            yield ClaimDraft(kind="quote", predicate="quote", subject=name.lower(), value=value,
                             spans=[SpanRef(a, b, "quote")], extractor=NAME, version=VERSION)


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    segs = _segments(ctx.text, start, end)
    yield from _marked_quotes(ctx, start, end, segs)
    yield from _reproduced(ctx, start, end, segs)


# "X said, “…,” according to The Guardian": the speaker says the words, the outlet reports them
_SAID_RIGHT_BEFORE = re.compile(rf"(?:{_VERBS})[ \t\u00a0]*[,:]?[ \t\u00a0]*\Z")


def _reported_by(text: str, first: _Seg, last: _Seg, end: int) -> bool:
    """An "according to Y" after a quote that a verb of saying opens ("X said, “…”"): Y is
    whoever reported the words (a paper, an agency), so X is the speaker."""
    m = _AFTER_VERB.match(text, last.end, end)
    if m is None or m.group("verb") or m.group("pron"):
        return False
    lo = max(0, first.start - 40)
    return _SAID_RIGHT_BEFORE.search(text, lo, first.start) is not None


def _marked_quotes(ctx: Context, start: int, end: int, segs: list[_Seg]
                   ) -> Iterator[ClaimDraft]:
    text = ctx.text
    n = len(segs)
    last_speaker: tuple[int, str] | None = None
    known: set[str] = set()  # speakers met so far
    i = 0
    while i < n:
        group = [segs[i]]
        j = i
        while j + 1 < n and _continues(text, segs[j], segs[j + 1]):
            j += 1
            group.append(segs[j])
        speaker: tuple[int, int] | None = None
        pronoun: bool | str = False  # True, or "role:<phrase>" (see _After)
        att = _after(ctx, segs[j].end, end)
        if att is not None and att[0] is not None and _reported_by(text, segs[i], segs[j], end):
            before = _before(ctx, segs[i], start, known)
            if before is not None and before[0] is not None:
                att = (before[0], before[1], att[2], att[3])
        if att is not None:
            speaker, pronoun = att[0], att[1]
            k = j + 1
            if k < n and _interrupts(text, att, segs[k]):
                j = k
                group.append(segs[j])
                while j + 1 < n and _continues(text, segs[j], segs[j + 1]):
                    j += 1
                    group.append(segs[j])
                more = _after(ctx, segs[j].end, end)  # "“B,” he added." closes the claim
                if more is not None and speaker is None and not pronoun:
                    speaker, pronoun = more[0], more[1]
        else:
            speaker = _dash_after(ctx, segs[j].end, end)
            if speaker is None:
                before = _before(ctx, segs[i], start, known)
                if before is not None:
                    speaker, pronoun = before
        i = j + 1

        parts = [" ".join(text[a:b].split()) for a, b in (s.body for s in group)]
        quote_text = " ".join(parts)
        speaker_name: str | None = None
        via = None
        if speaker is not None:
            speaker_name = " ".join(text[speaker[0] : speaker[1]].split())
            last_speaker = (speaker[0], speaker_name)
            known.add(speaker_name)
        elif isinstance(pronoun, str):
            holder = _role_holder(ctx, group[0].start, start, pronoun[5:])
            if holder is not None:
                speaker_name, via = holder[1], "role"
        elif pronoun:
            cands = [
                x for x in (last_speaker, _last_person_before(ctx, group[0].start, start)) if x
            ]
            if cands:
                speaker_name = max(cands)[1]
                via = "pronoun"
        if speaker_name is None and len(quote_text.split()) < 4:
            continue
        spans = [SpanRef(s.body[0], s.body[1], "quote") for s in group]
        if speaker is not None:
            spans.append(SpanRef(speaker[0], speaker[1], "speaker"))
        value: QuoteValue = {"text": quote_text, "speaker": speaker_name}
        if via:
            value["speaker_via"] = via
        cut = _incomplete(text, group[-1], end, quote_text)
        if cut:
            value["incomplete"] = cut
        yield ClaimDraft(
            kind="quote",
            predicate="quote",
            subject=speaker_name.lower() if speaker_name else "unknown",
            value=value,
            spans=spans,
            extractor=NAME,
            version=VERSION,
        )
