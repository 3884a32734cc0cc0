"""Ages of named people ("Ana Ruiz, 34, of Tessel"; "34-year-old Ana Ruiz") as counts keyed by
the person's surname, so value-conflict compares one person's age across sources.

Only the two press forms are read, each with a name of at least two capitalised words right
beside the age: a lone number after a name ("Tessel, 12, ...") or a list of ages ("ages 74 and
72") is left alone. The key is the surname (the last word of the name), so "Zach Ruiz" and
"Zachary Ruiz" meet; two people of one surname in one story share the key, which is why the
check compares only values in one magnitude group and confidence weighs sides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.model import ClaimDraft, Context, SpanRef

NAME = "ages"
VERSION = "1"

_WORD = r"[A-Z][a-z'’-]+"
_PERSON = rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{1,2}})"
# "Ana Ruiz, 34, of Tessel" / ", 34, a teacher" / ", 34, also died"
_NAME_AGE = re.compile(rf"\b{_PERSON},[ \t]+(?P<age>\d{{1,3}}),(?!\d)")
# "34-year-old Ana Ruiz"
_AGE_NAME = re.compile(rf"\b(?P<age>\d{{1,3}})-year-old[ \t]+{_PERSON}\b")
_NOT_FIRST = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An In On At By For From
    Of And But Or As After Before Since""".split())
MAX_AGE = 120


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    for pat in (_NAME_AGE, _AGE_NAME):
        for m in pat.finditer(text, start, end):
            words = m["name"].split()
            if words[0] in _NOT_FIRST or any(w in _NOT_FIRST for w in words[1:]):
                continue
            age = int(m["age"])
            if not 0 < age < MAX_AGE:
                continue
            surname = re.sub(r"['’]s$", "", words[-1]).lower()
            yield ClaimDraft(
                kind="count",
                predicate="age",
                subject=f"years old ({surname})",
                value={"n": age, "bound": [float(age), float(age)], "frame": "event"},
                spans=[SpanRef(m.start("age"), m.end("age"), "value"),
                       SpanRef(m.start("name"), m.end("name"), "context")],
                extractor=NAME,
                version=VERSION,
            )
