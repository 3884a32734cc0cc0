"""Vocabulary for the entity extractors, and the lexical patterns they share.

``load_vocabulary`` reads the packaged ``audit/data/vocabulary.toml`` and appends the lists of any
project files (``claims/vocabulary.toml``, same shape). ``lexicon(vocab)`` turns a vocabulary into
compiled regular expressions once and caches them, so extracting many documents never recompiles.

An *empty* ``Vocabulary()`` (the ``Context`` default) stands for "not configured": the extractors
then use the packaged default vocabulary.

The rest of this module holds what several extractors need: character classes for capitalised
words in Latin scripts, the person-name pattern, stop words, nationality adjectives and the
"scope" (grammatical subject) of a clause (sentence bounds and tries: ``audit.text``).
"""

from __future__ import annotations

import re
import threading
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from audit.model import Vocabulary
from audit.text import case_variants, trie_pattern

__all__ = [
    "Lexicon",
    "default_vocabulary",
    "lexicon",
    "load_vocabulary",
]

_LIST_KEYS = ("titles", "org_suffixes", "places", "event_nouns")


# --------------------------------------------------------------------------------------------
# Loading


def _default_toml_text() -> str:
    try:
        return (
            resources.files("audit").joinpath("data").joinpath("vocabulary.toml").read_text("utf-8")
        )
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError, TypeError, OSError):
        path = Path(__file__).resolve().parent.parent / "data" / "vocabulary.toml"
        return path.read_text("utf-8")


def _str_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: expected a list of strings")
    return [" ".join(v.split()) for v in value if v.strip()]


def _merge(acc: dict[str, Any], data: Mapping[str, Any], origin: str) -> None:
    """Append the lists of one parsed TOML document to ``acc``. Unknown keys are ignored, so a
    project file may carry settings for other tools."""
    for key in _LIST_KEYS:
        if key in data:
            acc[key].extend(_str_list(data[key], f"{origin}: {key}"))
    rel = data.get("relations")
    if rel is not None:
        if not isinstance(rel, Mapping):
            raise ValueError(f"{origin}: relations: expected a table of relation = [cues]")
        for name, cues in rel.items():
            acc["relations"].setdefault(str(name), []).extend(
                _str_list(cues, f"{origin}: relations.{name}")
            )


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def load_vocabulary(extra_paths: Iterable[Path | str] = (),
                    tables: Iterable[tuple[str, Mapping[str, Any]]] = ()) -> Vocabulary:
    """The packaged vocabulary with each of ``extra_paths`` (TOML, same shape) appended, then
    each of ``tables`` (``(origin, parsed TOML)``, as ``audit.projectfiles`` validated them).

    Raises ``ValueError`` when a known key has the wrong shape, ``OSError`` when a file can't be
    read and ``tomllib.TOMLDecodeError`` (a ``ValueError``) when it isn't TOML.
    """
    acc: dict[str, Any] = {k: [] for k in _LIST_KEYS}
    acc["relations"] = {}
    _merge(acc, tomllib.loads(_default_toml_text()), "audit/data/vocabulary.toml")
    for p in extra_paths:
        with open(p, "rb") as fh:
            _merge(acc, tomllib.load(fh), str(p))
    for origin, data in tables:
        _merge(acc, data, origin)
    return Vocabulary(
        titles=_dedupe(acc["titles"]),
        relations={k: _dedupe(v) for k, v in acc["relations"].items()},
        org_suffixes=_dedupe(acc["org_suffixes"]),
        places=_dedupe(acc["places"]),
        event_nouns=_dedupe(acc["event_nouns"]),
    )


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    return load_vocabulary()


def _is_empty(v: Vocabulary) -> bool:
    return not (v.titles or v.relations or v.org_suffixes or v.places or v.event_nouns)


def vocab_key(v: Vocabulary) -> tuple:
    """A hashable key for a vocabulary (its ``relations`` is a dict, so it can't hash itself)."""
    rel = tuple(sorted((str(k), tuple(c)) for k, c in dict(v.relations).items()))
    return (tuple(v.titles), rel, tuple(v.org_suffixes), tuple(v.places), tuple(v.event_nouns))


# --------------------------------------------------------------------------------------------
# Character classes and shared word lists

