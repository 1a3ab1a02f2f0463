"""Dates: every date expression in the bundled articles, English cases, unresolvable ones, order."""
from __future__ import annotations

import datetime

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


def test_a_large_tie_lists_twenty_names_and_a_count():
    """Rows of one rank name each other; a tie of hundreds (a corpus dated to the month) names
    the first 20 others and says how many more, instead of hundreds of names in every row."""
    n = 300
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(n + 3)],
                         "outlet": [f"O{i}" for i in range(n)] + ["P", "Q", "R"],
                         "published": [pd.Timestamp("2023-09-01")] * n + [pd.Timestamp("2023-10-02 08:00"),
                                                                          pd.Timestamp("2023-10-02 08:00"), pd.NaT],
                         "published_precision": ["month"] * n + ["minute", "minute", None]})
    order = analysis.publication_order(arts).set_index("outlet")
    assert order.loc["P", "same_rank_as"] == "Q" and order.loc["Q", "same_rank_as"] == "P"
    assert order.loc["R", "same_rank_as"] == "" and pd.isna(order.loc["R", "order"])
    first = ", ".join(f"O{i}" for i in range(1, 21))
    assert order.loc["O0", "same_rank_as"] == f"{first} and {n - 21} more"
    assert order.loc["O5", "same_rank_as"] == ", ".join(f"O{i}" for i in range(21) if i != 5) + f" and {n - 21} more"
    assert order.loc["O250", "same_rank_as"] == ", ".join(f"O{i}" for i in range(20)) + f" and {n - 21} more"


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


MON = pd.Timestamp("2015-03-16")          # a Monday in March
OCT = pd.Timestamp("1989-10-26")          # a Thursday in October


