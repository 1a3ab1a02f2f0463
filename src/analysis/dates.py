"""Dates: which dates each article's text reports, and when each outlet published.

:func:`date_mentions` finds date expressions in the body ("am 28. Juli 2023", "14.09.2023",
"vom 10. bis 13. September", "im Juli", "am Mittwoch", "vergangene Woche", "last Tuesday")
and resolves each to the span of days it denotes. Relative expressions are resolved only
against a publication date precise enough for them: a weekday needs the publication day, a
month without a year needs the publication year. Otherwise the row stays unresolved and
``how`` says why. Dates are calendar dates (local to the publication), never times.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

import pandas as pd

from .lexicon import read_tsv
from .sentences import split_sentences
from .tokens import _language, tokenize
from .progress import progress_bar
from .frames import group_value, require_columns
from .languages import analysed

DATE_COLUMNS = ["article_id", "outlet", "sentence", "start", "end", "expression", "start_date",
                "end_date", "precision", "resolved", "how"]
_PRECISION_RANK = {None: 0, "year": 1, "month": 2, "week": 2.5, "day": 3, "minute": 4}

WEEKDAYS = {
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
FUTURE = {
    "de": re.compile(r"\b(?:wird|werden|will|wollen|soll|sollen|plant|planen|geplant\w*|kommend\w*|nächst\w*|bevorstehend\w*|künftig\w*|morgen)\b"),
    "en": re.compile(r"\b(?:will|is to|are to|scheduled|plans?|planned|expected|next|upcoming|set to|tomorrow)\b"),
}


@lru_cache(maxsize=4)
def _months(language: str) -> dict[str, int]:
    table = read_tsv("months.tsv")
    rows = table[table["language"].isin([language, "any"])]
    return {str(n).lower(): int(m) for n, m in zip(rows["name"], rows["month"])}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def _patterns(language: str) -> list[tuple[str, re.Pattern]]:
    table = read_tsv("months.tsv")
    names = table.loc[table["language"].isin([language, "any"]), "name"]
    mon = "(?:" + _alt(names) + r")\.?"            # written as in the table: "Juli", "Sept"
    wd = _alt(WEEKDAYS[language])
    y = r"(?P<y>(?:19|20)\d\d)"
    if language == "de":
        return [
            ("range", re.compile(rf"(?<![\w-])(?:(?:vom|von|zwischen dem)\s+)?(?P<d1>[0-3]?\d)\.\s*(?:(?P<m1>{mon})\s+)?(?:bis(?:\s+zum)?|und(?:\s+dem)?|[-–])\s*(?P<d2>[0-3]?\d)\.\s*(?P<m>{mon})(?:\s+{y})?", re.I)),
            ("numeric", re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?P<y>(?:19|20)?\d\d)?(?![\d])")),
            ("day_month", re.compile(rf"(?<![\w-])(?:am\s+)?(?:(?:{wd}),?\s+(?:dem\s+)?)?(?P<d>[0-3]?\d)\.\s*(?P<m>{mon})(?:\s+{y})?", re.I)),
            ("month_year", re.compile(rf"(?<![\w-])(?:(?i:im|seit|bis|ab|anfang|mitte|ende)\s+)?(?P<m>{mon})\s+{y}", re.I)),
            ("month", re.compile(rf"(?<![\w-])(?i:im|seit|bis|ab|anfang|mitte|ende|vergangenen|letzten|kommenden|nächsten)\s+(?P<m>{mon})(?![\w-])")),
            ("year", re.compile(rf"(?<![\w-])(?:(?i:im\s+jahre?|seit|bis|ab|anfang|mitte|ende)\s+){y}(?![\d-])")),
            ("night", re.compile(rf"in\s+der\s+Nacht\s+(?:zum|auf\s+den)\s+(?P<wd>{wd})")),
            ("weekday", re.compile(rf"(?<![\w-])(?:(?i:am)\s+|(?P<rel>vergangenen|letzten|kommenden|nächsten)\s+)?(?P<wd>{wd})(?:abend|morgen|nachmittag|vormittag|mittag|nacht)?(?![\w-])")),
            ("relative", re.compile(r"(?<![\w-])(?:vorgestern|gestern|heute|übermorgen|(?<!am\s)(?<!heute\s)morgen(?![\w-]))(?![\w-])|"
                                    r"(?:vergangene|letzte|vorige|diese|nächste|kommende)\s+Woche|"
                                    r"(?:vergangenen|letzten|vorigen|diesen|nächsten|kommenden)\s+(?:Monat|Jahres|Jahr)|"
                                    r"(?:vergangenes|letztes|voriges|dieses|nächstes|kommendes)\s+Jahr|"
                                    r"in\s+den\s+(?:nächsten|kommenden|vergangenen|letzten)\s+Tagen|am\s+Wochenende")),
        ]
    return [
        ("range", re.compile(rf"(?<![\w-])(?:(?:from|between)\s+)?(?:(?P<m0>{mon})\s+(?P<d1a>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and|through)\s*(?P<d2a>[0-3]?\d)(?:st|nd|rd|th)?|(?P<d1b>[0-3]?\d)\s*(?:-|–|to|and)\s*(?P<d2b>[0-3]?\d)\s+(?P<m>{mon}))(?:,?\s+{y})?")),
        ("iso", re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d>[0-3]\d)(?![\d])")),
        ("day_month", re.compile(rf"(?<![\w-])(?:(?P<m0>{mon})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m>{mon}))(?:,?\s+{y})?")),
        ("month_year", re.compile(rf"(?<![\w-])(?:(?i:in|since|until|by|early|mid-|late)\s*)?(?P<m>{mon})\s+{y}")),
        ("month", re.compile(rf"(?<![\w-])(?i:in|since|until|by|early|mid-|late|last|next|this|of)\s*(?P<m>{mon})(?![\w-])")),
        ("year", re.compile(rf"(?<![\w-])(?i:in|since|until|by|early|late)\s+{y}(?![\d-])")),
        ("weekday", re.compile(rf"(?<![\w-])(?:(?P<rel>last|next|this|on|late|early)\s+)?(?P<wd>{wd})(?:\s+(?:night|morning|evening|afternoon))?(?![\w-])")),
        ("relative", re.compile(r"(?<![\w-])(?:yesterday|today|tomorrow|(?:last|this|next)\s+(?:week|month|year)|"
                                r"in\s+the\s+(?:coming|next)\s+(?:few\s+)?days|in\s+recent\s+days|over\s+the\s+weekend|this\s+weekend)(?![\w-])", re.I)),
    ]


def _pub_date(published, precision) -> tuple[date | None, str | None]:
    if published is None or pd.isna(published) or not precision:
        return None, None
    return pd.Timestamp(published).date(), precision


def _closest_year(month: int, day: int | None, pub: date, precision: str) -> int:
    """The year that puts a year-less date nearest the publication ("im Dezember" in January)."""
    if _PRECISION_RANK[precision] < _PRECISION_RANK["month"]:
        return pub.year
    best = min((abs((date(y, month, min(day or 15, calendar.monthrange(y, month)[1])) - pub).days), y)
               for y in (pub.year - 1, pub.year, pub.year + 1))
    return best[1]


def _month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _need(what: str, pub: date | None, precision: str | None) -> str:
    if pub is None:
        return f"unresolved: needs the publication {what}; the article has no publication date"
    shown = {"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d")
    return f"unresolved: needs the publication {what}; publication known only to the {precision} ({pub.strftime(shown)})"


def _resolve(kind: str, m: re.Match, language: str, pub: date | None, precision: str | None, future: bool):
    """(start, end, precision, resolved, how) for one match."""
    months = _months(language)
    g = m.groupdict()
    month = lambda key: months.get((g.get(key) or "").lower().rstrip("."))
    has_year = _PRECISION_RANK.get(precision, 0) >= 1
    has_day = _PRECISION_RANK.get(precision, 0) >= 3

    def with_year(mo: int, d: int | None):
        if g.get("y"):
            return int(g["y"]), "absolute"
        if not has_year:
            return None, _need("year", pub, precision)
        return _closest_year(mo, d, pub, precision), "year from publication"

    try:
        if kind in ("range",):
            mo = month("m") or month("m0")
            d1 = int(g.get("d1") or g.get("d1a") or g.get("d1b"))
            d2 = int(g.get("d2") or g.get("d2a") or g.get("d2b"))
            mo1 = month("m1") or mo
            yr, how = with_year(mo, d2)
            if yr is None:
                return None, None, "day", False, how
            return date(yr, mo1, d1), date(yr, mo, d2), "day", True, how
        if kind in ("numeric", "iso"):
            mo, d = int(g["mn"]), int(g["d"])
            if g.get("y"):
                yr = int(g["y"]) + (2000 if len(g["y"]) == 2 else 0)
                return date(yr, mo, d), date(yr, mo, d), "day", True, "absolute"
            yr, how = with_year(mo, d)
            if yr is None:
                return None, None, "day", False, how
            return date(yr, mo, d), date(yr, mo, d), "day", True, how
        if kind == "day_month":
            mo = month("m") or month("m0")
            d = int(g.get("d") or g.get("d1") or g.get("d2"))
            yr, how = with_year(mo, d)
            if yr is None:
                return None, None, "day", False, how
            return date(yr, mo, d), date(yr, mo, d), "day", True, how
        if kind in ("month_year", "month"):
            mo = month("m")
            yr, how = with_year(mo, None)
            if yr is None:
                return None, None, "month", False, how
            return *_month_span(yr, mo), "month", True, how
        if kind == "year":
            yr = int(g["y"])
            return date(yr, 1, 1), date(yr, 12, 31), "year", True, "absolute"
    except ValueError as exc:                       # "31. Februar"
        return None, None, "day", False, f"unresolved: not a calendar date ({exc})"
    text = m.group().lower()
    # "vergangenen Monat" needs the publication month, "letztes Jahr" its year, the rest its day
    if kind == "relative" and re.search(r"monat|month", text) and _PRECISION_RANK.get(precision, 0) >= 2:
        shift = -1 if re.search(r"vergangen|letzt|vorig|last", text) else 1 if re.search(r"nächst|kommend|next", text) else 0
        y, mo = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
        return *_month_span(y, mo + 1), "month", True, "relative to publication"
    if kind == "relative" and re.search(r"jahr|year", text) and has_year:
        shift = -1 if re.search(r"vergangen|letzt|vorig|last", text) else 1 if re.search(r"nächst|kommend|next", text) else 0
        return date(pub.year + shift, 1, 1), date(pub.year + shift, 12, 31), "year", True, "relative to publication"
    if not has_day:
        low = m.group().lower()
        p = ("week" if re.search(r"woche|week|tagen|days", low) else "month" if re.search(r"monat|month", low)
             else "year" if re.search(r"jahr|year", low) else "day")
        return None, None, p, False, _need({"month": "month", "year": "year"}.get(p, "day"), pub, precision)
    if kind in ("weekday", "night"):
        target = [w.lower() for w in WEEKDAYS[language]].index(g["wd"].lower())
        rel = (g.get("rel") or "").lower()
        forward = rel in ("kommenden", "nächsten", "next") or (future and rel not in ("vergangenen", "letzten", "last"))
        if forward:
            delta = (target - pub.weekday()) % 7
            if rel in ("next", "nächsten", "kommenden") and delta == 0:
                delta = 7
        else:
            delta = -((pub.weekday() - target) % 7)
            if rel in ("last", "vergangenen", "letzten") and delta == 0:
                delta = -7
        day = pub + timedelta(days=delta)
        start = day - timedelta(days=1) if kind == "night" else day
        tense = "future tense" if forward else "past tense"
        return start, day, "day", True, f"relative to publication ({tense})"
    monday = pub - timedelta(days=pub.weekday())
    table = {
        "vorgestern": (-2, -2, "day"), "gestern": (-1, -1, "day"), "heute": (0, 0, "day"),
        "morgen": (1, 1, "day"), "übermorgen": (2, 2, "day"),
        "yesterday": (-1, -1, "day"), "today": (0, 0, "day"), "tomorrow": (1, 1, "day"),
    }
    if text in table:
        a, b, p = table[text]
        return pub + timedelta(days=a), pub + timedelta(days=b), p, True, "relative to publication"
    if re.search(r"woche|week\b", text):
        shift = -7 if re.search(r"vergangen|letzt|vorig|last", text) else 7 if re.search(r"nächst|kommend|next", text) else 0
        start = monday + timedelta(days=shift)
        return start, start + timedelta(days=6), "week", True, "relative to publication"
    if re.search(r"tagen|days", text):
        if re.search(r"vergangen|letzt|recent", text):
            return pub - timedelta(days=7), pub - timedelta(days=1), "week", True, "relative to publication (the past seven days)"
        return pub + timedelta(days=1), pub + timedelta(days=7), "week", True, "relative to publication (the next seven days)"
    if re.search(r"wochenende|weekend", text):
        sat = monday + timedelta(days=5)
        if not future and sat > pub:
            sat -= timedelta(days=7)
        return sat, sat + timedelta(days=1), "day", True, f"relative to publication ({'future' if future else 'past'} tense)"
    if re.search(r"monat|month", text):
        shift = -1 if re.search(r"vergangen|letzt|vorig|last", text) else 1 if re.search(r"nächst|kommend|next", text) else 0
        y, mo = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
        return *_month_span(y, mo + 1), "month", True, "relative to publication"
    if re.search(r"jahr|year", text):
        shift = -1 if re.search(r"vergangen|letzt|vorig|last", text) else 1 if re.search(r"nächst|kommend|next", text) else 0
        return date(pub.year + shift, 1, 1), date(pub.year + shift, 12, 31), "year", True, "relative to publication"
    return None, None, "day", False, "unresolved: expression not understood"


def dates_in_text(text: str, language: str = "de", published=None, precision: str | None = None) -> list[dict]:
    """Every date expression in one body text, resolved against its publication date."""
    pub, prec = _pub_date(published, precision)
    rows = []
    patterns = _patterns(language if language in ("de", "en") else "de")
    for s, e in split_sentences(text):
        sentence = text[s:e]
        taken: list[tuple[int, int]] = []
        found = []
        for kind, pattern in patterns:
            for m in pattern.finditer(sentence):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                found.append((m.start(), kind, m))
        future = bool(FUTURE[language if language in FUTURE else "de"].search(sentence))
        for start, kind, m in sorted(found, key=lambda x: x[0]):
            d0, d1, p, ok, how = _resolve(kind, m, language, pub, prec, future)
            rows.append(dict(sentence=sentence, start=s + m.start(), end=s + m.end(), expression=m.group(),
                             start_date=pd.Timestamp(d0) if d0 else pd.NaT, end_date=pd.Timestamp(d1) if d1 else pd.NaT,
                             precision=p, resolved=ok, how=how))
    return rows


def date_mentions(articles: pd.DataFrame, *, by: str = "outlet", progress: bool | None = None) -> pd.DataFrame:
    """One row per date expression in each article's body.

    Columns: ``article_id``, ``outlet`` (the ``by`` column's value), ``sentence``, ``start``,
    ``end`` (offsets in ``text``), ``expression``, ``start_date``/``end_date`` (the span it
    denotes, inclusive; NaT when unresolved), ``precision`` (``day``, ``week``, ``month``,
    ``year``), ``resolved`` and ``how`` (``absolute``, ``year from publication``, ``relative
    to publication ...``, or ``unresolved: ...`` with the reason). ``progress``: a bar
    (None: from a few hundred articles on).
    """
    require_columns(articles, ["article_id", "text"], "date_mentions")
    articles = analysed(articles, "date mentions")
    rows = []
    for art in progress_bar(articles.itertuples(), len(articles), progress, "Finding dates"):
        for row in dates_in_text(art.text, _language(art), getattr(art, "published", None),
                                 getattr(art, "published_precision", None)):
            rows.append({"article_id": art.article_id, "outlet": group_value(getattr(art, by, None)), **row})
    out = pd.DataFrame(rows, columns=DATE_COLUMNS)
    out["start_date"] = pd.to_datetime(out["start_date"])
    out["end_date"] = pd.to_datetime(out["end_date"])
    out["resolved"] = out["resolved"].astype(bool)
    return out


def publication_span(published, precision) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The instants a publication date at its precision covers: 2023-09 is all of September.
    Written on the outlet's own clock (the zone dropped), as the article gives them."""
    if published is None or pd.isna(published) or not precision:
        return pd.NaT, pd.NaT
    ts = pd.Timestamp(published)
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    if precision == "year":
        return pd.Timestamp(ts.year, 1, 1), pd.Timestamp(ts.year, 12, 31, 23, 59, 59)
    if precision == "month":
        start = pd.Timestamp(ts.year, ts.month, 1)
        return start, start + pd.offsets.MonthEnd(1) + pd.Timedelta(hours=23, minutes=59, seconds=59)
    if precision == "day":
        start = ts.normalize()
        return start, start + pd.Timedelta(hours=23, minutes=59, seconds=59)
    return ts, ts


def _utc(local: pd.Timestamp, zone) -> pd.Timestamp:
    """A local clock time (naive) as naive UTC, when its zone is known."""
    if pd.isna(local) or zone is None:
        return local
    return local.tz_localize(zone, ambiguous=True, nonexistent="shift_forward").tz_convert("UTC").tz_localize(None)


def publication_order(articles: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Who published when, in an order that respects precision.

    ``order`` ranks articles by publication; articles whose date spans overlap (2023-09 and
    2023-09-14 07:12) cannot be ordered against each other and share a rank, listed in
    ``same_rank_as``. Undated articles have no rank. Columns: ``article_id``, ``by``,
    ``published`` (written at its precision), ``precision``, ``earliest``, ``latest``,
    ``order``, ``same_rank_as``.
    """
    require_columns(articles, ["article_id", "published"], "publication_order")
    from .overview import format_published

    rows = []
    for art in articles.itertuples():
        prec = getattr(art, "published_precision", None)
        lo, hi = publication_span(art.published, prec)
        # Sorted and ranked on one clock (UTC where the zone is known), so a US evening
        # article is not placed before a Berlin morning one of the same instant.
        zone = getattr(art.published, "tzinfo", None) if not pd.isna(art.published) else None
        rows.append((art.article_id, group_value(getattr(art, by, None)),
                     format_published(art.published, prec), prec or "unknown", lo, hi,
                     _utc(lo, zone), _utc(hi, zone)))
    out = pd.DataFrame(rows, columns=["article_id", by, "published", "precision", "earliest", "latest", "_lo", "_hi"])
    out = out.sort_values(["_lo", "_hi", "earliest"], na_position="last", ignore_index=True)
    order, rank, tier_end = [], 0, None
    for lo, hi in zip(out.pop("_lo"), out.pop("_hi")):
        if pd.isna(lo):
            order.append(pd.NA)
            continue
        if tier_end is None or lo > tier_end:
            rank += 1
            tier_end = hi
        else:
            tier_end = max(tier_end, hi)
        order.append(rank)
    out["order"] = pd.array(order, dtype="Int64")
    out["same_rank_as"] = [
        ", ".join(out.loc[(out["order"] == o) & (out.index != i), by]) if pd.notna(o) else ""
        for i, o in enumerate(out["order"])
    ]
    return out


def date_conflicts(mentions: pd.DataFrame, *, min_shared: int = 2, max_share: float = 0.25) -> pd.DataFrame:
    """Pairs of date mentions in different articles that seem to date the same event differently.

    Two resolved mentions of the same precision (month and month, day and day) are paired
    when their sentences share at least ``min_shared`` content words (nouns and names,
    spelling variants joined; words found in more than ``max_share`` of all date sentences,
    such as the story's main actors, are too common to identify one event) and their dates
    differ: spans that do not overlap, or different months where a year is unknown ("im
    Juli" in an undated article against "im August" 2023). A lead to read, not a verdict:
    the rows show both sentences.
    """
    cols = ["shared_words", "article_a", "outlet_a", "expression_a", "start_a", "end_a",
            "article_b", "outlet_b", "expression_b", "start_b", "end_b", "sentence_a", "sentence_b"]
    months = {**_months("de"), **_months("en")}

    def month_of(expression: str) -> int | None:
        for w in re.findall(r"[^\W\d_]+", expression.lower()):
            if w in months:
                return months[w]
        return None

    mentions = mentions.assign(_month=[month_of(e) for e in mentions["expression"]])
    # resolved mentions, and month-named ones whose year is unknown ("im Juli" in an undated article)
    res = mentions[mentions["resolved"] | mentions["_month"].notna()].reset_index(drop=True)
    if res.empty:
        return pd.DataFrame(columns=cols)
    from .terms import stopword_set

    skip = set(months) | {w.lower() for ws in WEEKDAYS.values() for w in ws} | stopword_set("de") | stopword_set("en")

    sentences = mentions.drop_duplicates(["article_id", "sentence"])["sentence"]
    content = {s: {key for _, _, surface, key in tokenize(s) if surface[0].isupper() and surface.lower() not in skip}
               for s in set(sentences)}
    bags = [content[s] for s in res["sentence"]]
    df: dict[str, int] = {}
    for text in sentences:
        for w in content[text]:
            df[w] = df.get(w, 0) + 1
    common = {w for w, n in df.items() if len(sentences) > 4 and n / len(sentences) > max_share}
    rows = []
    records = res.to_dict("records")
    for i, a in enumerate(records):
        for j in range(i + 1, len(records)):
            b = records[j]
            if a["article_id"] == b["article_id"] or a["precision"] != b["precision"]:
                continue
            if a["resolved"] and b["resolved"]:
                if not (a["end_date"] < b["start_date"] or b["end_date"] < a["start_date"]):
                    continue
            elif pd.isna(a["_month"]) or pd.isna(b["_month"]) or a["_month"] == b["_month"]:
                continue                  # a year is unknown: only different months certainly differ
            shared = (bags[i] & bags[j]) - common
            if len(shared) >= min_shared:
                rows.append((", ".join(sorted(shared)), a["article_id"], a["outlet"], a["expression"],
                             a["start_date"], a["end_date"], b["article_id"], b["outlet"], b["expression"],
                             b["start_date"], b["end_date"], a["sentence"], b["sentence"]))
    out = pd.DataFrame(rows, columns=cols)
    # rarer shared words point more surely to one event: "Sergej Schoigu" before "Putin"
    score = [sum(1 / df.get(w, 1) for w in ws.split(", ")) for ws in out["shared_words"]]
    return out.assign(_score=score).sort_values("_score", ascending=False, ignore_index=True).drop(columns="_score")
