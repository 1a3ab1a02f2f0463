"""Score the attribution detector against gold labels and list every error.

Run ``python -m analysis.evaluate`` to score the bundled articles against
``../shared/spec/seed-attributions.jsonl``; ``--gold`` and ``--data`` take other files.
Scoring is over (sentence, category) pairs, optional sentences left out, as the spec says.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from .attribution import CATEGORIES, find_attributions
from .load import bundled_data_dir, load_articles
from .sentences import sentences as split_into_sentences

DEFAULT_GOLD = bundled_data_dir().parent.parent / "shared" / "spec" / "seed-attributions.jsonl"


def read_gold(path: str | Path) -> pd.DataFrame:
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = pd.DataFrame(rows)
    gold["article_id"] = gold["file"].str.replace(r"\.txt$", "", regex=True)
    return gold


def align(gold: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Attach each gold line to the sentence id that contains its ``sentence_contains``."""
    sents = split_into_sentences(articles)
    ids = []
    for g in gold.itertuples():
        hit = sents[(sents["article_id"] == g.article_id) & sents["sentence"].str.contains(g.sentence_contains, regex=False)]
        ids.append(int(hit["sentence_id"].iloc[0]) if len(hit) == 1 else -1)
    gold = gold.assign(sentence_id=ids)
    return gold


def evaluate(attributions: pd.DataFrame, gold: pd.DataFrame, articles: pd.DataFrame):
    """Per-category precision/recall/F1 and the list of errors.

    Returns ``(scores, errors)``: ``scores`` has one row per category plus ``micro``;
    ``errors`` one row per false positive (``FP``) or false negative (``FN``) with the
    sentence, and the cue and source the detector used (for FPs).
    """
    gold = align(gold, articles)
    unaligned = gold[gold["sentence_id"] < 0]
    if len(unaligned):
        raise ValueError(f"{len(unaligned)} gold sentences not found, e.g. {unaligned['sentence_contains'].iloc[0]!r}")
    scored = gold[~gold["optional"].astype(bool)]
    keys = set(zip(scored["article_id"], scored["sentence_id"]))
    truth = {(a, s, c) for a, s, cats in zip(scored["article_id"], scored["sentence_id"], scored["categories"]) for c in cats}
    pred_rows = attributions[[(a, s) in keys for a, s in zip(attributions["article_id"], attributions["sentence_id"])]]
    pred = set(zip(pred_rows["article_id"], pred_rows["sentence_id"], pred_rows["category"]))
    rows = []
    for cat in CATEGORIES + ["micro"]:
        t = {x for x in truth if cat == "micro" or x[2] == cat}
        p = {x for x in pred if cat == "micro" or x[2] == cat}
        tp = len(t & p)
        prec = tp / len(p) if p else float("nan")
        rec = tp / len(t) if t else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if p and t and (prec + rec) else float("nan")
        rows.append((cat, len(t), len(p), tp, prec, rec, f1))
    scores = pd.DataFrame(rows, columns=["category", "gold", "predicted", "correct", "precision", "recall", "f1"])
    text = {(g.article_id, g.sentence_id): g.sentence_contains for g in scored.itertuples()}
    errors = []
    for a, s, c in sorted(pred - truth):
        used = pred_rows[(pred_rows["article_id"] == a) & (pred_rows["sentence_id"] == s) & (pred_rows["category"] == c)].iloc[0]
        errors.append(("FP", a, s, c, used["sentence"], used["cue"], used["source"], used["how"]))
    for a, s, c in sorted(truth - pred):
        errors.append(("FN", a, s, c, text[(a, s)], "", "", ""))
    errors = pd.DataFrame(errors, columns=["error", "article_id", "sentence_id", "category", "sentence", "cue", "source", "how"])
    return scores, errors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(DEFAULT_GOLD), help="gold JSON Lines (default: %(default)s)")
    parser.add_argument("--data", default=None, help="articles folder (default: the bundled data)")
    args = parser.parse_args(argv)
    if not Path(args.gold).exists():
        print(f"gold file not found: {args.gold}", file=sys.stderr)
        return 2
    articles = load_articles(args.data)
    scores, errors = evaluate(find_attributions(articles), read_gold(args.gold), articles)
    pd.set_option("display.width", 160)
    print(scores.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print(f"\n{len(errors)} errors ({(errors['error'] == 'FP').sum()} false positives, {(errors['error'] == 'FN').sum()} false negatives)")
    for e in errors.itertuples():
        print(f"\n{e.error} {e.category:18} {e.article_id} #{e.sentence_id}: {e.sentence[:160]}")
        if e.error == "FP":
            print(f"   cue {e.cue!r}  source {e.source!r}  ({e.how})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
