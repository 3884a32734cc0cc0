"""The anchored scans (``audit.text.Anchored``) find exactly what a scan of the whole range
finds: the fast path never skips or adds a match."""

from __future__ import annotations

import importlib
import pkgutil
import re

from hypothesis import given, settings
from hypothesis import strategies as st

import audit.extract
from audit.text import Anchored, anchored_lines


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
    "The squall drowned 61-year-old Danish shipowner Karl Vesterby off Skagen.",
    "It happened at 7:30 p.m. local time, or 1930 GMT, before noon on Friday.",
    "The fair opened in Brenmouth on Monday and was held yesterday in Tarnwick.",
    "A six-storey building and a 12-story tower burned; the ten storey hostel was spared.",
    "Moll scored in the 27th minute (1-0, 68') and again after 28 minutes; in der 9. Minute.",
    "A magnitude 6.8 quake, a 5.1-magnitude aftershock and a 4.2 Richter tremor; Stärke 5,2.",
    "Here is the full text of Ada Brill's email:",
    "Read the memo in full:\nThe Complete Statement of Contoso follows:",
    "It took two hundred years, a dozen days and nueve meses; a two-and-a-half-year deal, 3 hrs.",
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
    "magnitude", "Magnitude", "-magnitude", "6.8", "5,1", "Richter", "scale", "Stärke", "of",
    "full", "FULL", "Full", "text", "memo", "e-mail", "complete", "entire", "Entire", "statement",
    "Ada's", ":", "%", "per", "cent", "percent", "Pct", "pour", "Prozent", "por", "ciento", "Mio",
    "mrd", "MRD", "Millionen", "millones", "milh", "bilh", "Bilhões", "millions", "milliards",
    "3", "1,5", "Mioara", "Bilharzia", "Bilhō", "Mıo", "mıllıonen", "two", "hundred", "years",
    "year", "-year", "dozen", "days", "half", "nueve", "meses", "años", "a", "an", "several",
    "weeks", "decade", "seconds", "twenty-one", "Two", "Hundred", "2.5", "MIN", "mIn", "68’",
    "9′", "7 PM", "7 a.m.", "ſtorey", "STOREY", "Floor", "history", "sſtor", "7 h", "12:05",
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
    assert len(ANCHORED) >= 14  # status (7), untitled (3), times (2), magnitudes, quotes
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


def test_a_number_phrase_over_a_line_break_is_read_whole() -> None:
    from audit.extract.times import _DURATION

    for text in ("It lasted two\nhundred years.", "It lasted a\n\ndozen days.",
                 "Two hundred\nand twenty-one years."):
        full = _spans(_DURATION.pattern.finditer(text))
        assert full and full[0][0][1] - full[0][0][0] > 9, text
        assert _spans(_DURATION.finditer(text, 0, len(text))) == full, text


# Range tests written with a plain class of their first characters in front (the search skips in
# C to those), against the patterns they replace, which try every word at every position.
GATES = {
    "money._FOREIGN_CUE": (
        r"(?i)Mio\b|Mrd\b|Millionen|Milliarden|millones|milh|bilh|milioni|miliardi"
        r"|\d[ \t]*millions|\d[ \t]*milliards"),
    "shares._ANY_PERCENT": r"(?i)%|per[ \t]*cent|pct|por[ \t]+cient|pour[ \t]+cent|prozent",
    "minutes._CUE": r"(?i)min|'|′|’",
}
# Anchors rewritten the same way, against the anchors they replace: the same lines
OLD_ANCHORS = {
    "minutes._MINUTE": r"(?i)min|\d[ \t]?['′’]",
    "times._CLOCK": r"\d(?:[ \t]*(?:[AaPp]\.|[AaPp][Mm])|[ \t]+(?:h|GMT|UTC|Z|local)|:\d)|noon"
                    r"|midnight",
    "storeys._STOREYS": r"(?i)(?<![a-z])(?:stor|floor)",
}


def _gate(name: str) -> re.Pattern[str]:
    mod, attr = name.split(".")
    return getattr(importlib.import_module(f"audit.extract.{mod}"), attr)


def test_every_gate_finds_its_examples() -> None:
    for text in ("Zuschuss von 100 Mio. Euro", "1,5 milliards de dollars", "R$ 2 bilhões",
                 "90 MILLONES de euros", "up 4%", "4 Per Cent", "4 pct", "4 por ciento",
                 "4 pour cent", "4 Prozent"):
        for name, old in GATES.items():
            want = re.compile(old).search(text) is not None
            assert (_gate(name).search(text) is not None) == want, (name, text)
    assert _gate("money._FOREIGN_CUE").search("Zuschuss von 100 Mio. Euro")
    assert _gate("shares._ANY_PERCENT").search("4 Prozent")
    for text in ("the 27th MINUTE", "(68')", "at 7:30 p.m., noon, midnight, 1930 GMT",
                 "a six-storey, 12-STORY tower on the 4th floor", "a ſtorey (long s)",
                 "history", "a\nFLOOR\nnoon"):
        for name, old_anchor in OLD_ANCHORS.items():
            want = anchored_lines(text, 0, len(text), re.compile(old_anchor))
            assert _gate(name).lines(text, 0, len(text)) == want, (name, text)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_gate_equals_the_pattern_it_replaces(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for name, old in GATES.items():
        want = re.compile(old).search(text, start, end) is not None
        assert (_gate(name).search(text, start, end) is not None) == want, name


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_anchor_finds_the_lines_of_the_anchor_it_replaces(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for name, old in OLD_ANCHORS.items():
        want = anchored_lines(text, start, end, re.compile(old))
        assert _gate(name).lines(text, start, end) == want, name


def _title_hit_re() -> re.Pattern[str]:
    from audit.extract.vocab import default_vocabulary, lexicon

    return lexicon(default_vocabulary()).title_hit_re


_TITLE_PIECES = ["President", "president", "then-Governor", "ex-CEO", "Vice", "Minister",
                 "Prime", "Ex-President", "co-President", "vicePresident", "Mayor", "mayor's",
                 "Chief", "Executive", "-", "x-", "then"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TITLE_PIECES + _PIECES), st.sampled_from(_SEPS)),
                max_size=30).map(lambda parts: "".join(w + s for w, s in parts)), st.data())
def test_title_scan_equals_the_scan_without_its_first_look_behind(text: str,
                                                                 data: st.DataObject) -> None:
    """The title scan opens with a look-behind (no word character before) that its three
    alternatives each imply, so it finds what the scan without it finds."""
    fast = _title_hit_re()
    assert fast.pattern.startswith(r"(?<!\w)(?:(?<![\w-])")
    plain = re.compile(fast.pattern.removeprefix(r"(?<!\w)"))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _spans(fast.finditer(text, start, end)) == _spans(plain.finditer(text, start, end))
