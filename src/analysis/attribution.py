"""Find attributions (who says what) in news text and put each source in a category.

An attribution is a *cue* ("laut", "zufolge", "unter Berufung auf", "sagte", "according
to", "said" ...) linked to the *source* it names. The categories and the rules for hard
cases are those of ``source-categories.md``. The rules here are general and lexicon
driven; every list they use is a TSV file in ``analysis/data`` that a teacher can read
and extend, and users can pass their own additions (:class:`Lexicon`).

How a sentence is read:

1. Long quotations are blanked out, so words inside a quote are neither cues nor sources.
2. Source *mentions* are found: outlets, media words, unnamed officials, roles with or
   without a person's name, institutions, countries and capitals, experts, documents,
   others, pronouns, and people the article introduced earlier with their role.
3. *Cues* are found and each is linked to the mention(s) it attributes to: the phrase
   after "laut", the phrase before "zufolge", the subject of a reporting verb (before
   it, or after it in inverted order), both ends of "KCNA zitierte Kim", and so on.
4. Pronouns and role nouns without a name ("sagte er", "forderte der Minister") take the
   category of the nearest fitting source before them in the article.
5. A reporting verb inside reported speech (Konjunktiv after another cue: "KCNA
   berichtete, Putin habe ... bekräftigt") is not an attribution of the outlet (rule 3).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .lexicon import outlet_table, read_tsv, split_aliases
from .sentences import split_sentences
from .tokens import _language

CATEGORIES = [
    "anonymous_official", "named_official", "state_media", "other_media",
    "expert", "document", "other",
]
OUTPUT_COLUMNS = [
    "article_id", "outlet", "sentence_id", "sentence", "start", "end", "category", "source",
    "cue", "how", "source_start", "source_end", "cue_start", "cue_end",
]

TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*\.?(?<=\w\.)(?=\s[a-zäöü])|\w+(?:[-'’.]\w+)*|[^\w\s]")
PREPOSITIONS = {
    "de": {"in", "im", "ins", "mit", "von", "vom", "aus", "bei", "beim", "für", "über", "zu", "zum",
           "zur", "nach", "an", "am", "auf", "gegen", "zwischen", "unter", "vor", "seit", "durch",
           "um", "ohne", "trotz", "wegen", "hinter", "neben", "bis", "innerhalb", "außerhalb",
           "gegenüber", "seitens", "vonseiten", "laut", "zufolge", "dank"},
    "en": {"in", "of", "with", "from", "by", "for", "about", "to", "at", "on", "between",
           "against", "into", "over", "under", "after", "before", "during", "without", "than",
           "like", "as", "toward", "towards", "near", "per", "citing", "according"},
}
ARTICLES = {
    "de": {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einem", "einen", "einer",
           "eines", "sein", "seine", "seinem", "seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer",
           "dieser", "diese", "diesem", "dieses", "jener", "beide", "beiden", "mehrere", "einige",
           "viele", "zahlreiche", "andere", "anderen"},
    "en": {"the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those",
           "several", "some", "many", "other", "two", "three", "both"},
}
INDEFINITE = {"ein", "eine", "einem", "einen", "einer", "eines", "a", "an", "one", "mehrere",
              "einige", "several", "some", "many", "viele", "zahlreiche"}
ANONYMISERS = re.compile(
    r"\b(?:nicht\s+(?:namentlich\s+)?genannt\w*|ungenannt\w*|anonym\w*|namentlich\s+nicht\s+genannt\w*|"
    r"unnamed|anonymous|not\s+(?:authorized|authorised)|on\s+condition\s+of\s+anonymity)\b",
    re.I,
)
KONJUNKTIV = {"habe", "hätte", "hätten", "sei", "seien", "wäre", "wären", "werde", "würde",
              "würden", "könne", "müsse", "solle", "wolle", "dürfe", "gebe", "gehe", "stehe", "liege"}
PASSIVE_AUX = {"wurde", "wurden", "wird", "werden", "worden", "werde", "würde", "würden",
               "was", "were", "been", "being", "is", "are"}
CLAUSE_BREAK = re.compile(r"[,;:–—()]|\b(?:dass|ob|weil|obwohl|während|nachdem|that|whether|because|while|aber|but|sondern)\b")
SUBORDINATORS = {"dass", "ob", "weil", "obwohl", "wie", "als", "nachdem", "während", "that",
                 "whether", "because", "as", "while"}
# English proper names of institutions and outlets not in the lexicon:
# "the National Weather Service", "the California Department of Forestry and Fire Protection"
# are bodies; "Al-Qahera News TV", "the Boston Globe" are outlets.
_CAPS = r"(?:[A-Z][\w.'’&-]*\s+)"
_OF_NAME = r"(?:\s+of(?:\s+the)?(?:\s+(?:[A-Z][\w'’-]+|and|for))+)"
INSTITUTION_EN = re.compile(
    r"(?<![\w-])(?!The\s)" + _CAPS + r"{0,5}"
    r"(?:Department|Ministry|Service|Agency|Office|Commission|Council|Bureau|Authority|Administration|"
    r"Command|Court|Guard|Corps|Police|Directorate|Committee)" + _OF_NAME + r"?(?![\w-])"
)
OUTLET_NAME_EN = re.compile(
    r"(?<![\w-])(?!The\s)" + _CAPS + r"{1,4}"
    r"(?:News(?:\s+(?:Agency|TV|Network|Service|Channel))?|TV|Television|Radio|Times|Post|Herald|Tribune|"
    r"Journal|Gazette|Telegraph|Broadcasting(?:\s+[A-Z]\w+)?)(?![\w-])"
)
# after an inverted English subject ("said the official ..."), a lower-case word that is not
# a preposition or time word starts the reported clause: "said Washington was ..."
_EN_CLAUSE_AFTER_SUBJECT = re.compile(r"\s+(?!(?:%s)\b)[a-z]" % "|".join(
    sorted(PREPOSITIONS["en"] | {"earlier", "later", "last", "late", "yesterday", "today"})))
INVERTING_EN = {"said", "says", "added", "wrote", "writes", "noted", "asked", "continued", "explained", "told"}


# ---------------------------------------------------------------- lexicon

@dataclass(frozen=True)
class Lexicon:
    """All word lists the detector uses, for one language.

    Built from the package's TSV files; pass ``extra_*`` paths (same columns) to
    :func:`find_attributions` to add your own.
    """

    language: str
    cues: pd.DataFrame
    sources: pd.DataFrame
    places: dict
    persons: dict
    state_markers: tuple
    outlets: dict

    @classmethod
    def load(cls, language: str, extra_cues=None, extra_sources=None) -> "Lexicon":
        cues = read_tsv(f"cues_{language}.tsv")
        sources = read_tsv(f"sources_{language}.tsv")
        if extra_cues:
            cues = pd.concat([cues, read_tsv(Path(extra_cues))], ignore_index=True)
        if extra_sources:
            sources = pd.concat([sources, read_tsv(Path(extra_sources))], ignore_index=True)
        places = {}
        for row in read_tsv("places.tsv").itertuples():
            for name in split_aliases(row.names):
                places[name] = row.country
        persons = {}
        for row in read_tsv("persons.tsv").itertuples():
            names = split_aliases(row.names)
            for name in names:
                persons[name] = (names[0], row.category, row.role)
        markers = read_tsv("state_media_markers.tsv")
        outlets = {}
        for row in outlet_table().itertuples():
            for alias in [row.name, *split_aliases(row.aliases)]:
                outlets[alias] = (row.name, row.state == "yes")
        return cls(language, cues, sources, places, persons,
                   tuple(markers["marker"].str.lower()), outlets)


@lru_cache(maxsize=8)
def default_lexicon(language: str) -> Lexicon:
    return Lexicon.load(language)


_COMPILED: dict[int, dict] = {}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


def _inflectable(name: str, language: str) -> str:
    """Regex for a multi-word name whose words may take German case endings."""
    words = name.split()
    if language != "de" or len(words) == 1:
        return re.escape(name)
    return r"\s+".join(re.escape(w) + r"(?:n|en|s|es)?" for w in words)


def _compile(lex: Lexicon) -> dict:
    key = id(lex)
    if key in _COMPILED:
        return _COMPILED[key]
    c: dict = {}
    # single-word source forms, exact and as compound tails; multi-word forms as phrases
    exact, tails, phrases = {}, {}, {}
    for row in lex.sources.itertuples():
        for form in (f.strip().lower() for f in row.forms.split(",")):
            if not form:
                continue
            if " " in form:
                phrases.setdefault(form, row.kind)
            else:
                exact.setdefault(form, row.kind)
                if row.compound == "yes" and len(form) >= 4:
                    tails.setdefault(form, row.kind)
    c["exact"], c["tails"] = exact, tails
    c["phrases"] = re.compile(r"(?<![\w-])(?:" + _alt(phrases) + r")(?![\w-])", re.I) if phrases else None
    c["phrase_kind"] = phrases
    outlet_pattern = "|".join(
        _inflectable(n, lex.language) for n in sorted(lex.outlets, key=len, reverse=True)
    )
    c["outlets"] = re.compile(r"(?<![\w-])(?:" + outlet_pattern + r")(?![\w])")
    c["outlet_lookup"] = {_outlet_key(k): v for k, v in lex.outlets.items()}
    c["places"] = re.compile(r"(?<![\w-])(?P<name>" + _alt(lex.places) + r")(?P<gen>s|['’]s)?(?![\w-])")
    # cues
    verb_forms: dict[str, list] = {}
    phrase_cues = []
    for row in lex.cues.itertuples():
        forms = [f.strip() for f in row.forms.split(",") if f.strip()]
        if row.kind in ("verb", "quote", "agentive", "hiess"):
            for form in forms:
                if " " in form:
                    phrase_cues.append((form, row.kind, row.cue, row.particle))
                else:
                    verb_forms.setdefault(form.lower(), []).append((row.kind, row.cue, row.particle))
        else:
            phrase_cues.extend((form, row.kind, row.cue, row.particle) for form in forms)
    c["verbs"] = verb_forms
    phrase_cues.sort(key=lambda p: -len(p[0]))
    c["phrase_cues"] = [
        (re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, form.split())) + r"(?![\w-])", re.I), kind, cue, particle)
        for form, kind, cue, particle in phrase_cues
    ]
    c["markers"] = lex.state_markers
    _COMPILED[key] = c
    return c


# ---------------------------------------------------------------- data classes

@dataclass
class Mention:
    start: int
    end: int
    kind: str          # outlet media anon role body place person expert document other pronoun
    text: str
    head: str = ""     # the word that made it a mention (lower case)
    name: str | None = None
    state: bool = False
    definite: bool | None = None
    bound: bool = False      # inside a prepositional phrase or another mention
    absorbed: bool = False   # part of a larger mention
    genitive: bool = False
    owner: "Mention | None" = None   # "Bericht der NYT": the NYT


@dataclass
class Cue:
    start: int
    end: int
    kind: str
    text: str
    particle_end: int | None = None


@dataclass
class Context:
    """What the article has said so far: people with their roles, earlier sources."""

    people: dict = field(default_factory=dict)     # alias -> (name, category, role)
    sources: list = field(default_factory=list)    # (category, kind, head, name) in order
    _pattern: tuple = (0, None)                    # (len(people) it was built for, regex)

    def people_pattern(self, lex: "Lexicon") -> tuple[dict, re.Pattern]:
        """Lexicon persons plus those learned so far, compiled once per change, not per sentence."""
        people = {**lex.persons, **self.people}
        if self._pattern[0] != len(people) or self._pattern[1] is None:
            regex = re.compile(r"(?<![\w-])(?P<name>" + _alt(people) + r")(?P<gen>s|['’]s)?(?![\w-])")
            self._pattern = (len(people), regex)
        return people, self._pattern[1]


# ---------------------------------------------------------------- helpers

def mask_quotes(sentence: str) -> str:
    """Blank out quotations of four or more words (or with punctuation inside).

    Short quoted names („New York Times“, «Washington Post») stay readable.
    """
    def blank(m: re.Match) -> str:
        inner = m.group(2)
        if len(inner.split()) >= 4 or re.search(r"[.,!?;:]", inner):
            return m.group(1) + " " * len(inner) + m.group(3)
        return m.group(0)

    return re.sub(r"([„“\"«»])([^„“”\"«»]{1,2000}?)([“”\"»«])", blank, sentence)


def mask_parentheticals(sentence: str) -> str:
    """Blank out short parentheticals of up to three words ("(ISW)", "(„NYT“)")."""
    return re.sub(r"\([^()]{1,40}\)", lambda m: " " * len(m.group()) if len(m.group().split()) <= 3 else m.group(), sentence)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+(?:[-'’.]\w+)*|[^\w\s]", text)]


def _is_cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _name_words(lex: Lexicon, text: str, pos: int, stop: set) -> tuple[int, int] | None:
    """A person's name starting at ``pos`` (after white space): 1-4 capitalised words."""
    m = re.match(
        r"\s+((?:(?:[A-ZÄÖÜ][\w'’-]*|[A-Z]\.)\s+){0,3}(?:[A-ZÄÖÜ][\w'’]*(?:-[\w'’]+)*))",
        text[pos:],
    )
    if not m:
        return None
    words = m.group(1).split()
    keep = []
    c = _compile(lex)
    for w in words:
        lw = w.lower().rstrip(".")
        if lw in stop or lw in c["exact"] or lw in c["verbs"] or _tail_kind(c, lw):
            break
        keep.append(w)
    if not keep:
        return None
    start = pos + m.start(1)
    # the kept words may be separated by any white space: measure the span on the text
    span = re.match(r"\s*" + r"\s+".join(map(re.escape, keep)), text[start:])
    return start, start + span.end()


