"""Encoding damage that cannot be repaired: kept in the text and reported with its span.

Two kinds are seen in real notices: a ``?`` or U+FFFD standing for a lost character inside Han text,
usually trailed by the wreck of an annotation (``学?;巨k学``, ``当?shù)亟?jīng)济``), and UTF-8 read as
Latin-1 (``æ‰¶è´«``).
"""

from __future__ import annotations

import regex

from extractor.model import TextWarning

_LOST_CHAR = regex.compile(
    r"(?:(?<=\p{Han})[?\uFFFD]|[?\uFFFD](?=\p{Han})|\uFFFD)[A-Za-z;:()\u00C0-\u024F\uFFFD?]{0,8}"
)
_MOJIBAKE = regex.compile(r"(?:[\u00C2-\u00EF][\u0080-\u00BF\u2018-\u203A\u0152-\u0178]){2,}")


def find_damage(text: str) -> list[TextWarning]:
    warnings = [
        TextWarning(code="encoding_damage", message=f"unreadable character(s) {m.group()!r}", span=(m.start(), m.end()))
        for m in _LOST_CHAR.finditer(text)
    ]
    warnings += [
        TextWarning(code="encoding_damage", message=f"mojibake {m.group()!r}", span=(m.start(), m.end()))
        for m in _MOJIBAKE.finditer(text)
    ]
    return sorted(warnings, key=lambda w: w.span or (0, 0))
