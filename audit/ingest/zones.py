"""Zoning: decide for every block whether it is article text or page furniture.

Signals are general, not tuned to any one site: structural hints from HTML (nav, aside, footer,
figcaption, class names), headings that open a sidebar of teasers ("Featured", "Related
stories", "More from ..."), press-release back matter ("ENDS", "Notes to editors", "About
<Organisation>"), author boxes, media-contact blocks, navigation phrases, copyright
lines, and captions repeated verbatim elsewhere on the page. Claims found in boilerplate are kept
but never compared.
"""

from __future__ import annotations

import re
from collections import Counter

from audit.ingest.readers import BlockSpan
from audit.model import Zone
from audit.text import fold

# Bump when zoning changes: ingest then re-zones every stored document (and extraction, whose
# signature includes it, re-reads them).
ZONER_VERSION = "6"

_SIDEBAR_HEAD = re.compile(
    r"^[\W_]*(?:featured(?: \w+)?|related(?: \w+)?|more (?:from|on|in|to read|like this)\b.*|"
    r"more (?:\w+ ){0,2}(?:news|stories|coverage|articles|posts|headlines)|"
    r"you (?:may|might) (?:also )?(?:like|enjoy)|recommended(?: \w+)?|"
    r"read (?:more|next|this next)|trending(?: \w+)?|most (?:read|popular|viewed|shared)|"
    r"popular(?: \w+)?|latest(?: \w+)?|top stories|elsewhere(?: on [\w ]+)?|also on [\w ]+|"
    r"see also|further reading|in other news|editor'?s picks?|don'?t miss|"
    r"other (?:news|stories)|keep reading|stories you may have missed|sponsored(?: \w+)?)"
    r"[\W_]*$",
    re.I,
)
_AUTHOR_HEAD = re.compile(
    r"^[\W_]*(?:about the (?:author|writer|reporter|contributor)s?|author bio(?:graphy)?|"
    r"about this (?:author|writer)|the author|written by\b.*)[\W_]*$",
    re.I,
)
# Press-release back matter: what follows "ENDS" / "###" / "Notes to editors" (and an
# "About <Organisation>" box in the second half of a page) describes the organisations, not the
# event: founding years, staff counts, other grants. Kept, never compared.
_END_MARK = re.compile(r"^[\W_]*(?:-*\s*ends?\s*-*|#{3,}|\*{3,}\s*ends?\s*\*{3,})[\W_]*$", re.I)
_NOTES_HEAD = re.compile(
    r"^[\W_]*(?:notes? (?:to|for) editors?|editor'?s'? notes?|editorial notes?|"
    r"background (?:information|notes?))[\W_]*$", re.I)
_ABOUT_HEAD = re.compile(r"^[\W_]*about (?:the )?[A-Z0-9][\w&.'’-]*(?: [\w&.'’-]+){0,7}[\W_]*$")
_CONTACT_HEAD = re.compile(
    r"^[\W_]*(?:media (?:inquiries|enquiries|contacts?|relations)|press (?:contacts?|inquiries|"
    r"enquiries|office)|for (?:media|press|more) (?:information|inquiries)|contacts?)\b", re.I
)
_NAV = re.compile(
    r"^[\W_]*(?:skip (?:to|navigation)\b.*|jump to\b.*|main menu|menu|search|home|"
    r"share(?: this)?(?: (?:on|via) \w+)?|print(?: this)?|e-?mail(?: this)?|subscribe\b|"
    r"sign (?:up|in)\b|log ?in|back to top|follow us\b|accept (?:all )?cookies|"
    r"toggle navigation|open menu|close)[\W_]*",
    re.I,
)
_LEGAL = re.compile(
    r"(?:©|\(c\)|copyright\b|all rights reserved|privacy policy|terms of (?:use|service)|"
    r"cookie (?:policy|settings)|^[\W_]*disclaimer\s*:)",
    re.I,
)
_CAPTION_LEAD = re.compile(
    r"^(?:pictured(?: above| below| here)?|photo(?: above| below)?|above|top|image|caption|"
    r"from left(?: to right)?|left to right|\(?photo(?: credit)?)\s*[:,.\-–—]?\s*",
    re.I,
)
_CAPTION_CUE = re.compile(r"\b(?:credit|photo by|image by|courtesy of|getty images|ap photo)\b",
                          re.I)
