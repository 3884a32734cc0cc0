"""Schema of the audit database, as an ordered list of forward migrations.

``SCHEMA_VERSION`` is the number of migrations. A database records the version it was written
with; opening one written by a newer tool is refused rather than guessed at.
"""

from __future__ import annotations

import re

MIGRATIONS: list[str] = [
    # 1: documents, zones, spans, claims, entities, runs, findings
    """
    CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

    CREATE TABLE documents (
        document_id   VARCHAR PRIMARY KEY,      -- 'd' + sha256(raw bytes)[:16]
        sha256        VARCHAR NOT NULL,
        path          VARCHAR NOT NULL,         -- first path it was read from, project-relative
        title         VARCHAR,
        publisher     VARCHAR,
        url           VARCHAR,
        published     DATE,
        retrieved_at  TIMESTAMP,
        media_type    VARCHAR NOT NULL,
        encoding      VARCHAR NOT NULL,
        bytes         BIGINT NOT NULL,
        chars         BIGINT NOT NULL,
        text          VARCHAR NOT NULL,         -- NFC text; every offset refers to it
        norm_text     VARCHAR NOT NULL,         -- same length, quotes/dashes/spaces folded
        ingested_at   TIMESTAMP NOT NULL
    );

    -- the corpus: which document each source path holds now, and its version history
    CREATE TABLE document_paths (
        path          VARCHAR PRIMARY KEY,
        document_id   VARCHAR NOT NULL,
        version       INTEGER NOT NULL,
        updated_at    TIMESTAMP NOT NULL
    );
    CREATE TABLE document_versions (
        path          VARCHAR NOT NULL,
        version       INTEGER NOT NULL,
        document_id   VARCHAR NOT NULL,
        ingested_at   TIMESTAMP NOT NULL,
        PRIMARY KEY (path, version)
    );

    CREATE TABLE zones (
        document_id   VARCHAR NOT NULL,
        seq           INTEGER NOT NULL,
        kind          VARCHAR NOT NULL,
        start_char    BIGINT NOT NULL,
        end_char      BIGINT NOT NULL,
        reason        VARCHAR,
        PRIMARY KEY (document_id, seq)
    );

    CREATE TABLE spans (
        span_id       VARCHAR PRIMARY KEY,
        document_id   VARCHAR NOT NULL,
        start_char    BIGINT NOT NULL,
        end_char      BIGINT NOT NULL,
        exact         VARCHAR NOT NULL,
        prefix        VARCHAR NOT NULL,
        suffix        VARCHAR NOT NULL,
        line          INTEGER NOT NULL,
        col           INTEGER NOT NULL
    );

    CREATE TABLE claims (
        claim_id          VARCHAR PRIMARY KEY,
        document_id       VARCHAR NOT NULL,
        seq               INTEGER NOT NULL,
        kind              VARCHAR NOT NULL,
        predicate         VARCHAR NOT NULL,
        subject           VARCHAR NOT NULL,
        qualifiers        JSON NOT NULL,
        value             JSON NOT NULL,
        value_text        VARCHAR NOT NULL,
        value_num         DOUBLE,
        zone_kind         VARCHAR NOT NULL,
        compared          BOOLEAN NOT NULL,     -- false for claims read in boilerplate
        extractor         VARCHAR NOT NULL,
        extractor_version VARCHAR NOT NULL
    );

    CREATE TABLE claim_spans (
        claim_id      VARCHAR NOT NULL,
        span_id       VARCHAR NOT NULL,
        role          VARCHAR NOT NULL,
        seq           INTEGER NOT NULL,
        PRIMARY KEY (claim_id, seq)
    );

    -- which documents have been extracted with which extractor set (incremental runs)
    CREATE TABLE extractions (
        document_id   VARCHAR PRIMARY KEY,
        signature     VARCHAR NOT NULL,
        extracted_at  TIMESTAMP NOT NULL
    );

    CREATE TABLE mentions (
        mention_id    VARCHAR PRIMARY KEY,
        document_id   VARCHAR NOT NULL,
        claim_id      VARCHAR NOT NULL,
        span_id       VARCHAR NOT NULL,
        etype         VARCHAR NOT NULL,          -- person | org | place
        surface       VARCHAR NOT NULL,
        norm          VARCHAR NOT NULL,
        role_key      VARCHAR NOT NULL,          -- e.g. 'prime minister|japan' for a person
        compared      BOOLEAN NOT NULL
    );

    CREATE TABLE entities (
        entity_id     VARCHAR PRIMARY KEY,
        etype         VARCHAR NOT NULL,
        canonical     VARCHAR NOT NULL,
        mentions      INTEGER NOT NULL,
        variants      INTEGER NOT NULL
    );

    CREATE TABLE entity_mentions (
        mention_id    VARCHAR PRIMARY KEY,
        entity_id     VARCHAR NOT NULL,
        variant       VARCHAR NOT NULL,          -- the spelling as written (normalised key)
        variant_kind  VARCHAR NOT NULL           -- same | case | order | alias | partial | spelling
    );

    CREATE TABLE runs (
        run_id        VARCHAR PRIMARY KEY,
        seq           INTEGER NOT NULL,
        started_at    TIMESTAMP NOT NULL,
        tool_version  VARCHAR NOT NULL,
        config_hash   VARCHAR NOT NULL,
        document_set  VARCHAR NOT NULL,          -- hash of the sorted document ids
        documents     INTEGER NOT NULL,
        fail_on       VARCHAR NOT NULL,
        verdict       VARCHAR NOT NULL
    );

    CREATE TABLE findings (
        run_id        VARCHAR NOT NULL,
        finding_id    VARCHAR NOT NULL,          -- fingerprint, stable across runs
        seq           INTEGER NOT NULL,
        check_name    VARCHAR NOT NULL,
        class         VARCHAR NOT NULL,
        severity      VARCHAR NOT NULL,
        message       VARCHAR NOT NULL,
        accepted      BOOLEAN NOT NULL,
        waiver_reason VARCHAR,
        details       JSON NOT NULL,
        PRIMARY KEY (run_id, finding_id)
    );

    CREATE TABLE finding_evidence (
        run_id        VARCHAR NOT NULL,
        finding_id    VARCHAR NOT NULL,
        seq           INTEGER NOT NULL,
        document_id   VARCHAR NOT NULL,
        claim_id      VARCHAR,
        span_id       VARCHAR,
        start_char    BIGINT NOT NULL,
        end_char      BIGINT NOT NULL,
        exact         VARCHAR NOT NULL,
        value         VARCHAR,
        PRIMARY KEY (run_id, finding_id, seq)
    );
    """,
]

