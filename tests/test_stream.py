"""Reading a corpus in chunks gives the same counts as loading it whole."""
from __future__ import annotations

import pandas as pd

import analysis
from analysis.stream import date_counts, stream_counts


def _corpus(folder, articles):
    """Six versions of the sample articles as pages in a folder with a manifest, and one
    duplicate that must be rejected even when it falls into another chunk."""
    pages = folder / "articles"
    pages.mkdir(parents=True)
    rows = []
    for k in range(6):
        for art in articles.itertuples():
            name = f"{k}_{art.article_id}.txt"
            (pages / name).write_text(f"Fassung {k}.\n\n{art.text}\n", encoding="utf-8")
            rows.append({"file": name, "outlet": art.outlet or "", "published": "2023-09-14", "language": art.language})
    (pages / "z_duplicate.txt").write_text((pages / rows[0]["file"]).read_text(encoding="utf-8"), encoding="utf-8")
    pd.DataFrame(rows).to_csv(folder / "articles.csv", index=False)
    return folder


def test_chunks_give_the_counts_of_the_whole_corpus(tmp_path, articles):
    folder = _corpus(tmp_path / "corpus", articles)
    whole = analysis.load_articles(folder)
    chunks = list(analysis.load.iter_articles(folder, chunk_size=7))
    assert [len(c) for c in chunks] == [7, 7, 7, 7, 2]
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), whole)
    assert "duplicate of" in " ".join(analysis.load_report(chunks[-1])["reason"])     # across chunks

    streamed = stream_counts(folder, by="label", chunk_size=7, n_jobs=1)
    expected = analysis.source_reliance(analysis.find_attributions(whole, n_jobs=1), whole, by="label")
    pd.testing.assert_frame_equal(streamed["source_reliance"], expected, check_dtype=False)
    dates = date_counts(analysis.date_mentions(whole, by="label", n_jobs=1), by="label")
    pd.testing.assert_frame_equal(streamed["date_counts"], dates, check_dtype=False)
    assert "text" not in streamed["articles"] and len(streamed["articles"]) == len(whole) == 30
    # the articles kept: the loaded rows without their text, the strings held by Arrow, and the
    # load report of the whole corpus once (not one copy per chunk)
    kept = streamed["articles"]
    assert kept["outlet"].dtype == "str" and kept["title"].dtype == "str"
    pd.testing.assert_frame_equal(kept[["article_id", "outlet", "n_words"]],
                                  whole[["article_id", "outlet", "n_words"]].astype({"outlet": "str"}), check_dtype=False)
    assert kept["title"].isna().tolist() == whole["title"].isna().tolist()
    pd.testing.assert_frame_equal(analysis.load_report(kept), analysis.load_report(whole))
    assert streamed["source_reliance"]["count"].sum() > 50 and streamed["date_counts"]["count"].sum() > 20


def test_a_load_report_is_shared_not_copied_by_each_operation(tmp_path, articles):
    """pandas deep-copies ``attrs`` in every operation; the report is immutable, so it is the
    same object in every derived frame (a copy per operation made streaming quadratic)."""
    articles = analysis.load_articles(_corpus(tmp_path / "corpus", articles))
    report = articles.attrs["load_report"]
    assert len(report) > 0
    for derived in (articles.copy(), articles.drop(columns=["text"]), articles[articles["n_words"] > 0],
                    pd.concat([articles, articles])):
        assert derived.attrs["load_report"] is report
    assert analysis.load_report(articles.copy()).equals(analysis.load_report(articles))


def test_streamed_term_counts_equal_the_whole_corpus(tmp_path, articles):
    folder = _corpus(tmp_path / "corpus", articles)
    # a line every dpa page repeats: boilerplate, decided over all chunks together
    for page in sorted((folder / "articles").glob("*.txt"))[::2]:
        first, rest = page.read_text(encoding="utf-8").split("\n\n", 1)
        page.write_text(f"{first}\n\nTeilen Sie diesen Artikel mit Freunden, sagte die Redaktion.\n\n{rest}", encoding="utf-8")
    whole = analysis.load_articles(folder)
    from analysis.stream import stream_term_frequencies

    for stopwords in (True, False):
        streamed = stream_term_frequencies(folder, by="label", chunk_size=7, stopwords=stopwords)
        pd.testing.assert_frame_equal(streamed, analysis.term_frequencies(whole, by="label", stopwords=stopwords),
                                      check_dtype=False)
    assert "Putin" in set(streamed["term"]) and "Putins" not in set(streamed["term"])
    assert "teilen sie diesen artikel mit freunden, sagte die redaktion." in set(analysis.boilerplate_lines(whole, by="label")["line"])
    assert "Freunden" not in set(streamed["term"])           # the repeated line left out, as in memory


def test_tables_are_read_in_chunks_too(tmp_path, articles):
    table = pd.DataFrame({"news_id": [f"n{k}-{a.article_id}" for k in range(4) for a in articles.itertuples()],
                          "publisher": [a.outlet or "unknown" for k in range(4) for a in articles.itertuples()],
                          "region": ["Nord" if k % 2 else "Süd" for k in range(4) for a in articles.itertuples()],
                          "lang": "de",
                          "body": [f"Fassung {k}. {a.text}" for k in range(4) for a in articles.itertuples()]})
    table.loc[len(table)] = ["dup", "dpa", "Nord", "de", table.loc[0, "body"]]          # a duplicate in the last chunk
    for suffix in (".csv", ".parquet", ".jsonl"):
        path = tmp_path / f"corpus{suffix}"
        {".csv": lambda: table.to_csv(path, index=False), ".parquet": lambda: table.to_parquet(path),
         ".jsonl": lambda: table.to_json(path, orient="records", lines=True, force_ascii=False)}[suffix]()
        whole = analysis.load_articles(path)
        chunks = list(analysis.load.iter_articles(path, chunk_size=6))
        assert [len(c) for c in chunks] == [6, 6, 6, 2], suffix
        pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), whole, check_dtype=False)
        assert "duplicate of" in " ".join(analysis.load_report(chunks[-1])["reason"])
        assert "region" in chunks[0]                                                   # other columns kept
