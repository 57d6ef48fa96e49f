"""Evaluation of extracted records against hand-checked gold answers (SPEC section 4).

Library entry points; the ``extractor eval`` command is a thin wrapper over them::

    gold = load_gold(Path("gold"))
    predicted = load_predictions(Path("out/records.jsonl"))
    report = evaluate(gold, predicted)
    print(report.format_table())
"""

from .loading import load_gold, load_predictions
from .report import EvalReport, Row
from .scorer import evaluate

__all__ = ["EvalReport", "Row", "evaluate", "load_gold", "load_predictions"]
