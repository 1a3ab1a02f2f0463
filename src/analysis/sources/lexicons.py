"""The word lists the source detector reads, for one language.

Every list is a TSV file in ``analysis/data`` that a teacher can open and extend:
``cues_<lang>.tsv`` (words that attribute), ``sources_<lang>.tsv`` (what kind of source a
word names: role, body, media, expert, document, other ...), ``outlets.tsv`` (news outlets,
with the state-control column), ``organisations.tsv`` (well-known bodies, companies, NGOs,
institutes), ``state_media_markers.tsv`` and ``places.tsv`` (countries and capitals that
speak for their governments). The learned models use them as features; the closed classes
(outlets, state media, unnamed officials) are decided by them directly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


from ..lexicon import DATA_DIR, outlet_table, read_tsv, split_aliases
from .text import TOKEN, Token, tokenize

LANGUAGES = ("de", "en")
# kinds of a compound's modifier that own the role in its tail ("Gewerkschafts|chef")
OWNER_KINDS = {"other", "media", "expert"}
_STEMMER_NAMES = {"de": "german", "en": "english"}
# Words that never carry a source alone: auxiliaries and modals are no cues.
AUXILIARIES = {
    "de": {"hat", "hatte", "hatten", "haben", "habe", "ist", "war", "waren", "sind", "sei", "wird",
           "wurde", "wurden", "werden", "worden", "kann", "könnte", "soll", "sollte", "muss", "will",
           "es", "sich", "auch", "noch", "bereits", "schon", "zuvor", "dabei", "daraufhin"},
    "en": {"has", "had", "have", "is", "was", "were", "are", "be", "been", "being", "will",
           "would", "can", "could", "should", "may", "might", "must", "do", "does", "did", "also",
           "not", "it", "there"},
}
PRONOUNS = {
    "de": {"er", "sie", "wir", "ich", "man"},
    "en": {"he", "she", "they", "we", "i"},
}
RELATIVES = {
    "de": {"der", "die", "das", "dem", "den", "denen", "dessen", "deren", "welcher", "welche", "welches"},
    "en": {"who", "which", "that", "whom", "whose"},
}
DETERMINERS = {
    "de": {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einem", "einen", "einer", "eines"},
    "en": {"the", "a", "an"},
}
INDEFINITE = {"ein", "eine", "einem", "einen", "einer", "eines", "a", "an", "one", "some", "several",
              "many", "einige", "mehrere", "viele", "zahlreiche", "two", "three", "zwei", "drei"}
KONJUNKTIV = {"habe", "hätte", "hätten", "sei", "seien", "wäre", "wären", "werde", "würde", "würden",
              "könne", "müsse", "solle", "wolle", "dürfe", "gebe", "gehe", "stehe", "liege"}
TITLES = {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt",
          "herr", "frau", "st", "rev"}
# Unnamed people: "nicht namentlich genannte Beamte", "officials who spoke on condition of anonymity".
ANONYMISERS = re.compile(
    r"\b(?:nicht\s+(?:namentlich\s+)?genannt\w*|ungenannt\w*|anonym\w*|namentlich\s+nicht\s+genannt\w*|"
    r"unnamed|anonymous|familiar\s+with|close\s+to|briefed\s+on|not\s+(?:authorized|authorised)|"
    r"declined\s+to\s+be\s+(?:named|identified)|on\s+condition\s+of\s+anonymity)\b",
    re.I,
)
PARTY_TAG = re.compile(
    r"\((?:CDU|CSU|SPD|FDP|Grüne|Grünen|Linke|AfD|BSW|ÖVP|SPÖ|FPÖ|NEOS|SVP|PDS|NPD|[RDI]-[A-Z][\w.]*|[RDI])\)"
    r"|\b[RDI]-[A-Z][a-z]+\.?(?=[,)\s])|\b(?:Sen|Rep|Gov|Sens|Reps)\.\s"
)


@dataclass
class Lexicon:
    """Lookups for one language; built once per process from the TSV files."""

    language: str
    source_kind: dict = field(default_factory=dict)      # word form -> kind
    compound_tail: dict = field(default_factory=dict)    # German compound tails -> kind
    source_phrases: dict = field(default_factory=dict)   # multi-word forms -> kind
    cue_words: dict = field(default_factory=dict)        # every word of a cue form -> cue kind
    cue_stems: set = field(default_factory=set)          # stems of the lexicon's cue verbs
    particles: dict = field(default_factory=dict)        # verb form -> particles it needs ("gab": bekannt, an)
    standalone_cues: set = field(default_factory=set)    # function words that attribute alone ("laut", "so")
    cue_nouns: set = field(default_factory=set)          # "nach Angaben", "unter Berufung": the noun
    outlets: dict = field(default_factory=dict)          # spelling -> (canonical, is_state)
    organisations: dict = field(default_factory=dict)    # spelling -> (canonical, category)
    places: dict = field(default_factory=dict)           # spelling -> country
    persons: dict = field(default_factory=dict)          # spelling -> (canonical, category)
    state_markers: tuple = ()
    stopwords: frozenset = frozenset()
    names: "PhraseIndex | None" = None                   # outlets, organisations, places, persons
    _kinds: dict = field(default_factory=dict, repr=False)
    _closed: dict = field(default_factory=dict, repr=False)     # phrase -> closed_matches(phrase)
    _state_marker: "re.Pattern | None" = field(default=None, repr=False)
    phrases: "PhraseIndex | None" = None                 # multi-word source phrases

    def stem(self, word: str) -> str:
        return _stem(self.language, word)

    def kind(self, word: str) -> str | None:
        """The source kind of a word: exact form, else (German) from its compound parts.

        The tail names the role ("…sprecher", "…chef", "…angaben"); a modifier that names
        a company, union, outlet or institute decides whose role it is: "Gewerkschaftschef"
        and "VW-Chef" are ``other``, "Senderchef" ``media``, "Unternehmensangaben" ``other``,
        "Polizeiangaben" ``body``; "Regierungssprecher" stays a ``role``.
        """
        if word in self._kinds:
            return self._kinds[word]
        low = word.lower()
        kind = self.source_kind.get(low)
        if kind is None and self.language == "de":
            kind = self._compound_kind(word, low)
            if kind is None:
                # case endings the lists do not spell out: "Hauptverbandes", "Vertretern"
                bare = _ENDING.sub("", low)
                if bare != low and len(bare) > 3:
                    kind = self.source_kind.get(bare) or self._compound_kind(word[:len(bare)], bare)
        if len(self._kinds) < 500_000:
            self._kinds[word] = kind
        return kind

    def _compound_kind(self, word: str, low: str) -> str | None:
        if len(low) < 6:
            return None
        for i in range(1, len(low) - 3):
            tail = low[i:].lstrip("-")
            kind = self.compound_tail.get(tail)
            if kind is not None:
                modifier = self._modifier_kind(word[:i].rstrip("-"))
                if modifier in OWNER_KINDS and kind in ("role", "anon", "member"):
                    return modifier
                if kind == "member" and modifier in ("body", "place", "role", "anon"):
                    return "anon"                       # "Parteimitglieder", "Ministeriumsmitarbeiter"
                if modifier and kind == "channel":      # "Polizeiangaben", "Unternehmensangaben"
                    return modifier if modifier not in ("place", "role") else "body"
                return kind
        return None

    def _modifier_kind(self, modifier: str) -> str | None:
        if len(modifier) < 2:
            return None
        for name in (modifier, modifier.rstrip("s")):
            if name in self.organisations:
                return {"named_official": "body", "expert": "expert", "other": "other"}[self.organisations[name][1]]
            if name in self.outlets:
                return "media"
            if name in self.places:
                return "place"
            low = name.lower()
            kind = self.source_kind.get(low)
            if kind is not None and len(low) > 3:
                return kind
        return None

    def closed_matches(self, text: str, tokens: list[Token] | None = None) -> list[tuple[int, int, str, str]]:
        """Outlets, organisations, places and persons named in ``text``: (start, end, type, value).

        type is ``state``/``outlet`` (value: canonical outlet), ``org:<category>`` (value:
        canonical name), ``place`` (value: country code) or ``person:<category>``.
        ``tokens`` (of ``text``, offsets into it) saves tokenising again.
        """
        if self.names is None:
            return []
        if tokens is None and len(text) <= 200:
            # source phrases repeat ("Sprecher", "the official"): look each up once
            found = self._closed.get(text)
            if found is None:
                found = self.closed_matches(text, tokenize(text))
                if len(self._closed) < 100_000:
                    self._closed[text] = found
            return list(found)
        tokens = tokenize(text) if tokens is None else tokens
        return [(tokens[i].start, tokens[j - 1].end, *value) for i, j, value in self.names.find(tokens)]

    def phrase_matches(self, text: str, tokens: list[Token] | None = None) -> list[tuple[int, int, str]]:
        """Multi-word source phrases ("offizielle Stellen", "people familiar"): (start, end, kind)."""
        if self.phrases is None:
            return []
        tokens = tokenize(text) if tokens is None else tokens
        return [(tokens[i].start, tokens[j - 1].end, kind) for i, j, kind in self.phrases.find(tokens)]

    def has_state_marker(self, phrase: str) -> bool:
        if self._state_marker is None:     # one pattern for all markers, built on first use
            self._state_marker = re.compile(
                r"(?<![\w-])(?:" + "|".join(re.escape(m) for m in self.state_markers) + ")" if self.state_markers else r"(?!)")
        return self._state_marker.search(phrase.lower()) is not None


@lru_cache(maxsize=None)
def _stemmer(language: str):
    # imported here: importing nltk loads scipy and scikit-learn (about 0.8 s and 100 MB), which
    # loading, counting and dates never need
    from nltk.stem.snowball import SnowballStemmer   # pure Python: needs no downloaded data
    return SnowballStemmer(_STEMMER_NAMES.get(language, "german"))


@lru_cache(maxsize=200_000)
def _stem(language: str, word: str) -> str:
    return _stemmer(language).stem(word.lower())


_ENDING = re.compile(r"(?:en|es|e|n|s|r|m)$")


class PhraseIndex:
    """Multi-token names and phrases found by dictionary lookup over tokens (no big regex).

    German names take case endings ("der Koreanischen Zentralen Nachrichtenagentur"), so in
    German multi-word entries are keyed by their words without endings, and one-word entries
    also match with a genitive -s ("des Kremls", "Russlands").
    """

    def __init__(self, language: str, case_sensitive: bool = True):
        self.language = language
        self.case_sensitive = case_sensitive
        self.entries: dict[tuple, object] = {}
        self.lengths: dict[str, list[int]] = {}
        # per word form: (form inside multi-word entries, their lengths, one-word match or None)
        self._words: dict[str, tuple] = {}

    def _norm(self, word: str, multi: bool) -> str:
        word = word if self.case_sensitive else word.lower()
        if multi and self.language == "de" and word[:1].isalpha() and len(word) > 3:
            return _ENDING.sub("", word)
        return word

    def _word(self, word: str) -> tuple:
        """What a word form can start, cached: lookups per token become one dictionary get."""
        info = self._words.get(word)
        if info is None:
            single, multi = self._norm(word, False), self._norm(word, True)
            lengths = tuple(n for n in self.lengths.get(multi, ()) if n > 1)
            value = self.entries.get((single,)) if single in self.lengths else None
            if value is None and single[:1].isupper():
                value = self._genitive(single)
            info = (multi, lengths, value)
            if len(self._words) < 500_000:
                self._words[word] = info
        return info

    def add(self, phrase: str, value) -> None:
        words = TOKEN.findall(phrase)
        if not words:
            return
        multi = len(words) > 1
        key = tuple(self._norm(w, multi) for w in words)
        if key in self.entries:
            return
        self.entries[key] = value
        self._words.clear()
        lengths = self.lengths.setdefault(key[0], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)

    def find(self, tokens: list[Token]) -> list[tuple[int, int, object]]:
        """Longest matches, left to right: (first token, end token, value)."""
        word, known = self._word, self._words.get
        info = [known(t.text) or word(t.text) for t in tokens]
        out, i, n, entries = [], 0, len(tokens), self.entries
        while i < n:
            _, lengths, value = info[i]
            hit = None
            for length in lengths:
                if length <= n - i:
                    found = entries.get(tuple(x[0] for x in info[i:i + length]))
                    if found is not None:
                        hit = (i, i + length, found)
                        break
            if hit is None and value is not None:
                hit = (i, i + 1, value)
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    def _genitive(self, word: str):
        for suffix in ("'s", "’s", "s"):
            # "RT's", "AP's": an apostrophe marks a possessive even of a two-letter name;
            # a bare German -s needs a longer stem ("Ass" is not "As")
            if word.endswith(suffix) and len(word) - len(suffix) >= (2 if suffix != "s" else 3):
                if suffix == "s" and self.language != "de":
                    continue
                value = self.entries.get((self._norm(word[:-len(suffix)], False),))
                if value is not None:
                    return value
        return None


def function_words(language: str) -> frozenset[str]:
    """Closed-class words, never cues or sources. Not the news stopwords of term counts, which
    hold "sagte" and "laut", nor the stop-words package's long English list ("said")."""
    if language == "en":
        return frozenset(read_tsv("function_words_en.tsv")["word"].str.lower())
    from stop_words import get_stop_words

    return frozenset(w.lower() for w in get_stop_words(language))


