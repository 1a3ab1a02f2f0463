"""The per-article steps on a local dask.distributed cluster give the pandas results."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


def test_the_pipeline_on_a_local_cluster_equals_pandas(articles):
    from analysis.cluster import date_mentions_dask, find_attributions_dask, source_reliance_dask, term_frequencies_dask

    many = pd.concat([articles.assign(article_id=articles["article_id"] + f"-{k}",
                                      label=articles["label"] + (" (copy)" if k % 2 else ""))
                      for k in range(6)], ignore_index=True)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        parts = dd.from_pandas(many, npartitions=4)
        att = find_attributions_dask(parts).compute().reset_index(drop=True)
        dates = date_mentions_dask(parts, by="label").compute().reset_index(drop=True)
        reliance = source_reliance_dask(parts, by="label")
        terms = term_frequencies_dask(parts, by="label")
    pd.testing.assert_frame_equal(att, analysis.find_attributions(many, n_jobs=1))
    pd.testing.assert_frame_equal(dates, analysis.date_mentions(many, by="label", n_jobs=1))
    expected = analysis.source_reliance(analysis.find_attributions(many, n_jobs=1), many, by="label")
    pd.testing.assert_frame_equal(reliance, expected)
    pd.testing.assert_frame_equal(terms, analysis.term_frequencies(many, by="label"), check_dtype=False)
    assert len(att) > 100 and reliance["count"].sum() > 0 and len(terms) > 500
