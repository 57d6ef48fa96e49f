"""Modality of a figure: binding | aspirational | planned | baseline | standard.

Cue words come from ``models/quotas/modality.tsv`` (确保 必须 要 全部 binding; 力争 争取 aspirational; 计划 拟
planned; 现有 截止 已 剩余 baseline; 按 标准 给予 补贴 standard). Decision, first that applies:

1. an eligibility threshold — a bound followed by 的 (7000元以下的低收入人口, 低于30%的合作社) not governed by a
   target verb (有1门以上的…) — or an age limit (65岁以上老人) is ``standard``;
2. the nearest cue before the figure in its clause, else the first cue after it in the clause;
3. a rule for each member (每人帮扶不少于4户: a 每-denominator that is a counted unit) is ``standard``;
4. the nearest cue before the figure in the sentence, else the first after it;
5. a deadline in the sentence (到2016年底) is ``binding``; 6. otherwise ``binding`` (a plan's figures are its commitments).

Examples::

    >>> [m for _, _, m in find_cues("2015年全市计划减贫2.5万人", [])]
    ['planned']
    >>> [m for _, _, m in find_cues("按照要求完成", [])]
    []
"""

from __future__ import annotations

import regex

from extractor.extract.quotas._data import alternation, cue_words, rows

_PATTERNS: list[tuple[str, regex.Pattern]] = []
_IGNORE: list[regex.Pattern] = []
for _mod, _pat in rows("modality.tsv"):
    (_IGNORE.append(regex.compile(_pat)) if _mod == "ignore" else _PATTERNS.append((_mod, regex.compile(_pat))))

_DEADLINE = regex.compile(r"(?:到|至)\s?(?:19|20)\d{2}\s?年|(?:19|20)\d{2}\s?年(?:底|末)?前")
_TARGET_VERB = regex.compile(rf"(?:{alternation(cue_words('target_verb'))})$")
_CLAUSE = "，,；;：:。！？!?"


def find_cues(sentence: str, masks: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    ignored = [m.span() for p in _IGNORE for m in p.finditer(sentence)]
    blocked = ignored + masks
    cues = []
    for mod, pat in _PATTERNS:
        for m in pat.finditer(sentence):
            s, e = m.span()
            if not any(bs < e and s < be for bs, be in blocked):
                cues.append((s, e, mod))
    return sorted(cues)


def _nearest(cues, lo: int, hi: int, start: int, end: int) -> str | None:
    before = [c for c in cues if lo <= c[0] and c[1] <= start]
    if before:
        return before[-1][2]
    after = [c for c in cues if c[0] >= end and c[1] <= hi]
    return after[0][2] if after else None


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    lo = start
    while lo > 0 and sentence[lo - 1] not in _CLAUSE:
        lo -= 1
    hi = end
    while hi < len(sentence) and sentence[hi] not in _CLAUSE:
        hi += 1
    return lo, hi


def decide(sentence: str, start: int, end: int, comparator: str, unit_class: str,
           cues: list[tuple[int, int, str]], per_count_prefix: bool) -> str:
    if unit_class == "age":
        return "standard"
    if comparator in (">=", "<=", ">", "<") and sentence[end:end + 1] == "的":
        if not _TARGET_VERB.search(sentence[max(0, start - 2):start]):
            return "standard"
    lo, hi = _clause_bounds(sentence, start, end)
    mod = _nearest(cues, lo, hi, start, end)
    if mod:
        return mod
    if per_count_prefix:
        return "standard"
    mod = _nearest(cues, 0, len(sentence), start, end)
    if mod:
        return mod
    return "binding"
