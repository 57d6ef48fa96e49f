"""Build models/gazetteer/ from the division data that ships inside the jionlp and cpca wheels.

jionlp (https://github.com/dongrixinyu/JioNLP) maintains China's administrative divisions: provinces,
cities and counties with their 6-digit codes, townships and villages by name, and the renames since 2002.
Importing jionlp itself is costly (it unzips 52 MB of dictionaries on first import and prints a banner),
so the project reads only these two data files, copied here verbatim (the tree gzipped).

jionlp's tree is today's, and its rename list misses some changes (梅列区 merged into 三元区 in 2021). cpca
(https://github.com/DQinYuan/chinese_province_city_area_mapper) ships the 2020 division table; its
county-level rows whose (code, name) no longer stand in jionlp's tree are kept as
``historical_counties.tsv``, so a notice written before a change resolves to the division as it was then.

    python scripts/build_gazetteer.py                      # downloads the pinned wheels with pip
    python scripts/build_gazetteer.py JIONLP.whl CPCA.whl  # from wheels already on disk
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

JIONLP = "jionlp==1.5.31"
CPCA = "cpca==0.5.5"
OUT = Path(__file__).resolve().parent.parent / "models" / "gazetteer"


def wheel_path(requirement: str, given: str | None) -> Path:
    if given:
        return Path(given)
    folder = Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), requirement],
                   check=True)
    return next(folder.glob(requirement.split("==")[0] + "-*.whl"))


def historical_counties(tree: str, adcodes: str) -> list[tuple[str, str]]:
    """(code, name) of cpca's county-level rows that today's tree no longer has under that code and name."""
    current = set()
    for line in tree.splitlines():
        cells = line.strip().split("\t")
        if len(cells) >= 2 and cells[1].isdigit():
            current.add((cells[1], cells[0]))
    rows = []
    for line in adcodes.splitlines()[1:]:
        code, name = line.split(",")[:2]
        code = code[:6]
        if code[4:] != "00" and name != "市辖区" and (code, name) not in current:  # 市辖区: a placeholder
            rows.append((code, name))
    return sorted(rows)


def main(argv: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel_path(JIONLP, argv[0] if argv else None)) as wheel:
        with zipfile.ZipFile(wheel.open("jionlp/dictionary/china_location.zip")) as inner:
            tree = inner.read("china_location.txt")
        changes = wheel.read("jionlp/dictionary/china_location_change.txt")
    with zipfile.ZipFile(wheel_path(CPCA, argv[1] if len(argv) > 1 else None)) as wheel:
        adcodes = wheel.read("cpca/resources/adcodes.csv").decode("utf-8")
    history = historical_counties(tree.decode("utf-8"), adcodes)
    (OUT / "china_location.txt.gz").write_bytes(gzip.compress(tree, mtime=0))
    (OUT / "china_location_change.txt").write_bytes(changes)
    (OUT / "historical_counties.tsv").write_text(
        "# code\tname — county-level divisions of cpca's 2020 table that today's tree no longer has\n"
        + "".join(f"{code}\t{name}\n" for code, name in history), "utf-8")
    print(f"wrote {OUT}: {len(tree)} bytes of divisions, {len(changes.splitlines())} renames, "
          f"{len(history)} historical counties")


if __name__ == "__main__":
    main(sys.argv[1:])