@pytest.mark.parametrize("text, language, published, expected", [
    # bare years, and numbers that only look like years
    ("2015 sollte das Wachstum höher ausfallen.", "de", MON, ("2015-01-01", "2015-12-31", "year", "date")),
    ("Die Stadt stellt 2000 Grenzschützer bereit.", "de", MON, None),
    ("Rund 1500 Menschen kamen.", "de", MON, None),
    ("The pandemic of 2009 was milder.", "en", OCT, ("2009-01-01", "2009-12-31", "year", "date")),
    # relative years
    ("Heuer kamen mehr Gäste.", "de", MON, ("2015-01-01", "2015-12-31", "year", "date")),
    ("Im Vorjahr waren es weniger.", "de", MON, ("2014-01-01", "2014-12-31", "year", "date")),
    ("Das geschah vor drei Jahren.", "de", MON, ("2012-01-01", "2012-12-31", "year", "date")),
    ("It was founded four years ago.", "en", OCT, ("1985-01-01", "1985-12-31", "year", "date")),
    # a month without a year: the tense decides which year
    ("Last July the plant closed.", "en", MON, ("2014-07-01", "2014-07-31", "month", "date")),
    ("Der Bau soll im Dezember beginnen.", "de", MON, ("2015-12-01", "2015-12-31", "month", "date")),
    ("Im Juli dieses Jahres wird gewählt.", "de", MON, ("2015-07-01", "2015-07-31", "month", "date")),
    # seasons, quarters, halves
    ("Im Frühjahr 2015 wurde gebaut.", "de", MON, ("2015-03-01", "2015-05-31", "season", "date")),
    ("Im dritten Quartal stieg der Umsatz.", "de", OCT, ("1989-07-01", "1989-09-30", "quarter", "date")),
    ("In der zweiten Jahreshälfte soll es besser werden.", "de", MON, ("2015-07-01", "2015-12-31", "half", "date")),
    ("Third-quarter profit rose 5%.", "en", OCT, ("1989-07-01", "1989-09-30", "quarter", "date")),
    ("Sales fell last fall.", "en", MON, ("2014-09-01", "2014-11-30", "season", "date")),
    # decades and centuries
    ("In den 1990er-Jahren wuchs die Stadt.", "de", MON, ("1990-01-01", "1999-12-31", "decade", "date")),
    ("In den zwanziger Jahren blühte die Stadt.", "de", MON, ("1920-01-01", "1929-12-31", "decade", "date")),
    ("Es stammt aus dem 20. Jahrhundert.", "de", MON, ("1900-01-01", "1999-12-31", "century", "date")),
    ("It was built in the 20th century.", "en", OCT, ("1900-01-01", "1999-12-31", "century", "date")),
    # durations, sets and the present are told apart and never dated
    ("In den nächsten Jahren wird gebaut.", "de", MON, (None, None, None, "duration")),
    ("In den vergangenen Tagen regnete es.", "de", MON, (None, None, None, "duration")),
    ("Der Markt ist jeden Montag geöffnet.", "de", MON, (None, None, None, "set")),
    ("Heute leben dort 3000 Menschen.", "de", MON, (None, None, None, "present reference")),
    ("Heute Abend spielt das Orchester.", "de", MON, ("2015-03-16", "2015-03-16", "day", "date")),
    ("Gestern traf er den Minister.", "de", MON, ("2015-03-15", "2015-03-15", "day", "date")),
    ("Nowadays few people write letters.", "en", OCT, (None, None, None, "present reference")),
    # "next to" is a place, not the next Friday
    ("A bomb ripped through a building next to the embassy Friday morning.", "en", OCT,
     ("1989-10-20", "1989-10-20", "day", "date")),
    # weekdays: the nearer tense word decides
    ("The company said Friday that it expects more.", "en", OCT, ("1989-10-20", "1989-10-20", "day", "date")),
    ("Talks are scheduled for Monday.", "en", OCT, ("1989-10-30", "1989-10-30", "day", "date")),
    ("Am Mittwoch meldet die Polizei den Fund.", "de", MON, ("2015-03-18", "2015-03-18", "day", "date")),
    ("Am Samstag meldet die Polizei den Fund.", "de", MON, ("2015-03-14", "2015-03-14", "day", "date")),
    # a name after a rank is not a date
    ("Auf Platz 9. Maikol Demetz folgte.", "de", MON, None),
    # three digits after "Jahr" with a noun after them are a count (a typo kept "vergangen" apart)
    ("Im vergangen Jahr 513 Menschen starben.", "de", MON, None),
    ("Im Jahr 800 wurde Karl gekrönt.", "de", MON, ("0800-01-01", "0800-12-31", "year", "date")),
    # a short quoted title is a name (NBC's ''Today'', ABC's "This Week"); speech in quotes is not
    ("He is joining the ''Today'' show as an anchor.", "en", OCT, None),
    ("Rubio said so on ABC's “This Week.”", "en", OCT, None),
    ("“Today’s speech shows that Republicans agree,” he said.", "en", OCT, ("1989-10-26", "1989-10-26", "day", "date")),
    ("Das stand in der UN-Sicherheitsratsresolution 1701 als Bedingung.", "de", MON, None),
    # a participle after "be" is not the past; "'ll" is the future
    ("The nominee will almost certainly be decided at the convention in July.", "en", pd.Timestamp("2016-03-08"),
     ("2016-07-01", "2016-07-31", "month", "date")),
    ("He said Trump is looking like he'll be very competitive in November.", "en", pd.Timestamp("2016-05-12"),
     ("2016-11-01", "2016-11-30", "month", "date")),
])
def test_real_news_cases(text, language, published, expected):
    rows = [r for r in dates_in_text(text, language, published, "day", kinds="all") if r["kind"] != "duration"
            or expected and expected[3] == "duration"]
    if expected is None:
        assert [r for r in rows if r["kind"] == "date"] == [], rows
        return
    assert len(rows) == 1, rows
    r = rows[0]
    assert (_d(r["start_date"]), _d(r["end_date"]), r["precision"] if r["resolved"] else None, r["kind"]) == expected


def test_heute_is_the_day_in_an_article_that_counts_days_from_publication():
    """A daily's report that says "gestern" or "morgen" counts days from its publication, so a
    bare "heute" there is the day; in a text that does not, it may mean nowadays."""
    report = "Gestern tagte der Gemeinderat. Heute beginnt die Abstimmung."
    feature = "Früher war hier ein Hafen. Heute leben dort 3000 Menschen."
    got = {text: [(r["expression"], _d(r["start_date"]), r["kind"]) for r in dates_in_text(text, "de", MON, "day")]
           for text in (report, feature)}
    assert got[report] == [("Gestern", "2015-03-15", "date"), ("Heute", "2015-03-16", "date")]
    assert got[feature] == [("Heute", None, "present reference")]
    # "heute morgen" is this morning, not a sign of counting days
    assert dates_in_text("Heute morgen sprach er. Heute ist vieles anders.", "de", MON, "day")[1]["kind"] == "present reference"


def test_heute_with_a_clock_time_is_the_day():
    """A clock time in the sentence ties "heute" to the day (Dolomiten's notices: "Heute um
    19.30 Uhr trifft sich der Gemeinderat"); a number that is not a time does not."""
    got = [(r["expression"], _d(r["start_date"]), r["kind"]) for r in dates_in_text(
        "Heute um 19.30 Uhr trifft sich der Gemeinderat. Heute leben dort 3000 Menschen.", "de", MON, "day")]
    assert got == [("Heute", "2015-03-16", "date"), ("Heute", None, "present reference")]
    # until a clock time today is the day too
    until = dates_in_text("Die Resultate bleiben bis heute 20 Uhr unter Verschluss.", "de", MON, "day")
    assert [(r["expression"], _d(r["start_date"])) for r in until] == [("bis heute", "2015-03-16")]


