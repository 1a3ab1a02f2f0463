"""Load news articles into a tidy DataFrame, one row per article.

Sources: a folder of plain-text pages (with an optional ``articles.csv`` manifest),
a list of files, or a table (CSV, JSON Lines, Parquet) with a text column. Every
input file ends up either loaded or listed in the load report with the reason.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

import pandas as pd

from .lexicon import canonical_outlet
from .pages import ParsedPage, parse_page

COLUMNS = [
    "article_id", "file", "outlet", "outlet_evidence", "label", "language", "title", "kicker",
    "published", "published_precision", "headings", "captions", "credits", "cited_sources",
    "notes", "text", "n_words",
]
EXTRA_COLUMNS = ["dateline", "encoding", "url", "note"]
MANIFEST_COLUMNS = ["file", "outlet", "published", "language", "url", "label", "note"]
PROGRESS_THRESHOLD = 200
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


class ArticleLoadError(ValueError):
    """A problem with an input file or the manifest (raised with ``errors="raise"``)."""


class LoadWarning(UserWarning):
    """Summary of files rejected or loaded with warnings."""


@dataclass
class Problem:
    file: str
    status: Literal["rejected", "warning"]
    reason: str
    line: int | None = None

    def message(self) -> str:
        where = f"{self.file} (manifest line {self.line})" if self.line else self.file
        return f"{where}: {self.reason}"


class _Report:
    def __init__(self, errors: str):
        if errors not in ("raise", "warn", "ignore"):
            raise ValueError('errors must be "raise", "warn" or "ignore"')
        self.errors = errors
        self.problems: list[Problem] = []

    def add(self, file, status, reason, line=None) -> None:
        problem = Problem(str(file), status, reason, line)
        if self.errors == "raise":
            raise ArticleLoadError(problem.message())
        self.problems.append(problem)

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(
            [vars(p) for p in self.problems], columns=["file", "line", "status", "reason"]
        )
        frame["line"] = frame["line"].astype("Int64")
        return frame

    def summarise(self, n_loaded: int) -> None:
        if self.errors != "warn" or not self.problems:
            return
        rejected = sum(p.status == "rejected" for p in self.problems)
        shown = "\n".join("  " + p.message() for p in self.problems[:10])
        more = f"\n  ... {len(self.problems) - 10} more" if len(self.problems) > 10 else ""
        warnings.warn(
            f"Loaded {n_loaded} articles; {rejected} files rejected, "
            f"{len(self.problems) - rejected} warnings (df.attrs['load_report']):\n{shown}{more}",
            LoadWarning,
            stacklevel=3,
        )


# ---------------------------------------------------------------- decoding

def decode(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes: UTF-8 (with or without BOM), else Windows-1252/Latin-1.

    Raises ``ValueError`` for empty and binary files. Returns the text with CRLF/CR
    line ends normalised and the name of the encoding used.
    """
    if not data.strip():
        raise ValueError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
    elif b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not text")
    else:
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(3, 0.01 * len(text)):
        raise ValueError(f"binary file ({controls} control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


# ---------------------------------------------------------------- dates

_DATE_PATTERNS = [
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$"), "day"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"), "minute"),
    (re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4},? \d{1,2}:\d{2}(?: ?Uhr)?$"), "minute"),
]


def parse_published(value: str, tz: str = "Europe/Berlin") -> tuple[pd.Timestamp, str]:
    """Parse a publication date and say how precise it is.

    "2023-09" stays a month: the Timestamp is the month's first instant and the
    precision ``month`` tells every table and chart not to read it as 1 September.
    Raises ``ValueError`` for anything else.
    """
    s = str(value).strip()
    for pattern, precision in _DATE_PATTERNS:
        if pattern.match(s):
            break
    else:
        raise ValueError(f"unparseable date {value!r} (use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
    s = s.replace(" Uhr", "").replace("Uhr", "")
    if "." in s.split(" ")[0]:
        day_part, *rest = s.replace(",", "").split(" ")
        d, m, y = day_part.split(".")
        s = f"{y}-{int(m):02d}-{int(d):02d}" + (f"T{rest[0]}" if rest else "")
    if precision == "year":
        s += "-01-01"
    elif precision == "month":
        s += "-01"
    try:
        ts = pd.Timestamp(s)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"unparseable date {value!r}: {exc}") from None
    ts = ts.tz_localize(tz) if ts.tzinfo is None else ts.tz_convert(tz)
    return ts, precision


# ---------------------------------------------------------------- language

