"""A Parquet cache of loaded corpora, so a notebook (or the report's four notebooks) reopens a
large corpus in seconds instead of parsing every file again.

The key is a fingerprint of everything the result depends on: each input file's path, size
and modification time, the loader's arguments, and the loader's own code and data files. A
changed article, option or loader gives a new key, so a stale frame is never served. The
load report travels with the frame and its warnings are shown again on a hit.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd
from .report import Records
from .tables import read_parquet

CACHE_ENV = "ANALYSIS_CACHE"
_LIST_COLUMNS = ["headings", "captions", "credits", "cited_sources", "notes"]
_PACKAGE = Path(__file__).resolve().parents[1]


def cache_folder(cache) -> Path | None:
    """The folder to cache in: ``cache`` (True: ``$ANALYSIS_CACHE`` or
    ``~/.cache/news-analysis``), or ``$ANALYSIS_CACHE`` when ``cache`` is None."""
    if cache is False:
        return None
    if cache is None:
        env = os.environ.get(CACHE_ENV)
        return Path(env) if env else None
    if cache is True:
        return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "news-analysis")
    return Path(cache)


def _inputs(path) -> list[Path]:
    if path is None:
        return []
    items = [Path(path)] if isinstance(path, (str, Path)) else [Path(p) for p in path]
    files = []
    for item in items:
        if item.is_dir():
            files += sorted(p for p in item.rglob("*") if p.is_file())
        elif item.exists():
            files.append(item)
    return files


def cache_key(path, options: dict) -> str:
    """A fingerprint of the inputs, the options and the loader's code and data."""
    h = hashlib.sha256()
    for file in _inputs(path):
        st = file.stat()
        h.update(f"{file.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    h.update(json.dumps(options, sort_keys=True, default=str).encode())
    code = sorted((_PACKAGE / "load").glob("*.py")) + [_PACKAGE / "pages.py", _PACKAGE / "languages.py"] \
        + sorted((_PACKAGE / "data").glob("*.tsv"))
    for file in code:
        if file.exists():
            h.update(file.read_bytes())
    return h.hexdigest()[:32]


def read_cached(folder: Path, key: str) -> tuple[pd.DataFrame, tuple] | None:
    """The cached frame and its load report, or None."""
    file = folder / f"{key}.parquet"
    if not file.exists():
        return None
    try:
        frame = read_parquet(file)
        meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None                                    # a broken cache file is a miss, not an error
    for col in _LIST_COLUMNS:
        if col in frame:
            frame[col] = [list(v) if v is not None else [] for v in frame[col]]
    if meta.get("published_as_text"):
        frame["published"] = pd.Series([pd.NaT if v is None else pd.Timestamp(v) for v in frame["published"]],
                                       index=frame.index, dtype=object)
    for col, dtype in meta.get("datetime_dtypes", {}).items():
        if col in frame:
            frame[col] = frame[col].astype(dtype)
    for col in meta.get("object_columns", []):
        if col in frame:
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    report = Records(tuple(r) for r in meta["load_report"])
    frame.attrs["load_report"] = report
    return frame, report


def write_cached(frame: pd.DataFrame, folder: Path, key: str) -> bool:
    """Store ``frame``; False (and nothing written) when Parquet cannot hold its columns."""
    out = frame.copy()
    out.attrs = {}
    meta = {"load_report": [list(r) for r in frame.attrs.get("load_report", ())],
            # Parquet has no seconds resolution: the dtypes are restored as they were
            "datetime_dtypes": {c: str(out[c].dtype) for c in out.columns if str(out[c].dtype).startswith("datetime64")},
            "object_columns": [c for c in out.columns if out[c].dtype == object and c not in _LIST_COLUMNS]}
    if out["published"].dtype == object:
        # a corpus that mixes time zones: one Parquet column holds one zone, so as ISO text
        meta["published_as_text"] = True
        out["published"] = [None if pd.isna(v) else pd.Timestamp(v).isoformat() for v in out["published"]]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{key}.parquet.tmp"
        out.to_parquet(tmp, index=False)
        (folder / f"{key}.json").write_text(json.dumps(meta, default=str), encoding="utf-8")
        tmp.replace(folder / f"{key}.parquet")
    except (OSError, ValueError, TypeError, ImportError) as exc:     # e.g. a column mixing types
        import warnings

        warnings.warn(f"loaded corpus not cached ({type(exc).__name__}: {exc})", stacklevel=3)
        return False
    return True
