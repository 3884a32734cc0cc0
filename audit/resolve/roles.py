"""Titles of people, compared by meaning: "CEO", "chief executive" and "Chief Executive
Officer" are one title; "former director" is the director title with a status. Pure functions.

Used to resolve a role reference to its holder ("the president said" -> the person named
earlier as president) and by the role-conflict check (each person's titles across sources).
"""

from __future__ import annotations

import re

# Spellings of one title -> one key (lower case, words single-spaced).
_SYNONYMS = {
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
# Words before a title that tell its status, not the title: "former director".
STATUS_WORDS = {
    "former": "former", "ex": "former", "then": "former", "past": "former", "late": "former",
    "outgoing": "outgoing", "incoming": "incoming", "acting": "acting", "interim": "interim",
    "new": "", "current": "", "newly": "", "appointed": "",
}
_SPLIT = re.compile(r"[\s\u00a0]+")


def title_key(title: str) -> tuple[str, str]:
    """(status, title) of a title as written: "Former CEO" -> ("former", "chief executive")."""
    words = [w for w in _SPLIT.split(title.lower().replace(".", "").strip()) if w]
    status = ""
    while words and (words[0].rstrip("-") in STATUS_WORDS or words[0] == "ex-"):
        status = STATUS_WORDS.get(words[0].rstrip("-"), "former") or status
        words.pop(0)
    if words and words[0].startswith("ex-"):
        status, words[0] = "former", words[0][3:]
    t = " ".join(words)
    return status, _SYNONYMS.get(t, t)


def refers_to(phrase: str, title: str) -> bool:
    """Whether a role reference ("the president", "the company's chief executive", "the
    minister") can name the holder of ``title`` ("President", "CEO", "Foreign Minister")."""
    p, t = title_key(phrase)[1], title_key(title)[1]
    if not p or not t:
        return False
    return p == t or (" " not in p and t.split()[-1] == p and not _RANKS & set(t.split()))


# A title with one of these is another rank than its last word: a vice president is not "the
# president".
_RANKS = {"vice", "deputy", "assistant", "associate", "co", "under", "sub", "pro"}
