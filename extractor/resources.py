"""Where shipped data lives: dictionaries, lists and trained models.

In a source checkout they sit in the top-level ``models/`` folder; an installed wheel carries the same folder
as ``extractor/models`` (see ``pyproject.toml``). Every loader asks here, so no module hard-codes a path.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def models_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "models", _PACKAGE_DIR.parent / "models"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("extractor data folder 'models/' not found beside the package")


def resource_path(*parts: str) -> Path:
    """Path of a shipped data file, e.g. ``resource_path("normalize", "boilerplate.txt")``."""
    path = models_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing data file: {path}")
    return path


def read_lines(*parts: str) -> list[str]:
    """Non-empty, stripped lines of a UTF-8 list file; lines starting with ``#`` are comments."""
    text = resource_path(*parts).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
