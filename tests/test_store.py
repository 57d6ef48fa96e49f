"""Exports: every format holds one row per record (documents) or per item (the other tables), keyed by doc_id
and item id, with the links between items kept as columns."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from extractor.batch import run_batch
from extractor.cli import app
from extractor.store import DuckDBStore, layout, read_records

SEEDS = Path(__file__).parent.parent / "corpora" / "seeds"
TABLES = list(layout())


@pytest.fixture(scope="module")
def records_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("records")
    run_batch([SEEDS], out)
    return out


@pytest.fixture(scope="module")
def expected(records_dir) -> dict[str, int]:
    records = list(read_records(records_dir))
    return {t: len(records) if t == "documents" else sum(len(r[t]) for r in records) for t in TABLES}


def row_counts(fmt: str, written: Path) -> dict[str, int]:
    if fmt == "duckdb":
        with duckdb.connect(str(written), read_only=True) as db:
            return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}
    if fmt == "parquet":
        return {t: pq.read_metadata(written / f"{t}.parquet").num_rows for t in TABLES}
    if fmt == "csv":
        counts = {}
        for t in TABLES:
            with open(written / f"{t}.csv", encoding="utf-8-sig", newline="") as handle:
                counts[t] = sum(1 for _ in csv.reader(handle)) - 1
        return counts
    workbook = load_workbook(written, read_only=True)
    return {t: sum(1 for _ in workbook[t].iter_rows()) - 1 for t in TABLES}


@pytest.mark.parametrize("fmt", ["duckdb", "parquet", "csv", "xlsx"])
def test_row_counts_match_the_records(fmt, records_dir, expected, tmp_path):
    result = CliRunner().invoke(app, ["export", str(records_dir), "--to", fmt, "-o", str(tmp_path / f"out.{fmt}")])
    assert result.exit_code == 0, result.output
    assert all(expected[t] > 0 for t in ("documents", "sections", "measures", "quotas"))
    assert row_counts(fmt, tmp_path / f"out.{fmt}") == expected


def test_xlsx_headers_are_chinese(records_dir, tmp_path):
    CliRunner().invoke(app, ["export", str(records_dir), "--to", "xlsx", "-o", str(tmp_path / "r.xlsx")])
    workbook = load_workbook(tmp_path / "r.xlsx", read_only=True)
    header = next(workbook["quotas"].iter_rows(values_only=True))
    assert header == tuple(c.header for c in layout()["quotas"])
    assert header[:3] == ("文档编号", "指标编号", "指标原文")


def test_links_and_keys_in_duckdb(records_dir, tmp_path):
    CliRunner().invoke(app, ["export", str(records_dir), "-o", str(tmp_path / "r.duckdb")])
    records = {r["doc_id"]: r for r in read_records(records_dir)}
    with duckdb.connect(str(tmp_path / "r.duckdb"), read_only=True) as db:
        for table in TABLES[1:]:
            assert db.execute(f'SELECT count(*) = count(DISTINCT (doc_id, id)) FROM "{table}"').fetchone() == (True,)
        measures = db.execute("SELECT doc_id, id, units, quotas, start, category FROM measures").fetchall()
        assert any(units for _, _, units, _, _, _ in measures)
        for doc_id, item_id, units, quotas, start, category in measures:
            (measure,) = [m for m in records[doc_id]["measures"] if m["id"] == item_id]
            assert (units, quotas, start, category) == (measure["units"], measure["quotas"], measure["span"][0],
                                                        measure["category"])
        region = db.execute("SELECT province, admin_level FROM documents ORDER BY doc_id").fetchall()
        assert region == [(records[d]["metadata"]["region"]["province"], records[d]["metadata"]["admin_level"])
                          for d in sorted(records)]


def test_adding_a_document_again_replaces_its_rows(records_dir, expected, tmp_path):
    records = list(read_records(records_dir))
    with DuckDBStore(tmp_path / "db.duckdb") as store:
        store.add(records)
        store.add(records[:2])
        assert store.doc_ids() == {r["doc_id"] for r in records}
        assert store.connection.execute("SELECT count(*) FROM quotas").fetchone() == (expected["quotas"],)


def test_missing_records_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["export", str(tmp_path), "--to", "csv"])
    assert result.exit_code == 1 and "no records.jsonl here" in " ".join(result.output.split())


def test_list_cells_in_csv(records_dir, tmp_path):
    CliRunner().invoke(app, ["export", str(records_dir), "--to", "csv", "-o", str(tmp_path)])
    with open(tmp_path / "measures.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    records = {r["doc_id"]: r for r in read_records(records_dir)}
    for row in rows:
        (measure,) = [m for m in records[row["doc_id"]]["measures"] if m["id"] == row["id"]]
        assert row["units"] == "; ".join(measure["units"])
