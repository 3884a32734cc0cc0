"""Units of measurement: the written forms we recognise, resolved and converted by pint.

Recognition is our own (an anchored regex over the written forms below: pint's registry also
knows "hand", "point", "line", "stone" and "a", which in running text are words, not units);
what a form means, its dimension and its conversion to SI come from pint's registry, built once
per process and only when a document states a unit.

``WRITTEN`` maps each written form (lower case unless the case matters) to a pint expression.
Forms in ``GLUED_ONLY`` count only glued to digits ("17in", "6ft"), forms in ``CASED`` only as
written ("MB", "kW"). Durations (seconds to years) are not here: they are ``time`` claims.
"""

from __future__ import annotations

import functools
from typing import Any

WRITTEN: dict[str, str] = {
    # length
    "mile": "mile", "miles": "mile", "mi": "mile",
    "foot": "foot", "feet": "foot", "ft": "foot",
    "inch": "inch", "inches": "inch", "in": "inch",
    "yard": "yard", "yards": "yard", "yd": "yard", "yds": "yard",
    "metre": "meter", "metres": "meter", "meter": "meter", "meters": "meter", "m": "meter",
    "kilometre": "kilometer", "kilometres": "kilometer", "kilometer": "kilometer",
    "kilometers": "kilometer", "km": "kilometer", "kms": "kilometer",
    "centimetre": "centimeter", "centimetres": "centimeter", "centimeter": "centimeter",
    "centimeters": "centimeter", "cm": "centimeter",
    "millimetre": "millimeter", "millimetres": "millimeter", "millimeter": "millimeter",
    "millimeters": "millimeter", "mm": "millimeter",
    "nautical mile": "nautical_mile", "nautical miles": "nautical_mile",
    # mass
    "pound": "pound", "pounds": "pound", "lb": "pound", "lbs": "pound",
    "ounce": "ounce", "ounces": "ounce", "oz": "ounce",
    "ton": "short_ton", "tons": "short_ton",
    "tonne": "metric_ton", "tonnes": "metric_ton", "metric ton": "metric_ton",
    "metric tons": "metric_ton",
    "kilogram": "kilogram", "kilograms": "kilogram", "kilo": "kilogram", "kilos": "kilogram",
    "kg": "kilogram", "kgs": "kilogram",
    "gram": "gram", "grams": "gram",
    # speed
    "mph": "mile / hour", "miles per hour": "mile / hour", "miles an hour": "mile / hour",
    "mile per hour": "mile / hour", "mile an hour": "mile / hour",
    "km/h": "kilometer / hour", "kph": "kilometer / hour", "kmh": "kilometer / hour",
    "kilometres per hour": "kilometer / hour", "kilometers per hour": "kilometer / hour",
    "kilometres an hour": "kilometer / hour", "kilometers an hour": "kilometer / hour",
    "knot": "knot", "knots": "knot",
    # area
    "acre": "acre", "acres": "acre", "hectare": "hectare", "hectares": "hectare",
    "square mile": "mile ** 2", "square miles": "mile ** 2", "sq mi": "mile ** 2",
    "square foot": "foot ** 2", "square feet": "foot ** 2", "sq ft": "foot ** 2",
    "sq. ft.": "foot ** 2", "sq. ft": "foot ** 2",
    "square metre": "meter ** 2", "square metres": "meter ** 2", "square meter": "meter ** 2",
    "square meters": "meter ** 2", "m2": "meter ** 2", "m²": "meter ** 2",
    "square kilometre": "kilometer ** 2", "square kilometres": "kilometer ** 2",
    "square kilometer": "kilometer ** 2", "square kilometers": "kilometer ** 2",
    "km2": "kilometer ** 2", "km²": "kilometer ** 2",
    # volume
    "gallon": "gallon", "gallons": "gallon", "litre": "liter", "litres": "liter",
    "liter": "liter", "liters": "liter", "barrel": "oil_barrel", "barrels": "oil_barrel",
    "cubic feet": "foot ** 3", "cubic foot": "foot ** 3", "cubic yards": "yard ** 3",
    "cubic metres": "meter ** 3", "cubic meters": "meter ** 3", "cubic metre": "meter ** 3",
    "cubic meter": "meter ** 3",
    # data size
    "byte": "byte", "bytes": "byte",
    "kilobyte": "kilobyte", "kilobytes": "kilobyte", "KB": "kilobyte",
    "megabyte": "megabyte", "megabytes": "megabyte", "MB": "megabyte",
    "gigabyte": "gigabyte", "gigabytes": "gigabyte", "GB": "gigabyte",
    "terabyte": "terabyte", "terabytes": "terabyte", "TB": "terabyte",
    "petabyte": "petabyte", "petabytes": "petabyte", "PB": "petabyte",
    # temperature
    "degrees fahrenheit": "degF", "degrees celsius": "degC", "degrees centigrade": "degC",
    "°f": "degF", "°c": "degC", "ºf": "degF", "ºc": "degC",
    "degrees f": "degF", "degrees c": "degC",
    # power and energy (torque shares energy's dimension; the measure keeps them apart)
    "horsepower": "horsepower", "hp": "horsepower",
    "watt": "watt", "watts": "watt", "kilowatt": "kilowatt", "kilowatts": "kilowatt",
    "kW": "kilowatt", "megawatt": "megawatt", "megawatts": "megawatt", "MW": "megawatt",
    "gigawatt": "gigawatt", "gigawatts": "gigawatt", "GW": "gigawatt",
    "kilowatt-hour": "kilowatt_hour", "kilowatt-hours": "kilowatt_hour",
    "kilowatt hours": "kilowatt_hour", "kWh": "kilowatt_hour",
    "megawatt-hours": "megawatt_hour", "megawatt hours": "megawatt_hour",
    "MWh": "megawatt_hour", "GWh": "gigawatt_hour",
    "lb-ft": "pound_force * foot", "pound-feet": "pound_force * foot",
    "pound-foot": "pound_force * foot",
}
# Ambiguous as words: only glued to the digits ("17in", "6ft", "5m").
GLUED_ONLY = frozenset({"in", "m", "mi", "ft", "yd", "oz"})
# Case matters: "MB" is a megabyte, "mb" nothing we read; "kW" not "KW".
CASED = frozenset({"KB", "MB", "GB", "TB", "PB", "kW", "MW", "GW", "kWh", "MWh", "GWh"})

