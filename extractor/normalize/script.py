"""Traditional → simplified conversion with OpenCC ``t2s``, and script detection.

``t2s`` is used, never the ``*sp`` configs, which rewrite vocabulary (整合→集成, 指标→指针). Two data files
correct what ``t2s`` gets wrong for mainland policy text: ``opencc_postfix.tsv`` (著力→着力, 台帐→台账) and
``protected_names.txt`` (place names ``t2s`` corrupts: 乾安县 would become 干安县).
"""

from __future__ import annotations

from functools import cache
from typing import Literal

import opencc
import regex

from extractor.normalize.offsets import Edit
from extractor.resources import read_lines

Script = Literal["simplified", "traditional", "mixed"]

_HAN_RUN = regex.compile(r"\p{Han}+")
# Share of Han characters that t2s changes above which a text counts as written in traditional script.
_TRADITIONAL_SHARE = 0.05


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _fix_table() -> dict[str, str]:
    """Wrong t2s output → right text, from the post-fix list and the protected names."""
    fixes: dict[str, str] = {}
    for line in read_lines("normalize", "opencc_postfix.tsv"):
        wrong, right = line.split("\t")
        fixes[wrong] = right
    for name in read_lines("normalize", "protected_names.txt"):
        corrupted = _converter().convert(name)
        if corrupted != name:
            fixes[corrupted] = name
    return fixes


@cache
def _fix_pattern() -> regex.Pattern[str]:
    return regex.compile("|".join(sorted(map(regex.escape, _fix_table()), key=len, reverse=True)))


def to_simplified(text: str) -> list[Edit]:
    """Edits that turn ``text`` into simplified script."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return _char_edits(text, converted, 0)
    # rare: a phrase changed length; align line by line so offsets stay exact elsewhere
    edits: list[Edit] = []
    offset = 0
    for line in text.split("\n"):
        out = _converter().convert(line)
        if len(out) == len(line):
            edits.extend(_char_edits(line, out, offset))
        elif out != line:
            edits.append((offset, offset + len(line), out))
        offset += len(line) + 1
    return edits


def mainland_fixes(text: str) -> list[Edit]:
    """Edits that correct t2s output: mainland usage and protected names (run on converted text)."""
    edits: list[Edit] = []
    for match in _fix_pattern().finditer(text):
        right = _fix_table()[match.group()]
        edits.append((match.start(), match.end(), right))
    return edits


_BLOCK = 256


def _differences(before: str, after: str) -> list[int]:
    """Positions where two strings of equal length differ; blocks are compared whole first, so a text that
    conversion leaves (almost) unchanged costs string comparisons, not a loop over every character."""
    positions = []
    for start in range(0, len(before), _BLOCK):
        end = start + _BLOCK
        if before[start:end] != after[start:end]:
            positions.extend(start + i for i, (a, b) in enumerate(zip(before[start:end], after[start:end])) if a != b)
    return positions


def _char_edits(before: str, after: str, offset: int) -> list[Edit]:
    return [(offset + i, offset + i + 1, after[i]) for i in _differences(before, after)]


def detect_script(text: str) -> Script:
    """``traditional`` when t2s changes a sizeable share of the Han characters, ``mixed`` when a few."""
    han = sum(map(len, _HAN_RUN.findall(text)))
    if not han:
        return "simplified"
    converted = _converter().convert(text)
    if len(converted) == len(text):
        changed = len(_differences(text, converted))
    else:
        changed = sum(1 for a, b in zip(text.split("\n"), converted.split("\n")) if a != b)
    share = changed / han
    if share >= _TRADITIONAL_SHARE:
        return "traditional"
    if changed >= 3 and share >= 0.002:
        return "mixed"
    return "simplified"
