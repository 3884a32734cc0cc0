"""Earthquake magnitudes: "a magnitude 6.8 earthquake", "the magnitude-6.8 quake", "a 6.3-
magnitude earthquake", "a 6.8 Richter scale earthquake", "a magnitude of 6.3", "magnitude 6,3"
(Portuguese, French), "magnitud 6,8" (Spanish), "der Stärke 6,8" (German).

Why: the magnitude is the first figure of every earthquake report, agencies give different
ones (a national institute's 7.0, the USGS's 6.8) and rewrites garble it; "6.8" and "7.2" of one
quake must not both stand unremarked. Each is a measurement (kind ``measurement``, dimension
``magnitude``, measure ``magnitude``) so ``measurement-conflict`` compares them like lengths:
the bound is just under half a tenth ("6.3": 6.251-6.349, so 6.2 and 6.3 differ; "magnitude
7" is 7.0, as agencies give it), "about" widens it.

Precision first, since a quake comes with aftershocks and earlier quakes of the region:
* the sentence must speak of an earthquake (a quake word in any of the languages above);
* a magnitude after a word naming another shock in its sentence ("followed by aftershocks of
  5.9", "a second of magnitude 5.5", "the latest earthquake with a magnitude of 5.9", "the
  region's last big quake", "since 2004, when a 6.3-magnitude earthquake hit", "this follows
  a 7.8-magnitude earthquake"), or right before one ("a magnitude 4.9 aftershock"), is left out; so
  is a list of magnitudes ("magnitudes of 6.3, 5.9 and 5.5") and a magnitude whose sentence
  names a year before its page's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from audit.extract.frames import approx_bound_kind, read_frame
from audit.extract.frames import bound as frame_bound
from audit.extract.numbers import approx_before
from audit.model import ClaimDraft, Context, SpanRef
from audit.text import Anchored

NAME = "magnitudes"
VERSION = "6"

_VALUE = r"[1-9](?:[.,]\d)?(?![\d.,]\d|[\w%])"
_WORD = r"(?:[Mm]agnitude|[Mm]agnitud|[Mm]agnitudo|Stärke)"
# Anchored: scanned only over the lines holding "agnitud", "Stärke" or "Richter" (every match
# holds one of its words and stays on one line)
_MAGNITUDE_RE = Anchored(re.compile(
    rf"(?<![\w.,])(?:{_WORD}(?:[ \t]+(?:of|de|da|di|von))?(?:[ \t]*-[ \t]*|[ \t]+)"
    rf"(?P<v>{_VALUE})|(?P<w>{_VALUE})(?:[ \t]*-[ \t]*|[ \t]+)"
    rf"(?:{_WORD}|on[ \t]+the[ \t]+Richter[ \t]+scale|Richter(?:[ \t-]+scale)?)(?![\w-]))"),
    re.compile("agnitud|Stärke|Richter"))
_QUAKE = re.compile(
    r"(?i)\b(?:earthquakes?|quakes?|temblors?|tremors?|seism\w*|sismos?|terremotos?"
    r"|séismes?|tremblements?[ \t]+de[ \t]+terre|Erdbeben|terremoti|shocks?|Richter)\b")
# another shock named before the figure in its sentence: a later or smaller one, or an
# earlier quake the story recalls ("the region's last big quake", "since 2004, when")
_OTHER_SHOCK = re.compile(
    r"(?i)\b(?:aftershocks?|after-shocks?|réplicas?|répliques?|Nachbeben|secondo|second"
    r"|another|latest|later|subsequent|followed[ \t]+by|seguido|suivi|foreshocks?"
    r"|last|previous|earlier|prior|since|desde|depuis|seit|follows)\b")
# ... or right after it: "a magnitude 4.9 aftershock"
_OTHER_SHOCK_AFTER = re.compile(r"(?i)[ \t-]*(?:[a-z]+[ \t-]+){0,2}?(?:aftershocks?|after-shocks?"
                                r"|réplicas?|répliques?|Nachbeben|foreshocks?)\b")
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_LIST_AFTER = re.compile(r"[ \t]*(?:,|and|y|e|et|und)[ \t]+[1-9](?:[.,]\d)?\b")
_PLURAL_BEFORE = re.compile(r"(?i)\bmagnitudes[ \t]+(?:of[ \t]+)?$")


def extract(ctx: Context, start: int, end: int) -> Iterator[ClaimDraft]:
    text = ctx.text
    sents = ctx.sentences(start, end)
    doc_year = ctx.doc_date.year if ctx.doc_date else None
    for m in _MAGNITUDE_RE.finditer(text, start, end):
        ss, se = sents.bounds(m.start(), m.end())
        if not _QUAKE.search(text, ss, se):
            continue
        if _OTHER_SHOCK.search(text, ss, m.start()) or _OTHER_SHOCK_AFTER.match(
                text, m.end(), min(se, m.end() + 40)):
            continue
        if doc_year is not None and any(int(y[0]) < doc_year for y in
                                        _YEAR.finditer(text, ss, se)):
            continue  # a quake of an earlier year, whatever the clause
        if _LIST_AFTER.match(text, m.end(), min(end, m.end() + 12)) or \
                _PLURAL_BEFORE.search(text, max(ss, m.start() - 16), m.start()):
            continue  # several shocks' magnitudes in one breath
        group = "v" if m["v"] else "w"
        written = m[group]
        val = float(written.replace(",", "."))
        half = 0.049  # tenths ("7" is 7.0): neighbours (6.2, 6.3) never touch
        approx = approx_before(text, m.start(), ss)
        spans = [SpanRef(m.start(), m.end(), "value")]
        bound: list[float | None] = [round(val - half, 6), round(val + half, 6)]
        kind = "exact"
        if approx:
            b = frame_bound(val, approx_bound_kind(text, approx))
            bound = [min(b[0] or 0.0, val - half), None if b[1] is None
                     else max(b[1], val + half)]
            spans.append(SpanRef(approx[1], approx[2], "context"))
            kind = approx[0]
        frame = read_frame(text, ss, se, m.start(group), m.end(group), "measurement", doc_year,
                           m.start(), "magnitude")
        frame["measure"] = "magnitude"
        yield ClaimDraft(
            kind="measurement",
            predicate="measurement",
            subject="magnitude",
            value={"value": val, "unit": "magnitude",
                   "written": " ".join(text[m.start():m.end()].split()),
                   "pint_unit": "", "dimension": "magnitude", "si": val, "si_unit": "",
                   "approx": kind, **frame, "bound": bound},
            spans=spans,
            qualifiers={"dimension": "magnitude"},
            extractor=NAME,
            version=VERSION,
        )


def label(value: Mapping[str, Any]) -> str:
    """"magnitude 6.3": the value as written (a magnitude has no unit to convert)."""
    approx = value.get("approx") or "exact"
    pre = "" if approx == "exact" else approx.replace("_", " ") + " "
    return f"{pre}magnitude {value.get('value')}"


def of_another_shock(text: str, ss: int, se: int, pos: int) -> bool:
    """Whether a figure at ``pos`` of the sentence text[ss:se] is said of another shock than
    the story's quake: the sentence speaks of a quake and names another shock before the
    figure ("the latest earthquake, of magnitude 5.9, occurred at a depth of 7.7 km")."""
    return bool(_QUAKE.search(text, ss, se)) and bool(_OTHER_SHOCK.search(text, ss, pos))
