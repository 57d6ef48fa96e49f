"""Score containers and the evaluation report (JSON dict and markdown table)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

ITEM_FIELDS: tuple[str, ...] = ("sections", "quotas", "units", "measures", "targets")
"""Item fields scored by precision/recall/F1; ``overall`` is micro-averaged over these."""

METADATA_FIELDS: tuple[str, ...] = (
    "title", "doc_type", "doc_number", "issue_date", "admin_level",
    "region.province", "region.city", "region.county", "region.township", "region.code",
    "issuers", "recipients", "references",
)
"""Metadata fields scored by exact match (dotted names address ``region`` members)."""


@dataclass
class Accuracy:
    """A correct/total tally; ``value`` is None when nothing was judged."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        """Record one judgement."""
        self.correct += int(ok)
        self.total += 1

    def merge(self, other: Accuracy) -> None:
        """Pool another tally into this one."""
        self.correct += other.correct
        self.total += other.total

    @property
    def value(self) -> float | None:
        """correct / total, or None when total is 0."""
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"accuracy": self.value, "correct": self.correct, "total": self.total}


@dataclass
class FieldScore:
    """Counts of one item field.

    ``tp_pred`` counts correct predictions (precision numerator) and ``tp_gold`` found gold items
    (recall numerator); they differ only for measures, where precision and recall use different
    gold sets. ``attributes`` holds the attribute accuracies over matched pairs.
    """

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0
    attributes: dict[str, Accuracy] = field(default_factory=dict)

    def merge(self, other: FieldScore) -> None:
        """Pool another field score into this one (micro-averaging)."""
        self.tp_pred += other.tp_pred
        self.n_pred += other.n_pred
        self.tp_gold += other.tp_gold
        self.n_gold += other.n_gold
        for name, acc in other.attributes.items():
            self.attributes.setdefault(name, Accuracy()).merge(acc)

    @property
    def precision(self) -> float | None:
        """Correct predictions / predictions, None when nothing was predicted."""
        return self.tp_pred / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        """Found gold items / gold items, None when there is no gold."""
        return self.tp_gold / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of P and R; an undefined side counts as 0, None when both are undefined."""
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        p, r = p or 0.0, r or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "support": self.n_gold, "predicted": self.n_pred,
            "tp_pred": self.tp_pred, "tp_gold": self.tp_gold,
            "attributes": {k: v.to_dict() for k, v in self.attributes.items()},
        }


@dataclass
class DocScore:
    """Scores of one gold document; fields the gold does not annotate are absent."""

    fields: dict[str, FieldScore] = field(default_factory=dict)
    metadata: dict[str, Accuracy] = field(default_factory=dict)
    tables: Accuracy = field(default_factory=Accuracy)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "metadata": {k: v.to_dict() for k, v in self.metadata.items()},
            "tables": self.tables.to_dict(),
        }


class Row(NamedTuple):
    """One line of the result table."""

    field: str
    precision: float | None
    recall: float | None
    f1: float | None
    support: int
    attributes: str


@dataclass
class EvalReport:
    """Evaluation of a prediction set against gold.

    ``documents`` holds every gold document (missing ones scored as empty predictions with all
    metadata wrong); ``missing`` lists gold doc_ids with no prediction; ``ignored`` lists
    predicted doc_ids without gold.
    """

    documents: dict[str, DocScore]
    missing: list[str]
    ignored: list[str]

    def field_score(self, name: str) -> FieldScore:
        """Micro-averaged score of one item field over all documents."""
        total = FieldScore()
        for doc in self.documents.values():
            if name in doc.fields:
                total.merge(doc.fields[name])
        return total

    @property
    def overall(self) -> FieldScore:
        """Micro average over the item fields (attributes omitted)."""
        total = FieldScore()
        for name in ITEM_FIELDS:
            score = self.field_score(name)
            total.merge(FieldScore(score.tp_pred, score.n_pred, score.tp_gold, score.n_gold))
        return total

    def metadata_field(self, name: str) -> Accuracy:
        """Pooled exact-match accuracy of one metadata field."""
        total = Accuracy()
        for doc in self.documents.values():
            if name in doc.metadata:
                total.merge(doc.metadata[name])
        return total

    @property
    def metadata_accuracy(self) -> float | None:
        """Mean of the per-field metadata accuracies (fields with no gold are left out)."""
        values = [v for v in (self.metadata_field(n).value for n in METADATA_FIELDS) if v is not None]
        return sum(values) / len(values) if values else None

    @property
    def tables(self) -> Accuracy:
        """Cell accuracy pooled over all gold table cells."""
        total = Accuracy()
        for doc in self.documents.values():
            total.merge(doc.tables)
        return total

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable report: per field, overall, metadata, tables and per document."""
        return {
            "documents": {"gold": len(self.documents), "missing": self.missing, "ignored": self.ignored},
            "fields": {name: self.field_score(name).to_dict() for name in ITEM_FIELDS},
            "overall": self.overall.to_dict(),
            "metadata": {
                "accuracy": self.metadata_accuracy,
                "fields": {name: self.metadata_field(name).to_dict() for name in METADATA_FIELDS},
            },
            "tables": self.tables.to_dict(),
            "per_document": {doc_id: doc.to_dict() for doc_id, doc in self.documents.items()},
        }

    def rows(self) -> list[Row]:
        """Table rows: item fields, overall, metadata (mean, then each field), tables."""
        rows = []
        for name in ITEM_FIELDS:
            score = self.field_score(name)
            attrs = ", ".join(f"{k} {_describe(v)}" for k, v in score.attributes.items())
            rows.append(Row(name, score.precision, score.recall, score.f1, score.n_gold, attrs))
        overall = self.overall
        rows.append(Row("overall", overall.precision, overall.recall, overall.f1, overall.n_gold, ""))
        judged = sum(self.metadata_field(n).total for n in METADATA_FIELDS)
        rows.append(Row("metadata", None, None, None, judged, f"mean accuracy {_fmt(self.metadata_accuracy)}"))
        for name in METADATA_FIELDS:
            acc = self.metadata_field(name)
            rows.append(Row(f"metadata.{name}", None, None, None, acc.total, f"exact {_describe(acc)}"))
        tables = self.tables
        rows.append(Row("tables", None, None, None, tables.total, f"cells {_describe(tables)}"))
        return rows

    def format_table(self) -> str:
        """Markdown pipe table of ``rows()``, followed by a line on missing/ignored documents."""
        lines = [
            "| field | precision | recall | F1 | support | attribute accuracy |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for row in self.rows():
            lines.append(
                f"| {row.field} | {_fmt(row.precision)} | {_fmt(row.recall)} | {_fmt(row.f1)} "
                f"| {row.support} | {row.attributes} |"
            )
        lines.append("")
        lines.append(
            f"{len(self.documents)} gold documents; missing predictions: "
            f"{', '.join(self.missing) or 'none'}; predictions without gold ignored: {len(self.ignored)}"
        )
        return "\n".join(lines)


def _fmt(value: float | None) -> str:
    """Three decimals, or ``-`` when undefined."""
    return "-" if value is None else f"{value:.3f}"


def _describe(acc: Accuracy) -> str:
    """``0.850 (17/20)``."""
    return f"{_fmt(acc.value)} ({acc.correct}/{acc.total})"
