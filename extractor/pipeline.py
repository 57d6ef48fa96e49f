"""The data path for one document: ingest → normalize → structure → extract → record."""

from __future__ import annotations

from pathlib import Path

from extractor.extract.items import extract_items
from extractor.extract.metadata import extract_metadata
from extractor.extract.region import resolve_region
from extractor.ingest import SourceDocument, read_bytes, read_document
from extractor.model import Record, Section, Source, Text
from extractor.normalize import normalize
from extractor.structure.document import Document, analyze


def build_record(source: SourceDocument) -> Record:
    normalized = normalize(source.text)
    document = analyze(normalized)
    metadata = extract_metadata(document.header, document.text)
    metadata.admin_level, metadata.region = resolve_region(metadata, document.text)
    items = extract_items(document)
    return Record(
        doc_id=source.doc_id,
        source=Source(path=source.path, sha256=source.sha256, format=source.format,
                      encoding=source.encoding, pages=source.pages),
        text=Text(script=normalized.script, converted=normalized.converted, chars=len(normalized.text),
                  normalized=normalized.text, warnings=normalized.warnings),
        metadata=metadata,
        sections=_sections(document),
        **items,
    )


def _sections(document: Document) -> list[Section]:
    return [Section(id=n.id, label=n.label, title=n.title, level=n.level, parent=n.parent, span=n.span)
            for n in document.sections]


def extract_file(path: str | Path) -> Record:
    """The record of one file (raises ``IngestError`` for a file that cannot be read)."""
    return build_record(read_document(path))


def extract_text(text: str, path: str = "<text>") -> Record:
    """The record of a text given as a string (its doc_id is the hash of its UTF-8 bytes)."""
    return build_record(read_bytes(text.encode("utf-8"), path))
