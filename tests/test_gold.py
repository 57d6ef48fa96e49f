"""Gold integrity: every anchor string occurs where the scorer will look for it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from extractor.ingest import read_document
from extractor.normalize import normalize

ROOT = Path(__file__).parent.parent
GOLD = sorted((ROOT / "gold").rglob("*.json"))
TAXONOMY = {line.split("\t")[0] for line in (ROOT / "models/measures/taxonomy.tsv").read_text("utf-8").splitlines()
            if line and not line.startswith("#")} | {"other"}


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_anchors_occur_in_normalized_text(path):
    gold = json.loads(path.read_text("utf-8"))
    source = ROOT / gold["source"]["path"]
    assert hashlib.sha256(source.read_bytes()).hexdigest()[:16] == gold["doc_id"] == path.stem
    text = normalize(read_document(source).text).text
    for quota in gold.get("quotas", []):
        assert quota["text"] in quota["sentence"], quota
        assert quota["sentence"] in text, quota["sentence"]
    for section in gold.get("sections", []):
        assert section["label"] + section["title"] in text or section["title"] in text, section
    for target in gold.get("targets", []):
        assert target["text"] in text, target
    for measure in gold.get("measures", []):
        assert measure["title"] in text, measure


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_ids_links_and_categories(path):
    gold = json.loads(path.read_text("utf-8"))
    for field in ("sections", "measures"):
        ids = [item["id"] for item in gold.get(field, [])]
        assert len(ids) == len(set(ids))
        assert all(item["parent"] in ids for item in gold.get(field, []) if item.get("parent"))
    assert all(m["category"] in TAXONOMY for m in gold.get("measures", []))
    assert all(u["role"] in {"lead", "responsible", "cooperating", "leader"} for u in gold.get("units", []))
