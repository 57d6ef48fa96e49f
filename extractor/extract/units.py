"""Responsible units: organs and positions the text makes responsible for work (SPEC section 3).

The ``responsibility_ruler`` of the policy pipeline marks two shapes of evidence over jieba tokens:
- labelled slots (``牵头单位:X``, ``责任单位:X、Y``, ``(牵头责任领导:责任干部:各村第一书记、各村书记)``): the
  names after the colon, up to the next slot or the end of the clause; an empty slot yields nothing;
- triggers (``X负责…``, ``由X牵头``, ``X承担主体责任``, ``X是第一责任人``, ``由X任组长``, ``组长由X担任``,
  ``X配合``): the name written before the trigger in its clause, after the last word that cannot belong to a
  name (``models/units/name_boundaries.txt``) and without the words between name and trigger
  (``trailing_words.txt``). A trigger with no name in its clause (``市委组织部负责…，配合实施…``) takes the
  name of the previous trigger in the same sentence.
A name must end with an organ or position suffix from ``models/units/suffixes.tsv``. A list joined by
``、``/``和``/``及`` is split when every member is a complete name (``镇党委书记和镇长``) and kept whole when a
member is a bare suffix or no name (``镇党委、政府``, ``人行、银监部门``); slot lists are always split. A
member that is a name with words after it (``卫生部统筹、省卫生厅负总责``) is a clause of its own: the subject
starts after it.
Duties that bind the whole document (``第一责任人``, ``主体责任``, ``负总责``) link to no single measure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex
from extractor.nlp import responsibility_spans
from extractor.nlp.pipeline import CLAUSE_MARKS
from extractor.resources import read_lines
from extractor.structure.document import Document
from extractor.structure.sections import LABEL

_CLAUSE_BREAK = frozenset(CLAUSE_MARKS)
_SLOT_END = regex.compile(r"[;；。)）\n]")
_SLOT_SPLIT = regex.compile(r"[、,，]")
_LIST_SPLIT = regex.compile(r"、|会同")
_CONJUNCTION = regex.compile(r"[和及]")
_TRAILING_BRACKET = regex.compile(r"[(（][^()（）]{1,12}[)）]$")
_DUTY = regex.compile(r"[^，,。；;)）\n]{2,60}")
_QUOTES = "“”\"‘’"
_COUNTED = regex.compile(r"^[\d一二两三四五六七八九十几每]+[个名位家]")  # 一个部门: a count, not a name
_WHOLE_DOCUMENT = ("第一责任人", "主体责任", "负总责", "总责")
_MAX_NAME = 24


@dataclass(frozen=True)
class FoundUnit:
    name: str
    kind: str
    role: str
    duty: str | None
    start: int
    end: int
    whole_document: bool


@dataclass(frozen=True)
class _Cue:
    """A trigger or slot the responsibility ruler marked, in document offsets."""
    label: str
    pattern_id: str
    text: str
    start: int
    end: int
    clause: tuple[tuple[str, int], ...]  # the tokens of its clause before it: (text, start)
    inside: tuple[tuple[str, int], ...]  # its tokens between 由 and 担任 (组长由X担任)


def _cues(document: Document) -> list[_Cue]:
    cues = []
    for base, span in responsibility_spans(document):
        if base + span.start_char < document.body_start:
            continue
        doc, first = span.doc, span.start
        while first > 0 and not doc[first - 1].is_space and not any(ch in _CLAUSE_BREAK for ch in doc[first - 1].text):
            first -= 1
        cues.append(_Cue(span.label_, span.id_, span.text, base + span.start_char, base + span.end_char,
                         tuple((t.text, base + t.idx) for t in doc[first:span.start]),
                         tuple((t.text, base + t.idx) for t in span[2:-1])))
    return sorted(cues, key=lambda c: c.start)


@cache
def _suffixes() -> tuple[tuple[str, str], ...]:
    pairs = [tuple(line.split("\t")) for line in read_lines("units", "suffixes.tsv")]
    return tuple(sorted(((s, k) for k, s in pairs), key=lambda p: -len(p[0])))


@cache
def _boundaries() -> frozenset[str]:
    return frozenset(read_lines("units", "name_boundaries.txt"))


@cache
def _leading() -> regex.Pattern[str]:
    return regex.compile(f"(?:{'|'.join(map(regex.escape, sorted(_boundaries(), key=len, reverse=True)))})+")


@cache
def _trailing() -> regex.Pattern[str]:
    words = sorted(read_lines("units", "trailing_words.txt"), key=len, reverse=True)
    return regex.compile(f"(?:{'|'.join(map(regex.escape, words))})+$")


def unit_kind(name: str) -> str | None:
    """``organ`` or ``position`` by the name's suffix (a trailing ``(农办)`` aside), else None."""
    core = _TRAILING_BRACKET.sub("", name).strip(_QUOTES)
    for suffix, kind in _suffixes():
        if core.endswith(suffix):
            return kind
    return None


