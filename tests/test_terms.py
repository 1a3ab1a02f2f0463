"""Terms: tokenisation, frequencies, keyness (checked by hand), concordance, shared wording."""
from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis
from analysis.terms import _adjust, log_likelihood
from analysis.tokens import tokenize


def keys(text: str, language: str = "de", **kw) -> list[str]:
    return [k for *_, k in tokenize(text, language, **kw)]


def test_compounds_stay_whole_numbers_and_punctuation_go():
    assert keys("Der US-Außenminister kündigte die Kim-Visite am 14.09.2023 an (2023-09)!") == \
        ["der", "US-außenminister", "kündigte", "die", "kim-visite", "am", "an"]


def test_case_is_folded_except_in_acronyms():
    assert keys("KCNA Nachrichtenagentur US us", "en") == ["KCNA", "nachrichtenagentur", "US", "us"]


def test_spelling_variants_count_as_one_term():
    assert keys("Kim Jong-un, Kim Jong Un und Kim Jong-Un in Pyongyang und Pjöngjang; KNCA und KCNA") == \
        ["Kim Jong Un", "Kim Jong Un", "und", "Kim Jong Un", "in", "Pjöngjang", "und", "Pjöngjang", "KCNA", "und", "KCNA"]


def test_stemming_and_lemmas_are_options_off_by_default():
    assert keys("Verhandlungen trafen") == ["verhandlungen", "trafen"]
    assert keys("Verhandlungen trafen", normalize="stem") == ["verhandl", "traf"]
    assert keys("trafen", normalize="lemma") == ["treffen"]
    with pytest.raises(ValueError, match="normalize"):
        keys("x y", normalize="porter")


def corpus(**texts) -> pd.DataFrame:
    return pd.DataFrame({"article_id": list(texts), "outlet": [k.rstrip("0123456789") for k in texts],
                         "language": "de", "text": list(texts.values())})


def test_term_frequencies_counts_rates_and_articles():
    arts = corpus(a1="Gipfel Gipfel Zug und", a2="Gipfel Treffen", b1="Zug Zug Zug Zug")
    tf = analysis.term_frequencies(arts)
    assert list(tf.columns) == ["outlet", "term", "count", "per_10k", "n_articles", "rank"]
    row = tf.set_index(["outlet", "term"]).loc[("a", "Gipfel")]
    # outlet a: 6 word tokens (stopword "und" included in the denominator), "Gipfel" 3 times in 2 articles
    assert row["count"] == 3 and row["n_articles"] == 2 and row["per_10k"] == pytest.approx(3 / 6 * 10_000)
    assert "und" not in set(tf["term"])
    assert tf.set_index(["outlet", "term"]).loc[("b", "Zug"), "per_10k"] == 10_000


def test_articles_without_outlet_are_grouped_not_dropped():
    arts = corpus(a1="Gipfel").assign(outlet=[None])
    assert analysis.term_frequencies(arts)["outlet"].tolist() == ["unknown"]


def test_log_likelihood_matches_a_hand_computation():
    # term seen 10 times in 100 target tokens, 5 times in 200 reference tokens:
    # E1 = 100*15/300 = 5, E2 = 200*15/300 = 10
    # G2 = 2*(10 ln(10/5) + 5 ln(5/10)) = 2*(6.9315 - 3.4657) = 6.9315
    assert log_likelihood([10], [5], 100, 200)[0] == pytest.approx(6.931472, abs=1e-5)
    # a term absent from the reference: 0 ln 0 counts as 0; E1 = 4*100/300, E2 = 4*200/300
    assert log_likelihood([4], [0], 100, 200)[0] == pytest.approx(2 * 4 * math.log(4 / (400 / 300)), abs=1e-9)


def test_keyness_on_a_tiny_corpus():
    # target: "rakete" 10 of 100 tokens; reference: 5 of 200 -> G2 = 6.9315 (above), p = erfc(sqrt(G2/2))
    target = " ".join(["rakete"] * 10 + ["wort"] * 90)
    reference = " ".join(["rakete"] * 5 + ["wort"] * 195)
    arts = corpus(t1=target, r1=reference)
    key = analysis.keyness(arts, target="t", min_count=1, correction=None).set_index("term")
    r = key.loc["rakete"]
    assert r["target_count"] == 10 and r["reference_count"] == 5
    assert r["g2"] == pytest.approx(6.931472, abs=1e-5)
    assert r["p"] == pytest.approx(0.008468, abs=1e-5)          # chi-square, 1 df, at 6.9315
    assert r["log_ratio"] == pytest.approx(2.0)                  # (10/100) / (5/200) = 4 = 2^2
    assert bool(r["significant"])
    # "wort" is under-used by the target: the sign of G2 says so
    assert key.loc["wort", "g2"] < 0 and key.loc["wort", "log_ratio"] < 0


