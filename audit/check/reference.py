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

from pathlib import Path

from audit.projectfiles import read_facts


def load_facts(claims_dir: Path | None) -> dict:
    if claims_dir is None or not (claims_dir / "facts.toml").is_file():
        return {"name": [], "fact": []}
    return read_facts(claims_dir / "facts.toml")
