"""`python -m analysis report DATA --out DIR` on a user's table, as a new user would run it."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

import analysis

EN = ["Officials said on Thursday that the talks would go on, according to Reuters.",
      "The ministry told CNN that a senior official expected progress.",
      "Analysts at the Brookings Institution said the deal could collapse, the Washington Post reported."]
DE = ["Die Regierung teilte am 14. September mit, die Gespräche gingen weiter, wie die Nachrichtenagentur dpa meldete.",
      "Nach Angaben von Diplomaten, die nicht genannt werden wollten, sei ein Treffen geplant."]


def user_table(path: Path) -> Path:
    """Three outlets, two languages, the table's own column names, one outlet without dates."""
    rows = []
    for i in range(12):
        outlet = ["Daily Planet", "Reuters", "Tagesblatt"][i % 3]
        lang = "de" if outlet == "Tagesblatt" else "en"
        rows.append({"news_id": f"n{i}", "headline": f"Talks, day {i}", "publisher": outlet, "lang": lang,
                     "body_text": " ".join(DE if lang == "de" else EN) + f" Article number {i}.",
                     "pubdate": "" if outlet == "Daily Planet" else f"2023-09-{10 + i:02d}"})
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_report_command_on_a_users_table(tmp_path):
    table = user_table(tmp_path / "my corpus.csv")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "analysis", "report", str(table), "--out", str(out),
                           "--title", "My <corpus>"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "My &lt;corpus&gt;" in index and "12 articles" in index
    assert "Data: my corpus.csv" in index and str(tmp_path) not in index          # a name, no local path
    assert "Daily Planet, Reuters, Tagesblatt" in index and "en 8, de 4" in index
    assert index.count("(written)") == 4 and "failed" not in index
    for name in ("01_corpus_overview", "02_source_reliance", "03_term_frequency", "04_coverage_dates"):
        html = (out / f"{name}.html").read_text(encoding="utf-8")
        assert "Traceback" not in html, name
        assert "12 articles" in html or name != "01_corpus_overview"
        for remark in ("Shoigu", "gepanzerten Zug", "tagesschau", "April 2019", "the dpa report"):
            assert remark not in html, (name, remark)         # the sample's commentary stays with the sample
    assert "Tagesblatt" in (out / "02_source_reliance.html").read_text(encoding="utf-8")
    # a second run writes the same bytes, and nothing is fetched from another host when opened
    again = tmp_path / "again"
    subprocess.run([sys.executable, "-m", "analysis", "report", str(table), "--out", str(again),
                    "--title", "My <corpus>"], capture_output=True, text=True, timeout=900, check=True)
    for path in sorted(out.glob("*.html")):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=\"https?://", html) and "cdnjs" not in html, path.name
        images = re.findall(r"<img[^>]*>", html)
        assert all(re.search(r'alt="[^"]{20,}"', img) for img in images), path.name      # every chart described
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for rel in written:
        assert (out / rel).read_bytes() == (again / rel).read_bytes(), rel
    # the tables behind the charts, as CSV and in one workbook
    sheets = pd.read_excel(out / "tables" / "tables.xlsx", sheet_name=None)
    assert {"source_reliance", "term_frequencies", "date_mentions", "articles"} <= set(sheets)
    reliance = pd.read_csv(out / "tables" / "source_reliance.csv")
    assert set(reliance["label"]) == {"Daily Planet", "Reuters", "Tagesblatt"}
    assert 'href="tables/tables.xlsx"' in index


