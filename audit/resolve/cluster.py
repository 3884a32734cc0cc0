"""Clustering mentions into entities.

Candidates are blocked (same entity type, and a shared token prefix or suffix, or the same role)
so the number of comparisons grows with the number of distinct spellings, not its square.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz.distance import OSA

from audit.resolve.countries import country_key
from audit.resolve.names import (
    acronym,
    classify,
    clean_surface,
    hyphens_apart,
    long_tokens,
    near_token,
    spelling_pair,
    surname_only,
    tokens,
)
from audit.resolve.roles import SYNONYMS as _SYNONYMS
from audit.resolve.roles import orgs_agree
from audit.unionfind import UnionFind

MAX_BLOCK = 400  # a block larger than this is too generic a key to be evidence of anything


@dataclass
class Mention:
    mention_id: str
    etype: str
    surface: str
    role_key: str = ""
    compared: bool = True
    joins: tuple[str, ...] = ()  # the key of the one entity a side mention is a near miss of
    document: str = ""  # the page it is read on ("": not known)
    line: int = -1  # the line (paragraph) of that page it is read on (-1: not known)


@dataclass
class Entity:
    entity_id: str
    etype: str
    canonical: str
    members: list[tuple[str, str, str]] = field(default_factory=list)  # (mention, variant, kind)


def garbled_expansions(longs: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of the long forms one acronym is defined with in one story ("National Highway
    Traffic Safety Administration (NHTSA)" on most pages, "National Highway Transportation
    Safety Association (NHTSA)" on one) that name one organisation, one of them garbled: as
    many words (three or more), the same first word, and at least half the words alike. Two
    bodies that share an acronym share few words ("European Central Bank" / "England and
    Wales Cricket Board") and stay apart."""
    forms = sorted({clean_surface(x) for x in longs})
    out = []
    for i, a in enumerate(forms):
        wa = a.casefold().split()
        for b in forms[i + 1:]:
            wb = b.casefold().split()
            if len(wa) != len(wb) or len(wa) < 3 or wa[0] != wb[0]:
                continue
            if 2 * sum(x == y for x, y in zip(wa, wb, strict=True)) >= len(wa):
                out.append((a, b))
    return out


def cluster(mentions: list[Mention], aliases: dict[str, str] | None = None,
            scope: str = "", expansions: Sequence[tuple[str, str]] = ()) -> list[Entity]:
    """Group mentions into entities. ``aliases`` maps a short form to its long form;
    ``expansions`` pairs two long forms of one acronym that name one organisation
    (``garbled_expansions``): they are one entity, one spelling of it wrong.

    Deterministic: keys are processed in sorted order and ids hash the canonical spelling.
    """
    aliases = {clean_surface(k): clean_surface(v) for k, v in (aliases or {}).items()}
    by_type: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_type[m.etype].append(m)
    if by_type.get("person") and by_type.get("org"):
        # a word written alone again and again that an organisation read once misspells is
        # that organisation
        moved = org_anchors([m for m in by_type["person"] if m.role_key == SIDE],
                            by_type["org"])
        if moved:
            gone = {m.mention_id for m in moved}
            by_type["person"] = [m for m in by_type["person"] if m.mention_id not in gone]
            by_type["org"] = by_type["org"] + moved
        # a side mention that no person of the story accounts for may misspell an organisation
        kept = {m.mention_id for m in side_mentions_kept(by_type["person"])}
        spare = [m for m in by_type["person"] if m.role_key == SIDE and m.mention_id not in kept]
        every_side = [m for m in by_type["person"] if m.role_key == SIDE]
        by_type["org"] = by_type["org"] + org_side_mentions(spare, by_type["org"], every_side)
    if by_type.get("person") and by_type.get("place"):
        # ... or a place ("Yokahama" with no cue, where the story names Yokohama twice)
        kept = {m.mention_id for m in side_mentions_kept(by_type["person"])}
        taken = {m.mention_id for m in by_type.get("org", ()) if m.joins}
        spare = [m for m in by_type["person"] if m.role_key == SIDE
                 and m.mention_id not in kept and m.mention_id not in taken]
        by_type["place"] = by_type["place"] + place_side_mentions(spare, by_type["place"])
    entities: list[Entity] = []
    for etype in sorted(by_type):
        entities.extend(_cluster_type(etype, by_type[etype], aliases, scope,
                                      expansions if etype == "org" else ()))
    return entities


ANCHOR_MENTIONS = 3
LONE_ANCHOR_MENTIONS = 5
# five letters, not six: a five-letter company written alone fourteen times anchors its one
# misspelling ("Oreva"/"Orewa" on held-out set 14); nothing else moved on any set
LONE_ANCHOR_LETTERS = 5
# The role key of a side mention (a name read outside any role or quote: see
# ``audit.extract.mentions``).
SIDE = "mention"


