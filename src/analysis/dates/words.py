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
# Verbs and words that put a sentence in the future (the next Monday) or the past (the last one).
FUTURE = {
    "de": re.compile(r"\b(?:wird|werden|wirst|will|wollen|soll|sollen|plant|planen|geplant\w*|kommend\w*|nächst\w*|"
                     r"bevorstehend\w*|künftig\w*|morgen|voraussichtlich)\b", re.I),
    "en": re.compile(r"\b(?:will|won't|is to|are to|scheduled|plans? to|plan to|planning|planned|expected|expects?|next(?! to\b)|upcoming|"
                     r"set to|tomorrow|due to|is going to|are going to)\b", re.I),
}
PAST = {
    "de": re.compile(r"\b(?:war|waren|wurde|wurden|hatte|hatten|sagte|sagten|erklärte|erklärten|teilte|teilten|"
                     r"berichtete|berichteten|kam|kamen|gab|gaben|ging|gingen|fand|fanden|starb|starben|stand|"
                     r"standen|traf|trafen|begann|begannen|fiel|fielen|stieg|stiegen|lag|lagen|verlor|verloren|"
                     r"gewann|gewannen|ereignete)\b|\b(?:hat|haben|ist|sind)\b.*\b(?:ge\w{3,}(?:t|en)|\w{3,}iert)\b"),
    "en": re.compile(r"\b(?:was|were|had|did|said|told|went|came|took|gave|made|saw|began|fell|rose|won|lost|met|"
                     r"left|held|ago|(?!need|speed|indeed|proceed|scheduled|planned|expected)[a-z]\w{2,}ed)\b"),
}


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
