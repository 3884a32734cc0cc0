"""People named without a title: victims, witnesses, passengers, relatives, named where a cue
says the capitalised words are a person, so their spellings are compared like anyone's.

A capitalised run alone is not a person (it may be a club, a company, a street); one of these
cues must stand next to it:
- an age apposition: "Ada Brill, 41, of Tarnwick", "Ada Brill (41)", "Ada Brill, aged 41",
  "41-year-old Ada Brill", "Ivo and Ada Brill, ages 44 and 41" (the age followed by a full stop
  or a lower-case word, with or without a comma, so "Club A, 14, Club B (7), ..." is no list
  of people);
- an identification or a list of victims: "identified as", "named the victims as", "the
  victims were", "the dead included", "among them was", followed by one or more names;
- a common noun for a person's part in the event written right before the name: "witness Ada
  Brill", "his wife, Ada Brill", "passenger Ivo Brill";
- a birth: "Ada Brill was born on Jan. 30, 1930", "Born in 1931 in Tarnwick, Brill endured ..."
  (``born``: the year).

kind="person", predicate="named", subject="named", value = {"name", "tokens", "cue", "age"
(an int, when stated), "home" (the place after "of"/"from"/"a resident of", when stated),
"born" (the birth year, when stated)}.
Spans: role="person" (two or more name tokens, or a given name coordinated with a full name:
"Ivo" in "Ivo and Ada Brill"), role="age", role="home", role="born". The age, home town and
birth year are attributes the attribute-conflict check compares across sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.extract.people import PERSON_NAME, _clean_name
from audit.extract.vocab import (
    NAME_TOKEN,
    NATIONALITIES,
    PERSON_NOUNS,
    STOP_WORDS,
    WS,
    Lexicon,
    lexicon,
    trie_pattern,
)
from audit.model import ClaimDraft, Context, SpanRef
from audit.text import Anchored

NAME = "untitled_people"
VERSION = "10"

_NAME = rf"(?P<name>{PERSON_NAME})"
_PLACE_TOKEN = rf"(?:St\.|Ft\.|Mt\.|{NAME_TOKEN})"
_PLACE = rf"{_PLACE_TOKEN}(?:{WS}{_PLACE_TOKEN}){{0,2}}(?:,{WS}{NAME_TOKEN})?"
# "a Tarnwick man", "a Tarnwick resident": the place is the person's home
_DEMONYM_NOUNS = "man|woman|boy|girl|resident|native|couple|teenager|mother|father"
# After a name: ", 41," / " (41)" / ", aged 41", then maybe "of/from/a resident of Place".
_AGE_AFTER = re.compile(
    # (no comma after the age: a verb must follow, since "in Tarnwick, 52 people died" counts)
    # or the line ends there: a list of people, one a line ("Ada Brill, 41" / "Ada Brill (41)")
    rf"(?:,{WS}(?:aged{WS})?(?P<age>\d{{1,3}})(?=[.;)]|,{WS}(?:[a-z]|of\b|from\b)"
    rf"|{WS}(?:was|is|has|had|who|died|dies|said|says|and|were|are|will|would)\b"
    r"|[ \t]*(?:\n|\Z))"
    rf"|{WS}\((?P<age2>\d{{1,3}})\)(?=[.;]|,{WS}[a-z]|{WS}[a-z]|[ \t]*(?:\n|\Z)))"
    rf"(?:,?{WS}(?:of|from|(?:a|an){WS}(?:resident|native){WS}of){WS}(?P<home>{_PLACE})"
    rf"|,{WS}(?:a|an){WS}(?P<home2>{_PLACE}){WS}(?:{_DEMONYM_NOUNS})(?![\w-]))?"
)
_HOME_AFTER = re.compile(
    rf",{WS}(?:of|from|(?:a|an){WS}(?:resident|native){WS}of){WS}(?P<home>{_PLACE})(?=[,.;])"
)
# Anchored: these three are scanned only over the lines holding their cue word.
_YEAR_OLD = Anchored(re.compile(
    rf"(?<![\w-])(?P<age>\d{{1,3}})-year-old{WS}(?:[a-z]+{WS})?(?={NAME_TOKEN})"
), re.compile("-year-old"))
# "41-year-old Danish shipowner Ada Brill": a nationality and a word or two of what she is
_YEAR_OLD_DESCRIBED = Anchored(re.compile(
    rf"(?<![\w-])(?P<age>\d{{1,3}})-year-old{WS}(?P<nationality>[A-Z][a-z]+){WS}"
    rf"(?:[a-z]+{WS}){{1,2}}(?={NAME_TOKEN})"
), re.compile("-year-old"))
# "Ivo and Ada Brill, ages 44 and 41" / "Ivo Brill and Ada Brill, aged 44 and 41"
_PAIR_AGES = Anchored(re.compile(
    rf",?{WS}(?:ages|aged){WS}(?P<a1>\d{{1,3}}){WS}and{WS}(?P<a2>\d{{1,3}})(?![\w-])"
), re.compile("age[sd]"))
_GIVEN_AND = re.compile(rf"(?P<g>{NAME_TOKEN}){WS}and{WS}(?={NAME_TOKEN}{WS}{NAME_TOKEN})")
_IDENT = Anchored(re.compile(
    rf"(?<![\w-])(?:(?:identified|named)(?:{WS}(?:him|her|them|the{WS}[a-z]+(?:{WS}[a-z]+)?))?"
    rf"{WS}as|(?:victims?|dead|deceased|injured|wounded|killed|survivors?|missing)"
    rf"{WS}(?:were|was|are|is|include|included|includes)"
    rf"|[Aa]mong{WS}(?:them|the{WS}[a-z]+)(?:{WS}(?:was|were|is|are))?)(?::|,)?{WS}"
), re.compile(r"identified|named|victim|dead|deceased|injured|wounded|killed|survivor|missing"
               r"|among|Among"))
_PERSON_NOUNS = "|".join(sorted(PERSON_NOUNS, key=len, reverse=True))
# lower case or capitalised (a sentence start), as a trie: an alternation of 60 words tried at
# every position was most of this extractor's time
_NOUN_FORMS = trie_pattern(sorted({f for w in PERSON_NOUNS for f in (w, w.capitalize())}))
_NOUN_BEFORE = re.compile(rf"(?<![\w-])(?P<noun>{_NOUN_FORMS}),?{WS}(?=[A-Z])")
# "Tarnwick resident Ada Brill": the place written right before the noun
_PLACE_BEFORE = re.compile(rf"(?<![\w'’.-])(?P<home>{_PLACE}){WS}\Z")
_NAME_RE = re.compile(_NAME)
_NAME_AND = re.compile(rf"{_NAME}{WS}and{WS}")
_CAP_START = re.compile(r"(?<![\w'’.-])[A-Z]")
# where an age apposition may follow a name (the name is then read backwards from here)
_AGE_MARK = re.compile(rf"(?:,{WS}(?:aged{WS})?|{WS}\()\d")
_NAME_ENDING = re.compile(rf"(?<![\w'’.-]){_NAME}\Z")
# A birth year: "Ada Brill was born on Jan. 30, 1930", "... was born in Tarnwick, Ohio, in
# 1930"; and a sentence opened by "Born": "Born in 1931 in Tarnwick, Brill endured ..." (the
# main clause's subject is the person). The year follows "in", a day of a date or a comma,
# within BORN_REACH characters of "born" on its line, with no clause about another time or
# person between ("who", "when", "after", "died" ...).
BORN_REACH = 90
_BORN_AFTER_NAME = re.compile(rf"{WS}(?:was|is){WS}born{WS}")
_BORN_OPENS = re.compile(r"(?:(?<=[.!?][ \t])|(?<=\n)|(?<=\A))Born[ \t]")
_BORN_YEAR = re.compile(
    r"(?:\bin|,|\b\d{1,2}(?:st|nd|rd|th)?,?|\b[A-Z][a-z]{2,8}\.?)[ \t]+"
    r"(?P<year>(?:18|19|20)\d\d)\b(?![-–/]\d)")
_BORN_BREAK = re.compile(r"\b(?:who|which|whose|when|while|after|before|until|since|died"
                         r"|where|and[ \t]+(?:his|her|their))\b|\n")
_SUBJECT_AFTER = re.compile(r",[ \t]+(?=[A-Z])")
_NUMBER_ITEM_BEFORE = re.compile(rf"\d(?:,|\)[,;]?){WS}\Z")
_LIST_SEP = re.compile(rf"(?:,{WS}(?:and{WS})?|{WS}and{WS}|;{WS})")


class _Found:
    """The attributes read for one name span (several cues may read one name)."""

    def __init__(self, span: tuple[int, int], cue: str) -> None:
        self.span, self.cue = span, cue
        self.age: tuple[int, int] | None = None
        self.home: tuple[int, int] | None = None
        self.born: tuple[int, int] | None = None


_NOUN_FIRST = re.compile(rf"(?i:{_PERSON_NOUNS}){WS}")


def _cleaned(text: str, a: int, b: int, lex: Lexicon) -> tuple[int, int] | None:
    """``_clean_name`` without a leading person noun ("Student Ada Brill" -> "Ada Brill")."""
    n = _NOUN_FIRST.match(text, a, b)
    if n is not None and text[a].isupper():
        a = n.end()
    return _clean_name(text, a, b, lex)


def _name_at(text: str, pos: int, end: int, lex: Lexicon, *, single: bool = False
             ) -> tuple[int, int] | None:
    """The cleaned name starting at ``pos`` (two tokens or more, unless ``single``)."""
    m = _NAME_RE.match(text, pos, end)
    if m is None:
        return None
    span = _cleaned(text, *m.span("name"), lex)
    if span is None or span[0] != m.start("name"):
        return None
    if len(text[span[0]:span[1]].split()) < (1 if single else 2):
        return None
    return span


def _surname_of_named(text: str, span: tuple[int, int], start: int, lex: Lexicon) -> bool:
    """Whether a one-word name is the last word of a full name written earlier in the same
    passage ("Ada Brill was on board. ... Brill, 41, the founder of ..."): a surname with its
    age, not a place or a team with a number."""
    word = text[span[0]:span[1]]
    for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text[start:span[0]]):
        a = start + m.start()
        before = re.search(rf"({NAME_TOKEN}){WS}$", text[max(start, a - 40):a])
        if before is not None and before.group(1) not in STOP_WORDS and \
                _cleaned(text, a - len(before.group(0)), a + len(word), lex) is not None:
            return True
    return False


def _age(m: re.Match[str], g: str) -> tuple[int, int] | None:
    if m.group(g) is None:
        return None
    return m.span(g) if 0 < int(m.group(g)) < 120 else None


def _home(text: str, m: re.Match[str], lex: Lexicon) -> tuple[int, int] | None:
    g = "home" if m.group("home") is not None else "home2"
    if m.group(g) is None:
        return None
    a, b = m.span(g)
    words = text[a:b].replace(",", " ").split()
    if any(w.rstrip(".").lower() in lex.org_suffixes for w in words):
        return None  # "of Tarnwick Mills Ltd": an employer, not a home town
    return a, b


def _attach(found: dict[tuple[int, int], _Found], span: tuple[int, int], cue: str,
            text: str, end: int, lex: Lexicon) -> int:
    """Record a name and read the age and home town written after it; returns where the
    apposition ends."""
    f = found.setdefault(span, _Found(span, cue))
    pos = span[1]
    m = _AGE_AFTER.match(text, pos, end)
    if m is not None:
        age = _age(m, "age") or _age(m, "age2")
        if age is not None:
            f.age = f.age or age
            f.home = f.home or _home(text, m, lex)
            return m.end()
    m = _HOME_AFTER.match(text, pos, end)
    if m is not None and cue != "age":
        f.home = f.home or _home(text, m, lex)
        return m.end("home")
    return pos


def _pair(text: str, pos: int, end: int, lex: Lexicon
          ) -> tuple[tuple[int, int], tuple[int, int], int] | None:
    """ "Ivo and Ada Brill" at ``pos``: the given name alone and the full name."""
    g = _GIVEN_AND.match(text, pos, end)
    if g is None or g.group("g") in lex.title_words:
        return None
    first = _name_at(text, g.start("g"), g.end("g"), lex, single=True)
    full = _name_at(text, g.end(), end, lex)
    if first is None or full is None:
        return None
    return first, full, full[1]


def _list(found: dict, text: str, pos: int, end: int, lex: Lexicon, cue: str) -> None:
    """Names in a list from ``pos``: "A B, 41, of C; D E and F G"."""
    for _ in range(12):
        pair = _pair(text, pos, end, lex)
        if pair is not None:
            first, full, pos = pair
            found.setdefault(first, _Found(first, cue))
            pos = _attach(found, full, cue, text, end, lex)
        else:
            span = _name_at(text, pos, end, lex)
            if span is None:
                return
            pos = _attach(found, span, cue, text, end, lex)
        sep = _LIST_SEP.match(text, pos, end)
        if sep is None:
            return
        pos = sep.end()


def _pair_ages(found: dict, text: str, start: int, end: int, lex: Lexicon) -> None:
    """ "Ivo and Ada Brill, ages 44 and 41" / "Ivo Brill and Ada Brill, aged 44 and 41"."""
    for m in _PAIR_AGES.finditer(text, start, end):
        line_start = max(start, text.rfind("\n", start, m.start()) + 1)
        names: list[tuple[int, int]] = []
        for g in _GIVEN_AND.finditer(text, max(line_start, m.start() - 80), m.start()):
            pair = _pair(text, g.start(), m.start(), lex)
            if pair is not None and pair[2] == m.start():
                names = [pair[0], pair[1]]
                break
        if not names:
            for a in _CAP_START.finditer(text, line_start, m.start()):
                t = _NAME_AND.match(text, a.start(), m.start())
                if t is None:
                    continue
                n1 = _clean_name(text, *t.span("name"), lex)
                n2 = _name_at(text, t.end(), m.start(), lex)
                if n1 and n2 and n2[1] == m.start() and len(text[n1[0]:n1[1]].split()) >= 2:
                    names = [n1, n2]
                    break
        for span, group in zip(names, ("a1", "a2"), strict=False):
            f = found.setdefault(span, _Found(span, "age"))
            if 0 < int(m.group(group)) < 120:
                f.age = f.age or m.span(group)


def _born_year(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """The span of the birth year stated right after "born" at ``pos``."""
    hi = min(end, pos + BORN_REACH)
    stop = _BORN_BREAK.search(text, pos, hi)
    m = _BORN_YEAR.search(text, pos, stop.start() if stop else hi)
    return m.span("year") if m else None


def _births(found: dict, text: str, start: int, end: int, lex: Lexicon) -> None:
    """Birth years: "Ada Brill was born ... in 1930", "Born in 1931 ..., Brill endured ..."."""
    for m in _BORN_AFTER_NAME.finditer(text, start, end):
        ending = _NAME_ENDING.search(text, max(start, m.start() - 60), m.start())
        year = _born_year(text, m.end(), end)
        if ending is None or year is None:
            continue
        span = _cleaned(text, *ending.span("name"), lex)
        if span is None or span[1] != m.start():
            continue
        f = found.setdefault(span, _Found(span, "born"))
        f.born = f.born or year
    for m in _BORN_OPENS.finditer(text, start, end):
        year = _born_year(text, m.end(), end)
        if year is None:
            continue
        hi = min(end, m.end() + 2 * BORN_REACH)
        line_end = text.find("\n", m.end(), hi)
        for c in _SUBJECT_AFTER.finditer(text, year[1], line_end if line_end >= 0 else hi):
            span = _name_at(text, c.end(), end, lex, single=True)
            if span is not None and re.match(r"[ \t]+[a-z]", text[span[1]:span[1] + 3]):
                f = found.setdefault(span, _Found(span, "born"))
                f.born = f.born or year
                break


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    lex = lexicon(ctx.vocab)
    found: dict[tuple[int, int], _Found] = {}
    # identifications and lists of victims
    for m in _IDENT.finditer(text, start, end):
        _list(found, text, m.end(), end, lex, "identified")
    # a person noun right before a name
    for m in _NOUN_BEFORE.finditer(text, start, end):
        span = _name_at(text, m.end(), end, lex)
        if span is not None:
            _attach(found, span, m.group("noun").lower(), text, end, lex)
            home = _PLACE_BEFORE.search(text, max(start, m.start() - 40), m.start())
            if m.group("noun").lower() in ("resident", "native") and home is not None:
                f = found[span]
                a, b = home.span("home")
                for w in re.finditer(r"\S+", home.group("home")):
                    if w.group() not in STOP_WORDS:
                        break
                    a = home.start("home") + w.end() + 1  # "The Brenmouth resident"
                if f.home is None and a < b:
                    f.home = (a, b)
    # "41-year-old Ada Brill", "41-year-old Danish shipowner Ada Brill"
    for m in [*_YEAR_OLD.finditer(text, start, end),
              *(d for d in _YEAR_OLD_DESCRIBED.finditer(text, start, end)
                if d.group("nationality") in NATIONALITIES)]:
        span = _name_at(text, m.end(), end, lex)
        if span is not None and 0 < int(m.group("age")) < 120:
            f = found.setdefault(span, _Found(span, "age"))
            f.age = f.age or m.span("age")
    # "Ada Brill, 41, of Tarnwick": any capitalised run with an age apposition
    for mark in _AGE_MARK.finditer(text, start, end):
        ending = _NAME_ENDING.search(text, max(start, mark.start() - 90), mark.start())
        if ending is None:
            continue
        a, b = ending.span("name")
        span = _cleaned(text, a, b, lex)
        if span is None or span[1] != b:
            continue
        if len(text[span[0]:b].split()) < 2 and not _surname_of_named(text, span, start, lex):
            continue
        if _NUMBER_ITEM_BEFORE.search(text, max(start, span[0] - 12), span[0]):
            continue  # "Rovers, 14, Athletic, 9.": a table of names and numbers
        am = _AGE_AFTER.match(text, b, end)
        if am is not None and (_age(am, "age") or _age(am, "age2")):
            _attach(found, span, found[span].cue if span in found else "age", text, end, lex)
    _pair_ages(found, text, start, end, lex)
    _births(found, text, start, end, lex)
    for span in sorted(found):
        f = found[span]
        name = " ".join(text[span[0]:span[1]].split())
        value: dict = {"name": name, "tokens": name.split(), "cue": f.cue}
        spans = [SpanRef(span[0], span[1], "person")]
        if f.age is not None:
            value["age"] = int(text[f.age[0]:f.age[1]])
            spans.append(SpanRef(f.age[0], f.age[1], "age"))
        if f.home is not None:
            value["home"] = " ".join(text[f.home[0]:f.home[1]].split())
            spans.append(SpanRef(f.home[0], f.home[1], "home"))
        if f.born is not None:
            value["born"] = int(text[f.born[0]:f.born[1]])
            spans.append(SpanRef(f.born[0], f.born[1], "born"))
        yield ClaimDraft(kind="person", predicate="named", subject="named", value=value,
                         spans=spans, extractor=NAME, version=VERSION)
