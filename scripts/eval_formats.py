"""Score the PDF and DOCX versions of the seeds against gold/ beside their text versions.

    python scripts/eval_formats.py [--formats pdf docx] [--fixtures tests/fixtures/formats]

The scorer keys documents by doc_id (the hash of the source bytes), so each fixture's record is scored under
the doc_id of the seed text it was built from (same file stem). Prints one line per field: F1 (or accuracy)
for txt and for each other format, and the largest difference.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from extractor.evaluate import EvalReport, evaluate, load_gold
from extractor.evaluate.report import ITEM_FIELDS, METADATA_FIELDS
from extractor.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[1]


def records(paths: list[Path], doc_ids: dict[str, str]) -> dict[str, dict]:
    out = {}
    for path in paths:
        record = extract_file(path).model_dump(mode="json")
        record["doc_id"] = doc_ids[path.stem]
        out[record["doc_id"]] = record
    return out


def field_scores(report: EvalReport) -> dict[str, float | None]:
    """F1 per item field and accuracy of its attributes, accuracy per metadata field and of table cells."""
    scores: dict[str, float | None] = {}
    for name in ITEM_FIELDS:
        score = report.field_score(name)
        scores[name] = score.f1
        scores.update({f"{name}.{attribute}": accuracy.value for attribute, accuracy in score.attributes.items()})
    scores.update({f"metadata.{name}": report.metadata_field(name).value for name in METADATA_FIELDS})
    scores["tables"] = report.tables.value
    return scores


def compare(fixtures: Path, formats: list[str], gold_dir: Path = ROOT / "gold",
            seeds: Path = ROOT / "corpora" / "seeds") -> dict[str, dict[str, float | None]]:
    gold = load_gold(gold_dir)
    texts = sorted(seeds.glob("*.txt"))
    doc_ids = {path.stem: extract_file(path).doc_id for path in texts}
    scores = {"txt": field_scores(evaluate(gold, records(texts, doc_ids)))}
    for fmt in formats:
        paths = sorted(p for p in fixtures.glob(f"*.{fmt}") if p.stem in doc_ids)
        scores[fmt] = field_scores(evaluate(gold, records(paths, doc_ids)))
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", nargs="+", default=["pdf", "docx"])
    parser.add_argument("--fixtures", type=Path, default=ROOT / "tests" / "fixtures" / "formats")
    args = parser.parse_args()
    scores = compare(args.fixtures, args.formats)
    names = list(scores["txt"])
    print(f"| field | txt | {' | '.join(args.formats)} | max diff |")
    print(f"|---|---:|{'---:|' * len(args.formats)}---:|")
    for name in names:
        values = [scores[fmt][name] for fmt in ["txt", *args.formats]]
        shown = " | ".join("-" if v is None else f"{v:.3f}" for v in values)
        diffs = [abs(v - values[0]) for v in values[1:] if v is not None and values[0] is not None]
        print(f"| {name} | {shown} | {max(diffs, default=0):.3f} |")


if __name__ == "__main__":
    main()
