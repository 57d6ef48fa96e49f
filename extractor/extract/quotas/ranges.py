"""Ranges: one quota with ``value``..``value_max`` and comparator ``range``.

Written ``A—B`` / ``A-B`` / ``A~B`` / ``A至B`` / ``A到B`` (50元—200元/人.月, 2-3年, 20-30村), or as a band
``A以上B以下`` of two bounds side by side (3000元以上5000元以下), which ``merge_bands`` joins.

Examples::

    >>> bool(regex.fullmatch(RANGE_SEP, "—")), bool(regex.fullmatch(RANGE_SEP, "至"))
    (True, True)
"""

from __future__ import annotations

import regex

RANGE_SEP = r"(?:——|—|–|－|-|~|～|至|到)"
_BAND_GAP = regex.compile(r"[、，,]?|至|到")


def is_band(lower_cmp: str, upper_cmp: str, gap: str) -> bool:
    """A lower bound (以上/超过) directly followed by an upper bound (以下/以内) of the same unit."""
    return lower_cmp in (">=", ">") and upper_cmp in ("<=", "<") and bool(_BAND_GAP.fullmatch(gap))
