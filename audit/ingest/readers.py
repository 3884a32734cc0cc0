"""Readers: turn decoded text of each format into stored text, blocks and metadata.

A reader returns the stored text (NFC, typography kept) and the blocks found in it as
``(start, end, tag, hint)`` offsets, so zoning never has to re-find its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from audit.ingest.maincontent import library_text, looks_like_navigation, main_flags
from audit.text import is_hard_wrapped, to_stored

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

_WS = re.compile(r"[ \t\n\r\f\v]+")  # not \s: no-break spaces are content and are kept
_PARA = re.compile(r"\n[ \t]*\n")


@dataclass(slots=True)
class BlockSpan:
    start: int
    end: int
    tag: str = "p"
    hint: str = ""


@dataclass
class Parsed:
    text: str
    blocks: list[BlockSpan]
    meta: dict[str, str] = field(default_factory=dict)
    # per block: part of the page's main content by a library (HTML only); None: no decision
    main: list[bool] | None = None


def _join(pieces: list[tuple[str, str, str]]) -> Parsed:
    """Join ``(text, tag, hint)`` blocks with blank lines, recording each block's offsets."""
    out: list[str] = []
    blocks: list[BlockSpan] = []
    pos = 0
    for text, tag, hint in pieces:
        text = to_stored(text).strip(" \t\n")
        if not text:
            continue
        if out:
            out.append("\n\n")
            pos += 2
        blocks.append(BlockSpan(pos, pos + len(text), tag, hint))
        out.append(text)
        pos += len(text)
    return Parsed("".join(out), blocks)


# --- plain text ---------------------------------------------------------------------------

def read_text(text: str) -> Parsed:
    """Plain text is stored as written; paragraphs (blank-line separated) are the blocks."""
    text = to_stored(text)
    blocks: list[BlockSpan] = []
    pos = 0
    for m in _PARA.finditer(text + "\n\n"):
        para_end = min(m.start(), len(text))
        if is_hard_wrapped(text[pos:para_end]):
            _add_trimmed(blocks, text, pos, para_end)
        else:  # text copied from web pages puts one element per line
            line_start = pos
            while line_start < para_end:
                nl = text.find("\n", line_start, para_end)
                line_end = para_end if nl == -1 else nl
                _add_trimmed(blocks, text, line_start, line_end)
                line_start = line_end + 1
        pos = m.end()
    return Parsed(text, blocks)


def _add_trimmed(blocks: list[BlockSpan], text: str, start: int, end: int) -> None:
    end = min(end, len(text))
    while start < end and text[start] in " \t\n\u00a0":
        start += 1
    while end > start and text[end - 1] in " \t\n\u00a0":
        end -= 1
    if end > start:
        blocks.append(BlockSpan(start, end))


# --- Markdown -------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_FM_LINE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*?)\s*$", re.M)


def read_markdown(text: str) -> Parsed:
    """Render Markdown to plain text blocks (markup dropped, link text kept)."""
    from markdown_it import MarkdownIt

    text = to_stored(text)
    meta: dict[str, str] = {}
    fm = _FRONT_MATTER.match(text)
    if fm:
        for key, val in _FM_LINE.findall(fm.group(1)):
            meta[key.lower()] = val.strip("'\"")
        text = text[fm.end():]
    tokens = MarkdownIt("commonmark").parse(text)
    pieces: list[tuple[str, str, str]] = []
    stack: list[str] = []
    for tok in tokens:
        if tok.nesting == 1:
            stack.append(tok.tag)
        elif tok.nesting == -1:
            if stack:
                stack.pop()
        elif tok.type == "inline":
            inline = _md_inline(tok.children or [])
            tag = next((t for t in reversed(stack) if t in _MD_BLOCK_TAGS), "p")
            if "blockquote" in stack:
                hint = "quote"
            elif tag == "li":
                hint = "list"
            else:
                hint = ""
            pieces.append((inline, tag, hint))
        elif tok.type in ("fence", "code_block"):
            pieces.append((tok.content, "pre", "code"))
        elif tok.type == "html_block":
            pieces.extend(_html_pieces(tok.content))
    parsed = _join(pieces)
    parsed.meta = meta
    return parsed