def _tail_kind(c: dict, word: str) -> str | None:
    for i in range(1, max(1, len(word) - 3)):
        tail = word[i:].lstrip("-")
        if tail in c["tails"]:
            kind = c["tails"][tail]
            if kind == "role" and _starts_with_other(c, word[:i]):
                return "other"            # "Bahnsprecherin", "Konzernchef": a company's people
            return kind
    return None


def _starts_with_other(c: dict, prefix: str) -> bool:
    """Is a compound's first part an "other" word ("konzern-", "unternehmens", "verbands")?"""
    prefix = prefix.rstrip("-")
    return any(c["exact"].get(prefix[: len(prefix) - len(cut)] if cut else prefix) == "other"
               for cut in ("", "s", "es", "n", "en") if prefix.endswith(cut))


def _stopwords(language: str) -> set:
    from .terms import stopword_set

    return stopword_set(language)


# ---------------------------------------------------------------- mentions

def find_mentions(sentence: str, lex: Lexicon, ctx: Context) -> list[Mention]:
    """Every possible source mention in a (quote-masked) sentence."""
    c = _compile(lex)
    lang = lex.language
    stop = _stopwords(lang)
    found: list[Mention] = []

    for m in c["outlets"].finditer(sentence):
        key = _outlet_key(m.group())
        name, state = c["outlet_lookup"].get(key) or (m.group(), False)
        found.append(Mention(m.start(), m.end(), "outlet", m.group(), head=name, name=name, state=state))
    if c["phrases"]:
        for m in c["phrases"].finditer(sentence):
            kind = c["phrase_kind"][m.group().lower()]
            found.append(Mention(m.start(), m.end(), kind, m.group(), head=m.group().lower()))
    for m in c["places"].finditer(sentence):
        found.append(Mention(m.start(), m.end(), "place", m.group(), head=m.group("name"),
                             genitive=bool(m.group("gen"))))
    people, pattern = ctx.people_pattern(lex)
    if people:
        for m in pattern.finditer(sentence):
            full, category, role = people[m.group("name")]
            found.append(Mention(m.start(), m.end(), "person", m.group(), head=category,
                                 name=full, genitive=bool(m.group("gen"))))
    if lang == "en":
        for pattern, kind in ((OUTLET_NAME_EN, "outlet"), (INSTITUTION_EN, "body")):
            for m in pattern.finditer(sentence):
                found.append(Mention(m.start(), m.end(), kind, m.group(), head=m.group() if kind == "outlet" else m.group().split()[-1].lower(),
                                     name=m.group() if kind == "outlet" else None))
    tokens = _tokens(sentence)
    for ti, (start, end, word) in enumerate(tokens):
        lw = word.lower()
        kind = c["exact"].get(lw) or _tail_kind(c, lw)
        if kind is None or kind == "none":
            continue
        if lang == "en" and lw == "official" and ti + 1 < len(tokens):
            nxt = tokens[ti + 1][2]
            if _is_cap(nxt) or c["exact"].get(nxt.lower()) in ("media", "document", "body"):
                continue                  # "official Korean Central News Agency", "official media"
        if kind == "pronoun":
            pass                          # "er", "sie", "he": lower case is their normal form
        elif len(lw) <= 4 and not _is_cap(word) and lang == "de":
            continue                      # short German nouns are capitalised: "un", "eu" are not
        elif len(lw) <= 3 and not word.isupper() and lang == "en" and kind == "body":
            continue                      # "who", "un", "eu" are words unless written WHO, UN, EU
        elif lang == "de" and kind != "pronoun" and not _is_cap(word):
            continue                      # German nouns are capitalised
        found.append(Mention(start, end, kind, word, head=lw))

    found = _drop_overlaps(found)
    _attach_names(sentence, found, lex, stop)
    _merge_adjacent(sentence, found, lex)
    _attach_appositives(sentence, found, lex, stop)
    found = [m for m in found if not m.absorbed]
    for m in found:
        _mark_context(sentence, m, lex)
    # "zwischen Kim Jong Un und russischen Vertretern": the second conjunct is bound too
    for prev, m in zip(found, found[1:]):
        if prev.bound and re.fullmatch(r"\s*(?:und|sowie|oder|and|or)\s+(?:[\w-]+\s+){0,2}", sentence[prev.end:m.start]):
            m.bound = True
    return found


