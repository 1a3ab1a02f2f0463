"""One article row from a page and its manifest entry: outlet, date, language, zones."""
from __future__ import annotations

import re

import pandas as pd

from ..languages import ANALYSED, language_code
from ..lexicon import canonical_outlet
from ..pages import ParsedPage, parse_page
from .decode import count_words, detect_language
from .report import Report

COLUMNS = [
    "article_id", "file", "outlet", "outlet_evidence", "label", "language", "title", "kicker",
    "published", "published_precision", "headings", "captions", "credits", "cited_sources",
    "notes", "text", "n_words",
]
EXTRA_COLUMNS = ["dateline", "encoding", "url", "note"]


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
    A time written with its UTC offset keeps that offset (a US outlet's evening stays
    that evening); ``tz`` is the zone assumed for a time written without one.
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
    return (ts.tz_localize(tz) if ts.tzinfo is None else ts), precision


def published_column(stamps: list, index, tz: str) -> pd.Series:
    """Timezone-aware publication times, each in the zone the data gave.

    One zone in the corpus: a ``datetime64[ns, zone]`` column. Several (US, UK and German
    outlets in one table): a column of aware Timestamps, because one dtype holds one
    zone and converting would move an evening article to the next day.
    """
    zones = {str(t.tzinfo) for t in stamps if t is not None and not pd.isna(t)}
    if len(zones) > 1:
        return pd.Series([pd.NaT if t is None or pd.isna(t) else t for t in stamps], index=index, dtype=object)
    series = pd.to_datetime(pd.Series([pd.NaT if t is None else t for t in stamps], index=index, dtype=object))
    if getattr(series.dt, "tz", None) is None:
        series = series.dt.tz_localize(tz)
    return series


def _outlet(entry: dict, page: ParsedPage, path, report: Report, line) -> tuple:
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


def _published(entry: dict, page: ParsedPage, path, report: Report, line, tz: str):
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


def free_id(article_id: str, taken) -> str:
    """``article_id`` if no article has it yet, else the first free ``id#2``, ``id#3`` …:
    downstream tables join on the id, so a repeated one would merge two articles."""
    if article_id not in taken:
        return article_id
    n = 2
    while f"{article_id}#{n}" in taken:
        n += 1
    return f"{article_id}#{n}"


def article_row(article_id, file, text, entry, report, line, tz, segment, encoding) -> dict | None:
    page = parse_page(text) if segment else ParsedPage(
        paragraphs=[p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    )
    if not page.text.strip():
        report.add(file, "rejected", "no body text found (only captions, headings or notes)", line)
        return None
    outlet, evidence, label = _outlet(entry, page, file, report, line)
    published, precision = _published(entry, page, file, report, line, tz)
    language = language_code(entry.get("language"))
    if not re.fullmatch(r"[a-z]{2,3}", language):
        if language:
            report.add(file, "warning", f"language {entry.get('language')!r} is no language code; detected instead", line)
        language = detect_language(page.text)
    if language not in ANALYSED:
        report.add(file, "warning", f"language {language!r}: only German and English are analysed; left out of "
                   "sources, terms and dates", line)
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


def articles_frame(rows: list[dict], report: Report, tz: str, summarise: bool = True) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS + EXTRA_COLUMNS)
    frame["published"] = published_column(list(frame["published"]), frame.index, tz)
    frame["n_words"] = frame["n_words"].astype("int64")
    for col in ("outlet", "outlet_evidence", "published_precision", "title", "kicker"):
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    frame.attrs["load_report"] = report.records()
    if summarise:
        report.summarise(len(frame))
    return frame
