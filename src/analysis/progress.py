"""Progress bars (tqdm) for long steps, shown from ``PROGRESS_THRESHOLD`` items on.

``progress=None`` means: show a bar when there are many items; True or False decide.
``TQDM_DISABLE=1`` in the environment turns every bar off (the report command sets it
inside notebooks, where timings would make two runs' outputs differ).
"""
from __future__ import annotations

PROGRESS_THRESHOLD = 200


def progress_bar(items, total: int, progress: bool | None, desc: str, unit: str = "article"):
    """``items`` wrapped in a bar when ``progress`` (or, when None, when ``total`` is large)."""
    if progress is None:
        progress = total > PROGRESS_THRESHOLD
    if not progress:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc=desc, unit=unit)
