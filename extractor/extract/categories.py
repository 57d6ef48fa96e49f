"""Measure categories from a taxonomy data file (``models/measures/taxonomy.tsv``).

The keyword baseline: each category scores its keywords found in the measure's title (three points) and
body (one point); the best score wins, ``other`` when nothing matches. Another domain brings its own file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extractor.resources import read_lines

TITLE_WEIGHT = 3


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    description: str
    keywords: tuple[str, ...]


@cache
def load_taxonomy(name: str = "taxonomy.tsv") -> tuple[Category, ...]:
    categories = []
    for line in read_lines("measures", name):
        code, label, description, keywords = line.split("\t")
        categories.append(Category(code, label, description, tuple(k for k in keywords.split(",") if k)))
    return tuple(categories)


def classify(title: str, body: str = "") -> str:
    best, best_score = "other", 0
    for category in load_taxonomy():
        score = sum(TITLE_WEIGHT * title.count(k) + body.count(k) for k in category.keywords)
        if score > best_score:
            best, best_score = category.code, score
    return best
