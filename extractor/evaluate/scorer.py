"""Scoring predicted records against gold answers (SPEC section 4).

Rules, made precise:

* A field (``quotas``, ``tables``, a metadata key, …) that the gold document does not carry is
  not annotated and not scored for that document; an empty gold list is annotated (every
  prediction is then a false positive). A gold ``null`` metadata value is scored: predicting
  null (or an empty string) is correct.
* A gold document without a prediction scores every gold item as a miss, every annotated metadata
  field as wrong and every table cell as wrong. Predictions without gold are ignored.
* All item matchings are one-to-one with the maximum number of pairs; ties are broken towards
  pairs that agree on the scored attribute (section level, unit role) or, for measures and
  targets, towards higher character overlap (see ``matching.match_pairs``).
* **metadata**: exact match of ``matching.canonical`` values; ``issuers``/``recipients`` as sets,
  ``references`` as the set of each reference's doc_number (its title when it has none).
* **sections**: equal canonical (label, title); level accuracy on matched pairs.
* **quotas**: value (relative tolerance 1e-6), unit, per and value_max agree, and the predicted
  span overlaps an occurrence of the gold ``sentence`` in the prediction's ``text.normalized``
  (exact search, then a whitespace-insensitive search mapped back to offsets; when the sentence is
  not found at all, the predicted ``evidence`` must be a substring of the sentence instead).
  Comparator, modality and year accuracy on matched pairs.
* **units**: predictions deduplicated by (whitespace-free name, role); ``matching.names_match``;
  role accuracy on matched pairs.
* **measures**: titles match at ``char_overlap >= 0.8``. Recall: gold leaves (measures no other gold
  measure names as parent) matched one-to-one. Precision: predictions matched one-to-one against
  all gold measures (a prediction is correct when it matches any gold node not already taken by
  another prediction, so a duplicated prediction cannot count twice). Category accuracy on the
  precision pairs.
* **targets**: texts match at ``char_overlap >= 0.5``; year accuracy on matched pairs.
* **tables**: each gold table is compared with the predicted table of the same document giving
  the most equal cells (header and rows compared positionally after whitespace removal);
  cells are pooled over all gold tables.
"""

from __future__ import annotations

import math
from typing import Any

from .matching import canonical, char_overlap, compact, match_pairs, names_match
from .report import ITEM_FIELDS, METADATA_FIELDS, Accuracy, DocScore, EvalReport, FieldScore

Record = dict[str, Any]
Item = dict[str, Any]

MEASURE_OVERLAP = 0.8
"""Minimum title character overlap for a measure match."""
TARGET_OVERLAP = 0.5
"""Minimum text character overlap for a target match."""
VALUE_REL_TOL = 1e-6
"""Relative tolerance for quota values."""
_OVERLAP_BONUS_SCALE = 1000
"""Overlap is turned into an integer tie-break bonus at this resolution."""


def evaluate(gold: dict[str, Record], predicted: dict[str, Record]) -> EvalReport:
    """Score ``predicted`` records against ``gold`` documents, both keyed by doc_id."""
    documents = {doc_id: score_document(g, predicted.get(doc_id)) for doc_id, g in sorted(gold.items())}
    return EvalReport(
        documents=documents,
        missing=sorted(d for d in gold if d not in predicted),
        ignored=sorted(d for d in predicted if d not in gold),
    )


def score_document(gold: Record, pred: Record | None) -> DocScore:
    """Score one document; ``pred`` is None when the document has no prediction."""
    record = pred or {}
    text = (record.get("text") or {}).get("normalized") or ""
    scorers = {
        "sections": score_sections,
        "quotas": lambda g, p: score_quotas(g, p, text),
        "units": score_units,
        "measures": score_measures,
        "targets": score_targets,
    }
    doc = DocScore()
    for name in ITEM_FIELDS:
        if name in gold:
            doc.fields[name] = scorers[name](gold[name] or [], record.get(name) or [])
    if "metadata" in gold:
        doc.metadata = score_metadata(gold["metadata"] or {}, None if pred is None else record.get("metadata") or {})
    if "tables" in gold:
        doc.tables = score_tables(gold["tables"] or [], record.get("tables") or [])
    return doc


# --- metadata ---------------------------------------------------------------------------------