def test_keyness_settings_and_errors():
    arts = corpus(t1="rakete rakete rakete wort", r1="wort wort wort rakete", x1="zug zug zug")
    assert "zug" not in analysis.keyness(arts, target="t", reference="r", min_count=1)["term"].tolist()
    assert analysis.keyness(arts, target="t", min_count=99).empty
    with pytest.raises(ValueError, match="not found"):
        analysis.keyness(arts, target="nobody")
    with pytest.raises(ValueError, match="not found"):
        analysis.keyness(arts, target="t", reference=["nobody"])


def test_keyness_against_some_groups_equals_keyness_on_those_groups_alone(articles):
    """A reference of several groups is counted from the group codes; leaving the other
    groups out of the corpus must give the same table."""
    labels = articles["label"].value_counts().index.tolist()
    target, refs = labels[0], labels[1:3]
    chosen = analysis.keyness(articles, target=target, reference=refs, by="label", min_count=2)
    alone = analysis.keyness(articles[articles["label"].isin([target, *refs])], target=target, by="label", min_count=2)
    assert len(chosen) > 20
    pd.testing.assert_frame_equal(chosen, alone)


def test_multiple_testing_adjustments():
    p = [0.01, 0.04, 0.03, 0.5]
    assert _adjust(p, "bonferroni").tolist() == pytest.approx([0.04, 0.16, 0.12, 1.0])
    assert _adjust(p, "holm").tolist() == pytest.approx([0.04, 0.09, 0.09, 0.5])
    assert _adjust(p, "bh").tolist() == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5])
    assert _adjust(p, None).tolist() == p


def test_concordance_finds_variants_in_context(articles):
    kwic = analysis.concordance(articles, "Pyongyang", width=3, by="label")
    assert list(kwic.columns) == ["article_id", "label", "left", "keyword", "right", "sentence", "start", "end"]
    assert set(kwic["keyword"]) == {"Pjöngjang"}
    text = articles.set_index("article_id")["text"]
    for row in kwic.itertuples():
        assert text[row.article_id][row.start:row.end] == row.keyword
        assert row.keyword in row.sentence and len(row.left.split()) <= 3
    # a compound is its own term: "Kim" does not match "Kim-Visite"
    assert not analysis.concordance(articles, "Kim")["keyword"].str.contains("-").any()


def test_shared_passages_find_reused_agency_copy(articles):
    sp = analysis.shared_passages(articles, min_words=8, by="label")
    text = articles.set_index("article_id")["text"]
    train = sp[sp["passage_a"].str.contains("gepanzerten Zug nach Wladiwostok")]
    assert len(train) == 1 and train["n_words"].iloc[0] >= 8
    for row in sp.itertuples():
        assert text[row.article_a][row.start_a:row.end_a] == row.passage_a
        assert text[row.article_b][row.start_b:row.end_b] == row.passage_b
        assert row.passage_a.lower().split()[:3] == row.passage_b.lower().split()[:3]


def test_shared_passages_merge_overlapping_shingles_into_one_passage():
    words = "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf"
    arts = corpus(a1=f"Anfang hier. {words}. Ende.", b1=f"Ganz anders: {words}!")
    sp = analysis.shared_passages(arts, min_words=8)
    assert len(sp) == 1 and sp["n_words"].iloc[0] == 12 and sp["passage_a"].iloc[0] == words


def test_reuse_matrix_is_a_share_of_the_rows_words():
    words = "eins zwei drei vier fünf sechs sieben acht"
    arts = corpus(a1=words, b1=words + " " + " ".join(["anders"] * 8))
    m = analysis.reuse_matrix(arts, by="outlet")
    assert m.loc["a", "b"] == 1.0 and m.loc["b", "a"] == 0.5 and pd.isna(m.loc["a", "a"])


