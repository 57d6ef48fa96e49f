"""Plain-text notices: byte-order marks first, then strict UTF-8, then charset-normalizer's detector.

Strict UTF-8 is tried before detection because a valid UTF-8 byte stream of Chinese text is UTF-8 with
near certainty, while statistical detectors misjudge short UTF-8 files; everything else (GB18030/GBK,
Big5, UTF-16 without BOM) is left to the detector, restricted to encodings Chinese notices are written in.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from extractor.ingest.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be", "utf_8"]
# Control characters other than tab/newline/carriage return/form feed are not in any notice.
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def decode_text(path: str, data: bytes) -> tuple[str, str]:
    """Decoded text and the encoding name; raises ``IngestError`` for empty, binary or unknown input."""
    if not data.strip():
        raise IngestError(path, "empty file", "empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(path, data.decode(encoding), encoding)
    try:
        return _checked(path, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise IngestError(path, "unknown text encoding (not UTF-8, GB18030, Big5 or UTF-16)", "encoding")
    encoding = best.encoding.replace("_", "-")
    return _checked(path, str(best), encoding)


def _checked(path: str, text: str, encoding: str) -> tuple[str, str]:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if controls > max(4, len(sample) // 100):
        raise IngestError(path, f"binary content ({controls} control characters) decoded as {encoding}", "binary")
    if not text.strip():
        raise IngestError(path, "no text", "empty")
    return text, encoding
