"""Progress bars (tqdm) for long steps, shown from ``PROGRESS_THRESHOLD`` items on.

``progress=None`` means: show a bar when there are many items; True or False decide.
``TQDM_DISABLE=1`` in the environment turns every bar off (the report command sets it
inside notebooks, where timings would make two runs' outputs differ).
"""
from __future__ import annotations

import os
import warnings

PROGRESS_THRESHOLD = 200


def progress_bar(items, total: int, progress: bool | None, desc: str, unit: str = "article"):
    """``items`` wrapped in a bar when ``progress`` (or, when None, when ``total`` is large)."""
    if progress is None:
        progress = total > PROGRESS_THRESHOLD
    if not progress or os.environ.get("TQDM_DISABLE"):
        return items
    with warnings.catch_warnings():
        # without ipywidgets tqdm.auto warns and falls back to a text bar: the bar is enough
        warnings.simplefilter("ignore")
        from tqdm.auto import tqdm

    return tqdm(items, total=total, desc=desc, unit=unit)
