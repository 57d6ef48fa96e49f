"""Records → one Arrow table per entity, laid out by the data file ``models/store/tables.tsv``.

``documents`` has one row per record (metadata flattened); ``sections``, ``targets``, ``measures``, ``units``,
``quotas`` and ``tables`` have one row per item, keyed by ``doc_id`` and the item's ``id``, with the links
between items (a measure's quotas and units, a unit's measures, an item's section or parent) as columns of
item ids. Every writer (DuckDB, Parquet, CSV, XLSX) starts from these tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyarrow as pa

from extractor.resources import read_lines

DOCUMENTS = "documents"
_TYPES = {
    "string": pa.string(),
    "int64": pa.int64(),
    "double": pa.float64(),
    "bool": pa.bool_(),
    "list<string>": pa.list_(pa.string()),
    "list<list<string>>": pa.list_(pa.list_(pa.string())),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    field: tuple[str, ...]
    header: str


@cache
def layout() -> dict[str, tuple[Column, ...]]:
    """Table name → its columns, in the order of ``tables.tsv``."""
    tables: dict[str, list[Column]] = {}
    for line in read_lines("store", "tables.tsv"):
        table, name, type_name, field, header = line.split("\t")
        tables.setdefault(table, []).append(Column(name, _TYPES[type_name], tuple(field.split(".")), header))
    return {name: tuple(columns) for name, columns in tables.items()}


def schema(table: str) -> pa.Schema:
    return pa.schema([(column.name, column.type) for column in layout()[table]])


def _lookup(value: Any, field: tuple[str, ...]) -> Any:
    for key in field:
        if value is None:
            return None
        if key.isdigit():
            value = value[int(key)]
        elif isinstance(value, list):
            value = [item.get(key) for item in value]
        else:
            value = value.get(key)
    return value


def rows(record: dict, table: str) -> Iterator[dict]:
    """The rows ``record`` contributes to ``table``."""
    columns = layout()[table]
    items = [record] if table == DOCUMENTS else record.get(table, [])
    for item in items:
        yield {c.name: record["doc_id"] if c.field == ("@doc_id",) else _lookup(item, c.field) for c in columns}


def arrow_tables(records: Iterable[dict]) -> dict[str, pa.Table]:
    """One Arrow table per entity for a chunk of records."""
    records = list(records)
    return {
        table: pa.Table.from_pylist([row for record in records for row in rows(record, table)], schema=schema(table))
        for table in layout()
    }
