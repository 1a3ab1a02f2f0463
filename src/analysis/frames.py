"""Checks on the frames public functions receive: one clear message for a missing column."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def require_columns(frame: pd.DataFrame, columns: Iterable[str], where: str, *, made_by: str = "analysis.load_articles") -> None:
    """Raise ``ValueError`` naming every column of ``columns`` that ``frame`` lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        have = ", ".join(map(str, frame.columns)) or "none"
        raise ValueError(f"{where} needs the column(s) {', '.join(repr(c) for c in missing)}, which this frame "
                         f"lacks (it has: {have}); frames made by {made_by} have them")