def score_metadata(gold: dict[str, Any], pred: dict[str, Any] | None) -> dict[str, Accuracy]:
    """Exact-match accuracy per annotated metadata field; ``pred`` None scores every field wrong."""
    scores: dict[str, Accuracy] = {}
    for name in METADATA_FIELDS:
        present, expected = _metadata_value(gold, name)
        if present:
            acc = scores[name] = Accuracy()
            acc.add(pred is not None and _metadata_value(pred, name)[1] == expected)
    return scores


def _metadata_value(meta: dict[str, Any], name: str) -> tuple[bool, Any]:
    """(whether ``meta`` carries field ``name``, its comparison key)."""
    container, key = meta, name
    if "." in name:
        outer, key = name.split(".", 1)
        container = meta.get(outer) if isinstance(meta.get(outer), dict) else {}
    if key not in container:
        return False, None
    value = container[key]
    if key in ("issuers", "recipients"):
        return True, frozenset(filter(None, (canonical(str(v)) for v in value or [])))
    if key == "references":
        return True, frozenset(filter(None, (
            canonical(r.get("doc_number")) or canonical(r.get("title")) for r in value or []
        )))
    return True, canonical(None if value is None else str(value)) or None


# --- sections ---------------------------------------------------------------------------------

def score_sections(gold: list[Item], pred: list[Item]) -> FieldScore:
    """(label, title) matching; level accuracy on matched pairs."""
    def key(item: Item) -> tuple[str, str]:
        return canonical(item.get("label")), canonical(item.get("title"))

    edges = {
        (i, j): int(g.get("level") == p.get("level"))
        for i, g in enumerate(gold) for j, p in enumerate(pred) if key(g) == key(p)
    }
    return _one_to_one(gold, pred, edges, {"level": "level"})


# --- quotas -----------------------------------------------------------------------------------

def score_quotas(gold: list[Item], pred: list[Item], text: str) -> FieldScore:
    """Quantity agreement plus sentence anchoring; comparator/modality/year accuracy."""
    edges: dict[tuple[int, int], int] = {}
    located: dict[str, list[tuple[int, int]]] = {}
    for i, g in enumerate(gold):
        sentence = g.get("sentence") or ""
        if sentence not in located:
            located[sentence] = sentence_spans(text, sentence)
        spans = located[sentence]
        for j, p in enumerate(pred):
            if _same_quantity(g, p) and _anchored(p, spans, sentence):
                edges[(i, j)] = 0
    return _one_to_one(gold, pred, edges, {"comparator": "comparator", "modality": "modality", "year": "year"})


def sentence_spans(text: str, sentence: str) -> list[tuple[int, int]]:
    """Every ``[start, end)`` occurrence of ``sentence`` in ``text``.

    Falls back to a whitespace-insensitive search whose hits are mapped back to offsets in
    ``text``; returns ``[]`` when the sentence cannot be found either way.
    """
    if not sentence:
        return []
    spans = _occurrences(text, sentence)
    if spans:
        return spans
    positions = [k for k, ch in enumerate(text) if not ch.isspace()]
    stripped = "".join(text[k] for k in positions)
    return [(positions[s], positions[e - 1] + 1) for s, e in _occurrences(stripped, compact(sentence))]


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """All (possibly overlapping) occurrences of a non-empty ``needle``."""
    spans = []
    start = text.find(needle) if needle else -1
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return spans


def _anchored(pred: Item, spans: list[tuple[int, int]], sentence: str) -> bool:
    """Whether the predicted quota lies in the gold sentence (see module docstring)."""
    if spans:
        span = pred.get("span")
        if not (isinstance(span, (list, tuple)) and len(span) == 2):
            return False
        start, end = span
        return any(start < s_end and s_start < end for s_start, s_end in spans)
    evidence = compact(pred.get("evidence"))
    return bool(evidence) and evidence in compact(sentence)


def _same_quantity(gold: Item, pred: Item) -> bool:
    """value, value_max, unit and per agree."""
    return (
        _close(gold.get("value"), pred.get("value"))
        and _close(gold.get("value_max"), pred.get("value_max"))
        and compact(gold.get("unit")) == compact(pred.get("unit"))
        and compact(gold.get("per")) == compact(pred.get("per"))
    )


def _close(a: Any, b: Any) -> bool:
    """Both None, or both numbers equal within ``VALUE_REL_TOL``."""
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=VALUE_REL_TOL)
    except (TypeError, ValueError):
        return False