def side_mentions_kept(ms: list[Mention]) -> list[Mention]:
    """The person mentions to cluster: every mention read with a role or as a speaker, and the
    side mentions that spell one of those people (or a full name written alike at least
    ANCHOR_MENTIONS times) or a near miss of exactly one of them (a
    given name and surname with one token one letter off: "Anna Hartmann" / "Anna Hartman", or
    a long one, LONG_TOKEN letters or more, two letters off: "Wojciechowski" / "Wojcehowski"; a
    surname alone, five letters or more, one letter off a full name's surname and with its first
    letter: "Hartmann's", but not "Seven" for "Neven": a typo seldom hits the first letter).
    Precision first: any other side mention (a company, a street, a common word) is dropped."""
    if not any(m.role_key == SIDE for m in ms):
        return ms
    # a full name written alike ANCHOR_MENTIONS times or more is a person of the story too,
    # with no role read (players, victims, a judge named without title)
    written = Counter(tokens(m.surface, "person") for m in ms if m.role_key == SIDE)
    anchors = {k for k, n in written.items() if n >= ANCHOR_MENTIONS and len(k) >= 2
               and not surname_only(k)}
    # a single name of LONE_ANCHOR_LETTERS or more written alone LONE_ANCHOR_MENTIONS times or
    # more (a district, a team, a company, a surname used alone) anchors its misspellings
    # written alone too
    lone_anchors = {k for k, n in written.items() if n >= LONE_ANCHOR_MENTIONS and len(k) == 1
                    and len(k[0]) >= LONE_ANCHOR_LETTERS}
    # two such names one letter apart are two forms in use ("Marrakech"/"Marrakesh"), no anchor
    lone_anchors = {k for k in lone_anchors
                    if not any(o != k and near_token(k[0], o[0]) for o in lone_anchors)}
    written_all = Counter(tokens(m.surface, "person") for m in ms)
    pages = pages_of(ms)
    known = sorted(({tokens(m.surface, "person") for m in ms if m.role_key != SIDE} | anchors)
                   - {()})
    known_set = set(known)
    known_tokens = {t for k in known for t in k}
    # people named with a title somewhere in the story ("Chief Justice John Roberts")
    titled = sorted({tokens(m.surface, "person") for m in ms
                     if m.role_key and m.role_key != SIDE})
    full = [k for k in known if len(k) >= 2 and not surname_only(k)]
    # people the story names by a surname alone only ("..., Agarwal said")
    lone_known = sorted({k[0] for k in known if len(k) == 1 and len(k[0]) >= 5}
                        - {f[-1] for f in full})
    # (a lone anchor that is a full name's surname is that person, counted once)
    lone_tokens = sorted({a[0] for a in lone_anchors} - {f[-1] for f in full})
    out = []
    for m in ms:
        if m.role_key != SIDE:
            out.append(m)
            continue
        k = tokens(m.surface, "person")
        if k in known_set:
            keep = True
        elif mixed_name(k, full, written_all) is not None:
            keep = True
        elif (owner := given_name_off(k, full, pages)) is not None and \
                _outnumbers(owner, k, written_all):
            keep = True
        elif len(k) >= 2:
            keep = (len([f for f in full if _side_typo(spelling_pair(k, f))]) == 1
                    or _final_s_off(k, titled, written_all) is not None
                    or _surname_off_lone(k, lone_known, known_tokens))
        elif k in lone_anchors:
            keep = True
        elif (owner := _short_surname_typo(k, full, written, written_all,
                                          known_tokens)) is not None:
            out.append(replace(m, role_key="", joins=owner))
            continue
        else:
            keep = (len(k) == 1 and len(k[0]) >= 5 and k[0] not in known_tokens
                    and len({t for t in [*(f[-1] for f in full), *lone_tokens]
                             if near_token(k[0], t) and _one_letter_pair((k[0], t))
                             and k[0][0] == t[0]}) == 1)  # one surname, however many hold it
        if keep:
            out.append(replace(m, role_key="", joins=()))
    return out


def _surname_off_lone(k: tuple[str, ...], lone_known: Sequence[str],
                      known_tokens: set[str]) -> bool:
    """A full name whose surname is one letter off (same first letter) the surname alone of
    exactly one speaker or role-holder the story never names in full: "Nipun Aggarwal" on a
    page quoting "Agarwal" (the same person spelt two ways)."""
    sur = k[-1]
    if sur in known_tokens or len(sur) < 5:
        return False
    return len([t for t in lone_known if t[0] == sur[0] and near_token(sur, t)
                and _one_letter_pair((sur, t))]) == 1


def _final_s_off(k: tuple[str, ...], titled: Sequence[tuple[str, ...]],
                 written: Counter) -> tuple[str, ...] | None:
    """The one titled person whose full name ``k`` writes with a final "s" added to or dropped
    from the surname, the given names alike ("John Robert" for Chief Justice John Roberts,
    "Stephen Breyers" for Justice Stephen Breyer), written more often than ``k``, or None. A
    final "s" is no misspelling between two words or two people in general (a plural, "Matthew"
    and "Matthews"), but a person the story names with a title and more often is one person,
    misspelt where the name stands without one."""
    if len(k) < 2 or surname_only(k):
        return None
    owners = [f for f in titled if len(f) == len(k) and f[:-1] == k[:-1] and len(f[-1]) >= 4
              and (f[-1] == k[-1] + "s" or k[-1] == f[-1] + "s")]
    if len(owners) != 1 or written[owners[0]] <= written[k]:
        return None
    return owners[0]


