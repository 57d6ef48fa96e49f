"""Administrative level and region of the issuer (SPEC section 3), resolved through the gazetteer.

Evidence in order of trust:
1. the issuers' names (``中共扬州市委`` → 扬州市; ``某某镇人民政府`` → that township), or the reported
   government for a news report (the division its body names most often);
2. a self-reference when the issuer is unnamed (``全乡``, ``我镇``, ``全县``, ``全省``) for the level;
3. the rest of the text to choose among same-named divisions: names and short names of ancestors
   (``石城`` → 石城县), and village names that pin a township inside a known county; for an unnamed city or
   province, the one the text's unambiguous place names point to most.
Ambiguous evidence leaves the field null rather than guessing.
"""

from __future__ import annotations

from collections import Counter

import regex

from extractor.extract.gazetteer import Division, Gazetteer, load_gazetteer
from extractor.extract.vocabulary import tokenizer, word_frequency
from extractor.model import AdminLevel, Metadata, Region

_SELF_LEVEL = (
    (regex.compile(r"全乡|我乡|本乡|全镇|我镇|本镇|全街道|全苏木"), "township"),
    (regex.compile(r"全县|我县|本县|全旗|我旗|全区|我区"), "county"),
    (regex.compile(r"全市|我市|本市|全州|我州|全盟"), "city"),
    (regex.compile(r"全省|我省|本省|全自治区"), "province"),
)
_SHORT_WITH_LEVEL = regex.compile(r"(?P<short>\p{Han}{2,4}?)(?P<word>州|市|县|区|旗|盟)")
_LEVEL_WORDS = {"州": {"city"}, "盟": {"city"}, "市": {"city", "county"}, "县": {"county"}, "区": {"county"},
                "旗": {"county"}}
# A short name that is also a common word (合作 for 合作市, 和平 for 和平区) is no evidence on its own:
# only short names rarer than this in jieba's dictionary count.
_MAX_SHORT_NAME_FREQUENCY = 1000
_MIN_VILLAGE_HITS = 2
_GENERIC_NAME_COUNT = 5
_CENTRAL_ORGAN = regex.compile(r"^(?:中共中央|国务院|全国|国家\p{Han}{1,12}(?:委|局|部|办)|\p{Han}{1,6}部(?:办公厅)?$)")
_ALL_PROVINCES = regex.compile(r"各省、自治区、直辖市|各省[(（]区、市[)）]")
_PLACEHOLDER = regex.compile(r"直辖|^市辖区$")


def _level_of(node: Division) -> AdminLevel:
    return {"province": "province", "city": "city", "county": "county", "township": "township"}.get(node.level, "unknown")


def _deepest(gazetteer: Gazetteer, names: list[str]) -> list[Division]:
    """Divisions named in the issuers' names (in full, or short name + level word: 阿坝州), deepest first."""
    found: list[Division] = []
    for name in names:
        for _, _, candidates in gazetteer.mentions(name, min_length=2):
            found.extend(candidates)
        if not found:
            for match in _SHORT_WITH_LEVEL.finditer(name):
                found.extend(n for n in gazetteer.by_short.get(match.group("short"), [])
                             if n.level in _LEVEL_WORDS[match.group("word")])
    order = {"township": 0, "county": 1, "city": 2, "province": 3}
    return sorted(found, key=lambda n: order.get(n.level, 9))


def _support(node: Division, text: str, gazetteer: Gazetteer) -> int:
    """How much of the text agrees with ``node``: its ancestors named in full or by short name."""
    score = 0
    for ancestor in node.chain()[:-1]:
        if ancestor.name in text:
            score += 2
        elif ancestor.short and ancestor.short in text:
            score += 1
    return score


def _choose(candidates: list[Division], text: str, gazetteer: Gazetteer) -> Division | None:
    if not candidates:
        return None
    unique = list(dict.fromkeys(candidates))
    if len(unique) == 1:
        return unique[0]
    scored = sorted(((_support(n, text, gazetteer), i, n) for i, n in enumerate(unique)), key=lambda s: (-s[0], s[1]))
    if scored[0][0] > scored[1][0]:
        return scored[0][2]
    return None


def _common_ancestor(candidates: list[Division]) -> Division | None:
    chains = [n.chain() for n in dict.fromkeys(candidates)]
    common = None
    for level_nodes in zip(*chains):
        if all(n is level_nodes[0] for n in level_nodes):
            common = level_nodes[0]
        else:
            break
    return common


def _county_from_text(text: str, gazetteer: Gazetteer) -> Division | None:
    """The county the text points to most: its full name, its (rare) short name (石城 → 石城县), and the
    townships it names (河边镇, 回马镇 … → 大英县)."""
    counts: Counter[Division] = Counter()
    for _, _, candidates in gazetteer.mentions(text, min_length=3):
        for node in candidates:
            if node.level == "county" and len(candidates) == 1:
                counts[node] += 2
            elif node.level == "township" and node.parent is not None:
                counts[node.parent] += 1
    for word, nodes in _short_names_as_words(text, gazetteer):
        if len(nodes) == 1 and nodes[0].level == "county" and _rare(word):
            counts[nodes[0]] += 1
    if not counts:
        return None
    (best, best_count), *rest = counts.most_common(2) + [(None, 0)]
    return best if best_count > rest[0][1] else None


