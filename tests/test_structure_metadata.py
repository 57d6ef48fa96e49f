"""Sections and metadata from data files of cases (tests/cases/sections.jsonl, metadata.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.extract.metadata import extract_metadata
from extractor.normalize import normalize
from extractor.structure.document import analyze

CASES = Path(__file__).parent / "cases"


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (CASES / name).read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", load("sections.jsonl"), ids=lambda c: c["id"])
def test_sections(case):
    document = analyze(normalize(case["text"]))
    assert [[s.label, s.title, s.level] for s in document.sections] == case["expected"]


def test_section_parents_follow_levels():
    document = analyze(normalize("一、总体要求\n(一)指导思想\n1.产业\n2.就业\n二、措施"))
    parents = {s.label + s.title: s.parent for s in document.sections}
    ids = {s.label + s.title: s.id for s in document.sections}
    assert parents["1.产业"] == ids["(一)指导思想"] and parents["(一)指导思想"] == ids["一、总体要求"]
    assert parents["二、措施"] is None


@pytest.mark.parametrize("case", load("metadata.jsonl"), ids=lambda c: c["id"])
def test_metadata(case):
    document = analyze(normalize(case["text"]))
    metadata = extract_metadata(document.header, document.text).model_dump()
    for field, expected in case["expected"].items():
        got = metadata[field]
        if field == "references":
            got = [[r["title"], r["doc_number"]] for r in got]
        assert got == expected, field


def test_header_is_kept_apart_from_body():
    text = "某发〔2016〕1号\n某镇人民政府关于印发某镇工作方案的通知\n各村:\n现将《某镇工作方案》印发给你们,请认真落实。\n某镇人民政府\n2016年4月20日\n某镇工作方案\n为做好扶贫工作,制定本方案。\n一、目标任务\n到2016年底全部脱贫。"
    document = analyze(normalize(text))
    assert document.text[document.body_start:].startswith("为做好扶贫工作")
    assert [line.kind for line in document.header.lines] == ["number", "title", "recipients", "transmittal", "organ", "date", "title"]
