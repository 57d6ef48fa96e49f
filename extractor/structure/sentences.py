"""Sentence spans: a sentence ends at ``。`` ``！`` ``？`` (ASCII too) or a line end.

``;``/``；`` and commas do not end a sentence (gold/README.md): a quota names the whole sentence it sits in.
A closing quotation mark or bracket right after the final mark stays with its sentence.
"""

from __future__ import annotations

import regex

_SENTENCE = regex.compile(r"[^\n]*?(?:[。！？!?][”’」』)）]*|(?=\n)|$)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start] in " \t":
            start += 1
        if end > start:
            spans.append((start, end))
    return spans