_UPPER_CHARS = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isalpha() and c.isupper())
_LOWER_CHARS = "".join(c for c in map(chr, range(0x61, 0x250)) if c.isalpha() and c.islower())
UP = f"[{_UPPER_CHARS}]"
LOW = f"[{_LOWER_CHARS}]"
WS = r"[ \t\u00a0]+"  # spaces within a line

# One token of a person's name: Smith, McDonald, DeSantis, Jean-Luc, O'Brien, an initial "J.".
# NAME_TOKEN_TAIL is what follows its capital: a pattern that opens with the capital as a plain
# class lets the regex engine skip in C to the next capital.
NAME_TOKEN_TAIL = (
    rf"(?:{LOW}+(?:{UP}{LOW}+)?(?:-{UP}?{LOW}+)*"
    rf"|['’]{UP}{LOW}+(?:-{UP}{LOW}+)*"
    rf"|\.(?:[ ]?{UP}\.)?)"
)
NAME_TOKEN = rf"(?:{UP}{NAME_TOKEN_TAIL})"
NAME_PARTICLE = r"(?:de|da|del|della|der|den|di|du|dos|das|van|von|la|le|bin|ibn|al|ter|ten|y)"
# 1-4 name tokens on one line (particles don't count), not followed by more word characters.
# verbs that attribute speech: a quote's speaker, a surname alone before them is a person
SAY_VERBS = (
    r"said|says|say|added|adds|noted|notes|explained|explains|stated|states|told|tells|remarked|"
    r"commented|continued|continues|wrote|writes|declared|declares|observed|argued|argues|"
    r"insisted|insists|recalled|recalls|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|asked|"
    r"replied|concluded|acknowledged|predicted|warned|warns|announced|announces|agreed|added|"
    r"explained|posted|tweeted|shared|affirmed|maintained|cautioned|conceded|admitted|"
    r"suggested|believes|thinks"
)
HONORIFIC = r"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Rev)\.?|Sir|Dame)"
# An optional honorific (clean_name drops it) and 1-4 name tokens.
NAME_PATTERN = (
    rf"(?:{HONORIFIC}{WS})?{NAME_TOKEN}(?:{WS}(?:{NAME_PARTICLE}{WS})?{NAME_TOKEN}){{0,3}}(?![\w-])"
)

# A token of an organisation name: CMU, SoftBank, AT&T, 3M, eBay, Keio, U.S.
ORG_TOKEN = rf"(?:[{_UPPER_CHARS}0-9][\w&.+-]*(?:['’]{UP}[\w&.-]*)?|[a-z]{{1,2}}[A-Z][\w&-]*)"
# Nouns that end an organisation's name after "and" ("Securities and Exchange Commission",
# "National Institute of Standards and Technology", "Centers for Disease Control and
# Prevention"): after "and" they continue the name, where any other capitalised word opens the
# next organisation of a list ("Google and Microsoft")
NAME_AND_NOUNS = (
    r"Co|Company|Technology|Technologies|Prevention|Development|Exchange|Drug|Drugs|Research"
    r"|Innovation|Welfare|Industry|Industries|Trade|Environment|Sciences|Engineering|Medicine"
    r"|Security|Transport|Transportation|Infrastructure|Culture|Sport|Sports|Tourism|Energy"
    r"|Finance|Planning|Management|Justice|Communications|Education|Training|Employment"
    r"|Fisheries|Forestry|Agriculture|Climate|Resources|Safety|Rehabilitation|Reconstruction")
ORG_JOIN = rf"(?:{WS}(?:of|for|de|du|the|and(?={WS}(?:{NAME_AND_NOUNS})\b)|&){WS}|['’]s{WS}|{WS})"
ORG_PHRASE = rf"{ORG_TOKEN}(?:{ORG_JOIN}{ORG_TOKEN}){{0,6}}"

