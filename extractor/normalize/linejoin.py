"""Re-joining lines that were hard-wrapped inside a sentence or a title, and breaking lines that a web page
flattened.

A line break is removed when the text on either side cannot stand on its own:
- the line leaves a bracket or quotation open (``现将《…实施`` / ``方案》印发…``);
- the line ends on a character that cannot end a line (``、`` ``，`` or a connective such as ``的``);
- the line is a fragment of a title still looking for its document type (``…关于印发某某`` /
  ``镇人民政府2016年精准扶贫脱贫`` / ``工作实施方案的通知``).
A break is always kept before a numbered heading, a date line and after sentence-final punctuation, so real
paragraph breaks survive.

Pages that lost their line breaks run headings into the text, set off only by spaces (``…意见: 一、深入实施就业
优先战略 1.坚持就业优先发展战略。``): those spaces become a line break, so the headings are found as in any
other document.
"""

from __future__ import annotations

import regex

from extractor.normalize.offsets import Edit

_OPENERS = {"《": "》", "(": ")", "（": "）", "“": "”", "〔": "〕", "[": "]"}
_TERMINAL = tuple("。！？!?；;：:…”’」』)）》|")  # | ends a cell of a flattened web table
_CONTINUES = tuple("、，,的和及与或之")
_PUNCTUATION = regex.compile(r"\p{P}")
DOC_TYPE_END = regex.compile(
    r"(?:通知|意见|方案|计划|规划|办法|决定|报告|细则|纲要|要点|规定|条例|批复|函|通报|公告|决议|实施意见)$"
)
_TRAILING_BRACKET = regex.compile(r"[(（][^()（）]*[)）]$")


def names_a_document(line: str) -> bool:
    """A document's title: it ends with a type of document, a bracket after it aside (…行动计划(2021-2023年))."""
    return bool(DOC_TYPE_END.search(_TRAILING_BRACKET.sub("", line.strip())))
_HEADING_START = regex.compile(
    r"^(?:[一二三四五六七八九十百]+[、．.]|[(（][一二三四五六七八九十百\d]+[)）]|\d+[、．.﹒]|[①-⑳]|第[一二三四五六七八九十百\d]+[章节条])"
)
# Digits of a year written in Chinese (二〇一六, 二○一二 with a circle for zero), for every date pattern.
YEAR_DIGITS = "〇○零一二三四五六七八九"
_DATE_LINE = regex.compile(rf"^(?:\d{{4}}|[{YEAR_DIGITS}]{{4}})年.{{1,6}}日$|^\d{{1,2}}-\d{{1,2}}(?:\s+\d{{1,2}}:\d{{2}})?$")
_NUMBER_LINE = regex.compile(r"[〔\[(（【]\s*\d{4}\s*[〕\])）】]\s*第?\s*\d{1,4}\s*号[)）]?$")
_FIELD_LINE = regex.compile(r"[:：>]|\d{1,2}:\d{2}")
_TITLE_CUE = regex.compile(r"关于|印发|转发")
# A wrapped title line is short; body paragraphs in text files run to hundreds of characters.
_MAX_TITLE_LINE = 40


def _unbalanced(line: str) -> bool:
    return any(line.count(o) > line.count(c) for o, c in _OPENERS.items())


def _starts_structure(line: str) -> bool:
    return bool(_HEADING_START.match(line) or _DATE_LINE.match(line))


def _title_fragment_joins(line: str, nxt: str) -> bool:
    if len(line) > _MAX_TITLE_LINE or len(nxt) > _MAX_TITLE_LINE or DOC_TYPE_END.search(line):
        return False
    if _FIELD_LINE.search(line):  # "发布时间:2018-11-29", "您的位置:首页 > …" are labelled fields, not titles
        return False
    if _TITLE_CUE.search(line):  # a 关于… title is open until a line ends with its document type
        return True
    return bool(DOC_TYPE_END.search(nxt)) and not _PUNCTUATION.search(nxt[-1:])


