"""Minutes of play: "in the 27th minute", "a 68th-minute winner", "(23')", "90+3", "after 28
minutes", "à la 108e minute", "minuto 27", "in der 27. Minute", "29min", "a los 29 minutos"
(Spanish: when 29 minutes had been played), "aos 29 minutos" (Portuguese).

Why: match reports disagree on when a goal was scored or a player was sent off as often as on
the score, and a minute of play is neither a clock time nor a count. Each minute keeps the
interval its words allow: an ordinal minute ("the 29th minute") is that minute; time elapsed
("after 28 minutes", "28 minutes in") is the minute it ends or the next one, so "after 28
minutes" and "the 29th minute" agree.

A minute is only kept when its sentence says what happened and to whom: the **action** is a
card ("red card", "sent off", "sin-binned", "carton rouge"), a goal or score ("scored", "goal",
"equaliser", "try", "penalty", "but", "Tor") or a substitution ("replaced", "came off",
"remplacé"), the action word nearest the minute in its sentence; the **player** is the
capitalised name nearest before the minute in its clause (else the first after it),
reduced to its last word without accents ("Kylian Mbappé" -> "mbappe"), or the name a
parenthesis follows ("Messi (23')"). A minute with no action or no name is not a claim:
"after 120 minutes" of a drawn final is the length of the match, not a happening.

value: ``type`` "minute", ``minute`` (the number written), ``added`` (stoppage time: "90+3"
-> 3, else None), ``elapsed`` (time elapsed rather than an ordinal), ``bound`` [low, high] in
minutes (added time counts as a fraction past the minute: 90+3 -> 90.3), ``action`` and
``player``. Subject: "<action> <player>". Spans: role="value" for the minute.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from audit.extract.vocab import COUNTRIES, NATIONALITIES
from audit.model import ClaimDraft, Context, SpanRef
from audit.text import Anchored, deaccent

NAME = "minutes"
VERSION = "3"

MAX_MINUTE = 130  # extra time and stoppage time included
_ORD = r"(?:st|nd|rd|th|e|ème|eme|è|er|º|°|o)"
# Anchored: scanned only over lines holding "min" (any case) or a digit with a prime after it
# (every match does: the minute words, and "(23')"); the anchor opens with a plain class of
# its first characters (m, M or a digit), so its search skips in C
_MINUTE = Anchored(re.compile(
    r"(?<![\w.,:/$€£+-])(?:"
    # English ordinal: "the 27th minute", "a 68th-minute goal", "90+3rd minute"
    rf"(?P<n1>\d{{1,3}})(?:[ \t]*\+[ \t]*(?P<a1>\d{{1,2}}))?{_ORD}[ \t-]+(?:minute|minuto|min\.)"
    r"(?![\w])"
    # German: "in der 27. Minute"
    r"|(?P<n2>\d{1,3})\.[ \t]+Minute\b"
    # "minute 27", "minuto 27", "min. 27"
    r"|(?<![\w])(?:[Mm]inute|[Mm]inuto|[Mm]in\.)[ \t]+(?P<n3>\d{1,3})(?:[ \t]*\+[ \t]*"
    r"(?P<a3>\d{1,2}))?(?![\w,:]|\.\d)"
    # match-sheet style: "29min", "3min", "46mins"
    r"|(?P<n4>\d{1,3})mins?(?![\w])"
    # a prime after the number inside a parenthesis: "(23')", "(1-0, 68')", "(120+3′)"
    r"|(?P<n5>\d{1,3})(?:[ \t]*\+[ \t]*(?P<a5>\d{1,2}))?[ \t]?['′’](?=[ \t]*(?:[),;]|et\b|and\b"
    r"|y\b|e\b|und\b|sur\b|on\b|from\b|pen\b|\())"
    # elapsed: "after 28 minutes", "after just two minutes", "28 minutes in", "35 minutes into"
    r"|(?P<after>after|après|nach|dopo|tras|después[ \t]+de|a[ \t]+los|aos)[ \t]+"
    r"(?:just[ \t]+|only[ \t]+|seulement[ \t]+|nur[ \t]+|solo[ \t]+)?(?P<n6>\d{1,3}|[a-z]+)"
    r"[ \t]+(?:minutes|minuten"
    r"|minuti|minutos|mins)\b"
    r"|(?P<n7>\d{1,3}|[a-z]+)[ \t]+minutes[ \t]+(?:into[ \t]+(?:the|a)\b|in(?=[ \t]*[,.;)])))",
    re.IGNORECASE), re.compile(r"[Mm\d](?:(?<=[Mm])(?i:in)|(?<=\d)[ \t]?['′’])"))
# "min" in any case or a prime anywhere in a range (the test before the rest): behind a plain
# class of their first characters, so the search skips in C
_CUE = re.compile(r"[Mm'′’](?:(?<=[Mm])(?i:in)|(?<=['′’]))")
# an ordinal joined to the minute's: "the 22nd and 30th minute", "the 9th, 30th minute"
_ORDINAL_AND_BEFORE = re.compile(
    rf"(?<![\w.,:/])(?P<n>\d{{1,3}})(?P<o>{_ORD})[ \t]*(?:,|and|&|y|et|e|und)[ \t]*$")
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                 "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                 "seventy": 70, "eighty": 80, "ninety": 90, "deux": 2, "trois": 3, "cinq": 5,
                 "dix": 10, "vingt": 20, "trente": 30}
# what happened, by kind; the action word nearest the minute in its sentence names it
_ACTIONS = (
    ("card", r"red[ \t-]+card(?:ed)?|yellow[ \t-]+card(?:ed)?|sent[ \t]+off|sending[ \t-]+off"
             r"|sin[ \t-]*binn?(?:ed)?|dismiss(?:ed|al)|booked|carton[ \t]+(?:rouge|jaune)"
             r"|expuls\w*|tarjeta[ \t]+(?:roja|amarilla)|(?:gelb-)?(?:rote|gelbe)[ \t]+Karte"
             r"|cartellino|cartão[ \t]+(?:vermelho|amarelo)"),
    ("substitution", r"substitut\w*|replaced|came[ \t]+off|went[ \t]+off|taken[ \t]+off"
                     r"|forced[ \t]+off|limped[ \t]+off|rempla\w*|sorti[es]?|sustitu\w*"
                     r"|ausgewechselt|sostitu\w*|rend[ \t]+les[ \t]+armes"),
    ("goal", r"scor\w*|goals?|netted|nets|equali[sz]\w*|opener|header|headed|tries|try"
             r"|converted|penalty|penalties|pénalty|penalti|buts?|buteur|marqu\w*|inscrit"
             r"|égalis\w*|gol(?:es|azo)?|golo|Tore?|traf|rete|segn\w*|dropped[ \t]+goal"),
)
_ACTION = re.compile(r"(?<![\w])(?:" + "|".join(f"(?P<{k}>{p})" for k, p in _ACTIONS)
                     + r")(?![\w])", re.IGNORECASE)
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*[\w]"
_NAME_RUN = re.compile(rf"(?<![\w])(?:{_NAME_WORD}|(?:de|da|di|van|von|der|le|la|dos|del)"
                       rf"(?=[ \t]+[A-ZÀ-ÖØ-Þ]))(?:[ \t]+(?:{_NAME_WORD}|de|da|di|van|von|der"
                       rf"|le|la|dos|del)(?=[ \t]+[A-ZÀ-ÖØ-Þ]|[^\w]|$)|[ \t]+{_NAME_WORD})*")
# capitalised words that are no player: sentence openers, months, days, match words
_NOT_NAMES = frozenset("""the a an in on at after before but and or when with as his her their
    its this that it he she they there then while during by for from of to yet second first
    half extra time minute minutes january february march april may june july august september
    october november december monday tuesday wednesday thursday friday saturday sunday
    yellow red card goal penalty try world cup final la le les un une el los en au à dans
    der die das und im am nach ein eine il lo una al del após aos no na
    """.split())
_CLAUSE_CUT = re.compile(r"[;:\u2014]|,[ \t]+(?:and|but|while|when|as|before|after|et|mais"
                         r"|y|pero|und|aber)\b|\b(?:before|after|while|then|puis|avant|après)"
                         r"[ \t]+(?=[A-ZÀ-ÖØ-Þ])")
_WINDOW = 90
_PERIOD_ENDS = frozenset({40, 45, 80, 90, 120})
_LENGTH_OF = re.compile(r"[ \t]+(?:of|de|di|der|des)\b")


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _WORD_NUMBERS.get(word.lower())


def _plain(word: str) -> str:
    return deaccent(word).lower()


def _player(text: str, lo: int, s: int, e: int, hi: int, paren: bool) -> str:
    """The last word of the player's name: the name a parenthesis follows ("Messi (23')"), the
    capitalised run nearest before the minute in its clause, else the first after it; never a
    country or nationality (a team), a name in parentheses (a team: "Cane (All Blacks) 29min"),
    one after a referee's or coach's title, or the object of "on"/"against" (who was fouled);
    and only a name the page also gives in full (two words or more: "Sam Cane" for "Cane")."""
    full = _full_names(text)
    if paren:
        open_at = text.rfind("(", lo, s)
        before = text[max(lo, open_at - 60):open_at].rstrip()
        runs = [m for m in _NAME_RUN.finditer(before) if m.end() == len(before)]
        if runs:
            return _keep(_last_word(runs[-1].group(0)), full)
        return ""
    clause_lo = lo
    for cut in _CLAUSE_CUT.finditer(text, lo, s):
        clause_lo = cut.end()
    before_runs = [m for m in _NAME_RUN.finditer(text, clause_lo, s) if _is_player(text, m, s)]
    if before_runs:
        return _keep(_last_word(before_runs[-1].group(0)), full)
    clause_hi = hi
    next_cut = _CLAUSE_CUT.search(text, e, hi)
    if next_cut:
        clause_hi = next_cut.start()
    after_runs = [m for m in _NAME_RUN.finditer(text, e, clause_hi) if _is_player(text, m, s)]
    return _keep(_last_word(after_runs[0].group(0)), full) if after_runs else ""


# a position or role between two names: the first is the team ("Lakeview striker Ana Ruiz")
_TEAM_BEFORE_ROLE = re.compile(
    r"[ \t]+(?:[a-z-]+[ \t]+)?(?:captain|skipper|striker|forward|midfielder|defender|winger"
    r"|goalkeeper|keeper|full-?back|flanker|fly-half|scrum-half|lock|prop|hooker|centre|center"
    r"|wing|playmaker|star|substitute|team-?mate|player|international|veteran|teenager"
    r"|capitaine|attaquant|milieu|défenseur|gardien|ailier|Kapitän|Stürmer|delantero|capitán"
    r"|portero)[ \t]+[A-ZÀ-ÖØ-Þ]")
_NOT_PLAYER_BEFORE = re.compile(
    r"(?i)(?:\b(?:referee|umpire|official|coach|manager|head[ \t]+coach|arbitre|entraîneur"
    r"|schiedsrichter|trainer|árbitro|arbitro|on|against|sur|contre|gegen)[ \t]+)$")


def _is_player(text: str, m: re.Match[str], minute: int) -> bool:
    run = m.group(0)
    if _TEAM_BEFORE_ROLE.match(text, m.end()):
        return False  # "Harbour Rovers captain Tomas Velloza": the team, then the player
    words = [w for w in run.split() if _plain(w) not in _NOT_NAMES]
    if not words or len(words[-1]) < 3 or not any(c.islower() for c in words[-1]):
        return False
    if " ".join(words) in COUNTRIES or words[-1] in COUNTRIES or words[-1] in NATIONALITIES:
        return False
    open_at = text.rfind("(", max(0, m.start() - 40), m.start())
    if open_at >= 0 and text.find(")", open_at, m.start()) < 0 and 0 <= text.find(
            ")", m.end(), minute):
        return False  # inside a parenthesis the minute is not in: a team or an affiliation
    return not _NOT_PLAYER_BEFORE.search(text, max(0, m.start() - 20), m.start())


def _keep(word: str, full: frozenset[str]) -> str:
    return word if word in full else ""


@functools.lru_cache(maxsize=8)
def _full_names(text: str) -> frozenset[str]:
    """Last words (plain) of the capitalised runs of two or more name words in a page."""
    out = set()
    for m in _NAME_RUN.finditer(text):
        words = [w for w in m.group(0).split() if _plain(w) not in _NOT_NAMES
                 and w not in ("de", "da", "di", "van", "von", "der", "le", "la", "dos", "del")]
        if len(words) >= 2 and " ".join(words) not in COUNTRIES:
            out.add(_last_word(words[-1]))
    return frozenset(out)


def _last_word(run: str) -> str:
    words = [w for w in run.split() if _plain(w) not in _NOT_NAMES]
    last = words[-1] if words else run.split()[-1]
    return _plain(re.sub(r"['’]s$", "", last)).strip(".'’-")


def _action(text: str, lo: int, s: int, e: int, hi: int) -> str:
    """The kind of the action word nearest the minute in its sentence, within a window."""
    best: tuple[int, str] | None = None
    for m in _ACTION.finditer(text, max(lo, s - _WINDOW), min(hi, e + _WINDOW)):
        kind = next(k for k, _ in _ACTIONS if m[k])
        dist = s - m.end() if m.end() <= s else m.start() - e
        if best is None or dist < best[0]:
            best = (max(0, dist), kind)
    return best[1] if best else ""


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    if not _CUE.search(text, start, end):
        return
    sents = ctx.sentences(start, end)
    for m in _MINUTE.finditer(text, start, end):
        n_text = next(m[g] for g in ("n1", "n2", "n3", "n4", "n5", "n6", "n7") if m[g])
        n = _number(n_text)
        if n is None or not 1 <= n <= MAX_MINUTE:
            continue
        added_text = m["a1"] or m["a3"] or m["a5"]
        added = int(added_text) if added_text else None
        elapsed = bool(m["n6"] or m["n7"])
        if elapsed and (n in _PERIOD_ENDS or _LENGTH_OF.match(text, m.end(), end)):
            continue  # "after 120 minutes (of play)": how long a match or half lasted
        s, e = m.start(), m.end()
        paren = bool(m["n5"])
        if paren:
            open_at = text.rfind("(", max(start, s - 40), s)
            if open_at < 0 or text.find(")", open_at, s) >= 0:
                continue  # a prime outside a parenthesis: feet, a quote mark, a year
        ss, se = sents.bounds(s, e)
        action = _action(text, ss, s, e, se)
        if not action:
            continue
        player = _player(text, ss, s, e, se, paren)
        if not player:
            continue
        at = n + (added / 10 if added else 0)
        bound = [float(n), float(n + 1)] if elapsed else [at, at]
        value: dict[str, Any] = {"type": "minute", "minute": n, "added": added,
                                 "elapsed": elapsed, "bound": bound, "action": action,
                                 "player": player}
        vs = m.start("n5") if paren else s
        coord = _ORDINAL_AND_BEFORE.search(text, max(ss, s - 16), s) if m["n1"] else None
        if coord and 1 <= int(coord["n"]) < n:
            # "in the 22nd and 30th minute": the earlier minute of the same player's action
            first = int(coord["n"])
            yield ClaimDraft(kind="time", predicate="minute", subject=f"{action} {player}",
                             value={**value, "minute": first, "added": None,
                                    "bound": [float(first), float(first)]},
                             spans=[SpanRef(coord.start("n"), coord.end("o"), "value")],
                             qualifiers={}, extractor=NAME, version=VERSION)
        yield ClaimDraft(kind="time", predicate="minute", subject=f"{action} {player}",
                         value=value, spans=[SpanRef(vs, e, "value")], qualifiers={},
                         extractor=NAME, version=VERSION)


def label(value: Mapping[str, Any]) -> str:
    """"27'", "90+3'", "after 28'" (value_text)."""
    n = value.get("minute")
    added = value.get("added")
    core = f"{n}+{added}'" if added else f"{n}'"
    return f"after {n} minutes" if value.get("elapsed") else core


__all__ = ["extract", "label"]
