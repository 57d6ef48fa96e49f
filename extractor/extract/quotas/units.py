"""Unit vocabulary, loaded from ``models/quotas/units.tsv`` and ``per_nouns.tsv``.

Examples::

    >>> UNITS["个工作日"].base, UNITS["个工作日"].cls
    ('工作日', 'duration')
    >>> UNITS["平米"].base
    '平方米'
    >>> join_per(["年", "人"])
    '人·年'
    >>> join_per(["人", "月"])
    '人·月'

Multipliers (十 百 千 万 亿) belong to the number (``numerals.py``): 2.5万人 -> 25000 人, 1.2亿元 -> 1.2e8 元.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.extract.quotas._data import alternation, rows


@dataclass(frozen=True)
class Unit:
    surface: str
    base: str
    cls: str  # count | money | area | length | mass | percent | percent_point | duration | age | ratio


@dataclass(frozen=True)
class PerNoun:
    surface: str
    base: str
    kind: str  # count | time


UNITS: dict[str, Unit] = {r[0]: Unit(r[0], r[1], r[2]) for r in rows("units.tsv")}
PER_NOUNS: dict[str, PerNoun] = {r[0]: PerNoun(r[0], r[1], r[2]) for r in rows("per_nouns.tsv")}

UNIT_PATTERN = alternation(UNITS)
PER_PATTERN = alternation(PER_NOUNS)

COUNT_CLASSES = frozenset({"count"})
PROPORTION_CLASSES = frozenset({"percent", "percent_point", "ratio"})


def unit_of(surface: str) -> Unit:
    return UNITS[surface]


def join_per(nouns: list[str]) -> str | None:
    """Denominators as one ``per`` string: counted units first, then time units, joined by ``·``."""
    bases: list[PerNoun] = []
    for noun in nouns:
        pn = PER_NOUNS.get(noun) or PerNoun(noun, UNITS[noun].base if noun in UNITS else noun, "count")
        if all(b.base != pn.base for b in bases):
            bases.append(pn)
    if not bases:
        return None
    ordered = [b for b in bases if b.kind != "time"] + [b for b in bases if b.kind == "time"]
    return "·".join(b.base for b in ordered)
