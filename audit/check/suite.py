"""The consistency suite: a Great Expectations Expectation Suite over candidate rows.

DuckDB computes the candidates (one module per check in ``checks/``); they are put into one
pandas DataFrame with a ``check`` column, and each expectation judges the rows of its check (a
GX ``row_condition``).
A project's suite lives in ``checks/consistency.json`` in GX's own serialised form, so
severities (GX's critical / warning / info) and thresholds (``max_value`` ...) are edited
there; without one, the built-in suite is made from the check modules' ``EXPECTATIONS``.
"""

from __future__ import annotations

import json
import logging
import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.errors import ConfigError
from audit.projectfiles import ProjectFileError, read_suite
from audit.severity import GX_NAMES

SUITE_FILE = "consistency.json"
# Great Expectations' severity names -> ours.
GX_TO_SEVERITY = {gx: ours for ours, gx in GX_NAMES.items()}


# Candidate rows for the judge: a list of dicts (``cid``, ``check`` and judged columns), or the
# same rows as columns of one length (``columns``: cheaper to build and to send to a worker
# than one dict per row); a judged column a row lacks is None either way.
Rows = list[dict] | dict[str, list]


def as_columns(rows: list[tuple[str, str, dict[str, Any]]]) -> dict[str, list]:
    """Rows ``(cid, check, judged)`` as the judge's columns (a judged value overrides ``cid``
    or ``check`` as it would in a row dict)."""
    n = len(rows)
    out: dict[str, list] = {"cid": [r[0] for r in rows], "check": [r[1] for r in rows]}
    for k, (_, _, judged) in enumerate(rows):
        for name, value in judged.items():
            col = out.get(name)
            if col is None:
                col = out[name] = [None] * n
            col[k] = value
    return out


@dataclass(frozen=True)
class Judgement:
    cid: str
    check: str
    cls: str
    severity: str
    expectation: str  # the expectation's description


def load_suite(checks_dir: Path | None) -> tuple[dict, Path | None]:
    """The suite from ``checks/consistency.json``, or the built-in one (each check module's
    expectations) when there is none."""
    path = checks_dir / SUITE_FILE if checks_dir else None
    if path is None or not path.is_file():
        from audit.check.checks import default_suite

        return default_suite(), None
    data = read_suite(path)
    validate_expectations(data, path)
    _check_confidence(data, path)
    return data, path


def _check_confidence(data: dict, path: Path | None) -> None:
    """``meta.confidence``: the lowest confidence for an error and for a warning, in [0, 1]."""
    meta = data.get("meta")
    given = meta.get("confidence") if isinstance(meta, dict) else None
    if given is None:
        return
    if not isinstance(given, dict) or set(given) - {"error", "warning"} or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1
            for v in given.values()):
        raise ConfigError("meta.confidence must map 'error' and/or 'warning' to numbers "
                          "between 0 and 1", path)
    if given.get("error", 0.6) < given.get("warning", 0.3):
        raise ConfigError("meta.confidence: the error threshold is below the warning one", path)


_COLUMN_KWARGS = ("column", "column_A", "column_B")


def candidate_columns() -> tuple[str, ...]:
    """The columns of the candidate frame an expectation may name (kwargs or row_condition)."""
    from audit.check.checks import judged_columns

    return ("cid", "check", *judged_columns())
_OPERATORS = ("==", "!=", "<", "<=", ">", ">=", "IN", "NOT_IN")


def validate_expectations(data: dict, path: Path) -> None:
    """Refuse expectations that GX would quietly turn off: a column the candidates do not
    have, a row_condition that is a plain string or not a well-formed condition (GX then
    judges nothing, and the check passes). Checked without importing GX, with a loop."""
    for n, e in enumerate(data["expectations"], 1):
        where = f"expectation #{n} ({e['type']}, {e['meta']['check']})"
        kwargs = e.get("kwargs") or {}
        named = [kwargs[k] for k in _COLUMN_KWARGS if k in kwargs]
        if "column_list" in kwargs:
            named += kwargs["column_list"] if isinstance(kwargs["column_list"], list) else [None]
        cond = kwargs.get("row_condition")
        if cond is None:
            raise ProjectFileError(f"{where}: needs a row_condition selecting its check's rows "
                                   f'(check == "{e["meta"]["check"]}")', path)
        todo, depth = [(cond, 0)], 0
        while todo:
            c, depth = todo.pop()
            if not isinstance(c, dict) or depth > 3:
                raise ProjectFileError(f"{where}: row_condition must be a condition object "
                                       "(type comparison, nullity, and, or), not "
                                       f"{json.dumps(c)[:60]}", path)
            kind = c.get("type")
            if kind in ("and", "or"):
                subs = c.get("conditions")
                if not isinstance(subs, list) or not subs:
                    raise ProjectFileError(f"{where}: a '{kind}' row_condition needs a list of "
                                           "conditions", path)
                todo.extend((s, depth + 1) for s in subs)
                continue
            col = c.get("column")
            if kind not in ("comparison", "nullity") or not isinstance(col, dict):
                raise ProjectFileError(f"{where}: row_condition type {kind!r} is not one of "
                                       "comparison, nullity, and, or", path)
            if kind == "comparison" and c.get("operator") not in _OPERATORS:
                raise ProjectFileError(f"{where}: row_condition operator {c.get('operator')!r}"
                                       f" is not one of {' '.join(_OPERATORS)}", path)
            named.append(col.get("name"))
        columns = candidate_columns()
        unknown = [c for c in named if c not in columns]
        if unknown:
            raise ProjectFileError(f"{where}: unknown column {unknown[0]!r}; the candidates "
                                   f"have {', '.join(columns)}", path)


