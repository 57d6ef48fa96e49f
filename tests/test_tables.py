"""Tables: flattened layouts in text (cases in tests/cases/tables.jsonl), seed 004's table from every format,
and table cells kept out of the body text that quotas are read from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.pipeline import extract_file, extract_text
from extractor.structure.tables import find_tables

ROOT = Path(__file__).resolve().parents[1]
CASES = [json.loads(line) for line in (ROOT / "tests" / "cases" / "tables.jsonl").open(encoding="utf-8")]
SEED_004 = "004_75e9794d5161ca6f"
FORMATS = ROOT / "tests" / "fixtures" / "formats"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_flattened_tables(case):
    found = [{"title": t.title, "header": t.header, "rows": t.rows} for t in find_tables(case["text"])]
    assert found == case["tables"]


def test_table_span_covers_its_lines():
    text = CASES[0]["text"]
    (table,) = find_tables(text)
    assert text[table.span[0]:table.span[1]].startswith("县 别 |") and text[:table.span[1]].endswith("19 |")


def _squeezed(table) -> tuple:
    return tuple("".join(c.split()) for c in table["header"]), \
        tuple(tuple("".join(c.split()) for c in row) for row in table["rows"])


@pytest.fixture(scope="module")
def gold_004() -> dict:
    (table,) = json.loads((ROOT / "gold" / "5b0c2025a8724a22.json").read_text("utf-8"))["tables"]
    return table


@pytest.mark.parametrize("path", [ROOT / "corpora" / "seeds" / f"{SEED_004}.txt", FORMATS / f"{SEED_004}.pdf",
                                  FORMATS / f"{SEED_004}.docx"], ids=["txt", "pdf", "docx"])
def test_seed_004_table_from_every_format(path, gold_004):
    record = extract_file(path)
    (table,) = record.tables
    assert table.title == gold_004["title"]
    assert len(table.header) == 8 and len(table.rows) == 13
    assert _squeezed(table.model_dump()) == _squeezed(gold_004)
    assert all(" " not in cell for row in table.rows for cell in row), "layout padding left in a cell"
    span_text = record.text.normalized[table.span[0]:table.span[1]]
    assert span_text.replace(" ", "").startswith("县别") and span_text.rstrip(" |").endswith("9143")


def test_numbers_in_table_cells_are_not_quotas():
    text = ("关于下达2016年脱贫任务的通知\n各乡镇:\n全县2016年计划减贫1200户。\n"
            "乡镇\t贫困户\t脱贫户\n城关镇\t120户\t60户\n石城乡\t80户\t40户\n")
    record = extract_text(text)
    assert [t.rows for t in record.tables] == [[["城关镇", "120户", "60户"], ["石城乡", "80户", "40户"]]]
    assert [q.text for q in record.quotas] == ["1200户"]