MONTHS = frozenset(
    "January February March April May June July August September October November December "
    "Feb Apr Aug Sept Oct Nov Dec".split()  # not Jan/Jun/Mar: they are also given names
)
WEEKDAYS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Tue Tues Thu Thurs".split()
)
# Capitalised words that begin sentences or clauses but are never (part of) a name.
STOP_WORDS = frozenset(
    """A An The This That These Those It Its In On At By For From With Without Within As And But
    Or Nor So If When While Whereas After Before During Since Until Though Although Because
    Unless Yesterday Today Tomorrow Tonight Meanwhile However Moreover Furthermore Also Still Yet
    Now Then Here There According Earlier Later Last Next Every Each Both All Some Many Most
    Several Such Other Another Our Their His Her My Your We They He She I You Us Them Him Why
    What Who Whom Whose How Where Which Speaking Asked Thanks Thank Please Read More See
    Watch Listen Subscribe Share Follow Click Photo Photos Image Credit Courtesy Source Pictured
    Left Right Above Below From Together Additionally Further Overall Instead Indeed Finally
    First Second Third Former Late Then-President New Old Under Over Into Onto Upon About
    Across Against Along Among Around Behind Beyond Despite Except Inside Outside Per Via
    Dear Hello Hi Mr Mrs Ms Dr Prof Mr. Mrs. Ms. Dr. Prof. Sir Dame Lord Lady Not No Yes
    Is Are Was Were Be Been Has Have Had Do Does Did Will Would Can Could Should May Might Must
    Shall Let Just Only Even Because Whether Once Twice Via Like Unlike Following Including
    Related Featured Updated Published Posted Media Inquiries Contact Name Title Email Phone
    Skip Main Content Menu Home News Events Search Back Top""".split()
)
# Nationality adjectives and short country forms -> country name (used for people's "org").
NATIONALITIES: dict[str, str] = {
    "U.S.": "United States",
    "US": "United States",
    "U.S.A.": "United States",
    "USA": "United States",
    "American": "United States",
    "United States": "United States",
    "U.K.": "United Kingdom",
    "UK": "United Kingdom",
    "British": "United Kingdom",
    "English": "England",
    "Scottish": "Scotland",
    "Welsh": "Wales",
    "Irish": "Ireland",
    "Japanese": "Japan",
    "Chinese": "China",
    "Taiwanese": "Taiwan",
    "South Korean": "South Korea",
    "North Korean": "North Korea",
    "Korean": "South Korea",
    "Indian": "India",
    "Pakistani": "Pakistan",
    "Bangladeshi": "Bangladesh",
    "Sri Lankan": "Sri Lanka",
    "Afghan": "Afghanistan",
    "Iranian": "Iran",
    "Iraqi": "Iraq",
    "Syrian": "Syria",
    "Lebanese": "Lebanon",
    "Israeli": "Israel",
    "Palestinian": "Palestine",
    "Saudi": "Saudi Arabia",
    "Emirati": "United Arab Emirates",
    "Qatari": "Qatar",
    "Turkish": "Turkey",
    "Egyptian": "Egypt",
    "Moroccan": "Morocco",
    "Nigerian": "Nigeria",
    "Ghanaian": "Ghana",
    "Kenyan": "Kenya",
    "Ethiopian": "Ethiopia",
    "South African": "South Africa",
    "Canadian": "Canada",
    "Mexican": "Mexico",
    "Cuban": "Cuba",
    "Colombian": "Colombia",
    "Venezuelan": "Venezuela",
    "Peruvian": "Peru",
    "Brazilian": "Brazil",
    "Argentine": "Argentina",
    "Argentinian": "Argentina",
    "Chilean": "Chile",
    "French": "France",
    "German": "Germany",
    "Italian": "Italy",
    "Spanish": "Spain",
    "Portuguese": "Portugal",
    "Dutch": "Netherlands",
    "Belgian": "Belgium",
    "Swiss": "Switzerland",
    "Austrian": "Austria",
    "Danish": "Denmark",
    "Norwegian": "Norway",
    "Swedish": "Sweden",
    "Finnish": "Finland",
    "Icelandic": "Iceland",
    "Estonian": "Estonia",
    "Latvian": "Latvia",
    "Lithuanian": "Lithuania",
    "Polish": "Poland",
    "Czech": "Czech Republic",
    "Slovak": "Slovakia",
    "Hungarian": "Hungary",
    "Romanian": "Romania",
    "Bulgarian": "Bulgaria",
    "Greek": "Greece",
    "Croatian": "Croatia",
    "Serbian": "Serbia",
    "Ukrainian": "Ukraine",
    "Belarusian": "Belarus",
    "Russian": "Russia",
    "Armenian": "Armenia",
    "Georgian": "Georgia",
    "Kazakh": "Kazakhstan",
    "Vietnamese": "Vietnam",
    "Thai": "Thailand",
    "Cambodian": "Cambodia",
    "Malaysian": "Malaysia",
    "Singaporean": "Singapore",
    "Indonesian": "Indonesia",
    "Philippine": "Philippines",
    "Filipino": "Philippines",
    "Australian": "Australia",
    "New Zealand": "New Zealand",
    "European": "European Union",
    "EU": "European Union",
}
COUNTRIES = (
    frozenset(NATIONALITIES.values())
    | frozenset(
        """Japan China Taiwan India Pakistan Afghanistan Iran Iraq Syria Lebanon Israel Turkey
    Türkiye Egypt Morocco Nigeria Ghana Kenya Ethiopia Canada Mexico Cuba Colombia Venezuela Peru
    Brazil Argentina Chile France Germany Italy Spain Portugal Netherlands Belgium Switzerland
    Austria Denmark Norway Sweden Finland Iceland Estonia Latvia Lithuania Poland Czechia
    Slovakia Hungary Romania Bulgaria Greece Croatia Serbia Ukraine Belarus Russia Armenia
    Vietnam Thailand Cambodia Malaysia Singapore Indonesia Philippines Australia Korea Britain
    England Scotland Wales Ireland Europe Asia Africa America Qatar Kuwait Bahrain Oman Yemen
    Libya Tunisia Algeria Sudan Somalia Uganda Tanzania Rwanda Senegal Mali Niger Cameroon Angola
    Zambia Zimbabwe Mozambique Botswana Namibia Madagascar Congo Guatemala Honduras Nicaragua
    Panama Haiti Jamaica Ecuador Bolivia Paraguay Uruguay Luxembourg Cyprus Malta Slovenia
    Albania Kosovo Moldova Azerbaijan Kazakhstan Uzbekistan Myanmar Laos Brunei Fiji Mongolia
    Nepal Bhutan Bangladesh""".split()
    )
    | {
        "United States of America",
        "U.S.",
        "USA",
        "U.S.A.",
        "UK",
        "U.K.",
        "UAE",
        "EU",
        "Great Britain",
        "Saudi Arabia",
        "South Korea",
        "North Korea",
        "Sri Lanka",
        "South Africa",
        "New Zealand",
        "Hong Kong",
        "Czech Republic",
        "Dominican Republic",
        "El Salvador",
        "Costa Rica",
        "Puerto Rico",
        "Ivory Coast",
        "Papua New Guinea",
        "North Macedonia",
        "United Arab Emirates",
        "Northern Ireland",
        "Middle East",
        "Southeast Asia",
        "Latin America",
        "North America",
        "South America",
    }
)
US_STATES = frozenset(
    """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
    Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts
    Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon
    Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming""".split()
) | {
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "West Virginia",
    "District of Columbia",
}
# AP-style state abbreviations and the capital district, accepted after "City, ".
STATE_ABBREVIATIONS = (
    "D.C.",
    "DC",
    "Ala.",
    "Ariz.",
    "Ark.",
    "Calif.",
    "Colo.",
    "Conn.",
    "Del.",
    "Fla.",
    "Ga.",
    "Ill.",
    "Ind.",
    "Kan.",
    "Ky.",
    "La.",
    "Md.",
    "Mass.",
    "Mich.",
    "Minn.",
    "Miss.",
    "Mo.",
    "Mont.",
    "Neb.",
    "Nev.",
    "N.H.",
    "N.J.",
    "N.M.",
    "N.Y.",
    "N.C.",
    "N.D.",
    "Okla.",
    "Ore.",
    "Pa.",
    "R.I.",
    "S.C.",
    "S.D.",
    "Tenn.",
    "Vt.",
    "Va.",
    "Wash.",
    "W.Va.",
    "Wis.",
    "Wyo.",
)
# The states' two-letter postal codes ("Jarratt, VA"), read only after "City, "; not those that
# are English words in capitals ("IN", "OR", "ME", "OK", "HI": "Fine, OK").
POSTAL_CODES = tuple("""AL AK AZ AR CA CO CT DE FL GA ID IL IA KS KY LA MD MA MI MN MS MO MT NE
    NV NH NJ NM NY NC ND OH PA RI SC SD TN TX UT VT VA WA WV WI WY""".split())
