"""Deterministic generator of audit corpora with planted discrepancies and their ground truth.

Each *event* is an invented announcement: two research institutions start a partnership in a
field, backed by an amount of industry money from a list of invented companies plus a count of
smaller companies ("nine regional companies"), signed on a date in a city, with a quote from an
official. Each event is covered by K documents in different styles (press release, news article,
wire copy, blog) and formats (.html with nav/aside/footer, .md with front matter, .txt with a
"Related"-style sidebar), phrased from sentence templates so that no two documents of an event
share a sentence. Discrepancies are planted at known places and written to ``truth.toml`` in the
format of the fenced block in ``sources/PLANTED.md``.

    python benchmarks/generate.py --events 25 --docs-per-event 4 --seed 7 --out /tmp/corpus

Layout written::

    OUT/audit.toml                     [audit] sources = "sources"
    OUT/truth.toml                     [[planted]] / [[legitimate]] / [[boilerplate]]
    OUT/sources/manifest.toml          one [[document]] per file: path, title, publisher, date
    OUT/sources/e0007/e0007-wire.txt   the documents (file names are globally unique)
    OUT/sources/e0007/manifest.toml    the same metadata for this event only (so one event
                                       folder can be audited on its own; discovery never
                                       ingests a file named manifest.toml)

Everything is streamed: one event is built, written and forgotten before the next, so memory
does not grow with the corpus. Event ``i`` depends only on (seed, i), not on how many events are
generated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Invented vocabulary
# --------------------------------------------------------------------------------------------

GIVEN = """Anna Erik Maya Tomas Ingrid Rafael Leila Oskar Nadia Felix Priya Daniel Sofia Mateo
Elena Jonas Amara Lukas Yara Victor Helena Samuel Irene Marco Clara Adrian Noor Pablo Greta Hugo
Lina Martin Rosa Kai Alma Teodor Vera Omar Ines Paul Miriam Jakob Selma Arturo Dalia Henrik Zofia
Bruno Esther Milan""".split()
FAMILY_STEMS = """Alder Bran Cald Dun Elm Fal Gar Har Isel Jor Kel Lan Mar Nor Orl Pen Quill Ros
Sel Tal Ulm Var Wes Yar Zel Ash Brook Cor Dray Fen Gil Hol Kest Lor Mor Ost Pell Rav Stan Thorn
Wen Bex Cran Dov Ferr Grem Hask Lind Mert Nesb""".split()
FAMILY_ENDS = """holt wick mere stad lund ford berg ton dale ley mont sen ric ven dor rin gard worth
by wood field hurst combe well ridge ham low net ard ell""".split()
# Given-name-first or family-name-first both occur in print for these (a legitimate variant).
EA_GIVEN = "Haruto Yuki Kenji Aiko Ren Sora Mei Daichi Hana Takumi Riku Nanami".split()
EA_SYL = "ta ka mi no sa ra shi mo ku ha ya na to ri wa se yo ma ki fu".split()

ORG_PREFIX = """Ark Bel Cor Dax Ely Fen Gal Hex Iso Jun Kav Lum Mor Nex Ov Pyr Quor Rho Syn Tav
Ul Vex Wyn Xan Zen Aur Cyr Dal Eon Ferr""".split()
ORG_SUFFIX_SYL = "ara eon ion ix ora um ova yx ent ano ira el is on ia".split()
CAMEL_A = "Data Grid Blue Terra Nova Cloud Deep Bright Silver True Open Quantum".split()
CAMEL_B = "Harbor Loom Keel Weave Forge Spring Field Path Stone Works Mesh Wave".split()
COMPANY_KIND = """Systems Labs Group Technologies Energy Bank Capital Robotics Semiconductor
Holdings Networks Materials""".split()
PLACE_STEMS = """Kest Marl Brin Hol Ash Wyn Thorn Elder Fair Gold Red Stone Cald Dun Lang Mere
Ros Sil Alb Bex Carn Dew Eth Fal Glen Hart Ing Kel Lyn Mal Nether Oak Pen Quar Rye Sand Tarn
Ux Vale Wold Yew Brack Crom Dal Fern Grant Heath Lox Mor Pryd""".split()
PLACE_ENDS = """moor field bridge mouth haven ford wick dale ton bury combe stow leigh minster
wood cliff""".split()
ORG_MIDDLE = ["", "", "", "ar", "el", "in", "or", "ul", "en"]

FIELDS = [
    ("battery chemistry", "Battery"), ("coastal robotics", "Coastal Robotics"),
    ("quantum sensing", "Quantum Sensing"), ("crop genomics", "Crop Genomics"),
    ("grid storage", "Grid Storage"), ("maritime autonomy", "Maritime Autonomy"),
    ("materials science", "Advanced Materials"), ("climate modelling", "Climate Modelling"),
    ("semiconductor packaging", "Chip Packaging"), ("hydrogen fuel cells", "Hydrogen"),
    ("medical imaging", "Medical Imaging"), ("language technology", "Language Technology"),
    ("water treatment", "Clean Water"), ("wind turbine design", "Offshore Wind"),
    ("precision agriculture", "Precision Farming"), ("earthquake engineering", "Seismic Safety"),
]
PROG_ADJ = "Northern Harbour Joint Open Regional Coastal National Lakeside Frontier Bridge".split()
PROG_KIND = ["Initiative", "Programme", "Partnership", "Alliance", "Research Consortium"]
CITIES = [
    ("Rotterdam", "the Netherlands"), ("Lyon", "France"), ("Osaka", "Japan"),
    ("Denver", "Colorado"), ("Pittsburgh", "Pennsylvania"), ("Leeds", "England"),
    ("Bristol", "England"), ("Munich", "Germany"), ("Hamburg", "Germany"), ("Vienna", "Austria"),
    ("Zurich", "Switzerland"), ("Copenhagen", "Denmark"), ("Oslo", "Norway"),
    ("Helsinki", "Finland"), ("Tallinn", "Estonia"), ("Porto", "Portugal"),
    ("Valencia", "Spain"), ("Turin", "Italy"), ("Nagoya", "Japan"), ("Sendai", "Japan"),
    ("Busan", "South Korea"), ("Taipei", "Taiwan"), ("Melbourne", "Australia"),
    ("Auckland", "New Zealand"), ("Toronto", "Canada"), ("Montreal", "Canada"),
    ("Calgary", "Canada"), ("Edinburgh", "Scotland"), ("Antwerp", "Belgium"),
    ("Krakow", "Poland"),
]
COUNT_NOUNS = ["regional companies", "local manufacturers", "smaller firms",
               "family-owned companies", "regional suppliers", "mid-sized companies",
               "local startups", "export companies"]
NUM_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# (title before a name, the same role after a name in lower case); pairs reuse vocabulary
# titles so role-holder claims can be read
OFFICIAL_TITLES = [
    ("Minister of Industry", "the minister of industry"),
    ("Economy Minister", "the economy minister"),
    ("Governor", "the governor"),
    ("Mayor", "the mayor"),
    ("Trade Minister", "the trade minister"),
    ("Deputy Prime Minister", "the deputy prime minister"),
    ("Secretary of Commerce", "the commerce secretary"),
]
HEAD_TITLES = [("President", "president"), ("Director", "director"), ("Rector", "rector"),
               ("Vice-Chancellor", "vice-chancellor")]
EXEC_TITLES = [("Chief Executive", "chief executive"), ("CEO", "chief executive"),
               ("Managing Director", "managing director")]

NEWS_OUTLETS = ["The Harbour Ledger", "Northgate Courier", "The Valley Dispatch",
                "Metro Science Daily", "The Evening Record", "Lakeshore Tribune"]
WIRE_OUTLETS = [("Meridian Wire Service", "MWS"), ("Continental Press Agency", "CPA"),
                ("Atlas News Wire", "ANW")]
BLOGS = ["Circuit Notes", "The Lab Bench", "Deep Tech Weekly", "Policy & Prototypes",
         "Field Notes on Funding"]
SIDEBAR_HEADS = ["Related", "Related coverage", "More news", "You might also like",
                 "Most read", "Featured", "Read next", "In other news"]

# Quotes: parts are plain strings or (original, reworded) pairs. The original quote takes the
# first of every pair; a drifted quote swaps two to four pairs.
OFFICIAL_QUOTES = [
    ["Working ", ("side by side", "hand in hand"), " with industry is how we ",
     ("make sure", "ensure"), " {field} research stays ", ("open", "transparent"), " and ",
     ("built on", "grounded in"), " shared goals"],
    [("This partnership", "This agreement"), " gives our researchers ",
     ("the tools", "the means"), " to compete in {field} and ", ("keeps", "holds on to"),
     " the talent we train ", ("here at home", "in our own country")],
    ["We are ", ("putting serious money", "investing real money"), " behind {field} because the ",
     ("next decade", "coming decade"), " of growth ", ("depends on it", "rests on it")],
    [("Nobody", "No single country"), " can ", ("solve", "crack"),
     " the hard problems in {field} alone, and this ", ("alliance", "partnership"),
     " shows what ", ("trusted", "like-minded"), " partners can do together"],
    ["Today ", ("we are betting", "we are placing a bet"), " on {field} and on the people ",
     ("who will", "that will"), " turn ", ("good ideas", "bright ideas"), " into real jobs"],
    ["The companies ", ("backing", "supporting"), " this work ", ("understand", "know"),
     " that {field} is ", ("a long game", "a long-term effort"), " and they are ",
     ("in it", "committed"), " for the long haul"],
    [("Our goal is simple", "The aim is simple"), ": ", ("world-class", "first-rate"),
     " {field} research, ", ("done", "carried out"), " in the open and ",
     ("shared", "passed on"), " with the businesses that need it"],
    ["This is ", ("a big step", "a major step"), " for {field} and ",
     ("a clear signal", "a strong signal"), " that our ",
     ("universities", "research institutions"), " can ", ("lead", "set the pace")],
    ["When ", ("industry", "business"), " and universities ",
     ("pull in the same direction", "work toward the same goal"), ", {field} moves ",
     ("faster", "more quickly"), " and everyone ", ("benefits", "gains")],
    ["We ", ("want", "intend"), " {field} breakthroughs to ", ("happen here", "start here"),
     ", to ", ("stay here", "remain here"), " and to create ", ("good jobs", "well-paid jobs"),
     " for the next generation"],
    ["Every ", ("euro", "cent"), " of this funding is ", ("aimed at", "directed at"),
     " research that ", ("matters", "counts"), " for {field} and for the ",
     ("communities", "regions"), " around these campuses"],
    [("Partnerships like this one", "Agreements like this one"), " are ", ("how", "the way"),
     " we ", ("keep", "stay"), " ahead in {field} while ", ("building", "strengthening"),
     " ties with close allies"],
]
HEAD_QUOTES = [
    "Our students will spend time in {other}'s labs, and theirs in ours, which is the fastest "
    "way to learn {field}",
    "We have worked informally with {other} for years, and this agreement finally gives that "
    "work a proper home",
    "Research in {field} needs long-term commitments, and this agreement gives our teams a "
    "horizon of several years",
    "The support from industry means our graduate students can focus on {field} instead of "
    "chasing small grants",
    "We expect the first joint papers on {field} soon and the first shared prototypes not long "
    "after that",
    "This agreement turns a handful of friendships between researchers at {other} and here into "
    "a lasting institution",
    "Few universities get to shape {field} this early, and we intend to make the most of the "
    "chance",
    "Our faculty asked for exactly this kind of partner in {field}, and we are proud to sign",
]


# --------------------------------------------------------------------------------------------
# The event model
# --------------------------------------------------------------------------------------------

@dataclass
class Person:
    given: str
    family: str
    title: str          # before the name
    role: str           # after the name, lower case
    swappable: bool = False

    def name(self, swapped: bool = False, family: str | None = None) -> str:
        fam = family or self.family
        return f"{fam} {self.given}" if swapped and self.swappable else f"{self.given} {fam}"


@dataclass
class Event:
    eid: str
    field_: str
    field_title: str
    programme: str
    lead: str
    p1: str
    p2: str
    p2_acronym: str | None
    funders: list[str]
    camel: str                   # the funder with an inner capital (for a case-only variant)
    amount_m: int
    count_n: int
    count_noun: str
    date: dt.date
    city: str
    region: str
    official: Person
    head1: Person
    head2: Person
    exec1: Person
    quote_parts: list
    head_quote: str
    narrow: tuple[str, list[str]]  # (recipient, funders)
    exec_org: str                  # the funder whose executive is quoted by name
    # a person named without a title, with an age and a home town (an early applicant)
    applicant: Person | None = None
    applicant_age: int = 0
    applicant_home: str = ""


@dataclass
class Doc:
    name: str
    style: str        # press | news | wire | blog
    fmt: str          # html | txt | md
    publisher: str
    pub_date: dt.date
    author: str
    plant: set[str] = field(default_factory=set)
    # what was written, for the ground truth
    amount_text: str = ""
    count_text: str = ""
    list_text: str = ""
    list_complete_template: bool = True
    date_text: str = ""
    quote_text: str = ""
    official_name: str = ""
    applicant_name: str = ""
    applicant_age: int = 0
    camel_text: str = ""
    narrow_text: str = ""
    frame_text: str = ""  # an amount in another frame (each / background / bounded): legitimate
    frame_kind: str = ""
    measure_text: str = ""  # the facility's floor area as written (feet or metres)
    head_quote_used: bool = False
    country_text: str = ""          # the country form this document wrote, if any
    name_orders: set[bool] = field(default_factory=set)
    boilerplate: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


def _family(rng: random.Random) -> str:
    return rng.choice(FAMILY_STEMS) + rng.choice(FAMILY_ENDS)


def _ea_family(rng: random.Random) -> str:
    return "".join(rng.choice(EA_SYL) for _ in range(3)).capitalize()


def _company(rng: random.Random, camel: bool = False) -> str:
    if camel:
        root = rng.choice(CAMEL_A) + rng.choice(CAMEL_B)
    else:
        root = rng.choice(ORG_PREFIX) + rng.choice(ORG_MIDDLE) + rng.choice(ORG_SUFFIX_SYL)
    return f"{root} {rng.choice(COMPANY_KIND)}"


def _institution(rng: random.Random) -> tuple[str, str | None]:
    return _institution_at(rng.choice(PLACE_STEMS), rng)


def _institution_at(stem: str, rng: random.Random) -> tuple[str, str | None]:
    place = stem + rng.choice(PLACE_ENDS)
    form = rng.randrange(4)
    if form == 0:
        return f"University of {place}", None
    if form == 1:
        return f"{place} University", None
    if form == 2:
        name = f"{place} Institute of Technology"
        return name, f"{place[0]}IT"
    return f"{place} Technical University", f"{place[0]}TU"


def _near(a: str, b: str) -> bool:
    """Two family names one or two letters apart (kept apart within one event)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 2:
        return False
    # cheap Levenshtein for short strings
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= 2


