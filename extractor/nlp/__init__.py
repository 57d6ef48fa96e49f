"""The spaCy side of the extractor: a ``zh`` pipeline with jieba and the policy vocabulary, rule components
registered by name and configured by data, and the trained measure classifier."""

from extractor.nlp.pipeline import (analyze_doc, blank_pipeline, build_pipeline, load_pipeline, measure_classifier,
                                    responsibility_spans)

__all__ = ["analyze_doc", "blank_pipeline", "build_pipeline", "load_pipeline", "measure_classifier",
           "responsibility_spans"]
