"""The text toolkit shared by ingest, extract, resolve and report: folding, tries, sentence bounds
and the unwrapping of hard-wrapped lines, each defined once so every stage reads text alike.

- Folding: ``to_stored`` (NFC, one newline convention: what offsets index), ``fold`` (a
  same-length matching copy: straight quotes, ASCII hyphens, plain spaces), ``deaccent``.
- Tries: ``trie_pattern`` (one regex for many words, factored by shared prefixes) and
  ``case_variants`` (the spellings a case-sensitive trie should accept).
- Sentences: one list of ``ABBREVIATIONS`` whose dot never ends a sentence; ``Sentences`` (all
  bounds of one zone range, found in one pass; ``Context.sentences`` shares them between
  extractors), ``sentence_start`` / ``sentence_end`` (one bound near a position), ``SENTENCE_DOT``
  (a sentence end inside a would-be name) and ``SENTENCE_BREAK`` (the report's context cut).
- Hard wraps: ``runs_on`` (a line that the next one continues), ``is_hard_wrapped`` (a plain-text
  paragraph whose lines continue one another), ``unwrapped`` (the extractors' view).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.model import Zone

# --------------------------------------------------------------------------------------------
# Folding

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
        "\u2002": " ", "\u2003": " ",
    }
)
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")


def to_stored(text: str) -> str:
    """NFC, one newline convention, no BOM; typography untouched (stored text keeps curly
    quotes, dashes and no-break spaces: offsets refer to it)."""
    text = text.lstrip("\ufeff")
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _NEWLINES.sub("\n", text)
    # most text is NFC already; checking is much cheaper than copying a large document
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Same-length matching form: straight quotes, ASCII hyphens, plain spaces, so an offset
    found in the folded text is an offset in the stored text too."""
    return text.translate(_FOLD)


