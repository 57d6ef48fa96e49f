"""Regenerate the README's quality section: extract corpora/seeds, score against gold/, write the table.

    python scripts/update_quality.py          # rewrites the block between the quality markers in README.md

The table is measured, never typed: it carries the date and the commit it was measured at.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from extractor.batch import run_batch
from extractor.evaluate import evaluate, load_gold, load_predictions

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- quality:start -->", "<!-- quality:end -->"


def measure() -> str:
    with tempfile.TemporaryDirectory() as out:
        run_batch([ROOT / "corpora" / "seeds"], Path(out))
        report = evaluate(load_gold(ROOT / "gold"), load_predictions(Path(out) / "records.jsonl"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "extractor", "models"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    stamp = f"Measured {dt.date.today().isoformat()} at commit `{commit or 'uncommitted'}`{' plus uncommitted changes' if dirty else ''}."
    return f"{stamp}\n\n{report.format_table()}\n"


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text("utf-8")
    if START not in text or END not in text:
        sys.exit("README.md has no quality markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{measure()}{END}{tail}", "utf-8")


if __name__ == "__main__":
    main()
