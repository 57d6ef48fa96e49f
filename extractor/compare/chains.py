"""Region chains: a lower-level notice beside the higher-level notices whose region holds it.

A township plan of 石城县 in 赣州市 sits under a county notice of 石城县 and a city notice of 赣州市; it is found
through ``metadata.region`` alone (names from province down to the higher document's own level must agree).
National notices are left out: they frame every local notice, and a diff against each says little.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from extractor.compare.indicators import AlignedQuota
from extractor.model import Record

LEVEL_RANK = {"township": 0, "county": 1, "city": 2, "province": 3}
REGION_FIELDS = ("province", "city", "county", "township")
_OWN_FIELD = {"province": "province", "city": "city", "county": "county", "township": "township"}


@dataclass(frozen=True)
class Change:
    aspect: str  # category | indicator | target_year
    key: str
    label: str
    higher: str
    lower: str
    change: str  # added | dropped | changed | same | shared


def contains(higher: Record, lower: Record) -> bool:
    """Whether ``higher`` is a notice of a higher level whose region holds ``lower``'s region."""
    high, low = higher.metadata, lower.metadata
    if high.admin_level not in LEVEL_RANK or low.admin_level not in LEVEL_RANK:
        return False
    if LEVEL_RANK[high.admin_level] <= LEVEL_RANK[low.admin_level]:
        return False
    own = _OWN_FIELD[high.admin_level]
    if getattr(high.region, own) is None:
        return False
    for name in REGION_FIELDS:
        value = getattr(high.region, name)
        if value is not None and getattr(low.region, name) != value:
            return False
        if name == own:
            return True
    return True


def chain_pairs(records: list[Record]) -> list[tuple[Record, Record]]:
    """(higher, lower) pairs, the lower document first in input order, its nearest higher level first."""
    pairs = []
    for lower in records:
        highers = [h for h in records if h is not lower and contains(h, lower)]
        highers.sort(key=lambda h: LEVEL_RANK[h.metadata.admin_level])
        pairs.extend((higher, lower) for higher in highers)
    return pairs


def _counts_change(higher: int, lower: int) -> str:
    if higher and lower:
        return "shared"
    return "added" if lower else "dropped"


def _values(rows: list[AlignedQuota]) -> str:
    return "; ".join(r.display(with_unit=True) for r in rows)


def diff_pair(higher: Record, lower: Record, categories: dict[str, str],
              aligned: dict[str, list[AlignedQuota]]) -> list[Change]:
    """What ``lower`` adds, drops or changes relative to ``higher``: categories, indicators, target years."""
    changes: list[Change] = []
    high_cats = Counter(m.category for m in higher.measures)
    low_cats = Counter(m.category for m in lower.measures)
    for code, label in categories.items():
        if high_cats[code] or low_cats[code]:
            changes.append(Change("category", code, label, str(high_cats[code]), str(low_cats[code]),
                                  _counts_change(high_cats[code], low_cats[code])))
    keyed: dict[tuple[str, str, str], tuple[list[AlignedQuota], list[AlignedQuota]]] = {}
    labels: dict[str, str] = {}
    for side, record in enumerate((higher, lower)):
        for row in aligned[record.doc_id]:
            if row.indicator is None:
                continue
            labels[row.indicator] = row.indicator_label or row.indicator
            keyed.setdefault((row.indicator, row.kind, row.unit), ([], []))[side].append(row)
    for (code, kind, unit), (high_rows, low_rows) in keyed.items():
        if high_rows and low_rows:
            same = sorted(r.display() for r in high_rows) == sorted(r.display() for r in low_rows)
            change = "same" if same else "changed"
        else:
            change = "added" if low_rows else "dropped"
        changes.append(Change("indicator", f"{code}:{kind}:{unit}", f"{labels[code]} ({kind}, {unit})",
                              _values(high_rows), _values(low_rows), change))
    high_years = Counter(t.year for t in higher.targets if t.year)
    low_years = Counter(t.year for t in lower.targets if t.year)
    for year in sorted(set(high_years) | set(low_years)):
        changes.append(Change("target_year", str(year), f"targets due {year}", str(high_years[year]),
                              str(low_years[year]), _counts_change(high_years[year], low_years[year])))
    return changes
