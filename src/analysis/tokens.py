"""Word tokens for term counts: hyphenated compounds whole, numbers and punctuation out.

``tokenize`` gives (start, end, surface, key) for one text; ``tokens`` a tidy frame for a
corpus. The *key* is what counts as one term: case folded (acronyms such as "KCNA", "US"
keep their case, because "US" and "us" differ), spelling variants joined through
``data/term_aliases.tsv``, and optionally stemmed (NLTK Snowball) or lemmatised (simplemma).
"""
from __future__ import annotations

import re
import warnings
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from .boilerplate import boilerplate_lines, boilerplate_spans, lines_to_skip
from .languages import analysed, analysed_language
from .lexicon import read_tsv, split_aliases
from .sentences import split_sentences
from .stopwords import stopword_set
from .frames import group_value, require_columns

Normalize = Literal["stem", "lemma"] | None

# a word starts with a letter; hyphens and apostrophes inside it keep compounds whole
WORD = re.compile(r"[^\W\d_](?:\w|[-‐'’](?=\w))*")
_LANG_NAMES = {"de": "german", "en": "english"}


@lru_cache(maxsize=1)
def _aliases() -> tuple[re.Pattern, dict[str, str]]:
    table = read_tsv("term_aliases.tsv")
    lookup: dict[str, str] = {}
    for row in table.itertuples():
        for form in [row.term, *split_aliases(row.variants)]:
            lookup[_alias_key(form)] = row.term
    forms = sorted(lookup, key=len, reverse=True)
    # a space in a variant also matches a hyphen and vice versa: "Kim Jong Un", "Kim Jong-Un"
    alts = [r"[\s‐-]+".join(re.escape(p) for p in re.split(r"[\s‐-]+", f)) for f in forms]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?:s\b|['’]s\b)?(?![\w-])", re.I)
    return pattern, lookup


def _alias_key(text: str) -> str:
    return re.sub(r"[\s‐-]+", " ", text.lower()).strip()


def fold(word: str) -> str:
    """Fold case except in acronyms: "Außenminister" -> "außenminister", "KCNA" stays."""
    parts = re.split(r"([-‐])", word)
    return "".join(p if (p.isupper() and 1 < len(p) <= 6) else p.lower() for p in parts)


@lru_cache(maxsize=4)
def _stemmer(language: str):
    from nltk.stem.snowball import SnowballStemmer   # pure Python: needs no downloaded corpora

    return SnowballStemmer(_LANG_NAMES.get(language, "german"))


def normalize_word(key: str, language: str, normalize: Normalize) -> str:
    if normalize is None:
        return key
    if normalize == "stem":
        return _stemmer(language).stem(key)
    if normalize == "lemma":
        import simplemma

        return simplemma.lemmatize(key, lang=language).lower() if not key.isupper() else key
    raise ValueError(f"normalize must be None, 'stem' or 'lemma', not {normalize!r}")


def tokenize(text: str, language: str = "de", *, aliases: bool = True,
             normalize: Normalize = None) -> list[tuple[int, int, str, str]]:
    """(start, end, surface, key) for every word in ``text``; alias names count as one word."""
    out: list[tuple[int, int, str, str]] = []
    pos = 0
    if aliases:
        pattern, lookup = _aliases()
        for m in pattern.finditer(text):
            out.extend(_words(text, pos, m.start(), language, normalize))
            name = re.sub(r"(?:['’]?s)$", "", m.group()) if _alias_key(m.group()) not in lookup else m.group()
            out.append((m.start(), m.end(), m.group(), lookup.get(_alias_key(name), name)))
            pos = m.end()
    out.extend(_words(text, pos, len(text), language, normalize))
    return out


# web addresses are not words: "https", "www", "com" would top an outlet's term list
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”»]+", re.I)


def _words(text: str, start: int, end: int, language: str, normalize: Normalize):
    pos = start
    for url in URL.finditer(text, start, end):
        yield from _plain_words(text, pos, url.start(), language, normalize)
        pos = url.end()
    yield from _plain_words(text, pos, end, language, normalize)


_POSSESSIVE = re.compile(r"['’]s$")
_WORD_CACHE: dict[tuple, dict[str, tuple[str, str]]] = {}
WORD_CACHE_LIMIT = 500_000      # word forms remembered per language (a few hundred MB at most)


