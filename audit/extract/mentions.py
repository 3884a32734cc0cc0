"""Side mentions of people: names written where the people and quote extractors read no role
and no speech, so that their spelling is still checked against the people of the story
("Hartmann's lab", a caption "Anna Hartmann at the ceremony", "a study led by Anna Hartmann").

kind="mention", predicate="person", subject="mention" (the role key resolve knows them by),
value = {"name": the name as written, "form": "possessive" | "name"}.
Span: role="person" (the name only, no possessive ending).

Read: one to three capitalised name tokens before a possessive "'s" ("Hartmann's"), a
double-barrelled surname alone ("Marrow-Keane was arrested"), a surname alone where a person
is the likely reading (before "said", inside a sentence after a lower-case word), and runs of
two or three name tokens ("Anna Hartmann") that stand alone (no capitalised word right before
or after: "New Harbour Bridge Authority" is not read; a possessive before a name ends the run
before it: "Norway's Ingrid Vasslund"). Tokens that are stop words, months,
weekdays, nationalities, title words or organisation suffixes end a run; runs that are places
or countries, or end with a street or place noun ("... International Airport", "... Street"),
are skipped.

These mentions are evidence only: resolve keeps one only when it spells a person the story
names elsewhere, or a near miss of one (see ``audit.resolve.cluster``), and they never shape
stories. So a company or a street written like a name costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.claimvalues import MentionValue
from audit.extract.vocab import (
    COUNTRIES,
    DESCRIPTORS,
    LOW,
    MONTHS,
    NAME_TOKEN,
    NAME_TOKEN_TAIL,
    NATIONALITIES,
    ORG_HEADS,
    PERSON_NOUNS,
    SAY_VERBS,
    STOP_WORDS,
    STREET_NOUNS,
    UP,
    US_STATES,
    WEEKDAYS,
    Lexicon,
    lexicon,
)
from audit.model import ClaimDraft, Context, SpanRef
from audit.resolve.countries import names_a_country

NAME = "mentions"
VERSION = "19"
SIDE = "mention"  # the subject (and so the role key) of a side mention

# Opens with the capital as a plain class (the engine skips in C to the next one), then looks
# behind it: no word character, dot, apostrophe or hyphen before the name.
_RUN = re.compile(
    rf"(?P<name>{UP}(?<![\w.’'-].){NAME_TOKEN_TAIL}(?:[ \u00a0]{NAME_TOKEN}){{0,2}})"
    r"(?P<poss>['’]s(?![\w-]))?"
)
_CAP_BEFORE = re.compile(r"[A-Z][\w.’'&-]*[ \u00a0]\Z")
_TOKEN = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]\Z")
# a possessive ends a capitalised run: "New Zealand's Shannon Reid", "Acme's Tom Hale"
_POSSESSIVE_END = re.compile(r"[a-z]['’]s\Z")
# a double-barrelled surname alone ("Marrow-Keane was arrested"): distinctive enough to be
# read without a first name, even opening a sentence
_DOUBLE_BARRELLED = re.compile(r"[A-Z][a-z]{2,}-[A-Z][a-z]{2,}")
# a surname alone, four letters or more (resolve keeps a four-letter one only as a letter
# swapped in the surname of the story's main person), where a person is the
# likely reading: before a verb of saying ("Pellmann said", even opening a sentence), or inside
# a sentence after a lower-case word or a comma, not after an article ("scored by Pellmann",
# "Okafor, Pellmann and Brandt"); four letters only before a lower-case word ("that Kelm
# seemed")
_LONE_SURNAME = re.compile(rf"{UP}{LOW}{{3,}}")
_SAID_AFTER = re.compile(
    rf"[ \u00a0]*,?[ \u00a0]+(?:also[ \u00a0]+|later[ \u00a0]+)?(?:{SAY_VERBS})(?![\w-])")
_INSIDE_SENTENCE = re.compile(
    r"(?<![\w])(?!(?:the|a|an)[ \u00a0]\Z)[a-z]+[ \u00a0]\Z|[a-z],[ \u00a0]\Z")
# the last word of a longer name: "Group of Seven", "Banco de Portugal"
_NAME_OF_BEFORE = re.compile(r"[A-Z][\w.’'-]*[ \u00a0]+(?:of|de|du|des|del)[ \u00a0]\Z")
_HONORIFICS = frozenset("Mr Mrs Ms Mx Dr Prof Rev Sir Dame".split())
# articles of other languages that open a name's run ("Die Eagles") and are never part of it
# (not "Le", "La", "De", "El": name particles, as in "Le Pen")
_FOREIGN_ARTICLES = frozenset("Die Der Das Dem Den Los Las Gli".split())
_LOWER_AFTER = re.compile(r"[ \u00a0][a-z]")
# a surname alone that a role follows ("Pellmann is chairman and chief executive of ..."):
# a person, even opening a sentence
_IS_ROLE_AFTER = re.compile(
    r"[ \u00a0]+(?:is|was|has[ \u00a0]+been|had[ \u00a0]+been|became|remains)[ \u00a0]+"
    r"(?:(?:the|a|an|also|now|currently|its|their)[ \u00a0]+)*")


def _holds_role(text: str, b: int, end: int, lex: Lexicon) -> bool:
    """Whether a role title follows the name ending at ``b`` ("... is chairman of")."""
    m = _IS_ROLE_AFTER.match(text, b, end)
    return m is not None and lex.title_hit_re.match(text, m.end(), end) is not None
# German capitalises every noun: in a German sentence a lone capitalised word ("Unternehmen",
# "Unternehmer") is a common noun far more often than a surname, so it is not read alone there
_GERMAN_WORDS = re.compile(
    r"(?<![\w])(?:und|der|die|das|den|dem|des|mit|von|zu|zum|zur|ist|nicht|auf|für|im|ein"
    r"|eine|einer|einen|sich|wird|wurde|auch|bei|nach|aus|sind|hat|haben|über|unter|wie"
    r"|noch|nur|oder|aber|sein|seine|ihre|dass)(?![\w])")
# ", Pennsylvania," / ", Kenya." after a name: the name is a town of that state or country
# ("from Madison, Illinois, to Conway, Pennsylvania"), not a person
_REGION_AFTER = re.compile(r",[ \t]+(?P<r>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2})"
                           r"(?=[,.;:)\n]|\Z)")


def _town_of_a_region(text: str, b: int, end: int) -> bool:
    m = _REGION_AFTER.match(text, b, end)
    return m is not None and (m["r"] in US_STATES or m["r"] in COUNTRIES)


_CAP_AFTER = re.compile(r"[ \u00a0](?:[A-Z0-9]|of[ \u00a0][A-Z]|&)")


def _german_around(text: str, a: int, b: int, start: int, end: int) -> bool:
    """Two or more German function words within 80 characters of the word."""
    hits = _GERMAN_WORDS.finditer(text, max(start, a - 80), min(end, b + 80))
    return next(hits, None) is not None and next(hits, None) is not None


def _bad(w: str, lex: Lexicon) -> bool:
    bare = w.rstrip(".")
    return (
        w in STOP_WORDS or w in MONTHS or w in WEEKDAYS or w in NATIONALITIES
        # a people in the plural is a group, never a person: "Indigenous Australians"
        or w.endswith("s") and w[:-1] in NATIONALITIES
        or w in lex.title_words or bare.lower() in lex.org_suffixes or len(bare) < 2
        # a title in the plural before several names: "Justices Stephen Breyer, ..."
        or w.endswith("s") and w[:-1] in lex.title_words
    )


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    lex = lexicon(ctx.vocab)
    for m in _RUN.finditer(text, start, end):
        a, b = m.span("name")
        poss = bool(m.group("poss"))
        # the cheap tests first (a lone word, a longer run after it): most runs end here
        lone = _DOUBLE_BARRELLED.fullmatch(text, a, b) is not None
        if (not poss and not lone and _LONE_SURNAME.fullmatch(text, a, b) is not None
                and not _CAP_AFTER.match(text, b, end)):
            lone = (_SAID_AFTER.match(text, b, end) is not None
                    or _holds_role(text, b, end, lex)
                    or _INSIDE_SENTENCE.search(text, max(start, a - 30), a) is not None
                    and _NAME_OF_BEFORE.search(text, max(start, a - 40), a) is None
                    and (b - a > 4 or _LOWER_AFTER.match(text, b, end) is not None))
        if not poss and ((len(text[a:b].split()) < 2 and not lone)
                         or _CAP_AFTER.match(text, b, end)):
            continue
        # _CAP_BEFORE ends with a space right before the name
        before = (_CAP_BEFORE.search(text, max(start, a - 40), a)
                  if a > start and text[a - 1] in " \u00a0" else None)
        w0 = before.group(0).split()[0] if before else ""
        if before and w0.rstrip(".") not in _HONORIFICS and not _SENTENCE_END.search(w0) \
                and not _POSSESSIVE_END.search(w0):
            continue  # part of a longer capitalised run
        toks = [t.span() for t in _TOKEN.finditer(text, a, b)]
        if toks and text[toks[0][0]:toks[0][1]] in ORG_HEADS:
            continue  # "Instituto Nacional Electoral": an organisation, in its language's order
        article = False  # the run opens with an article of another language
        while toks and (_bad(text[toks[0][0]:toks[0][1]], lex)
                        or text[toks[0][0]:toks[0][1]] in _FOREIGN_ARTICLES
                        or text[toks[0][0]:toks[0][1]].lower() in PERSON_NOUNS
                        or text[toks[0][0]:toks[0][1]] in DESCRIPTORS and len(toks) > 2):
            article = text[toks[0][0]:toks[0][1]] in _FOREIGN_ARTICLES
            toks.pop(0)  # "Yesterday Anna Hartmann", "President Anna Hartmann", "Witness ..."
        if not toks or text[toks[0][0]:toks[0][1]] in ORG_HEADS:
            continue  # "Die Insel Rhodos": the head after the article
        a = toks[0][0]
        words = text[a:b].split()
        if any(_bad(w, lex) for w in words) or words[-1].endswith("."):
            continue
        if not poss and len(words) < 2 and not lone and not (
                article and _LONE_SURNAME.fullmatch(words[0])):  # "Die Eagels"
            continue
        if not poss and not article and len(words) < 2 \
                and _SAID_AFTER.match(text, b, end) is None \
                and _german_around(text, a, b, start, end):
            continue  # "das Unternehmen", "an Start-ups und Unternehmer" (not "Die Eagels")
        name = " ".join(words)
        if name in COUNTRIES or name in lex.places or words[-1] in STREET_NOUNS \
                or names_a_country(name) or _town_of_a_region(text, b, end):
            continue  # a place: "Harlow International Airport", "Regent Street", "Saudis"
        yield ClaimDraft(
            kind="mention",
            predicate="person",
            subject=SIDE,
            value=MentionValue(name=name, form="possessive" if poss else "name"),
            spans=[SpanRef(a, b, "person")],
            extractor=NAME,
            version=VERSION,
        )
