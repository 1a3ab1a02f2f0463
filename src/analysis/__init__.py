"""Compare how news outlets cover the same story: sources, terms and dates.

The flow is load -> segment -> detect/count -> tables -> charts; every public function
takes and returns pandas objects so the steps chain with ``.pipe``.
"""
from .sources import CATEGORIES, find_attributions
from .boilerplate import boilerplate_lines
from .browser import evidence_browser
from .dates import date_conflicts, date_mentions, publication_order
from .export import export
from .kwic import concordance
from .load import ArticleLoadError, LoadWarning, load_articles, load_report, parse_published
from .reliance import evidence, evidence_table, most_reliant, source_reliance
from .reuse import reuse_matrix, reuse_shares, shared_passages
from .sentences import sentences, split_sentences
from .terms import keyness, term_frequencies
from .tokens import tokens
from .views import html_table

__all__ = [
    "ArticleLoadError", "CATEGORIES", "LoadWarning", "boilerplate_lines", "concordance", "date_conflicts",
    "date_mentions", "evidence", "evidence_browser", "evidence_table", "export", "find_attributions", "html_table", "keyness",
    "load_articles", "load_report", "most_reliant", "parse_published", "publication_order", "reuse_matrix", "reuse_shares",
    "sentences", "shared_passages", "source_reliance", "split_sentences", "term_frequencies",
    "tokens",
]
__version__ = "0.1.0"
