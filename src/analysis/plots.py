"""One look for every chart: the seaborn theme, fixed colours, captions naming the data.

Outlets keep the same colour in every notebook (:func:`outlet_colors`), and each source
category has one colour everywhere (:data:`CATEGORY_COLORS`).
"""
from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator
import pandas as pd
import seaborn as sns

CATEGORIES = [
    "anonymous_official", "named_official", "state_media", "other_media",
    "expert", "document", "other",
]
CATEGORY_LABELS = {
    "anonymous_official": "Anonymous officials",
    "named_official": "Named officials",
    "state_media": "State media",
    "other_media": "Other media",
    "expert": "Experts",
    "document": "Documents",
    "other": "Others",
}
CATEGORY_COLORS = {
    "anonymous_official": "#7f3c8d",
    "named_official": "#3969ac",
    "state_media": "#e73f74",
    "other_media": "#f2b701",
    "expert": "#11a579",
    "document": "#80ba5a",
    "other": "#a5aa99",
}
_OUTLET_PALETTE = sns.color_palette("colorblind", 10) + sns.color_palette("dark", 10)
DATA_SOURCE = "Data: bundled sample articles (data/articles), analysis package"


def set_theme() -> None:
    """The project's seaborn theme; call once at the top of a notebook."""
    sns.set_theme(context="notebook", style="whitegrid", font_scale=0.95)
    plt.rcParams.update({
        "figure.dpi": 110, "savefig.dpi": 150, "axes.titleweight": "bold",
        "axes.titlelocation": "left", "axes.spines.top": False, "axes.spines.right": False,
        "figure.constrained_layout.use": True,
    })


def outlet_colors(labels) -> dict[str, tuple]:
    """A fixed colour per outlet label: the labels sorted, then the palette in order.

    The same corpus gives the same colours in every notebook.
    """
    unique = sorted({str(label) for label in labels})
    return {label: _OUTLET_PALETTE[i % len(_OUTLET_PALETTE)] for i, label in enumerate(unique)}


def add_caption(fig, text: str = DATA_SOURCE) -> None:
    """The data source, small, under the figure."""
    fig.text(0.0, -0.02, text, ha="left", va="top", fontsize=8, color="0.35", transform=fig.transFigure)


def articles_per_outlet_chart(articles: pd.DataFrame, ax=None):
    """Bars: articles and words per outlet label."""
    counts = (
        articles.groupby("label")
        .agg(articles=("article_id", "size"), words=("n_words", "sum"))
        .sort_values("words", ascending=False)
        .reset_index()
    )
    colors = outlet_colors(articles["label"])
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.5 * len(counts) + 1.6), sharey=True)
    for ax, col, xlabel in zip(axes, ["articles", "words"], ["articles", "words in body text"]):
        sns.barplot(data=counts, y="label", x=col, hue="label", palette=colors, legend=False, ax=ax)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0].set_title("How much does each outlet contribute to the corpus?")
    add_caption(fig)
    return fig


def reliance_chart(reliance: pd.DataFrame, by: str = "outlet", order=None):
    """Stacked bars: each outlet's attributions split by source category (shares)."""
    wide = reliance.pivot_table(index=by, columns="category", values="share", observed=False).fillna(0)
    wide = wide[[c for c in CATEGORIES if c in wide.columns]]
    counts = reliance.groupby(by)["count"].sum()
    if order is not None:
        wide = wide.loc[[o for o in order if o in wide.index]]
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(wide) + 1.8))
    left = pd.Series(0.0, index=wide.index)
    for cat in wide.columns:
        ax.barh(wide.index, wide[cat], left=left, color=CATEGORY_COLORS[cat], label=CATEGORY_LABELS[cat])
        left += wide[cat]
    ax.set_yticks(range(len(wide)), [f"{i}  (n={counts[i]})" for i in wide.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:.0%}"))
    ax.set_xlabel("share of the outlet's attributions (%)")
    ax.set_title("Whom does each outlet rely on?")
    ax.legend(ncol=4, bbox_to_anchor=(0, -0.18 - 0.02 * len(wide)), loc="upper left", frameon=False, fontsize=8)
    add_caption(fig, DATA_SOURCE + "; n = attributions found by analysis.find_attributions")
    return fig


def anonymous_vs_state_chart(reliance: pd.DataFrame, by: str = "outlet"):
    """Side by side: anonymous officials vs. state media per outlet, per 1,000 words."""
    focus = reliance[reliance["category"].isin(["anonymous_official", "state_media"])].copy()
    focus["category"] = focus["category"].astype(str).map(CATEGORY_LABELS)
    palette = {CATEGORY_LABELS[k]: CATEGORY_COLORS[k] for k in ("anonymous_official", "state_media")}
    fig, ax = plt.subplots(figsize=(9, 0.6 * focus[by].nunique() + 1.5))
    sns.barplot(data=focus, y=by, x="per_1000_words", hue="category", palette=palette, ax=ax)
    ax.set_xlabel("attributions per 1,000 words of body text")
    ax.set_ylabel("")
    ax.set_title("Who leans on unnamed officials, who on state media?")
    ax.legend(title="", frameon=False)
    add_caption(fig)
    return fig
