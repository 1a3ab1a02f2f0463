"""Score the source detector against gold labels: ``python -m analysis.evaluate``.

With no arguments it scores the bundled articles against ``../shared/spec/seed-attributions.jsonl``
(an upper bound: the spec was written on these articles). ``--gold FILE`` takes any gold file
in the seed format or the dev format (articles with sentence offsets, e.g.
``../shared/dev/de_wikinews_dev.jsonl``); a seed-format file beside an ``articles.csv`` scores
those articles, ``--data`` names another folder. It prints precision, recall and F1 per
category and micro-averaged, then every error; ``--save`` records the figures as JSON.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .load import bundled_data_dir, load_articles
from .sources import find_attributions
from .sources.evaluate import (align, dev_articles, evaluate_dev, evaluate_seed, gold_format, read_gold,
                               read_jsonl, score_pairs)

DEFAULT_GOLD = bundled_data_dir().parent.parent / "shared" / "spec" / "seed-attributions.jsonl"
__all__ = ["DEFAULT_GOLD", "align", "evaluate", "evaluate_file", "read_gold", "score_pairs"]


def evaluate(attributions: pd.DataFrame, gold: pd.DataFrame, articles: pd.DataFrame):
    """``(scores, errors)`` against seed-format gold (kept for notebooks and tests)."""
    return evaluate_seed(attributions, gold, articles)


def evaluate_file(gold_path: str | Path, data: str | Path | None = None, *, n_jobs: int | None = None):
    """Run the detector on the gold file's articles and score it: ``(scores, errors, format)``."""
    records = read_jsonl(gold_path)
    fmt = gold_format(records)
    if fmt == "dev":
        articles = dev_articles(records)
        scores, errors = evaluate_dev(find_attributions(articles, n_jobs=n_jobs), records)
    else:
        # a seed-format gold file beside its own articles (articles.csv) scores those
        if data is None and (Path(gold_path).parent / "articles.csv").exists():
            data = Path(gold_path).parent
        articles = load_articles(data, errors="ignore") if data else load_articles(errors="ignore")
        scores, errors = evaluate_seed(find_attributions(articles, n_jobs=n_jobs), read_gold(gold_path), articles)
    return scores, errors, fmt


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", action="append", help="gold JSON Lines, seed or dev format (repeatable; "
                        f"default: {DEFAULT_GOLD})")
    parser.add_argument("--data", default=None, help="articles folder for seed-format gold (default: the bundled data)")
    parser.add_argument("--errors", type=int, default=None, help="print at most this many errors (default: all)")
    parser.add_argument("--save", default=None, help="also write the scores as JSON to this file "
                        "(make evaluate records them beside the models)")
    args = parser.parse_args(argv)
    pd.set_option("display.width", 160)
    recorded = {}
    for gold in args.gold or [str(DEFAULT_GOLD)]:
        if not Path(gold).exists():
            print(f"gold file not found: {gold}", file=sys.stderr)
            return 2
        scores, errors, fmt = evaluate_file(gold, args.data)
        print(f"== {gold} ({fmt} format)")
        print(scores.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        n_fp, n_fn = (errors["error"] == "FP").sum(), (errors["error"] == "FN").sum()
        print(f"\n{len(errors)} errors ({n_fp} false positives, {n_fn} false negatives)")
        for e in errors.head(args.errors).itertuples() if args.errors is not None else errors.itertuples():
            print(f"\n{e.error} {e.category:18} {e.article_id} #{e.sentence_id}: {str(e.sentence)[:160]}")
            if e.error == "FP":
                print(f"   cue {e.cue!r}  source {e.source!r}  ({e.how})")
        print()
        name = Path(gold).name if Path(gold).name != "attributions.jsonl" else f"{Path(gold).parent.name}/attributions.jsonl"
        recorded[name] = {"format": fmt, "scores": scores.round(4).to_dict(orient="records")}
    if args.save:
        save_scores(recorded, args.save)
    return 0


def save_scores(recorded: dict, path: str | Path) -> None:
    import json

    Path(path).write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
