"""The PDF backend: seed PDFs read back to their text, pages, furniture, bad files, and gold scores."""

from __future__ import annotations

import importlib.util
import shutil

import pytest
from format_fixtures import BAD_PDF, FORMATS, MIN_SIMILARITY, REAL, ROOT, SEEDS, normalized_text, similarity

from extractor import batch
from extractor.ingest import IngestError, page_of, read_document
from extractor.pipeline import extract_file


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_pdf_text_matches_the_seed_text(seed):
    score = similarity(normalized_text(seed), normalized_text(FORMATS / f"{seed.stem}.pdf"))
    assert score >= MIN_SIMILARITY, f"{seed.stem}.pdf: similarity {score:.4f}"


def test_pages_furniture_and_page_of():
    pdf = FORMATS / "004_75e9794d5161ca6f.pdf"
    source = read_document(pdf)
    assert source.format == "pdf" and source.pages == 6 and source.text.count("\f") == 5
    assert "政府信息公开" not in source.text  # the running header
    assert not any(line.strip() in {f"- {n} -" for n in range(1, 7)} for line in source.text.splitlines())
    record = extract_file(pdf)
    assert record.source.pages == 6
    quota_pages = [page_of(source.text, q.source_span[0]) for q in record.quotas]
    assert quota_pages[0] == 1 and quota_pages == sorted(quota_pages) and set(quota_pages) <= set(range(1, 7))
    (table,) = source.tables
    assert page_of(source.text, table.span[0]) == 5 and page_of(source.text, table.span[1]) == 5


def test_wrapped_lines_are_rejoined():
    text = read_document(FORMATS / "000_6e0011d51a97911b.pdf").text
    paragraph = next(line for line in text.splitlines() if line.startswith("为全面贯彻落实中央"))
    assert paragraph.endswith("制定本方案。")


BAD = [
    (BAD_PDF / "encrypted.pdf", "encrypted", "password"),
    (BAD_PDF / "truncated.pdf", "truncated", "truncated"),
    (BAD_PDF / "image_only.pdf", "needs_ocr", "OCR"),
    (REAL / "c032.pdf", "needs_ocr", "OCR"),
]


@pytest.mark.parametrize(("path", "code", "words"), BAD, ids=[p.stem for p, _, _ in BAD])
def test_bad_pdf_gives_its_error(path, code, words):
    with pytest.raises(IngestError) as error:
        read_document(path)
    assert error.value.code == code and words in error.value.reason and error.value.path == str(path)


def test_oversized_pdf_gives_its_error():
    with pytest.raises(IngestError) as error:
        read_document(FORMATS / "000_6e0011d51a97911b.pdf", max_bytes=10_000)
    assert error.value.code == "too_large"


def test_bad_pdfs_never_stop_the_batch(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for path, _, _ in BAD:
        shutil.copy(path, corpus / path.name)
    shutil.copy(FORMATS / "000_6e0011d51a97911b.pdf", corpus / "good.pdf")
    outcomes = batch.run_batch([corpus], tmp_path / "out")
    statuses = {o.path.rsplit("/", 1)[-1]: (o.status, o.error) for o in outcomes}
    assert statuses == {"c032.pdf": ("error", "needs_ocr"), "encrypted.pdf": ("error", "encrypted"),
                        "good.pdf": ("ok", None), "image_only.pdf": ("error", "needs_ocr"),
                        "truncated.pdf": ("error", "truncated")}
    assert len((tmp_path / "out" / "errors.jsonl").read_text("utf-8").splitlines()) == 4


def _eval_formats():
    spec = importlib.util.spec_from_file_location("eval_formats", ROOT / "scripts" / "eval_formats.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gold_scores_of_pdf_and_docx_match_txt():
    scores = _eval_formats().compare(FORMATS, ["pdf", "docx"])
    for fmt in ("pdf", "docx"):
        for name, value in scores["txt"].items():
            if value is not None:
                assert scores[fmt][name] is not None and abs(scores[fmt][name] - value) <= 0.02, (fmt, name)
    assert scores["pdf"]["tables"] == 1.0


def test_fake_bold_is_read_once():
    text = read_document(FORMATS / "fake_bold.pdf").text
    assert text.splitlines() == ["关于做好精准扶贫工作的通知", "各乡镇人民政府:", "确保全县减贫1200户。"]