# Words that name a department or portfolio: "Minister of Foreign Affairs", "Secretary of State".
DEPARTMENT_WORDS = frozenset(
    """Affairs Agriculture Commerce Communications Culture Defense Defence Development Digital
    Economy Economic Education Energy Environment Finance Foreign Health Homeland Housing
    Human Industry Infrastructure Innovation Interior Internal Justice Labor Labour Policy
    Research Resources Science Sciences Security Services Sports State Technology Trade
    Transport Transportation Treasury Veterans Welfare Engineering Medicine Operations Strategy
    Marketing Communications Admissions Students Faculty Academic Administration Planning
    Relations Information Data Law Arts Humanities Tourism Youth Women Children Fisheries
    Forestry Land Water Climate Statistics Revenue Budget Exchequer Cabinet Intelligence
    Immigration Employment Work Pensions Business Enterprise Investment Markets
    Competition Safety""".split()
)
TITLE_MODIFIERS = (
    "Deputy|Acting|Interim|Senior|Associate|Assistant|Executive|Vice|Principal|Lead|Regional|"
    "Global|Group|Joint|Honorary|Emeritus|Founding|Chief"
)
# Title words that are also common in names ("Stephen King", "Howard Dean"): stripped in front of
# a name but allowed inside one.
NAMELIKE_TITLE_WORDS = frozenset(
    """Dean Chancellor King Queen Prince Princess Judge Bishop Cardinal Justice Coach Speaker
    Captain General Admiral Pope Papa Emperor Chief Head Rector Fellow Marshal Major Earl Duke Baron
    Deputy Senior Lead Regional Global Group Joint Principal""".split()
)
MODIFIER_WORDS = frozenset(w.lower() for w in TITLE_MODIFIERS.split("|"))
# Title modifiers written right before a title ("Senior Director", "acting deputy mayor").
MODIFIERS_BEFORE_RE = re.compile(rf"(?<![\w-])(?:(?i:{TITLE_MODIFIERS})(?:[ \t\u00a0]+|-))+\Z")

