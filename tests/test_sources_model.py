"""The learned source detector's machinery: CRF decoding, model files, lists, training."""
from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest

from analysis.sources.categories import CategoryModel, closed_category
from analysis.sources.crf import LinearChainCRF
from analysis.sources.lexicons import lexicon
from analysis.sources.model import MODEL_DIR, load_model
from analysis.sources.text import quote_depth, tokenize


def _random_crf(seed=0, labels=("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE")):
    rng = np.random.default_rng(seed)
    crf = LinearChainCRF(list(labels), [f"a{i}" for i in range(6)], rng.normal(size=(6, len(labels))),
                         rng.normal(size=(len(labels), len(labels))))
    return crf, rng


def _brute_force(crf, emissions):
    n, L = emissions.shape
    scores = {}
    for path in itertools.product(range(L), repeat=n):
        s = sum(emissions[t, y] for t, y in enumerate(path))
        s += sum(crf.transitions[a, b] for a, b in zip(path, path[1:]))
        scores[path] = s
    z = math.log(sum(math.exp(v) for v in scores.values()))
    marg = np.zeros((n, L))
    for path, s in scores.items():
        for t, y in enumerate(path):
            marg[t, y] += math.exp(s - z)
    return max(scores, key=scores.get), marg


def test_batched_viterbi_and_marginals_equal_brute_force():
    crf, rng = _random_crf()
    # sentences of different lengths decoded in one padded batch
    ids = [[[int(i) for i in rng.integers(0, 6, size=3)] for _ in range(n)] for n in (1, 4, 2, 5)]
    emissions = [crf.emissions(x) for x in ids]
    paths, marginals = crf.decode(emissions)
    for e, path, marg in zip(emissions, paths, marginals):
        best, brute = _brute_force(crf, e)
        assert tuple(path) == best
        assert np.allclose(marg, brute, atol=1e-9)


def test_emissions_sum_attribute_weights_and_allow_empty_tokens():
    crf, _ = _random_crf(1)
    e = crf.emissions([[0, 2], [], [5]])
    assert np.allclose(e[0], crf.weights[0] + crf.weights[2])
    assert np.allclose(e[1], 0.0)
    assert np.allclose(e[2], crf.weights[5])


@pytest.mark.parametrize("language", ["de", "en"])
def test_model_files_are_plain_json_and_load(language):
    for name in (f"{language}.crf.json", f"{language}.json"):
        data = json.loads((MODEL_DIR / name).read_text(encoding="utf-8"))   # no pickle anywhere
        assert isinstance(data, dict)
    model = load_model(language)
    assert set(model.categories.classes) <= {"anonymous_official", "named_official", "state_media",
                                             "other_media", "expert", "document", "other"}
    assert 0 < model.tagger.threshold < 1


def test_category_model_predicts_the_highest_scoring_class():
    model = CategoryModel(["a", "b"], [0.0, 0.5], {"x": [2.0, 0.0], "y": [0.0, 1.0]})
    assert model.predict([])[0] == "b"
    category, prob, reasons = model.predict(["x"])
    assert category == "a" and math.isclose(prob, 1 / (1 + math.exp(-1.5)))
    assert "x" in reasons


@pytest.mark.parametrize("phrase, expected", [
    ("die Koreanische Zentrale Nachrichtenagentur", "state_media"),
    ("der Koreanischen Zentralen Nachrichtenagentur", "state_media"),    # inflected
    ("nordkoreanische Staatsmedien", "state_media"),
    ("Medienberichten", "other_media"),
    ("die „New York Times“", "other_media"),
    ("nicht namentlich genannte Beamte", "anonymous_official"),
    ("US-Beamte", "anonymous_official"),
    ("ein Sprecher des Ministeriums", "anonymous_official"),            # spec rule 7
    ("ein Sprecher des Konzerns", "other"),                              # unnamed, but inside a company
    ("Vertreter der Bauwirtschaftsverbände", "other"),
    ("Mitarbeiter des Ministeriums", "anonymous_official"),
    ("Der Sprecher für nationale Sicherheit im Weißen Haus, John Kirby", None),   # named: the model decides
])
def test_closed_classes_german(phrase, expected):
    decided = closed_category(phrase, lexicon("de"))
    assert (decided[0] if decided else None) == expected


