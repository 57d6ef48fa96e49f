"""Text that remembers where each of its characters came from.

Every normalization step is a list of edits ``(start, end, replacement)`` on the current text. Characters
an edit leaves alone keep their origin; an edit that replaces a run by a string of the same length maps
character to character; any other replacement maps each new character to the whole original run it
replaced. A span of the final text therefore maps back to the smallest original span that produced it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Edit = tuple[int, int, str]


@dataclass
class MappedText:
    text: str
    starts: list[int]  # origin interval [starts[i], ends[i]) of character i in the original text
    ends: list[int]
    original_length: int

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, list(range(len(text))), list(range(1, len(text) + 1)), len(text))

    def apply(self, edits: Iterable[Edit]) -> MappedText:
        """Apply non-overlapping edits, given in any order, returning the new mapped text (this one when there
        are no edits: a mapped text is never changed in place)."""
        edits = sorted(edits)
        if not edits:
            return self
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        cursor = 0
        for start, end, replacement in edits:
            if start < cursor:
                raise ValueError(f"overlapping edit at {start}")
            pieces.append(self.text[cursor:start])
            starts.extend(self.starts[cursor:start])
            ends.extend(self.ends[cursor:start])
            if replacement:
                if end - start == len(replacement):
                    starts.extend(self.starts[start:end])
                    ends.extend(self.ends[start:end])
                else:
                    origin_start, origin_end = self._origin_of_run(start, end)
                    starts.extend([origin_start] * len(replacement))
                    ends.extend([origin_end] * len(replacement))
                pieces.append(replacement)
            cursor = end
        pieces.append(self.text[cursor:])
        starts.extend(self.starts[cursor:])
        ends.extend(self.ends[cursor:])
        return MappedText("".join(pieces), starts, ends, self.original_length)

    def _origin_of_run(self, start: int, end: int) -> tuple[int, int]:
        if end > start:
            return self.starts[start], self.ends[end - 1]
        # an insertion: anchor it at the character it precedes (or the end)
        anchor = self.starts[start] if start < len(self.starts) else self.original_length
        return anchor, anchor

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span that the half-open span ``[start, end)`` of this text came from."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        if start == end:
            anchor = self.starts[start] if start < len(self.starts) else self.original_length
            return anchor, anchor
        return min(self.starts[start:end]), max(self.ends[start:end])
