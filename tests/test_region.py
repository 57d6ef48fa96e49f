"""Administrative level and region through the gazetteer (cases in tests/cases/regions.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.extract.gazetteer import load_gazetteer
from extractor.extract.region import resolve_region
from extractor.model import Metadata

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "regions.jsonl").read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_region(case):
    metadata = Metadata(issuers=case["issuers"], title=case["title"], doc_type=case.get("doc_type", "方案"))
    level, region = resolve_region(metadata, case["text"])
    assert [level, region.province, region.city, region.county, region.township, region.code] == case["expected"]


def test_gazetteer_has_all_levels_and_renames():
    gazetteer = load_gazetteer()
    assert len(gazetteer.by_name) > 30000
    (taizhou,) = [n for n in gazetteer.lookup("泰州市") if n.level == "city"]
    assert taizhou.code == "321200" and taizhou.parent.name == "江苏省"
    # 沙县 became 沙县区 and 梅列区 merged into 三元区 in 2021: texts before resolve as they were then
    assert [(n.name, n.code, n.parent.name) for n in gazetteer.lookup("沙县")] == [("沙县", "350427", "三明市")]
    assert [(n.name, n.code) for n in gazetteer.lookup("梅列区")] == [("梅列区", "350402")]
    assert [n.name for n in gazetteer.lookup("襄樊市")] == ["襄阳市"]  # renamed 2010: its successor
