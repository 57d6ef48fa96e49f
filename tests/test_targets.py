"""Targets (cases in tests/cases/targets.jsonl: text → [target text, year])."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.extract.targets import find_targets
from extractor.normalize import normalize
from extractor.structure.document import analyze

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "cases" / "targets.jsonl").read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["note"][:40] for c in CASES])
def test_targets(case):
    document = analyze(normalize(case["text"]))
    assert [[document.text[a:b], year] for a, b, year in find_targets(document)] == case["targets"]
