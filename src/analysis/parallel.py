"""Per-article work on all cores: items split into chunks, chunks mapped in worker processes,
results concatenated in the original order, so the output is the same whatever ``n_jobs`` is."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

from .progress import PROGRESS_THRESHOLD, progress_bar

PARALLEL_MIN_ITEMS = 40      # below this, starting processes costs more than it saves


def n_workers(n_jobs: int | None) -> int:
    """``n_jobs`` as a number of processes: None or below 1 means every core."""
    return os.cpu_count() or 1 if n_jobs is None or n_jobs < 1 else n_jobs


def map_chunks(fn, items: list, *, n_jobs: int | None = None, progress: bool | None = None, desc: str = "",
               extra: tuple = (), max_chunk: int = 200) -> list:
    """``fn((chunk, *extra))`` over chunks of ``items``, in order; the lists it returns are joined.
    ``fn`` must be a module-level function (it is sent to worker processes)."""
    workers = n_workers(n_jobs)
    size = max(1, min(max_chunk, len(items) // (workers * 4) or 1))
    chunks = [(items[i:i + size], *extra) for i in range(0, len(items), size)]
    show = progress if progress is not None else len(items) > PROGRESS_THRESHOLD
    if workers > 1 and len(items) >= PARALLEL_MIN_ITEMS:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            parts = progress_bar(pool.map(fn, chunks), len(chunks), show, desc, "chunk")
            return [row for part in parts for row in part]
    return [row for part in progress_bar(map(fn, chunks), len(chunks), show, desc, "chunk") for row in part]
