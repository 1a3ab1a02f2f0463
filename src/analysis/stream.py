"""Corpora larger than memory: read articles in chunks and keep only counts.

:func:`stream_counts` reads a folder or a table chunk by chunk (:func:`analysis.load.iter_articles`),
finds attributions and date mentions in each chunk, and keeps per group only what adds up:
attributions per category, articles and words, and resolved dates per span. No chunk's text
is kept after it is counted. The tables equal the in-memory ones (:func:`source_reliance`,
:func:`date_counts` of :func:`date_mentions`).

:func:`stream_term_frequencies` reads the corpus three times, because three things are decided
over all of it: the lines an outlet repeats (boilerplate), the capitalised German words whose
-s forms are genitives, and then the counts, which add up over chunks.
"""
from __future__ import annotations

import pandas as pd

from .dates import DEFAULT_KINDS, date_mentions
from .frames import compare_by
from .languages import analysed
from .load import iter_articles
from .reliance import reliance_table, source_reliance
from .boilerplate import add_line_counts, line_counts, lines_to_skip, repeated_lines
from .sources import find_attributions
from .terms import add_counts, frequencies_from_counts, term_counts
from .tokens import genitive_names

DATE_COUNT_COLUMNS = ["kind", "precision", "start_date", "end_date", "count"]
_LISTS = ["headings", "captions", "credits", "cited_sources", "notes"]      # not kept per article


def date_counts(mentions: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """How often each group's texts mention each resolved span: ``by``, ``kind``,
    ``precision``, ``start_date``, ``end_date``, ``count`` (from :func:`date_mentions`, whose
    group column is ``outlet``)."""
    resolved = mentions[mentions["resolved"]]
    counts = (resolved.groupby(["outlet", "kind", "precision", "start_date", "end_date"]).size()
              .rename("count").reset_index().rename(columns={"outlet": by}))
    return counts.sort_values([by, "start_date", "end_date", "precision", "kind"], ignore_index=True)


def stream_counts(path=None, *, by: str = "outlet", chunk_size: int = 1000, n_jobs: int | None = None,
                  kinds=DEFAULT_KINDS, progress: bool | None = None, **load_options) -> dict[str, pd.DataFrame]:
    """Source reliance and date counts of a corpus read ``chunk_size`` articles at a time.

    Returns ``{"source_reliance": …, "date_counts": …, "articles": …}``: the first two as
    :func:`source_reliance` and :func:`date_counts` would give on the whole corpus, the last
    one row per article without its text and the pieces set aside from it (id, outlet, label,
    language, dates, words), with the load report in its ``attrs``.
    """
    reliance_parts, date_parts, article_parts = [], [], []
    last = None
    for i, arts in enumerate(iter_articles(path, chunk_size=chunk_size, progress=progress, **load_options)):
        # the load report so far rides on every chunk; only the last one is kept
        report, arts.attrs = arts.attrs.get("load_report", ()), {}
        arts = compare_by(arts, by)
        attributions = find_attributions(arts, n_jobs=n_jobs, progress=False)
        part = source_reliance(attributions, arts, by=by)
        reliance_parts.append(part.assign(_chunk=i))
        date_parts.append(date_counts(date_mentions(arts, by=by, kinds=kinds, n_jobs=n_jobs, progress=False), by))
        article_parts.append(_compact(arts.drop(columns=["text", *_LISTS])))
        last = report
    if last is None:
        return {"source_reliance": pd.DataFrame(), "date_counts": pd.DataFrame(), "articles": pd.DataFrame()}
    articles = pd.concat(article_parts, ignore_index=True)
    articles.attrs["load_report"] = last
    return {"source_reliance": _combine_reliance(pd.concat(reliance_parts, ignore_index=True), by),
            "date_counts": _combine_dates(pd.concat(date_parts, ignore_index=True), by),
            "articles": articles}


def _compact(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns of text held as Arrow strings, not one Python object per row: a million
    articles' ids, outlets and titles then take tens of MB, and they do not pin the memory of
    the chunks' text between them."""
    out = frame.copy()
    for name in out.columns[out.dtypes == object]:
        if pd.api.types.infer_dtype(out[name], skipna=True) in ("string", "empty"):
            out[name] = out[name].astype("str")
    return out


def _combine_reliance(parts: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per-chunk reliance tables summed: counts per category, articles and words per group
    (each chunk repeats its group sizes on every category row)."""
    counts = parts.groupby([by, "category"], observed=True)["count"].sum()
    sizes = parts.drop_duplicates(["_chunk", by]).groupby(by)[["n_articles", "n_words"]].sum()
    return reliance_table(counts, sizes, by)


def _combine_dates(parts: pd.DataFrame, by: str) -> pd.DataFrame:
    if parts.empty:
        return pd.DataFrame(columns=[by, *DATE_COUNT_COLUMNS])
    keys = [by, "kind", "precision", "start_date", "end_date"]
    out = parts.groupby(keys)["count"].sum().reset_index()
    return out.sort_values([by, "start_date", "end_date", "precision", "kind"], ignore_index=True)


def stream_term_frequencies(path=None, *, by: str = "outlet", chunk_size: int = 1000, stopwords: bool = True,
                            min_count: int = 1, **load_options) -> pd.DataFrame:
    """:func:`term_frequencies` of a corpus read ``chunk_size`` articles at a time (three
    passes; see the module's docstring). Equal to the in-memory table."""
    def chunks():
        for arts in iter_articles(path, chunk_size=chunk_size, progress=False, **load_options):
            yield compare_by(arts, by)

    counted = add_line_counts(line_counts(analysed(arts, None), by) for arts in chunks())   # 1: repeated lines
    skip = lines_to_skip(repeated_lines(*counted, by), by)
    names: set = set()
    for arts in chunks():                                     # 2: names whose -s is a genitive
        names |= genitive_names(arts, by=by, skip=skip)
    parts = [term_counts(arts, by, stopwords=stopwords, skip=skip, names=names) for arts in chunks()]   # 3: counts
    return frequencies_from_counts(add_counts(parts, by), by, min_count) if parts else pd.DataFrame()
