"""Source reliance per outlet: counts, shares and rates of each source category."""
from __future__ import annotations

import html

import pandas as pd

from .frames import require_columns
from .sources.categories import CATEGORIES
from .views import html_table


def source_reliance(attributions: pd.DataFrame, articles: pd.DataFrame, by: str = "outlet", *,
                    own_outlet: bool = False, optional: bool = True) -> pd.DataFrame:
    """Counts, shares and attributions per 1,000 words for each ``by`` group × category.

    Every group of ``articles`` appears with every category, zeros included. ``by`` is a
    column of ``articles`` (``outlet``, ``label``, ``article_id`` ...); articles whose
    ``by`` is missing are grouped under their ``label`` so nothing drops out.
    The publishing outlet citing its own reporting is not reliance on a source and is left
    out unless ``own_outlet=True``; ``optional=False`` also leaves out the attributions the
    spec calls optional (pronouns, role nouns referring back).
    Columns: ``by``, ``category``, ``count``, ``share`` (of that group's attributions),
    ``per_1000_words``, ``n_articles``, ``n_words``.
    """
    require_columns(articles, ["article_id", by, "n_words"], "source_reliance (articles)")
    require_columns(attributions, ["article_id", "category"], "source_reliance (attributions)",
                    made_by="analysis.find_attributions")
    columns = [by, "category", "count", "share", "per_1000_words", "n_articles", "n_words"]
    if articles.empty:
        return pd.DataFrame(columns=columns)
    if not own_outlet and "own_outlet" in attributions:
        attributions = attributions[~attributions["own_outlet"].astype(bool)]
    if not optional and "optional" in attributions:
        attributions = attributions[~attributions["optional"].astype(bool)]
    arts = articles.copy()
    key = arts[by].astype(object)
    if "label" in arts:
        key = key.where(key.notna(), arts["label"])
    arts["_group"] = key.fillna("unknown").astype(str)
    group_of = dict(zip(arts["article_id"], arts["_group"]))
    sizes = arts.groupby("_group").agg(n_articles=("article_id", "size"), n_words=("n_words", "sum"))
    att = attributions.assign(_group=attributions["article_id"].map(group_of))
    return reliance_table(att.groupby(["_group", "category"]).size(), sizes, by)


def reliance_table(counts: pd.Series, sizes: pd.DataFrame, by: str) -> pd.DataFrame:
    """The :func:`source_reliance` table from attribution counts per (group, category) and each
    group's ``n_articles`` and ``n_words`` (indexed by group): every group with every category,
    zeros kept, shares and rates computed from the counts. Counts and sizes add up, so pooled
    outlets and chunks of a corpus summed give the table of the whole (``plots``, ``stream``)."""
    index = pd.MultiIndex.from_product([sizes.index, CATEGORIES], names=[by, "category"])
    table = counts.reindex(index, fill_value=0).rename("count").reset_index()
    totals = table.groupby(by)["count"].transform("sum")
    table["share"] = (table["count"] / totals).where(totals > 0, 0.0)
    table = table.join(sizes, on=by)
    table["per_1000_words"] = 1000 * table["count"] / table["n_words"]
    table["category"] = pd.Categorical(table["category"], CATEGORIES, ordered=True)
    return table[[by, "category", "count", "share", "per_1000_words", "n_articles", "n_words"]]


def evidence(attributions: pd.DataFrame, articles: pd.DataFrame | None = None, *, outlet=None,
             category=None, by: str = "outlet") -> pd.DataFrame:
    """The sentences behind a number: attributions filtered to one outlet and/or category."""
    att = attributions
    if articles is not None and by != "outlet":
        att = att.assign(**{by: att["article_id"].map(dict(zip(articles["article_id"], articles[by])))})
    if outlet is not None:
        att = att[att[by] == outlet]
    if category is not None:
        att = att[att["category"] == category]
    return att.reset_index(drop=True)


def highlight(row) -> str:
    """The sentence as HTML with the cue in bold and the source marked."""
    s, text = row["start"], row["sentence"]
    spans = sorted([
        (row["source_start"] - s, row["source_end"] - s, "<mark>", "</mark>"),
        (row["cue_start"] - s, row["cue_end"] - s, "<b><u>", "</u></b>"),
    ])
    out, pos = [], 0
    for a, b, open_, close in spans:
        a, b = max(a, pos), max(b, pos)
        out += [html.escape(text[pos:a]), open_, html.escape(text[a:b]), close]
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


def evidence_table(attributions: pd.DataFrame, articles: pd.DataFrame | None = None, *, outlet=None,
                   category=None, by: str = "outlet", rows: pd.DataFrame | None = None):
    """An HTML table (for notebooks) of the sentences behind a number, cue and source marked;
    all text escaped. ``rows``: rows of :func:`evidence` already chosen (the evidence browser)."""
    if rows is None:
        rows = evidence(attributions, articles, outlet=outlet, category=category, by=by)
    shown = pd.DataFrame({
        "article": rows["article_id"],
        "category": rows["category"],
        "sentence (source marked, cue bold)": [highlight(r) for _, r in rows.iterrows()],
        "rule": rows["how"],
    })
    # only the marked sentence is HTML (built from escaped pieces); every other cell is escaped
    return html_table(shown, html_columns=["sentence (source marked, cue bold)"]) \
        .set_table_attributes('class="evidence"')


def most_reliant(reliance: pd.DataFrame, category: str, by: str = "outlet") -> str | None:
    """The ``by`` group with the most attributions of ``category`` in a
    :func:`source_reliance` table, or None when no group has any (for choosing which evidence
    to show first)."""
    rows = reliance[(reliance["category"] == category) & (reliance["count"] > 0)]
    if rows.empty:
        return None
    return str(rows.sort_values(["count", by], ascending=[False, True]).iloc[0][by])
