"""Resolve stage over the store: read mentions, cluster them, write entities."""

from __future__ import annotations

import functools
import hashlib
import json
from collections import defaultdict
from pathlib import Path

from audit.progress import NO_PROGRESS, Bar
from audit.projectfiles import read_aliases
from audit.resolve.cluster import Entity, Mention, cluster, garbled_expansions
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
    return read_aliases(path)


# Stories are clustered in groups covering about this many documents, so that the mentions of
# a 100,000-document corpus are never all in memory at once.
GROUP_DOCS = 5_000


def resolve_corpus(store: Store, declared: dict[str, str], full: bool = False,
                   progress: Bar = NO_PROGRESS) -> dict[str, int]:
    """Split the corpus into stories, then cluster each story's compared mentions into
    entities (cheap: the work follows distinct spellings, not mentions). Stories whose
    documents, extraction and aliases are unchanged keep their entities unless ``full``."""
    con = store.con
    signature_of = dict(con.execute(
        "SELECT document_id, signature FROM extractions").fetchall())
    doc_keys = _name_keys(store, signature_of, full)
    story_of = assign_stories(doc_keys)
    del doc_keys
    doc_aliases: dict[str, dict[str, str]] = defaultdict(dict)
    long_forms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for doc, value in con.execute(
            """SELECT c.document_id, c.value FROM claims c
               JOIN current_documents p USING (document_id)
               WHERE c.kind = 'alias' ORDER BY c.claim_id""").fetchall():
        v = json.loads(value)
        if v.get("alias") and v.get("name") and doc in story_of:
            doc_aliases[story_of[doc]].setdefault(v["alias"], v["name"])
            long_forms[story_of[doc]][v["alias"]].add(v["name"])
    # an acronym defined two ways in one story: one organisation, one long form garbled
    expansions = {story: [pair for alias in sorted(by_alias)
                          for pair in garbled_expansions(by_alias[alias])]
                  for story, by_alias in long_forms.items()}
    del long_forms
    several = len(set(story_of.values())) > 1
    docs_of: dict[str, list[str]] = defaultdict(list)
    for d, story in story_of.items():
        docs_of[story].append(d)
    states = {story: _story_state(docs, signature_of, {**doc_aliases.get(story, {}), **declared},
                                  several) for story, docs in docs_of.items()}
    previous = {} if full else dict(con.execute(
        "SELECT story_id, state FROM resolve_stories").fetchall())
    kept = sorted(s for s, state in states.items() if previous.get(s) == state)
    redo = sorted(set(states) - set(kept))
    with store.transaction():
        # entities of stories whose inputs did not change are kept as they are
        con.execute("""DELETE FROM entity_mentions WHERE entity_id IN (
                         SELECT entity_id FROM entities WHERE story_id IS NULL
                           OR story_id NOT IN (SELECT unnest(?::VARCHAR[])))""", [kept])
        con.execute("DELETE FROM entities WHERE story_id IS NULL "
                    "OR story_id NOT IN (SELECT unnest(?::VARCHAR[]))", [kept])
        for table in ("document_stories", "resolve_stories"):
            con.execute(f"DELETE FROM {table}")
        # one story (the usual audit) is stored as '' so that finding keys do not depend on
        # which document happens to have the smallest id
        insert_rows(con, "document_stories",
                    [{"document_id": d, "story_id": s if several else ""}
                     for d, s in sorted(story_of.items())])
        insert_rows(con, "resolve_stories", [{"story_id": s, "state": states[s]}
                                             for s in sorted(states)])
        progress.start(len(redo))
        for group in _groups(redo, docs_of):
            progress.advance(len(group))
            rows = con.execute(
                """SELECT m.mention_id, m.etype, m.surface, m.role_key, m.compared,
                          m.document_id, coalesce(s.line, -1)
                   FROM mentions m LEFT JOIN spans s USING (span_id)
                   WHERE m.compared AND m.document_id IN (SELECT unnest(?::VARCHAR[]))
                   ORDER BY m.mention_id""",
                [[d for story in group for d in docs_of[story]]]).fetchall()
            by_story: dict[str, list[Mention]] = defaultdict(list)
            for mid, etype, surface, role, compared, doc, line in rows:
                by_story[story_of[doc]].append(
                    Mention(mid, etype, surface, role, compared, document=doc, line=line))
            del rows
            entities: list[tuple[str, Entity]] = []
            for story in sorted(by_story):
                aliases = {**doc_aliases.get(story, {}), **declared}
                entities.extend((story, e) for e in cluster(
                    by_story[story], aliases, scope=story if several else "",
                    expansions=expansions.get(story, ())))
            insert_rows(con, "entities", [
                {"entity_id": e.entity_id, "etype": e.etype, "canonical": e.canonical,
                 "mentions": len(e.members), "variants": len({v for _, v, _ in e.members}),
                 "story_id": story} for story, e in entities])
            insert_rows(con, "entity_mentions", [
                {"mention_id": mid, "entity_id": e.entity_id, "variant": v, "variant_kind": k}
                for _, e in entities for mid, v, k in e.members])
    n_entities, n_mentions = con.execute(
        "SELECT count(DISTINCT entity_id), count(*) FROM entity_mentions").fetchall()[0]
    drop_spelling_caches()
    return {"entities": n_entities, "mentions": n_mentions,
            "stories": len(states), "stories_reused": len(kept)}


