"""The lesson is written for students (no code, no answers) and teachers (every answer), in
German and English, from one notebook."""
from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

import analysis
from analysis import classroom
from analysis.lexicon import read_tsv

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "05_classroom.ipynb"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lesson")
    subprocess.run([sys.executable, "-m", "analysis", "report", "--notebooks", str(LESSON), "--out", str(out), "--quiet"],
                   capture_output=True, text=True, timeout=900, check=True)
    return out


def _plain(markup: str) -> str:
    """Text without tags, entities decoded, spaces joined."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def _text(path: Path) -> str:
    return _plain(path.read_text(encoding="utf-8"))


def test_students_get_no_code_and_no_answers_teachers_get_every_answer(written):
    exercises = read_tsv("lesson_exercises.tsv")
    notes = [k for k in ("note_imvain", "note_unnamed", "note_state", "note_when")]
    for lang in ("de", "en"):
        student_html = (written / f"05_classroom_student_{lang}.html").read_text(encoding="utf-8")
        student, teacher = _text(written / f"05_classroom_student_{lang}.html"), _text(written / f"05_classroom_teacher_{lang}.html")
        assert 'class="highlight' not in student_html and "import analysis" not in student   # no code
        assert "teacher version" not in student                                             # nor the notes for teachers
        assert _plain(classroom.text("says_who", lang))[:60] in student
        for reason in exercises[f"reason_{lang}"]:
            assert _plain(reason) not in student and _plain(reason) in teacher
        for key in notes:
            note = _plain(classroom.text(key, lang))
            assert note not in student and note in teacher
        assert "import analysis" not in teacher                                            # teachers need no code either
        # no page of the student version gives away a category: the sentences behind the counts,
        # with the detector's categories, are in the teacher version only
        assert "anonymous_official" not in student and "state_media" not in student
        assert "anonymous_official" in teacher and "state_media" in teacher
    # each language's words are in its own version
    assert "Wer spricht?" in _text(written / "05_classroom_student_de.html")
    assert "Says who?" in _text(written / "05_classroom_student_en.html")
    index = (written / "index.html").read_text(encoding="utf-8")
    assert index.count("(written)") == 4 and "student, Deutsch" in index and "teacher, English" in index


def test_the_exercises_name_sentences_of_the_articles_and_the_detector_is_shown_beside_them(articles):
    attributions = analysis.find_attributions(articles, n_jobs=1)
    ex = classroom.exercises(articles, attributions, "en")
    assert len(ex) == 6 and ex["sentence"].str.len().min() > 30
    # every expected category is one of the spec's, and the detector's finding is given
    names = set(classroom.CATEGORY_NAMES["en"].values())
    assert all(set(e.split(" + ")) <= names for e in ex["expected"])
    assert (ex["detector"] != "—").all()


def test_the_english_version_glosses_the_german_sentences(written):
    english, german = _text(written / "05_classroom_student_en.html"), _text(written / "05_classroom_student_de.html")
    for gloss in read_tsv("lesson_exercises.tsv")["gloss_en"]:
        assert _plain(gloss) in english and _plain(gloss) not in german
    assert "citing unnamed officials" in english
