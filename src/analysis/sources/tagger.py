"""Cue and source spans in sentences, from the trained CRF.

Viterbi decoding alone is cautious: news annotations miss many attributions, so the model
learned to say "no" too often. Labels are therefore also read off the marginal probabilities:
a token Viterbi left outside every span takes its most probable cue or source label when
that label's probability passes the threshold stored with the model (chosen on held-out
training articles, never on evaluation data).
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .crf import LinearChainCRF
from .features import FeatureExtractor
from .text import Token, windows


class Span(NamedTuple):
    first: int        # token index, inclusive
    last: int         # token index, inclusive
    label: str        # CUE or SRC
    prob: float       # mean marginal probability of the span's tags


class SpanTagger:
    def __init__(self, crf: LinearChainCRF, extractor: FeatureExtractor, threshold: float):
        self.crf = crf
        self.extractor = extractor
        self.threshold = threshold
        self.outside = crf.labels.index("O")

    def spans(self, texts: list[str], sentences: list[list[list[Token]]]) -> list[list[list[Span]]]:
        """Cue and source spans for each sentence of each text, all decoded as one batch.
        Very long sentences are cut into overlapping windows so cost stays linear."""
        pieces = []
        for t, (text, sents) in enumerate(zip(texts, sentences)):
            for k, tokens in enumerate(sents):
                for a, b in windows(len(tokens)):
                    pieces.append((t, k, a, text, tokens[a:b]))
        emissions = self.extractor.emissions([p[3:] for p in pieces], self.crf.weights)
        paths, marginals = self.crf.decode(emissions)
        found: dict = {}
        for (t, k, a, _, _), path, marg in zip(pieces, paths, marginals):
            found.setdefault((t, k), []).extend(
                Span(s.first + a, s.last + a, s.label, s.prob) for s in self._read(path, marg))
        out = [[[] for _ in sents] for sents in sentences]
        for (t, k), spans in found.items():
            # windows overlap: of two overlapping spans keep the longer (the other was cut at an edge)
            kept: list[Span] = []
            taken: dict[str, set] = {}                 # token positions held by a kept span, per label
            for span in sorted(spans, key=lambda s: (s.first - s.last, s.first, s.label)):
                held = taken.setdefault(span.label, set())
                if not any(i in held for i in range(span.first, span.last + 1)):
                    kept.append(span)
                    held.update(range(span.first, span.last + 1))
            out[t][k] = sorted(kept, key=lambda s: (s.first, s.label))
        return out

    def _read(self, path: list[int], marg: np.ndarray) -> list[Span]:
        labels, o, tau = self.crf.labels, self.outside, self.threshold
        tags = np.array(path)
        others = marg.copy()
        others[:, o] = 0.0
        best = others.argmax(axis=1)
        take = (tags == o) & (others[np.arange(len(tags)), best] > tau)
        tags[take] = best[take]
        spans, i, n = [], 0, len(tags)
        tags = tags.tolist()
        while i < n:
            name = labels[tags[i]]
            if name == "O":
                i += 1
                continue
            kind = name[2:]
            j = i + 1
            while j < n and labels[tags[j]] == "I-" + kind:
                j += 1
            prob = float(marg[np.arange(i, j), tags[i:j]].mean())
            spans.append(Span(i, j - 1, kind, prob))
            i = j
        return spans
