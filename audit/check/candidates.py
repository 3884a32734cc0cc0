"""What every check's candidate builder shares: the current claims and the candidate type.

Each check (one module in ``audit/check/checks/``) runs SQL over the current corpus (blocking,
joins and grouping happen in the database) and returns one :class:`Candidate` per thing worth
judging: a pair of spellings, a key with several values, a list compared with another. Great
Expectations then judges the candidates' columns (see ``suite.py``); only what it rejects
becomes a finding.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any

# The current corpus's claims that are compared (not read in boilerplate or bylines).
CUR = """(SELECT c.*, p.path, coalesce(ds.story_id, '') AS story FROM claims c
          JOIN current_documents p USING (document_id)
          LEFT JOIN document_stories ds USING (document_id)
          WHERE c.compared)"""


def scoped_claims(stories: list[str] | None = None) -> str:
    """CUR, limited to the given stories (an incremental check recomputes only the stories
    whose documents or entities changed)."""
    if stories is None:
        return CUR
    ids = ", ".join("'" + s.replace("'", "''") + "'" for s in sorted(stories)) or "NULL"
    return CUR.replace("WHERE c.compared)",
                       f"WHERE c.compared AND coalesce(ds.story_id, '') IN ({ids}))")


def span_bounds(*roles: str) -> str:
    """SQL: per claim, the first start (``s0``) and the last end (``s1``) of its spans in one of
    ``roles``. Builders join this narrow aggregate to their claims instead of grouping the
    claims' wide columns (value JSON, value_text) over every span row: the same rows, a third
    of the time at 1M claims. Joined with ``SELECT DISTINCT`` over the claim columns it gives
    what ``GROUP BY ALL`` over claims x claim_spans x spans gave (a claim without such a span
    drops out)."""
    names = ", ".join("'" + r.replace("'", "''") + "'" for r in roles)
    return f"""(SELECT cs.claim_id, min(s.start_char) AS s0, max(s.end_char) AS s1
                FROM claim_spans cs JOIN spans s USING (span_id)
                WHERE cs.role IN ({names}) GROUP BY cs.claim_id)"""


def shared_bounds(con: Any, inputs: Inputs, *roles: str) -> str:
    """:func:`span_bounds` of ``roles`` as a temp table the builders of one run share
    (``Inputs.shared``): the first builder that asks makes it, the others read it (at 1M claims
    six queries of four builders joined the same aggregate, each computing it again over every
    span). Builders read it on the connection (``texts.by_document`` too: a cursor does not see
    it); the run drops it with :func:`drop_shared`. For some stories only (an incremental
    run), the subquery as before: the table would be made over every story's spans."""
    if inputs.stories is not None:
        return span_bounds(*roles)
    key = ("span_bounds", roles)
    name = inputs.shared.get(key)
    if name is None:
        name = "_audit_bounds_" + "_".join(re.sub(r"\W", "", r) for r in roles)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {span_bounds(*roles)}")
        inputs.shared[key] = name
    return f"temp.{name}"


def drop_shared(con: Any, shared: dict) -> None:
    """Drop the temp tables :func:`shared_bounds` made for a run."""
    for key, name in shared.items():
        if isinstance(key, tuple) and key and key[0] == "span_bounds":
            con.execute(f"DROP TABLE IF EXISTS temp.{name}")


# json.dumps(..., sort_keys=True, default=str), without a new encoder per call
_KEY_JSON = json.JSONEncoder(sort_keys=True, default=str)


@dataclass
class Candidate:
    check: str
    judged: dict[str, Any]
    key: Any
    headline: str
    values: list[dict]  # [{"value": label, "claims": [(claim_id, roles)]}]
    details: dict = field(default_factory=dict)
    # where the builder's output is sorted by a key of its own (not shown, not hashed): two
    # candidates with one key built apart (the Spark engine's story buckets) are merged in
    # this order, so the first (whose judged columns and headline stand) is the DuckDB
    # engine's first; None: merged by their claims (a builder whose duplicates differ only in
    # claims)
    order: Any = None

    @functools.cached_property
    def cid(self) -> str:
        """Hashes the check and the key (computed once: candidates are looked up by it)."""
        import hashlib

        blob = _KEY_JSON.encode([self.check, self.key])
        digest = hashlib.sha256(blob.encode()).hexdigest()
        if "\\u" not in blob:  # nothing escaped as \uXXXX: the text a finding's
            # fingerprint hashes (``findings._KEY_JSON``, ensure_ascii=False) is this one
            self.__dict__["_fingerprint"] = "f" + digest[:16]
        return digest[:16]

@dataclass(frozen=True)
class Inputs:
    """What a builder may read besides the database: the stories to recompute (None: all; only
    story-scoped checks are limited) and the reference facts declared in ``claims/``; where it
    reports a limit it reached (``warnings``, printed by the run)."""

    stories: list[str] | None = None
    facts: dict = field(default_factory=lambda: {"name": [], "fact": []})
    warnings: list[str] = field(default_factory=list)
    # each story's state (``audit.check.run.story_states``), for corpus-scoped builders that
    # memoise per-story work (``audit.check.memo``); None: compute everything afresh
    states: dict[str, str] | None = None
    # rows several builders of one run read alike (one run's ``Inputs`` share it): each
    # builder that reads them looks here first, so the store is asked once per run
    shared: dict[Any, Any] = field(default_factory=dict)
