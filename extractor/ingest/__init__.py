"""Reading a file: bytes → decoded text, with its identity (sha256, doc_id) and format.

One backend per input format; each returns the decoded text the normalizer starts from. Formats other
than plain text are added as backends beside ``text.py``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from extractor.ingest.errors import IngestError
from extractor.ingest.text import decode_text

MAX_BYTES = 50 * 1024 * 1024
FORMATS = {".txt": "txt", ".text": "txt", ".md": "txt"}

__all__ = ["IngestError", "SourceDocument", "read_document", "read_bytes", "FORMATS", "MAX_BYTES"]


@dataclass(frozen=True)
class SourceDocument:
    path: str
    sha256: str
    format: str
    encoding: str | None
    pages: int | None
    text: str

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
    text, encoding = decode_text(path, data)
    return SourceDocument(path=path, sha256=sha, format=fmt, encoding=encoding, pages=None, text=text)