def _selected_check(expectation: dict) -> str | None:
    """The check whose rows an expectation's row_condition selects (``check == "X"``, alone or
    as the first condition of an "and"), or None when it may select others' rows too."""
    cond = (expectation.get("kwargs") or {}).get("row_condition")
    while isinstance(cond, dict) and cond.get("type") == "and" and cond.get("conditions"):
        cond = cond["conditions"][0]
    if isinstance(cond, dict) and cond.get("type") == "comparison" \
            and cond.get("operator") == "==" and (cond.get("column") or {}).get("name") == "check" \
            and isinstance(cond.get("parameter"), str):
        return cond["parameter"]
    return None


class _Session:
    """A GX context holding the suite and a batch definition over a dataframe asset: built once,
    then run on each chunk of candidate rows (building it costs ~0.25 s)."""

    def __init__(self, suite_data: dict, suite_path: Path | None, spark: Any = None):
        """``spark``: a Spark session; the suite then judges Spark DataFrames (GX's Spark
        datasource) instead of pandas ones (the Spark engine's check stage)."""
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
        logging.getLogger("great_expectations").setLevel(logging.CRITICAL)  # errors raised here
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self.where = suite_path or "built-in suite"
        ctx = gx.get_context(mode="ephemeral")
        ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
        try:
            suite = gx.ExpectationSuite(**{k: v for k, v in suite_data.items()
                                           if k in ("name", "expectations", "meta", "notes")})
        except Exception as exc:  # GX raises many types for a bad suite
            raise ConfigError(f"invalid expectation suite: {exc}", self.where) from None
        given = [str(e.get("type")) for e in suite_data.get("expectations") or []]
        if len(suite.expectations) < len(given):  # GX logs and drops what it cannot build
            built = {e.expectation_type for e in suite.expectations}
            raise ConfigError("unknown or invalid expectation(s): "
                              + ", ".join(sorted(set(given) - built) or given), self.where)
        if not suite.expectations:
            raise ConfigError("the suite has no expectations; zero checks would run", self.where)
        self.suite = ctx.suites.add(suite)
        self._ctx, self._data = ctx, suite_data
        self._by_check = [_selected_check(e) for e in suite_data.get("expectations") or []]
        self._subsuites: dict[tuple[int, ...], Any] = {}
        source = ctx.data_sources.add_spark("audit", persist=False) \
            if spark is not None else ctx.data_sources.add_pandas("audit")
        self.batch = source.add_dataframe_asset("candidates").add_batch_definition_whole_dataframe(
            "all")
        # the rejected rows' frame index (positions in the chunk) is what comes back, not their
        # ids looked up row by row; the batch is validated directly (Batch.validate), not
        # through a checkpoint, which would also serialise every COMPLETE result into the
        # context's results store (a third of GX's time) only for us to never read it. A Spark
        # DataFrame has no positions: its rejected rows come back by their ``cid`` column.
        self.result_format: dict[str, Any] = {"result_format": "COMPLETE",
                                              "return_unexpected_index_query": False}
        if spark is not None:
            self.result_format["unexpected_index_column_names"] = ["cid"]

    def judge(self, rows: Rows) -> list[Judgement]:
        """Validate ``rows`` (dicts, or the same as columns: see :data:`Rows`) with the suite;
        return the rejections."""
        import pandas as pd

        from audit.check.checks import judged_columns

        columns = ["cid", "check", *judged_columns()]
        if isinstance(rows, dict):  # each column inferred from its values alike
            n = len(rows["cid"])
            frame = pd.DataFrame({c: rows[c] if c in rows else [None] * n for c in columns},
                                 columns=columns)
            cids = list(rows["cid"])
        else:
            frame = pd.DataFrame([{c: r.get(c) for c in columns} for r in rows],
                                 columns=columns)
            cids = [r["cid"] for r in rows]  # the frame's index is their position
        frame = frame.astype(object).where(frame.notna(), None)
        check_of = dict(zip(cids, frame["check"], strict=True))
        suite = self._suite_for(set(check_of.values()))
        if suite is None:
            return []  # no expectation selects any of these rows
        return self.rejections(self._validate(frame, suite), check_of, cids)

    def _suite_for(self, checks: set[str]) -> Any:
        """The suite without the expectations whose row_condition selects another check's rows
        only: on a chunk without such rows GX would judge nothing with them, yet build each
        one's metrics (~25 ms an expectation, most of a small project's check). None when no
        expectation is left (an empty chunk)."""
        keep = tuple(n for n, c in enumerate(self._by_check) if c is None or c in checks)
        if len(keep) == len(self._by_check):
            return self.suite
        if not keep:
            return None
        if keep not in self._subsuites:
            import great_expectations as gx

            exps = self._data["expectations"]
            self._subsuites[keep] = self._ctx.suites.add(gx.ExpectationSuite(
                name=f"{self.suite.name}-{len(self._subsuites) + 1}",
                expectations=[exps[n] for n in keep], meta=self._data.get("meta")))
        return self._subsuites[keep]

    def judge_frame(self, frame: Any) -> list[Judgement]:
        """Validate a Spark DataFrame of candidate rows (columns ``cid``, ``check`` and the
        judged ones) with the suite; return the rejections."""
        return self.rejections(self._validate(frame), {}, [])

    def _validate(self, frame: Any, suite: Any = None) -> Any:
        return self.batch.get_batch(batch_parameters={"dataframe": frame}).validate(
            suite if suite is not None else self.suite, result_format=self.result_format)

    def rejections(self, result: Any, check_of: dict[str, str], cids: list[str]
                   ) -> list[Judgement]:
        """The rejected rows of a validation result, or a ConfigError for an expectation that
        failed to run (or for no expectation run at all)."""
        out: list[Judgement] = []
        ran = 0
        for vr in [result]:
            for r in vr.results:
                cfg = r.expectation_config
                if cfg is None:  # GX reports every result with its configuration
                    continue
                meta = cfg.meta or {}
                ran += 1
                if r.exception_info and r.exception_info.get("raised_exception"):
                    msg = r.exception_info.get("exception_message", "")
                    raise ConfigError(f"expectation '{cfg.type}' for {meta.get('check')} failed "
                                      f"to run: {msg.splitlines()[0] if msg else 'unknown error'}",
                                      self.where)
                if r.success:
                    continue
                sev = GX_TO_SEVERITY.get(str(getattr(cfg.severity, "value", cfg.severity)),
                                         "error")
                for item in r.result.get("unexpected_index_list") or []:
                    cid = item["cid"] if isinstance(item, dict) else cids[item]
                    out.append(Judgement(cid, str(meta.get("check", check_of.get(cid, "?"))),
                                         meta.get("class", meta.get("check", "?")), sev,
                                         cfg.description or cfg.type))
        if ran == 0:
            raise ConfigError("no expectations ran", self.where)
        return out


