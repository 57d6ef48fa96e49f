"""All evidenced items of one document, with ids and the links between them.

Each extractor returns plain spans with attributes; this module anchors them (``evidence`` and
``source_span``), numbers them and links quotas to the targets and measures that hold them and units to the
measures they are responsible for.
"""

from __future__ import annotations

import regex

from extractor.extract.measures import find_measures
from extractor.extract.quotas import find_quotas, may_hold_quota
from extractor.extract.targets import GoalSectionYears, deadline_year, find_targets, in_goal_section
from extractor.extract.units import find_units
from extractor.model import Measure, Quota, Target, Unit
from extractor.structure.document import Document

# Documents whose figures are rules rather than plans: an uncued figure there is a standard.
_REGULATION_TYPES = frozenset({"办法"})
_YEAR_IN_TITLE = regex.compile(r"((?:19|20)\d{2})\s*年")


def anchor(document: Document, start: int, end: int) -> dict:
    return {
        "span": (start, end),
        "evidence": document.text[start:end],
        "source_span": document.normalized.to_original(start, end),
    }


def _section_id(document: Document, position: int) -> str | None:
    node = document.section_at(position)
    return node.id if node else None


def _context_year(document: Document, position: int) -> int | None:
    """A year stated by the titles of the sections around ``position`` (``(一)2016年工作安排``)."""
    for node in document.ancestors(document.section_at(position)):
        match = _YEAR_IN_TITLE.search(node.title)
        if match:
            return int(match.group(1))
    return None


def extract_quotas(document: Document, doc_type: str) -> list[Quota]:
    uncued = "standard" if doc_type in _REGULATION_TYPES else "planned"
    quotas: list[Quota] = []
    goal_years = GoalSectionYears(document)
    for start, end in document.body_sentences():
        sentence = document.text[start:end]
        holds_quota, deadline = may_hold_quota(sentence), deadline_year(sentence)
        if not holds_quota and deadline is None:
            continue  # the cheap tests first: most sentences hold neither
        goal_section = in_goal_section(document, start)
        if deadline is not None and goal_section:
            goal_years.note(start, deadline)
        if not holds_quota:
            continue
        # a goal section's figures without a year of their own are due by the deadline it stated first
        context_year = _context_year(document, start) or (goal_years.year_at(start) if goal_section else None)
        for found in find_quotas(sentence, context_year=context_year, in_goal_section=goal_section, uncued=uncued):
            a, b = start + found.start, start + found.end
            quotas.append(Quota(
                id=f"q{len(quotas) + 1}", text=found.text, value=found.value, value_max=found.value_max,
                unit=found.unit, per=found.per, comparator=found.comparator, modality=found.modality,
                year=found.year, subject=found.subject, section=_section_id(document, a), **anchor(document, a, b),
            ))
    return quotas


def _inside(quota: Quota, start: int, end: int) -> bool:
    return start <= quota.span[0] and quota.span[1] <= end


def extract_items(document: Document, doc_type: str = "其他") -> dict:
    quotas = extract_quotas(document, doc_type)
    targets = [
        Target(id=f"t{i}", text=document.text[a:b], year=year, section=_section_id(document, a),
               quotas=[q.id for q in quotas if _inside(q, a, b)], **anchor(document, a, b))
        for i, (a, b, year) in enumerate(find_targets(document), start=1)
    ]
    found_measures = find_measures(document)
    measure_ids = {m.key: f"m{i}" for i, m in enumerate(found_measures, start=1)}
    found_units = find_units(document)
    unit_ids = [f"u{i}" for i in range(1, len(found_units) + 1)]

    def measure_of(position: int) -> str | None:
        holders = [m for m in found_measures if m.body[0] <= position < m.body[1]]
        return measure_ids[max(holders, key=lambda m: m.level).key] if holders else None

    unit_measures = {uid: measure_of(u.start) for uid, u in zip(unit_ids, found_units)}
    units = [
        Unit(id=uid, name=u.name, kind=u.kind, role=u.role, duty=u.duty,
             measures=[unit_measures[uid]] if unit_measures[uid] and not u.whole_document else [],
             **anchor(document, u.start, u.end))
        for uid, u in zip(unit_ids, found_units)
    ]
    measures = [
        Measure(id=measure_ids[m.key], title=m.title, text=document.text[m.body[0]:m.body[1]], category=m.category,
                level=m.level, parent=measure_ids.get(m.parent) if m.parent else None,
                section=_section_id(document, m.body[0]),
                quotas=[q.id for q in quotas if _inside(q, *m.body)],
                units=[uid for uid in unit_ids if unit_measures[uid] == measure_ids[m.key]],
                **anchor(document, *m.body))
        for m in found_measures
    ]
    return {"quotas": quotas, "targets": targets, "measures": measures, "units": units}
