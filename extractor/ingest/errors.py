"""The one error type a file can fail with before extraction: it names the file and the reason."""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be read as a notice (SPEC section 5)."""

    def __init__(self, path: str, reason: str, code: str = "unreadable"):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.code = code
