"""Build models/gazetteer/ from the division data that ships inside the jionlp wheel.

jionlp (https://github.com/dongrixinyu/JioNLP) maintains China's administrative divisions: provinces,
cities and counties with their 6-digit codes, townships and villages by name, and the renames since 2002.
Importing jionlp itself is costly (it unzips 52 MB of dictionaries on first import and prints a banner),
so the project reads only these two data files, copied here verbatim (the tree gzipped):

    python scripts/build_gazetteer.py            # downloads the pinned wheel with pip, then extracts
    python scripts/build_gazetteer.py WHEEL.whl  # from a wheel already on disk
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

JIONLP = "jionlp==1.5.31"
OUT = Path(__file__).resolve().parent.parent / "models" / "gazetteer"


def wheel_path(argv: list[str]) -> Path:
    if argv:
        return Path(argv[0])
    folder = Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), JIONLP], check=True)
    return next(folder.glob("jionlp-*.whl"))


def main(argv: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel_path(argv)) as wheel:
        with zipfile.ZipFile(wheel.open("jionlp/dictionary/china_location.zip")) as inner:
            tree = inner.read("china_location.txt")
        changes = wheel.read("jionlp/dictionary/china_location_change.txt")
    (OUT / "china_location.txt.gz").write_bytes(gzip.compress(tree, mtime=0))
    (OUT / "china_location_change.txt").write_bytes(changes)
    print(f"wrote {OUT}: {len(tree)} bytes of divisions, {len(changes.splitlines())} renames")


if __name__ == "__main__":
    main(sys.argv[1:])
