"""Removal of pinyin annotations after Han characters: ``發(fā)`` → ``發``.

An annotation is a parenthesised run of Latin letters holding at least one tone-marked vowel, directly after
a Han character, in ASCII or full-width parentheses. Real parentheses (``(一)``, ``(社区)``, ``(2016)``,
``(试行)``, ``市(区)``) never match: they hold Han characters or digits, or no tone mark.
"""

from __future__ import annotations

import regex

from extractor.normalize.offsets import Edit

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
ANNOTATION = regex.compile(
    rf"(?<=\p{{Han}})[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]"
)


def remove_annotations(text: str) -> list[Edit]:
    """Edits deleting every pinyin annotation in ``text``."""
    return [(m.start(), m.end(), "") for m in ANNOTATION.finditer(text)]