def test_a_failing_notebook_is_named_and_the_others_still_written(tmp_path):
    from analysis.report import build_report

    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("data = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("raise ValueError('no such outlet: ' + str(data))")]
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    result = build_report(path, tmp_path / "out", parameters={"data": "x.csv"})
    assert result.error is not None and result.error.startswith("cell 3 (\"raise ValueError(")
    assert "no such outlet: x.csv" in result.error
    assert result.html.exists()


def test_export_writes_csv_and_one_reproducible_workbook(tmp_path, articles):
    tables = {"articles": articles[["article_id", "label", "published", "headings"]],
              "a very long table name that Excel would not take": pd.DataFrame({"x": [1, 2]})}
    first = analysis.export(tables, tmp_path / "one")
    second = analysis.export(tables, tmp_path / "two")
    assert [p.name for p in first] == ["articles.csv", "a very long table name that Excel would not take.csv", "tables.xlsx"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    sheets = pd.read_excel(first[-1], sheet_name=None)
    assert list(sheets) == ["articles", "a very long table name that Excel would not take"[:31]]
    assert sheets["articles"]["published"].notna().sum() == articles["published"].notna().sum()   # time zones as text


def test_one_outlet_without_dates_gets_reports_that_say_what_cannot_apply(tmp_path):
    table = user_table(tmp_path / "all.csv")
    one = pd.read_csv(table)
    one = one[one["publisher"] == "Reuters"].assign(pubdate="")
    one.to_csv(tmp_path / "one.csv", index=False)
    notebooks = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("0[234]_*.ipynb"))
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "analysis", "report", str(tmp_path / "one.csv"), "--out", str(out),
                           "--notebooks", *map(str, notebooks)], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    read = lambda name: (out / f"{name}.html").read_text(encoding="utf-8")
    assert "this corpus has one outlet, so there is nothing to compare" in read("03_term_frequency")
    assert "These articles have no gold labels" in read("02_source_reliance")
    assert "No article has a publication date" in read("04_coverage_dates")
    assert "Traceback" not in read("02_source_reliance") + read("03_term_frequency") + read("04_coverage_dates")


def test_the_workbook_takes_control_characters_and_long_cells(tmp_path):
    frame = pd.DataFrame({"sentence": ["a vertical\x0btab and a form\x0cfeed", "x" * 40_000]})
    paths = analysis.export({"odd": frame}, tmp_path)
    assert "\x0b" in paths[0].read_text(encoding="utf-8")               # the CSV keeps every character
    cells = pd.read_excel(paths[-1])["sentence"]
    assert cells[0] == "a vertical tab and a form feed" and len(cells[1]) == 32_767


def test_captions_name_the_data_not_the_sample():
    import matplotlib

    matplotlib.use("Agg")
    from analysis import plots

    try:
        plots.set_data_source("/home/someone/corpora/my corpus.csv")
        assert plots.DATA_SOURCE == "Data: my corpus.csv, analysis package"       # no local path
        plots.set_data_source(["a.csv", "b.csv", "c.csv", "d.csv"])
        assert plots.DATA_SOURCE == "Data: a.csv, b.csv, c.csv and 1 more, analysis package"
    finally:
        plots.set_data_source(None)
    assert "bundled sample" in plots.DATA_SOURCE


def test_reports_compare_by_any_column_of_the_data(tmp_path):
    table = pd.read_csv(user_table(tmp_path / "all.csv"))
    table["region"] = ["Nord" if i % 2 else "Süd" for i in range(len(table))]    # kept by the loader as it is
    table.to_csv(tmp_path / "regions.csv", index=False)
    notebooks = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("0[23]_*.ipynb"))
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "analysis", "report", str(tmp_path / "regions.csv"), "--out", str(out),
                           "--by", "region", "--quiet", "--notebooks", *map(str, notebooks)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    reliance = pd.read_csv(out / "tables" / "source_reliance.csv")
    assert set(reliance["region"]) == {"Nord", "Süd"}
    freq = pd.read_csv(out / "tables" / "term_frequencies.csv")
    assert set(freq["region"]) == {"Nord", "Süd"}
    # a column the data does not have: the notebook stops with one message naming it
    bad = subprocess.run([sys.executable, "-m", "analysis", "report", str(tmp_path / "regions.csv"), "--out",
                          str(tmp_path / "bad"), "--by", "country", "--quiet", "--notebooks", str(notebooks[0])],
                         capture_output=True, text=True, timeout=900)
    assert bad.returncode == 1
    assert "cannot compare by 'country'" in bad.stdout and "region" in bad.stdout
