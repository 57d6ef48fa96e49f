"""Batch runs: many files in, one record per document out, one status per file (SPEC section 5).

A file that fails gives an entry in ``errors.jsonl`` naming the file, the stage and the reason; the other
files are still written. Every output file is written to a temporary name and renamed into place, so a
killed run never leaves a truncated record, and a re-run skips documents whose record already exists.
``records.jsonl`` is rebuilt from the per-document records at the end of every run, in a fixed order, so
an interrupted and resumed run ends with exactly the output of an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from extractor.ingest import FORMATS, IngestError, read_document
from extractor.pipeline import build_record

RECORDS = "records.jsonl"
ERRORS = "errors.jsonl"


@dataclass(frozen=True)
class Outcome:
    path: str
    status: str  # "ok" | "skipped" | "error"
    doc_id: str | None = None
    stage: str | None = None
    error: str | None = None
    message: str | None = None
    chars: int = 0


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


def write_atomic(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def process_file(path: Path, out_dir: Path) -> Outcome:
    """Extract one file into ``out_dir/<doc_id>.json``; never raises for a bad input."""
    stage = "ingest"
    try:
        data = path.read_bytes()
        doc_id = hashlib.sha256(data).hexdigest()[:16]
        if (out_dir / f"{doc_id}.json").exists():
            return Outcome(str(path), "skipped", doc_id)
        source = read_document(path)
        stage = "extract"
        record = build_record(source)
        stage = "write"
        write_atomic(out_dir / f"{record.doc_id}.json", record.to_json() + "\n")
        return Outcome(str(path), "ok", record.doc_id, chars=record.text.chars)
    except IngestError as exc:
        return Outcome(str(path), "error", stage=stage, error=exc.code, message=exc.reason)
    except OSError as exc:
        return Outcome(str(path), "error", stage=stage, error=type(exc).__name__, message=str(exc))
    except Exception as exc:  # a bug on one document must not stop the batch; it is reported, not hidden
        return Outcome(str(path), "error", stage=stage, error=type(exc).__name__, message=str(exc))


def run_batch(paths: Iterable[str | Path], out_dir: Path,
              progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    out_dir.mkdir(parents=True, exist_ok=True)
    outcomes = []
    for path in discover(paths):
        outcome = process_file(path, out_dir)
        outcomes.append(outcome)
        if progress:
            progress(outcome)
    finish(out_dir, outcomes)
    return outcomes


def finish(out_dir: Path, outcomes: list[Outcome]) -> None:
    """Rebuild ``records.jsonl`` and ``errors.jsonl`` from this run's statuses, in input order."""
    records, seen = [], set()
    for outcome in outcomes:
        if outcome.doc_id and outcome.status != "error" and outcome.doc_id not in seen:
            seen.add(outcome.doc_id)
            records.append((out_dir / f"{outcome.doc_id}.json").read_text("utf-8").rstrip("\n"))
    write_atomic(out_dir / RECORDS, "".join(line + "\n" for line in records))
    errors = [
        json.dumps({"file": o.path, "stage": o.stage, "error": o.error, "message": o.message}, ensure_ascii=False)
        for o in outcomes if o.status == "error"
    ]
    write_atomic(out_dir / ERRORS, "".join(line + "\n" for line in errors))

