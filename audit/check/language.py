"""The language a document is written in, for the confidence of a name spelled two ways.

Why: on real coverage, a name written another way only on pages in another language is that
language's form of it ("Talibã" on a Portuguese page, "Abdul Wahed" in its transliteration),
far more often than a misspelling. The language is identified by py3langid (langid.py's model,
shipped inside the package: nothing is downloaded) from the start of the text; a text too short
to tell, or one the model is unsure of, has no language (and then weakens nothing).
"""

from __future__ import annotations

import functools
from typing import Any

import duckdb

SAMPLE_CHARS = 3000  # the start of the text is enough, and keeps the cost per page flat
MIN_LETTERS = 200  # fewer letters than this: no language (a caption, a table of figures)
MIN_PROBABILITY = 0.95  # the model's normalised probability for its best language


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None when unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= MIN_PROBABILITY else None


def claim_languages(con: duckdb.DuckDBPyConnection, claim_ids: list[str]
                    ) -> dict[str, str | None]:
    """claim id -> the language of the document it was read from (None when unsure)."""
    if not claim_ids:
        return {}
    rows = con.execute(f"""
        SELECT c.claim_id, c.document_id, substr(d.text, 1, {SAMPLE_CHARS})
        FROM claims c JOIN documents d USING (document_id)
        WHERE c.claim_id IN (SELECT unnest(?::VARCHAR[]))""", [sorted(set(claim_ids))]
    ).fetchall()
    by_doc: dict[str, str | None] = {}
    out = {}
    for claim_id, doc, text in rows:
        if doc not in by_doc:
            by_doc[doc] = language(text)
        out[claim_id] = by_doc[doc]
    return out


def other_language(variant: list[str | None], canonical: list[str | None]) -> bool:
    """Whether every page of a variant spelling and every page of the canonical one have a
    known language, and no page of the variant shares one with the canonical's pages."""
    if not variant or not canonical or None in variant or None in canonical:
        return False
    return not set(variant) & set(canonical)
