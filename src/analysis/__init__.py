"""Compare how news outlets cover the same story: sources, terms and dates.

The flow is load -> segment -> detect/count -> tables -> charts; every public function
takes and returns pandas objects so the steps chain with ``.pipe``.
"""
from .attribution import CATEGORIES, find_attributions
from .load import ArticleLoadError, LoadWarning, load_articles, load_report, parse_published
from .reliance import evidence, evidence_table, source_reliance
from .sentences import sentences, split_sentences

__all__ = [
    "ArticleLoadError", "CATEGORIES", "LoadWarning", "evidence", "evidence_table",
    "find_attributions", "load_articles", "load_report", "parse_published", "sentences",
    "source_reliance", "split_sentences",
]
__version__ = "0.1.0"
