"""Choose the decoding threshold by cross-validation on the training articles.

``python -m analysis.sources.crossval --language de`` trains the models on four fifths of
the training articles, runs the detector on the labelled articles of the fifth, and scores
(sentence, category) pairs against the labels, the way the dev gold is scored, for each
threshold of a grid. Evaluation data is never read. The chosen value goes into
``train.THRESHOLD``.
"""
from __future__ import annotations

import argparse
import bisect
import tempfile
from pathlib import Path

from ..sentences import split_sentences
from . import train as T
from .detect import attributions_in_text
from .evaluate import score_pairs
from .model import _load, load_model

GRID = (0.5, 0.3, 0.2, 0.1, 0.05, 0.03, 0.02, 0.01)


def label_truth(article: dict, labels: list[dict], language: str) -> tuple[set, set]:
    """(scored sentence ids, {(sentence id, category)}) from an article's labels."""
    text = article["text"]
    spans = split_sentences(text)
    starts = [s for s, _ in spans]
    optional, truth = set(), set()
    for row in labels:
        if row["category"] == "none":
            continue
        if row["annotation"] == "add":
            pos = int(row["cue_start"])
        else:
            a = article["annotations"][int(row["annotation"])]
            first = (a["cue"] or a.get("quote") or a.get("content") or a[T.SPEAKER[language]] or [[0, 0]])[0]
            pos = first[0]
        sid = bisect.bisect_right(starts, pos) - 1
        if row["optional"] == "yes":
            optional.add(sid)
        elif row["kind"] in T.CATEGORY_KINDS or row["kind"] == "pronoun":
            truth.add((sid, row["category"]))
    scored = set(range(len(spans))) - optional
    return scored, {x for x in truth if x[0] in scored}


def run(language: str, folds: int = 5, grid=GRID, log=print) -> dict:
    corpus = T.read_corpus(language)
    labels = T.read_labels(language)
    labelled = [a["id"] for a in corpus if a["id"] in labels]
    fold_of = {aid: i % folds for i, aid in enumerate(labelled)}
    truth, pred = set(), {t: set() for t in grid}
    for k in range(folds):
        held = {aid for aid, f in fold_of.items() if f == k}
        with tempfile.TemporaryDirectory() as tmp:
            T.build(language, Path(tmp), articles={a["id"] for a in corpus} - held, log=lambda *_: None)
            for tau in grid:
                _load.cache_clear()
                model = load_model(language, directory=tmp)
                model.tagger.threshold = tau
                for article in corpus:
                    if article["id"] not in held:
                        continue
                    scored, gold = label_truth(article, labels[article["id"]], language)
                    if tau == grid[0]:
                        truth.update((article["id"], s, c) for s, c in gold)
                    for row in attributions_in_text(article["text"], language, model=model):
                        if row["sentence_id"] in scored and not row["own_outlet"]:
                            pred[tau].add((article["id"], row["sentence_id"], row["category"]))
        log(f"{language}: fold {k + 1}/{folds} done")
    _load.cache_clear()
    results = {}
    for tau in grid:
        micro = score_pairs(truth, pred[tau]).set_index("category").loc["micro"]
        results[tau] = micro
        log(f"{language} threshold {tau:<5} P {micro.precision:.3f} R {micro.recall:.3f} F1 {micro.f1:.3f}")
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.sources.crossval", description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=["de", "en"], required=True)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    run(args.language, args.folds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
