"""The command line end to end: records for good files, one error per bad file, valid and deterministic."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.model import record_json_schema

SEEDS = Path(__file__).parent.parent / "corpora" / "seeds"
runner = CliRunner()


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, Path]:
    inputs = tmp_path_factory.mktemp("in")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, inputs / seed.name)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (inputs / ".hidden.txt").write_text("隐藏文件", "utf-8")
    out = tmp_path_factory.mktemp("out")
    result = runner.invoke(app, ["extract", str(inputs), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return inputs, out


def test_five_records_and_two_errors(batch):
    _, out = batch
    records = [json.loads(line) for line in (out / "records.jsonl").read_text("utf-8").splitlines()]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert len(records) == 5 and len(list(out.glob("*.json"))) == 5
    assert sorted(Path(e["file"]).name for e in errors) == ["binary.txt", "empty.txt"]
    assert all(e["message"] and e["stage"] == "ingest" for e in errors)


def test_records_validate_against_the_schema(batch):
    _, out = batch
    schema = json.loads(runner.invoke(app, ["schema"]).output)
    assert schema == json.loads(json.dumps(record_json_schema()))
    for line in (out / "records.jsonl").read_text("utf-8").splitlines():
        jsonschema.validate(json.loads(line), schema)


def test_evidence_and_source_spans(batch):
    inputs, out = batch
    for line in (out / "records.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        text = record["text"]["normalized"]
        original = Path(record["source"]["path"]).read_text("utf-8")
        for field in ("quotas", "targets", "measures", "units"):
            for item in record[field]:
                start, end = item["span"]
                assert item["evidence"] == text[start:end]
                a, b = item["source_span"]
                assert 0 <= a <= b <= len(original)
        for quota in record["quotas"]:
            a, b = quota["source_span"]
            assert any(ch.isdigit() or "\u4e00" <= ch <= "\u9fff" for ch in original[a:b])


def test_rerun_is_byte_identical(batch, tmp_path):
    inputs, out = batch
    result = runner.invoke(app, ["extract", str(inputs), "-o", str(tmp_path), "-q"])
    assert result.exit_code == 0
    for name in ["records.jsonl", "errors.jsonl", *(p.name for p in out.glob("*.json"))]:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_strict_exit_code(batch, tmp_path):
    inputs, _ = batch
    assert runner.invoke(app, ["extract", str(inputs), "-o", str(tmp_path), "-q", "--strict"]).exit_code == 1


def test_python_dash_m_and_api():
    completed = subprocess.run([sys.executable, "-m", "extractor", "schema"], capture_output=True, text=True, check=True)
    assert json.loads(completed.stdout)["title"] == "Policy-notice record"
    from extractor import extract_file, extract_text

    record = extract_file(next(SEEDS.glob("000_*.txt")))
    assert record.metadata.doc_number and record.doc_id == record.source.sha256[:16]
    assert extract_text("一、总体要求\n到2020年,实现贫困人口全部脱贫。").sections[0].title == "总体要求"


def test_eval_command_prints_the_table_and_writes_json(batch, tmp_path):
    _, out = batch
    scores = tmp_path / "scores.json"
    gold = Path(__file__).parent.parent / "gold"
    result = runner.invoke(app, ["eval", str(out / "records.jsonl"), "--gold", str(gold), "--json", str(scores)])
    assert result.exit_code == 0, result.output
    assert "| quotas |" in result.output and "| sections |" in result.output
    report = json.loads(scores.read_text("utf-8"))
    assert report["documents"]["gold"] == 5 and report["documents"]["missing"] == []
