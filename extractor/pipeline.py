"""The data path for one document: ingest → normalize → structure → extract → record."""

from __future__ import annotations

from pathlib import Path

from extractor.extract.items import extract_items
from extractor.extract.metadata import extract_metadata
from extractor.extract.region import resolve_region
from extractor.ingest import SourceDocument, read_bytes, read_document
from extractor.model import Record, Section, Source, Table, Text, TextWarning
from extractor.normalize import NormalizedText, normalize
from extractor.structure.document import Document, analyze
from extractor.structure.tables import FoundTable, document_tables, normalized_span, table_spans


def build_record(source: SourceDocument) -> Record:
    normalized = normalize(source.text)
    tables = document_tables(normalized, source.tables)
    document = analyze(normalized, table_spans(tables))
    metadata = extract_metadata(document.header, document.text)
    metadata.admin_level, metadata.region = resolve_region(metadata, document.text)
    items = extract_items(document, metadata.doc_type)
    return Record(
        doc_id=source.doc_id,
        source=Source(path=source.path, sha256=source.sha256, format=source.format,
                      encoding=source.encoding, pages=source.pages),
        text=Text(script=normalized.script, converted=normalized.converted, chars=len(normalized.text),
                  normalized=normalized.text, warnings=_source_warnings(source, normalized) + normalized.warnings),
        metadata=metadata,
        sections=_sections(document),
        tables=_tables(tables),
        **items,
    )


def _source_warnings(source: SourceDocument, normalized: NormalizedText) -> list[TextWarning]:
    """The backend's warnings (spans in the decoded text) with their spans in the normalized text."""
    return [
        TextWarning(code=w.code, message=w.message,
                    span=normalized_span(normalized, w.span) if w.span is not None else None)
        for w in source.warnings
    ]


def _tables(tables: list[FoundTable]) -> list[Table]:
    return [Table(id=f"tb{i}", title=t.title, header=t.header, rows=t.rows, span=t.span)
            for i, t in enumerate(tables, start=1)]


def _sections(document: Document) -> list[Section]:
    return [Section(id=n.id, label=n.label, title=n.title, level=n.level, parent=n.parent, span=n.span)
            for n in document.sections]


def extract_file(path: str | Path) -> Record:
    """The record of one file (raises ``IngestError`` for a file that cannot be read)."""
    return build_record(read_document(path))


def extract_text(text: str, path: str = "<text>") -> Record:
    """The record of a text given as a string (its doc_id is the hash of its UTF-8 bytes)."""
    return build_record(read_bytes(text.encode("utf-8"), path))