def make_event(seed: int, index: int, width: int) -> Event:
    rng = random.Random(f"claim-audit-corpus:{seed}:{index}")
    eid = f"e{index:0{width}d}"
    field_, ftitle = rng.choice(FIELDS)
    programme = f"{rng.choice(PROG_ADJ)} {ftitle} {rng.choice(PROG_KIND)}"
    s1, s2 = rng.sample(PLACE_STEMS, 2)
    (p1, _), (p2, p2_acr) = _institution_at(s1, rng), _institution_at(s2, rng)
    p1 = "the " + p1 if p1.startswith("University of") else p1
    p2 = "the " + p2 if p2.startswith("University of") else p2
    n_funders = rng.randint(4, 6)
    funders: list[str] = []
    camel = _company(rng, camel=True)
    funders.append(camel)
    while len(funders) < n_funders:
        c = _company(rng)
        # distinct companies of one event are never one or two letters apart
        if not any(_near(c.split()[0].lower(), f.split()[0].lower()) for f in funders):
            funders.append(c)
    rng.shuffle(funders)
    families: list[str] = []

    def person(titles, swappable=False) -> Person:
        while True:
            fam = _ea_family(rng) if swappable else _family(rng)
            if not any(_near(fam.lower(), f.lower()) for f in families + EA_GIVEN + GIVEN):
                break
        families.append(fam)
        given = rng.choice(EA_GIVEN if swappable else GIVEN)
        t, r = rng.choice(titles)
        return Person(given, fam, t, r, swappable)

    official = person(OFFICIAL_TITLES, swappable=rng.random() < 0.35)
    head1 = person(HEAD_TITLES)
    head2 = person(HEAD_TITLES, swappable=rng.random() < 0.25)
    exec1 = person(EXEC_TITLES)
    city, region = rng.choice(CITIES)
    lead = rng.choice([f"{region.removeprefix('the ').title()} Ministry of Industry",
                       f"{city} Development Agency", f"{city} Innovation Office",
                       "National Research Council"])
    lead = "the " + lead
    date = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 900))
    narrow_to = rng.choice([p1, p2])
    narrow_funders = rng.sample(funders, rng.choice([2, 2, 3]))
    # the untitled applicant: drawn from its own stream, so every other draw stays as it was
    rng2 = random.Random(f"claim-audit-applicant:{seed}:{index}")
    while True:
        fam = _family(rng2)
        if not any(_near(fam.lower(), f.lower()) for f in families + EA_GIVEN + GIVEN):
            break
    applicant = Person(rng2.choice(GIVEN), fam, "", "")
    applicant_age = rng2.randint(19, 68)
    applicant_home = rng2.choice(APPLICANT_HOMES)
    return Event(
        applicant=applicant, applicant_age=applicant_age, applicant_home=applicant_home,
        eid=eid, field_=field_, field_title=ftitle, programme=programme, lead=lead, p1=p1,
        p2=p2, p2_acronym=p2_acr, funders=funders, camel=camel,
        amount_m=rng.choice([rng.randint(12, 99), rng.randint(100, 480)]),
        count_n=rng.randint(3, 14), count_noun=rng.choice(COUNT_NOUNS), date=date,
        city=city, region=region, official=official, head1=head1, head2=head2, exec1=exec1,
        quote_parts=rng.choice(OFFICIAL_QUOTES), head_quote=rng.choice(HEAD_QUOTES),
        narrow=(narrow_to, narrow_funders),
        exec_org=rng.choice([f for f in funders if f != camel]),
    )


# --------------------------------------------------------------------------------------------
# Rendering helpers
# --------------------------------------------------------------------------------------------

