"""Quota parser: cases drawn from the seed and corpus notices (tests/cases/quotas.jsonl), plus numerals.

Each case line: {"sentence", "year" (the context year the caller passes), "goal_section" (optional: the
sentence sits in a 目标 section), "expected": [quota, ...]}; a quota
gives text, value, value_max, unit, per, comparator, modality, year (and subject when asserted).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from extractor.extract.quotas import QuotaMatch, find_quotas
from extractor.extract.quotas.numerals import parse_number, parse_percent

CASES_FILE = Path(__file__).parent / "cases" / "quotas.jsonl"
FIELDS = ("text", "value", "value_max", "unit", "per", "comparator", "modality", "year")


def _load():
    cases = []
    for lineno, line in enumerate(CASES_FILE.read_text("utf-8").splitlines(), start=1):
        if line.strip():
            cases.append(pytest.param(json.loads(line), id=f"line{lineno}"))
    return cases


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    return a == b


@pytest.mark.parametrize("case", _load())
def test_case(case):
    sentence = case["sentence"]
    got = find_quotas(sentence, context_year=case.get("year"), in_goal_section=case.get("goal_section", False))
    for q in got:
        assert isinstance(q, QuotaMatch)
        assert sentence[q.start:q.end] == q.text
    got_rows = [{f: getattr(q, f) for f in FIELDS} for q in got]
    want_rows = [{f: exp.get(f) for f in FIELDS} for exp in case["expected"]]
    assert len(got_rows) == len(want_rows), (got_rows, want_rows)
    for g, w, exp, q in zip(got_rows, want_rows, case["expected"], got):
        mismatched = {f: (g[f], w[f]) for f in FIELDS if not _same(g[f], w[f])}
        if "subject" in exp and q.subject != exp["subject"]:
            mismatched["subject"] = (q.subject, exp["subject"])
        assert not mismatched, mismatched


def test_cases_file_is_large_enough():
    assert len(_load()) >= 200


@pytest.mark.parametrize("text, value", [
    ("两", 2), ("二〇", 20), ("二○一二", 2012), ("3.48万", 34800), ("13万2", 132000), ("一千二百", 1200),
    ("一千二", 1200), ("0.92万", 9200), ("2.5万", 25000), ("3000万", 3e7), ("1.2亿", 1.2e8), ("1万5千", 15000),
    ("一百零五", 105), ("十五", 15), ("三点五", 3.5), ("1,200", 1200), ("两千五百万", 2.5e7),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["万", "千", "", "3-4"])
def test_parse_number_rejects(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_parse_percent():
    assert parse_percent("百分之七十") == 70
    assert parse_percent("百分之3.5") == 3.5


def test_offsets_and_order():
    sentence = "扶持贫困832户1699人,到2016年底。"
    got = find_quotas(sentence)
    assert [q.start for q in got] == sorted(q.start for q in got)
    assert all(sentence[q.start:q.end] == q.text for q in got)
