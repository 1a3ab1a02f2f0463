"""Corpus overview tables: what was loaded, how precisely it is dated, what was set aside."""
from __future__ import annotations

import pandas as pd

ZONES = ["headings", "captions", "credits", "cited_sources", "notes"]
_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d", "minute": "%Y-%m-%d %H:%M"}


def format_published(published, precision) -> str:
    """A date written only as precisely as it is known: "2023-09", not "2023-09-01"."""
    if pd.isna(published) or not precision:
        return "unknown"
    return published.strftime(_FORMATS.get(precision, "%Y-%m-%d %H:%M"))


def corpus_overview(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: label, outlet and how it is known, date at its precision, words."""
    out = articles[["article_id", "label", "outlet", "outlet_evidence", "language", "n_words"]].copy()
    out["published"] = [
        format_published(p, q) for p, q in zip(articles["published"], articles["published_precision"])
    ]
    out["precision"] = articles["published_precision"].fillna("unknown")
    out["title"] = articles["title"].fillna("")
    return out


def zone_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Tidy counts of what the loader set aside from each body: one row per article × zone."""
    rows = []
    for art in articles.itertuples():
        for zone in ZONES:
            items = getattr(art, zone) or []
            rows.append((art.article_id, art.label, zone, len(items), " | ".join(items)))
    return pd.DataFrame(rows, columns=["article_id", "label", "zone", "count", "examples"])


def set_aside(articles: pd.DataFrame) -> pd.DataFrame:
    """Every piece kept out of the body, one row each: article, zone, the text."""
    rows = [
        (art.article_id, art.label, zone, item)
        for art in articles.itertuples()
        for zone in ["title", "kicker", *ZONES]
        for item in ([getattr(art, zone)] if zone in ("title", "kicker") else getattr(art, zone) or [])
        if item
    ]
    return pd.DataFrame(rows, columns=["article_id", "label", "zone", "text"])
