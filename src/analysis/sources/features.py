"""Token features for the cue/source tagger: the same function serves training and detection.

A token is described by its word, stem, suffix and shape, by what the lexicons say of it
(a cue word, a kind of source, part of an outlet, organisation or place name, an anonymiser),
by its neighbours up to two tokens away, by whether it sits inside a quotation, and by the
distance to the nearest cue-like word. Word-level parts are computed once per word form and
cached, so a sentence costs little more than list concatenation.
"""
from __future__ import annotations

import bisect

import numpy as np

from .lexicons import (ANONYMISERS, AUXILIARIES, DETERMINERS, KONJUNKTIV, PRONOUNS, TITLES,
                       Lexicon)
from .text import Token, quote_depth

OFFSETS = (-2, -1, 1, 2)
CACHE_LIMIT = 500_000          # word forms kept per model; a corpus larger than that recomputes the rest
CLAUSE_MARKS = {",", ";", ":", "–", "—", "(", ")"}


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if not word[0].isalnum():
        return "p"
    if word.isupper() and len(word) > 1:
        return "X"
    if word[0].isupper():
        return "Xx"
    return "x"


def _distance(d: int) -> str:
    return str(d) if d < 4 else ("m" if d < 8 else "f")


class FeatureExtractor:
    """Turns a tokenised sentence into CRF feature lists.

    ``learned_cues`` are the stems of cue words seen in the training annotations; they are
    stored with the model so that detection sees exactly the features training saw. With an
    ``index`` (attribute -> id, from a trained model) :meth:`sentence` returns the ids of the
    attributes the model knows instead of strings; the rest carry no weight anyway.
    """

    def __init__(self, lex: Lexicon, learned_cues=(), lowercase_words=(), index: dict | None = None):
        self.lex = lex
        self.cue_stems = set(learned_cues) | lex.cue_stems
        # words seen in lower case inside sentences: a capitalised one is no name (or German noun)
        self.lowercase = frozenset(lowercase_words)
        self.index = index
        self._cache: dict[str, tuple] = {}
        # detection: per word form, the summed weights of its own and neighbour features,
        # rows of one table (word form -> row)
        self._rows: dict[str, int] = {}
        self._table = np.zeros((0, 5, 0))
        self._weights = None

    def is_namelike(self, word: str) -> bool:
        """Capitalised and not a common lower-case word: a name, or in German a noun."""
        return word[:1].isupper() and word.lower() not in self.lowercase and word.lower() not in self.lex.stopwords

    def word(self, word: str) -> tuple:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        lex, low = self.lex, word.lower()
        stem = lex.stem(low) if word[0].isalpha() else low
        kind = lex.kind(word) or ""          # case kept: "VW-Chef" is a company's, "vw-chef" unknown
        cue = lex.cue_words.get(low, "")
        content = low not in AUXILIARIES[lex.language] and low not in lex.stopwords
        if stem in self.cue_stems and content:
            cue += "S"
        trigger = bool(cue) and content
        shape = _shape(word)
        own = ["b", "w=" + low, "st=" + stem, "s3=" + low[-3:], "sh=" + shape, "k=" + kind, "cue=" + cue]
        if low in PRONOUNS[lex.language]:
            own.append("pron")
        if low in DETERMINERS[lex.language]:
            own.append("det")
        if low in KONJUNKTIV:
            own.append("konj")
        if low.rstrip(".") in TITLES:
            own.append("title")
        if low in lex.stopwords:
            own.append("stop")
        if word[0].isupper():
            own.append("cap=" + ("common" if low in self.lowercase else "name"))
        near = {d: [f"{d}:w={low}", f"{d}:cue={cue}"]
                + ([f"{d}:sh={shape}", f"{d}:k={kind}", f"{d}:st={stem}"] if abs(d) == 1 else []) for d in OFFSETS}
        konj = "konj" in own
        if self.index is not None:
            own, near = self.encode(own), {d: self.encode(v) for d, v in near.items()}
        cached = (low, stem, cue, own, near, konj, trigger)
        if len(self._cache) < CACHE_LIMIT:
            self._cache[word] = cached
        return cached

    def encode(self, features: list[str]) -> list:
        """Strings (training) or the ids of those the model knows (detection)."""
        if self.index is None:
            return features
        index = self.index
        return [index[f] for f in features if f in index]

    def marks(self, text: str, tokens: list[Token]) -> list[str]:
        """Per token: the closed-class name or source phrase it belongs to ('' if none)."""
        if not tokens:
            return []
        lex = self.lex
        spans = [(i, j, value[0]) for i, j, value in lex.names.find(tokens)] if lex.names else []
        if lex.phrases is not None:
            spans += [(i, j, "phrase:" + kind) for i, j, kind in lex.phrases.find(tokens)]
        out = [""] * len(tokens)
        for i, j, kind in spans:
            for k in range(i, j):
                out[k] = out[k] or kind
        sentence = text[tokens[0].start:tokens[-1].end]
        if ANONYMISERS.search(sentence):
            starts = [t.start - tokens[0].start for t in tokens]
            for m in ANONYMISERS.finditer(sentence):
                k = bisect.bisect_left(starts, m.start())
                while k < len(tokens) and starts[k] < m.end():
                    out[k] = out[k] or "anon"
                    k += 1
        return out

    def sentence(self, text: str, tokens: list[Token]) -> list[list[str]]:
        """Feature lists for every token of one sentence (or window)."""
        info = [self.word(t.text) for t in tokens]
        marks = self.marks(text, tokens)
        depth = quote_depth(tokens)
        n = len(tokens)
        cue_at = [i for i, w in enumerate(info) if w[2]]
        breaks = [i for i, t in enumerate(tokens) if t.text in CLAUSE_MARKS]
        flags: list = []
        if any(w[5] for w in info):
            flags.append("S:konj")
        if any(depth):
            flags.append("S:quote")
        words = [w[0] for w in info]
        # distance to the nearest cue-like word on either side, and the clause number
        right, left = _nearest(cue_at, n)
        clause = [0] * n
        for b in breaks:
            for i in range(b + 1, n):
                clause[i] = min(clause[i] + 1, 3)
        enc = self.encode
        flags = enc(flags)
        out = []
        for i, w in enumerate(info):
            x = w[3] + flags
            dyn = ["q=1" if depth[i] else "q=0"]
            if marks[i]:
                dyn.append("M=" + marks[i])
            if i >= 2:
                x += info[i - 2][4][-2]
            if i >= 1:
                x += info[i - 1][4][-1]
                dyn.append("bi-=" + words[i - 1] + "|" + words[i])
                if marks[i - 1]:
                    dyn.append("-1:M=" + marks[i - 1])
            else:
                dyn.append("BOS")
            if i + 1 < n:
                x += info[i + 1][4][1]
                dyn.append("bi+=" + words[i] + "|" + words[i + 1])
                if marks[i + 1]:
                    dyn.append("1:M=" + marks[i + 1])
                if i + 2 < n:
                    x += info[i + 2][4][2]
            else:
                dyn.append("EOS")
            if right[i] is not None:
                dyn.append(_DIST_R[min(right[i] - i, 8)])
                dyn.append("crw=" + info[right[i]][1])
            if left[i] is not None:
                dyn.append(_DIST_L[min(i - left[i], 8)])
            dyn.append(_CLAUSE[clause[i]])
            out.append(x + enc(dyn))
        return out

    def emissions(self, pieces: list[tuple[str, list[Token]]], weights: np.ndarray) -> list[np.ndarray]:
        """For each (text, tokens) piece: per token and label, the sum of the weights of the
        features :meth:`sentence` lists, without listing them. A word's own and neighbour
        features are summed once per word form and cached; the features of a position are
        added as arrays over all pieces at once. ``weights`` is the CRF's attributes × labels
        matrix with a zero row last (:class:`~.crf.LinearChainCRF`); the extractor must have
        the model's ``index``."""
        L = weights.shape[1]
        pieces = [(text, tokens) for text, tokens in pieces]
        sizes = [len(tokens) for _, tokens in pieces]
        N = sum(sizes)
        if not N:
            return [np.zeros((0, L)) for _ in pieces]
        index, zero, word = self.index, len(weights) - 1, self.word
        ids = index.get
        known = self._cache.get
        info = [known(t.text) or word(t.text) for _, tokens in pieces for t in tokens]
        texts = [t.text for _, tokens in pieces for t in tokens]
        rows = self._rows_of(texts, info, weights)
        V = self._table[rows]                   # token × (own, -2, -1, +1, +2) × label
        # position of each token in its piece, and how many tokens follow it there
        ends = np.cumsum(sizes)
        starts = ends - np.array(sizes)
        piece_of = np.repeat(np.arange(len(pieces)), sizes)
        pos = np.arange(N) - starts[piece_of]
        after = ends[piece_of] - 1 - np.arange(N)
        E = V[:, 0].copy()
        E[2:] += V[:-2, 1] * (pos[2:] >= 2)[:, None]       # "-2:…" features of the word two to the left
        E[1:] += V[:-1, 2] * (pos[1:] >= 1)[:, None]
        E[:-1] += V[1:, 3] * (after[:-1] >= 1)[:, None]
        E[:-2] += V[2:, 4] * (after[:-2] >= 2)[:, None]
        words = [w[0] for w in info]
        inside = pos[1:] >= 1                    # pairs of neighbours within one piece
        minus = [ids("bi-=" + a + "|" + b, zero) for a, b in zip(words, words[1:])]
        plus = [ids("bi+=" + a + "|" + b, zero) for a, b in zip(words, words[1:])]
        E[1:] += weights[minus] * inside[:, None]
        E[:-1] += weights[plus] * inside[:, None]
        E[starts[np.array(sizes) > 0]] += weights[ids("BOS", zero)]
        E[ends[np.array(sizes) > 0] - 1] += weights[ids("EOS", zero)]
        # per piece: quotation depth, sentence flags, lexicon marks, cue distances, clauses
        depth, flag_ids, dist_r, dist_l, crw, clause, marked = [], [], [], [], [], [], []
        for (text, tokens), first, n in zip(pieces, starts.tolist(), sizes):
            if not n:
                continue
            part = info[first:first + n]
            d = quote_depth(tokens)
            depth += d
            flags = [zero]
            if any(w[5] for w in part):
                flags.append(ids("S:konj", zero))
            if any(d):
                flags.append(ids("S:quote", zero))
            flag_ids.append(weights[flags].sum(axis=0))
            for i, m in enumerate(self.marks(text, tokens)):
                if m:
                    marked.append((first + i, ids("M=" + m, zero)))
                    if i >= 1:
                        marked.append((first + i - 1, ids("1:M=" + m, zero)))
                    if i + 1 < n:
                        marked.append((first + i + 1, ids("-1:M=" + m, zero)))
            right, left = _nearest([i for i, w in enumerate(part) if w[2]], n)
            dist_r += [9 if r is None else min(r - i, 8) for i, r in enumerate(right)]
            dist_l += [9 if l is None else min(i - l, 8) for i, l in enumerate(left)]
            crw += [zero if r is None else ids("crw=" + part[r][1], zero) for r in right]
            c, count = [], 0
            for t in tokens:
                c.append(count)
                if t.text in CLAUSE_MARKS and count < 3:
                    count += 1
            clause += c
        E += np.repeat(np.stack(flag_ids), [n for n in sizes if n], axis=0)
        E += weights[[ids("q=0", zero), ids("q=1", zero)]][depth]
        E += weights[[ids(f, zero) for f in _DIST_R] + [zero]][dist_r]
        E += weights[[ids(f, zero) for f in _DIST_L] + [zero]][dist_l]
        E += weights[crw]
        E += weights[[ids(f, zero) for f in _CLAUSE]][clause]
        if marked:
            at, which = zip(*marked)
            np.add.at(E, list(at), weights[list(which)])
        return np.split(E, ends[:-1])

    def _rows_of(self, texts: list[str], info: list[tuple], weights: np.ndarray) -> list[int]:
        """Rows of the word-vector table for these word forms, adding the new ones (all
        summed in one array operation)."""
        if weights is not self._weights or len(self._rows) > CACHE_LIMIT:
            self._weights, self._rows = weights, {}
            self._table = np.zeros((0, 5, weights.shape[1]))
        rows = self._rows
        new = {}
        for text, w in zip(texts, info):
            if text not in rows and text not in new:
                new[text] = w
        if new:
            zero, flat, starts = len(weights) - 1, [], []
            for w in new.values():
                for part in (w[3], *(w[4][d] for d in OFFSETS)):
                    starts.append(len(flat))
                    flat.append(zero)
                    flat.extend(part)
            sums = np.add.reduceat(weights[flat], starts, axis=0).reshape(len(new), 5, -1)
            first = len(rows)
            if first + len(new) > len(self._table):      # grow by doubling: appends stay linear
                table = np.zeros((max(2 * len(self._table), first + len(new), 4096), 5, weights.shape[1]))
                table[:first] = self._table[:first]
                self._table = table
            self._table[first:first + len(new)] = sums
            rows.update((text, first + k) for k, text in enumerate(new))
        return [rows[t] for t in texts]


_DIST_R = ["cr=" + _distance(d) for d in range(9)]
_DIST_L = ["cl=" + _distance(d) for d in range(9)]
_CLAUSE = ["clause=%d" % c for c in range(4)]


def _nearest(positions: list[int], n: int) -> tuple[list, list]:
    """For each token, the nearest position at or after it, and the nearest one before it."""
    right, left = [None] * n, [None] * n
    nxt = None
    k = len(positions) - 1
    for i in range(n - 1, -1, -1):
        while k >= 0 and positions[k] >= i:
            nxt = positions[k]
            k -= 1
        right[i] = nxt
    prev, k = None, 0
    for i in range(n):
        while k < len(positions) and positions[k] < i:
            prev = positions[k]
            k += 1
        left[i] = prev
    return right, left