_MD_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "td", "th"}


def _md_inline(children) -> str:
    out = []
    for ch in children:
        if ch.type in ("text", "code_inline"):
            out.append(ch.content)
        elif ch.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif ch.type == "html_inline":
            continue
    return "".join(out)


# --- HTML -----------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "aside", "nav", "header", "footer", "figure",
    "figcaption", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
    "tr", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "address", "hr",
    "form", "fieldset", "details", "summary", "body", "html",
}
_DROP_TAGS = ["script", "style", "noscript", "template", "svg", "iframe", "object", "canvas",
              "button", "select", "input", "textarea", "head"]
_BOILER_ATTR = re.compile(
    r"(?:^|[\s_-])(side-?bar|related|promo|teaser|recommend\w*|more-?(?:stories|news|from)|"
    r"trending|popular|most-?read|newsletter|share|sharing|social|widget|advert\w*|ads?|"
    r"cookie\w*|breadcrumbs?|menu|nav\w*|footer|subscribe|signup|skip\w*|"
    r"comments?|tags?)(?:$|[\s_-])",
    re.I,
)
_ATTR_HINTS = (
    (re.compile(r"(?:^|[\s_-])(byline|author|dateline|meta)(?:$|[\s_-])", re.I), "byline"),
    (re.compile(r"(?:^|[\s_-])(caption|credit)(?:$|[\s_-])", re.I), "caption"),
    (re.compile(r"(?:^|[\s_-])(contact|media-?contact|press-?contact)(?:$|[\s_-])", re.I),
     "contact"),
)


# Block elements that only wrap others: their blocks take the enclosing block's tag.
_WRAPPER_TAGS = frozenset({"div", "section", "article", "main", "figure", "ul", "ol", "table",
                           "tbody", "thead", "tr", "body", "html", "dl", "form"})


def _element_hint(node) -> str:
    tag = node.tag
    if tag == "nav":
        return "nav"
    if tag == "aside":
        return "aside"
    if tag == "footer":
        return "footer"
    if tag == "figcaption":
        return "caption"
    if tag == "blockquote":
        return "quote"
    attrs = node.attributes or {}
    role = (attrs.get("role") or "").lower()
    if role in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return "nav" if role in ("navigation", "search", "banner") else "aside"
    label = " ".join(str(attrs.get(k) or "") for k in ("class", "id"))
    if label.strip():
        hint = "aside" if _BOILER_ATTR.search(label) else next(
            (h for rx, h in _ATTR_HINTS if rx.search(label)), "")
        if hint and _is_article_wrapper(node):
            return ""
        return hint
    return ""


def _is_article_wrapper(node) -> bool:
    """The article's own wrapper (or a layout wrapper around it) carries class words such as
    ``tag-<slug>``, ``author-<slug>``, ``content-with-sidebar``: they describe the article, not
    a sidebar or byline inside it. An <article>/<main> element or one holding the page's <h1>
    is such a wrapper."""
    return node.tag in ("article", "main", "body") or node.css_first("h1") is not None


def _html_pieces(html: str) -> list[tuple[str, str, str]]:
    parsed, _, _ = _parse_html(html)
    return parsed


