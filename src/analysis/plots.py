"""One look for every chart: the seaborn theme, fixed colours, captions naming the data.

Outlets keep the same colour in every notebook (:func:`outlet_colors`), and each source
category has one colour everywhere (:data:`CATEGORY_COLORS`).
"""
from __future__ import annotations

import collections

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator
import pandas as pd
import seaborn as sns

from .frames import group_value
from .reliance import reliance_table
from .views import describe_data

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
_GREY = (0.62, 0.62, 0.62)
# Charts draw at most this many outlets; the rest are pooled into one "N other outlets"
# row (the tables behind the charts keep every outlet).
MAX_OUTLETS = 15
DATA_SOURCE = f"Data: {describe_data(None)}, analysis package"   # what captions name; set_data_source changes it


def set_data_source(data=None) -> None:
    """Name the data in every caption from now on (:func:`analysis.views.describe_data`: file
    names, never local paths; the bundled sample when None)."""
    global DATA_SOURCE
    DATA_SOURCE = f"Data: {describe_data(data)}, analysis package"


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

    The same corpus gives the same colours in every notebook. With more outlets than the
    palette has distinct colours (20), ``labels`` is read as one entry per article: the
    outlets with the most articles get the colours, the rest (pooled in the charts) grey.
    """
    labels = [str(label) for label in labels]
    unique = sorted(set(labels))
    if len(unique) > len(_OUTLET_PALETTE):
        coloured = set(ranked_groups(pd.Series(labels).value_counts())[: len(_OUTLET_PALETTE) - 1])
        unique = [u for u in unique if u in coloured]
    colors = {label: _OUTLET_PALETTE[i] for i, label in enumerate(unique)}
    return collections.defaultdict(lambda: _GREY, colors)


def others_label(n: int) -> str:
    return f"{n} other outlets"


def ranked_groups(sizes: pd.Series) -> list:
    """Group names by size, largest first; ties in name order (so runs agree)."""
    sizes = pd.Series(sizes)
    return sorted(sizes.index, key=lambda g: (-float(sizes[g]), str(g)))


def shown_groups(sizes: pd.Series, n: int = MAX_OUTLETS) -> tuple[list, str | None]:
    """The groups a chart draws by name, and the label pooling the others (None when all
    fit: pooling a single outlet would hide its name for nothing)."""
    ranked = ranked_groups(sizes)
    if len(ranked) <= n + 1:
        return ranked, None
    return ranked[:n], others_label(len(ranked) - n)


def _pooled(values: pd.Series, keep, other: str | None) -> pd.Series:
    return values if other is None else values.where(values.isin(keep), other)


def add_caption(fig, text: str | None = None) -> None:
    """The data source (or ``text``), small, under the figure."""
    text = DATA_SOURCE if text is None else text
    fig.text(0.0, -0.02, text, ha="left", va="top", fontsize=8, color="0.35", transform=fig.transFigure)


def articles_per_outlet_chart(articles: pd.DataFrame, ax=None, by: str = "label"):
    """Bars: articles and words per outlet label, or per ``by`` group (the largest
    :data:`MAX_OUTLETS`, the rest pooled)."""
    groups = articles[by].map(group_value)
    colors = outlet_colors(groups)
    keep, other = shown_groups(groups.value_counts())
    counts = (
        articles.assign(_group=_pooled(groups, keep, other))
        .groupby("_group")
        .agg(articles=("article_id", "size"), words=("n_words", "sum"))
        .sort_values("words", ascending=False)
        .reset_index()
    )
    if other:
        counts = pd.concat([counts[counts["_group"] != other], counts[counts["_group"] == other]], ignore_index=True)
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.5 * len(counts) + 1.6), sharey=True)
    for ax, col, xlabel in zip(axes, ["articles", "words"], ["articles", "words in body text"]):
        sns.barplot(data=counts, y="_group", x=col, hue="_group", palette={g: colors[g] for g in counts["_group"]},
                    legend=False, ax=ax)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0].set_title("How much does each outlet contribute to the corpus?")
    add_caption(fig)
    return fig


def set_aside_chart(zones: pd.DataFrame):
    """Stacked bars: pieces the loader set aside from each outlet's bodies (``zone_summary``),
    the outlets with most articles by name and the rest pooled."""
    sizes = zones.groupby("label")["article_id"].nunique()
    keep, other = shown_groups(sizes)
    wide = (zones.assign(label=_pooled(zones["label"].astype(str), keep, other))
            .pivot_table(index="label", columns="zone", values="count", aggfunc="sum", fill_value=0))
    wide = wide.loc[[g for g in keep if g in wide.index] + ([other] if other else [])]
    fig, ax = plt.subplots(figsize=(9, 0.4 * len(wide) + 1.6))
    wide.plot.barh(stacked=True, colormap="Set2", ax=ax)
    ax.invert_yaxis()
    ax.set_title("What did each page wrap around its article?")
    ax.set_xlabel("pieces set aside from the body (count)")
    ax.set_ylabel("")
    ax.legend(title="", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    add_caption(fig)
    return fig


def reliance_chart(reliance: pd.DataFrame, by: str = "outlet", order=None):
    """Stacked bars: each outlet's attributions split by source category (shares)."""
    reliance, other = _pooled_reliance(reliance, by)
    wide = reliance.pivot_table(index=by, columns="category", values="share", observed=False).fillna(0)
    wide = wide[[c for c in CATEGORIES if c in wide.columns]]
    counts = reliance.groupby(by)["count"].sum()
    if order is not None:
        wide = wide.loc[[o for o in order if o in wide.index] + ([other] if other and other not in order else [])]
    elif other:
        wide = wide.loc[[g for g in wide.index if g != other] + [other]]
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
    # beside the plot, outside it: nothing moves however many outlets there are
    fig.legend(*ax.get_legend_handles_labels(), loc="outside right upper", frameon=False, fontsize=8)
    add_caption(fig, DATA_SOURCE + "; n = attributions found by analysis.find_attributions")
    return fig