def _division_from_text(text: str, gazetteer: Gazetteer, level: str) -> Division | None:
    """The division of ``level`` the text points to most: named itself (《商洛市…规划纲要》和我市实际) or
    holding the divisions it names (武汉市, 襄阳市, 荆门市 … → 湖北省), by full names that are unambiguous."""
    counts: Counter[Division] = Counter()
    for _, _, candidates in gazetteer.mentions(text, min_length=3):
        if len(candidates) == 1:
            ancestor = candidates[0].ancestor(level)
            if ancestor is not None and not _PLACEHOLDER.search(ancestor.name):
                counts[ancestor] += 1
    if not counts:
        return None
    (best, best_count), *rest = counts.most_common(2) + [(None, 0)]
    return best if best_count > rest[0][1] else None


def _short_names_as_words(text: str, gazetteer: Gazetteer) -> list[tuple[str, list[Division]]]:
    """Short names (石城) found in ``text`` as words, never inside one (迁安 in 搬迁安置 is no place): each
    occurrence is checked by segmenting only the few characters around it."""
    found = []
    for position in range(len(text) - 1):
        for length in (4, 3, 2):
            word = text[position:position + length]
            nodes = gazetteer.by_short.get(word)
            if nodes and len(word) == length:
                window_start = max(0, position - 6)
                window = text[window_start:position + length + 6]
                offset = position - window_start
                cursor = 0
                for token in tokenizer().lcut(window, HMM=False):
                    if cursor == offset and token == word:
                        found.append((word, nodes))
                        break
                    cursor += len(token)
                    if cursor > offset:
                        break
                break
    return found


def _rare(word: str) -> bool:
    return word_frequency(word) < _MAX_SHORT_NAME_FREQUENCY


def _township_from_villages(county: Division, text: str, gazetteer: Gazetteer) -> Division | None:
    hits: Counter[Division] = Counter()
    for township in county.children:
        hits[township] = sum(1 for village in township.villages if len(village) >= 2 and village in text)
    hits = +hits
    if not hits:
        return None
    (best, count), *rest = hits.most_common(2) + [(None, 0)]
    return best if count >= _MIN_VILLAGE_HITS and count > rest[0][1] else None


def _reported_division(text: str, gazetteer: Gazetteer) -> Division | None:
    counts: Counter[Division] = Counter()
    for _, _, candidates in gazetteer.mentions(text, min_length=3):
        if len(candidates) == 1 and candidates[0].level in {"county", "city", "township"}:
            counts[candidates[0]] += 1
    return counts.most_common(1)[0][0] if counts else None


def _region_of(node: Division) -> Region:
    def name(level: str) -> str | None:
        ancestor = node.ancestor(level)
        # the data's placeholder layers (中山市 > 市直辖行政区划 > 大涌镇) are no division of their own
        return ancestor.name if ancestor and not _PLACEHOLDER.search(ancestor.name) else None

    return Region(province=name("province"), city=name("city"), county=name("county"),
                  township=name("township"), code=node.code_or_parent())


def _self_level(text: str) -> AdminLevel:
    counts = {level: len(pattern.findall(text)) for pattern, level in _SELF_LEVEL}
    best = max(counts, key=counts.get)
    return best if counts[best] else "unknown"


def _national(metadata: Metadata, gazetteer: Gazetteer) -> bool:
    """A central organ issues it (国务院…, 国家卫生计生委, 卫生部), or it is addressed to the provinces."""
    if any(_CENTRAL_ORGAN.match(name) for name in metadata.issuers):
        return True
    addressed = "".join(metadata.recipients)
    provinces = {n.name for _, _, nodes in gazetteer.mentions(addressed, min_length=2) for n in nodes
                 if n.level == "province"}
    return len(provinces) >= 3 or bool(_ALL_PROVINCES.search(addressed))


def _title_prefix(title: str | None) -> list[str]:
    """With no named issuer, a title that starts with a place (沙镇镇全面实行…方案) names it."""
    if not title:
        return []
    return [title.split("关于", 1)[0][:12]]


def resolve_region(metadata: Metadata, text: str) -> tuple[AdminLevel, Region]:
    gazetteer = load_gazetteer()
    names = list(metadata.issuers) or _title_prefix(metadata.title)
    if metadata.doc_type == "新闻":
        node = _reported_division(text, gazetteer)
    else:
        candidates = _deepest(gazetteer, names)
        if not metadata.issuers:  # a title is weaker evidence: a name many townships share (开发区) says nothing
            candidates = [c for c in candidates if len(gazetteer.lookup(c.name)) < _GENERIC_NAME_COUNT]
        node = None
        if candidates:
            level = candidates[0].level
            same_level = [c for c in candidates if c.level == level]
            node = _choose(same_level, text, gazetteer) or _common_ancestor(same_level)
    if node is not None:
        return _level_of(node), _region_of(node)
    if _national(metadata, gazetteer):
        return "national", Region()
    level = _self_level(metadata.title or "") if metadata.title else "unknown"
    if level == "unknown":
        level = _self_level(text[:2000])
    if level in {"city", "province"}:
        node = _division_from_text(text, gazetteer, level)
        return level, _region_of(node) if node else Region()
    county = _county_from_text(text, gazetteer)
    if county is None:
        return level, Region()
    if level == "township":
        township = _township_from_villages(county, text, gazetteer)
        return level, _region_of(township or county)
    if level == "county":
        return level, _region_of(county)
    return level, Region()
