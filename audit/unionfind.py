"""Union-find with the smallest member as each set's root, so the result does not depend on
the order of unions (entities, stories and figure holders are all grouped this way)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any


class UnionFind:
    def __init__(self, items: Any = ()) -> None:
        self.parent: dict[Hashable, Hashable] = {x: x for x in items}

    def find(self, x: Hashable) -> Any:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
