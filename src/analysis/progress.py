"""A progress bar for long loads (tqdm), shown from ``PROGRESS_THRESHOLD`` files on."""
from __future__ import annotations

PROGRESS_THRESHOLD = 200


def progress_bar(items, total: int, progress: bool | None, desc: str):
    if progress is None:
        progress = total > PROGRESS_THRESHOLD
    if not progress:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc=desc, unit="file")
