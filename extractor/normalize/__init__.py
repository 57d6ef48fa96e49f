"""Normalization (SPEC section 3): the decoded text of a file → the cleaned simplified text the extractor
works on, with a map back to the original and warnings for damage that cannot be repaired.

Order matters: pinyin annotations are removed before conversion (an annotation inside a word blocks OpenCC's
phrase matching), boilerplate is matched after conversion so one simplified list serves both scripts, and
lines are re-joined last, on trimmed lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.model import TextWarning
from extractor.normalize import cleanup, linejoin, pinyin, script
from extractor.normalize.damage import find_damage
from extractor.normalize.offsets import MappedText


@dataclass
class NormalizedText:
    mapped: MappedText
    script: script.Script
    converted: bool
    warnings: list[TextWarning]

    @property
    def text(self) -> str:
        return self.mapped.text

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.mapped.to_original(start, end)


def normalize(original: str) -> NormalizedText:
    text = MappedText.identity(original)
    text = text.apply(cleanup.unify_newlines(text.text))
    text = text.apply(pinyin.remove_annotations(text.text))
    detected = script.detect_script(text.text)
    conversion = script.to_simplified(text.text)
    text = text.apply(conversion)
    fixes = script.mainland_fixes(text.text)
    text = text.apply(fixes)
    text = text.apply(cleanup.half_width(text.text))
    text = text.apply(cleanup.drop_boilerplate(text.text))
    text = text.apply(cleanup.trim_lines(text.text))
    text = text.apply(cleanup.collapse_blank_lines(text.text))
    text = text.apply(linejoin.join_wrapped_lines(text.text))
    text = text.apply(linejoin.break_run_in_headings(text.text))
    return NormalizedText(
        mapped=text,
        script=detected,
        converted=bool(conversion or fixes),
        warnings=find_damage(text.text),
    )
