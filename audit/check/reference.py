"""Reference facts declared in ``claims/facts.toml`` (the `reference` check, in
``checks/reference.py``, compares claims with them).

    [[name]]                       # the canonical spelling of a name
    canonical = "Fumio Kishida"
    type = "person"                # person | org | place

    [[fact]]                       # a number every source should state this way
    kind = "money"                 # money | count
    subject = "funding"            # the claim subject (see 'audit claims')
    amount = 110000000             # money: amount and currency; count: n
    currency = "USD"
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from audit.errors import ConfigError


def load_facts(claims_dir: Path | None) -> dict:
    if claims_dir is None or not (claims_dir / "facts.toml").is_file():
        return {"name": [], "fact": []}
    path = claims_dir / "facts.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"malformed TOML: {exc}", path) from None
    names, facts = data.get("name", []), data.get("fact", [])
    for n, item in enumerate(names, 1):
        if not isinstance(item, dict) or not isinstance(item.get("canonical"), str):
            raise ConfigError(f"[[name]] #{n} needs a 'canonical' string", path)
    for n, item in enumerate(facts, 1):
        if not isinstance(item, dict) or item.get("kind") not in ("money", "count") \
                or not isinstance(item.get("subject"), str):
            raise ConfigError(f"[[fact]] #{n} needs kind (money|count) and subject", path)
        field = "amount" if item["kind"] == "money" else "n"
        if not isinstance(item.get(field), (int, float)):
            raise ConfigError(f"[[fact]] #{n} needs a number '{field}'", path)
    return {"name": names, "fact": facts}
