"""Time on pathological input grows linearly: one sentence of n words, one line of n spaces.

Prints seconds per size; each doubling of n should roughly double the time (issue 9: a
10,000-word sentence took 103 s in find_attributions, a line of 40,000 spaces 41 s in
parse_page, both quadratic).
"""
from __future__ import annotations

import time
import warnings

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


if __name__ == "__main__":
    main()