def deaccent(text: str) -> str:
    """``text`` decomposed (NFKD) without its combining marks: "Søren Müller" -> "Søren
    Muller" (letters NFKD does not decompose, such as ø, stay; callers transliterate them)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# --------------------------------------------------------------------------------------------
# Tries


def trie_pattern(
    words: Iterable[str] | Mapping[str, str],
    *,
    flex_space: bool = True,
    not_before: str | None = None,
    cap: bool = False,
) -> str:
    """An alternation for ``words`` shaped as a trie ("s(?:even(?:teen)?|ix)"): Python's regex
    engine tries alternatives one by one, a trie tries each letter once.

    Longer words win over their prefixes because every optional branch is greedy. A mapping
    gives each word a regex suffix required after it. With ``flex_space`` a space in a word
    matches any run of whitespace; ``cap`` also accepts a capitalised first letter.

    ``not_before`` (the body of a character class, e.g. ``r"\\w-"``) makes the pattern
    equivalent to ``(?<![not_before])(?:trie)``, but with the look-behind placed after the first
    letter of each branch: a pattern that opens with literals lets the regex engine skip in C to
    the next possible first letter instead of entering the matcher at every position, which
    makes a scan for capitalised words (places) several times faster.
    """
    suffixes = words if isinstance(words, Mapping) else dict.fromkeys(words, "")
    trie: dict[str, dict] = {}
    ends: dict[int, str] = {}  # id(node) -> suffix of the word ending there
    for w, suffix in suffixes.items():
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
        ends[id(node)] = suffix

    def esc(ch: str) -> str:
        if ch == " " and flex_space:
            return r"\s+"
        return re.escape(ch)

    def heads(ch: str) -> list[str]:
        if cap and ch.isalpha() and ch.upper() != ch:
            return [ch.upper(), ch]
        return [ch]

    def emit(node: dict[str, dict], after_first: str | None = None) -> str:
        alts: list[str] = []
        for ch in sorted(k for k in node if k):
            rest = emit(node[ch])
            hs = heads(ch) if after_first is not None else [ch]
            if after_first is not None and after_first:
                alts.extend(esc(h) + after_first + rest for h in hs)
            elif len(hs) > 1:
                alts.append(f"[{re.escape(hs[0])}{re.escape(hs[1])}]{rest}")
            else:
                alts.append(esc(ch) + rest)
        suffix = ends.get(id(node), "") if "" in node else None
        if suffix:  # a required suffix is one more alternative after the longer words
            alts.append(suffix)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if suffix == "":
            return f"(?:{body})?" if len(alts) == 1 else body + "?"
        return body

    if not_before is not None and trie and not (flex_space and " " in trie):
        # the root never ends a word, so every top-level branch opens with one literal
        return emit(trie, rf"(?<![{not_before}](?s:.))")
    if not_before is not None:
        return rf"(?<![{not_before}])(?:{emit(trie, '') or '(?!)'})"
    return emit(trie, "") or "(?!)"


def case_variants(words: Iterable[str]) -> set[str]:
    """Each word as written, in lower case, capitalised, and in title case. Case-sensitive tries
    of these scan several times faster than one case-insensitive pattern."""
    out: set[str] = set()
    for w in words:
        out.update((w, w.lower(), w[:1].upper() + w[1:].lower(), w[:1].upper() + w[1:]))
        out.add(" ".join(x[:1].upper() + x[1:] if len(x) > 3 else x for x in w.split(" ")))
    return out


# --------------------------------------------------------------------------------------------
# Sentences

# Words whose dot never ends a sentence (titles, legal forms, months, street words); a single
# capital letter and its dot ("U.S.", "John F. Kennedy") never does either.
ABBREVIATIONS = (
    "Mr Ms Mrs Dr Prof Rev St Mt Ave No vs Jr Sr Inc Co Corp Ltd Pty Dept Univ "
    "Gov Sen Rep Gen Adm Lt Col Sgt Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
CLOSERS = "\"'\u201d\u2019)\\]"  # what may stand between a sentence's last mark and the space
OPENERS = "\"'\u201c\u2018(\\["  # what may open the next sentence before its first letter


def _abbreviation_lookbehinds(dot: str, negative: bool = True) -> str:
    """Look-behinds testing that what stands just before (plus ``dot``) is not (with
    ``negative``), or is, a single capital letter or a word of ABBREVIATIONS; Python's
    look-behinds need a fixed width, so the words are grouped by length."""
    by_len: dict[int, list[str]] = {1: ["[A-Z]"]}
    for a in ABBREVIATIONS:
        by_len.setdefault(len(a), []).append(a)
    sign = "!" if negative else "="
    parts = [rf"(?<{sign}\b(?:{'|'.join(ws)}){dot})" for _, ws in sorted(by_len.items())]
    return "".join(parts) if negative else "(?:" + "|".join(parts) + ")"


NOT_ABBREVIATION_DOT = _abbreviation_lookbehinds(r"\.")
"""Placed after a dot: the dot does not close an abbreviation or an initial."""
AFTER_ABBREVIATION = _abbreviation_lookbehinds("", negative=False)
"""Placed before a dot: the dot closes an abbreviation or an initial ("U.S.", "Inc.")."""

_MARK = rf"(?:\.{NOT_ABBREVIATION_DOT}|[!?])"  # a mark that may end a sentence

# A sentence ends at . ! ? followed by space and a capital/digit/quote, unless the dot closes an
# abbreviation; or at a blank line or a bullet. The pattern starts with a plain character class
# so the regex engine can skip ahead fast.
_ZONE_BREAK = re.compile(
    r"[.!?\n]"
    r"(?:(?<=\n)[^\S\n]*(?:\n|(?=[\u2022*\-\u2013\u2014] ))"
    rf"|(?<=[.!?])(?:(?<=[!?])|{NOT_ABBREVIATION_DOT})[{CLOSERS}]*\s+(?=[{OPENERS}]?[A-Z0-9]))"
)
# ... and for one bound near a position, also at every line break
_BREAK = re.compile(rf"{_MARK}[{CLOSERS}]*\s+(?=[{OPENERS}]?[A-Z0-9])|\n\s*")
_END = re.compile(rf"{_MARK}(?=[{CLOSERS}]*(?:\s|\Z))|\n")

# A dot that ends a sentence inside a would-be name ("Tailspin Toys. Lakeside"), unlike the dots
# of "U.S." or "Inc." before a capitalised word.
SENTENCE_DOT = re.compile(rf"{_abbreviation_lookbehinds('')}\.(?=[ \t\u00a0]+[A-Z0-9])")
SENTENCE_BREAK = re.compile(rf"{_MARK}[{CLOSERS}]*(?=\s)|\n")
"""The report's cut of an evidence's context: a sentence mark before a space, or a line break."""


class Sentences:
    """Sentence bounds inside one zone range, found in one pass the first time they are needed
    (a blank line or a bullet ends a sentence, a single line break does not)."""

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.text, self.lo, self.hi = text, lo, hi
        self._starts: list[int] | None = None  # where each boundary match starts
        self._ends: list[int] = []  # ... and ends (the next sentence starts there)

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) of the sentence holding text[start:end]."""
        if self._starts is None:
            found = list(_ZONE_BREAK.finditer(self.text, self.lo, self.hi))
            # complete lists only, ends before starts (the flag), as the object may be shared
            self._ends = [m.end() for m in found]
            self._starts = [m.start() for m in found]
        i = bisect_right(self._ends, start)
        s = self._ends[i - 1] if i else self.lo
        j = bisect_left(self._starts, end)
        e = self._starts[j] if j < len(self._starts) else self.hi
        return s, max(e, end)


