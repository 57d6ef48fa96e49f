"""Targets: outcome commitments, in target sections or with a deadline (SPEC section 3).

The unit of a target is a clause between ``;``/``；`` inside a sentence: in a section whose title names
goals (目标) every clause that states an outcome; elsewhere a clause with a deadline (``到2020年``,
``2018年底前``, ``确保2017年实现…``). The year is the deadline's (the end of ``2017年-2020年``).
"""

from __future__ import annotations

import regex

from extractor.structure.document import Document

_CLAUSE = regex.compile(r"[^;；]+[;；]?")
_GOAL_SECTION = regex.compile(r"目标")
_OUTCOME = regex.compile(r"实现|脱贫|达到|达|完成|消除|全部|确保|力争|基本|退出|摘帽|提高到|增加到|控制在|稳定在|覆盖")
_DEADLINE = regex.compile(
    r"(?:到|至|截至|截止|确保|力争|争取|在)\s*(?P<y>(?:19|20)\d{2})\s*年(?:底|末|前|年底)?|"
    r"(?P<y2>(?:19|20)\d{2})\s*年(?:底|末)?前|(?:19|20)\d{2}\s*年?\s*[-—至到]\s*(?P<y3>(?:19|20)\d{2})\s*年"
)
_YEAR = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年")


def deadline_year(clause: str) -> int | None:
    match = _DEADLINE.search(clause)
    if not match:
        return None
    return int(match.group("y") or match.group("y2") or match.group("y3"))


def find_targets(document: Document) -> list[tuple[int, int, int | None]]:
    targets = []
    for start, end in document.body_sentences():
        sentence = document.text[start:end]
        chain = document.ancestors(document.section_at(start))
        in_goal_section = any(_GOAL_SECTION.search(node.title) for node in chain)
        heading = chain[0] if chain else None
        for clause in _CLAUSE.finditer(sentence):
            a, b = start + clause.start(), start + clause.end()
            text = document.text[a:b].rstrip("。;；")
            if heading and a <= heading.span[0] + len(heading.label) + len(heading.title) + 2 and text.endswith(heading.title):
                continue  # the heading itself
            year = deadline_year(text)
            if year is None and not (in_goal_section and _OUTCOME.search(text)):
                continue
            if year is None and in_goal_section:
                year_match = _YEAR.search(text)
                year = int(year_match.group("y")) if year_match and "年以来" not in text else None
            lead = len(text) - len(text.lstrip(" ,，"))
            targets.append((a + lead, a + len(text), year))
    return targets
