"""Articles from a table: CSV, TSV, JSON Lines, JSON (each also gzipped) or Parquet, one row each."""
from __future__ import annotations

import csv
import datetime
import gzip
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..lexicon import read_tsv
from .decode import fingerprint
from ..progress import progress_bar
from .report import ArticleLoadError, Report
from .rows import COLUMNS, EXTRA_COLUMNS, article_row, articles_frame, free_id

TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet")
COMPRESSED = ".gz"          # "x.csv.gz": the table suffix before it decides


def table_suffix(path: Path) -> str | None:
    """".csv" for "a.csv" and "a.csv.gz" (text tables may be gzipped; Parquet compresses
    itself); None for anything that is not a table."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-1:] == [".parquet"]:
        return ".parquet"
    if suffixes[-1:] == [COMPRESSED]:
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in TABLE_SUFFIXES and suffixes[-1] != ".parquet":
        return suffixes[-1]
    return None


def _open_text(path: Path):
    """A table file as text, gunzipped on the fly when it ends in .gz."""
    if path.suffix.lower() == COMPRESSED:
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")


# cells that mean "no text" in exported tables, not one-word articles
EMPTY_TEXTS = {"nan", "null", "none", "na", "n/a", "<na>"}


def read_table(path: Path, report: Report) -> tuple[pd.DataFrame, list[int]]:
    """The table and, per row, the line of the file it came from. A JSON Lines line that is
    broken or not an object is rejected by its line number; the others load."""
    suffix = table_suffix(path)
    try:
        if suffix in (".csv", ".tsv"):
            return _read_delimited(path, "\t" if suffix == ".tsv" else ",", report)
        if suffix in (".jsonl", ".ndjson"):
            # parsed with json, not pd.read_json: pandas guesses types by version and turned a
            # "date" of "2023-09" into a timestamp (1 September) on pandas 2.x
            records, lines = [], []
            with _open_text(path) as fh:
                raw = fh.read()
            for n, line in enumerate(raw.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    report.add(path, "rejected", f"line {n} is not valid JSON: {exc.msg}", n)
                    continue
                if not isinstance(record, dict):
                    report.add(path, "rejected", f"line {n} is a {type(record).__name__}, not an object", n)
                    continue
                records.append(record)
                lines.append(n)
            return pd.DataFrame.from_records(records), lines
        if suffix == ".json":
            with _open_text(path) as fh:
                records = json.loads(fh.read())
            if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
                raise ValueError("expected a list of objects")
            return pd.DataFrame.from_records(records), list(range(1, len(records) + 1))
        table = read_parquet(path)
        return table, list(range(1, len(table) + 1))
    except ArticleLoadError:
        raise
    except (ValueError, pd.errors.ParserError, OSError, EOFError) as exc:   # JSONDecodeError is a ValueError
        raise ArticleLoadError(f"{path}: cannot read table: {exc}") from None


def read_parquet(path) -> pd.DataFrame:
    """A Parquet file as a frame, then pyarrow's memory pool handed back: the pool keeps what
    the conversion used (about 75 MB for 31 MB of text) until the process ends."""
    import pyarrow

    frame = pd.read_parquet(path)
    pyarrow.default_memory_pool().release_unused()
    return frame


def _delimited_records(path: Path, delimiter: str, report: Report):
    """The header of a CSV/TSV table and an iterator over its records with the line each
    starts on (a quoted text may span lines), read strictly as they are needed. A quote left
    open would swallow the next rows into one text: it stops the load with the line, instead
    of loading garbled rows. A row with the wrong number of fields is rejected by its line."""
    fh = _open_text(path)
    reader = csv.reader(fh, delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        fh.close()
        raise ArticleLoadError(f"{path}: broken quoting in the header: {exc}") from None
    if not header:
        fh.close()
        raise ArticleLoadError(f"{path}: empty table")
    header = [h.strip() for h in header]

    def records():
        start = reader.line_num + 1
        try:
            for record in reader:
                if any(field.strip() for field in record):
                    if len(record) != len(header):
                        report.add(path, "rejected", f"line {start}: {len(record)} fields, the header has "
                                   f"{len(header)}", start)
                    else:
                        yield dict(zip(header, record)), start
                start = reader.line_num + 1
        except csv.Error as exc:
            raise ArticleLoadError(f"{path}: broken quoting in the record starting on line {start} "
                                   f"(found on line {reader.line_num}: {exc}); is a quote left open?") from None
        finally:
            fh.close()

    return header, records()


def _read_delimited(path: Path, delimiter: str, report: Report) -> tuple[pd.DataFrame, list[int]]:
    header, records = _delimited_records(path, delimiter, report)
    rows, lines = [], []
    for record, line in records:
        rows.append(record)
        lines.append(line)
    return pd.DataFrame(rows, columns=header), lines


def table_records(path: Path, report: Report):
    """The columns of a table and an iterator over (record, line): CSV, TSV and Parquet are read
    as they are needed (for corpora larger than memory), the JSON formats whole."""
    suffix = table_suffix(path)
    if suffix in (".csv", ".tsv"):
        return _delimited_records(path, "\t" if suffix == ".tsv" else ",", report)
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            # pre_buffer (pyarrow's default) keeps what it read ahead: 1.9 GB of memory after a
            # million rows read in batches, against about 50 MB without it
            source = pq.ParquetFile(path, pre_buffer=False)
        except (OSError, ValueError) as exc:
            raise ArticleLoadError(f"{path}: cannot read table: {exc}") from None

        def batches():
            line = 0
            for batch in source.iter_batches(batch_size=2000):
                for record in batch.to_pylist():
                    line += 1
                    yield record, line

        return list(source.schema_arrow.names), batches()
    table, lines = read_table(path, report)
    return list(table.columns), zip(table.to_dict("records"), lines)


def _value(value) -> str | None:
    """A cell as text: None for missing values; 3.0 as "3"; a timestamp at midnight as its day."""
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.date):          # Parquet read in batches gives datetime objects
        value = pd.Timestamp(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    return str(value)


@lru_cache(maxsize=1)
def usual_names() -> dict[str, list[str]]:
    """role -> column names to look for, from ``data/column_names.tsv``."""
    table = read_tsv("column_names.tsv")
    return {row.role: [n.strip().lower() for n in row.names.split(",") if n.strip()] for row in table.itertuples()}


def find_columns(path: Path, columns, given: dict[str, str | None], report: Report) -> dict[str, str | None]:
    """The column read for each role: the one named by the caller (which must exist), else the
    first of the usual names (case ignored), else none. The choice is recorded in the report."""
    by_lower = {}
    for col in columns:
        by_lower.setdefault(str(col).strip().lower(), col)
    have = ", ".join(map(str, columns)) or "none"
    chosen: dict[str, str | None] = {}
    for role, col in given.items():
        if col is not None:
            if col not in columns:
                raise ArticleLoadError(f"{path}: no {_flag(role)[:-4]} column {col!r} (columns: {have}); "
                                       f"pass {_flag(role)}=...")
            chosen[role] = col
        else:
            chosen[role] = next((by_lower[n] for n in usual_names()[role] if n in by_lower), None)
    if chosen["text"] is None:
        raise ArticleLoadError(f"{path}: no text column (columns: {have}; looked for "
                               f"{', '.join(usual_names()['text'])}); pass text_col=...")
    used = ", ".join(f"{role} <- {col!r}" for role, col in chosen.items() if col is not None)
    unused = [str(c) for c in columns if c not in chosen.values()]
    report.add(path, "info", f"columns read: {used}" + (f"; also kept as they are: {', '.join(unused)}" if unused else ""))
    return chosen


def _flag(role: str) -> str:
    return {"published": "date_col"}.get(role, f"{role}_col")


def _table_setup(path: Path, report: Report, given: dict):
    """The table's records, the column read for each role, and the other columns with the
    names they are kept under."""
    columns, records = table_records(path, report)
    cols = find_columns(path, list(columns), given, report)
    # every other column (a region, an author, a section) is kept, so reports can compare by it
    others = [c for c in columns if c not in cols.values()]
    taken = set(COLUMNS + EXTRA_COLUMNS)
    names = [str(c) if str(c) not in taken else f"data_{c}" for c in others]
    for col, name in zip(others, names):
        if name != str(col):
            report.add(path, "info", f"column {col!r} kept as {name!r}: the loader writes its own {str(col)!r}")
    return records, cols, others, names


def _table_rows(path: Path, records, cols: dict, others: list, report: Report, *, tz, segment, progress, total=0):
    """One row per loaded record (as the folder loader's rows, plus the kept columns)."""
    seen, first_line = {}, {}
    text_col, id_col, title_col = cols["text"], cols["id"], cols["title"]
    outlet_col, date_col, language_col = cols["outlet"], cols["published"], cols["language"]
    for i, (rec, line) in enumerate(progress_bar(records, total, progress, "Loading rows", "row")):
        article_id = _value(rec.get(id_col)) if id_col else f"{path.stem}-{i:05d}"
        where = f"{path.name} row {i + 1} ({article_id})"
        if article_id is None or not article_id.strip():
            report.add(where, "rejected", f"no id in column {id_col!r}", line)
            continue
        unique = free_id(article_id, first_line)
        if unique != article_id:
            report.add(where, "warning", f"id {article_id!r} repeats (first on line {first_line[article_id]}); "
                       f"loaded as {unique!r}", line)
            article_id = unique
        first_line[article_id] = line
        text = rec.get(text_col)
        if not isinstance(text, str) or not text.strip() or text.strip().lower() in EMPTY_TEXTS:
            report.add(where, "rejected", "empty text" + (f" ({text.strip()!r})" if isinstance(text, str) and text.strip() else ""), line)
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        digest = fingerprint(text)
        if digest in seen:
            report.add(where, "rejected", f"duplicate of {seen[digest]}", line)
            continue
        seen[digest] = str(article_id)
        entry = {"title": _value(rec.get(title_col)) if title_col else None,
                 "outlet": _value(rec.get(outlet_col)) if outlet_col else None,
                 "published": _value(rec.get(date_col)) if date_col else None,
                 "language": _value(rec.get(language_col)) if language_col else None}
        row = article_row(article_id, where, text, entry, report, line, tz, segment, "table")
        if row is not None:
            row["file"] = str(path)
            row["_kept"] = [None if rec.get(c) == "" else rec.get(c) for c in others]
            yield row


def table_frame(rows: list[dict], names: list[str], report: Report, tz, summarise: bool = True) -> pd.DataFrame:
    """The articles frame of ``rows``, with the table's other columns after the loader's own."""
    frame = articles_frame(rows, report, tz, summarise=summarise)
    for k, name in enumerate(names):
        frame[name] = pd.Series([row["_kept"][k] for row in rows], index=frame.index, dtype=object)
    frame.attrs["load_report"] = report.records()
    return frame


def load_table(path: Path, report: Report, *, tz, segment, text_col, id_col, title_col,
               outlet_col, date_col, language_col, progress) -> pd.DataFrame:
    records, cols, others, names = _table_setup(path, report, {
        "text": text_col, "id": id_col, "title": title_col, "outlet": outlet_col,
        "published": date_col, "language": language_col})
    records = list(records)
    rows = list(_table_rows(path, records, cols, others, report, tz=tz, segment=segment, progress=progress,
                            total=len(records)))
    return table_frame(rows, names, report, tz)


def table_rows(path: Path, report: Report, *, tz, segment, progress=None, **given):
    """A table's rows as they are read (CSV, TSV, Parquet; the JSON formats are read whole
    first), and the names its other columns are kept under: ``table_frame(rows, names, …)``
    makes frames of them. Duplicates and ids are caught across all rows, as in :func:`load_table`."""
    records, cols, others, names = _table_setup(path, report, {
        "text": given.get("text_col"), "id": given.get("id_col"), "title": given.get("title_col"),
        "outlet": given.get("outlet_col"), "published": given.get("date_col"), "language": given.get("language_col")})
    return _table_rows(path, records, cols, others, report, tz=tz, segment=segment, progress=progress), names
