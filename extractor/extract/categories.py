"""Measure categories from a taxonomy data file (``models/measures/taxonomy.tsv``).

Two classifiers: the keyword rules and a spaCy TextCategorizer trained on the gold measures by
``scripts/train_textcat.py`` and shipped in ``models/measures/textcat``. ``classify`` is the one
cross-validation chose. Another domain brings its own taxonomy, domain cues and model.

The keyword rules read evidence in order of strength:
1. keywords in the measure's title; the body's keywords only break ties between the categories it names.
   The rows mean their content in the taxonomy's domain (poverty alleviation), so in a document outside it
   (``models/measures/domain_cues.txt`` occur fewer than ``DOMAIN_MIN`` times, or too seldom for its length,
   ``in_domain``) a title may name only the rows that hold in any domain (``any_domain_rows.txt``:
   governance) and the rows the document's own title names (an employment notice's 创业 measures are
   employment; a trade plan's 跨境电商 is not 电商扶贫);
2. keywords in its body alone, only in a document of the taxonomy's domain: in a trade plan ``产业`` in
   passing says nothing of a poverty-alleviation category, while in a poverty plan the body is about one;
3. the category of the enclosing measure or, for a top measure, the one the title of its part names
   (``五、保障措施`` → governance), unless that is ``other``;
4. else ``other``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import regex

from extractor.resources import read_lines

BODY_CHARS = 150
BODY_EVIDENCE_CHARS = 600  # the opening of a body says what the measure does; a group's body holds its children
DOMAIN_MIN = 3
DOMAIN_PER_1000 = 3


@dataclass(frozen=True)
class Context:
    """What a measure's category may lean on besides its own text."""
    in_domain: bool = True  # the document is about the taxonomy's domain
    parent: str | None = None  # the enclosing measure's category, or for a top measure its part title's
    subject: frozenset[str] = frozenset()  # the rows the document's own title names

    def admits(self, code: str) -> bool:
        """Whether a measure's title may name this row (module docstring, rule 1)."""
        return self.in_domain or code in self.subject or code in _any_domain_rows()


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


@cache
def _domain_cues() -> tuple[str, ...]:
    return tuple(read_lines("measures", "domain_cues.txt"))


@cache
def _any_domain_rows() -> frozenset[str]:
    return frozenset(read_lines("measures", "any_domain_rows.txt"))


def in_domain(text: str) -> bool:
    """Whether a document is about the taxonomy's domain: its cue words occur ``DOMAIN_MIN`` times or more, and
    ``DOMAIN_PER_1000`` times per thousand characters: a poverty-alleviation notice names its subject 12–40
    times per thousand, a city's work report that has one paragraph on it under one."""
    hits = sum(text.count(cue) for cue in _domain_cues())
    return hits >= DOMAIN_MIN and hits * 1000 >= DOMAIN_PER_1000 * len(text)


@cache
def _keyword_search() -> tuple[regex.Pattern, dict[str, str]]:
    """One alternation of every keyword, longest first, and each keyword's category."""
    owner: dict[str, str] = {}
    for category in load_taxonomy():
        for keyword in category.keywords:
            owner.setdefault(keyword, category.code)
    alternation = "|".join(regex.escape(k) for k in sorted(owner, key=len, reverse=True))
    return regex.compile(alternation), owner


def subject_rows(title: str) -> frozenset[str]:
    """The rows a document's title names: outside the domain, its measures may be about these."""
    return frozenset(code for code, score in keyword_hits(title).items() if score)


def keyword_hits(text: str) -> dict[str, float]:
    """Each category's weight in ``text``: the characters its keywords cover, reading the longest keyword at
    each point. A long keyword is the more specific one (``社会力量`` outweighs ``机制``), and a keyword
    inside a longer one does not count again (``技能培训`` is not also ``培训``)."""
    pattern, owner = _keyword_search()
    scores = dict.fromkeys((c.code for c in load_taxonomy()), 0.0)
    for match in pattern.finditer(text):
        scores[owner[match.group()]] += len(match.group())
    return scores


def keyword_evidence(title: str, body: str, context: Context) -> dict[str, float] | None:
    """The keyword scores the rules may use, None when there are none: the title's hits in the rows the
    context admits, the body's breaking ties between the categories the title names; else, in the domain, the
    body's hits. A title that names the domain (脱贫攻坚) puts its measure in the domain."""
    if not context.in_domain and any(cue in title for cue in _domain_cues()):
        context = replace(context, in_domain=True)  # a measure that names the domain is about it
    body = body[:BODY_EVIDENCE_CHARS]
    title_scores = {code: score if context.admits(code) else 0.0 for code, score in keyword_hits(title).items()}
    top = max(title_scores.values())
    if top > 0:
        if sum(score == top for score in title_scores.values()) == 1:
            return title_scores
        body_scores = keyword_hits(body)
        return {code: score + (body_scores[code] / (1 + sum(body_scores.values())) if score == top else 0.0)
                for code, score in title_scores.items()}
    if context.in_domain:
        scores = keyword_hits(body)
        if any(scores.values()):
            return scores
    return None


def fallback(context: Context) -> str:
    """The category of a measure without keyword evidence: its parent's, unless that is ``other``."""
    return context.parent if context.parent and context.parent != "other" else "other"


def classify_keywords(title: str, body: str = "", context: Context = Context()) -> str:
    """The keyword rules (module docstring); ties go to the taxonomy file's order."""
    scores = keyword_evidence(title, body, context)
    if scores is None:
        return fallback(context)
    return max(scores, key=lambda code: scores[code])


def measure_text(title: str, body: str = "") -> str:
    """What the trained classifier reads: the title and the start of the body."""
    return f"{title}。{body[:BODY_CHARS]}" if body else title


def classify_model(title: str, body: str = "") -> dict[str, float]:
    from extractor.nlp import measure_classifier  # spaCy loads only when a measure is classified

    return measure_classifier()(measure_text(title, body)).cats


def combine(title: str, body: str, context: Context, model: dict[str, float]) -> str:
    """Where the keyword rules have evidence, the mean of the model's probabilities and the keyword hits as a
    distribution; where they have none, their fallback."""
    scores = keyword_evidence(title, body, context)
    if scores is None:
        return fallback(context)
    total = sum(scores.values())
    return max(model, key=lambda code: model[code] + scores.get(code, 0.0) / total)


def classify(title: str, body: str = "", context: Context = Context()) -> str:
    """The shipped classifier, the one ``scripts/train_textcat.py --cv`` scores best across documents (the
    table is in the README): the keyword rules."""
    return classify_keywords(title, body, context)


def group_category(own: str, children: list[str]) -> str:
    """A group's category: the one a strict majority of its children share, else its own title's
    (``实施精准扶贫“五项工程”`` over担保, 就业, 教育… children is ``other`` unless its title says more)."""
    top = max(set(children), key=lambda c: (children.count(c), c == own))
    return top if 2 * children.count(top) > len(children) else own
