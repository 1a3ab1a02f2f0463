"""Attribution detection on sentences and articles: the seed gold, cue forms, chains, pronouns,
both languages. Written for the rule-based detector of sessions 1-2; the learned detector keeps
them as behaviour it must show (the source of each case is in its comment)."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.sources import OUTPUT_COLUMNS, attributions_in_text
from analysis.evaluate import evaluate
from conftest import SPEC


def cats(text: str, language: str = "de") -> set[tuple[str, str]]:
    return {(r["category"], r["source"]) for r in attributions_in_text(text, language)}


def categories(text: str, language: str = "de") -> set[str]:
    return {c for c, _ in cats(text, language)}


def test_seed_gold_micro_f1_at_least_095(articles, attribution_gold):
    att = analysis.find_attributions(articles)
    scores, errors = evaluate(att, pd.DataFrame(attribution_gold).assign(
        article_id=lambda g: g["file"].str.removesuffix(".txt")), articles)
    micro = scores.set_index("category").loc["micro"]
    assert micro["f1"] >= 0.95, errors.to_string()


def test_credits_and_captions_are_never_read(articles):
    att = analysis.find_attributions(articles)
    first = att[att["article_id"] == "000_db5ce7c6c2caeffb"]
    # the article's photos are credited Reuters/KCNA and IMAGO/Xinhua/Sputnik; its body cites KCNA once
    assert not first["source"].str.contains("Xinhua|Sputnik|Reuters").any()
    assert (first["category"] == "state_media").sum() == 1


@pytest.mark.parametrize("text, expected", [
    ("Laut Medienberichten ist das Treffen geplant.", {"other_media"}),
    ("Staatsmedien zufolge besuchte Kim eine Fabrik.", {"state_media"}),
    ("Nach Angaben der ukrainischen Armee wurden drei Drohnen abgeschossen.", {"named_official"}),
    ("Die Zahl der Toten stieg nach offiziellen Angaben auf 40.", {"anonymous_official"}),
    ("Das Verteidigungsministerium teilte am Abend mit, die Angriffe seien abgewehrt worden.", {"named_official"}),
    ("Putins Sprecher Dmitri Peskow hatte das Treffen bis zuletzt bestritten.", {"named_official"}),
    ("Die Bundesregierung wies die Vorwürfe zurück.", {"named_official"}),
    ("Ein Polizeisprecher sagte, es habe keine Verletzten gegeben.", {"anonymous_official"}),
    ("Aus Regierungskreisen hieß es, man prüfe alle Optionen.", {"anonymous_official"}),
    ("Kreml-Chef Putin habe die Einladung angenommen, hieß es.", set()),
    ("Augenzeugen berichteten von lauten Explosionen.", {"other"}),
    ("Laut einem UN-Bericht hat Nordkorea Sanktionen umgangen.", {"document"}),
    ("Das geht aus einem Bericht der Vereinten Nationen hervor.", {"document"}),
    ("Experten gehen davon aus, dass die Preise weiter steigen.", {"expert"}),
    ("Russische Medien berichteten über den Vorfall.", {"other_media"}),
    ("Nordkoreanische Medien berichteten über den Start.", {"state_media"}),
    ("Wie der Spiegel berichtet, soll das Treffen im Oktober stattfinden.", {"other_media"}),
    ("Putin traf Kim am Mittwoch im Kosmodrom Wostotschny.", set()),
    ("Über ein Treffen Putins mit Kim wurde bereits seit längerer Zeit berichtet.", set()),
    ("Die KNCA meldete, Kim habe den Test persönlich beaufsichtigt.", {"state_media"}),
])
def test_german_cue_forms(text, expected):
    assert categories(text) == expected


@pytest.mark.parametrize("text, expected", [
    # chains: every link the sentence names as a source
    ("Die Nachrichtenagentur Tass meldete unter Berufung auf Sicherheitskreise, der Verdächtige sei gefasst.",
     {"state_media", "anonymous_official"}),
    ("Wie die Agentur Yonhap unter Berufung auf den Generalstab berichtete, feuerte Nordkorea Raketen ab.",
     {"other_media", "named_official"}),
    ("Der Politologe Herfried Münkler sagte dem Deutschlandfunk, der Krieg werde noch lange dauern.",
     {"expert", "other_media"}),
    # a speech act inside the reported content is not a second source
    ("Die staatliche Nachrichtenagentur KCNA berichtete, Putin habe seinen Willen bekräftigt.", {"state_media"}),
])
def test_chains(text, expected):
    assert categories(text) == expected


def test_pronoun_and_role_noun_resolve_to_earlier_speaker():
    text = ("US-Außenamtssprecher Matthew Miller sagte, die Lage sei ernst. Er betonte zudem, man stehe bereit. "
            "Auch der Vereinigungsminister Kim Young-ho äußerte sich besorgt. "
            "\"Wir fordern ein Ende der Provokationen und eine Rückkehr zu Gesprächen\", forderte der Minister.")
    rows = attributions_in_text(text)
    by_cue = {r["cue"].split()[0]: r for r in rows}
    assert by_cue["betonte"]["category"] == "named_official" and "Miller" in by_cue["betonte"]["how"]
    assert by_cue["forderte"]["category"] == "named_official" and "Kim Young-ho" in by_cue["forderte"]["how"]
    assert by_cue["betonte"]["optional"] and by_cue["forderte"]["optional"]
    assert attributions_in_text("Er fügte hinzu, die Lage sei ernst.") == []   # no antecedent


def test_bare_surname_uses_the_role_given_earlier():
    text = ("Der Korea-Experte Jean H. Lee äußerte sich skeptisch. Das Treffen sei symbolisch, sagte Lee.")
    rows = attributions_in_text(text)
    assert [r["category"] for r in rows] == ["expert", "expert"]


@pytest.mark.parametrize("text, expected", [
    ("Officials said the talks would resume next week.", {"anonymous_official"}),
    ("A senior administration official, speaking on condition of anonymity, told reporters the deal was close.",
     {"anonymous_official"}),
    ("According to state media, Kim inspected a weapons factory.", {"state_media"}),
    ("North Korea's state news agency KCNA said the launch was a success.", {"state_media"}),
    ("The Kremlin denied the report.", {"named_official"}),
    ("White House spokesperson Karine Jean-Pierre said the US was monitoring the situation.", {"named_official"}),
    ("Reuters, citing two people familiar with the matter, reported that the meeting took place.",
     {"other_media", "anonymous_official"}),
    ("Analysts say the move signals a shift in policy.", {"expert"}),
    ("The company said it would cooperate with investigators.", {"other"}),
    ("A UN report found evidence of sanctions violations.", {"document"}),
    ("Russia's foreign minister Sergei Lavrov told TASS that Moscow was ready to talk.",
     {"named_official", "state_media"}),
    ("South Korean media, citing intelligence officials, said Kim had left Pyongyang.",
     {"other_media", "anonymous_official"}),
    ("Putin and Kim met at the Vostochny cosmodrome on Wednesday.", set()),
    ("Witnesses said they heard several explosions.", {"other"}),
])
def test_english(text, expected):
    assert categories(text, "en") == expected


def test_english_articles_use_the_english_lexicon():
    arts = pd.DataFrame({"article_id": ["e1"], "outlet": ["AP"], "language": ["en"],
                         "text": ["Officials said the talks would resume. He added nothing."]})
    att = analysis.find_attributions(arts)
    assert list(att["category"]) == ["anonymous_official"] and att["outlet"].iloc[0] == "AP"


def test_user_lexicon_additions(tmp_path):
    # a made-up office: the lists do not know it, a teacher's addition makes it an unnamed official
    extra = tmp_path / "my_sources.tsv"
    extra.write_text("kind\tforms\tcompound\nanon\tblubberbeamte\tyes\n", encoding="utf-8")
    arts = pd.DataFrame({"article_id": ["a"], "text": ["Blubberbeamte sagten, alles sei gut."]})
    assert analysis.find_attributions(arts, extra_sources=extra)["category"].tolist() == ["anonymous_official"]
    assert "unnamed officials" in analysis.find_attributions(arts, extra_sources=extra)["how"].iloc[0]


def test_source_reliance_counts_shares_and_zeros(articles):
    att = analysis.find_attributions(articles)
    rel = analysis.source_reliance(att, articles, by="label")
    assert len(rel) == articles["label"].nunique() * len(analysis.CATEGORIES)
    assert rel["count"].sum() == (~att["own_outlet"]).sum()
    shares = rel.groupby("label")["share"].sum()
    assert ((shares - 1).abs() < 1e-9).all()
    dpa = rel[(rel["label"] == "dpa") & (rel["category"] == "anonymous_official")].iloc[0]
    assert dpa["per_1000_words"] == pytest.approx(1000 * dpa["count"] / dpa["n_words"])
    assert (rel["count"] == 0).any() and rel.groupby("label").size().eq(len(analysis.CATEGORIES)).all()   # zeros kept
    ev = analysis.evidence(att, articles, outlet="dpa", category="anonymous_official", by="label")
    assert len(ev) == dpa["count"] and (ev["category"] == "anonymous_official").all()
    html = analysis.evidence_table(att, articles, outlet="dpa", category="anonymous_official", by="label").to_html()
    assert "<mark>" in html and "<b><u>" in html


def test_evaluate_command_prints_the_table(capsys, attribution_gold):
    from analysis.evaluate import main

    assert main(["--gold", str(SPEC / "seed-attributions.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "micro" in out and "precision" in out and "anonymous_official" in out


# ---------------------------------------------------------------- written evaluation sets

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("batch", ["written_batch1", "written_batch2"])
def test_written_articles_meet_the_quality_targets(batch):
    """German and English articles on other stories, labelled by the spec (see fixtures/README.md)."""
    from analysis.evaluate import read_gold

    folder = FIXTURES / batch
    arts = analysis.load_articles(folder)
    assert set(arts["language"]) == {"de", "en"}
    scores, errors = evaluate(analysis.find_attributions(arts), read_gold(folder / "attributions.jsonl"), arts)
    f1 = scores.set_index("category")["f1"]
    # the learned detector was not built on these: first run 0.88 and 0.92, final 0.92 and 0.90
    assert f1["micro"] >= 0.87, errors.to_string()
    assert f1["anonymous_official"] >= 0.80 and f1["state_media"] >= 0.80, errors.to_string()


@pytest.mark.parametrize("text, language, expected", [
    # a subject before a comma-delimited insert that ends at the verb
    ("Ein Diplomat, der anonym bleiben wollte, sprach von einer Sackgasse.", "de", {"anonymous_official"}),
    ("Die Zeitung „Global Times“, ein Sprachrohr der Partei, schrieb von einer Lektion.", "de", {"state_media"}),
    ("U.S. officials, speaking on condition of anonymity, said Washington was consulting allies.", "en", {"anonymous_official"}),
    # "nach eigenen Angaben" points back to the clause's subject, not to what follows
    ("Das Ministerium zählte nach eigenen Angaben 42 Flugzeuge.", "de", {"named_official"}),
    # a company's spokesperson is "other", a ministry's unnamed one is anonymous
    ("Eine Bahnsprecherin sagte, der Notfahrplan gelte.", "de", {"other"}),
    ("Ein Sprecher des Unternehmens sagte, man kooperiere.", "de", {"other"}),
    ("A spokesperson for the utility said the company was cooperating.", "en", {"other"}),
    ("Ein Sprecher des Ministeriums sagte, man prüfe den Fall.", "de", {"anonymous_official"}),
    # English: a verb inside another cue's "that" clause is reported content (rule 3)
    ("KCNA reported that leader Kim Jong Un had said the test was a success.", "en", {"state_media"}),
    # capitalised "States" is a noun, not the verb "states"
    ("Negotiators from Qatar and the United States resumed talks in Cairo.", "en", set()),
    # institutions and outlets by proper name
    ("The National Weather Service warned of gusts.", "en", {"named_official"}),
    ("Egypt's state-affiliated Al-Qahera News TV reported progress.", "en", {"state_media"}),
    ("U.S. Secretary of State Antony Blinken said a deal was within reach.", "en", {"named_official"}),
    ("\"We had ten minutes,\" said Maria Lopez, a resident of Cohasset.", "en", {"other"}),
])
def test_general_rules_found_on_written_articles(text, language, expected):
    assert categories(text, language) == expected


def test_an_outlets_own_reporting_is_not_other_media():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["AFP", "Reuters"], "language": ["en", "en"],
                         "text": ["An Egyptian official told AFP that points remained open."] * 2})
    att = analysis.find_attributions(arts)
    relied = att[~att["own_outlet"]]
    assert set(relied.loc[relied["article_id"] == "a", "category"]) == {"anonymous_official"}
    assert set(relied.loc[relied["article_id"] == "b", "category"]) == {"anonymous_official", "other_media"}


def test_compound_tails_do_not_misfire():
    from analysis.sources.lexicons import lexicon

    # "Flugzeuge" ends in "zeuge" (witness), "Soldaten" in "daten": neither is a source;
    # "Augenzeugen" and "Regierungsdaten" are
    kind = lexicon("de").kind
    assert kind("Flugzeuge") == "none" and kind("Soldaten") == "none"
    assert kind("Augenzeugen") == "other" and kind("Regierungsdaten") == "document"
