"""Every public function takes an empty frame and an article with empty text, and a frame
missing a column gets one message naming it (not a bare KeyError deep inside)."""
from __future__ import annotations

import warnings

import matplotlib
import pandas as pd
import pytest

import analysis
from analysis import plots

matplotlib.use("Agg")


def _steps(arts: pd.DataFrame) -> dict:
    att = analysis.find_attributions(arts)
    freq = analysis.term_frequencies(arts, by="label")
    mentions = analysis.date_mentions(arts, by="label")
    order = analysis.publication_order(arts, by="label")
    reliance = analysis.source_reliance(att, arts, by="label")
    return {
        "sentences": lambda: analysis.sentences(arts),
        "tokens": lambda: analysis.tokens(arts),
        "concordance": lambda: analysis.concordance(arts, "Kim"),
        "shared_passages": lambda: analysis.shared_passages(arts),
        "reuse_matrix": lambda: analysis.reuse_matrix(arts, by="label"),
        "date_conflicts": lambda: analysis.date_conflicts(mentions),
        "evidence_table": lambda: analysis.evidence_table(att, arts, by="label").to_html(),
        "reliance_chart": lambda: plots.reliance_chart(reliance, by="label"),
        "anonymous_vs_state_chart": lambda: plots.anonymous_vs_state_chart(reliance, by="label"),
        "top_terms_chart": lambda: plots.top_terms_chart(freq, by="label"),
        "term_heatmap": lambda: plots.term_heatmap(freq, ["Kim"], by="label"),
        "keyness_chart": lambda: plots.keyness_chart(freq.iloc[:0].assign(g2=[], significant=[]), target="x"),
        "reuse_heatmap": lambda: plots.reuse_heatmap(analysis.reuse_matrix(arts, by="label")),
        "coverage_timeline": lambda: plots.coverage_timeline(order, mentions, by="label"),
        "articles_per_outlet_chart": lambda: plots.articles_per_outlet_chart(arts),
    }


@pytest.mark.parametrize("kind", ["no articles", "one article with empty text"])
def test_public_functions_take_empty_input(articles, kind):
    arts = articles.iloc[:0] if kind == "no articles" else articles.iloc[:1].assign(text="", n_words=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        steps = _steps(arts)
        for name, step in steps.items():
            step()                                   # no exception
    assert analysis.source_reliance(analysis.find_attributions(arts), arts, by="label")["count"].sum() == 0


USER_BUILT = pd.DataFrame({"article_id": ["a"], "text": ["Der Minister sagte am 14. September 2023, es gehe voran."]})


@pytest.mark.parametrize("call, column", [
    (lambda: analysis.find_attributions(USER_BUILT.drop(columns="text")), "'text'"),
    (lambda: analysis.term_frequencies(USER_BUILT.drop(columns="article_id")), "'article_id'"),
    (lambda: analysis.publication_order(USER_BUILT), "'published'"),
    (lambda: analysis.source_reliance(analysis.find_attributions(USER_BUILT), USER_BUILT), "'n_words'"),
    (lambda: analysis.date_mentions(USER_BUILT.rename(columns={"text": "body"})), "'text'"),
])
def test_a_missing_column_is_named(call, column):
    with pytest.raises(ValueError, match=rf"needs the column\(s\) .*{column}.*lacks \(it has: "):
        call()


def test_a_user_built_frame_with_text_only_works_where_nothing_more_is_needed():
    assert len(analysis.find_attributions(USER_BUILT)) == 1
    assert analysis.term_frequencies(USER_BUILT)["term"].str.contains("Minister").any()
    assert len(analysis.date_mentions(USER_BUILT)) == 1


def test_repeated_ids_in_a_user_built_frame_are_refused(articles):
    twice = pd.concat([articles.iloc[:2], articles.iloc[:1]])
    for call in (lambda: analysis.find_attributions(twice), lambda: analysis.term_frequencies(twice),
                 lambda: analysis.source_reliance(analysis.find_attributions(articles), twice)):
        with pytest.raises(ValueError, match="article_id repeats"):
            call()