def _is_complete(name: str) -> bool:
    """A name that stands alone: it ends with a suffix and is more than a bare organ suffix (政府)."""
    kind = unit_kind(name)
    if kind is None:
        return False
    return kind == "position" or any(name.endswith(s) and len(name) > len(s) for s, k in _suffixes() if k == "organ")


def _pieces(names: str, separator: regex.Pattern[str]) -> list[tuple[str, int]]:
    """``names`` cut at ``separator`` outside brackets (省（区、市）卫生厅 is one piece), with offsets."""
    pieces, cursor = [], 0
    for match in separator.finditer(names):
        before = names[:match.start()]
        if sum(before.count(o) for o in "(（") > sum(before.count(c) for c in ")）"):
            continue
        pieces.append((names[cursor:match.start()], cursor))
        cursor = match.end()
    pieces.append((names[cursor:], cursor))
    return [(p.strip(), c + len(p) - len(p.lstrip())) for p, c in pieces if p.strip()]


def split_names(names: str, offset: int) -> list[tuple[str, int, int]]:
    """Members of a subject list with their spans; the whole string when a member is not a complete name.
    和/及 join two members only when both sides are complete names (镇党委书记和镇长), never inside a name
    (省经济和信息化厅)."""
    members = []
    for piece, start in _pieces(names, _LIST_SPLIT):
        parts = _pieces(piece, _CONJUNCTION)
        if len(parts) > 1 and all(_is_complete(p) for p, _ in parts):
            members.extend((p, start + c) for p, c in parts)
        else:
            members.append((piece, start))
    if len(members) > 1 and all(_is_complete(p) for p, _ in members):
        return [(p, offset + c, offset + c + len(p)) for p, c in members]
    whole = names.strip()
    lead = len(names) - len(names.lstrip())
    return [(whole, offset + lead, offset + lead + len(whole))] if whole else []


def _subject(text: str, tokens: tuple[tuple[str, int], ...]) -> tuple[str, int] | None:
    """The name at the end of ``tokens`` ((text, start) pairs) and its start offset in ``text``, or None when
    they hold no name."""
    cut = max((i + 1 for i, (word, _) in enumerate(tokens) if word in _boundaries()), default=0)
    tokens = tokens[cut:]
    if not tokens:
        return None
    start = tokens[0][1]
    window = text[start:tokens[-1][1] + len(tokens[-1][0])]
    opened = _unclosed_bracket(window)
    if opened is not None:  # （省商务厅牵头…）: the name starts inside the bracket
        window, start = window[opened + 1:], start + opened + 1
    label = LABEL.match(window)
    if label:
        window, start = window[label.end():], start + label.end()
    leading = _leading().match(window)  # a boundary word fused with the name's first word (由省…)
    if leading and unit_kind(window[leading.end():]):
        window, start = window[leading.end():], start + leading.end()
    trailing = _trailing().search(window)
    if trailing:
        window = window[: trailing.start()]
    clause = _clause_before(window)  # 卫生部统筹、省卫生厅负总责: 卫生部统筹 is a clause of its own
    if clause:
        window, start = window[clause:], start + clause
    if len(window) >= 2 and window[0] in _QUOTES and window[-1] in _QUOTES:
        window, start = window[1:-1], start + 1
    name = window.strip()
    start += len(window) - len(window.lstrip())
    if not name or unit_kind(name) is None or not _balanced(name) or _COUNTED.match(name):
        return None
    if any(len(member) > _MAX_NAME for member, _, _ in split_names(name, 0)):  # the limit is per member
        return None
    return name, start


