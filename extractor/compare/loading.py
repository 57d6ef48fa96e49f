"""Records in for comparison: a folder of ``<doc_id>.json`` or a ``records.jsonl`` (what `extract` writes).

Loading is tolerant the way a batch is (SPEC section 5): a line or file that is not a valid record becomes a
``LoadError`` naming where it came from and why, and every other record is still compared.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.model import Record

DATABASE_SUFFIXES = (".duckdb", ".db")


@dataclass(frozen=True)
class LoadError:
    origin: str
    reason: str


@dataclass
class LoadedRecords:
    records: list[Record] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)


def load_records(path: str | Path) -> LoadedRecords:
    """Records from ``path`` in a stable order (input order for JSONL, doc_id order for folders)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    loaded = LoadedRecords()
    seen: set[str] = set()
    for origin, data in _sources(path, loaded):
        if isinstance(data, dict) and "error" in data and "doc_id" not in data:
            continue  # an errors.jsonl entry: the batch already reported it
        try:
            record = Record.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            loaded.errors.append(LoadError(origin, f"not a record: {where}: {first['msg']}"))
            continue
        if record.doc_id in seen:
            loaded.errors.append(LoadError(origin, f"duplicate doc_id {record.doc_id}; the first one is kept"))
            continue
        seen.add(record.doc_id)
        loaded.records.append(record)
    return loaded


def _sources(path: Path, loaded: LoadedRecords) -> Iterator[tuple[str, Any]]:
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if not p.name.startswith("."))
        if not files and (path / "records.jsonl").exists():
            yield from _sources(path / "records.jsonl", loaded)
            return
        for file in files:
            try:
                yield str(file), json.loads(file.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                loaded.errors.append(LoadError(str(file), f"unreadable JSON: {exc}"))
    elif path.suffix.lower() in DATABASE_SUFFIXES:
        from extractor.store.writers import DuckDBStore  # duckdb loads only for a database input

        try:
            with DuckDBStore(path, read_only=True) as store:
                for record in store.records():
                    yield f"{path}:{record.get('doc_id')}", record
        except Exception as exc:  # not a database of ours: say so, as for any unreadable input
            loaded.errors.append(LoadError(str(path), f"unreadable database: {exc}"))
    else:
        try:
            lines = path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            loaded.errors.append(LoadError(str(path), f"unreadable: {exc}"))
            return
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield f"{path}:{number}", json.loads(line)
            except json.JSONDecodeError as exc:
                loaded.errors.append(LoadError(f"{path}:{number}", f"unreadable JSON line: {exc}"))

