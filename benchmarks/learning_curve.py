"""How the source detector's dev micro-F1 grows with training data: train on a seeded share of
the training articles (25, 50, 75, 100 %), score on the dev gold (never trained on). Each step
retrains both models into a temporary folder (about 1 to 3 minutes per step on 2 cores); the
committed models are not touched. Needs ../shared/train and ../shared/dev beside the project.

    python benchmarks/learning_curve.py [de|en ...]       # default: both
"""
from __future__ import annotations

import contextlib
import io
import random
import sys
import tempfile
from pathlib import Path

from analysis import evaluate
from analysis.sources import model, train

DEV = {"de": "de_wikinews_dev.jsonl", "en": "en_polnear_dev.jsonl"}
SHARED = Path(__file__).resolve().parents[2] / "shared"


def curve(language: str, shares=(0.25, 0.5, 0.75, 1.0), seed: int = 7) -> None:
    gold = SHARED / "dev" / DEV[language]
    if not gold.exists() or not (SHARED / "train").exists():
        print(f"{language}: ../shared/train or {gold} not found: no learning curve")
        return
    ids = sorted(a["id"] for a in train.read_corpus(language))
    random.Random(seed).shuffle(ids)
    for share in shares:
        keep = set(ids[: int(len(ids) * share)])
        with tempfile.TemporaryDirectory() as folder:
            train.build(language, Path(folder), articles=keep, log=lambda *_: None)
            model.MODEL_DIR = Path(folder)
            model._load.cache_clear()
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                evaluate.main(["--errors", "0", "--gold", str(gold)])
        micro = next(line.split() for line in out.getvalue().splitlines() if line.strip().startswith("micro"))
        gold_n, predicted, correct, p, r, f1 = micro[1:]
        print(f"{language} {share:>4.0%} of training ({len(keep):>3} articles): dev micro-F1 {f1} "
              f"(P {p}, R {r})", flush=True)


if __name__ == "__main__":
    for lang in sys.argv[1:] or ["de", "en"]:
        curve(lang)
