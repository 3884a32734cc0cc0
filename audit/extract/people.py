"""People with roles: "Japanese Prime Minister Fumio Kishida", "Kohei Itoh, president of Keio
University", "Rene Haas, the Arm CEO", "Japan's prime minister, Fumio Kishida".

kind="person", predicate="role_holder". One claim per title: "vice chair and president of
Microsoft" gives two claims (vice chair|microsoft, president|microsoft) sharing the name span.

value = {"name", "title", "org", "tokens"}; ``org`` is the organisation or country the role
belongs to (nationality adjectives normalised: Japanese -> Japan, U.S. -> United States) or None.
subject = "<title>|<org>" lowercased ("prime minister|japan", "president|").
Spans: role="person" (the name only: no possessive, no "(opens in new window)"), role="title",
role="org" (when the organisation is named in the text).

Forms:
- pre-name: [Org/Nationality] Title [and Title] [of/for Dept-or-Org] Name
  ("Minister of Education, Culture, Sports, Science and Technology Moriyama Masahito": the
  of-part is part of the title when it names a portfolio, the org when it names an organisation)
- possessive: Org's title[,] Name
- appositive: Name, [the|a] [Org] title [and title] [of|at|for Org]
A title needs a name right after it (pre-name) or must not be followed by one (appositive), so
"Gina Raimondo, CMU President Farnam Jahanian" gives CMU's president, not Raimondo's title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from audit.extract.vocab import (
    DEPARTMENT_WORDS,
    MODIFIER_WORDS,
    MODIFIERS_BEFORE_RE,
    MONTHS,
    NAME_PATTERN,
    NATIONALITIES,
    ORG_PHRASE,
    ORG_TOKEN,
    SENTENCE_DOT,
    STOP_WORDS,
    TOKEN_RE,
    WEEKDAYS,
    WS,
    Lexicon,
    clean_name,
    lexicon,
)
from audit.model import ClaimDraft, Context, SpanRef

NAME = "people"
VERSION = "1"

_NOISE = (
    r"(?:[ \t\u00a0]*\((?:opens in (?:a )?new (?:window|tab)|link is external|external link|"
    r"pictured|left|right|center|centre|above|below|file photo)\))"
)
_NAME_PAT = NAME_PATTERN
_OF_PART = (
    rf"(?:the{WS})?{ORG_TOKEN}"
    rf"(?:(?:,{WS}|{WS}and{WS}|{WS}&{WS}|{WS}(?:of|for|the|de){WS}|{WS}){ORG_TOKEN}){{0,9}}?"
)
_ABBREV_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:Inc|Corp|Co|Ltd|St|Jr|Sr|Bros|Mt)\.")
_ORGTOK_RE = re.compile(ORG_TOKEN)
_ALPHA_RE = re.compile(r"[A-Za-z]+")
_CONNECTORS = frozenset({"of", "for", "de", "du", "&", "the"})
# Capitalised at a sentence start, these are verbs or adverbs, never an organisation:
# "Said Professor X", "Added Mayor Y", "Meanwhile Governor Z".
_SPEECH_WORDS = frozenset(
    "Said Says Added Adds Told Tells Noted Notes Explained Explains Asked Asks Wrote Writes "
    "Recalled Recalls Continued Continues Meanwhile However Also Then Now Today Yesterday "
    "Earlier Later Former Incoming Outgoing Current".split()
)
_NOT_ORG = STOP_WORDS | MONTHS | WEEKDAYS | _SPEECH_WORDS
_LOWER_OF_DEPT = re.compile(
    rf"{WS}(?:of|for){WS}(?P<dept>[A-Za-z]+(?:(?:,{WS}|{WS}and{WS}|{WS}){{1}}[A-Za-z]+){{0,5}})"
)
_CAP_AFTER = re.compile(rf"{WS}[A-Z][a-z]")
_THE_BEFORE = re.compile(rf"\b[Tt]he{WS}\Z")
_POSS_WORD = re.compile(rf"\w['’]s{WS}\Z")


@dataclass(frozen=True)
class _Patterns:
    pre_tail: re.Pattern[str]  # after a title hit: [and Title] [of X][,] Name
    appos_tail: re.Pattern[str]  # after a title hit: [and Title] [of/at Org]
    speaker: re.Pattern[str]  # "[org] title name" anchored at a position


_APPOS_HEAD = re.compile(
    rf"(?<![\w-])(?P<name>{NAME_PATTERN}){_NOISE}?,{WS}(?:\d{{1,3}},{WS})?(?:(?:the|a|an){WS})?"
    rf"(?:(?P<pre>{ORG_TOKEN}(?:{WS}{ORG_TOKEN}){{0,3}}?)(?P<poss>['’]s)?{WS})?\Z"
)


@lru_cache(maxsize=32)
def _patterns(lex: Lexicon) -> _Patterns:
    t = lex.title_pattern
    t2 = rf"(?:{WS}(?:and|&){WS}(?P<t2>{t}))?"
    pre_tail = re.compile(
        rf"{t2}(?:{WS}(?P<ofkw>of|for){WS}(?P<of>{_OF_PART}))?(?(ofkw)|(?P<comma>,)?)"
        rf"{WS}(?P<name>{NAME_PATTERN})"
    )
    appos_tail = re.compile(
        rf"{t2}(?:{WS}(?P<ofkw>of|at|for|with){WS}(?:the{WS})?(?P<org>{ORG_PHRASE}))?"
    )
    speaker = re.compile(
        rf"(?:(?:the{WS})?(?P<org>{ORG_TOKEN}(?:{WS}{ORG_TOKEN}){{0,3}}?)(?:['’]s)?{WS})??"
        rf"(?P<t1>{t}){t2}(?:{WS}(?:of|for){WS}{_OF_PART})?,?{WS}(?P<name>{NAME_PATTERN})"
    )
    return _Patterns(pre_tail, appos_tail, speaker)


def _org_token_ok(tok: str) -> bool:
    if tok in _CONNECTORS:
        return True
    if tok in _NOT_ORG:
        return False
    core = tok[:-2] if tok.endswith(("'s", "’s")) else tok
    if not _ORGTOK_RE.fullmatch(core):
        return False
    if core.endswith(".") and not _ABBREV_TOKEN.fullmatch(core):
        return False  # "Washington." ends a sentence
    return True


def _org_before(text: str, ts: int, floor: int) -> tuple[int, int, bool] | None:
    """The organisation/nationality words right before a title: "CMU" in "CMU President",
    "Japan" in "Japan's prime minister". Returns (start, end, possessive)."""
    toks: list[tuple[int, int]] = []
    pos = ts
    for _ in range(7):
        j = pos
        while j > floor and text[j - 1] in " \t\u00a0":
            j -= 1
        if j == pos or j <= floor:
            break
        k = j
        while k > floor and not text[k - 1].isspace() and j - k < 40:
            k -= 1
        tok = text[k:j]
        if not _org_token_ok(tok):
            break
        if toks and tok.endswith(("'s", "’s")) and text[toks[0][0] : toks[0][1]] in _CONNECTORS:
            break
        toks.insert(0, (k, j))
        pos = k
    while toks and text[toks[0][0] : toks[0][1]] in _CONNECTORS:
        toks.pop(0)
    if not toks:
        return None
    a, b = toks[0][0], toks[-1][1]
    poss = text[b - 2 : b] in ("'s", "’s")
    if poss:
        b -= 2
    elif any(text[x - 2 : x] in ("'s", "’s") for _, x in toks):
        return None
    return a, b, poss


def _norm_org(s: str) -> str:
    s = " ".join(s.split())
    return NATIONALITIES.get(s, s)


def _canon_title(lex: Lexicon, s: str) -> str:
    s = " ".join(s.split())
    return lex.title_canon.get(s.lower(), s)


def _trim_org(text: str, a: int, b: int) -> tuple[int, int]:
    """Cut an organisation span at a sentence end; drop a final dot and a possessive."""
    cut = SENTENCE_DOT.search(text, a, b)
    if cut:
        b = cut.start() + 1
    if b > a and text[b - 1] == ".":
        last = text[a:b].split()[-1]
        if not _ABBREV_TOKEN.fullmatch(last):
            b -= 1
    if text[b - 2 : b] in ("'s", "’s"):
        b -= 2
    return a, b


def _is_dept(words: str) -> bool:
    toks = _ALPHA_RE.findall(words)
    return bool(toks) and any(t.capitalize() in DEPARTMENT_WORDS for t in toks)


# Endings that make an of-part an organisation even when it also names a portfolio
# ("Director of the National Science Foundation"; but "Minister of Science and Technology").
_STRONG_SUFFIXES = frozenset(
    """university college institute institution foundation inc corp corporation ltd limited
    group company co bank agency department ministry council commission association society
    museum hospital school center centre laboratory laboratories lab labs academy office
    bureau embassy government authority board trust fund llc ag gmbh plc party holdings
    partners ventures capital""".split()
)


def _has_org_suffix(lex: Lexicon, words: str) -> bool:
    return any(
        (w := x.rstrip(".,").lower()) in lex.org_suffixes and w in _STRONG_SUFFIXES
        for x in words.split()
    ) or any(x.isupper() and len(x) > 1 and x.isalpha() for x in words.split())


def _claim(
    text: str,
    name: tuple[int, int],
    title: tuple[int, int],
    title_text: str,
    org_span: tuple[int, int] | None,
    org_value: str | None,
) -> ClaimDraft:
    ns, ne = name
    name_text = text[ns:ne]
    spans = [SpanRef(ns, ne, "person"), SpanRef(title[0], title[1], "title")]
    if org_span is not None:
        spans.append(SpanRef(org_span[0], org_span[1], "org"))
    return ClaimDraft(
        kind="person",
        predicate="role_holder",
        subject=f"{title_text.lower()}|{(org_value or '').lower()}".replace("’", "'"),
        value={
            "name": " ".join(name_text.split()),
            "title": title_text,
            "org": org_value,
            "tokens": name_text.split(),
        },
        spans=spans,
        extractor=NAME,
        version=VERSION,
    )


def _split_name_from_of(
    text: str, lex: Lexicon, of_span: tuple[int, int], name_span: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Move organisation/portfolio words that the lazy of-part left in front of the name
    ("of Keio | University Kohei Itoh" -> "of Keio University | Kohei Itoh")."""
    toks = [m.span() for m in TOKEN_RE.finditer(text, name_span[0], name_span[1])]
    cut = -1
    for i, (a, b) in enumerate(toks):
        w = text[a:b]
        if w.rstrip(".").lower() in lex.org_suffixes or w in DEPARTMENT_WORDS:
            cut = i
    if cut < 0:
        return of_span, name_span
    if cut == len(toks) - 1:
        return None
    return (of_span[0], toks[cut][1]), (toks[cut + 1][0], name_span[1])