def _pooled_reliance(reliance: pd.DataFrame, by: str) -> tuple[pd.DataFrame, str | None]:
    """``source_reliance`` rows with the outlets beyond :data:`MAX_OUTLETS` (by articles)
    pooled: counts and words summed, share and rate computed again from them."""
    if reliance.empty:
        return reliance, None
    sizes = reliance.groupby(by, observed=True)[["n_articles", "n_words"]].first()
    keep, other = shown_groups(sizes["n_articles"])
    if other is None:
        return reliance, None
    group = _pooled(reliance[by].astype(str), keep, other)
    pooled_sizes = sizes.groupby(_pooled(sizes.index.to_series().astype(str), keep, other)).sum()
    counts = reliance.assign(**{by: group}).groupby([by, "category"], observed=True)["count"].sum()
    return reliance_table(counts, pooled_sizes, by), other


def anonymous_vs_state_chart(reliance: pd.DataFrame, by: str = "outlet"):
    """Side by side: anonymous officials vs. state media per outlet, per 1,000 words."""
    reliance, _ = _pooled_reliance(reliance, by)
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


# ---------------------------------------------------------------- terms

def _no_data(title: str, what: str):
    """A chart with nothing to draw says so instead of failing."""
    fig, ax = plt.subplots(figsize=(6, 1.6))
    ax.set_axis_off()
    ax.set_title(title, loc="left")
    ax.text(0.0, 0.4, f"Nothing to show: {what}.", transform=ax.transAxes, fontsize=10)
    add_caption(fig)
    return fig


def _pooled_frequencies(freq: pd.DataFrame, by: str) -> tuple[pd.DataFrame, str | None]:
    """``term_frequencies`` rows with the outlets beyond :data:`MAX_OUTLETS` (by words)
    pooled: counts summed per term, rates computed again over the pooled words."""
    words = (freq["count"] * 10_000 / freq["per_10k"]).groupby(freq[by]).first().round()
    keep, other = shown_groups(words)
    if other is None:
        return freq, None
    group = _pooled(freq[by].astype(str), keep, other)
    pooled_words = words.groupby(_pooled(words.index.to_series().astype(str), keep, other)).sum()
    out = (freq.assign(**{by: group}).groupby([by, "term"], sort=False)
           .agg(count=("count", "sum"), n_articles=("n_articles", "sum")).reset_index())
    out["per_10k"] = 10_000 * out["count"] / out[by].map(pooled_words)
    return out, other


