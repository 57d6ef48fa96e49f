"""Batch runs: many files in, one record per document out, one status per file (SPEC section 5).

The main process discovers the files, reads and hashes each one (its doc_id is the content hash), skips the
documents whose record already exists and the repeats of a document earlier in the run, and hands the rest
— path and bytes — to an executor: inline (one process), a local process pool, or a Dask cluster
(``extractor.engines``). A worker turns bytes into a record JSON string and either writes it to the output
folder itself (workers that share this machine's files) or sends it back for the main process to write;
records are named by content and ``records.jsonl`` is assembled by the main process in input order, so the
output does not depend on the engine or on the order work finishes in.

A file that fails gives an entry in ``errors.jsonl`` naming the file, the stage, the error class and the
reason; the other files are still written. Every output file is written to a temporary name and renamed
into place, so a killed run never leaves a truncated record, and a re-run skips documents whose record
already exists. ``records.jsonl`` is rebuilt from the per-document records at the end of every run, in
input order, so an interrupted and resumed run ends with exactly the output of an uninterrupted one.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from extractor.ingest import FORMATS, MAX_BYTES, IngestError, read_bytes

RECORDS = "records.jsonl"
ERRORS = "errors.jsonl"


@dataclass(frozen=True)
class Limits:
    """What one document may take; a document over a limit fails with an error saying which and by how much."""

    max_bytes: int = MAX_BYTES
    max_pages: int | None = 2000
    max_seconds: float | None = 300.0


@dataclass(frozen=True)
class Outcome:
    path: str
    status: str  # "ok" | "skipped" (record already there) | "duplicate" (same bytes earlier in the run) | "error"
    doc_id: str | None = None
    stage: str | None = None
    error: str | None = None
    message: str | None = None
    chars: int = 0


@dataclass(frozen=True)
class Extracted:
    """What a worker sends back: the document's status and, when it succeeded and the worker did not write it
    itself, its record as JSON."""

    outcome: Outcome
    record_json: str | None = None


class DocumentTimeout(Exception):
    """Raised inside a worker when a document runs past ``Limits.max_seconds``."""


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Input files under ``paths`` (folders recursively), in a stable order; hidden and lock files skipped."""
    found: list[Path] = []
    for path in map(Path, paths):
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for candidate in candidates:
            parts = candidate.relative_to(path).parts if path.is_dir() else (candidate.name,)
            if any(part.startswith((".", "~$")) for part in parts):
                continue
            if path.is_dir() and candidate.suffix.lower() not in FORMATS:
                continue
            found.append(candidate)
    return found


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[str]]:
    """A text file that appears at ``path`` complete or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yield out
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_atomic(path: Path, data: str) -> None:
    with atomic_writer(path) as out:
        out.write(data)


def remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed run left behind (one run per output folder at a time)."""
    for stale in out_dir.glob(".*.tmp"):
        stale.unlink(missing_ok=True)


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``DocumentTimeout`` in this thread once ``seconds`` have passed.

    On a process's main thread (the local engines) a SIGALRM timer does it; on other threads (a Dask worker
    runs tasks in a thread pool) the exception is posted to the thread with ``PyThreadState_SetAsyncExc``.
    Either way it lands between Python bytecodes, so a single long call into C finishes first.
    """
    if not seconds:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def expire(signum, frame):
            raise DocumentTimeout

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    thread_id = ctypes.c_ulong(threading.get_ident())
    fired = threading.Event()

    def expire_thread():
        fired.set()
        ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, ctypes.py_object(DocumentTimeout))

    timer = threading.Timer(seconds, expire_thread)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        timer.join()
        if fired.is_set():  # clear an exception that was posted but not yet raised
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, None)


def extract_document(path: str, data: bytes, limits: Limits = Limits(), out_dir: str | None = None) -> Extracted:
    """Bytes of one file → its record as JSON, or an error status; runs in a worker and never raises. With
    ``out_dir`` the worker writes the record there and sends back only the status."""
    # Imported here: the main process of a pool run never builds a record, and spaCy takes a second to load.
    from extractor.pipeline import build_record

    stage = "ingest"
    try:
        with deadline(limits.max_seconds):
            source = read_bytes(data, path)
            if limits.max_pages and source.pages and source.pages > limits.max_pages:
                raise IngestError(path, f"{source.pages} pages is over the {limits.max_pages}-page limit",
                                  "too_many_pages")
            stage = "extract"
            record = build_record(source)
            record_json = record.to_json()
        if out_dir is not None:  # outside the deadline: a record on disk is never reported as timed out
            stage = "write"
            write_atomic(Path(out_dir) / f"{record.doc_id}.json", record_json + "\n")
        outcome = Outcome(path, "ok", record.doc_id, chars=record.text.chars)
        return Extracted(outcome, None if out_dir is not None else record_json)
    except DocumentTimeout:
        return _failed(path, stage, "timeout", f"took longer than the {limits.max_seconds:g}-second limit")
    except IngestError as exc:
        return _failed(path, stage, exc.code, exc.reason)
    except Exception as exc:  # a bug on one document must not stop the batch; it is reported, not hidden
        return _failed(path, stage, type(exc).__name__, str(exc))


def _failed(path: str, stage: str, error: str, message: str) -> Extracted:
    return Extracted(Outcome(path, "error", stage=stage, error=error, message=message))


def _read(path: Path, limits: Limits) -> bytes | Outcome:
    """The file's bytes, or the error status of a file that cannot be read or is over the size limit."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return Outcome(str(path), "error", stage="ingest", error="too_large",
                           message=f"file of {size} bytes is over the {limits.max_bytes}-byte limit")
        return path.read_bytes()
    except OSError as exc:
        return Outcome(str(path), "error", stage="ingest", error=type(exc).__name__, message=exc.strerror or str(exc))


