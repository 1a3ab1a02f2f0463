"""Compare how news outlets cover the same story: sources, terms and dates.

The flow is load -> segment -> detect/count -> tables -> charts; every public function
takes and returns pandas objects so the steps chain with ``.pipe``.
"""
from .load import ArticleLoadError, LoadWarning, load_articles, load_report, parse_published

__all__ = ["ArticleLoadError", "LoadWarning", "load_articles", "load_report", "parse_published"]
__version__ = "0.1.0"