def top_terms_chart(freq: pd.DataFrame, by: str = "outlet", n: int = 10, colors=None):
    """Small multiples: each outlet's ``n`` most frequent terms, per 10,000 tokens."""
    if freq.empty:
        return _no_data("Which words does each outlet use most?", "no terms were counted")
    freq, other = _pooled_frequencies(freq, by)
    groups = sorted(g for g in freq[by].unique() if g != other) + ([other] if other else [])
    colors = colors or outlet_colors(groups)
    cols = min(3, len(groups))
    rows = -(-len(groups) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 0.28 * n * rows + 1.2 * rows), squeeze=False)
    for ax, g in zip(axes.flat, groups):
        top = freq[freq[by] == g].nlargest(n, "per_10k")
        ax.barh(top["term"], top["per_10k"], color=colors[g])
        ax.invert_yaxis()
        ax.set_title(g, fontsize=9)
        ax.set_xlabel("uses per 10,000 words")
        ax.tick_params(axis="y", labelsize=8)
    for ax in list(axes.flat)[len(groups):]:
        ax.set_visible(False)
    fig.suptitle("Which words does each outlet use most?", x=0.0, ha="left", fontweight="bold")
    add_caption(fig, DATA_SOURCE + "; stopwords removed, spelling variants joined")
    return fig


def term_heatmap(freq: pd.DataFrame, terms, by: str = "outlet"):
    """Heatmap: chosen terms × outlets, uses per 10,000 words (0 where an outlet never uses it)."""
    chosen = freq[freq["term"].isin(terms)]
    if chosen.empty:
        return _no_data("How often does each outlet use these words?", "none of the terms occurs")
    chosen, other = _pooled_frequencies(freq, by)
    chosen = chosen[chosen["term"].isin(terms)]
    wide = (chosen.pivot_table(index="term", columns=by, values="per_10k", aggfunc="sum")
            .reindex(list(terms)).fillna(0))
    if other and other in wide.columns:
        wide = wide[[c for c in wide.columns if c != other] + [other]]
    fig, ax = plt.subplots(figsize=(1.6 * wide.shape[1] + 2.5, 0.42 * len(wide) + 1.8))
    sns.heatmap(wide, annot=True, fmt=".0f", cmap="rocket_r", cbar_kws={"label": "uses per 10,000 words"}, ax=ax)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title("How often does each outlet use these words?")
    ax.tick_params(axis="x", rotation=20, labelsize=8)
    add_caption(fig)
    return fig


def keyness_chart(key: pd.DataFrame, target: str, n: int = 10):
    """Diverging bars: the terms most over- and under-used by ``target`` (signed G²)."""
    if key.empty:
        return _no_data(f"Which words set {target} apart from the other outlets?", "no terms were compared")
    top = pd.concat([key.nlargest(n, "g2"), key.nsmallest(n, "g2")]).drop_duplicates("term").sort_values("g2")
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(top) + 1.6))
    colors = ["#3969ac" if g > 0 else "#a5aa99" for g in top["g2"]]
    ax.barh(top["term"], top["g2"], color=colors, edgecolor=["black" if s else "none" for s in top["significant"]])
    ax.axvline(0, color="0.3", lw=0.8)
    ax.set_xlabel("log-likelihood G² (positive: used more by the target; outlined: significant after correction)")
    ax.set_title(f"Which words set {target} apart from the other outlets?")
    ax.tick_params(axis="y", labelsize=8)
    add_caption(fig)
    return fig


