"""The HTML report for the five seeds, opened in a real browser (Debian's chromium, driven by playwright).

Skipped only when no chromium is installed (``apt-get install -y chromium``; .ci/run installs it). Screenshots
go to ``test-artifacts/``. Nothing here waits on a clock: every check reads the page after the click returns.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor.batch import run_batch
from extractor.compare import compare
from extractor.report import write_report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "seeds"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAUNCH_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed (apt-get install -y chromium)")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("records")
    run_batch([SEEDS], out)
    comparison = compare(out / "records.jsonl")
    assert len(comparison.records) == 5
    return comparison, write_report(comparison, out / "report.html")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, report):
    """A page on the report that records console errors and uncaught exceptions; it fails a test that has any."""
    _, path = report
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, offline=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: problems.append(f"network request {request.url}")
            if not request.url.startswith(("file:", "data:", "about:")) else None)
    page.goto(path.as_uri())
    yield page
    context.close()
    assert problems == []


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_overview_has_one_heat_map_row_per_document(page, report):
    comparison, _ = report
    assert page.locator("#overview").is_visible()
    rows = page.locator("#heatmap tbody tr.heat-row")
    assert rows.count() == len(comparison.records)
    assert sorted(rows.evaluate_all("rows => rows.map(r => r.dataset.doc)")) == sorted(
        r.doc_id for r in comparison.records)
    assert page.locator("#timeline circle").count() > 0
    _screenshot(page, "overview")


def test_clicking_a_quota_highlights_exactly_its_evidence(page, report):
    comparison, _ = report
    for record in comparison.records:
        if len(record.quotas) < 2:
            continue
        quota = record.quotas[len(record.quotas) // 2]
        page.goto(page.url.split("#")[0] + f"#doc-{record.doc_id}")
        section = page.locator(f"section#doc-{record.doc_id}")
        assert section.is_visible()
        section.locator(f'tr.item[data-item="{quota.id}"]').click()
        highlighted = section.locator(".text .seg.active").evaluate_all("s => s.map(x => x.textContent).join('')")
        assert highlighted == quota.evidence
        assert section.locator(".text .seg.active").first.is_visible()
        _screenshot(page, f"document-{record.doc_id}")


def test_clicking_a_warning_highlights_the_damaged_text(page, report):
    comparison, _ = report
    damaged = [(r, n, w) for r in comparison.records for n, w in enumerate(r.text.warnings, 1) if w.span]
    assert damaged, "the seeds include a notice with encoding damage"
    record, number, warning = damaged[0]
    page.goto(page.url.split("#")[0] + f"#doc-{record.doc_id}")
    section = page.locator(f"section#doc-{record.doc_id}")
    assert section.locator(".warnings").is_visible()
    section.locator(f'.warnings li[data-item="warn-{number}"]').click()
    highlighted = section.locator(".text .seg.active").evaluate_all("s => s.map(x => x.textContent).join('')")
    start, end = warning.span
    assert highlighted == record.text.normalized[start:end]


def test_compare_view_hides_an_unchosen_document(page, report):
    comparison, _ = report
    page.goto(page.url.split("#")[0] + "#compare")
    doc_id = comparison.records[0].doc_id
    column = page.locator(f'#side-by-side thead th[data-doc="{doc_id}"]')
    assert column.is_visible()
    page.locator(f'input.pick[value="{doc_id}"]').uncheck()
    assert column.is_hidden()
    assert page.locator("#category-levels tbody tr").count() == len(comparison.categories)
    _screenshot(page, "compare")