def drop_spelling_caches() -> None:
    """Empty the per-spelling caches resolution filled (tokens, folded surfaces, country
    keys: one entry per distinct spelling of the corpus, ~1.2 million Python objects at
    20,000 documents). In ``audit run`` they would otherwise stay for the check, whose peak
    then stands on them; the check fills again only what it asks for. The functions are pure,
    so nothing they return changes."""
    from audit.resolve import countries, names, roles

    for fn in (names.clean_surface, names.plain_tokens, names.tokens, names.long_tokens,
               countries.demonym, countries.names_a_country, countries.country_key,
               roles.title_key, roles.orgs_agree):
        fn.cache_clear()


def _name_keys(store: Store, signature_of: dict[str, str], full: bool = False
               ) -> dict[str, set[str]]:
    """Each current document's distinctive names (its compared people with two or more name
    tokens and organisations, folded), the keys stories are formed by. Kept per document in
    ``document_name_keys`` under its extraction signature and the tool's code: only the
    mentions of documents without kept keys are read (all of them on a first run, one after
    one document changed; ``full``: every document's)."""
    from audit.rerun import code_signature

    con = store.con
    code = code_signature()
    docs = [r[0] for r in con.execute(
        "SELECT document_id FROM current_documents ORDER BY 1").fetchall()]
    state_of = {d: f"{signature_of.get(d, '')}|{code}" for d in docs}
    doc_keys: dict[str, set[str]] = {d: set() for d in docs}
    kept = set()
    for doc, state, keys in [] if full else con.execute(
            "SELECT document_id, state, keys FROM document_name_keys").fetchall():
        if state_of.get(doc) == state:
            doc_keys[doc] = set(keys.split("\n")) if keys else set()
            kept.add(doc)
    todo = [d for d in docs if d not in kept]
    if todo:
        cur = con.cursor()  # streamed: only each document's distinctive names are kept
        try:
            cur.execute("CREATE OR REPLACE TEMP TABLE _audit_name_docs AS "
                        "SELECT unnest(?::VARCHAR[]) AS document_id", [todo])
            cur.execute("""SELECT m.etype, m.surface, m.document_id
                           FROM mentions m JOIN _audit_name_docs USING (document_id)
                           WHERE m.compared AND m.etype IN ('org', 'person')
                             AND m.role_key <> 'mention'  -- side mentions shape no story""")
            while rows := cur.fetchmany(50_000):
                for etype, surface, doc in rows:
                    toks = tokens(surface, etype)
                    if etype == "org" or len(toks) >= 2:
                        doc_keys[doc].add(f"{etype}:{' '.join(sorted(toks))}")
            cur.execute("DROP TABLE IF EXISTS _audit_name_docs")
        finally:
            cur.close()
    stale = con.execute("SELECT count(*) FROM document_name_keys").fetchall()[0][0] \
        - len(kept)
    if todo or stale:
        with store.transaction():
            if stale:  # rows of documents gone or re-extracted, or of other code
                con.execute("CREATE OR REPLACE TEMP TABLE _audit_name_kept AS "
                            "SELECT unnest(?::VARCHAR[]) AS document_id", [sorted(kept)])
                con.execute("DELETE FROM document_name_keys WHERE document_id NOT IN "
                            "(SELECT document_id FROM _audit_name_kept)")
                con.execute("DROP TABLE IF EXISTS _audit_name_kept")
            insert_rows(con, "document_name_keys", [
                {"document_id": d, "state": state_of[d], "keys": "\n".join(sorted(doc_keys[d]))}
                for d in todo])
    return doc_keys


# Bump when clustering changes, so that no story keeps entities clustered the old way (the
# resolver's own code is hashed in too, so an edit between releases is never missed).
RESOLVER_VERSION = "14"


@functools.lru_cache(maxsize=1)
def resolver_signature() -> str:
    h = hashlib.sha256(RESOLVER_VERSION.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def _story_state(docs: list[str], signature_of: dict[str, str], aliases: dict[str, str],
                 several: bool) -> str:
    """What a story's entities are computed from: its documents (content-hash ids) with their
    extraction signatures, the aliases in force, and whether the corpus has several stories."""
    blob = json.dumps([resolver_signature(), several, sorted(aliases.items()),
                       sorted((d, signature_of.get(d, "")) for d in docs)])
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


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