def _forms(cell: str) -> list[str]:
    return [f.strip().lower() for f in cell.split(",") if f.strip()]


def _read_optional(name: str):
    return read_tsv(name) if (DATA_DIR / name).exists() else None


@lru_cache(maxsize=None)
def lexicon(language: str, extra_cues: str | None = None, extra_sources: str | None = None) -> Lexicon:
    """The lexicon for ``language`` (``de`` or ``en``), with optional user TSV additions."""
    if language not in LANGUAGES:
        raise ValueError(f"no source lexicon for language {language!r}; have {', '.join(LANGUAGES)}")
    lex = Lexicon(language)
    sources = [read_tsv(f"sources_{language}.tsv")] + ([read_tsv(Path(extra_sources))] if extra_sources else [])
    for table in sources:
        for row in table.itertuples():
            for form in _forms(row.forms):
                if " " in form:
                    lex.source_phrases.setdefault(form, row.kind)
                else:
                    lex.source_kind.setdefault(form, row.kind)
                    if getattr(row, "compound", "") == "yes" and len(form) >= 4:
                        lex.compound_tail.setdefault(form, row.kind)
    cues = [read_tsv(f"cues_{language}.tsv")] + ([read_tsv(Path(extra_cues))] if extra_cues else [])
    for table in cues:
        # a word's own row decides its kind ("said": verb), not a phrase it occurs in ("reports said")
        for row in table.itertuples():
            for form in _forms(row.forms):
                if " " not in form:
                    lex.cue_words.setdefault(form, row.kind)
    for table in cues:
        for row in table.itertuples():
            for form in _forms(row.forms):
                for word in form.split():
                    lex.cue_words.setdefault(word, row.kind)
                if row.kind in ("verb", "quote", "agentive"):
                    lex.cue_stems.add(_stem(language, form.split()[0]))
                words = form.split()
                if row.kind in ("before", "after", "so") and len(words) == 1:
                    lex.standalone_cues.add(words[0])
                elif row.kind == "before":
                    lex.cue_nouns.update(w for w in words[1:] if w not in ("auf", "aus", "es", "to", "by"))
                particle = (getattr(row, "particle", "") or "").strip().lower()
                if row.kind == "verb" and len(words) == 1:
                    lex.particles.setdefault(words[0], set()).add(particle)
    for row in outlet_table().itertuples():
        for alias in [row.name, *split_aliases(row.aliases)]:
            lex.outlets.setdefault(alias, (row.name, row.state == "yes"))
    orgs = _read_optional("organisations.tsv")
    if orgs is not None:
        for row in orgs.itertuples():
            for alias in [row.name, *split_aliases(row.aliases)]:
                if alias not in lex.outlets:
                    lex.organisations.setdefault(alias, (row.name, row.category))
    for row in read_tsv("places.tsv").itertuples():
        for name in split_aliases(row.names):
            lex.places.setdefault(name, row.country)
    for row in read_tsv("persons.tsv").itertuples():
        names = split_aliases(row.names)
        for name in names:
            lex.persons.setdefault(name, (names[0], row.category))
    markers = read_tsv("state_media_markers.tsv")
    lex.state_markers = tuple(markers["marker"].str.lower())
    lex.stopwords = function_words(language)
    lex.names = PhraseIndex(language)
    for name, (canonical, state) in lex.outlets.items():
        lex.names.add(name, ("state" if state else "outlet", canonical))
    for name, (canonical, category) in lex.organisations.items():
        lex.names.add(name, ("org:" + category, canonical))
    for name, country in lex.places.items():
        lex.names.add(name, ("place", country))
    for name, (canonical, category) in lex.persons.items():
        lex.names.add(name, ("person:" + category, canonical))
    lex.phrases = PhraseIndex(language, case_sensitive=False)
    for phrase, kind in lex.source_phrases.items():
        lex.phrases.add(phrase, kind)
    return lex
