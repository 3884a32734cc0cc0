"""The value of each claim kind: the shape of the JSON object stored in ``claims.value``.

Extractors build their values as these TypedDicts, so mypy checks every key and type where a
value is made; at run time they are plain dicts, stored as JSON with sorted keys (typing them
changed no stored byte). The check SQL reads them back with ``value->>'key'``; the integrity
suite (``audit/check/integrity.py``) checks every stored value against its kind's type here:
required keys present, JSON types right, and the constraints written beside a field with
``Annotated`` (``Pattern``, ``AtLeast``). Keys a type does not name are not refused (values
are open for additions); nested objects are checked one level down, list items are not.

To add a claim kind: a TypedDict here and its entry in ``VALUE_TYPES`` (and ``CLAIM_KINDS``).
"""

# No ``from __future__ import annotations`` here: TypedDict reads NotRequired from evaluated
# annotations, and the integrity suite reads the types at run time.

import types
from dataclasses import dataclass
from typing import (
    Annotated,
    Any,
    NotRequired,
    TypedDict,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)


@dataclass(frozen=True)
class Pattern:
    """A string field matches this regular expression (the whole value)."""

    regex: str
    says: str  # what the rule means, in findings


@dataclass(frozen=True)
class AtLeast:
    """A number field is at least this."""

    minimum: float


Currency = Annotated[str, Pattern(r"^[A-Z]{3}$", "an ISO 4217 code: three capital letters")]
# a year that a document date could not supply is XXXX (dates.py)
IsoDate = Annotated[
    str, Pattern(r"^(?:[0-9]{4}|XXXX)(?:-[0-9]{2}(?:-[0-9]{2})?)?$",
                 "an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD (XXXX: year unknown)")
]
Amount = Annotated[float, AtLeast(0)]


class Holder(TypedDict):
    """Who gives and who gets a figure (keys of names), and whether it is per holder or a
    sum over them (README "frame")."""

    gives: list[str]
    gets: list[str]
    distributive: bool
    total: bool


class Frame(TypedDict):
    """What ``extract/frames.read_frame`` reads around an amount or a count."""

    measure: str | None
    holder: Holder
    frame: Annotated[str, Pattern(r"^(?:event|other)$", "event or other")]
    frame_cue: NotRequired[str]
    year: NotRequired[int]
    part: NotRequired[bool]  # an amount named as one part of a whole ("the larger division")
    cut: NotRequired[bool]  # in the text's last sentence, which stops mid-sentence
    period: NotRequired[str]  # a part of the event's time ("fourth quarter", "overtime")
    change: NotRequired[str]  # counts: "loss" or "gain" ("losing 251 seats"), not a level


class Figure(Frame):
    bound: list[float | None]  # [low, high] the words allow; high None: unbounded


class MoneyValue(Figure):
    amount: Amount
    currency: Currency
    approx: str  # exact, about, more_than, less_than, up_to, at_least
    max: NotRequired[Amount]  # the high end of a range ("$5-10 million")


class CountValue(Figure):
    n: Annotated[int | float, AtLeast(0)]
    state: NotRequired[str]  # what happened to the group: killed, injured ...
    part: NotRequired[bool]  # "21 *other* women"
    aspect: NotRequired[str]  # a contest's score: "margin" (won *by* 7 runs) or "needed"
    breakdown_sum: NotRequired[int]  # the sum of a breakdown by group it is one row of
    charge: NotRequired[str]  # what a count of charges is of ("felony murder")


class ShareValue(Figure):
    pct: Annotated[float, AtLeast(0)]  # a percentage: 62.7 for "62.7%"
    approx: str  # exact, about, more_than, less_than, up_to, at_least


class DateValue(TypedDict):
    iso: IsoDate | None  # None for a weekday on its own
    precision: str  # day, month, year, weekday
    year: int | None
    year_inferred: bool
    weekday: str | None
    weekday_ok: bool | None
    exists: NotRequired[bool]  # false for a day its month does not have ("Nov 31"; iso null)
    as_written: NotRequired[str]
    event: NotRequired[str]  # the happening a day or weekday dates ("quake"; date-conflict)


class PersonValue(TypedDict):
    name: str
    tokens: list[str]
    title: NotRequired[str]  # people named with a role (predicate: the role key)
    org: NotRequired[str | None]
    status: NotRequired[str]  # former, outgoing, acting ... when written
    quoted: NotRequired[bool]  # the title is written inside a quotation
    cue: NotRequired[str]  # people without a title (predicate named): what says they are people
    age: NotRequired[Annotated[int, AtLeast(0)]]
    home: NotRequired[str]


class Others(TypedDict):
    n: int | None
    noun: str


class OrgListValue(TypedDict):
    members: list[str]
    others: Others | None  # "plus nine Japanese companies"
    complete: bool


class PlaceValue(TypedDict):
    name: str
    city: str | None
    region: str | None


