"""Plain data types shared by the pipeline stages.

Every stage passes these between pure functions; only ``audit.store`` turns them into rows.
Offsets are always code-point offsets into a document's *stored* text (``documents.text``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from audit.text import Sentences

ZONE_KINDS = ("title", "body", "quote", "caption", "byline", "boilerplate")
CLAIM_KINDS = (
    "money",
    "count",
    "share",
    "measurement",
    "time",
    "date",
    "person",
    "org_list",
    "place",
    "quote",
    "topic_list",
    "alias",
    "mention",
    "status",
)
# Span roles that name an entity; resolve clusters the text of these spans.
ENTITY_ROLES = {"person": "person", "org": "org", "place": "place"}


@dataclass(frozen=True)
class Zone:
    kind: str
    start: int
    end: int
    reason: str = ""  # why the zoner chose this kind (shown in reports, useful when tuning)


@dataclass(frozen=True)
class SpanRef:
    """A span an extractor found: absolute offsets into the document text and its role in a claim.

    Roles: "value" (the number/date/amount), "person", "org", "place" (entity names, clustered by
    resolve), "title" (a person's role words), "quote" (quoted words), "speaker", "weekday",
    "scope", "tail" (a "plus nine others" tail), "item" (a topic-list item), "context", "status"
    (the words stating an event's state) and "target" (what an acquisition buys).
    """

    start: int
    end: int
    role: str = "value"


@dataclass
class ClaimDraft:
    """A claim as an extractor states it; the pipeline adds ids and stores it.

    ``predicate``/``subject``/``qualifiers`` form the comparison key; ``value`` is a JSON-able dict
    whose shape depends on ``kind``: one of the TypedDicts of ``audit/claimvalues.py``.
    """

    kind: str
    predicate: str
    subject: str
    value: Mapping[str, Any]
    spans: list[SpanRef]
    qualifiers: dict[str, Any] = field(default_factory=dict)
    extractor: str = ""
    version: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """Words the extractors key on; projects extend these from ``claims/vocabulary.toml``."""

    titles: tuple[str, ...] = ()
    relations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # relation -> cue phrases
    org_suffixes: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    event_nouns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What an extractor may know besides the text: the document date and the vocabulary; and
    the sentence bounds of the range it reads, shared by the extractors of that range."""

    text: str
    doc_date: date | None = None
    vocab: Vocabulary = field(default_factory=Vocabulary)
    zone_kind: str = "body"
    # (start, end) -> its Sentences: the extractors that read one range share its bounds
    _sentences: dict[tuple[int, int], Sentences] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def sentences(self, start: int, end: int) -> Sentences:
        """The sentence bounds of text[start:end], found once for all extractors of a range."""
        found = self._sentences.get((start, end))
        if found is None:
            found = self._sentences[(start, end)] = Sentences(self.text, start, end)
        return found