MIGRATIONS.append(
    # 2: stories (documents about the same event), so a mixed corpus compares like with like
    """
    CREATE TABLE document_stories (
        document_id   VARCHAR PRIMARY KEY,
        story_id      VARCHAR NOT NULL
    );
    """
)

MIGRATIONS.append(
    # 3: a run keeps the checks that ran and the stale waivers, so `audit report` of an old run
    # lists passing checks (JUnit testcases, SARIF rules) as the run itself did
    """
    ALTER TABLE runs ADD COLUMN checks VARCHAR[];
    ALTER TABLE runs ADD COLUMN stale_waivers JSON;
    """
)


# 4: no primary-key indexes on the bulk tables. DuckDB keeps such an index wholly in memory
# (~85 bytes a row): at 100,000 documents, millions of spans, claims and mentions made ingest and
# extraction need gigabytes for indexes nothing reads. Ids are content hashes, and the integrity
# suite checks their uniqueness (the pandera schemas) on every check run.
BULK_TABLES = ("spans", "claims", "claim_spans", "mentions", "entities", "entity_mentions",
               "findings", "finding_evidence")


def _rebuilt_without_keys(table: str) -> str:
    found = re.search(rf"CREATE TABLE {table} \(.*?\n    \);", MIGRATIONS[0], re.S)
    assert found is not None, f"table {table} is not in the first migration"
    ddl = found.group(0)
    ddl = re.sub(r",\s*PRIMARY KEY \([^)]*\)", "", ddl).replace(" PRIMARY KEY", " NOT NULL")
    return (ddl.replace(f"CREATE TABLE {table} (", f"CREATE TABLE {table}__new (")
            + f"\nINSERT INTO {table}__new SELECT * FROM {table};"
            f"\nDROP TABLE {table};\nALTER TABLE {table}__new RENAME TO {table};\n")


