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
              "landfall": "landfall", "found guilty": "verdict", "found dead": "found dead"}
# Verbs that say only that something happened or hit: the event is their subject noun.
_GENERIC = frozenset("""struck strikes hit hits rocked rocks jolted jolts shook shakes slammed
    rattled occurred occurs happened happens""".split() + ["took place", "takes place"])
# Words of one kind of happening, folded into one class (stemmed forms differ by outlet).
_CLASSES = {"earthquake": "quake", "earthquakes": "quake", "quake": "quake", "quakes": "quake",
            "tremor": "quake", "temblor": "quake",
            "launch": "launch", "launched": "launch", "launches": "launch",
            "liftoff": "launch", "lift-off": "launch", "blastoff": "launch", "blast-off": "launch",
            # a court case's outcome: the settlement or the verdict
            "settlement": "settle", "settlements": "settle", "settled": "settle",
            "settles": "settle", "verdict": "verdict", "verdicts": "verdict",
            "convicted": "verdict",
            # a craft's arrival on the ground: "landed", "the landing", "touched down"
            "landing": "land", "landings": "land", "landed": "land", "lands": "land",
            "soft-landed": "land", "touchdown": "land", "touch down": "land",
            "touched down": "land", "touches down": "land",
            # a craft leaving the ground: "took off", "the takeoff", "take-off" (not its crash)
            "takeoff": "takeoff", "take-off": "takeoff", "took off": "takeoff",
            "takes off": "takeoff", "take off": "takeoff", "taking off": "takeoff",
            # orders taken before a product ships: "preorders", "pre-orders" and "pre-order"
            "preorder": "preorder", "preorders": "preorder", "pre-order": "preorder",
            "pre-orders": "preorder"}
_PHRASAL = {"lift": "launch", "lifted": "launch", "lifts": "launch", "blast": "launch",
            "blasted": "launch", "blasts": "launch"}
_EVENT_NOUNS = ("derailment", "crash", "collision", "explosion", "blast", "fire", "earthquake",
                "quake", "tremor", "temblor", "aftershock", "shooting", "attack", "accident",
                "incident", "landslide", "collapse", "eruption", "storm", "tornado", "flood",
                "outage", "leak", "spill", "call", "alarm", "alert", "announcement", "verdict",
                "ruling", "vote", "landing", "takeoff", "departure", "arrival", "kickoff",
                "launch", "liftoff", "lift-off", "blastoff", "take-off", "ceremony", "signing",
                "meeting", "briefing", "news conference", "press conference", "rescue",
                "settlement", "touchdown", "preorder", "pre-order")
# The incident a story is about (not what follows it: calls, briefings, rescues, arrivals):
# the classes a generic "struck"/"occurred" may stand for. Stems as ``stem`` gives them.
HAPPENINGS = frozenset({"quake", "launch", "derai", "crash", "colli", "explo", "blast", "shoot",
                        "attac", "accid", "incid", "landsl", "colla", "erupt", "torna",
                        "capsi", "landfall", "settle", "verdict", "land", "found dead"})
# A time that was the plan: "was scheduled for 4 p.m.", "originally set to begin at 9",
# "had been due to start at 10 a.m."
PLANNED_BEFORE = re.compile(
    r"(?i)\b(?:scheduled|planned|slated|originally|initially"
    # "due" as a plan only ("was due to land at", "due at"), never a cause ("due to rain")
    r"|due(?=[ \t]+(?:at|for|by|on|to[ \t]+(?:be|begin|start|open|close|end|finish|land"
    r"|arrive|leave|depart|launch|take|kick|tee|hold|meet|speak|sign|resume|return|fly|sail"
    r"|run|air|go|get|announce|release|appear|deliver|visit|vote|play)\b)))"
    r"\b[^,.;:!?()]{0,40}$")

_PHRASE = (r"(?:lift(?:ed|s)?|blast(?:ed|s)?|took|takes?|taking)[ \t]+off"
           r"|touch(?:ed|es)?[ \t]+down")
_EVENT = re.compile(
    r"(?i)\b(?P<w>" + _PHRASE + r"|took[ \t]+place|takes[ \t]+place|said|says|told|"
    + "|".join(sorted(_IRREGULAR, key=len, reverse=True))
    + "|(?:" + "|".join(n.replace(" ", r"[ \t]+") for n in _EVENT_NOUNS) + ")(?:es|s)?"
    + r"|[a-z]{2,}ed)\b")