# Number words a list tail may use ("plus nine Japanese companies"); numbers.py parses them.
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty dozen hundred".split()
    + ["a dozen"]
)
NUMBER_WORDS_RE = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))


def parse_small_number(word: str) -> int | None:
    from audit.extract.numbers import parse_number

    value = parse_number(word.strip().lower())
    return int(value) if value is not None and value == int(value) else None


# --------------------------------------------------------------------------------------------
# Compiled vocabulary


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per vocabulary
class Lexicon:
    """A vocabulary compiled for matching; build it with ``lexicon(vocab)``."""

    vocab: Vocabulary
    title_pattern: str  # case-insensitive group matching one title (with modifiers), for .match
    title_hit_re: re.Pattern[str]  # fast scan for titles (case variants, no modifiers)
    title_canon: dict[str, str]  # lowercased, single-spaced title -> spelling in the vocabulary
    title_words: frozenset[str]  # capitalised words that occur in titles (President, Minister)
    org_suffixes: frozenset[str]  # lowercase, without a final dot
    places: frozenset[str]
    place_re: re.Pattern[str]  # gazetteer places and regions (countries, states, "Pa.", "D.C.")
    regions: frozenset[str]  # what may follow "City, "
    cue_re: re.Pattern[str]  # relation cues (as written, lower case, or capitalised)
    cue_relation: dict[str, str]  # lowercased, single-spaced cue -> relation
    event_nouns: frozenset[str]
    event_re: re.Pattern[str]


def _norm_key(s: str) -> str:
    return " ".join(s.lower().split())


