"""Tests of the evaluation scorer: each SPEC section 4 rule on a small constructed gold/prediction pair."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from extractor.evaluate import EvalReport, evaluate, load_gold, load_predictions
from extractor.evaluate.matching import canonical, char_overlap, match_pairs, names_match

S_TARGET = "扶持贫困832户1699人,到2016年底,实现稳定脱贫。"
S_STANDARD = "每户补助不少于4000元。"
S_UNITS = "镇党委书记是第一责任人,镇财政所负责资金管理。"
TEXT = (
    "木凯淖尔镇人民政府2016年精准扶贫脱贫工作实施方案\n"
    "一、目标任务\n"
    f"{S_TARGET}\n"
    "二、具体措施\n"
    "(一)发展生产脱贫\n"
    "大力培育发展扶贫特色产业。\n"
    "(二)易地搬迁脱贫\n"
    f"{S_STANDARD}\n"
    f"{S_UNITS}\n"
)
DOC = "a" * 16


def gold_doc(doc_id: str = DOC) -> dict[str, Any]:
    """A gold record in the gold/README.md shape (no offsets; quotas anchored by sentence)."""
    return {
        "doc_id": doc_id,
        "metadata": {
            "title": "木凯淖尔镇人民政府2016年精准扶贫脱贫工作实施方案", "doc_type": "方案",
            "doc_number": "木政发〔2016〕10号", "issuers": ["木凯淖尔镇人民政府", "木凯淖尔镇党委"],
            "issue_date": "2016-04-20", "recipients": ["各嘎查村"], "admin_level": "township",
            "region": {"province": "内蒙古自治区", "city": "乌兰察布市", "county": "察哈尔右翼后旗",
                       "township": "木凯淖尔镇", "code": None},
            "references": [{"title": "察右后旗精准扶贫实施意见", "doc_number": "察后政发〔2016〕5号"}],
        },
        "sections": [
            {"id": "s1", "label": "一、", "title": "目标任务", "level": 1, "parent": None},
            {"id": "s2", "label": "二、", "title": "具体措施", "level": 1, "parent": None},
            {"id": "s3", "label": "(一)", "title": "发展生产脱贫", "level": 2, "parent": "s2"},
            {"id": "s4", "label": "(二)", "title": "易地搬迁脱贫", "level": 2, "parent": "s2"},
        ],
        "quotas": [
            {"text": "832户", "value": 832, "value_max": None, "unit": "户", "per": None, "comparator": "=",
             "modality": "binding", "year": 2016, "sentence": S_TARGET},
            {"text": "1699人", "value": 1699, "value_max": None, "unit": "人", "per": None, "comparator": "=",
             "modality": "binding", "year": 2016, "sentence": S_TARGET},
            {"text": "不少于4000元", "value": 4000, "value_max": None, "unit": "元", "per": "户",
             "comparator": ">=", "modality": "standard", "year": None, "sentence": S_STANDARD},
        ],
        "units": [
            {"name": "镇党委书记", "kind": "position", "role": "leader"},
            {"name": "镇财政所", "kind": "organ", "role": "responsible"},
        ],
        "measures": [
            {"id": "m1", "title": "发展生产脱贫", "category": "industry", "parent": None},
            {"id": "m2", "title": "大力培育发展扶贫特色产业", "category": "industry", "parent": "m1"},
            {"id": "m3", "title": "易地搬迁脱贫", "category": "relocation", "parent": None},
        ],
        "targets": [{"text": "到2016年底,实现稳定脱贫", "year": 2016}],
        "tables": [{"title": None, "header": ["村", "户数"], "rows": [["水南", "12"], ["王沙", "8"]]}],
    }


def _locate(needle: str, sentence: str | None = None, text: str = TEXT) -> tuple[list[int], str]:
    """(span, evidence) of ``needle`` inside ``sentence`` (or anywhere) of ``text``."""
    base = text.index(sentence) if sentence else 0
    start = text.index(needle, base)
    return [start, start + len(needle)], needle


def with_span(item: dict[str, Any], needle: str, sentence: str | None = None) -> dict[str, Any]:
    """``item`` with the span/evidence of ``needle``."""
    span, evidence = _locate(needle, sentence)
    return {**item, "span": span, "evidence": evidence}


def perfect_prediction(gold: dict[str, Any]) -> dict[str, Any]:
    """A full record (SPEC section 2 shape) that agrees with ``gold`` everywhere."""
    quotas = []
    for k, q in enumerate(gold["quotas"]):
        fields = {key: v for key, v in q.items() if key != "sentence"}
        quotas.append(with_span({"id": f"q{k}", **fields}, q["text"], q["sentence"]))
    return {
        "schema_version": "1.0",
        "doc_id": gold["doc_id"],
        "text": {"script": "simplified", "converted": False, "chars": len(TEXT), "normalized": TEXT, "warnings": []},
        "metadata": copy.deepcopy(gold["metadata"]),
        "sections": [with_span(s, s["label"] + s["title"]) for s in gold["sections"]],
        "quotas": quotas,
        "units": [with_span(u, u["name"], S_UNITS) for u in gold["units"]],
        "measures": [with_span(m, m["title"]) for m in gold["measures"]],
        "targets": [with_span(t, t["text"]) for t in gold["targets"]],
        "tables": [{"id": "t1", **copy.deepcopy(t), "span": [0, 1]} for t in gold["tables"]],
    }


def run(gold: dict[str, Any], pred: dict[str, Any]) -> EvalReport:
    """Evaluate one gold document against one prediction."""
    return evaluate({gold["doc_id"]: gold}, {pred["doc_id"]: pred})


def counts(report: EvalReport, name: str) -> tuple[int, int, int, int]:
    """(tp_pred, n_pred, tp_gold, n_gold) of an item field."""
    s = report.field_score(name)
    return s.tp_pred, s.n_pred, s.tp_gold, s.n_gold


# --- perfect prediction -----------------------------------------------------------------------

def test_perfect_prediction_scores_one_on_every_field() -> None:
    gold = gold_doc()
    report = run(gold, perfect_prediction(gold))
    for name in ("sections", "quotas", "units", "measures", "targets"):
        score = report.field_score(name)
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), name
        assert all(acc.value == 1.0 for acc in score.attributes.values()), name
    assert counts(report, "measures") == (3, 3, 2, 2)  # recall against the 2 leaves m2, m3
    assert report.overall.f1 == 1.0
    assert report.metadata_accuracy == 1.0
    assert all(report.metadata_field(n).value == 1.0 for n in ("title", "region.code", "references"))
    assert (report.tables.correct, report.tables.total) == (6, 6)
    assert report.missing == [] and report.ignored == []


# --- quotas -----------------------------------------------------------------------------------

def test_missing_quota_is_one_false_negative() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    del pred["quotas"][1]
    assert counts(run(gold, pred), "quotas") == (2, 2, 2, 3)


def test_extra_quota_is_one_false_positive() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["quotas"].append(with_span({"id": "qx", "value": 2016, "value_max": None, "unit": "年", "per": None,
                                     "comparator": "=", "modality": "binding", "year": None}, "2016年", S_TARGET))
    assert counts(run(gold, pred), "quotas") == (3, 4, 3, 3)


def test_wrong_unit_quota_is_both_a_miss_and_a_false_positive() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["quotas"][0]["unit"] = "人"
    report = run(gold, pred)
    assert counts(report, "quotas") == (2, 3, 2, 3)
    assert report.field_score("quotas").precision == pytest.approx(2 / 3)


def test_quota_attributes_scored_on_matched_pairs_only() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["quotas"][2]["comparator"] = ">"
    pred["quotas"][0]["year"] = None
    attrs = run(gold, pred).field_score("quotas").attributes
    assert (attrs["comparator"].correct, attrs["comparator"].total) == (2, 3)
    assert (attrs["year"].correct, attrs["year"].total) == (2, 3)
    assert attrs["modality"].value == 1.0


def test_value_within_relative_tolerance_matches() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["quotas"][2]["value"] = 4000 * (1 + 5e-7)
    pred["quotas"][1]["value"] = 1699 * (1 + 5e-6)
    assert counts(run(gold, pred), "quotas") == (2, 3, 2, 3)


def test_quota_in_the_wrong_sentence_does_not_match() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    # Right value, unit and per, but its span sits in the target sentence, not the standard's.
    pred["quotas"][2].update(span=_locate("832户", S_TARGET)[0], evidence="832户")
    assert counts(run(gold, pred), "quotas") == (2, 3, 2, 3)


def test_one_prediction_cannot_match_two_gold_quotas() -> None:
    gold = gold_doc()
    gold["quotas"].append(copy.deepcopy(gold["quotas"][0]))  # the same quota listed twice in gold
    pred = perfect_prediction(gold_doc())
    assert counts(run(gold, pred), "quotas") == (3, 3, 3, 4)


def test_sentence_found_ignoring_whitespace() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    spaced = TEXT.replace("不少于4000元", "不少于 4000 元")
    pred["text"]["normalized"] = spaced
    start = spaced.index("不少于 4000 元")
    pred["quotas"][2].update(span=[start, start + 10], evidence="不少于 4000 元")
    assert counts(run(gold, pred), "quotas") == (3, 3, 3, 3)
    pred["quotas"][2].update(span=[0, 5])  # outside the (mapped) sentence
    assert counts(run(gold, pred), "quotas") == (2, 3, 2, 3)


def test_evidence_fallback_when_sentence_absent() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["text"]["normalized"] = TEXT.replace("每户补助", "每戶補助")  # sentence no longer findable
    assert counts(run(gold, pred), "quotas") == (3, 3, 3, 3)
    pred["quotas"][2]["evidence"] = "至少4000元"  # not a substring of the gold sentence
    assert counts(run(gold, pred), "quotas") == (2, 3, 2, 3)


# --- units ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "expected"), [
    ("镇党委书记", "党委书记", True),          # contained, 4/5 = 0.8: at the edge, matches
    ("县扶贫开发领导小组", "贫开发领导小组", False),  # contained, 7/9 = 0.78: just below
    ("镇财政所", "财政所", False),             # contained, 3/4 = 0.75
    ("市 财政局", "市财政局", True),           # whitespace removed
    ("市财政局", "县财政局", False),           # 75% shared but neither contains the other
    ("", "", False),
])
def test_unit_name_containment_rule(a: str, b: str, expected: bool) -> None:
    assert names_match(a, b) is expected
    assert names_match(b, a) is expected


def test_unit_matching_at_the_80_percent_edge() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["units"][0]["name"] = "党委书记"  # 4/5: matches 镇党委书记
    pred["units"][1]["name"] = "财政所"    # 3/4: does not match 镇财政所
    assert counts(run(gold, pred), "units") == (1, 2, 1, 2)


def test_unit_predictions_deduplicated_and_role_scored() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["units"].append(copy.deepcopy(pred["units"][0]))  # a second mention of the same (name, role)
    pred["units"].append({**pred["units"][0], "name": "镇 党委书记"})  # same after whitespace removal
    pred["units"][1]["role"] = "lead"
    report = run(gold, pred)
    assert counts(report, "units") == (2, 2, 2, 2)
    role = report.field_score("units").attributes["role"]
    assert (role.correct, role.total) == (1, 2)


def test_unit_matching_prefers_same_role_pairs() -> None:
    gold = gold_doc()
    gold["units"] = [{"name": "镇政府", "role": "lead"}, {"name": "镇政府", "role": "responsible"}]
    pred = perfect_prediction(gold_doc())
    pred["units"] = [{"name": "镇政府", "role": "responsible"}, {"name": "镇政府", "role": "lead"}]
    report = run(gold, pred)
    assert counts(report, "units") == (2, 2, 2, 2)
    assert report.field_score("units").attributes["role"].value == 1.0


# --- measures ---------------------------------------------------------------------------------

def test_measure_precision_against_any_node_recall_against_leaves() -> None:
    gold = gold_doc()  # m1 is the parent of m2; leaves are m2 and m3
    pred = perfect_prediction(gold)
    pred["measures"] = [
        {"id": "p1", "title": "发展生产脱贫", "category": "industry"},               # the group node m1
        {"id": "p2", "title": "大力培育发展扶贫特色产业", "category": "employment"},  # leaf m2, wrong category
        {"id": "p3", "title": "加强组织领导", "category": "governance"},              # no gold
    ]
    report = run(gold, pred)
    score = report.field_score("measures")
    assert counts(report, "measures") == (2, 3, 1, 2)
    assert (score.precision, score.recall) == (pytest.approx(2 / 3), 0.5)
    assert (score.attributes["category"].correct, score.attributes["category"].total) == (1, 2)


def test_parent_only_prediction_is_precise_but_recalls_nothing() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["measures"] = [{"id": "p1", "title": "发展生产脱贫", "category": "industry"}]
    assert counts(run(gold, pred), "measures") == (1, 1, 0, 2)


def test_measure_title_overlap_threshold() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    # 11 of 12 characters kept: overlap 22/23 >= 0.8; "易地搬迁" vs "易地搬迁脱贫" 8/10 = 0.8 exactly.
    pred["measures"] = [{"title": "大力培育发展扶贫特色产", "category": "industry"},
                        {"title": "易地搬迁", "category": "relocation"}]
    assert counts(run(gold, pred), "measures") == (2, 2, 2, 2)
    pred["measures"] = [{"title": "易地搬", "category": "relocation"}]  # 6/9 < 0.8
    assert counts(run(gold, pred), "measures") == (0, 1, 0, 2)


def test_char_overlap_definition() -> None:
    assert char_overlap("abcd", "abxy") == 0.5
    assert char_overlap("aab", "ab") == 0.8          # multiset: one shared "a", one "b"
    assert char_overlap("a b", "ba") == 1.0          # whitespace removed, order ignored
    assert char_overlap("", "") == 0.0


# --- targets ----------------------------------------------------------------------------------

def test_target_overlap_threshold_and_year() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["targets"] = [{"text": "实现稳定脱贫", "year": 2017}]  # 12/19 = 0.63 >= 0.5
    report = run(gold, pred)
    assert counts(report, "targets") == (1, 1, 1, 1)
    assert report.field_score("targets").attributes["year"].value == 0.0
    pred["targets"] = [{"text": "稳定脱贫", "year": 2016}]  # 8/17 = 0.47 < 0.5
    assert counts(run(gold, pred), "targets") == (0, 1, 0, 1)


# --- sections ---------------------------------------------------------------------------------

def test_sections_match_on_normalized_label_and_title() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["sections"][2]["label"] = "（一）"    # full-width brackets: same heading
    pred["sections"][3]["level"] = 3          # matched, wrong level
    pred["sections"][1]["title"] = "主要措施"  # different heading: miss + false positive
    report = run(gold, pred)
    assert counts(report, "sections") == (3, 4, 3, 4)
    level = report.field_score("sections").attributes["level"]
    assert (level.correct, level.total) == (2, 3)


# --- metadata ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("doc_number", "correct"), [
    ("木政发〔2016〕10号", True),
    ("木政发[2016]10号", True),
    ("木政发(2016) 10号", True),
    ("木政发（2016）10号", True),
    ("木政发【2016】10号", True),
    ("木政发〔2016〕11号", False),
    (None, False),
])
def test_metadata_bracket_and_whitespace_normalization(doc_number: str | None, correct: bool) -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["metadata"]["doc_number"] = doc_number
    assert run(gold, pred).metadata_field("doc_number").correct == int(correct)


def test_metadata_null_lists_and_references() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["metadata"]["issuers"] = ["木凯淖尔镇党委", "木凯淖尔镇 人民政府"]  # set comparison
    pred["metadata"]["references"] = [{"title": "另一个标题", "doc_number": "察后政发[2016]5号"}]
    pred["metadata"]["region"]["code"] = "150928"  # gold null: predicting a value is wrong
    del pred["metadata"]["recipients"]
    report = run(gold, pred)
    assert report.metadata_field("issuers").value == 1.0
    assert report.metadata_field("references").value == 1.0
    assert report.metadata_field("region.code").value == 0.0
    assert report.metadata_field("recipients").value == 0.0
    assert report.metadata_accuracy == pytest.approx(11 / 13)


# --- tables -----------------------------------------------------------------------------------

def test_table_cell_accuracy_uses_best_predicted_table() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    pred["tables"] = [
        {"header": ["其他"], "rows": [["x"]]},
        {"header": ["村", "户 数"], "rows": [["水南", "13"], ["王沙"]]},  # 4 of 6 cells equal
    ]
    tables = run(gold, pred).tables
    assert (tables.correct, tables.total) == (4, 6)


# --- documents --------------------------------------------------------------------------------

def test_document_missing_from_predictions_counts_all_gold_as_misses() -> None:
    present, absent = gold_doc("a" * 16), gold_doc("b" * 16)
    stray = {**perfect_prediction(gold_doc("c" * 16))}
    report = evaluate({present["doc_id"]: present, absent["doc_id"]: absent},
                      {present["doc_id"]: perfect_prediction(present), stray["doc_id"]: stray})
    assert report.missing == ["b" * 16]
    assert report.ignored == ["c" * 16]
    assert counts(report, "quotas") == (3, 3, 3, 6)
    assert counts(report, "units") == (2, 2, 2, 4)
    assert counts(report, "measures") == (3, 3, 2, 4)
    assert report.overall.recall == pytest.approx(14 / 28)
    assert report.overall.precision == 1.0
    assert report.metadata_field("title").value == 0.5
    assert report.metadata_field("region.code").value == 0.5  # null gold is not "correct" when missing
    assert (report.tables.correct, report.tables.total) == (6, 12)


def test_unannotated_field_is_not_scored() -> None:
    gold = gold_doc()
    del gold["tables"], gold["targets"]
    gold["quotas"] = []  # annotated as empty: predictions are false positives
    report = run(gold, perfect_prediction(gold_doc()))
    assert counts(report, "targets") == (0, 0, 0, 0)
    assert counts(report, "quotas") == (0, 3, 0, 0)
    assert report.field_score("quotas").f1 == 0.0
    assert report.field_score("targets").f1 is None
    assert report.tables.total == 0


# --- loading and output -----------------------------------------------------------------------

def test_jsonl_and_folder_predictions_load_the_same(tmp_path: Path) -> None:
    records = [perfect_prediction(gold_doc("a" * 16)), perfect_prediction(gold_doc("b" * 16))]
    folder = tmp_path / "records"
    folder.mkdir()
    for record in records:
        (folder / f"{record['doc_id']}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    error = {"path": "bad.pdf", "error": "encrypted PDF"}
    (folder / "errors.json").write_text(json.dumps(error), encoding="utf-8")
    jsonl = tmp_path / "records.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + ["", json.dumps(error)]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")

    from_folder, from_jsonl = load_predictions(folder), load_predictions(jsonl)
    assert from_folder == from_jsonl
    assert sorted(from_folder) == ["a" * 16, "b" * 16]


def test_load_gold_skips_readme_and_rejects_duplicates(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Gold\n", encoding="utf-8")
    (tmp_path / f"{DOC}.json").write_text(json.dumps(gold_doc(), ensure_ascii=False), encoding="utf-8")
    assert list(load_gold(tmp_path)) == [DOC]
    (tmp_path / "copy.json").write_text(json.dumps(gold_doc(), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate doc_id"):
        load_gold(tmp_path)


def test_report_serialises_and_formats() -> None:
    gold = gold_doc()
    pred = perfect_prediction(gold)
    del pred["quotas"][1]
    report = run(gold, pred)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["fields"]["quotas"]["support"] == 3
    assert data["fields"]["quotas"]["recall"] == pytest.approx(2 / 3)
    assert data["per_document"][DOC]["fields"]["quotas"]["tp_gold"] == 2
    rows = {row.field: row for row in report.rows()}
    assert rows["quotas"].support == 3 and rows["quotas"].precision == 1.0
    assert rows["overall"].support == 4 + 3 + 2 + 2 + 1
    table = report.format_table()
    assert table.splitlines()[0].startswith("| field | precision | recall | F1 | support |")
    assert "| quotas | 1.000 | 0.667 | 0.800 | 3 |" in table
    assert "| tables | - | - | - | 6 | cells 1.000 (6/6) |" in table


def test_match_pairs_is_maximum_then_preferred() -> None:
    # Greedy on gold 0 would take pred 0 and leave gold 1 unmatched.
    assert match_pairs({(0, 0): 1, (0, 1): 0, (1, 0): 0}) == [(0, 1), (1, 0)]
    assert match_pairs({(0, 0): 0, (0, 1): 3}) == [(0, 1)]


def test_canonical_unifies_brackets() -> None:
    assert canonical(" 〔2016〕[1]（2）【3】 ") == "(2016)(1)(2)(3)"
