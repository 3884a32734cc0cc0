"""Name normalisation and the classification of two spellings of one entity. Pure functions.

The kinds, from harmless to suspicious: ``same``, ``case`` (only letter case or punctuation
differ: "Softbank"/"SoftBank"), ``order`` (same tokens: "Kishida Fumio"/"Fumio Kishida"),
``partial`` (one is a subset: "Kishida"/"Fumio Kishida"), ``alias`` (a declared or defined
acronym: "CMU"), ``country`` (one country written two ways: "U.K."/"United Kingdom"/"Britain",
also inside a longer name: "U.S. Department of Commerce"/"United States Department of
Commerce"), ``legal`` (an organisation with and without its legal form: "Acme Inc."/"Acme"),
``regional`` (an organisation or place written in British and in American spelling:
"Kennedy Space Centre"/"Kennedy Space Center", "Ministry of Defence"/"Ministry of Defense":
one name, not a misspelling; the word pairs come from breame's table of British and American
spellings; of people's names only the "-re"/"-our" words, which are a venue read as a person
("Dolby Theatre"/"Dolby Theater"): "Grey" and "Gray" are two surnames),
``romanised`` (a person's name with the Arabic article written two ways: "Abdel Fattah
al-Sisi"/"Abdel Fattah el-Sisi"; a Russian given name's final short i written y, i or j, or
its "ks" written x: "Alexey"/"Alexei"/"Aleksej": a romanisation, no misspelling),
``given`` (a person's given name with a final vowel added: "Paul Lanther"/"Paula Lanther",
a misspelling as often as a relative, who shares the surname), ``spelling`` (a token one or two
edits away: "Kishido"/"Kishida"; swapping two adjacent letters is one edit: "Feunte"/"Fuente").

Tokens are compared folded: accents dropped and letters without a decomposition transliterated
(æ -> ae, ø -> o, ß -> ss, ł -> l, ...), so "Soren Kjaergaard" and "Søren Kjærgaard" have the
same tokens and differ only in ``case``; so do the German and Scandinavian spellings of umlauts
and å ("Müller"/"Mueller", "Kjærgård"/"Kjaergaard"). Lower-case surname particles ("de la",
"van der") are tokens of their own; :func:`surname_only` tells a bare surname with its particles
("de la Fuente") from a full name.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz.distance import OSA, JaroWinkler

from audit.resolve.countries import countries_in, country_key, demonym, strip_legal
from audit.text import deaccent, fold

HONORIFICS = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord lady rev reverend hon honorable "
    "the mx".split()
)
# Surname particles, as tokens (case-folded): "de la Fuente", "Van der Berg", "dos Santos".
PARTICLES = frozenset(
    "de del della delle dei degli di da das dos du des van vom von der den ten ter zu la le las "
    "los bin bint ibn al el y o".split()
)
ORG_STOP = frozenset("the inc inc. corp corp. co co. ltd ltd. llc plc ag gmbh sa".split())
_POSSESSIVE = re.compile(r"(?:'s|')$")
_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=200_000)
def clean_surface(surface: str) -> str:
    """The spelling as written, without a possessive ending or stray whitespace."""
    s = _SPACES.sub(" ", fold(surface)).strip()
    return _POSSESSIVE.sub("", s).strip()


# Letters that NFKD does not decompose, written the way English text transliterates them.
_TRANSLIT = str.maketrans({
    "æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ħ": "h", "ŧ": "t", "ŀ": "l", "ĸ": "k", "ŋ": "n", "ſ": "s",
})
# The other common transliteration of German umlauts and Scandinavian å/ø: ü -> ue, å -> aa.
_TRANSLIT_LONG = str.maketrans({
    "ä": "ae", "ö": "oe", "ü": "ue", "å": "aa", "ø": "oe",
})


def _strip_accents(s: str, long: bool = False) -> str:
    """Case-folded, without accents, transliterated: "Søren Kjærgaard" -> "soren kjaergaard"
    ("soeren kjaergaard" with ``long``: the "ue"/"aa" spelling of ü, å and ø)."""
    s = s.casefold()
    if long:
        s = unicodedata.normalize("NFC", s).translate(_TRANSLIT_LONG)
    return deaccent(s).translate(_TRANSLIT)


def _tokens(surface: str, etype: str, long: bool) -> tuple[str, ...]:
    s = _strip_accents(clean_surface(surface), long)
    s = _NON_WORD.sub(" ", s.replace(".", ""))
    toks = [t for t in s.split() if t]
    if etype == "person" and len(toks) >= 3 and _leading_demonym(surface):
        toks = toks[1:]  # "Jamaican Kishane Thompson": a nationality, not a given name
    stop = HONORIFICS if etype == "person" else ORG_STOP if etype == "org" else frozenset()
    kept = tuple(t for t in toks if t not in stop) or tuple(toks)
    if etype == "person":
        kept = _joined_initials(kept)
    if etype == "org":
        kept = strip_legal(kept)
    if etype != "person":
        kept = countries_in(kept, surface)
    return kept


def _leading_demonym(surface: str) -> bool:
    """Whether a name as written opens with a nationality adjective ("Jamaican ...")."""
    words = surface.split()
    return bool(words) and demonym(words[0])


def _joined_initials(toks: tuple[str, ...]) -> tuple[str, ...]:
    """A person's initials written apart are one token, as written together or dotted: "A M
    Venkatesan", "AM Venkatesan" and "A.M. Venkatesan" all give ("am", "venkatesan")."""
    out: list[str] = []
    run = False  # the last token out is a run of single letters
    for t in toks:
        if len(t) == 1 and t.isalpha() and run and out:
            out[-1] += t
        else:
            out.append(t)
            run = len(t) == 1 and t.isalpha()
    return tuple(out)


