"""The streaming path on a corpus larger than memory: a Parquet table of 1,000,000 real news
articles (3.2 GB of text), read in chunks.

    python benchmarks/bench_stream.py                    # 1,000,000 rows; loader pass about 6 minutes
    python benchmarks/bench_stream.py 200000 --full 20000

Two measurements, each in its own process:

1. **The loader pass over all rows**: ``analysis.load.iter_articles`` reads the table 2,000
   rows at a time and the script keeps, per chunk, what ``stream_counts`` keeps of it (the
   articles without their text, Arrow strings). It prints seconds and peak memory every
   100,000 rows: what grows with the corpus.
2. **``stream_counts`` itself** (source detection and dates on every chunk) on the first
   ``--full`` rows: the memory a chunk's work needs, which does not grow with the corpus. At
   about 8 ms per article on 2 cores, the full million would take over two hours.

Detection runs in worker processes (one per core) whose memory does not grow with the corpus;
the main process of a full run on N rows peaks at about the loader pass's peak at N plus what
the chunk work adds above the loader pass at ``--full`` rows. All three figures are printed.
The rows are the training news of ``../shared/train`` and the bundled articles, used again as
follow-up versions with their own first line (as in ``bench_scale.py``).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

LOADER = """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
import pandas as pd
from analysis.load import iter_articles
from analysis.stream import _LISTS, _compact
path, every = sys.argv[1], int(sys.argv[2])
t0, n, kept = time.perf_counter(), 0, []
for arts in iter_articles(path, chunk_size=2000, progress=False):
    n += len(arts)
    arts.attrs = {}
    kept.append(_compact(arts.drop(columns=["text", *_LISTS])))
    if n % every < 2000:
        print(json.dumps({"rows": n, "seconds": time.perf_counter() - t0,
                          "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)
kept = pd.concat(kept, ignore_index=True)
print(json.dumps({"rows": n, "seconds": time.perf_counter() - t0, "kept_mb": kept.memory_usage(deep=True).sum() / 2**20,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)
"""

FULL = """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
import analysis.stream
t0 = time.perf_counter()
out = analysis.stream.stream_counts(sys.argv[1], chunk_size=2000, progress=False)
print(json.dumps({"rows": len(out["articles"]), "seconds": time.perf_counter() - t0,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def write_table(n: int, path: Path) -> float:
    """``n`` articles as a Parquet table (id, outlet, published, language, text), written in
    batches; returns the MB of text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from bench_scale import source_texts

    pool = source_texts()
    writer, size = None, 0
    batch: dict[str, list] = {k: [] for k in ("id", "outlet", "published", "language", "text")}
    for i in range(n):
        src = pool[i % len(pool)]
        k = i // len(pool)
        paragraphs = [p for p in src["text"].split("\n\n") if p.strip()]
        if k:
            r = k % len(paragraphs)
            paragraphs = [f"Fassung {k}, Meldung {i}." if src["language"] == "de" else f"Version {k}, item {i}."] \
                + paragraphs[r:] + paragraphs[:r]
        text = "\n\n".join(paragraphs) + "\n"
        size += len(text.encode("utf-8"))
        for key, value in (("id", f"a{i:07d}"), ("outlet", src["outlet"]), ("published", src["published"]),
                           ("language", src["language"]), ("text", text)):
            batch[key].append(value)
        if len(batch["id"]) == 20_000 or i == n - 1:
            table = pa.table(batch)
            writer = writer or pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
            batch = {key: [] for key in batch}
    if writer:
        writer.close()
    return size / 1e6


def run(code: str, *args: str) -> list[dict]:
    env = {**os.environ, "TQDM_DISABLE": "1", "PYTHONPATH": str(HERE.parent / "src")}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--full", type=int, default=20_000, help="rows for the full stream_counts run (0: none)")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "corpus.parquet"
        mb = write_table(args.rows, table)
        print(f"\n{args.rows:,} rows, {mb:,.0f} MB of text, {table.stat().st_size / 1e6:,.0f} MB as Parquet")
        print("loader pass (what grows with the corpus):")
        print(f"{'rows':>10} {'seconds':>8} {'ms/row':>7} {'peak MB':>8}")
        steps = run(LOADER, str(table), str(max(2000, args.rows // 10)))
        for s in steps[:-1] if len(steps) > 1 and steps[-2]["rows"] == steps[-1]["rows"] else steps:
            print(f"{s['rows']:>10,} {s['seconds']:8.0f} {1000 * s['seconds'] / s['rows']:7.2f} {s['peak_mb']:8.0f}")
        print(f"kept per article (the articles frame stream_counts returns): {steps[-1]['kept_mb']:.0f} MB in all")
        if args.full:
            small = Path(tmp) / "first.parquet"
            write_table(min(args.full, args.rows), small)
            base = run(LOADER, str(small), str(10**9))[-1]
            full = run(FULL, str(small))[-1]
            print(f"\nstream_counts on the first {full['rows']:,} rows: {full['seconds']:.0f} s "
                  f"({1000 * full['seconds'] / full['rows']:.1f} ms per article), peak {full['peak_mb']:.0f} MB "
                  f"(worker processes {full['worker_mb']:.0f} MB each at most); the loader pass alone {base['peak_mb']:.0f} MB")
            added = max(0.0, full["peak_mb"] - base["peak_mb"])
            print(f"estimated peak of stream_counts on all {args.rows:,} rows: main process {steps[-1]['peak_mb']:.0f} + "
                  f"{added:.0f} MB, and {os.cpu_count()} worker processes of at most {full['worker_mb']:.0f} MB each "
                  f"(forked: they share the main process's pages until they write to them)")


if __name__ == "__main__":
    main()
