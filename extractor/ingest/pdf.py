"""PDF notices: text in reading order per page, page furniture removed, wrapped lines re-joined, ruled tables.

Two readers, each where it is good. pypdfium2 (PDFium) reads the text lines of every page with their
positions, about 45 times faster than pdfplumber; PDFium also drops a text object drawn twice at nearly the
same place, the usual fake bold. A page with ruling lines (PDFium counts its path objects) may hold a table:
only such pages are opened with pdfplumber, whose ``find_tables`` reads ruled tables cell by cell (after
``dedupe_chars``), and whose text lines outside the tables then stand for that page. A table that runs to the
foot of one page and goes on at the head of the next with the same columns is one table (a repeated header
row is dropped).

On the lines of all pages:
- running headers and footers (a line at the top or foot of most pages, digits aside) and page numbers
  (``- 3 -``, ``第 3 页``, ``3/10``) are removed;
- a line that reaches the right margin is joined to the next when that one starts at the left margin (a
  paragraph's first line is indented, so it never joins), across a page break too;
- glyphs without a Unicode mapping (pdfminer's ``(cid:N)``, PDFium's private-use or replacement characters)
  become U+FFFD and are reported as ``unmapped_glyphs`` warnings, never passed off as text.

Pages are separated by a form feed; a line joined across a page break counts on the page where it starts.
Encrypted, truncated and damaged files, files over the page limit and image-only files (no text layer: OCR
needed) raise ``IngestError``.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import regex

from extractor.ingest.errors import IngestError
from extractor.ingest.parts import BackendText, SourceTable, SourceWarning, clean_cell

MAX_PAGES = 2000
# Fewer visible characters than this per page, with images on the pages, is a scan without a text layer.
_MIN_CHARS_PER_PAGE = 30
# A page with at least this many path objects may hold a ruled table (a letterhead rule is one or two).
_MIN_RULES = 8
_PAGE_NUMBER = regex.compile(
    r"^(?:[-—–~]\s*\d+\s*[-—–~]|第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+)$"
)
_UNMAPPED = regex.compile(r"\(cid:\d+\)|[\ue000-\uf8ff\ufffd\x00-\x08]")
_LEADING_WORD = regex.compile(r"[^\p{Han}\s，。、；：,;:]+")
_FURNITURE_ZONE = 2
_MIN_WRAPPED_LINES = 3  # lines at the top and at the foot of a page that may be running headers or footers


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    table: SourceTable | None = None
    furniture: bool = False


@dataclass
class _Page:
    lines: list[_Line] = field(default_factory=list)


def _clean(text: str) -> str:
    return _UNMAPPED.sub("\ufffd", text)


def _visible(lines: list[_Line]) -> int:
    return sum(len(regex.sub(r"\s", "", line.text)) for line in lines)


def _open(path: str, data: bytes) -> pdfium.PdfDocument:
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError(path, "not a PDF file (no %PDF header)", "pdf")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "truncated PDF (no %%EOF marker at the end of the file)", "truncated")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise IngestError(path, "encrypted PDF (a password is needed to open it)", "encrypted") from exc
        raise IngestError(path, f"damaged PDF ({exc})", "pdf") from exc


def _pdfium_lines(page: pdfium.PdfPage, height: float) -> list[_Line]:
    """PDFium's text lines, placed by the boxes of their first and last characters."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        # Character boxes are indexed by PDFium's characters; a non-BMP character breaks the 1:1 mapping.
        placed = len(text) == textpage.count_chars()
        lines: list[_Line] = []
        offset = 0
        for raw_line in regex.split(r"(?<=\r\n|\n|\r)", text):
            line_text = raw_line.rstrip("\r\n")
            first = len(line_text) - len(line_text.lstrip())
            last = len(line_text.rstrip()) - 1
            if last >= first:
                if placed:
                    left, bottom, _, top = textpage.get_charbox(offset + first)
                    _, bottom_end, right, top_end = textpage.get_charbox(offset + last)
                    top, bottom = height - max(top, top_end), height - min(bottom, bottom_end)
                else:
                    left = right = top = bottom = 0.0
                lines.append(_Line(_clean(line_text.strip()), left, right, top, bottom))
            offset += len(raw_line)
    finally:
        textpage.close()
    return lines