def _build(v: Vocabulary) -> Lexicon:
    titles = sorted(set(v.titles), key=len, reverse=True)
    canon: dict[str, str] = {}
    for t in titles:
        canon.setdefault(_norm_key(t), t)
    title_core = trie_pattern(sorted({_norm_key(t) for t in titles}))
    title_pattern = (
        rf"(?i:(?:(?:{TITLE_MODIFIERS})(?:\s+|-)(?=\w))*?(?:{title_core}))(?![\w-])"
        if titles
        else "(?!)"
    )
    suffixes = frozenset(s.lower().rstrip(".") for s in v.org_suffixes)
    title_hit_re = re.compile(
        # a title opens a word, or follows "then-" / "ex-" ("then-Governor", "ex-CEO"); the
        # first look-behind holds for all three and rejects the inside of a word in one step
        # (the scan costs a third less)
        rf"(?<!\w)(?:(?<![\w-])|(?<=[Tt]hen-)|(?<=[Ee]x-))"
        rf"(?:{trie_pattern(sorted(case_variants(titles)))})(?![\w-])"
        if titles
        else "(?!)"
    )
    title_words = frozenset(
        w
        for t in titles
        for w in t.replace("-", " ").split()
        if w[:1].isupper() and w.lower().rstrip(".") not in suffixes
    )
    places = frozenset(v.places)
    regions = frozenset(
        {p for p in places if p in COUNTRIES or p in US_STATES} | set(STATE_ABBREVIATIONS)
        | set(POSTAL_CODES)
    )
    # one scan finds gazetteer places and the regions that may follow "City, "
    place_trie = trie_pattern(sorted(places | regions), not_before=r"\w.-")
    place_re = re.compile(rf"(?:{place_trie})(?![\w-])")
    cue_relation: dict[str, str] = {}
    for rel, cues in dict(v.relations).items():
        for c in cues:
            cue_relation.setdefault(_norm_key(c), str(rel))
    cue_re = re.compile(rf"(?<!\w)(?:{trie_pattern(sorted(case_variants(cue_relation)))})(?!\w)")
    events = frozenset(_norm_key(e) for e in v.event_nouns)
    event_re = re.compile(rf"(?i)\b(?:{trie_pattern(sorted(events))})(?:e?s)?\b")
    return Lexicon(
        vocab=v,
        title_pattern=title_pattern,
        title_hit_re=title_hit_re,
        title_canon=canon,
        title_words=title_words,
        org_suffixes=suffixes,
        places=places,
        place_re=place_re,
        regions=regions,
        cue_re=cue_re,
        cue_relation=cue_relation,
        event_nouns=events,
        event_re=event_re,
    )


@lru_cache(maxsize=32)
def _lexicon_for_key(key: tuple) -> Lexicon:
    titles, rel, suffixes, places, events = key
    v = Vocabulary(
        titles=titles,
        relations={k: c for k, c in rel},
        org_suffixes=suffixes,
        places=places,
        event_nouns=events,
    )
    return _build(v)


_last_lock = threading.Lock()
_last: tuple[Vocabulary | None, Lexicon | None] = (None, None)


def lexicon(v: Vocabulary) -> Lexicon:
    """The compiled form of ``v`` (the default vocabulary when ``v`` is empty), cached."""
    global _last
    last_v, last_lex = _last
    if last_v is v and last_lex is not None:
        return last_lex
    src = default_vocabulary() if _is_empty(v) else v
    lex = _lexicon_for_key(vocab_key(src))
    with _last_lock:
        _last = (v, lex)
    return lex


# --------------------------------------------------------------------------------------------
# Shared text helpers