_BYLINE = re.compile(r"^(?:[Bb]y|[Ff]rom)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\b", re.U)
_DATELINE_ONLY = re.compile(
    r"^(?:(?:published|posted|updated)(?: on)?:?\s*)?(?:\w+day,?\s+)?(?:[A-Z][a-z]+\.? \d{1,2},? "
    r"\d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d{2}-\d{2})(?:\s*(?:at\s+)?\d{1,2}:\d{2}.*)?$"
)
_MENU_SEP = re.compile(r"\s[|·•/»>]\s")
_CREDIT = re.compile(
    r"^\(?(?:(?:additional )?(?:reporting|writing|editing|written|edited)\s+by\b|"
    r"(?:posted|published|updated)\b.{0,60}$|"
    r".{0,200}\b(?:contributed|also contributed) to this (?:report|story|article)\W*$)", re.I)
_QUOTE_OPEN = "\"“‘'«"
_SENTENCE_END = re.compile(r"[.!?:;…”\"’)]\s*$")


def _is_heading_like(s: str, limit: int = 80) -> bool:
    return len(s) <= limit and "\n" not in s.strip() and not _SENTENCE_END.search(s)


def _key(s: str) -> str:
    s = fold(s).lower().strip()
    while (m := _CAPTION_LEAD.match(s)) and m.end() > 0:
        s = s[m.end():]
    return re.sub(r"[\W_]+", " ", s).strip()


_PEEK = 1000
_REPEATED_PROSE = 150  # a paragraph said twice running keeps a copy from this length
_NONWORD = re.compile(r"[\W_]+")


def merge_runs(zones: list[Zone]) -> list[Zone]:
    """Adjacent zones of the same kind and reason become one (fewer rows, same meaning)."""
    out: list[Zone] = []
    for z in zones:
        if out and out[-1].kind == z.kind and out[-1].reason == z.reason:
            out[-1] = Zone(z.kind, out[-1].start, z.end, z.reason)
        else:
            out.append(z)
    return out


