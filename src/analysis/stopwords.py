"""Stopwords: words left out of term counts (the stop-words package's lists plus the news
words of ``data/stopwords_news.tsv``)."""
from __future__ import annotations

from functools import lru_cache

from .lexicon import read_tsv


@lru_cache(maxsize=None)
def stopword_set(language: str) -> frozenset[str]:
    """Stopwords: the stop-words package's list plus ``data/stopwords_news.tsv``."""
    from stop_words import get_stop_words

    words = {w.lower() for w in get_stop_words(language)}
    news = read_tsv("stopwords_news.tsv")
    words |= set(news.loc[news["language"] == language, "word"].str.lower())
    return frozenset(words)
