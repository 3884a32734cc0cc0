"""Resolve stage over the store: read mentions, cluster them, write entities."""

from __future__ import annotations

import json
import tomllib
from collections import defaultdict
from pathlib import Path

from audit.errors import ConfigError
from audit.resolve.cluster import Mention, cluster
from audit.resolve.names import tokens
from audit.resolve.stories import assign_stories
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


# Stories are clustered in groups covering about this many documents, so that the mentions of
# a 100,000-document corpus are never all in memory at once.
GROUP_DOCS = 5_000


def resolve_corpus(store: Store, declared: dict[str, str]) -> dict[str, int]:
    """Split the corpus into stories, then cluster each story's compared mentions into
    entities (cheap: the work follows distinct spellings, not mentions)."""
    con = store.con
    docs = [r[0] for r in con.execute(
        "SELECT DISTINCT document_id FROM document_paths ORDER BY 1").fetchall()]
    doc_keys: dict[str, set[str]] = {d: set() for d in docs}
    n_mentions = 0
    cur = con.cursor()  # streamed: only each document's distinctive names are kept
    try:
        cur.execute("""SELECT m.etype, m.surface, m.document_id
                       FROM mentions m JOIN (SELECT DISTINCT document_id FROM document_paths) p
                         USING (document_id)
                       WHERE m.compared AND m.etype IN ('org', 'person')""")
        while rows := cur.fetchmany(50_000):
            for etype, surface, doc in rows:
                toks = tokens(surface, etype)
                if etype == "org" or len(toks) >= 2:
                    doc_keys[doc].add(f"{etype}:{' '.join(sorted(toks))}")
    finally:
        cur.close()
    story_of = assign_stories(doc_keys)
    del doc_keys
    doc_aliases: dict[str, dict[str, str]] = defaultdict(dict)
    for doc, value in con.execute(
            """SELECT c.document_id, c.value FROM claims c
               JOIN (SELECT DISTINCT document_id FROM document_paths) p USING (document_id)
               WHERE c.kind = 'alias' ORDER BY c.claim_id""").fetchall():
        v = json.loads(value)
        if v.get("alias") and v.get("name") and doc in story_of:
            doc_aliases[story_of[doc]].setdefault(v["alias"], v["name"])
    several = len(set(story_of.values())) > 1
    docs_of: dict[str, list[str]] = defaultdict(list)
    for d, story in story_of.items():
        docs_of[story].append(d)
    n_entities = 0
    with store.transaction():
        for table in ("entities", "entity_mentions", "document_stories"):
            con.execute(f"DELETE FROM {table}")
        # one story (the usual audit) is stored as '' so that finding keys do not depend on
        # which document happens to have the smallest id
        insert_rows(con, "document_stories",
                    [{"document_id": d, "story_id": s if several else ""}
                     for d, s in sorted(story_of.items())])
        for group in _groups(sorted(docs_of), docs_of):
            rows = con.execute(
                """SELECT m.mention_id, m.etype, m.surface, m.role_key, m.compared,
                          m.document_id
                   FROM mentions m
                   WHERE m.compared AND m.document_id IN (SELECT unnest(?::VARCHAR[]))
                   ORDER BY m.mention_id""",
                [[d for story in group for d in docs_of[story]]]).fetchall()
            n_mentions += len(rows)
            by_story: dict[str, list[Mention]] = defaultdict(list)
            for mid, etype, surface, role, compared, doc in rows:
                by_story[story_of[doc]].append(Mention(mid, etype, surface, role, compared))
            del rows
            entities = []
            for story in sorted(by_story):
                aliases = {**doc_aliases.get(story, {}), **declared}
                entities.extend(cluster(by_story[story], aliases,
                                        scope=story if several else ""))
            n_entities += len(entities)
            insert_rows(con, "entities", [
                {"entity_id": e.entity_id, "etype": e.etype, "canonical": e.canonical,
                 "mentions": len(e.members),
                 "variants": len({v for _, v, _ in e.members})} for e in entities])
            insert_rows(con, "entity_mentions", [
                {"mention_id": mid, "entity_id": e.entity_id, "variant": v, "variant_kind": k}
                for e in entities for mid, v, k in e.members])
    return {"entities": n_entities, "mentions": n_mentions,
            "stories": len(set(story_of.values()))}


def _groups(stories: list[str], docs_of: dict[str, list[str]]) -> list[list[str]]:
    """Consecutive stories covering about GROUP_DOCS documents each."""
    out: list[list[str]] = []
    size = 0
    for story in stories:
        if not out or size >= GROUP_DOCS:
            out.append([])
            size = 0
        out[-1].append(story)
        size += len(docs_of[story])
    return out
