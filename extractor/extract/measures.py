"""Measures: headings under a measures part and ``一是…二是…`` items inside paragraphs (SPEC section 3).

A measures part is a section whose title carries a cue from ``models/measures/part_cues.txt`` (具体措施,
主要工作, 重点任务, 组织保障, …) or a top-level part titled as an action (``action_verbs.txt``); the headings
nested under it are measures, with their parent the enclosing heading measure. Enumerated items (``一是``,
``二是``…) are measures wherever the text prescribes; their parent is the heading measure they sit under or,
in a paragraph with no heading (news reports), the paragraph's lead sentence.

A measure is an action the document prescribes, so some headings and items are not, wherever they sit:
a regulation's articles (第十二条) and what is nested in them are provisions; an assessment scheme's scored
indicators (强化基础设施支撑（10分）) are criteria; items in a part that reviews past work or frames the work
(``framing_cues.txt``: 工作回顾, 指导思想, 目标…) prescribe nothing. Items inside an article or an indicator
still prescribe (一是建立台账;二是加强监管) and are measures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

import regex

from extractor.extract.categories import Context, classify, group_category, in_domain, subject_rows
from extractor.resources import read_lines
from extractor.structure.document import Document
from extractor.structure.sections import LABEL, SectionNode

# A marker opens a sentence or clause; after a comma only a later item (…保护人员,二是落实…), since 一是 after a
# comma is too often ordinary text.
_ITEM = regex.compile(r"(?:^|(?<=[。;；!！?？\n]))\s*(?P<marker>[一二三四五六七八九十]{1,3}是)"
                      r"|(?<=[,，])(?P<marker>(?!一是)[一二三四五六七八九十]{1,3}是)")
_ITEM_TITLE_END = regex.compile(r"[。;；:：]")
_SCORE = regex.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$")


@dataclass(frozen=True)
class FoundMeasure:
    key: str
    title: str
    body: tuple[int, int]
    level: int
    parent: str | None
    category: str


@cache
def _cues(name: str) -> regex.Pattern[str]:
    return regex.compile("|".join(map(regex.escape, read_lines("measures", name))))


def _is_action_part(title: str) -> bool:
    """A top-level title that prescribes work (扶持低收入人口增收致富), not one that frames it (目标任务)."""
    return bool(_cues("action_verbs.txt").match(title)) and not _cues("framing_cues.txt").search(title)


def _prescribes_nothing(node: SectionNode) -> bool:
    """A heading that is not a measure whatever part it is in (module docstring): an article or a scored
    indicator."""
    label = LABEL.match(node.label)
    return bool(label and label.lastgroup == "article" or _SCORE.search(node.title))


def _measure_sections(document: Document) -> dict[str, SectionNode]:
    """Sections nested under a measures part, and action-titled parts themselves (a cue-titled part such as
    具体措施 is a container, not a measure); none that is, or is nested in, a heading that prescribes nothing."""
    tops = [node for node in document.sections if node.parent is None and not _prescribes_nothing(node)]
    actions = {node.id for node in tops if _is_action_part(node.title) and not _cues("part_cues.txt").search(node.title)}
    parts = {node.id for node in tops if node.id in actions or (_cues("part_cues.txt").search(node.title)
                                                                and not _cues("framing_cues.txt").search(node.title))}
    chosen = {node.id: node for node in tops if node.id in actions}
    for node in document.sections:
        chain = document.ancestors(node)
        if not any(_prescribes_nothing(n) for n in chain) and any(a.id in parts for a in chain[1:]):
            chosen[node.id] = node
    return chosen


def _part_category(document: Document, node: SectionNode, classify: Classifier, context: Context) -> str | None:
    """The category the title of the part holding a top measure names (五、保障措施 → governance), if any:
    a measure whose own text says nothing takes it. The title alone counts, not the part's body."""
    part = document.ancestors(node)[1:2]
    return classify(part[0].title, "", context) if part else None


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for line in text.split("\n"):
        if offset >= start and line.strip():
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


Classifier = Callable[[str, str, Context], str]


def find_measures(document: Document, classify: Classifier = classify) -> list[FoundMeasure]:
    """``classify(title, body, context)`` gives each measure's category (the shipped classifier by default)."""
    text = document.text
    document_context = Context(in_domain(text), subject=subject_rows(
        " ".join(line.text for line in document.header.of_kind("title"))))
    sections = _measure_sections(document)
    measures: list[FoundMeasure] = []
    heading_measure: dict[str, FoundMeasure] = {}
    for node in document.sections:
        if node.id not in sections:
            continue
        parent = heading_measure.get(node.parent) if node.parent else None
        inherited = parent.category if parent else _part_category(document, node, classify, document_context)
        found = FoundMeasure(
            key=f"h:{node.id}", title=node.title, body=node.span, level=parent.level + 1 if parent else 1,
            parent=parent.key if parent else None,
            category=classify(node.title, text[node.span[0]:node.span[1]], replace(document_context, parent=inherited)),
        )
        heading_measure[node.id] = found
        measures.append(found)

    for para_start, para_end in _paragraphs(text, document.body_start):
        paragraph = text[para_start:para_end]
        markers = list(_ITEM.finditer(paragraph))
        if len(markers) < 2 and not (markers and markers[0].group("marker") != "一是"):
            continue
        holder = document.section_at(para_start)
        if holder and _cues("framing_cues.txt").search(document.ancestors(holder)[-1].title):
            continue  # items that review, frame or set goals (一是…) prescribe no action
        parent = heading_measure.get(holder.id) if holder else None
        if parent is None:
            lead_end = markers[0].start("marker")
            lead = paragraph[:lead_end].strip()
            if lead and not (holder and para_start == holder.span[0]):
                cut = _ITEM_TITLE_END.search(lead)
                parent = FoundMeasure(
                    key=f"p:{para_start}", title=lead[: cut.start()] if cut else lead,
                    body=(para_start, para_end), level=1, parent=None,
                    category=classify(lead, paragraph, document_context),
                )
                measures.append(parent)
        for index, marker in enumerate(markers):
            item_start = para_start + marker.start("marker")
            item_end = para_start + (markers[index + 1].start("marker") if index + 1 < len(markers) else len(paragraph))
            body_text = text[item_start + len(marker.group("marker")):item_end]
            cut = _ITEM_TITLE_END.search(body_text)
            title = (body_text[: cut.start()] if cut else body_text).strip()
            if not title:
                continue
            measures.append(FoundMeasure(
                key=f"i:{item_start}", title=title, body=(item_start, item_end),
                level=parent.level + 1 if parent else 1, parent=parent.key if parent else None,
                category=classify(title, body_text, replace(document_context, parent=parent.category if parent else None)),
            ))
    measures.sort(key=lambda m: (m.body[0], m.level))
    return _group_categories(measures, classify, document_context)


def _group_categories(measures: list[FoundMeasure], classify: Classifier, context: Context) -> list[FoundMeasure]:
    """A group measure takes the category most of its children share, else its title's alone (its body is
    the children's text); innermost groups first."""
    by_key = {m.key: m for m in measures}
    for level in sorted({m.level for m in measures}, reverse=True):
        for group in [m for m in by_key.values() if m.level == level]:
            children = [c.category for c in by_key.values() if c.parent == group.key]
            if children:
                own = classify(group.title, "", context)
                by_key[group.key] = replace(group, category=group_category(own, children))
    return [by_key[m.key] for m in measures]
