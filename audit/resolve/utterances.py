"""Quote identity: whether two quoted passages are one utterance, and how their wording differs.
Pure functions.

Typography is not wording: curly and straight quotes and apostrophes (’ ‘ ʼ ′ ` ´), dashes and
hyphens, ellipses, letter case and the dots of an initialism ("U.S." / "US") compare equal, and
quote marks nested inside a quote are not part of its words ("‘historic’" = "historic").
Editorial marks are not changes: a bracketed insertion ("[the company]", "[It]") and an ellipsis
("…", "...") stand for words the quoting source left out or replaced, so whatever the other
source has in their place is not counted, and neither are words cut from either end (a trimmed
quote), nor, where one quote runs on with a sentence of its own at an end, the words the other
has there instead (the two were cut at different sentence ends). Nor are differences only in
articles ("a", "an", "the" left out, added or swapped) or in one noun's number ("chamber" /
"chambers"): an editor lets them pass. Where both quotes close their sentence, the words that
differ at the end were trimmed from neither, so each is a change.

A quoted word or two ("heartbroken", "massive") is a term the writer borrowed, not a statement:
quotes of fewer than MIN_UTTERANCE_WORDS words are never one utterance with another. Words are
compared split at hyphens ("once-in-a-lifetime" = "once in a lifetime"), but a hyphenated
compound counts as one word where the evidence is weighed (the length of a quote, of a shared
run): two statements that share one compound and a preposition share two words, not five.

Two quotes are the same utterance only when they share a substantial run of words in order
(SAME_RUN words in a row, or the whole of a shorter quote) and most of the shorter quote's words
(SAME_SHARE, in order, counting runs of two words or more, but beside the longest run not a
run of FUNCTION_WORDS only: "of the" is no evidence), and those runs are not scattered over a
long stretch (SAME_WINDOW); or when each runs on with other sentences of the speaker and
the two overlap at whole sentences (one source quotes "A. B.", another "B. C."). For quotes
whose speaker is named in both sources, ``reworded`` also pairs one sentence reworded phrase by
phrase (the same skeleton of shared phrases with a few words swapped between them). Two
statements of one speaker on one subject share words ("the", "our", the subject's name), not
whole passages, so they are never paired as a reworded quote.
"""

from __future__ import annotations

import difflib
import functools
import re

from audit.resolve.names import american
from audit.text import fold

GAP = "\x00"  # a token standing for words the source left out or replaced ([...] or …)
SAME_RUN = 4  # words in a row two quotes of one utterance share at least
SAME_SHARE = 0.6  # share of the shorter quote's words (in order) they share at least
SAME_WINDOW = 0.5  # share of the stretch those shared words span in either quote
OVERLAP_MIN = 6  # shared words of two quotes that overlap at whole sentences (_same_overlap)
NEAR = 3  # words between a lone shared word and a shared run it extends

