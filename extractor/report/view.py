"""What the report shows, computed from a ``Comparison``: text segments with items, heat map, timeline.

The template only lays these out; every number and every highlight boundary is decided here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from extractor.compare import Comparison
from extractor.compare.tables import LEVEL_NAMES, LEVELS, level_order, region_path
from extractor.model import Record

LEVEL_COLORS = {"national": "#6c5ce7", "province": "#0984e3", "city": "#00a383", "county": "#e17055",
                "township": "#d63031", "unknown": "#636e72"}
ITEM_KINDS = {"q": "quota", "t": "target", "m": "measure", "u": "unit", "s": "section", "w": "warning"}


@dataclass(frozen=True)
class Item:
    key: str  # unique within the document: the record's id, or warn-N for a text warning
    kind: str  # one of ITEM_KINDS
    span: tuple[int, int]


@dataclass
class DocumentView:
    record: Record
    anchor: str
    region: str
    level_name: str
    color: str
    text_html: Markup
    warnings: list[dict[str, Any]]
    quotas: list[dict[str, Any]]
    category_counts: Counter


@dataclass(frozen=True)
class TimelineMark:
    x: float
    y: float
    radius: float
    count: int
    year: int
    color: str
    anchor: str
    tooltip: str


@dataclass
class Timeline:
    width: int
    height: int
    axis: list[tuple[float, int]] = field(default_factory=list)  # (x, year)
    lanes: list[tuple[float, str, str]] = field(default_factory=list)  # (y, label, anchor)
    marks: list[TimelineMark] = field(default_factory=list)
    undated: int = 0


def document_items(record: Record) -> list[Item]:
    items = [Item(s.id, "s", s.span) for s in record.sections]
    items += [Item(m.id, "m", m.span) for m in record.measures]
    items += [Item(t.id, "t", t.span) for t in record.targets]
    items += [Item(u.id, "u", u.span) for u in record.units]
    items += [Item(q.id, "q", q.span) for q in record.quotas]
    items += [Item(f"warn-{n}", "w", tuple(w.span)) for n, w in enumerate(record.text.warnings, 1) if w.span]
    return [i for i in items if i.span[0] < i.span[1]]


def highlighted_text(text: str, items: list[Item]) -> Markup:
    """The text cut at every item boundary; a piece inside items is a span listing them in ``data-items``.

    Overlapping items (a quota inside a target inside a measure) need no nesting: the pieces of an item are
    exactly the spans whose ``data-items`` holds its key, and their text joined is the item's evidence.
    """
    cuts = sorted({0, len(text), *(i.span[0] for i in items), *(i.span[1] for i in items)})
    starts: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        starts[item.span[0]].append(item)
    open_items: list[Item] = []
    parts = []
    for start, end in zip(cuts, cuts[1:]):
        open_items = [i for i in open_items if i.span[1] > start] + starts.get(start, [])
        piece = escape(text[start:end])
        if open_items:
            keys = " ".join(i.key for i in open_items)
            kinds = " ".join(sorted({f"k-{i.kind}" for i in open_items}))
            parts.append(Markup('<span class="seg {}" data-items="{}">{}</span>').format(kinds, keys, piece))
        else:
            parts.append(piece)
    return Markup("").join(parts)


def quality_notes(record: Record) -> list[str]:
    """Low-confidence signs a reader should know before trusting the numbers."""
    notes = []
    m = record.metadata
    if m.admin_level == "unknown":
        notes.append("行政级别未能确定 (admin level unknown)")
    if not any((m.region.province, m.region.city, m.region.county, m.region.township)):
        notes.append("地区未能确定 (region unknown)")
    if m.issue_date is None:
        notes.append("未找到成文日期 (no issue date in the text)")
    if not record.measures and not record.quotas and not record.targets:
        notes.append("未抽取到措施、目标或数量指标 (nothing extracted)")
    return notes


def document_view(record: Record, comparison: Comparison) -> DocumentView:
    aligned = {a.quota_id: a for a in comparison.aligned[record.doc_id]}
    warnings = [{"key": f"warn-{n}" if w.span else None, "code": w.code, "message": w.message}
                for n, w in enumerate(record.text.warnings, 1)]
    warnings += [{"key": None, "code": "low_confidence", "message": note} for note in quality_notes(record)]
    quotas = [{"quota": q, "aligned": aligned.get(q.id)} for q in record.quotas]
    level = record.metadata.admin_level
    return DocumentView(record, f"doc-{record.doc_id}", region_path(record), LEVEL_NAMES[level], LEVEL_COLORS[level],
                        highlighted_text(record.text.normalized, document_items(record)), warnings, quotas,
                        Counter(m.category for m in record.measures))


def heat_color(count: int, highest: int) -> str:
    if not count:
        return "transparent"
    share = count / max(highest, 1)
    return f"rgba(214, 48, 49, {0.15 + 0.75 * share:.2f})"


def timeline(documents: list[DocumentView]) -> Timeline:
    """Targets by year: one lane per document with dated targets, one mark per (document, year)."""
    lanes = [d for d in documents if any(t.year for t in d.record.targets)]
    years = sorted({t.year for d in lanes for t in d.record.targets if t.year})
    undated = sum(1 for d in documents for t in d.record.targets if not t.year)
    label_width, step, lane_height, top = 260, 70, 34, 30
    if not years:
        return Timeline(0, 0, undated=undated)
    first, last = years[0], years[-1]
    chart = Timeline(label_width + step * (last - first + 1) + 20, top + lane_height * len(lanes) + 10,
                     undated=undated)
    chart.axis = [(label_width + step * (year - first) + step / 2, year) for year in range(first, last + 1)]
    for n, doc in enumerate(lanes):
        y = top + lane_height * n + lane_height / 2
        title = doc.record.metadata.title or doc.record.source.path
        chart.lanes.append((y, f"{doc.level_name} · {title[:16]}{'…' if len(title) > 16 else ''}", doc.anchor))
        by_year: dict[int, list[str]] = defaultdict(list)
        for t in doc.record.targets:
            if t.year:
                by_year[t.year].append(t.text)
        for year, texts in sorted(by_year.items()):
            tooltip = f"{year} · {title}\n" + "\n".join(f"• {text[:80]}" for text in texts)
            chart.marks.append(TimelineMark(label_width + step * (year - first) + step / 2, y,
                                            min(7 + 2 * len(texts), 15), len(texts), year, doc.color, doc.anchor,
                                            tooltip))
    return chart


def build_view(comparison: Comparison) -> dict[str, Any]:
    documents = [document_view(r, comparison) for r in sorted(comparison.records, key=level_order)]
    by_level = [(level, LEVEL_NAMES[level], LEVEL_COLORS[level],
                 [d for d in documents if d.record.metadata.admin_level == level]) for level in LEVELS]
    highest = max((c for d in documents for c in d.category_counts.values()), default=0)
    return {
        "comparison": comparison,
        "tables": comparison.tables,
        "documents": documents,
        "by_level": [group for group in by_level if group[3]],
        "categories": comparison.categories,
        "heat_color": lambda count: heat_color(count, highest),
        "timeline": timeline(documents),
        "kinds": ITEM_KINDS,
    }