def should_join(line: str, nxt: str) -> bool:
    if not line or not nxt or _starts_structure(nxt) or _DATE_LINE.match(line) or _NUMBER_LINE.search(line):
        return False
    if _unbalanced(line):
        return True
    if line.endswith(_TERMINAL):
        return False
    if line.endswith(_CONTINUES):
        return True
    return _title_fragment_joins(line, nxt)


def join_wrapped_lines(text: str) -> list[Edit]:
    """Edits deleting the line breaks that split a sentence or title (after lines are trimmed)."""
    edits: list[Edit] = []
    lines = text.split("\n")
    offset = 0
    for line, nxt in zip(lines, lines[1:]):
        offset += len(line)
        if should_join(line, nxt):
            edits.append((offset, offset + 1, ""))
        offset += 1
    return edits


# Spaces before a heading label that words follow (一、二类 is a list of numbers, not a heading).
_SPACES_BEFORE_LABEL = regex.compile(
    r"[ \t]+(?=(?:[一二三四五六七八九十]{1,3}、|\d{1,2}(?:[、．﹒]|\.(?!\d))|[(（][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[①-⑳])(?![一二三四五六七八九十])\p{Han}{2})"
)
_ENDS_BEFORE_HEADING = tuple("。；;:：！？!?)）”")
_SENTENCE_MARK = regex.compile(r"[。；;:：！？!?]")


# Parenthesized labels run into a flattened line with no space (…合力攻坚。(二)分类施策,…): after a full stop (an
# inline list separates its items with ；) or right after the title of the heading that starts the line
# (二、基本原则(一)党政主导…).
_RUN_IN_PAREN_LABEL = regex.compile(
    r"(?<=[。！？!?]|^[一二三四五六七八九十]{1,3}[、．][^。；;:：！？!?\n(（]{2,30})"
    r"[(（][一二三四五六七八九十]{1,3}[)）](?=\p{Han}{2})",
    regex.MULTILINE,
)
# A notice's recipients (各县(市、区)人民政府,…,各高等院校:) with the body run in after spaces.
_RUN_IN_BODY = regex.compile(r"^各[^:：\n。]{2,300}?[:：](?P<spaces>[ \t]+)(?=\S)", regex.MULTILINE)


def break_run_in_headings(text: str) -> list[Edit]:
    """Edits turning the spaces before a run-in heading into a line break: after a sentence end, a colon or
    a closing bracket, or after the title of a heading that itself starts the line (``一、深入实施就业优先战略
    1.坚持…``). Spaces inside a sentence stay (``附件 1.申报表``, ``详见表 2、主要指标``). The body run in
    after a recipients line (``各县人民政府,市政府各部门: 为贯彻…``) starts its own line too, and so do
    parenthesized labels run in with no space at all (``…攻坚。(二)分类施策,…``)."""
    edits: list[Edit] = []
    line_start = 0
    for match in _SPACES_BEFORE_LABEL.finditer(text):
        line_start = max(line_start, text.rfind("\n", 0, match.start()) + 1)
        line = text[line_start:match.start()]
        if line.endswith(_ENDS_BEFORE_HEADING) or (_HEADING_START.match(line) and not _SENTENCE_MARK.search(line)):
            edits.append((match.start(), match.end(), "\n"))
            line_start = match.end()
    edits.extend((m.start("spaces"), m.end("spaces"), "\n") for m in _RUN_IN_BODY.finditer(text))
    edits.extend(_paren_labels_run_in(text))
    return sorted(edits)


def _paren_labels_run_in(text: str) -> list[Edit]:
    """Line breaks before parenthesized labels run into a line without spaces, where a line holds two or more
    of them: one alone after a sentence end is more often a reference than a flattened list."""
    edits: list[Edit] = []
    offset = 0
    for line in text.split("\n"):
        starts = [m.start() for m in _RUN_IN_PAREN_LABEL.finditer(line)]
        if len(starts) >= 2:
            edits.extend((offset + start, offset + start, "\n") for start in starts)
        offset += len(line) + 1
    return edits
