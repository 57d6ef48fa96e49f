"""PDF reading speed: the PDF backend against poppler's ``pdftotext`` (and pdfplumber on every page) on the
same files in the same run.

    python scripts/bench_pdf.py [PDF or folder ...] [--min-pages 200]

Without arguments the corpus is the seed PDFs in tests/fixtures/formats, repeated until it holds at least
``--min-pages`` pages. Needs ``pdftotext`` (Debian: poppler-utils). Prints pages per second for each reader,
the backend's ratio to pdftotext, and the tables the backend recovered (so speed is never bought by losing
them).
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from extractor.ingest.pdf import read_pdf

ROOT = Path(__file__).resolve().parents[1]


def corpus(paths: list[Path], min_pages: int) -> tuple[list[tuple[Path, bytes]], int]:
    files = [p for path in paths for p in (sorted(path.rglob("*.pdf")) if path.is_dir() else [path])]
    counts = {f: len(pdfium.PdfDocument(f.read_bytes())) for f in files}
    chosen, pages = [], 0
    while pages < min_pages or not chosen:
        for f in files:
            chosen.append((f, f.read_bytes()))
            pages += counts[f]
    return chosen, pages


def timed(label: str, pages: int, run) -> float:
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    print(f"{label:<34} {seconds:7.2f} s  {pages / seconds:8.1f} pages/s")
    return seconds, result


def with_pdftotext(files: list[tuple[Path, bytes]]) -> None:
    for path, _ in files:
        subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)


def with_backend(files: list[tuple[Path, bytes]]) -> list:
    return [read_pdf(str(path), data) for path, data in files]


def with_pdfplumber(files: list[tuple[Path, bytes]]) -> None:
    for _, data in files:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page = page.dedupe_chars()
                page.extract_text()
                page.extract_tables()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "tests" / "fixtures" / "formats"])
    parser.add_argument("--min-pages", type=int, default=200)
    args = parser.parse_args()
    if not shutil.which("pdftotext"):
        sys.exit("pdftotext not found (apt-get install poppler-utils)")
    files, pages = corpus(args.paths, args.min_pages)
    print(f"{len(files)} files, {pages} pages")
    baseline, _ = timed("pdftotext (poppler)", pages, lambda: with_pdftotext(files))
    ours, read = timed("extractor PDF backend", pages, lambda: with_backend(files))
    plumber, _ = timed("pdfplumber on every page", pages, lambda: with_pdfplumber(files))
    tables = [t for r in read for t in r.tables]
    print(f"backend / pdftotext time: {ours / baseline:.2f}x   pdfplumber / backend time: {plumber / ours:.1f}x")
    print(f"tables recovered: {len(tables)}, rows: {sorted({len(t.rows) for t in tables})}, "
          f"columns: {sorted({len(t.header) for t in tables})}")


if __name__ == "__main__":
    main()