MIGRATIONS.append("".join(_rebuilt_without_keys(t) for t in BULK_TABLES))

MIGRATIONS.append(
    # 5: incremental checks. A run records what its findings were computed from: `inputs` (a hash
    # of the suite, facts, waivers and tool versions) and, per story, a hash of its documents,
    # extraction and entities. The next run reuses the findings of stories whose hash is unchanged.
    """
    ALTER TABLE runs ADD COLUMN inputs VARCHAR;
    CREATE TABLE run_stories (
        run_id        VARCHAR NOT NULL,
        story_id      VARCHAR NOT NULL,
        state         VARCHAR NOT NULL
    );
    """
)

MIGRATIONS.append(
    # 6: incremental resolution. Entities know their story, and each story's inputs are hashed,
    # so a re-run re-clusters only the stories whose documents or aliases changed.
    """
    ALTER TABLE entities ADD COLUMN story_id VARCHAR;
    CREATE TABLE resolve_stories (
        story_id      VARCHAR NOT NULL,
        state         VARCHAR NOT NULL
    );
    """
)

MIGRATIONS.append(
    # 7: a cache of rendered HTML finding blocks (audit/report/fragments.py), so a re-run
    # re-renders only the findings that changed.
    """
    CREATE TABLE report_fragments (
        key           VARCHAR NOT NULL,
        html          VARCHAR NOT NULL
    );
    """
)

MIGRATIONS.append(
    # 8: the current corpus as one view: each document the sources hold now, once, with the
    # first of its paths (a file copied under two names is one document). Checks, evidence,
    # reports and the CLI's queries read it instead of each repeating the subquery.
    """
    CREATE VIEW current_documents AS
        SELECT document_id, min(path) AS path FROM document_paths GROUP BY document_id;
    """
)

MIGRATIONS.append(
    # 9: per-story memo of corpus-scoped checks' pair searches (audit/check/memo.py), so a
    # re-run compares quotes again only in the stories whose documents or entities changed.
    """
    CREATE TABLE check_memo (
        check_name    VARCHAR NOT NULL,
        story_id      VARCHAR NOT NULL,
        memo_key      VARCHAR NOT NULL,
        payload       VARCHAR NOT NULL
    );
    """
)

MIGRATIONS.append(
    # 10: per table and document, the digest of the rows the integrity suite last found clean
    # (audit/check/integrity.py), so a re-run validates only the documents whose rows changed.
    """
    CREATE TABLE integrity_memo (
        table_name    VARCHAR NOT NULL,
        document_id   VARCHAR NOT NULL,
        digest        VARCHAR NOT NULL
    );
    """
)

MIGRATIONS.append(
    # 11: the corpus-scoped candidates of the latest run, each under a digest of what it is and
    # shows (audit/check/reuse.py), so a re-run copies the findings of the candidates that
    # are unchanged and untouched by the changed stories instead of judging them again.
    """
    CREATE TABLE run_candidates (
        run_id        VARCHAR NOT NULL,
        cid           VARCHAR NOT NULL,
        digest        VARCHAR NOT NULL
    );
    """
)

MIGRATIONS.append(
    # 12: where each finding of the last findings JSON written from this store lies in that
    # file (audit/report/jsonitems.py), so the next one copies the findings that are the same
    # instead of reading and encoding them again.
    """
    CREATE TABLE report_json (
        path          VARCHAR NOT NULL,
        size          BIGINT NOT NULL,
        mtime_ns      BIGINT NOT NULL,
        inode         BIGINT NOT NULL,
        layout        VARCHAR NOT NULL,
        items         VARCHAR NOT NULL
    );
    """
)

MIGRATIONS.append(
    # 13: each document's distinctive names, the keys stories are formed by
    # (audit/resolve/pipeline.py), under its extraction signature and the tool's code, so a
    # re-run reads the mentions only of new or re-extracted documents.
    """
    CREATE TABLE document_name_keys (
        document_id   VARCHAR NOT NULL,
        state         VARCHAR NOT NULL,
        keys          VARCHAR NOT NULL
    );
    """
)

SCHEMA_VERSION = len(MIGRATIONS)
