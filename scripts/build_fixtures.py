"""Build the PDF and DOCX test fixtures from the seed notices (run by hand; the output is committed).

    python scripts/build_fixtures.py            # writes tests/fixtures/formats/ and tests/fixtures/bad_pdf/

Needs reportlab (``pip install -e ".[fixtures]"``) and a CJK TrueType font from Debian's packages
(``apt-get install fonts-wqy-zenhei``); CI only reads the committed files.

Each seed's PDF is laid out as a printed notice: A4, paragraphs wrapped by the page width with a two-character
first-line indent, a running header, and a ``- N -`` page number in the footer, so the PDF backend has to
remove the furniture and re-join the wrapped lines to get the seed's text back. A table flattened into the
seed's text becomes a real ruled table, with narrow columns so that cells wrap onto two lines; in seed 004
it is pushed to the foot of a page so it continues on the next one. The DOCX files carry the same
paragraphs and tables. The bad PDFs are an encrypted one, a truncated one and an image-only one (a
rendered page of text with no text layer); ``fake_bold.pdf`` draws its glyphs twice.
"""

from __future__ import annotations

import io
from datetime import datetime
import sys
from pathlib import Path

import docx
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.ingest import read_document  # noqa: E402
from extractor.structure.tables import find_tables  # noqa: E402

FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
FONT = "WenQuanYiZenHei"
SEEDS = ROOT / "corpora" / "seeds"
OUT = ROOT / "tests" / "fixtures" / "formats"
BAD = ROOT / "tests" / "fixtures" / "bad_pdf"
FONT_SIZE = 12
# Seed 004's table starts this far above the bottom margin, so that it breaks onto the next page.
TABLE_ROOM = 70 * mm


def blocks(text: str) -> list[tuple[str, object]]:
    """The seed as ("para", line) and ("table", (header, rows)) blocks, in order."""
    tables = find_tables(text)
    out: list[tuple[str, object]] = []
    cursor = 0
    for table in tables:
        out += [("para", line) for line in text[cursor:table.span[0]].split("\n") if line.strip()]
        out.append(("table", (table.header, table.rows)))
        cursor = table.span[1]
    out += [("para", line) for line in text[cursor:].split("\n") if line.strip()]
    return out


class FillToRoom(Flowable):
    """Blank space down to ``room`` above the page foot, so that what follows breaks onto the next page."""

    def __init__(self, room: float) -> None:
        super().__init__()
        self.room = room

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.height = max(0.0, available_height - self.room)
        return available_width, self.height

    def draw(self) -> None:
        pass


def _escape(line: str) -> str:
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_pdf(text: str, target: Path, running_header: str, split_table: bool) -> None:
    body = ParagraphStyle("body", fontName=FONT, fontSize=FONT_SIZE, leading=FONT_SIZE * 1.6,
                          firstLineIndent=2 * FONT_SIZE, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11, wordWrap="CJK")
    story = []
    for kind, content in blocks(text):
        if kind == "para":
            story.append(Paragraph(_escape(content.strip()), body))
            continue
        header, rows = content
        if split_table:
            story.append(FillToRoom(TABLE_ROOM))
        widths = [13 * mm] + [(A4[0] - 50 * mm - 13 * mm) / (len(header) - 1)] * (len(header) - 1)
        data = [[Paragraph(_escape(c), cell) for c in row] for row in [header, *rows]]
        table = Table(data, colWidths=widths, repeatRows=0)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story += [Spacer(1, 4 * mm), table, Spacer(1, 4 * mm)]

    def furniture(canvas, document):
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, running_header)
        canvas.setFont(FONT, 11)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {document.page} -")
        canvas.restoreState()

    document = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                                 topMargin=25 * mm, bottomMargin=22 * mm, title=running_header,
                                 invariant=1)
    document.build(story, onFirstPage=furniture, onLaterPages=furniture)


def build_docx(text: str, target: Path) -> None:
    document = docx.Document()
    for kind, content in blocks(text):
        if kind == "para":
            document.add_paragraph(content.strip())
            continue
        header, rows = content
        table = document.add_table(rows=0, cols=len(header))
        table.style = "Table Grid"
        for row in [header, *rows]:
            cells = table.add_row().cells
            for cell, value in zip(cells, row):
                cell.text = value
    document.core_properties.created = datetime(2020, 1, 1)  # fixed, so a rebuild differs only where content does
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(buffer.getvalue())


def build_fake_bold(target: Path) -> None:
    """A page whose title is drawn twice, 0.3 pt apart, and a line doubled glyph by glyph: fake bold."""
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(target), pagesize=A4, invariant=1)
    page.setFont(FONT, 14)
    for shift in (0, 0.3):
        page.drawString(30 * mm + shift, A4[1] - 40 * mm, "关于做好精准扶贫工作的通知")
    page.drawString(30 * mm, A4[1] - 50 * mm, "各乡镇人民政府:")
    line = page.beginText(30 * mm, A4[1] - 60 * mm)
    line.setFont(FONT, 14)
    for char in "确保全县减贫1200户。":
        x, y = line.getCursor()
        line.textOut(char)
        line.setTextOrigin(x + 0.3, y)
        line.textOut(char)
        line.setTextOrigin(x + pdfmetrics.stringWidth(char, FONT, 14), y)
    page.drawText(line)
    page.save()


def build_bad_pdfs(good: Path) -> None:
    BAD.mkdir(parents=True, exist_ok=True)
    data = good.read_bytes()
    (BAD / "truncated.pdf").write_bytes(data[: len(data) // 2])
    from reportlab.pdfgen import canvas
    from reportlab.lib import pdfencrypt

    page = canvas.Canvas(str(BAD / "encrypted.pdf"), pagesize=A4, invariant=1,
                         encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    page.setFont(FONT, 14)
    page.drawString(30 * mm, A4[1] - 40 * mm, "关于做好精准扶贫工作的通知")
    page.save()

    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT_FILE, 40)
    for i, line in enumerate(["关于做好精准扶贫工作的通知", "各乡镇人民政府:", "现将有关事项通知如下。"]):
        draw.text((150, 200 + 80 * i), line, fill=0, font=font)
    png = io.BytesIO()
    image.save(png, format="PNG")
    png.seek(0)
    from reportlab.lib.utils import ImageReader

    page = canvas.Canvas(str(BAD / "image_only.pdf"), pagesize=A4, invariant=1)
    page.drawImage(ImageReader(png), 0, 0, width=A4[0], height=A4[1])
    page.save()


def main() -> None:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    OUT.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        text = read_document(seed).text.replace("\r\n", "\n")
        header = "政府信息公开"
        has_table = bool(find_tables(text))
        build_pdf(text, OUT / f"{seed.stem}.pdf", header, split_table=has_table)
        build_docx(text, OUT / f"{seed.stem}.docx")
        print(f"{seed.name}: pdf + docx{' (table split across pages)' if has_table else ''}")
    build_fake_bold(OUT / "fake_bold.pdf")
    build_bad_pdfs(OUT / "000_6e0011d51a97911b.pdf")
    print(f"bad PDFs in {BAD.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