def _has_objects(page: pdfium.PdfPage, kind: int, at_least: int) -> bool:
    """Whether the page holds ``at_least`` top-level objects of ``kind`` (raw calls: no wrapper per object)."""
    found = 0
    for index in range(pdfium_raw.FPDFPage_CountObjects(page.raw)):
        if pdfium_raw.FPDFPageObj_GetType(pdfium_raw.FPDFPage_GetObject(page.raw, index)) == kind:
            found += 1
            if found >= at_least:
                return True
    return False


def _doubled(chars: list[dict]) -> bool:
    """Whether a glyph is drawn twice at nearly the same place (fake bold), which ``dedupe_chars`` undoes."""
    return any(a["text"] == b["text"] and abs(a["x0"] - b["x0"]) < 1 and abs(a["top"] - b["top"]) < 1
               for a, b in zip(chars, chars[1:]))


def _plumber_page(plumber_page) -> tuple[list[_Line], int]:
    """Lines of a page with its ruled tables as table lines; and how many tables it holds."""
    page = plumber_page.dedupe_chars() if _doubled(plumber_page.chars) else plumber_page
    found = page.find_tables()
    if not found:
        return [], 0
    boxes = [table.bbox for table in found]

    def outside(obj: dict) -> bool:
        return not any(x0 <= obj["x0"] and obj["x1"] <= x1 and top <= obj["top"] and obj["bottom"] <= bottom
                       for x0, top, x1, bottom in boxes)

    lines = [_Line(_clean(line["text"]), line["x0"], line["x1"], line["top"], line["bottom"])
             for line in page.filter(outside).extract_text_lines()]
    for table in found:
        grid = [[_clean(cell or "") for cell in row] for row in table.extract()]
        if grid:
            x0, top, x1, bottom = table.bbox
            lines.append(_Line("", x0, x1, top, bottom, table=SourceTable(None, grid[0], grid[1:], (0, 0))))
    lines.sort(key=lambda line: (round(line.top), line.x0))
    return lines, len(found)


def _mark_furniture(pages: list[_Page]) -> None:
    """Flag running headers/footers and page numbers in the top and foot zones of the pages."""
    def key(line: _Line) -> str:
        return regex.sub(r"\d+", "#", regex.sub(r"\s+", "", line.text))

    def zones(page: _Page) -> list[_Line]:
        text_lines = [line for line in page.lines if line.table is None]
        return text_lines[:_FURNITURE_ZONE] + text_lines[-_FURNITURE_ZONE:]

    counts = Counter(k for page in pages for k in {key(line) for line in zones(page)})
    repeated = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    for page in pages:
        for line in zones(page):
            if key(line) in repeated or _PAGE_NUMBER.match(line.text.strip()):
                line.furniture = True


def _continues(previous: _Line | None, line: _Line) -> bool:
    """Whether a table at the head of a page goes on from the table at the foot of the page before."""
    return (previous is not None and previous.table is not None and line.table is not None
            and len(previous.table.header) == len(line.table.header))


