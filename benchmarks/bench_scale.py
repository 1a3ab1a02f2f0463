"""How the pipeline scales: corpora of 1k, 10k (and, asked for, 100k) articles of real news,
each stage in its own process, against a bare pass that only reads, tokenises and counts.

    python benchmarks/bench_scale.py                         # 1,000 and 10,000 articles
    python benchmarks/bench_scale.py 1000 10000 100000       # and 100,000 (about an hour)
    python benchmarks/bench_scale.py 1000 --stages load,terms

The text is the German and English training news in ../shared/train (1,518 articles) and the
bundled articles; beyond that, each text is used again with its own first line and its
paragraphs rotated, so no two articles are the same (the loader sets aside exact duplicates).
The corpus is written as one .txt file per article with a manifest (outlet, date, language),
as a user's folder would be. Per stage the script prints wall seconds, MB of text per second,
the peak memory of the stage's process (which holds the loaded corpus too), and the ratio to
the bare pass over the same files, measured in the same run.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "train"
STAGES = ["load", "sources", "terms", "keyness", "dates", "passages", "reuse", "conflicts", "order", "stream"]
WORD = re.compile(r"\w+")


def source_texts() -> list[dict]:
    """Real articles: the training news where present, and always the bundled sample."""
    sys.path.insert(0, str(HERE.parent / "src"))
    import analysis

    rows = []
    for name, lang in (("de_wikinews_train.jsonl", "de"), ("en_polnear_train.jsonl", "en")):
        path = SHARED / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                a = json.loads(line)
                rows.append({"outlet": a.get("publisher") or "Wikinews", "language": lang, "text": a["text"],
                             "published": (a.get("published") or "")[:10]})
    sample = analysis.load_articles(progress=False)
    for art in sample.itertuples():
        rows.append({"outlet": art.outlet or "unknown", "language": art.language, "text": art.text,
                     "published": "2023-09-14"})
    return rows


def write_corpus(n: int, folder: Path) -> float:
    """``n`` article files and a manifest in ``folder``; returns the MB of text written."""
    pool = source_texts()
    (folder / "articles").mkdir(parents=True)
    size = 0
    with open(folder / "articles.csv", "w", encoding="utf-8") as manifest:
        manifest.write("file,outlet,published,language\n")
        for i in range(n):
            src = pool[i % len(pool)]
            k = i // len(pool)
            paragraphs = [p for p in src["text"].split("\n\n") if p.strip()]
            if k:
                # a follow-up version: its own first line, the paragraphs rotated
                r = k % len(paragraphs)
                paragraphs = [f"Fassung {k}, Meldung {i}." if src["language"] == "de" else f"Version {k}, item {i}."] \
                    + paragraphs[r:] + paragraphs[:r]
            text = "\n\n".join(paragraphs) + "\n"
            name = f"{i:06d}.txt"
            (folder / "articles" / name).write_text(text, encoding="utf-8")
            size += len(text.encode("utf-8"))
            outlet = src["outlet"].replace(",", " ")
            manifest.write(f"{name},{outlet},{src['published']},{src['language']}\n")
    return size / 1e6


def bare_pass(folder: Path) -> float:
    """Read every file, tokenise with one regex, count the words: the floor for any stage."""
    t0 = time.perf_counter()
    counts: collections.Counter = collections.Counter()
    for path in sorted((folder / "articles").iterdir()):
        counts.update(WORD.findall(path.read_text(encoding="utf-8").lower()))
    return time.perf_counter() - t0


STAGE_CODE = {
    "load": "arts = analysis.load_articles(folder, progress=False); arts.to_parquet(cache)",
    "sources": "out = analysis.find_attributions(arts, progress=False)",
    "terms": "out = analysis.term_frequencies(arts)",
    "keyness": "out = analysis.keyness(arts, target=arts['outlet'].value_counts().index[0], min_count=5)",
    "dates": "out = analysis.date_mentions(arts, progress=False)",
    "passages": "out = analysis.shared_passages(arts, progress=False)",
    # per article, as the sparse tidy table (the dense matrix would be N x N)
    "reuse": "out = analysis.reuse_shares(arts, by='article_id', progress=False)",
    "conflicts": "out = analysis.date_conflicts(mentions)",
    "order": "out = analysis.publication_order(arts)",
    # reads the files itself, 2,000 at a time: its peak memory is the streaming path's
    "stream": "import analysis.stream; out = analysis.stream.stream_counts(folder, chunk_size=2000, progress=False)",
}


# run before the clock starts: what a stage takes as input besides the articles
STAGE_SETUP = {"conflicts": "mentions = analysis.date_mentions(arts, progress=False)"}


def run_stage(stage: str, folder: Path, cache: Path) -> dict:
    """One stage in a fresh process: its wall seconds, the process's peak memory and the
    largest peak of its worker processes (sources and dates run on every core)."""
    code = f"""
import json, resource, time, warnings, pandas as pd
warnings.simplefilter("ignore")
import analysis
folder, cache = {str(folder)!r}, {str(cache)!r}
# read as the package's cache reads it (pyarrow's pool handed back afterwards)
from analysis.load.tables import read_parquet
arts = None if {stage!r} in ("load", "stream") else read_parquet(cache)
{STAGE_SETUP.get(stage, "")}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t0 = time.perf_counter()
{STAGE_CODE[stage]}
dt = time.perf_counter() - t0
print(json.dumps({{"seconds": dt, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "before_mb": before,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "TQDM_DISABLE": "1"})
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--stages", default=",".join(STAGES), help=f"comma-separated, of {','.join(STAGES)}")
    args = parser.parse_args(argv)
    stages = ["load"] + [s for s in args.stages.split(",") if s in STAGES and s != "load"]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
          f"text: {'training news + sample' if SHARED.exists() else 'the bundled sample only'}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder, cache = Path(tmp) / "corpus", Path(tmp) / "corpus.parquet"
            mb = write_corpus(n, folder)
            bare = bare_pass(folder)
            print(f"\n{n:,} articles, {mb:.1f} MB of text; bare read-tokenise-count pass {bare:.2f} s "
                  f"({mb / bare:.1f} MB/s)")
            print(f"{'stage':10} {'seconds':>9} {'MB/s':>7} {'peak MB':>8} {'worker MB':>10} {'x bare':>7} {'ms/article':>11}")
            for stage in stages:
                r = run_stage(stage, folder, cache)
                if "error" in r:
                    print(f"{stage:10} failed: {r['error']}")
                    continue
                s = r["seconds"]
                workers = f"{r['worker_mb']:10.0f}" if r["worker_mb"] else f"{'-':>10}"
                setup = f"  (peak {r['before_mb']:.0f} MB before the clock started)" if stage in STAGE_SETUP else ""
                print(f"{stage:10} {s:9.1f} {mb / s:7.2f} {r['peak_mb']:8.0f} {workers} {s / bare:7.1f} {1000 * s / n:11.2f}{setup}",
                      flush=True)


if __name__ == "__main__":
    main()
