"""The year a figure is for or due by.

Year expressions in the sentence: 2016年, 到2016年底 -> 2016; 2017年-2020年 and 2015-2018年 -> the end year;
二○一二年; 今年/本年度/年底 -> the caller's context year. Not counted: a comparison base (较2012年), a starting
point (2008年以来), years inside titles and document numbers (masked). A figure takes the nearest year before
it in the sentence, else the first one after it, else the context year (the section's year, from the caller).

Examples::

    >>> [y for _, y in year_marks("2017年-2020年市级贫困632户", [], None)]
    [2020]
    >>> [y for _, y in year_marks("较2012年下降12%", [], None)]
    []
"""

from __future__ import annotations

import regex

from extractor.extract.quotas._data import alternation, cue_words
from extractor.extract.quotas.numerals import parse_number

_Y = r"(?:(?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})"
_YEAR_RE = regex.compile(
    rf"(?<![\d〇○零一二三四五六七八九])(?P<y1>{_Y})\s?年?(?:\s?[-—–~～至到]\s?(?P<y2>{_Y}))?\s?年"
)
_CONTEXT_RE = regex.compile(
    rf"(?<![\d〇○零一二三四五六七八九年])(?:{alternation(cue_words('context_year'))})"
)
_BASE_RE = regex.compile(rf"(?:{alternation(cue_words('year_base'))})\s?$")
_SINCE_RE = regex.compile(
    rf"^(?:底|末|初)?\s?(?:{alternation(cue_words('year_since'))}|的?(?:{alternation(cue_words('year_base_after'))}))"
)


def year_marks(sentence: str, masks: list[tuple[int, int]], context_year: int | None) -> list[tuple[int, int]]:
    """(position, year) of each year expression that can date a figure, in order."""
    marks: list[tuple[int, int]] = []
    for m in _YEAR_RE.finditer(sentence):
        s, e = m.span()
        if any(ms <= s < me for ms, me in masks):
            continue
        if _BASE_RE.search(sentence[max(0, s - 3):s]) or _SINCE_RE.match(sentence[e:]):
            continue
        y1 = m.group("y1")
        y2 = m.group("y2")
        if not y2 and not m.group().rstrip().endswith("年"):
            continue
        year = int(parse_number(y2 or y1))
        marks.append((s, year))
    if context_year is not None:
        for m in _CONTEXT_RE.finditer(sentence):
            if not any(ms <= m.start() < me for ms, me in masks):
                marks.append((m.start(), context_year))
    return sorted(marks)


def year_for(start: int, marks: list[tuple[int, int]], context_year: int | None,
             only_before: bool = False) -> int | None:
    """Nearest year before the figure, else the first after it (not for status figures: a deadline that
    follows a baseline count is not the year the count is for), else the context year."""
    before = [y for pos, y in marks if pos < start]
    if before:
        return before[-1]
    after = [] if only_before else [y for pos, y in marks if pos >= start]
    if after:
        return after[0]
    return context_year