def _outlet_key(name: str) -> str:
    """Spelling-insensitive key: "Koreanischen Zentralen" and "Koreanische Zentrale" agree."""
    words = re.findall(r"\w+", name.lower())
    return " ".join(re.sub(r"(?:e|en|n|es|s)$", "", w) if len(w) > 4 else w for w in words)


def _drop_overlaps(found: list[Mention]) -> list[Mention]:
    """Keep the longest mention where two overlap (outlets and names before nouns)."""
    priority = {"outlet": 0, "person": 1, "place": 2}
    found.sort(key=lambda m: (m.start, -(m.end - m.start), priority.get(m.kind, 5)))
    kept: list[Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            last = kept[-1]
            if (m.end - m.start) > (last.end - last.start) and priority.get(m.kind, 5) <= priority.get(last.kind, 5):
                kept[-1] = m
            continue
        kept.append(m)
    return kept


def _attach_names(sentence: str, found: list[Mention], lex: Lexicon, stop: set) -> None:
    """Role, expert and other nouns followed by a name: "Sprecherin Adrienne Watson"."""
    places = {m.start for m in found if m.kind == "place"}
    for m in found:
        # media and unnamed officials take no person's name ("Zeitung Bild" is an outlet)
        if m.kind not in ("role", "expert", "other") or m.name:
            continue
        span = _name_words(lex, sentence, m.end, stop)
        if not span and m.kind == "role" and lex.language == "en":
            # "Secretary of State Antony Blinken": one word of office between role and name
            office = re.match(r"\s+of\s+(?:the\s+)?[A-Z][\w-]+", sentence[m.end:])
            if office:
                span = _name_words(lex, sentence, m.end + office.end(), stop)
                if span and len(sentence[span[0]:span[1]].split()) < 2:
                    span = None
        if not span or span[0] in places:
            continue                      # "Botschafter Russland ..." is not a name
        m.name = sentence[span[0]:span[1]]
        m.end = span[1]
        m.text = sentence[m.start:m.end]
        for other in found:
            if other is not m and other.start >= span[0] and other.end <= span[1]:
                other.absorbed = True


def _attach_appositives(sentence: str, found: list[Mention], lex: Lexicon, stop: set) -> None:
    """ "der Sprecher ..., John Kirby," and "Adrienne Watson, Sprecherin des ...," """
    roles = [m for m in found if m.kind in ("role", "expert") and not m.name and not m.absorbed]
    for m in roles:
        # role NP ... , Name Name ,|.|(    (the role phrase runs at most 10 words to the comma)
        rest = sentence[m.end:]
        comma = re.match(r"((?:\s+[\w'’.-]+){0,10}?)\s*,", rest)
        if not comma:
            continue
        stretch = comma.group(1).split()
        # only a phrase that belongs to the role may stand between: "des Nationalen Sicherheitsrats"
        if stretch and stretch[0].lower() not in PREPOSITIONS[lex.language] | ARTICLES[lex.language]:
            continue
        if any(o is not m and o.kind in ("role", "expert") and m.end <= o.start < m.end + comma.end() for o in found):
            continue
        after = m.end + comma.end()
        span = _name_words(lex, sentence, after, stop)
        if span and re.match(r"\s*(?:[,.(]|$)", sentence[span[1]:]):
            if any(o.kind in ("place", "outlet") and o.start == span[0] for o in found):
                continue
            m.name = sentence[span[0]:span[1]]
            m.end = span[1]
            m.text = sentence[m.start:m.end]
            for other in found:
                if other is not m and m.start < other.start and other.end <= m.end:
                    other.absorbed = True
    # Name Name, role ...,  -> a person with that role
    for m in [m for m in found if m.kind in ("role", "expert", "other") and not m.absorbed]:
        before = sentence[: m.start]
        pm = re.search(r"((?:(?:[A-ZÄÖÜ][\w'’-]*|[A-Z]\.)\s+){0,2}[A-ZÄÖÜ][\w'’-]+)\s*,\s*(?:[\w'’]+\s+){0,2}$", before)
        if not pm:
            continue
        words = pm.group(1).split()
        if any(w.lower() in stop or w.lower() in _compile(lex)["exact"] for w in words):
            continue
        if any(o.kind in ("place", "outlet") and o.start == pm.start(1) for o in found):
            continue
        person = Mention(pm.start(1), m.end, m.kind, sentence[pm.start(1):m.end], head=m.head, name=pm.group(1))
        for other in found:
            if other.start >= person.start and other.end <= person.end:
                other.absorbed = True
        m.absorbed = True
        found.append(person)
    found.sort(key=lambda x: x.start)


def _merge_adjacent(sentence: str, found: list[Mention], lex: Lexicon) -> None:
    """Join mentions that form one phrase.

    "Putins Sprecher", "Nordkoreas Machthaber": a genitive name before a role.
    "Nachrichtenagentur Reuters", "Sender KBS": a media word before an outlet.
    "Bericht der «New York Times»", "Artikels der NYT": a document owned by media.
    "des Nationalen Sicherheitsrats" after a role: part of the role phrase.
    """
    live = [m for m in found if not m.absorbed]
    for a, b in zip(live, live[1:]):
        gap = sentence[a.end:b.start]
        if a.absorbed or b.absorbed:
            continue
        if a.genitive and b.kind in ("role", "media", "outlet", "anon", "expert", "body") and len(gap.split()) <= 3 \
                and re.fullmatch(r"[\s\w-]*", gap):
            a.absorbed = True             # "Putins Sprecher", "North Korea's state news agency"
            b.start, b.text = a.start, sentence[a.start:b.end]
        elif a.kind in ("body", "place", "outlet", "anon") and not a.genitive and b.kind in ("role", "anon", "document") \
                and re.fullmatch(r"[\s-]*", gap):
            a.absorbed = True             # "White House spokesperson", "US officials", "UN report"
            b.start, b.text = a.start, sentence[a.start:b.end]
            if b.kind == "document":
                b.owner = a
        elif a.kind == "media" and b.kind == "outlet" and re.fullmatch(r"\s*[„“\"«»]?\s*", gap):
            b.start, b.text = a.start, sentence[a.start:b.end]
            b.head = b.head or a.head
            a.absorbed = True
        elif a.kind == "document" and b.kind in ("outlet", "media", "body", "expert", "role", "person", "place") \
                and re.fullmatch(r"\s*(?:der|des|von|vom|von\s+der|von\s+den|of|by|from|of\s+the)\s+(?:\w+\s+){0,2}[„“\"«»]?\s*", gap, re.I):
            a.owner = b
            b.absorbed = True
            a.end, a.text = b.end, sentence[a.start:b.end]
        elif a.kind == "role" and not a.name and b.kind == "other" \
                and re.fullmatch(r"\s*(?:des|der|von|vom|of|for|of\s+the|for\s+the|at|at\s+the)\s+(?:[\w-]+\s+){0,2}", gap, re.I):
            b.absorbed = True             # "a spokesperson for the utility": the company's voice
            a.kind, a.end, a.text = "other", b.end, sentence[a.start:b.end]
        elif a.kind in ("role", "body", "expert", "anon") and b.kind in ("body", "place") \
                and re.fullmatch(r"\s*(?:des|der|von|vom|of|of\s+the|im|in|in\s+der|at|at\s+the|aus)\s+(?:[\w-]+\s+){0,2}", gap, re.I) \
                and b.end - a.end < 60:
            # "Sprecher des Nationalen Sicherheitsrats", "Beamte aus den USA": one phrase
            b.absorbed = True
            a.end, a.text = b.end, sentence[a.start:b.end]
            if a.kind == "anon" or b.kind != "place":
                a.owner = a.owner or b


def _mark_context(sentence: str, m: Mention, lex: Lexicon) -> None:
    """Article, anonymity and state-media markers before a mention; is it inside a PP?"""
    lang = lex.language
    before = sentence[: m.start]
    words = re.findall(r"[\w-]+|[^\w\s]", before)[-4:]
    lowered = [w.lower() for w in words]
    # walk back over articles and adjectives to the word that governs the phrase
    i = len(lowered) - 1
    article = None
    while i >= 0 and (lowered[i] in ARTICLES[lang] or (lowered[i].isalpha() and not _is_cap(words[i]) and lowered[i] not in PREPOSITIONS[lang] and lowered[i].endswith(("e", "en", "er", "es", "em", "te", "ten")) and lang == "de") or (lang == "en" and lowered[i].isalpha() and lowered[i] not in PREPOSITIONS[lang] and lowered[i] in ARTICLES[lang])):
        if lowered[i] in ARTICLES[lang] and article is None:
            article = lowered[i]
        i -= 1
    governor = lowered[i] if i >= 0 else ""
    if governor in PREPOSITIONS[lang] or article == "des" or m.genitive:
        m.bound = True                    # inside a prepositional or genitive phrase
    m.definite = None if article is None else article not in INDEFINITE
    phrase = (before[-60:] + m.text).lower()
    if ANONYMISERS.search(phrase[-80:]) and m.kind in ("role", "anon", "person", "other", "media"):
        m.kind, m.name = "anon", None
    if m.kind in ("media", "outlet") and not m.state:
        lead = re.search(r"((?:[\w-]+\s+){0,3})$", before)
        window = (lead.group(1).lower() + m.text.lower() + " " + sentence[m.end:m.end + 25].lower())
        if any(re.search(r"(?<![\w])" + re.escape(mk), window) for mk in lex.state_markers):
            m.state = True
        if re.match(r"\s+(?:in|aus|in\s+der)\s+(?:Nordkorea|North Korea)", sentence[m.end:]):
            m.state = True


# ---------------------------------------------------------------- cues

def find_cues(sentence: str, lex: Lexicon) -> list[Cue]:
    c = _compile(lex)
    cues: list[Cue] = []
    taken = set()
    for pattern, kind, cue, particle in c["phrase_cues"]:
        for m in pattern.finditer(sentence):
            if any(p in taken for p in range(m.start(), m.end())):
                continue
            if kind == "so" and not re.search(r"[,;]\s*$", sentence[: m.start()]):
                continue
            if kind == "before" and cue == "gegenüber" and not re.search(r"\b(?:sagte|erklärte|äußerte|bestätigte|betonte)\b", sentence):
                continue
            cues.append(Cue(m.start(), m.end(), kind, m.group()))
            taken.update(range(m.start(), m.end()))
    tokens = _tokens(sentence)
    for idx, (start, end, word) in enumerate(tokens):
        if any(p in taken for p in range(start, end)):
            continue
        entries = c["verbs"].get(word.lower())
        if not entries:
            continue
        if _is_cap(word) and start > 0 and not word.isupper():
            continue                      # "Berichte", "States": capitalised mid-sentence, a noun
        chosen = None
        for kind, cue, particle in sorted(entries, key=lambda e: -len(e[2])):
            if particle:
                pend = _find_particle(sentence, tokens, idx, particle)
                if pend is None:
                    continue
                chosen = Cue(start, end, kind, f"{word} … {particle}", particle_end=pend)
                break
            chosen = Cue(start, end, kind, word)
            break
        if chosen:
            cues.append(chosen)
    cues.sort(key=lambda q: q.start)
    return cues


def _find_particle(sentence: str, tokens, idx: int, particle: str) -> int | None:
    words = particle.split()
    nxt = tokens[idx + 1][2] if idx + 1 < len(tokens) else "."
    if not nxt[0].isalnum():              # verb-final clause: the particle came before the verb
        for j in range(idx - 1, max(-1, idx - 15), -1):
            w = tokens[j][2]
            if w in (",", ";", ":"):
                break
            if w.lower() == words[0].lower() and words[0] in ("von", "besorgt", "concern"):
                return tokens[idx][1]
    for j in range(idx + 1, min(len(tokens), idx + 40)):
        w = tokens[j][2]
        if w in (",", ";", ":") and words[0] not in ("besorgt", "concern"):
            return None
        if w.lower() == words[0].lower():
            after = tokens[j + 1][2] if j + 1 < len(tokens) else "."
            if len(words) > 1 or after in (".", ",", ";", ":", "!", "?", "“", "\"", "»") or words[0] in ("besorgt", "concern", "on", "von", "als", "as", "auf", "mit", "out"):
                return tokens[j][1]
    return None


# ---------------------------------------------------------------- linking

def _clause_bounds(sentence: str, pos: int, mentions: list[Mention]) -> tuple[int, int]:
    """The clause around ``pos``: between breaks that are not inside a mention (appositives)."""
    # an appositive's closing comma ("Adrienne Watson, Sprecherin ..., mitteilte") is no break
    inside = [(m.start, m.end + (1 if "," in m.text else 0)) for m in mentions]

    def ok(p):
        return not any(s < p < e for s, e in inside)

    left = 0
    for m in CLAUSE_BREAK.finditer(sentence[:pos]):
        if ok(m.start()):
            left = m.start() if m.group()[0].isalpha() else m.end()
    right = len(sentence)
    for m in CLAUSE_BREAK.finditer(sentence, pos):
        if ok(m.start()):
            right = m.start()
            break
    return left, right


def _link(sentence: str, cue: Cue, mentions: list[Mention], lex: Lexicon, own_outlet: str | None = None) -> list[tuple[Mention, str]]:
    lang = lex.language
    free = [m for m in mentions if not m.bound]
    if cue.kind == "before":
        if re.search(r"\beigene[nr]?\b|\bits own\b|\btheir own\b", cue.text, re.I):
            left, _ = _clause_bounds(sentence, cue.start, mentions)
            own = [m for m in free if left <= m.start and m.end <= cue.start]
            return [(own[0], f"subject of '{cue.text}'")] if own else []
        inside = [m for m in mentions if m.start < cue.end and m.end > cue.start]
        if inside:                        # "nach offiziellen Angaben": the cue names the source
            return [(inside[0], f"named in '{cue.text}'")]
        # the first mention right after the cue; "laut Aussagen von US-Beamten": skip fillers
        after = [m for m in mentions if m.start >= cue.end and m.start - cue.end < 70]
        if not after:
            return []
        gap = sentence[cue.end:after[0].start]
        if re.search(r"[.;:]", gap) or (re.search(r",", gap) and cue.text.lower() not in ("gegenüber",)):
            return []
        first = after[0]
        links = [(first, f"after '{cue.text}'")]
        links += _coordinated(sentence, first, mentions)
        return links
    if cue.kind == "after":
        before = [m for m in mentions if m.end <= cue.start and cue.start - m.end < 50]
        if not before:
            return []
        last = before[-1]
        if re.search(r"[,.;:]", sentence[last.end:cue.start]):
            return []
        links = [(last, f"before '{cue.text}'")]
        # "Den von der NYT befragten Beamten zufolge": the agent of the participle counts too
        return links + _coordinated(sentence, last, mentions, backwards=True)
    if cue.kind == "so":
        after = [m for m in mentions if m.start >= cue.end and m.start - cue.end < 12]
        if after and re.match(r"\s*(?:weiter|zufolge|demnach)?\s*[.;,!?]?\s*$", sentence[after[0].end:][:20]):
            return [(after[0], "', so X'")]
        return []
    if cue.kind == "agentive":
        before = [m for m in mentions if m.end <= cue.start and cue.start - m.end < 8]
        if before and re.search(r"\b(?:von|vom|by)\s+(?:der|dem|den|die|the)?\s*[„“\"«»]?\s*$", sentence[: before[-1].start]):
            return [(before[-1], f"'von X {cue.text}'")]
        return []
    if cue.kind == "hiess":
        left, right = _clause_bounds(sentence, cue.start, mentions)
        left = 0 if left > cue.start else left
        links = []
        for m in mentions:
            if not (left <= m.start < right or abs(m.start - cue.end) < 40):
                continue
            prev = sentence[max(0, m.start - 30): m.start].lower()
            if re.search(r"\b(?:von|vom|vonseiten|seitens|aus|aus\s+dem|aus\s+der|in|im|in\s+den|bei|beim)\s+(?:\w+\s+){0,3}$", prev):
                links.append((m, f"'{cue.text}' with von/aus/in X"))
        return links[:2]
    # reporting verbs ("verb") and "quote"
    left, right = _clause_bounds(sentence, cue.start, mentions)
    in_clause = [m for m in free if left <= m.start and m.end <= max(right, cue.end) + 1]
    if _is_passive(sentence, cue, left, right):
        agents = [m for m in mentions if left <= m.start < right and re.search(r"\b(?:von|vom|vonseiten|seitens|by)\s+(?:\w+\s+){0,2}$", sentence[max(0, m.start - 25):m.start])]
        return [(agents[0], "agent of passive")] if agents else []
    before = [m for m in in_clause if m.end <= cue.start]
    after = [m for m in in_clause if m.start >= cue.end]
    # an inverted subject follows the verb directly: ", sagte der Minister", ", said the official";
    # a capitalised word in between starts another phrase ("said Kim had left Pyongyang")
    after = [m for m in after[:1] if re.fullmatch(r"(?:\s+[a-zäöüß][\w-]*){0,5}\s*[„“\"«»]?\s*", sentence[cue.end:m.start])]
    if lang == "en":
        if cue.text.split()[0].lower() not in INVERTING_EN or not re.search(r"[,“”\"»]\s*$", sentence[:cue.start]):
            after = []                    # "told reporters": the object, not the speaker
        elif after and _EN_CLAUSE_AFTER_SUBJECT.match(sentence, after[0].end):
            after = []                    # "said Washington was ...": the start of the reported clause
    if not before and not after:
        before = _subject_before_insert(sentence, cue, free)
    links: list[tuple[Mention, str]] = []
    subject = None
    if before:
        subject = before[0]
        links.append((subject, f"subject of '{cue.text}'"))
    elif after:
        subject = after[0]
        links.append((subject, f"subject after '{cue.text}'"))
    if subject is not None:
        links += _coordinated(sentence, subject, mentions)
    if cue.kind == "quote":
        objs = [m for m in mentions if m.start >= cue.end and m is not subject and m.start - cue.end < 30]
        if objs:
            links.append((objs[0], f"quoted by '{cue.text}'"))
    # "sagte Kirby der «New York Times»", "im „NYT“-Interview": the outlet spoken to
    if subject is not None:
        for m in mentions:
            if m.kind == "outlet" and m is not subject and left <= m.start < right + 1:
                tail = sentence[m.end:m.end + 14]
                head = sentence[max(0, m.start - 25):m.start]
                spoken_to = re.fullmatch(r"\s*(?:(?:am|on)\s+\w+\s+)?(?:dem|der|den)\s+(?:[\w-]+\s+)?[„“\"«»]?\s*",
                                         sentence[max(subject.end, cue.end):m.start]) if m.start > max(subject.end, cue.end) else None
                if spoken_to or re.match(r"[“”\"»«]?-?Interview", tail) or re.search(r"(?:Interview mit|gegenüber|told|to|im|in\s+der|bei|on)\s+(?:der|dem|den|the)?\s*[„“\"«»]?$", head):
                    if own_outlet and m.head and m.head.lower() == own_outlet.lower():
                        continue          # "told AFP" in an AFP story: its own reporting
                    links.append((m, "interview / told"))
    return links


def _subject_before_insert(sentence: str, cue: Cue, free: list[Mention]) -> list[Mention]:
    """The subject before a comma-delimited insert that ends right at the verb.

    "Ein Diplomat, der anonym bleiben wollte, sprach von ...", "U.S. officials, speaking on
    condition of anonymity, said ...", "die Zeitung „Global Times“, ein Sprachrohr der
    Partei, schrieb ...": the verb follows the insert's closing comma, and the subject is
    the mention that ends at its opening comma.
    """
    if not re.search(r",\s*$", sentence[:cue.start]):
        return []
    insert_end = sentence.rfind(",", 0, cue.start)
    opening = sentence.rfind(",", 0, insert_end)
    if opening < 0 or insert_end - opening > 120:
        return []
    insert = sentence[opening + 1:insert_end]
    if re.search(r"[.;:]", insert):
        return []
    for m in reversed(free):
        if m.end <= opening and re.fullmatch(r"\s*[“”\"»)]?\s*", sentence[m.end:opening]):
            return [m]
    return []


def _coordinated(sentence: str, m: Mention, mentions: list[Mention], backwards=False) -> list:
    """ "Moskau und Pjöngjang", "Regierungsbeamte und Geheimdienstkreise": both are sources."""
    out = []
    ordered = sorted(mentions, key=lambda x: x.start, reverse=backwards)
    cur = m
    for other in ordered:
        if other is cur or (other.start <= cur.start if not backwards else other.start >= cur.start):
            continue
        gap = sentence[cur.end:other.start] if not backwards else sentence[other.end:cur.start]
        if m.kind == "anon" and other.kind in ("body", "place"):
            break                         # "Beamte aus den USA und der Regierung von Verbündeten"
        if re.fullmatch(r"\s*(?:und|sowie|oder|and|or|,)\s+(?:[\w-]+\s+){0,3}", gap) and len(gap) < 45:
            if backwards and re.search(r"\b(?:von|vom|by)\b", gap):
                continue
            out.append((other, "joined by 'und'"))
            cur = other
        else:
            if not backwards:
                break
    return out


def _is_passive(sentence: str, cue: Cue, left: int, right: int) -> bool:
    clause = sentence[left:max(right, cue.end)].lower()
    words = set(re.findall(r"\w+", clause))
    if not words & PASSIVE_AUX:
        return False
    w = cue.text.split()[0].lower()
    if w.startswith("ge") or w.endswith(("ed", "en", "t")) and not w.endswith(("te", "ten")):
        return bool(words & {"wurde", "wurden", "worden", "wird", "werden", "was", "were", "been"}) and \
            not re.search(r"\b(?:hat|hatte|haben|hatten|has|had|have)\b", clause)
    return False


# ---------------------------------------------------------------- categories


def categorise(m: Mention, ctx: Context) -> tuple[str | None, str]:
    """The category of a linked mention, and how it was decided."""
    if m.owner is not None and m.kind == "document" and m.owner.kind in ("outlet", "media"):
        inner, how = categorise(m.owner, ctx)
        return inner, f"{how} (its {m.head})"
    kind = m.kind
    if kind == "outlet":
        return ("state_media" if m.state else "other_media"), f"outlet {m.head}"
    if kind == "media":
        return ("state_media" if m.state else "other_media"), f"media word '{m.head}'"
    if kind == "anon":
        return "anonymous_official", f"unnamed officials '{m.head}'"
    if kind in ("body", "place"):
        return "named_official", f"{'institution' if kind == 'body' else 'country/capital'} as speaker"
    if kind == "person":
        return m.head or "named_official", f"person {m.name}"
    if kind in ("role", "expert", "other"):
        base = {"role": "named_official", "expert": "expert", "other": "other"}[kind]
        if m.name:
            return base, f"{kind} with name {m.name}"
        if kind in ("expert", "other"):
            return base, f"{kind} word '{m.head}'"
        if m.definite is False:
            return "anonymous_official", f"unnamed '{m.head}' (indefinite)"
        # "der Minister": refers back to an earlier named official with this role
        for category, skind, head, name in reversed(ctx.sources):
            if name and skind in ("role", "person") and _same_role(head, m.head):
                return category, f"'{m.text}' refers back to {name}"
        if m.owner is not None:
            return "anonymous_official", f"unnamed '{m.head}' of {m.owner.text}"
        return "anonymous_official", f"unnamed '{m.head}'"
    if kind == "document":
        if m.definite and m.head.startswith(("bericht", "artikel", "report")):
            for category, skind, head, name in reversed(ctx.sources[-6:]):
                if category in ("other_media", "state_media"):
                    return category, f"'{m.text}' refers back to {name or head}"
        return "document", f"document '{m.head}'"
    if kind == "pronoun":
        for category, skind, head, name in reversed(ctx.sources[-8:]):
            if skind in ("role", "person", "expert", "other") and (name or skind != "role"):
                return category, f"pronoun '{m.text}' → {name or head}"
        return None, "pronoun without antecedent"
    return None, "unknown"


def _same_role(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    core = lambda s: re.sub(r"(in|innen|s|en|n)$", "", s)
    return core(a).endswith(core(b)) or core(b).endswith(core(a))


def _remember_person(ctx: Context, name: str, category: str, head: str) -> None:
    """Make a named person findable later by full name and by first or last word."""
    entry = (name, category, head)
    ctx.people[name] = entry
    words = [w for w in name.replace(".", " ").split() if len(w) > 2]
    for w in {words[0], words[-1]} if words else ():
        ctx.people.setdefault(w, entry)


def _learn(m: Mention, category: str, ctx: Context) -> None:
    """Record a source for later pronouns and role nouns."""
    ctx.sources.append((category, m.kind, m.head, m.name))
    if m.name and m.kind in ("role", "expert", "other", "person"):
        _remember_person(ctx, m.name, category, m.head)


# ---------------------------------------------------------------- main entry

def attributions_in_text(text: str, language: str = "de", lexicon: Lexicon | None = None,
                         own_outlet: str | None = None) -> list[dict]:
    """All attributions in one article's body text, as dicts (see :func:`find_attributions`)."""
    lex = lexicon or default_lexicon(language)
    ctx = Context()
    rows = []
    for sid, (s, e) in enumerate(split_sentences(text)):
        sentence = text[s:e]
        masked = mask_parentheticals(mask_quotes(sentence))
        mentions = find_mentions(masked, lex, ctx)
        cues = find_cues(masked, lex)
        _learn_people(mentions, ctx)
        frame_cues = [q for q in cues if q.kind in ("before", "after", "so", "hiess", "quote") or not _in_konjunktiv(masked, q, mentions)]
        seen = set()
        sentence_rows = []
        for cue in cues:
            if cue.kind in ("verb",) and _in_konjunktiv(masked, cue, mentions) and any(q is not cue for q in frame_cues):
                continue                  # a speech act inside reported content (rule 3)
            if cue.kind == "verb" and language == "en" and _in_that_clause(masked, cue, cues):
                continue                  # "KCNA reported that Kim had said ...": KCNA alone
            for m, how in _link(masked, cue, mentions, lex, own_outlet):
                if id(m) in seen:
                    continue
                category, why = categorise(m, ctx)
                if category is None:
                    continue
                seen.add(id(m))
                sentence_rows.append(dict(
                    sentence_id=sid, sentence=sentence, start=s, end=e, category=category,
                    source=sentence[m.start:m.end].strip(), cue=sentence[cue.start:cue.end] if not cue.particle_end else cue.text,
                    how=f"{how}; {why}", source_start=s + m.start, source_end=s + m.end,
                    cue_start=s + cue.start, cue_end=s + (cue.particle_end or cue.end),
                ))
                _learn(m, category, ctx)
        rows.extend(sentence_rows)
    return rows


def _learn_people(mentions: list[Mention], ctx: Context) -> None:
    for m in mentions:
        if m.name and m.kind in ("role", "expert", "other"):
            category = {"role": "named_official", "expert": "expert", "other": "other"}[m.kind]
            _remember_person(ctx, m.name, category, m.head)
            ctx.sources.append((category, m.kind, m.head, m.name))


def _in_that_clause(sentence: str, cue: Cue, cues: list[Cue]) -> bool:
    """English has no Konjunktiv: a verb inside another cue's "that" clause is reported content.

    A verb joined by "and"/"but" ("said ... but warned that") is the same speaker again.
    """
    if re.search(r"(?:\b(?:and|but)\s+(?:\w+\s+)?|,\s*)$", sentence[:cue.start]):
        return False                      # "..., which first reported that ..., said": the main verb
    return any(q.end <= cue.start and q.kind in ("verb", "before") and re.search(r"\bthat\b", sentence[q.end:cue.start])
               for q in cues if q is not cue)


def _in_konjunktiv(sentence: str, cue: Cue, mentions) -> bool:
    left, right = _clause_bounds(sentence, cue.start, mentions)
    words = set(re.findall(r"\w+", sentence[left:max(right, cue.end)].lower()))
    return bool(words & KONJUNKTIV) or cue.text.split()[0].lower() in KONJUNKTIV


def find_attributions(
    articles: pd.DataFrame,
    *,
    extra_cues: str | Path | None = None,
    extra_sources: str | Path | None = None,
) -> pd.DataFrame:
    """One row per attribution in the articles' body text.

    Columns: ``article_id``, ``outlet``, ``sentence_id``, ``sentence``, ``start``, ``end``
    (offsets of the sentence in ``text``), ``category``, ``source`` (the words naming the
    source, as written), ``cue`` (the attributing words), ``how`` (the rule that decided),
    and the offsets of source and cue in ``text`` for highlighting. A sentence naming two
    sources gives two rows. Only ``text`` is read: captions, credits and other fields never.
    ``language`` (default ``de``) chooses the lexicon; ``extra_cues``/``extra_sources`` are
    TSV files with the columns of ``cues_<lang>.tsv``/``sources_<lang>.tsv`` to add.
    """
    lexicons: dict[str, Lexicon] = {}
    rows = []
    for art in articles.itertuples():
        language = _language(art)
        if language not in lexicons:
            lexicons[language] = (
                Lexicon.load(language, extra_cues, extra_sources)
                if (extra_cues or extra_sources) else default_lexicon(language)
            )
        outlet = getattr(art, "outlet", None)
        own = outlet if isinstance(outlet, str) and outlet else None
        for row in attributions_in_text(art.text, language, lexicons[language], own):
            rows.append({"article_id": art.article_id, "outlet": outlet, **row})
    return pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
