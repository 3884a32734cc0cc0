"""The fast forms of the extractors' scan patterns match exactly what the plain forms match.

The extractors scan with patterns written so that Python's regex engine can skip ahead in C (a
look-behind placed after the first letter, a tighter look-ahead); these tests compare them with
the straightforward spelling on random strings made of the characters that matter.
"""

from __future__ import annotations

import random
import re

from audit.extract import quotes
from audit.extract.numbers import word_trie
from audit.extract.pipeline import _disjoint_starts, _zone_at
from audit.extract.vocab import trie_pattern
from audit.model import Zone

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


def test_word_trie_word_start_equals_boundary():
    for words in (["ab", "b", "abab"], {"ab": "", "b": "(?:x)?"}):
        slow = re.compile(rf"\b{word_trie(words)}\b")
        fast = re.compile(rf"{word_trie(words, word_start=True)}\b")
        _same(slow, fast, 2)
    assert word_trie([" a"], word_start=True).startswith(r"\b")


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