def _titles_of(t1: tuple[int, int], m: re.Match[str]) -> list[tuple[int, int]]:
    out = [t1]
    if m.group("t2"):
        out.append(m.span("t2"))
    return out


def _extend_title_lower(text: str, lex: Lexicon, t: tuple[int, int], end: int) -> tuple[int, int]:
    """'minister of foreign affairs' written in lower case: take the portfolio into the title."""
    m = _LOWER_OF_DEPT.match(text, t[1], end)
    if m and _is_dept(m.group("dept")) and m.group("dept")[:1].islower():
        words = _ALPHA_RE.findall(m.group("dept"))
        if all(w.capitalize() in DEPARTMENT_WORDS or w == "and" for w in words):
            return t[0], m.end()
    return t


def _emit(
    claims: list[ClaimDraft],
    seen: set[tuple[int, int, str]],
    text: str,
    lex: Lexicon,
    name: tuple[int, int],
    titles: list[tuple[int, int]],
    title_texts: list[str],
    org_span: tuple[int, int] | None,
    org_value: str | None,
) -> None:
    for (ta, tb), title_text in zip(titles, title_texts, strict=True):
        key = (name[0], name[1], title_text.lower())
        if key in seen:
            continue
        seen.add(key)
        claims.append(_claim(text, name, (ta, tb), title_text, org_span, org_value))


