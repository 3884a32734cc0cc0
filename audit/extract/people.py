"""People with roles: "Japanese Prime Minister Fumio Kishida", "Kohei Itoh, president of Keio
University", "Rene Haas, the Arm CEO", "Japan's prime minister, Fumio Kishida".

kind="person", predicate="role_holder". One claim per title: "vice chair and president of
Microsoft" gives two claims (vice chair|microsoft, president|microsoft) sharing the name span.

value = {"name", "title", "org", "tokens"} and "status" when the title is no longer or not yet
held ("former", "outgoing", "incoming", "interim", "acting": "the former director", "ex-CEO",
"Acting Mayor"; "then": "then-mayor", the title at the time told of; the status word may
stand before a party, a place or an adjective: "former Democratic New Jersey Sen."), and
"quoted" when the title is written inside a quotation (a speaker's words: the title when they
spoke); ``org`` is the organisation or country the role belongs to (nationality adjectives
normalised: Japanese -> Japan, U.S. -> United States) or None.
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

Department words written right before a title are part of it ("planning director", "Health
Minister"; not "Google Research Director"), and a lone place noun names no organisation ("City
planning director X", "X, the city's planning director": org None). The appositive head may hold
a generic possessive and adjectives ("X, its long-serving finance director").
In "title of X Y" nothing but an org suffix, department word, place or acronym shows where the
organisation ends; unless one does, "Y" is read as the organisation's last words, not a name,
when it is one word, when the title is lower case, or when "Name, " comes before the title
("Amara Osei, chief executive of Verdant Cell Recovery" gives no person "Cell Recovery").

Names: tokens may hold any Latin letter ("Søren Kjærgaard", "Łukasz Żak", "Nguyễn Thị Lan"), and
up to three lower-case surname particles may stand between tokens ("Ana María de la Fuente",
"Jan van der Berg", "Ursula von der Leyen", "Maria dos Santos"; see NAME_PARTICLE). A bare
surname with its particles ("de la Fuente") is a name only right after a title or a verb of
saying ("Professor de la Fuente", "said van der Berg"). An honorific may lack its full stop
("Dr Jan van der Berg", "Prof Ana Ruiz"). In "the Minister for Health, Karin Veldhuis" the comma
ends the portfolio: name words after the of-part's last comma begin the name (not "Health,
Karin"); "the/its/their [former] title, Name" is a role, a bare "title, Name" a list. When
"Name, title of X Y" could also read "Y" as a name, a lower-case title keeps the appositive
reading ("Leonardo da Silva, mayor of Porto Alegre").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from audit.claimvalues import PersonValue
from audit.extract.vocab import (
    COUNTRIES,
    DEPARTMENT_WORDS,
    HONORIFIC,
    MODIFIER_WORDS,
    MODIFIERS_BEFORE_RE,
    MONTHS,
    NATIONALITIES,
    ORG_PHRASE,
    ORG_TOKEN,
    STOP_WORDS,
    TOKEN_RE,
    WEEKDAYS,
    WS,
    Lexicon,
    clean_name,
    lexicon,
)
from audit.model import ClaimDraft, Context, SpanRef
from audit.resolve.countries import country_key, place_name
from audit.text import SENTENCE_DOT, inside_quotation

NAME = "people"
VERSION = "19"

_NOISE = (
    r"(?:[ \t\u00a0]*\((?:opens in (?:a )?new (?:window|tab)|link is external|external link|"
    r"pictured|left|right|center|centre|above|below|file photo)\))"
)
# Letters of European names: Latin-1, Latin Extended-A/B and Latin Extended Additional (Vietnamese
# and Welsh letters), so "Søren Kjærgaard", "Łukasz Żak" and "Zoë" are names.
_LATIN = [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]
_UP = "[" + "".join(c for c in map(chr, _LATIN) if c.isalpha() and c.isupper()) + "]"
_LOW = "[" + "".join(c for c in map(chr, _LATIN) if c.isalpha() and c.islower()) + "]"
# One name token: Smith, McDonald, Jean-Luc, O'Brien, an initial "J."; "al-Rashid", "d'Almeida".
_NAME_TOKEN = (
    rf"(?:(?:(?:al|el)-|d['’])?{_UP}{_LOW}+(?:{_UP}{_LOW}+)?(?:-{_UP}?{_LOW}+)*"
    rf"|{_UP}['’]{_UP}{_LOW}+(?:-{_UP}{_LOW}+)*"
    rf"|{_UP}\.(?:[ ]?{_UP}\.)?)"
)
# Lower-case surname particles, up to three in a row: "de la Fuente", "van der Berg", "von der
# Leyen", "da Silva", "dos Santos", "Ortega y Gasset", and the Irish "Ó" ("Ronan Ó Súilleabháin").
# Written capitalised ("Van der Berg") the first one is an ordinary name token.
NAME_PARTICLE = (
    r"(?:de|del|della|delle|dei|degli|di|da|das|dos|du|des|van|vom|von|der|den|ten|ter|zu|la|le"
    r"|las|los|bin|bint|ibn|y|Ó)"
)
_PARTICLES = rf"(?:(?:{NAME_PARTICLE}{WS}){{1,3}})"
# A person's name: an optional honorific (with or without its full stop: "Dr", "Prof."), then
# one to four name tokens, particles between them not counted.
# Initials without full stops, a South Asian press convention: "AM Venkatesan", "A M Venkatesan",
# "P Ramaswamy" (one to three capitals, joined or spaced, right before a name word). Acronyms
# written the same way ("US Steel", "PM Modi", "10 AM Monday") are told apart by
# _undotted_initials_ok, which drops them from the name.
_UNDOTTED = r"(?:[A-Z]{1,3}|[A-Z](?:[ ][A-Z]){1,2})(?=[ ][A-Z][a-z])"
PERSON_NAME = (
    rf"(?:{HONORIFIC}{WS})?(?:{_UNDOTTED}[ ])?"
    rf"{_NAME_TOKEN}(?:{WS}{_PARTICLES}?{_NAME_TOKEN}){{0,3}}(?![\w-])"
)
# A surname that opens with its particles ("de la Fuente"): only where a title or a verb of
# saying marks it as a person ("Professor de la Fuente", "said van der Berg").
PARTICLE_SURNAME = rf"{_PARTICLES}{_NAME_TOKEN}(?:{WS}{_NAME_TOKEN})?(?![\w-])"
NAME_PATTERN = rf"(?:{PERSON_NAME}|{PARTICLE_SURNAME})"
_LEADING_PARTICLES = re.compile(_PARTICLES)
_OF_PART = (
    rf"(?:the{WS})?{ORG_TOKEN}"
    rf"(?:(?:,{WS}|{WS}and{WS}|{WS}&{WS}|{WS}(?:of|for|the|de){WS}|{WS}){ORG_TOKEN}){{0,9}}?"
)
_ABBREV_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:Inc|Corp|Co|Ltd|St|Jr|Sr|Bros|Mt)\.")
_ORGTOK_RE = re.compile(ORG_TOKEN)
_ALPHA_RE = re.compile(r"[A-Za-z]+")
_PARTICLE_RE = re.compile(NAME_PARTICLE)
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
# One to three capitalised words after a title that end the phrase: "Harbour Safety," of
# "Name, Commissioner Harbour Safety, ..."
_PORTFOLIO_AFTER = re.compile(
    rf"{WS}(?P<org>(?:[A-Z][a-z]+{WS}){{0,2}}(?P<last>[A-Z][a-z]+))(?=[,;:]|\.(?:\s|$)|\s*$)"
)
# "the title, Name" / "its title, Name" / "the former title, Name": an article or possessive
# determiner before the title
_THE_BEFORE = re.compile(
    rf"(?<![\w-])(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur){WS}"
    rf"(?:(?:former|then|new|current|outgoing|incoming|late){WS})?\Z"
)
_POSS_WORD = re.compile(rf"\w['’]s{WS}\Z")


@dataclass(frozen=True)
class _Patterns:
    pre_tail: re.Pattern[str]  # after a title hit: [and Title] [of X][,] Name
    appos_tail: re.Pattern[str]  # after a title hit: [and Title] [of/at Org]
    speaker: re.Pattern[str]  # "[org] title name" anchored at a position


# Lowercase words allowed between "Name, the" and a title: a generic possessive ("the city's",
# "the company's": no organisation named) and up to two adjectives ("its long-serving"); never a
# function word, so "Name, who met the director" or "Name, a friend of the director" don't fire.
_HEAD_STOP = (
    r"(?:of|the|a|an|and|or|but|nor|to|for|with|at|by|in|on|from|as|than|who|whom|whose|which"
    r"|that|when|where|while|if|said|says|told|tells|added|met|meets|thanked|called|asked|is|are"
    r"|was|were|be|been|has|have|had|not|no|this|these|those|there|here|then|also)"
)
_LOWER_WORD = rf"(?!{_HEAD_STOP}\b)[a-z]+(?:-[a-z]+)*"
_APPOS_HEAD = re.compile(
    rf"(?<![\w-])(?P<name>{PERSON_NAME}){_NOISE}?,{WS}(?:\d{{1,3}},{WS})?"
    rf"(?:(?:the|a|an|its|their|his|her){WS})?"
    rf"(?:(?P<pre>{ORG_TOKEN}(?:{WS}{ORG_TOKEN}){{0,3}}?)(?P<poss>['’]s)?{WS})?"
    rf"(?:{_LOWER_WORD}['’]s{WS})?(?:{_LOWER_WORD}{WS}){{0,2}}\Z"
)
# Place-type nouns that name no organisation: "City planning director X" has no org.
_GENERIC_ORGS = frozenset(
    "city town county village borough district state province region municipality country "
    "nation".split()
)
_WORD_BEFORE = re.compile(rf"(?<![\w'’.-])(?P<w>[A-Za-z]+){WS}\Z")


_SPEAKER_ORG_JOIN = rf"(?:{WS}(?:of|for){WS}|{WS})"


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
    # the organisation before the title may hold "of"/"for" ("University of Norland President")
    speaker = re.compile(
        rf"(?:(?:the{WS})?(?P<org>{ORG_TOKEN}(?:{_SPEAKER_ORG_JOIN}{ORG_TOKEN}){{0,3}}?)"
        rf"(?:['’]s)?{WS})??"
        rf"(?P<t1>{t}){t2}(?:{WS}(?:of|for){WS}{_OF_PART})?,?{WS}(?P<name>{NAME_PATTERN})"
    )
    return _Patterns(pre_tail, appos_tail, speaker)


# Undotted capitals that are no one's initials: title abbreviations and common acronyms.
_NOT_INITIALS = frozenset(
    "PM CM MP MLA VP GM MD DG TV UN NY LA DC OK ID IT HR PR AI BBC CNN ABC NBC CBS NPR AP AFP "
    "PTI ANI FBI CIA NHS".split()
)
_UNDOTTED_RE = re.compile(rf"{_UNDOTTED}[ ]")
_DIGIT_BEFORE = re.compile(r"\d[ \u00a0]?\Z")


def _undotted_initials_ok(text: str, a: int, b: int, lex: Lexicon) -> bool:
    """Whether the capitals ``text[a:b]`` read as a person's initials ("AM", "A M", "S"): not
    the word "A" or "I", a country ("US", "UK"), a title ("CEO", "PM"), a common acronym, or the
    "AM" / "PM" of a clock time ("10 AM")."""
    initials = text[a:b]
    joined = initials.replace(" ", "")
    return not (
        initials in ("A", "I")
        or joined in _NOT_INITIALS
        or joined in lex.title_words
        or country_key(joined) is not None
        or (joined in ("AM", "PM") and _DIGIT_BEFORE.search(text, max(0, a - 3), a))
    )


def _clean_name(text: str, a: int, b: int, lex: Lexicon) -> tuple[int, int] | None:
    """``clean_name`` that keeps a surname's leading particles ("de la Fuente"): the words after
    them are cleaned, and the particles stay only when the cleaned name starts right there.
    Undotted initials ("AM Venkatesan") stay when they read as initials and the cleaned name
    starts right after them; otherwise they are dropped."""
    u = _UNDOTTED_RE.match(text, a, b)
    if u is not None and u.end() < b and (a == 0 or not text[a - 1].isalnum()):
        rest = _clean_name(text, u.end(), b, lex)
        if rest is not None and rest[0] == u.end() and _undotted_initials_ok(
                text, a, u.end() - 1, lex):
            return a, rest[1]
        return rest
    m = _LEADING_PARTICLES.match(text, a, b)
    if m is None or m.end() >= b:
        return clean_name(text, a, b, lex)
    rest = clean_name(text, m.end(), b, lex)
    if rest is None or rest[0] != m.end():
        return None
    return a, rest[1]


def _org_token_ok(tok: str) -> bool:
    if tok in _CONNECTORS:
        return True
    core = tok[:-2] if tok.endswith(("'s", "’s")) else tok
    if tok in _NOT_ORG or core in MONTHS or core in WEEKDAYS:
        return False  # "Friday's" names a day, not the title's organisation
    if not _ORGTOK_RE.fullmatch(core) or not any(ch.isalpha() for ch in core):
        return False  # a date or figure ("2023-09-09 Moroccan King") names no organisation
    if core.endswith(".") and not _ABBREV_TOKEN.fullmatch(core):
        return False  # "Washington." ends a sentence
    return True


_STATUS_PREFIX = re.compile(r"(?i)(?:ex|then|former)-(?=\w)")


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
            if toks and tok[:1].isupper() and tok.isalpha() and place_name(
                    " ".join([tok] + [text[a:b] for a, b in toks[:3]])):
                toks.insert(0, (k, j))  # "New" of "New York State governor": a place's word
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
    status = _STATUS_PREFIX.match(text, a, b)
    if status:
        a = status.end()  # "Ex-NJ Senator": the status is the title's, the state the org
    if a >= b:
        return None
    if len(toks) == 1 and re.sub(r"['’]s\Z", "", text[a:b]).lower() in _GENERIC_ORGS:
        return None
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
    """Whether an of-part names a portfolio ("of Health and Human Services", "for Digital
    Affairs"), not an organisation: a department word, and no capitalised word before the
    first one ("of Brannholt Energy" is a company, its last word notwithstanding)."""
    toks = _ALPHA_RE.findall(words)
    first = next((i for i, t in enumerate(toks) if t.capitalize() in DEPARTMENT_WORDS), None)
    if first is None:
        return False
    return not any(t[0].isupper() and t.lower() not in _PORTFOLIO_LEAD for t in toks[:first])


# Words that may open a portfolio before its department word ("of National Security", "for
# Foreign and Commonwealth Affairs", "of Small Business").
_PORTFOLIO_LEAD = frozenset(
    """the national public social home urban rural small higher primary secondary general
    internal external foreign european federal regional local international strategic
    corporate global legal financial economic civil military naval veterans computer political
    mechanical electrical chemical environmental earth life""".split()
)


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
    status: str | None = None,
) -> ClaimDraft:
    ns, ne = name
    name_text = text[ns:ne]
    spans = [SpanRef(ns, ne, "person"), SpanRef(title[0], title[1], "title")]
    if org_span is not None:
        spans.append(SpanRef(org_span[0], org_span[1], "org"))
    value: PersonValue = {
        "name": " ".join(name_text.split()),
        "title": title_text,
        "org": org_value,
        "tokens": name_text.split(),
    }
    if status:
        value["status"] = status
    return ClaimDraft(
        kind="person",
        predicate="role_holder",
        subject=f"{title_text.lower()}|{(org_value or '').lower()}".replace("’", "'"),
        value=value,
        spans=spans,
        extractor=NAME,
        version=VERSION,
    )


def _split_name_from_of(
    text: str, lex: Lexicon, of_span: tuple[int, int], name_span: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int], bool] | None:
    """Move organisation/portfolio words that the lazy of-part left in front of the name
    ("of Keio | University Kohei Itoh" -> "of Keio University | Kohei Itoh"). The flag tells
    whether a word marked where the organisation ends (an org suffix, a department word).

    Without such a word, a name keeps two words (plus initials and particles) and the words
    before them go to the organisation ("of Kestrel | Metals Tomasz Brenner" -> "of Kestrel
    Metals | Tomasz Brenner")."""
    toks = [m.span() for m in TOKEN_RE.finditer(text, name_span[0], name_span[1])]
    cut = -1
    for i, (a, b) in enumerate(toks):
        w = text[a:b]
        if w.rstrip(".").lower() in lex.org_suffixes or w in DEPARTMENT_WORDS:
            cut = i
    if cut < 0:
        core = [
            i
            for i, (a, b) in enumerate(toks)
            if text[b - 1] != "." and not _PARTICLE_RE.fullmatch(text, a, b)
        ]
        if len(core) <= 2:
            return of_span, name_span, False
        cut = core[-3]
        return (of_span[0], toks[cut][1]), (toks[cut + 1][0], name_span[1]), False
    if cut == len(toks) - 1:
        return None
    return (of_span[0], toks[cut][1]), (toks[cut + 1][0], name_span[1]), True


_NAME_WORD_RE = re.compile(rf"{_NAME_TOKEN}|{NAME_PARTICLE}")


def _comma_name(
    text: str, lex: Lexicon, of_span: tuple[int, int], name_span: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "Minister for Health, Karin Veldhuis": the lazy of-part ran over the comma and took the
    given name ("Health, Karin" + "Veldhuis"). When the words after the of-part's last comma
    are name words only (no department word, organisation suffix, acronym or place), they
    begin the name: ("Health", "Karin Veldhuis")."""
    of_a, of_b = of_span
    k = text.rfind(",", of_a, of_b)
    if k <= of_a:
        return None
    seg = [t.span() for t in TOKEN_RE.finditer(text, k + 1, of_b)]
    if not seg:
        return None
    words = [text[a:b] for a, b in seg]
    if not re.fullmatch(_NAME_TOKEN, words[0]) or words[0].endswith("."):
        return None
    for w in words:
        if (
            not _NAME_WORD_RE.fullmatch(w)
            or w in DEPARTMENT_WORDS
            or w.lower() in lex.org_suffixes
            or w in _NOT_ORG
            or w in lex.title_words
        ):
            return None
    seg_text = " ".join(words)
    if seg_text in lex.places or seg_text in COUNTRIES or seg_text in NATIONALITIES:
        return None
    core = [w for w in (*words, *text[name_span[0] : name_span[1]].split())
            if not _PARTICLE_RE.fullmatch(w)]
    if len(core) > 4:
        return None
    return (of_a, k), (seg[0][0], name_span[1])


def _of_org_evident(lex: Lexicon, of_text: str) -> bool:
    """Whether an of-part plainly ends where it does: a place ("Governor of Ohio"), an acronym
    ("Director of NASA"), an organisation suffix or a department word as its last word."""
    if of_text in lex.places or of_text in COUNTRIES or of_text in NATIONALITIES:
        return True
    last = of_text.split()[-1].rstrip(".,")
    return (
        last.lower() in lex.org_suffixes
        or last in DEPARTMENT_WORDS
        or (last.isupper() and len(last) > 1 and last.isalpha())
    )


def _titles_of(t1: tuple[int, int], m: re.Match[str]) -> list[tuple[int, int]]:
    out = [t1]
    if m.group("t2"):
        out.append(m.span("t2"))
    return out


def _extend_title_lower(text: str, lex: Lexicon, t: tuple[int, int], end: int) -> tuple[int, int]:
    """'minister of foreign affairs' written in lower case: take the portfolio into the title."""
    m = _LOWER_OF_DEPT.match(text, t[1], end)
    if m and m.group("dept")[:1].islower():
        # the leading department words: "director of planning, said" -> "director of planning"
        stop = -1
        for w in _ALPHA_RE.finditer(text, *m.span("dept")):
            if w.group().capitalize() in DEPARTMENT_WORDS:
                stop = w.end()
            elif w.group() != "and":
                break
        if stop > 0:
            return t[0], stop
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
    status = _status_before(text, titles[0][0], lex)
    if status is None and org_span is not None and org_span[1] <= titles[0][0]:
        status = _status_before(text, org_span[0], lex)  # "former Halden Clay chief executive"
    for (ta, tb), title_text in zip(titles, title_texts, strict=True):
        key = (name[0], name[1], title_text.lower())
        if key in seen or _SOUGHT_BEFORE.search(text, max(0, ta - 40), ta):
            continue  # "candidate for chancellor Olaf Scholz": a post sought, not held
        seen.add(key)
        claims.append(_claim(text, name, (ta, tb), title_text, org_span, org_value, status))


# Words right before a title that make it a post sought: "the candidate for chancellor",
# "the party's nominee for mayor", "his bid for president"
_SOUGHT_BEFORE = re.compile(
    r"(?i)\b(?:candidates?|nominees?|contenders?|hopefuls?|bid|race|run|running|campaign)"
    r"[ \t]+for[ \t]+(?:the[ \t]+)?(?:(?:post|office|job|position)[ \t]+of[ \t]+)?\Z")


# A word right before a title that says the role is no longer (or not yet) held: "the former
# director", "ex-CEO", "then-mayor", "the outgoing chair"; up to three words may stand between
# (a party, a place, an adjective: "former Democratic New Jersey Sen.", "the former powerful
# senator"), none a function word or a title's own word ("former aide to Senator X" is the
# aide's).
_STATUS_BEFORE = re.compile(
    r"(?<![\w-])(?P<s>[Ff]ormer|[Ee]x|[Tt]hen|[Oo]utgoing|[Ii]ncoming|[Ll]ate|[Ii]nterim|"
    r"[Aa]cting)(?:[ \t\u00a0]+|-)(?P<between>(?:[\w.\u2019'-]+[ \t\u00a0]+){0,3})\Z"
)


def _status_before(text: str, ta: int, lex: Lexicon) -> str | None:
    """"former", "outgoing", "incoming", "interim" or "acting" when written before the title
    (or as part of it: "Acting Mayor"); "ex-" is "former"; "then" is "then" (the title at the
    time told of), and so is "late" (held until death: "the late Queen")."""
    m = _STATUS_BEFORE.search(text, max(0, ta - 48), ta)
    if m and m.group("between") and not _status_reaches(m.group("between"), lex):
        m = None
    word = m.group("s").lower() if m else text[ta : ta + 12].split(" ")[0].lower()
    return {"former": "former", "ex": "former", "then": "then", "late": "then",
            "outgoing": "outgoing", "incoming": "incoming", "interim": "interim",
            "acting": "acting"}.get(word.rstrip("-"))


_FUNCTION_WORDS = frozenset("""of to for and or nor but the a an at in on with by from as than
    that which who whom whose his her their its our my your said says""".split())


def _status_reaches(between: str, lex: Lexicon) -> bool:
    """Whether a status word reaches over the words between it and a title: none a function
    word, a title word (the status is that title's) or a number."""
    for w in between.split():
        bare = w.strip(".").lower()
        if not bare or bare in _FUNCTION_WORDS or bare[0].isdigit() \
                or bare.capitalize() in lex.title_words:
            return False
    return True


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
    marked = False
    comma = bool(m.group("comma"))
    if m.group("of"):
        of_a, of_b = m.span("of")
        if text[of_a:of_b].startswith("the "):
            of_a += 4
        by_comma = _comma_name(text, lex, (of_a, of_b), raw_name)
        if by_comma is not None:
            # "the Minister for Health, Karin Veldhuis": the comma ends the portfolio
            (of_a, of_b), raw_name = by_comma
            marked = comma = True
        else:
            split = _split_name_from_of(text, lex, (of_a, of_b), raw_name)
            if split is None:
                return None
            (of_a, of_b), raw_name, marked = split
    name = _clean_name(text, *raw_name, lex)
    if name is None:
        return None
    name = headline_name(text, *name)
    if m.group("of"):
        of_a, of_b = _trim_org(text, of_a, of_b)
        of_text = text[of_a:of_b]
        if _has_org_suffix(lex, of_text) or not _is_dept(of_text):
            if not (marked or _of_org_evident(lex, of_text)) and _org_tail_not_name(
                text, lex, t1, name, start
            ):
                return None
            org_span, org_value = (of_a, of_b), _norm_org(of_text)
        else:
            texts[-1] = f"{texts[-1]} {m.group('ofkw')} {' '.join(of_text.split())}"
            titles[-1] = (titles[-1][0], of_b)
    before = _org_before(text, t1[0], start)
    if (
        comma
        and not (before and before[2])
        and not _POSS_WORD.search(text, max(start, t1[0] - 40), t1[0])
        and not _THE_BEFORE.search(text, max(start, (before or t1)[0] - 18), (before or t1)[0])
    ):
        return None  # "Org's title, Name", "the title, Name"; else "title, Name" is a list
    if before is not None and org_span is None:
        org_span = (before[0], before[1])
        org_value = _norm_org(text[before[0] : before[1]])
    return name, titles, texts, org_span, org_value


_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")
HEADLINE_CHARS = 300  # a longer line is no headline (and is not scanned per name)


@lru_cache(maxsize=4)
def _word_counts(text: str) -> Counter[str]:
    """How often each word occurs in a document (counted once per document: a name's words
    are looked up here, not searched for in the text)."""
    return Counter(_WORD_RE.findall(text))


def headline_name(text: str, a: int, b: int) -> tuple[int, int]:
    """A name read in a title-case headline runs into the next capitalised word ("Vice
    President Lindqvist Opens the Fair"): its last words are kept only up to the last one the
    document writes elsewhere too; a name none of whose words recurs is left as read. Lines
    longer than HEADLINE_CHARS are no headlines."""
    lo = text.rfind("\n", 0, a) + 1
    hi = text.find("\n", b)
    hi = len(text) if hi < 0 else hi
    if hi - lo > HEADLINE_CHARS:
        return a, b
    toks = list(_WORD_RE.finditer(text, a, b))
    line = _WORD_RE.findall(text, lo, hi)
    longer = [w for w in line if len(w) > 3]
    if len(toks) < 2 or len(longer) < 4 or \
            sum(w[0].isupper() for w in longer) < 0.8 * len(longer):
        return a, b
    here = Counter(line)
    everywhere = _word_counts(text)
    for k in range(len(toks) - 1, -1, -1):
        if everywhere[toks[k][0]] > here[toks[k][0]]:
            return a, toks[k].end()
    return a, b


def _appos_head(
    text: str, lex: Lexicon, ts: int, start: int
) -> tuple[re.Match[str], tuple[int, int]] | None:
    """ "Name, [the] [Org] " right before a title at ``ts``: the match and the cleaned name."""
    if text.rfind(",", max(start, ts - 60), ts) < 0:
        return None
    head = _APPOS_HEAD.search(text, max(start, ts - 120), ts)
    if not head:
        return None
    name = _clean_name(text, *head.span("name"), lex)
    if name is None or len(text[name[0] : name[1]].split()) < 2:
        return None
    return head, name


def _org_tail_not_name(
    text: str, lex: Lexicon, t1: tuple[int, int], name: tuple[int, int], start: int
) -> bool:
    """After "title of X", nothing marks where the organisation ends, so the "name" read after it
    may be the organisation's last words ("of Verdant | Cell Recovery", "of Kestrel | Metals").
    Read so when the name is one word, when the title is lower case (a title before a name is
    capitalised: "the chief executive of Verdant Cell Recovery said"), or when a name and comma
    come before the title ("Amara Osei, chief executive of Verdant Cell Recovery")."""
    if len(text[name[0] : name[1]].split()) < 2:
        return True
    if text[t1[0] : t1[1]][:1].islower():
        return True
    return _appos_head(text, lex, t1[0], start) is not None


def _appositive(
    text: str, lex: Lexicon, pats: _Patterns, t1: tuple[int, int], start: int, end: int
) -> (
    tuple[tuple[int, int], list[tuple[int, int]], list[str], tuple[int, int] | None, str | None]
    | None
):
    """Name, [the] [Org] title [and title] [of/at Org], with the title at ``t1``."""
    found = _appos_head(text, lex, t1[0], start)
    if found is None:
        return None
    head, name = found
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
            port = _PORTFOLIO_AFTER.match(text, m.end(), end)
            if port is None or port.group("last") not in DEPARTMENT_WORDS:
                return None  # "Name, CMU President Farnam Jahanian": the title is the next name's
            # "Name, Commissioner Harbour Safety, ...": the "of" left out before what the title
            # is for, which ends in a department word and then the phrase
            org_span, org_value = port.span("org"), _norm_org(port.group("org"))
        else:
            titles[-1] = _extend_title_lower(text, lex, titles[-1], end)
    if head.group("pre"):
        pa, pb = head.span("pre")
        pre_text = text[pa:pb]
        if any(w in STOP_WORDS for w in pre_text.split()):
            return None
        if org_span is None and pre_text.lower() not in _GENERIC_ORGS:
            org_span, org_value = (pa, pb), _norm_org(pre_text)
    texts = [_canon_title(lex, text[a:b]) for a, b in titles]
    return name, titles, texts, org_span, org_value


def _dept_before(text: str, ta: int, floor: int) -> int:
    """Start of a title with the department words written right before it: "planning director",
    "human resources director", "Health Minister". Lower-case words always belong to the title;
    capitalised ones only when no other capitalised word (an organisation's name: "Google
    Research Director") comes before them, unless that is a nationality, country or generic
    place noun ("Brazilian Health Minister", "City Planning Director")."""
    pos = ta
    words: list[str] = []
    while len(words) < 3:
        m = _WORD_BEFORE.search(text, max(floor, pos - 40), pos)
        if not m or m.group("w").capitalize() not in DEPARTMENT_WORDS:
            break
        words.append(m.group("w"))
        pos = m.start()
    if not words:
        return ta
    if any(w[:1].isupper() for w in words):
        m = _WORD_BEFORE.search(text, max(floor, pos - 40), pos)
        w = m.group("w") if m else ""
        if (
            w[:1].isupper()
            and w not in NATIONALITIES
            and w not in COUNTRIES
            and w.lower() not in _GENERIC_ORGS
            and w not in _NOT_ORG
        ):
            return ta
    return pos


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
        ta = _dept_before(text, ta, start)
        prev = text[max(start, ta - 16) : ta].split()
        if prev and prev[-1].lower().rstrip("-") in MODIFIER_WORDS:
            mods = MODIFIERS_BEFORE_RE.search(text, max(start, ta - 60), ta)
            if mods:
                ta = mods.start()
        pre = _pre_name(text, lex, pats, (ta, tb), start, end)
        app = _appositive(text, lex, pats, (ta, tb), start, end)
        if pre is not None and app is not None and app[3] is not None and \
                app[3][0] <= pre[0][0] and pre[0][1] == app[3][1] and \
                not text[tb : app[3][0]].strip():
            pre = None  # "Name, Commissioner Harbour Safety,": no name after the title
        if pre is not None and app is not None and app[3] is not None:
            # "Kaito Mori, Governor of Ohio Ann Walsh": the appositive's organisation would
            # swallow the pre-name reading's name; the pre-name reading passed its checks,
            # unless the title is lower case ("Leonardo da Silva, mayor of Porto Alegre": a
            # title written before a name is capitalised)
            if app[3][0] < pre[0][1] and pre[0][0] < app[3][1]:
                if text[ta:tb][:1].islower():
                    pre = None
                else:
                    app = None
        for found in (pre, app):
            if found is not None:
                name, titles, texts, org_span, org_value = found
                _emit(claims, seen, text, lex, name, titles, texts, org_span, org_value)
                done = max(done, titles[-1][1])
    claims.sort(key=lambda c: (c.spans[0].start, c.spans[1].start))
    for c in claims:
        if ctx.zone_kind == "quote" or inside_quotation(text, c.spans[1].start):
            # a title in someone's words is the title when they spoke: role-conflict does not
            # weigh its status against the writer's
            c.value = {**c.value, "quoted": True}
    yield from claims


def speaker_at(ctx: Context, pos: int, end: int) -> tuple[int, int] | None:
    """The person named at ``pos`` with an optional "[org] title" in front ("U.S. Secretary of
    Commerce Gina Raimondo" -> the span of "Gina Raimondo"; "Jahanian" -> itself)."""
    text = ctx.text
    lex = lexicon(ctx.vocab)
    speaker_re = _patterns(lex).speaker
    m = speaker_re.match(text, pos, end)
    if m:
        span = _clean_name(text, *m.span("name"), lex)
        if span is not None:
            return span
    m2 = _NAME_ONLY.match(text, pos, end)
    if m2:
        # "Epic Games' Tim Sweeney", "Acme's chief executive Ann Lee": the name that follows
        # the possessive is the speaker; the owner (a company, an employer) is not
        owned = _POSSESSIVE.match(text, m2.end(), end)
        if owned is not None:
            sp = speaker_at(ctx, owned.end(), end)
            if sp is not None:
                return sp
        # "said Rovers manager Dana Kwell": an employer, a lower-case job word the vocabulary
        # need not know, then a full name: that name is the speaker, not the employer
        job = _LOWER_JOB.match(text, m2.end(), end)
        if job is not None:
            named = _NAME_ONLY.match(text, job.end(), end)
            if named is not None and len(named.group().split()) >= 2:
                span = _clean_name(text, *named.span(), lex)
                if span is not None:
                    return span
        return _clean_name(text, *m2.span(), lex)
    return None


_NAME_ONLY = re.compile(NAME_PATTERN)
_LOWER_JOB = re.compile(
    r"[ \t\u00a0]+(?:(?!(?:the|a|an|in|on|at|to|for|of|that|this|with|by|from|and|or|but|as|"
    r"it|its|their|his|her|our|when|while|after|before|during|also|later|then|who|which|said|"
    r"says|told|added|last|next)[ \t\u00a0])[a-z][a-z-]+[ \t\u00a0]+){1,2}(?=[A-Z])")
_POSSESSIVE = re.compile(rf"['’]s?{WS}(?=[A-Za-z])")