def _clause_before(window: str) -> int:
    """Where the subject starts after list members that are clauses of their own: a complete name followed by
    more words (卫生部统筹、…), not a name without suffix (人行、银监部门), which stays part of the list."""
    pieces = _pieces(window, _LIST_SPLIT)
    cut = 0
    for (member, _), (_, following) in zip(pieces, pieces[1:]):
        if unit_kind(member) is None and any(_is_complete(member[:end]) for end in range(2, len(member))):
            cut = following
    return cut


def _unclosed_bracket(window: str) -> int | None:
    """Position of the last opening bracket of ``window`` that is not closed inside it."""
    stack = []
    for i, ch in enumerate(window):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            stack.pop()
    return stack[-1] if stack else None


def _balanced(name: str) -> bool:
    depth = 0
    for ch in name:
        depth += (ch in "(（") - (ch in ")）")
        if depth < 0:
            return False
    return depth == 0


def _slot_units(text: str, slot: _Cue, next_start: int) -> list[FoundUnit]:
    end = _SLOT_END.search(text, slot.end, next_start)
    names = text[slot.end:end.start() if end else next_start]
    role = slot.label.removeprefix("slot_")
    return [FoundUnit(name, kind, role, None, a, b, False)
            for piece, c in _pieces(names, _SLOT_SPLIT)
            for name, a, b in split_names(piece, slot.end + c) if (kind := unit_kind(name))]


def find_units(document: Document) -> list[FoundUnit]:
    text = document.text
    cues = _cues(document)
    units: list[FoundUnit] = []
    slots = [c for c in cues if c.label.startswith("slot_")]
    slot_regions = []
    for index, slot in enumerate(slots):
        next_start = slots[index + 1].start if index + 1 < len(slots) else len(text)
        found = _slot_units(text, slot, next_start)
        units.extend(found)
        slot_regions.append((slot.start, max([slot.end] + [u.end for u in found])))
    previous: tuple[tuple[int, int] | None, str, int] | None = None  # (sentence, subject, start)
    for trigger in cues:
        if trigger.label.startswith("slot_") or any(a <= trigger.start < b for a, b in slot_regions):
            continue
        if trigger.pattern_id == "subject_inside":  # 组长由X担任: the name lies between 由 and 担任
            subject = _subject(text, trigger.inside)
        else:
            subject = _subject(text, trigger.clause)
        sentence = document.sentence_at(trigger.start)
        if subject is None and previous and previous[0] == sentence and not trigger.clause:
            subject = previous[1:]
        if subject is None:
            continue
        previous = (sentence, *subject)
        names, start = subject
        role = trigger.label
        duty = None
        if role in {"responsible", "lead", "cooperating"} and trigger.pattern_id != "closes_clause":
            tail = _DUTY.match(text, trigger.end)
            duty = tail.group().strip() if tail else None
        whole = any(w in trigger.text for w in _WHOLE_DOCUMENT)
        for name, a, b in split_names(names, start):
            kind = unit_kind(name)
            if kind:
                units.append(FoundUnit(name, kind, role, duty, a, b, whole))
    units.sort(key=lambda u: (u.start, u.end))
    return units
