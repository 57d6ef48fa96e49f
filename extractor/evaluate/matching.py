"""String normalization, similarity measures and one-to-one matching used by the scorer.

Definitions (SPEC section 4, made precise):

* ``compact(s)`` removes every whitespace character.
* ``canonical(s)`` is ``compact(s)`` with the bracket pairs ``〔〕 [] () （） 【】`` unified to ``()``;
  it is the comparison key for metadata values and section headings.
* ``char_overlap(a, b) = 2 * |multiset(a) ∩ multiset(b)| / (len(a) + len(b))`` computed on
  ``compact`` strings: the Dice coefficient over characters, 1.0 for anagrams, 0.0 for disjoint
  strings or when both are empty.
* ``names_match(a, b)``: after ``compact``, one name contains the other and
  ``len(shorter) / len(longer) >= 0.8``.
* ``match_pairs`` picks a one-to-one matching with the most pairs and, among those, the largest
  total preference bonus (an exact assignment, solved per connected component).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

_WHITESPACE = re.compile(r"\s+")
_BRACKETS = str.maketrans({"〔": "(", "[": "(", "（": "(", "【": "(",
                           "〕": ")", "]": ")", "）": ")", "】": ")"})

NAME_CONTAINMENT_RATIO = 0.8
"""Minimum shorter/longer length ratio for two contained unit names to match."""


def compact(text: str | None) -> str:
    """Return ``text`` with all whitespace removed (``None`` becomes ``""``)."""
    return _WHITESPACE.sub("", text or "")


def canonical(text: str | None) -> str:
    """Return the comparison key of a metadata value or heading: no whitespace, one bracket pair."""
    return compact(text).translate(_BRACKETS)


def char_overlap(a: str | None, b: str | None) -> float:
    """Dice coefficient over character multisets of the whitespace-free strings (0.0 if both empty)."""
    ca, cb = compact(a), compact(b)
    total = len(ca) + len(cb)
    if total == 0:
        return 0.0
    shared = sum((Counter(ca) & Counter(cb)).values())
    return 2 * shared / total


def names_match(a: str | None, b: str | None) -> bool:
    """True when one whitespace-free name contains the other and they share >= 80% of characters."""
    ca, cb = compact(a), compact(b)
    if not ca or not cb:
        return False
    shorter, longer = sorted((ca, cb), key=len)
    return shorter in longer and len(shorter) / len(longer) >= NAME_CONTAINMENT_RATIO


def match_pairs(edges: Mapping[tuple[int, int], int]) -> list[tuple[int, int]]:
    """Return a one-to-one matching over the bipartite graph ``edges``.

    ``edges`` maps ``(gold_index, pred_index)`` to a non-negative integer preference bonus for an
    allowed pair. The result has the maximum number of pairs and, among maximum matchings, the
    largest sum of bonuses; it is sorted by gold index and deterministic.
    """
    pairs: list[tuple[int, int]] = []
    for component in _components(edges):
        golds = sorted({g for g, _ in component})
        preds = sorted({p for _, p in component})
        if len(component) == 1:
            pairs.extend(component)
            continue
        big = max(edges[e] for e in component) * min(len(golds), len(preds)) + 1
        gold_pos = {g: k for k, g in enumerate(golds)}
        pred_pos = {p: k for k, p in enumerate(preds)}
        weights = [[0] * len(preds) for _ in golds]
        for g, p in component:
            weights[gold_pos[g]][pred_pos[p]] = big + edges[(g, p)]
        for row, col in _max_weight_assignment(weights):
            if weights[row][col]:
                pairs.append((golds[row], preds[col]))
    return sorted(pairs)


def _components(edges: Mapping[tuple[int, int], int]) -> list[list[tuple[int, int]]]:
    """Split the edge set into the edge lists of its connected components."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for g, p in edges:
        parent[find(("g", g))] = find(("p", p))
    groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for edge in sorted(edges):
        groups.setdefault(find(("g", edge[0])), []).append(edge)
    return list(groups.values())


def _max_weight_assignment(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Hungarian algorithm: a full row/column assignment maximizing the total weight."""
    transposed = len(weights) > len(weights[0])
    if transposed:
        weights = [list(col) for col in zip(*weights)]
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: 1-based row assigned to column j (0 = none)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    assignment = [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    return [(c, r) for r, c in assignment] if transposed else assignment
