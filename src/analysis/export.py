"""Write tables for use outside Python: one CSV each and one Excel workbook with a sheet each.

The files are reproducible: the same tables give the same bytes (the workbook's timestamps,
inside and in its zip entries, are fixed), so a report folder can be compared run to run.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import pandas as pd

FIXED_TIME = datetime(2000, 1, 1)
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """What a spreadsheet can hold: time zones written into the text, lists joined, the index
    kept as columns."""
    out = frame.reset_index() if not isinstance(frame.index, pd.RangeIndex) else frame.copy()
    for col in out.columns:
        values = out[col]
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            out[col] = values.map(lambda v: "" if pd.isna(v) else v.isoformat())
        elif values.dtype == object and values.map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = values.map(lambda v: " | ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    out.columns = [str(c) for c in out.columns]
    return out


def export(tables: Mapping[str, pd.DataFrame], folder: str | Path, *, excel: str | None = "tables.xlsx") -> list[Path]:
    """Write each table as ``folder/<name>.csv`` and, unless ``excel`` is None, all of them as
    sheets of ``folder/<excel>``. Returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    plain = {name: _plain(frame) for name, frame in tables.items()}
    for name, frame in plain.items():
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    if excel and plain:
        written.append(write_workbook(plain, folder / excel))
    return written


EXCEL_CELL = 32_767        # characters an Excel cell holds
# control characters XML (and so a workbook) cannot hold; the CSV files keep the text as is
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _for_excel(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: _cell(v) if isinstance(v, str) else v)
    return out


def _cell(text: str) -> str:
    text = _ILLEGAL.sub(" ", text)
    return text if len(text) <= EXCEL_CELL else text[:EXCEL_CELL - 1] + "…"


def write_workbook(tables: Mapping[str, pd.DataFrame], path: Path) -> Path:
    """One sheet per table (names cut to Excel's 31 characters, made unique), reproducible.
    Control characters become spaces and over-long cells are cut to Excel's limit (the CSV
    files keep every character)."""
    buffer = io.BytesIO()
    used: set[str] = set()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            sheet = _SHEET_BAD.sub("_", name)[:31] or "table"
            n = 2
            while sheet in used:
                sheet = f"{sheet[:28]}_{n}"
                n += 1
            used.add(sheet)
            _for_excel(frame).to_excel(writer, sheet_name=sheet, index=False)
        writer.book.properties.created = FIXED_TIME
        writer.book.properties.modified = FIXED_TIME
    path.write_bytes(_fixed_zip(buffer.getvalue()))
    return path


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01 and the same order, so equal content
    gives equal bytes (openpyxl dates entries with the clock)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":      # openpyxl stamps "modified" when saving
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            target.writestr(fixed, content)
    return out.getvalue()
