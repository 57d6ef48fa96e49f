"""Shared by the format tests: where the fixtures lie and how close a format's text is to the seed's text."""

from __future__ import annotations

import difflib
from pathlib import Path

from extractor.ingest import read_document
from extractor.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
FORMATS = ROOT / "tests" / "fixtures" / "formats"
REAL = ROOT / "corpora" / "corpus"  # real notices from ../shared/corpus, bytes unchanged
BAD_PDF = ROOT / "tests" / "fixtures" / "bad_pdf"
MIN_SIMILARITY = 0.98


def normalized_text(path: Path) -> str:
    return normalize(read_document(path).text).text


def similarity(expected: str, got: str) -> float:
    """Character similarity (difflib ratio) of two normalized texts, whitespace aside: line and cell breaks
    are layout, and a table flattened one row per line differs from one cell per line only there."""
    a, b = "".join(expected.split()), "".join(got.split())
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