def reuse_heatmap(matrix: pd.DataFrame):
    """Heatmap: share of each row's body words found in a passage shared with the column."""
    if matrix.empty:
        return _no_data("How much of each article's wording appears in another?", "fewer than two articles")
    note = ""
    if len(matrix) > MAX_OUTLETS + 1:
        # a pooled row would average unlike pairs: show the rows and columns with most reuse
        reuse = matrix.fillna(0).sum(axis=1) + matrix.fillna(0).sum(axis=0)
        keep = ranked_groups(reuse)[:MAX_OUTLETS]
        note = f"; the {MAX_OUTLETS} of {len(matrix)} with the most shared wording"
        matrix = matrix.loc[keep, keep]
    fig, ax = plt.subplots(figsize=(1.5 * matrix.shape[1] + 3, 0.6 * len(matrix) + 1.8))
    sns.heatmap(matrix * 100, annot=True, fmt=".0f", cmap="mako_r", vmin=0, cbar_kws={"label": "% of the row's words"}, ax=ax)
    ax.set_xlabel("found in")
    ax.set_ylabel("")
    ax.set_title("How much of each article's wording appears in another?")
    ax.tick_params(axis="x", rotation=20, labelsize=8)
    ax.tick_params(axis="y", labelsize=8)
    add_caption(fig, DATA_SOURCE + "; passages of 8+ identical consecutive words" + note)
    return fig


# ---------------------------------------------------------------- dates

def coverage_timeline(order: pd.DataFrame, mentions: pd.DataFrame, by: str = "outlet", colors=None,
                      since=None):
    """Per outlet: when it published (points for articles dated to the day or minute, a bar
    over the month or year when only that is known) and the resolved dates its text mentions
    (thin grey bars). One row per outlet, in order of first publication; beyond
    :data:`MAX_OUTLETS` the outlets with fewest articles share one row."""
    import matplotlib.dates as mdates

    colors = colors or outlet_colors(order[by])
    keep, other = shown_groups(order[by].astype(str).value_counts())
    rows = order.assign(_row=_pooled(order[by].astype(str), keep, other))
    groups = list(dict.fromkeys(g for g in rows["_row"] if g != other)) + ([other] if other else [])
    resolved = mentions[mentions["resolved"]]
    if "kind" in resolved:                    # durations and "nowadays" are never placed as dates
        resolved = resolved[resolved["kind"] == "date"]
    if since is not None:
        resolved = resolved[resolved["end_date"] >= pd.Timestamp(since)]
    row_of = dict(zip(rows["article_id"], rows["_row"]))
    fig, ax = plt.subplots(figsize=(10, 0.6 * len(groups) + 1.8))
    for y, g in enumerate(groups):
        mine = rows[rows["_row"] == g]
        said = resolved[resolved["article_id"].map(row_of) == g]
        if len(said):
            start = mdates.date2num(said["start_date"])
            width = mdates.date2num(said["end_date"] + pd.Timedelta(days=1)) - start
            ax.broken_barh(list(zip(start, width)), (y - 0.09, 0.18), color="0.55", alpha=0.7)
        points = mine[mine["precision"].isin(["day", "minute"])]
        if len(points):
            ax.plot(points["earliest"], [y] * len(points), "o", color=colors[g], ms=9 if len(points) < 20 else 5,
                    zorder=3, alpha=1 if len(points) < 20 else 0.5)
        spans = mine[mine["precision"].isin(["month", "year"])]
        if len(spans):
            start = mdates.date2num(spans["earliest"])
            ax.broken_barh(list(zip(start, mdates.date2num(spans["latest"]) - start)), (y - 0.25, 0.5),
                           color=colors[g], alpha=0.45, zorder=2)
        if mine["earliest"].isna().all():
            ax.text(0.01, y, "publication date unknown", transform=ax.get_yaxis_transform(), va="center",
                    fontsize=8, color="0.4")
    ax.set_yticks(range(len(groups)), groups)
    ax.invert_yaxis()
    ax.xaxis_date()
    ax.set_xlabel("date (publication: point = known to the day, wide bar = known only to the month; grey = dates the text mentions)")
    ax.set_title("When did each outlet report, and which days does its text cover?")
    fig.autofmt_xdate()
    add_caption(fig)
    return fig
