"""Quotas lined up by indicator, from the data file ``models/compare/indicators.tsv``.

A quota's indicator is chosen from its normalized unit, its kind and the keyword nearest it in its sentence:
rates (a value per person, household or year), shares (%) and totals are kept apart, so that 45元/人 is never
added to 3000万元. Values are compared in normalized units (``models/compare/units.tsv``: 公顷 → 亩, 名 → 人).

    >>> from extractor.compare.indicators import indicator_for
    >>> indicator_for("户", "total", "2016年易地搬迁153户").code
    'relocation_households'
    >>> indicator_for("人", "total", "通过转移就业解决15000人脱贫", (10, 16)).code
    'employment_persons'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extractor.extract.quotas.units import PROPORTION_CLASSES, UNITS
from extractor.model import Quota, Record
from extractor.resources import read_lines

KINDS = ("total", "rate", "share")
_CLAUSE_BREAK = regex.compile(r"[。；;！？!?\n，,：:]")
_SENTENCE_BREAK = regex.compile(r"[。；;！？!?\n]")
# A keyword before the number names what is counted (易地搬迁153户) more often than one after it does, and an
# indicator without keywords takes a quota only when no keyword of another indicator is in the sentence.
_AFTER_PENALTY = 3
_ANY_KEYWORD = 10_000
_COMPARATOR_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "约"}


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    units: frozenset[str]
    kinds: frozenset[str]
    keywords: tuple[str, ...]

    def distance(self, unit: str, kind: str, sentence: str, at: tuple[int, int]) -> int | None:
        """How far the nearest keyword stands from the quota at ``at`` in ``sentence``; None when not taken."""
        if unit not in self.units or kind not in self.kinds:
            return None
        if not self.keywords:
            return _ANY_KEYWORD
        start, end = at
        distances = []
        for keyword in self.keywords:
            for match in regex.finditer(regex.escape(keyword), sentence):
                if match.end() <= start:
                    distances.append(start - match.end())
                elif match.start() >= end:
                    distances.append(match.start() - end + _AFTER_PENALTY)
        return min(distances, default=None)


@dataclass(frozen=True)
class AlignedQuota:
    """One quota as a comparison row: its indicator (None when no row of the vocabulary takes it)."""

    doc_id: str
    quota_id: str
    indicator: str | None
    indicator_label: str | None
    kind: str
    value: float
    value_max: float | None
    unit: str
    per: str | None
    comparator: str
    modality: str
    year: int | None
    evidence: str
    context: str

    def display(self, with_unit: bool = False) -> str:
        """``≥900`` / ``50–200/人·月 [standard]`` / ``832 (2016)``: value, rate, year and a non-plain modality."""
        number = _number(self.value) if self.value_max is None else f"{_number(self.value)}–{_number(self.value_max)}"
        comparator = _COMPARATOR_SIGNS.get(self.comparator, "")
        unit = self.unit if with_unit else ""
        per = f"/{self.per}" if self.per else ""
        year = f" ({self.year})" if self.year else ""
        modality = f" [{self.modality}]" if self.modality in ("baseline", "standard") else ""
        return f"{comparator}{number}{unit}{per}{year}{modality}"


def _number(value: float) -> str:
    """3000万元 reads 30000000, not 3e+07; a fraction keeps its digits."""
    return str(int(value)) if value.is_integer() else f"{value:g}"


@cache
def load_indicators(name: str = "indicators.tsv") -> tuple[Indicator, ...]:
    indicators = []
    for line in read_lines("compare", name):
        code, label, units, kinds, *keywords = line.split("\t")
        unknown = set(kinds.split(",")) - set(KINDS)
        if unknown:
            raise ValueError(f"models/compare/{name}: indicator {code}: unknown kind {sorted(unknown)}")
        words = tuple(k for k in (keywords[0] if keywords else "").split(",") if k)
        indicators.append(Indicator(code, label, frozenset(units.split(",")), frozenset(kinds.split(",")), words))
    return tuple(indicators)


@cache
def unit_factors(name: str = "units.tsv") -> dict[str, tuple[str, float]]:
    factors = {}
    for line in read_lines("compare", name):
        unit, normalized, factor = line.split("\t")
        factors[unit] = (normalized, float(factor))
    return factors


@cache
def _unit_classes() -> dict[str, str]:
    return {unit.base: unit.cls for unit in UNITS.values()}


def quota_kind(quota: Quota) -> str:
    """``rate`` when the value is per something, ``share`` for percentages and ratios, else ``total``."""
    if quota.per:
        return "rate"
    if _unit_classes().get(quota.unit) in PROPORTION_CLASSES:
        return "share"
    return "total"


def normalize_value(value: float | None, unit: str) -> tuple[float | None, str]:
    normalized, factor = unit_factors().get(unit, (unit, 1.0))
    return (None if value is None else value * factor), normalized


def around(text: str, span: tuple[int, int], breaks: regex.Pattern = _CLAUSE_BREAK) -> tuple[str, int]:
    """The clause (or sentence) holding ``span`` and the offset where it starts."""
    start, end = span
    before = max((m.end() for m in breaks.finditer(text, 0, start)), default=0)
    after = breaks.search(text, end)
    return text[before:after.start() if after else len(text)], before


def indicator_for(unit: str, kind: str, sentence: str, at: tuple[int, int] | None = None) -> Indicator | None:
    """The indicator whose keyword stands nearest the quota at ``at`` (default: the end of ``sentence``)."""
    at = at or (len(sentence), len(sentence))
    best, best_distance = None, None
    for indicator in load_indicators():
        distance = indicator.distance(unit, kind, sentence, at)
        if distance is not None and (best_distance is None or distance < best_distance):
            best, best_distance = indicator, distance
    return best


def align_quotas(record: Record) -> list[AlignedQuota]:
    rows = []
    for quota in record.quotas:
        kind = quota_kind(quota)
        value, unit = normalize_value(quota.value, quota.unit)
        value_max, _ = normalize_value(quota.value_max, quota.unit)
        text = record.text.normalized
        context, _ = around(text, quota.span)
        sentence, offset = around(text, quota.span, _SENTENCE_BREAK)
        indicator = indicator_for(unit, kind, sentence, (quota.span[0] - offset, quota.span[1] - offset))
        rows.append(AlignedQuota(
            record.doc_id, quota.id, indicator.code if indicator else None, indicator.label if indicator else None,
            kind, value, value_max, unit, quota.per, quota.comparator, quota.modality, quota.year,
            quota.evidence, context,
        ))
    return rows
