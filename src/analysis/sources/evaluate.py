"""Score the source detector against gold labels and list every error.

Two gold formats are read:

- *seed* (``../shared/spec/seed-attributions.jsonl``): one line per body sentence of the
  bundled articles, found by ``sentence_contains``;
- *dev* (``../shared/dev/*.jsonl``): one line per article with its ``text`` and a list of
  ``sentences`` with character offsets, categories and ``optional``.

Both are scored as the spec says: (sentence, category) pairs over the sentences that are not
optional (and, in dev files, not outside the body), micro-averaged. An attribution belongs to
the gold sentence that holds its cue. Rows marked ``own_outlet`` are left out, as in the
reliance figures.
"""
from __future__ import annotations

import bisect
import json
from pathlib import Path

import pandas as pd

from ..sentences import sentences as split_into_sentences
from .categories import CATEGORIES

SCORE_COLUMNS = ["category", "gold", "predicted", "correct", "precision", "recall", "f1"]
ERROR_COLUMNS = ["error", "article_id", "sentence_id", "category", "sentence", "cue", "source", "how"]


RECORDED = Path(__file__).resolve().parent / "models" / "scores.json"


GOLD_SETS = {
    "de_wikinews_dev.jsonl": ("German Wikinews, 50 articles", "real news, held out from training (used to compare designs while building)"),
    "en_polnear_dev.jsonl": ("English political news, 21 articles from 7 US outlets", "real news, held out from training (used to compare designs while building)"),
    "seed-attributions.jsonl": ("the 5 sample articles", "upper bound: the spec was written on them"),
    "attributions.jsonl": ("articles written for the project's tests", "agency-style German and English text, not used to build the detector"),
}


def trust_table(path: str | Path = RECORDED) -> pd.DataFrame:
    """One row per gold set: what it is and the micro-averaged precision, recall and F1 that
    ``make evaluate`` recorded for the committed models."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = []
    for name, entry in sorted(data.items(), key=lambda kv: list(GOLD_SETS).index(kv[0].split("/")[-1])
                              if kv[0].split("/")[-1] in GOLD_SETS else 9):
        micro = next(r for r in entry["scores"] if r["category"] == "micro")
        what, kind = GOLD_SETS.get(name.split("/")[-1], (name, ""))
        rows.append({"gold set": what, "what it measures": kind, "pairs": int(micro["gold"]),
                     "precision": micro["precision"], "recall": micro["recall"], "f1": micro["f1"]})
    return pd.DataFrame(rows)


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_format(records: list[dict]) -> str:
    if records and "sentences" in records[0] and "text" in records[0]:
        return "dev"
    if records and "sentence_contains" in records[0]:
        return "seed"
    raise ValueError("unknown gold format: expected seed lines (file, sentence_contains, categories) "
                     "or dev articles (id, text, sentences)")


def dev_articles(records: list[dict]) -> pd.DataFrame:
    """The articles of a dev gold file as a frame ``find_attributions`` reads."""
    return pd.DataFrame({
        "article_id": [r["id"] for r in records],
        "text": [r["text"] for r in records],
        "language": [r.get("language", "de") for r in records],
        "outlet": [r.get("publisher") or None for r in records],
    })


def score_pairs(truth: set, pred: set) -> pd.DataFrame:
    rows = []
    for cat in CATEGORIES + ["micro"]:
        t = {x for x in truth if cat == "micro" or x[2] == cat}
        p = {x for x in pred if cat == "micro" or x[2] == cat}
        tp = len(t & p)
        prec = tp / len(p) if p else float("nan")
        rec = tp / len(t) if t else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if p and t and (prec + rec) else float("nan")
        rows.append((cat, len(t), len(p), tp, prec, rec, f1))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _counted(attributions: pd.DataFrame) -> pd.DataFrame:
    if "own_outlet" in attributions:
        return attributions[~attributions["own_outlet"].astype(bool)]
    return attributions


def evaluate_dev(attributions: pd.DataFrame, records: list[dict]):
    """Scores and errors against dev-format gold (sentence offsets)."""
    att = _counted(attributions)
    truth, pred, found, text_of = set(), set(), {}, {}
    for r in records:
        sents = r["sentences"]
        starts = [s["start"] for s in sents]
        scored = {i for i, s in enumerate(sents) if not s.get("optional") and not s.get("zone")}
        for i in scored:
            text_of[(r["id"], i)] = r["text"][sents[i]["start"]:sents[i]["end"]]
            truth.update((r["id"], i, c) for c in sents[i]["categories"])
        rows = att[att["article_id"] == r["id"]]
        for row in rows.itertuples():
            pos = row.cue_start if pd.notna(row.cue_start) else row.start
            i = bisect.bisect_right(starts, pos) - 1
            if i in scored:
                pred.add((r["id"], i, row.category))
                found.setdefault((r["id"], i, row.category), row)
    return score_pairs(truth, pred), _errors(truth, pred, found, text_of)


def evaluate_seed(attributions: pd.DataFrame, gold: pd.DataFrame, articles: pd.DataFrame):
    """Scores and errors against seed-format gold (``sentence_contains``)."""
    att = _counted(attributions)
    gold = align(gold, articles)
    unaligned = gold[gold["sentence_id"] < 0]
    if len(unaligned):
        raise ValueError(f"{len(unaligned)} gold sentences not found, e.g. {unaligned['sentence_contains'].iloc[0]!r}")
    scored = gold[~gold["optional"].astype(bool)]
    keys = set(zip(scored["article_id"], scored["sentence_id"]))
    truth = {(a, s, c) for a, s, cats in zip(scored["article_id"], scored["sentence_id"], scored["categories"]) for c in cats}
    found = {}
    for row in att.itertuples():
        if (row.article_id, row.sentence_id) in keys:
            found.setdefault((row.article_id, row.sentence_id, row.category), row)
    text_of = {(g.article_id, g.sentence_id): g.sentence_contains for g in scored.itertuples()}
    return score_pairs(truth, set(found)), _errors(truth, set(found), found, text_of)


def _errors(truth, pred, found, text_of) -> pd.DataFrame:
    errors = []
    for a, s, c in sorted(pred - truth):
        row = found[(a, s, c)]
        errors.append(("FP", a, s, c, row.sentence, row.cue, row.source, row.how))
    for a, s, c in sorted(truth - pred):
        errors.append(("FN", a, s, c, text_of[(a, s)], "", "", ""))
    return pd.DataFrame(errors, columns=ERROR_COLUMNS)


def read_gold(path: str | Path) -> pd.DataFrame:
    """Seed-format gold as a frame with ``article_id`` (the file name without ``.txt``)."""
    gold = pd.DataFrame(read_jsonl(path))
    gold["article_id"] = gold["file"].str.replace(r"\.txt$", "", regex=True)
    return gold


def align(gold: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Attach each seed gold line to the sentence id that contains its ``sentence_contains``."""
    sents = split_into_sentences(articles)
    by_article = {aid: group for aid, group in sents.groupby("article_id")}
    ids = []
    for g in gold.itertuples():
        group = by_article.get(g.article_id)
        hit = group[group["sentence"].str.contains(g.sentence_contains, regex=False)] if group is not None else []
        ids.append(int(hit["sentence_id"].iloc[0]) if len(hit) == 1 else -1)
    return gold.assign(sentence_id=ids)
