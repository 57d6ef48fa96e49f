"""The command line: a thin typer front over the library (batch runner, exports, schema, scorer)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from extractor.model import record_json_schema

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Structured, comparable data from Chinese local-government policy notices.")
console = Console(stderr=True)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).", exists=True)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for <doc_id>.json and records.jsonl.")],
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1,
                                             help="Worker processes (default: all cores).")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="Also write every record into this DuckDB file.")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address (tcp://host:8786); none: a local Dask cluster.")] = None,
    max_mb: Annotated[float, typer.Option("--max-mb", help="Skip files larger than this (MB) with an error.")] = 50,
    max_pages: Annotated[int, typer.Option("--max-pages", help="Fail documents with more pages.")] = 2000,
    max_seconds: Annotated[float, typer.Option("--max-seconds", help="Fail documents that take longer.")] = 300,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 1 when any file failed.")] = False,
) -> None:
    """Extract one JSON record per document; failures go to OUT/errors.jsonl. A re-run resumes."""
    from extractor.batch import Limits, Outcome, discover, run_batch
    from extractor.engines import ENGINES, open_engine

    if engine not in ENGINES:
        raise typer.BadParameter(f"{engine!r} is not one of {', '.join(ENGINES)}", param_hint="--engine")
    limits = Limits(max_bytes=int(max_mb * 1024 * 1024), max_pages=max_pages, max_seconds=max_seconds)
    files = discover(paths)
    counts: Counter[str] = Counter()
    with Progress(TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                  TextColumn("{task.fields[errors]} errors"), TimeElapsedColumn(), TextColumn("ETA"),
                  TimeRemainingColumn(), console=console, disable=quiet) as progress:
        task = progress.add_task("extract", total=len(files), errors=0, rate="")

        def advance(outcome: Outcome) -> None:
            counts[outcome.status] += 1
            counts["chars"] += outcome.chars
            elapsed = progress.tasks[task].elapsed
            rate = f"{counts['chars'] / elapsed / 1000:,.0f} k chars/s" if elapsed else ""
            progress.update(task, advance=1, errors=counts["error"], rate=rate)
            if outcome.status == "error" and not quiet:
                progress.console.print(f"[red]error[/red] {outcome.path}: {outcome.message} ({outcome.error})",
                                       soft_wrap=True)

        store = _open_store(db)
        try:
            with open_engine(engine, jobs, scheduler) as running:
                run_batch(files, out, executor=running.executor, window=running.window, limits=limits,
                          store=store, workers_write=running.shares_files, progress=advance)
        finally:
            if store is not None:
                store.close()
    if not quiet:
        console.print(f"{counts['ok']} extracted, {counts['skipped'] + counts['duplicate']} already done or repeated, "
                      f"{counts['error']} failed → {out}" + (f" and {db}" if db else ""))
    if strict and counts["error"]:
        raise typer.Exit(1)


def _open_store(db: Path | None):
    if db is None:
        return None
    from extractor.store import DuckDBStore

    return DuckDBStore(db)


@app.command()
def export(
    source: Annotated[Path, typer.Argument(help="An extract output folder or a records.jsonl.", exists=True)],
    to: Annotated[str, typer.Option("--to", help="duckdb, parquet, csv or xlsx.")] = "duckdb",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (duckdb, xlsx) or folder "
                                             "(parquet, csv); default: beside the records.")] = None,
) -> None:
    """Write the records as one table per entity (documents, sections, targets, measures, units, quotas, tables)."""
    from extractor.store import FORMATS, StoreError, export as export_records

    if to not in FORMATS:
        raise typer.BadParameter(f"{to!r} is not one of {', '.join(FORMATS)}", param_hint="--to")
    try:
        written = export_records(source, to, out)
    except StoreError as exc:
        console.print(f"[red]error[/red] {exc}", soft_wrap=True)
        raise typer.Exit(1) from exc
    console.print(f"{to} → {written}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record."""
    typer.echo(json.dumps(record_json_schema(), ensure_ascii=False, indent=2))


@app.command("eval")
def eval_command(
    predictions: Annotated[Path, typer.Argument(help="A folder of records or a records.jsonl.", exists=True)],
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold/<doc_id>.json.", exists=True)] = Path("gold"),
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the scores as JSON here.")] = None,
) -> None:
    """Score records against gold answers (SPEC section 4) and print the table."""
    from extractor.evaluate import evaluate, load_gold, load_predictions

    report = evaluate(load_gold(gold), load_predictions(predictions))
    typer.echo(report.format_table())
    if json_out:
        json_out.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", "utf-8")


def _comparison(records: Path):
    from extractor.compare import compare

    try:
        comparison = compare(records)
    except (OSError, ValueError) as exc:
        console.print(f"[red]error[/red] {exc}")
        raise typer.Exit(1) from exc
    for error in comparison.errors:
        console.print(f"[yellow]skipped[/yellow] {error.origin}: {error.reason}")
    if not comparison.records:
        console.print(f"[red]error[/red] {records}: no records to compare")
        raise typer.Exit(1)
    return comparison


@app.command("compare")
def compare_command(
    records: Annotated[Path, typer.Argument(help="An extract output folder or a records.jsonl.", exists=True)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for the tables.")],
) -> None:
    """Comparison tables across levels and regions, as CSV, one XLSX workbook and JSON."""
    from extractor.compare import write_comparison

    comparison = _comparison(records)
    written = write_comparison(comparison, out)
    pairs = len(comparison.tables["chain_pairs"].rows)
    console.print(f"{len(comparison.records)} documents, {pairs} region-chain pairs → {len(written)} files in {out}")


@app.command("report")
def report_command(
    records: Annotated[Path, typer.Argument(help="An extract output folder or a records.jsonl.", exists=True)],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
) -> None:
    """One self-contained HTML report (works offline): overview, comparison, every document highlighted."""
    from extractor.report import write_report

    comparison = _comparison(records)
    console.print(f"{len(comparison.records)} documents → {write_report(comparison, out)}")


if __name__ == "__main__":
    app()
