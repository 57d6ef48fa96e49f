"""Writers of the entity tables: a DuckDB database (the embedded default), Parquet files, CSV files and an
XLSX workbook. Each consumes records in chunks, so a corpus larger than memory streams through.

DuckDB keeps one table per entity; ``DuckDBStore.add`` replaces a document's rows (delete, then insert, in
one transaction), so adding the same record twice — a resumed run, a re-export — never duplicates rows.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import islice
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from extractor.store.tables import DOCUMENTS, arrow_tables, layout, schema

CHUNK = 512
FORMATS = ("duckdb", "parquet", "csv", "xlsx")
RECORDS = "records"
# Excel's own limit; a bigger table belongs in Parquet or DuckDB.
XLSX_MAX_ROWS = 1_048_575


class StoreError(Exception):
    """An export that cannot be written as asked (names the output and the reason)."""


def chunks(records: Iterable[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


class DuckDBStore:
    """A DuckDB database file holding the entity tables; safe to add the same documents again."""

    def __init__(self, path: Path, read_only: bool = False):
        if read_only:
            if not path.is_file():
                raise StoreError(f"{path}: no such database")
            self.connection = duckdb.connect(str(path), read_only=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        self.connection = duckdb.connect(str(path))
        for table in layout():
            # An empty Arrow table gives DuckDB the column types, lists included.
            self.connection.register("incoming", schema(table).empty_table())
            self.connection.execute(f'CREATE TABLE IF NOT EXISTS "{table}" AS SELECT * FROM incoming')
            self.connection.unregister("incoming")
        # The whole record as JSON beside the entity tables, so the database alone can rebuild records
        # (extractor compare/report read it); only here: a cell of XLSX holds at most 32,767 characters.
        self.connection.execute(f'CREATE TABLE IF NOT EXISTS "{RECORDS}" (doc_id VARCHAR, record VARCHAR)')

    def add(self, records: list[dict]) -> None:
        if not records:
            return
        doc_ids = sorted({r["doc_id"] for r in records})
        self.connection.begin()
        try:
            for table, data in arrow_tables(records).items():
                self.connection.execute(f'DELETE FROM "{table}" WHERE doc_id IN (SELECT unnest(?))', [doc_ids])
                self.connection.register("incoming", data)
                self.connection.execute(f'INSERT INTO "{table}" SELECT * FROM incoming')
                self.connection.unregister("incoming")
            self.connection.execute(f'DELETE FROM "{RECORDS}" WHERE doc_id IN (SELECT unnest(?))', [doc_ids])
            self.connection.executemany(f'INSERT INTO "{RECORDS}" VALUES (?, ?)',
                                        [(r["doc_id"], json.dumps(r, ensure_ascii=False)) for r in records])
            self.connection.commit()
        except BaseException:
            self.connection.rollback()
            raise

    def records(self) -> Iterator[dict]:
        """The stored records, in doc_id order."""
        for (record,) in self.connection.execute(f'SELECT record FROM "{RECORDS}" ORDER BY doc_id').fetchall():
            yield json.loads(record)

    def doc_ids(self) -> set[str]:
        return {row[0] for row in self.connection.execute(f'SELECT doc_id FROM "{DOCUMENTS}"').fetchall()}

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_duckdb(records: Iterable[dict], path: Path) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        with DuckDBStore(temporary) as store:
            for chunk in chunks(records):
                store.add(chunk)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_parquet(records: Iterable[dict], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        writers = {t: stack.enter_context(pq.ParquetWriter(folder / f"{t}.parquet", schema(t))) for t in layout()}
        for chunk in chunks(records):
            for table, data in arrow_tables(chunk).items():
                writers[table].write_table(data)


def _flat(value):
    """A cell for a flat format: a list of strings joined by "; ", a nested list as JSON."""
    if isinstance(value, list):
        if any(isinstance(item, list) for item in value):
            return json.dumps(value, ensure_ascii=False)
        return "; ".join("" if item is None else str(item) for item in value)
    return value


def _flat_rows(records: Iterable[dict]) -> Iterator[tuple[str, list[list]]]:
    for chunk in chunks(records):
        for table, data in arrow_tables(chunk).items():
            yield table, [[_flat(v) for v in row.values()] for row in data.to_pylist()]


def write_csv(records: Iterable[dict], folder: Path) -> None:
    """One CSV per table, UTF-8 with a byte-order mark so Excel reads the Chinese text."""
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        writers = {}
        for table, columns in layout().items():
            handle = stack.enter_context(open(folder / f"{table}.csv", "w", encoding="utf-8-sig", newline=""))
            writers[table] = csv.writer(handle)
            writers[table].writerow([c.name for c in columns])
        for table, table_rows in _flat_rows(records):
            writers[table].writerows(table_rows)


def write_xlsx(records: Iterable[dict], path: Path) -> None:
    """One sheet per table with Chinese headers; characters XLSX cannot hold (control codes) are dropped."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheets, counts = {}, dict.fromkeys(layout(), 0)
    for table, columns in layout().items():
        sheets[table] = workbook.create_sheet(table)
        sheets[table].freeze_panes = "A2"
        sheets[table].append([c.header for c in columns])
    for table, table_rows in _flat_rows(records):
        counts[table] += len(table_rows)
        if counts[table] > XLSX_MAX_ROWS:
            raise StoreError(f"{path}: table {table} has more than {XLSX_MAX_ROWS} rows, over Excel's limit "
                             "(export to parquet or duckdb instead)")
        for row in table_rows:
            sheets[table].append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


WRITERS = {"duckdb": write_duckdb, "parquet": write_parquet, "csv": write_csv, "xlsx": write_xlsx}
