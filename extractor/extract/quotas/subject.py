"""Subject: a short phrase naming what a figure counts (informative, not scored).

A count followed by its noun takes the noun (100个贫困村 -> 贫困村); otherwise the few characters before the
figure in its clause, less cue words and years (计划易地搬迁153户 -> 易地搬迁).

Examples::

    >>> subject_for("打造3个以上产业发展示范基地", 2, 6, "count")
    '产业发展示范基地'
    >>> subject_for("2016年计划易地搬迁153户", 11, 15, "count")
    '易地搬迁'
"""

from __future__ import annotations

import regex

_AFTER = regex.compile(r"(?:的)?(\p{Han}{2,8}?)(?=[^\p{Han}]|的|和|及|与|等|$)")
_BEFORE = regex.compile(r"(\p{Han}{2,6})$")
_CLAUSE_MARK = regex.compile(r"[，,；;：:。、(（)）]")
_YEARS_AND_DIGITS = regex.compile(r"\d{4}\s?年(?:底|末)?|\d|年底")
_STRIP = regex.compile(
    r"^.*?(?:确保|力争|争取|计划|现有|截止|截至|剩余|全市|全县|全镇|全乡|全省|完成|实现|新增|给予|发放|要|拟|有)"
)
_NOT_NOUN = regex.compile(r"^(?:以上|以下|以内|左右|的|等|内|用于|实现|脱贫|给予)")


def subject_for(sentence: str, start: int, end: int, unit_class: str) -> str | None:
    after = sentence[end:end + 12]
    if unit_class == "count" and after and not _NOT_NOUN.match(after):
        m = _AFTER.match(after)
        if m:
            return m.group(1)
    clause = _CLAUSE_MARK.split(sentence[:start])[-1]
    clause = _YEARS_AND_DIGITS.sub("", clause)
    stripped = _STRIP.sub("", clause) or clause
    m = _BEFORE.search(stripped)
    if m:
        return m.group(1)[-4:]
    return None
