"""Writing the comparison: one CSV per table, one XLSX workbook (a sheet per table), one JSON file.

CSV is UTF-8 with a byte-order mark so that Excel opens Chinese text correctly; pandas and R read it as is.
Every file is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from extractor.batch import write_atomic
from extractor.compare.tables import Comparison

WORKBOOK = "comparison.xlsx"
JSON_FILE = "comparison.json"
_SHEET_NAME_LIMIT = 31  # Excel's limit


def write_comparison(comparison: Comparison, out_dir: Path) -> list[Path]:
    """Write every table as ``<name>.csv``, plus the workbook and the JSON; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in comparison.tables.values():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=table.columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table.rows)
        path = out_dir / f"{table.name}.csv"
        write_atomic(path, "\ufeff" + buffer.getvalue())
        written.append(path)
    written.append(_write_workbook(comparison, out_dir / WORKBOOK))
    path = out_dir / JSON_FILE
    write_atomic(path, json.dumps(comparison.to_dict(), ensure_ascii=False, indent=1) + "\n")
    written.append(path)
    return written


def _write_workbook(comparison: Comparison, path: Path) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in comparison.tables.values():
        sheet = workbook.create_sheet(table.name[:_SHEET_NAME_LIMIT])
        sheet.append(table.columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([row[column] for column in table.columns])
        sheet.freeze_panes = "A2"
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
