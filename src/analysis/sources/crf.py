"""A linear-chain CRF decoder for models trained with crfsuite, in numpy.

Training uses crfsuite (python-crfsuite); ``export`` writes the trained weights to JSON:
the labels, the transition matrix and, for every attribute with a non-zero weight, one
weight per label. Decoding here reads that JSON (loading runs no code). Detection gets its
emission scores from the feature extractor, which sums the weights per word form once and
adds those of a token's position as arrays (``FeatureExtractor.emissions``); :meth:`emissions`
here is the plain sum over listed attribute ids that it must equal.
Scores, Viterbi paths and marginals are those of crfsuite's CRF1d model (state features
attribute × label, transitions label × label, no start or end transitions).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np


class LinearChainCRF:
    def __init__(self, labels: list[str], attributes: list[str], weights: np.ndarray, transitions: np.ndarray):
        self.labels = labels
        self.index = {a: i for i, a in enumerate(attributes)}
        # one extra zero row: every token starts with it, so no token has an empty list
        self.weights = np.vstack([weights, np.zeros((1, len(labels)))])  # attributes × labels
        self.zero = len(attributes)
        self.transitions = transitions           # from-label × to-label
        self._exp_transitions = np.exp(transitions)

    @classmethod
    def load(cls, path: str | Path) -> "LinearChainCRF":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        attributes = list(data["attributes"])
        weights = np.array([data["attributes"][a] for a in attributes], dtype=np.float64).reshape(-1, len(data["labels"]))
        return cls(data["labels"], attributes, weights, np.array(data["transitions"], dtype=np.float64))

    def emissions(self, ids: list[list[int]]) -> np.ndarray:
        """Per token and label, the sum of its attributes' weights."""
        if not ids:
            return np.zeros((0, len(self.labels)))
        flat, starts, zero = [], [], self.zero
        for x in ids:
            starts.append(len(flat))
            flat.append(zero)
            flat.extend(x)
        return np.add.reduceat(self.weights[flat], starts, axis=0)

    def decode(self, emissions: list[np.ndarray]) -> tuple[list[list[int]], list[np.ndarray]]:
        """Viterbi paths and marginals for a batch of sentences. Sorted longest first and padded
        to one length, so each time step is one array operation over the sentences still
        running (a prefix of the batch), whatever their lengths."""
        if not emissions:
            return [], []
        order = sorted(range(len(emissions)), key=lambda i: -len(emissions[i]))
        lengths = np.array([len(emissions[i]) for i in order])
        B, T, L = len(emissions), int(lengths.max()), len(self.labels)
        E = np.zeros((B, T, L))
        for b, i in enumerate(order):
            E[b, :lengths[b]] = emissions[i]
        # running[t]: how many sentences are longer than t (they come first)
        running = np.searchsorted(-lengths, -np.arange(T), side="left")
        trans = self.transitions
        # Viterbi: a finished sentence's row stops changing, so score ends as its final score
        score = E[:, 0].copy()
        back = np.zeros((B, T, L), dtype=np.int64)
        for t in range(1, T):
            k = running[t]
            cand = score[:k, :, None] + trans[None]
            back[:k, t] = cand.argmax(axis=1)
            score[:k] = cand.max(axis=1) + E[:k, t]
        path = np.zeros((B, T), dtype=np.int64)
        cur = np.zeros(B, dtype=np.int64)
        last = lengths - 1
        best = score.argmax(axis=1)
        for t in range(T - 1, -1, -1):
            k = running[t]
            ending = last[:k] == t
            cur[:k][ending] = best[:k][ending]
            path[:k, t] = cur[:k]
            if t:
                cur[:k] = back[np.arange(k), t, cur[:k]]
        # forward-backward, scaled; rows shifted so exp() cannot overflow
        X = np.exp(E - E.max(axis=2, keepdims=True))
        expt = self._exp_transitions
        alpha = np.empty_like(X)
        beta = np.ones_like(X)                        # a sentence's last token has beta = 1
        alpha[:, 0] = X[:, 0] / X[:, 0].sum(axis=1, keepdims=True)
        for t in range(1, T):
            k = running[t]
            a = (alpha[:k, t - 1] @ expt) * X[:k, t]
            alpha[:k, t] = a / a.sum(axis=1, keepdims=True)
        for t in range(T - 2, -1, -1):
            k = running[t + 1]
            b = (X[:k, t + 1] * beta[:k, t + 1]) @ expt.T
            beta[:k, t] = b / b.sum(axis=1, keepdims=True)
        paths: list = [None] * B
        marginals: list = [None] * B
        for b, i in enumerate(order):
            n = lengths[b]
            p = alpha[b, :n] * beta[b, :n]
            marginals[i] = p / p.sum(axis=1, keepdims=True)
            paths[i] = path[b, :n].tolist()
        return paths, marginals


def export(crfsuite_model: str | Path, path: str | Path) -> dict:
    """Write a crfsuite model's weights as JSON (sorted, rounded: the same model gives the same bytes)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crfsuite_model))
    info = tagger.info()
    labels = sorted(info.labels, key=lambda lab: int(info.labels[lab]))
    pos = {lab: i for i, lab in enumerate(labels)}
    attributes: dict[str, list[float]] = {}
    for (attr, label), weight in info.state_features.items():
        attributes.setdefault(attr, [0.0] * len(labels))[pos[label]] = round(float(weight), 6)
    transitions = [[0.0] * len(labels) for _ in labels]
    for (a, b), weight in info.transitions.items():
        transitions[pos[a]][pos[b]] = round(float(weight), 6)
    data = {"labels": labels, "transitions": transitions, "attributes": dict(sorted(attributes.items()))}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return data