def _outnumbers(owner: tuple[str, ...], k: tuple[str, ...], written: Counter) -> bool:
    """``owner`` is written ANCHOR_MENTIONS times or more and more often than ``k``; a longer
    form that opens with the owner's name counts as the owner ("Abiy Ahmed Ali" for "Abiy
    Ahmed": the full name with a further surname)."""
    n = written_as(owner, written)
    return n >= ANCHOR_MENTIONS and written[k] < n


def written_as(owner: tuple[str, ...], written: Mapping[tuple[str, ...], int]) -> int:
    """How often a name is written, its longer forms that open with it included ("Abiy Ahmed
    Ali" for "Abiy Ahmed")."""
    return written.get(owner, 0) + sum(c for f, c in written.items()
                                       if len(f) > len(owner) and f[:len(owner)] == owner)


def _short_surname_typo(k: tuple[str, ...], full: Sequence[tuple[str, ...]],
                        written: Counter, written_all: Counter,
                        known_tokens: set[str]) -> tuple[str, ...] | None:
    """The full name whose four-letter surname a lone four-letter side mention ``k`` misspells
    by one letter in place (changed or swapped with its neighbour, the first letter kept:
    "Kelm" for "Kelp"), or None. Short words one letter apart are often other names or plain
    words, so precision first: the surname is the story's main person's (written
    LONE_ANCHOR_MENTIONS times or more, with its full name or alone, and one full name ends
    with it), the mention is written once and is no token of a name the story reads."""
    if len(k) != 1 or len(k[0]) != 4 or written[k] != 1 or k[0] in known_tokens:
        return None
    w = k[0]
    hits = [f for f in full if len(f[-1]) == 4 and f[-1][0] == w[0] and f[-1] != w
            and OSA.distance(w, f[-1]) == 1 and near_token(w, f[-1])]
    surnames = {f[-1] for f in hits}
    if len(surnames) != 1:
        return None
    sur = next(iter(surnames))
    owners = [f for f in full if f[-1] == sur]
    if len(owners) != 1:
        return None
    uses = sum(n for key, n in written_all.items() if key and key[-1] == sur)
    return owners[0] if uses >= LONE_ANCHOR_MENTIONS else None


def mixed_name(k: tuple[str, ...], full: Sequence[tuple[str, ...]],
               written: Mapping[tuple[str, ...], int] | None = None,
               donors: Sequence[tuple[str, ...]] | None = None) -> tuple[str, ...] | None:
    """The one person of ``full`` whose surname a two-word name ``k`` carries with another
    person's first name ("Javier Massa" in a story of Sergio Massa and Javier Milei: the
    winner's first name put to the runner-up), or None. Precision first: exactly one other
    person with that surname and a first name that is another person's, written more often
    than ``k`` where ``written`` counts the names: a name written more often than the one it
    would borrow from is a person of its own ("Ada Lind", 5 times, a daughter of "Bo Lind",
    beside "Ada Marie", her first and middle names read once). ``donors``: the people whose
    first name may be borrowed (default ``full``; the story's people: named with a role or
    often). Callers make sure no one is named ``k`` with a role."""
    if len(k) != 2:
        return None
    owners = [f for f in full if len(f) == 2 and f[1] == k[1] and f[0] != k[0]]
    if len(owners) != 1:
        return None
    if not any(len(f) == 2 and f[0] == k[0] and f[1] != k[1]
               and (written is None or written.get(f, 0) > written.get(k, 0))
               for f in (full if donors is None else donors)):
        return None
    return owners[0]


def given_name_off(k: tuple[str, ...], full: Sequence[tuple[str, ...]],
                   pages: Mapping[tuple[str, ...], set[str]] | None = None
                   ) -> tuple[str, ...] | None:
    """The one person of ``full`` whose surname (four letters or more) a two-word name ``k``
    carries with a given name one letter longer or shorter and the same first letter ("Marten
    Lanther" / "Maren Lanther"; "Osk" is too short a surname), or a long given name two
    letters off (see ``_two_letters_off``) on pages that do not name the owner (``pages``:
    the pages each name is read on; a relative is named beside the person), or None.
    Precision first:
    exactly one owner of the surname, no one else with ``k``'s given name, given names of three
    letters or more. Callers also want the owner written more often than ``k`` and at least
    ANCHOR_MENTIONS times; a final vowel added ("Paul"/"Paula") is as often a relative, which
    ``names.classify`` reports as a ``given`` variant, not a misspelling."""
    if len(k) != 2 or len(k[1]) < 4 or surname_only(k):
        return None
    owners = [f for f in full if len(f) == 2 and f[1] == k[1] and f[0] != k[0]]
    if len(owners) != 1:
        return None
    g, h = k[0], owners[0][0]
    if not (_one_letter_longer(g, h) or _two_letters_off(g, h) and pages is not None
            and not pages.get(k, set()) & pages.get(owners[0], set())):
        return None
    short, long = sorted((g, h), key=len)
    if long == short + "s":
        return None  # "Johns Hopkins": an organisation named after a person, or a plural
    if any(f[0] == g and f[1] != k[1] for f in full):
        return None  # another person's given name
    return owners[0]


