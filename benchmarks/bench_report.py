"""Time `python -m analysis report` on real news: 250 and 2,000 articles (issue 10: within 2 and
10 minutes on 2 cores). The articles are the German and English training texts in
../shared/train (beside the project; 1,518 in all), with the publisher as outlet; beyond 1,518 the
texts are used again as follow-up versions with their own first line (as a wire story updated in
the day), so no two articles are the same. Without ../shared/train nothing is run. Figures
measured here are in benchmarks/README.md.

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
    copies, k = [frame], 1
    while sum(len(c) for c in copies) < n:
        again = frame.copy()
        again["id"] = again["id"] + f"-update{k}"
        again["text"] = [f"Update {k}: {t}\n\n{text}" for t, text in zip(again["title"], again["text"])]
        copies.append(again)
        k += 1
    return pd.concat(copies, ignore_index=True).head(n)


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
