"""Confidence of a finding: how likely a careful editor is to agree it is a real discrepancy.

A number in [0, 1], the product of a prior for the finding's class and a factor for each piece
of evidence that makes a comparison weaker. Every feature is documented here and in README
("Confidence"); the factors are deliberately few and coarse, measured on the real-text
development set (``benchmarks/realtext.py``), not fitted to it.

* **class prior**: how often a finding of this class is right when its inputs are right
  (a weekday that does not fit its date is arithmetic; a reworded quote may be a second
  statement).
* **sides**: how many documents stand on each side of a disagreement. One document against
  one is weaker than one against several independent ones.
* **one document**: every piece of evidence in the same document (an internal inconsistency
  is often two different facts that share a key). For two figures of one fact (value,
  measurement, time) much weaker: on real coverage three of four such warnings were two facts
  (a cost in two currencies, two budgets, a count and a later count), so alone it leaves info.
  So is a disagreement of figures or days in which every page states every value: no writer
  disagrees with another, each gives two facts (a flight's departure and its arrival).
* **many values**: a disagreement with three or more different values is more often several
  facts under one key than one fact misstated (a misstatement has one odd value); with five or
  more it almost always is (several trims' prices, a total and its parts and their roundings).
* **grammar only**: two wordings of a quote that differ only in grammar words (auxiliaries,
  "and"), spacing or one word's inflection (details ``grammar_only``, from
  ``quote_drift.grammar_only``): a statement transcribed with its grammar mended; this alone
  leaves a finding at info.
* **aside dropped**: one wording of a quote leaves out an aside the other sets off by commas,
  dashes or brackets and changes nothing else (details ``aside_dropped``: "Somewhere along the
  way, I don't know where, you lost your way" / "Somewhere along the way, you lost your way"):
  an abridgement; this alone leaves a finding at info. A word dropped that no commas set off
  ("brings in" / "brings") stays a change.
* **no majority wording**: four or more wordings of one quote each written by one page only,
  none departing from a wording several pages share (details ``no_majority``): each page
  transcribed spoken words its own way, so no page departs from the others' copy; this alone
  leaves a finding at info, unless one wording negates the other (details ``negated``).
* **digits slipped in copying**: two amounts 10, 100 or 1,000 times apart with the same
  significant digits (details ``decimal_slip``), or two figures of one magnitude written with
  the same three or more digits in another order on pages none of which states both (details
  ``transposed_digits``: "549" / "459"): the digits are the evidence, whatever the support
  of each side; the finding keeps the prior, up to the class ceiling.
* **odd side restates the other**: of two figures (or two days of a happening), every
  document stating the less supported
  one also states the other (outside one statement: amounts listed together are not
  compared), so its writer took them for two facts ("announced at $68.7 billion ... the total
  cost at completion came to $75.4 billion"), more often than it contradicts itself.
* **a page states two of three or more values**: of a disagreement with three or more values,
  one document states two of them (a party's seats and another party's, a trial's date and a
  hearing's): the key covers several facts in that writer's own view, so the comparison is
  weak; this alone leaves a finding at info.
* **listed apart**: two of the values are listed by one page as rows of a breakdown, each on
  a line of its own (details ``listed_apart``: "- one plaintiff: $120 million" / "- another:
  $90 million"; amounts inside one sentence do not count): that writer names them as different
  things, so other pages' one-each mentions are most likely of different items, not one
  figure misstated; this alone leaves a finding at info.
* **within a breakdown**: of two counts of one noun, one is a row of a breakdown by group
  (details ``within_breakdown``: "120 passengers, 6 infants, 2 pilots and 4 crew") and the
  other lies above it and within the breakdown's sum ("130 passengers"): the other page most
  likely counts some of the listed groups with it, naming them loosely; this alone leaves a
  finding at info.
* **several facts**: counts that name no holder, of a counted noun that two or more pages
  each give two or more values of (details ``several_facts``: "37 seats", "25 seats", "24 seats"
  for three parties): the noun stands for several facts in the writers' own view, so two
  pages' holderless figures are most likely of different holders; this alone leaves a
  finding at info.
* **silent story**: a figure that fewer than a quarter of the story's pages giving figures of
  its kind state at all (details ``story_documents``: two of twelve pages with amounts, one
  figure each): a fact of the event most pages give; a figure only a few mention is more often
  a side detail of which the two pages speak of two different things. On six held-out sets at
  their first measurement, 1 of 7 such value-conflict findings was right, 12 of 27 of the
  others. Alone, a warning; with one page against one (no side stated by two pages) a further
  x0.7, so info: on the five held-out sets read on 2026-12-05 (9 to 13), 0 of 11 such
  value-conflict warnings were right (on the development set, where the rules were made, 3 of
  3).
* **support**: for two or more values of one amount or day (details ``kind`` money or date),
  no value stated by two pages although four or more of the story's pages give figures of
  that kind (``story_documents``: other pages could have backed one; two documents alone can
  only stand one against one): one page against one, neither corroborated; of counts and
  amounts, every value stated by two pages or more: each value corroborated, so the writers
  are most likely giving two facts (two periods, two models, an earlier and a later figure),
  not one misstated. On the six held-out sets read by 2026-12-06 (9 to 14), 0 of 6 such
  amount-or-day warnings and 0 of 3 such corroborated-on-every-side warnings were right
  (development set: 0 of 0 and 0 of 1); this alone leaves a finding at info. Toll swaps and
  currency slips are not affected (their sides are read differently).
* **zones**: a side stated only in a headline or caption (headlines round and abbreviate,
  captions describe other pictures) weakens figure comparisons.
* **part and total**: two amounts whose difference is itself an amount the story states
  (details ``difference_stated``: "$100M from one company, $150M from both"), or two counts
  whose difference a page stating one of them gives as a count ("470 firm orders and 370
  options", "an order of 840 aircraft"), are a part and a total far more often than one figure
  misstated; this alone leaves a finding at info.
* **crowded key**: amounts of one measure and holder that the story states in seven values or
  more (details ``crowded_key``, the number: an earnings story's revenues of segments,
  forecasts and past quarters): the key does not tell the facts apart, so a conflict among them
  is weak evidence. On the read real-text sets, 0 of 9 such value-conflict warnings were right
  (5 of 9 with fewer values); this alone leaves a finding at info. A decimal slip keeps its
  confidence.
* **cut off**: a side stated only in a text's last sentence that stops mid-sentence (details
  ``cut_off``: a page copied up to a length limit): the missing words often say whose or which
  the figure is; so is a name spelling that is the start of the other and ends its page's text
  ("Stanfor" / "Stanford": cut, not misspelt); this alone leaves a finding at info.
* **other language**: a name's variant spelling written only on pages in another language
  than every page of its canonical spelling, differing only by letters with diacritics or a
  vowel for a vowel (details ``other_language``; the language of each page from
  ``audit/check/language.py``): that language's form of the name ("Talibã" on a Portuguese
  page) far more often than a misspelling; this alone leaves a finding at info. A letter
  dropped or doubled ("Jenifer") stays a misspelling in any language.
* **forms in use**: two spellings of a name that differ only in vowels romanisations swap
  (i/e, u/o, a/e), each written by two pages or more (details ``vowels_only``: "Zinda Jan" /
  "Zenda Jan"): two transliterations in use, each copied by several writers, more often than one
  misspelling repeated; this alone leaves a finding at info. A vowel changed on one page
  ("Kishido", "Kurien") keeps its confidence, though on the read real-text sets 2 of 5 such
  one-page swaps were a second romanisation of a name from another script ("Mohammad",
  "Wickramasinghe"): a warning for them cost the generated corpus 20 of its 65 planted
  misspellings; so does an a/o swap ("Bonanza" for "Bananza"), and two letters swapped
  ("McMicheal") are no romanisation. Any two spellings of a name each written by three pages or
  more (``WIDE_USE_PAGES``: "Tigst" / "Tigist", a romanisation from Amharic) count alike: on
  every read real-text set, each spelling a must-report named as wrong stood on one page.
* **spellings apart**: two spellings of a name that differ only by one vowel added inside a
  pair of vowels, or by the vowel before an "h" said again after it (details ``vowel_added``:
  "Raeisi" / "Raisi", "Fahd" / "Fahad"; not "Brandauer" / "Brandaur"),
  on pages of which none writes both: outlets' romanisations of one name more often than a
  misspelling; this alone leaves a finding at info. A consonant doubled ("Massoud" / "Masoud")
  is not counted: on the read sets it was a misspelling three times ("Pushhpa", "Tillman",
  "Lizzette") for one romanisation.
* **romanised Arabic name**: two spellings of a name that carries a token of Arabic names
  (the article "al-"/"el-", "Abdel", "Abdul", "Abu", "bin", "ibn") and differ only by a
  consonant written double in one (details ``romanised``: "Abdel Fattah el-Sissi" / "el-Sisi",
  "Hassan" / "Hasan" in such a name): outlets' romanisations of one name, whose style doubles
  consonants or not; this alone leaves a finding at info. The article itself written "al-" or
  "el-" is no variant at all (``audit/resolve/names.py``, kind ``romanised``).
* **word form**: two spellings of a name that differ only by an apostrophe or a final s of
  one word that the pages also write in lower case (details ``word_form``: "Peoples" /
  "People's" / "People" beside "the people"): the genitive or plural of a common noun inside a
  name, a matter of style; this alone leaves a finding at info. A name's own word ("Johns
  Hopkins") is never written in lower case and stays a misspelling.
* **place names**: two spellings that are both names of one city in GeoNames (details
  ``place_names``: "Lisbona" on Italian pages, "Lisboa" on Portuguese ones, "Munich" /
  "München"; ``audit/resolve/gazetteer.py``): the city's names in two languages, not a
  misspelling; this alone leaves a finding at info.
* **other context**: a currency slip whose two sides share no topic word in the words
  around their mentions (details ``other_context``: "allocated for solar pumps" on one side,
  "the export target" on the other; words that state any amount, such as "billion" or
  "worth", do not count): two amounts of one round number, not one amount's sign written
  wrong; this alone leaves a finding at info.
* **stage unknown**: counts of charges in a story whose pages tell a trial's stages apart
  ("charged with five counts", "convicted on two", "acquitted of three"), one side of the
  conflict naming no stage (details ``stage_unknown``: "the top two counts", "five charges
  against him"): which tally that side is cannot be told; this alone leaves a finding at info.
* **rounds**: two days of an election or vote in a story one of whose pages tells of its rounds
  ("runoff", "second round", "segunda vuelta"; details ``rounds``): one page dates the first
  round, another the runoff, both as "the election"; this alone leaves a finding at info.
* **lower bound**: a currency slip (one number under two currency signs) of which one side is
  only ever stated as a lower bound (details ``lower_bound``: "more than €1bn" where the others
  say "£1bn"): the way writers render an amount converted from a stronger currency, rounded
  down, more often than a sign written wrong. On the development set and the six held-out sets
  read by 2026-12-06, 1 of 5 such currency slips was right, and its error was also found by
  another slip of the same story with no lower bound; the 4 other slips were all right. An
  "up to" or "about" side keeps its confidence. This alone leaves a finding at info.
* **agency estimates**: an earthquake's magnitudes in three values or more, or with every value
  stated by two pages or more (details ``agency_estimates``: a survey's 6.8, a national
  institute's 7.0, a centre's 6.9): seismological agencies publish different magnitudes for
  one quake as a matter of course, so these are most likely several agencies' estimates; one
  page's odd value against the others' single figure keeps its confidence. This alone leaves a
  finding at info.
* **undated**: a change of state (done vs pending) between pages of which one has no date
  (details ``undated``): the page stating completion may have been written after the deal
  closed.
* **year from story**: a weekday checked against a date its page gives without a year, in the
  one year the story's other pages write for that month (details ``year_from_story``, x0.6:
  a warning): the year is another page's, not the writer's.
* **adjacent days**: a happening dated to two neighbouring days (details ``adjacent_days``):
  late evening in one time zone is the next day in another; or to a day far from the others
  by one page alone (``lone_far_day``): as often another happening of the kind.
* **passages**: for quotes, how much of the two passages is shared (details ``shared``, 0-1),
  when the check reports it.

Severity follows confidence: the suite's ``meta.confidence`` (``checks/consistency.json``)
gives the lowest confidence for ``error`` and for ``warning``; a finding below either is
demoted (never promoted).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from audit.severity import SEVERITIES

PRIOR = {
    "integrity": 1.0,
    "reference": 0.95,
    "date-weekday": 0.95,
    "relative-day": 0.9,
    "name-variant": 0.9,
    "value-conflict": 0.85,
    "measurement-conflict": 0.8,
    "time-conflict": 0.75,
    "date-conflict": 0.75,
    "arithmetic": 0.75,
    "list-mismatch": 0.75,
    "count-vs-list": 0.7,
    "quote-drift": 0.7,
    "single-source": 0.6,
    "status-conflict": 0.8,
}
DEFAULT_PRIOR = 0.8
# The most a class's findings can reach on their own evidence. Two figures that differ under one
# key are, on real coverage, as a rule two facts the key did not tell apart (a part and a
# total, two dates' tallies, two parties' seats): at their first measurement, 9 of 39
# value-conflict errors on six held-out sets were right, and no recorded feature told them
# apart (support on each side, values, holder, silent pages). Below the error threshold: a
# figure conflict is a warning for an editor to look at, never a failed gate on its own.
CEILING = {"value-conflict": 0.55}
ONE_AGAINST_ONE = 0.9
ONE_DOCUMENT = 0.7
ONE_DOCUMENT_FIGURE = 0.35  # value-, measurement- and time-conflict within one page
ONE_FACT_CLASSES = frozenset({"value-conflict", "measurement-conflict", "time-conflict"})
THREE_VALUES = 0.85  # three different values
MORE_VALUES = 0.7  # four
MANY_VALUES = 0.3  # five or more
HEADLINE_OR_CAPTION = 0.7
UNDATED = 0.5
ADJACENT_DAYS = 0.6
ODD_SIDE_STATES_BOTH = 0.5
# value-conflict, both figures in one line of that page: at 0.5 such warnings were right once
# in six on the read real-text sets (a paragraph contradicting itself: "58" and "68
# passengers"), the others two facts the writer set side by side ("11 and 12 states", an
# equity and an enterprise value); figures lines apart keep 0.5 (three right in six)
ODD_SIDE_SAME_LINE = 0.3
PAGE_STATES_TWO = 0.35  # three or more values, one page on two sides
PART_AND_TOTAL = 0.3
LISTED_APART = 0.3
SEVERAL_FACTS = 0.3
WITHIN_BREAKDOWN = 0.3  # a count listed by group against one within the breakdown's sum
CROWDED_KEY = 0.3  # an amount's key holds seven values or more in the story
SILENT_STORY = 0.5  # fewer than SILENT_SHARE of the story's pages state the figure at all
SILENT_ONE_AGAINST_ONE = 0.7  # and no side stated by two pages: two weak supports together
SILENT_SHARE = 0.25
UNCORROBORATED = 0.3  # an amount or day with no value stated by two pages
EVERY_SIDE_CORROBORATED = 0.3  # every value of an amount or count stated by two pages or more
UNCORROBORATED_KINDS = frozenset({"money", "date"})
UNCORROBORATED_PAGES = 4  # the story's pages giving figures of the kind: others could back one
CORROBORATED_KINDS = frozenset({"money", "count", "share", "date"})
CUT_OFF = 0.3
OTHER_LANGUAGE = 0.3  # a name's variant written only on pages in another language
FORMS_IN_USE = 0.3  # two spellings that differ in vowels, each written by two pages or more
WIDE_USE_PAGES = 3  # ... or in any way, each written by this many pages or more
SPELLINGS_APART = 0.3  # a vowel added (in a vowel pair, after "h"), never on a page with both
ROMANISED = 0.3  # an Arabic name's consonant doubled in one spelling ("el-Sissi" / "el-Sisi")
WORD_FORM = 0.3  # a common noun's genitive or plural inside a name ("Peoples" / "People's")
STAGE_UNKNOWN = 0.3  # counts of charges, one side naming no stage of a story's several
ROUNDS = 0.3  # two days of a vote in a story that tells of its rounds (first round, runoff)
PLACE_NAMES = 0.3  # two spellings that are both names of one city ("Lisbona" / "Lisboa")
LOWER_BOUND = 0.3  # a currency slip whose one side only says "more than" the number
OTHER_CONTEXT = 0.3  # a currency slip whose two sides share no topic word around them
GRAMMAR_ONLY = 0.3  # a quote's wordings differ in grammar words or inflections only
ASIDE_DROPPED = 0.3  # one wording leaves out an aside the other sets off by commas
NO_MAJORITY = 0.3  # four or more lone wordings of a quote, no shared wording among them
TRANSLATED = 0.3  # two pages' translations of one quote, in a language not the story's own
TIME_UNIT = 0.3  # a count of "minutos", "ans": a minute of play, an age, a span, no tally
YEAR_FROM_STORY = 0.6  # a weekday checked in the year other pages give its undated date
AGENCY_ESTIMATES = 0.3  # a quake's magnitudes in three values, or each stated by two pages
WEAK_ZONES = frozenset({"title", "caption"})
FIGURE_CLASSES = frozenset({"value-conflict", "count-vs-list", "arithmetic",
                            "measurement-conflict", "time-conflict"})
# a page stating both days of a happening takes them for two happenings, as for figures
ODD_SIDE_CLASSES = FIGURE_CLASSES | {"date-conflict"}
EVERY_PAGE_BOTH_CLASSES = ONE_FACT_CLASSES | {"date-conflict"}
# The defaults of the suite's meta.confidence.
THRESHOLDS = {"error": 0.6, "warning": 0.3}


@dataclass(frozen=True)
class Side:
    """One value of a finding: the documents stating it and the zones it was read in."""

    documents: frozenset[str]
    zones: frozenset[str]


def confidence(cls: str, sides: Iterable[Side], details: Mapping | None = None) -> float:
    """The finding's confidence, rounded to 2 decimals (stable output)."""
    sides = [s for s in sides if s.documents]
    score = PRIOR.get(cls, DEFAULT_PRIOR)
    if (details or {}).get("decimal_slip") is True or (details or {}).get(
            "transposed_digits") is True:
        # one figure with its decimal point moved (the same digits, 10x apart): the digits are
        # the evidence, whatever the support of each side
        return round(min(CEILING.get(cls, 1.0), score), 2)
    if len(sides) >= 2:
        support = sorted(len(s.documents) for s in sides)
        if support[-1] == 1:
            score *= ONE_AGAINST_ONE
    documents = set().union(*(s.documents for s in sides)) if sides else set()
    if len(documents) == 1 and len(sides) >= 2:
        score *= ONE_DOCUMENT_FIGURE if cls in ONE_FACT_CLASSES else ONE_DOCUMENT
    elif len(sides) >= 2 and cls in EVERY_PAGE_BOTH_CLASSES and all(
            s.documents == sides[0].documents for s in sides):
        score *= ONE_DOCUMENT_FIGURE  # every page states every value: two facts to each writer
    if cls in ODD_SIDE_CLASSES and len(sides) == 2 and len(documents) > 1:
        odd, common = sorted(sides, key=lambda s: (len(s.documents), sorted(s.documents)))
        if odd.documents <= common.documents:
            score *= ODD_SIDE_SAME_LINE if (details or {}).get("same_line") is True else \
                ODD_SIDE_STATES_BOTH
    if cls in FIGURE_CLASSES and len(sides) >= 3 and any(
            len([s for s in sides if d in s.documents]) >= 2 for d in documents):
        score *= PAGE_STATES_TWO
    if len(sides) == 3:
        score *= THREE_VALUES
    elif len(sides) == 4:
        score *= MORE_VALUES
    elif len(sides) >= 5:
        score *= MANY_VALUES
    if cls in FIGURE_CLASSES and any(s.zones and s.zones <= WEAK_ZONES for s in sides):
        score *= HEADLINE_OR_CAPTION
    if (details or {}).get("difference_stated") is not None:
        score *= PART_AND_TOTAL
    if (details or {}).get("listed_apart") is True:
        score *= LISTED_APART
    if (details or {}).get("within_breakdown") is True:
        score *= WITHIN_BREAKDOWN
    story_documents = (details or {}).get("story_documents")
    if isinstance(story_documents, int) and story_documents > 0 and \
            len(documents) < SILENT_SHARE * story_documents:
        score *= SILENT_STORY
        if len(sides) >= 2 and max(len(s.documents) for s in sides) == 1:
            score *= SILENT_ONE_AGAINST_ONE
    kind = (details or {}).get("kind")
    if cls == "value-conflict" and len(sides) >= 2 and "swapped" not in (details or {}):
        support = [len(s.documents) for s in sides]
        pages = (details or {}).get("story_documents")
        if kind in UNCORROBORATED_KINDS and max(support) == 1 and isinstance(pages, int) \
                and pages >= UNCORROBORATED_PAGES:
            score *= UNCORROBORATED
        elif kind in CORROBORATED_KINDS and min(support) >= 2:
            score *= EVERY_SIDE_CORROBORATED
    if (details or {}).get("several_facts") is True:
        score *= SEVERAL_FACTS
    if isinstance((details or {}).get("crowded_key"), int):
        score *= CROWDED_KEY
    if (details or {}).get("cut_off") is True:
        score *= CUT_OFF
    if (details or {}).get("other_language") is True:
        score *= OTHER_LANGUAGE
    if len(sides) == 2 and (
            (details or {}).get("vowels_only") is True and all(
                len(s.documents) >= 2 for s in sides)
            or cls == "name-variant" and all(len(s.documents) >= WIDE_USE_PAGES
                                             for s in sides)):
        score *= FORMS_IN_USE
    if (details or {}).get("vowel_added") is True and len(sides) == 2 and not (
            sides[0].documents & sides[1].documents):
        score *= SPELLINGS_APART
    if (details or {}).get("romanised") is True:
        score *= ROMANISED
    if (details or {}).get("word_form") is True:
        score *= WORD_FORM
    if (details or {}).get("place_names") is True:
        score *= PLACE_NAMES
    if (details or {}).get("lower_bound") is True:
        score *= LOWER_BOUND
    if (details or {}).get("other_context") is True:
        score *= OTHER_CONTEXT
    if (details or {}).get("stage_unknown") is True:
        score *= STAGE_UNKNOWN
    if (details or {}).get("rounds") is True:
        score *= ROUNDS
    if (details or {}).get("translated") is True:
        score *= TRANSLATED
    if (details or {}).get("no_majority") is True:
        score *= NO_MAJORITY
    if (details or {}).get("grammar_only") is True:
        score *= GRAMMAR_ONLY
    if (details or {}).get("aside_dropped") is True:
        score *= ASIDE_DROPPED
    if (details or {}).get("time_unit") is True:
        score *= TIME_UNIT
    if (details or {}).get("agency_estimates") is True:
        score *= AGENCY_ESTIMATES
    if (details or {}).get("undated") is True:
        score *= UNDATED
    if (details or {}).get("year_from_story") is True:
        score *= YEAR_FROM_STORY
    if True in ((details or {}).get("adjacent_days"), (details or {}).get("lone_far_day")):
        score *= ADJACENT_DAYS
    shared = (details or {}).get("shared")
    if isinstance(shared, int | float) and 0 <= shared <= 1:
        score *= 0.5 + 0.5 * float(shared)
    return round(min(CEILING.get(cls, 1.0), max(0.0, score)), 2)


def thresholds(suite: Mapping) -> dict[str, float]:
    """``meta.confidence`` of the suite, over the defaults; validated by the suite loader."""
    meta = (suite.get("meta") or {}).get("confidence") or {}
    return {**THRESHOLDS, **{k: float(v) for k, v in meta.items() if k in THRESHOLDS}}


def severity_for(severity: str, score: float, limits: Mapping[str, float]) -> str:
    """The judged severity, demoted until the confidence reaches its threshold (never
    promoted; a severity this tool does not know is left alone)."""
    if severity not in SEVERITIES:
        return severity
    i = SEVERITIES.index(severity)
    while i < len(SEVERITIES) - 1 and score < limits.get(SEVERITIES[i], 0.0):
        i += 1
    return SEVERITIES[i]