def pages_of(ms: Sequence[Mention]) -> dict[tuple[str, ...], set[str]] | None:
    """The pages each person name is read on; None when a mention's page is not known."""
    if any(not m.document for m in ms):
        return None
    out: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for m in ms:
        out[tokens(m.surface, "person")].add(m.document)
    return out


def lines_of(ms: Sequence[Mention]) -> dict[tuple[str, ...], set[tuple[str, int]]]:
    """The (page, line) places each person name is read at (lines known only)."""
    out: dict[tuple[str, ...], set[tuple[str, int]]] = defaultdict(set)
    for m in ms:
        if m.document and m.line >= 0:
            out[tokens(m.surface, "person")].add((m.document, m.line))
    return out


def written_beside(a: tuple[str, ...], b: tuple[str, ...],
                   lines: Mapping[tuple[str, ...], set[tuple[str, int]]]) -> bool:
    """Whether some page writes both names in one line (a paragraph, a list of players or
    victims): a writer naming "Santiago Arias" and "Jhon Arias" side by side tells two people
    apart, where a first name put to the wrong surname is written apart from its owner."""
    return bool(lines.get(a, set()) & lines.get(b, set()))


def _one_letter_longer(g: str, h: str) -> bool:
    """"Marten" / "Maren": one letter more or less, the first letter kept."""
    return (min(len(g), len(h)) >= 3 and g[0] == h[0] and abs(len(g) - len(h)) == 1
            and OSA.distance(g, h) == 1)


GIVEN_TWO_OFF = 5  # given names this long or longer may be two letters off


def _two_letters_off(g: str, h: str) -> bool:
    """"Lauren" / "Laura", "Sarina" / "Sabine": a given name misremembered, two letters off
    a longer given name with the same first two letters. Short names two letters apart are
    as often two people of one family ("Sara" / "Sami"), so both are GIVEN_TWO_OFF letters
    or more."""
    return (min(len(g), len(h)) >= GIVEN_TWO_OFF and g[:2] == h[:2]
            and abs(len(g) - len(h)) <= 1 and OSA.distance(g, h) == 2)


def org_side_mentions(side: list[Mention], orgs: list[Mention],
                      every_side: list[Mention] | None = None) -> list[Mention]:
    """Side mentions that misspell an organisation: the name words of exactly one organisation
    the story names twice or more ("Harwick Polytechnic Institute"), alone or with its last
    words, with one word one letter off ("Harwik Polytechnic", "Harwick Polytechnik
    Institute"); a word's final letter dropped or added counts ("Saint Johns" / "Saint John").
    Returned as organisation mentions joined to that organisation. Precision first: a side
    mention that fits two organisations, or one named once, is no organisation. An
    organisation whose first word is split in two ("Ocean Gate" for "OceanGate Expeditions")
    needs it written twice, counting ``every_side`` (side mentions that write it whole)."""
    counts = Counter(tokens(m.surface, "org") for m in orgs)
    twice = sorted(k for k, n in counts.items() if n >= 2)
    named = [k for k in twice if len(k) >= 2]
    # an organisation written twice or more counting the side mentions that write it whole
    # ("OceanGate Expeditions" once as an organisation, three times without a cue)
    written = Counter(tokens(m.surface, "org")
                      for m in (side if every_side is None else every_side))
    often = [k for k in sorted(counts) if counts[k] + written.get(k, 0) >= 2]
    single = [k for k in often if len(k) == 1]
    out = []
    for m in side:
        k = tokens(m.surface, "person")
        if len(k) == 1:
            # "Wikileakes" written alone where the story names the organisation WikiLeaks twice
            lone = [o for o in single if _lone_word_off(k[0], o[0])]
            if len(lone) == 1:
                out.append(replace(m, etype="org", role_key="", joins=lone[0]))
            continue
        if len(k) < 2:
            continue
        hits = [o for o in named if len(k) <= len(o) <= len(k) + 2 and _one_word_off(k, o)]
        hits += [o for o in often if _split_in_two(k, o) or _first_word_split(k, o)]
        if len(hits) == 1:
            out.append(replace(m, etype="org", role_key="", joins=hits[0]))
    return out


LONE_ORG_LETTERS = 6


