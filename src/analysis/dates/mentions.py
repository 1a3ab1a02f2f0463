"""Date expressions in each article's body: recognised (patterns.py), anchored (resolve.py),
one row each."""
from __future__ import annotations

import re

import pandas as pd

from ..frames import group_value, require_columns
from ..languages import analysed
from ..parallel import map_chunks
from ..sentences import split_sentences
from ..sources.text import SHORT_QUOTE
from ..tokens import _language
from .patterns import patterns
from .resolve import Anchor, resolve
from .words import FUTURE, PAST

# "gestern", "vorgestern", "übermorgen", and "morgen" as a day (not "heute morgen", "am Morgen")
COUNTS_DAYS = re.compile(r"(?<![\w-])(?:[Gg]estern|[Vv]orgestern|[Üü]bermorgen|(?<![Hh]eute\s)(?<![Aa]m\s)(?<![Gg]estern\s)morgen)(?![\w-])")

# A short quoted title that starts with the expression is a name, not a time: the ''Today''
# show, ABC's "This Week", "Sunday Morning Futures" (the source detector, too, reads a quote of at
# most SHORT_QUOTE words as a name); "Tuesday is the day," is speech: its words are not a title's
_TITLE_OPEN = re.compile(r"(?:''|``|[\"“„«‘])$")
_TITLE_CLOSE = re.compile(r"(?:[^\"“”„«»‘’'`.!?\n]|['’]\w){0,40}?[.,!?]?(?:''|[\"”“»]|’(?!\w))")
_TITLE_SMALL = {"of", "the", "and", "in", "on", "at", "for", "a", "der", "die", "das", "und", "am", "im"}


def _quoted_title(sentence: str, start: int, end: int) -> bool:
    if not _TITLE_OPEN.search(sentence, max(0, start - 2), start) or not sentence[start:start + 1].isupper():
        return False
    close = _TITLE_CLOSE.match(sentence, end)
    if not close:
        return False
    words = re.findall(r"[\w'’-]+", sentence[start:close.end()])
    return len(words) <= SHORT_QUOTE and all(w[:1].isupper() or w.lower() in _TITLE_SMALL for w in words)


DATE_COLUMNS = ["article_id", "outlet", "sentence", "start", "end", "expression", "start_date",
                "end_date", "precision", "resolved", "how", "kind"]
KINDS = ("date", "duration", "set", "present reference")
DEFAULT_KINDS = ("date", "present reference")


def _pub_date(published, precision):
    if published is None or pd.isna(published) or not precision:
        return None, None
    return pd.Timestamp(published).date(), precision


def _tense(future_words: list, past_words: list, a: int, b: int) -> tuple[bool, bool]:
    """(future, past) for the expression at sentence[a:b], given the spans of the sentence's
    future words and past verbs: the nearer of the two decides ("said Friday that it expects …"
    is past; "scheduled for Monday" future; "said talks will resume on Monday" future)."""
    def distance(spans) -> float:
        return min((max(0, s - b, a - e) for s, e in spans), default=float("inf"))
    f, p = distance(future_words), distance(past_words)
    if f == p == float("inf"):
        return False, False
    return f < p, p <= f


def _kinds(kinds) -> tuple[str, ...]:
    kinds = KINDS if kinds == "all" else tuple([kinds] if isinstance(kinds, str) else kinds)
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"date_mentions: unknown kind(s) {sorted(unknown)}; choose from {KINDS} or 'all'")
    return kinds


