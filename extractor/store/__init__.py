"""Storage and exports: the records of a run as one table per entity, in DuckDB, Parquet, CSV or XLSX."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from extractor.store.tables import arrow_tables, layout
from extractor.store.writers import FORMATS, WRITERS, DuckDBStore, StoreError

__all__ = ["FORMATS", "DuckDBStore", "StoreError", "arrow_tables", "default_output", "export", "layout",
           "read_records"]

_DEFAULT_NAMES = {"duckdb": "records.duckdb", "parquet": "parquet", "csv": "csv", "xlsx": "records.xlsx"}


def read_records(source: Path) -> Iterator[dict]:
    """Records of an output folder (its ``records.jsonl``) or of a JSONL file, one at a time."""
    path = source / "records.jsonl" if source.is_dir() else source
    if not path.is_file():
        raise StoreError(f"{source}: no records.jsonl here (run `extractor extract` into this folder first)")
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def default_output(source: Path, fmt: str) -> Path:
    return (source if source.is_dir() else source.parent) / _DEFAULT_NAMES[fmt]


def export(source: Path, fmt: str, out: Path | None = None) -> Path:
    """Write the records of ``source`` as ``fmt`` (a file for duckdb/xlsx, a folder of files otherwise)."""
    if fmt not in WRITERS:
        raise StoreError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    out = out or default_output(source, fmt)
    WRITERS[fmt](read_records(source), out)
    return out
