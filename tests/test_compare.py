"""Comparison tables: indicator vocabulary (cases as data), unit normalization, region chains, the seeds."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from extractor.batch import run_batch
from extractor.cli import app
from extractor.compare import build_comparison, compare, load_records
from extractor.compare.chains import chain_pairs, contains
from extractor.compare.indicators import indicator_for, normalize_value
from extractor.model import Measure, Metadata, Quota, Record, Region, Source, Target, Text

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"


def _cases(name: str) -> list[dict]:
    return [json.loads(line) for line in (CASES / name).read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", _cases("indicators.jsonl"), ids=lambda c: f"{c['quota']}-{c['kind']}")
def test_indicator_of_a_quota(case):
    start = case["sentence"].index(case["quota"])
    found = indicator_for(case["unit"], case["kind"], case["sentence"], (start, start + len(case["quota"])))
    assert (found.code if found else None) == case["indicator"], case["why"]


@pytest.mark.parametrize("case", _cases("comparison_units.jsonl"), ids=lambda c: c["unit"])
def test_values_are_compared_in_normalized_units(case):
    assert normalize_value(case["value"], case["unit"]) == (case["normalized_value"], case["normalized_unit"])


# --- region chains on small made-up records: the region fields alone decide -------------------------------

def _record(doc_id: str, level: str, region: dict, text: str = "", categories=(), quotas=(), years=()) -> Record:
    measures = [Measure(id=f"m{n}", span=(0, 1), evidence=text[:1], source_span=(0, 1), title=c, text=c, category=c)
                for n, c in enumerate(categories, 1)]
    found = []
    for n, (surface, value, unit, per) in enumerate(quotas, 1):
        start = text.index(surface)
        span = (start, start + len(surface))
        found.append(Quota(id=f"q{n}", span=span, evidence=surface, source_span=span, text=surface, value=value,
                           unit=unit, per=per))
    targets = [Target(id=f"t{n}", span=(0, 1), evidence=text[:1], source_span=(0, 1), text=text[:1], year=year)
               for n, year in enumerate(years, 1)]
    return Record(doc_id=doc_id, source=Source(path=f"{doc_id}.txt", sha256=doc_id, format="txt"),
                  text=Text(script="simplified", converted=False, chars=len(text), normalized=text),
                  metadata=Metadata(admin_level=level, region=Region(**region)), measures=measures, quotas=found,
                  targets=targets)


PROVINCE = {"province": "甲省"}
CITY = {**PROVINCE, "city": "乙市"}
COUNTY = {**CITY, "county": "丙县"}
TOWNSHIP = {**COUNTY, "township": "丁镇"}


@pytest.mark.parametrize(("higher", "lower", "expected"), [
    (("city", CITY), ("township", TOWNSHIP), True),
    (("county", COUNTY), ("township", TOWNSHIP), True),
    (("province", PROVINCE), ("county", COUNTY), True),
    (("city", {**PROVINCE, "city": "戊市"}), ("township", TOWNSHIP), False),  # another city of the province
    (("city", {"province": "己省", "city": "乙市"}), ("township", TOWNSHIP), False),  # same name, other province
    (("township", TOWNSHIP), ("county", COUNTY), False),  # a lower level never holds a higher one
    (("county", COUNTY), ("county", COUNTY), False),  # same level: side by side, not a chain
    (("city", {**PROVINCE, "city": None}), ("township", TOWNSHIP), False),  # a city notice without its city
    (("national", {}), ("township", TOWNSHIP), False),
])
def test_region_chain_membership(higher, lower, expected):
    assert contains(_record("h", *higher), _record("l", *lower)) is expected


def test_chain_diff_says_what_the_lower_level_adds_drops_and_changes():
    city = _record("city", "city", CITY, "全市易地搬迁3000人,培训2000人次", ["industry", "relocation"],
                   [("3000人", 3000, "人", None), ("2000人次", 2000, "人次", None)], years=(2020,))
    town = _record("town", "township", TOWNSHIP, "全镇易地搬迁300人,每户每年补助600元",
                   ["industry", "health"], [("300人", 300, "人", None), ("600元", 600, "元", "户·年")],
                   years=(2018, 2020))
    elsewhere = _record("far", "township", {**PROVINCE, "city": "戊市", "township": "庚镇"}, "", ["industry"])
    comparison = build_comparison([city, town, elsewhere])
    assert [(h.doc_id, low.doc_id) for h, low in chain_pairs(comparison.records)] == [("city", "town")]
    diffs = {(row["aspect"], row["key"]): (row["higher"], row["lower"], row["change"])
             for row in comparison.tables["chain_diffs"].rows}
    assert diffs[("category", "industry")] == ("1", "1", "shared")
    assert diffs[("category", "relocation")] == ("1", "0", "dropped")
    assert diffs[("category", "health")] == ("0", "1", "added")
    assert diffs[("indicator", "relocation_persons:total:人")] == ("3000人", "300人", "changed")
    assert diffs[("indicator", "training_persons:total:人次")] == ("2000人次", "", "dropped")
    assert diffs[("indicator", "subsidy_standard:rate:元")][1:] == ("600元/户·年", "added")
    assert diffs[("target_year", "2018")][2] == "added" and diffs[("target_year", "2020")][2] == "shared"
    pair = comparison.tables["chain_pairs"].rows[0]
    assert (pair["added"], pair["dropped"], pair["changed"]) == (3, 2, 1)


# --- the five seeds -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_records(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    run_batch([ROOT / "corpora" / "seeds"], out)
    return out


def test_seed_tables_account_for_every_document_measure_and_quota(seed_records):
    comparison = compare(seed_records / "records.jsonl")
    records = {r.doc_id: r for r in comparison.records}
    assert len(records) == 5 and comparison.errors == []
    tables = comparison.tables
    assert {row["doc_id"] for row in tables["documents"].rows} == set(records)
    for row in tables["category_matrix"].rows:
        assert sum(row[code] for code in comparison.categories) == row["measures"] == len(
            records[row["doc_id"]].measures)
    values = tables["indicator_values"].rows
    assert sorted((v["doc_id"], v["quota_id"]) for v in values) == sorted(
        (r.doc_id, q.id) for r in records.values() for q in r.quotas)
    for v in values:  # rates, shares and totals never share a row
        quota = next(q for q in records[v["doc_id"]].quotas if q.id == v["quota_id"])
        assert (v["kind"] == "rate") == bool(quota.per)
        assert not (v["kind"] == "total" and v["unit"] == "%")
    assert sum(row["documents"] for row in tables["groups"].rows) == 5
    dated = [row["year"] for row in tables["targets_timeline"].rows if row["year"] is not None]
    assert dated == sorted(dated)
    # The seeds are two townships, a county and two cities of five different provinces: no chain among them.
    assert {r.metadata.admin_level for r in records.values()} == {"township", "county", "city"}
    assert tables["chain_pairs"].rows == []


def test_compare_command_writes_csv_xlsx_and_json(seed_records, tmp_path):
    result = CliRunner().invoke(app, ["compare", str(seed_records), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "comparison.json").read_text("utf-8"))
    workbook = load_workbook(tmp_path / "comparison.xlsx", read_only=True)
    for name, table in data["tables"].items():
        with (tmp_path / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == table["columns"] and len(rows) == len(table["rows"]) + 1
        sheet = list(workbook[name[:31]].iter_rows(values_only=True))
        assert list(sheet[0]) == table["columns"] and len(sheet) == len(table["rows"]) + 1
    assert len(data["tables"]["category_matrix"]["rows"]) == 5


def test_bad_lines_are_reported_and_the_rest_compared(seed_records, tmp_path):
    lines = (seed_records / "records.jsonl").read_text("utf-8").splitlines()
    damaged = tmp_path / "records.jsonl"
    damaged.write_text("\n".join([lines[0], "{not json", '{"doc_id": "x"}', *lines[1:], lines[0]]) + "\n", "utf-8")
    loaded = load_records(damaged)
    assert len(loaded.records) == 5
    reasons = [(e.origin.rsplit(":", 1)[1], e.reason.split(":")[0]) for e in loaded.errors]
    assert reasons == [("2", "unreadable JSON line"), ("3", "not a record"), ("8", "duplicate doc_id "
                                                                             f"{loaded.records[0].doc_id}; the first one is kept")]


def test_report_command_writes_one_offline_file(seed_records, tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(seed_records / "records.jsonl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert "<script src" not in html and "<link" not in html and "http://" not in html and "https://" not in html
    records = load_records(seed_records).records
    assert html.count('class="heat-row"') == len(records)
    assert all(f'id="doc-{r.doc_id}"' in html for r in records)


def test_database_gives_the_same_comparison_as_the_records(seed_records, tmp_path):
    database = tmp_path / "records.duckdb"
    assert CliRunner().invoke(app, ["export", str(seed_records), "--to", "duckdb", "-o", str(database)]).exit_code == 0
    from_db, from_jsonl = load_records(database), load_records(seed_records / "records.jsonl")
    assert from_db.errors == []
    assert sorted(r.model_dump_json() for r in from_db.records) == sorted(r.model_dump_json() for r in from_jsonl.records)
    out = tmp_path / "from-db"
    assert CliRunner().invoke(app, ["compare", str(database), "-o", str(out)]).exit_code == 0
    assert (out / "category_matrix.csv").read_text("utf-8-sig").count("\n") == len(from_db.records) + 1


def test_unreadable_database_is_reported_with_the_reason(tmp_path):
    database = tmp_path / "records.duckdb"
    database.write_bytes(b"not a database")
    loaded = load_records(database)
    assert loaded.records == [] and loaded.errors[0].origin == str(database)
    assert loaded.errors[0].reason.startswith("unreadable database")
