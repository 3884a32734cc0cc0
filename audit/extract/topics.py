"""Topic lists: "will focus on robotics; climate modelling; and public health", "research themes
including X, Y and Z", "areas such as ...", "will center on ...", "topics include ...".

kind="topic_list", predicate="topics", value = {"items": [...]} with each item lowercased,
single-spaced, without a leading article; one SpanRef(role="item") per item. subject (and
qualifiers["scope"]) is the clause's named subject ("Contoso and Fabrikam will focus on ..." ->
"Contoso and Fabrikam", span role="scope"), else "programme".

Splitting: when the list uses semicolons, only ";" separates items (items may contain "and"
and commas); otherwise "," separates, and the last chunk is split once more on "and"/"or"
unless the word before it is a lone adjective ("multimodal and multilingual learning") or the
list already closed with a serial comma (", and health and safety" is one item).
The list ends at the end of the sentence, at a dash, colon or parenthesis, or at a chunk that
starts with a preposition or relative word (", between American and Japanese universities").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.claimvalues import TopicListValue
from audit.extract.vocab import find_scope, lexicon
from audit.model import ClaimDraft, Context, SpanRef
from audit.text import sentence_end, sentence_start, trie_pattern

NAME = "topics"
VERSION = "3"

# Cheap scan for the first word of a cue; the full cue is then matched at each hit.
# (A trie with the "not after a word character" test behind each first letter: the same hits as
# (?<![\w-])(?:[Ff]ocus|[Cc]ent(?:er|re)|...|[Rr]esearch), found about three times faster.)
_CUE_WORDS = (
    "focus center centre concentrat speciali themes topics areas fields priorities subjects "
    "disciplines domains research"
).split()
_CUE_HIT = re.compile(
    trie_pattern(sorted({v for w in _CUE_WORDS for v in (w, w.capitalize())}), not_before=r"\w-")
)
_CUE = re.compile(
    r"(?i)(?:"
    r"focus(?:es|ed|ing|sed|sing)?[ \t\u00a0]+(?:primarily[ \t\u00a0]+|mainly[ \t\u00a0]+|largely"
    r"[ \t\u00a0]+)?on"
    r"|cent(?:er|re)(?:s|ed|ing)?[ \t\u00a0]+(?:primarily[ \t\u00a0]+|mainly[ \t\u00a0]+)?(?:on"
    r"|around)"
    r"|concentrat(?:e|es|ed|ing)[ \t\u00a0]+on"
    r"|specializ(?:e|es|ed|ing)[ \t\u00a0]+in|specialis(?:e|es|ed|ing)[ \t\u00a0]+in"
    r"|(?:research[ \t\u00a0]+)?(?:themes|topics|areas|fields|priorities|subjects|disciplines|"
    r"domains|focus[ \t\u00a0]+areas|research[ \t\u00a0]+areas)[ \t\u00a0]+"
    r"(?:such[ \t\u00a0]+as|including|include|includes|like|are|will[ \t\u00a0]+include|spanning"
    r"|of)"
    r")(?=[ \t:])"
)
# "specific research themes, including" after a cue: skip to the real list
_LEADIN = re.compile(
    r"[ \t\u00a0]*(?:[a-z][\w-]*[ \t\u00a0]+){0,4}?(?:themes|topics|areas|fields|priorities"
    r"|subjects|"
    r"issues|domains|disciplines)[ \t\u00a0]*,?[ \t\u00a0]+(?:such[ \t\u00a0]+as|including|like"
    r"|namely|spanning)"
    r"(?=[ \t\u00a0])"
)
# "will concentrate on three areas: A; B; C": the list follows the colon
_COUNTED_LEAD = re.compile(
    r"[ \t\u00a0]+(?:(?:the|these|its|their)[ \t\u00a0]+)?(?:\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|several|a[ \t\u00a0]+few)[ \t\u00a0]+"
    r"(?:[a-z][\w-]*[ \t\u00a0]+){0,2}?[a-z][\w-]*[ \t\u00a0]*(?=:)"
)
_STOP_AT = re.compile(r"[:—–(\[]|[ \t\u00a0]-[ \t\u00a0]|\n")
_LEAD_WORD = re.compile(
    r"(?i)(?:between|at|in|on|for|with|from|by|to|during|after|before|while|which|that|who|"
    r"whose|where|when|as|because|since|through|across|under|over|according|said|says|but|"
    r"so|than|how|whether|what|why|its|their|his|her|our|it|they|we|he|she|is|are|was|were|"
    r"will|would|can|could|has|have|had)\b"
)
_ADJ = re.compile(r"(?i)[a-z-]+(?:al|ic|ive|ous|ary|ful|less|ar|an|ed|ing|ible|able)")
_ARTICLE = re.compile(r"(?i)(?:the|a|an)[ \t\u00a0]+")
_AND_LAST = re.compile(r"[ \t\u00a0]+(?:and|or)[ \t\u00a0]+")
_MAX_WORDS = 12
_TRAILING_ATTRIBUTION = re.compile(
    r",[ \t\u00a0]+(?:(?:[\w’'.-]+[ \t\u00a0]+){0,4}?(?:said|says|added|noted|reported|"
    r"announced|explained|wrote)\b[^,;]*|according[ \t\u00a0]+to\b[^,;]*)[.!?\"”’]*[ \t\u00a0]*\Z"
)
_VERB_IN_ITEM = re.compile(
    r"[ \t\u00a0]+(?:is|are|was|were|will|would|has|have|had|can|could|should|may|might|must|"
    r"remain|remains|became|become|becomes)\b"
)


def _chunks(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split text[a:b] into item ranges (untrimmed)."""
    region = text[a:b]
    if ";" in region:
        parts = []
        pos = a
        for m in re.finditer(r"[ \t\u00a0]*;[ \t\u00a0]*(?:(?:and|or)[ \t\u00a0]+)?", region):
            parts.append((pos, a + m.start()))
            pos = a + m.end()
        parts.append((pos, b))
        return parts
    parts = []
    pos = a
    serial = False  # the last separator was ", and"/", or": the last chunk is one item
    for m in re.finditer(r"[ \t\u00a0]*,[ \t\u00a0]*((?:and|or)[ \t\u00a0]+)?", region):
        parts.append((pos, a + m.start()))
        pos = a + m.end()
        serial = m.group(1) is not None
    last = (pos, b)
    ands = [] if serial else list(_AND_LAST.finditer(text, last[0], last[1]))
    if len(ands) == 1:
        m = ands[0]
        left = text[last[0] : m.start()].split()
        if not (len(left) == 1 and _ADJ.fullmatch(left[0])):
            parts.append((last[0], m.start()))
            parts.append((m.end(), last[1]))
            return parts
    parts.append(last)
    return parts


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\u00a0,;":
        a += 1
    while b > a and text[b - 1] in " \t\u00a0,;.!?\"”’'":
        b -= 1
    m = _ARTICLE.match(text, a, b)
    if m and m.end() < b:
        a = m.end()
    return a, b


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    lexicon(ctx.vocab)  # validates/caches the vocabulary like the other extractors
    consumed = start
    for hit in _CUE_HIT.finditer(text, start, end):
        if hit.start() < consumed:
            continue
        cue = _CUE.match(text, hit.start(), end)
        if cue is None:
            continue
        pos = cue.end()
        lead = _LEADIN.match(text, pos, end) or _COUNTED_LEAD.match(text, pos, end)
        if lead:
            pos = lead.end()
        if pos < end and text[pos] == ":":
            pos += 1
        s_end = sentence_end(text, pos, end)
        stop = _STOP_AT.search(text, pos, s_end)
        b = stop.start() if stop else s_end
        attr = _TRAILING_ATTRIBUTION.search(text, pos, b)
        if attr:  # "..., stroke detection and imaging, officials said."
            b = attr.start()
        items: list[tuple[int, int]] = []
        for ca, cb in _chunks(text, pos, b):
            ia, ib = _trim(text, ca, cb)
            if ib <= ia:
                break
            if _LEAD_WORD.match(text, ia, ib) or len(text[ia:ib].split()) > _MAX_WORDS:
                break
            verb = _VERB_IN_ITEM.search(text, ia, ib)
            if verb:  # "... and semiconductor design are covered": the sentence goes on
                ia2, ib2 = _trim(text, ia, verb.start())
                if ib2 > ia2:
                    items.append((ia2, ib2))
                break
            items.append((ia, ib))
        if not items:
            continue
        s0 = sentence_start(text, cue.start(), start)
        scope = find_scope(text, s0, cue.start())
        subject = " ".join(text[scope[0] : scope[1]].split()) if scope else "programme"
        spans = [SpanRef(a, b, "item") for a, b in items]
        if scope:
            spans.insert(0, SpanRef(scope[0], scope[1], "scope"))
        consumed = items[-1][1]
        yield ClaimDraft(
            kind="topic_list",
            predicate="topics",
            subject=subject,
            value=TopicListValue(items=[" ".join(text[a:b].lower().split()) for a, b in items]),
            spans=spans,
            qualifiers={"scope": subject},
            extractor=NAME,
            version=VERSION,
        )
