"""Beyond one machine: the per-article steps on a Dask cluster (``pip install .[dask]``).

Each function takes a ``dask.dataframe.DataFrame`` of articles (the columns
``load_articles`` gives; for example ``dd.read_parquet`` of cached loads, or
``dd.from_pandas(articles, npartitions=...)``) and runs the same function as the pandas path
on every partition, so the rows are the same as ``find_attributions`` or ``date_mentions`` on
the whole frame. Only the small results travel back to the client, never the text::

    from dask.distributed import Client
    import dask.dataframe as dd
    import analysis
    from analysis.cluster import date_mentions_dask, source_reliance_dask

    client = Client("tcp://scheduler:8786")                  # your cluster
    articles = dd.read_parquet("corpus/*.parquet")           # one row per article
    reliance = source_reliance_dask(articles, by="outlet")   # a pandas DataFrame
    dates = date_mentions_dask(articles).compute()

:func:`term_frequencies_dask` makes three passes over the partitions, as the streaming path
does (``analysis.stream``): boilerplate lines and genitive names are decided over the whole
corpus, then counts that add up are summed on the client.
"""
from __future__ import annotations

from functools import partial

import pandas as pd

from .boilerplate import add_line_counts, line_counts, lines_to_skip, repeated_lines
from .dates import DEFAULT_KINDS, date_mentions
from .languages import analysed
from .reliance import source_reliance
from .sources import find_attributions
from .terms import add_counts, frequencies_from_counts, term_counts
from .tokens import genitive_names


def _attributions(part: pd.DataFrame, **options) -> pd.DataFrame:
    # one process per worker already: no pool inside a partition, and no progress bars
    return find_attributions(part, n_jobs=1, progress=False, **options).reset_index(drop=True)


def _dates(part: pd.DataFrame, by: str, kinds) -> pd.DataFrame:
    return date_mentions(part, by=by, kinds=kinds, n_jobs=1, progress=False)


def find_attributions_dask(articles, **options):
    """:func:`analysis.find_attributions` on every partition: a lazy Dask DataFrame."""
    fn = partial(_attributions, **options)
    return articles.map_partitions(fn, meta=fn(articles._meta))


def date_mentions_dask(articles, by: str = "outlet", kinds=DEFAULT_KINDS):
    """:func:`analysis.date_mentions` on every partition: a lazy Dask DataFrame."""
    fn = partial(_dates, by=by, kinds=kinds)
    return articles.map_partitions(fn, meta=fn(articles._meta))


def source_reliance_dask(articles, by: str = "outlet", **options) -> pd.DataFrame:
    """:func:`analysis.source_reliance` of the whole corpus: attributions found on the cluster,
    counted on the client with the articles' ids, groups and word counts (not their text)."""
    attributions = find_attributions_dask(articles, **options).compute()
    columns = [c for c in dict.fromkeys(["article_id", by, "outlet", "n_words", "language"]) if c in articles.columns]
    meta = articles[columns].compute()
    # Dask reads text columns as pyarrow strings with <NA>; pandas' own string dtype counts
    # the same groups with plain integers, as the pandas path does
    meta = meta.astype({c: "str" for c in meta.columns if isinstance(meta[c].dtype, pd.StringDtype)})
    return source_reliance(attributions, meta, by=by)


def _lines(part: pd.DataFrame, by: str) -> list:
    return [line_counts(analysed(part, None), by)]


def _names(part: pd.DataFrame, by: str, skip: dict) -> list:
    return [genitive_names(part, by=by, skip=skip)]


def _counts(part: pd.DataFrame, by: str, stopwords: bool, skip: dict, names: set) -> list:
    return [term_counts(part, by, stopwords=stopwords, skip=skip, names=names)]


def term_frequencies_dask(articles, by: str = "outlet", *, stopwords: bool = True, min_count: int = 1) -> pd.DataFrame:
    """:func:`analysis.term_frequencies` of the whole corpus: three passes over the partitions
    on the cluster, the small partial counts summed on the client."""
    bag = articles.to_delayed()
    import dask

    parts = dask.compute(*[dask.delayed(_lines)(d, by) for d in bag])
    skip = lines_to_skip(repeated_lines(*add_line_counts(x for part in parts for x in part), by), by)
    names = set().union(*[x for part in dask.compute(*[dask.delayed(_names)(d, by, skip) for d in bag]) for x in part])
    parts = [x for part in dask.compute(*[dask.delayed(_counts)(d, by, stopwords, skip, names) for d in bag])
             for x in part]
    return frequencies_from_counts(add_counts(parts, by), by, min_count)
