"""Countries and organisation legal forms: spellings that name the same thing. Pure functions.

A country is written many ways in the press: "United Kingdom", "U.K.", "UK", "Britain",
"British"; "United States", "U.S.", "America", "American". These are one entity, never a
misspelling of each other, and two different countries ("Austria", "Australia") are never one
entity however close their letters. The names come from pycountry (ISO 3166: short, official and
common names, shipped with the package: nothing is downloaded), the demonyms from the extractors'
nationality table, and a short built-in list adds the press forms ISO lacks.

Organisation legal forms ("Inc.", "Corp.", "Ltd", "LLC", "plc", "GmbH" ...) at the end of a name
are variants of one name ("Acme Inc." / "Acme"), not misspellings.
"""

from __future__ import annotations

import functools
import re

from audit.text import deaccent

# Press forms ISO 3166 does not list, mapped to an ISO alpha-3 code (or "EU").
PRESS_FORMS: dict[str, str] = {
    "us": "USA", "usa": "USA", "america": "USA", "united states of america": "USA",
    "the states": "USA",
    "uk": "GBR", "britain": "GBR", "great britain": "GBR", "gb": "GBR",
    "uae": "ARE", "emirates": "ARE",
    "russia": "RUS", "south korea": "KOR", "republic of korea": "KOR", "rok": "KOR",
    "north korea": "PRK", "dprk": "PRK", "prc": "CHN", "mainland china": "CHN",
    "czech republic": "CZE", "turkey": "TUR", "turkiye": "TUR", "holland": "NLD",
    "the netherlands": "NLD", "ivory coast": "CIV", "burma": "MMR", "swaziland": "SWZ",
    "macedonia": "MKD", "cape verde": "CPV", "east timor": "TLS", "vatican": "VAT",
    "vatican city": "VAT", "drc": "COD", "dr congo": "COD",
    "democratic republic of the congo": "COD", "republic of congo": "COG",
    "eu": "EU", "european union": "EU", "kosovo": "XKX", "palestine": "PSE",
}
# Abbreviations are country forms only when written in capitals ("US", "U.S."), never "us".
_ABBREVIATIONS = frozenset({"us", "usa", "uk", "gb", "uae", "rok", "dprk", "prc", "drc", "eu"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])\Z")


def _norm(s: str) -> str:
    s = deaccent(s.casefold())
    s = s.replace(".", "").replace("’", "'")
    s = re.sub(r"[^\w' -]+", " ", s)
    return " ".join(s.split())


def _iso_names(country: object) -> list[str]:
    """A pycountry country's names: short, official and common, those it has."""
    return [n for n in (getattr(country, "name", None), getattr(country, "official_name", None),
                        getattr(country, "common_name", None)) if n]


@functools.cache
def _table() -> dict[str, str]:
    """Normalised spelling -> country code."""
    import pycountry

    from audit.extract.vocab import NATIONALITIES

    direct: dict[str, str] = {}
    derived: dict[str, set[str]] = {}
    for c in pycountry.countries:
        for n in _iso_names(c):
            direct.setdefault(_norm(n), c.alpha_3)
            if n.lower().startswith("the "):
                direct.setdefault(_norm(n[4:]), c.alpha_3)
            if ", " in n:  # "Iran, Islamic Republic of" -> "Iran" (unless ambiguous: Korea)
                derived.setdefault(_norm(n.split(", ")[0]), set()).add(c.alpha_3)
    table = dict(direct)
    for k, codes in derived.items():
        if k not in table and len(codes) == 1:
            table[k] = next(iter(codes))
    for k, code in PRESS_FORMS.items():
        table[k] = code
    for demonym, country in NATIONALITIES.items():
        country_code = table.get(_norm(country))
        if country_code is not None:
            table.setdefault(_norm(demonym), country_code)
    # the regular demonyms the table lacks ("Nepal" -> "Nepali", "Nepalese"; "Kenya" ->
    # "Kenyan"), kept only where one country makes them
    made: dict[str, set[str]] = {}
    for c in pycountry.countries:
        name = _norm(getattr(c, "common_name", None) or c.name)
        if not name.replace(" ", "").isalpha():  # "saudi arabia" -> "saudi arabian" too
            continue
        forms = {name + "i", name + "ese", name + "ian"}
        forms.add(name + "n" if name.endswith(("a", "o")) else name + "an")
        for form in forms:
            made.setdefault(form, set()).add(c.alpha_3)
    for form, codes in made.items():
        if form not in table and len(codes) == 1:
            table[form] = next(iter(codes))
    return table


@functools.cache
def _demonyms() -> frozenset[str]:
    """Normalised nationality adjectives: the nationality table's words that are not a
    country's name ("jamaican", "british"; not "jordan", "chad"), and the regular forms made
    from ISO names that one country makes."""
    import pycountry

    from audit.extract.vocab import NATIONALITIES

    names = set(PRESS_FORMS) | set(_ABBREVIATIONS)
    for c in pycountry.countries:
        names.update(_norm(n) for n in _iso_names(c))
    out = {_norm(d) for d in NATIONALITIES} - names
    out |= {k for k in _table() if k not in names and " " not in k}
    return frozenset(out)