def sentence_start(text: str, pos: int, floor: int = 0, reach: int = 300) -> int:
    """Offset where the sentence containing ``pos`` begins (never before ``floor``)."""
    lo = max(floor, pos - reach)
    nl = text.rfind("\n", lo, pos)
    if nl >= 0:
        lo = nl + 1
    best = lo
    # the boundary's lookahead must see the character at ``pos``, so scan one past it
    for m in _BREAK.finditer(text, lo, min(len(text), pos + 2)):
        if m.end() <= pos:
            best = m.end()
    return best


def sentence_end(text: str, pos: int, ceil: int, reach: int = 800) -> int:
    """Offset just past the end of the sentence containing ``pos`` (never after ``ceil``)."""
    m = _END.search(text, pos, min(ceil, pos + reach))
    return m.end() if m else min(ceil, pos + reach)


def inside_quotation(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened earlier in its line: what a speaker says
    is said at the speaker's time, in the speaker's terms (a day a speaker names is often a
    future or figurative one; a title a witness gives was the title then)."""
    line = text[text.rfind("\n", 0, pos) + 1:pos]
    return line.count("“") > line.count("”") or line.count('"') % 2 == 1


# --------------------------------------------------------------------------------------------
# Anchored scans


def anchored_lines(text: str, start: int, end: int, anchor: re.Pattern[str],
                   word_breaks: bool = False) -> list[tuple[int, int]]:
    """The lines of text[start:end] (bounds without their line break) holding a match of
    ``anchor``, in order. ``anchor`` must not match a line break. With ``word_breaks``, a line
    comes with the lines before it while the last non-space character before it is a word
    character (one range for lines that run on)."""
    out: list[tuple[int, int]] = []
    pos = start
    while (m := anchor.search(text, pos, end)) is not None:
        a = max(start, text.rfind("\n", start, m.start()) + 1)
        if word_breaks:
            while a > start:
                k = a - 1  # the last non-space character before a
                while k >= start and text[k].isspace():
                    k -= 1
                if k < start or not (text[k].isalnum() or text[k] == "_"):  # \w
                    break
                a = max(start, text.rfind("\n", start, k) + 1)
            if out and a <= out[-1][1]:
                a = out.pop()[0]  # runs on from the last range: one range
        b = text.find("\n", m.end(), end)
        if b < 0:
            b = end
        out.append((a, b))
        pos = b + 1
    return out


class Anchored:
    """A pattern scanned only over the lines holding its anchor (a literal cue every match
    contains), with the matches of a scan of the whole range.

    Why: each full-range scan costs about one pass of the regex engine over every character,
    and an extractor runs many; most patterns match in few lines, and a cue search with a
    literal prefix skips the rest in C. Valid when no match (lookarounds included) reads past
    a line break (or, with ``word_breaks``, past one that does not follow a word character and
    white space) and every match holds a match of ``anchor`` on the line where it ends:
    ``tests/test_anchored_scans.py`` checks each instance against the full scan on generated
    text.
    """

    def __init__(self, pattern: re.Pattern[str], anchor: re.Pattern[str],
                 word_breaks: bool = False) -> None:
        """``word_breaks``: a match may also run over a line break inside white space that
        follows a word character ("two" and "hundred years" on two lines:
        number words joined by white space);
        such lines are read together (``anchored_lines``)."""
        self.pattern, self.anchor, self.word_breaks = pattern, anchor, word_breaks

    def lines(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        return anchored_lines(text, start, end, self.anchor, self.word_breaks)

    def finditer(self, text: str, start: int, end: int,
                 lines: list[tuple[int, int]] | None = None) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text, start, end)``; ``lines`` of the same anchor may be given
        when several patterns share it."""
        for a, b in self.lines(text, start, end) if lines is None else lines:
            yield from self.pattern.finditer(text, a, b)


# --------------------------------------------------------------------------------------------
# Hard-wrapped lines

WRAP_MIN = 40  # a shorter line ends where it ends (a heading, a list item, a line of an address)
_CLOSED = re.compile(r"[.!?:;”\"’)]\s*$")
_ITEM = re.compile(r"[^\S\n]*(?:[-*+•·▪◦‣–—]|\d{1,3}[.)])\s")
_RULE = re.compile(r"[\W_]{3,}")  # a separator line: ----, ****, ====
_NL = re.compile(r"(?<=\S)[^\S\n]*\n(?=[^\S\n]*\S)")  # a line break between non-blank lines


def runs_on(line: str, min_len: int = WRAP_MIN) -> bool:
    """Whether a hard wrap may continue ``line`` on the next line: it is long and does not end
    a sentence (or a clause: colon, semicolon, closing quote or parenthesis)."""
    return len(line.strip()) >= min_len and not _CLOSED.search(line)


def is_hard_wrapped(para: str) -> bool:
    """True for a hard-wrapped paragraph (lines continue one sentence), not a list of lines."""
    lines = [ln.strip() for ln in para.strip("\n").split("\n") if ln.strip()]
    if len(lines) <= 1:
        return True
    if any(_RULE.fullmatch(ln) for ln in lines):
        return False
    continued = sum(
        1 for a, b in zip(lines, lines[1:], strict=False) if runs_on(a) and b[:1].islower()
    ) + sum(1 for a in lines[:-1] if runs_on(a, 55))
    return continued >= (len(lines) - 1)


# A wrapped line is full: the next line's first word did not fit after it, and the next line
# fits the same width. So a line that starts with a capital and runs longer than the line
# before plus its own first word (and this slack for wrapping by hand) starts anew: a caption
# with no stop above its paragraph ("The plane that crashed on Sunday" / "The plane took off
# at ..."), not one sentence.
WRAP_SLACK = 12
_FIRST_WORD = re.compile(r"[^\S\n]*\S+")


def wraps(line: str, text: str, nl: int) -> bool:
    """Whether the line break at ``text[nl]`` after ``line`` wraps a paragraph (see
    ``unwrapped``)."""
    if not runs_on(line) or _ITEM.match(text, nl + 1):
        return False
    word = _FIRST_WORD.match(text, nl + 1)
    first = word[0].strip() if word else ""
    if not first[:1].isupper():
        return True
    end = text.find("\n", nl + 1)
    nxt = text[nl + 1:end if end >= 0 else len(text)].strip()
    return len(nxt) <= len(line.strip()) + len(first) + WRAP_SLACK


def unwrapped(text: str, zones: Iterable[Zone]) -> str:
    """``text`` with the line breaks that wrap a paragraph inside ``zones`` turned into spaces
    (same length): the line before runs on, the next does not start a bullet or a numbered
    item, and a next line that starts with a capital fits the width of the line before."""
    cut: list[int] = []
    for z in zones:
        for m in _NL.finditer(text, z.start, z.end):
            nl = m.end() - 1
            line = text[text.rfind("\n", 0, nl) + 1:nl]
            if wraps(line, text, nl):
                cut.append(nl)
    if not cut:
        return text
    parts, pos = [], 0
    for i in sorted(set(cut)):
        parts.append(text[pos:i])
        parts.append(" ")
        pos = i + 1
    parts.append(text[pos:])
    return "".join(parts)
