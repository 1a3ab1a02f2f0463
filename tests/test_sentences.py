"""Sentence splitting on German and English news."""
from __future__ import annotations

import pytest

from analysis.sentences import split_sentences


def split(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, n", [
    ("Das Forum findet vom 10. bis 13. September statt. Kim reist an.", 2),
    ("Am 28. Juli 2023 traf er Kim. Danach reiste er ab.", 2),
    ("Der Korea-Experte Jean H. Lee sieht das anders. Er warnt.", 2),
    ("Der Minister (li.) besuchte Kim. Das war im Juli.", 2),
    ("Es geht z. B. um Munition, u.a. Granaten. Auch Raketen.", 2),
    ("Die Kosten liegen bei 3 Mio. Euro. Das ist viel.", 2),
    ("Gesetz Nr. 5 gilt. Abs. 2 nicht.", 2),
    ("„Wir sehen das so. Und wir bleiben dabei“, sagte er. Dann ging er.", 2),
    ("Er sagte: «Wir kommen. Bald.» Danach schwieg er.", 2),
    ('Er sagte: "Wir kommen." Danach schwieg er.', 2),
    ("Zum 70. Jahrestag kam er. Er blieb zwei Tage.", 2),
    ("Er reiste 2019. Dann 2023.", 2),
    ("Was nun? Niemand weiß es! Das ist klar.", 3),
    ("Mr. Smith met U.S. officials in Jan. last year. They talked.", 2),
    ("Erster Absatz ohne Punkt\n\nZweiter Absatz.", 2),
])
def test_boundaries(text, n):
    assert len(split(text)) == n, split(text)


def test_offsets_cover_the_text():
    text = "Erster Satz. Zweiter Satz.\n\nDritter Satz."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Erster Satz.", "Zweiter Satz.", "Dritter Satz."]