def _word_form(word: str, language: str, normalize: Normalize) -> tuple[str, str]:
    """(the word as counted, its key): "Kim's" -> ("Kim", "kim") in English."""
    if language == "en":
        word = _POSSESSIVE.sub("", word)          # "Kim's" -> "Kim"
    # a typographic apostrophe is the same letter: "don’t" is the stopword "don't"
    key = fold(word).replace("’", "'")
    return word, normalize_word(key, language, normalize)


def _plain_words(text: str, start: int, end: int, language: str, normalize: Normalize):
    # a word form is worked out once: most tokens of a corpus are forms seen before
    cache = _WORD_CACHE.setdefault((language, normalize), {})
    known = cache.get
    for m in WORD.finditer(text, start, end):
        word = m.group()
        form = known(word)
        if form is None:
            form = _word_form(word, language, normalize)
            if len(cache) < WORD_CACHE_LIMIT:
                cache[word] = form
        s = m.start()
        yield s, s + len(form[0]), form[0], form[1]


def _article_tokens(articles: pd.DataFrame, by: str, aliases: bool, normalize: Normalize, boilerplate: bool,
                    skip: dict | None = None, sentences: bool = True):
    """The analysed articles and an iterator over their tokens: (row number, article id, group,
    language, sentence number, start, end, surface, key, stopword). Lines an outlet repeats
    across its articles are left out with a warning (``boilerplate=False`` keeps them);
    ``skip`` (group -> lines) gives them when they were found over a whole corpus read in chunks.
    ``sentences=False`` leaves the sentence number None: counting needs none, and splitting
    sentences is a tenth of its time."""
    articles = analysed(articles, "term counts")
    if skip is None:
        furniture = boilerplate_lines(articles, by=by) if boilerplate else pd.DataFrame(columns=[by, "line"])
        if len(furniture):
            warnings.warn(f"{len(furniture)} line(s) that an outlet repeats across its articles (share buttons, "
                          f"credits …) left out of term counts; analysis.boilerplate_lines lists them "
                          f"(e.g. {furniture['line'].iloc[0]!r})", stacklevel=4)
        skip = lines_to_skip(furniture, by)

    def each():
        for i, art in enumerate(articles.itertuples()):
            language = _language(art)
            stop = stopword_set(language)
            group = group_value(getattr(art, by, None))
            spans = split_sentences(art.text) if sentences else [(0, len(art.text))]
            cut = boilerplate_spans(art.text, skip[group]) if group in skip else []
            sid = 0
            for s, e, surface, key in tokenize(art.text, language, aliases=aliases, normalize=normalize):
                if cut and any(a <= s < b for a, b in cut):
                    continue
                while sid < len(spans) - 1 and s >= spans[sid][1]:
                    sid += 1
                is_stop = surface.lower().replace("’", "'") in stop or len(surface) < 2
                yield i, art.article_id, group, language, sid if sentences else None, s, e, surface, key, is_stop

    return articles, each()


def tokens(articles: pd.DataFrame, *, by: str = "outlet", aliases: bool = True,
           normalize: Normalize = None, boilerplate: bool = True) -> pd.DataFrame:
    """One row per word token of each article's body; lines an outlet repeats across its
    articles are left out with a warning (``boilerplate=False`` keeps them).

    Columns: ``article_id``, the ``by`` column, ``sentence_id``, ``start``, ``end`` (offsets
    in ``text``), ``token`` (as written), ``term`` (the counting key), ``stopword`` (bool).
    """
    require_columns(articles, ["article_id", "text"], "tokens")
    articles, each = _article_tokens(articles, by, aliases, normalize, boilerplate)
    rows = [(aid, group, sid, s, e, surface, key, stop) for _, aid, group, _, sid, s, e, surface, key, stop in each]
    frame = pd.DataFrame(rows, columns=["article_id", by, "sentence_id", "start", "end", "token", "term", "stopword"])
    if normalize is None and len(frame):
        frame["term"] = _merge_genitives(frame, articles)
    return frame


