"""The fast forms of the extractors' scan patterns match exactly what the plain forms match.

The extractors scan with patterns written so that Python's regex engine can skip ahead in C (a
look-behind placed after the first letter, a tighter look-ahead); these tests compare them with
the straightforward spelling on random strings made of the characters that matter.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit.extract import quotes
from audit.extract.pipeline import _disjoint_starts, _zone_at
from audit.model import Zone
from audit.text import trie_pattern, unwrapped

_PIECES = ["ab", "b", "Ab", "x", "a", " ", "-", ".", "_", "é", "\n", "1", '"', "“", "«", ","]


def _strings(seed: int, n: int = 3000):
    rnd = random.Random(seed)
    for _ in range(n):
        s = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 10)))
        a = rnd.randint(0, len(s))
        yield s, a, rnd.randint(a, len(s))


def _same(slow: re.Pattern[str], fast: re.Pattern[str], seed: int) -> None:
    for s, a, b in _strings(seed):
        want = [(m.span(), m.groups()) for m in slow.finditer(s, a, b)]
        got = [(m.span(), m.groups()) for m in fast.finditer(s, a, b)]
        assert got == want, (s, a, b)


def test_trie_pattern_not_before_equals_lookbehind():
    words = ["ab", "b", "Ab", "a.b", "abab"]
    for cls in (r"\w-", r"\w.-", r"\w"):
        slow = re.compile(rf"(?<![{cls}])(?:{trie_pattern(words)})")
        fast = re.compile(trie_pattern(words, not_before=cls))
        _same(slow, fast, 1)
    # a word opening with a space keeps the plain form
    assert trie_pattern([" a"], not_before=r"\w").startswith("(?<!")


def test_trie_pattern_with_capitals_and_suffixes_at_word_start():
    for words in (["ab", "b", "abab"], {"ab": "", "b": "(?:x)?", "ba": "x"}):
        slow = re.compile(rf"\b{trie_pattern(words, cap=True)}\b")
        fast = re.compile(trie_pattern(words, cap=True, not_before=r"\w") + r"\b")
        _same(slow, fast, 2)
    # cap accepts a capitalised first letter only; a required suffix is required
    pattern = re.compile(rf"{trie_pattern({'ab': '', 'ba': 'x'}, cap=True)}\Z")
    assert [bool(pattern.match(s)) for s in ("ab", "Ab", "aB", "bax", "Bax", "ba")] == [
        True, True, False, True, True, False]


def test_quote_segment_pattern():
    slow = re.compile(
        r"(?P<open>[“«]|(?<![\w.,;:!?%’”\"])\"(?=[^\s\"]))"
        r"(?P<body>[^\"“”«»\n]*)"
        r"(?P<close>[”\"»]|(?=\n)|\Z)"
    )
    _same(slow, quotes._SEG, 3)


def test_zone_at_bisect_equals_linear():
    rnd = random.Random(4)
    for _ in range(500):
        cuts = sorted(rnd.randint(0, 30) for _ in range(rnd.randint(0, 8)))
        pairs = zip(cuts, cuts[1:], strict=False)
        zones = [Zone(rnd.choice(["title", "quote"]), a, b) for a, b in pairs]
        starts = _disjoint_starts(zones)
        assert starts is not None
        for pos in range(-1, 32):
            assert _zone_at(zones, pos, starts) == _zone_at(zones, pos)
    assert _disjoint_starts([Zone("body", 0, 5), Zone("title", 3, 8)]) is None


# --- hard-wrapped text -------------------------------------------------------------------------

def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n\n".join(textwrap.fill(p, width) if len(p) > width else p
                       for p in text.split("\n\n"))


def test_unwrapped_view_keeps_length_bullets_and_breaks():
    text = ("The hall is funded by Tessel Bank, Marrow Glassworks, the Orvik\n"
            "Arts Trust and Halden Clay, the council said on Monday.\n\n"
            "Short heading\nNext line\n"
            "The backers of the new hall are listed in full below:\n- Tessel Bank\n- Halden Clay")
    view = unwrapped(text, [Zone("body", 0, len(text))])
    assert len(view) == len(text)
    assert [i for i, (a, b) in enumerate(zip(text, view, strict=True)) if a != b] == [
        text.index("Orvik\n") + 5]
    assert "Orvik Arts Trust" in view and "\n\nShort heading\nNext line\n" in view
    assert ":\n- Tessel Bank\n- Halden Clay" in view


@given(st.text(alphabet=st.sampled_from("ab .,\n-1"), max_size=300))
def test_unwrapped_only_turns_line_breaks_into_spaces(text):
    view = unwrapped(text, [Zone("body", 0, len(text))])
    assert len(view) == len(text)
    assert all(a == b or (a == "\n" and b == " ") for a, b in zip(text, view, strict=True))


@pytest.mark.parametrize("width", [48, 61, 72])
def test_hard_wrapped_sources_give_the_same_findings(tmp_path, width):
    """A wire story wrapped at any width is audited like the same story on long lines."""
    from tests.conftest import invoke
    from tests.test_checks import KILN, A, B, audit

    ids = {}
    for wrapped in (False, True):
        root = tmp_path / str(wrapped)
        invoke("init", root, "--force")
        for i, text in enumerate([A, B, *KILN]):
            body = "\n\n".join(" ".join(p.split("\n")) for p in text.split("\n\n"))
            (root / "sources" / f"d{i}.txt").write_text(_wrap(body, width) if wrapped else body)
        _, bundle, _ = audit(root)
        ids[wrapped] = sorted((f["id"], f["severity"]) for f in bundle["findings"])
    assert ids[True] == ids[False] and ids[False]


def test_extraction_signature_is_read_without_importing_the_extractors():
    """The signature reads each extractor's NAME and VERSION from its source; they are the
    values the imported modules hold, and no extractor module is imported to get them."""
    import subprocess
    import sys

    from audit.extract import EXTRACTOR_MODULES, declared, extractors

    assert declared() == tuple((m.NAME, m.VERSION) for m in extractors())
    code = ("import sys; from audit.extract.pipeline import signature; "
            "from audit.extract.vocab import load_vocabulary; signature(load_vocabulary()); "
            f"print(sorted(n for n in {list(EXTRACTOR_MODULES)!r} "
            "if 'audit.extract.' + n in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