def classify(text: str, blocks: list[BlockSpan], meta_title: str | None = None,
             main: list[bool] | None = None) -> list[Zone]:
    """One zone per block, in order. Pure: the same text and blocks give the same zones.

    ``main`` (HTML: which blocks a library found to be the page's article) makes every other
    block boilerplate, except the title and the bylines among the article's blocks; the rules
    below then classify the article's blocks.
    """
    # the rules read a block's beginning only; capping the copies keeps memory flat on huge files
    strs = [text[b.start:min(b.end, b.start + _PEEK)] for b in blocks]
    kinds: list[str | None] = [None] * len(blocks)
    reasons = [""] * len(blocks)

    def mark(i: int, kind: str, reason: str) -> None:
        if kinds[i] is None:
            kinds[i], reasons[i] = kind, reason

    if main is not None and any(main):
        _outside_main(strs, blocks, main, meta_title, mark)

    # captions (or any long block) repeated elsewhere on the page: furniture, every copy
    # captions and other short blocks repeated on a page; long paragraphs are never furniture
    # (with a library's decision, blocks outside the article are boilerplate anyway; captions
    # are keyed so that a copy outside it still marks the one inside)
    # (keyed in full only when the end of the block, which no caption lead changes, recurs)
    tails = [_NONWORD.sub("", s[-48:]).lower()[-16:] if 40 <= len(s) <= 600 and (
        main is None or main[i] or blocks[i].hint == "caption") else "" for i, s in enumerate(strs)]
    recurring = Counter(t for t in tails if t)
    keys = [_key(s) if t and recurring[t] > 1 else "" for s, t in zip(strs, tails, strict=True)]
    counts = Counter(k for k in keys if len(k) >= 40)
    # (plain text: a paragraph of prose said again right under itself, a lead shown as the
    # page's summary and then opening the article, keeps that second copy as the article's; a
    # caption shown twice, article text between its copies, keeps none)
    lead_again = set() if main is not None else {
        i for i in range(1, len(keys)) if keys[i] and keys[i] == keys[i - 1]
        and counts.get(keys[i], 0) == 2 and len(strs[i]) >= _REPEATED_PROSE
        and _is_prose(strs[i], blocks[i]) and not _is_caption(strs[i])}
    for i, k in enumerate(keys):
        # (text the library found in the article twice, e.g. a recipe step, is the article's)
        if counts.get(k, 0) > 1 and i not in lead_again and (
                main is None or not main[i] or blocks[i].hint == "caption"
                or _is_caption(strs[i])):
            mark(i, "boilerplate", "repeated block (e.g. a caption shown twice)")

    # structural hints from HTML (where no library decided what the article is)
    for i, b in enumerate(blocks if main is None else ()):
        if b.hint in ("nav", "aside", "footer"):
            mark(i, "boilerplate", f"inside <{b.hint}> or a {b.hint}-like container")
        elif b.hint == "contact":
            mark(i, "boilerplate", "media-contact block")

    # heading-opened regions: sidebars and back matter run to the end, author/contact boxes to
    # the next heading. A menu entry is no heading: cues inside navigation (already marked), in
    # a list item or before any article prose open nothing; a sidebar heading with more article
    # prose after it than before it (a teaser box inside the article; in HTML, any inside the
    # library's main content) runs to the next prose only.
    prose = [_is_prose(s, b) and (main is None or main[i])
             for i, (s, b) in enumerate(zip(strs, blocks, strict=True))]
    upto = [0]  # prose characters before each block
    for s, p in zip(strs, prose, strict=True):
        upto.append(upto[-1] + (len(s) if p else 0))
    i = 0
    n = len(blocks)
    while i < n:
        if kinds[i] is not None or blocks[i].tag == "li":
            i += 1
            continue
        s = strs[i].strip()
        first_line = s.split("\n", 1)[0]
        before, after = upto[i], upto[n] - upto[i + 1]
        cue = len(first_line) <= 60 and (
            (_SIDEBAR_HEAD.match(first_line) and _is_heading_like(first_line))
            or _END_MARK.match(first_line) or _NOTES_HEAD.match(first_line))
        if cue and before == 0 and after > 0:
            mark(i, "boilerplate", "menu entry (before any article text)")
        elif _SIDEBAR_HEAD.match(first_line) and _is_heading_like(first_line):
            reason = f"sidebar after heading '{first_line[:40]}'"
            # (in plain text a heading line with a paragraph of prose right under it, in one
            # block, is a label copied into the article, "Recommended" above its next
            # paragraph: not a sidebar running to the end; a sidebar lists headlines)
            # (a teaser list under its own heading block stays a sidebar, even when its items
            # read as prose)
            rest = s.split("\n", 1)[1] if "\n" in s else ""
            label = bool(rest) and _is_prose(rest, blocks[i]) and not _LIST_MARK.match(rest)
            if not rest and i + 1 < n and prose[i + 1] and blocks[i + 1].tag != "li" and (
                    text.count("\n", blocks[i].end, blocks[i + 1].start) <= 1
                    and not _LIST_MARK.match(strs[i + 1])):
                label = True  # the paragraph right on the next line
            if main is None and after <= before and not label:
                for j in range(i, n):
                    mark(j, "boilerplate", reason)
                break
            if label and rest:
                i += 1  # the label and the paragraph under it are one block: the article's
                continue
            mark(i, "boilerplate", reason)
            j = i + 1
            while j < n and not prose[j]:
                mark(j, "boilerplate", reason)
                j += 1
            i = j
            continue
        elif len(first_line) <= 60 and (
                _END_MARK.match(first_line) or _NOTES_HEAD.match(first_line)
                or (_ABOUT_HEAD.match(first_line) and i >= n // 2 and i > 0)):
            for j in range(i, n):
                mark(j, "boilerplate", f"back matter after '{first_line[:40]}'")
            break
        if _AUTHOR_HEAD.match(first_line) and len(first_line) <= 60:
            mark(i, "boilerplate", "author box")
            j = i + 1
            while j < n and not _is_heading_like(strs[j]) and j <= i + 2:
                mark(j, "boilerplate", "author box")
                j += 1
            i = j
            continue
        if _CONTACT_HEAD.match(first_line) and len(first_line) <= 60:
            mark(i, "boilerplate", "media-contact block")
            j = i + 1
            while j < n and _contact_line(strs[j]):
                mark(j, "boilerplate", "media-contact block")
                j += 1
            i = j
            continue
        i += 1

    # a press release's closing organisation profile ("Acme is a global provider of ...,
    # founded in 1990"), even without an "About Acme" heading: the last article paragraph,
    # after at least two others. Its figures describe the organisation, not the event.
    last = [i for i in range(n) if kinds[i] is None and prose[i]]
    if len(last) >= 3 and _PROFILE.match(strs[last[-1]]):
        mark(last[-1], "boilerplate", "organisation profile closing a press release")

    title_at, title_reason = None, ""
    if "title" not in kinds:
        title_at, title_reason = _find_title(strs, blocks, kinds, meta_title,
                                             headings_only=main is not None)
    links = _link_runs(blocks, strs)
    cards = _teaser_cards(blocks, strs)
    title_i = title_at if title_at is not None else next(
        (i for i, k in enumerate(kinds) if k == "title"), None)
    title_key = _key(strs[title_i]) if title_i is not None else ""
    title_len = len(strs[title_i].strip()) if title_i is not None else 0
    for i, b in enumerate(blocks):
        s = strs[i].strip()
        if kinds[i] is not None:
            continue
        if len(s) <= 60 and _NAV.fullmatch(s.split("\n", 1)[0]) is not None:
            mark(i, "boilerplate", "navigation text")
        elif _BYLINE.match(s) and len(s) <= 120:
            mark(i, "byline", "byline")
        elif _is_menu(s):
            mark(i, "boilerplate", "menu or breadcrumb line")
        elif _RULE_LINE.fullmatch(s):
            mark(i, "boilerplate", "separator line")
        elif _CREDIT.match(s) and len(s) <= 200:
            mark(i, "byline", "reporting credit")
        elif _LEGAL.search(s) and (len(s) <= 300 or (
                len(s) <= 800 and s.lstrip("*([ ").lower().startswith("disclaimer"))):
            mark(i, "boilerplate", "copyright/legal line")
        elif b.hint == "caption" or _is_caption(s):
            mark(i, "caption", "photo caption")
        elif (b.hint == "byline" and len(s) <= 300) or (
                len(s) <= 80 and (_BYLINE.match(s) or _DATELINE_ONLY.match(s))) or (
                _is_date_time(s)):
            mark(i, "byline", "byline or dateline")
        elif i == title_at:
            mark(i, "title", title_reason)
        elif title_at is not None and i < title_at and _is_heading_like(s):
            mark(i, "boilerplate", "masthead before the title")
        elif i in links:
            mark(i, "boilerplate", "list of links (menu, headlines of other stories)")
        elif i in cards:
            mark(i, "boilerplate", "teasers for other stories (linked headline and summary)")
        elif title_key and i != title_at and abs(len(s) - title_len) <= 12 and (
                _key(s) == title_key):
            mark(i, "boilerplate", "a copy of the title")
        elif len(s) <= 300 and (_SERVICE.match(s) or "click here" in s.lower()):
            mark(i, "boilerplate", "reader service (newsletter, follow, contact, error text)")
        elif len(s) <= 400 and _TAGS.match(s) and not _SENTENCE_END.search(s):
            mark(i, "boilerplate", "tags or topics of the page")
        elif _BARE_URL.fullmatch(s):
            mark(i, "boilerplate", "a bare web address")
        elif b.hint == "link" and _is_headline(s):
            mark(i, "boilerplate", "a link to another page (teaser headline)")
        elif _TEASER_LEAD.match(s) and _is_heading_like(s, 200):
            mark(i, "boilerplate", "a teaser for another story")
        elif b.hint == "quote" or (s[:1] in _QUOTE_OPEN and _is_attributed_quote(s)):
            mark(i, "quote", "block quote")
        else:
            mark(i, "body", "article text")
    return [Zone(k or "body", b.start, b.end, r) for k, b, r in zip(kinds, blocks, reasons,
                                                                     strict=True)]


def _outside_main(strs, blocks, main, meta_title, mark) -> None:
    """Blocks outside the library's main content are boilerplate; the title stays the title,
    bylines between the title and the article's last block stay bylines (a date source), and a
    list the article introduces with a colon is left to the rules."""
    free = [None if b.hint not in ("nav", "aside", "footer") else "x" for b in blocks]
    title_at, title_reason = _find_title(strs, blocks, free, meta_title, headings_only=True)
    hits = [i for i, f in enumerate(main) if f]
    first = hits[0] if title_at is None else min(hits[0], title_at)
    # list items the article's own sentence introduces ("... paid for by three backers:"):
    # the library drops a list of links, but a list of linked names can be the article's
    introduced: set[int] = set()
    for i in hits:
        s = strs[i].strip()
        if s.endswith(":") and len(s.split()) >= 4 and not (
                _SIDEBAR_HEAD.match(s) or _TEASER_LEAD.match(s)):
            j = i + 1
            while j < hits[-1] and not main[j] and blocks[j].tag == "li":
                introduced.add(j)
                j += 1
    for i, b in enumerate(blocks):
        if main[i] or i in introduced:
            continue
        s = strs[i].strip()
        if i == title_at:
            mark(i, "title", title_reason)
        elif first <= i <= hits[-1] and len(s) <= 120 and (
                b.hint == "byline" or _BYLINE.match(s) or _DATELINE_ONLY.match(s)):
            mark(i, "byline", "byline or dateline")
        else:
            mark(i, "boilerplate", "outside the page's main content")


def _is_caption(s: str) -> bool:
    return len(s) < 600 and _CAPTION_CUE.search(s) is not None and (
        _CAPTION_LEAD.match(s) is not None or _caption_tail(s))


_LIST_MARK = re.compile(r"[ \t]*(?:[-*•–]|\d+[.)])[ \t]")


def _is_prose(s: str, b: BlockSpan) -> bool:
    """A paragraph of article text: long enough, ends a sentence, not a link or furniture."""
    return (len(s) >= 80 and _SENTENCE_END.search(s) is not None
            and b.hint not in ("link", "nav", "aside", "footer", "caption"))


def _link_runs(blocks: list[BlockSpan], strs: list[str]) -> set[int]:
    """Blocks in runs of two or more blocks that are wholly link text, most of them of 5+ words
    (headlines, teaser excerpts): lists of other stories, whose figures are not this page's.
    Runs of short links (menus, tag clouds, a list of linked organisation names) are left to the
    other rules: a list of names can be the article's own."""
    out: set[int] = set()
    i, n = 0, len(blocks)
    while i < n:
        j = i
        while j < n and blocks[j].hint == "link" and blocks[j].end - blocks[j].start <= 300:
            j += 1
        if j - i >= 2 and 2 * sum(len(strs[k].split()) >= 5 for k in range(i, j)) > j - i:
            out.update(range(i, j))
        i = max(j, i + 1)
    return out


def _teaser_cards(blocks: list[BlockSpan], strs: list[str]) -> set[int]:
    """Runs of two or more teaser cards: a linked headline (3+ words, no sentence) followed by
    its one-line summary that is no link ("Mayor resigns" / "The mayor stepped down after 9
    years"), as other-story boxes lay them out. Their figures are other stories'."""
    def headline(k: int) -> bool:
        if blocks[k].hint != "link":
            return False
        t = strs[k].strip()
        return len(t.split()) >= 3 and _is_heading_like(t.rstrip("?"), 200)  # (or a question)

    def summary(k: int) -> bool:
        t = strs[k].strip()
        return (blocks[k].hint != "link" and len(t) <= 250 and "\n" not in t
                and len(t.split()) >= 4)

    out: set[int] = set()
    i, n = 0, len(blocks)
    while i < n - 1:
        j = i
        while j + 1 < n and headline(j) and summary(j + 1):
            j += 2
        if j - i >= 4:
            out.update(range(i, j))
        i = max(j, i + 1)
    return out


def _is_date_time(s: str) -> bool:
    """A short line that is only a date with a time, in any language ("Friday, 3 May 2019,
    14:05"; "sexta-feira, 3 de maio de 2019 às 14:05"): a dateline."""
    return (len(s) <= 60 and len(s.split()) <= 9 and _YEAR.search(s) is not None
            and _CLOCK.search(s) is not None and not re.search(r"[.!?;]\s*$", s))


_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
_CLOCK = re.compile(r"\b\d{1,2}[:h]\d{2}\b")
# calls to the reader that are not the story: newsletter and subscription boxes, "follow us",
# how to reach the reporter, tip lines, reprint notices, form error and thank-you messages
_SERVICE = re.compile(
    r"^[\W_]*(?:(?:subscribe|sign up|register)\b.{0,80}\b(?:newsletters?|inbox|alerts)\b|"
    r"(?:get|receive)\b.{0,80}\b(?:delivered|(?:in|to) your inbox|newsletters?)\b|"
    r"[\w'’ ]{0,40}\bnewsletters?[\W_]*$|"
    r"thanks?(?: you)? for (?:signing up|subscribing|registering)|"
    r"sorry[\W_]*$|an error (?:has )?occurred|there was an error|"
    r"keep an eye on your inbox|"
    r"follow (?:us|@\w+|(?:[\w'’.-]+ ){0,3}on (?:twitter|facebook|instagram|linkedin))\b|"
    r"(?:e-?mail|reach|contact) (?:[\w'’.-]+ ){0,3}(?:at|on|via) \S*(?:@|twitter|https?:)|"
    r"(?:have|got) a (?:news )?tip\b|"
    r"this (?:copy|article) is for your personal|"
    r"if you (?:enjoyed|liked|value|appreciate) (?:this|our)\b|"
    r"(?:follow|read|see) (?:[\w'’]+ ){0,2}(?:full )?coverage (?:of|at)\b.*https?://)",
    re.I)
# "Tags: a, b, c", "Topics", "Filed under": the page's labels (a colon, or a comma list)
_TAGS = re.compile(
    r"^[\W_]*(?:tags?|tagged(?: (?:with|in|as))?|topics?|keywords|filed under|categories|"
    r"related topics)\b\s*(?::|$|(?=[^.!?]*,[^.!?]*,))", re.I)
_PROFILE = re.compile(
    r"^(?:[A-Z][\w&.'’-]*(?:,? (?:Inc|Ltd|LLC|AG|SA|plc)\.?)? ?){1,6}(?:\([^)]{1,40}\) )?"
    r"(?:is|are) (?:a|an|the|one of the)\b[^.]{0,120}\b(?:provider|headquartered|founded|"
    r"leading|global)\b")
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+")


def _is_headline(s: str) -> bool:
    return len(s.split()) >= 5 and _is_heading_like(s, 200)


# "Read more: <headline>", "RELATED: <headline>": a pointer to another story inside the body
_TEASER_LEAD = re.compile(
    r"^[\W_]*(?:read (?:more|also|next)|also read|see more|related(?: (?:story|article|coverage))?|"
    r"see also|more on this|watch|listen|recommended|don'?t miss)\s*[:|»>–—-]\s*\S", re.I)


_PHONE_OR_MAIL = re.compile(r"@|\+?\d[\d ().-]{7,}\d")


_RULE_LINE = re.compile(r"[\W_]{2,}")


def _is_menu(s: str) -> bool:
    """A line of short items between separators: "Home | News | Sport", "A · B · C"."""
    if len(s) > 160 or "\n" in s:
        return False
    parts = _MENU_SEP.split(s)
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


def _find_title(strs, blocks, kinds, meta_title, headings_only: bool = False
                ) -> tuple[int | None, str]:
    """The title block: the one matching the metadata title, else the first <h1>, else the
    first heading-like line (plain text; not when ``headings_only``)."""
    free = [i for i, k in enumerate(kinds) if k is None]
    if meta_title:
        want = _key(meta_title)
        # cheap pre-filter: a matching block holds the title's first word
        first = want.split(" ", 1)[0]
        hits = [i for i in free if first in strs[i].lower() and (k := _key(strs[i])) and (
            k == want or (len(k) >= 12 and (want.startswith(k) or k.startswith(want))))]
        # a page's own heading before a copy of its title in a header or menu
        heads = [i for i in hits if blocks[i].tag in ("h1", "h2") or blocks[i].hint == "title"]
        if heads and headings_only:
            return heads[0], "matches the document's title metadata"
        if hits:
            return hits[0], "matches the document's title metadata"
    for i in free:
        if blocks[i].tag == "h1" or blocks[i].hint == "title":
            return i, "first top-level heading"
    for i in free if not headings_only else ():
        s = strs[i].strip()
        if _is_menu(s) or _NAV.fullmatch(s) or _BYLINE.match(s) or _DATELINE_ONLY.match(s) \
                or _TEASER_LEAD.match(s):
            continue
        if _is_heading_like(s, 160) and len(s) >= 12 and " " in s:
            return i, "first heading-like line"
    return None, ""


def _contact_line(s: str) -> bool:
    """Lines of a contact block: short labels and names, e-mail addresses, phone numbers."""
    if len(s) <= 80 and not _SENTENCE_END.search(s):
        return True
    return len(s) < 200 and _PHONE_OR_MAIL.search(s) is not None


def _caption_tail(s: str) -> bool:
    """A caption ends with its credit line ("... Credit: Agency", "Photo by X")."""
    return re.search(r"(?:credit|photo by|image by|courtesy(?: of)?)\b[^.!?]*[.]?$", s, re.I) \
        is not None


_ATTRIB = re.compile(r"[”\"’']\s*(?:[—–-]{1,2}|―)\s*[A-Z]")


def _is_attributed_quote(s: str) -> bool:
    """A block that is a quotation followed by "— Name, title" (pull quotes, testimonials)."""
    return bool(_ATTRIB.search(s))