# after the time only known event words count ("At 1:47 a.m. the rocket lifted off"), not any
# "-ed" word ("At 9 a.m. the uncrewed capsule ...")
_EVENT_AFTER = re.compile(
    r"(?i)\b(?P<w>" + _PHRASE + r"|took[ \t]+place|"
    + "|".join(sorted(_IRREGULAR, key=len, reverse=True))
    + "|" + "|".join(n.replace(" ", r"[ \t]+") for n in _EVENT_NOUNS)
    + r"|(?:launch|derail|crash|explod|erupt|collaps|collid|capsiz|rock|jolt)(?:ed|es|s)?)\b")
_NOUN = re.compile(r"(?i)\b(?P<w>" + "|".join(n.replace(" ", r"[ \t]+") for n in _EVENT_NOUNS)
                   + r")(?:es|s)?\b")
_NOT_EVENTS = frozenset(
    """said reported according called announced confirmed stated added noted told asked
    expected scheduled planned needed used based located closed opened listed aged
    wounded injured killed started began begun commenced ended finished completed
    resumed""".split())  # an aspect verb times the noun it governs, not a happening of its own
_REPORTING = frozenset("""said says reported according announced confirmed stated added noted
    told asked called""".split())
# a noun after one of these is not its sentence's event ("the scene of the derailment Monday")
_GOVERNED = re.compile(r"(?i)\b(?:of|after|since|following|from|over|about|on|into|before|by)"
                       r"[ \t]+(?:(?:the|a|an|this|last|that|its|their|[\w.-]+'s)[ \t]+)?"
                       r"(?:[\w.-]+[ \t]+){0,2}$")
# after a time or date, the event word must come before another verb or clause
# words after a time or day that end its clause for the event search: a subordinate clause,
# or a second action of the subject ("began its descent at 5:44 p.m. and touched down at ...")
# ("make its way Monday to the site to determine why the helicopter crashed": the crash is
# what is looked into, not what happens on Monday)
# a noun after one of these is no subject of the verb after it ("waves from the eruption struck
# the coast Sunday": the waves struck); "of" may govern a subject's head ("a series of quakes
# struck"), so it is left out
_GOVERNED_NOT_SUBJECT = re.compile(
    r"(?i)\b(?:after|since|following|from|over|about|into|before|by)"
    r"[ \t]+(?:(?:the|a|an|this|last|that|its|their|[\w.-]+'s)[ \t]+)?"
    r"(?:[\w.-]+[ \t]+){0,2}$")
_STOP_AFTER = re.compile(r"(?i)\b(?:after|before|since|following|when|because|that|which|who"
                         r"|why|how|whether|where|while|said|says|and|but|then|[a-z]{3,}ed)\b")
_OWNED = re.compile(r"(?i)['’]s[ \t]+(?:[\w.-]+[ \t]+){0,2}?(?P<w>"
                    + "|".join(n.replace(" ", r"[ \t]+") for n in _EVENT_NOUNS) + r")s?\b")
_POSSESSIVE = re.compile(r"['’]s[ \t]+(?:[\w.-]+[ \t]+){0,2}$")
_CUT = re.compile(r"[;\u2014]|:(?=\s)|,[ \t]+(?:and|but|while|when|as)\b")


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


# a noun before one of these modifies it ("the launch pad", "the crash site", "a launch
# attempt": a scrubbed attempt is not the launch)
_HEADS = re.compile(r"[ \t]+(?:window|pad|site|complex|system|director|control|team|date|time"
                    r"|attempt|zone|area|scene|victims?|survivors?|toll|response|relief|aid"
                    r"|cent(?:er|re)|vehicle|tower|schedule|plan|drill|investigation|report"
                    r"|probe|inquiry|risk|warning|season|descent|approach|sequence|phase"
                    r"|manoeuvre|maneuver|burn|process|procedure)\b", re.I)
# an event noun after one of these is another happening of the kind ("an earlier quake")
_OTHER = re.compile(r"(?i)\b(?:another|earlier|previous|prior|second|third|similar|separate"
                    r"|former|past|deadlier|larger|smaller|bigger)[ \t]+(?:[\w.-]+[ \t]+)?$")


# a noun introduced as "a shooting on Tuesday" (with no verb of its own) may be another
# happening of the kind; the story's own is "the shooting", "Saturday's shooting", or the
# subject of a verb ("a quake struck on Friday": read through the verb)
_INDEFINITE = re.compile(r"(?i)(?<![\w-])(?:a|an)[ \t]+(?:[\w.,-]+[ \t]+){0,2}$")