def _assemble(pages: list[_Page]) -> tuple[str, list[SourceTable], list[SourceWarning]]:
    body: list[tuple[int, _Line]] = [(number, line) for number, page in enumerate(pages)
                                     for line in page.lines if not line.furniture]
    # Merge tables continued across a page break.
    merged: list[tuple[int, _Line]] = []
    for number, line in body:
        previous = merged[-1][1] if merged else None
        if merged and merged[-1][0] == number - 1 and _continues(previous, line):
            rows = [line.table.header, *line.table.rows]
            if rows and rows[0] == previous.table.header:
                rows = rows[1:]
            previous.table = SourceTable(None, previous.table.header, previous.table.rows + rows, (0, 0))
            continue
        merged.append((number, line))

    text_lines = [line for _, line in merged if line.table is None]
    heights = sorted(line.bottom - line.top for line in text_lines)
    em = heights[len(heights) // 2] if heights else 0.0
    left = min((line.x0 for line in text_lines), default=0.0)
    right = max((line.x1 for line in text_lines), default=0.0)
    # The text block's right edge is known only when several lines run up to it.
    wraps = sum(1 for line in text_lines if line.x1 >= right - 1.5 * em) >= _MIN_WRAPPED_LINES

    def joins(a: _Line, b: _Line) -> bool:
        if not wraps or a.table or b.table:
            return False
        # A line breaks early when the next word (a Latin or number run) does not fit: allow for its width.
        word = _LEADING_WORD.match(b.text)
        slack = 1.5 * em + (0.6 * em * len(word.group()) if word else 0.0)
        return a.x1 >= right - slack and b.x0 <= left + 0.5 * em

    pieces: list[str] = []
    tables: list[SourceTable] = []
    length = 0
    pending_break = False
    for index, (number, line) in enumerate(merged):
        if index:
            previous = merged[index - 1]
            page_changed = previous[0] != number
            if joins(previous[1], line):
                separator = ""
                pending_break = pending_break or page_changed
            else:
                separator = "\f" * (number - previous[0]) if page_changed else ("\f" if pending_break else "\n")
                pending_break = False
            pieces.append(separator)
            length += len(separator)
        if line.table is not None:
            table = line.table
            rows = [table.header, *table.rows]
            flat = "\n".join("\t".join(clean_cell(cell) for cell in row) for row in rows)
            tables.append(SourceTable(None, table.header, table.rows, (length, length + len(flat))))
            text = flat
        else:
            text = line.text.strip()
        pieces.append(text)
        length += len(text)
    text = "".join(pieces)
    warnings = [SourceWarning("unmapped_glyphs",
                              f"{m.end() - m.start()} glyph(s) without a Unicode mapping in the PDF font "
                              "(shown as U+FFFD)", m.span())
                for m in regex.finditer(r"\ufffd+", text)]
    return text, tables, warnings


def read_pdf(path: str, data: bytes) -> BackendText:
    document = _open(path, data)
    plumber = None
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise IngestError(path, f"PDF of {count} pages is over the {MAX_PAGES}-page limit", "too_large")
        pages: list[_Page] = []
        image_pages = 0
        for number in range(count):
            page = document[number]
            try:
                height = page.get_height()
                lines = None
                if _has_objects(page, pdfium_raw.FPDF_PAGEOBJ_PATH, _MIN_RULES):
                    if plumber is None:
                        plumber = pdfplumber.open(io.BytesIO(data))
                    lines, found = _plumber_page(plumber.pages[number])
                    if not found:
                        lines = None
                if lines is None:
                    lines = _pdfium_lines(page, height)
                if _visible(lines) < _MIN_CHARS_PER_PAGE:
                    image_pages += _has_objects(page, pdfium_raw.FPDF_PAGEOBJ_IMAGE, 1)
                pages.append(_Page(lines))
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise IngestError(path, f"damaged PDF ({exc})", "pdf") from exc
    finally:
        if plumber is not None:
            plumber.close()
        document.close()
    visible = sum(_visible(page.lines) for page in pages)
    if visible < _MIN_CHARS_PER_PAGE * max(1, len(pages)) and image_pages:
        raise IngestError(path, f"image-only PDF: {visible} characters of text on {len(pages)} page(s), "
                                f"{image_pages} of them images without text; OCR is needed to read it", "needs_ocr")
    _mark_furniture(pages)
    text, tables, warnings = _assemble(pages)
    if not text.strip():
        raise IngestError(path, "no text in the PDF", "empty")
    return BackendText(text=text, pages=len(pages), tables=tables, warnings=warnings)
