"""What a format backend hands over besides the decoded text: tables it read and warnings about the text.

Spans are ``[start, end)`` offsets into the decoded text (``SourceDocument.text``); the pipeline maps them
into the normalized text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

Span = tuple[int, int]

_HAN_GAP = regex.compile(r"(?<=\p{Han})\s+(?=\p{Han})")
_SPACES = regex.compile(r"\s+")


def clean_cell(text: str) -> str:
    """Cell text without layout whitespace: breaks and padding between Han characters go (``梅列\\n区`` →
    ``梅列区``, ``沙 县`` → ``沙县``), other whitespace runs become one space."""
    return _SPACES.sub(" ", _HAN_GAP.sub("", text)).strip()


@dataclass(frozen=True)
class SourceTable:
    title: str | None
    header: list[str]
    rows: list[list[str]]
    span: Span


@dataclass(frozen=True)
class SourceWarning:
    code: str
    message: str
    span: Span | None = None


@dataclass(frozen=True)
class BackendText:
    """A backend's reading of one file."""

    text: str
    encoding: str | None = None
    pages: int | None = None
    tables: list[SourceTable] = field(default_factory=list)
    warnings: list[SourceWarning] = field(default_factory=list)
