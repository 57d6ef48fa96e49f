"""Pipeline components registered by name; what they find comes from data files under ``models/``.

- ``policy_structure``: the analyzed document (sections, sentences) exposed on the Doc as span groups;
- ``responsibility_ruler``: a SpanRuler over jieba tokens marking responsibility triggers (``负责``, ``牵头``,
  ``任组长``…) and labelled slots (``牵头单位:``, ``责任干部:``), patterns from ``models/units/triggers.jsonl``;
- ``quota_spans``: the numeric quotas of the body sentences as spans labelled with their unit.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

import regex
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import registry

from extractor.extract.quotas import find_quotas
from extractor.normalize import normalize
from extractor.resources import resource_path
from extractor.structure.document import Document, analyze

SECTIONS, SENTENCES, RESPONSIBILITY, QUOTAS = "sections", "sentences", "responsibility", "quotas"

if not Doc.has_extension("document"):
    Doc.set_extension("document", default=None)


def document_of(doc: Doc) -> Document:
    """The analyzed document behind ``doc``: the one the caller attached, else one analyzed from its text."""
    if doc._.document is None:
        doc._.document = analyze(normalize(doc.text))
    return doc._.document


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


@Language.component("policy_structure")
def policy_structure(doc: Doc) -> Doc:
    document = document_of(doc)
    doc.spans[SECTIONS] = [s for node in document.sections
                           if (s := _span(doc, *node.span, f"level{node.level}")) is not None]
    doc.spans[SENTENCES] = [s for a, b in document.body_sentences() if (s := _span(doc, a, b, "sentence"))]
    return doc


@Language.component("quota_spans")
def quota_spans(doc: Doc) -> Doc:
    document = document_of(doc)
    spans = []
    for start, end in document.body_sentences():
        for quota in find_quotas(document.text[start:end]):
            span = _span(doc, start + quota.start, start + quota.end, quota.unit)
            if span is not None:
                spans.append(span)
    doc.spans[QUOTAS] = spans
    return doc


def _alternation(values: Iterable[str]) -> regex.Pattern[str]:
    return regex.compile("|".join(map(regex.escape, sorted(set(values), key=len, reverse=True))))


def _literal_values(token: dict) -> list[str]:
    orth = token.get("ORTH")
    if isinstance(orth, str):
        return [orth]
    return list(orth["IN"]) if isinstance(orth, dict) and "IN" in orth else []


def pattern_prefilter(patterns: Iterable[dict]) -> Callable[[str], bool]:
    """A test false only for texts in which none of the token ``patterns`` can match: a pattern matches only
    where the text holds one ``ORTH`` value of each of its required literal tokens. A pattern with no such token
    could match anywhere and is refused."""
    needs = []
    for entry in patterns:
        if isinstance(entry["pattern"], str):
            raise ValueError(f"phrase pattern {entry['pattern']!r}: the prefilter reads token patterns only")
        # A token is required when it must match once or more; "!" (must not match), "?" and "*" add no literal.
        literals = [values for token in entry["pattern"]
                    if token.get("OP", "1") in {"1", "+"} and (values := _literal_values(token))]
        if not literals:
            raise ValueError(f"pattern {entry['pattern']} has no required literal token")
        needs.append(literals)
    first = _alternation(value for literals in needs for value in literals[0])
    needs = [[_alternation(values) for values in literals] for literals in needs]

    def could_match(text: str) -> bool:
        return first.search(text) is not None and any(all(n.search(text) for n in need) for need in needs)

    return could_match


@Language.factory("responsibility_ruler", default_config={"patterns": "units/triggers.jsonl",
                                                          "spans_key": RESPONSIBILITY})
def responsibility_ruler(nlp: Language, name: str, patterns: str, spans_key: str) -> SpanRuler:
    """``patterns``: a JSONL file under ``models/`` of SpanRuler patterns; the label is the role it gives."""
    # Overlapping matches keep the first longest (牵头责任领导: is one lead slot, not also a 责任领导: slot).
    longest = registry.misc.get("spacy.first_longest_spans_filter.v1")()
    ruler = SpanRuler(nlp, name, spans_key=spans_key, spans_filter=longest, overwrite=True)
    lines = resource_path(*patterns.split("/")).read_text("utf-8").splitlines()
    ruler.add_patterns([json.loads(line) for line in lines if line.strip() and not line.startswith("#")])
    return ruler
