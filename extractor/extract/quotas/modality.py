"""Modality of a figure: binding | aspirational | planned | baseline | standard.

Cue words come from ``models/quotas/modality.tsv`` (确保 必须 要 全部 binding; 力争 争取 aspirational; 计划 拟
planned; 现有 截止 已 剩余 baseline; 按 标准 给予 补贴 standard). Decision, first that applies:

1. an age limit (65岁以上老人) is ``standard``;
2. figures inside a 对… object before its verb describe the target group: ``baseline``
   (对10945户、31027人因病致贫的贫困人口实施医疗救助);
3. the nearest cue before the figure in its clause;
4. an eligibility threshold is ``standard``: a bound followed by 的 (7000元以下的低收入人口, 低于30%的合作社) or
   by a threshold noun (25户以上自然村), unless a target verb governs it (完成900人以上); bounds joined by 、 to
   a threshold are thresholds too (3年以内、5万元以下的小额贷款);
5. a rule for each member (每人帮扶不少于4户: a 每-denominator that is a counted unit) is ``standard``;
   otherwise the first cue after the figure in its clause;
6. the nearest cue before the figure in its ；-segment of the sentence (a cue after it there governs
   another clause: 力争…;稳定在7000亩以上,…力争实现… leaves 7000亩 binding);
7. otherwise ``binding`` when a deadline (到2016年底, 2018年底前) comes before the figure in its ；-segment or
   the sentence sits in a goal section (目标任务), else the caller's ``uncued`` modality: ``planned`` in a plan
   (打造3个以上示范基地 is what the plan intends, not an obligation), ``standard`` in a regulation, whose
   figures are rules (助保贷业务贷款期限最长不超过三年) — gold/README.md.

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

_TARGET_VERB = regex.compile(rf"(?:{alternation(cue_words('target_verb'))})\s?$")
_TARGET_VERB_ANY = regex.compile(rf"^(?:\p{{Han}}{{0,4}}?)(?:{alternation(cue_words('target_verb'))})")
_THRESHOLD_NOUN = regex.compile(rf"^\p{{Han}}{{0,8}}?(?:{alternation(cue_words('threshold_noun'))})")
_TO_OBJECT = regex.compile(r"\s*(?:[(（][^)）]*[)）])?\s*对")
_OBJECT_VERB = regex.compile(alternation(cue_words("object_verb")))
_CLAUSE = "，,；;：:。！？!?"
_SEGMENT = "；;。！？!?"
_BOUNDS = (">=", "<=", ">", "<")
_SELF_COUNTING = frozenset({"人", "名", "人次", "个", "家", "项", "所", "座", "处"})


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


def _bounds(sentence: str, start: int, end: int, seps: str) -> tuple[int, int]:
    lo = start
    while lo > 0 and sentence[lo - 1] not in seps:
        lo -= 1
    hi = end
    while hi < len(sentence) and sentence[hi] not in seps:
        hi += 1
    return lo, hi


def _nearest(cues, lo: int, hi: int, start: int, end: int) -> str | None:
    before = [c for c in cues if lo <= c[0] and c[1] <= start]
    if before:
        return before[-1][2]
    after = [c for c in cues if c[0] >= end and c[1] <= hi]
    return after[0][2] if after else None


def thresholds(sentence: str, spans: list[tuple[int, int, str, str]]) -> list[bool]:
    """Which figures are eligibility thresholds (rule 4). A threshold noun counts only after a figure that
    measures something else (25户以上自然村, 2万平方米以上…); 10名新星企业家 counts the people themselves."""
    flags = []
    for start, end, comparator, unit in spans:
        flag = False
        if comparator in _BOUNDS:
            after = sentence[end:]
            lo, _ = _bounds(sentence, start, end, _CLAUSE)
            governed = _TARGET_VERB.search(sentence[max(lo, start - 3):start])
            by_noun = unit not in _SELF_COUNTING and _THRESHOLD_NOUN.match(after)
            # 的 after a bound, or a bracket closing around it (大型公共建筑（单体建筑面积2万平方米以上）),
            # makes it qualify a noun: an eligibility threshold
            if not governed and (after.startswith(("的", "）", ")")) or by_noun):
                flag = True
        flags.append(flag)
    # a bound joined by 、 to a following threshold: 3年以内、5万元以下的
    for i in range(len(spans) - 2, -1, -1):
        if not flags[i] and flags[i + 1] and spans[i][2] in _BOUNDS and \
                sentence[spans[i][1]:spans[i + 1][0]] == "、":
            flags[i] = True
    return flags


def _in_object(sentence: str, start: int, unit_class: str) -> bool:
    if unit_class != "count":
        return False
    lo, _ = _bounds(sentence, start, start, _CLAUSE)
    head = sentence[lo:start]
    m = _TO_OBJECT.match(head)
    return bool(m) and not _OBJECT_VERB.search(head[m.end():])


_DEADLINE = regex.compile(r"(?:到|至|于|在)\s*(?:19|20)\d{2}\s*年|(?:19|20)\d{2}\s*年(?:底|末)?(?:前|以前)")


def decide(sentence: str, start: int, end: int, unit_class: str, cues: list[tuple[int, int, str]],
           per_count_prefix: bool, threshold: bool, in_goal_section: bool = False, uncued: str = "planned") -> str:
    if unit_class == "age":
        return "standard"
    if not threshold and _in_object(sentence, start, unit_class):
        return "baseline"
    lo, hi = _bounds(sentence, start, end, _CLAUSE)
    before = [c for c in cues if lo <= c[0] and c[1] <= start]
    if before:
        return before[-1][2]
    if threshold or per_count_prefix:
        return "standard"  # a cue after a threshold governs the clause's verb (…的合作社不得享受扶助)
    mod = _nearest(cues, lo, hi, start, end)
    if mod:
        return mod
    lo, _ = _bounds(sentence, start, end, _SEGMENT)
    before = [c for c in cues if lo <= c[0] and c[1] <= start]
    if before:
        return before[-1][2]
    if in_goal_section or _DEADLINE.search(sentence, lo, start):
        return "binding"
    return uncued
