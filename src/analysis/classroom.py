"""The media-literacy lesson (notebooks/05_classroom.ipynb): its words in German and English
(``data/lesson_text.tsv``), the sentences students classify and their answers
(``data/lesson_exercises.tsv``), and the tables it shows. Cells tagged ``answer`` hold what
only the teacher version shows; the report command writes both versions in both languages."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .lexicon import read_tsv
from .views import html_table

LANGUAGES = ("de", "en")
CATEGORY_NAMES = {
    "de": {"anonymous_official": "anonyme Amtsperson", "named_official": "genannte Amtsperson",
           "state_media": "Staatsmedium", "other_media": "anderes Medium", "expert": "Expertin/Experte",
           "document": "Dokument", "other": "andere"},
    "en": {"anonymous_official": "anonymous official", "named_official": "named official",
           "state_media": "state media", "other_media": "other media", "expert": "expert",
           "document": "document", "other": "other"},
}


@lru_cache(maxsize=1)
def _texts() -> pd.DataFrame:
    return read_tsv("lesson_text.tsv").set_index("key")


def text(key: str, lang: str) -> str:
    """The lesson's words for ``key`` in ``lang`` (``de`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
    return _texts().loc[key, lang]


def show(key: str, lang: str) -> None:
    """Show the lesson's words (the project's own HTML, not data) under a cell."""
    from IPython.display import HTML, display

    display(HTML(f"<p>{text(key, lang)}</p>"))


def heading(key: str, lang: str) -> None:
    """The lesson's words for ``key`` as a heading."""
    from IPython.display import HTML, display

    display(HTML(f"<h2>{text(key, lang)}</h2>"))


def _names(categories: str, lang: str) -> str:
    return " + ".join(CATEGORY_NAMES[lang].get(c.strip(), c.strip()) for c in categories.split("+") if c.strip())


def exercises(articles: pd.DataFrame, attributions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per exercise: the whole sentence as the article has it, the expected answer
    and its reason, and what the detector found in that sentence (cue and source)."""
    rows = []
    for ex in read_tsv("lesson_exercises.tsv").itertuples():
        found = attributions[attributions["article_id"].str.startswith(ex.article)
                             & attributions["sentence"].str.contains(ex.sentence, regex=False)]
        if found.empty:
            sentences = _sentences_with(articles, ex.article, ex.sentence)
            if not sentences:
                raise ValueError(f"lesson_exercises.tsv, exercise {ex.exercise}: no sentence of article "
                                 f"{ex.article}… contains {ex.sentence!r}")
            sentence = sentences[0]
        else:
            sentence = found["sentence"].iloc[0]
        detected = " + ".join(f"{CATEGORY_NAMES[lang][r.category]} ({r.source!r}, {r.cue!r})"
                              for r in found.itertuples()) or "—"
        rows.append({"exercise": int(ex.exercise), "sentence": sentence, "gloss": ex.gloss_en,
                     "expected": _names(ex.answer, lang),
                     "answer": ex.answer, "detector": detected, "reason": getattr(ex, f"reason_{lang}")})
    return pd.DataFrame(rows)


def _sentences_with(articles: pd.DataFrame, article: str, piece: str) -> list[str]:
    from .sentences import sentences

    found = sentences(articles[articles["article_id"].str.startswith(article)])
    return [s for s in found["sentence"] if piece in s]


def quote(articles: pd.DataFrame, key: str, lang: str = "de"):
    """A sentence of the articles to discuss (``data/lesson_quotes.tsv``), as a one-row table
    naming its outlet, glossed in English for the English version; None when these articles
    do not hold it."""
    row = read_tsv("lesson_quotes.tsv").set_index("key").loc[key]
    found = _sentences_with(articles, row["article"], row["sentence"])
    if not found:
        return None
    label = articles.loc[articles["article_id"].str.startswith(row["article"]), "label"].iloc[0]
    shown = {"": [label], " ": [found[0]]}
    if lang == "en":
        shown["English gloss"] = [row["gloss_en"]]
    return html_table(pd.DataFrame(shown))


def worksheet(ex: pd.DataFrame, lang: str):
    """The students' table: each sentence with an empty column to write the answer in."""
    sheet = {text("sentence", lang): ex["exercise"], "": ex["sentence"]}
    if lang == "en":                      # the articles are German: the English version glosses them
        sheet["English gloss"] = ex["gloss"]
    sheet[text("your_answer", lang)] = "_" * 24
    sheet = pd.DataFrame(sheet)
    return html_table(sheet)


def answers(ex: pd.DataFrame, lang: str):
    """The teacher's table: expected answer, what the detector found, and the reason."""
    key = pd.DataFrame({text("sentence", lang): ex["exercise"], text("expected", lang): ex["expected"],
                        text("detector", lang): ex["detector"], text("reason", lang): ex["reason"]})
    return html_table(key, caption=text("answer_heading", lang))


def outlet_facts(names: list[str]) -> pd.DataFrame:
    """Who controls or funds the outlets named, with a page a student can open to check."""
    table = read_tsv("outlets.tsv")
    table = table[table["name"].isin(names)].set_index("name").reindex(names).reset_index()
    return table[["name", "country", "state", "control", "reference"]]


PRINT_STYLE = """<style>
@media print {
  body { font-size: 12pt; }
  .jp-InputArea, .jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
  table { page-break-inside: avoid; }
  td { padding: 0.4em 0.6em; }
}
</style>"""


def print_style() -> None:
    """A print stylesheet, so the student version prints as a worksheet."""
    from IPython.display import HTML, display

    display(HTML(PRINT_STYLE))
