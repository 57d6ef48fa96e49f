"""Normalization (SPEC section 3): data-driven cases, seed quirks and the offset map's round trip."""

from __future__ import annotations

import json
from pathlib import Path

import opencc
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize import normalize
from extractor.normalize.pinyin import ANNOTATION

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "normalization.jsonl").read_text("utf-8").splitlines() if line.strip()]
SEEDS = sorted((Path(__file__).parent.parent / "corpora" / "seeds").glob("*.txt"))
REAL_PAREN = regex.compile(r"[(（][^()（）]*[\p{Han}\d][^()（）]*[)）]")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_normalization_case(case):
    assert normalize(case["input"]).text == case["expected"]


def seed(prefix: str) -> str:
    return next(p for p in SEEDS if p.name.startswith(prefix)).read_text("utf-8")


def test_seed_001_every_annotation_removed_and_converted():
    result = normalize(seed("001"))
    assert result.script == "traditional" and result.converted
    assert not regex.search(r"\p{Han}[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]", result.text)
    assert result.text.startswith("泰发〔2016〕5号《中共泰州市委泰州市人民政府关于组织实施脱贫致富奔小康工程的意见》")


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_no_real_parenthesis_removed(path):
    original = path.read_text("utf-8")
    removed = [m.group() for m in ANNOTATION.finditer(original)]
    assert all(not regex.search(r"[\p{Han}\d]", r) for r in removed)
    converted = opencc.OpenCC("t2s").convert(ANNOTATION.sub("", original))
    assert len(REAL_PAREN.findall(normalize(original).text)) == len(REAL_PAREN.findall(converted))


def test_seed_000_title_joined_and_paragraphs_kept():
    lines = normalize(seed("000")).text.split("\n")
    assert "木凯淖尔镇人民政府关于印发木凯淖尔镇人民政府2016年精准扶贫脱贫工作实施方案的通知" in lines
    assert "木凯淖尔镇人民政府2016年精准扶贫脱贫工作实施方案" in lines
    assert "2016年4月20日" in lines and "一、指导思想" in lines and "四、具体措施" in lines


def test_boilerplate_removed_from_seeds():
    for prefix in ("001", "004"):
        text = normalize(seed(prefix)).text
        assert "扫一扫" not in text and "二维码" not in text


@pytest.mark.parametrize("damaged", ["学?;巨k学", "当?shù)亟?jīng)济"])
def test_encoding_damage_kept_and_reported(damaged):
    result = normalize(seed("001"))
    start = result.text.index(damaged)
    spans = [w.span for w in result.warnings if w.code == "encoding_damage"]
    assert any(start <= a < start + len(damaged) for a, b in spans)


def test_clean_seeds_have_no_damage_warnings():
    for prefix in ("000", "002", "003", "004"):
        assert normalize(seed(prefix)).warnings == []


# --- the offset map: every character of the normalized text maps back to the original it came from ---

_PIECES = st.sampled_from([
    "發", "展", "扶", "貧", "农", "村", "脱", "贫", "(fā)", "（zhǎn）", "(一)", "(社区)", "(2016)", "２０", "Ａ",
    "，", "。", "、", "\n", "\r\n", "  ", "\n扫一扫在手机上查看当前页面\n", "關(guān)於", "(guān)", "著力", "乾安县", "x", "7",
])


_ANNOTATIONS = {"(fā)", "（zhǎn）", "(guān)"}


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40))
def test_offset_map_round_trip(pieces):
    """Each normalized character maps back inside the piece of the original it came from, and the
    characters mapped into a piece are that piece's own normalization (annotations: kept or removed)."""
    original = "".join(pieces)
    bounds, offset = [], 0
    for piece in pieces:
        bounds.append((offset, offset + len(piece)))
        offset += len(piece)
    result = normalize(original)
    owned = ["" for _ in pieces]
    for i, char in enumerate(result.text):
        a, b = result.to_original(i, i + 1)
        owner = [k for k, (lo, hi) in enumerate(bounds) if lo <= a and b <= hi]
        assert len(owner) == 1, f"character {char!r} maps across pieces"
        owned[owner[0]] += char
    for piece, chars in zip(pieces, owned):
        got = regex.sub(r"\s", "", chars)
        if piece in _ANNOTATIONS:
            assert got in {"", piece}
        else:
            assert got == regex.sub(r"\s", "", normalize(piece).text)
    for start in range(0, len(result.text) + 1, 3):
        for end in range(start, len(result.text) + 1, 5):
            a, b = result.to_original(start, end)
            assert 0 <= a <= b <= len(original)
