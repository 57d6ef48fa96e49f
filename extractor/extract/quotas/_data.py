"""Loading of the linguist-edited data files under ``models/quotas/`` (read once, at import)."""

from __future__ import annotations

from collections import defaultdict

import regex

from extractor.resources import read_lines

PACKAGE = "quotas"


def rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, comments and blank lines dropped."""
    return [line.split("\t") for line in read_lines(PACKAGE, name)]


def words(name: str) -> list[str]:
    return read_lines(PACKAGE, name)


def alternation(items) -> str:
    """A regex alternation of literal words, longest first (so 及以上 wins over 以上)."""
    unique = sorted(set(items), key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) for w in unique)


def _cues() -> dict[str, list[tuple[str, str | None]]]:
    table: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for row in rows("cues.tsv"):
        table[row[0]].append((row[1], row[2] if len(row) > 2 else None))
    return dict(table)


CUES = _cues()


def cue_words(kind: str) -> list[str]:
    return [w for w, _ in CUES.get(kind, [])]


def cue_map(kind: str) -> dict[str, str | None]:
    return {w: v for w, v in CUES.get(kind, [])}