class Judge:
    """Judges candidate rows with the suite, in this process or in a worker process.

    Importing Great Expectations and building its context takes ~2.5 s, a large share of a
    re-run after a small edit. ``Judge.start(..., worker=True)`` (``audit run`` on a large
    corpus) does that in a second process while ingest, extraction and resolution run, and
    then sends it each chunk of candidates. Results and errors are the same either way.
    """

    def __init__(self, suite_data: dict, suite_path: Path | None, worker: bool = False):
        self.suite_data, self.suite_path = suite_data, suite_path
        self._session: _Session | None = None
        self._conn: Any = None  # a multiprocessing Connection while a worker runs
        self._proc: Any = None
        self._released = False
        self._sent: deque[Rows] = deque()  # chunks sent, judgements not yet received
        if worker:
            import multiprocessing as mp

            ctx = mp.get_context("spawn")
            self._conn, child = ctx.Pipe()
            self._proc = ctx.Process(target=_serve, name="audit-judge", daemon=True,
                                     args=(child, suite_data, suite_path, os.getpid()))
            self._proc.start()
            child.close()

    def __call__(self, rows: Rows) -> list[Judgement]:
        if self._sent:
            raise RuntimeError("earlier chunks' judgements were not received")
        self.send(rows)
        return self.receive()

    def send(self, rows: Rows) -> None:
        """Hand ``rows`` to the judge; :meth:`receive` returns their rejections, chunk by chunk
        in the order they were sent. A worker judges them meanwhile (the caller builds the next
        candidates on its own core; its reader thread takes each chunk off the pipe at once,
        so sending never waits for a judgement); in this process they are judged when
        received."""
        if self._released:
            raise RuntimeError("the judging process was released")
        self._sent.append(rows)
        if self._proc is not None:
            try:
                self._conn.send(rows)
            except (EOFError, OSError) as exc:
                raise RuntimeError(f"the judging process stopped ({exc!r}; exit code "
                                   f"{self._proc.exitcode})") from None

    @property
    def in_flight(self) -> int:
        """Chunks sent whose judgement was not received yet."""
        return len(self._sent)

    def ready(self) -> bool:
        """Whether :meth:`receive` would return without waiting for a worker (in this
        process: whether anything was sent)."""
        if not self._sent:
            return False
        return self._proc is None or bool(self._conn.poll())

    def receive(self) -> list[Judgement]:
        """The rejections of the oldest chunk sent and not yet received."""
        if not self._sent:
            raise RuntimeError("nothing was sent to the judge")
        rows = self._sent.popleft()
        if self._proc is None:
            if self._session is None:
                self._session = _Session(self.suite_data, self.suite_path)
            return self._session.judge(rows)
        try:
            status, *payload = self._conn.recv()
        except (EOFError, OSError) as exc:
            raise RuntimeError(f"the judging process stopped ({exc!r}; exit code "
                               f"{self._proc.exitcode})") from None
        if status == "ok":
            return payload[0]
        if status == "config":
            raise ConfigError(payload[0])
        raise RuntimeError(f"the judging process failed:\n{payload[0]}")

    def release(self) -> None:
        """Tell the worker to exit, without waiting: its exit overlaps whatever comes next."""
        if self._proc is not None and not self._released:
            self._released = True
            try:
                self._conn.send(None)
            except (OSError, ValueError):
                pass

    def close(self) -> None:
        if self._proc is not None:
            self.release()
            self._proc.join(5)
            if self._proc.is_alive():  # a loaded machine can take longer to let it exit
                self._proc.kill()
                self._proc.join(5)
            self._conn.close()
            self._proc = None

    def __enter__(self) -> Judge:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _serve(conn, suite_data: dict, suite_path: Path | None, parent_pid: int) -> None:
    """The worker: build the session at once (the point of the worker), then judge each list
    of rows received until ``None``. Errors go back as messages, never as a traceback here.

    A reader thread takes each chunk off the pipe as soon as it comes (the parent's ``send``
    never waits for a judgement in progress) and a writer thread sends each judgement back
    (judging the next chunk never waits for the parent to read the last one); chunks are
    judged, and answered, in the order they came."""
    import queue
    import threading
    import traceback

    from audit.engine import keep_spark_out
    from audit.workers import die_with_parent

    die_with_parent(parent_pid)
    keep_spark_out()  # GX would import pyspark when it is installed

    inbox: queue.Queue = queue.Queue()
    outbox: queue.Queue = queue.Queue()

    def read() -> None:
        try:
            while (rows := conn.recv()) is not None:
                inbox.put(rows)
        except (EOFError, OSError):
            pass
        inbox.put(None)

    def write() -> None:
        while (answer := outbox.get()) is not None:
            try:
                conn.send(answer)
            except (OSError, ValueError):  # the parent is gone or closed its end
                return

    threading.Thread(target=read, name="audit-judge-read", daemon=True).start()
    writer = threading.Thread(target=write, name="audit-judge-write", daemon=True)
    writer.start()
    session: _Session | None = None
    error: tuple[str, str] | None = None
    try:
        session = _Session(suite_data, suite_path)
    except ConfigError as exc:
        error = ("config", str(exc))
    except Exception:
        error = ("crash", traceback.format_exc())
    if session is not None and inbox.empty():
        # GX's first validation costs a third more than the next ones: pay it on an empty
        # frame while the parent is still building candidates (the result is not used; a
        # failure here shows again on the first real chunk)
        try:
            session.judge([])
        except Exception:  # noqa: BLE001 - judged again for real
            pass
    while (rows := inbox.get()) is not None:
        if error or session is None:
            outbox.put(error or ("crash", "no session"))
            continue
        try:
            outbox.put(("ok", session.judge(rows)))
        except ConfigError as exc:
            outbox.put(("config", str(exc)))
        except Exception:
            outbox.put(("crash", traceback.format_exc()))
    outbox.put(None)
    writer.join()