def coded_tokens(articles: pd.DataFrame, *, by: str = "outlet", aliases: bool = True,
                 normalize: Normalize = None, boilerplate: bool = True, skip: dict | None = None,
                 names: set | None = None) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The tokens that counting needs, as integer codes: one row per token with ``article``
    (row number), the ``by`` group, ``term`` and ``token`` (codes into the two lists returned)
    and ``stopword``. The same tokens and terms as :func:`tokens` (German genitives merged the
    same way), in a fraction of the memory: at 10,000 articles the string frame took 2.5 GB.
    ``skip`` (boilerplate lines per group) and ``names`` (see :func:`genitive_names`) give what
    was found over a whole corpus when it is counted chunk by chunk."""
    from array import array

    articles, each = _article_tokens(articles, by, aliases, normalize, boilerplate, skip, sentences=False)
    term_ids: dict[str, int] = {}
    token_ids: dict[str, int] = {}
    group_ids: dict[str, int] = {}
    art, grp, term, tok = array("i"), array("i"), array("i"), array("i")
    stop = bytearray()
    german = [_language(a) == "de" for a in articles.itertuples()]
    for i, _, group, _, _, _, _, surface, key, is_stop in each:
        art.append(i)
        grp.append(group_ids.setdefault(group, len(group_ids)))
        term.append(term_ids.setdefault(key, len(term_ids)))
        tok.append(token_ids.setdefault(surface, len(token_ids)))
        stop.append(is_stop)
    terms, surfaces = list(term_ids), list(token_ids)
    # numpy views of the arrays, not Python lists of 23 million numbers at 100,000 articles
    as_np = lambda a, dtype: np.frombuffer(a, dtype=dtype) if len(a) else np.zeros(0, dtype)
    group_codes = as_np(grp, np.int32)
    groups = pd.Categorical.from_codes(group_codes, categories=list(group_ids)) if group_ids else pd.Categorical([])
    frame = pd.DataFrame({"article": as_np(art, np.int32), by: groups, "term": as_np(term, np.int32),
                          "token": as_np(tok, np.int32), "stopword": as_np(stop, np.bool_)}, copy=False)
    if normalize is None and len(frame):
        # _merge_genitives on codes: capital German tokens, their terms' forms without the -s
        capital = np.array([s[:1].isupper() for s in surfaces], dtype=bool)[frame["token"].to_numpy()]
        is_german = np.array(german, dtype=bool)[frame["article"].to_numpy()]
        if names is None:
            names = {terms[t] for t in pd.unique(frame["term"].to_numpy()[capital & is_german])}
        ends_s = np.array([t.endswith("s") for t in terms], dtype=bool)[frame["term"].to_numpy()]
        candidate = is_german & capital & ends_s & ~frame["stopword"].to_numpy()
        stripped = {t: terms[t][:-1] for t in pd.unique(frame["term"].to_numpy()[candidate]) if terms[t][:-1] in names}
        if stripped:
            for t, form in stripped.items():
                term_ids.setdefault(form, len(term_ids))
            terms = list(term_ids)
            # one lookup table over the codes (no hash table of 23 million at 100,000 articles)
            lookup = np.arange(len(terms), dtype=np.int32)
            lookup[list(stripped)] = [term_ids[form] for form in stripped.values()]
            codes = frame["term"].to_numpy()
            merged = lookup[codes]
            np.copyto(merged, codes, where=~candidate)
            frame["term"] = merged
    return frame, terms, surfaces


def genitive_names(articles: pd.DataFrame, *, by: str = "outlet", skip: dict | None = None) -> set[str]:
    """The terms written capitalised in German articles: a word ending in -s whose form
    without it is among them is a name's genitive ("Putins"). Sets of chunks are joined."""
    articles, each = _article_tokens(articles, by, True, None, True, skip, sentences=False)
    return {key for _, _, _, language, _, _, _, surface, key, _ in each if language == "de" and surface[:1].isupper()}


def _merge_genitives(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """German names take a genitive -s ("Putins", "Russlands"): count them with the name.

    Only capitalised words whose form without the -s also occurs capitalised in the corpus.
    """
    german_ids = {a.article_id for a in articles.itertuples() if _language(a) == "de"}
    german = frame["article_id"].isin(german_ids)
    capital = frame["token"].str[0].str.isupper()
    names = set(frame.loc[capital & german, "term"])
    candidate = german & capital & frame["term"].str.endswith("s") & ~frame["stopword"]
    stripped = frame["term"].str[:-1]
    return frame["term"].where(~(candidate & stripped.isin(names)), stripped)


def _language(art) -> str | None:
    """The analysed language of an article row (see :func:`analysis.languages.analysed_language`)."""
    return analysed_language(getattr(art, "language", None))