def test_reuse_shares_count_each_reused_word_once_per_other_group():
    """The sparse table against a count made by hand from the passages: the sample's articles
    cut into overlapping pieces, so a word is reused from several articles of one outlet."""
    import re
    sample = analysis.load_articles()
    rows = []
    for art in sample.itertuples():
        words = art.text.split()
        for k, (a, b) in enumerate([(0, 160), (80, 260), (40, 120)]):
            rows.append({"article_id": f"{art.article_id}-{k}", "outlet": f"{art.outlet} {k % 2}",
                         "text": " ".join(words[a:b])})
    arts = pd.DataFrame(rows)
    shares = analysis.reuse_shares(arts, by="outlet")
    passages = analysis.shared_passages(arts, by="outlet")
    text = dict(zip(arts["article_id"], arts["text"]))
    outlet = dict(zip(arts["article_id"], arts["outlet"]))
    covered: dict = {}
    for p in passages.itertuples():
        for art, other, s, e in ((p.article_a, p.outlet_b, p.start_a, p.end_a), (p.article_b, p.outlet_a, p.start_b, p.end_b)):
            if outlet[art] != other:
                covered.setdefault((outlet[art], other), set()).update((art, c) for c in range(s, e))
    word = re.compile(r"\w+(?:[-‐'’]\w+)*")
    starts = {a: {m.start() for m in word.finditer(t)} for a, t in text.items()}
    expected = {key: sum(1 for art, c in chars if c in starts[art]) for key, chars in covered.items()}
    got = {(r.outlet, r.found_in): r.n_reused for r in shares.itertuples()}
    assert got == expected and len(got) > 5
    totals = {o: sum(len(word.findall(t)) for a, t in text.items() if outlet[a] == o) for o in set(outlet.values())}
    assert all(r.n_words == totals[r.outlet] and r.share == r.n_reused / r.n_words for r in shares.itertuples())
    m = analysis.reuse_matrix(arts, by="outlet")
    assert all(m.loc[r.outlet, r.found_in] == r.share for r in shares.itertuples())


def test_remembered_word_forms_give_the_same_tokens(monkeypatch):
    """Word forms are worked out once and remembered; the tokens equal those worked out anew."""
    import sys
    tk = sys.modules["analysis.tokens"]        # the module; analysis.tokens is the function
    sample = analysis.load_articles()
    english = "Kim’s envoy and Putin's aides met; the KCNA-report said Pyongyang's plans don’t change."
    texts = [(t, lang) for t, lang in zip(sample["text"], sample["language"])] + [(english, "en")]
    remembered = [tokenize(t, lang) for t, lang in texts]
    assert tk._WORD_CACHE[("de", None)] and ("Kim", "kim") == tk._WORD_CACHE[("en", None)]["Kim’s"]
    monkeypatch.setattr(tk, "_WORD_CACHE", {})
    monkeypatch.setattr(tk, "WORD_CACHE_LIMIT", 0)
    assert [tokenize(t, lang) for t, lang in texts] == remembered
    assert tk._WORD_CACHE == {("de", None): {}, ("en", None): {}}


def test_typographic_apostrophes_and_web_addresses_are_not_terms():
    text = ("We don’t know, she said. We don't know either. Read more at https://www.example.com/news/story-1 "
            "and www.example.org today. The talks went on.")
    arts = pd.DataFrame({"article_id": ["a"], "text": [text], "language": ["en"], "outlet": ["X"]})
    terms = set(analysis.term_frequencies(arts)["term"])
    assert not {"don’t", "don't", "https", "www", "com", "example"} & terms
    assert {"talks", "read"} <= {t.lower() for t in terms}


def test_lines_an_outlet_repeats_are_page_furniture_not_terms():
    body = ["The senate voted on the budget on Tuesday.", "Farmers protested against the new tariffs.",
            "The central bank kept its rates unchanged.", "A storm closed schools along the coast."]
    texts = [f"{b}\nLike this story? Share it on Twitter\nFollow us for more" for b in body]
    texts.append("Like this story? Share it on Twitter\nThe other outlet wrote about Twitter too.")
    arts = pd.DataFrame({"article_id": list("abcde"), "outlet": ["X"] * 4 + ["Y"], "language": "en", "text": texts})
    lines = analysis.boilerplate_lines(arts)
    assert set(lines["line"]) == {"like this story? share it on twitter", "follow us for more"}
    assert set(lines["outlet"]) == {"X"} and set(lines["n_articles"]) == {4}
    with pytest.warns(UserWarning, match="2 line\\(s\\) that an outlet repeats"):
        freq = analysis.term_frequencies(arts)
    x = set(freq.loc[freq["outlet"] == "X", "term"].str.lower())
    assert "twitter" not in x and "share" not in x and {"senate", "tariffs"} <= x
    assert "twitter" in set(freq.loc[freq["outlet"] == "Y", "term"].str.lower())   # one article of Y: its own words


