"""Years of quotas from their context (cases in tests/cases/quota_years.jsonl: text → [quota text, year])."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.extract.items import extract_quotas
from extractor.normalize import normalize
from extractor.structure.document import analyze

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "cases" / "quota_years.jsonl").read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["note"][:40] for c in CASES])
def test_quota_years_in_context(case):
    quotas = extract_quotas(analyze(normalize(case["text"])), "方案")
    assert [[q.text, q.year] for q in quotas] == case["years"]
