"""Where documents run: in this process, in a local pool of worker processes, or on a Dask cluster.

Every engine is a ``concurrent.futures.Executor`` that ``extractor.batch.run_batch`` feeds. jieba and spaCy
are process-global and a pipeline does not pickle, so a worker never receives one: local workers are forked
from a forkserver that built the pipeline once (``extractor/warm.py``), a Dask worker builds its own on its
first document. Only the path and the file's bytes go out, and the status comes back (with the record JSON
from a Dask worker, which may not see the output folder).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from extractor.batch import InlineExecutor

ENGINES = ("local", "dask")
# Tasks queued per worker: enough to keep each busy while the main process reads and writes.
QUEUED_PER_WORKER = 2


@dataclass(frozen=True)
class Engine:
    executor: Executor
    workers: int
    shares_files: bool  # the workers see this machine's files (and may write the records themselves)

    @property
    def window(self) -> int:
        return self.workers * QUEUED_PER_WORKER


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _process_context() -> multiprocessing.context.BaseContext:
    # forkserver where there is one: workers forked from a clean server that has loaded the pipeline and its
    # models once (extractor/warm.py), not from this process and its progress-bar thread; spawn elsewhere
    # (macOS, Windows), where each worker loads them itself.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["extractor.batch", "extractor.warm"])
        return context
    return multiprocessing.get_context("spawn")


def _leave_with(main_pid: int) -> None:
    """Pool worker initializer: exit once the main process is gone. A main process killed outright (SIGKILL,
    out of memory) cannot shut its pool down, and a worker waiting for work would wait, holding its memory,
    forever."""

    def watch() -> None:
        while True:
            time.sleep(1)
            try:
                os.kill(main_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # the number now belongs to another user's process: ours is gone
                os._exit(1)

    threading.Thread(target=watch, name="leave-with-main", daemon=True).start()


@contextmanager
def open_engine(engine: str = "local", jobs: int | None = None, scheduler: str | None = None) -> Iterator[Engine]:
    """An executor for ``engine`` with ``jobs`` workers (default: all cores; a Dask cluster: all its threads)."""
    if engine == "local":
        jobs = jobs or default_jobs()
        if jobs == 1:
            yield Engine(InlineExecutor(), 1, shares_files=True)
            return
        watchdog = {"initializer": _leave_with, "initargs": (os.getpid(),)} if os.name == "posix" else {}
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_process_context(), **watchdog) as pool:
            yield Engine(pool, jobs, shares_files=True)
        return
    if engine == "dask":
        with _dask_client(jobs, scheduler) as client:
            yield Engine(client.get_executor(pure=False), sum(client.nthreads().values()), shares_files=False)
        return
    raise ValueError(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")


@contextmanager
def _dask_client(jobs: int | None, scheduler: str | None):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError("the Dask engine needs dask.distributed: pip install 'extractor[dask]'") from exc
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # One single-threaded worker process per job: the pipeline's jieba is process-global and CPU-bound.
    with LocalCluster(n_workers=jobs or default_jobs(), threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client
