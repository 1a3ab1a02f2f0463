"""Time `python -m analysis report` on real news: 250 and 2,000 articles (issue 10: within 2 and
10 minutes on 2 cores). The articles are the German and English training texts in
../shared/train (beside the project; 1,518 in all, so "2000" runs on 1,518), with the publisher
as outlet; without them, nothing is run. Measured here: 250 articles 37 s, 1,518 articles
(4.8 MB, 8 outlets) 151 s.

    python benchmarks/bench_report.py [N ...]        # default: 250 2000
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

SHARED = Path(__file__).resolve().parents[2] / "shared" / "train"


def corpus(n: int) -> pd.DataFrame:
    rows = []
    for name, lang in (("de_wikinews_train.jsonl", "de"), ("en_polnear_train.jsonl", "en")):
        for line in (SHARED / name).read_text(encoding="utf-8").splitlines():
            a = json.loads(line)
            rows.append({"id": a["id"], "outlet": a.get("publisher") or "Wikinews", "published": a.get("published") or "",
                         "language": lang, "title": a.get("title") or "", "text": a["text"]})
    frame = pd.DataFrame(rows).sample(frac=1.0, random_state=0, ignore_index=True)
    return frame.head(n)


def main(sizes: list[int]) -> None:
    if not SHARED.exists():
        print(f"{SHARED} not found: no report benchmark")
        return
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            table = Path(tmp) / "corpus.csv"
            data = corpus(n)
            data.to_csv(table, index=False)
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "analysis", "report", str(table), "--out", str(Path(tmp) / "out")],
                                  capture_output=True, text=True)
            dt = time.perf_counter() - t0
            status = "ok" if done.returncode == 0 else "FAILED: " + done.stdout[-300:]
            print(f"report on {len(data):,} articles ({data['text'].str.len().sum() / 1e6:.1f} MB, "
                  f"{data['outlet'].nunique()} outlets): {dt:.0f} s, {status}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [250, 2000])
