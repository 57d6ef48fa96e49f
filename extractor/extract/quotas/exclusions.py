"""Numbers that are not quotas (SPEC section 3).

* dates and calendar years (2016年, 二○一二年, 2015-2018年), and time adverbials (近三年来, 今、明两年, 上一年度);
* document numbers 〔2016〕10号, titles 《…》, section labels (一、 (一) 1. ① 第三条) and ordinals (第一轮);
* fixed political phrases (五个一批, 两不愁三保障, 一定两年 …) from ``models/quotas/fixed_phrases.txt``, and any
  short quoted slogan (“六个精准”, “12+3”);
* counts that only total a list named beside them: “扶贫谁、谁来扶、怎么扶”三个环节, A、B、C和D四个原则 — the
  count equals the number of items listed right before it;
* 一X一Y set phrases (一户一策, 一村一品), and 一 inside a word (同一, 统一, 唯一, 之一);
* 一 with a classifier and no comparator, which is the article "a" (指定一个部门负责, 实施一个项目), not a count;
  with a bound it counts again (一个以上, 至少掌握一门).

Examples::

    >>> is_calendar_year("2016", 2016.0, "年"), is_calendar_year("1800", 1800.0, "亩")
    (True, False)
    >>> s = "从学前教育、义务教育、普通高中、职业教育、高等教育、继续教育6个层面"
    >>> is_list_total(s, s.index("6"), 6.0)
    True
    >>> s = "河边镇941人、回马镇252人"
    >>> is_list_total(s, s.index("252"), 252.0)
    False
"""

from __future__ import annotations

import regex

from extractor.extract.quotas._data import alternation, cue_words, words
from extractor.extract.quotas.numerals import is_digit_string

CLAUSE_SEP = "，,；;：:。！？!?"

_FIXED_RE = regex.compile(alternation(words("fixed_phrases.txt")))
_DIGIT = regex.compile(r"\d")
_MASK_RE = regex.compile(
    r"《[^《》]*》|〈[^〈〉]*〉|<[^<>]{0,60}>|〔[^〔〕]*〕|\[\d{4}\]|[(（]\d{4}[)）]"   # titles, document numbers
    r"|“[^“”\"]{0,20}[”\"]|‘[^‘’]{0,20}’|\"[^\"“”]{0,20}\""                          # short quoted slogans
    r"|第[\d零〇○一二两三四五六七八九十百千]+"                                          # ordinals
    r"|[\d\-]+:\d\d(?::\d\d)?|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}月\d{1,2}日"                # clock times, dates
)
_LABEL_RE = regex.compile(
    r"^\s*(?:第[\d零〇一二两三四五六七八九十百]+[章节条款]|[(（][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}(?:\.\d{1,2})*[、.．](?!\d)|[①-⑳])"
)
_TIME_PREFIX = regex.compile(rf"(?:{alternation(cue_words('time_prefix'))})$")
_TIME_SUFFIX = regex.compile(rf"^(?:{alternation(cue_words('time_suffix'))})")
_LIST_SEP = regex.compile(r"、|以及|(?<![参给])与|(?<![普涉以危])及(?!时)|(?<![总温])和(?!谐)")


def masked_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans where no quota may start: titles, document numbers, slogans, ordinals, dates, labels, set phrases."""
    spans = [m.span() for m in _MASK_RE.finditer(sentence)]
    spans += [m.span() for m in _FIXED_RE.finditer(sentence)]
    label = _LABEL_RE.match(sentence)
    if label:
        spans.append(label.span())
    return spans


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def is_calendar_year(number_text: str, value: float, unit_base: str) -> bool:
    """2016年, 二○一二年: a 4-digit year before 年 is a calendar year, never a duration; 1800亩 is not."""
    if unit_base != "年":
        return False
    digits = number_text.strip()
    return is_digit_string(digits) and len(digits) == 4 and 1900 <= value <= 2100


def is_time_adverbial(sentence: str, start: int, end: int) -> bool:
    """近三年来, 今、明两年, 三年以来, 上一年度: a length of time used as an adverbial, not a quota."""
    return bool(_TIME_PREFIX.search(sentence[max(0, start - 3):start]) or _TIME_SUFFIX.match(sentence[end:]))


def clause_start(sentence: str, pos: int) -> int:
    i = min(pos, len(sentence))
    while i > 0 and sentence[i - 1] not in CLAUSE_SEP:
        i -= 1
    return i


def is_list_total(sentence: str, start: int, value: float) -> bool:
    """A count equal to the number of items listed immediately before it (六个层面 after six items)."""
    segment = sentence[clause_start(sentence, start):start]
    if not segment or _DIGIT.search(segment) or not float(value).is_integer():
        return False
    loose = segment.endswith("等")
    items = len(_LIST_SEP.findall(segment)) + 1
    if items < 2:
        return False
    # A、B等三项: a small named set; 新生入学、教师招聘等62项: examples of a real count
    return items <= value <= 9 if loose else value == items


def is_article(sentence: str, start: int, end: int, number_text: str, comparator: str) -> bool:
    """一个部门, 一名干部: a bare 一 + classifier is the indefinite article, unless a bound follows or a 每
    rate governs it (每个贫困村选派一名第一书记 is one per village)."""
    if number_text != "一" or comparator != "=" or _BOUND_AFTER.match(sentence, end):
        return False
    return "每" not in sentence[clause_start(sentence, start):start]


_BOUND_AFTER = regex.compile(r"\p{Han}{0,2}?(?:以上|以下|至少|不少于|左右)")


def is_set_pattern(sentence: str, start: int, end: int, number_text: str) -> bool:
    """一户一策, 一村一品, 一人多岗, 一项一项: 一X一Y / 一X多Y set phrases, whatever X and Y are."""
    if number_text != "一":
        return False
    return sentence[end:end + 1] in ("一", "多") or sentence[max(0, start - 2):start - 1] == "一"
