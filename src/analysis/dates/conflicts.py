"""Leads for the same event dated differently in two articles."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from ..tokens import tokenize
from .words import WEEKDAYS, months as _months


PER_MENTION = 5     # partners listed per mention by default: the leads whose shared words are rarest


def date_conflicts(mentions: pd.DataFrame, *, min_shared: int = 2, max_share: float = 0.25,
                   per_mention: int | None = PER_MENTION) -> pd.DataFrame:
    """Pairs of date mentions in different articles that seem to date the same event differently.

    Two resolved mentions of the same precision (month and month, day and day) are paired
    when their sentences share at least ``min_shared`` content words (nouns and names,
    spelling variants joined; words found in more than ``max_share`` of all date sentences,
    such as the story's main actors, are too common to identify one event) and their dates
    differ: spans that do not overlap, or different months where a year is unknown ("im
    Juli" in an undated article against "im August" 2023). A lead to read, not a verdict:
    the rows show both sentences. Only mentions of kind ``date`` are compared.

    Rows are ordered by how rare the shared words are ("Sergej Schoigu" before "Putin"). Each
    mention keeps its ``per_mention`` best partners (None: all), so a large corpus gives a
    list that grows with the number of mentions, not with its square: 1,518 news articles
    have over 100,000 such pairs, most of them copies of the same few leads.
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
    df: dict[str, int] = {}
    for text in sentences:
        for w in content[text]:
            df[w] = df.get(w, 0) + 1
    common = {w for w, n in df.items() if len(sentences) > 4 and n / len(sentences) > max_share}
    bags = [content[s] - common for s in res["sentence"]]
    article, precision = res["article_id"].tolist(), res["precision"].tolist()
    resolved = res["resolved"].tolist()
    month = [None if pd.isna(m) else int(m) for m in res["_month"]]
    start, end = res["start_date"].tolist(), res["end_date"].tolist()
    t = max(1, min_shared)
    # A wire sentence reprinted by many outlets is one statement: the pairs are found between
    # distinct statements (same sentence, expression and dates), then spread to the articles
    # that carry them, so the work grows with the number of statements, not of copies.
    members: list[list[int]] = []
    statement: dict = {}
    for i, key in enumerate(zip(res["sentence"], res["expression"], precision, start, end, month)):
        k = statement.setdefault(key, len(members))
        if k == len(members):
            members.append([])
        members[k].append(i)
    first = [m[0] for m in members]

    def differ(i: int, j: int) -> bool:
        if precision[i] != precision[j]:
            return False
        if resolved[i] and resolved[j]:
            return end[i] < start[j] or end[j] < start[i]
        # a year is unknown: only different months certainly differ
        return not (month[i] is None or month[j] is None or month[i] == month[j])

    kept: set = set()
    for s, partners in _partners([bags[i] for i in first], t):
        i = first[s]
        found = []
        for s2 in partners:
            j = first[s2]
            if differ(i, j):
                shared = bags[i] & bags[j]
                if len(shared) >= t:
                    found.append((-sum(1 / df[w] for w in sorted(shared)), s2))
        found.sort()
        for i in members[s]:
            taken = 0
            for _, s2 in found:
                for j in members[s2]:
                    if article[j] != article[i]:
                        kept.add((min(i, j), max(i, j)))
                        taken += 1
                        if taken == per_mention:
                            break
                if taken == per_mention:
                    break
    pairs = sorted(kept)
    del kept
    words = [sorted(bags[i] & bags[j]) for i, j in pairs]
    # rarer shared words point more surely to one event: "Sergej Schoigu" before "Putin";
    # summed in one order, so ties stay ties and the stable sort keeps them in pair order
    score = np.array([sum(1 / df[w] for w in ws) for ws in words])
    order = np.argsort(-score, kind="stable")
    ia = np.array([i for i, _ in pairs], dtype=np.int64)[order]
    ja = np.array([j for _, j in pairs], dtype=np.int64)[order]
    # a column at a time, taken from the mentions: the sentences are not held as rows too
    columns = {"shared_words": [", ".join(words[k]) for k in order]}
    for side, at in (("a", ia), ("b", ja)):
        for name, source in (("article", "article_id"), ("outlet", "outlet"), ("expression", "expression"),
                             ("start", "start_date"), ("end", "end_date"), ("sentence", "sentence")):
            columns[f"{name}_{side}"] = res[source].take(at).reset_index(drop=True)
    return pd.DataFrame(columns)[cols] if len(pairs) else pd.DataFrame(columns=cols)


def _partners(bags: list[set], t: int):
    """For each mention ``i`` (in order), the other mentions that may share ``t`` words with
    it: ``(i, [j, ...])``, each ``j`` once.

    Prefix filtering, as in set-similarity joins (Chaudhuri, Ganti and Kaushik 2006): with the
    words of every bag ordered rarest first, two bags that share ``t`` words share one of the
    first ``len(bag) - t + 1`` words of each. Only those words are indexed, so common words,
    whose postings would pair almost every mention with every other, never make candidates;
    the caller checks each candidate on the whole bags. No list of pairs is ever held."""
    freq = Counter(w for bag in bags for w in bag)
    prefixes = [sorted(bag, key=lambda w: (freq[w], w))[:len(bag) - t + 1] if len(bag) >= t else [] for bag in bags]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, prefix in enumerate(prefixes):
        for word in prefix:
            postings[word].append(i)
    for i, prefix in enumerate(prefixes):
        if prefix:
            yield i, sorted({j for w in prefix for j in postings[w] if j != i})
