"""The anchored scans (``audit.text.Anchored``) find exactly what a scan of the whole range
finds: the fast path never skips or adds a match."""

from __future__ import annotations

import importlib
import pkgutil

from hypothesis import given, settings
from hypothesis import strategies as st

import audit.extract
from audit.text import Anchored


def _anchored() -> dict[str, Anchored]:
    """Every Anchored pattern of the extractor modules (alone or in a list), by name."""
    out: dict[str, Anchored] = {}
    for info in pkgutil.iter_modules(audit.extract.__path__):
        mod = importlib.import_module(f"audit.extract.{info.name}")
        for name, v in vars(mod).items():
            items = v if isinstance(v, list) else [v]
            for i, x in enumerate(items):
                if isinstance(x, Anchored):
                    out[f"{info.name}.{name}[{i}]"] = x
    return out


ANCHORED = _anchored()

# Invented sentences, one or more matches of each anchored pattern.
EXAMPLES = [
    "Contoso has acquired troubled publisher Fabrikam Games.",
    "Northwind now owns Tailspin.",
    "Contoso completed its $2 billion acquisition of Fabrikam.",
    "Fabrikam has been acquired by Contoso.",
    "Contoso is set to take over Fabrikam, and Litware will buy Adatum.",
    "Fabrikam will be acquired by Contoso; the proposed acquisition of Adatum stalled.",
    "Police identified the victims as Ivo Brill, 44, and Ada Brill.",
    "Among them was Ada Brill.",
    "A 41-year-old Ada Brill was hurt. Ivo and Ada Brill, ages 44 and 41, left.",
    "It happened at 7:30 p.m. local time, or 1930 GMT, before noon on Friday.",
    "The fair opened in Brenmouth on Monday and was held yesterday in Tarnwick.",
    "A six-storey building and a 12-story tower burned; the ten storey hostel was spared.",
    "Moll scored in the 27th minute (1-0, 68') and again after 28 minutes; in der 9. Minute.",
]

_WORDS = [
    "Contoso", "Fabrikam", "Ada", "Brill", "Ivo", "has", "have", "been", "acquired", "acquire",
    "bought", "buy", "buying", "purchase", "take", "over", "takeover", "now", "owns", "the",
    "its", "proposed", "acquisition", "of", "by", "will", "be", "is", "set", "to", "deal",
    "identified", "as", "victims", "were", "Among", "them", "was", "41-year-old", "ages",
    "aged", "and", "44", "41", "7", "7:30", "1930", "p.m.", "PM", "am", "GMT", "h", "local",
    "noon", "midnight", "held", "opened", "took", "place", "in", "Brenmouth", "St.", "city",
    "yesterday", "on", "Monday", "based", "a", "man", "-", "—", ",", ".", ";", ":", "(", ")",
    "'s", "’", "$", "2", "billion", "BRENMOUTH", "March", "2025", "(Wire)", "six", "storey",
    "-storey", "12-story", "floor", "building", "tower", "hostel", "Storeyed", "27th",
    "minute", "68'", "(23')", "90+3", "after", "28", "minutes", "Minute", "9.", "mins", "'",
]
_SEPS = [" ", " ", " ", "", "\n", "\n\n", "\t", "\u00a0", ", ", ". "]

# words, the examples and runs of their words, so that random texts hold whole matches too
_PIECES = _WORDS + EXAMPLES + sorted({" ".join(e.split()[i:i + n]) for e in EXAMPLES
                                      for n in (2, 3, 4) for i in range(len(e.split()))})
texts = st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPS)),
                 min_size=0, max_size=40).map(lambda parts: "".join(w + s for w, s in parts))


def _spans(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in matches]


def test_every_anchored_pattern_is_covered() -> None:
    assert len(ANCHORED) >= 11  # status (7), untitled (3), times (1)
    text = "\n".join(EXAMPLES)
    for name, a in ANCHORED.items():
        full = _spans(a.pattern.finditer(text, 0, len(text)))
        assert full, f"{name}: no example matches"
        assert _spans(a.finditer(text, 0, len(text))) == full, name


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_anchored_scan_equals_full_scan(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for name, a in ANCHORED.items():
        full = _spans(a.pattern.finditer(text, start, end))
        assert _spans(a.finditer(text, start, end)) == full, name
        assert _spans(a.finditer(text, start, end, a.lines(text, start, end))) == full, name
