"""Benchmark of batch runs: end-to-end throughput and peak memory against bare ``jieba.lcut``, in one run.

Builds a corpus of at least ``--mb`` MB by replicating the seeds and the shared corpus under new names (each
copy gets a line of its own, so copies differ in bytes and doc_id), then measures, each in a fresh process:
bare ``jieba.lcut`` over the same texts with N worker processes, and ``extractor`` end to end (read, extract,
write records) with N workers; N = 1 and 2. ``--scale 10`` adds an end-to-end run over a corpus ten times as
large, for memory. Throughput is decoded input characters per second; peak memory is the largest resident set
of the main process (``getrusage``) and of any one worker (``/proc/PID/status`` VmHWM; Linux).

    python scripts/bench_batch.py [--mb 50] [--scale 10] [--work /tmp/bench]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "corpora" / "seeds", ROOT.parent / "shared" / "corpus"]


def build_corpus(folder: Path, megabytes: float) -> int:
    """Replicate the source texts into ``folder`` until it holds ``megabytes``; returns the decoded chars."""
    texts = [p for source in SOURCES if source.is_dir() for p in sorted(source.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    size = chars = copy = 0
    while size < megabytes * 1024 * 1024:
        for text in texts:
            data = text.read_bytes() + f"\n# 副本 {copy}\n".encode()
            (folder / f"r{copy:05d}_{text.name}").write_bytes(data)
            size += len(data)
            chars += len(data.decode("utf-8", errors="replace"))
        copy += 1
    return chars


def _segment(path: str) -> int:
    import jieba

    return len(jieba.lcut(Path(path).read_bytes().decode("utf-8", errors="replace")))


def measure_jieba(corpus: Path, jobs: int) -> None:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    files = [str(p) for p in sorted(corpus.iterdir())]
    context = multiprocessing.get_context("forkserver")
    with context.Pool(jobs) as pool:
        for _ in pool.imap_unordered(_segment, files, chunksize=8):
            pass


def measure_extractor(corpus: Path, jobs: int) -> None:
    from extractor.batch import run_batch
    from extractor.engines import open_engine

    with tempfile.TemporaryDirectory() as out, open_engine("local", jobs) as running:
        outcomes = run_batch([corpus], Path(out), executor=running.executor, window=running.window,
                             workers_write=running.shares_files)
    failed = [o for o in outcomes if o.status == "error"]
    if failed:
        raise SystemExit(f"{len(failed)} documents failed, first: {failed[0]}")


def watch_workers(peaks: dict[int, int], cpu: dict[int, float], stop: threading.Event) -> None:
    """Peak resident set (VmHWM, kB) and CPU seconds of every descendant process: pool workers are children
    of a forkserver, which ``getrusage(RUSAGE_CHILDREN)`` does not see. The kernel keeps the peak, so sampling
    misses nothing but a process that lives less than one interval (CPU: the last interval of each worker)."""
    import psutil

    while not stop.wait(0.2):
        for child in psutil.Process().children(recursive=True):
            try:
                status = Path(f"/proc/{child.pid}/status").read_text()
                times = child.cpu_times()
            except (OSError, psutil.Error):
                continue
            cpu[child.pid] = times.user + times.system
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks[child.pid] = max(peaks.get(child.pid, 0), int(line.split()[1]))


def measure(kind: str, corpus: Path, jobs: int) -> dict:
    """Run one measurement in a fresh interpreter so its peak memory is its own."""
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, __file__, "--measure", kind, "--jobs", str(jobs), "--corpus", str(corpus)],
                               check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return {"kind": kind, "jobs": jobs, "seconds": seconds, **json.loads(completed.stdout.splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--scale", type=int, default=0, help="also run end to end on a corpus this many times larger")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "extractor-bench")
    parser.add_argument("--measure", choices=["jieba", "extractor"], help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        peaks: dict[int, int] = {}
        cpu: dict[int, float] = {}
        stop = threading.Event()
        watcher = threading.Thread(target=watch_workers, args=(peaks, cpu, stop), daemon=True)
        watcher.start()
        (measure_jieba if args.measure == "jieba" else measure_extractor)(args.corpus, args.jobs)
        stop.set()
        watcher.join()
        # ru_maxrss is in kilobytes on Linux.
        print(json.dumps({"main_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                          "worker_rss_mb": max(peaks.values(), default=0) / 1024,
                          "cpu_s": time.process_time() + sum(cpu.values())}))
        return

    shutil.rmtree(args.work, ignore_errors=True)
    corpus = args.work / "x1"
    chars = build_corpus(corpus, args.mb)
    files = sum(1 for _ in corpus.iterdir())
    mb = sum(p.stat().st_size for p in corpus.iterdir()) / 1024 / 1024
    print(f"corpus: {files} files, {mb:.1f} MB, {chars:,} chars", flush=True)
    results = []
    for jobs in (1, 2):
        for kind in ("jieba", "extractor"):
            result = measure(kind, corpus, jobs)
            result["chars_per_s"] = chars / result["seconds"]
            results.append(result)
            print(json.dumps(result), flush=True)
    by = {(r["kind"], r["jobs"]): r for r in results}
    print("\n| workers | jieba.lcut chars/s | extractor chars/s | extractor time / jieba time | "
          "extractor CPU / jieba CPU | extractor peak RSS main / largest worker (MB) |")
    print("|---:|---:|---:|---:|---:|---|")
    for jobs in (1, 2):
        j, e = by["jieba", jobs], by["extractor", jobs]
        print(f"| {jobs} | {j['chars_per_s']:,.0f} | {e['chars_per_s']:,.0f} | {e['seconds'] / j['seconds']:.2f}x | "
              f"{e['cpu_s'] / j['cpu_s']:.2f}x | {e['main_rss_mb']:.0f} / {e['worker_rss_mb']:.0f} |")
    # CPU seconds do not depend on what else the machine runs; wall time does.
    for kind in ("extractor", "jieba"):
        one, two = by[kind, 1], by[kind, 2]
        print(f"{kind}: speed-up 1 → 2 workers {one['seconds'] / two['seconds']:.2f}x (wall), CPU seconds "
              f"{one['cpu_s']:.1f} → {two['cpu_s']:.1f} (parallel efficiency {one['cpu_s'] / two['cpu_s']:.2f})",
              flush=True)
    if args.scale:
        large = args.work / f"x{args.scale}"
        large_chars = build_corpus(large, args.mb * args.scale)
        result = measure("extractor", large, 2)
        print(json.dumps({**result, "corpus_chars": large_chars, "chars_per_s": large_chars / result["seconds"]}))
        print(f"\npeak RSS at 2 workers, {args.mb:g} MB vs {args.mb * args.scale:g} MB corpus: main "
              f"{by['extractor', 2]['main_rss_mb']:.0f} → {result['main_rss_mb']:.0f} MB, largest worker "
              f"{by['extractor', 2]['worker_rss_mb']:.0f} → {result['worker_rss_mb']:.0f} MB")
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