class QuoteValue(TypedDict):
    text: str
    speaker: str | None
    speaker_via: NotRequired[str]  # pronoun, role: the speaker was inferred
    incomplete: NotRequired[str]  # unclosed, ellipsis: a prefix of what was said


class TopicListValue(TypedDict):
    items: list[str]


class AliasValue(TypedDict):
    alias: str
    name: str


class MentionValue(TypedDict):
    name: str
    form: str  # possessive, name


class MeasurementValue(Figure):
    value: float  # as written, in ``unit``
    unit: str
    written: str
    pint_unit: str
    dimension: str  # length, mass, speed, area, volume ...
    si: float
    si_unit: str
    approx: str


class TimeValue(TypedDict):
    """Four shapes by ``type``: a clock time, a duration, a relative day, a minute of play."""

    type: Annotated[str, Pattern(r"^(?:clock|duration|relative|minute)$",
                                 "clock, duration, relative or minute")]
    minutes: NotRequired[Annotated[int, AtLeast(0)]]  # clock: after midnight
    ampm: NotRequired[bool]
    tz: NotRequired[str | None]
    utc_offset: NotRequired[int | None]  # minutes
    approx: NotRequired[str]
    bound: NotRequired[list[float | None]]
    day: NotRequired[str]
    seconds: NotRequired[Annotated[float, AtLeast(0)]]  # duration
    n: NotRequired[float]
    unit: NotRequired[str]
    days: NotRequired[int]  # relative
    anchor: NotRequired[str | None]
    stated: NotRequired[str | None]
    fits: NotRequired[bool | None]
    minute: NotRequired[Annotated[int, AtLeast(1)]]  # minute of play
    added: NotRequired[int | None]
    elapsed: NotRequired[bool]
    action: NotRequired[str]
    player: NotRequired[str]


class StatusValue(TypedDict):
    state: Annotated[str, Pattern(r"^(?:completed|pending)$", "completed or pending")]
    buyer: str | None
    target: str
    cue: str


VALUE_TYPES: dict[str, type] = {
    "money": MoneyValue,
    "count": CountValue,
    "share": ShareValue,
    "date": DateValue,
    "person": PersonValue,
    "org_list": OrgListValue,
    "place": PlaceValue,
    "quote": QuoteValue,
    "topic_list": TopicListValue,
    "alias": AliasValue,
    "mention": MentionValue,
    "measurement": MeasurementValue,
    "time": TimeValue,
    "status": StatusValue,
}


# --------------------------------------------------------------------------------------------
# The contract the integrity suite checks, read off the types above


@dataclass(frozen=True)
class FieldRule:
    """One key of a kind's value: where it is, the JSON types it may have (DuckDB's
    ``json_type`` names), whether it must be there, and its constraints."""

    path: str  # "amount", "holder.gives"
    json_types: tuple[str, ...]
    required: bool
    constraints: tuple[Pattern | AtLeast, ...] = ()


# a number may be written either way in JSON: 9 and 9.0 are the same count
_JSON_TYPES: dict[type, tuple[str, ...]] = {
    str: ("VARCHAR",),
    bool: ("BOOLEAN",),
    int: ("BIGINT", "UBIGINT"),
    float: ("DOUBLE", "BIGINT", "UBIGINT"),
    type(None): ("NULL",),
    list: ("ARRAY",),
    dict: ("OBJECT",),
}


def field_rules(value_type: type, prefix: str = "", required: bool = True) -> list[FieldRule]:
    """The rules of a value TypedDict, nested TypedDicts flattened into dotted paths (a key
    inside an optional object is never required)."""
    out = []
    required_keys: frozenset[str] = getattr(value_type, "__required_keys__", frozenset())
    for key, hint in get_type_hints(value_type, include_extras=True).items():
        members = _members(hint)
        types_: list[str] = []
        constraints: list[Pattern | AtLeast] = []
        for base, meta in members:
            origin = get_origin(base) or base
            kind = dict if is_typeddict(base) else origin
            types_ += [t for t in _JSON_TYPES[kind] if t not in types_]
            constraints += [m for m in meta
                            if isinstance(m, Pattern | AtLeast) and m not in constraints]
        here = required and key in required_keys
        out.append(FieldRule(prefix + key, tuple(types_), here, tuple(constraints)))
        nullable = any(base is type(None) for base, _ in members)
        for base, _ in members:
            if is_typeddict(base):
                out += field_rules(base, f"{prefix}{key}.", here and not nullable)
    return out


def _members(hint: Any, meta: tuple = ()) -> list[tuple[Any, tuple]]:
    """The alternatives of a hint with the ``Annotated`` metadata that applies to each."""
    origin = get_origin(hint)
    if origin is NotRequired:
        return _members(get_args(hint)[0], meta)
    if origin is Annotated:
        base, *extra = get_args(hint)
        return _members(base, meta + tuple(extra))
    if origin is Union or origin is types.UnionType:
        return [m for arg in get_args(hint) for m in _members(arg, meta)]
    return [(hint, meta)]
