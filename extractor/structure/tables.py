"""Tables: those a format backend read as tables, and those flattened into the text.

Two flattened layouts are recognised in the normalized text:

- **one cell per line** with a ``|`` terminator (``县 别 |`` / ``391 |`` …), as web pages copied to text
  leave them. The column count is not written anywhere: it is the smallest count for which the first row
  is all labels and every column below it keeps one kind (numbers or words), i.e. the count that makes
  the cells fall into a grid;
- **aligned columns**: three or more consecutive lines split by tabs or runs of two or more spaces into the
  same number (two or more) of cells; the first line is the header.

A table's title is the short line right above it (``某市2015-2018年减贫任务安排表``), when there is one.
Cell text is cleaned like body text: line breaks and spaces between Han characters are layout
(``梅列\\n区`` → ``梅列区``, ``沙 县`` → ``沙县``), other whitespace runs become one space.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import regex

from extractor.ingest.parts import SourceTable, Span, clean_cell
from extractor.normalize import NormalizedText, normalize

# A found table has the shape a backend hands over; its span is in the text it was found in.
FoundTable = SourceTable

_CELL_LINE = regex.compile(r"^(.*?)[ \t]*\|$")
_COLUMN_GAP = regex.compile(r"\t+|[ ]{2,}")
# A number as table cells hold it: 391, 3.48, -2, 25%, 1,234, or a dash for "none".
_NUMERIC = regex.compile(r"^[-+]?(?:\d[\d,]*(?:\.\d+)?%?|[-—–])$")
_TERMINAL = tuple("。！？!?；;：:")
_MAX_TITLE = 50
_MIN_ALIGNED_ROWS = 3


def _is_number(cell: str) -> bool:
    return bool(_NUMERIC.match(cell.replace(" ", "")))


def _lines(text: str) -> list[tuple[int, str]]:
    """(start offset, line) for every line of ``text``."""
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    return lines


def _grid_width(cells: Sequence[str]) -> int | None:
    """The column count that makes one-cell-per-line ``cells`` a grid (see the module docstring)."""
    numeric = [_is_number(c) for c in cells]
    for width in range(2, len(cells) // 2 + 1):
        if len(cells) % width or any(numeric[:width]):
            continue
        columns = [numeric[width + col::width] for col in range(width)]
        if all(len(set(column)) == 1 for column in columns) and any(any(c) for c in columns):
            return width
    return None


def _title_above(text: str, start: int) -> str | None:
    """The short line right above offset ``start`` (a table's first line), if it reads as a title."""
    before = text[:start].rstrip("\n")
    line = before[before.rfind("\n") + 1:].strip()
    if not line or len(line) > _MAX_TITLE or line.endswith(_TERMINAL) or _CELL_LINE.match(line):
        return None
    return clean_cell(line)


def _cell_per_line_tables(text: str, lines: list[tuple[int, str]]) -> list[FoundTable]:
    tables, index = [], 0
    while index < len(lines):
        end = index
        while end < len(lines) and _CELL_LINE.match(lines[end][1]):
            end += 1
        if end == index:
            index += 1
            continue
        cells = [clean_cell(_CELL_LINE.match(line).group(1)) for _, line in lines[index:end]]
        width = _grid_width(cells)
        if width:
            rows = [cells[i:i + width] for i in range(0, len(cells), width)]
            last_start, last_line = lines[end - 1]
            tables.append(FoundTable(_title_above(text, lines[index][0]), rows[0], rows[1:],
                                     (lines[index][0], last_start + len(last_line))))
        index = end
    return tables


def _split_aligned(line: str) -> list[str]:
    stripped = line.strip()
    return [clean_cell(cell) for cell in _COLUMN_GAP.split(stripped)] if stripped else []


def _aligned_tables(text: str, lines: list[tuple[int, str]]) -> list[FoundTable]:
    tables, index = [], 0
    while index < len(lines):
        width = len(_split_aligned(lines[index][1]))
        end = index
        while width >= 2 and end < len(lines) and len(_split_aligned(lines[end][1])) == width:
            end += 1
        if end - index >= _MIN_ALIGNED_ROWS:
            rows = [_split_aligned(line) for _, line in lines[index:end]]
            last_start, last_line = lines[end - 1]
            tables.append(FoundTable(_title_above(text, lines[index][0]), rows[0], rows[1:],
                                     (lines[index][0], last_start + len(last_line))))
            index = end
        else:
            index += 1
    return tables


def find_tables(text: str) -> list[FoundTable]:
    """Tables flattened into ``text`` (normalized text), in reading order."""
    lines = _lines(text)
    found = _cell_per_line_tables(text, lines) + _aligned_tables(text, lines)
    kept: list[FoundTable] = []
    for table in sorted(found, key=lambda t: t.span):
        if not kept or table.span[0] >= kept[-1].span[1]:
            kept.append(table)
    return kept


def _normalized_cell(cell: str) -> str:
    """A cell a backend read, cleaned like body text (script, full-width forms) and of layout whitespace."""
    joined = clean_cell(cell)
    return normalize(joined).text if joined else ""


def normalized_span(normalized: NormalizedText, span: Span) -> Span:
    """The span of the normalized text that came from ``span`` of the decoded text."""
    start = bisect.bisect_left(normalized.mapped.starts, span[0])
    end = bisect.bisect_right(normalized.mapped.ends, span[1])
    return start, max(start, end)


def document_tables(normalized: NormalizedText, source_tables: Sequence[FoundTable] = ()) -> list[FoundTable]:
    """All tables of a document with spans in its normalized text: the backend's own (spans given in the
    decoded text) first, then tables flattened into the text wherever no backend table lies."""
    tables = []
    for table in source_tables:
        span = normalized_span(normalized, table.span)
        tables.append(FoundTable(
            title=_normalized_cell(table.title) if table.title else _title_above(normalized.text, span[0]),
            header=[_normalized_cell(c) for c in table.header],
            rows=[[_normalized_cell(c) for c in row] for row in table.rows],
            span=span,
        ))
    for table in find_tables(normalized.text):
        if not any(table.span[0] < t.span[1] and t.span[0] < table.span[1] for t in tables):
            tables.append(table)
    return sorted(tables, key=lambda t: t.span)


def table_spans(tables: Sequence[FoundTable]) -> list[Span]:
    return [t.span for t in tables]
