"""Loading reads only the corpus it is given, and names every entry it does not load.

Files are made in each test: a secret beside the corpus, manifest rows pointing at it by
``..`` and by absolute path, a symbolic link leading out, and folder entries of every kind.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

import analysis

TEXT = "Berlin (dpa) - Die Regierung hat am Montag neue Zahlen vorgelegt. Sie sagte, es gehe voran.\n"
SECRET = "Geheim (dpa) - Dieser Text liegt ausserhalb des Korpus und darf nie geladen werden.\n"


def corpus_with_secret(tmp_path: Path, manifest_rows: str) -> tuple[Path, Path]:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / "a.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "articles.csv").write_text("file,outlet\na.txt,dpa\n" + manifest_rows, encoding="utf-8")
    return corpus, secret


def reasons(df: pd.DataFrame) -> str:
    report = analysis.load_report(df)
    return "\n".join(f"{Path(f).name}:{'' if pd.isna(line) else line} {status} {reason}"
                     for f, line, status, reason in report[["file", "line", "status", "reason"]].itertuples(index=False))


def test_manifest_paths_outside_the_corpus_are_rejected_by_name(tmp_path):
    corpus, secret = corpus_with_secret(tmp_path, f"../../secret.txt,dpa\n{tmp_path / 'secret.txt'},dpa\n")
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(corpus)
    assert list(df["article_id"]) == ["a"]
    assert not df["text"].str.contains("ausserhalb").any()
    text = reasons(df)
    assert "articles.csv:3 rejected manifest row names '../../secret.txt'" in text
    assert f"articles.csv:4 rejected manifest row names '{secret}'" in text
    with pytest.raises(analysis.ArticleLoadError, match=r"line 3\).*\.\./\.\./secret\.txt"):
        analysis.load_articles(corpus, errors="raise")


def test_a_symbolic_link_leading_out_of_the_folder_is_not_read(tmp_path):
    corpus, secret = corpus_with_secret(tmp_path, "link.txt,dpa\n")
    (corpus / "articles" / "link.txt").symlink_to(secret)
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(corpus)
    assert list(df["article_id"]) == ["a"]
    assert "link.txt: rejected symbolic link to" in reasons(df)
    with pytest.raises(analysis.ArticleLoadError, match="link.txt.*outside"):
        analysis.load_articles(corpus, errors="raise")


def test_a_link_inside_the_folder_still_loads(tmp_path):
    corpus, _ = corpus_with_secret(tmp_path, "")
    (corpus / "articles" / "b.txt").symlink_to(corpus / "articles" / "a.txt")
    df = analysis.load_articles(corpus, errors="ignore")
    # the same text twice: the second is rejected as a duplicate, not as a link
    assert "duplicate of" in reasons(df)


def test_loading_one_file_loads_only_that_file(tmp_path):
    corpus, _ = corpus_with_secret(tmp_path, "b.txt,Reuters\n")
    (corpus / "articles" / "b.txt").write_text(TEXT.replace("Montag", "Dienstag"), encoding="utf-8")
    df = analysis.load_articles(corpus / "articles" / "a.txt")
    assert list(df["article_id"]) == ["a"]
    assert df.loc[0, "outlet"] == "dpa"                 # the manifest still describes it


def test_every_folder_entry_is_loaded_or_named(tmp_path):
    corpus, _ = corpus_with_secret(tmp_path, "")
    articles = corpus / "articles"
    (articles / "notes.md").write_text("# notes\n", encoding="utf-8")
    (articles / "older").mkdir()
    (articles / "older" / "c.txt").write_text(TEXT, encoding="utf-8")
    (articles / "gone.txt").symlink_to(tmp_path / "does-not-exist.txt")
    os.mkfifo(articles / "pipe.txt")
    (corpus / "stray.txt").write_text(TEXT.replace("Montag", "Freitag"), encoding="utf-8")
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(corpus)
    text = reasons(df)
    assert "notes.md: warning not read: not a .txt file (.md)" in text
    assert "older: warning not read: a sub-folder" in text
    assert "gone.txt: warning not read: a broken symbolic link" in text
    assert "pipe.txt: warning not read: not a regular file" in text
    assert "stray.txt: warning not read: a file beside the articles/ folder" in text
    named = {Path(f).name for f in analysis.load_report(df)["file"]}
    entries = {p.name for p in articles.iterdir()} | {"stray.txt"}
    assert entries <= named | {f"{a}.txt" for a in df["article_id"]}


ROOT_DATA = Path(__file__).resolve().parents[1] / "data"
ENGLISH = "Officials said on Monday that the talks would go on. The ministry said so too."


def test_repeated_ids_are_made_unique_and_reported(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"id": ["a", "a", "b", "a"],
                  "text": [ENGLISH, ENGLISH.replace("Monday", "Tuesday"), ENGLISH.replace("Monday", "Friday"),
                           ENGLISH.replace("Monday", "Sunday")]}).to_csv(path, index=False)
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(path, id_col="id")
    assert list(df["article_id"]) == ["a", "a#2", "b", "a#3"]
    assert df["article_id"].is_unique
    assert "t.csv row 2 (a):3 warning id 'a' repeats (first on line 2); loaded as 'a#2'" in reasons(df)
    att = analysis.find_attributions(df)           # one article per id: attributions stay apart
    assert set(att["article_id"]) <= set(df["article_id"]) and att["article_id"].nunique() >= 3


def test_a_named_column_that_is_missing_is_one_clear_error(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"body": [ENGLISH]}).to_csv(path, index=False)
    with pytest.raises(analysis.ArticleLoadError, match=r"t\.csv: no id column 'uid' \(columns: body\)"):
        analysis.load_articles(path, text_col="body", id_col="uid")
    with pytest.raises(analysis.ArticleLoadError, match="no date column 'date'"):
        analysis.load_articles(path, text_col="body", date_col="date")
    assert len(analysis.load_articles(path, text_col="body")) == 1      # default names may be absent


def test_placeholder_texts_float_ids_and_midnight_stamps(tmp_path):
    path = tmp_path / "t.parquet"
    pd.DataFrame({"id": [1.0, 2.0, 3.0, float("nan"), 5.0],
                  "text": [ENGLISH, "NaN", "NULL", ENGLISH.replace("Monday", "Friday"), "None"],
                  "published": pd.to_datetime(["2023-09-14 00:00", "2023-09-15 00:00", "2023-09-16 00:00", "2023-09-17 00:00",
                                               "2023-09-18 14:30"])}).to_parquet(path)
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(path, id_col="id")
    assert list(df["article_id"]) == ["1"]
    assert df.loc[0, "published_precision"] == "day"              # a date stored at midnight is a day
    text = reasons(df)
    assert "t.parquet row 2 (2):2 rejected empty text ('NaN')" in text
    assert "no id in column 'id'" in text
    assert text.count("empty text") == 3


def test_a_broken_jsonl_line_is_rejected_by_its_number_and_the_rest_load(tmp_path):
    path = tmp_path / "t.ndjson"
    path.write_text("\n".join([
        '{"id": "a", "text": "' + ENGLISH + '"}',
        '{"id": "b", "text": "unclosed',
        '42',
        '"just a string"',
        '',
        '{"id": "c", "text": "' + ENGLISH.replace("Monday", "Friday") + '"}',
    ]) + "\n", encoding="utf-8")
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(path, id_col="id")
    assert list(df["article_id"]) == ["a", "c"]
    text = reasons(df)
    assert "t.ndjson:2 rejected line 2 is not valid JSON" in text
    assert "t.ndjson:3 rejected line 3 is a int, not an object" in text
    assert "t.ndjson:4 rejected line 4 is a str, not an object" in text
    assert analysis.load_report(df).loc[lambda r: r["file"].str.contains("row 2"), "line"].empty


def test_tsv_tables_load_row_by_row(tmp_path):
    path = tmp_path / "t.tsv"
    pd.DataFrame({"id": ["a", "b"], "text": [ENGLISH, ENGLISH.replace("Monday", "Friday")]}).to_csv(
        path, sep="\t", index=False)
    df = analysis.load_articles(path, id_col="id")
    assert list(df["article_id"]) == ["a", "b"]


def test_text_in_other_scripts_is_not_labelled_german(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ru.txt").write_text("Москва (ТАСС) - Министерство иностранных дел заявило в понедельник, "
                                   "что переговоры продолжатся.\n", encoding="utf-8")
    (corpus / "ko.txt").write_text("서울 (연합뉴스) - 통일부는 월요일 회담이 계속될 것이라고 밝혔다.\n", encoding="utf-8")
    (corpus / "zh.txt").write_text("北京（新华社）外交部发言人星期一表示，会谈将继续进行。\n", encoding="utf-8")
    (corpus / "de.txt").write_text(TEXT, encoding="utf-8")
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(corpus)
    assert dict(zip(df["article_id"], df["language"])) == {"de": "de", "ko": "und", "ru": "und", "zh": "und"}
    assert reasons(df).count("only German and English are analysed") == 3


def test_the_load_report_survives_concat_and_merge(tmp_path):
    corpus, _ = corpus_with_secret(tmp_path, "../../secret.txt,dpa\n")
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(corpus)
    both = pd.concat([df, df])                               # crashed while the report was a DataFrame
    merged = df.merge(df[["article_id"]], on="article_id")
    assert len(both) == 2 and len(merged) == 1
    for frame in (df, both, merged):
        report = analysis.load_report(frame)
        assert list(report["status"]) == ["rejected"] and report["line"].iloc[0] == 3
    other = analysis.load_articles(ROOT_DATA)
    assert analysis.load_report(pd.concat([df, other])).empty      # reports differ: pandas drops them


def test_decoding_follows_one_rule(tmp_path):
    umlauts = "Köln (dpa) - Über die Straße sagte der Sprecher, es gehe voran. Größer wird es nicht.\n"
    folder = tmp_path / "c"
    folder.mkdir()
    raw = bytearray(umlauts.encode("utf-8"))
    raw[40:40] = b"\xff"                                       # one stray byte in UTF-8 text
    (folder / "stray.txt").write_bytes(bytes(raw))
    (folder / "cp1252.txt").write_bytes(umlauts.replace("Köln", "Bonn").encode("cp1252"))
    (folder / "utf16le.txt").write_bytes(umlauts.replace("Köln", "Kiel").encode("utf-16-le"))
    (folder / "utf16bom.txt").write_bytes(umlauts.replace("Köln", "Jena").encode("utf-16"))
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(folder)
    texts = dict(zip(df["article_id"], df["text"]))
    assert "Straße" in texts["stray"] and "Ã" not in texts["stray"] and "\ufffd" in texts["stray"]
    assert "Straße" in texts["cp1252"] and "Straße" in texts["utf16le"] and "Straße" in texts["utf16bom"]
    text = reasons(df)
    assert "stray.txt: warning decoded as utf-8, 1 bad byte replaced at 40" in text
    assert "cp1252.txt: warning not UTF-8; decoded as cp1252" in text
    assert "utf16le.txt: warning not UTF-8; decoded as utf-16-le" in text


def test_a_line_of_spaces_and_a_sentence_of_ten_thousand_words_are_read(tmp_path):
    """Both were quadratic (41 s and 103 s); benchmarks/bench_long_input.py prints the scaling."""
    from analysis.pages import parse_page
    from analysis.sources.detect import MAX_SENTENCE_CHARS, cut_long_sentences

    page = parse_page("Titel\n\nx" + " " * 400_000 + "x\n\nDer Minister sagte das am Montag.\n")
    assert "Der Minister sagte das" in page.text
    words = "Der Minister Peter Müller sagte laut Reuters am Montag in Berlin , dass die Lage ernst sei und".split()
    text = "Berlin (dpa) - " + " ".join(words[i % len(words)] for i in range(10_000)) + "."
    with pytest.warns(UserWarning, match="sentences of more than 5,000 characters"):
        att = analysis.find_attributions(pd.DataFrame({"article_id": ["long"], "text": [text]}), n_jobs=1)
    assert len(att) > 500 and att["sentence"].str.len().max() <= MAX_SENTENCE_CHARS
    assert set(att["category"]) >= {"named_official", "other_media"}
    pieces = cut_long_sentences(text, [(0, len(text))])
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in pieces)
    assert "".join(text[s:e] for s, e in pieces).replace(" ", "") == text.replace(" ", "")


def test_a_quote_left_open_in_a_csv_stops_the_load_with_its_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,text,source\n'
                    'x1,"Die Regierung sagte am Montag, es gehe weiter.,dpa\n'     # the quote is never closed
                    'x2,"Das Ministerium teilte mit, die Gespräche gingen weiter.",Reuters\n', encoding="utf-8")
    with pytest.raises(analysis.ArticleLoadError, match=r"t\.csv: broken quoting in the record starting on line 2"):
        analysis.load_articles(path, id_col="id", outlet_col="source")


def test_csv_line_numbers_count_the_lines_a_quoted_text_spans(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,text\n'
                    'a,"' + ENGLISH + '\n\nA second paragraph."\n'
                    'b,\n'
                    'c,"' + ENGLISH.replace("Monday", "Friday") + '",extra\n', encoding="utf-8")
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(path, id_col="id")
    assert list(df["article_id"]) == ["a"]
    text = reasons(df)
    assert "t.csv row 2 (b):5 rejected empty text" in text          # line 5, not 3: row a spans 3 lines
    assert "t.csv:6 rejected line 6: 3 fields, the header has 2" in text


def test_files_of_one_name_from_two_folders_keep_unique_ids(tmp_path):
    for folder, day in (("one", "Montag"), ("two", "Dienstag")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(TEXT.replace("Montag", day), encoding="utf-8")
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles([tmp_path / "one" / "a.txt", tmp_path / "two" / "a.txt"])
    assert list(df["article_id"]) == ["a", "a#2"]
    assert "already taken by" in reasons(df)


def test_one_file_named_twice_in_a_manifest_keeps_the_first_row(tmp_path):
    corpus, _ = corpus_with_secret(tmp_path, "articles/a.txt,Reuters\n")
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(corpus)
    assert df.loc[0, "outlet"] == "dpa"
    assert "articles.csv:3 warning manifest row names 'articles/a.txt', the file of line 2" in reasons(df)


def test_a_folder_next_to_a_manifest_loads_only_its_own_files(tmp_path):
    corpus, _ = corpus_with_secret(tmp_path, "b.txt,Reuters\n")
    (corpus / "b.txt").write_text(TEXT.replace("Montag", "Dienstag"), encoding="utf-8")   # beside articles/
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(corpus / "articles")          # the manifest one folder up describes it
    assert list(df["article_id"]) == ["a"]
    assert "articles.csv:3 warning manifest row names 'b.txt', which is not among the files loaded" in reasons(df)


def test_columns_are_found_by_their_usual_names_and_reported(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"News_ID": ["n1", "n2"], "Headline": ["Talks go on", "Talks stop"],
                  "Body": [ENGLISH, ENGLISH.replace("Monday", "Friday")], "Publisher": ["Reuters", "AP"],
                  "pubdate": ["2023-09-14", "2023-09-15"], "Lang": ["en", "en"], "shares": [3, 4]}).to_csv(path, index=False)
    df = analysis.load_articles(path)                        # no column named: all found, no warning
    assert list(df["article_id"]) == ["n1", "n2"] and list(df["title"]) == ["Talks go on", "Talks stop"]
    assert list(df["outlet"]) == ["Reuters", "AP"] and list(df["published_precision"]) == ["day", "day"]
    info = analysis.load_report(df).query("status == 'info'")["reason"].iloc[0]
    assert info == ("columns read: text <- 'Body', id <- 'News_ID', title <- 'Headline', outlet <- 'Publisher', "
                    "published <- 'pubdate', language <- 'Lang'; also kept as they are: shares")
    named = analysis.load_articles(path, text_col="Headline", id_col="News_ID")      # a flag overrides
    assert list(named["text"]) == ["Talks go on", "Talks stop"]
    other = tmp_path / "numbers.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(analysis.ArticleLoadError, match="no text column .*looked for text, body"):
        analysis.load_articles(other)


@pytest.mark.parametrize("name", ["t.csv.gz", "t.jsonl.gz"])
def test_gzipped_tables_load(tmp_path, name):
    import gzip

    rows = [{"id": "a", "text": ENGLISH}, {"id": "b", "text": ENGLISH.replace("Monday", "Friday")}]
    if name.startswith("t.csv"):
        body = pd.DataFrame(rows).to_csv(index=False)
    else:
        body = "\n".join(json.dumps(r) for r in rows) + "\n"
    with gzip.open(tmp_path / name, "wt", encoding="utf-8") as fh:
        fh.write(body)
    df = analysis.load_articles(tmp_path / name)
    assert list(df["article_id"]) == ["a", "b"] and df["text"].str.contains("Officials").all()


def test_repeated_warnings_are_one_line_with_a_count(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"text": [ENGLISH.replace("Monday", f"day {i}") for i in range(40)],
                  "outlet": ["Daily Planet"] * 40}).to_csv(path, index=False)
    with pytest.warns(analysis.LoadWarning) as caught:
        df = analysis.load_articles(path)
    message = str(caught[0].message)
    assert message.count("Daily Planet") == 1 and "[and 39 more like it]" in message
    assert (analysis.load_report(df)["status"] == "warning").sum() == 40      # nothing dropped from the report


def test_other_latin_languages_are_recognised_and_left_out_of_every_analysis(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"id": ["en1", "es1", "fr1"], "text": [
        ENGLISH,
        "El gobierno dijo el lunes que las conversaciones continuarán, según fuentes oficiales del ministerio.",
        "Le gouvernement a déclaré lundi que les discussions se poursuivraient, selon des sources officielles."]}
    ).to_csv(path, index=False)
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(path)
    assert list(df["language"]) == ["en", "es", "fr"]
    for call, what in ((analysis.find_attributions, "source detection"), (analysis.term_frequencies, "term counts"),
                       (analysis.date_mentions, "date mentions")):
        with pytest.warns(UserWarning, match=r"2 article\(s\) in languages other than German or English left out"):
            result = call(df)
        if "article_id" in result:
            assert set(result["article_id"]) <= {"en1"}, what
        else:
            assert not {"gobierno", "gouvernement"} & set(result["term"]), what