@functools.lru_cache(maxsize=100_000)
def demonym(word: str) -> bool:
    """Whether a capitalised word is a nationality adjective ("Jamaican", "Kenyan"), which
    before a person's name describes them ("Jamaican Kishane Thompson") and is not a name
    (a country's name may be a given name: "Jordan", "Chad")."""
    return word[:1].isupper() and _norm(word) in _demonyms()


@functools.cache
def _translated() -> frozenset[str]:
    """Normalised names of countries in the languages pycountry ships translations for
    ("arabia saudita", "deutschland", "etela-afrikka"): a page in another language names a
    country so, and the words are no person's name."""
    import gettext
    import os

    import pycountry

    english = [n for c in pycountry.countries for n in _iso_names(c)]
    out: set[str] = set()
    for lang in sorted(os.listdir(pycountry.LOCALES_DIR)):
        try:
            table = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
        out.update(_norm(table.gettext(n)) for n in english)
    return frozenset(out)


@functools.lru_cache(maxsize=100_000)
def names_a_country(surface: str) -> bool:
    """Whether a capitalised run names a country or its people, in English or in a language
    pycountry translates country names into: "Sri Lankan", "Sri Lankans", "Saudis",
    "Arabia Saudită". Such a run is no person's name however it is placed. One word is only
    a nationality's plural ("Saudis"): a country's one-word name may be a surname ("Holland",
    "Jordan", "Chad")."""
    s = " ".join(surface.split())
    if " " not in s:
        return s.endswith("s") and demonym(s[:-1])
    if country_key(s) is not None or s.endswith("s") and country_key(s[:-1]) is not None:
        return True
    return s[:1].isupper() and _norm(s) in _translated()


@functools.lru_cache(maxsize=100_000)
def country_key(surface: str) -> str | None:
    """The country (ISO alpha-3, or "EU") a whole surface names, else None: "the U.K.",
    "Britain's", "British" -> "GBR". Abbreviations count only in capitals."""
    s = " ".join(surface.split())
    s = _POSSESSIVE.sub("", s)
    if s.lower().startswith("the "):
        s = s[4:]
    if not s or not s[0].isupper():
        return None
    key = _norm(s)
    if key in _ABBREVIATIONS and not s.replace(".", "").isupper():
        return None
    return _table().get(key)


@functools.cache
def country_name(code: str) -> str:
    """A country's common name, lower case, for a code ``country_key`` gives ("NPL" ->
    "nepal"; "EU" -> "eu")."""
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return code.lower()
    return _norm(getattr(c, "common_name", None) or c.name)


# Legal forms at the end of an organisation's name (case-folded, without dots).
LEGAL_FORMS = frozenset(
    """inc incorporated corp corporation co ltd limited llc llp lp plc ag gmbh sa sas sarl
    nv bv spa srl ab asa oy kk pty pte bhd se""".split()
)


def strip_legal(toks: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens without the legal forms that end them ("acme", "holdings", "co", "ltd" ->
    "acme", "holdings"); a name that is only legal forms is kept."""
    end = len(toks)
    while end > 1 and toks[end - 1] in LEGAL_FORMS:
        end -= 1
    return toks[:end]


def countries_in(toks: tuple[str, ...], surface: str) -> tuple[str, ...]:
    """Tokens with each ISO country name or capitalised abbreviation inside a longer name
    replaced by one token for the country ("U.S. Department of Commerce" and "United States
    Department of Commerce" -> "@usa department of commerce"). Demonyms and nicknames are left:
    "American Airlines" is not "United States Airlines", nor "Bank of America" another bank."""
    if len(toks) < 2:
        return toks
    caps = {_norm(w) for w in surface.split() if w.replace(".", "").isupper()}
    inner = _inner()
    out: list[str] = []
    i = 0
    while i < len(toks):
        for n in (4, 3, 2, 1):
            if i + n > len(toks) or n == len(toks):
                continue
            phrase = " ".join(toks[i : i + n])
            code = inner.get(phrase)
            if code is None or (phrase in _ABBREVIATIONS and phrase not in caps):
                continue
            out.append("@" + code.lower())
            i += n
            break
        else:
            out.append(toks[i])
            i += 1
    return tuple(out)


@functools.cache
def _inner() -> dict[str, str]:
    """Country spellings replaced inside longer names: ISO names and the abbreviations."""
    import pycountry

    out = {k: PRESS_FORMS[k] for k in _ABBREVIATIONS}
    out["united states of america"] = "USA"
    for c in pycountry.countries:
        for n in _iso_names(c):
            if ", " not in n:
                out.setdefault(_norm(n), c.alpha_3)
    return out


@functools.cache
def _places() -> frozenset[str]:
    """Normalised names of countries and their first-level subdivisions (pycountry: "new
    york", "new south wales", "north rhine-westphalia")."""
    import pycountry

    names = set(_table())
    for s in pycountry.subdivisions:
        names.add(_norm(s.name))
    return frozenset(names)


def place_name(words: str) -> bool:
    """Whether ``words`` open with the name of a country or a state, province or region in two
    or more words ("New York State", "New South Wales Premier"): the first word, although it
    may read as an adjective ("New", "North"), is part of a name."""
    toks = _norm(words).split()
    places = _places()
    return any(" ".join(toks[:n]) in places for n in range(2, min(len(toks), 5) + 1))