# Dimensionality (pint's, as sorted items) -> our dimension name.
_DIMENSIONS: dict[tuple[tuple[str, float], ...], str] = {
    (("[length]", 1),): "length",
    (("[mass]", 1),): "mass",
    (("[length]", 1), ("[time]", -1)): "speed",
    (("[length]", 2),): "area",
    (("[length]", 3),): "volume",
    (("[temperature]", 1),): "temperature",
    (): "data size",  # pint counts bits and bytes as dimensionless; no other form of ours is
    (("[length]", 2), ("[mass]", 1), ("[time]", -3)): "power",
    (("[length]", 2), ("[mass]", 1), ("[time]", -2)): "energy",
}
# SI unit of each dimension, as pint names it and as we print it.
SI: dict[str, tuple[str, str]] = {
    "length": ("meter", "m"), "mass": ("kilogram", "kg"), "speed": ("meter / second", "m/s"),
    "area": ("meter ** 2", "m²"), "volume": ("meter ** 3", "m³"),
    "temperature": ("kelvin", "K"), "data size": ("byte", "B"), "power": ("watt", "W"),
    "energy": ("joule", "J"),
}


@functools.cache
def registry() -> Any:
    """pint's unit registry, built once per process (it takes a moment)."""
    import pint

    return pint.UnitRegistry()


@functools.cache
def resolve(written: str) -> tuple[str, str]:
    """(pint unit name, our dimension) of a written form."""
    expr = WRITTEN[written] if written in WRITTEN else WRITTEN[written.lower()]
    ureg = registry()
    unit = ureg.parse_units(expr)
    dims = tuple(sorted((str(k), float(v)) for k, v in unit.dimensionality.items()))
    return str(unit), _DIMENSIONS[dims]


@functools.cache
def _affine(written: str) -> tuple[float, float]:
    """(scale, offset) with SI = value * scale + offset (offset non-zero for degrees only),
    from two conversions by pint; a conversion per measurement would cost more than the rest
    of its extraction."""
    ureg = registry()
    expr = WRITTEN[written] if written in WRITTEN else WRITTEN[written.lower()]
    unit, si = ureg.parse_units(expr), SI[resolve(written)[1]][0]
    zero = float(ureg.Quantity(0.0, unit).to(si).magnitude)
    one = float(ureg.Quantity(1.0, unit).to(si).magnitude)
    return one - zero, zero


def to_si(value: float, written: str) -> float:
    """``value`` in the written unit, converted to its dimension's SI unit."""
    scale, offset = _affine(written)
    return value * scale + offset


def from_si(value: float, written: str) -> float:
    """The inverse of :func:`to_si`."""
    ureg = registry()
    expr = WRITTEN[written] if written in WRITTEN else WRITTEN[written.lower()]
    dim = resolve(written)[1]
    return float(ureg.Quantity(value, ureg.parse_units(SI[dim][0])).to(
        ureg.parse_units(expr)).magnitude)


def unit_regex() -> str:
    """One regex for every written form, factored by shared prefixes (a trie: one pass per
    letter instead of one per form), case-insensitive (the extractor drops the wrong case of
    ``CASED`` forms); a space matches any run of spaces or a hyphen ("square-foot")."""
    from audit.text import trie_pattern

    body = trie_pattern(sorted({w.lower() for w in WRITTEN}))
    return "(?i:" + body.replace(r"\s+", r"(?:[ \t]+|-)") + ")"
