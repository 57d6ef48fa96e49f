"""Saved web pages: the article body as text in reading order, its data tables apart.

Parsed with lxml's HTML parser. Page furniture goes before the text is read: scripts, styles, forms,
``nav``/``header``/``footer``/``aside`` and elements whose class or id names navigation, sharing, footers
or similar chrome. When the page marks its article (``<article>``, ``<main>`` or a content container), only
that part is read. Block elements and ``<br>`` end lines; inside a block, white space collapses as a
browser renders it, except that a source line break between two Han characters renders as nothing (an
editor's hard wrap inside a Chinese sentence).

A ``<table>`` with at least two rows and two columns and no table inside it is data: its cells (with
``colspan``/``rowspan`` filled out) become a table, flattened into the text one row per line, cells
separated by tabs. Other tables are layout and are read as blocks.
"""

from __future__ import annotations

import regex
from lxml import etree
from lxml import html as lxml_html

from extractor.ingest.errors import IngestError
from extractor.ingest.parts import BackendText, SourceTable
from extractor.ingest.text import decode_text

_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", regex.IGNORECASE)
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
              "iframe", "button", "select", "textarea", "object", "embed", "svg")
_CHROME = regex.compile(
    r"nav|menu|breadcrumb|share|bshare|jiathis|footer|foot\b|copyright|sidebar|toolbar|print|qrcode"
    r"|related|comment|banner|header|top-?bar|search|login|weixin|wechat",
    regex.IGNORECASE,
)
_ARTICLE = ("//article", "//main", "//*[@id='zoom']", "//*[contains(@class,'TRS_Editor')]",
            "//*[@id='content' or @class='content' or contains(@class,'article')]")
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
           "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "center", "address", "figure", "figcaption",
           "hr", "title"}
_SPACE_RUN = regex.compile(r"[ \t\r\n\f]+")
_HAN_BREAK = regex.compile(r"(?<=\p{Han}|\p{Ps}|\p{Pe}|\p{Po})[ \t]*\r?\n[ \t\r\n]*(?=\p{Han})")


def _decode(path: str, data: bytes) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        encoding = "gb18030" if encoding in ("gb2312", "gbk") else encoding
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(path, data)


def _is_chrome(element: etree._Element) -> bool:
    marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    return bool(marks.strip()) and bool(_CHROME.search(marks))


def _drop_furniture(root: etree._Element) -> None:
    for element in list(root.iter(*_DROP_TAGS)):
        element.drop_tree()
    for element in [e for e in root.iter() if isinstance(e.tag, str) and e.tag not in ("html", "body")]:
        if _is_chrome(element) and element.getparent() is not None:
            element.drop_tree()


def _article(root: etree._Element) -> etree._Element:
    body = root.find("body")
    body = body if body is not None else root
    for query in _ARTICLE:
        found = [e for e in root.xpath(query) if e.text_content().strip()]
        if found:
            return max(found, key=lambda e: len(e.text_content()))
    return body


def _inline_text(text: str) -> str:
    return _SPACE_RUN.sub(" ", _HAN_BREAK.sub("", text))


def _is_data_table(table: etree._Element) -> bool:
    if table.find(".//table") is not None:
        return False
    rows = table.findall(".//tr")
    return len(rows) >= 2 and max(len(row.findall("./td") + row.findall("./th")) for row in rows) >= 2


def _span_count(cell: etree._Element, name: str) -> int:
    try:
        return max(1, int(cell.get(name, "1")))
    except ValueError:
        return 1


def _table_grid(table: etree._Element) -> list[list[str]]:
    """Cell texts with merged cells repeated into every grid position they cover."""
    grid: dict[tuple[int, int], str] = {}
    rows = table.findall(".//tr")
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = _inline_text(" ".join(cell.itertext())).strip()
            for dr in range(_span_count(cell, "rowspan")):
                for dc in range(_span_count(cell, "colspan")):
                    grid[(r + dr, c + dc)] = text
            c += _span_count(cell, "colspan")
    width = max((c for _, c in grid), default=-1) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]


class _Reader:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.tables: list[SourceTable] = []

    def _offset(self) -> int:
        return sum(len(line) + 1 for line in self.lines)

    def end_line(self) -> None:
        line = _inline_text("".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def read(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table" and _is_data_table(element):
            self.end_line()
            grid = _table_grid(element)
            start = self._offset()
            self.lines.extend("\t".join(row) for row in grid)
            self.tables.append(SourceTable(None, grid[0], grid[1:], (start, self._offset() - 1)))
            self._tail(element)
            return
        if tag == "br":
            self.end_line()
            self._tail(element)
            return
        block = tag in _BLOCKS or tag in ("td", "th")
        if block:
            self.end_line()
        if tag and element.text:
            self.current.append(element.text)
        for child in element:
            self.read(child)
        if block:
            self.end_line()
        self._tail(element)

    def _tail(self, element: etree._Element) -> None:
        if element.tail:
            self.current.append(element.tail)


def read_html(path: str, data: bytes) -> BackendText:
    text, encoding = _decode(path, data)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(path, f"not a readable HTML page: {exc}", "html") from exc
    _drop_furniture(root)
    reader = _Reader()
    reader.read(_article(root))
    reader.end_line()
    body = "\n".join(reader.lines)
    if not body.strip():
        raise IngestError(path, "no text in the HTML page", "empty")
    return BackendText(text=body, encoding=encoding, tables=reader.tables)
