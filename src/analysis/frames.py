"""Checks and shared helpers for the frames public functions receive: one clear message for a
missing column, one rule for grouping rows by outlet."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def require_columns(frame: pd.DataFrame, columns: Iterable[str], where: str, *, made_by: str = "analysis.load_articles") -> None:
    """Raise ``ValueError`` naming every column of ``columns`` that ``frame`` lacks, and, for a
    frame of articles (``made_by`` load_articles, with ``article_id``), a repeated id: results
    are joined back to articles by id, so a repeat would merge two articles."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        have = ", ".join(map(str, frame.columns)) or "none"
        raise ValueError(f"{where} needs the column(s) {', '.join(repr(c) for c in missing)}, which this frame "
                         f"lacks (it has: {have}); frames made by {made_by} have them")
    if made_by == "analysis.load_articles" and "article_id" in frame.columns and not frame["article_id"].is_unique:
        counts = frame["article_id"].value_counts()
        repeated = counts[counts > 1]
        raise ValueError(f"{where}: article_id repeats ({', '.join(f'{i!r} {n} times' for i, n in repeated.head(3).items())}"
                         f"{' …' if len(repeated) > 3 else ''}); ids must be unique (load_articles makes them so)")


def group_value(value) -> str:
    """A row's group (its outlet, label …) as text; articles without one are grouped as
    "unknown", never silently dropped."""
    return "unknown" if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)


def compare_by(articles: pd.DataFrame, by: str) -> pd.DataFrame:
    """``articles`` ready to be compared by the column ``by``: the column must exist (one
    error naming the columns there are), and its missing values read "unknown", as every
    grouping function writes them, so charts, colours and tables agree."""
    if by not in articles.columns:
        raise ValueError(f"cannot compare by {by!r}: the articles have no such column "
                         f"(they have: {', '.join(map(str, articles.columns))})")
    return articles.assign(**{by: articles[by].map(group_value)})