def detect_language(text: str) -> str:
    """``de`` or ``en`` by the share of each language's function words."""
    from stop_words import get_stop_words

    de, en = set(get_stop_words("de")), set(get_stop_words("en"))
    shared = de & en
    words = [w.lower() for w in WORD.findall(text[:20000])]
    n_de = sum(w in de and w not in shared for w in words)
    n_en = sum(w in en and w not in shared for w in words)
    return "en" if n_en > n_de else "de"


def _digest(text: str) -> str:
    """Fingerprint for finding duplicate articles: white space does not count."""
    return hashlib.sha1(re.sub(r"\s+", " ", text).strip().encode()).hexdigest()


def count_words(text: str) -> int:
    return len(WORD.findall(text))


# ---------------------------------------------------------------- manifest

def read_manifest(path: Path, report: _Report) -> pd.DataFrame:
    """Read and check ``articles.csv``. A broken manifest raises, naming file and line."""
    try:
        manifest = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.ParserError as exc:
        raise ArticleLoadError(f"{path}: broken manifest: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ArticleLoadError(f"{path}: manifest is not UTF-8: {exc}") from None
    except pd.errors.EmptyDataError:
        raise ArticleLoadError(f"{path}: manifest is empty") from None
    manifest.columns = [c.strip() for c in manifest.columns]
    if "file" not in manifest.columns:
        raise ArticleLoadError(
            f"{path}: manifest has no 'file' column (columns: {', '.join(manifest.columns)})"
        )
    for col in MANIFEST_COLUMNS:
        if col not in manifest.columns:
            manifest[col] = ""
    unknown = [c for c in manifest.columns if c not in MANIFEST_COLUMNS]
    if unknown:
        report.add(path, "warning", f"unknown manifest columns ignored: {', '.join(unknown)}", 1)
    manifest = manifest.apply(lambda col: col.str.strip())
    manifest["line"] = range(2, len(manifest) + 2)   # header is line 1
    dup = manifest["file"].duplicated(keep="first") & (manifest["file"] != "")
    for row in manifest[dup].itertuples():
        report.add(path, "warning", f"second manifest row for {row.file!r} ignored", row.line)
    for row in manifest[manifest["file"] == ""].itertuples():
        report.add(path, "warning", "manifest row without a file name ignored", row.line)
    return manifest[~dup & (manifest["file"] != "")]


# ---------------------------------------------------------------- rows

def _outlet(entry: dict, page: ParsedPage, path, report: _Report, line) -> tuple:
    """Outlet, how it is known, and the chart label."""
    outlet, evidence = None, None
    given = entry.get("outlet") or ""
    if given:
        canon = canonical_outlet(given)
        if canon is None:
            report.add(
                path, "warning",
                f"outlet {given!r} is not in the outlet table (analysis/data/outlets.tsv); kept as written",
                line,
            )
        outlet, evidence = canon or given, "manifest"
    elif page.dateline_agency:
        outlet = canonical_outlet(page.dateline_agency) or page.dateline_agency
        evidence = f'dateline "({page.dateline_agency})"'
    label = entry.get("label") or outlet
    if not label:
        label = "unknown outlet"
    return outlet, evidence, label


def _published(entry: dict, page: ParsedPage, path, report: _Report, line, tz: str):
    """The most precise publication date: manifest, else "Stand:" stamp, else date prefix."""
    if entry.get("published"):
        try:
            return parse_published(entry["published"], tz)
        except ValueError as exc:
            report.add(path, "warning", f"manifest date: {exc}; date taken from the text if it has one", line)
    if page.stamp:
        st = page.stamp
        value = f"{st['y']}-{int(st['m']):02d}-{int(st['d']):02d}"
        if st.get("H"):
            value += f"T{int(st['H']):02d}:{st['M']}"
        try:
            return parse_published(value, tz)
        except ValueError as exc:
            report.add(path, "warning", f"'Stand:' stamp: {exc}")
    if page.date_prefix:
        try:
            return parse_published(page.date_prefix, tz)
        except ValueError as exc:
            report.add(path, "warning", f"date prefix: {exc}")
    return pd.NaT, None


def _row(article_id, file, text, entry, report, line, tz, segment, encoding) -> dict | None:
    page = parse_page(text) if segment else ParsedPage(
        paragraphs=[p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    )
    if not page.text.strip():
        report.add(file, "rejected", "no body text found (only captions, headings or notes)", line)
        return None
    outlet, evidence, label = _outlet(entry, page, file, report, line)
    published, precision = _published(entry, page, file, report, line, tz)
    language = (entry.get("language") or "").lower()
    if language not in ("de", "en"):
        if language:
            report.add(file, "warning", f"language {language!r} not supported; detected instead", line)
        language = detect_language(page.text)
    return {
        "article_id": str(article_id),
        "file": str(file),
        "outlet": outlet,
        "outlet_evidence": evidence,
        "label": label,
        "language": language,
        "title": entry.get("title") or page.title,
        "kicker": page.kicker,
        "published": published,
        "published_precision": precision,
        "headings": page.headings,
        "captions": page.captions,
        "credits": page.credits,
        "cited_sources": page.cited_sources,
        "notes": page.notes,
        "text": page.text,
        "n_words": count_words(page.text),
        "dateline": page.dateline,
        "encoding": encoding,
        "url": entry.get("url") or None,
        "note": entry.get("note") or None,
    }


def _frame(rows: list[dict], report: _Report, tz: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS + EXTRA_COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"], utc=True).dt.tz_convert(tz)
    frame["n_words"] = frame["n_words"].astype("int64")
    for col in ("outlet", "outlet_evidence", "published_precision", "title", "kicker"):
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    frame.attrs["load_report"] = report.frame()
    report.summarise(len(frame))
    return frame


def _progress(items, total: int, progress: bool | None, desc: str):
    if progress is None:
        progress = total > PROGRESS_THRESHOLD
    if not progress:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc=desc, unit="file")


def bundled_data_dir() -> Path:
    """The project's ``data/`` folder (or ``$ANALYSIS_DATA``)."""
    env = os.environ.get("ANALYSIS_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "data"


def load_articles(
    path: str | Path | Iterable[str | Path] | None = None,
    *,
    manifest: str | Path | None = None,
    errors: Literal["warn", "raise", "ignore"] = "warn",
    tz: str = "Europe/Berlin",
    segment: bool | None = None,
    text_col: str = "text",
    id_col: str | None = None,
    title_col: str | None = "title",
    outlet_col: str | None = "outlet",
    date_col: str | None = "published",
    language_col: str | None = "language",
    progress: bool | None = None,
) -> pd.DataFrame:
    """Load articles into a DataFrame with one row per article (columns: :data:`COLUMNS`).

    ``path`` is a folder of ``.txt`` pages (its ``articles.csv`` manifest, or one in the
    folder above, names outlet, date and language), a single file, a list of files, or
    a table (``.csv``, ``.jsonl``, ``.parquet``) with a ``text_col``. With no path the
    bundled sample articles are loaded.

    Problems never pass silently: with ``errors="warn"`` (default) each rejected file
    and each warning is listed in ``df.attrs["load_report"]`` and a summary warning is
    shown; ``errors="raise"`` raises :class:`ArticleLoadError` on the first problem.
    ``segment`` separates body text from captions, credits, headings and notes; it is on
    for text pages and off for tables (whose text is usually the body already).
    """
    report = _Report(errors)
    if path is None:
        path = bundled_data_dir()
    if isinstance(path, (str, Path)):
        path = Path(path)
        if path.suffix.lower() in (".csv", ".jsonl", ".json", ".parquet") and path.is_file():
            return _load_table(
                path, report, tz=tz, segment=bool(segment), text_col=text_col, id_col=id_col,
                title_col=title_col, outlet_col=outlet_col, date_col=date_col,
                language_col=language_col, progress=progress,
            )
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
        files, manifest_path = _discover(path, manifest, report)
        folder = path if path.is_dir() else None
    else:
        files = [Path(p) for p in path]
        manifest_path = Path(manifest) if manifest else None
        folder = None
    segment = True if segment is None else segment
    # only files inside the folder the user named are read: a manifest row or a symbolic link
    # cannot pull in /etc/passwd or a file beside the corpus
    if folder is not None:
        inside = folder.resolve()
        for file in [f for f in files if not f.resolve().is_relative_to(inside)]:
            report.add(file, "rejected", f"symbolic link to {file.resolve()}, outside the folder {folder}; not read")
            files.remove(file)
    entries = _manifest_entries(manifest_path, files, report, folder_load=folder is not None) \
        if manifest_path is not None else {}

    rows, seen = [], {}
    for file in _progress(sorted(files), len(files), progress, "Loading articles"):
        entry = entries.get(str(file.resolve()))
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
        digest = _digest(text)
        if digest in seen:
            report.add(file, "rejected", f"duplicate of {seen[digest]}", line)
            continue
        seen[digest] = file.name
        if encoding not in ("utf-8", "utf-8-sig"):
            report.add(file, "warning", f"not UTF-8; decoded as {encoding}", line)
        row = _row(file.stem, file, text, entry or {}, report, line, tz, segment, encoding)
        if row is not None:
            rows.append(row)
    return _frame(rows, report, tz)


def _manifest_entries(manifest_path: Path, files: list[Path], report: _Report, *, folder_load: bool) -> dict:
    """Manifest rows by the resolved path of the file they describe. A row describes a file
    being loaded and never adds one; a row naming a path outside the manifest's folder
    (absolute, ``..``, or a link leading out) is rejected by name."""
    table = read_manifest(manifest_path, report)
    base = manifest_path.parent
    inside = base.resolve()
    loaded = {str(f.resolve()): f for f in files}
    by_name = {f.name: f for f in files}
    entries: dict[str, dict] = {}
    for row in table.to_dict("records"):
        name, line = row["file"], row["line"]
        named = Path(name)
        if named.is_absolute() or ".." in named.parts:
            report.add(manifest_path, "rejected", f"manifest row names {name!r}: only paths inside {base} are read", line)
            continue
        candidates = [by_name.get(named.name), base / named, base / "articles" / named]
        found = next((c for c in candidates if c is not None and c.is_file()), None)
        if found is None:
            if folder_load:
                report.add(manifest_path, "warning", f"manifest row names {name!r}, which does not exist", line)
            continue
        resolved = found.resolve()
        if not resolved.is_relative_to(inside):
            report.add(manifest_path, "rejected", f"manifest row names {name!r}, a link to {resolved} outside {base}; not read", line)
            continue
        if str(resolved) not in loaded:
            if folder_load:
                report.add(manifest_path, "warning", f"manifest row names {name!r}, which is not among the files "
                           "loaded (only .txt files in the folder are read)", line)
            continue
        entries[str(resolved)] = row
    return entries


def _discover(path: Path, manifest, report: _Report) -> tuple[list[Path], Path | None]:
    """Files to load and the manifest that describes them; every other folder entry is named
    in the load report with the reason it is not read."""
    if path.is_file():
        files = [path]
        folder = path.parent
    else:
        folder = path / "articles" if (path / "articles").is_dir() else path
        files = []
        for entry in sorted(folder.iterdir()):
            if entry.is_file() and entry.suffix.lower() == ".txt":
                files.append(entry)
            elif entry.name != "articles.csv" and not entry.name.startswith("."):
                report.add(entry, "warning", f"not read: {_kind_of(entry)}")
        if folder != path:
            # beside articles/: files are named (a page left outside it); sub-folders are other
            # material of the project (training labels, documents) and are not articles
            for entry in sorted(path.iterdir()):
                if entry.name not in ("articles", "articles.csv") and not entry.name.startswith(".") \
                        and not (entry.is_dir() and not entry.is_symlink()):
                    what = "a file" if entry.is_file() else _kind_of(entry)
                    report.add(entry, "warning", f"not read: {what} beside the articles/ folder (only files in it are read)")
    if manifest is not None:
        return files, Path(manifest)
    for candidate in (path / "articles.csv", folder / "articles.csv", folder.parent / "articles.csv"):
        if candidate.is_file():
            return files, candidate
    return files, None


def _kind_of(entry: Path) -> str:
    if entry.is_symlink() and not entry.exists():
        return "a broken symbolic link"
    if entry.is_dir():
        return "a sub-folder (sub-folders are not searched)"
    if not entry.is_file():
        return "not a regular file (a pipe, socket or device)"
    return f"not a .txt file ({entry.suffix or 'no suffix'})"


def _load_table(path: Path, report: _Report, *, tz, segment, text_col, id_col, title_col,
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
    for i, rec in enumerate(_progress(records, len(records), progress, "Loading rows")):
        line = i + 2 if suffix == ".csv" else i + 1
        article_id = rec.get(id_col) if id_col else f"{path.stem}-{i:05d}"
        where = f"{path.name} row {i + 1} ({article_id})"
        text = rec.get(text_col)
        if not isinstance(text, str) or not text.strip():
            report.add(where, "rejected", "empty text", line)
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        digest = _digest(text)
        if digest in seen:
            report.add(where, "rejected", f"duplicate of {seen[digest]}", line)
            continue
        seen[digest] = str(article_id)

        def get(col):
            value = rec.get(col) if col else None
            return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)

        entry = {"title": get(title_col), "outlet": get(outlet_col),
                 "published": get(date_col), "language": get(language_col)}
        row = _row(article_id, where, text, entry, report, line, tz, segment, "table")
        if row is not None:
            row["file"] = str(path)
            rows.append(row)
    return _frame(rows, report, tz)


def load_report(articles: pd.DataFrame) -> pd.DataFrame:
    """The files rejected and the warnings recorded when ``articles`` was loaded."""
    return articles.attrs.get("load_report", pd.DataFrame(columns=["file", "line", "status", "reason"]))