@functools.lru_cache(maxsize=200_000)
def plain_tokens(surface: str) -> tuple[str, ...]:
    """Folded tokens as written: no honorific, legal form or country spelling taken out."""
    s = _strip_accents(clean_surface(surface))
    return tuple(t for t in _NON_WORD.sub(" ", s.replace(".", "")).split() if t)


@functools.lru_cache(maxsize=200_000)
def tokens(surface: str, etype: str = "person") -> tuple[str, ...]:
    """Case-folded, accent-folded tokens, honorifics (people) or legal suffixes (organisations)
    dropped."""
    return _tokens(surface, etype, False)


@functools.lru_cache(maxsize=200_000)
def long_tokens(surface: str, etype: str = "person") -> tuple[str, ...]:
    """:func:`tokens` with ü, ä, ö, å and ø spelt ue, ae, oe, aa, oe ("Müller" -> "mueller"),
    so that both transliterations of a name meet."""
    return _tokens(surface, etype, True)


# An umlaut's "e" spelling ("juergen", from "Jürgen") where the bare letter ("jurgen") is the
# other way English text writes it: the e counts only before a later vowel of the word, so a
# dropped ending letter ("samuel" / "samul", "rafael" / "rafal") stays a misspelling.
_UMLAUT_E = re.compile(r"([aou])e(?=[^\W\d_aeiouy]+[aeiouy])")


def bare_umlauts(toks: tuple[str, ...]) -> tuple[str, ...]:
    """Folded tokens with an umlaut's e dropped: ("juergen", "klopp") -> ("jurgen", "klopp"),
    so that all three spellings of "Jürgen" (with its dots, with e, bare) meet."""
    return tuple(_UMLAUT_E.sub(r"\1", t) for t in toks)


def surname_only(toks: tuple[str, ...]) -> bool:
    """One surname, possibly with its particles: ("fuente",), ("de", "la", "fuente")."""
    return bool(toks) and toks[-1] not in PARTICLES and all(t in PARTICLES for t in toks[:-1])


def acronym(surface: str) -> str:
    """Initials of the capitalised words: "Carnegie Mellon University" -> "CMU"."""
    words = [w for w in re.split(r"[\s-]+", clean_surface(surface)) if w]
    return "".join(w[0] for w in words if w[0].isupper())


_DIGITS = re.compile(r"\d+")


def near_token(a: str, b: str) -> bool:
    """Two tokens one or two edits apart (an adjacent swap is one) that are plausibly the same
    word misspelt."""
    if a == b or min(len(a), len(b)) < 4 or a[0] != b[0] and a[-1] != b[-1]:
        return False
    if len(a) != len(b) and (a.endswith(b) or b.endswith(a)):
        return False  # a prefix is a short form, not a typo: "UChicago" / "Chicago"
    if _DIGITS.sub("", a) == _DIGITS.sub("", b):
        return False  # only a number differs: two of a series ("COP27" / "COP28"), no typo
    dist = OSA.distance(a, b)  # a swap of two adjacent letters is one edit
    if dist == 1:
        return min(len(a), len(b)) >= 5 or JaroWinkler.similarity(a, b) >= 0.85
    return dist == 2 and min(len(a), len(b)) >= 7 and JaroWinkler.similarity(a, b) >= 0.85


