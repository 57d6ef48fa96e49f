"""The policy pipeline: a blank ``zh`` spaCy pipeline with the jieba tokenizer, the policy user dictionary
and the rule components, all named in one config; and the trained measure classifier shipped in ``models/``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from functools import cache
from pathlib import Path

import regex
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.extract.vocabulary import POLICY_TERMS
from extractor.nlp import components  # noqa: F401  (registers the components)
from extractor.nlp.components import RESPONSIBILITY, pattern_prefilter
from extractor.nlp.tokenizer import TOKENIZER_NAME
from extractor.resources import resource_path
from extractor.structure.document import Document

TEXTCAT_MODEL = "measures/textcat"
RULE_COMPONENTS = ("policy_structure", "responsibility_ruler", "quota_spans")


def blank_pipeline(user_dictionaries: tuple[str, ...] = (POLICY_TERMS,)) -> Language:
    """A blank ``zh`` pipeline with the policy tokenizer and no components."""
    tokenizer = {"@tokenizers": TOKENIZER_NAME, "user_dictionaries": list(user_dictionaries)}
    return spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})


def build_pipeline(component_names: tuple[str, ...] = RULE_COMPONENTS) -> Language:
    nlp = blank_pipeline()
    for name in component_names:
        nlp.add_pipe(name)
    return nlp


@cache
def rule_pipeline() -> Language:
    return build_pipeline()


def analyze_doc(document: Document) -> Doc:
    """The analyzed document as a spaCy Doc with its structure, responsibility spans and quotas."""
    nlp = rule_pipeline()
    doc = nlp.make_doc(document.text)
    doc._.document = document
    return nlp(doc)


# The marks that end a clause: no responsibility pattern crosses one (a slot ends with its colon), and unit
# extraction reads a trigger's subject from its clause.
CLAUSE_MARKS = "，,。；;：:!！?？\n"
_CLAUSE = regex.compile(f"[^{CLAUSE_MARKS}]+[{CLAUSE_MARKS}]?")
_SEPARATOR = "。"


@cache
def _responsibility_prefilter() -> Callable[[str], bool]:
    return pattern_prefilter(rule_pipeline().get_pipe("responsibility_ruler").patterns)


def responsibility_spans(document: Document) -> list[tuple[int, Span]]:
    """The responsibility ruler's spans, each with the offset to add to its character offsets to get the
    document's: what unit extraction reads. Only clauses that can hold a pattern (``pattern_prefilter``) are
    segmented and matched, in one Doc where a ``。`` separates them (no pattern crosses a sentence mark); jieba
    cuts each run of Chinese characters on its own, so a clause gets the tokens it has in the whole text, at a
    fraction of the cost of segmenting every clause."""
    nlp = rule_pipeline()
    could_match = _responsibility_prefilter()
    clauses = [clause for clause in _CLAUSE.finditer(document.text) if could_match(clause.group())]
    if not clauses:
        return []
    starts, bases, position = [], [], 0
    for clause in clauses:
        starts.append(position)
        bases.append(clause.start() - position)
        position += len(clause.group()) + len(_SEPARATOR)
    doc = nlp.get_pipe("responsibility_ruler")(nlp.make_doc(_SEPARATOR.join(c.group() for c in clauses)))
    return [(bases[bisect.bisect_right(starts, span.start_char) - 1], span) for span in doc.spans[RESPONSIBILITY]]


def load_pipeline(path: str | Path) -> Language:
    """Load a saved pipeline; the registered tokenizer reloads its user dictionaries."""
    return spacy.load(path)


@cache
def measure_classifier() -> Language:
    """The shipped TextCategorizer for measure categories (trained by ``scripts/train_textcat.py``)."""
    return load_pipeline(resource_path(*TEXTCAT_MODEL.split("/")))