def _pre_name(
    text: str, lex: Lexicon, pats: _Patterns, t1: tuple[int, int], start: int, end: int
) -> (
    tuple[tuple[int, int], list[tuple[int, int]], list[str], tuple[int, int] | None, str | None]
    | None
):
    """[Org] Title [and Title] [of X][,] Name, with the title at ``t1``."""
    m = pats.pre_tail.match(text, t1[1], end)
    if not m:
        return None
    raw_name = m.span("name")
    org_span: tuple[int, int] | None = None
    org_value: str | None = None
    titles = _titles_of(t1, m)
    texts = [_canon_title(lex, text[a:b]) for a, b in titles]
    if m.group("of"):
        of_a, of_b = m.span("of")
        if text[of_a:of_b].startswith("the "):
            of_a += 4
        split = _split_name_from_of(text, lex, (of_a, of_b), raw_name)
        if split is None:
            return None
        (of_a, of_b), raw_name = split
    name = clean_name(text, *raw_name, lex)
    if name is None:
        return None
    if m.group("of"):
        of_a, of_b = _trim_org(text, of_a, of_b)
        of_text = text[of_a:of_b]
        if _has_org_suffix(lex, of_text) or not _is_dept(of_text):
            org_span, org_value = (of_a, of_b), _norm_org(of_text)
        else:
            texts[-1] = f"{texts[-1]} {m.group('ofkw')} {' '.join(of_text.split())}"
            titles[-1] = (titles[-1][0], of_b)
    before = _org_before(text, t1[0], start)
    if (
        m.group("comma")
        and not (before and before[2])
        and not _POSS_WORD.search(text, max(start, t1[0] - 40), t1[0])
        and not _THE_BEFORE.search(text, max(start, (before or t1)[0] - 6), (before or t1)[0])
    ):
        return None  # "Org's title, Name", "the title, Name"; else "title, Name" is a list
    if before is not None and org_span is None:
        org_span = (before[0], before[1])
        org_value = _norm_org(text[before[0] : before[1]])
    return name, titles, texts, org_span, org_value


