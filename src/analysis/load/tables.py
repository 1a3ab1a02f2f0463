"""Articles from a table: CSV, JSON Lines, JSON or Parquet with a text column."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .decode import fingerprint
from .progress import progress_bar
from .report import ArticleLoadError, Report
from .rows import articles_frame, article_row


def load_table(path: Path, report: Report, *, tz, segment, text_col, id_col, title_col,
                outlet_col, date_col, language_col, progress) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif suffix in (".jsonl", ".json"):
            # Parsed with json, not pd.read_json: pandas guesses types by version and turned
            # a "date" of "2023-09" into a timestamp (1 September) on pandas 2.x.
            raw = path.read_text(encoding="utf-8-sig")
            records = [json.loads(line) for line in raw.splitlines() if line.strip()] \
                if suffix == ".jsonl" else json.loads(raw)
            table = pd.DataFrame.from_records(records)
        else:
            table = pd.read_parquet(path)
    except (ValueError, pd.errors.ParserError, OSError) as exc:   # JSONDecodeError is a ValueError
        raise ArticleLoadError(f"{path}: cannot read table: {exc}") from None
    if text_col not in table.columns:
        raise ArticleLoadError(
            f"{path}: no text column {text_col!r} (columns: {', '.join(map(str, table.columns))}); "
            "pass text_col=..."
        )
    rows, seen = [], {}
    records = table.to_dict("records")
    for i, rec in enumerate(progress_bar(records, len(records), progress, "Loading rows")):
        line = i + 2 if suffix == ".csv" else i + 1
        article_id = rec.get(id_col) if id_col else f"{path.stem}-{i:05d}"
        where = f"{path.name} row {i + 1} ({article_id})"
        text = rec.get(text_col)
        if not isinstance(text, str) or not text.strip():
            report.add(where, "rejected", "empty text", line)
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        digest = fingerprint(text)
        if digest in seen:
            report.add(where, "rejected", f"duplicate of {seen[digest]}", line)
            continue
        seen[digest] = str(article_id)

        def get(col):
            value = rec.get(col) if col else None
            return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)

        entry = {"title": get(title_col), "outlet": get(outlet_col),
                 "published": get(date_col), "language": get(language_col)}
        row = article_row(article_id, where, text, entry, report, line, tz, segment, "table")
        if row is not None:
            row["file"] = str(path)
            rows.append(row)
    return articles_frame(rows, report, tz)
