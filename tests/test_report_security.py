"""Article text is data, never markup: no script from the data runs in a table or a report.

The payloads go into every field a user's corpus controls (body text, file name, outlet,
label, note); the reports are built the way `make report` builds them and then parsed: a
payload may appear as text, never as a live element, attribute or link.
"""
from __future__ import annotations

import csv
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd

import analysis
from analysis.report import build_report, exporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def payload(tag: str) -> str:
    return (f'<script>alert("XSS{tag}")</script><img src=x onerror=alert("XSS{tag}")>'
            f'<a href="javascript:alert(\'XSS{tag}\')">x</a>')


class LiveMarkup(HTMLParser):
    """Collects payload pieces the browser would run: script bodies, on* handlers, javascript: links."""

    def __init__(self):
        super().__init__()
        self.live: list = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if "XSS" in value and "alert(" in value and (
                    name.startswith("on") or name in ("href", "src") or value.strip().lower().startswith("javascript:")):
                self.live.append((tag, name, value))
        self._script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False

    def handle_data(self, data):
        if self._script and "alert(" in data and "XSS" in data:
            self.live.append(("script", data))


def live_payloads(html: str) -> list:
    parser = LiveMarkup()
    parser.feed(html)
    return parser.live


def test_the_checker_finds_live_payloads():
    assert live_payloads(f"<div>{payload('a')}</div>")          # script, onerror and link all seen
    assert len(live_payloads(payload("a"))) == 3
    assert not live_payloads("<div>" + payload("a").replace("<", "&lt;") + "</div>")


def test_html_table_escapes_cells_labels_and_caption():
    bad = payload("t")
    frame = pd.DataFrame({bad: [bad, 2.0], "n": [1.0, 2.0], "marked": ["<mark>ok</mark>", ""]}, index=[bad, "b"])
    html = analysis.html_table(frame, formats={"n": "{:.1f}"}, caption=bad, html_columns=["marked"],
                               index=True).to_html()
    assert not live_payloads(html)
    assert "<mark>ok</mark>" in html                   # trusted HTML the library built stays markup
    assert "1.0" in html and 'alert("XSSt")' in html.replace("&quot;", '"')


def test_evidence_table_escapes_every_column_but_the_marked_sentence(articles):
    att = analysis.find_attributions(articles)
    row = att.iloc[[0]].copy()
    row["article_id"] = payload("id")
    row["how"] = payload("how")
    html = analysis.evidence_table(row).to_html()
    assert not live_payloads(html)
    assert "<mark>" in html and "<b><u>" in html


def test_the_report_sanitiser_removes_what_escaping_missed():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": f"<table><tr><td><mark>kept</mark>{payload('raw')}</td></tr></table>",
        "text/plain": "x"})]
    nb.cells = [cell, nbformat.v4.new_markdown_cell(payload("md"))]
    html, _ = exporter().from_notebook_node(nb)
    assert not live_payloads(html)
    assert "<mark>kept</mark>" in html


def hostile_corpus(folder: Path) -> Path:
    """The bundled sample with payloads in one article's title, text, file name (and so its id),
    outlet, label, note and url."""
    data = ROOT / "data"
    (folder / "articles").mkdir(parents=True)
    with open(data / "articles.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows):
        text = (data / "articles" / row["file"]).read_text(encoding="utf-8")
        if i == 2:
            text = payload("title") + " " + text.replace(
                "\n\n", f"\n\nDas sagte {payload('text')} ein Sprecher des Ministeriums am 12. September 2023.\n\n", 1)
            row["file"] = 'evil<img src=x onerror=alert("XSSfile")>.txt'
            row.update(outlet=payload("outlet"), label=payload("label"), note=payload("note"), url=payload("url"))
        (folder / "articles" / row["file"]).write_text(text, encoding="utf-8")
    with open(folder / "articles.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_reports_built_from_a_hostile_corpus_hold_no_live_payload(tmp_path, monkeypatch):
    corpus = hostile_corpus(tmp_path / "data")
    loaded = analysis.load_articles(corpus)
    assert loaded["text"].str.contains("XSStext", regex=False).any()
    monkeypatch.setenv("ANALYSIS_DATA", str(corpus))
    shown = 0
    for notebook in NOTEBOOKS:
        result = build_report(notebook, tmp_path / "reports")
        assert result.error is None, f"{notebook.name}: {result.error}"
        html = result.html.read_text(encoding="utf-8")
        assert not live_payloads(html), f"{notebook.name}: {live_payloads(html)[:3]}"
        shown += html.count("XSS")
    assert shown > 10                       # the payloads reached the reports, as text
    shutil.rmtree(tmp_path / "reports")
