"""Loading gold answers and predicted records, keyed by doc_id."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def load_gold(directory: Path) -> dict[str, dict[str, Any]]:
    """Load ``<directory>/*.json`` gold files (README.md and other non-JSON files are skipped).

    The key is the file's ``doc_id`` (the file stem when the field is absent).
    Raises ValueError on a duplicate doc_id.
    """
    gold: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(directory).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        _put(gold, str(data.get("doc_id") or path.stem), data, path)
    return gold


def load_predictions(path: Path) -> dict[str, dict[str, Any]]:
    """Load predicted records from a folder of ``*.json`` records or a ``.jsonl`` file (one per line).

    Only objects with a ``doc_id`` and no ``error`` key are records; error entries, manifests and
    blank lines are skipped. Raises ValueError on a duplicate doc_id.
    """
    path = Path(path)
    if path.is_dir():
        sources: Iterable[tuple[Path, Any]] = (
            (p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(path.glob("*.json"))
        )
    else:
        lines = path.read_text(encoding="utf-8").splitlines()
        sources = ((path, json.loads(line)) for line in lines if line.strip())
    records: dict[str, dict[str, Any]] = {}
    for origin, data in sources:
        if isinstance(data, dict) and data.get("doc_id") and "error" not in data:
            _put(records, str(data["doc_id"]), data, origin)
    return records


def _put(store: dict[str, dict[str, Any]], doc_id: str, data: dict[str, Any], origin: Path) -> None:
    """Insert ``data`` under ``doc_id``, refusing duplicates."""
    if doc_id in store:
        raise ValueError(f"duplicate doc_id {doc_id} in {origin}")
    store[doc_id] = data