def num_text(n: int, rng: random.Random, words_ok: bool = True) -> str:
    if words_ok and n < len(NUM_WORDS) and (n < 10 or rng.random() < 0.3):
        return NUM_WORDS[n] if rng.random() < 0.8 else str(n)
    return str(n)


TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    """1..999 in words ("ninety-five", "two hundred and forty")."""
    if n < len(NUM_WORDS):
        return NUM_WORDS[n]
    if n < 100:
        t, u = divmod(n, 10)
        return TENS[t - 2] + (f"-{NUM_WORDS[u]}" if u else "")
    h, r = divmod(n, 100)
    return f"{NUM_WORDS[h]} hundred" + (f" and {number_words(r)}" if r else "")


def money_text(amount_m: int, rng: random.Random, short: bool = False) -> str:
    if short:
        return rng.choice([f"${amount_m}M", f"${amount_m}m", f"${amount_m} million"])
    return rng.choice([f"${amount_m} million", f"${amount_m} million", f"${amount_m}M",
                       f"US${amount_m} million", f"{amount_m} million dollars",
                       f"${amount_m}\u00a0million", f"USD {amount_m} million",
                       f"{amount_m} million US dollars", f"${amount_m}.0 million",
                       f"{number_words(amount_m)} million dollars"])


def date_forms(d: dt.date, doc_date: dt.date, wrong_weekday: bool = False) -> list[str]:
    """Ways to write "on <date>", given the document's own date."""
    wd = WEEKDAYS[d.weekday()]
    if wrong_weekday:
        wd = WEEKDAYS[(d.weekday() + 1) % 7]
    m = MONTHS[d.month - 1]
    full_us = f"{m} {d.day}, {d.year}"
    full_eu = f"{d.day} {m} {d.year}"
    forms = [f"{wd}, {full_us}", f"{wd}, {d.day} {m} {d.year}"]
    if wrong_weekday:
        return forms
    ordinal = f"{d.day}{'th' if 10 <= d.day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d.day % 10, 'th')}"
    abbr = m if len(m) <= 4 else m[:3] + "."
    forms += [full_us, full_eu, f"{wd}, {m} {d.day}", f"{m} {d.day}", f"{abbr} {d.day}, {d.year}",
              f"{m} {ordinal}", f"the {ordinal} of {m}"]
    delta = (doc_date - d).days
    if 1 <= delta <= 5:
        forms.append(wd)  # "on Tuesday": resolved from the document date
    return forms


def join_list(items: list[str], rng: random.Random, style: str | None = None) -> str:
    style = style or rng.choice(["and", "oxford", "semicolon", "as_well_as", "and", "oxford"])
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    if style == "oxford":
        return ", ".join(items[:-1]) + f", and {items[-1]}"
    if style == "semicolon":
        return "; ".join(items[:-1]) + f"; and {items[-1]}"
    if style == "as_well_as":
        return ", ".join(items[:-1]) + f" as well as {items[-1]}"
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def quote_text(parts: list, field_: str, drift: set[int] | None = None) -> str:
    out = []
    k = 0
    for p in parts:
        if isinstance(p, tuple):
            out.append(p[1] if drift and k in drift else p[0])
            k += 1
        else:
            out.append(p)
    s = "".join(out).replace("{field}", field_)
    return s[0].upper() + s[1:]


def misspell(family: str, rng: random.Random) -> str:
    """One vowel changed, first and last letter kept ("Varnholt" -> "Varnhalt")."""
    vowels = "aeiou"
    pos = [i for i in range(1, len(family) - 1) if family[i] in vowels]
    if not pos:
        pos = list(range(1, len(family) - 1))
    i = rng.choice(pos)
    repl = rng.choice([v for v in vowels if v != family[i].lower()])
    return family[:i] + repl + family[i + 1:]


def case_variant(name: str) -> str:
    """"DataHarbor Systems" -> "Dataharbor Systems" (only letter case differs)."""
    root, rest = name.split(" ", 1)
    return root[0] + root[1:].lower() + " " + rest


