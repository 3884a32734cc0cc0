"""The event a clock time or a date belongs to: "the quake struck at 11:11 p.m." -> "quake",
"At 1:47 a.m. the rocket lifted off" -> "launch", "it occurred on Friday" -> "occur".

Why: reports of one event name it in many words ("lifted off", "the launch", "blasted off";
"struck", "hit", "rocked", "the quake"), and the times of different events of one story
(the collapse, the first call, the rescue) must stay apart. So the event is a stem, with the
synonyms of a few kinds of happening folded into one class ("quake", "launch"), and a verb that
only says something happened ("struck", "hit", "took place") takes the event noun before it in
its clause ("the earthquake that rocked" -> "quake"), or else is the generic ``OCCUR``: the
check joins it to the story's one happening when the story has exactly one.
"""

from __future__ import annotations

import re

OCCUR = "occur"

_IRREGULAR = {"struck": "strike", "strikes": "strike", "hit": "hit", "began": "begin",
              "begun": "begin", "broke": "break", "fell": "fall", "sank": "sink",
              "went": "go", "came": "come", "took place": "occur", "happened": "occur",
              "occurred": "occur", "ran": "run", "blew": "blow", "shook": "shake",
              "rang": "ring", "left": "leave", "caught": "catch", "made": "make",
              "landfall": "landfall"}
# Verbs that say only that something happened or hit: the event is their subject noun.
_GENERIC = frozenset("""struck strikes hit hits rocked rocks jolted jolts shook shakes slammed
    rattled occurred occurs happened happens""".split() + ["took place", "takes place"])
# Words of one kind of happening, folded into one class (stemmed forms differ by outlet).
_CLASSES = {"earthquake": "quake", "earthquakes": "quake", "quake": "quake", "quakes": "quake",
            "tremor": "quake", "temblor": "quake",
            "launch": "launch", "launched": "launch", "launches": "launch",
            "liftoff": "launch", "lift-off": "launch", "blastoff": "launch", "blast-off": "launch"}
_PHRASAL = {"lift": "launch", "lifted": "launch", "lifts": "launch", "blast": "launch",
            "blasted": "launch", "blasts": "launch"}
_EVENT_NOUNS = ("derailment", "crash", "collision", "explosion", "blast", "fire", "earthquake",
                "quake", "tremor", "temblor", "aftershock", "shooting", "attack", "accident",
                "incident", "landslide", "collapse", "eruption", "storm", "tornado", "flood",
                "outage", "leak", "spill", "call", "alarm", "alert", "announcement", "verdict",
                "ruling", "vote", "landing", "takeoff", "departure", "arrival", "kickoff",
                "launch", "liftoff", "lift-off", "blastoff", "ceremony", "signing", "meeting",
                "briefing", "news conference", "press conference", "rescue")
# The incident a story is about (not what follows it: calls, briefings, rescues, arrivals):
# the classes a generic "struck"/"occurred" may stand for. Stems as ``stem`` gives them.
HAPPENINGS = frozenset({"quake", "launch", "derai", "crash", "colli", "explo", "blast", "shoot",
                        "attac", "accid", "incid", "landsl", "colla", "erupt", "torna",
                        "capsi", "landfall"})
_PHRASE = r"(?:lift(?:ed|s)?|blast(?:ed|s)?)[ \t]+off"
_EVENT = re.compile(
    r"(?i)\b(?P<w>" + _PHRASE + r"|took[ \t]+place|takes[ \t]+place|"
    + "|".join(sorted(_IRREGULAR, key=len, reverse=True))
    + "|" + "|".join(n.replace(" ", r"[ \t]+") for n in _EVENT_NOUNS)
    + r"|[a-z]{2,}ed)\b")
# after the time only known event words count ("At 1:47 a.m. the rocket lifted off"), not any
# "-ed" word ("At 9 a.m. the uncrewed capsule ...")
_EVENT_AFTER = re.compile(
    r"(?i)\b(?P<w>" + _PHRASE + r"|took[ \t]+place|"
    + "|".join(sorted(_IRREGULAR, key=len, reverse=True))
    + "|" + "|".join(n.replace(" ", r"[ \t]+") for n in _EVENT_NOUNS)
    + r"|(?:launch|derail|crash|explod|erupt|collaps|collid|capsiz|rock|jolt)(?:ed|es|s)?)\b")
_NOUN = re.compile(r"(?i)\b(?P<w>" + "|".join(n.replace(" ", r"[ \t]+") for n in _EVENT_NOUNS)
                   + r")s?\b")
_NOT_EVENTS = frozenset(
    """said reported according called announced confirmed stated added noted told asked
    expected scheduled planned needed used based located closed opened listed aged
    wounded injured killed""".split())
_CUT = re.compile(r"[;:\u2014]|,[ \t]+(?:and|but|while|when|as)\b")


def stem(word: str) -> str:
    """The class or the five-letter stem of an event word ("derailed" -> "derai")."""
    w = " ".join(word.lower().split())
    if w in _CLASSES:
        return _CLASSES[w]
    if w.endswith(" off") and w.split()[0] in _PHRASAL:
        return _PHRASAL[w.split()[0]]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w == "landslide":
        return "landsl"
    for suf in ("ment", "ion", "ing", "ed", "es", "s", "e"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[: -len(suf)]
            break
    return w[:5]


def _outside_parentheses(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The stretches of text[lo:hi] outside parentheses ("72 km (45 miles) southwest")."""
    out, depth, start = [], 0, lo
    for i in range(lo, hi):
        ch = text[i]
        if ch == "(":
            if depth == 0 and i > start:
                out.append((start, i))
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            start = i + 1
    if depth == 0 and hi > start:
        out.append((start, hi))
    return out


def _words(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> list[re.Match[str]]:
    return [m for a, b in _outside_parentheses(text, lo, hi) for m in pattern.finditer(text, a, b)
            if m["w"].lower() not in _NOT_EVENTS]


def event_of(text: str, ss: int, s: int, e: int | None = None, se: int | None = None) -> str:
    """The event of what stands at text[s:e]: the event word nearest before ``s`` in its clause
    (a generic verb takes the event noun before it), else, when ``e`` and the sentence end
    ``se`` are given, the first known event word after it in its clause; "" when none."""
    inside = text.rfind("(", ss, s)
    if inside >= 0 and text.find(")", inside, s) < 0:
        return ""  # in a parenthesis ("(2211 GMT)", "(6:11 a.m. in Tokyo)"): a conversion
    clause = ss
    for cut in _CUT.finditer(text, ss, s):
        clause = cut.end()
    lo = max(clause, s - 90)
    found = _words(_EVENT, text, lo, s)
    if found:
        last = found[-1]
        w = " ".join(last["w"].lower().split())
        if w in _GENERIC:
            nouns = _words(_NOUN, text, max(clause, last.start() - 60), last.start())
            return stem(nouns[-1]["w"]) if nouns else OCCUR
        return stem(w)
    if e is None or se is None:
        return ""
    hi = se
    cut = _CUT.search(text, e, se)
    if cut:
        hi = cut.start()
    close = text.find(")", e, hi)
    if close >= 0:
        hi = close
    after = _words(_EVENT_AFTER, text, e, min(hi, e + 120))
    if not after:
        return ""
    first = after[0]
    w = " ".join(first["w"].lower().split())
    if w in _GENERIC:
        nouns = _words(_NOUN, text, e, first.start())
        return stem(nouns[-1]["w"]) if nouns else OCCUR
    return stem(w)


def joins(subject: str) -> bool:
    """Whether ``subject`` names the incident itself (a generic verb may stand for it)."""
    return subject in HAPPENINGS
