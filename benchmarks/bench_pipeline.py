"""Print throughput of the sentence splitter and the attribution detector.

Builds a corpus of a few MB by repeating the bundled articles' bodies (with numbered
variations so nothing is cached) and prints MB/s. Target for the splitter: >= 5 MB/s.
"""
from __future__ import annotations

import time

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


if __name__ == "__main__":
    main()
