"""The HTML report: one self-contained offline file (CSS, script and charts inlined; no network, no CDN).

An overview (documents by level and region, a category heat map, a targets timeline), a comparison view across
chosen documents, and one view per document with the normalized text and every extracted item highlighted.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from extractor.batch import write_atomic
from extractor.compare import Comparison
from extractor.report.view import build_view


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("extractor.report", "templates"), autoescape=select_autoescape(["j2"]),
                       trim_blocks=True, lstrip_blocks=True)


def _asset(name: str) -> Markup:
    source = _environment().loader.get_source(_environment(), name)[0]
    if "</script" in source.lower() or "</style" in source.lower():
        raise ValueError(f"report asset {name} would close its own inline tag")
    return Markup(source)


def render_report(comparison: Comparison) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(css=_asset("report.css"), js=_asset("report.js"), **build_view(comparison))


def write_report(comparison: Comparison, path: Path) -> Path:
    write_atomic(path, render_report(comparison))
    return path
