"""Resolve stage over the store: read mentions, cluster them, write entities."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from audit.errors import ConfigError
from audit.resolve.cluster import Mention, cluster
from audit.store import Store
from audit.store.rows import insert_rows


def load_aliases(claims_dir: Path | None) -> dict[str, str]:
    """Declared aliases from ``claims/aliases.toml``: ``[aliases] CMU = "Carnegie Mellon ..."``."""
    if claims_dir is None:
        return {}
    path = claims_dir / "aliases.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"malformed TOML: {exc}", path) from None
    table = data.get("aliases", {})
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ConfigError("[aliases] must map a short form to a long form string", path)
    return dict(table)


def resolve_corpus(store: Store, declared: dict[str, str]) -> dict[str, int]:
    """Rebuild entities from the compared mentions of the current corpus (cheap: it works on
    distinct spellings)."""
    con = store.con
    rows = con.execute(
        """SELECT m.mention_id, m.etype, m.surface, m.role_key, m.compared
           FROM mentions m JOIN (SELECT DISTINCT document_id FROM document_paths) p
             USING (document_id)
           WHERE m.compared ORDER BY m.mention_id""").fetchall()
    mentions = [Mention(*r) for r in rows]
    aliases = dict(declared)
    for value, in con.execute(
            """SELECT c.value FROM claims c JOIN (SELECT DISTINCT document_id FROM document_paths)
               p USING (document_id) WHERE c.kind = 'alias' ORDER BY c.claim_id""").fetchall():
        v = json.loads(value)
        if v.get("alias") and v.get("name"):
            aliases.setdefault(v["alias"], v["name"])
    entities = cluster(mentions, aliases)
    with store.transaction():
        con.execute("DELETE FROM entities")
        con.execute("DELETE FROM entity_mentions")
        insert_rows(con, "entities", [
            {"entity_id": e.entity_id, "etype": e.etype, "canonical": e.canonical,
             "mentions": len(e.members),
             "variants": len({v for _, v, _ in e.members})} for e in entities])
        insert_rows(con, "entity_mentions", [
            {"mention_id": mid, "entity_id": e.entity_id, "variant": v, "variant_kind": k}
            for e in entities for mid, v, k in e.members])
    return {"entities": len(entities), "mentions": len(mentions)}