TOKEN_RE = re.compile(r"\S+")
_PARTICLE_RE = re.compile(NAME_PARTICLE)
# Common nouns for a person's part in an event, written right before a name ("witness Ada
# Brill", "his wife, Ada Brill"): a cue that the name is a person's, never part of it.
PERSON_NOUNS = frozenset(
    """witness eyewitness passenger victim survivor resident neighbor neighbour bystander
    motorist pedestrian driver cyclist hiker student worker employee customer patient nurse
    teacher firefighter farmer plaintiff friend relative cousin brother sister son daughter wife
    husband mother father uncle aunt nephew niece grandson granddaughter grandmother grandfather
    fiancé fiancée girlfriend boyfriend widow widower colleague classmate roommate""".split()
)
# Nouns that end the names of streets and places, never a person's: "Regent Street" is not the
# regent "Street", "King Street" no king, "Malacañang Palace" no Mr Palace ("Park", "Hall",
# "Lane", "Castle", "Church" are also surnames: not here).
STREET_NOUNS = frozenset(
    """Street Road Rd Avenue Ave Boulevard Blvd Square Plaza Highway Parkway Expressway Motorway
    Stadium Airport Palace Cathedral Mosque Temple Museum Hospital Station Terminal Arena Prison
    Courthouse Embassy""".split()
    # and of regions: "Valencian Community", "Basque Country", "Rift Valley", "Gaza Strip"
    + """Community Country Region Province County District Territory Prefecture Oblast Canton
    Valley Coast Peninsula Strip Islands Delta Basin Highlands Lowlands""".split()
    # and of islands and works on water: "Ukara Island", "Grand Ethiopian Renaissance Dam"
    + """Island Isles Archipelago Dam Reservoir""".split()
)
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Rev", "Sir", "Dame"})
# What a person is, written before the name at the start of a line or sentence ("Actor Jane
# Doe, The Harbour - best actor" in a list of winners): no part of the name, nor a role the
# person holds (no title: role-conflict would compare "actor" with "producer")
DESCRIPTORS = frozenset("""Actor Actress Singer Rapper Songwriter Author Writer Novelist Poet
    Filmmaker Comedian Musician Artist Painter Sculptor Journalist Reporter Photographer
    Activist Dissident Lawyer Footballer Striker Midfielder Goalkeeper Cricketer Golfer
    Boxer Sprinter Swimmer Businessman Businesswoman Billionaire Entrepreneur Tycoon
    Influencer Broadcaster Presenter Dancer Rocker Astronaut""".split()) | frozenset(
    # where a person said it, written right before the name with no comma ("Taking to
    # Twitter Jane Doe said"): a platform, no part of the name
    """Twitter Facebook Instagram YouTube TikTok Telegram WhatsApp LinkedIn Weibo WeChat
    Threads Bluesky""".split())
# Head nouns that open organisations' names in Spanish, Portuguese, French and Italian
# ("Instituto Nacional Electoral", "Banco Central do Brasil"): a capitalised run opening with
# one is an organisation, never a person (English names end in their noun: ``org_suffixes``).
ORG_HEADS = frozenset(
    """Instituto Institut Istituto Universidad Universidade Università Université Banco Banca
    Banque Comisión Comissão Commissione Ministerio Ministério Ministero Ministère Fundación
    Fundação Fondation Fondazione Consejo Conselho Consiglio Conseil Secretaría Agencia Agência
    Agenzia Partido Partito Congreso Asamblea Assemblée Cámara Câmara Senado Gobierno Governo
    Gouvernement Policía Polícia Ejército Exército Tribunal Supremo Suprema Empresa Compañía
    Companhia Grupo Sindicato Federación Federação Confederación Asociación Associação
    Organización Organização Servicio Serviço Procuraduría Fiscalía Juzgado""".split()
    # and the nouns that open places' names in those languages and German ("Insel Rhodos",
    # "Isla de Pascua", "Île de Ré"): a place, never a person either
    + """Insel Isla Île Ilha Isola Lago Lac Cabo Golfo Bahía Baía""".split()
)


_SAID_CAPS = frozenset("Said Says Told Added Stated Wrote Tweeted Posted".split())
_QUOTE_NEXT = re.compile(r"[ \t\u00a0]*[\"\u201c\u201d\u00ab]")