def _reference_frequencies(articles, by="label", stopwords=True):
    """Term counts the way they were computed before coded tokens: from the string frame of
    analysis.tokens (a reference for the test, kept outside the package)."""
    from analysis.tokens import _aliases

    tok = analysis.tokens(articles, by=by)
    totals = tok.groupby(by).size()
    kept = tok[~tok["stopword"]] if stopwords else tok
    canonical = set(_aliases()[1].values())
    common = (kept.groupby(["term", "token"]).size().rename("n").reset_index()
              .sort_values(["term", "n", "token"], ascending=[True, False, True])
              .drop_duplicates("term").set_index("term")["token"])
    display = {t: (t if t in canonical else form) for t, form in common.items()}
    freq = kept.groupby([by, "term"]).agg(count=("term", "size"), n_articles=("article_id", "nunique")).reset_index()
    freq["per_10k"] = freq["count"] / freq[by].map(totals) * 10_000
    freq["term"] = freq["term"].map(display)
    freq = freq.sort_values([by, "count", "term"], ascending=[True, False, True])
    freq["rank"] = freq.groupby(by)["count"].rank(method="min", ascending=False).astype(int)
    return freq[[by, "term", "count", "per_10k", "n_articles", "rank"]].reset_index(drop=True)


def test_counting_from_codes_equals_the_string_frame(articles):
    mixed = pd.concat([articles, articles.assign(
        article_id=articles["article_id"] + "-en", language="en", label="Wire (en)",
        text=["Putin's aides said the U.S. and KCNA reported it. Officials didn't say when, Kim's aides said. " * 3
              + str(i) for i in range(len(articles))])], ignore_index=True)
    for stopwords in (True, False):
        got = analysis.term_frequencies(mixed, by="label", stopwords=stopwords)
        pd.testing.assert_frame_equal(got, _reference_frequencies(mixed, stopwords=stopwords), check_dtype=False)
    assert "Putin" in set(got["term"]) and "Putins" not in set(got["term"])      # genitives still merged


def test_a_wire_story_reprinted_by_sixty_outlets_is_found():
    story = ("Die Regierung in Pjöngjang hat nach Angaben der staatlichen Nachrichtenagentur KCNA am Montag "
             "eine neue Rakete getestet, die nach Einschätzung von Fachleuten eine Reichweite von mehreren "
             "tausend Kilometern haben könnte.")
    # 61 of 261 articles carry it (a quarter of the corpus is the boilerplate threshold)
    words = "Rat Stadt Haus Weg Zeit Jahr Land Frau Mann Kind Arbeit Geld Recht Wasser Schule".split()
    others = [" ".join(words[(i * 7 + j * 3) % len(words)] + str(i * 31 + j) for j in range(40)) for i in range(200)]
    arts = pd.DataFrame({"article_id": [f"a{i:02d}" for i in range(61)] + [f"x{i}" for i in range(200)],
                         "outlet": [f"Outlet {i}" for i in range(261)], "language": "de",
                         "text": [story] + [f"Meldung {i} aus der Redaktion {i}. {story} Weitere Angaben gab es nicht."
                                           for i in range(1, 61)] + others})
    passages = analysis.shared_passages(arts, min_words=8)
    # every reprint is linked to the first article that carries the story (it was 0: the
    # shingles were in more than 50 articles and skipped as boilerplate)
    linked = passages[passages["article_a"] == "a00"]
    assert set(linked["article_b"]) == {f"a{i:02d}" for i in range(1, 61)}
    assert (linked["n_words"] >= 30).all()
    # few copies: every pair, as before
    few = analysis.shared_passages(arts.head(4), min_words=8, max_articles=50)
    assert len(few) == 6


def test_shared_passages_are_maximal_even_when_phrases_repeat():
    # a text whose sentences repeat: matches on different diagonals interleave; each copied
    # stretch must still come out as one passage, not as fragments
    base = ("Die Regierung teilte am Montag in der Hauptstadt mit dass die Gespräche weitergehen sollen. " * 2
            + "Ein Sprecher sagte am Abend vor Journalisten in Berlin dass man zuversichtlich sei.")
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["A", "B"], "language": "de",
                         "text": [base, "Vorspann der Zeitung B. " + base]})
    passages = analysis.shared_passages(arts, min_words=8)
    longest = passages.iloc[0]
    assert longest["passage_a"] == longest["passage_b"] and longest["n_words"] == len(base.replace(".", " ").split())