def _parse_html(html: str):
    """Blocks ``(text, tag, hint)``, metadata, and the page without scripts, styles and forms
    (what the main-content library reads: the same decision, less to parse)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    meta = _html_meta(tree)
    tree.strip_tags(_DROP_TAGS)
    pieces: list[tuple[str, str, str]] = []
    root = tree.body or tree.root
    if root is None:
        return pieces, meta, ""
    buf: list[str] = []
    state = {"tag": "p", "hint": ""}
    linked = [0, False]  # characters of the block inside <a>; inside <a> now

    def flush():
        link_chars, linked[0] = linked[0], 0
        if not buf:
            return
        raw = "".join(buf)
        buf.clear()
        if not raw.strip(" \t\n\r\f\v"):  # (no-break spaces are content: not isspace())
            return
        text = _WS.sub(" ", raw).strip(" ")
        if text:
            hint = state["hint"]
            if not hint and link_chars >= 0.9 * len(text):
                hint = "link"  # the whole block is link text: a menu entry, headline, teaser
            pieces.append((text, state["tag"], hint))

    # An explicit stack, not recursion: a page nested thousands of elements deep is input,
    # and must not raise RecursionError. A frame: children left, hint, block tag, the state
    # to restore when a block element ends (None for inline elements), and whether the frame
    # opened a link.
    stack: list[tuple] = [(root.iter(include_text=True), "", "p", None, False)]
    while stack:
        children, hint, block_tag, prev, is_link = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if prev is not None:
                flush()
                state.update(prev)
            if is_link:
                linked[1] = False
            continue
        tag = child.tag
        if tag == "-text":
            t = child.text_content or ""
            buf.append(t)
            if linked[1]:
                linked[0] += len(t.strip())
            continue
        if tag in ("-comment", "!doctype", "img"):
            continue
        if tag == "br":
            buf.append("\n")
            continue
        if tag in _BLOCK_TAGS:
            flush()
            # boilerplate wrappers win over inner semantic hints
            child_hint = hint if hint in ("nav", "aside", "footer") else (
                _element_hint(child) or hint)
            child_tag = tag if tag not in _WRAPPER_TAGS else block_tag
            prev = dict(state)
            state["tag"], state["hint"] = child_tag, child_hint
            stack.append((child.iter(include_text=True), child_hint, child_tag, prev, False))
        elif tag == "a" and not linked[1]:
            linked[1] = True
            stack.append((child.iter(include_text=True), hint, block_tag, None, True))
        else:
            stack.append((child.iter(include_text=True), hint, block_tag, None, False))
    flush()
    return pieces, meta, tree.html or ""


def _html_meta(tree) -> dict[str, str]:
    meta: dict[str, str] = {}

    def attr(sel: str, name: str = "content") -> str | None:
        node = tree.css_first(sel)
        if node is None:
            return None
        val = (node.attributes or {}).get(name)
        return val.strip() if val else None

    title = tree.css_first("title")
    meta_title = attr('meta[property="og:title"]') or (title.text().strip() if title else None)
    pairs = {
        "title": meta_title,
        "publisher": attr('meta[property="og:site_name"]') or attr('meta[name="publisher"]'),
        "url": attr('link[rel="canonical"]', "href") or attr('meta[property="og:url"]'),
        "date": attr('meta[property="article:published_time"]') or attr('meta[name="date"]')
        or attr('meta[name="dc.date"]') or attr("time[datetime]", "datetime"),
        "author": attr('meta[name="author"]'),
    }
    for k, v in pairs.items():
        if v:
            meta[k] = _WS.sub(" ", v).strip()
    return meta


def read_html(text: str) -> Parsed:
    pieces, meta, cleaned = _parse_html(text)
    if meta.get("title") and not any(tag == "h1" for _, tag, _ in pieces):
        pieces.insert(0, (meta["title"], "h1", "title"))
    parsed = _join(pieces)
    parsed.meta = meta
    texts = [parsed.text[b.start:b.end] for b in parsed.blocks]
    parsed.main = main_flags(library_text(cleaned), texts)
    hints = [b.hint for b in parsed.blocks]
    if looks_like_navigation(parsed.main, texts, hints):
        # the fast mode picked a menu: its thorough mode (slower, so only here) decides,
        # unless it picks one too
        thorough = main_flags(library_text(cleaned, fast=False), texts)
        if thorough is not None and not looks_like_navigation(thorough, texts, hints):
            parsed.main = thorough
    return parsed


READERS = {"text/plain": read_text, "text/markdown": read_markdown, "text/html": read_html}