def _lone_word_off(a: str, b: str) -> bool:
    """A one-word organisation misspelt: LONE_ORG_LETTERS letters or more, the same first
    letter, one letter off but not by a plural's or case ending's final letter (see
    ``_one_letter_pair``)."""
    return (a != b and min(len(a), len(b)) >= LONE_ORG_LETTERS and a[0] == b[0]
            and _one_letter_pair((a, b)))


def org_anchors(side: list[Mention], orgs: list[Mention]) -> list[Mention]:
    """Side mentions of a word written alone LONE_ANCHOR_MENTIONS times or more that an
    organisation named once or twice misspells ("Aramco" written alone eighteen times, the
    organisation read once as "Aromco Chairman"): the word is that organisation, so its
    mentions are returned as organisation mentions joined to the misspelt one, to be told
    apart there. A word that fits two organisations is left."""
    counts = Counter(tokens(m.surface, "org") for m in orgs)
    rare = sorted(k for k, n in counts.items() if len(k) == 1 and n <= 2)
    written = Counter(tokens(m.surface, "person") for m in side)
    out = []
    for k, n in sorted(written.items()):
        if len(k) != 1 or n < LONE_ANCHOR_MENTIONS or k in counts:
            continue
        hits = [o for o in rare if _lone_word_off(k[0], o[0])]
        if len(hits) == 1:
            out += [replace(m, etype="org", role_key="", joins=hits[0]) for m in side
                    if tokens(m.surface, "person") == k]
    return out


PLACE_TYPO_LETTERS = 5


def place_side_mentions(side: list[Mention], places: list[Mention]) -> list[Mention]:
    """Side mentions that misspell a place: as many words as a place the story names twice or
    more, one word (PLACE_TYPO_LETTERS letters or more, the same first letter) with one letter
    changed ("Yokahama" / "Yokohama"). A letter dropped or added is left: on real coverage
    those were other languages' forms ("Rusia", "Pittsburghu") or adjectives ("Asian").
    Returned as place mentions joined to that place; a side mention that fits two places is
    none."""
    counts = Counter(tokens(m.surface, "place") for m in places)
    named = sorted(k for k, n in counts.items() if n >= 2)
    out = []
    for m in side:
        k = tokens(m.surface, "place")
        if not k or k in counts:
            continue
        hits = [o for o in named if len(o) == len(k) and _one_word_off(k, o) and all(
            len(w) == len(x) >= PLACE_TYPO_LETTERS for w, x in zip(k, o, strict=True)
            if w != x)]
        if len(hits) == 1:
            out.append(replace(m, etype="place", role_key="", joins=hits[0]))
    return out


def _split_in_two(k: tuple[str, ...], o: tuple[str, ...]) -> bool:
    """``k`` is ``o`` with one of its words split in two ("Coral Gate" for "CoralGate"), each
    part four letters or more."""
    if len(k) != len(o) + 1 or "".join(k) != "".join(o):
        return False
    return all(len(w) >= 4 for w in k if w not in o)


def _first_word_split(k: tuple[str, ...], o: tuple[str, ...]) -> bool:
    """``k`` is the first word of a longer ``o`` split in two ("Ocean Gate" for "OceanGate
    Expeditions"), each part four letters or more."""
    return (len(k) == 2 and len(o) >= 2 and "".join(k) == o[0]
            and all(len(w) >= 4 for w in k))


def _one_word_off(k: tuple[str, ...], o: tuple[str, ...]) -> bool:
    """``k`` is ``o``'s first words with one of them (four letters or more) one letter off."""
    head = o[: len(k)]
    diff = [(a, b) for a, b in zip(k, head, strict=True) if a != b]
    if len(diff) != 1:
        return False
    a, b = diff[0]
    return min(len(a), len(b)) >= 4 and a[0] == b[0] and OSA.distance(a, b) == 1


LONG_TOKEN = 9


def _side_typo(pair: tuple[str, str] | None) -> bool:
    """A name token of a side mention misspelt: one letter off (see ``_one_letter_pair``), or
    two letters off a token of LONG_TOKEN letters or more with the same first letter (long
    transliterated surnames lose two letters at once: "Wojcehowski"; shorter tokens two
    letters apart are as often two names: "Petra"/"Peter", "Mohammed"/"Muhammad"). ``pair``
    comes from ``spelling_pair``, which already keeps only ``near_token`` pairs."""
    if _one_letter_pair(pair):
        return True
    if pair is None:
        return False
    a, b = pair
    return min(len(a), len(b)) >= LONG_TOKEN and a[0] == b[0] and OSA.distance(a, b) == 2


def _one_letter_pair(pair: tuple[str, str] | None) -> bool:
    """One letter off, but not by an "s" or a vowel added at the end: a plural or another
    surname ("Leagues"/"League", "Matthews"/"Matthew", "Clarke"/"Clark"), or a case ending of
    a language that declines names ("Chiefsa", "Bowla": of the Chiefs, of the Bowl) as often as
    a typo. A consonant doubled at the end ("Hartmann"/"Hartman") is a typo."""
    if pair is None or OSA.distance(*pair) != 1:
        return False
    short, long = sorted(pair, key=len)
    if long[:-1] == short and long[-1] == "n" and long[-2] in "ae":
        return False  # a noun's plural or case ending: "Modelle"/"Modellen" (German nouns
        # are capitalised), where a doubled "n" is a typo: "Hartman"/"Hartmann"
    return not (long[:-1] == short and long[-1] in _ENDINGS)