def test_heute_with_a_past_tense_verb_in_its_clause_is_the_day():
    """Nowadays is told in the present tense: "Heute wurde Watzke vorgestellt" (German Wikinews)
    is the publication day; a past verb in another sentence or clause does not count, nor does
    an age ("der heute 77-jährige Küng")."""
    def got(text):
        return [(r["expression"], _d(r["start_date"]), r["kind"]) for r in dates_in_text(text, "de", MON, "day")]
    assert got("Heute wurde Watzke als Nachfolger vorgestellt.") == [("Heute", "2015-03-16", "date")]
    assert got("Der Australier gewann heute die siebte Etappe.") == [("heute", "2015-03-16", "date")]
    assert got('"Früher war alles klar", sagt sie. "Heute ist es kompliziert."') == [("Heute", None, "present reference")]
    assert got("Der Papst hatte dem heute 77-jährigen Küng 1979 die Lehrerlaubnis entzogen.")[0][2] == "present reference"


def test_the_quarter_and_a_year_earlier_point_back():
    text = ("Profit fell in the third quarter of 1989. Sales for the quarter rose 3%, "
            "compared with the year-earlier quarter.")
    rows = dates_in_text(text, "en", OCT, "day")
    got = [(r["expression"], _d(r["start_date"]), _d(r["end_date"])) for r in rows]
    assert got == [("the third quarter of 1989", "1989-07-01", "1989-09-30"), ("the quarter", "1989-07-01", "1989-09-30"),
                   ("year-earlier", "1988-07-01", "1988-09-30")]


def test_only_dates_reach_the_timeline_and_conflicts():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["A", "B"], "language": "de",
                         "published": [MON, MON], "published_precision": "day",
                         "text": ["Heute leben in Kiew viele Flüchtlinge aus Charkiw, sagte Bürgermeister Klitschko.",
                                  "In den vergangenen Tagen kamen Flüchtlinge aus Charkiw nach Kiew, sagte Bürgermeister Klitschko."]})
    every = analysis.date_mentions(arts, kinds="all")
    assert set(every["kind"]) == {"present reference", "duration"}
    assert analysis.date_conflicts(every).empty
    with pytest.raises(ValueError, match="unknown kind"):
        analysis.date_mentions(arts, kinds="durations")


def test_a_day_with_this_or_last_year_written_out():
    rows = dates_in_text("Am 8. Mai dieses Jahres und am 3. Juni des vergangenen Jahres.", "de", pd.Timestamp("2009-11-05"), "day")
    assert [(_d(r["start_date"]), r["precision"]) for r in rows] == [("2009-05-08", "day"), ("2008-06-03", "day")]


def test_days_and_years_named_before():
    rows = dates_in_text("Am 3. Mai 2015 begann der Prozess. Am Tag darauf sagte der Zeuge aus. "
                         "In zwei Wochen fällt das Urteil.", "de", MON, "day")
    assert [(r["expression"], _d(r["start_date"]), r["precision"]) for r in rows] == [
        ("Am 3. Mai 2015", "2015-05-03", "day"), ("Am Tag darauf", "2015-05-04", "day"),
        ("In zwei Wochen", "2015-03-30", "week")]
    rows = dates_in_text("The mill closed in 1998. That year the town lost 300 jobs.", "en", OCT, "day")
    assert [(_d(r["start_date"]), r["how"]) for r in rows][1] == ("1998-01-01", "the year named before")
    alone = dates_in_text("The next day the strike ended.", "en", OCT, "day")
    assert alone[0]["resolved"] is False and "names none" in alone[0]["how"]