def _appositive(
    text: str, lex: Lexicon, pats: _Patterns, t1: tuple[int, int], start: int, end: int
) -> (
    tuple[tuple[int, int], list[tuple[int, int]], list[str], tuple[int, int] | None, str | None]
    | None
):
    """Name, [the] [Org] title [and title] [of/at Org], with the title at ``t1``."""
    if text.rfind(",", max(start, t1[0] - 60), t1[0]) < 0:
        return None
    head = _APPOS_HEAD.search(text, max(start, t1[0] - 120), t1[0])
    if not head:
        return None
    name = clean_name(text, *head.span("name"), lex)
    if name is None or len(text[name[0] : name[1]].split()) < 2:
        return None
    m = pats.appos_tail.match(text, t1[1], end)
    if m is None:
        return None
    org_span: tuple[int, int] | None = None
    org_value: str | None = None
    titles = _titles_of(t1, m)
    if m.group("org"):
        oa, ob = _trim_org(text, *m.span("org"))
        org_text = text[oa:ob]
        if (
            m.group("ofkw") in ("of", "for")
            and _is_dept(org_text)
            and not _has_org_suffix(lex, org_text)
            and not head.group("pre")
        ):
            titles[-1] = (titles[-1][0], ob)
        else:
            org_span, org_value = (oa, ob), _norm_org(org_text)
    else:
        if _CAP_AFTER.match(text, m.end(), end):
            return None  # "Name, CMU President Farnam Jahanian": the title is the next name's
        titles[-1] = _extend_title_lower(text, lex, titles[-1], end)
    if head.group("pre"):
        pa, pb = head.span("pre")
        pre_text = text[pa:pb]
        if any(w in STOP_WORDS for w in pre_text.split()):
            return None
        if org_span is None:
            org_span, org_value = (pa, pb), _norm_org(pre_text)
    texts = [_canon_title(lex, text[a:b]) for a, b in titles]
    return name, titles, texts, org_span, org_value


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    lex = lexicon(ctx.vocab)
    pats = _patterns(lex)
    seen: set[tuple[int, int, str]] = set()
    claims: list[ClaimDraft] = []
    done = start  # hits before this were read as part of an earlier title chain
    for hit in lex.title_hit_re.finditer(text, start, end):
        ta, tb = hit.span()
        if ta < done:
            continue
        prev = text[max(start, ta - 16) : ta].split()
        if prev and prev[-1].lower().rstrip("-") in MODIFIER_WORDS:
            mods = MODIFIERS_BEFORE_RE.search(text, max(start, ta - 60), ta)
            if mods:
                ta = mods.start()
        for reader in (_pre_name, _appositive):
            found = reader(text, lex, pats, (ta, tb), start, end)
            if found is not None:
                name, titles, texts, org_span, org_value = found
                _emit(claims, seen, text, lex, name, titles, texts, org_span, org_value)
                done = max(done, titles[-1][1])
    claims.sort(key=lambda c: (c.spans[0].start, c.spans[1].start))
    yield from claims


def speaker_at(ctx: Context, pos: int, end: int) -> tuple[int, int] | None:
    """The person named at ``pos`` with an optional "[org] title" in front ("U.S. Secretary of
    Commerce Gina Raimondo" -> the span of "Gina Raimondo"; "Jahanian" -> itself)."""
    text = ctx.text
    lex = lexicon(ctx.vocab)
    speaker_re = _patterns(lex).speaker
    m = speaker_re.match(text, pos, end)
    if m:
        span = clean_name(text, *m.span("name"), lex)
        if span is not None:
            return span
    m2 = _NAME_ONLY.match(text, pos, end)
    if m2:
        return clean_name(text, *m2.span(), lex)
    return None


_NAME_ONLY = re.compile(_NAME_PAT)