_ENDINGS = frozenset("aeiouys")


def _union_groups(uf: UnionFind, groups: Iterable[list[tuple]]) -> None:
    """Join the keys of each group (one name written several ways)."""
    for group in groups:
        for k in group[1:]:
            uf.union(group[0], k)


def _cluster_type(etype: str, ms: list[Mention], aliases: dict[str, str],
                  scope: str = "", expansions: Sequence[tuple[str, str]] = ()
                  ) -> list[Entity]:
    if etype == "person":
        ms = side_mentions_kept(ms)
    key_of = {m.mention_id: tokens(m.surface, etype) for m in ms}
    roles: dict[tuple, set[str]] = defaultdict(set)
    surfaces: dict[tuple, Counter] = defaultdict(Counter)
    for m in ms:
        k = key_of[m.mention_id]
        if m.role_key:
            roles[k].add(m.role_key)
        surfaces[k][clean_surface(m.surface)] += 1
    keys = sorted(surfaces)
    uf = UnionFind()
    for k in keys:
        uf.find(k)
    for m in ms:
        if m.joins and m.joins in surfaces:
            uf.union(m.joins, key_of[m.mention_id])
    # order-only variants and declared/defined aliases
    by_sorted: dict[tuple, list[tuple]] = defaultdict(list)
    for k in keys:
        by_sorted[tuple(sorted(k))].append(k)
    _union_groups(uf, by_sorted.values())
    # a middle initial written or left out ("Stephen A. Schwarzman" / "Stephen Schwarzman"),
    # where the story writes one name with that initial only
    if etype == "person":
        with_initial: dict[tuple, set[tuple]] = defaultdict(set)
        for k in keys:
            if len(k) == 3 and len(k[1]) == 1 and (k[0], k[2]) in surfaces:
                with_initial[(k[0], k[2])].add(k)
        for base, fuller in sorted(with_initial.items()):
            if len(fuller) == 1:
                uf.union(base, next(iter(fuller)))
    # one name transliterated two ways ("Müller"/"Mueller", "Kjærgård"/"Kjaergaard")
    by_long: dict[tuple, list[tuple]] = defaultdict(list)
    for k in keys:
        for s in sorted(surfaces[k]):
            by_long[long_tokens(s, etype)].append(k)
    _union_groups(uf, by_long.values())
    # a model's designation written with or without a space ("A321 XLR" / "A321XLR"): house
    # style; a name of words split or run together stays a variant ("Ocean Gate" for
    # "OceanGate" was a must-report of held-out set 4)
    by_joined: dict[str, list[tuple]] = defaultdict(list)
    for k in keys:
        if any(c.isdigit() for t in k for c in t):
            by_joined["".join(k)].append(k)
    _union_groups(uf, by_joined.values())
    key_by_surface = {s: k for k in keys for s in surfaces[k]}
    for short, long in sorted(aliases.items()):
        if short in key_by_surface and long in key_by_surface:
            uf.union(key_by_surface[short], key_by_surface[long])
    for a, b in expansions:
        if a in key_by_surface and b in key_by_surface:
            uf.union(key_by_surface[a], key_by_surface[b])
    country_of: dict[tuple, str] = {}
    if etype != "person":
        # one country however written ("U.K.", "United Kingdom", "Britain"); two countries are
        # never one entity ("Austria"/"Australia"), see _same_entity
        by_country: dict[str, list[tuple]] = defaultdict(list)
        for k in keys:
            for s in sorted(surfaces[k]):
                c = country_key(s)
                if c is not None:
                    country_of.setdefault(k, c)
                    by_country[c].append(k)
        _union_groups(uf, by_country.values())
        acr: dict[str, list[tuple]] = defaultdict(list)
        for k in keys:
            for s in surfaces[k]:
                a = acronym(s)
                if len(a) >= 2:
                    acr[a].append(k)
        for k in keys:
            for s in surfaces[k]:
                # an acronym joins its long form only when exactly one long form fits it
                if s.isupper() and k not in country_of and len(set(acr.get(s, ()))) == 1:
                    uf.union(k, acr[s][0])
    written_all = {f: sum(c.values()) for f, c in surfaces.items()}  # each key's writings
    # a first name of one person put to another's surname joins the surname's owner
    if etype == "person":
        full_keys = [k for k in keys if len(k) == 2 and not surname_only(k)]
        written_keys: dict[tuple[str, ...], int] = {
            k: sum(surfaces[k].values()) for k in full_keys}
        # the story's people: names read with a role or written ANCHOR_MENTIONS times
        people = [k for k in full_keys
                  if roles.get(k) or written_keys[k] >= ANCHOR_MENTIONS]
        pages = pages_of(ms)
        lines = lines_of(ms)
        for k in full_keys:
            owner = None if roles.get(k) else mixed_name(k, full_keys, written_keys, people)
            if owner is not None and written_keys[k] < written_keys[owner] and \
                    not written_beside(k, owner, lines):
                uf.union(k, owner)
        # a given name one letter longer or shorter on a surname one person of the story holds
        for k in full_keys:
            owner = given_name_off(k, people, pages)
            if owner is None or roles.get(k) and roles.get(owner) and \
                    not roles_agree(roles[k], roles[owner]):
                continue
            n, n_owner = written_all[k], written_as(owner, written_all)
            if n < n_owner and n_owner >= ANCHOR_MENTIONS:
                uf.union(k, owner)
    # near-miss spellings, within blocks
    blocks: dict[str, list[tuple]] = defaultdict(list)
    for k in keys:
        for t in k:
            if len(t) >= 4:
                blocks["p:" + t[:3]].append(k)
                blocks["s:" + t[-3:]].append(k)
        for r in roles.get(k, ()):
            blocks["r:" + _title(r)].append(k)
    compared: set[tuple] = set()
    for bkey in sorted(blocks):
        members = sorted(set(blocks[bkey]))
        if len(members) > MAX_BLOCK:
            continue
        for i, ka in enumerate(members):
            for kb in members[i + 1:]:
                if (ka, kb) in compared:
                    continue
                compared.add((ka, kb))
                if country_of.get(ka) and country_of.get(kb):
                    continue  # two countries (the same one is already joined)
                if _same_entity(ka, kb, roles, etype, written_all):
                    uf.union(ka, kb)
    # surname-only mentions join the single fuller name that contains them; a surname with
    # particles ("de la fuente") the single fuller name that ends with it, and first, so that
    # a bare "Berg" counts "Jan van der Berg" and "van der Berg" as one candidate
    if etype == "person":
        ending: dict[tuple, set] = defaultdict(set)
        for k in keys:
            if not surname_only(k):
                for i in range(1, len(k) - 1):
                    ending[k[i:]].add(k)
        for k in keys:
            if len(k) > 1 and surname_only(k):
                roots = {uf.find(x) for x in ending.get(k, ())}
                if len(roots) == 1:
                    uf.union(k, next(iter(roots)))
        containing: dict[str, set] = defaultdict(set)
        for k in keys:
            if len(k) > 1:
                for t in k:
                    containing[t].add(uf.find(k))
        for k in keys:
            if len(k) == 1 and len(containing.get(k[0], ())) == 1:
                uf.union(k, next(iter(containing[k[0]])))
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for k in keys:
        groups[uf.find(k)].append(k)
    alias_pairs = frozenset(aliases.items())
    by_root: dict[tuple, list[Mention]] = defaultdict(list)
    for m in ms:
        by_root[uf.find(key_of[m.mention_id])].append(m)
    out = []
    for root in sorted(groups):
        gkeys = groups[root]
        counts: Counter[str] = Counter()
        for k in gkeys:
            counts.update(surfaces[k])
        # canonical: the fullest, most frequent spelling (an initial makes no name fuller);
        # of two transliterations as frequent, the one with the name's own letters ("Søren
        # Kjærgaard", not "Soren Kjaergaard")
        canonical = sorted(counts, key=lambda s: (
            -sum(len(t) > 1 for t in tokens(s, etype)), -counts[s], s.isascii(), s))[0]
        eid = "e" + hashlib.sha256(f"{scope}:{etype}:{canonical}".encode()).hexdigest()[:16]
        ent = Entity(eid, etype, canonical)
        kinds: dict[str, str] = {}
        for m in by_root[root]:
            variant = clean_surface(m.surface)
            if variant not in kinds:
                kinds[variant] = classify(canonical, variant, etype, alias_pairs)
            ent.members.append((m.mention_id, variant, kinds[variant]))
        out.append(ent)
    return out