@pytest.mark.parametrize("phrase, expected", [
    ("NPR", "other_media"),
    ("ABC News", "other_media"),
    ("Politico", "other_media"),
    ("RT", "state_media"),
    ("state media", "state_media"),
    ("a senior administration official", "anonymous_official"),
    ("people familiar with the matter", "anonymous_official"),
    ("a spokesman for the company", "other"),
    ("RIA Voronezh", None),            # a regional outlet, not RIA Novosti
])
def test_closed_classes_english(phrase, expected):
    decided = closed_category(phrase, lexicon("en"))
    assert (decided[0] if decided else None) == expected


@pytest.mark.parametrize("word, kind", [
    ("Gewerkschaftschef", "other"), ("VW-Chef", "other"), ("Kreml-Sprecher", "role"),
    ("Regierungssprecher", "role"), ("Unternehmensangaben", "other"), ("Polizeiangaben", "body"),
    ("Hauptverbandes", "other"), ("Parteimitglieder", "anon"),
])
def test_german_compounds_take_the_kind_of_their_owner(word, kind):
    assert lexicon("de").kind(word) == kind


def test_short_quotes_are_names_long_ones_quotations():
    toks = tokenize("Das berichtete die „Automobilwoche“, und „wir bleiben bei unseren Ergebnissen“, sagte er.")
    inside = {t.text for t, d in zip(toks, quote_depth(toks)) if d}
    assert "Automobilwoche" not in inside
    assert {"wir", "bleiben", "Ergebnissen"} <= inside


@pytest.mark.parametrize("language", ["de", "en"])
def test_detection_emissions_equal_those_of_the_listed_training_features(language):
    """Detection sums cached per-word weight vectors over a whole batch; training lists every
    feature. Both must give the same scores, or the model would not see what it learned."""
    import analysis
    from analysis.sentences import split_sentences
    from analysis.sources.text import windows

    from pathlib import Path

    corpus = analysis.load_articles(Path(__file__).parent / "fixtures" / "written_batch1", errors="ignore")
    texts = list(corpus.loc[corpus["language"] == language, "text"])
    assert texts
    model = load_model(language)
    pieces = [(text, tokenize(text, s, e)) for text in texts for s, e in split_sentences(text)]
    long = " ".join(texts)                                 # one piece cut into windows, as detection does
    pieces += [(long, tokenize(long)[a:b]) for a, b in windows(len(tokenize(long)))]
    pieces.insert(1, (texts[0], []))                        # an empty piece keeps its place
    fast = model.extractor.emissions(pieces, model.tagger.crf.weights)
    assert len(fast) == len(pieces)
    for (text, tokens), e in zip(pieces, fast):
        listed = model.tagger.crf.emissions(model.extractor.sentence(text, tokens))
        assert e.shape == listed.shape
        assert np.allclose(e, listed, atol=1e-9)


def test_a_sentence_labellers_read_whole_is_kept_as_a_negative():
    """A sentence with a verb of saying but no annotation is left out of training (the corpus
    may have missed it); once a labeller read it and found nothing, it is kept."""
    from analysis.sources import train as T

    text = ("Die Regierung sagte am Montag, die Gespräche gingen weiter. "
            "Der Verein gab bekannt, dass das Spiel ausfällt. Das Wetter war gut.")
    article = {"id": "x", "text": text, "annotations": []}
    starts = [0, text.index("Der Verein"), text.index("Das Wetter")]
    extractor = load_model("de").extractor
    X, Y, dropped = T.sequences([article], [[]], extractor)
    assert dropped == 2 and len(X) == 1                    # the two unannotated cue sentences left out
    labels = {"x": [{"annotation": "add", "category": "none", "cue_start": str(starts[1] + 11)}]}
    reviewed = T.reviewed_positions([article], labels)
    X, Y, dropped = T.sequences([article], [[]], extractor, reviewed=reviewed)
    assert dropped == 1 and len(X) == 2                    # the reviewed one now teaches "no attribution"
    assert all(tag == "O" for y in Y for tag in y)


def test_possessives_of_two_letter_outlets_are_the_outlet():
    lex = lexicon("en")
    assert closed_category("RT's Anissa Naouai", lex)[0] == "state_media"
    assert closed_category("AP's Julie Pace", lex)[0] == "other_media"
    assert closed_category("CNN’s Jake Tapper", lex)[0] == "other_media"


def test_every_outlet_says_who_controls_it_with_a_reference_to_check():
    from analysis.lexicon import read_tsv

    outlets = read_tsv("outlets.tsv")
    assert outlets["name"].is_unique
    assert (outlets["control"].str.len() > 3).all()
    assert outlets["reference"].str.match(r"https://[a-z]+\.wikipedia\.org/wiki/\S+$|https://\S+$").all()
    assert set(outlets["state"]) == {"yes", "no"} and (outlets["state"] == "yes").sum() >= 10
