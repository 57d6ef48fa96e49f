"""The spaCy pipeline: jieba with the policy vocabulary (also after a reload in a fresh process), the rule
components registered by name, and the shipped measure classifier."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extractor.extract.categories import load_taxonomy
from extractor.nlp import analyze_doc, build_pipeline, measure_classifier, responsibility_spans
from extractor.nlp.components import pattern_prefilter
from extractor.normalize import normalize
from extractor.structure.document import analyze

SEEDS = Path(__file__).resolve().parent.parent / "corpora" / "seeds"
POLICY_WORDS = ["建档立卡", "两不愁三保障", "第一书记", "嘎查村", "易地搬迁"]
SENTENCE = "对建档立卡贫困户落实两不愁三保障,由第一书记驻嘎查村推进易地搬迁。"

_TOKENS_AFTER_RELOAD = """
import sys, spacy
{setup}
nlp = spacy.load(sys.argv[1])
print("|".join(t.text for t in nlp(sys.argv[2])))
"""


def _tokens_in_fresh_process(path, setup: str) -> list[str]:
    code = _TOKENS_AFTER_RELOAD.format(setup=setup)
    out = subprocess.run([sys.executable, "-c", code, str(path), SENTENCE], capture_output=True, text=True, check=True)
    return out.stdout.strip().split("|")


def test_policy_words_are_single_tokens():
    tokens = [t.text for t in build_pipeline(())(SENTENCE)]
    assert all(word in tokens for word in POLICY_WORDS)


def test_reloaded_pipeline_keeps_the_user_dictionary(tmp_path):
    build_pipeline().to_disk(tmp_path / "policy")
    tokens = _tokens_in_fresh_process(tmp_path / "policy", "import extractor.nlp")
    assert all(word in tokens for word in POLICY_WORDS)


def test_plain_jieba_pipeline_splits_the_policy_words(tmp_path):
    """The control: spaCy's own jieba segmenter, saved and reloaded, knows none of the user words."""
    import spacy

    spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}}).to_disk(tmp_path / "plain")
    tokens = _tokens_in_fresh_process(tmp_path / "plain", "")
    assert not any(word in tokens for word in ("两不愁三保障", "嘎查村", "易地搬迁"))


def test_components_expose_structure_triggers_and_quotas():
    text = "一、具体措施\n(一)发展产业。扶持贫困户832户,由镇长任组长。\n(二)兜底保障。责任单位:镇民政办、镇财政所\n"
    document = analyze(normalize(text))
    doc = analyze_doc(document)
    assert doc._.document is document
    assert [s.label_ for s in doc.spans["sections"]] == ["level1", "level2", "level2"]
    assert doc.spans["sections"][1].text.startswith("(一)发展产业。扶持")
    assert len(doc.spans["sentences"]) == len(document.body_sentences())
    assert [(s.text, s.label_) for s in doc.spans["quotas"]] == [("832户", "户")]
    assert [(s.text, s.label_) for s in doc.spans["responsibility"]] == [("任组长", "leader"),
                                                                          ("责任单位:", "slot_responsible")]


@pytest.mark.parametrize("text", ["加大危房改造力度,确保住房安全", "开展技能培训,促进转移就业"])
def test_shipped_classifier_predicts_a_taxonomy_category(text):
    scores = measure_classifier()(text).cats
    assert set(scores) == {c.code for c in load_taxonomy()}
    assert abs(sum(scores.values()) - 1) < 1e-3


SLOT = {"label": "slot", "pattern": [{"ORTH": {"IN": ["责任", "配合"]}}, {"ORTH": "单位", "OP": "?"},
                                     {"ORTH": {"IN": [":", "："]}}]}


@pytest.mark.parametrize(("text", "could_match"), [
    ("责任单位:县民政局", True),      # both required tokens present
    ("配合：", True),
    ("压实工作责任", False),          # the colon is missing
    ("单位:县民政局", False),         # the optional token alone does not count
])
def test_prefilter_needs_every_required_literal(text, could_match):
    assert pattern_prefilter([SLOT])(text) is could_match


def test_prefilter_ignores_negated_and_optional_tokens():
    """``"!"`` requires a token that is not the value: the value is no anchor."""
    negated = {"label": "x", "pattern": [{"ORTH": "由"}, {"ORTH": "不", "OP": "!"}, {"ORTH": "担任"}]}
    assert pattern_prefilter([negated])("由县长担任") is True


def test_prefilter_refuses_phrase_patterns():
    with pytest.raises(ValueError, match="phrase pattern"):
        pattern_prefilter([{"label": "x", "pattern": "负责"}])


def test_prefilter_refuses_a_pattern_that_could_match_anywhere():
    with pytest.raises(ValueError, match="no required literal"):
        pattern_prefilter([{"label": "x", "pattern": [{"IS_PUNCT": False, "OP": "+"}, {"ORTH": "担任", "OP": "?"}]}])


CONSTRUCTED = "一、组织领导\n成立领导小组,组长由县长\n张三担任,副组长由副县长担任。\n责任单位:县民政局、县财政局\n"


@pytest.mark.parametrize("text", [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))] + [CONSTRUCTED],
                         ids=[p.stem for p in sorted(SEEDS.glob("*.txt"))] + ["line-break-inside"])
def test_clause_scoped_matching_equals_the_ruler_over_the_whole_text(text):
    """Unit extraction segments only the clauses that can hold a trigger; it must find exactly the spans the
    ruler finds on the whole document segmented by jieba (a name never runs across a line break)."""
    document = analyze(normalize(text))
    nlp = build_pipeline(("responsibility_ruler",))
    doc = nlp(document.text)
    whole = [(s.start_char, s.end_char, s.label_) for s in doc.spans["responsibility"]]
    scoped = [(base + s.start_char, base + s.end_char, s.label_) for base, s in responsibility_spans(document)]
    assert whole and sorted(scoped) == sorted(whole)
