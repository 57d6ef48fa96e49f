"""The batch runner: the same output from every engine, from a killed-and-resumed run as from an uninterrupted
one, and a clear error for every document over a limit."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb
import psutil
import pytest

from extractor import batch
from extractor.batch import Limits, extract_document, run_batch
from extractor.engines import open_engine

SEEDS = Path(__file__).parent.parent / "corpora" / "seeds"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of an output folder, by name, temporaries included (there must be none)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("in")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    nested = folder / "nested"
    nested.mkdir()
    shutil.copy(next(SEEDS.glob("000_*.txt")), nested / "same-bytes-as-000.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "~$locked.txt").write_text("编辑器锁文件", "utf-8")
    (folder / ".hidden.txt").write_text("隐藏文件", "utf-8")
    return folder


@pytest.fixture(scope="module")
def serial(inputs, tmp_path_factory) -> tuple[Path, list[batch.Outcome]]:
    out = tmp_path_factory.mktemp("serial")
    return out, run_batch([inputs], out)


def test_statuses(serial):
    out, outcomes = serial
    by_name = {Path(o.path).name: o for o in outcomes}
    assert "~$locked.txt" not in by_name and ".hidden.txt" not in by_name
    assert by_name["same-bytes-as-000.txt"].status == "duplicate"
    assert by_name["empty.txt"].status == "error"
    assert sum(o.status == "ok" for o in outcomes) == 5
    assert len((out / "records.jsonl").read_text("utf-8").splitlines()) == 5
    (error,) = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert Path(error["file"]).name == "empty.txt"
    assert error["stage"] == "ingest" and error["error"] == "empty" and error["message"]


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_two_workers_write_what_one_writes(engine, inputs, serial, tmp_path):
    """Local workers write their records themselves; Dask workers send them back to be written here."""
    with open_engine(engine, jobs=2) as running:
        assert running.workers == 2 and running.shares_files == (engine == "local")
        run_batch([inputs], tmp_path, executor=running.executor, window=running.window,
                  workers_write=running.shares_files)
    assert tree(tmp_path) == tree(serial[0])


_WARM = """
import extractor.warm
from extractor.extract.gazetteer import load_gazetteer
from extractor.nlp.pipeline import rule_pipeline
print(load_gazetteer.cache_info().currsize, rule_pipeline.cache_info().currsize)
"""


def test_warm_up_module_loads_the_models_workers_share():
    """The forkserver imports ``extractor.warm`` (and ignores an ImportError silently): it must import, and
    leave the pipeline and the gazetteer built for the workers it forks."""
    out = subprocess.run([sys.executable, "-c", _WARM], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1"]


@pytest.mark.parametrize("jobs", ["1", "2"])  # inline, and pool workers writing their own records
def test_killed_run_resumes_to_the_same_output(jobs, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for copy in range(8):  # 40 distinct documents: a run long enough to be killed part-way
        for seed in sorted(SEEDS.glob("*.txt")):
            (corpus / f"{copy}_{seed.name}").write_bytes(seed.read_bytes() + f"\n# copy {copy}\n".encode())
    killed, whole = tmp_path / "killed", tmp_path / "whole"
    command = [sys.executable, "-m", "extractor", "extract", str(corpus), "-q", "-j", jobs]
    run = subprocess.Popen([*command, "-o", str(killed), "--db", str(tmp_path / "killed.duckdb")])
    deadline = time.monotonic() + 60
    while len(list(killed.glob("*.json"))) < 3 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = psutil.Process(run.pid).children(recursive=True)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert run.returncode == -signal.SIGKILL
    # Pool workers (and their forkserver) leave with the killed main process instead of waiting forever.
    gone, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive, f"processes left behind: {[p.pid for p in alive]}"
    finished_before = {p.name: p.stat().st_mtime_ns for p in killed.glob("*.json")}
    assert 3 <= len(finished_before) < 40 and not (killed / "records.jsonl").exists()

    subprocess.run([*command, "-o", str(whole)], check=True)
    subprocess.run([*command, "-o", str(killed), "--db", str(tmp_path / "killed.duckdb")], check=True)
    assert tree(killed) == tree(whole)
    assert all((killed / name).stat().st_mtime_ns == mtime for name, mtime in finished_before.items()), \
        "finished documents were redone"
    # The database the killed run was writing catches up with the documents it missed, without duplicates.
    with duckdb.connect(str(tmp_path / "killed.duckdb"), read_only=True) as db:
        assert db.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (40, 40)
        quotas = sum(len(json.loads(line)["quotas"]) for line in (whole / "records.jsonl").open(encoding="utf-8"))
        assert db.execute("SELECT count(*) FROM quotas").fetchone() == (quotas,)

SEED = next(SEEDS.glob("004_*.txt"))


def test_size_limit(tmp_path):
    out = tmp_path / "out"
    (outcome,) = run_batch([SEED], out, limits=Limits(max_bytes=1000))
    assert (outcome.status, outcome.stage, outcome.error) == ("error", "ingest", "too_large")
    assert "1000-byte limit" in outcome.message
    assert json.loads((out / "errors.jsonl").read_text("utf-8"))["file"] == str(SEED)


def test_page_limit(monkeypatch):
    read = batch.read_bytes
    monkeypatch.setattr(batch, "read_bytes", lambda data, path: dataclasses.replace(read(data, path), pages=12))
    extracted = extract_document(str(SEED), SEED.read_bytes(), Limits(max_pages=10))
    assert (extracted.outcome.error, extracted.record_json) == ("too_many_pages", None)
    assert "12 pages is over the 10-page limit" == extracted.outcome.message


@pytest.mark.parametrize("on_main_thread", [True, False], ids=["main-thread", "worker-thread"])
def test_time_limit(on_main_thread, monkeypatch):
    read = batch.read_bytes

    def slow(data, path):
        for _ in range(50):  # Python-level waiting, as a long extraction would be
            time.sleep(0.01)
        return read(data, path)

    monkeypatch.setattr(batch, "read_bytes", slow)
    results = []

    def work():
        results.append(extract_document(str(SEED), SEED.read_bytes(), Limits(max_seconds=0.05)))
        time.sleep(0.1)  # a late timer would strike here
        results.append("survived")

    if on_main_thread:
        work()
    else:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    extracted, survived = results
    assert survived == "survived"
    assert (extracted.outcome.stage, extracted.outcome.error) == ("ingest", "timeout")
    assert "0.05-second limit" in extracted.outcome.message
    assert extract_document(str(SEED), SEED.read_bytes(), Limits(max_seconds=30)).outcome.status == "ok"


def test_stale_temporaries_are_removed(serial, inputs, tmp_path):
    shutil.copytree(serial[0], tmp_path, dirs_exist_ok=True)
    (tmp_path / ".records.jsonl.abc.tmp").write_text('{"truncated', "utf-8")
    outcomes = run_batch([inputs], tmp_path)
    assert sum(o.status == "skipped" for o in outcomes) == 5
    assert tree(tmp_path) == tree(serial[0])



class DyingPool(ProcessPoolExecutor):
    """A pool whose worker dies on the document 002_*, as an out-of-memory kill would end it."""

    def submit(self, fn, path, *args):
        if Path(path).name.startswith("002_"):
            return super().submit(os._exit, 9)
        return super().submit(fn, path, *args)


def test_a_dead_worker_stops_nothing_and_a_rerun_completes(inputs, serial, tmp_path):
    with DyingPool(1, mp_context=multiprocessing.get_context("fork")) as pool:
        outcomes = run_batch([inputs], tmp_path, executor=pool, window=1)
    assert [Path(o.path).name for o in outcomes] == [Path(o.path).name for o in serial[1]]
    lost = [Path(o.path).name[:3] for o in outcomes if o.error == "BrokenProcessPool"]
    assert lost == ["002", "003", "004", "emp"]  # every document after the death, empty.txt included
    assert len((tmp_path / "records.jsonl").read_text("utf-8").splitlines()) == 2
    run_batch([inputs], tmp_path)
    assert tree(tmp_path) == tree(serial[0])
