"""The evidence browser, without a browser: widget state in, rows out."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.browser import EvidenceBrowser, browse, counts, evidence_browser

pytest.importorskip("ipywidgets")


@pytest.fixture(scope="module")
def found(articles):
    return analysis.find_attributions(articles, n_jobs=1)


def test_widget_state_chooses_the_rows_and_the_counts_they_add_up_to(articles, found):
    browser = EvidenceBrowser(found, articles, by="label")
    assert len(browser.rows()) == len(found)                       # all outlets, all categories, no term
    browser.outlets.value = ("dpa",)
    browser.category.value = "anonymous_official"
    rows = browser.rows()
    assert len(rows) and set(rows["label"]) == {"dpa"} and set(rows["category"]) == {"anonymous_official"}
    # the counts the panel shows add up to the rows, and equal the reliance table's figure
    total = counts(rows)["count"].sum()
    reliance = analysis.source_reliance(found, articles, by="label", own_outlet=True)
    expected = reliance[(reliance["label"] == "dpa") & (reliance["category"] == "anonymous_official")]["count"].sum()
    assert total == len(rows) and total >= expected
    browser.term.value = "Zug"
    assert all("zug" in s.lower() for s in browser.rows()["sentence"])
    assert len(browser.rows()) < len(rows)
    browser.term.value = "no such word anywhere"
    assert browser.rows().empty and counts(browser.rows()).empty
    assert browser.shown.empty                                      # the panel was redrawn for the last choice


def test_browse_is_the_same_choice_as_a_function(articles, found):
    rows = browse(found, articles, outlets=["dpa-AFX"], category="named_official", term="Kreml", by="label")
    assert len(rows) and (rows["label"] == "dpa-AFX").all() and rows["sentence"].str.contains("Kreml").all()


def test_in_a_written_report_it_is_the_same_tables(articles, found, monkeypatch):
    monkeypatch.setenv("ANALYSIS_STATIC", "1")
    table = evidence_browser(found, articles, by="label", category="state_media")
    html = table.to_html()
    assert "KCNA" in html or "KNCA" in html
    assert html.count("<tr") == len(browse(found, articles, category="state_media", by="label")) + 1
