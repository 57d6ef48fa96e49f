"""Rates: the ``per`` of a quota.

* explicit: 45元/人 -> 人; 50元—200元/人.月 -> 人·月; 1000元/年·人 -> 人·年 (counted unit first, then time);
* a 每 prefix before the figure in its clause: 每户每年6000元 -> 户·年,
  给予每人最高30万元 -> 人, 每人帮扶不少于4户 -> 人, 每个单位每年最高50万元 -> 单位·年;
* a denominator written 每…1名 (reaching into the next clause) or 1户至少有1项: 每招收1名博士后,给予5万元 -> 名;
* cue words for averages and incomes: 人均年收入7000元 -> 人·年, 集体年收入35万元 -> 年.

Examples::

    >>> explicit_per("人.月"), explicit_per("年·人")
    ('人·月', '人·年')
"""

from __future__ import annotations

import regex

from extractor.extract.quotas._data import alternation, cue_map
from extractor.extract.quotas.units import PER_PATTERN, UNIT_PATTERN, join_per

RATE_SEP = r"[.·・/／]"
EXPLICIT = rf"[/／](?:{PER_PATTERN})(?:{RATE_SEP}(?:{PER_PATTERN}))*"
_PER_SPLIT = regex.compile(RATE_SEP)
_SENTENCE_BREAK = regex.compile(r"[；;。！？()（）]")
_COMMA = regex.compile(r"[，,：:]")
_PREFIX_RE = regex.compile(rf"每(?:一个|个|位|名|家)?\p{{Han}}{{0,3}}?(?P<noun>{PER_PATTERN})")
_DENOM_RE = regex.compile(rf"每\p{{Han}}{{0,4}}?(?:1|一)\s?(?P<noun>{UNIT_PATTERN})")
_PER_CUES = cue_map("per_cue")
_INCOME = cue_map("income")
_PER_CUE_RE = regex.compile(alternation(_PER_CUES)) if _PER_CUES else None
_INCOME_RE = regex.compile(alternation(_INCOME)) if _INCOME else None

CROSS_CLAUSE_REACH = 30


def explicit_per(rate: str) -> str | None:
    return join_per([p for p in _PER_SPLIT.split(rate) if p])


def prefixes(sentence: str) -> list[tuple[int, int, str, bool]]:
    """All 每X prefixes and 每…1X denominators: (start, end, noun, is_denominator)."""
    found = {m.span(): (m.group("noun"), False) for m in _PREFIX_RE.finditer(sentence)}
    for m in _DENOM_RE.finditer(sentence):
        found[m.span()] = (m.group("noun"), True)
    return sorted((s, e, n, d) for (s, e), (n, d) in found.items())


def prefix_per(sentence: str, start: int,
               found: list[tuple[int, int, str, bool]]) -> tuple[str | None, list[str], int]:
    """``per`` from the 每-chain nearest before ``start``; also the chain's nouns and where it starts."""
    before = [p for p in found if p[1] <= start]
    if not before:
        return None, [], -1
    last = before[-1]
    gap = sentence[last[1]:start]
    if _SENTENCE_BREAK.search(gap):
        return None, [], -1
    if _COMMA.search(gap) and (not last[3] or len(gap) > CROSS_CLAUSE_REACH):
        return None, [], -1  # a 每X prefix stays in its clause; a 每…1名 denominator reaches the next one
    chain = [last]
    for p in reversed(before[:-1]):
        if p[1] == chain[0][0]:
            chain.insert(0, p)
        else:
            break
    nouns = [p[2] for p in chain]
    return join_per(nouns), nouns, chain[0][0]


def cue_per(window: str, unit_class: str) -> str | None:
    """人均/户均 and income words in the few characters right before a figure."""
    parts: list[str] = []
    if _PER_CUE_RE and unit_class not in ("percent", "percent_point", "ratio", "age", "duration"):
        for m in _PER_CUE_RE.finditer(window):
            parts.append(_PER_CUES[m.group()])
    if _INCOME_RE and unit_class == "money":
        for m in _INCOME_RE.finditer(window):
            parts.append(_INCOME[m.group()])
    return join_per(parts) if parts else None
