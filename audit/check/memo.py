"""A per-story memo for the pair searches of corpus-scoped checks.

Why: quote-drift and attribution-change compare the quotes of each story pairwise (difflib),
yet are corpus-scoped: their findings' keys do not carry the story, so one key found in two
stories is one finding, and the story-scoped reuse of findings cannot apply to them. After one
document changed, re-comparing every story's quotes was most of the check stage. A story's
pairs depend only on the story's state (its documents, their extraction and entities:
``audit.check.run.story_states``), the tool's code and the check's limits, so they are kept in
the store (``check_memo``) under a key made of those, and reused while the key matches. Only
claim ids are kept; the claims are read as usual, and findings are built from them as on a
first run, so they are the same findings.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import duckdb

from audit.check.candidates import Inputs
from audit.store.rows import insert_rows


class StoryMemo:
    """``get`` a story's memoised payload (None: compute it), ``put`` what was computed, then
    ``save`` (inside the check run's transaction: a failed run keeps the old memo). Without
    story states (``audit check --full``, or a caller that has none) nothing is reused or kept."""

    def __init__(self, con: duckdb.DuckDBPyConnection, check: str, inputs: Inputs,
                 extra: str = "") -> None:
        from audit.rerun import code_signature

        self.con, self.check = con, check
        self.states = inputs.states
        self._base = f"{code_signature()}\0{check}\0{extra}\0"
        self._held: dict[str, tuple[str, str]] = {}
        self._fresh: dict[str, tuple[str, str]] = {}
        if self.states is not None:
            self._held = {s: (k, p) for s, k, p in con.execute(
                "SELECT story_id, memo_key, payload FROM check_memo WHERE check_name = ?",
                [check]).fetchall()}
        self.reused = 0

    def _key(self, story: str) -> str | None:
        state = (self.states or {}).get(story)
        if state is None:
            return None
        return hashlib.sha256((self._base + story + "\0" + state).encode()).hexdigest()[:32]

    def missing(self) -> list[str] | None:
        """The stories whose memo is absent or stale (None: every story, there are no states),
        so a builder reads only their claims."""
        if self.states is None:
            return None
        return sorted(s for s in self.states
                      if (held := self._held.get(s)) is None or held[0] != self._key(s))

    def get_json(self, story: str | None) -> str | None:
        """``get``'s payload as the JSON text the memo holds (None: compute it)."""
        story = story or ""
        key = self._key(story)
        held = self._held.get(story)
        if key is None or held is None or held[0] != key:
            return None
        self.reused += 1
        return held[1]

    def get(self, story: str | None) -> Any | None:
        text = self.get_json(story)
        return None if text is None else json.loads(text)

    def put(self, story: str | None, payload: Any) -> None:
        story = story or ""
        key = self._key(story)
        if key is not None:
            self._fresh[story] = (key, json.dumps(payload, sort_keys=True))

    def put_json(self, story: str | None, text: str) -> None:
        """``put`` of a payload already written as ``json.dumps(payload, sort_keys=True)``
        writes it (a builder that reads its stories in pieces keeps their JSON, not their
        objects, until the end)."""
        story = story or ""
        key = self._key(story)
        if key is not None:
            self._fresh[story] = (key, text)

    def save(self) -> None:
        """Write what was computed; forget stories that no longer exist."""
        if self.states is None:
            return
        con = self.con
        gone = sorted(set(self._held) - set(self.states))
        stale = sorted(set(self._fresh) | set(gone))
        if stale:
            con.execute("DELETE FROM check_memo WHERE check_name = ? AND story_id IN "
                        "(SELECT unnest(?::VARCHAR[]))", [self.check, stale])
        if self._fresh:
            insert_rows(con, "check_memo", [
                {"check_name": self.check, "story_id": s, "memo_key": k, "payload": p}
                for s, (k, p) in sorted(self._fresh.items())])


def as_pairs(ids: list | None, items: list[tuple]) -> list[tuple[tuple, tuple]] | None:
    """Memoised pairs of ids (the first field of each item) as pairs of ``items``; None when
    there is no memo or it names an item no longer there (then the caller computes them)."""
    if ids is None:
        return None
    by_id = {it[0]: it for it in items}
    if any(a not in by_id or b not in by_id for a, b in ids):
        return None
    return [(by_id[a], by_id[b]) for a, b in ids]