# --- units ------------------------------------------------------------------------------------

def score_units(gold: list[Item], pred: list[Item]) -> FieldScore:
    """Name containment matching preferring same-role pairs; role accuracy."""
    distinct: dict[tuple[str, Any], Item] = {}
    for p in pred:
        distinct.setdefault((compact(p.get("name")), p.get("role")), p)
    preds = list(distinct.values())
    edges = {
        (i, j): int(g.get("role") == p.get("role"))
        for i, g in enumerate(gold) for j, p in enumerate(preds) if names_match(g.get("name"), p.get("name"))
    }
    return _one_to_one(gold, preds, edges, {"role": "role"})


# --- measures ---------------------------------------------------------------------------------

def score_measures(gold: list[Item], pred: list[Item]) -> FieldScore:
    """Title overlap matching: recall over gold leaves, precision over all gold nodes."""
    parents = {g.get("parent") for g in gold}
    leaves = {i for i, g in enumerate(gold) if g.get("id") is None or g.get("id") not in parents}
    edges = _overlap_edges(gold, pred, "title", MEASURE_OVERLAP)
    precision_pairs = match_pairs(edges)
    recall_pairs = match_pairs({e: b for e, b in edges.items() if e[0] in leaves})
    score = FieldScore(
        tp_pred=len(precision_pairs), n_pred=len(pred),
        tp_gold=len(recall_pairs), n_gold=len(leaves),
        attributes={"category": Accuracy()},
    )
    for i, j in precision_pairs:
        score.attributes["category"].add(gold[i].get("category") == pred[j].get("category"))
    return score


# --- targets ----------------------------------------------------------------------------------

def score_targets(gold: list[Item], pred: list[Item]) -> FieldScore:
    """Text overlap matching; year accuracy."""
    return _one_to_one(gold, pred, _overlap_edges(gold, pred, "text", TARGET_OVERLAP), {"year": "year"})


# --- tables -----------------------------------------------------------------------------------

def score_tables(gold: list[Item], pred: list[Item]) -> Accuracy:
    """Equal cells of each gold table against its best predicted table, pooled."""
    acc = Accuracy()
    for table in gold:
        cells = _cells(table)
        acc.total += len(cells)
        acc.correct += max((_equal_cells(cells, _cells(p)) for p in pred), default=0)
    return acc


def _cells(table: Item) -> dict[tuple[int, int], str]:
    """Cells keyed by position (header is row -1), whitespace removed."""
    cells = {(-1, c): compact(str(v)) for c, v in enumerate(table.get("header") or [])}
    for r, row in enumerate(table.get("rows") or []):
        cells.update({(r, c): compact(str(v)) for c, v in enumerate(row)})
    return cells


def _equal_cells(gold: dict[tuple[int, int], str], pred: dict[tuple[int, int], str]) -> int:
    """Number of gold cells whose predicted cell at the same position is equal."""
    return sum(1 for pos, value in gold.items() if pred.get(pos) == value)


# --- shared -----------------------------------------------------------------------------------

def _overlap_edges(gold: list[Item], pred: list[Item], key: str, threshold: float) -> dict[tuple[int, int], int]:
    """Pairs whose ``key`` texts reach ``threshold`` character overlap, with the overlap as bonus."""
    edges = {}
    for i, g in enumerate(gold):
        g_len = len(compact(g.get(key)))
        for j, p in enumerate(pred):
            p_len = len(compact(p.get(key)))
            if 2 * min(g_len, p_len) < threshold * (g_len + p_len):
                continue  # even a full overlap of the shorter text cannot reach the threshold
            overlap = char_overlap(g.get(key), p.get(key))
            if overlap >= threshold:
                edges[(i, j)] = round(overlap * _OVERLAP_BONUS_SCALE)
    return edges


def _one_to_one(gold: list[Item], pred: list[Item], edges: dict[tuple[int, int], int],
                attributes: dict[str, str]) -> FieldScore:
    """FieldScore of a one-to-one matching; ``attributes`` maps report name -> item key."""
    pairs = match_pairs(edges)
    score = FieldScore(tp_pred=len(pairs), n_pred=len(pred), tp_gold=len(pairs), n_gold=len(gold),
                       attributes={name: Accuracy() for name in attributes})
    for i, j in pairs:
        for name, key in attributes.items():
            score.attributes[name].add(gold[i].get(key) == pred[j].get(key))
    return score