def spelling_pair(ta: tuple[str, ...], tb: tuple[str, ...]) -> tuple[str, str] | None:
    """The differing token pair if ``ta`` and ``tb`` agree but for one misspelt token."""
    sa, sb = set(ta), set(tb)
    da, db = sa - sb, sb - sa
    if len(da) != 1 or len(db) != 1:
        return None
    a, b = next(iter(da)), next(iter(db))
    return (a, b) if near_token(a, b) else None


@functools.cache
def _american() -> dict[str, str]:
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

    return dict(BRITISH_ENGLISH_SPELLINGS)


def american(toks: tuple[str, ...], venues_only: bool = False) -> tuple[str, ...]:
    """Folded tokens with British spellings written the American way ("centre" -> "center",
    "defence" -> "defense", "programme" -> "program", "organisation" -> "organization").
    ``venues_only``: only the "-re"/"-our" words ("theatre", "centre", "harbour"), for a
    person's name: a place read as a person keeps them, while other words of the table are
    surnames too ("Grey" is no "Gray")."""
    table = _american()
    if venues_only:
        return tuple(table.get(t, t) if t.endswith(("re", "our")) else t for t in toks)
    return tuple(table[t] if t in table else _ISE.sub(r"\1z\2", t) for t in toks)


# The -ise/-yse endings the table lacks ("civilisation", "prioritised"): written -ize/-yze.
# Folding both sides only ever joins a word with its other spelling (no two English words of
# six letters or more differ by that s alone).
_ISE = re.compile(r"(?<=\w{3})([iy])s(e|ed|es|ing|ation|ations|er|ers)$")


# Romanisations of one Cyrillic given name: the final "й" after a vowel written y, i or j
# ("Alexey", "Alexei", "Aleksej"), and "кс" written ks or x ("Aleksey", "Alexey").
_FINAL_SHORT_I = re.compile(r"(?<=[aeo])[yij]$")
# the "-sky" ending of an Eastern Slavic surname as romanisations write it ("Zelenskyy",
# "Zelenskiy", "Zelensky"); not "-ski", a Polish surname's own ending
_SKY_ENDING = re.compile(r"sk(?:yy|iy|yi|ij)$")


def cyrillic_forms(toks: tuple[str, ...]) -> tuple[str, ...]:
    """Folded tokens with the letters Russian given names are romanised with in several ways
    written one way: ("alexey", "navalny") and ("aleksei", "navalny") -> ("alexei",
    "navalny"). The given name of a full name only: a surname so written is as often another
    language's ("Taddey" for the Italian "Taddei": a misspelling), and a vowel changed inside
    a name is no romanisation; of a surname only the "-sky" ending ("Zelenskyy", "Zelenskiy")."""
    if len(toks) < 2:
        return toks
    return (_FINAL_SHORT_I.sub("i", toks[0].replace("ks", "x")),
            *(_SKY_ENDING.sub("sky", t) for t in toks[1:]))


