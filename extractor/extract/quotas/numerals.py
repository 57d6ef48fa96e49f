"""Chinese and Arabic numerals to numbers, in the style of jionlp's ``gadget/money_parser.py``.

Examples::

    >>> parse_number("两")
    2.0
    >>> parse_number("二〇")
    20.0
    >>> parse_number("3.48万")
    34800.0
    >>> parse_number("13万2")
    132000.0
    >>> parse_number("一千二百")
    1200.0
    >>> parse_number("0.92万")
    9200.0
    >>> parse_number("1,200")
    1200.0
    >>> parse_percent("百分之七十")
    70.0

``cn2an`` reads plain Chinese numerals well (两万, 一千二, 十三万二) and is used for them; it fails on a bare
multiplier (万), on 〇/○ digit strings written with U+25CB, on Arabic digits mixed with Chinese multipliers
(2.5万) and on 百分之…, which are handled here. Numbers are never read from ``cn2an.transform`` (it rewrites
set phrases: 一定两年 -> 1定2年).
"""

from __future__ import annotations

from functools import lru_cache

import cn2an
import regex

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}

_CN_DIGIT_CLASS = "零〇○一二两三四五六七八九"
_ARABIC = regex.compile(r"\d+(?:\.\d+)?")
_TRAILING_MULTIPLIER = regex.compile(r"[十百千万亿]+$")
_CN_ALL_CLASS = _CN_DIGIT_CLASS + "十百千万亿"

# Arabic number, optionally with thousands commas, decimals and Chinese multipliers (3000万, 1.2亿, 13万2,
# 1万5千). 千 before 克/米/瓦 is part of the unit (千克), not a multiplier.
ARABIC = r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?(?:[十百千万亿](?![克米瓦])(?:\d+(?:\.\d+)?)?)*"
CHINESE = rf"[{_CN_ALL_CLASS}]+(?:点[{_CN_DIGIT_CLASS}]+[十百千万亿]*)?"
NUMBER = rf"(?:{ARABIC}|{CHINESE})"
PERCENT_WORDS = rf"百分之(?:{ARABIC}|[{_CN_ALL_CLASS}点]+)"

_NUMBER_RE = regex.compile(rf"(?:{NUMBER})")
_TOKEN_RE = regex.compile(r"\d+(?:\.\d+)?|[十百千万亿]|[零〇○一二两三四五六七八九]")


def is_digit_string(text: str) -> bool:
    """Digits only, no multiplier: 二〇一二, 2016, 一."""
    return all(ch.isdigit() or ch in CN_DIGITS for ch in text)


def _positional(tokens: list[str]) -> float:
    """Value of a token list like ['13', '万', '2'] or ['一', '千', '二', '百']."""
    result = 0.0
    section = 0.0
    num: float | None = None
    last_mult = 0
    zero_seen = False
    for tok in tokens:
        if tok in MULTIPLIERS:
            mult = MULTIPLIERS[tok]
            if mult < 10_000:
                section += (1.0 if num is None else num) * mult
            else:
                section += 0.0 if num is None else num
                if section == 0 and result == 0:
                    section = 1.0
                if mult == 100_000_000:
                    result = (result + section) * mult
                else:
                    result += section * mult
                section = 0.0
            num = None
            last_mult = mult
            zero_seen = False
        elif tok in ("零", "〇", "○"):
            zero_seen = True
        else:
            num = float(tok) if tok[0].isdigit() else float(CN_DIGITS[tok])
    if num is not None:
        # elision: 13万2 = 132000, 一千二 = 1200 (not after 零: 一百零五 = 105)
        if last_mult >= 100 and not zero_seen and num < 10 and float(num).is_integer():
            section += num * (last_mult // 10)
        else:
            section += num
    return result + section


@lru_cache(maxsize=4096)
def parse_number(text: str) -> float:
    """Value of one number token as written: Arabic, Chinese or mixed. Raises ValueError if unreadable."""
    text = text.strip().replace(",", "")
    if not text:
        raise ValueError("empty number")
    if text in MULTIPLIERS:  # a bare 万/千 is a word (千家万户), not a number
        raise ValueError(f"bare multiplier: {text!r}")
    if _ARABIC.fullmatch(text):
        return float(text)
    if is_digit_string(text):  # 二〇 -> 20, 二○一二 -> 2012
        return float("".join(str(CN_DIGITS.get(ch, ch)) for ch in text))
    if "点" in text:
        head, _, tail = text.partition("点")
        mult_tail = _TRAILING_MULTIPLIER.search(tail)
        frac_digits = tail[: mult_tail.start()] if mult_tail else tail
        value = parse_number(head) + float("0." + "".join(str(CN_DIGITS[c]) for c in frac_digits))
        if mult_tail:
            for ch in mult_tail.group():
                value *= MULTIPLIERS[ch]
        return value
    if all(ch in _CN_ALL_CLASS for ch in text) and text not in MULTIPLIERS:
        try:
            return float(cn2an.cn2an(text.replace("○", "零").replace("〇", "零"), "normal"))
        except (ValueError, KeyError):
            pass
    tokens = _TOKEN_RE.findall(text)
    if "".join(tokens) != text:
        raise ValueError(f"not a number: {text!r}")
    return _positional(tokens)


def parse_percent(text: str) -> float:
    """百分之七十 -> 70.0, 百分之3.5 -> 3.5."""
    if not text.startswith("百分之"):
        raise ValueError(f"not a percent: {text!r}")
    return parse_number(text[3:])