class InlineExecutor(Executor):
    """Runs each task at submission, in this process: the one-worker engine."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


class RecordSink:
    """Where finished records go besides their JSON file: an optional store, fed in chunks."""

    def __init__(self, store=None, chunk: int = 256):
        self.store, self.chunk, self.pending = store, chunk, []

    def add(self, record_json: str) -> None:
        if self.store is None:
            return
        self.pending.append(json.loads(record_json))
        if len(self.pending) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if self.store is not None and self.pending:
            self.store.add(self.pending)
            self.pending = []

    def catch_up(self, out_dir: Path, outcomes: list[Outcome]) -> None:
        """Add the records of this run the store lacks (documents finished by a killed run, say)."""
        if self.store is None:
            return
        self.flush()
        present = self.store.doc_ids()
        for outcome in outcomes:
            if outcome.status in ("ok", "skipped") and outcome.doc_id not in present:
                self.add((out_dir / f"{outcome.doc_id}.json").read_text("utf-8"))
        self.flush()


def run_batch(paths: Iterable[str | Path], out_dir: Path, *, executor: Executor | None = None, window: int = 1,
              limits: Limits = Limits(), store=None, workers_write: bool = False,
              progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Extract every file under ``paths`` into ``out_dir``; ``executor`` runs the documents (default: inline)
    with at most ``window`` in flight; ``store`` (a ``DuckDBStore``, say) also receives every record.
    ``workers_write``: the workers see ``out_dir`` and write the records themselves (a local pool), which
    spares this process receiving and writing every record."""
    files = discover(paths)
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out_dir)
    executor = executor or InlineExecutor()
    sink = RecordSink(store)
    outcomes: list[Outcome | None] = [None] * len(files)
    in_flight: dict[Future, int] = {}
    first_seen: dict[str, int] = {}

    def settle(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if progress:
            progress(outcome)

    def collect(done: Iterable[Future]) -> None:
        for future in done:
            index = in_flight.pop(future)
            try:
                extracted = future.result()
            except Exception as exc:  # the worker itself died (killed, out of memory) on this document
                extracted = _failed(str(files[index]), "extract", type(exc).__name__, str(exc) or "worker lost")
            if extracted.record_json is not None:
                write_atomic(out_dir / f"{extracted.outcome.doc_id}.json", extracted.record_json + "\n")
                sink.add(extracted.record_json)
            elif extracted.outcome.status == "ok" and sink.store is not None:  # a worker wrote it
                sink.add((out_dir / f"{extracted.outcome.doc_id}.json").read_text("utf-8"))
            settle(index, extracted.outcome)

    for index, path in enumerate(files):
        data = _read(path, limits)
        if isinstance(data, Outcome):
            settle(index, data)
            continue
        doc_id = hashlib.sha256(data).hexdigest()[:16]
        if doc_id in first_seen:
            settle(index, Outcome(str(path), "duplicate", doc_id,
                                  message=f"same content as {files[first_seen[doc_id]]}"))
            continue
        first_seen[doc_id] = index
        if (out_dir / f"{doc_id}.json").exists():
            settle(index, Outcome(str(path), "skipped", doc_id))
            continue
        try:
            in_flight[executor.submit(extract_document, str(path), data, limits,
                                      str(out_dir) if workers_write else None)] = index
        except BrokenExecutor as exc:  # a worker died and took the pool with it: report, go on, resume later
            settle(index, _failed(str(path), "extract", type(exc).__name__, f"{exc} (re-run to retry)").outcome)
            continue
        if len(in_flight) >= window:
            collect(wait(in_flight, return_when=FIRST_COMPLETED).done)
    collect(wait(in_flight).done)
    finished = [o for o in outcomes if o is not None]
    sink.catch_up(out_dir, finished)
    finish(out_dir, finished)
    return finished


def finish(out_dir: Path, outcomes: list[Outcome]) -> None:
    """Rebuild ``records.jsonl`` and ``errors.jsonl`` from this run's statuses, in input order."""
    with atomic_writer(out_dir / RECORDS) as records:
        for outcome in outcomes:
            if outcome.status in ("ok", "skipped"):
                records.write((out_dir / f"{outcome.doc_id}.json").read_text("utf-8").rstrip("\n") + "\n")
    with atomic_writer(out_dir / ERRORS) as errors:
        for o in outcomes:
            if o.status == "error":
                errors.write(json.dumps({"file": o.path, "stage": o.stage, "error": o.error, "message": o.message},
                                        ensure_ascii=False) + "\n")