def test_conflicts_from_the_word_index_equal_all_pairs(monkeypatch):
    import analysis.dates.conflicts as conflicts

    months = ["Juli", "August", "September", "Oktober"]
    names = ["Schoigu", "Lawrow", "Kim", "Putin", "Wladiwostok", "Pjöngjang", "Moskau", "Seoul"]
    texts = [f"{names[i % 8]} besuchte {names[(i * 3) % 8]} und {names[(i * 5 + 1) % 8]} im {months[i % 4]} 2023."
             for i in range(60)]
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(60)], "outlet": [f"O{i % 5}" for i in range(60)],
                         "language": "de", "text": texts, "published": pd.Timestamp("2023-10-01"),
                         "published_precision": "day"})
    mentions = analysis.date_mentions(arts)
    fast = analysis.date_conflicts(mentions, max_share=1.0, per_mention=None)
    capped = analysis.date_conflicts(mentions, max_share=1.0, per_mention=3)
    monkeypatch.setattr(conflicts, "_partners", lambda bags, t: ((i, [j for j in range(len(bags)) if j != i])
                                                                 for i in range(len(bags))))
    slow = analysis.date_conflicts(mentions, max_share=1.0, per_mention=None)
    assert len(fast) > 50
    pd.testing.assert_frame_equal(fast, slow)
    # with a cap, every mention that had partners keeps at most its 3 best, and those are rows
    # of the full list
    pd.testing.assert_frame_equal(capped, analysis.date_conflicts(mentions, max_share=1.0, per_mention=3))
    key = ["article_a", "expression_a", "article_b", "expression_b", "sentence_a", "sentence_b"]
    assert 0 < len(capped) < len(fast)
    assert set(map(tuple, capped[key].values)) <= set(map(tuple, fast[key].values))
    involved = lambda f: set(zip(f["article_a"], f["expression_a"])) | set(zip(f["article_b"], f["expression_b"]))
    assert involved(capped) == involved(fast)


def test_the_same_rows_whatever_n_jobs(articles):
    many = pd.concat([articles.assign(article_id=articles["article_id"] + f"-{k}",
                                      published=pd.Timestamp("2023-09-14", tz="Europe/Berlin") + pd.Timedelta(days=k),
                                      published_precision="day") for k in range(12)], ignore_index=True)
    serial = analysis.date_mentions(many, n_jobs=1, kinds="all")
    pd.testing.assert_frame_equal(serial, analysis.date_mentions(many, n_jobs=2, kinds="all"))
    assert len(many) >= 40 and serial["resolved"].sum() > 100


def test_the_phrase_trie_matches_what_the_plain_alternation_matches():
    """The date phrases are compiled with common beginnings factored out; the matches must be
    the ones the plain longest-first alternation gives, on every phrase and on running text."""
    import random
    import re

    from analysis.dates.words import alternation, phrases, trie_alternation

    for language in ("de", "en"):
        words = list(phrases(language))
        plain = re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])", re.I)
        trie = re.compile(rf"(?<![\w-])(?:{trie_alternation(words)})(?![\w-])", re.I)
        rng = random.Random(7)
        texts = [" ".join(rng.choice(words + ["und", "the", "Jahr", "year", "-", "x"]) for _ in range(12))
                 for _ in range(400)] + [w.upper() + "s " + w.replace(" ", "   ") + "-" for w in words]
        for text in texts:
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_named_days_get_their_date_in_the_year_the_sentence_allows():
    """Holidays from data/holidays.tsv: fixed days, days from Easter, the first weekday on or
    after a day; US Election Day only in even years, so a 2016 article's "Election Day" is
    November 8 even in a past-tense sentence."""
    from analysis.dates.holidays import day_of

    assert day_of("easter+0", 2016) == datetime.date(2016, 3, 27)           # Easter Sunday 2016
    assert day_of("easter-2", 2018) == datetime.date(2018, 3, 30)           # Good Friday 2018
    assert day_of("Mon>=09-01", 2016) == datetime.date(2016, 9, 5)          # Labor Day 2016
    assert day_of("Thu>=11-22", 1999) == datetime.date(1999, 11, 25)        # Thanksgiving 1999
    assert day_of("Tue>=11-02 even", 2016) == datetime.date(2016, 11, 8)
    assert day_of("Tue>=11-02 even", 2015) is None
    with pytest.raises(ValueError, match="holidays.tsv"):
        day_of("first Monday", 2016)

    def got(text, language, published):
        return [(r["expression"], _d(r["start_date"])) for r in dates_in_text(text, language, pd.Timestamp(published), "day")]
    assert got("The NRA used the comments to urge people to vote for him on Election Day.", "en", "2016-08-10") == \
        [("Election Day", "2016-11-08")]
    assert got("He was plucked from the Atlantic on Thanksgiving Day.", "en", "2000-01-06") == [("Thanksgiving Day", "1999-11-25")]
    assert got("Am zweiten Weihnachtstag 2004 kam der Tsunami.", "de", "2007-04-09") == [("zweiten Weihnachtstag 2004", "2004-12-26")]
    assert got("Am Karfreitag kam es wieder zu einem Fall.", "de", "2018-04-06") == [("Karfreitag", "2018-03-30")]
    assert got("They bought a Christmas tree.", "en", "2016-12-01") == []
    assert got("Turnout on Election Day 2015 was low.", "en", "2016-08-10") == [("Election Day 2015", "2015-11-03")]
