"""Long steps show a progress bar past a few hundred articles, and none on small corpora."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.progress import PROGRESS_THRESHOLD


@pytest.fixture(scope="module")
def many() -> pd.DataFrame:
    n = PROGRESS_THRESHOLD + 1
    return pd.DataFrame({
        "article_id": [f"a{i}" for i in range(n)],
        "outlet": ["dpa" if i % 2 else "Reuters" for i in range(n)],
        "language": "de",
        "text": [f"Die Regierung sagte am Montag, Plan {i} gelte seit dem 3. Oktober 2023 in allen Ländern." for i in range(n)],
    })


@pytest.mark.parametrize("step, desc", [
    (lambda a, p: analysis.find_attributions(a, n_jobs=1, progress=p), "Finding attributions"),
    (lambda a, p: analysis.date_mentions(a, progress=p), "Finding dates"),
    (lambda a, p: analysis.shared_passages(a, progress=p), "Finding shared passages"),
    (lambda a, p: analysis.reuse_matrix(a, by="outlet", progress=p), "Finding shared passages"),
])
def test_long_steps_show_progress(many, capsys, step, desc):
    step(many, None)                              # default: many articles, a bar
    assert desc in capsys.readouterr().err
    step(many, False)
    assert desc not in capsys.readouterr().err
    step(many.head(5), None)                      # a few articles: no bar
    assert desc not in capsys.readouterr().err
