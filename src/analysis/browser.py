"""An evidence browser for JupyterLab: pick outlets, a category and a term, read the matching
sentences with source and cue marked, and the counts they add up to.

``evidence_browser(attributions, articles)`` is an ipywidgets panel in a live notebook. In a
report written by ``python -m analysis report`` (``ANALYSIS_STATIC`` set) there is no kernel
to answer the widgets, so it shows the same tables for its starting choice instead.
:func:`browse` is the filtering itself, a plain function of the choices: rows out.
"""
from __future__ import annotations

import os
import re

import pandas as pd

from .reliance import evidence, evidence_table
from .sources import CATEGORIES
from .views import html_table

ALL = "(all)"
STATIC_ENV = "ANALYSIS_STATIC"


def browse(attributions: pd.DataFrame, articles: pd.DataFrame | None = None, *, outlets=None,
           category: str | None = None, term: str = "", by: str = "label") -> pd.DataFrame:
    """The attributions of the chosen ``outlets`` (None: all), ``category`` (None: all) whose
    sentence contains ``term`` (case ignored; empty: any), one row each, as
    :func:`analysis.evidence` gives them."""
    rows = evidence(attributions, articles, category=category, by=by)
    if outlets is not None:
        rows = rows[rows[by].isin(list(outlets))]
    if term.strip():
        rows = rows[rows["sentence"].str.contains(re.escape(term.strip()), case=False, regex=True)]
    return rows.reset_index(drop=True)


def counts(rows: pd.DataFrame, by: str = "label") -> pd.DataFrame:
    """What the chosen rows add up to: attributions per outlet and category."""
    if rows.empty:
        return pd.DataFrame(columns=[by, "category", "count"])
    return (rows.groupby([by, "category"], observed=True).size().rename("count").reset_index()
            .sort_values([by, "category"], ignore_index=True))


def _counts_table(shown: pd.DataFrame, rows: pd.DataFrame):
    return html_table(shown, caption=f"{len(rows)} attributions")


class EvidenceBrowser:
    """The widgets and the output they fill; ``state`` is what the widgets are set to."""

    def __init__(self, attributions: pd.DataFrame, articles: pd.DataFrame | None = None, by: str = "label",
                 category: str | None = None):
        import ipywidgets as w

        self.attributions, self.articles, self.by = attributions, articles, by
        groups = sorted(evidence(attributions, articles, by=by)[by].astype(str).unique())
        self.outlets = w.SelectMultiple(options=groups, value=tuple(groups), description="outlets", rows=min(8, max(2, len(groups))))
        self.category = w.Dropdown(options=[ALL, *CATEGORIES], value=category or ALL, description="category")
        self.term = w.Text(value="", description="term", placeholder="a word in the sentence")
        self.output = w.Output()
        for widget in (self.outlets, self.category, self.term):
            widget.observe(lambda _change: self.refresh(), names="value")
        self.panel = w.VBox([w.HBox([self.outlets, w.VBox([self.category, self.term])]), self.output])
        self.refresh()

    @property
    def state(self) -> dict:
        return {"outlets": list(self.outlets.value),
                "category": None if self.category.value == ALL else self.category.value,
                "term": self.term.value}

    def rows(self) -> pd.DataFrame:
        return browse(self.attributions, self.articles, by=self.by, **self.state)

    def refresh(self) -> None:
        from IPython.display import display

        rows = self.rows()
        self.shown = counts(rows, self.by)            # what the panel shows now (also for tests)
        self.output.clear_output()
        with self.output:
            display(_counts_table(self.shown, rows))
            display(evidence_table(self.attributions, self.articles, by=self.by, rows=rows))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.panel)


def evidence_browser(attributions: pd.DataFrame, articles: pd.DataFrame | None = None, *, by: str = "label",
                     category: str | None = None):
    """The browser in a live notebook; in a written report, the same tables for the starting
    choice (all outlets, ``category``, no term)."""
    if os.environ.get(STATIC_ENV):
        from IPython.display import display

        rows = browse(attributions, articles, category=category, by=by)
        display(_counts_table(counts(rows, by), rows))
        return evidence_table(attributions, articles, by=by, rows=rows)     # the rows chosen, not chosen again
    return EvidenceBrowser(attributions, articles, by, category)
