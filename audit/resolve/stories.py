"""Stories: which documents are about the same event, so that only they are compared.

An audit usually covers one event, and then every document is one story. A large mixed corpus
(more than ``MIN_DOCS`` documents) is split: documents sharing at least ``MIN_SHARED`` distinctive
names (people's full names, organisations), and at least ``MIN_OVERLAP`` of the names of the one
with fewer, are linked, and each connected group is a story.
Names found in more than ``MAX_DF`` documents say nothing about which event a document covers
and are ignored. Pure and deterministic: a story's id is its smallest document id.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from audit.unionfind import UnionFind

MIN_DOCS = 50
MAX_DF = 200
MIN_SHARED = 2
MIN_OVERLAP = 0.4  # shared names / names of the document with fewer: chance overlaps are lower


def assign_stories(doc_keys: dict[str, set[str]], min_docs: int = MIN_DOCS,
                   max_df: int = MAX_DF, min_shared: int = MIN_SHARED) -> dict[str, str]:
    docs = sorted(doc_keys)
    if len(docs) <= min_docs:
        return dict.fromkeys(docs, docs[0]) if docs else {}
    by_key: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        for k in doc_keys[d]:
            by_key[k].append(d)
    uf = UnionFind(docs)
    # one document at a time: counting every pair at once needs memory quadratic in the
    # documents a name appears in (gigabytes for 100,000 documents)
    for a in docs:
        shared: Counter = Counter()
        for k in doc_keys[a]:
            ds = by_key[k]
            if 2 <= len(ds) <= max_df:
                shared.update(b for b in ds if b > a)
        for b, n in shared.items():
            smaller = min(len(doc_keys[a]), len(doc_keys[b])) or 1
            if n >= min_shared and n / smaller >= MIN_OVERLAP:
                uf.union(a, b)
    return {d: uf.find(d) for d in docs}
