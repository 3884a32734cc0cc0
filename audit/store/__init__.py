"""The DuckDB store: schema, migrations, locking and transactions."""

from audit.store.db import Store, open_store

__all__ = ["Store", "open_store"]
