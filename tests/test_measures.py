"""Measures (cases in tests/cases/measures.jsonl: text → (title, parent title)) and their categories (categories.jsonl:
one measure in a given context; measure_categories.jsonl: whole documents)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.extract.categories import Context, classify, classify_keywords, group_category, in_domain, load_taxonomy
from extractor.extract.measures import find_measures
from extractor.normalize import normalize
from extractor.resources import read_lines
from extractor.structure.document import analyze


def _cases(name: str) -> list[dict]:
    return [json.loads(line) for line in (Path(__file__).parent / "cases" / name).read_text("utf-8").splitlines()
            if line.strip()]


CASES = _cases("measures.jsonl")
CATEGORY_CASES = _cases("categories.jsonl")
DOCUMENT_CATEGORY_CASES = _cases("measure_categories.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["note"][:30] for c in CASES])
def test_measures_and_parents(case):
    found = find_measures(analyze(normalize(case["text"])), classify_keywords)
    titles = {m.key: m.title for m in found}
    assert [[m.title, titles.get(m.parent)] for m in found] == case["measures"]


@pytest.mark.parametrize(("title", "category"), [("危房改造到户", "housing"), ("开展技能培训", "employment"),
                                                 ("实施最低生活保障", "social_security"), ("加强督查考核", "governance")])
def test_keyword_baseline(title, category):
    assert classify_keywords(title) == category


@pytest.mark.parametrize("case", DOCUMENT_CATEGORY_CASES, ids=[c["note"][:40] for c in DOCUMENT_CATEGORY_CASES])
def test_categories_read_the_document_context(case):
    """The domain, the document's title and the part titles reach each measure's category."""
    found = find_measures(analyze(normalize(case["text"])), classify_keywords)
    assert [[m.title, m.category] for m in found] == case["categories"]


def test_rows_for_any_domain_are_taxonomy_codes():
    assert set(read_lines("measures", "any_domain_rows.txt")) <= {c.code for c in load_taxonomy()}


@pytest.mark.parametrize("case", CATEGORY_CASES, ids=[c["note"][:40] for c in CATEGORY_CASES])
def test_keyword_rules_in_context(case):
    context = Context(in_domain=case["in_domain"], parent=case["parent"], subject=frozenset(case["subject"]))
    assert classify_keywords(case["title"], case["body"], context) == case["expected"]


@pytest.mark.parametrize(("text", "expected"), [("全力推进脱贫攻坚,帮助贫困户增收,巩固扶贫成果。", True),
                                                ("加快对接经贸新规则,扩大货物贸易。", False),
                                                ("做好困难群众脱贫工作。", False)])  # one cue is not enough
def test_domain_needs_repeated_cues(text, expected):
    assert in_domain(text) is expected


def test_domain_needs_cues_dense_enough_for_the_length():
    report = "全力推进脱贫攻坚,帮助贫困户增收,巩固扶贫成果。" + "加快工业倍增,扩大对外开放,推进新型城镇化建设。" * 60
    assert not in_domain(report)  # three cues in a long work report: one paragraph, not its subject


def test_a_measure_without_evidence_takes_its_parts_category():
    """Outside the domain, a measure under 保障措施 whose own words name no category is governance."""
    text = "一、重点任务\n(一)扩大货物贸易。支持企业出口。\n二、保障措施\n(一)营造良好氛围。做好政策解读。\n"
    found = {m.title: m.category for m in find_measures(analyze(normalize(text)))}
    assert found == {"扩大货物贸易": "other", "营造良好氛围": "governance"}


def test_keyword_baseline_without_hits_is_other():
    assert classify_keywords("贫困户脱贫计划") == "other"


@pytest.mark.parametrize(("children", "category"), [(["health", "education", "finance"], "other"),
                                                    (["industry", "industry", "finance"], "industry"),
                                                    (["health", "social_security"], "other")])
def test_group_takes_the_majority_of_its_children(children, category):
    assert group_category("other", children) == category


def test_shipped_classifier_returns_a_taxonomy_code():
    assert classify("健全医疗保险和医疗救助措施", "提高大病保险筹资水平") in {c.code for c in load_taxonomy()}