def clean_name(
    text: str, start: int, end: int, lex: Lexicon, *, strip_titles: bool = True
) -> tuple[int, int] | None:
    """Trim a candidate person name ``text[start:end]``: drop leading stop words, title words
    and honorifics; reject organisation names, places, months and weekdays. Returns the trimmed
    (start, end) or None."""
    toks = [m.span() for m in TOKEN_RE.finditer(text, start, end)]
    while toks:
        w = text[toks[0][0] : toks[0][1]]
        if (
            w in STOP_WORDS
            or w in MONTHS
            or w in WEEKDAYS
            or w in NATIONALITIES
            or (strip_titles and w in lex.title_words)
            or w.rstrip(".") in _HONORIFICS
            or (w in DESCRIPTORS and len(toks) > 2)
        ):
            toks.pop(0)
        else:
            break
    # an initial or particle can't end a name; nor a verb of saying capitalised right before
    # the quotation it opens ('Commissioner Raju Bhargav Said "A fire ...'; "Edward Said" stays)
    while toks and (
        text[toks[-1][1] - 1] == "." or _PARTICLE_RE.fullmatch(text, toks[-1][0], toks[-1][1])
        or (text[toks[-1][0] : toks[-1][1]] in _SAID_CAPS
            and _QUOTE_NEXT.match(text, toks[-1][1]) is not None)
    ):
        toks.pop()
    if not toks:
        return None
    words = [text[a:b] for a, b in toks]
    if words[0][:1].islower() or words[0] in ORG_HEADS:
        return None
    for w in words:
        bare = w.rstrip(".")
        if (
            w in WEEKDAYS
            or bare.lower() in lex.org_suffixes
            or w in STOP_WORDS
            or (w in NATIONALITIES and len(words) == 1)
            or (strip_titles and w in lex.title_words and w not in NAMELIKE_TITLE_WORDS)
        ):
            return None
    if len(words) == 1 and (words[0] in MONTHS or words[0] in lex.places):
        return None
    if words[-1] in STREET_NOUNS:
        return None
    name = " ".join(words)
    if name in lex.places or name in COUNTRIES:
        return None
    return toks[0][0], toks[-1][1]


SCOPE_RE = re.compile(
    rf"\s*(?:(?:and|but|while|so|then|now)\s+)?(?:[Tt]he\s+){{0,2}}"
    rf"(?P<scope>{ORG_PHRASE}(?:{WS}(?:and|&){WS}(?:the{WS})?{ORG_PHRASE})?)"
    r"(?:['’]s?\s+[a-z]+(?:\s+[a-z]+)?)?"
    r"(?:\s+(?:partnership|collaboration|project|programme|program|side|share|team|"
    r"consortium|alliance|pact|agreement|portion|part|half|effort|initiative|lab|center|centre)s?"
    r"(?:\s+of\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)?)?"
    r"(?:\s*\([^()\n]{1,20}\))?"
    r"(?:\s*,[^,;\n]{1,80},)?"
    r"\s+(?:will|would|is|are|was|were|has|have|had|can|could|shall|should|may|might|must|"
    r"receives?|received|gets?|got|obtains?|obtained|also|jointly|plans?|intends?|expects?|"
    r"aims?|to|each|both|together|already|now|currently)\b"
)
_SAID_RE = re.compile(
    r"\b(?:said|says|announced|noted|reported|stated|told|added|according|wrote|explained)\b"
)


_FOR_SCOPE_RE = re.compile(
    rf"\b(?:[Mm]oney|[Ff]unding|[Ss]upport|[Ii]nvestment|[Cc]ash|[Gg]rants?|[Bb]acking|"
    rf"[Ff]inancing|[Ss]hare)\s+(?:for|to)\s+(?:the\s+)?(?P<scope>{ORG_PHRASE})"
)


def find_scope(text: str, sent_start: int, cue_start: int) -> tuple[int, int] | None:
    """The narrower recipient a list is stated for, or None for the programme as a whole."""
    m = _FOR_SCOPE_RE.search(text, sent_start, cue_start)
    if m:  # "Money for Brinhaven Institute comes from ...", "Funding for the CMU side ..."
        return m.span("scope")
    return _subject_scope(text, sent_start, cue_start)


def _subject_scope(text: str, sent_start: int, cue_start: int) -> tuple[int, int] | None:
    """The named grammatical subject of the clause before a cue ("CMU will receive funding
    from ..." -> CMU; "Keio's share is backed by ..." -> Keio), or None for generic subjects.

    Tries the clause after the last comma/semicolon first, then the whole sentence."""
    starts = [sent_start]
    for sep in (";", ":", ","):
        k = text.rfind(sep, sent_start, cue_start)
        if k >= 0:
            starts.insert(0, k + 1)
            break
    for s in starts:
        m = SCOPE_RE.match(text, s, cue_start)
        if not m:
            continue
        if _SAID_RE.search(text, m.end("scope"), cue_start):
            continue
        a, b = m.span("scope")
        words = text[a:b].split()
        if words[0] in STOP_WORDS or words[0] in MONTHS or words[0] in WEEKDAYS:
            continue
        # "Keio's" -> "Keio"
        if text[a:b].endswith(("'s", "’s")):
            b -= 2
        return a, b
    return None
