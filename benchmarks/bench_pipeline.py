"""Print throughput of the sentence splitter, the attribution detector, term counts,
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
    sample = articles.loc[articles.index.repeat(40)].reset_index(drop=True)
    sample["article_id"] = [f"a{i}" for i in range(len(sample))]
    mb = sample["text"].str.len().sum() / 1e6
    t0 = time.perf_counter()
    att = analysis.find_attributions(sample)
    dt = time.perf_counter() - t0
    print(f"attribution detection: {len(sample)} articles, {mb:.2f} MB, {len(att):,} attributions "
          f"in {dt:.2f} s = {mb / dt:.2f} MB/s ({len(sample) / dt:.0f} articles/s)")
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
