"""Leads for the same event dated differently in two articles."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations

import pandas as pd

from ..tokens import tokenize
from .words import WEEKDAYS, months as _months


def date_conflicts(mentions: pd.DataFrame, *, min_shared: int = 2, max_share: float = 0.25) -> pd.DataFrame:
    """Pairs of date mentions in different articles that seem to date the same event differently.

    Two resolved mentions of the same precision (month and month, day and day) are paired
    when their sentences share at least ``min_shared`` content words (nouns and names,
    spelling variants joined; words found in more than ``max_share`` of all date sentences,
    such as the story's main actors, are too common to identify one event) and their dates
    differ: spans that do not overlap, or different months where a year is unknown ("im
    Juli" in an undated article against "im August" 2023). A lead to read, not a verdict:
    the rows show both sentences. Only mentions of kind ``date`` are compared.
    """
    cols = ["shared_words", "article_a", "outlet_a", "expression_a", "start_a", "end_a",
            "article_b", "outlet_b", "expression_b", "start_b", "end_b", "sentence_a", "sentence_b"]
    months = {**_months("de"), **_months("en")}

    def month_of(expression: str) -> int | None:
        for w in re.findall(r"[^\W\d_]+", expression.lower()):
            if w in months:
                return months[w]
        return None

    if "kind" in mentions:                 # durations, sets and "nowadays" are not dates of an event
        mentions = mentions[mentions["kind"] == "date"]
    mentions = mentions.assign(_month=[month_of(e) for e in mentions["expression"]])
    # resolved mentions, and month-named ones whose year is unknown ("im Juli" in an undated article)
    res = mentions[mentions["resolved"] | mentions["_month"].notna()].reset_index(drop=True)
    if res.empty:
        return pd.DataFrame(columns=cols)
    from ..stopwords import stopword_set

    skip = set(months) | {w.lower() for ws in WEEKDAYS.values() for w in ws} | stopword_set("de") | stopword_set("en")

    sentences = mentions.drop_duplicates(["article_id", "sentence"])["sentence"]
    content = {s: {key for _, _, surface, key in tokenize(s) if surface[0].isupper() and surface.lower() not in skip}
               for s in set(sentences)}
    bags = [content[s] for s in res["sentence"]]
    df: dict[str, int] = {}
    for text in sentences:
        for w in content[text]:
            df[w] = df.get(w, 0) + 1
    common = {w for w, n in df.items() if len(sentences) > 4 and n / len(sentences) > max_share}
    rows = []
    records = res.to_dict("records")
    for i, j in _candidate_pairs([bag - common for bag in bags], min_shared):
        a, b = records[i], records[j]
        if a["article_id"] == b["article_id"] or a["precision"] != b["precision"]:
            continue
        if a["resolved"] and b["resolved"]:
            if not (a["end_date"] < b["start_date"] or b["end_date"] < a["start_date"]):
                continue
        elif pd.isna(a["_month"]) or pd.isna(b["_month"]) or a["_month"] == b["_month"]:
            continue                  # a year is unknown: only different months certainly differ
        shared = (bags[i] & bags[j]) - common
        if len(shared) < min_shared:
            continue
        rows.append((", ".join(sorted(shared)), a["article_id"], a["outlet"], a["expression"],
                     a["start_date"], a["end_date"], b["article_id"], b["outlet"], b["expression"],
                     b["start_date"], b["end_date"], a["sentence"], b["sentence"]))
    out = pd.DataFrame(rows, columns=cols)
    # rarer shared words point more surely to one event: "Sergej Schoigu" before "Putin"
    score = [sum(1 / df.get(w, 1) for w in ws.split(", ")) for ws in out["shared_words"]]
    return (out.assign(_score=score).sort_values("_score", ascending=False, ignore_index=True, kind="stable")
            .drop(columns="_score"))


def _candidate_pairs(bags: list[set], min_shared: int) -> list[tuple[int, int]]:
    """The pairs (i < j, in order) whose bags share at least ``min_shared`` words, found through
    an index from each word to the mentions using it: only mentions that share a word are ever
    compared, instead of every pair of mentions in the corpus."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, bag in enumerate(bags):
        for word in bag:
            postings[word].append(i)
    shared: Counter = Counter()
    for ids in postings.values():
        if len(ids) > 1:
            shared.update(combinations(ids, 2))
    return sorted(pair for pair, n in shared.items() if n >= min_shared)
