"""Date mentions on held-out real news that no tuning looked at before it was labelled.

    python benchmarks/eval_dates_heldout.py            # each batch per language, then all batches
    python benchmarks/eval_dates_heldout.py --errors 20

126 training articles (70 German Wikinews, 56 English PolNeAR; three batches, each a fixed
random sample) were labelled with TimeML TIMEX3 by project helpers working blind (they never
saw the tagger or its output), following the conventions of the KRAUTS and TimeBank gold. Only
the labels are in this folder (dates_heldout/annotations.jsonl: offsets, types, values); the
texts are read from ../shared/train at run time and laid out as load_articles keeps them, and
the scorer is the dev set's (../shared/dev/dates/score.py), so the figures are comparable with
`make evaluate-dates`. See dates_heldout/README.md for which figures are first-sight ones.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
TRAIN = {"de": SHARED / "train" / "de_wikinews_train.jsonl", "en": SHARED / "train" / "en_polnear_train.jsonl"}
SCORER = SHARED / "dev" / "dates" / "score.py"


def gold_files(folder: Path) -> dict[str, Path]:
    """Write gold-format JSONL files into ``folder``: per labelling batch and language, and
    per language over all batches. Returns name -> path."""
    sys.path.insert(0, str(ROOT / "src"))
    import analysis

    labels = [json.loads(line) for line in open(HERE / "dates_heldout" / "annotations.jsonl", encoding="utf-8")]
    texts = {}
    for lang in ("de", "en"):
        wanted = {d["doc_id"] for d in labels if d["language"] == lang}
        raw = [a for a in map(json.loads, open(TRAIN[lang], encoding="utf-8")) if a["id"] in wanted]
        table = folder / f"{lang}_raw.jsonl"
        with open(table, "w", encoding="utf-8") as fh:
            for a in raw:
                fh.write(json.dumps({"article_id": a["id"], "text": a["text"], "published": a["published"],
                                     "language": lang}, ensure_ascii=False) + "\n")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            loaded = analysis.load_articles(table, id_col="article_id", progress=False)
        texts.update(zip(loaded["article_id"].astype(str), loaded["text"]))
        if missing := wanted - set(texts):
            raise SystemExit(f"held-out articles not found in {TRAIN[lang]}: {sorted(missing)}")
    sets = {f"{lang}_batch{b}": [d for d in labels if d["language"] == lang and d["batch"] == b]
            for b in sorted({d["batch"] for d in labels}) for lang in ("de", "en")}
    sets.update({f"{lang}_all": [d for d in labels if d["language"] == lang] for lang in ("de", "en")})
    out = {}
    for name, docs in sets.items():
        out[name] = folder / f"heldout_{name}.jsonl"
        with open(out[name], "w", encoding="utf-8") as fh:
            for d in docs:
                text = texts[d["doc_id"]]
                for e in d["expressions"]:
                    if text[e["start"]:e["end"]] != e["text"]:
                        raise SystemExit(f"{d['doc_id']}: label {e['tid']} {e['text']!r} no longer matches the text")
                fh.write(json.dumps({"doc_id": d["doc_id"], "source": f"held out, batch {d['batch']}", "title": None,
                                     "published": d["published"], "language": d["language"], "text": text,
                                     "expressions": [dict(e, temporal_function=None, anchor=None) for e in d["expressions"]]},
                                    ensure_ascii=False) + "\n")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="also list the N most common error types")
    args = ap.parse_args(argv)
    if not SCORER.exists() or not all(p.exists() for p in TRAIN.values()):
        print(f"skipped: needs {SCORER} and the training news in {SHARED / 'train'}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in gold_files(Path(tmp)).items():
            cmd = [sys.executable, str(SCORER), str(path)] + (["--errors", str(args.errors)] if args.errors else [])
            run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
            print(run.stdout if args.errors else run.stdout.strip().splitlines()[-1])
            if run.returncode not in (0, 1):
                print(run.stderr, file=sys.stderr)
                return run.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
