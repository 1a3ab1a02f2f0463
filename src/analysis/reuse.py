"""Shared wording: passages two articles have in common, and how much of each is reused.

Agency copy travels: outlets reprint dpa's sentences whole or lightly edited. Each body is
reduced to lower-case word tokens (punctuation, quote marks and case ignored); every run of
``min_words`` consecutive tokens (a *shingle*) is hashed, and articles sharing a hash share
that run. Overlapping matches are merged into maximal passages. This is linear in corpus
size (a dictionary of hashes), not a pairwise diff, so it stays fast on thousands of
articles. A shingle found in many articles links each to the first that has it (see
``_matches``); one found in more than ``max_articles`` (a quarter of the corpus, at least 50:
boilerplate) is skipped.
"""
from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pandas as pd

from .progress import progress_bar
from .frames import group_value, require_columns

_WORD = re.compile(r"\w+(?:[-‐'’]\w+)*")

PASSAGE_COLUMNS = [
    "article_a", "article_b", "outlet_a", "outlet_b", "n_words",
    "start_a", "end_a", "start_b", "end_b", "passage_a", "passage_b",
]


def _words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    words, spans = [], []
    for m in _WORD.finditer(text):
        words.append(m.group().lower().replace("‐", "-").replace("’", "'"))
        spans.append((m.start(), m.end()))
    return words, spans


CLIQUE_MAX = 10   # a shingle in at most this many articles links every pair of them


def _matches(articles: pd.DataFrame, min_words: int, max_articles: int | None, progress: bool | None = None):
    """The word offsets of each article (starts, ends), and per article pair (a < b) the
    passages they share as runs (a0, a1, b0, b1) of word positions, ends exclusive.

    A shingle in a few articles (up to :data:`CLIQUE_MAX`) links every pair of them. One in
    more, a wire story reprinted widely, links each of them to the first article that has it
    (in the frame's order), so the work grows with the number of copies, not its square.
    Shingles in more than ``max_articles`` articles (default: a quarter of the corpus, at least
    50) are boilerplate and skipped. Runs grow along each pair's diagonal (the same offset
    between the two texts) while each article is read in order, so no list of every shared
    shingle is ever held.
    """
    from array import array

    limit = max_articles if max_articles is not None else max(50, len(articles) // 4)
    tokens, hashes = [], []
    texts = progress_bar(articles["text"], len(articles), progress, "Finding shared passages")
    for text in texts:
        words, spans = _words(text)
        # the words are needed only to hash them; offsets are kept as two int arrays
        tokens.append((array("i", (s for s, _ in spans)), array("i", (e for _, e in spans))))
        hashes.append(array("q", (hash(tuple(words[p:p + min_words])) for p in range(len(words) - min_words + 1))))
    # most shingles occur once: find the shared ones with numpy and index only those
    flat = np.frombuffer(b"".join(h.tobytes() for h in hashes), dtype=np.int64) if hashes else np.zeros(0, np.int64)
    _, inverse, counts = np.unique(flat, return_inverse=True, return_counts=True)
    shared = counts[inverse] > 1
    index: dict[int, list[tuple[int, int]]] = defaultdict(list)
    offset = 0
    for i, row in enumerate(hashes):
        for p in np.flatnonzero(shared[offset:offset + len(row)]).tolist():
            index[row[p]].append((i, p))
        offset += len(row)
    spread: dict[int, tuple[int, int]] = {}         # hash -> (articles having it, the first of them)
    runs: dict[tuple[int, int], list[list[int]]] = defaultdict(list)
    for a, row in enumerate(hashes):
        growing: dict[tuple[int, int], list[int]] = {}     # (b, offset) -> the run that may grow
        for p, h in enumerate(row):
            hits = index.get(h)
            if hits is None:
                continue
            if h not in spread:
                docs = {d for d, _ in hits}
                spread[h] = (len(docs), min(docs))
            k, first = spread[h]
            if k < 2 or k > limit or (k > CLIQUE_MAX and a != first):
                continue
            for b, q in hits:
                if b <= a:                  # each pair once; in a star the first article is the lowest
                    continue
                run = growing.get((b, q - p))
                if run is not None and run[1] == p + min_words - 1:
                    run[1] += 1
                    run[3] += 1
                else:
                    run = [p, p + min_words, q, q + min_words]
                    runs[(a, b)].append(run)
                    growing[(b, q - p)] = run
    return tokens, runs


def shared_passages(articles: pd.DataFrame, min_words: int = 8, *, by: str = "outlet",
                    max_articles: int | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Passages of at least ``min_words`` consecutive words that two articles share.

    One row per passage and article pair: ``article_a``, ``article_b``, their ``outlet_a``,
    ``outlet_b`` (the ``by`` column), ``n_words``, character offsets ``start_a``/``end_a``
    and ``start_b``/``end_b`` in each ``text``, and the passage as written in each.
    ``progress``: a bar (None: from a few hundred articles on).
    """
    require_columns(articles, ["article_id", "text"], "shared_passages")
    if min_words < 2:
        raise ValueError("min_words must be at least 2")
    arts = articles.reset_index(drop=True)
    tokens, pairs = _matches(arts, min_words, max_articles, progress)
    group = [group_value(v) for v in arts[by]] if by in arts else ["unknown"] * len(arts)
    ids, texts = list(arts["article_id"]), list(arts["text"])      # lists: .at per row cost a fifth of the time
    rows = []
    for (i, j), found in sorted(pairs.items()):
        (starts_a, ends_a), (starts_b, ends_b) = tokens[i], tokens[j]
        for a0, a1, b0, b1 in sorted(found):
            start_a, end_a = starts_a[a0], ends_a[a1 - 1]
            start_b, end_b = starts_b[b0], ends_b[b1 - 1]
            rows.append((
                ids[i], ids[j], group[i], group[j],
                a1 - a0, start_a, end_a, start_b, end_b,
                texts[i][start_a:end_a], texts[j][start_b:end_b],
            ))
    out = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    return out.sort_values("n_words", ascending=False, ignore_index=True, kind="stable")


def reuse_matrix(articles: pd.DataFrame, by: str = "article_id", *, min_words: int = 8,
                 max_articles: int | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Share of each row's body words found in the column's text (0-1; NaN on the diagonal).

    ``by="article_id"`` compares articles; ``by="outlet"`` (or any column) pools each group's
    articles: the share of group A's words that occur in a passage shared with group B.
    Not symmetric: a short article can be entirely inside a long one.
    """
    require_columns(articles, ["article_id", "text"], "reuse_matrix")
    arts = articles.reset_index(drop=True)
    tokens, pairs = _matches(arts, min_words, max_articles, progress)
    group = [group_value(v) for v in (arts[by] if by in arts else arts["article_id"])]
    labels = sorted(set(group))
    total = defaultdict(int)
    for g, (starts, _) in zip(group, tokens):
        total[g] += len(starts)
    covered: dict[tuple[str, str], set] = defaultdict(set)   # (A, B) -> {(article, position)} of A
    for (i, j), found in pairs.items():
        for a0, a1, b0, b1 in found:
            covered[(group[i], group[j])].update((i, p) for p in range(a0, a1))
            covered[(group[j], group[i])].update((j, p) for p in range(b0, b1))
    m = pd.DataFrame(0.0, index=pd.Index(labels, name=by), columns=pd.Index(labels, name=f"{by} (found in)"))
    for (ga, gb), positions in covered.items():
        if ga != gb:
            m.loc[ga, gb] = len(positions) / total[ga] if total[ga] else np.nan
    for g in labels:
        m.loc[g, g] = np.nan
    return m
