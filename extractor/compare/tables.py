"""The comparison tables: documents by level and region, categories, indicators, targets, region chains.

Every table is a list of flat rows with a fixed column order, so the same object is written as CSV, as one
XLSX sheet and as JSON, and feeds the HTML report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from extractor.compare.chains import REGION_FIELDS, chain_pairs, diff_pair
from extractor.compare.indicators import AlignedQuota, align_quotas, load_indicators
from extractor.compare.loading import LoadError
from extractor.extract.categories import load_taxonomy
from extractor.model import Record

LEVELS = ("national", "province", "city", "county", "township", "unknown")
LEVEL_NAMES = {"national": "国家", "province": "省级", "city": "市级", "county": "县级", "township": "乡镇",
               "unknown": "未知"}
OTHER_CATEGORY = ("other", "其他")


@dataclass
class Table:
    name: str
    description: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(self, **row: Any) -> None:
        self.rows.append({column: row.get(column) for column in self.columns})


@dataclass
class Comparison:
    records: list[Record]
    aligned: dict[str, list[AlignedQuota]]
    categories: dict[str, str]
    tables: dict[str, Table]
    errors: list[LoadError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.records),
            "errors": [{"origin": e.origin, "reason": e.reason} for e in self.errors],
            "tables": {name: {"description": t.description, "columns": t.columns, "rows": t.rows}
                       for name, t in self.tables.items()},
        }


def region_path(record: Record) -> str:
    region = record.metadata.region
    return "".join(getattr(region, name) or "" for name in REGION_FIELDS) or "—"


def category_labels() -> dict[str, str]:
    labels = {c.code: c.name for c in load_taxonomy()}
    labels.setdefault(*OTHER_CATEGORY)
    return labels


def level_order(record: Record) -> tuple[int, str, str]:
    return LEVELS.index(record.metadata.admin_level), region_path(record), record.doc_id


def build_comparison(records: list[Record], errors: list[LoadError] | None = None) -> Comparison:
    categories = category_labels()
    aligned = {r.doc_id: align_quotas(r) for r in records}
    tables = [
        _documents(records),
        _groups(records),
        _category_matrix(records, categories),
        _category_levels(records, categories),
        _indicator_values(records, aligned),
        _indicator_matrix(records, aligned),
        _targets_timeline(records),
        *_chains(records, categories, aligned),
    ]
    return Comparison(records, aligned, categories, {t.name: t for t in tables}, list(errors or []))


def _documents(records: list[Record]) -> Table:
    table = Table("documents", "One row per document: metadata, region and how much was extracted.",
                  ["doc_id", "title", "doc_type", "doc_number", "issue_date", "admin_level", *REGION_FIELDS,
                   "region_code", "issuers", "sections", "targets", "measures", "units", "quotas", "warnings",
                   "source"])
    for r in sorted(records, key=level_order):
        m = r.metadata
        table.add(doc_id=r.doc_id, title=m.title, doc_type=m.doc_type, doc_number=m.doc_number,
                  issue_date=m.issue_date, admin_level=m.admin_level,
                  **{name: getattr(m.region, name) for name in REGION_FIELDS}, region_code=m.region.code,
                  issuers="; ".join(m.issuers), sections=len(r.sections), targets=len(r.targets),
                  measures=len(r.measures), units=len(r.units), quotas=len(r.quotas),
                  warnings="; ".join(sorted({w.code for w in r.text.warnings})), source=r.source.path)
    return table


def _groups(records: list[Record]) -> Table:
    table = Table("groups", "Documents grouped by administrative level and region (province, city).",
                  ["admin_level", "province", "city", "documents", "doc_ids", "titles"])
    groups: dict[tuple[str, str | None, str | None], list[Record]] = defaultdict(list)
    for r in sorted(records, key=level_order):
        groups[(r.metadata.admin_level, r.metadata.region.province, r.metadata.region.city)].append(r)
    for (level, province, city), members in groups.items():
        table.add(admin_level=level, province=province, city=city, documents=len(members),
                  doc_ids="; ".join(r.doc_id for r in members),
                  titles="; ".join(r.metadata.title or r.source.path for r in members))
    return table


def _category_matrix(records: list[Record], categories: dict[str, str]) -> Table:
    table = Table("category_matrix",
                  "Measures per category per document (a count; 0 means the category is absent).",
                  ["doc_id", "title", "admin_level", "region", *categories, "measures"])
    for r in sorted(records, key=level_order):
        counts = Counter(m.category for m in r.measures)
        table.add(doc_id=r.doc_id, title=r.metadata.title, admin_level=r.metadata.admin_level,
                  region=region_path(r), **{code: counts[code] for code in categories}, measures=len(r.measures))
    return table


def _category_levels(records: list[Record], categories: dict[str, str]) -> Table:
    present_levels = [level for level in LEVELS if any(r.metadata.admin_level == level for r in records)]
    table = Table("category_levels",
                  "Per category, how many documents of each level have it (documents with measures only), "
                  "and whether every such document of the level has it.",
                  ["category", "label", *[f"{level}_with" for level in present_levels], "present_at_all_of",
                   "present_at_some_of"])
    with_measures = [r for r in records if r.measures]
    for code, label in categories.items():
        row: dict[str, Any] = {"category": code, "label": label}
        everywhere, somewhere = [], []
        for level in present_levels:
            members = [r for r in with_measures if r.metadata.admin_level == level]
            having = sum(any(m.category == code for m in r.measures) for r in members)
            row[f"{level}_with"] = f"{having}/{len(members)}"
            if members and having == len(members):
                everywhere.append(level)
            if having:
                somewhere.append(level)
        table.add(**row, present_at_all_of=", ".join(everywhere), present_at_some_of=", ".join(somewhere))
    return table


def _indicator_values(records: list[Record], aligned: dict[str, list[AlignedQuota]]) -> Table:
    table = Table("indicator_values",
                  "Every quota with its indicator, kind (total, rate, share) and value in normalized units.",
                  ["indicator", "indicator_label", "kind", "doc_id", "admin_level", "region", "quota_id", "value",
                   "value_max", "unit", "per", "comparator", "modality", "year", "evidence", "context"])
    order = {i.code: n for n, i in enumerate(load_indicators())}
    rows = [(r, q) for r in sorted(records, key=level_order) for q in aligned[r.doc_id]]
    rows.sort(key=lambda rq: order.get(rq[1].indicator, len(order)))
    for r, q in rows:
        table.add(indicator=q.indicator, indicator_label=q.indicator_label, kind=q.kind, doc_id=r.doc_id,
                  admin_level=r.metadata.admin_level, region=region_path(r), quota_id=q.quota_id, value=q.value,
                  value_max=q.value_max, unit=q.unit, per=q.per, comparator=q.comparator, modality=q.modality,
                  year=q.year, evidence=q.evidence, context=q.context)
    return table


def _indicator_matrix(records: list[Record], aligned: dict[str, list[AlignedQuota]]) -> Table:
    ordered = sorted(records, key=level_order)
    table = Table("indicator_matrix",
                  "Indicators × documents: the values each document gives, totals, rates and shares on "
                  "separate rows; [baseline] marks a status figure, [standard] an eligibility or payment standard.",
                  ["indicator", "label", "kind", "unit", *[r.doc_id for r in ordered]])
    for indicator in load_indicators():
        keys = sorted({(q.kind, q.unit) for r in ordered for q in aligned[r.doc_id] if q.indicator == indicator.code})
        for kind, unit in keys:
            cells = {r.doc_id: "; ".join(q.display() for q in aligned[r.doc_id]
                                         if q.indicator == indicator.code and (q.kind, q.unit) == (kind, unit))
                     for r in ordered}
            table.add(indicator=indicator.code, label=indicator.label, kind=kind, unit=unit, **cells)
    return table


def _targets_timeline(records: list[Record]) -> Table:
    table = Table("targets_timeline", "Targets by the year they are due (undated targets last).",
                  ["year", "doc_id", "admin_level", "region", "title", "target_id", "text", "quotas"])
    rows = []
    for r in records:
        quotas = {q.id: q for q in r.quotas}
        for t in r.targets:
            linked = "; ".join(quotas[i].evidence for i in t.quotas if i in quotas)
            rows.append((t.year is None, t.year or 0, level_order(r), r, t, linked))
    rows.sort(key=lambda row: row[:3])
    for _, _, _, r, t, linked in rows:
        table.add(year=t.year, doc_id=r.doc_id, admin_level=r.metadata.admin_level, region=region_path(r),
                  title=r.metadata.title, target_id=t.id, text=t.text, quotas=linked)
    return table


def _chains(records: list[Record], categories: dict[str, str],
            aligned: dict[str, list[AlignedQuota]]) -> tuple[Table, Table]:
    pairs_table = Table("chain_pairs",
                        "Documents of one region chain: each lower-level notice beside the higher-level notices "
                        "whose region holds it (found through metadata.region).",
                        ["higher_doc_id", "higher_level", "higher_region", "higher_title", "lower_doc_id",
                         "lower_level", "lower_region", "lower_title", "added", "dropped", "changed"])
    diffs_table = Table("chain_diffs",
                        "What the lower level adds, drops or changes relative to the higher: measure categories "
                        "(counts), indicators (values) and target years (counts).",
                        ["higher_doc_id", "lower_doc_id", "aspect", "key", "label", "higher", "lower", "change"])
    for higher, lower in chain_pairs(records):
        changes = diff_pair(higher, lower, categories, aligned)
        tally = Counter(c.change for c in changes)
        pairs_table.add(higher_doc_id=higher.doc_id, higher_level=higher.metadata.admin_level,
                        higher_region=region_path(higher), higher_title=higher.metadata.title,
                        lower_doc_id=lower.doc_id, lower_level=lower.metadata.admin_level,
                        lower_region=region_path(lower), lower_title=lower.metadata.title,
                        added=tally["added"], dropped=tally["dropped"], changed=tally["changed"])
        for c in changes:
            diffs_table.add(higher_doc_id=higher.doc_id, lower_doc_id=lower.doc_id, aspect=c.aspect, key=c.key,
                            label=c.label, higher=c.higher, lower=c.lower, change=c.change)
    return pairs_table, diffs_table
