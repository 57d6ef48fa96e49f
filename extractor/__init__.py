"""extractor: structured, comparable data from Chinese local-government policy notices.

Python API::

    from extractor import extract_file, extract_text
    record = extract_file("corpora/seeds/000_6e0011d51a97911b.txt")
    record.metadata.title, [q.text for q in record.quotas]
"""

from extractor.model import Record
from extractor.pipeline import extract_file, extract_text

__all__ = ["Record", "extract_file", "extract_text"]
__version__ = "0.1.0"
