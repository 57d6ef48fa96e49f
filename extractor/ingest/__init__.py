"""Reading a file: bytes → decoded text, with its identity (sha256, doc_id) and format.

One backend per input format (``text.py``, ``pdf.py``, ``docx.py``, ``html.py``); each returns the decoded
text the normalizer starts from, in reading order, with the tables it read and warnings about the text.
A PDF's pages are separated by a form feed (``\f``) in the decoded text, as ``pdftotext`` writes them, so
the page of any ``source_span`` is one more than the number of form feeds before it (``page_of``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from extractor.ingest import docx, html, pdf
from extractor.ingest.errors import IngestError
from extractor.ingest.parts import SourceTable, SourceWarning
from extractor.ingest.text import decode_text

MAX_BYTES = 50 * 1024 * 1024
FORMATS = {".txt": "txt", ".text": "txt", ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}

_BACKENDS = {"pdf": pdf.read_pdf, "docx": docx.read_docx, "html": html.read_html}

__all__ = ["IngestError", "SourceDocument", "SourceTable", "SourceWarning", "read_document", "read_bytes",
           "page_of", "FORMATS", "MAX_BYTES"]


@dataclass(frozen=True)
class SourceDocument:
    path: str
    sha256: str
    format: str
    encoding: str | None
    pages: int | None
    text: str
    tables: tuple[SourceTable, ...] = ()
    warnings: tuple[SourceWarning, ...] = ()

    @property
    def doc_id(self) -> str:
        return self.sha256[:16]


def read_document(path: str | Path, max_bytes: int = MAX_BYTES) -> SourceDocument:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(str(path), f"cannot open: {exc.strerror}", "io") from exc
    if size > max_bytes:
        raise IngestError(str(path), f"file of {size} bytes is over the {max_bytes}-byte limit", "too_large")
    return read_bytes(path.read_bytes(), str(path))


def read_bytes(data: bytes, path: str = "<bytes>") -> SourceDocument:
    fmt = FORMATS.get(Path(path).suffix.lower(), "txt")
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "txt":
        text, encoding = decode_text(path, data)
        return SourceDocument(path=path, sha256=sha, format=fmt, encoding=encoding, pages=None, text=text)
    read = _BACKENDS[fmt](path, data)
    return SourceDocument(path=path, sha256=sha, format=fmt, encoding=read.encoding, pages=read.pages,
                          text=read.text, tables=tuple(read.tables), warnings=tuple(read.warnings))


def page_of(text: str, offset: int) -> int:
    """The 1-based page of ``offset`` in a decoded PDF text (pages end at form feeds)."""
    return text.count("\f", 0, offset) + 1
