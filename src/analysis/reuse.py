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


def _matches(articles: pd.DataFrame, min_words: int, max_articles: int | None, progress: bool | None = None,
             word_offsets: bool = True):
    """The word offsets of each article (starts, ends; with ``word_offsets=False`` its number of
    words), and per article pair (a < b) the
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
    tokens, sizes, hashes = [], [], array("q")
    texts = progress_bar(articles["text"], len(articles), progress, "Finding shared passages")
    for text in texts:
        words, spans = _words(text)
        # the words are needed only to hash them; offsets are kept as two int arrays (for the
        # passages' text), or only their number
        tokens.append((array("i", (s for s, _ in spans)), array("i", (e for _, e in spans))) if word_offsets else len(words))
        before = len(hashes)
        hashes.extend(hash(tuple(words[p:p + min_words])) for p in range(len(words) - min_words + 1))
        sizes.append(len(hashes) - before)
    sizes = np.array(sizes, dtype=np.int64)
    # one array for the corpus, seen by numpy without a copy
    flat = np.frombuffer(hashes, dtype=np.int64) if len(hashes) else np.zeros(0, np.int64)
    # The index is arrays, not a dictionary of lists: each shingle becomes an id (``uid``), and
    # the positions that have it are one slice of ``order``. Per shingle: how many articles have
    # it and the first of them. About 50 bytes per word instead of about 250.
    _, uid, counts = np.unique(flat, return_inverse=True, return_counts=True)
    del flat, hashes
    uid = uid.astype(np.int32 if len(counts) < 2**31 else np.int64).ravel()
    order = np.argsort(uid, kind="stable")                  # positions grouped by shingle, in text order
    first_at = np.cumsum(counts) - counts
    article_of = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)
    offsets = np.cumsum(sizes) - sizes
    docs_sorted = article_of[order]
    new_doc = np.ones(len(order), dtype=bool)
    new_doc[1:] = docs_sorted[1:] != docs_sorted[:-1]
    new_doc[first_at] = True
    n_docs = np.add.reduceat(new_doc, first_at) if len(order) else np.zeros(0, np.int64)
    first_doc = docs_sorted[first_at]
    del docs_sorted, new_doc
    # a shingle links articles when 2 to ``limit`` articles have it; beyond CLIQUE_MAX only the
    # first of them links to the others
    linking = (n_docs >= 2) & (n_docs <= limit)
    runs: dict[tuple[int, int], list[list[int]]] = defaultdict(list)
    for a in range(len(sizes)):
        base = int(offsets[a])
        mine = uid[base:base + sizes[a]]
        ok = linking[mine] & ((n_docs[mine] <= CLIQUE_MAX) | (first_doc[mine] == a))
        ps = np.flatnonzero(ok)
        # every (position, other article, its position) sharing a shingle, in text order: the
        # slices of ``order`` for these shingles, concatenated
        us = mine[ps]
        lens = counts[us]
        which = np.repeat(np.arange(len(ps)), lens)
        hits = order[np.repeat(first_at[us] - (np.cumsum(lens) - lens), lens) + np.arange(int(lens.sum()))]
        other = article_of[hits]
        keep = other > a                                   # each pair once; a star's first is the lowest
        other, hits, which = other[keep], hits[keep], which[keep]
        growing: dict[tuple[int, int], list[int]] = {}     # (b, offset) -> the run that may grow
        for p, b, q in zip(ps[which].tolist(), other.tolist(), (hits - offsets[other]).tolist()):
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
    # numbers first, in the output's order (longest first; ties by pair and position), then one
    # column at a time, so the passages' text is held about once, not as rows and a sorted copy
    runs = [(-(a1 - a0), i, j, a0, a1, b0, b1) for (i, j), found in pairs.items() for a0, a1, b0, b1 in found]
    runs.sort()
    del pairs
    i_, j_ = [r[1] for r in runs], [r[2] for r in runs]
    start_a = [tokens[i][0][r[3]] for i, r in zip(i_, runs)]
    end_a = [tokens[i][1][r[4] - 1] for i, r in zip(i_, runs)]
    start_b = [tokens[j][0][r[5]] for j, r in zip(j_, runs)]
    end_b = [tokens[j][1][r[6] - 1] for j, r in zip(j_, runs)]
    columns = {
        "article_a": [ids[i] for i in i_], "article_b": [ids[j] for j in j_],
        "outlet_a": [group[i] for i in i_], "outlet_b": [group[j] for j in j_],
        "n_words": [-r[0] for r in runs], "start_a": start_a, "end_a": end_a, "start_b": start_b, "end_b": end_b,
    }
    del runs
    out = pd.DataFrame(columns, columns=PASSAGE_COLUMNS[:9])
    if out.empty:
        return pd.DataFrame(columns=PASSAGE_COLUMNS)
    out["passage_a"] = [texts[i][s:e] for i, s, e in zip(i_, start_a, end_a)]
    out["passage_b"] = [texts[j][s:e] for j, s, e in zip(j_, start_b, end_b)]
    return out


REUSE_COLUMNS = ["found_in", "n_words", "n_reused", "share"]


def reuse_shares(articles: pd.DataFrame, by: str = "outlet", *, min_words: int = 8,
                 max_articles: int | None = None, progress: bool | None = None) -> pd.DataFrame:
    """How much of each group's wording is found in another group's: one row per pair of
    groups that share at least one passage (a sparse, tidy form of :func:`reuse_matrix`).

    Columns: ``by`` (the group whose words are counted), ``found_in`` (the other group),
    ``n_words`` (the first group's body words), ``n_reused`` (of them, the words inside a
    passage shared with ``found_in``; a word reused from several articles counts once) and
    ``share`` (``n_reused / n_words``).
    """
    require_columns(articles, ["article_id", "text"], "reuse_shares")
    arts = articles.reset_index(drop=True)
    n_words, pairs = _matches(arts, min_words, max_articles, progress, word_offsets=False)
    labels, code = np.unique(np.array([group_value(v) for v in (arts[by] if by in arts else arts["article_id"])],
                                      dtype=object).astype(str), return_inverse=True)
    totals = np.bincount(code, weights=n_words, minlength=len(labels))
    # every passage twice, once from each side: (article, the other article's group, words from, to)
    sides = [(i, code[j], a0, a1) for (i, j), found in pairs.items() for a0, a1, _, _ in found] + \
            [(j, code[i], b0, b1) for (i, j), found in pairs.items() for _, _, b0, b1 in found]
    del pairs
    columns = [by, "found_in", "n_words", "n_reused", "share"]
    if not sides:
        return pd.DataFrame(columns=columns)
    art, other, start, end = (np.array(c, dtype=np.int64) for c in zip(*sides))
    del sides
    keep = code[art] != other                            # a group's reuse of itself is not counted
    art, other, start, end = art[keep], other[keep], start[keep], end[keep]
    # words covered per (article, other group): the union of its intervals. Sorted by key and
    # start, with the key lifted into the high bits, a running maximum of the ends tells how
    # much of each interval is new.
    key = art * len(labels) + other
    lift = key << 32
    order = np.lexsort((start, key))
    key, s, e = key[order], start[order] + lift[order], end[order] + lift[order]
    reach = np.maximum.accumulate(e)
    before = np.concatenate([[np.iinfo(np.int64).min], reach[:-1]])
    new = np.clip(e - np.maximum(s, before), 0, None)
    per = pd.DataFrame({by: code[key // len(labels)], "found_in": key % len(labels), "n_reused": new})
    out = per.groupby([by, "found_in"], as_index=False)["n_reused"].sum()
    out["n_words"] = totals[out[by]].astype(np.int64)
    out["share"] = out["n_reused"] / out["n_words"].where(out["n_words"] > 0)
    out[by] = labels[out[by]]
    out["found_in"] = labels[out["found_in"]]
    return out[columns].sort_values([by, "found_in"], ignore_index=True)


def reuse_matrix(articles: pd.DataFrame, by: str = "article_id", *, min_words: int = 8,
                 max_articles: int | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Share of each row's body words found in the column's text (0-1; NaN on the diagonal).

    ``by="article_id"`` compares articles; ``by="outlet"`` (or any column) pools each group's
    articles: the share of group A's words that occur in a passage shared with group B.
    Not symmetric: a short article can be entirely inside a long one. The matrix is dense
    (groups × groups); for many articles use :func:`reuse_shares`, which lists only the pairs
    that share something.
    """
    require_columns(articles, ["article_id", "text"], "reuse_matrix")
    labels = sorted({group_value(v) for v in (articles[by] if by in articles else articles["article_id"])})
    shares = reuse_shares(articles, by, min_words=min_words, max_articles=max_articles, progress=progress)
    index = pd.Index(labels, name=by)
    values = np.zeros((len(labels), len(labels)))
    if len(shares):
        values[index.get_indexer(shares[by]), index.get_indexer(shares["found_in"])] = shares["share"].to_numpy(dtype=float)
    np.fill_diagonal(values, np.nan)
    return pd.DataFrame(values, index=index, columns=pd.Index(labels, name=f"{by} (found in)"))