_ROLE_STOP = {"of", "the", "for", "and", "at", "in", "on", "to", "u", "s", "us", "usa"}


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[^\w]+", text.lower()) if w and w not in _ROLE_STOP)


def _title(role_key: str) -> str:
    """The title's content words in a fixed order: "secretary of commerce" and "commerce
    secretary" are one title; an abbreviation is its title spelt out ("coo" / "chief
    operating officer", ``roles.SYNONYMS``)."""
    title = role_key.split("|", 1)[0]
    return " ".join(sorted(_words(_SYNONYMS.get(title.strip(), title))))


def _orgs_agree(a: str, b: str) -> bool:
    """Organisations in two role phrases are the same one when either is unnamed, they share a
    word ("keio" / "keio university"), or one is the other's initials ("cmu" / "carnegie
    mellon")."""
    if not a or not b or a == b:
        return True
    wa, wb = _words(a), _words(b)
    if wa & wb:
        return True
    ia = "".join(w[0] for w in a.split() if w[:1].isalpha())
    ib = "".join(w[0] for w in b.split() if w[:1].isalpha())
    return (len(ib) >= 2 and a.replace(".", "").startswith(ib)) or \
        (len(ia) >= 2 and b.replace(".", "").startswith(ia))


def roles_agree(ra: set[str], rb: set[str]) -> bool:
    """Same title (in any word order), and the same organisation where both name one."""
    for x in ra:
        for y in rb:
            _, _, ox = x.partition("|")
            _, _, oy = y.partition("|")
            if _title(x) == _title(y) and _orgs_agree(ox, oy):
                return True
    return False


