"""``load_articles``: a folder, files or a table in, one row per article out."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Literal

import pandas as pd

from .decode import decode, fingerprint
from .folder import discover, manifest_entries
from ..progress import progress_bar
from .cache import cache_folder, cache_key, read_cached, write_cached
from .report import Report
from .rows import article_row, articles_frame, free_id
from .tables import load_table, table_frame, table_rows, table_suffix


def bundled_data_dir() -> Path:
    """The project's ``data/`` folder (or ``$ANALYSIS_DATA``)."""
    env = os.environ.get("ANALYSIS_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "data"


def load_articles(
    path: str | Path | Iterable[str | Path] | None = None,
    *,
    manifest: str | Path | None = None,
    errors: Literal["warn", "raise", "ignore"] = "warn",
    tz: str = "Europe/Berlin",
    segment: bool | None = None,
    text_col: str | None = None,
    id_col: str | None = None,
    title_col: str | None = None,
    outlet_col: str | None = None,
    date_col: str | None = None,
    language_col: str | None = None,
    progress: bool | None = None,
    cache: bool | str | Path | None = None,
) -> pd.DataFrame:
    """Load articles into a DataFrame with one row per article (columns: :data:`COLUMNS`).

    ``path`` is a folder of ``.txt`` pages (its ``articles.csv`` manifest, or one in the
    folder above, names outlet, date and language), a single file, a list of files, or
    a table (``.csv``, ``.tsv``, ``.jsonl``, ``.ndjson``, ``.json``, ``.parquet``). With no
    path the bundled sample articles are loaded.

    A table's columns are found by their usual names (``data/column_names.tsv``: text, body,
    content …; outlet, publisher, source …; published, date, pubdate …; title, headline; id,
    article_id, url …; language, lang), case ignored; ``text_col``, ``id_col``,
    ``title_col``, ``outlet_col``, ``date_col`` and ``language_col`` name them instead. The
    load report says which column was read as what (status ``info``); without an id column,
    ids are the file name and the row number.

    Problems never pass silently: with ``errors="warn"`` (default) each rejected file
    and each warning is listed in ``analysis.load_report(df)`` and a summary warning is
    shown; ``errors="raise"`` raises :class:`ArticleLoadError` on the first problem.
    Publication times keep the zone the data gives ("2023-09-12T22:00-04:00" stays that
    evening, not 04:00 the next day in Berlin); ``tz`` is the zone assumed for times given
    without one. A corpus that mixes zones gets a column of aware Timestamps (one dtype
    holds one zone); ``pd.to_datetime(df["published"], utc=True)`` puts them on one clock.
    ``segment`` separates body text from captions, credits, headings and notes; it is on
    for text pages and off for tables (whose text is usually the body already).

    ``cache`` keeps the loaded frame as Parquet and returns it while no input file, option or
    loader file has changed: True (in ``$ANALYSIS_CACHE`` or ``~/.cache/news-analysis``), a
    folder, or False. None (default): cached only when ``$ANALYSIS_CACHE`` is set, as
    ``python -m analysis report`` does for its notebooks.
    """
    options = dict(manifest=manifest, errors=errors, tz=tz, segment=segment, text_col=text_col, id_col=id_col,
                   title_col=title_col, outlet_col=outlet_col, date_col=date_col, language_col=language_col)
    folder = cache_folder(cache)
    if folder is None or errors == "raise":
        return _load(path, progress=progress, **options)
    key = cache_key(path if path is not None else bundled_data_dir(), options)
    hit = read_cached(folder, key)
    if hit is not None:
        frame, records = hit
        report = Report(errors)
        for file, line, status, reason in records:
            report.add(file, status, reason, line)
        report.summarise(len(frame))                    # the same warnings as the first load
        return frame
    frame = _load(path, progress=progress, **options)
    write_cached(frame, folder, key)
    return frame


def _load(path, *, manifest, errors, tz, segment, text_col, id_col, title_col, outlet_col, date_col,
          language_col, progress) -> pd.DataFrame:
    report = Report(errors)
    if path is None:
        path = bundled_data_dir()
    if isinstance(path, (str, Path)) and table_suffix(Path(path)) and Path(path).is_file():
        return load_table(
            Path(path), report, tz=tz, segment=bool(segment), text_col=text_col, id_col=id_col,
            title_col=title_col, outlet_col=outlet_col, date_col=date_col,
            language_col=language_col, progress=progress,
        )
    rows = list(_file_rows(path, manifest, report, tz, True if segment is None else segment, progress))
    return articles_frame(rows, report, tz)


def iter_articles(path: str | Path | Iterable[str | Path] | None = None, *, chunk_size: int = 1000,
                  manifest: str | Path | None = None, errors: Literal["warn", "raise", "ignore"] = "warn",
                  tz: str = "Europe/Berlin", segment: bool | None = None, progress: bool | None = None,
                  **columns):
    """Articles in frames of ``chunk_size`` rows, read as they are needed: for corpora larger
    than memory. A folder (or a list of files) or a table: CSV, TSV and Parquet are read as
    they go, the JSON formats whole first. The same rows as :func:`load_articles` (duplicates
    and repeated ids are caught across chunks); each frame's load report holds the problems
    found so far, and one summary warning comes at the end. ``columns``: ``text_col=`` … as
    for :func:`load_articles`."""
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    report = Report(errors)
    if path is not None and isinstance(path, (str, Path)) and table_suffix(Path(path)) and Path(path).is_file():
        rows, names = table_rows(Path(path), report, tz=tz, segment=bool(segment), progress=progress, **columns)
        frame_of = lambda chunk: table_frame(chunk, names, report, tz, summarise=False)
    else:
        rows = _file_rows(path if path is not None else bundled_data_dir(), manifest, report, tz,
                          True if segment is None else segment, progress)
        frame_of = lambda chunk: articles_frame(chunk, report, tz, summarise=False)
    total = 0
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == chunk_size:
            total += len(chunk)
            yield frame_of(chunk)
            chunk = []
    total += len(chunk)
    if chunk:
        yield frame_of(chunk)
    report.summarise(total)


def _file_rows(path, manifest, report: Report, tz, segment: bool, progress):
    """One row per loaded page of a folder or a list of files; every other entry and every
    problem goes to ``report``."""
    if isinstance(path, (str, Path)):
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
        files, manifest_path = discover(path, manifest, report)
        folder = path if path.is_dir() else None
    else:
        files = [Path(p) for p in path]
        manifest_path = Path(manifest) if manifest else None
        folder = None
    # only files inside the folder the user named are read: a manifest row or a symbolic link
    # cannot pull in /etc/passwd or a file beside the corpus
    resolved = {f: f.resolve() for f in files}        # each path resolved once (a few syscalls each)
    if folder is not None:
        inside = folder.resolve()
        for file in [f for f in files if not resolved[f].is_relative_to(inside)]:
            report.add(file, "rejected", f"symbolic link to {resolved.pop(file)}, outside the folder {folder}; not read")
            files.remove(file)
    entries = manifest_entries(manifest_path, resolved, report, folder_load=folder is not None) \
        if manifest_path is not None else {}

    seen, ids = {}, {}
    for file in progress_bar(sorted(files), len(files), progress, "Loading articles", "file"):
        entry = entries.get(str(resolved[file]))
        line = entry["line"] if entry else None
        if manifest_path is not None and entry is None:
            report.add(file, "warning", f"no row in {manifest_path.name}; outlet and date only from the text")
        try:
            data = file.read_bytes()
        except OSError as exc:
            report.add(file, "rejected", f"unreadable: {exc.strerror or exc}", line)
            continue
        try:
            text, encoding = decode(data)
        except ValueError as exc:
            report.add(file, "rejected", str(exc), line)
            continue
        digest = fingerprint(text)
        if digest in seen:
            report.add(file, "rejected", f"duplicate of {seen[digest]}", line)
            continue
        seen[digest] = file.name
        if encoding.startswith("utf-8,"):
            report.add(file, "warning", f"decoded as {encoding} (U+FFFD in their place)", line)
        elif encoding not in ("utf-8", "utf-8-sig"):
            report.add(file, "warning", f"not UTF-8; decoded as {encoding}", line)
        article_id = free_id(file.stem, ids)            # files of one name from two folders
        if article_id != file.stem:
            report.add(file, "warning", f"id {file.stem!r} already taken by {ids[file.stem]}; "
                       f"loaded as {article_id!r}", line)
        row = article_row(article_id, file, text, entry or {}, report, line, tz, segment, encoding)
        if row is not None:
            ids[article_id] = file
            yield row
