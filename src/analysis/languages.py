"""Which articles the analyses read: German and English. One place decides it for source
detection, term counts, date mentions and the concordance, and for the loader's language column."""
from __future__ import annotations

import warnings

import pandas as pd

ANALYSED = ("de", "en")     # languages the detectors, term counts and date rules know


def language_code(value) -> str:
    """The base code of a language value, lower case: "en-US", "EN", "de_AT" -> "en", "en", "de";
    "" for a missing value."""
    if not isinstance(value, str):
        return ""
    return value.strip().lower().replace("_", "-").split("-")[0]


def analysed_language(value) -> str | None:
    """"de" or "en"; German when there is no language (a user's own frame without the column);
    None for any other language: left out, never read as German."""
    code = language_code(value)
    if not code:
        return "de"
    return code if code in ANALYSED else None


def analysed(articles: pd.DataFrame, what: str | None) -> pd.DataFrame:
    """The articles in German or English; the others are named in one warning that counts them
    by language (``what`` they are left out of; None: no warning, for a pass whose warning
    another step gives), never analysed with the German or English rules."""
    if "language" not in articles or articles.empty:
        return articles
    keep = [analysed_language(v) is not None for v in articles["language"]]
    left = articles.loc[[not k for k in keep]]
    if len(left) and what is not None:
        counts = ", ".join(f"{lang} {n}" for lang, n in left["language"].value_counts().items())
        warnings.warn(f"{len(left)} article(s) in languages other than German or English left out of {what} "
                      f"({counts}; e.g. {left['article_id'].iloc[0]!r})", stacklevel=3)
    return articles.loc[keep]