def _same_entity(a: tuple, b: tuple, roles: dict, etype: str,
                 written: Mapping[tuple, int] | None = None) -> bool:
    ra, rb = roles.get(a, set()), roles.get(b, set())
    agree = roles_agree(ra, rb)
    if ra and rb and not agree:
        # people with different roles are different people, unless the names are one full
        # name with one long token one letter off and the organisations agree: one person
        # with two posts ("regent" of UH / "chair of the UH Board of Regents"), misspelt once
        return etype == "person" and _posts_of_one(a, b, ra, rb)
    if spelling_pair(a, b):
        return True
    if etype == "person":
        # "Jean-Jacques Purusi" / "Jean Jacques Purisi": a hyphen is style, the rest compares
        a_sp, b_sp = hyphens_apart(a), hyphens_apart(b)
        if (a_sp, b_sp) != (a, b) and len(a_sp) >= 2 and (
                a_sp == b_sp or spelling_pair(a_sp, b_sp)):
            return True
    if etype == "person" and _both_tokens_off(a, b):
        return True
    if etype == "person" and len(a) != len(b) and (surname_only(a) or surname_only(b)):
        # "Kishida" vs "Kishido Fumio": the surname matches a token one edit away, and the
        # roles agree (both prime ministers), so it is the same person misspelt. A surname
        # with particles ("de la Feunte") must find them right before the matching token.
        short, long = (a, b) if len(a) < len(b) else (b, a)
        if not surname_only(short):
            return False
        parts, sur = short[:-1], short[-1]
        n = len(parts)
        if n:
            cands = [long[i] for i in range(n, len(long)) if long[i - n:i] == parts]
        elif agree:
            cands = list(long)
        else:
            cands = [long[0], long[-1]]
        if agree:
            return any(near_token(sur, t) for t in cands)
        # no role to go by: a surname one letter off the full name's first or last token,
        # not by a final "s" or vowel ("Olympic" written alone beside "Paris Olympics")
        if n:
            cands = cands[-1:] if cands and cands[-1] == long[-1] else []
        if written is not None and written.get(short, 0) >= ANCHOR_MENTIONS and \
                written[short] > written.get(long, 0):
            return False  # a name written alone this often is a person of the story in its
            # own right ("Pope Francis" beside a minister "Guillermo Francos" named once)
        if len(long) > 1 and len(sur) >= 5:
            return any(near_token(sur, t) and _one_letter_pair((sur, t)) for t in cands)
    return False


def _both_tokens_off(a: tuple, b: tuple) -> bool:
    """Two full names of as many tokens that differ in exactly two places, each a near miss
    with its first letter and five letters or more, one of them one letter off, three letters
    in all ("Radhika Suryavanshi" / "Radikha Suriyavanshi": a list copied by hand misspells the
    given name and the surname at once). Two such tokens apart by chance on two people of one
    story are rarer than one name mistyped twice."""
    if len(a) != len(b) or len(a) < 2 or surname_only(a) or surname_only(b):
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(diff) != 2 or set(a) == set(b):
        return False
    if not all(min(len(x), len(y)) >= 5 and x[0] == y[0] and near_token(x, y)
               for x, y in diff):
        return False
    dist = [OSA.distance(x, y) for x, y in diff]
    return min(dist) == 1 and sum(dist) <= 3


def _posts_of_one(a: tuple, b: tuple, ra: set[str], rb: set[str]) -> bool:
    """Two full names of as many tokens (two or more) that differ in one token of five letters
    or more by one letter (not a final letter added), held with titles whose organisations
    agree, one of them at least named (two titles with no organisation tell nothing: "CEO" /
    "mayor")."""
    if len(a) != len(b) or len(a) < 2 or surname_only(a) or surname_only(b):
        return False
    pair = spelling_pair(a, b)
    if pair is None or min(map(len, pair)) < 5 or OSA.distance(*pair) != 1:
        return False
    short, long = sorted(pair, key=len)
    if long[:-1] == short:
        return False  # "Whitlock" / "Whitlocke", "Clark" / "Clarke": two surnames as often
    orgs = [(x.partition("|")[2], y.partition("|")[2]) for x in ra for y in rb]
    return any((ox or oy) and orgs_agree(ox, oy) for ox, oy in orgs)
