"""Dates: every date expression in the bundled articles, English cases, unresolvable ones, order."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.dates import dates_in_text

U = None  # unresolved

# every date expression in the bundled articles' body text, read by hand:
# (article prefix, expression, start, end, precision, resolved)
BUNDLED = [
    ("000", "im September", U, U, "month", False),              # undated article: no year
    ("000", "am Montag", U, U, "day", False),
    ("000", "im April 2019", "2019-04-01", "2019-04-30", "month", True),
    ("000", "von 10. bis 13. September", U, U, "day", False),
    ("000", "im Juli", U, U, "month", False),
    ("000", "im Juli", U, U, "month", False),
    ("000", "im Juli", U, U, "month", False),
    ("000", "am Montag", U, U, "day", False),
    ("000", "vergangene Woche", U, U, "week", False),
    ("001", "am Montag", U, U, "day", False),
    ("001", "am Sonntag", U, U, "day", False),
    ("001", "Mittwoch", U, U, "day", False),
    ("001", "Mittwoch", U, U, "day", False),
    ("001", "am Montag", U, U, "day", False),
    ("001", "im April 2019", "2019-04-01", "2019-04-30", "month", True),
    ("001", "im August", "2023-08-01", "2023-08-31", "month", True),
    ("002", "vom 10. bis 13. September", "2023-09-10", "2023-09-13", "day", True),
    ("002", "am Mittwoch", U, U, "day", False),
    ("003", "zwischen dem 10. und 13. September", U, U, "day", False),
    ("003", "im vergangenen Jahr", U, U, "year", False),
    ("004", "am Dienstag", "2023-09-12", "2023-09-12", "day", True),     # published Thu 14.09.2023
    ("004", "am Mittwoch", "2023-09-13", "2023-09-13", "day", True),
]


def _d(x):
    return None if pd.isna(x) else str(pd.Timestamp(x).date())


def test_every_date_expression_in_the_bundled_articles(articles):
    dm = analysis.date_mentions(articles)
    assert list(dm.columns) == ["article_id", "outlet", "sentence", "start", "end", "expression", "start_date",
                                "end_date", "precision", "resolved", "how", "kind"]
    got = [(r.article_id[:3], r.expression, _d(r.start_date), _d(r.end_date), r.precision, r.resolved)
           for r in dm.itertuples()]
    assert got == BUNDLED
    text = articles.set_index("article_id")["text"]
    for r in dm.itertuples():
        assert text[r.article_id][r.start:r.end] == r.expression and r.expression in r.sentence
        assert r.how.startswith("unresolved") != r.resolved


def test_unresolved_rows_say_why(articles):
    dm = analysis.date_mentions(articles).set_index("expression")
    monday = dm[dm["article_id"].str.startswith("001")].loc["am Sonntag", "how"]
    assert "publication known only to the month (2023-09)" in monday
    assert "no publication date" in dm.loc["vergangene Woche", "how"]
    assert dm.loc["am Dienstag", "how"] == "relative to publication (past tense)"


def test_durations_are_reported_apart_and_never_dated(articles):
    # "in den vergangenen Monaten" was read as last month, "in den nächsten Tagen" as next week
    every = analysis.date_mentions(articles, kinds="all")
    durations = every[every["kind"] == "duration"]
    assert set(durations["expression"]) == {"in den nächsten Tagen", "in den vergangenen Monaten"}
    assert not durations["resolved"].any() and durations["start_date"].isna().all()
    assert "duration" not in set(analysis.date_mentions(articles)["kind"])      # not among the dates by default


THU = pd.Timestamp("2023-09-14 07:12", tz="Europe/Berlin")


@pytest.mark.parametrize("text, language, published, precision, expected", [
    ("Das Treffen fand am 28. Juli 2023 statt.", "de", None, None, ("2023-07-28", "2023-07-28", "day", "absolute")),
    ("Stand: Bericht vom 14.09.2023 liegt vor.", "de", None, None, ("2023-09-14", "2023-09-14", "day", "absolute")),
    ("Er kam am Mittwoch an.", "de", THU, "minute", ("2023-09-13", "2023-09-13", "day", "relative to publication (past tense)")),
    ("Er will am Freitag abreisen.", "de", THU, "minute", ("2023-09-15", "2023-09-15", "day", "relative to publication (future tense)")),
    ("Er kam am Mittwoch an.", "de", pd.Timestamp("2023-09", tz="Europe/Berlin"), "month",
     (None, None, "day", "unresolved: needs the publication day; publication known only to the month (2023-09)")),
    ("Das war gestern.", "de", THU, "day", ("2023-09-13", "2023-09-13", "day", "relative to publication")),
    ("Das war vergangene Woche.", "de", THU, "day", ("2023-09-04", "2023-09-10", "week", "relative to publication")),
    ("Im Dezember beginnt es.", "de", pd.Timestamp("2024-01-10"), "day", ("2023-12-01", "2023-12-31", "month", "year from publication (the nearest)")),
    ("He arrived last Tuesday.", "en", THU, "minute", ("2023-09-12", "2023-09-12", "day", "relative to publication (past tense)")),
    ("Talks are scheduled for Monday.", "en", THU, "minute", ("2023-09-18", "2023-09-18", "day", "relative to publication (future tense)")),
    ("The summit ran from September 10 to 13, 2023.", "en", None, None, ("2023-09-10", "2023-09-13", "day", "absolute")),
    ("It happened on July 28, 2023.", "en", None, None, ("2023-07-28", "2023-07-28", "day", "absolute")),
    ("It happened in April 2019.", "en", None, None, ("2019-04-01", "2019-04-30", "month", "absolute")),
    ("It happened in July.", "en", None, None, (None, None, "month", "unresolved: needs the publication year; the article has no publication date")),
    ("He said so yesterday.", "en", THU, "day", ("2023-09-13", "2023-09-13", "day", "relative to publication")),
    ("Officials met last week.", "en", THU, "day", ("2023-09-04", "2023-09-10", "week", "relative to publication")),
    ("Am 31. Februar 2023 nicht.", "de", None, None, (None, None, "day", "unresolved: not a calendar date (day is out of range for month)")),
])
def test_expressions(text, language, published, precision, expected):
    rows = dates_in_text(text, language, published, precision)
    assert len(rows) == 1, rows
    r = rows[0]
    assert (_d(r["start_date"]), _d(r["end_date"]), r["precision"], r["how"]) == expected


def test_may_the_verb_is_not_a_month():
    assert dates_in_text("Officials may meet soon.", "en") == []


def test_publication_order_respects_precision(articles):
    order = analysis.publication_order(articles, by="label").set_index("label")
    # 2023-09 (month) and 2023-09-14 07:12 overlap: none can be placed before the other
    assert order.loc["dpa", "order"] == order.loc["unnamed (tagesschau-style)", "order"] == 1
    assert order.loc["dpa", "published"] == "2023-09" and "dpa-AFX" in order.loc["dpa", "same_rank_as"]
    assert pd.isna(order.loc["unnamed (portal rewrite)", "order"])
    two = pd.DataFrame({"article_id": ["x", "y"], "outlet": ["X", "Y"],
                        "published": [pd.Timestamp("2023-09-14 08:00"), pd.Timestamp("2023-09")],
                        "published_precision": ["minute", "month"]})
    assert analysis.publication_order(two)["order"].tolist() == [1, 1]
    two.loc[1, "published"] = pd.Timestamp("2023-10")
    assert analysis.publication_order(two).set_index("outlet")["order"].to_dict() == {"X": 1, "Y": 2}


def test_the_same_event_dated_differently(articles):
    conflicts = analysis.date_conflicts(analysis.date_mentions(articles, by="label"))
    top = conflicts.iloc[0]
    assert "Sergej Schoigu" in top["shared_words"]
    assert {top["expression_a"], top["expression_b"]} == {"im Juli", "im August"}
