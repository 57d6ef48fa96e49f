"""China's administrative divisions, from jionlp's maintained data (``models/gazetteer``, built by
``scripts/build_gazetteer.py``): province → city → county with 6-digit codes, townships and villages by
name, and the renames since 2002 so that an old name still resolves; county-level divisions that have
since been merged or renamed (梅列区, 沙县 before 2021) come from cpca's 2020 table and resolve to the
division as it was then, with its own code.
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from extractor.resources import resource_path

LEVELS = ("province", "city", "county", "township", "village")
_VILLAGE_SUFFIXES = ("村民委员会", "居委会", "社区", "村")
_VILLAGE_INDENT = "\t" * 4


@dataclass(eq=False)
class Division:
    name: str
    level: str
    code: str | None = None
    short: str | None = None
    parent: Division | None = field(default=None, repr=False)
    children: list[Division] = field(default_factory=list, repr=False)
    village_lines: list[str] = field(default_factory=list, repr=False)  # of a township, as in the data file
    historical: bool = False  # no longer exists (merged or renamed)

    @property
    def villages(self) -> set[str]:
        """A township's village names without 村/社区 (read from the data lines on first use: 650,000
        villages would take most of the gazetteer's load time, and only a township search needs them)."""
        if self._villages is None:
            self._villages = {_short_village(line.strip().split("\t")[0]) for line in self.village_lines}
        return self._villages

    def __post_init__(self) -> None:
        self._villages: set[str] | None = None

    def chain(self) -> list[Division]:
        """This division and its ancestors, from the province down."""
        node, out = self, []
        while node is not None:
            out.append(node)
            node = node.parent
        return out[::-1]

    def ancestor(self, level: str) -> Division | None:
        return next((n for n in self.chain() if n.level == level), None)

    def code_or_parent(self) -> str | None:
        """The code of the deepest division at county level or above (townships have none in the data)."""
        return next((n.code for n in reversed(self.chain()) if n.code), None)


def _lengths_by_prefix(names: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """For each two-character prefix, the lengths of the names that start with it, longest first."""
    lengths: dict[str, set[int]] = defaultdict(set)
    for name in names:
        if len(name) >= 2:
            lengths[name[:2]].add(len(name))
    return {prefix: tuple(sorted(found, reverse=True)) for prefix, found in lengths.items()}


@dataclass
class Gazetteer:
    by_name: dict[str, list[Division]]
    by_short: dict[str, list[Division]]
    name_lengths: dict[str, tuple[int, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Only the lengths of names that start with the two characters at a position are tried there.
        self.name_lengths = _lengths_by_prefix(self.by_name)

    def lookup(self, name: str) -> list[Division]:
        return self.by_name.get(name, [])

    def mentions(self, text: str, min_length: int = 3) -> list[tuple[int, int, list[Division]]]:
        """Full names of divisions (province to township) found in ``text``, longest match first."""
        found, position = [], 0
        while position < len(text):
            for length in self.name_lengths.get(text[position:position + 2], ()):
                candidates = self.by_name.get(text[position:position + length]) if length >= min_length else None
                if candidates:
                    found.append((position, position + length, candidates))
                    position += length
                    break
            else:
                position += 1
        return found


def _short_village(name: str) -> str:
    for suffix in _VILLAGE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@cache
def load_gazetteer() -> Gazetteer:
    by_name: dict[str, list[Division]] = defaultdict(list)
    by_short: dict[str, list[Division]] = defaultdict(list)
    stack: list[Division] = []
    with gzip.open(resource_path("gazetteer", "china_location.txt.gz"), "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith(_VILLAGE_INDENT):  # most lines: kept as they are until a township search
                if stack and len(line) - len(line.lstrip("\t")) == 4 and line.strip():
                    stack[-1].village_lines.append(line)
                continue
            depth = len(line) - len(line.lstrip("\t"))
            parts = line.strip().split("\t")
            if not parts[0] or depth >= len(LEVELS):
                continue
            del stack[depth:]
            parent = stack[-1] if stack else None
            node = Division(parts[0], LEVELS[depth], parts[1] if len(parts) > 1 else None,
                            parts[2] if len(parts) > 2 else None, parent)
            if parent is not None:
                parent.children.append(node)
            stack.append(node)
            by_name[node.name].append(node)
            if node.short and node.short != node.name and len(node.short) >= 2:
                by_short[node.short].append(node)
    for node in _historical_counties(by_name):
        by_name[node.name].append(node)
    for old_name, new_node in _renames(by_name):
        if old_name not in by_name:  # a division as it was then, when the data has it, beats its successor
            by_name[old_name].append(new_node)
    return Gazetteer(dict(by_name), dict(by_short))


def _historical_counties(by_name: dict[str, list[Division]]) -> list[Division]:
    """County-level divisions that no longer exist, placed under the city (or province) their code names."""
    by_code = {node.code: node for nodes in by_name.values() for node in nodes if node.code}
    out = []
    for line in resource_path("gazetteer", "historical_counties.tsv").read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name = line.split("\t")
        parent = by_code.get(code[:4] + "00") or by_code.get(code[:2] + "0000")
        if parent is not None:
            out.append(Division(name, "county", code, None, parent, historical=True))
    return out


def _renames(by_name: dict[str, list[Division]]) -> list[tuple[str, Division]]:
    """(old name, division it became): 沙县 → 沙县区, so texts written before a rename still resolve."""
    out = []
    for line in resource_path("gazetteer", "china_location_change.txt").read_text("utf-8").splitlines():
        cells = line.split("\t")
        if "=>" not in line or len(cells) < 7:
            continue
        before, after = line.split("=>", 1)
        old_parts = before.split("\t")[2:]
        new_parts = [p for p in after.split("\t") if p]
        old_name = old_parts[-2] if len(old_parts) % 2 == 0 else old_parts[-1]
        for node in by_name.get(new_parts[-1], []):
            if node.parent is not None and node.parent.name == (new_parts[-2] if len(new_parts) > 1 else None):
                out.append((old_name, node))
    return out
