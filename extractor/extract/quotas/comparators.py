"""Comparators, statutory reading (Civil Code art. 1259), cue words from ``models/quotas/comparators.tsv``.

Examples::

    >>> PRE["不少于"], POST["以上"], POST["以内"], INFIX["多"], PRE["超过"], POST["左右"]
    ('>=', '>=', '<=', '>', '>', '~')
    >>> apply_qualifier(">=", "(不含本数)")
    '>'
    >>> apply_qualifier("<", "(含5万元)")
    '<='

以上 以下 以内 不少于 include the number; 超过 多于 and a trailing 多 (7600多名) exclude it; 约 左右 近 are ``~``.
A qualifier (含X)/(不含X) right after a bound decides inclusivity over the word before it.
"""

from __future__ import annotations

from extractor.extract.quotas._data import alternation, rows

PRE: dict[str, str] = {}
POST: dict[str, str] = {}
INFIX: dict[str, str] = {}
for _pos, _word, _cmp in rows("comparators.tsv"):
    {"pre": PRE, "post": POST, "infix": INFIX}[_pos][_word] = _cmp

PRE_PATTERN = alternation(PRE)
POST_PATTERN = alternation(POST)
INFIX_PATTERN = alternation(INFIX)
# (含本数) (不含X) （含5万元）
QUALIFIER_PATTERN = r"[(（]不?含[^()（）]{0,12}[)）]"

_INCLUSIVE = {">": ">=", "<": "<=", ">=": ">=", "<=": "<="}
_STRICT = {">=": ">", "<=": "<", ">": ">", "<": "<"}


def apply_qualifier(comparator: str, qualifier: str | None) -> str:
    if not qualifier:
        return comparator
    body = qualifier[1:-1]
    table = _STRICT if body.startswith("不含") else _INCLUSIVE
    return table.get(comparator, comparator)


def combine(pre: str | None, infix: str | None, post: str | None) -> str:
    """One comparator from the words around a number; the word nearest the number's bound wins."""
    if post and POST[post] != "~":
        return POST[post]
    if infix:
        return INFIX[infix]
    if pre:
        return PRE[pre]
    if post:
        return POST[post]
    return "="
