"""Character- and line-level cleanup: newlines, full-width forms, padding and web boilerplate."""

from __future__ import annotations

from functools import cache

import regex

from extractor.normalize.offsets import Edit
from extractor.resources import read_lines

# Full-width digits, Latin letters and percent sign → ASCII; the ideographic space → a plain space.
# Chinese punctuation stays: it is part of the text researchers quote.
_FULLWIDTH = regex.compile(r"[０-９Ａ-Ｚａ-ｚ％\u3000\u00a0]")
_LINE_PADDING = regex.compile(r"(?m)^[ \t]+|[ \t]+$")
_BLANK_RUNS = regex.compile(r"\n{2,}")
_NEWLINES = regex.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]")
_SPACES = regex.compile(r"\s+")


def _compact(line: str) -> str:
    """A line as list files write it: no spaces, ASCII colon."""
    return _SPACES.sub("", line).replace("：", ":")


def unify_newlines(text: str) -> list[Edit]:
    """CRLF, CR and the other line separators become ``\n``."""
    return [(m.start(), m.end(), "\n") for m in _NEWLINES.finditer(text)]


def half_width(text: str) -> list[Edit]:
    def ascii_form(char: str) -> str:
        return " " if char in "\u3000\u00a0" else chr(ord(char) - 0xFEE0)

    return [(m.start(), m.end(), ascii_form(m.group())) for m in _FULLWIDTH.finditer(text)]


@cache
def _boilerplate() -> frozenset[str]:
    return frozenset(_compact(line) for line in read_lines("normalize", "boilerplate.txt"))


@cache
def _boilerplate_prefixes() -> tuple[str, ...]:
    return tuple(_compact(line) for line in read_lines("normalize", "boilerplate_prefixes.txt"))


def drop_boilerplate(text: str) -> list[Edit]:
    """Delete lines that are web-page furniture (lists in ``models/normalize/boilerplate*.txt``), and lines of
    nothing but the bars a flattened web table leaves (``|``, ``||||``); a bar at a line's end does not hide
    furniture (``首页 |``)."""
    edits: list[Edit] = []
    offset = 0
    for line in text.split("\n"):
        compact = _compact(line)
        bare = compact.strip("|")
        if compact and (not bare or bare in _boilerplate() or bare.startswith(_boilerplate_prefixes())):
            edits.append((offset, min(offset + len(line) + 1, len(text)), ""))
        offset += len(line) + 1
    return edits


def trim_lines(text: str) -> list[Edit]:
    """Delete spaces and tabs padding either end of each line."""
    return [(m.start(), m.end(), "") for m in _LINE_PADDING.finditer(text)]


def collapse_blank_lines(text: str) -> list[Edit]:
    """Runs of blank lines become one paragraph break; leading and trailing blank lines go."""
    edits: list[Edit] = [(m.start() + 1, m.end(), "") for m in _BLANK_RUNS.finditer(text)]
    lead = len(text) - len(text.lstrip("\n"))
    if lead:
        edits = [e for e in edits if e[0] >= lead] + [(0, lead, "")]
    tail = len(text) - len(text.rstrip("\n"))
    if tail and len(text) - tail > lead:
        edits = [e for e in edits if e[1] <= len(text) - tail] + [(len(text) - tail, len(text), "")]
    return edits
