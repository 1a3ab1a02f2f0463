"""Keyword in context: every use of a term with the words around it, for reading, not counting."""
from __future__ import annotations

import pandas as pd

from .sentences import split_sentences
from .tokens import Normalize, _language, tokenize
from .frames import group_value, require_columns
from .languages import analysed


def concordance(articles: pd.DataFrame, term: str, width: int = 6, *, by: str = "outlet",
                normalize: Normalize = None) -> pd.DataFrame:
    """Keyword-in-context rows for ``term`` (quanteda's ``kwic``).

    ``term`` is matched as the tables count it: case folded, spelling variants joined
    ("Pyongyang" finds "Pjöngjang"), hyphenated compounds whole ("Kim" does not match
    "Kim-Visite"). A multi-word name from the alias table ("Kim Jong Un") works too; other
    multi-word queries match any of their words.
    Columns: ``article_id``, ``by``, ``left``, ``keyword`` (as written), ``right`` (``width``
    words each side, within the article), ``sentence``, ``start``, ``end`` (offsets in ``text``).
    """
    require_columns(articles, ["article_id", "text"], "concordance")
    articles = analysed(articles, "the concordance")
    rows = []
    queries: dict[str, set[str]] = {}
    for art in articles.itertuples():
        language = _language(art)
        words = tokenize(art.text, language, normalize=normalize)
        # the query goes through the same steps as the text: alias, case fold, normaliser
        query = queries.setdefault(language, {k for *_, k in tokenize(term, language, normalize=normalize)})
        spans = split_sentences(art.text)
        for i, (s, e, surface, key) in enumerate(words):
            if key not in query:
                continue
            left = art.text[words[max(0, i - width)][0]:s].strip() if i else ""
            right = art.text[e:words[min(len(words) - 1, i + width)][1]].strip() if i + 1 < len(words) else ""
            sentence = next((art.text[a:b] for a, b in spans if a <= s < b), "")
            rows.append((art.article_id, group_value(getattr(art, by, None)), left, surface, right, sentence, s, e))
    return pd.DataFrame(rows, columns=["article_id", by, "left", "keyword", "right", "sentence", "start", "end"])
