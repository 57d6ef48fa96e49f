"""Word documents (python-docx): body paragraphs and tables in document order, list numbering written out.

Automatic numbering (``一、`` ``(一)`` ``1.`` produced by Word's list styles rather than typed) is not in a
paragraph's text; it is rebuilt from the numbering definitions (level text such as ``%1、`` and number
format) with one counter per list and level, so headings read as they print. Tables become tables,
flattened into the text one row per line, cells separated by tabs; a merged cell is repeated in every grid
position it covers (python-docx reports it there).
"""

from __future__ import annotations

import io
import zipfile

import cn2an
import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from extractor.ingest.errors import IngestError
from extractor.ingest.parts import BackendText, SourceTable

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional"):
        return cn2an.an2cn(value)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[value - 1] if 0 < value <= len(_CIRCLED) else str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("bullet", "none"):
        return ""
    return str(value)


class _Numbering:
    """Labels of auto-numbered paragraphs, counted through the document."""

    def __init__(self, document: docx.document.Document) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, str], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if definition is None:
                continue
            for level in definition.findall(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                text = level.find(qn("w:lvlText"))
                start = level.find(qn("w:start"))
                self.levels[(num.get(qn("w:numId")), level.get(qn("w:ilvl")))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )

    @staticmethod
    def _numbering_properties(paragraph: Paragraph):
        """The paragraph's own list properties, else those of its style or the styles it is based on."""
        properties = paragraph._p.pPr
        if properties is not None and properties.numPr is not None:
            return properties.numPr
        style = paragraph.style
        while style is not None:
            properties = style.element.pPr
            if properties is not None and properties.numPr is not None:
                return properties.numPr
            style = style.base_style
        return None

    def label(self, paragraph: Paragraph) -> str:
        numbering = self._numbering_properties(paragraph)
        if numbering is None or numbering.numId is None:
            return ""
        num_id = str(numbering.numId.val)
        level = str(numbering.ilvl.val) if numbering.ilvl is not None else "0"
        if (num_id, level) not in self.levels:
            return ""
        fmt, template, start = self.levels[(num_id, level)]
        key = (num_id, level)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for deeper in [k for k in self.counters if k[0] == num_id and int(k[1]) > int(level)]:
            del self.counters[deeper]  # a new item restarts the lists below it
        label = template
        for depth in range(int(level) + 1):
            depth_fmt = self.levels.get((num_id, str(depth)), (fmt, "", 1))[0]
            value = self.counters.get((num_id, str(depth)), 1)
            label = label.replace(f"%{depth + 1}", _format_number(value, depth_fmt))
        return label if fmt not in ("bullet", "none") else ""


def _cell_text(cell) -> str:
    return "\n".join(paragraph.text for paragraph in cell.paragraphs).strip()


def read_docx(path: str, data: bytes) -> BackendText:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(path, f"not a readable DOCX file ({exc})", "docx") from exc
    numbering = _Numbering(document)
    lines: list[str] = []
    tables: list[SourceTable] = []
    offset = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            grid = [[_cell_text(cell).replace("\t", " ") for cell in row.cells] for row in block.rows]
            if not grid or not grid[0]:
                continue
            # cells keep their own line breaks out of the flattened row; the table keeps them (joined later)
            flat = ["\t".join(cell.replace("\n", " ") for cell in row) for row in grid]
            end = offset + sum(len(row) + 1 for row in flat) - 1
            tables.append(SourceTable(None, grid[0], grid[1:], (offset, end)))
            lines.extend(flat)
            offset = end + 1
            continue
        text = numbering.label(block) + block.text
        lines.append(text)
        offset += len(text) + 1
    text = "\n".join(lines)
    if not text.strip():
        raise IngestError(path, "no text in the DOCX file", "empty")
    return BackendText(text=text, tables=tables)
