"""Loading reads only the corpus it is given, and names every entry it does not load.

Files are made in each test: a secret beside the corpus, manifest rows pointing at it by
``..`` and by absolute path, a symbolic link leading out, and folder entries of every kind.
"""
from __future__ import annotations

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
