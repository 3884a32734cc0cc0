"""Engines other than the default (DuckDB in this process): ``spark``. Nothing here is
imported unless ``--engine`` / ``engine`` asks for it."""