def md(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


# --------------------------------------------------------------------------------------------
# Sentence templates (each family is sampled without replacement within an event)
# --------------------------------------------------------------------------------------------

LEAD_T = [
    "{P1} and {P2} launched the {PROG} at a ceremony in {CITY} on {DATE}.",
    "{LEAD} on {DATE} unveiled the {PROG}, a new {field} partnership between {P1} and {P2}, at an "
    "event in {CITY}.",
    "Two research institutions, {P1} and {P2}, signed an agreement in {CITY} on {DATE} to work "
    "together on {field}.",
    "A new {field} alliance between {P1} and {P2} was signed in {CITY} on {DATE}, {LEAD} said.",
    "On {DATE}, {P1} and {P2} agreed in {CITY} to pool their {field} research under the {PROG}.",
    "The {PROG} was formally launched on {DATE} in {CITY}, pairing {P1} with {P2}.",
    "{P1} has teamed up with {P2} on {field}, with the deal signed in {CITY} on {DATE}.",
    "Leaders of {P1} and {P2} met in {CITY} on {DATE} to sign the {PROG} agreement.",
    "It was in {CITY} on {DATE} that {P1} and {P2} put their names to the {PROG}.",
    "Signed on {DATE} in {CITY}, the {PROG} brings {P1} and {P2} together on {field}.",
]
AMOUNT_T = [
    "Private companies have committed {AMT} to the {PROG}.",
    "Funding for the {PROG} totals {AMT}.",
    "The companies are putting up {AMT} between them for {field} work.",
    "In all, {AMT} in industry money will pay for the {field} research.",
    "The partnership comes with {AMT} of private investment.",
    "Industry has pledged {AMT} to the {field} effort.",
    "The total investment in the {PROG} stands at {AMT}, according to {LEAD}.",
    "Backers have promised {AMT} for the first phase of the {field} work.",
    "{AMT} has been set aside for the {PROG} by its corporate backers.",
    "Organisers put the value of the {field} package at {AMT}.",
]
# complete lists; {COUNT} is the tail of smaller companies
LIST_T = [
    "The funders are {LIST}, together with {COUNT}.",
    "The money comes from {LIST}, along with {COUNT}.",
    "Funding comes from {LIST}, plus {COUNT}.",
    "The {field} work is backed by {LIST} as well as {COUNT}.",
    "The {PROG} is funded by {LIST}, with {COUNT} also contributing.",
    "The backers are {LIST}, joined by {COUNT}.",
    "{LIST} will fund the {field} research, together with {COUNT}.",
    "Support comes from {LIST} and from {COUNT}.",
    "The programme is financed by {LIST}, alongside {COUNT}.",
    "Its funders are {LIST}; {COUNT} have also signed on.",
]
# lists that say they are partial ("include"): never used for a dropped-funder plant
LIST_PARTIAL_T = [
    "Backers include {LIST}, along with {COUNT}.",
    "Funders including {LIST} have signed on, together with {COUNT}.",
    "Investors include {LIST}, alongside {COUNT}.",
    "The companies involved include {LIST} and {COUNT}.",
]
NARROW_T = [
    "{R} will receive funding from {NLIST}.",
    "{R}'s share is backed by {NLIST}.",
    "Of the total, {R} is supported by {NLIST}.",
    "The {R} side of the partnership is funded by {NLIST}.",
    "{R} will get its money from {NLIST}, officials said.",
    "Money for {R} comes from {NLIST}.",
    "{R} is backed by {NLIST} alone.",
]
OFFICIAL_INTRO_T = [
    "{TITLE} {NAME} hosted the signing.",
    "The ceremony was hosted by {TITLE} {NAME}.",
    "{NAME}, {ROLE}, attended the signing in {CITY}.",
    "Among the guests was {TITLE} {NAME}.",
    "{TITLE} {NAME} spoke at the ceremony in {CITY}.",
    "{TITLE} {NAME} attended on behalf of the government.",
    "The signing drew {TITLE} {NAME} and several company executives.",
]
CAPTION_T = [
    "{TITLE} {NAME} (centre) with representatives of {P1} and {P2} after the signing in {CITY}.",
    "From left: representatives of {P1}, {TITLE} {NAME} and {P2} at the signing in {CITY}.",
    "{TITLE} {NAME} speaks at the launch of the {PROG} in {CITY}.",
    "Delegates from {P1} and {P2} exchange the signed agreement in {CITY}.",
]
OFFICIAL_QUOTE_T = [
    "{OQ}{Q},{CQ} said {TITLE} {NAME}.",
    "{OQ}{Q},{CQ} {NAME} said.",
    "{TITLE} {NAME} said: {OQ}{Q}.{CQ}",
    "{OQ}{Q},{CQ} said {NAME}, {ROLE}.",
    "In a statement, {TITLE} {NAME} said: {OQ}{Q}.{CQ}",
    "{OQ}{Q},{CQ} {TITLE} {NAME} told reporters.",
    "{OQ}{Q},{CQ} {SURNAME} said.",
    "{OQ}{Q},{CQ} {ROLEREF} said.",   # a role reference: the holder is named in the intro
]
HEAD_T = [
    "{P1} {T1} {N1} signed the agreement for the {P1KIND}.",
    "{N1}, {R1} of {P1}, signed on behalf of the {P1KIND}.",
    "{P2} {T2} {N2} and {P1} {T1} {N1} signed the documents.",
    "The agreement was signed by {N1}, who leads {P1}, and {N2} of {P2}.",
    "{P2} {T2} {N2} called the agreement a first step.",
    "{N2}, {R2} of {P2}, said the first joint projects would be chosen this year.",
]
EXEC_T = [
    "{F} {TE} {NE} attended the ceremony.",
    "Also present was {NE}, {RE} of {F}.",
    "{NE}, {RE} of {F}, said the company expected to hire graduates of the programme.",
    "{F}'s {RE}, {NE}, said the company would second engineers to both labs.",
    "{NE}, {RE} of {F}, flew in for the signing.",
    "{F} {TE} {NE} said the company had wanted a {field} partner for years.",
    "For {F}, {TE} {NE} signed a side letter on data sharing.",
]
HEAD_QUOTE_T = [
    "{OQ}{Q},{CQ} said {N}, {R} of {P}.",
    "{OQ}{Q},{CQ} {P} {T} {N} said.",
    "{N} said: {OQ}{Q}.{CQ}",
    "{OQ}{Q},{CQ} {N} said after the signing.",
    "Speaking for {P}, {N} said: {OQ}{Q}.{CQ}",
    "{OQ}{Q},{CQ} said {P} {T} {N}.",
    "{OQ}{Q},{CQ} {N}, {R} of {P}, told reporters.",
]
FILLER_T = [
    "The agreement covers joint {field} projects, student exchanges and shared laboratory "
    "equipment.",
    "Officials did not say how the money would be divided between {P1} and {P2}.",
    "Details of the first {field} projects are expected later in the year.",
    "{P2} has a long record in {field}, while {P1} brings engineering depth.",
    "Researchers from {P1} and {P2} have written papers on {field} together before.",
    "The {PROG} is part of a wider push to expand {field} research in {REGION}.",
    "Neither partner said when the first students would travel under the {PROG}.",
    "Company representatives said they hoped to recruit graduates trained in {field}.",
    "The partners plan joint {field} workshops in {CITY} and on the other campus.",
    "A steering group drawn from {P1}, {P2} and the companies will choose the {field} projects.",
    "{CITY} was picked for the signing because of its growing {field} cluster.",
    "Analysts said the sum was modest next to public {field} budgets but signalled intent.",
    "How much of the money arrives as cash rather than equipment for {field} labs is unclear.",
    "Graduate students at {P1} will be able to spend a term at {P2} under the {PROG}.",
    "The {field} agreement runs for an initial term, with an option to extend it.",
    "Both institutions said the {PROG} would publish its {field} results openly.",
    "Critics asked whether corporate money would steer the {field} agenda at {P1}.",
    "The first intake of {field} doctoral students is expected at {P2} next autumn.",
    "{P1} said the {PROG} would not replace its existing {field} grants.",
    "Local officials in {CITY} welcomed the attention the {field} deal brings.",
    "Intellectual property from the {PROG} will be shared under terms not yet published.",
    "A public lecture series on {field} is planned for {CITY} as part of the deal.",
]
# A sentence naming a country (COUNTRY_FORMS: each document writes the event's country its own
# way, a legitimate variant).
COUNTRY_T = [
    "Observers from {CTRY} attended the {field} signing.",
    "A delegation from {CTRY} followed the {field} talks.",
    "Officials from {CTRY} sent a message of support.",
    "Companies from {CTRY} are expected to join the {field} work later.",
    "Researchers from {CTRY} will be invited to the first {field} workshop.",
]
# One country written the ways the press writes it: one entity, never a misspelling.
COUNTRY_FORMS = [["the United Kingdom", "the U.K.", "Britain", "the UK"],
                 ["the United States", "the U.S.", "the US", "America"],
                 ["the Netherlands", "Holland"], ["South Korea", "the Republic of Korea"]]
TITLE_T = [
    "{P1} and {P2} launch {AMTS} {field} partnership",
    "{PROG} signed in {CITY}",
    "{LEAD} unveils {field} alliance backed by {AMTS}",
    "Industry puts {AMTS} behind new {field} research pact",
    "{P1} and {P2} team up on {field}",
    "What the new {field} alliance means for {REGION}",
    "{CITY} signing seals {field} research pact",
    "New {field} partnership pairs {P1} with {P2}",
]
BLOG_SUBHEADS = ["Who is paying", "The money", "What they will work on", "Why it matters",
                 "The fine print", "What to watch"]


BULLET_INTRO_T = [
    "The funders are:",
    "The {PROG} is paid for by:",
    "Who is putting up the money:",
    "The companies behind the {field} work:",
]
BULLET_OUTRO_T = [
    "{COUNT} are also contributing.",
    "They are joined by {COUNT}.",
    "Smaller contributions come from {COUNT}.",
]


class Pool:
    """Templates of one family, dealt without replacement within an event."""

    def __init__(self, rng: random.Random, templates: list[str]):
        self.rng = rng
        self.templates = templates
        self.left: list[int] = []

    def take(self, allowed=None) -> str:
        if not self.left:
            self.left = list(range(len(self.templates)))
            self.rng.shuffle(self.left)
        for k, i in enumerate(self.left):
            if allowed is None or allowed(self.templates[i]):
                return self.templates[self.left.pop(k)]
        return self.rng.choice([t for t in self.templates if allowed is None or allowed(t)])


def fill(template: str, **kw) -> str:
    out = template
    for k, v in kw.items():
        out = out.replace("{" + k + "}", v)
    return out[0].upper() + out[1:] if out and out[0].islower() else out


# --------------------------------------------------------------------------------------------
# Teasers for sidebars (unrelated stories with numbers, names, dates and traps)
# --------------------------------------------------------------------------------------------

def teasers(ev: Event, rng: random.Random, n: int) -> list[tuple[str, str]]:
    d = ev.date - dt.timedelta(days=rng.randint(3, 40))
    wrong_wd = WEEKDAYS[(d.weekday() + rng.randint(1, 6)) % 7]
    off = ev.official
    pool = [
        (f"{_company(rng)} to hire {rng.randint(20, 400)} engineers at a new {rng.choice(CITIES)[0]} site",
         f"{rng.choice(GIVEN)} {_family(rng)}, its chief executive, said the first "
         f"{rng.randint(5, 40)} staff would start on {wrong_wd}, {md(d)}."),
        (f"Council approves ${rng.randint(2, 90)} million for harbour dredging",
         f"Work is due to finish in {rng.randint(2026, 2030)}, officials said."),
        (f"{num_text(rng.randint(3, 20), rng).capitalize()} {ev.count_noun} to exhibit at "
         f"{rng.choice(CITIES)[0]} trade fair",
         f"The fair opens on {WEEKDAYS[(d.weekday() + 2) % 7]}, {md(d)}."),
        (f"{off.family} says export rules will be reviewed \"every {rng.randint(6, 24)} months\"",
         f"The review will cover {rng.randint(10, 60)} product categories."),
        (f"{off.title} {off.given} {misspell(off.family, rng)} opens new ferry terminal",
         f"The terminal cost ${rng.randint(30, 300)} million and took "
         f"{num_text(rng.randint(2, 6), rng)} years to build."),
        (f"{_company(rng)} raises ${rng.randint(5, 80)}M in new funding round",
         f"Investors include {_company(rng)} and {_company(rng)}, the company said."),
        (f"{rng.choice(ev.funders)} weighs a bigger bet on {rng.choice(FIELDS)[0]}",
         f"Executives hinted at a ${rng.randint(1, 9)} billion fund at a briefing."),
        (f"Funding from {_company(rng)} and {_company(rng)} backs new vaccine lab",
         f"The lab will employ {rng.randint(12, 90)} scientists."),
    ]
    rng.shuffle(pool)
    return pool[:n]


# --------------------------------------------------------------------------------------------
# One event's documents
# --------------------------------------------------------------------------------------------

STYLE_FORMATS = {"press": ["html"], "news": ["html", "txt"], "wire": ["txt"], "blog": ["md"]}
PLANT_CLASSES = ["name-spelling", "name-case", "amount", "count", "list-drop", "weekday",
                 "quote-drift"]
# Planted on the untitled applicant, from a stream of their own (the draws above are unchanged):
# the surname misspelt, the age off by two or three years.
APPLICANT_PLANTS = ["applicant-spelling", "applicant-age"]
APPLICANT_HOMES = ["Brackenford", "Elmsworth", "Thornvale", "Ashcombe", "Wyndle Cross",
                   "Kelby Moor", "Oakhurst", "Pellingham"]
# The applicant's sentence: an age apposition, a list after "identified as", a person noun.
APPLICANT_T = [
    "{N}, {AGE}, of {HOME}, was the first student to apply.",
    "Among the first applicants was {N}, {AGE}, of {HOME}, who hopes to stay in {CITY}.",
    "One early applicant, {N}, {AGE}, of {HOME}, said the places filled within a week.",
    "The first applicant was identified as {N}, {AGE}, of {HOME}.",
    "Student {N}, {AGE}, of {HOME}, was among the first to apply.",
]


def plan_docs(ev: Event, k: int, rng: random.Random, errors: bool) -> list[Doc]:
    rest = ["news", "wire", "blog"]
    rng.shuffle(rest)
    order = ["press"] + rest
    docs: list[Doc] = []
    used: dict[str, int] = {}
    for j in range(k):
        style = order[j % 4] if j < 4 else rng.choice(["news", "wire", "blog"])
        fmt = rng.choice(STYLE_FORMATS[style])
        used[style] = used.get(style, 0) + 1
        suffix = style if used[style] == 1 else f"{style}{used[style]}"
        ext = {"html": "html", "txt": "txt", "md": "md"}[fmt]
        if style == "press":
            publisher = f"{ev.lead.removeprefix('the ')} Newsroom"
            pub = ev.date
        elif style == "wire":
            publisher = rng.choice(WIRE_OUTLETS)[0]
            pub = ev.date + dt.timedelta(days=rng.choice([0, 0, 1]))
        elif style == "news":
            publisher = rng.choice(NEWS_OUTLETS)
            pub = ev.date + dt.timedelta(days=rng.choice([0, 1, 1, 2]))
        else:
            publisher = rng.choice(BLOGS)
            pub = ev.date + dt.timedelta(days=rng.choice([1, 2, 3, 4]))
        author = f"{rng.choice(GIVEN)} {_family(rng)}"
        docs.append(Doc(f"{ev.eid}-{suffix}.{ext}", style, fmt, publisher, pub, author))
    if errors and k >= 2:
        # each planted class lands in one non-reference document (never the press release)
        for cls in PLANT_CLASSES:
            if rng.random() < 0.55:
                docs[rng.randrange(1, k)].plant.add(cls)
        rng2 = random.Random(f"claim-audit-applicant-plants:{ev.eid}:{k}")
        for cls in APPLICANT_PLANTS:
            if rng2.random() < 0.55:
                docs[rng2.randrange(1, k)].plant.add(cls)
        # a misstated floor area, from its own random stream (the rest of the corpus as before)
        mrng = random.Random(f"{ev.eid}|measure-plant")
        if mrng.random() < 0.55:
            docs[mrng.randrange(1, k)].plant.add("measurement")
    return docs


def render_event(ev: Event, docs: list[Doc], rng: random.Random) -> list[tuple[Doc, str]]:
    pools = {name: Pool(rng, t) for name, t in (
        ("lead", LEAD_T), ("amount", AMOUNT_T), ("list", LIST_T), ("plist", LIST_PARTIAL_T),
        ("narrow", NARROW_T), ("intro", OFFICIAL_INTRO_T), ("oquote", OFFICIAL_QUOTE_T),
        ("head", HEAD_T), ("exec", EXEC_T), ("hquote", HEAD_QUOTE_T), ("filler", FILLER_T),
        ("title", TITLE_T))}
    n_slots = sum(isinstance(p, tuple) for p in ev.quote_parts)
    drift_slots = set(rng.sample(range(n_slots), min(n_slots, rng.randint(2, 4))))
    original_quote = quote_text(ev.quote_parts, ev.field_)
    drifted_quote = quote_text(ev.quote_parts, ev.field_, drift_slots)
    out = []
    used: set[str] = set()
    for doc in docs:
        out.append((doc, render_doc(ev, doc, rng, pools, original_quote, drifted_quote, used)))
        used.update(doc.sentences)
    return out


# Amounts in another frame than the event's total (legitimate, never a value-conflict): a
# per-company share, an earlier programme, last year's scheme, a bounded or rounded total.
FRAME_T = {
    "each": ["The two lead companies are each putting in {EACH}.",
             "Its two largest backers will contribute {EACH} apiece."],
    "earlier": ["An earlier {field} programme received {OLD} in {YEAR}.",
                "A previous {field} scheme in the region was worth {OLD}."],
    "last-year": ["Last year a separate {field} effort received {OLD}."],
    "bounded": ["Backers have promised more than {LOWER} for the {field} work.",
                "The {field} package is worth about {ROUND}, officials said."],
}


def _about(m: int) -> int:
    """The total "about" rounds to: the nearest ten when that is within 10 % of it, else the
    nearest five, else the total itself ("about $10 million" for $12 million is 17 % off, as
    far off as a planted amount error, so it is no legitimate rounding)."""
    for step in (10, 5):
        r = max(step, int(round(m / step) * step))
        if abs(r - m) <= 0.1 * m:
            return r
    return m


def frame_sentence(ev: Event, doc: Doc, common: dict[str, str], used: set[str]) -> str:
    """An amount in another frame, in about 40 % of the documents (its own random stream, so
    the rest of the corpus does not change); never a sentence another document has."""
    rng = random.Random(f"{ev.eid}|{doc.name}|frames")
    if rng.random() >= 0.4:
        return ""
    m = ev.amount_m
    # The earlier programme is one fact of the event: every document that mentions it gives the
    # same amount and year (drawn per document, two documents stated two amounts for one
    # programme in one year - a real discrepancy the ground truth called legitimate).
    ev_rng = random.Random(f"{ev.eid}|frames-earlier")
    old_m = round(m * ev_rng.uniform(0.6, 0.85))
    year = str(ev.date.year - ev_rng.randint(2, 6))
    rng.uniform(0.6, 0.85)  # the draw that used to pick it, kept so the stream is unchanged
    values = {
        "EACH": money_text(max(1, m // 2), rng),
        "OLD": money_text(max(1, old_m), rng),
        "LOWER": money_text(max(1, m - max(1, m // 10)), rng),
        "ROUND": money_text(_about(m), rng),
    }
    rng.randint(2, 6)  # likewise (the year's draw)
    options = [(kind, t) for kind in sorted(FRAME_T) for t in FRAME_T[kind]]
    rng.shuffle(options)
    for kind, tmpl in options:
        text = fill(tmpl, YEAR=year, **values, **common)
        if text in used:
            continue
        key = next(k for k in ("EACH", "OLD", "LOWER", "ROUND") if "{" + k + "}" in tmpl)
        doc.frame_text, doc.frame_kind = values[key], kind
        return text
    return ""


# The programme's facility and its floor area: in square feet, or converted to square metres
# (legitimately the same), or misstated in one document (a measurement-conflict).
MEASURE_T = {
    "ft": ["The programme will be run from a new {SQFT}-square-foot facility in {CITY}.",
           "Teams will work in a {SQFT}-square-foot facility on the {P1} campus.",
           "A {SQFT} sq ft facility in {CITY} will house the {field} work.",
           "The partners plan a {SQFT}-square-foot {field} facility near {CITY}."],
    "m": ["The work will be housed in a {SQM}-square-metre facility in {CITY}.",
          "Researchers will share a {SQM}-square-metre facility on the {P1} campus."],
}


def facility_sqft(ev: Event) -> int:
    return random.Random(f"{ev.eid}|area").randint(18, 95) * 1000


def measure_sentence(ev: Event, doc: Doc, common: dict[str, str], used: set[str]) -> str:
    """The facility's floor area, in the press release, a planted document and about 60 % of
    the others (its own random stream, so the rest of the corpus does not change)."""
    rng = random.Random(f"{ev.eid}|{doc.name}|measure")
    planted = "measurement" in doc.plant
    if doc.style != "press" and not planted and rng.random() >= 0.6:
        return ""
    sqft = facility_sqft(ev)
    if planted:
        sqft += rng.choice([-1, 1]) * max(2, round(sqft * rng.uniform(0.1, 0.3) / 1000)) * 1000
    units = ["ft"] if planted else rng.sample(["ft", "ft", "m"], 3)
    values = {"SQFT": f"{sqft:,}", "SQM": f"{round(sqft * 0.09290304):,}"}
    for unit in dict.fromkeys(units):
        tmpls = list(MEASURE_T[unit])
        rng.shuffle(tmpls)
        for tmpl in tmpls:
            text = fill(tmpl, **values, **common)
            if text in used:
                continue
            key = "SQFT" if unit == "ft" else "SQM"
            rest = tmpl.split("{" + key + "}", 1)[1]
            unit_words = re.match(r"-square-(?:foot|metre)| sq ft", rest)
            doc.measure_text = values[key] + (unit_words[0] if unit_words else "")
            return text
    return ""


_CUT_BEFORE = frozenset("and while because but so which when".split())


def render_doc(ev: Event, doc: Doc, rng: random.Random, pools: dict[str, Pool],
               original_quote: str, drifted_quote: str, used: set[str]) -> str:
    curly = doc.fmt != "txt" or rng.random() < 0.3
    oq, cq = ("\u201c", "\u201d") if curly else ('"', '"')
    # amount, count, funders as this document states them
    amount = ev.amount_m
    if "amount" in doc.plant:
        amount = ev.amount_m + rng.choice([-1, 1]) * max(1, round(ev.amount_m * rng.uniform(0.08,
                                                                                          0.3)))
    count = ev.count_n
    if "count" in doc.plant:
        count = ev.count_n + rng.choice([-1, 1]) if ev.count_n > 3 else ev.count_n + 1
    funders = list(ev.funders)
    rng.shuffle(funders)
    if "list-drop" in doc.plant:
        funders.remove(rng.choice([f for f in funders if f != ev.camel] or funders))
    camel_text = case_variant(ev.camel) if "name-case" in doc.plant else ev.camel
    funders = [camel_text if f == ev.camel else f for f in funders]
    off = ev.official
    fam = misspell(off.family, rng) if "name-spelling" in doc.plant else off.family
    swapped = off.swappable and rng.random() < 0.5
    doc.name_orders.add(swapped)
    oname = off.name(swapped, fam)
    doc.official_name = oname
    amt = money_text(amount, rng)
    doc.amount_text = amt
    count_txt = f"{num_text(count, rng)} {ev.count_noun}"
    doc.count_text = count_txt
    dforms = date_forms(ev.date, doc.pub_date, wrong_weekday="weekday" in doc.plant)
    dtext = rng.choice(dforms)
    doc.date_text = dtext
    quote = drifted_quote if "quote-drift" in doc.plant else original_quote
    doc.quote_text = quote
    p2_name = ev.p2
    p2_later = ev.p2_acronym if ev.p2_acronym and rng.random() < 0.5 else ev.p2
    forms = COUNTRY_FORMS[sum(map(ord, ev.eid)) % len(COUNTRY_FORMS)]
    common = dict(P1=ev.p1, P2=p2_name, PROG=ev.programme, LEAD=ev.lead, CITY=ev.city,
                  REGION=ev.region, field=ev.field_, CTRY=rng.choice(forms))

    paras: list[str] = []
    # 1. lead with the date
    lead = fill(pools["lead"].take(), DATE=dtext, **common)
    if ev.p2_acronym and p2_later != ev.p2:
        lead = lead.replace(ev.p2, f"{ev.p2} ({ev.p2_acronym})", 1)
    common["P2"] = p2_later
    first = [lead]
    # 2. the amount
    first.append(fill(pools["amount"].take(), AMT=amt, **common))
    paras.append(" ".join(first))
    # 2b. sometimes a second amount that states something else (never a conflict)
    if "amount" not in doc.plant:
        frame = frame_sentence(ev, doc, common, used)
        if frame:
            paras.append(frame)
    # 2c. the facility's floor area
    measure = measure_sentence(ev, doc, common, used)
    if measure:
        paras[-1] = paras[-1] + " " + measure
    # 3. the funder list with the count tail
    complete_only = "list-drop" in doc.plant or rng.random() < 0.8
    tmpl = pools["list"].take() if complete_only else pools["plist"].take()
    doc.list_complete_template = tmpl in LIST_T
    style = rng.choice(["and", "oxford", "semicolon", "as_well_as", "and", "oxford"])
    if style == "as_well_as" and " as well as " in tmpl:
        style = "and"
    ltext = join_list(funders, rng, style)
    doc.list_text = ltext
    doc.camel_text = camel_text
    intros = [t for t in BULLET_INTRO_T if fill(t, **common).rstrip(":") + "." not in used]
    outros = [t for t in BULLET_OUTRO_T if fill(t, COUNT=count_txt, **common) not in used]
    if doc.fmt != "txt" and rng.random() < 0.2 and intros and outros:
        # a bulleted list of funders (blogs and web pages do this)
        intro_t = rng.choice(intros)
        paras.append(("bullets", fill(intro_t, **common), funders,
                      fill(rng.choice(outros), COUNT=count_txt, **common)))
        doc.list_text = funders[0]
        doc.list_complete_template = "include" not in intro_t
        lst = ""
    else:
        lst = fill(tmpl, LIST=ltext, COUNT=count_txt, **common)
    para = [lst] if lst else []
    # 4. a narrower-scope list (legitimate)
    if rng.random() < 0.5:
        r, nf = ev.narrow
        nf = [camel_text if f == ev.camel else f for f in nf]
        rng.shuffle(nf)
        nlist = join_list(nf, rng)
        doc.narrow_text = nlist
        para.append(fill(pools["narrow"].take(), R=r, NLIST=nlist, **common))
    if para:
        paras.append(" ".join(para))
    # 5. the official's quote
    qt = pools["oquote"].take()
    intro = ""
    if "{SURNAME}" in qt or "{ROLEREF}" in qt or rng.random() < 0.4:
        intro = fill(pools["intro"].take(), TITLE=off.title, NAME=oname, ROLE=off.role, **common)
    r = rng.random()
    style = "pull" if doc.fmt == "html" and r < 0.2 else "split" if r < 0.4 else "inline"
    if style == "split" and not any(w.endswith(",") or w.lower() in _CUT_BEFORE
                                    for w in quote.split()[2:-2]):
        style = "inline"
    if style == "pull":
        # a pull quote: <blockquote> with a dash attribution
        atts = [f"\u2014 {off.title} {oname}", f"\u2014 {oname}, {off.role}",
                f"\u2014 {oname}"]
        att = next((a for a in atts if f"{oq}{quote}.{cq} {a}" not in used), None)
        if att is None:
            style = "inline"
        else:
            if intro:
                paras.append(intro)
            paras.append(("blockquote", f"{oq}{quote}.{cq}", att))
            used.add(f"{oq}{quote}.{cq} {att}")
    if style == "split":
        # a quote split around its attribution: "A," said X. "B."
        words = quote.split()
        # split where a speaker would pause: after a comma, or before a conjunction
        cuts = [i for i in range(3, len(words) - 2)
                if words[i - 1].endswith(",") or words[i].lower() in _CUT_BEFORE]
        forms = ["{OQ}{Q1},{CQ} said {TITLE} {NAME}. {OQ}{Q2}.{CQ}",
                 "{OQ}{Q1},{CQ} {NAME} said. {OQ}{Q2}.{CQ}",
                 "{OQ}{Q1},{CQ} {TITLE} {NAME} said. {OQ}{Q2}.{CQ}"]
        style = "inline"  # unless a split that no other document used turns up
        for _ in range(12):
            cut = rng.choice(cuts)
            q1, q2 = " ".join(words[:cut]).rstrip(","), " ".join(words[cut:])
            q2 = q2[0].upper() + q2[1:]
            qs = fill(rng.choice(forms), OQ=oq, CQ=cq, Q1=q1, Q2=q2, TITLE=off.title,
                      NAME=oname)
            if not any(x in used for x in _sentences(qs)):
                doc.quote_text = q1 if len(q1) >= len(q2) else q2
                paras.append((intro + " " + qs).strip())
                style = "split"
                break
    if style == "inline":
        qs = fill(qt, OQ=oq, CQ=cq, Q=quote, TITLE=off.title, NAME=oname, ROLE=off.role,
                  SURNAME=fam, ROLEREF=off.role, **common)
        paras.append((intro + " " + qs).strip())
    # 6. people
    h1, h2, ex = ev.head1, ev.head2, ev.exec1
    h2_swapped = h2.swappable and rng.random() < 0.5
    kind1 = "university" if "Universit" in ev.p1 else "institute"
    people = [fill(pools["head"].take(), T1=h1.title, N1=h1.name(), R1=h1.role, T2=h2.title,
                   N2=h2.name(h2_swapped), R2=h2.role, P1KIND=kind1, **common)]
    if rng.random() < 0.6:
        people.append(fill(pools["exec"].take(), F=ev.exec_org, TE=ex.title, NE=ex.name(),
                           RE=ex.role, **common))
    paras.append(" ".join(people))
    # 6b. the untitled applicant, with an age and a home town (its own random stream)
    if ev.applicant is not None:
        rng2 = random.Random(f"claim-audit-applicant-doc:{doc.name}")
        ap = ev.applicant
        afam = misspell(ap.family, rng2) if "applicant-spelling" in doc.plant else ap.family
        age = ev.applicant_age
        if "applicant-age" in doc.plant:
            age += rng2.choice([-3, -2, 2, 3])
        name = f"{ap.given} {afam}"
        for t in rng2.sample(APPLICANT_T, len(APPLICANT_T)):
            sent = fill(t, N=name, AGE=str(age), HOME=ev.applicant_home, **common)
            if sent not in used:  # no sentence is shared by two documents of an event
                used.add(sent)
                paras.append(sent)
                doc.applicant_name, doc.applicant_age = name, age
                break
    # 7. the partner head's quote (same words everywhere: not a drift)
    if rng.random() < 0.6:
        doc.head_quote_used = True
        hq = ev.head_quote.replace("{other}", ev.p2).replace("{field}", ev.field_)
        paras.append(fill(pools["hquote"].take(), OQ=oq, CQ=cq, Q=hq, N=h1.name(), R=h1.role,
                          T=h1.title, P=ev.p1, **common))
        if rng.random() < 0.35:
            # a second, different statement of the same speaker: not a reworded quote
            hq2 = HEAD_QUOTES[(HEAD_QUOTES.index(ev.head_quote) + 1) % len(HEAD_QUOTES)]
            hq2 = hq2.replace("{other}", ev.p2).replace("{field}", ev.field_)
            for t in rng.sample(HEAD_QUOTE_T, len(HEAD_QUOTE_T)):
                second = fill(t, OQ=oq, CQ=cq, Q=hq2, N=h1.name(), R=h1.role, T=h1.title,
                              P=ev.p1, **common)
                if not any(x in used for x in _sentences(second)):
                    paras.append(second)
                    break
    # 8. background
    for _ in range(rng.randint(2, 3)):
        paras.append(fill(pools["filler"].take(), **common))
    if rng.random() < 0.6:
        for t in rng.sample(COUNTRY_T, len(COUNTRY_T)):
            sent = fill(t, **common)
            if sent not in used:
                paras.append(sent)
                break
    doc.sentences = [s for p in paras for s in _sentences(_flat(p))]
    body = "\n".join(_flat(p) if not isinstance(p, tuple) or p[0] != "bullets"
                     else p[1] + " " + " ".join(p[2]) + " " + p[3] for p in paras)
    doc.country_text = next((f for f in forms if f"from {f} " in body), "")
    for attr in ("amount_text", "count_text", "date_text", "quote_text", "list_text",
                 "narrow_text", "official_name"):
        v = getattr(doc, attr)
        if v and v not in body and v[0].upper() + v[1:] in body:
            setattr(doc, attr, v[0].upper() + v[1:])  # written at the start of a sentence
    # title (compared): amount as this document states it
    amts = money_text(amount, rng, short=True)
    title = fill(pools["title"].take(), AMTS=amts, **{**common, "P2": ev.p2})
    doc.title = title  # type: ignore[attr-defined]
    sidebar = teasers(ev, rng, rng.randint(2, 4))
    for h, line in sidebar:
        doc.boilerplate.extend([h, line])
    if doc.fmt == "html":
        return _html(ev, doc, title, paras, sidebar, rng, oname)
    if doc.fmt == "md":
        return _markdown(ev, doc, title, paras, sidebar, rng)
    return _text(ev, doc, title, paras, sidebar, rng)


def _flat(p) -> str:
    if isinstance(p, str):
        return p
    if p[0] == "bullets":
        return p[1].rstrip(":") + ". " + p[3]  # the items are names, not sentences
    return " ".join(p[1:])


def _sentences(p: str) -> list[str]:
    import re

    return [s for s in re.split(r"(?:(?<=[.!?])|(?<=[.!?][\u201d\"]))\s+(?=[A-Z0-9\u201c\"])", p) if s]


def _e(s: str) -> str:
    return html.escape(s, quote=False)


def _html_block(p) -> str:
    if isinstance(p, str):
        return f"<p>{_e(p)}</p>"
    if p[0] == "bullets":
        items = "".join(f"<li>{_e(x)}</li>" for x in p[2])
        return f"<p>{_e(p[1])}</p>\n<ul>{items}</ul>\n<p>{_e(p[3])}</p>"
    return f"<blockquote><p>{_e(p[1])}</p><p>{_e(p[2])}</p></blockquote>"


def _md_block(p) -> str:
    if isinstance(p, str):
        return p
    if p[0] == "bullets":
        return p[1] + "\n\n" + "\n".join(f"- {x}" for x in p[2]) + "\n\n" + p[3]
    return f"> {p[1]}\n>\n> {p[2]}"


def _html(ev: Event, doc: Doc, title: str, paras: list, sidebar, rng, oname: str) -> str:
    nav = "".join(f'<li><a href="/{x.lower()}">{x}</a></li>'
                  for x in ["Home", "News", "Research", "Business", "Contact"])
    figure = ""
    if rng.random() < 0.5:
        cap = fill(rng.choice(CAPTION_T), TITLE=ev.official.title, NAME=oname, P1=ev.p1,
                   P2=ev.p2, CITY=ev.city, PROG=ev.programme)
        figure = (f'<figure><img src="/img/{ev.eid}.jpg" alt="Signing ceremony">'
                  f"<figcaption>{_e(cap)}</figcaption></figure>\n")
    body = "\n".join(_html_block(p) for p in paras)
    contact = ""
    if doc.style == "press":
        contact = (f'<div class="media-contact"><h2>Media contact</h2><p>{_e(doc.author)}<br>'
                   f"press@{ev.eid}.example.org<br>+1 555 01{rng.randint(10, 99)}</p></div>\n")
    side_head = rng.choice(SIDEBAR_HEADS)
    items = "\n".join(f'<li><a href="/news/{i}">{_e(h)}</a> \u2014 {_e(line)}</li>'
                      for i, (h, line) in enumerate(sidebar))
    byline = "" if doc.style == "press" else f'<p class="byline">By {_e(doc.author)}</p>\n'
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{_e(title)} | {_e(doc.publisher)}</title>
<meta property="og:site_name" content="{_e(doc.publisher)}">
<style>body {{ font-family: Georgia, serif; max-width: 46rem; }}</style>
<script>window.track = function () {{ return "{ev.eid}"; }};</script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header><p class="site-name">{_e(doc.publisher)}</p>
<nav><ul>{nav}</ul></nav></header>
<main id="main">
<article>
<h1>{_e(title)}</h1>
<p class="dateline">{WEEKDAYS[doc.pub_date.weekday()]}, {md(doc.pub_date)}</p>
{byline}{figure}{body}
{contact}</article>
<aside class="related-stories">
<h2>{side_head}</h2>
<ul>
{items}
</ul>
</aside>
</main>
<footer><p>{_e(doc.publisher)} \u00b7 {rng.randint(1, 400)} Example Street</p>
<p>\u00a9 {doc.pub_date.year} {_e(doc.publisher)}. All rights reserved.</p></footer>
</body>
</html>
"""


def _markdown(ev: Event, doc: Doc, title: str, paras: list[str], sidebar, rng) -> str:
    lines = ["---", f'title: "{title}"', f"author: {doc.author}",
             f"date: {doc.pub_date.isoformat()}", "---", "",
             "[Home](/) \u00b7 [Research](/research) \u00b7 [Policy](/policy) \u00b7 "
             "[Newsletter](/subscribe)", "", f"# {title}", "",
             f"*By {doc.author} \u00b7 {md(doc.pub_date)} \u00b7 {rng.randint(2, 7)} min read*",
             ""]
    heads = rng.sample(BLOG_SUBHEADS, 2)
    for i, p in enumerate(paras):
        if i in (2, 5):
            lines += [f"## {heads[0] if i == 2 else heads[1]}", ""]
        lines += [_md_block(p), ""]
    lines += ["---", "", f"## {rng.choice(SIDEBAR_HEADS)}", ""]
    lines += [f"- **{h}** \u2014 {line}" for h, line in sidebar]
    lines += ["", "### About the author", "",
              f"{doc.author} writes about research funding for {doc.publisher}.", ""]
    return "\n".join(lines)


def _text(ev: Event, doc: Doc, title: str, paras: list[str], sidebar, rng) -> str:
    if doc.style == "wire":
        abbr = next((a for n, a in WIRE_OUTLETS if n == doc.publisher), "WIRE")
        dateline = f"{ev.city.upper()} ({abbr}) \u2014 "
    else:
        dateline = ""
    lines = ["Skip to main content",
             f"{doc.publisher} | News | Business | Science | Opinion", "", title, "",
             f"By {doc.author}, {doc.publisher}",
             (f"{WEEKDAYS[doc.pub_date.weekday()]}, " if rng.random() < 0.5 else "")
             + md(doc.pub_date), ""]
    for i, p in enumerate(paras):
        p = _md_block(p) if not isinstance(p, str) else p
        lines += [(dateline + p) if i == 0 else p, ""]
    if doc.style == "wire":
        lines += [f"(Reporting by {doc.author}; editing by {rng.choice(GIVEN)} {_family(rng)})",
                  ""]
    rule = "-" * 60
    lines += [rule, rng.choice(SIDEBAR_HEADS), ""]
    for h, line in sidebar:
        lines += [h, line, ""]
    lines += [rule, "", "About the author",
              f"{doc.author} covers science and industry for {doc.publisher}.", "",
              f"(c) {doc.pub_date.year} {doc.publisher}. All rights reserved.", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Ground truth
# --------------------------------------------------------------------------------------------

def truth_items(ev: Event, docs: list[Doc]) -> tuple[list[dict], list[dict], list[dict]]:
    planted: list[dict] = []
    legit: list[dict] = []
    ref = docs[0]

    def other(pred) -> Doc | None:
        return next((d for d in docs if pred(d)), None)

    for d in docs:
        for cls in sorted(d.plant):
            pid = f"{ev.eid}-{cls}"
            if cls == "name-spelling":
                good = other(lambda x: "name-spelling" not in x.plant)
                wrong_family = d.official_name.replace(ev.official.given, "").strip()
                planted.append(dict(
                    id=pid, **{"class": "name-variant"}, severity="error",
                    documents=[d.name, good.name],
                    values=[d.official_name, ev.official.family],
                    note=f"Official's surname misspelt '{wrong_family}' (correct: "
                         f"'{ev.official.family}')."))
            elif cls == "applicant-spelling":
                good = other(lambda x: "applicant-spelling" not in x.plant and x.applicant_name)
                if good is None or not d.applicant_name:
                    continue  # the document had no applicant sentence left to write
                planted.append(dict(
                    id=pid, **{"class": "name-variant"}, severity="error",
                    documents=[d.name, good.name],
                    values=[d.applicant_name, good.applicant_name],
                    note="An untitled person's surname misspelt."))
            elif cls == "applicant-age":
                good = other(lambda x: "applicant-age" not in x.plant and x.applicant_name)
                if good is None or not d.applicant_name:
                    continue  # the document had no applicant sentence left to write
                planted.append(dict(
                    id=pid, **{"class": "attribute-conflict"}, severity="warning",
                    documents=[d.name, good.name],
                    values=[str(d.applicant_age), str(good.applicant_age)],
                    note="An untitled person's age differs from the other sources'."))
            elif cls == "name-case":
                planted.append(dict(
                    id=pid, **{"class": "name-variant"}, severity="info",
                    documents=[d.name, ref.name], values=[d.camel_text, ev.camel],
                    note="Case-only variant of a funder's name."))
            elif cls == "amount":
                good = other(lambda x: "amount" not in x.plant)
                planted.append(dict(
                    id=pid, **{"class": "value-conflict"}, severity="warning",
                    documents=[d.name, good.name], values=[d.amount_text, good.amount_text],
                    note=f"Amount stated as {d.amount_text} instead of ${ev.amount_m} million."))
            elif cls == "count":
                good = other(lambda x: "count" not in x.plant)
                planted.append(dict(
                    id=pid, **{"class": "value-conflict"}, severity="warning",
                    documents=[d.name, good.name], values=[d.count_text, good.count_text],
                    note=f"Count stated as '{d.count_text}' instead of {ev.count_n}."))
            elif cls == "list-drop":
                good = other(lambda x: "list-drop" not in x.plant and x.list_complete_template)
                good = good or ref
                planted.append(dict(
                    id=pid, **{"class": "list-mismatch"}, severity="warning",
                    documents=[d.name, good.name], values=[d.list_text, good.list_text],
                    note="Funder list presented as complete with one funder missing."))
            elif cls == "weekday":
                planted.append(dict(
                    id=pid, **{"class": "date-weekday"}, severity="error",
                    documents=[d.name], values=[d.date_text],
                    note=f"{ev.date.isoformat()} was a {WEEKDAYS[ev.date.weekday()]}."))
            elif cls == "measurement":
                good = other(lambda x: "measurement" not in x.plant and x.measure_text != "")
                if good is None or not d.measure_text:
                    continue
                planted.append(dict(
                    id=pid, **{"class": "measurement-conflict"}, severity="error",
                    documents=[d.name, good.name], values=[d.measure_text, good.measure_text],
                    note=f"Facility stated as {d.measure_text} instead of "
                         f"{facility_sqft(ev):,} square feet."))
            elif cls == "quote-drift":
                good = other(lambda x: "quote-drift" not in x.plant)
                planted.append(dict(
                    id=pid, **{"class": "quote-drift"}, severity="warning",
                    documents=[d.name, good.name], values=[d.quote_text, good.quote_text],
                    note=f"{ev.official.name()}'s quote reworded."))
    # legitimate variants present in this event
    ok = [d for d in docs if not ({"amount"} & d.plant)]
    amts = {}
    for d in ok:
        amts.setdefault(d.amount_text, d)
    if len(amts) > 1:
        (a, da), (b, db) = list(amts.items())[:2]
        legit.append(dict(id=f"{ev.eid}-L-money", **{"class": "value-conflict"}, severity="none",
                          documents=[da.name, db.name], values=[a, b],
                          note="Same amount written two ways."))
    for d in docs:
        if d.frame_text and ok:
            good = next((x for x in ok if x is not d), d)
            legit.append(dict(id=f"{ev.eid}-L-frame-{d.name}", **{"class": "value-conflict"},
                              severity="none", documents=[d.name, good.name],
                              values=[d.frame_text, good.amount_text],
                              note=f"An amount in another frame ({d.frame_kind}), not the "
                                   "event's total."))
    areas: dict[str, Doc] = {}
    for d in docs:
        if d.measure_text and "measurement" not in d.plant:
            areas.setdefault("m" if "metre" in d.measure_text else "ft", d)
    if len(areas) > 1:
        da, db = areas["ft"], areas["m"]
        legit.append(dict(id=f"{ev.eid}-L-measure", **{"class": "measurement-conflict"},
                          severity="none", documents=[da.name, db.name],
                          values=[da.measure_text, db.measure_text],
                          note="One floor area in square feet and in square metres."))
    for d in docs:
        if d.narrow_text:
            legit.append(dict(id=f"{ev.eid}-L-narrow-{d.name}", **{"class": "list-mismatch"},
                              severity="none", documents=[d.name, d.name],
                              values=[d.narrow_text, d.list_text],
                              note="Narrower-scope list (one recipient's funders)."))
    if ev.official.swappable:
        orders = {}
        for d in docs:
            if "name-spelling" not in d.plant:
                orders.setdefault(d.official_name, d)
        if len(orders) > 1:
            (a, da), (b, db) = list(orders.items())[:2]
            legit.append(dict(id=f"{ev.eid}-L-order", **{"class": "name-variant"},
                              severity="none", documents=[da.name, db.name], values=[a, b],
                              note="Given-name-first vs family-name-first."))
    countries = {}
    for d in docs:
        if d.country_text:
            countries.setdefault(d.country_text.removeprefix("the "), d)
    if len(countries) > 1:
        (a, da), (b, db) = list(countries.items())[:2]
        legit.append(dict(id=f"{ev.eid}-L-country", **{"class": "name-variant"},
                          severity="none", documents=[da.name, db.name], values=[a, b],
                          note="One country written two ways (name, abbreviation, nickname)."))
    years = [d for d in docs if "weekday" not in d.plant]
    no_year = next((d for d in years if str(ev.date.year) not in d.date_text), None)
    with_year = next((d for d in years if str(ev.date.year) in d.date_text), None)
    if no_year and with_year:
        legit.append(dict(id=f"{ev.eid}-L-date", **{"class": "value-conflict"}, severity="none",
                          documents=[no_year.name, with_year.name],
                          values=[no_year.date_text, with_year.date_text],
                          note="Date without a year (or a weekday alone) vs the full date."))
    boiler = [dict(document=d.name, values=d.boilerplate) for d in docs]
    return planted, legit, boiler


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _toml_table(name: str, item: dict) -> str:
    lines = [f"[[{name}]]"]
    for k, v in item.items():
        if isinstance(v, list):
            lines.append(f"{k} = [" + ", ".join(_toml_str(x) for x in v) + "]")
        else:
            lines.append(f"{k} = {_toml_str(v)}")
    return "\n".join(lines) + "\n\n"


def _manifest_entry(path: str, title: str, publisher: str, date: dt.date) -> str:
    return (f"[[document]]\npath = {_toml_str(path)}\ntitle = {_toml_str(title)}\n"
            f"publisher = {_toml_str(publisher)}\ndate = {date.isoformat()}\n\n")


def generate(out: Path | str, events: int, docs_per_event: int, seed: int = 0,
             errors: bool = True, progress=None) -> dict:
    """Write a corpus of ``events`` x ``docs_per_event`` documents under ``out``; return the
    ground truth (what ``out/truth.toml`` holds) plus counts."""
    out = Path(out)
    if docs_per_event < 1 or events < 1:
        raise ValueError("need at least one event and one document per event")
    src = out / "sources"
    src.mkdir(parents=True, exist_ok=True)
    (out / "audit.toml").write_text('[audit]\nsources = "sources"\n', encoding="utf-8")
    width = max(4, len(str(events - 1)))
    truth = {"planted": [], "legitimate": [], "documents": 0, "events": events, "bytes": 0}
    with open(src / "manifest.toml", "w", encoding="utf-8") as man, \
            open(out / "truth.toml", "w", encoding="utf-8") as tf:
        man.write("# Generated by benchmarks/generate.py; one [[document]] per file.\n\n")
        tf.write(f"# Ground truth for a generated corpus: seed {seed}, {events} events x "
                 f"{docs_per_event} documents, errors {'on' if errors else 'off'}.\n"
                 "# documents: file names relative to the event folder; values: exact "
                 "substrings of those files.\n\n")
        for i in range(events):
            ev = make_event(seed, i, width)
            rng = random.Random(f"claim-audit-docs:{seed}:{i}")
            docs = plan_docs(ev, docs_per_event, rng, errors)
            rendered = render_event(ev, docs, rng)
            folder = src / ev.eid
            folder.mkdir(exist_ok=True)
            ev_manifest = []
            for doc, content in rendered:
                data = content.encode("utf-8")
                (folder / doc.name).write_bytes(data)
                truth["bytes"] += len(data)
                truth["documents"] += 1
                title = doc.title  # type: ignore[attr-defined]
                man.write(_manifest_entry(f"{ev.eid}/{doc.name}", title, doc.publisher,
                                          doc.pub_date))
                ev_manifest.append(_manifest_entry(doc.name, title, doc.publisher,
                                                   doc.pub_date))
            (folder / "manifest.toml").write_text("".join(ev_manifest), encoding="utf-8")
            planted, legit, boiler = truth_items(ev, docs)
            for p in planted:
                tf.write(_toml_table("planted", p))
            for item in legit:
                tf.write(_toml_table("legitimate", item))
            for b in boiler:
                tf.write(_toml_table("boilerplate", b))
            truth["planted"].extend(planted)
            truth["legitimate"].extend(legit)
            _check_unique(ev, docs)
            if progress:
                progress(i)
    return truth


def _check_unique(ev: Event, docs: list[Doc]) -> None:
    """No two documents of an event share a sentence (guaranteed while the template families
    are at least as large as the number of documents)."""
    seen: dict[str, str] = {}
    for d in docs:
        for s in d.sentences:
            if len(s) >= 25 and s in seen and seen[s] != d.name and len(docs) <= 6:
                raise AssertionError(f"{ev.eid}: sentence shared by {seen[s]} and {d.name}: {s}")
            seen.setdefault(s, d.name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=4)
    ap.add_argument("--docs-per-event", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--no-errors", action="store_true", help="plant no discrepancies")
    args = ap.parse_args(argv)
    truth = generate(args.out, args.events, args.docs_per_event, args.seed,
                     errors=not args.no_errors)
    print(f"wrote {truth['documents']} documents ({truth['bytes'] / 1e6:.1f} MB) in "
          f"{truth['events']} events to {args.out}; {len(truth['planted'])} planted, "
          f"{len(truth['legitimate'])} legitimate variants")
    return 0


if __name__ == "__main__":
    sys.exit(main())