def _not_the_event(text: str, m: re.Match[str]) -> bool:
    """A matched word that does not name an event here: a capitalised noun inside a sentence
    (part of a name: "Launch Complex 39B", "Fire Department"), or a noun modifying another
    ("launch pad"); and a capitalised word read only as some verb's "-ed" inside a sentence,
    a name ("Manchester United", "Ahmed")."""
    w = m["w"]
    before = text[max(0, m.start() - 3):m.start()].rstrip(" \t\u00a0\"“‘'")
    capital_inside = w[:1].isupper() and before[-1:] not in ("", ".", "!", "?", "\n", ":")
    if not _NOUN.fullmatch(w):
        return (capital_inside and w.lower() not in _CLASSES and w.lower() not in _IRREGULAR
                and _EVENT_AFTER.fullmatch(w) is None)
    return capital_inside or bool(_HEADS.match(text, m.end()))


def _words(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> list[re.Match[str]]:
    return [m for a, b in _outside_parentheses(text, lo, hi) for m in pattern.finditer(text, a, b)
            if m["w"].lower() not in _NOT_EVENTS and not _not_the_event(text, m)]


# For a clock time: one happening of a series is no time of the story's happening ("the last
# aftershock occurred at 2:14 p.m.", "the first earthquake hit around 11 a.m.", "five
# earthquakes struck around noon"): a story with several shocks or blasts has several times.
_SERIES_BEFORE = re.compile(r"(?i)\b(?:first|last|latest|final|next|subsequent|strongest"
                            r"|biggest|largest|main)[ \t]+(?:[\w.-]+[ \t]+)?$")
_IN_SERIES = frozenset({"aftershock", "aftershocks"})


def _one_of_series(text: str, noun: re.Match[str], subject: bool) -> bool:
    """Whether an event noun names several happenings or one of a series (see above); a
    plural only as the ``subject`` of a verb of happening ("earthquakes struck": alone,
    "launches" may be the verb)."""
    w = " ".join(noun[0].lower().split())  # the word with its plural ending, if any
    return (w in _IN_SERIES or (subject and w not in _EVENT_NOUNS)
            or _SERIES_BEFORE.search(text, max(0, noun.start() - 30), noun.start()) is not None)


def _pick(text: str, m: re.Match[str], lo: int, series: bool = False) -> str:
    """The event a matched word names: a generic verb takes the event noun before it (or is
    ``OCCUR``); a noun governed by a preposition ("the scene of the derailment", "after the
    quake") is not what the time or date belongs to (""); with ``series``, neither is a noun of
    several happenings or of one of a series."""
    w = " ".join(m["w"].lower().split())
    if w in _GENERIC:
        nouns = _words(_NOUN, text, max(lo, m.start() - 60), m.start())
        if nouns and (series and _one_of_series(text, nouns[-1], subject=True)
                      or _GOVERNED_NOT_SUBJECT.search(text, max(lo, nouns[-1].start() - 40),
                                                      nouns[-1].start())):
            return ""
        return stem(nouns[-1]["w"]) if nouns else OCCUR
    if _NOUN.fullmatch(m["w"]) and (
            _GOVERNED.search(text, max(lo, m.start() - 40), m.start())
            or _OTHER.search(text, max(0, m.start() - 30), m.start())
            or _INDEFINITE.search(text, max(0, m.start() - 40), m.start())
            or series and _one_of_series(text, m, subject=False)):
        return ""
    return stem(w)


def event_of(text: str, ss: int, s: int, e: int | None = None, se: int | None = None,
             series: bool = False, between: re.Pattern[str] | None = None) -> str:
    """The event of what stands at text[s:e]: the event word nearest before ``s`` in its clause
    (a generic verb takes the event noun before it), else, when ``e`` and the sentence end
    ``se`` are given, the first known event word after it in its clause, before any other
    verb; "" when none, or when a reporting verb stands nearer ("officials said Saturday").
    ``series`` (clock times): "" too for a happening of a series (``_one_of_series``).
    ``between`` (days): an event word before ``s`` with a match of it in between is that
    other day's ("collapsed on June 24, leaving 14 missing Tuesday": Tuesday dates no collapse)."""
    ss = max(ss, text.rfind("\n", ss, s) + 1)  # a page's date line is not its next line's
    if e is not None and se is not None:
        owner = _OWNED.match(text, e, min(se, e + 40))  # "Friday's quake"
        if owner:
            return stem(owner["w"])
    inside = text.rfind("(", ss, s)
    if inside >= 0 and text.find(")", inside, s) < 0:
        return ""  # in a parenthesis ("(2211 GMT)", "(6:11 a.m. in Tokyo)"): a conversion
    clause = ss
    for cut in _CUT.finditer(text, ss, s):
        clause = cut.end()
    lo = max(clause, s - 140)
    for m in reversed([m for a, b in _outside_parentheses(text, lo, s)
                       for m in _EVENT.finditer(text, a, b)]):
        w = m["w"].lower()
        if w in _REPORTING:
            return ""
        if w not in _NOT_EVENTS and not _not_the_event(text, m):
            if between is not None and between.search(text, m.end(), s):
                return ""
            return _pick(text, m, clause, series)
    if e is None or se is None:
        return ""
    hi = min(se, e + 120)
    stop = _CUT.search(text, e, hi)
    if stop:
        hi = stop.start()
    if (i := text.find("\n", e, hi)) >= 0:
        hi = i
    if (i := text.find(")", e, hi)) >= 0 and text.find("(", e, i) < 0:
        hi = i  # the end of a parenthesis the time or day stands in
    found = _words(_EVENT_AFTER, text, e, hi)
    for i, m in enumerate(found):
        if _STOP_AFTER.search(text, e, m.start()):
            return ""
        if _NOUN.fullmatch(m["w"]):
            verbs = [n for n in found[i + 1:] if not _NOUN.fullmatch(n["w"])]
            if verbs and " ".join(verbs[0]["w"].lower().split()) in _GENERIC \
                    and not _STOP_AFTER.search(text, m.end(), verbs[0].start()):
                return _pick(text, verbs[0], e, series)  # "On June 8, a quake struck"
            if not verbs and not _POSSESSIVE.match(text, e, m.start()):
                return ""  # a noun with no verb of its own ("Sept. 8: quake toll rises")
        return _pick(text, m, e, series)
    return ""


# A declaration is dated as its own act: "on May 3 declared three days of mourning", "imposed a
# curfew on Friday", "proclaimed a state of emergency, the palace announced on Saturday". The
# declaring verb must stand next to the day (a few words, no other verb between), and what is
# declared is named in the sentence.
DECLARED = {"mourning": "mourning", "state of emergency": "emergency", "curfew": "curfew",
            "lockdown": "lockdown", "martial law": "martial law", "ceasefire": "ceasefire",
            "cease-fire": "ceasefire"}
_DECLARED = re.compile(r"(?i)\b(?P<w>" + "|".join(k.replace(" ", r"[ \t]+")
                                                   for k in sorted(DECLARED, key=len,
                                                                   reverse=True)) + r")\b")
_DECLARING = (r"(?:declared|declares|proclaimed|proclaims|announced|announces|imposed|imposes"
              r"|decreed)")
_DECLARING_BEFORE = re.compile(rf"(?i)\b{_DECLARING}[ \t]+(?:(?:on|late|early|last)[ \t]+)*$")
_DECLARING_AFTER = re.compile(rf"(?i)^[ \t]*(?:(?!(?:and|but|while|as|when)\b)[\w'’-]+[ \t]+)"
                              rf"{{0,3}}?{_DECLARING}\b")
_VERBISH = re.compile(r"(?i)\b(?:[a-z]{3,}ed|said|says|was|were|is|are|has|had|will)\b")


def declaration_of(text: str, ss: int, s: int, e: int, se: int) -> str:
    """What a declaring verb next to text[s:e] declares ("mourning", "curfew"), or ""."""
    ss = max(ss, text.rfind("\n", ss, s) + 1)
    nl = text.find("\n", e, se)
    se = se if nl < 0 else nl
    said = _DECLARED.search(text, ss, se)
    if said is None:
        return ""
    if not _DECLARING_BEFORE.search(text, max(ss, s - 30), s):
        m = _DECLARING_AFTER.match(text[e:min(se, e + 60)])
        if m is None or _VERBISH.search(text, e, e + m.start() + len(m.group(0))
                                        - len(m.group(0).split()[-1])):
            return ""
    return DECLARED[" ".join(said["w"].lower().split())]


def joins(subject: str) -> bool:
    """Whether ``subject`` names the incident itself (a generic verb may stand for it)."""
    return subject in HAPPENINGS


def story_events(subjects: list[str]) -> dict[str, str]:
    """Each event subject of one story's times or dates to the event it is compared as: a
    generic "occurred"/"struck" with no event noun (``OCCUR``) stands for the story's happening
    when the story names exactly one (a quake, a launch, a derailment); else for itself."""
    happenings = {s for s in subjects if joins(s)}
    out = {s: s for s in subjects}
    if len(happenings) == 1:
        out[OCCUR] = next(iter(happenings))
    return out
