"""Loading: the bundled articles, the zone gold, tables, and every kind of bad input."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.load import COLUMNS, decode

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
ZONE_COLUMN = {
    "title": "title", "kicker": "kicker", "heading": "headings", "caption": "captions",
    "credit": "credits", "source_list": "cited_sources", "correction": "notes",
    "meta": "notes", "teaser": "notes",
}


def test_bundled_data_is_the_seeds_byte_for_byte():
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not found (../shared beside the project)")
    bundled = sorted((ROOT / "data" / "articles").glob("*.txt"))
    assert [p.name for p in bundled] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for path in bundled:
        assert path.read_bytes() == (SEEDS / path.name).read_bytes()


def test_load_articles_contract(articles):
    assert list(articles.columns[: len(COLUMNS)]) == COLUMNS
    assert len(articles) == 5 and articles["article_id"].is_unique
    assert analysis.load_report(articles).empty
    assert isinstance(articles["published"].dtype, pd.DatetimeTZDtype)
    assert set(articles["language"]) == {"de"}
    assert (articles["n_words"] > 250).all()


def test_zone_gold_holds(articles, zone_gold):
    by_id = articles.set_index("article_id")
    for gold in zone_gold:
        art = by_id.loc[gold["file"].removesuffix(".txt")]
        piece = gold["text_contains"]
        if gold["whole_line"]:
            # a whole line of the page (it may still occur inside a body sentence, as „NYT“ does)
            assert piece not in art["text"].split("\n\n"), f"{gold['zone']} {piece!r} leaked into the body"
        else:
            assert piece not in art["text"], f"{gold['zone']} {piece!r} leaked into the body"
        value = art[ZONE_COLUMN[gold["zone"]]]
        joined = " ".join(value) if isinstance(value, list) else (value or "")
        assert piece in joined, f"{piece!r} not in {ZONE_COLUMN[gold['zone']]} of {gold['file']}"


def test_outlets_dates_and_labels(articles):
    by_id = articles.set_index("article_id")
    afx = by_id.loc["001_6ac34fa1d59485e6"]
    assert afx["outlet"] == "dpa-AFX" and afx["published_precision"] == "month"
    assert afx["published"] == pd.Timestamp("2023-09-01", tz="Europe/Berlin")
    assert afx["dateline"].startswith("MOSKAU/SEOUL (dpa-AFX)")
    assert afx["text"].startswith("Nach tagelangen Spekulationen")
    assert afx["text"].endswith("zugesichert.")          # agency codes cut off
    stand = by_id.loc["004_02e3b49544db5f33"]
    assert stand["published"] == pd.Timestamp("2023-09-14 07:12", tz="Europe/Berlin")
    assert stand["published_precision"] == "minute"
    assert stand["kicker"] == "Nordkoreas Machthaber Kim in Russland"
    assert stand["title"] == "Putin nimmt offenbar Einladung zu Gegenbesuch an"
    unknown = by_id.loc["000_db5ce7c6c2caeffb"]
    assert unknown["outlet"] is None and pd.isna(unknown["published"])
    assert unknown["published_precision"] is None
    assert "Austrian" in unknown["label"] and "Artilleriegeschoße" in unknown["note"]
    assert by_id["label"].notna().all()


def test_outlet_from_dateline_when_no_manifest(tmp_path):
    src = ROOT / "data" / "articles" / "002_87195dfdf07cb8d3.txt"
    (tmp_path / src.name).write_bytes(src.read_bytes())
    df = analysis.load_articles(tmp_path)
    row = df.iloc[0]
    assert row["outlet"] == "dpa" and row["outlet_evidence"] == 'dateline "(dpa)"'
    assert row["published_precision"] == "month"      # from the " date 2023-09" prefix
    assert row["text"].startswith("Nordkoreas Machthaber Kim Jong Un will")


# ------------------------------------------------------------------ bad input

TEXT = "Berlin (dpa) - Die Regierung hat am Montag neue Zahlen vorgelegt. Sie sagte, es gehe voran.\n"


def make_corpus(tmp_path: Path, files: dict[str, bytes], manifest: str | None) -> Path:
    (tmp_path / "articles").mkdir(parents=True)
    for name, data in files.items():
        (tmp_path / "articles" / name).write_bytes(data)
    if manifest is not None:
        (tmp_path / "articles.csv").write_text(manifest, encoding="utf-8")
    return tmp_path


def test_encodings_and_line_ends_are_decoded_and_recorded(tmp_path):
    umlaut = "Köln (dpa) - Über die Straße sagte er: „Schön.“\r\nZweite Zeile.\r\n"
    corpus = make_corpus(tmp_path, {
        "bom.txt": "\ufeff".encode() + umlaut.encode("utf-8"),
        "plain.txt": umlaut.replace("Köln", "Bonn").encode("utf-8"),
        "win.txt": umlaut.replace("Köln", "Essen").replace("„", '"').replace("“", '"').encode("cp1252"),
        "latin.txt": umlaut.replace("Köln", "Mainz").replace("„", '"').replace("“", '"').encode("latin-1") + b"\x81",
    }, None)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        df = analysis.load_articles(corpus)
    enc = dict(zip(df["article_id"], df["encoding"]))
    assert enc == {"bom": "utf-8-sig", "plain": "utf-8", "win": "cp1252", "latin": "latin-1"}
    for text in df["text"]:
        assert "Über die Straße" in text and "\r" not in text
    report = analysis.load_report(df)
    assert set(report.loc[report["status"] == "warning", "file"].map(lambda f: Path(f).name)) >= {"win.txt", "latin.txt"}


def test_every_bad_file_is_rejected_with_a_reason(tmp_path):
    corpus = make_corpus(tmp_path, {
        "good.txt": TEXT.encode(),
        "empty.txt": b"   \n\n",
        "binary.txt": bytes(range(256)) * 4,
        "zcopy.txt": TEXT.encode(),
        "unlisted.txt": TEXT.replace("Montag", "Dienstag").encode(),
        "captions.txt": b"Ein Bild\nReuters/KCNA\n",
    }, "file,outlet,published,language,url,note\n"
       "good.txt,dpa,2023-13-45,de,,\n"
       "empty.txt,dpa,,de,,\n"
       "binary.txt,dpa,,de,,\n"
       "zcopy.txt,Daily Planet,2023-09-14,de,,\n"
       "missing.txt,dpa,2023-09,de,,\n"
       "captions.txt,,,,,\n")
    with pytest.warns(analysis.LoadWarning, match="rejected"):
        df = analysis.load_articles(corpus)
    report = analysis.load_report(df)
    reasons = {Path(f).name + ("" if pd.isna(line) else f":{line}"): r
               for f, line, r in report[["file", "line", "reason"]].itertuples(index=False)}
    text = "\n".join(f"{k} {v}" for k, v in reasons.items())
    assert sorted(df["article_id"]) == ["good", "unlisted"]
    assert "empty.txt:3 empty file" in text
    assert "binary.txt:4 binary file" in text
    assert "zcopy.txt:5 duplicate of good.txt" in text
    assert "articles.csv:6 manifest row names 'missing.txt'" in text
    assert "articles.csv:6" in text and "does not exist" in text
    assert "good.txt:2 manifest date: unparseable date '2023-13-45'" in text
    assert "unlisted.txt no row in articles.csv" in text
    assert "captions.txt:7 no body text found" in text
    # every file is either loaded or listed as rejected
    names = {p.name for p in (corpus / "articles").iterdir()}
    rejected = {Path(f).name for f in report.loc[report["status"] == "rejected", "file"]}
    assert names == rejected | {f"{a}.txt" for a in df["article_id"]}


def test_unknown_outlet_is_kept_with_a_warning(tmp_path):
    corpus = make_corpus(tmp_path, {"a.txt": TEXT.encode()},
                         "file,outlet,published\na.txt,Daily Planet,2023-09-14\n")
    with pytest.warns(analysis.LoadWarning):
        df = analysis.load_articles(corpus)
    assert df.loc[0, "outlet"] == "Daily Planet" and df.loc[0, "label"] == "Daily Planet"
    assert "not in the outlet table" in analysis.load_report(df)["reason"].iloc[0]
    assert df.loc[0, "published_precision"] == "day"


def test_errors_raise_names_file_and_line(tmp_path):
    corpus = make_corpus(tmp_path, {"a.txt": TEXT.encode()},
                         "file,outlet,published\na.txt,dpa,14/09/2023\n")
    with pytest.raises(analysis.ArticleLoadError, match=r"a\.txt \(manifest line 2\): manifest date: .*14/09/2023"):
        analysis.load_articles(corpus, errors="raise")
    with pytest.raises(analysis.ArticleLoadError, match="empty file"):
        analysis.load_articles(make_corpus(tmp_path / "x", {"e.txt": b""}, None), errors="raise")


def test_broken_manifest_is_a_clear_error(tmp_path):
    corpus = make_corpus(tmp_path, {"a.txt": TEXT.encode()}, "name,outlet\na.txt,dpa\n")
    with pytest.raises(analysis.ArticleLoadError, match="no 'file' column"):
        analysis.load_articles(corpus)
    (tmp_path / "articles.csv").write_text('file,outlet\n"a.txt,dpa\n', encoding="utf-8")
    with pytest.raises(analysis.ArticleLoadError, match="broken manifest"):
        analysis.load_articles(corpus)


def test_decode_rejects_binary_and_empty():
    with pytest.raises(ValueError, match="empty"):
        decode(b"\n \n")
    with pytest.raises(ValueError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert decode("a\r\nb".encode("utf-16"))[0] == "a\nb"


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "parquet"])
def test_tables_give_the_same_frame(tmp_path, suffix):
    table = pd.DataFrame({
        "id": ["x1", "x2", "x3"],
        "body": ["Washington said the talks would go on. Officials said so too.",
                 "Das Ministerium teilte mit, die Gespräche gingen weiter.", ""],
        "source": ["Reuters", "Die Welt", "AP"],
        "date": ["2023-09-14", "2023-09", "2023-09-15"],
    })
    path = tmp_path / f"t.{suffix}"
    if suffix == "csv":
        table.to_csv(path, index=False)
    elif suffix == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in table.to_dict("records")), encoding="utf-8")
    else:
        table.to_parquet(path)
    with pytest.warns(analysis.LoadWarning, match="1 files rejected"):
        df = analysis.load_articles(path, text_col="body", id_col="id", outlet_col="source", date_col="date")
    assert list(df.columns[: len(COLUMNS)]) == COLUMNS
    assert list(df["article_id"]) == ["x1", "x2"]
    assert list(df["outlet"]) == ["Reuters", "Welt"]
    assert list(df["language"]) == ["en", "de"]
    assert list(df["published_precision"]) == ["day", "month"]
    report = analysis.load_report(df)
    assert "empty text" in report.loc[report["status"] == "rejected", "reason"].iloc[0]
    assert "columns read: text <- 'body', id <- 'id', outlet <- 'source', published <- 'date'" in report["reason"].iloc[0]


def test_progress_bar_on_large_loads(tmp_path, capsys):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(analysis.load.PROGRESS_THRESHOLD + 1):
        (folder / f"{i:04d}.txt").write_text(f"Artikel {i}: Die Regierung sagte am Montag etwas.\n", encoding="utf-8")
    df = analysis.load_articles(folder)
    assert len(df) == analysis.load.PROGRESS_THRESHOLD + 1
    assert "Loading articles" in capsys.readouterr().err


def test_time_zones_are_kept_as_the_data_gives_them(tmp_path):
    # A US evening, a UK night and a Berlin morning: the same few hours, three calendar views.
    table = pd.DataFrame({
        "id": ["us", "uk", "de"],
        "publisher": ["CNN", "BBC", "Der Spiegel"],
        "date": ["2023-09-12T22:00:00-04:00", "2023-09-13T03:30:00+01:00", "2023-09-13 05:00"],
        "body": ["Officials in Washington said today that talks would go on. " * 3,
                 "Officials in London said today that the talks had ended. " * 3,
                 "Die Regierung sagte heute, die Gespräche gingen weiter. " * 3],
        "lang": ["en", "en", "de"],
    })
    table.to_csv(tmp_path / "zones.csv", index=False)
    df = analysis.load_articles(tmp_path / "zones.csv").set_index("article_id")
    us, uk, de = df.loc["us", "published"], df.loc["uk", "published"], df.loc["de", "published"]
    # Each keeps its own clock and offset; none is moved to Berlin.
    assert (us.day, us.hour, us.utcoffset()) == (12, 22, pd.Timedelta(hours=-4))
    assert (uk.day, uk.hour, uk.utcoffset()) == (13, 3, pd.Timedelta(hours=1))
    assert (de.day, de.hour, de.utcoffset()) == (13, 5, pd.Timedelta(hours=2))  # no zone given: tz
    assert all(ts.tzinfo is not None for ts in df["published"])
    # "today" in the US article is the 12th, the outlet's own day.
    mentions = analysis.date_mentions(df.reset_index())
    today = mentions[(mentions["article_id"] == "us")]["start_date"].iloc[0]
    assert today == pd.Timestamp("2023-09-12")
    # Ordered on one clock: 02:00, 02:30 and 03:00 UTC, not by the local clocks' 22, 3 and 5.
    order = analysis.publication_order(df.reset_index())
    assert list(order["article_id"]) == ["us", "uk", "de"]
    assert list(order["published"]) == ["2023-09-12 22:00", "2023-09-13 03:30", "2023-09-13 05:00"]
    # One zone in the data: a proper tz-aware column in it; ``tz`` places times without one.
    one = analysis.load_articles(tmp_path / "zones.csv", tz="UTC")
    assert str(one.set_index("article_id").loc["de", "published"].tzinfo) == "UTC"
    table.iloc[:2].to_csv(tmp_path / "us.csv", index=False)
    table.loc[:1, "date"] = ["2023-09-12T22:00:00-04:00", "2023-09-12T23:00:00-04:00"]
    table.iloc[:2].to_csv(tmp_path / "us.csv", index=False)
    us_only = analysis.load_articles(tmp_path / "us.csv")
    assert isinstance(us_only["published"].dtype, pd.DatetimeTZDtype)
    assert list(us_only["published"].dt.hour) == [22, 23]


def test_a_tables_other_columns_are_kept(tmp_path):
    pd.DataFrame({"body": ["Die Regierung sagte am Montag, es gehe weiter.", "Der Minister sagte, es sei genug."],
                  "publisher": ["dpa", "Reuters"], "region": ["Nord", None], "label": ["a", "b"],
                  "words": [9, 7]}).to_csv(tmp_path / "t.csv", index=False)
    df = analysis.load_articles(tmp_path / "t.csv")
    assert list(df["region"].fillna("-")) == ["Nord", "-"] and list(df["data_label"]) == ["a", "b"]
    assert list(df["label"]) == ["dpa", "Reuters"]                 # the loader's own label is not replaced
    reasons = " ".join(analysis.load_report(df)["reason"])
    assert "also kept as they are: region, label, words" in reasons and "kept as 'data_label'" in reasons


def test_a_cached_corpus_reopens_equal_and_notices_changes(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"Berlin (dpa) - Die Regierung sagte am Montag, Plan {i} gelte.\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    cache = tmp_path / "cache"
    with warnings.catch_warnings(record=True) as first:
        warnings.simplefilter("always")
        a = analysis.load_articles(folder, cache=cache)
    assert len(list(cache.glob("*.parquet"))) == 1
    with warnings.catch_warnings(record=True) as again:
        warnings.simplefilter("always")
        b = analysis.load_articles(folder, cache=cache)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(analysis.load_report(a), analysis.load_report(b))
    assert [str(w.message) for w in again] == [str(w.message) for w in first]        # the warning again
    (folder / "a1.txt").write_text("Berlin (dpa) - Die Polizei meldete am Dienstag einen Unfall.\n", encoding="utf-8")
    c = analysis.load_articles(folder, cache=cache)
    assert "Unfall" in c.set_index("article_id").loc["a1", "text"]                   # not the stale frame
    assert len(list(cache.glob("*.parquet"))) == 2
    # a corpus mixing time zones keeps each article's clock through the cache
    pd.DataFrame({"id": ["us", "de"], "outlet": ["CNN", "dpa"], "date": ["2023-09-12T22:00:00-04:00", "2023-09-13 05:00"],
                  "text": ["Officials said the talks went on. " * 3, "Die Regierung sagte, es gehe weiter. " * 3]}
                 ).to_csv(tmp_path / "zones.csv", index=False)
    fresh = analysis.load_articles(tmp_path / "zones.csv", cache=cache)
    reopened = analysis.load_articles(tmp_path / "zones.csv", cache=cache)
    for x, y in zip(fresh["published"], reopened["published"]):
        assert x == y and x.utcoffset() == y.utcoffset() and x.hour == y.hour