_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼ′`´＇‛"})
_EDITORIAL = re.compile(r"\[[^\[\]\n]{0,80}\]|\.{3,}|…|\. \. \.")
_TOKEN = re.compile(rf"{GAP}|[\w']+")
# an initialism written with dots ("U.S.", "D.C."): one word, as "US" is
_INITIALISM = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){2,}")


def _undotted(text: str) -> str:
    return _INITIALISM.sub(lambda m: m.group(0).replace(".", ""), text)


# a thousands separator inside a number ("1,000" / "1000" / "1.000"): one word either way
_GROUPED = re.compile(r"(?<=\d)[,.](?=\d{3}(?!\d))")


def _normalise(text: str) -> str:
    text = _EDITORIAL.sub(f" {GAP} ", _undotted(_GROUPED.sub("", text.translate(_APOSTROPHES))))
    return fold(text).translate(_APOSTROPHES)


def tokens(text: str) -> list[str]:
    """The words of a quote as compared (lower case, apostrophes straight, nested quote marks
    dropped), with GAP for each editorial insertion or ellipsis."""
    return list(_tokens(text))


@functools.lru_cache(maxsize=1 << 16)  # a story's quotes are compared pairwise
def _tokens(text: str) -> tuple[str, ...]:
    out = []
    for t in _TOKEN.findall(_normalise(text)):
        if t != GAP:
            t = t.strip("'").lower()
            if not t:
                continue
        out.append(t)
    return tuple(out)


def words(text: str) -> list[str]:
    """The words of a quote as compared, without editorial gaps."""
    return list(_words(text))


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    return tuple(t for t in _tokens(text) if t != GAP)


@functools.lru_cache(maxsize=1 << 16)
def _pairs(text: str) -> frozenset[tuple[str, str]]:
    """The pairs of consecutive words of a quote (a cheap test before aligning two quotes)."""
    ws = _words(text)
    return frozenset(zip(ws, ws[1:], strict=False))


_DASHES = str.maketrans({c: " " for c in "–—―"})  # a dash between words is no hyphen


@functools.lru_cache(maxsize=1 << 16)
def _opens(text: str) -> tuple[bool, ...]:
    """Per word of :func:`words`: whether it opens a word as written (False for the second and
    later parts of a hyphenated compound: "in", "a", "lifetime" of "once-in-a-lifetime")."""
    norm = fold(_EDITORIAL.sub(" ", text.translate(_APOSTROPHES)).translate(_DASHES))
    out = []
    prev_end = -1
    for m in _TOKEN.finditer(norm):
        if not m.group(0).strip("'"):
            continue
        out.append(not (prev_end >= 0 and norm[prev_end:m.start()] == "-"))
        prev_end = m.end()
    if len(out) != len(_words(text)):  # folding split the words otherwise: count every one
        return (True,) * len(_words(text))
    return tuple(out)


def _lexical(text: str, start: int = 0, end: int | None = None) -> int:
    """The words as written among words[start:end] (a compound counts once); a stretch that
    starts inside a compound counts its first part as a word."""
    opens = _opens(text)[start:end]
    return sum(opens) + (1 if opens and not opens[0] else 0)


def _raw(text: str) -> list[str]:
    """The words as written (for showing a diff), aligned with :func:`tokens`."""
    out = []
    for t in _TOKEN.findall(_EDITORIAL.sub(f" {GAP} ",
                                           _undotted(text.translate(_APOSTROPHES)))):
        if t != GAP:
            t = t.strip("'")
            if not t:
                continue
        out.append("[…]" if t == GAP else t)
    return out


MIN_UTTERANCE_WORDS = 3  # words of the shorter quote, at least, to pair two quotes
FUNCTION_WORDS = frozenset(
    "a an the of in on at to for from by with into onto as and or but nor than that this these "
    "those is are was were be been".split())


@functools.lru_cache(maxsize=1 << 16)  # pure; a pair is asked again (partners, pairs)
def same_utterance(a: str, b: str) -> bool:
    """Whether two quoted passages are one utterance (see the module docstring)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    shorter = min(len(wa), len(wb))
    written = min(_lexical(a), _lexical(b))  # words as written: a compound counts once
    if written < MIN_UTTERANCE_WORDS:
        return False  # a quoted word or two ("heartbroken") is a term, not a statement
    if shorter >= 2 and _pairs(a).isdisjoint(_pairs(b)):
        return False  # no shared run of two words: no block below could qualify
    sm = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    # words shared in runs of two or more (a lone shared "the" or "is" is no evidence), and
    # lone words between such runs (aligned inside the same passage)
    matched = [x for x in sm.get_matching_blocks() if x.size]
    blocks = [x for x in matched if x.size >= min(2, shorter)]
    if not blocks or max(min(_lexical(a, x.a, x.a + x.size), _lexical(b, x.b, x.b + x.size))
                         for x in blocks) < min(SAME_RUN, written):
        return False
    a0, a1 = blocks[0].a, blocks[-1].a + blocks[-1].size
    b0, b1 = blocks[0].b, blocks[-1].b + blocks[-1].size
    # beside the longest shared run, a run of function words only ("of the") is not counted:
    # two statements on one frame ("the damage points to a slow failure of the ...") share
    # such runs around the words where they differ
    longest = max(blocks, key=lambda x: x.size)
    inside = [x for x in matched if a0 <= x.a and x.a + x.size <= a1
              and b0 <= x.b and x.b + x.size <= b1]
    shared = sum(x.size for x in inside
                 if x.size == 1 or x is longest
                 or not FUNCTION_WORDS.issuperset(wa[x.a:x.a + x.size]))
    # the stretch of each quote the shared runs cover: a phrase two statements share ("believe
    # in the potential of the university") covers little of either
    window = max(a1 - a0, b1 - b0)
    if _parted(wa[a1:], wb[b1:], a1 - a0) and a0 in _sentence_starts(a) \
            and b0 in _sentence_starts(b):
        return False  # one sentence's opening, then two statements of their own
    if shared >= SAME_SHARE * shorter and shared >= SAME_WINDOW * window and \
            _content_shared(wa, wb, inside):
        return True
    return _same_overlap(a, b, wa, wb, matched, blocks)


PARTED_TAIL = 3  # words each quote goes on with, at least, after a shared opening only


def _parted(tail_a: list[str], tail_b: list[str], opening: int) -> bool:
    """Whether two quotes that share a sentence's opening (``opening`` words; the caller checks
    that it opens a sentence in both) go on as two statements: each for PARTED_TAIL words or
    more, with no word that says something in common, the two tails longer together than the
    opening. A speaker who opens two sentences alike ("Somewhere along the way, you lost your
    way" / "Somewhere along the way, you became a corrupt politician") said two things; a quote
    cut short has no tail of its own."""
    if min(len(tail_a), len(tail_b)) < PARTED_TAIL or len(tail_a) + len(tail_b) <= opening:
        return False
    content = {w.lower() for w in tail_a} - FUNCTION_WORDS
    return content.isdisjoint(w.lower() for w in tail_b)


def _content_shared(wa: list[str], wb: list[str], inside: list) -> bool:
    """Whether the shared runs (``inside``: the matching blocks within the shared stretch)
    hold SAME_SHARE of the shorter quote's words that are not function words, when the
    shorter is a phrase (under REWORD_MIN words): two statements on one theme share a phrase
    and its grammar ("worst natural disaster of the century" / "the biggest natural disaster
    of the recent history of our country": "natural disaster of the" is most of the first, but
    half its words that say something)."""
    short = wa if len(wa) <= len(wb) else wb
    content = [w for w in short if w.lower() not in FUNCTION_WORDS]
    if len(content) < MIN_UTTERANCE_WORDS or len(short) >= REWORD_MIN:
        # too few words that say something to weigh them apart; or a sentence, whose
        # rewording keeps its clauses but swaps their words (weighed by ``reworded``)
        return True
    shared = sum(1 for x in inside for w in wa[x.a:x.a + x.size]
                 if w.lower() not in FUNCTION_WORDS)
    return shared >= SAME_SHARE * len(content)


REWORD_MIN = 8  # words of the shorter quote, at least, for a reworded quote (same_wording)
REWORD_PHRASES = 3  # shared phrases (two words or more) in order, at least
REWORD_GAP = 3  # words, at most, either quote has between two shared runs (or at an end)
REWORD_SHARE = 0.5  # share of the longer quote's words the shared runs make, at least


def reworded(a: str, b: str) -> bool:
    """Whether two quotes of one named speaker are one sentence reworded phrase by phrase:
    both read as the same skeleton of shared phrases in order ("When industry and universities
    pull in the same direction, X moves faster" / "When business and universities work toward
    the same goal, X moves more quickly"), at least REWORD_PHRASES phrases of two words or more,
    half the longer quote, with at most REWORD_GAP other words between them or at either end in
    each quote. A synonym swapped every few words keeps that skeleton; two statements of one
    speaker share a phrase or two ("our students", "this partnership") with whole clauses of
    their own between them, so they are not paired. Callers use it only for quotes whose
    speaker is named in both sources."""
    wa, wb = words(a), words(b)
    if min(len(wa), len(wb)) < REWORD_MIN:
        return False
    matched = [x for x in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
               .get_matching_blocks() if x.size]
    if sum(1 for x in matched if x.size >= 2) < REWORD_PHRASES:
        return False
    if sum(x.size for x in matched) < REWORD_SHARE * max(len(wa), len(wb)):
        return False
    ia = ib = 0
    for x in matched:
        if x.a - ia > REWORD_GAP or x.b - ib > REWORD_GAP:
            return False
        ia, ib = x.a + x.size, x.b + x.size
    return len(wa) - ia <= REWORD_GAP and len(wb) - ib <= REWORD_GAP


SWAP_MIN = 6  # words as written of the shorter quote, at least, for a one-word swap (swapped)


def swapped(a: str, b: str) -> bool:
    """Whether the shorter of two quotes of one named speaker is a partial quote (it opens in
    lower case, inside the writer's sentence) that stands word for word in the other but for
    one word swapped for one inside it ("too often keeps pupils out of class" in "... the fee
    too often bars pupils out of class"): the same sentence with one word changed, shared in
    runs too short for ``same_utterance``. At least SWAP_MIN words, two shared runs of two
    words or more around the swap, so a shared stock phrase or a last word that differs does
    not pair two statements. Callers use it only for quotes whose speaker is named in both
    sources, as ``reworded``."""
    wa, wb = words(a), words(b)
    short, long_, st = (wa, wb, a) if len(wa) <= len(wb) else (wb, wa, b)
    first_letter = next((c for c in st if c.isalpha()), "")
    if _lexical(st) < SWAP_MIN or not first_letter.islower() or _pairs(a).isdisjoint(_pairs(b)):
        return False
    blocks = [x for x in difflib.SequenceMatcher(a=short, b=long_, autojunk=False)
              .get_matching_blocks() if x.size]
    if len(blocks) != 2 or min(x.size for x in blocks) < 2:
        return False
    first, second = blocks
    return (first.a == 0 and second.a + second.size == len(short)
            and second.a - (first.a + first.size) == 1
            and second.b - (first.b + first.size) == 1)


def _same_overlap(a: str, b: str, wa: list[str], wb: list[str], matched: list,
                  blocks: list) -> bool:
    """Two quotes that each run on with other sentences of the speaker ("A. B." and "B. C.":
    one source joined the sentence before, the other the one after) are one utterance where
    they overlap: the shared words make SAME_SHARE of the overlapping stretch, at least
    OVERLAP_MIN of them, and that stretch is whole sentences in both quotes."""
    # the shared stretch, with lone shared words right next to it ("... today America is
    # delivering" / "... today America's delivering")
    first = last = None
    for k, x in enumerate(matched):
        if x in blocks:
            first = k if first is None else first
            last = k
    if first is None or last is None:
        return False
    while first > 0 and _near(matched[first - 1], matched[first]):
        first -= 1
    while last < len(matched) - 1 and _near(matched[last], matched[last + 1]):
        last += 1
    ra0, rb0 = matched[first].a, matched[first].b
    ra1 = matched[last].a + matched[last].size
    rb1 = matched[last].b + matched[last].size
    # widened to whole sentences on both sides (their unshared words count against it)
    sa, sb = _sentence_starts(a) | {len(wa)}, _sentence_starts(b) | {len(wb)}
    ra0, rb0 = max(x for x in sa if x <= ra0), max(x for x in sb if x <= rb0)
    ra1, rb1 = min(x for x in sa if x >= ra1), min(x for x in sb if x >= rb1)
    if min(ra0, rb0) > 0 or min(len(wa) - ra1, len(wb) - rb1) > 0:
        return False  # both hold other words on one side: two statements sharing a sentence
    shared = sum(x.size for x in matched[first : last + 1])
    overlap = max(ra1 - ra0, rb1 - rb0)
    return shared >= OVERLAP_MIN and shared >= SAME_SHARE * overlap


def _near(x: difflib.Match, y: difflib.Match) -> bool:
    """Two matched runs at most NEAR words apart in both quotes."""
    return 0 <= y.a - (x.a + x.size) <= NEAR and 0 <= y.b - (x.b + x.size) <= NEAR


_CASED = re.compile(rf"{GAP}|[\w']+")


def _sentence_starts(text: str, joins: bool = True) -> set[int]:
    """Indexes (in :func:`words`) of the words that open a sentence: the first, one after
    sentence punctuation or a line break, and (``joins``) a capitalised word right after a
    lower-case one (the parts of a quote interrupted by its attribution are joined without
    punctuation)."""
    norm = _normalise(text)
    out = {0}
    prev_end, prev_word = 0, ""
    i = 0
    for m in _CASED.finditer(norm):
        w = m.group(0)
        if w == GAP:
            continue
        if not w.strip("'"):
            continue
        gap = norm[prev_end : m.start()]
        if i and (re.search(r"[.!?;:\n]", gap) or (
                joins and w[:1].isupper() and prev_word[:1].islower())):
            out.add(i)
        prev_end, prev_word = m.end(), w
        i += 1
    return out


def word_diff(a: str, b: str, a_prefix: bool = False, b_prefix: bool = False
              ) -> tuple[list[list[str]], int]:
    """Word-level diff of two wordings of one utterance and the number of changed words.
    Not counted: words cut from either end (where the wordings differ at an end, as many words
    as the shorter side has there count as changed, the rest as trimmed), and whatever stands
    opposite an editorial gap ("[the company]", "…") on the other side. A side known to be a
    prefix (``a_prefix``/``b_prefix``: a quote cut off where the page ends) is compared only on
    the words it has: at its end, its words against as many of the other's, its last word cut
    short or not."""
    ta, tb = tokens(a), tokens(b)
    ra, rb = _raw(a), _raw(b)
    if len(ra) != len(ta) or len(rb) != len(tb):  # folding changed the tokens: show them
        ra, rb = list(ta), list(tb)
    ops = _opcodes(difflib.SequenceMatcher(a=ta, b=tb, autojunk=False).get_matching_blocks())
    diff: list[list[str]] = []
    changed = 0
    plurals = 0  # differences in number of one noun, not counted while there is one
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        edge = n == 0 or n == len(ops) - 1
        if tag == "equal":
            diff.append(["equal", " ".join(ra[i1:i2])])
            continue
        if tag in ("delete", "replace") and i2 > i1:
            diff.append(["delete", " ".join(ra[i1:i2])])
        if tag in ("insert", "replace") and j2 > j1:
            diff.append(["insert", " ".join(rb[j1:j2])])
        na = sum(t != GAP for t in ta[i1:i2])
        nb = sum(t != GAP for t in tb[j1:j2])
        if GAP in ta[i1:i2] or GAP in tb[j1:j2] or _next_to_gap(ta, i1, i2) \
                or _next_to_gap(tb, j1, j2):
            continue  # the source marked words left out or replaced here
        if tag == "replace" and _same_country(ra[i1:i2], rb[j1:j2]):
            continue  # "in the US" / "in the United States": one country, two names
        if not (edge and tag in ("delete", "insert")):
            minor = _minor(ta[i1:i2], tb[j1:j2])
            if minor is not None:  # an article, or a noun's number: no editor's change
                plurals += minor
                continue
        if edge and tag == "replace" and n > 0 and _country_then_more(ra[i1:i2], rb[j1:j2]):
            continue  # "... in the US" / "... in the United States. While ...": trimmed
        a_cut, b_cut = a_prefix and i2 == len(ta), b_prefix and j2 == len(tb)
        if edge and tag == "replace" and n > 0 and (a_cut or b_cut):
            # both cut where their pages end: compared on the shorter one's words
            a_short = a_cut and not (b_cut and j2 - j1 < i2 - i1)
            pa, pb = (ta[i1:i2], tb[j1:j2]) if a_short else (tb[j1:j2], ta[i1:i2])
            changed += _prefix_changes(pa, pb)
        elif edge and tag == "replace":  # a changed word, then one side runs on (trimmed)
            if _cut_word(ta[i1:i2], tb[j1:j2], at_end=n > 0):
                continue  # a quote cut off inside a word: "... down be" / "... down below"
            if _sentence_cut(a, ta, i1, i2, n > 0) or _sentence_cut(b, tb, j1, j2, n > 0):
                continue  # the two quotes stop at different sentence ends: both trimmed
            # both end their sentence there: nothing was trimmed, every word is a change
            closed = n > 0 and _closes(a) and _closes(b)
            k = min(i2 - i1, j2 - j1)
            next_a = ta[i2 - k:i2] if n == 0 else ta[i1:i1 + k]
            next_b = tb[j2 - k:j2] if n == 0 else tb[j1:j1 + k]
            if not closed and (_minor(next_a, next_b) == 0 or k == 1 and n == 0
                               and inflected(next_a[0], next_b[0])):
                continue  # the words next to the shared run differ only in spelling or an
                # article ("finalizing" / "... commit to finalising"), or, where a fragment
                # opens inside the writer's sentence, in inflection ("for promoting human
                # rights" / "her fight to promote human rights"): the rest is trimmed
            changed += max(na, nb) if closed else min(na, nb)
        elif not (edge and tag in ("delete", "insert")):
            changed += max(na, nb)
    return diff, changed + (plurals if plurals > MINOR_PLURALS else 0)


_INFLECTIONS = ("s", "es", "ed", "d", "ing", "ly")  # "ly": "performed normal" / "normally"


def inflected(x: str, y: str) -> bool:
    """Whether two words are forms of one stem: the bare form and an inflection ("talk" /
    "talking"), or two inflections ("wanted" / "wants": a remark's tense as transcribed; a
    silent "e" dropped before "-ing": "promote" / "promoting")."""
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 3 and long_.startswith(short) and long_[len(short):] in _INFLECTIONS:
        return True
    if short.endswith("e") and long_.endswith("ing") and len(short) >= 4 \
            and short[:-1] == long_[:-3]:
        return True
    return any(x.endswith(a) and y.endswith(b) and len(x) - len(a) >= 3
               and x[:len(x) - len(a)] == y[:len(y) - len(b)]
               for a in _INFLECTIONS for b in _INFLECTIONS if a != b)


def _same_country(xa: list[str], xb: list[str]) -> bool:
    """Whether two differing stretches (as written) are two names of one country ("US" /
    "United States", "UK" / "Britain"): a translation or house style, not a misquote."""
    from audit.resolve.countries import country_key

    ra = " ".join(w for w in xa if w.lower() not in ARTICLES)
    rb = " ".join(w for w in xb if w.lower() not in ARTICLES)
    if not ra or not rb or ra.lower() == rb.lower():
        return False
    ka, kb = country_key(ra), country_key(rb)
    return ka is not None and ka == kb


def _country_then_more(xa: list[str], xb: list[str]) -> bool:
    """At the end where one quote runs on: whether the shorter side's words name the country
    the other's first one to three words name (the rest is the run-on, trimmed)."""
    short, long_ = (xa, xb) if len(xa) <= len(xb) else (xb, xa)
    return len(short) <= 3 and any(_same_country(short, long_[:k])
                                   for k in range(1, min(3, len(long_)) + 1))


# articles: English, and those of other languages no English word is spelled like (not
# "die", "i", "a", "o": an English verb, a pronoun, Portuguese's articles); two pages'
# renderings of one statement add or drop them ("des partenaires et des alliés" / "des
# partenaires et alliés")
ARTICLES = frozenset({"a", "an", "the"}) | frozenset(
    "le la les des une el los las der das dem ein eine il gli lo uno".split())
MINOR_PLURALS = 1  # nouns whose number may differ, at most, before each counts as a change


# A month or weekday abbreviated or written out is house style ("Nov. 5" / "November 5")
_SPELLED_OUT = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
    "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
    "nov": "november", "dec": "december", "mon": "monday", "tue": "tuesday",
    "tues": "tuesday", "wed": "wednesday", "thu": "thursday", "thur": "thursday",
    "thurs": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday",
    # a dimension's "x" read out ("356 km x 76 km" / "356 km by 76 km")
    "x": "by", "×": "by",
    # prepositions that say one thing two ways ("placed into orbit" / "placed in orbit"),
    # and British and American forms of a few ("towards" / "toward")
    "into": "in", "onto": "on", "upon": "on", "amongst": "among", "whilst": "while",
    "towards": "toward", "afterwards": "afterward", "backwards": "backward",
    "forwards": "forward",
    # a currency's abbreviation or code ("Rs 10 lakh" / "INR 10 lakh"; a sign such as "₹" is
    # no word of the diff)
    "rs": "inr",
}


# British doubles the l of a verb in unstressed -el/-al before a suffix, American does not
# ("fuelled" / "fueled", "modelling" / "modeling"; breame's table lacks some)
_SINGLE_L = re.compile(r"(?<=[ae])ll(?=(?:ed|ing|ers?)$)")


def _minor(xa: list[str], xb: list[str]) -> int | None:
    """Whether two differing stretches differ only as an editor would not call a change: in
    articles (one left out, added or swapped: "a loss" / "loss" / "the loss"), in a contraction
    written out ("we're" / "we are", "don't" / "do not"), in a month or weekday abbreviated
    ("Nov." / "November"), in British against American spelling ("recognised" /
    "recognized", "colour" / "color": the page's house style), or, apart from
    articles, in one word that is the other's plural ("chamber" / "chambers", "body" /
    "bodies"). None: a change; else the number of plural differences (0 or 1)."""
    ra = [_SINGLE_L.sub("l", w) for w in
          american(tuple(_SPELLED_OUT.get(w, w) for w in xa if w not in ARTICLES))]
    rb = [_SINGLE_L.sub("l", w) for w in
          american(tuple(_SPELLED_OUT.get(w, w) for w in xb if w not in ARTICLES))]
    if ra == rb or _expanded(ra) & _expanded(rb) or (
            "".join(ra) == "".join(rb) and all(w.isalpha() for w in (*ra, *rb))):
        return 0  # ... or a compound written as one word or two ("orderbook" / "order book";
        # not figures: "2.5" read as "2 5" is no "25")
    if len(ra) == 1 and len(rb) == 1 and _plural_of(*sorted((ra[0], rb[0]), key=len)):
        return 1
    return None


# Contractions written out or not are house style, not a misquote ("we're" / "we are"); "'s"
# only after the words where it stands for "is" or "has" (else it is a possessive), "'d" for
# "would" or "had".
_IRREGULAR = {"can't": ("can", "not"), "cannot": ("can", "not"), "won't": ("will", "not"),
              "shan't": ("shall", "not"), "let's": ("let", "us")}
_SUFFIXES = (("n't", ("not",)), ("'re", ("are",)), ("'m", ("am",)), ("'ve", ("have",)),
             ("'ll", ("will",)), ("'d", ("would", "had")))
_S_IS = frozenset("it that there here what who where he she how".split())


def _expanded(ws: list[str]) -> set[tuple[str, ...]]:
    """Every reading of ``ws`` with its contractions written out (a handful of words)."""
    if len(ws) > 6:
        return {tuple(ws)}
    out: list[tuple[str, ...]] = [()]
    for w in ws:
        alts: list[tuple[str, ...]] = [(w,)]
        if w in _IRREGULAR:
            alts = [_IRREGULAR[w]]
        elif w.endswith("'s") and w[:-2] in _S_IS:
            alts = [(w[:-2], "is"), (w[:-2], "has")]
        else:
            for suffix, full in _SUFFIXES:
                if w.endswith(suffix) and len(w) > len(suffix):
                    alts = [(w[: -len(suffix)], f) for f in full]
                    break
        out = [o + a for o in out for a in alts]
    return set(out)


def _plural_of(one: str, many: str) -> bool:
    """Whether ``many`` is the regular plural of ``one`` (s, es, y to ies), a word of three
    letters or more ("hi" / "his" is no plural)."""
    if len(one) < 3 or not one.isalpha():
        return False
    return many in (one + "s", one + "es") or (one.endswith("y") and many == one[:-1] + "ies")


def _closes(text: str) -> bool:
    """Whether a quote ends with a sentence's closing punctuation (". ! ?" before closing
    quote marks or brackets) after its last word: it stops where its sentence does."""
    return text.rstrip(" \"'”’»)]").endswith((".", "!", "?"))


def _sentence_cut(text: str, toks: list[str], i1: int, i2: int, at_end: bool) -> bool:
    """At an end where the two quotes differ, this side's differing words are whole sentences
    of its own: at the end they open a new sentence (the other quote ends its sentence with
    words this one left out: "... to share with you." / "... to share. We've decided ..."), at
    the start they close one before the shared words. Each quote was cut at another sentence
    end, so neither side's words there are changes."""
    if i2 <= i1:
        return False
    starts = _sentence_starts(text, joins=False)  # "... beat Madrid": a name, no sentence
    k = sum(1 for t in toks[:i1 if at_end else i2] if t != GAP)  # the word index
    return k > 0 and k in starts


def _prefix_changes(prefix: list[str], other: list[str]) -> int:
    """Changed words at the end of a prefix: each of its words against the other's word in
    its place; its last word may be cut short ("hun" of "hundred")."""
    n = 0
    for k, (x, y) in enumerate(zip(prefix, other, strict=False)):
        if x != y and not (k == len(prefix) - 1 and y.startswith(x)):
            n += 1
    return n + max(0, len(prefix) - len(other))


def _opcodes(blocks: list[difflib.Match]) -> list[tuple[str, int, int, int, int]]:
    """SequenceMatcher's opcodes from its matching blocks, without a lone shared word far
    (more than NEAR words on either side) from every other shared run: a coincidence ("in
    America" in another sentence), not an aligned word."""
    real = [x for x in blocks if x.size]
    kept = [x for k, x in enumerate(real)
            if x.size > 1 or (k and _near(real[k - 1], x))
            or (k + 1 < len(real) and _near(x, real[k + 1]))]
    ops: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for x in kept + [blocks[-1]]:  # the last block is the (len_a, len_b, 0) sentinel
        if i < x.a and j < x.b:
            ops.append(("replace", i, x.a, j, x.b))
        elif i < x.a:
            ops.append(("delete", i, x.a, j, j))
        elif j < x.b:
            ops.append(("insert", i, i, j, x.b))
        if x.size:
            ops.append(("equal", x.a, x.a + x.size, x.b, x.b + x.size))
        i, j = x.a + x.size, x.b + x.size
    return ops


def _cut_word(xa: list[str], xb: list[str], at_end: bool) -> bool:
    """At an end, one side's single word is a part of the other's word there (a quote cut off
    mid-word by the page, or its first word cut): trimmed, not changed."""
    for x, y in ((xa, xb), (xb, xa)):
        if len(x) == 1 and y and y[0 if at_end else -1] != x[0]:
            w = y[0 if at_end else -1]
            if (w.startswith(x[0]) if at_end else w.endswith(x[0])):
                return True
    return False


def _next_to_gap(toks: list[str], i1: int, i2: int) -> bool:
    """An insertion or deletion right at a gap of that side ("we … will" vs "we all will")."""
    return i1 == i2 and ((i1 > 0 and toks[i1 - 1] == GAP) or (i1 < len(toks) and toks[i1] == GAP))


@functools.lru_cache(maxsize=1 << 16)  # pure; a story pairs its few speakers often
def same_speaker(a: str, b: str) -> bool:
    """Two speaker names that may be one person: equal, one a part of the other ("Whitcombe" /
    "Lorraine K. Whitcombe"), or one spelling a letter or two off the other ("Solbergh")."""
    from audit.resolve.names import near_token, tokens

    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    sa, sb = set(ta), set(tb)
    if sa <= sb or sb <= sa:
        return True
    return ta[-1] == tb[-1] or near_token(ta[-1], tb[-1]) and (ta[0] == tb[0] or len(sa & sb) > 0)


def drop_caches() -> None:
    """Empty the per-quote caches (words, word pairs, verdicts on pairs: up to 65,536 entries
    each, about two million Python objects at 100,000 documents). The check run calls it once
    its builders are done, so that the findings' writing and the reports do not stand on them;
    the functions are pure, so nothing they return changes."""
    for fn in (_tokens, _words, _pairs, _opens, same_utterance, same_speaker):
        fn.cache_clear()
