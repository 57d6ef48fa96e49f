"""Regenerate the README's quality section: extract, score against gold, write the tables.

    python scripts/update_quality.py          # rewrites the block between the quality markers in README.md

Two tables: the five seeds (gold/, what the extractor was developed against) and the corpus documents it
was not developed on (gold/corpus/). The tables are measured, never typed: they carry the date and the
commit they were measured at.
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
SETS = (
    ("Seeds (`corpora/seeds` against `gold/`)", "corpora/seeds", "gold"),
    ("Unseen corpus documents (`corpora/corpus` against `gold/corpus/`)", "corpora/corpus", "gold/corpus"),
)


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def measure() -> str:
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = _git("status", "--porcelain", "--", "extractor", "models", "gold")
    stamp = f"Measured {dt.date.today().isoformat()} at commit `{commit}`{' plus uncommitted changes' if dirty else ''}."
    parts = [stamp]
    for title, inputs, gold in SETS:
        with tempfile.TemporaryDirectory() as out:
            run_batch([ROOT / inputs], Path(out))
            report = evaluate(load_gold(ROOT / gold), load_predictions(Path(out) / "records.jsonl"))
        parts.append(f"**{title}**\n\n{report.format_table()}")
    return "\n\n".join(parts) + "\n"


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
