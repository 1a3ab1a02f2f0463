"""Lines an outlet repeats across its articles ("Like this story? Share it", "Follow us on
Twitter", "The Associated Press contributed to this report"): page furniture, not wording.

Term counts leave them out and say so; :func:`boilerplate_lines` lists them for a reader.
"""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from .frames import group_value

MIN_ARTICLES = 3        # a line in at least this many of one outlet's articles ...
MIN_SHARE = 0.2         # ... and in at least this share of them
MAX_CHARS = 200         # longer lines are reporting, even when an outlet reuses them


def _lines(text: str):
    """(start, end, normalised line) for each non-empty line of a text."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped) <= MAX_CHARS:
            start = pos + line.index(stripped[0])
            yield start, start + len(stripped), re.sub(r"\s+", " ", stripped).lower()
        pos += len(line) + 1


def line_counts(articles: pd.DataFrame, by: str = "outlet") -> tuple[dict, dict]:
    """Per ``by`` group: its number of articles, and in how many of them each short line
    occurs. Both add up over chunks of a corpus (:func:`repeated_lines` decides on the sums)."""
    if articles.empty or "text" not in articles:
        return {}, {}
    # grouped as the term counts group ("unknown" for a missing outlet, never dropped)
    groups = articles[by].map(group_value) if by in articles else pd.Series("unknown", index=articles.index)
    sizes, counts = {}, {}
    for group, texts in articles["text"].groupby(groups):
        sizes[group] = len(texts)
        counts[group] = Counter(line for text in texts for line in {n for *_, n in _lines(str(text))})
    return sizes, counts


def add_line_counts(parts) -> tuple[dict, dict]:
    """The sum of :func:`line_counts` of disjoint chunks of a corpus."""
    sizes: dict = {}
    counts: dict = {}
    for n, c in parts:
        for group in n:
            sizes[group] = sizes.get(group, 0) + n[group]
            counts.setdefault(group, Counter()).update(c[group])
    return sizes, counts


def lines_to_skip(furniture: pd.DataFrame, by: str = "outlet") -> dict[str, set[str]]:
    """group -> the lines left out of its term counts, from :func:`repeated_lines`."""
    return furniture.groupby(by)["line"].agg(set).to_dict() if len(furniture) else {}


def repeated_lines(sizes: dict, counts: dict, by: str = "outlet") -> pd.DataFrame:
    """The lines each group repeats across its articles, from :func:`line_counts`."""
    rows = []
    for group in sorted(sizes):
        n_texts = sizes[group]
        if n_texts < MIN_ARTICLES:
            continue
        rows += [(group, line, int(n), n / n_texts) for line, n in counts[group].items()
                 if n >= MIN_ARTICLES and n >= MIN_SHARE * n_texts]
    return pd.DataFrame(rows, columns=[by, "line", "n_articles", "share"]).sort_values(
        [by, "n_articles", "line"], ascending=[True, False, True], ignore_index=True)


def boilerplate_lines(articles: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """One row per line that one ``by`` group repeats across its articles: ``by``, ``line``
    (lower case, spaces joined), ``n_articles``, ``share`` of the group's articles."""
    return repeated_lines(*line_counts(articles, by), by=by)


def boilerplate_spans(text: str, lines: set[str]) -> list[tuple[int, int]]:
    """Character spans of ``text`` whose line is one of ``lines``."""
    return [(s, e) for s, e, n in _lines(text) if n in lines]
