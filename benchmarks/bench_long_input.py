"""Time on pathological input grows linearly: one sentence of n words, one line of n spaces,
a folder of n small files with a manifest.

Prints seconds per size; each doubling of n should roughly double the time (issue 9: a
10,000-word sentence took 103 s in find_attributions, a line of 40,000 spaces 41 s in
parse_page, 20,000 files with a manifest 438 s in load_articles).
"""
from __future__ import annotations

import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

import analysis
from analysis.pages import parse_page

WORDS = ("Der Minister Peter Müller sagte laut Reuters am Montag in Berlin , „ dass die Lage "
         "ernst sei “ und").split()


def main() -> None:
    analysis.find_attributions(pd.DataFrame({"article_id": ["w"], "text": ["Er sagte das."]}), n_jobs=1)
    for n in (5_000, 10_000, 20_000, 40_000):
        text = "Berlin (dpa) - " + " ".join(WORDS[i % len(WORDS)] for i in range(n)) + "."
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")            # "sentences of more than 5,000 characters … cut"
            found = analysis.find_attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}), n_jobs=1)
        t1 = time.perf_counter()
        parse_page("Titel\n\nx" + " " * (10 * n) + "x\n\nText.\n")
        t2 = time.perf_counter()
        print(f"one sentence of {n:>6,} words: find_attributions {t1 - t0:6.2f} s ({len(found)} attributions); "
              f"one line of {10 * n:>7,} spaces: parse_page {t2 - t1:6.3f} s")


def many_files() -> None:
    for n in (5_000, 10_000, 20_000):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "articles").mkdir()
            lines = ["file,outlet,published"]
            for i in range(n):
                (root / "articles" / f"{i:05d}.txt").write_text(
                    f"Berlin (dpa) - Artikel {i}: Die Regierung sagte am Montag, es gehe voran.\n", encoding="utf-8")
                lines.append(f"{i:05d}.txt,dpa,2023-09-14")
            (root / "articles.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
            t0 = time.perf_counter()
            df = analysis.load_articles(root, progress=False)
            print(f"{n:>6,} files with a manifest: load_articles {time.perf_counter() - t0:5.1f} s ({len(df):,} loaded)")


if __name__ == "__main__":
    main()
    many_files()
