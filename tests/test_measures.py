"""Measures (cases in tests/cases/measures.jsonl: text → (title, parent title)) and their categories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.extract.categories import classify, classify_keywords, group_category, load_taxonomy
from extractor.extract.measures import find_measures
from extractor.normalize import normalize
from extractor.structure.document import analyze

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "cases" / "measures.jsonl").read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["note"][:30] for c in CASES])
def test_measures_and_parents(case):
    found = find_measures(analyze(normalize(case["text"])), classify_keywords)
    titles = {m.key: m.title for m in found}
    assert [[m.title, titles.get(m.parent)] for m in found] == case["measures"]


@pytest.mark.parametrize(("title", "category"), [("危房改造到户", "housing"), ("开展技能培训", "employment"),
                                                 ("实施最低生活保障", "social_security"), ("加强督查考核", "governance")])
def test_keyword_baseline(title, category):
    assert classify_keywords(title) == category


def test_keyword_baseline_without_hits_is_other():
    assert classify_keywords("贫困户脱贫计划") == "other"


@pytest.mark.parametrize(("children", "category"), [(["health", "education", "finance"], "other"),
                                                    (["industry", "industry", "finance"], "industry"),
                                                    (["health", "social_security"], "other")])
def test_group_takes_the_majority_of_its_children(children, category):
    assert group_category("other", children) == category


def test_shipped_classifier_returns_a_taxonomy_code():
    assert classify("健全医疗保险和医疗救助措施", "提高大病保险筹资水平") in {c.code for c in load_taxonomy()}
