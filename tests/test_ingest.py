"""Text ingestion: encodings found by the detector, bad files rejected with the file and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.ingest import IngestError, read_bytes, read_document
from extractor.normalize import normalize

SEED_001 = next((Path(__file__).parent.parent / "corpora" / "seeds").glob("001_*.txt"))


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED_001.read_text("utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_normalized_seed_round_trips_through_encodings(seed_text, encoding):
    simplified = normalize(seed_text).text
    document = read_bytes(simplified.encode(encoding), "seed.txt")
    assert document.text == simplified
    assert normalize(document.text).text == simplified


def test_traditional_seed_saved_as_big5_gives_same_normalized_text(seed_text):
    # Big5 lacks a few characters of the seed (pinyin tone letters, some Han): compare on what it can hold
    big5_text = seed_text.encode("big5", errors="ignore").decode("big5")
    document = read_bytes(big5_text.encode("big5"), "seed.txt")
    assert document.encoding.startswith("big5")
    assert normalize(document.text).text == normalize(big5_text).text


@pytest.mark.parametrize("data, code", [
    (b"", "empty"),
    (b" \n\r\n ", "empty"),
    (bytes(range(256)) * 40, "encoding"),
    (b"\x00\x01\x02\x03\x04\x05" * 200, "binary"),
])
def test_bad_input_is_a_clear_error(data, code):
    with pytest.raises(IngestError) as error:
        read_bytes(data, "bad.txt")
    assert error.value.code == code
    assert "bad.txt" in str(error.value)


def test_over_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("扶贫" * 100, "utf-8")
    with pytest.raises(IngestError, match="limit"):
        read_document(path, max_bytes=50)
