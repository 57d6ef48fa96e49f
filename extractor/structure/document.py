"""A normalized document with its structure: what every extractor reads."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from extractor.normalize import NormalizedText
from extractor.structure.header import Header, parse_header
from extractor.structure.sections import SectionNode, build_tree, find_headings
from extractor.structure.sentences import sentence_spans


@dataclass
class Document:
    normalized: NormalizedText
    header: Header
    sections: list[SectionNode]
    sentences: list[tuple[int, int]]
    tables: list[tuple[int, int]] = field(default_factory=list)  # spans of tables: cells, not body text
    _sentence_starts: list[int] = field(init=False, repr=False)
    _body_sentences: list[tuple[int, int]] = field(init=False, repr=False)
    _sections_by_id: dict[str, SectionNode] = field(init=False, repr=False)
    _sections_by_start: list[SectionNode] = field(init=False, repr=False)
    _section_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sentence_starts = [start for start, _ in self.sentences]
        self._body_sentences = [span for span in self.sentences
                                if span[0] >= self.body_start and not any(a <= span[0] < b for a, b in self.tables)]
        self._sections_by_id = {node.id: node for node in self.sections}
        self._sections_by_start = sorted(self.sections, key=lambda node: node.span[0])
        self._section_starts = [node.span[0] for node in self._sections_by_start]

    @property
    def text(self) -> str:
        return self.normalized.text

    @property
    def body_start(self) -> int:
        return self.header.body_start

    def body_sentences(self) -> list[tuple[int, int]]:
        """Sentences after the header block and outside tables."""
        return self._body_sentences

    def sentence_at(self, position: int) -> tuple[int, int] | None:
        index = bisect.bisect_right(self._sentence_starts, position) - 1
        if index >= 0 and self.sentences[index][0] <= position < self.sentences[index][1]:
            return self.sentences[index]
        return None

    def section_at(self, position: int) -> SectionNode | None:
        """The deepest section whose span holds ``position``. Sections nest, so it is the last section started
        at or before ``position`` or, when that one has ended, its nearest ancestor that has not."""
        index = bisect.bisect_right(self._section_starts, position) - 1
        node = self._sections_by_start[index] if index >= 0 else None
        while node is not None and not node.span[0] <= position < node.span[1]:
            node = self._sections_by_id.get(node.parent) if node.parent else None
        return node

    def ancestors(self, node: SectionNode | None) -> list[SectionNode]:
        """``node`` and its ancestors, innermost first."""
        chain = []
        while node is not None:
            chain.append(node)
            node = self._sections_by_id.get(node.parent) if node.parent else None
        return chain


def analyze(normalized: NormalizedText, tables: list[tuple[int, int]] | None = None) -> Document:
    text = normalized.text
    headings = find_headings(text)
    header = parse_header(text, headings[0].start if headings else None)
    tables = tables or []
    headings = [h for h in headings
                if h.start >= header.body_start and not any(a <= h.start < b for a, b in tables)]
    return Document(normalized, header, build_tree(headings, len(text)), sentence_spans(text), tables)
