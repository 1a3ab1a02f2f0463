"""Token features for the cue/source tagger: the same function serves training and detection.

A token is described by its word, stem, suffix and shape, by what the lexicons say of it
(a cue word, a kind of source, part of an outlet, organisation or place name, an anonymiser),
by its neighbours up to two tokens away, by whether it sits inside a quotation, and by the
distance to the nearest cue-like word. Word-level parts are computed once per word form and
cached, so a sentence costs little more than list concatenation.
"""
from __future__ import annotations

import bisect

from .lexicons import (ANONYMISERS, AUXILIARIES, DETERMINERS, KONJUNKTIV, PRONOUNS, TITLES,
                       Lexicon)
from .text import QUOTE_MARKS, Token, quote_depth

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
