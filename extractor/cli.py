"""The command line: a thin typer front over the library (batch runner, schema, scorer)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from extractor.batch import Outcome, discover, finish, process_file
from extractor.model import record_json_schema

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Structured, comparable data from Chinese local-government policy notices.")
console = Console(stderr=True)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).", exists=True)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for <doc_id>.json and records.jsonl.")],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 1 when any file failed.")] = False,
) -> None:
    """Extract one JSON record per document; failures go to OUT/errors.jsonl."""
    files = discover(paths)
    out.mkdir(parents=True, exist_ok=True)
    outcomes: list[Outcome] = []
    with Progress(TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[errors]} errors"),
                  TimeRemainingColumn(), console=console, disable=quiet) as progress:
        task = progress.add_task("extract", total=len(files), errors=0)
        for path in files:
            outcome = process_file(path, out)
            outcomes.append(outcome)
            errors = sum(o.status == "error" for o in outcomes)
            progress.update(task, advance=1, errors=errors)
            if outcome.status == "error" and not quiet:
                console.print(f"[red]error[/red] {outcome.path}: {outcome.message} ({outcome.error})")
    finish(out, outcomes)
    errors = [o for o in outcomes if o.status == "error"]
    if not quiet:
        done = sum(o.status == "ok" for o in outcomes)
        skipped = sum(o.status == "skipped" for o in outcomes)
        console.print(f"{done} extracted, {skipped} already done, {len(errors)} failed → {out}")
    if strict and errors:
        raise typer.Exit(1)


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
