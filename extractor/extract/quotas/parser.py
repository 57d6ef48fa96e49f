"""Find the numeric quotas of one sentence (SPEC section 3, "Quota").

Examples::

    >>> [(q.text, q.value, q.unit, q.comparator) for q in find_quotas("县财政筹措不少于3000万元资金用于精准扶贫。")]
    [('不少于3000万元', 30000000.0, '元', '>=')]
    >>> q = find_quotas("发放50元—200元/人.月特困扶助保障金")[0]
    >>> (q.value, q.value_max, q.per, q.comparator, q.modality)
    (50.0, 200.0, '人·月', 'range', 'standard')
    >>> find_quotas("按照“四个切实、五个一批、六个精准”要求")
    []

The sentence is normalized text: simplified script, half-width digits; Chinese and ASCII punctuation both occur.
All regexes are compiled at import; data files are read once.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractor.extract.quotas import comparators as cmp
from extractor.extract.quotas import exclusions as exc
from extractor.extract.quotas import modality as mod
from extractor.extract.quotas import rates
from extractor.extract.quotas._data import alternation, cue_words
from extractor.extract.quotas.numerals import NUMBER, PERCENT_WORDS, parse_number, parse_percent
from extractor.extract.quotas.ranges import RANGE_SEP, is_band
from extractor.extract.quotas.subject import subject_for
from extractor.extract.quotas.units import PER_PATTERN, PROPORTION_CLASSES, UNIT_PATTERN, UNITS
from extractor.extract.quotas.year import year_for, year_marks



@dataclass(frozen=True)
class QuotaMatch:
    start: int            # half-open character offsets into the sentence string passed in
    end: int
    text: str             # == sentence[start:end]
    value: float
    value_max: float | None
    unit: str             # base unit: 元, 人, 户, 亩, %, 年, 个, 公里 ...
    per: str | None       # "人", "户·年", "人·月" ...
    comparator: str       # "=", ">=", ">", "<=", "<", "~", "range"
    modality: str         # "binding" | "aspirational" | "planned" | "baseline" | "standard"
    year: int | None
    subject: str | None


_NUM_CHARS = "\\d零〇○一二两三四五六七八九十百千万亿"
_ANY_NUMERAL = regex.compile(f"[{_NUM_CHARS}]")
_BLOCKERS = "".join(cue_words("numeral_blocker"))
_CORE = regex.compile(
    rf"""
    (?<![{_NUM_CHARS}{_BLOCKERS}])(?<!\d[,.])
    (?:
        (?P<pct>{PERCENT_WORDS})
      |
        (?P<n1>{NUMBER})\s?(?P<i1>{cmp.INFIX_PATTERN})?\s?
        (?:
            (?P<u1>{UNIT_PATTERN})
            (?:\s?{RANGE_SEP}\s?(?P<n2>{NUMBER})\s?(?P<i2>{cmp.INFIX_PATTERN})?\s?(?P<u2>{UNIT_PATTERN}))?
          |
            \s?{RANGE_SEP}\s?(?P<n3>{NUMBER})\s?(?P<i3>{cmp.INFIX_PATTERN})?\s?(?P<u3>{UNIT_PATTERN})
        )
    )
    (?P<rate>{rates.EXPLICIT})?
    (?P<period>期)?(?P<post>{cmp.POST_PATTERN})?
    (?P<qual>{cmp.QUALIFIER_PATTERN})?
    """,
    regex.VERBOSE,
)
_FILLER = alternation(cue_words("filler"))
_PRE_ADJACENT = regex.compile(rf"(?P<pre>{cmp.PRE_PATTERN})(?:{_FILLER})?\s?$")
_PRE_NEAR = regex.compile(rf"(?P<pre>{cmp.PRE_PATTERN})\p{{Han}}{{1,4}}$")
_PRE_PROPORTION = regex.compile(rf"(?P<pre>{cmp.PRE_PATTERN})[^\d{exc.CLAUSE_SEP}]{{1,24}}$")
_DIRECT_DENOM = regex.compile(r"每\s?$")
# 每 + a verb before 1名 (每招收1名博士后) makes a denominator; 每 + a rate noun (每年提供一次, 每人发放一份)
# is a rate over a count of one.
_DENOM_VERB = regex.compile(rf"每(?!{PER_PATTERN})\p{{Han}}{{1,4}}$")
_INNER_DENOM_GAP = regex.compile(r"(?:至少|最多|不少于|不超过)?(?:有|要|可|应)?")


@dataclass
class _Cand:
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    cls: str
    per: str | None
    comparator: str
    per_count_prefix: bool
    prefix_start: int | None = None


def _parse_match(sentence: str, m: regex.Match, masks) -> tuple[_Cand | None, int]:
    """A candidate quota from one regex match, or None; and where to search next."""
    start, end = m.span()
    if exc.overlaps(start, start + 1, masks):
        return None, start + 1
    if m.group("pct"):
        value, value_max, unit_s, n1, nmax = parse_percent(m.group("pct")), None, "%", m.group("pct"), None
        infix = None
    else:
        n1 = m.group("n1")
        nmax = m.group("n2") or m.group("n3")
        unit_s = m.group("u1") or m.group("u3")
        infix = m.group("i1") or m.group("i2") or m.group("i3")
        try:
            value = parse_number(n1)
            value_max = parse_number(nmax) if nmax else None
        except ValueError:
            return None, start + 1
        if m.group("u2") and UNITS[m.group("u2")].base != UNITS[unit_s].base:
            # 100户-200人 is not a range: keep the first figure only
            nmax, value_max, end = None, None, m.end("u1")
            return _finish(sentence, start, end, n1, value, None, unit_s, infix, None, None, None, masks)
    unit = UNITS[unit_s]
    if exc.is_calendar_year(n1, value, unit.base) or (nmax and exc.is_calendar_year(nmax, value_max, unit.base)):
        return None, m.end()
    post_end = m.end("post") if m.group("post") else None
    return _finish(sentence, start, m.end(), n1, value, value_max, unit_s, infix, m.group("rate"),
                   m.group("post"), m.group("qual"), masks, m.group("period"), post_end)


def _finish(sentence, start, end, n1, value, value_max, unit_s, infix, rate, post, qual, masks,
            period=None, post_end=None):
    unit = UNITS[unit_s]
    # 以内/内 and the 期 of 3年期以上 belong to durations only ("30个内容" is not "within 30")
    if post in ("内", "之内") and unit.cls != "duration":
        end = post_end - len(post) - (1 if period else 0) if post_end else end
        post, qual, period = None, None, None
    if period and not post:  # 不少于两年期的: 期 belongs to the noun
        end -= 1 + len(qual or "")
        period, qual = None, None
    if period and unit.cls != "duration":
        end = end - (len(post or "") + 1 + len(qual or ""))
        post, qual = None, None
    # exclusions that need the context
    if unit.cls == "duration" and exc.is_time_adverbial(sentence, start, end):
        return None, end
    if _DIRECT_DENOM.search(sentence[max(0, start - 2):start]):
        return None, end  # 每1名, 每一个: a denominator
    if value == 1 and rates._DENOM_RE.search(sentence[max(0, start - 6):end]) and \
            _DENOM_VERB.search(sentence[max(0, start - 6):start]):
        return None, end  # 每招收1名博士后: a denominator
    # comparator words before the number
    lo = exc.clause_start(sentence, start)
    window = sentence[lo:start]
    pre = None
    pre_start = start
    for pattern, allowed in ((_PRE_ADJACENT, True), (_PRE_NEAR, True),
                             (_PRE_PROPORTION, unit.cls in PROPORTION_CLASSES)):
        if not allowed:
            continue
        pm = pattern.search(window)
        if pm and not exc.overlaps(lo + pm.start(), lo + pm.end("pre"), masks):
            pre = pm.group("pre")
            pre_start = lo + pm.start()
            break
    if pre == "近" and unit.cls == "duration":
        return None, end
    comparator = cmp.combine(pre, infix, post)
    if qual:
        if comparator in (">=", "<=", ">", "<"):
            comparator = cmp.apply_qualifier(comparator, qual)
        else:  # (含X) after a plain figure is a breakdown, not a qualifier: leave it to be read on its own
            end -= len(qual)
            qual = None
    if value_max is not None:
        comparator = "range"
    if exc.is_set_pattern(sentence, start, end, n1) or exc.is_article(sentence, start, end, n1, comparator):
        return None, end
    if unit.cls == "count" and exc.is_list_total(sentence, start, value):
        return None, end
    # rate
    per = None
    per_count_prefix = False
    prefix_per_start = None
    if rate:
        per = rates.explicit_per(rate[1:])
    elif unit.cls not in PROPORTION_CLASSES and unit.cls != "age":
        found = rates.prefixes(sentence)
        per, nouns, chain_start = rates.prefix_per(sentence, pre_start, found)
        if per:
            per_count_prefix = any(n not in ("年", "月", "天", "日", "周", "季度") for n in nouns)
            if chain_start >= lo:  # 每户每年6000元, 每人帮扶不少于4户: the rate words belong to the quota's text
                prefix_per_start = chain_start
        if per is None:
            per = rates.cue_per(sentence[max(lo, pre_start - 10):pre_start], unit.cls)
    return _Cand(pre_start, end, value, value_max, unit.base, unit.cls, per, comparator, per_count_prefix,
                 prefix_per_start), end


def _merge(sentence: str, cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    for c in cands:
        if out:
            prev = out[-1]
            gap = sentence[prev.end:c.start]
            # A以上B以下: one band
            if prev.unit == c.unit and prev.value_max is None and c.value_max is None and \
                    is_band(prev.comparator, c.comparator, gap) and prev.value < c.value:
                out[-1] = _Cand(prev.start, c.end, prev.value, c.value, c.unit, c.cls, prev.per or c.per,
                                "range", prev.per_count_prefix)
                continue
            # 1户至少有1项: the first figure is the denominator of the second
            if prev.value == 1 and prev.value_max is None and prev.cls == "count" and prev.comparator == "=" \
                    and prev.unit != c.unit and _INNER_DENOM_GAP.fullmatch(gap) and c.per is None:
                out[-1] = _Cand(prev.start, c.end, c.value, c.value_max, c.unit, c.cls, prev.unit, c.comparator,
                                False)
                continue
        out.append(c)
    return out


def may_hold_quota(sentence: str) -> bool:
    """False for a sentence without any numeral, which holds no quota (a cheap test before the context)."""
    return _ANY_NUMERAL.search(sentence) is not None


def find_quotas(sentence: str, *, context_year: int | None = None, in_goal_section: bool = False,
                uncued: str = "planned") -> list[QuotaMatch]:
    """All quotas in one sentence of normalized (simplified, half-width digits) text, in order.

    ``context_year`` is a year the sentence's section states; ``in_goal_section`` says the sentence sits in a
    目标/目标任务 section, where an uncued figure is a commitment (binding); ``uncued`` is the modality of a
    figure with no cue otherwise: ``planned`` in a plan, ``standard`` in a regulation (办法), whose figures
    are rules."""
    if not may_hold_quota(sentence):
        return []
    masks = exc.masked_spans(sentence)
    cands: list[_Cand] = []
    pos = 0
    while True:
        m = _CORE.search(sentence, pos)
        if not m:
            break
        cand, nxt = _parse_match(sentence, m, masks)
        if cand is not None:
            cands.append(cand)
        pos = max(nxt, m.start() + 1)
    if not cands:
        return []
    cands = _merge(sentence, cands)
    cues = mod.find_cues(sentence, masks)
    marks = year_marks(sentence, masks, context_year)
    thresholds = mod.thresholds(sentence, [(c.start, c.end, c.comparator, c.unit) for c in cands])
    result = []
    for c, threshold in zip(cands, thresholds):
        per = c.per
        start = c.start
        if threshold and c.prefix_start is not None:
            per = None  # 每年建设30户以上…小区: the bound qualifies the noun, the 每 distributes the action
        elif c.prefix_start is not None:
            start = c.prefix_start
        modality = mod.decide(sentence, c.start, c.end, c.cls, cues, c.per_count_prefix and per is not None,
                              threshold, in_goal_section, uncued)
        year = year_for(c.start, marks, context_year, only_before=(modality == "baseline"))
        result.append(QuotaMatch(
            start=start, end=c.end, text=sentence[start:c.end], value=float(c.value),
            value_max=None if c.value_max is None else float(c.value_max), unit=c.unit, per=per,
            comparator=c.comparator, modality=modality, year=year,
            subject=subject_for(sentence, c.start, c.end, c.cls),
        ))
    return result