def dates_in_text(text: str, language: str = "de", published=None, precision: str | None = None,
                  kinds=DEFAULT_KINDS) -> list[dict]:
    """Every time expression of the given ``kinds`` in one body text, resolved against its
    publication date."""
    kinds = _kinds(kinds)
    pub, prec = _pub_date(published, precision)
    lang = language if language in ("de", "en") else "de"
    rows = []
    compiled = patterns(lang)
    previous = None                   # the last dated period, for "the quarter", "a year earlier"
    named_day = named_year = None     # the last day and year named, for "am Tag darauf", "that year"
    counts_days = bool(COUNTS_DAYS.search(text)) if lang == "de" else False
    for s, e in split_sentences(text):
        sentence = text[s:e]
        taken: list[tuple[int, int]] = []
        found = []
        for name, pattern in compiled:
            for m in pattern.finditer(sentence):
                if m.end() == m.start() or any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                if not _quoted_title(sentence, m.start(), m.end()):     # a title's text is no one else's either
                    found.append((m.start(), name, m))
        if not found:
            continue
        # the sentence's tense words, found once for all its expressions
        future_words = [m.span() for m in FUTURE[lang].finditer(sentence)]
        past_words = [m.span() for m in PAST[lang].finditer(sentence)]
        for start, name, m in sorted(found, key=lambda x: x[0]):
            future, past = _tense(future_words, past_words, m.start(), m.end())
            d0, d1, p, ok, how, kind = resolve(name, m, sentence, Anchor(pub, prec, lang, future, past, previous,
                                                                          named_day, named_year, counts_days))
            if ok and kind == "date":
                named_day = d0 if p == "day" and d0 == d1 else named_day
                named_year = d0.year if d0.year == d1.year else named_year
            if ok and kind == "date" and p in ("quarter", "half", "month", "season") and "named before" not in how:
                previous = (d0, d1, p)
            if kind not in kinds:
                continue
            rows.append(dict(sentence=sentence, start=s + m.start(), end=s + m.end(), expression=m.group(),
                             start_date=pd.Timestamp(d0) if d0 else pd.NaT, end_date=pd.Timestamp(d1) if d1 else pd.NaT,
                             precision=p, kind=kind, resolved=ok, how=how))
    return rows


def _dates_chunk(job) -> list[dict]:
    items, kinds = job
    return [{"article_id": aid, "outlet": group, **row}
            for aid, group, text, language, published, precision in items
            for row in dates_in_text(text, language, published, precision, kinds)]


def date_mentions(articles: pd.DataFrame, *, by: str = "outlet", kinds=DEFAULT_KINDS,
                  n_jobs: int | None = None, progress: bool | None = None) -> pd.DataFrame:
    """One row per time expression in each article's body.

    Columns: ``article_id``, ``outlet`` (the ``by`` column's value), ``sentence``, ``start``,
    ``end`` (offsets in ``text``), ``expression``, ``start_date``/``end_date`` (the span it
    denotes, inclusive; NaT when unresolved), ``precision`` (``day``, ``weekend``, ``week``,
    ``month``, ``quarter``, ``season``, ``half``, ``year``, ``decade``, ``century``), ``kind``
    (``date``; ``present reference``: "heutzutage", "heute" in a general statement, never a
    day), ``resolved`` and ``how`` (``absolute``, ``year from publication (past tense)``,
    ``relative to publication``, or ``unresolved: ...`` with the reason). ``kinds`` adds
    ``duration`` ("in den vergangenen Tagen") and ``set`` ("jeden Montag"), which are reported
    but never dated: ``kinds="all"``. ``n_jobs`` processes (default: every core; the same rows
    whatever the number). ``progress``: a bar (None: from a few hundred articles on).
    """
    require_columns(articles, ["article_id", "text"], "date_mentions")
    kinds = _kinds(kinds)
    articles = analysed(articles, "date mentions")
    items = [(art.article_id, group_value(getattr(art, by, None)), art.text, _language(art),
              getattr(art, "published", None), getattr(art, "published_precision", None))
             for art in articles.itertuples()]
    rows = map_chunks(_dates_chunk, items, n_jobs=n_jobs, progress=progress, desc="Finding dates", extra=(kinds,))
    out = pd.DataFrame(rows, columns=DATE_COLUMNS)
    out["start_date"] = pd.to_datetime(out["start_date"])
    out["end_date"] = pd.to_datetime(out["end_date"])
    out["resolved"] = out["resolved"].astype(bool)
    return out
