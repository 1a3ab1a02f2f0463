"""Charts stay readable from 2 to 60 outlets: the largest outlets by name, the rest pooled into
one row whose figures are computed again from the pooled counts, no repeated labels, and one
colour per outlet shared by every chart."""
from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import analysis
from analysis import plots

matplotlib.use("Agg")
N_OUTLETS = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> pd.DataFrame:
    """60 outlets with 1 to 4 articles each, cut from the sample's sentences, dated over a month."""
    sample = analysis.load_articles()
    sentences = [s for s in analysis.sentences(sample)["sentence"] if len(s.split()) > 6]
    rows, k = [], 0
    for i in range(N_OUTLETS):
        for j in range(1 + i % 4):
            # the loader sets aside repeated texts: each article starts with its own line
            body = f"Ausgabe {k} vom Tag. " + " ".join(sentences[(k * 7 + n) % len(sentences)] for n in range(12))
            rows.append({"id": f"o{i:02d}-{j}", "publisher": f"Outlet {i:02d}", "language": "de",
                         "date": f"2023-09-{1 + (i + j) % 28:02d}" if i % 10 else "2023-09", "text": body})
            k += 1
    path = tmp_path_factory.mktemp("many") / "many.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")      # 60 outlets the outlet table does not know
        articles = analysis.load_articles(path, progress=False)
    assert len(articles) == len(rows)
    return articles


def _ylabels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_per_outlet_charts_show_the_largest_and_pool_the_rest(corpus):
    att = analysis.find_attributions(corpus, n_jobs=1)
    reliance = analysis.source_reliance(att, corpus, by="label")
    shown = plots.MAX_OUTLETS
    pooled = plots.others_label(N_OUTLETS - shown)
    # the 15 outlets with most articles (4 each, then 3 …; ties by name) are drawn by name
    sizes = corpus["label"].value_counts()
    expected = plots.ranked_groups(sizes)[:shown]
    assert sizes[expected].min() >= sizes.drop(expected).max()

    fig = plots.reliance_chart(reliance, by="label")
    labels = _ylabels(fig.axes[0])
    assert len(labels) == shown + 1 and len(set(labels)) == len(labels)
    assert labels[-1].startswith(pooled)
    assert {lab.split("  (n=")[0] for lab in labels[:-1]} == set(expected)
    assert fig.get_size_inches()[1] < 14
    # the pooled row's share is computed again from the pooled counts, not averaged
    rest = reliance[~reliance["label"].isin(expected)]
    counts = rest.groupby("category", observed=True)["count"].sum()
    bars = [p for p in fig.axes[0].patches if round(p.get_y() + p.get_height() / 2) == shown]
    widths = sorted(round(p.get_width(), 6) for p in bars if p.get_width() > 0)
    assert widths == sorted(round(c / counts.sum(), 6) for c in counts if c > 0)
    plt.close(fig)

    fig = plots.articles_per_outlet_chart(corpus)
    labels = _ylabels(fig.axes[0])
    assert len(labels) == shown + 1 and labels[-1] == pooled
    bars = {lab: p.get_width() for lab, p in zip(labels, fig.axes[0].patches)}
    assert bars[pooled] == len(corpus) - sizes[expected].sum()
    plt.close(fig)

    fig = plots.anonymous_vs_state_chart(reliance, by="label")
    assert len(_ylabels(fig.axes[0])) <= shown + 1
    plt.close(fig)


def test_term_and_date_charts_scale(corpus):
    freq = analysis.term_frequencies(corpus, by="label")
    fig = plots.top_terms_chart(freq, by="label", colors=plots.outlet_colors(corpus["label"]))
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert len(titles) == plots.MAX_OUTLETS + 1 and len(set(titles)) == len(titles)
    plt.close(fig)
    terms = list(freq.groupby("term")["count"].sum().nlargest(5).index)
    fig = plots.term_heatmap(freq, terms, by="label")
    assert len(fig.axes[0].get_xticklabels()) == plots.MAX_OUTLETS + 1
    plt.close(fig)

    order = analysis.publication_order(corpus, by="label")
    mentions = analysis.date_mentions(corpus, by="label")
    fig = plots.coverage_timeline(order, mentions, by="label")
    labels = _ylabels(fig.axes[0])
    assert len(labels) == plots.MAX_OUTLETS + 1 and len(set(labels)) == len(labels)
    assert fig.get_size_inches()[1] < 14
    plt.close(fig)

    fig = plots.reuse_heatmap(analysis.reuse_matrix(corpus, by="label"))
    assert len(fig.axes[0].get_yticklabels()) == plots.MAX_OUTLETS
    plt.close(fig)


def test_colours_are_distinct_for_the_outlets_drawn(corpus):
    colors = plots.outlet_colors(corpus["label"])
    drawn = plots.ranked_groups(corpus["label"].value_counts())[: plots.MAX_OUTLETS]
    assert len({colors[g] for g in drawn}) == len(drawn)
    assert colors[plots.others_label(45)] == colors["an outlet never seen"]      # pooled: grey
    # few outlets: every one drawn by name, nothing pooled, colours as before (sorted labels)
    two = corpus[corpus["label"].isin(["Outlet 00", "Outlet 01"])]
    assert plots.shown_groups(two["label"].value_counts())[1] is None
    assert plots.outlet_colors(two["label"])["Outlet 00"] == plots.outlet_colors(["Outlet 00"])["Outlet 00"]


def test_long_tables_are_cut_with_a_note():
    frame = pd.DataFrame({"outlet": [f"Outlet {i}" for i in range(165)], "count": range(165)})
    html = analysis.html_table(frame).to_html()
    assert html.count("<tr>") == analysis.views.MAX_ROWS + 1       # header and the first rows
    assert "The first 100 of 165 rows" in html and "Outlet 99" in html and "Outlet 100<" not in html
    assert analysis.html_table(frame, max_rows=None).to_html().count("<tr>") == 166
    assert "rows" not in analysis.html_table(frame.head(3)).to_html()
