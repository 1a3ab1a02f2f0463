"""Load news articles into a tidy DataFrame, one row per article.

Sources: a folder of plain-text pages (with an optional ``articles.csv`` manifest),
a list of files, or a table (CSV, JSON Lines, Parquet) with a text column. Every
input file ends up either loaded or listed in the load report with the reason.
"""
from __future__ import annotations

from .articles import bundled_data_dir, iter_articles, load_articles
from .decode import count_words, decode, detect_language
from .folder import MANIFEST_COLUMNS, read_manifest
from ..progress import PROGRESS_THRESHOLD
from .report import ArticleLoadError, LoadWarning, Problem, load_report
from .rows import COLUMNS, EXTRA_COLUMNS, parse_published

__all__ = [
    "ArticleLoadError", "COLUMNS", "EXTRA_COLUMNS", "LoadWarning", "MANIFEST_COLUMNS", "PROGRESS_THRESHOLD",
    "Problem", "bundled_data_dir", "count_words", "decode", "detect_language", "iter_articles", "load_articles",
    "load_report", "parse_published", "read_manifest",
]
