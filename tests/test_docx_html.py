"""The DOCX and HTML backends: seed DOCX files read back to their text, numbering, the article body of a web
page without its furniture, and the tables of both."""

from __future__ import annotations

import io

import docx
import pytest
from format_fixtures import FORMATS, MIN_SIMILARITY, REAL, ROOT, SEEDS, normalized_text, similarity

from extractor.ingest import read_bytes, read_document
from extractor.pipeline import extract_file


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_docx_text_matches_the_seed_text(seed):
    score = similarity(normalized_text(seed), normalized_text(FORMATS / f"{seed.stem}.docx"))
    assert score >= MIN_SIMILARITY, f"{seed.stem}.docx: similarity {score:.4f}"


def test_docx_numbering_is_written_out():
    document = docx.Document()
    document.add_paragraph("关于做好脱贫工作的通知")
    for text in ("总体要求", "主要措施", "组织保障"):
        document.add_paragraph(text, style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    lines = read_bytes(buffer.getvalue(), "numbered.docx").text.splitlines()
    assert lines == ["关于做好脱贫工作的通知", "1.总体要求", "2.主要措施", "3.组织保障"]


def test_real_docx_reads_in_order():
    record = extract_file(REAL / "c019.docx")
    assert record.source.format == "docx"
    assert record.text.normalized.startswith("政府工作报告\n")
    assert [s.label for s in record.sections if s.level == 1][:2] == ["一、", "二、"]
    assert record.quotas


def test_html_keeps_the_article_and_drops_the_furniture():
    source = read_document(ROOT / "tests" / "fixtures" / "html" / "page_with_furniture.html")
    lines = source.text.splitlines()
    assert lines[:3] == ["关于做好2016年脱贫工作的通知", "各乡镇人民政府：", "为确保全县2016年减贫1200户，现将有关事项通知如下。"]
    for furniture in ("扫码关注", "首页", "您的位置", "分享到", "相关链接", "版权所有", "登录", "color"):
        assert furniture not in source.text
    (table,) = source.tables
    assert table.header == ["乡镇", "任务", "备注"]
    assert table.rows == [["城关 镇", "120", "已完成"], ["石城乡合计", "石城乡合计", "已完成"]]
    assert source.text[table.span[0]:table.span[1]].splitlines()[0] == "乡镇\t任务\t备注"


def test_html_table_in_the_record():
    record = extract_file(ROOT / "tests" / "fixtures" / "html" / "page_with_furniture.html")
    (table,) = record.tables
    assert table.rows[0] == ["城关镇", "120", "已完成"]
    assert "1200户" in [q.text for q in record.quotas]
    assert not any(table.span[0] <= q.span[0] < table.span[1] for q in record.quotas)


def test_real_html_notice_with_its_table():
    record = extract_file(REAL / "h_02.html")
    assert record.metadata.title == "关于实施健康扶贫工程的指导意见"
    (table,) = record.tables
    assert table.header[:2] == ["序号", "工作任务"] and len(table.rows) == 6
    assert not any(q.span[0] >= table.span[0] and q.span[1] <= table.span[1] for q in record.quotas)
