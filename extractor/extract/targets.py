"""Targets: outcome commitments, in target sections or with a deadline (SPEC section 3).

A target starts at a comma-clause that carries a commitment cue — a deadline (``到2020年``, ``2018年底前``),
a commitment verb (``确保``, ``力争``, ``争取``) or, inside a section whose title names goals (目标), a clause
that opens a sentence or a ``;`` clause or names its year (``2016年减贫2.4万人``) — and runs over the
following clauses until the next cue, the end of the ``;`` clause or the sentence. Status figures
(``截止2014年底,现有…``, ``2008年以来``) are never targets. The year is the deadline's (the end of
``2017年-2020年``), or the year a goal-section clause names.
"""

from __future__ import annotations

import regex

from extractor.normalize.linejoin import names_a_document
from extractor.structure.document import Document

_CLAUSE = regex.compile(r"[^,，;；。!?！？]+[,，]?")
_CLAUSE_GROUP = regex.compile(r"[^;；]+[;；]?")
_GOAL_SECTION = regex.compile(r"目标")
_OTHER_TOPIC = regex.compile(r"指导思想|原则|措施|保障措施|组织保障|要求|意义|组织领导|工作机制|职责|分工")
_DEADLINE = regex.compile(
    r"(?:到|至|于|确保|力争|争取|在)\s*(?P<y>(?:19|20)\d{2})\s*年|"
    r"(?P<y2>(?:19|20)\d{2})\s*年(?:底|末)?(?:前|以前)|"
    r"(?:19|20)\d{2}\s*年?\s*[-—–~至到]\s*(?P<y3>(?:19|20)\d{2})\s*年"
)
_COMMITMENT = regex.compile(r"确保|力争|争取|力促")
# A figure to reach: a number with the unit of a count, an amount or a share.
_FIGURE = r"\d+(?:\.\d+)?\s*(?:万|亿)?\s*(?:%|户|人|个|元|亩|公里|家|名|项|所|座|套|处)"
# A commitment verb makes a target only when what it commits to is an end state or a figure, not a way
# of working (确保…落实到位, 确保资金到村到户 are not targets).
_END_STATE = regex.compile(rf"实现|脱贫|全覆盖|覆盖|达到|达|消除|退出|摘帽|不返贫|不致贫|如期|同步|{_FIGURE}")
_PLANNED_YEAR = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?:计划|要|将|拟)")
# About the document itself, or a procedural step with a day-level deadline (1月25日前报…), not an outcome.
_ABOUT_DOCUMENT = regex.compile(r"制定|印发|本方案|本计划|本意见|本办法|附件|有效期|\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:前|以前)")
# A year the figure is for; not the base of a comparison (较2012年下降12%).
_YEAR = regex.compile(r"(?<![较比与])(?P<y>(?:19|20)\d{2})\s*年")
_STATUS = regex.compile(r"截止|截至|现有|以来|已经|已累计|共有")
_OUTCOME = regex.compile(r"实现|脱贫|达到|达|完成|消除|退出|摘帽|提高|增加|控制在|稳定在|覆盖|改善|增强|巩固|减贫|扶持|解决"
                      r"|提升|完善|健全|普及|建成|形成|突破|增长|下降|降低|进步|明显|显著|"
                      + _FIGURE + r"(?!\s*(?:以下|以内))")  # 7000元以下的低收入人口 is who is helped, not a figure to reach


def in_goal_section(document: Document, position: int) -> bool:
    """Whether ``position`` lies in a section (or under one) whose title names goals (目标, 目标任务). The
    innermost section that names a topic decides: under 一、指导思想、目标任务和基本原则, (一)指导思想 is not a
    goal section and (二)目标任务 is."""
    for node in document.ancestors(document.section_at(position)):
        goal, other = bool(_GOAL_SECTION.search(node.title)), bool(_OTHER_TOPIC.search(node.title))
        if goal != other:
            return goal
        if goal:  # a part naming goals and other topics together decides nothing for what lies directly in it
            return False
    return False


class GoalSectionYears:
    """The deadline a goal section states first (到2023年,…), which dates the goals and figures listed after it
    without a year of their own — in that section and in the items nested in it. Fed in text order."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._years: dict[str, int] = {}

    def note(self, position: int, year: int) -> None:
        node = self._document.section_at(position)
        if node is not None:
            self._years.setdefault(node.id, year)

    def year_at(self, position: int) -> int | None:
        return next((self._years[node.id] for node in self._document.ancestors(self._document.section_at(position))
                     if node.id in self._years), None)


def deadline_year(clause: str) -> int | None:
    match = _DEADLINE.search(clause)
    if not match:
        return None
    return int(match.group("y") or match.group("y2") or match.group("y3"))


def _cue_year(clause: str, group: str, goal_section: bool, opens_group: bool) -> tuple[bool, int | None]:
    """Whether ``clause`` starts a target, and the year it gives."""
    # A document's title standing alone (…行动计划(2021-2023年)): its years are no deadline.
    if _STATUS.search(clause) or _ABOUT_DOCUMENT.search(clause) or names_a_document(clause):
        return False, None
    year = deadline_year(clause)
    if year is not None:
        return True, year
    planned = _PLANNED_YEAR.search(clause)
    if planned:
        return True, int(planned.group("y"))
    if _COMMITMENT.search(clause) and _END_STATE.search(group):
        return True, None
    if goal_section:
        named = _YEAR.search(clause)
        if named:
            return True, int(named.group("y"))
        if opens_group and _OUTCOME.search(group):
            return True, None
    return False, None


def _could_start_target(sentence: str) -> bool:
    """Outside a goal section only a deadline, a planned year or a commitment verb starts a target
    (``_cue_year``): a sentence with none of them is skipped whole."""
    return any(cue.search(sentence) for cue in (_DEADLINE, _PLANNED_YEAR, _COMMITMENT))


def find_targets(document: Document) -> list[tuple[int, int, int | None]]:
    text = document.text
    targets: list[tuple[int, int, int | None]] = []
    goal_years = GoalSectionYears(document)
    for start, end in document.body_sentences():
        chain = document.ancestors(document.section_at(start))
        if chain and start == chain[0].span[0]:
            start += len(chain[0].label)  # a numbered item's label is not part of its text
        goal_section = in_goal_section(document, start)
        if not goal_section and not _could_start_target(text[start:end]):
            continue
        for group in _CLAUSE_GROUP.finditer(text, start, end):
            current: list[int | None] | None = None  # [start, end, year]
            for index, clause in enumerate(_CLAUSE.finditer(text, group.start(), group.end())):
                body = clause.group().rstrip(",，;；。")
                if not body.strip():
                    continue
                starts, year = _cue_year(body, group.group(), goal_section, index == 0)
                if starts and goal_section:
                    if year is None:
                        year = goal_years.year_at(start)
                    else:
                        goal_years.note(start, year)
                if starts:
                    if current:
                        targets.append(tuple(current))
                    current = [clause.start(), clause.start() + len(body), year]
                elif current is not None and not _STATUS.search(body):
                    current[1] = clause.start() + len(body)
                elif current is not None:
                    targets.append(tuple(current))
                    current = None
            if current:
                targets.append(tuple(current))
    return [(a + _lead(text, a, b), b, year) for a, b, year in targets if b - a >= 4]


def _lead(text: str, start: int, end: int) -> int:
    """Skip a heading label or spaces at the start of a target."""
    piece = text[start:end]
    return len(piece) - len(piece.lstrip(" "))
