"""extractor: structured, comparable data from Chinese local-government policy notices.

Python API::

    from extractor import extract_file, extract_text
    record = extract_file("corpora/seeds/000_6e0011d51a97911b.txt")
    record.metadata.title, [q.text for q in record.quotas]
"""

from typing import Any

from extractor.model import Record

__all__ = ["Record", "extract_file", "extract_text"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The pipeline (and spaCy with it) loads on first use: the main process of a batch run, the exports and
    # the report never build a record.
    if name in {"extract_file", "extract_text"}:
        from extractor import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
