"""The record: one typed model per document, the single source of the JSON Schema (SPEC section 2).

Offsets are half-open character intervals ``[start, end)`` into ``text.normalized``; every item's
``evidence`` equals ``text.normalized[start:end]`` and ``source_span`` is the same item's interval in the
original decoded text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Span = tuple[int, int]
DocType = Literal["通知", "意见", "方案", "计划", "规划", "办法", "决定", "报告", "新闻", "其他"]
AdminLevel = Literal["township", "county", "city", "province", "national", "unknown"]
Comparator = Literal["=", ">=", ">", "<=", "<", "~", "range"]
Modality = Literal["binding", "aspirational", "planned", "baseline", "standard"]
UnitKind = Literal["organ", "position"]
UnitRole = Literal["lead", "responsible", "cooperating", "leader"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    path: str
    sha256: str
    format: Literal["txt", "pdf", "docx", "html"]
    encoding: str | None = None
    pages: int | None = None


class TextWarning(_Model):
    code: str
    message: str
    span: Span | None = None


class Text(_Model):
    script: Literal["simplified", "traditional", "mixed"]
    converted: bool
    chars: int
    normalized: str
    warnings: list[TextWarning] = Field(default_factory=list)


class Region(_Model):
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    code: str | None = None


class Reference(_Model):
    title: str | None = None
    doc_number: str | None = None


class Metadata(_Model):
    title: str | None = None
    doc_type: DocType = "其他"
    doc_number: str | None = None
    issuers: list[str] = Field(default_factory=list)
    issue_date: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    recipients: list[str] = Field(default_factory=list)
    admin_level: AdminLevel = "unknown"
    region: Region = Field(default_factory=Region)
    references: list[Reference] = Field(default_factory=list)


class Section(_Model):
    id: str
    label: str
    title: str
    level: int
    parent: str | None = None
    kind: str | None = None
    span: Span


class EvidencedItem(_Model):
    """An extracted item anchored in the text."""

    id: str
    span: Span
    evidence: str
    source_span: Span


class Quota(EvidencedItem):
    text: str
    value: float
    value_max: float | None = None
    unit: str
    per: str | None = None
    comparator: Comparator = "="
    modality: Modality = "binding"
    year: int | None = None
    subject: str | None = None
    section: str | None = None


class Target(EvidencedItem):
    text: str
    year: int | None = None
    quotas: list[str] = Field(default_factory=list)
    section: str | None = None


class Measure(EvidencedItem):
    title: str
    text: str
    category: str = "other"
    level: int = 1
    parent: str | None = None
    section: str | None = None
    quotas: list[str] = Field(default_factory=list)
    units: list[str] = Field(default_factory=list)


class Unit(EvidencedItem):
    name: str
    kind: UnitKind
    role: UnitRole
    duty: str | None = None
    measures: list[str] = Field(default_factory=list)


class Table(_Model):
    id: str
    title: str | None = None
    header: list[str] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list)
    span: Span


class Record(_Model):
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: Source
    text: Text
    metadata: Metadata = Field(default_factory=Metadata)
    sections: list[Section] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    quotas: list[Quota] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)

    def to_json(self) -> str:
        """Deterministic JSON: field order fixed by the model, Chinese kept readable."""
        return self.model_dump_json(indent=None)


def record_json_schema() -> dict:
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Policy-notice record"
    return schema
