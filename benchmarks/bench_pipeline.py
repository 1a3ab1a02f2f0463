"""Print throughput of the sentence splitter, the source detector, term counts,
shared-passage search and date extraction.

Builds a corpus of a few MB by repeating the bundled articles' bodies (with numbered
variations so nothing is cached) and prints MB/s. Target for the splitter: >= 5 MB/s.
"""
from __future__ import annotations

import random
import time

import pandas as pd

import analysis
from analysis.sentences import split_sentences


def main(target_mb: float = 5.0) -> None:
    articles = analysis.load_articles()
    base = "\n\n".join(articles["text"])
    copies = int(target_mb * 1e6 / len(base.encode())) + 1
    corpus = [base.replace("Kim", f"Kim{i % 7}") for i in range(copies)]
    size = sum(len(t.encode()) for t in corpus) / 1e6
    t0 = time.perf_counter()
    n = sum(len(split_sentences(t)) for t in corpus)
    dt = time.perf_counter() - t0
    print(f"sentence splitting: {size:.1f} MB, {n:,} sentences in {dt:.2f} s = {size / dt:.1f} MB/s")
    sources_benchmark(articles)
    big = _shuffled_corpus(articles, 2000)
    mb = big["text"].str.len().sum() / 1e6
    for name, fn in [
        ("term frequencies", lambda: analysis.term_frequencies(big)),
        ("shared passages (8-word shingles)", lambda: analysis.shared_passages(big, min_words=8)),
        ("date mentions", lambda: analysis.date_mentions(big)),
    ]:
        t0 = time.perf_counter()
        out = fn()
        dt = time.perf_counter() - t0
        print(f"{name}: {len(big):,} articles, {mb:.1f} MB, {len(out):,} rows in {dt:.2f} s "
              f"({len(big) / dt:,.0f} articles/s)")


def sources_benchmark(articles: pd.DataFrame) -> None:
    """The source detector on real German news: the German Wikinews training articles in
    ../shared/train when present (1 MB), else the bundled articles repeated. One core, then all."""
    import json
    import os
    from pathlib import Path

    from analysis.sources.lexicons import _stem, lexicon
    from analysis.sources.model import _load

    path = Path(__file__).resolve().parents[2] / "shared" / "train" / "de_wikinews_train.jsonl"
    if path.exists():
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        corpus = pd.DataFrame({"article_id": [r["id"] for r in records], "language": "de",
                               "text": [r["text"] for r in records]})
        what = "German Wikinews (../shared/train)"
    else:
        corpus = articles.loc[articles.index.repeat(40)].reset_index(drop=True)
        corpus["article_id"] = [f"a{i}" for i in range(len(corpus))]
        what = "bundled articles x 40"
    mb = corpus["text"].str.encode("utf-8").str.len().sum() / 1e6
    for n_jobs in (1, os.cpu_count() or 1):
        # fresh models, warmed on 50 articles only: word caches start nearly empty in every
        # run (worker processes are forked and would otherwise inherit the previous run's)
        _load.cache_clear()
        lexicon.cache_clear()
        _stem.cache_clear()
        analysis.find_attributions(corpus.head(50), n_jobs=1)
        t0 = time.perf_counter()
        att = analysis.find_attributions(corpus, n_jobs=n_jobs, progress=False)
        dt = time.perf_counter() - t0
        print(f"source detection, {what}: {len(corpus):,} articles, {mb:.2f} MB, {len(att):,} attributions "
              f"in {dt:.1f} s = {mb / dt:.2f} MB/s with {n_jobs} process(es) ({mb / dt / n_jobs:.2f} MB/s per core)")


def _shuffled_corpus(articles: pd.DataFrame, n: int) -> pd.DataFrame:
    """``n`` articles of ~450 random words from the samples' vocabulary, each carrying two of
    their real sentences: mostly original text with some reused copy, as in a news corpus."""
    rng = random.Random(0)
    pool = [t[s:e] for t in articles["text"] for s, e in split_sentences(t)]
    vocab = sorted({w for t in articles["text"] for w in t.split()})
    texts = [" ".join(rng.choices(vocab, k=200)) + " " + " ".join(rng.sample(pool, 2)) + " "
             + " ".join(rng.choices(vocab, k=200)) for _ in range(n)]
    return pd.DataFrame({"article_id": [f"b{i}" for i in range(n)], "outlet": [f"outlet {i % 12}" for i in range(n)],
                         "language": "de", "text": texts, "published": pd.Timestamp("2023-09-14"),
                         "published_precision": "day"})


if __name__ == "__main__":
    main()
