"""Measure categories from a taxonomy data file (``models/measures/taxonomy.tsv``).

Two classifiers: the keyword baseline (each category scores its keywords found in the measure's title, three
points, and body, one point; the best score wins, ``other`` when nothing matches) and a spaCy TextCategorizer
trained on the gold measures by ``scripts/train_textcat.py`` and shipped in ``models/measures/textcat``.
``classify`` is the one cross-validation chose. Another domain brings its own taxonomy file and model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extractor.resources import read_lines

TITLE_WEIGHT = 3
BODY_CHARS = 150


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


def keyword_scores(title: str, body: str = "") -> dict[str, float]:
    """Each category's keyword hits, a title hit counting ``TITLE_WEIGHT`` times."""
    return {c.code: float(sum(TITLE_WEIGHT * title.count(k) + body.count(k) for k in c.keywords))
            for c in load_taxonomy()}


def classify_keywords(title: str, body: str = "") -> str:
    """The keyword baseline: the best-scoring category, ``other`` when no keyword occurs."""
    scores = keyword_scores(title, body)
    best = max(scores, key=lambda code: scores[code])  # ties: the taxonomy file's order
    return best if scores[best] > 0 else "other"


def measure_text(title: str, body: str = "") -> str:
    """What the trained classifier reads: the title and the start of the body."""
    return f"{title}。{body[:BODY_CHARS]}" if body else title


def classify_model(title: str, body: str = "") -> dict[str, float]:
    from extractor.nlp import measure_classifier  # spaCy loads only when a measure is classified

    return measure_classifier()(measure_text(title, body)).cats


def combine(keywords: dict[str, float], model: dict[str, float]) -> str:
    """Mean of the model's probabilities and the keyword hits as a distribution (no hit: all on ``other``)."""
    total = sum(keywords.values())
    share = {code: (hits / total if total else float(code == "other")) for code, hits in keywords.items()}
    return max(model, key=lambda code: model[code] + share.get(code, 0.0))


def classify(title: str, body: str = "") -> str:
    """The shipped classifier, the one ``scripts/train_textcat.py --cv`` scores best across documents: with
    219 gold measures in 9 documents the keyword baseline (0.721) beats the combination (0.708) and the
    TextCategorizer alone (0.479), so the baseline ships; the model stays to be compared as gold grows."""
    return classify_keywords(title, body)


def group_category(own: str, children: list[str]) -> str:
    """A group's category: the one a strict majority of its children share, else its own title's
    (``实施精准扶贫“五项工程”`` over担保, 就业, 教育… children is ``other`` unless its title says more)."""
    top = max(set(children), key=lambda c: (children.count(c), c == own))
    return top if 2 * children.count(top) > len(children) else own
