"""Titles of people, compared by meaning: "CEO", "chief executive" and "Chief Executive
Officer" are one title; "former director" is the director title with a status. Pure functions.

Used to resolve a role reference to its holder ("the president said" -> the person named
earlier as president) and by the role-conflict check (each person's titles across sources).
"""

from __future__ import annotations

import functools
import re

from audit.resolve.countries import country_key

# Spellings of one title -> one key (lower case, words single-spaced).
SYNONYMS = {
    "ceo": "chief executive", "chief executive officer": "chief executive",
    "chief exec": "chief executive", "cfo": "chief financial officer",
    "coo": "chief operating officer", "cto": "chief technology officer",
    "cmo": "chief marketing officer", "cio": "chief information officer",
    "ciso": "chief information security officer", "chairman": "chair",
    "chairwoman": "chair", "chairperson": "chair", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "cofounder": "co-founder", "co founder": "co-founder",
    "vice-president": "vice president", "director-general": "director general",
    "secretary-general": "secretary general", "vice-chancellor": "vice chancellor",
    "md": "managing director", "prof": "professor", "gm": "general manager",
    "president & ceo": "president and chief executive",
    "president and ceo": "president and chief executive",
}
# Words before a title that tell its status, not the title: "former director"; "then-mayor"
# is the title at the time told of, which a plain "mayor" on a page telling that time agrees with;
# so is "the late Queen": a title held until death, which a page naming "Queen Elizabeth II"
# does not contradict.
STATUS_WORDS = {
    "former": "former", "ex": "former", "then": "then", "past": "former", "late": "then",
    "outgoing": "outgoing", "incoming": "incoming", "acting": "acting", "interim": "interim",
    "new": "", "current": "", "newly": "", "appointed": "",
}
_SPLIT = re.compile(r"[\s\u00a0]+")


_OF_PLACE = re.compile(r"[ \t]+of[ \t]+(?P<place>(?:the[ \t]+)?[A-Z][\w .’'-]*)$")


def without_country(title: str) -> str:
    """The title without a country it is held in: "Deputy President of Kenya" -> "Deputy
    President" (the same post as the plain title on a page about that country)."""
    of_country = _OF_PLACE.search(title)
    if of_country and country_key(of_country["place"]) is not None:
        return title[:of_country.start()]
    return title


@functools.lru_cache(maxsize=65536)  # pure; a corpus repeats few titles
def title_key(title: str) -> tuple[str, str]:
    """(status, title) of a title as written: "Former CEO" -> ("former", "chief executive");
    a country the title is held in is no part of it ("Deputy President of Kenya" -> "deputy
    president": the same post as "Deputy President" on a page about Kenya)."""
    title = without_country(title)
    words = [w for w in _SPLIT.split(title.lower().replace(".", "").strip()) if w]
    status = ""
    while words and (words[0].rstrip("-") in STATUS_WORDS or words[0] == "ex-"):
        status = STATUS_WORDS.get(words[0].rstrip("-"), "former") or status
        words.pop(0)
    if words and words[0].startswith("ex-"):
        status, words[0] = "former", words[0][3:]
    if len(words) == 3 and words[1] in ("of", "for") and words[2].title() in _PORTFOLIOS:
        words = [words[2], words[0]]  # "Secretary of Commerce" is the commerce secretary
    t = " ".join(words)
    return status, SYNONYMS.get(t, t)


def _portfolios() -> frozenset[str]:
    from audit.extract.vocab import DEPARTMENT_WORDS

    # not "State": a secretary of state is not a state secretary
    return DEPARTMENT_WORDS - {"State"}


_PORTFOLIOS = _portfolios()


def refers_to(phrase: str, title: str) -> bool:
    """Whether a role reference ("the president", "the company's chief executive", "the
    minister") can name the holder of ``title`` ("President", "CEO", "Foreign Minister")."""
    p, t = title_key(phrase)[1], title_key(title)[1]
    if not p or not t:
        return False
    return p == t or (" " not in p and t.split()[-1] == p and not _RANKS & set(t.split()))


# A title with one of these is another rank than its last word: a vice president is not "the
# president".
RANKS = frozenset({"vice", "deputy", "assistant", "associate", "co", "under", "sub", "pro"})
_RANKS = RANKS


# Words too common in organisation names to tell two organisations apart or join them.
_GENERIC_ORG_WORDS = frozenset(
    """the of and for at in university college institute school company group corporation
    corp inc ltd llc plc co department ministry office council board trust foundation bank
    agency national international system systems association society centre center""".split()
)


def _org_words(org: str) -> set[str]:
    """Distinctive-word candidates of an organisation, British spellings written the American
    way ("Defence" / "Defense")."""
    from audit.resolve.names import american, tokens

    return set(american(tokens(org, "org")))


@functools.lru_cache(maxsize=65536)  # pure; a corpus pairs few organisations
def orgs_agree(a: str | None, b: str | None) -> bool:
    """Two organisations named for one role are the same one (or may be): either is unnamed,
    they are one country however written, they share a distinctive word ("Keio" / "Keio
    University"), or one holds the other's initials ("UH" / "University of Houston", "UH
    System")."""
    from audit.resolve.countries import country_key
    from audit.resolve.names import acronym

    if not a or not b:
        return True
    ka, kb = country_key(a), country_key(b)
    if ka or kb:
        return ka == kb
    wa, wb = _org_words(a), _org_words(b)
    if (wa & wb) - _GENERIC_ORG_WORDS or wa == wb:
        return True
    ia, ib = acronym(a).lower(), acronym(b).lower()
    # "UH" / "University of Houston"; "CMU" / "Carnegie Mellon" (initials of the words named)
    return (len(ia) >= 2 and any(t.startswith(ia) for t in wb)) or \
        (len(ib) >= 2 and any(t.startswith(ib) for t in wa))


def compare_roles(a: tuple[str, str | None, str], b: tuple[str, str | None, str]
                  ) -> str | None:
    """How two statements of one person's role, (title, organisation, status), differ:
    "status" (the same title, held now in one and formerly in the other; "then" agrees with both:
the title at the time told of), "organisation" (the
    same title at two different organisations), "title" (different titles: people hold
    several) or None (they agree: "CEO" / "chief executive", "Keio" / "Keio University")."""
    (ta, oa, sa), (tb, ob, sb) = a, b
    ka, kb = title_key(ta), title_key(tb)
    sa, sb = sa or ka[0], sb or kb[0]
    if ka[1] != kb[1]:
        return "title"
    if not orgs_agree(oa, ob):
        return "organisation"
    if (sa == "former") != (sb == "former") and "then" not in (sa, sb):
        return "status"
    return None
