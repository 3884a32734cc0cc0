"""The language a document is written in, for the confidence of a name spelled two ways.

Why: on real coverage, a name written another way only on pages in another language is that
language's form of it ("Talibã" on a Portuguese page, "Abdul Wahed" in its transliteration),
far more often than a misspelling. The language is identified by py3langid (langid.py's model,
shipped inside the package: nothing is downloaded) from the start of the text; a text too short
to tell, or one the model is unsure of, has no language (and then weakens nothing).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import duckdb

SAMPLE_CHARS = 3000  # the start of the text is enough, and keeps the cost per page flat
MIN_LETTERS = 200  # fewer letters than this: no language (a caption, a table of figures)
MIN_PROBABILITY = 0.95  # the model's normalised probability for its best language


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _classify(sample: str, min_letters: int) -> str | None:
    """The model's language for ``sample`` when it has ``min_letters`` letters and the model is
    sure, else None."""
    if sum(map(str.isalpha, sample)) < min_letters:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= MIN_PROBABILITY else None


def language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None when unsure."""
    return _classify(text[:SAMPLE_CHARS], MIN_LETTERS)


QUOTE_MIN_LETTERS = 40  # a quoted sentence: shorter than a page, long enough to tell apart


@functools.lru_cache(maxsize=50_000)
def quote_language(text: str) -> str | None:
    """The language of a quotation (ISO 639-1), or None when too short or unsure: a quote is
    what a page translates, whatever the language of the page around it."""
    return _classify(text[:SAMPLE_CHARS], QUOTE_MIN_LETTERS)


class ClaimLanguages:
    """claim id -> the language of the document it was read from (None when unsure or not
    read). Each document is identified when first asked, once: identifying costs a model load
    (~0.4 s) and ~0.1 ms a page, and :func:`other_language` stops at the first unsure page."""

    def __init__(self, con: duckdb.DuckDBPyConnection, claim_ids: list[str],
                 known: dict[str, str | None] | None = None):
        self._doc: dict[str, str] = {}
        self._text: dict[str, str] = {}
        # document -> its language, shared by the caller's later lookups (``known``): a page
        # is identified once, whichever lookup asked first
        self._code: dict[str, str | None] = {} if known is None else known
        if not claim_ids:
            return
        self._doc = dict(con.execute(
            "SELECT claim_id, document_id FROM claims "
            "WHERE claim_id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(set(claim_ids))]).fetchall())
        # each page's sample once, a batch at a time: one row per claim repeated the page's
        # 3,000 characters for each of its claims (at 100,000 documents some 700 MB of strings
        # at once, left to the C allocator's free lists for the rest of the check)
        cur = con.execute(f"""
            SELECT document_id, substr(text, 1, {SAMPLE_CHARS}) FROM documents
            WHERE document_id IN (SELECT unnest(?::VARCHAR[]))""",
                          [sorted(set(self._doc.values()) - set(self._code))])
        while batch := cur.fetchmany(10_000):
            self._text.update(batch)

    def get(self, claim_id: str) -> str | None:
        doc = self._doc.get(claim_id)
        if doc is None:
            return None
        if doc not in self._code:
            self._code[doc] = language(self._text.pop(doc))
        return self._code[doc]


def claim_languages(con: duckdb.DuckDBPyConnection, claim_ids: list[str],
                    known: dict[str, str | None] | None = None) -> ClaimLanguages:
    """claim id -> the language of the document it was read from (None when unsure); with
    ``known``, the documents identified by earlier lookups sharing it are not read again."""
    return ClaimLanguages(con, claim_ids, known)


def other_language(variant: Iterable[str | None], canonical: Iterable[str | None]) -> bool:
    """Whether every page of a variant spelling and every page of the canonical one have a
    known language, and no page of the variant shares one with the canonical's pages. The
    languages are read one at a time, up to the first that decides (an unsure page, a shared
    language): each may cost an identification."""
    seen: set[str] = set()
    for code in variant:
        if code is None:
            return False
        seen.add(code)
    if not seen:
        return False
    pages = 0
    for code in canonical:
        if code is None or code in seen:
            return False
        pages += 1
    return pages > 0
