"""The words dates are written with, read from the package's data files (months.tsv,
date_words.tsv) so a teacher can add a spelling without touching code."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import read_tsv

WEEKDAYS = {
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
# Seasons as TimeML writes them: SP spring (Mar-May), SU summer, FA autumn, WI winter (Dec-Feb).
SEASONS = {
    "de": {"frühjahr": "SP", "frühling": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI"},
    "en": {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"},
}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
ORDINALS = {
    "de": {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "1.": 1, "2.": 2, "3.": 3, "4.": 4},
    "en": {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4},
}
NUMBERS = {
    "de": {"einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
           "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30},
    "en": {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30},
}
# Verbs and words that put a sentence in the future (the next Monday) or the past (the last one):
# the word lists are in tense_words.tsv; the two grammatical rules are here.
# ("ist … kompliziert" is an adjective: -iert counts after hat/haben only)
_GERMAN_PERFECT = r"\b(?:hat|haben)\b.*\b(?:ge\w{3,}(?:t|en)|\w{3,}iert)\b|\b(?:ist|sind)\b.*\bge\w{3,}(?:t|en)\b"
# ("will be decided", "are invested": a participle after be/is/are is not the past tense)
_ENGLISH_ED = r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )(?<!\bam )(?!{not_past})[a-z]\w{{2,}}ed"


def _tense_words() -> tuple[dict, dict]:
    table = read_tsv("tense_words.tsv")
    words = {(r.language, r.tense): r.words for r in table.itertuples()}
    future = {lang: re.compile(rf"\b(?:{words[lang, 'future']})\b", re.I) for lang in ("de", "en")}
    past = {
        "de": re.compile(rf"\b(?:{words['de', 'past']})\b|{_GERMAN_PERFECT}"),
        "en": re.compile(rf"\b(?:{words['en', 'past']}|{_ENGLISH_ED.format(not_past=words['en', 'not_past'])})\b"),
    }
    return future, past


FUTURE, PAST = _tense_words()


@lru_cache(maxsize=4)
def months(language: str) -> dict[str, int]:
    table = read_tsv("months.tsv")
    rows = table[table["language"].isin([language, "any"])]
    return {str(n).lower().rstrip("."): int(m) for n, m in zip(rows["name"], rows["month"])}


@lru_cache(maxsize=4)
def month_names(language: str) -> list[str]:
    table = read_tsv("months.tsv")
    return list(table.loc[table["language"].isin([language, "any"]), "name"])


@lru_cache(maxsize=4)
def phrases(language: str) -> dict[str, tuple[str, int, str]]:
    """phrase (lower case) -> (unit, shift, kind) from date_words.tsv."""
    table = read_tsv("date_words.tsv")
    out = {}
    for row in table[table["language"] == language].itertuples():
        for phrase in row.phrases.split("|"):
            if phrase.strip():
                out[phrase.strip().lower()] = (row.unit, int(row.shift), row.kind)
    return out


def trie_alternation(words) -> str:
    """The same alternation as :func:`alternation`, with common beginnings written once
    ("vor(?:jahr(?:es)?|gestern)"): the regex engine then follows the text down one branch
    instead of trying every word at every position. At each branch the longer continuation
    is tried first, so the longest word that fits wins, as in :func:`alternation`."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for unit in re.split(r"( +)", word):
            for ch in ([r"\s+"] if unit.startswith(" ") else [re.escape(c) for c in unit]):
                node = node.setdefault(ch, {})
        node[""] = {}

    def regex(node: dict) -> str:
        branches = [ch + regex(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return regex(trie)


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (so "Vorjahres" wins over "Vorjahr")."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
