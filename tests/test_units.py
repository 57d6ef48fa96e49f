"""Responsible units: sentence → (name, role) cases from tests/cases/units.jsonl, and their links to measures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import extract_text
from extractor.extract.units import find_units, unit_kind
from extractor.normalize import normalize
from extractor.structure.document import analyze

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "units.jsonl").read_text("utf-8").splitlines()
         if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:18] for c in CASES])
def test_units_of_sentence(case):
    # under a heading, so the line is body text and not taken for a document header
    document = analyze(normalize("一、工作要求\n" + case["text"]))
    found = find_units(document)
    assert [[u.name, u.role] for u in found] == case["units"]
    for unit in found:
        assert document.text[unit.start:unit.end] == unit.name or unit.role == "cooperating"
        assert unit.whole_document is case.get("whole_document", unit.whole_document)


@pytest.mark.parametrize(("name", "kind"), [("市残联", "organ"), ("镇党委书记", "position"), ("市农业局(农办)", "organ"),
                                            ("扶贫开发", None)])
def test_unit_kind(name, kind):
    assert unit_kind(name) == kind


def test_whole_document_duty_links_to_no_measure():
    record = extract_text(
        "一、具体措施\n(一)加强组织领导。镇党委书记和镇长是第一责任人。市财政局负责筹集扶贫资金。\n"
        "(二)发展产业。市农业局负责产业扶贫工作。\n")
    by_name = {u.name: u for u in record.units}
    assert by_name["镇长"].measures == []
    titles = {m.id: m.title for m in record.measures}
    assert [titles[m] for m in by_name["市财政局"].measures] == ["加强组织领导"]
    assert [titles[m] for m in by_name["市农业局"].measures] == ["发展产业"]
