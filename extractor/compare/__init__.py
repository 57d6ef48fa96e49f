"""Comparing notices across regions and administrative levels (SPEC section 1, use 3).

``compare(path)`` loads records (a folder or a ``records.jsonl``) and builds the tables;
``write_comparison`` writes them as CSV, XLSX and JSON; the HTML report (``extractor.report``) reads the same
``Comparison``.
"""

from __future__ import annotations

from pathlib import Path

from extractor.compare.indicators import AlignedQuota, align_quotas, load_indicators
from extractor.compare.loading import LoadedRecords, LoadError, load_records
from extractor.compare.tables import Comparison, Table, build_comparison
from extractor.compare.writers import write_comparison


def compare(path: str | Path) -> Comparison:
    loaded = load_records(path)
    return build_comparison(loaded.records, loaded.errors)


__all__ = ["AlignedQuota", "Comparison", "LoadError", "LoadedRecords", "Table", "align_quotas", "build_comparison",
           "compare", "load_indicators", "load_records", "write_comparison"]
