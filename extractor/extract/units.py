"""Responsible units: organs and positions the text makes responsible for work (SPEC section 3).

Two shapes of evidence:
- labelled slots — ``牵头单位:X``, ``责任单位:X、Y``, ``(牵头责任领导:责任干部:各村第一书记、各村书记)``;
  an empty slot (a label followed directly by the next label or a closing bracket) yields nothing;
- a subject before a trigger — ``X负责…``, ``由X牵头``, ``X承担主体责任``, ``X是第一责任人``,
  ``由X任组长``, ``X配合``.
A name must end with an organ or position suffix from ``models/units/suffixes.tsv``; lists joined by ``、``
or ``和`` are split when every member is a complete name (``镇党委书记和镇长``), and kept whole when a member
is a bare suffix (``镇党委、政府``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extractor.resources import read_lines
from extractor.structure.document import Document

_SLOT = regex.compile(
    r"(?P<label>牵头责任领导|牵头考核单位|牵头单位|牵头部门|责任单位|责任部门|责任领导|责任干部|责任人|配合单位|配合部门|协办单位)"
    r"\s*[:：]\s*(?P<names>[^:：;；。)）\n]*?)(?=\s*(?:[;；。)）\n]|$|(?:牵头|责任|配合|协办)\p{Han}{0,4}[:：]))"
)
_SLOT_ROLES = (("配合", "cooperating"), ("协办", "cooperating"), ("牵头", "lead"), ("领导", "leader"), ("", "responsible"))
_TRIGGER = regex.compile(
    r"(?P<lead>牵头)|(?P<leader>是第一责任人|为第一责任人|任组长|担任组长|任政委|担任政委|任副组长)|"
    r"(?P<responsible>负总责|负责|承担主体责任|要承担主体责任|履行主体责任)|(?P<cooperating>配合|协助)"
)
_CLAUSE_BREAK = regex.compile(r"[，,。；;：:\n“”\"]")
_LEADING = regex.compile(r"^(?:同时|其中|并由|并|由|请|另|要求|明确)+")
_TRAILING = regex.compile(r"(?:要|应|应当|必须|具体|主要|统一|分别|共同|切实|全面|按职责分工|按照职责分工|作为)+$")
_LIST_SPLIT = regex.compile(r"[、和及]")
_MAX_NAME = 20


@dataclass(frozen=True)
class FoundUnit:
    name: str
    kind: str
    role: str
    duty: str | None
    start: int
    end: int
    whole_document: bool


@cache
def _suffixes() -> tuple[tuple[str, str], ...]:
    pairs = [tuple(line.split("\t")) for line in read_lines("units", "suffixes.tsv")]
    return tuple(sorted(((s, k) for k, s in pairs), key=lambda p: -len(p[0])))


def unit_kind(name: str) -> str | None:
    for suffix, kind in _suffixes():
        if name.endswith(suffix):
            return kind
    return None


def _is_complete(name: str) -> bool:
    """A name that stands alone: it ends with a suffix and is more than a bare organ suffix (政府)."""
    kind = unit_kind(name)
    if kind is None:
        return False
    return kind == "position" or any(name.endswith(s) and len(name) > len(s) for s, k in _suffixes() if k == "organ")


def split_names(names: str, offset: int) -> list[tuple[str, int, int]]:
    """Members of a list with their spans; the whole string when a member is not a complete name."""
    pieces, cursor = [], 0
    for match in _LIST_SPLIT.finditer(names):
        pieces.append((names[cursor:match.start()], cursor))
        cursor = match.end()
    pieces.append((names[cursor:], cursor))
    pieces = [(p.strip(), c + len(p) - len(p.lstrip())) for p, c in pieces]
    if len(pieces) > 1 and all(_is_complete(p) for p, _ in pieces):
        return [(p, offset + c, offset + c + len(p)) for p, c in pieces if p]
    whole = names.strip()
    lead = len(names) - len(names.lstrip())
    return [(whole, offset + lead, offset + lead + len(whole))] if whole else []


def _slot_role(label: str) -> str:
    return next(role for cue, role in _SLOT_ROLES if cue in label)


def _subject_before(text: str, end: int) -> tuple[str, int] | None:
    """The organ or position written right before a trigger ending at ``end``."""
    start = end
    while start > 0 and end - start < _MAX_NAME + 4 and not _CLAUSE_BREAK.match(text[start - 1]):
        start -= 1
    window = text[start:end]
    trailing = _TRAILING.search(window)
    if trailing:
        window = window[: trailing.start()]
    leading = _LEADING.match(window)
    cut = leading.end() if leading else 0
    name = window[cut:]
    if not name or len(name) > _MAX_NAME or unit_kind(name) is None:
        return None
    return name, start + cut


def find_units(document: Document) -> list[FoundUnit]:
    text = document.text
    body = document.body_start
    units: list[FoundUnit] = []
    slot_spans = []
    for match in _SLOT.finditer(text, pos=body):
        slot_spans.append(match.span())
        role = _slot_role(match.group("label"))
        for name, a, b in split_names(match.group("names"), match.start("names")):
            kind = unit_kind(name)
            if kind:
                units.append(FoundUnit(name, kind, role, None, a, b, False))
    for match in _TRIGGER.finditer(text, pos=body):
        if any(a <= match.start() < b for a, b in slot_spans):
            continue
        role = match.lastgroup
        subject_end = match.start()
        subject = _subject_before(text, subject_end)
        if subject is None:
            continue
        names, start = subject
        duty = None
        if role in {"responsible", "lead"}:
            tail = regex.match(r"[^，,。；;)）\n]{2,40}", text[match.end():])
            duty = tail.group().strip() if tail else None
        whole = "第一责任人" in match.group() or "主体责任" in match.group()
        for name, a, b in split_names(names, start):
            kind = unit_kind(name)
            if kind and _is_complete(name) or (kind and name == names):
                units.append(FoundUnit(name, kind, role, duty, a, b, whole))
    units.sort(key=lambda u: (u.start, u.end))
    return units
