"""The section tree from the numbering of Chinese official documents (GB/T 9704 practice).

A heading is a line that starts with a numbering label: ``一、`` ``(一)`` ``1.`` ``1、`` ``(1)`` ``①`` ``㈠``
``第X章`` ``第X节`` ``第X条`` (ASCII or full-width brackets). Levels are not a fixed table: each document
ranks its numbering styles in the order it first uses them, so ``1.`` is level 3 under ``一、``/``(一)`` and
level 2 where no ``(一)`` was used before it. A heading's title runs to the first ``。`` ``:`` ``：`` ``;``
``；`` or the end of its line, so ``(一)发展生产脱贫。一是…`` gives the title ``发展生产脱贫``.
A title that runs on into its body without punctuation (a flattened page) is cut after a part's usual
title (``一、总体要求以…`` → ``总体要求``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extractor.resources import read_lines

_CN = "零〇一二三四五六七八九十百"
LABEL = regex.compile(
    rf"""^(?:
        (?P<chapter>第[{_CN}\d]+章)\s*
      | (?P<part>第[{_CN}\d]+节)\s*
      | (?P<article>第[{_CN}\d]+条)\s*
      | (?P<cn>[{_CN}]+[、．])
      | (?P<cn_paren>[(（][{_CN}]+[)）])
      | (?P<num>\d{{1,3}}(?:[、．﹒]|\.(?!\d)))
      | (?P<num_paren>[(（]\d{{1,3}}[)）])
      | (?P<circled>[①-⑳])
      | (?P<cn_enclosed>[㈠-㈩])
    )""",
    regex.VERBOSE,
)
_TITLE_END = regex.compile(r"[。:：;；]")
_DAMAGED_INDENT = "?\ufffd \u3000"
# A title longer than this is a paragraph that merely starts with a number, not a heading.
_MAX_TITLE = 250
# A title longer than this has run on into its body (一、总体要求以…统领,…: a flattened page); when it starts
# with a part's usual title (models/structure/part_titles.txt), that is the title.
_RUN_ON_TITLE = 40


@cache
def _usual_title() -> regex.Pattern[str]:
    titles = sorted(read_lines("structure", "part_titles.txt"), key=len, reverse=True)
    return regex.compile("|".join(map(regex.escape, titles)))


@dataclass(frozen=True)
class Heading:
    label: str
    title: str
    style: str
    start: int  # offsets of the heading line in the normalized text
    end: int
    title_end: int


def find_headings(text: str, body_start: int = 0) -> list[Heading]:
    headings: list[Heading] = []
    offset = 0
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if line_start < body_start:
            continue
        # Damaged full-width spaces (????一、指导思想: the page turned them into ?) do not hide a label.
        lead = len(line) - len(line.lstrip(_DAMAGED_INDENT))
        match = LABEL.match(line[lead:])
        if not match:
            continue
        rest = line[lead + match.end():]
        cut = _TITLE_END.search(rest)
        title = (rest[: cut.start()] if cut else rest).strip()
        if not title or len(title) > _MAX_TITLE:
            continue
        label = match.group().strip()
        title_end = line_start + lead + match.end() + (cut.start() if cut else len(rest))
        usual = _usual_title().match(title) if len(title) > _RUN_ON_TITLE else None
        if usual:
            title = usual.group()
            title_end = line_start + lead + match.end() + (len(rest) - len(rest.lstrip())) + len(title)
        headings.append(Heading(label, title, match.lastgroup, line_start + lead, line_start + len(line), title_end))
    return headings


@dataclass(frozen=True)
class SectionNode:
    id: str
    label: str
    title: str
    level: int
    parent: str | None
    span: tuple[int, int]  # the heading and everything up to the next heading of the same or higher level


def build_tree(headings: list[Heading], text_length: int) -> list[SectionNode]:
    style_rank: dict[str, int] = {}
    for heading in headings:
        style_rank.setdefault(heading.style, len(style_rank) + 1)
    nodes: list[SectionNode] = []
    stack: list[tuple[int, str]] = []  # (level, id) of open ancestors
    levels = [style_rank[h.style] for h in headings]
    for index, heading in enumerate(headings):
        level = levels[index]
        while stack and stack[-1][0] >= level:
            stack.pop()
        end = next((headings[j].start for j in range(index + 1, len(headings)) if levels[j] <= level), text_length)
        node_id = f"s{index + 1}"
        nodes.append(SectionNode(node_id, heading.label, heading.title, level, stack[-1][1] if stack else None,
                                 (heading.start, end)))
        stack.append((level, node_id))
    return nodes