def hyphens_apart(toks: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens with hyphenated ones split: ("jean-jacques", "purusi") -> ("jean", "jacques",
    "purusi"); a hyphen inside a person's name is a style writers differ on."""
    if not any("-" in t for t in toks):
        return toks
    return tuple(p for t in toks for p in t.split("-") if p)


# The Arabic definite article as romanisations write it before a name ("al-Sisi", "el-Sisi",
# "ul-Haq"): one word spelt as each outlet's house style has it.
_ARABIC_ARTICLES = frozenset({"al", "el", "ul"})
# Tokens that mark a name as romanised from Arabic: the article, "Abdel"/"Abdul" (servant of),
# "Abu" (father of), "bin"/"ibn"/"bint" (son or daughter of).
ARABIC_MARKERS = _ARABIC_ARTICLES | frozenset({"abd", "abdel", "abdul", "abdal", "abu", "bin",
                                               "ibn", "bint"})


def arabic_article(toks: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens with the Arabic article before a name written one way: ("abdel", "fattah", "el",
    "sisi") -> ("abdel", "fattah", "al", "sisi")."""
    return tuple("al" if t in _ARABIC_ARTICLES and k < len(toks) - 1 else t
                 for k, t in enumerate(toks))


def classify(a: str, b: str, etype: str = "person", aliases: frozenset = frozenset()) -> str:
    """How spelling ``b`` differs from spelling ``a`` of the same entity."""
    if a == b:
        return "same"
    ca, cb = clean_surface(a), clean_surface(b)
    if ca == cb:
        return "same"
    if etype != "person" and country_key(ca) is not None and country_key(ca) == country_key(cb):
        return "country"
    ta, tb = tokens(a, etype), tokens(b, etype)
    if etype == "person":
        ta, tb = hyphens_apart(ta), hyphens_apart(tb)  # "Jean-Jacques" / "Jean Jacques"
        if ta != tb and arabic_article(ta) == arabic_article(tb):
            return "romanised"  # "al-Sisi" / "el-Sisi": the article romanised two ways
        if ta != tb and cyrillic_forms(ta) == cyrillic_forms(tb):
            return "romanised"  # "Alexey" / "Alexei" / "Aleksej": one Russian name
        if ta != tb and american(ta, venues_only=True) == american(tb, venues_only=True):
            return "regional"  # "Dolby Theatre" / "Dolby Theater", read as a person's name
    if ta != tb and (long_tokens(a, etype) == long_tokens(b, etype)
                     or bare_umlauts(ta) == bare_umlauts(tb)):
        ta = tb  # "Müller"/"Mueller"/"Muller": one name transliterated two ways
    if ta != tb and etype != "person":
        ta, tb = american(ta), american(tb)
        if ta == tb:
            return "regional"  # "Space Centre"/"Space Center": one name in two spellings
    if ta == tb:
        if etype != "person" and plain_tokens(ca) != plain_tokens(cb):
            stripped = [tuple(t for t in plain_tokens(x) if t != "the") for x in (ca, cb)]
            if etype == "org" and strip_legal(stripped[0]) != stripped[0] or \
                    etype == "org" and strip_legal(stripped[1]) != stripped[1]:
                return "legal"
            if any(t.startswith("@") for t in ta):
                return "country"
        # a headline or dateline in capitals ("WASHINGTON") is typography, not a variant
        return "same" if ca.isupper() or cb.isupper() else "case"
    if "".join(ta) == "".join(tb) and any(c.isdigit() for c in "".join(ta)):
        return "spacing"  # a model's designation, "A321 XLR" / "A321XLR" (not "Ocean Gate")
    if sorted(ta) == sorted(tb):
        return "order"
    if (ca, cb) in aliases or (cb, ca) in aliases:
        return "alias"
    if etype != "person" and (acronym(ca) == cb.replace(".", "")
                              or acronym(cb) == ca.replace(".", "")):
        return "alias"  # "ECB", or "E.C.B." as some papers write it
    if set(ta) < set(tb) or set(tb) < set(ta):
        return "partial"
    if len(ta) == len(tb) and all(x == y or _cut_short(x, y) for x, y in zip(ta, tb, strict=True)):
        return "abbreviated"  # "Man United" / "Manchester United", "Univ." / "University"
    if etype == "person" and _given_ending(ta, tb):
        return "given"
    return "spelling"


def _cut_short(x: str, y: str) -> bool:
    """Whether one token is the other cut short by two letters or more ("man" /
    "manchester"): an abbreviation, never a typo."""
    short, long = sorted((x.rstrip("."), y.rstrip(".")), key=len)
    return len(short) >= 2 and len(long) >= len(short) + 2 and long.startswith(short)


def _given_ending(ta: tuple[str, ...], tb: tuple[str, ...]) -> bool:
    """Two full names of one surname whose given names differ by a final vowel ("Paul" /
    "Paula", "Sam" / "Same"): a misspelling or a relative, who shares the surname."""
    if len(ta) != len(tb) or len(ta) < 2 or ta[1:] != tb[1:] or ta[0] == tb[0]:
        return False
    short, long = sorted((ta[0], tb[0]), key=len)
    return long[:-1] == short and long[-1] in "aeiouy"
