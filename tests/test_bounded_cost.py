"""Bounded cost on hostile input: checks pair claims inside bounded windows (Python over each
document's text read once, not SQL cutting the text per pair), limits warn, and Ctrl-C stops a
running query at once and says what was committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.check.checks.value_conflict import FRAGMENT_CHARS, LISTED_WITHIN, listed_in

REPO = Path(__file__).resolve().parent.parent

# The SQL that value-conflict used before (a self-join per document cutting the text per pair:
# quadratic on one long line); kept here as the reference the window scan must equal.
_OLD_LISTED = rf"""
    WITH mv0 AS (SELECT * FROM amounts),
    mv AS (
      SELECT mv0.*, length(lb) + (s1 - s0) + length(la) <= {FRAGMENT_CHARS}
                    AND NOT regexp_matches(lb || la, '[.!?](\s|$)') AS fragment
      FROM (SELECT mv0.*,
              regexp_extract(substr(d.text, greatest(s0 - {FRAGMENT_CHARS}, 0) + 1,
                                    s0 - greatest(s0 - {FRAGMENT_CHARS}, 0)),
                             '[^\n]*$') AS lb,
              regexp_extract(substr(d.text, s1 + 1, {FRAGMENT_CHARS}), '^[^\n]*') AS la
            FROM mv0 JOIN documents d USING (document_id)) mv0)
    SELECT DISTINCT a.claim_id FROM mv a JOIN mv b USING (document_id)
    JOIN documents d USING (document_id)
    WHERE a.claim_id <> b.claim_id AND abs(a.s0 - b.s0) < {LISTED_WITHIN}
      AND NOT regexp_matches(substr(d.text, least(a.s1, b.s1) + 1,
          greatest(a.s0, b.s0) - least(a.s1, b.s1)),
          CASE WHEN a.fragment AND b.fragment THEN '[.!?](\s|$)'
               ELSE '[.!?](\s|$)|\n\s*\n' END)"""

PIECES = ["$5m", "€2 million", ". ", "! ", "?\n", "\n", "\n\n", "\n \n", " and ", ", ",
          "Funder A: ", "Total", "—", "é", " ", "x" * 30, "." , "\t", "\x0b", "\u00a0"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60), st.data())
def test_window_scan_equals_the_sql_it_replaced(parts, data):
    text = "".join(parts)
    starts = sorted(data.draw(st.lists(st.integers(0, max(len(text) - 1, 0)), min_size=1,
                                       max_size=12,
                                       unique=True)))
    amounts = [(s, min(len(text), s + data.draw(st.integers(1, 6)))) for s in starts]
    con = duckdb.connect()
    con.execute("CREATE TABLE documents AS SELECT 'd' AS document_id, ? AS text", [text])
    con.execute("CREATE TABLE amounts (claim_id VARCHAR, document_id VARCHAR, s0 BIGINT, "
                "s1 BIGINT)")
    con.executemany("INSERT INTO amounts VALUES (?, 'd', ?, ?)",
                    [(f"c{i:03d}", s0, s1) for i, (s0, s1) in enumerate(amounts)])
    old = {r[0] for r in con.execute(_OLD_LISTED).fetchall()}
    new = {f"c{i:03d}" for i, hit in enumerate(listed_in(text, amounts)) if hit}
    assert new == old


def _project(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / name).write_text(text, encoding="utf-8")
    return tmp_path


def _audit(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "audit", *args], cwd=str(REPO),
                          capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, AUDIT_JUDGE_WORKER="0", **(env or {})))


QUOTED = ("Harbour Mayor Ilse Varnholt spoke on Monday.\n\n"
          "“We will open the harbour to every ship that needs it this winter,” Mayor Ilse "
          "Varnholt said.\n\n"
          "“We will open the harbour to the ships that need it this winter,” Varnholt said.\n\n"
          "“The harbour opens to every ship in need this winter,” Ilse Varnholt said.\n\n")


def test_a_reached_limit_warns_and_a_bad_limit_is_exit_2(tmp_path: Path):
    proj = _project(tmp_path, "quotes.txt", "Harbour opens\n\n" + QUOTED)
    r = _audit("run", str(proj), "--fail-on", "never",
               env={"AUDIT_MAX_QUOTES_PER_SPEAKER": "2"})
    assert r.returncode == 0, r.stderr
    assert "warning: quote-drift:" in r.stderr and "AUDIT_MAX_QUOTES_PER_SPEAKER" in r.stderr
    r = _audit("check", str(proj), env={"AUDIT_MAX_QUOTES_PER_SPEAKER": "none"})
    assert r.returncode == 2 and "AUDIT_MAX_QUOTES_PER_SPEAKER" in r.stderr
    assert "Traceback" not in r.stderr


def test_ctrl_c_interrupts_a_running_query_within_a_second(tmp_path: Path):
    """A query that would run for hours stops at once; nothing had been committed."""
    script = (
        "from audit.cli import handle_errors\n"
        "from audit.store import open_store\n"
        "@handle_errors\n"
        "def main():\n"
        f"    with open_store({str(tmp_path / 'a.duckdb')!r}) as store:\n"
        "        print('ready', flush=True)\n"
        "        store.con.execute('SELECT count(*) FROM range(10000000000000) r(a) '\n"
        "                          'WHERE a % 7 = 3').fetchall()\n"
        "main()\n")
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=str(REPO),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.3)
        t0 = time.perf_counter()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        stopped = time.perf_counter() - t0
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "interrupted; nothing was committed" in err and "internal error" not in err
    assert stopped < 10  # within a second when idle; generous for a loaded CI machine


def test_ctrl_c_after_extraction_says_what_was_committed(tmp_path: Path):
    proj = _project(tmp_path, "note.txt", "Harbour grant\n\nThe city gave $4 million on "
                    "Monday, May 6, 2030. The port added $2 million.\n")
    proc = subprocess.Popen([sys.executable, "-m", "audit", "run", str(proj)], cwd=str(REPO),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, AUDIT_JUDGE_WORKER="0"))
    try:
        for line in proc.stdout:
            if line.startswith("extract:"):
                break
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    if proc.returncode == 130 and "committed before the interrupt" in err:
        # the signal landed in the extraction stage: what it had committed, and the rollback
        assert "committed before the interrupt: 1 source path(s) ingested, 1 document(s) " \
               "extracted" in err
        assert "rolled back" in err
    elif proc.returncode == 130:
        # on a fast machine it lands in a later stage: the stages committed before it
        assert "committed before that: ingest, extraction" in err, err
    else:
        assert proc.returncode in (0, 1), err
    again = _audit("run", str(proj), "--fail-on", "never")
    assert again.returncode == 0, again.stderr



def test_findings_stream_of_a_long_page_stays_within_the_memory_limit(tmp_path: Path):
    """Evidence context is cut before other joins: a long page's whole text must not travel
    with each evidence row (3 MB x 400 rows ran DuckDB out of its memory limit)."""
    from audit.check.export import FindingStream
    from audit.store import open_store

    text = "Item é costs $5 million.\n\n" * 40_000  # about 1 MB, not ASCII
    step = len("Item é costs $5 million.\n\n")
    with open_store(tmp_path / "a.duckdb") as store:
        con = store.con
        con.execute("SET memory_limit = '64MB'")
        con.execute("INSERT INTO documents (document_id, sha256, path, media_type, encoding, "
                    "bytes, chars, text, norm_text, ingested_at) VALUES ('d1', 'x', "
                    "'sources/a.txt', 'text/plain', 'utf-8', ?, ?, ?, ?, now())",
                    [len(text.encode()), len(text), text, text])
        con.execute("INSERT INTO document_paths VALUES ('sources/a.txt', 'd1', 1, now())")
        con.execute(f"INSERT INTO spans SELECT 's' || i, 'd1', i * {step} + 13, "
                    f"i * {step} + 15, '$5', '', '', 2 * i + 1, 14 FROM range(40000) t(i)")
        con.execute("INSERT INTO findings (run_id, finding_id, seq, check_name, class, "
                    "severity, message, accepted, details) SELECT 'r1', 'f' || i, i, "
                    "'value-conflict', 'value-conflict', 'error', 'm', false, '{}' "
                    "FROM range(40) t(i)")
        con.execute(f"""INSERT INTO finding_evidence (run_id, finding_id, seq, document_id,
                        span_id, start_char, end_char, exact)
                        SELECT 'r1', 'f' || (i // 10), i % 10, 'd1', 's' || (i * 97 % 40000),
                        (i * 97 % 40000) * {step} + 13, (i * 97 % 40000) * {step} + 15, '$5'
                        FROM range(400) t(i)""")
        rows = list(FindingStream(con, "r1"))
    assert len(rows) == 40 and all(len(r["evidence"]) == 10 for r in rows)
    ev = rows[0]["evidence"][1]
    assert text[ev["start"] - len(ev["before"]):ev["start"]] == ev["before"]
    assert ev["line"] == 2 * 97 + 1 and ev["exact"] == "$5"


def test_every_finding_read_in_pages_is_the_one_query_read(tmp_path: Path):
    """All of a run's findings are read a page of findings at a time (one query over a large
    corpus's every finding ran DuckDB out of its memory cap): the same findings, evidence and
    order, whether the pages divide the findings evenly or not."""
    from audit.check.export import FindingStream
    from audit.store import open_store

    text = "Item costs $5 million.\n" * 50
    with open_store(tmp_path / "a.duckdb") as store:
        con = store.con
        con.execute("INSERT INTO documents (document_id, sha256, path, media_type, encoding, "
                    "bytes, chars, text, norm_text, ingested_at) VALUES ('d1', 'x', "
                    "'sources/a.txt', 'text/plain', 'utf-8', ?, ?, ?, ?, now())",
                    [len(text), len(text), text, text])
        con.execute("INSERT INTO document_paths VALUES ('sources/a.txt', 'd1', 1, now())")
        # 21 findings whose seq order differs from their id order, two with no evidence
        con.execute("INSERT INTO findings (run_id, finding_id, seq, check_name, class, "
                    "severity, message, accepted, details) SELECT 'r1', 'f' || (20 - i), i, "
                    "'value-conflict', 'value-conflict', 'error', 'm' || i, false, '{}' "
                    "FROM range(21) t(i)")
        con.execute("""INSERT INTO finding_evidence (run_id, finding_id, seq, document_id,
                        span_id, start_char, end_char, exact)
                        SELECT 'r1', 'f' || (i // 3), i % 3, 'd1', NULL, 11, 13, '$5'
                        FROM range(57) t(i)""")
        whole = list(FindingStream(con, "r1"))
        for chunk in (1, 4, 7, 21, 22):
            stream = FindingStream(con, "r1")
            stream.CHUNK = chunk
            stream.PAGE = 2  # select() of more ids than a page reads every finding
            assert list(stream) == whole, chunk
            assert list(stream.select([f["id"] for f in whole[::2]])) == whole[::2]
    assert [f["message"] for f in whole] == [f"m{i}" for i in range(21)]
    assert [len(f["evidence"]) for f in whole][:3] == [0, 0, 3]


def test_a_query_interrupted_before_the_watcher_marked_ctrl_c_still_counts_as_ctrl_c():
    """DuckDB can see a pending Ctrl-C and stop its query before the watcher thread has marked
    the request; the error is then Ctrl-C's once the mark follows within the grace time."""
    import threading

    from audit import interrupt

    interrupt._requested.clear()
    try:
        assert not interrupt.came(RuntimeError("Query interrupted"))  # no Ctrl-C at all
        timer = threading.Timer(0.2, interrupt._requested.set)
        timer.start()
        assert interrupt.came(RuntimeError("Query interrupted"))
        timer.join()
        interrupt._requested.clear()
        assert not interrupt.came(ValueError("a bad date"))  # an ordinary error stays one
    finally:
        interrupt._requested.clear()
