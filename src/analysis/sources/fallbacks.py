"""Sources the tagger missed, found by rules where the syntax is plain.

The CRF finds most cues but, with cue and subject far apart, not always the source:
"Die US-Regierung hatte in den vergangenen Monaten mehrfach gewarnt" (verb last), "Bisher wies
Nordkorea Vorwürfe zurück" (subject after the verb). These rules only add candidates for a
cue that has no source yet, or the second source a cue names by its meaning (spec rule 3):

- a verb cue without a source takes the noun phrase that opens the sentence, or the one right
  after the verb when the sentence opens with something else (German verb-second order);
- "zitierte X (mit den Worten)", "quoted X": X is a source besides the subject;
- "von X befragten Beamten": X is a source besides the officials;
- "hieß es aus/in/von X": X;
- a transcript's speaker label, "PENCE: Well, …": the name before the colon.

A candidate must look like a source (a word the lexicons know as a kind of source, a name from
the outlet, organisation, place or person lists, or a person's name) and lie outside quotations.
"""
from __future__ import annotations

from .features import FeatureExtractor
from .lexicons import DETERMINERS, RELATIVES
from .linking import Link, cue_kinds, plausible_cue
from .tagger import Span
from .text import Token, quote_depth

NP_LEADERS = {
    "de": DETERMINERS["de"] | {"ihre", "ihr", "seine", "sein", "beide", "mehrere", "einige", "viele", "alle"},
    "en": DETERMINERS["en"] | {"his", "her", "their", "its", "two", "three", "several", "some", "many", "both"},
}
PREPOSITIONS_FROM = {"de": {"aus", "in", "von", "bei", "vom", "im", "seitens"}, "en": {"from", "in", "by"}}
SPEAKER_KINDS = {"anon", "role", "body", "media", "expert", "other", "member", "document"}


def noun_phrase(tokens: list[Token], i: int, extractor: FeatureExtractor) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i``: (first, last) or None."""
    lang = extractor.lex.language
    n, j = len(tokens), i
    while j < n and tokens[j].text.lower() in extractor.lex.stopwords and tokens[j].text.lower() not in NP_LEADERS[lang]:
        i = j = j + 1                       # "Auch Putin": the phrase starts at "Putin"
    while j < n and tokens[j].text.lower() in NP_LEADERS[lang]:
        j += 1
    # adjectives: lower-case words before the noun ("amerikanische und verbündete")
    while j < n and tokens[j].text[:1].islower() and tokens[j].text.isalpha() and lang == "de" and (
            tokens[j].text not in extractor.lex.stopwords
            or (tokens[j].text == "und" and j + 1 < n and tokens[j + 1].text[:1].islower())):
        j += 1
    start_noun = j
    while j < n and (tokens[j].text[:1].isupper() or tokens[j].text in ("„", "“", "«", "»")):
        j += 1
    if lang == "en":                # "South Korean media", "Pentagon officials"
        while j < n and j - start_noun < 6 and tokens[j].text.islower() and extractor.lex.kind(tokens[j].text):
            j += 1
    if j == start_noun:
        return None
    # a listed name ends the phrase: "Nordkorea | Vorwürfe", "die USA | Waffen"
    named = extractor.lex.names.find(tokens[start_noun:j])
    if named and named[0][0] == 0:
        j = start_noun + named[0][1]
    while j > start_noun and not tokens[j - 1].text[0].isalnum():
        j -= 1
    return (i, j - 1)


def looks_like_source(tokens: list[Token], first: int, last: int, extractor: FeatureExtractor,
                      single_name: bool = False) -> bool:
    lex = extractor.lex
    words = [t.text for t in tokens[first:last + 1] if t.text[0].isalnum()]
    if not words:
        return False
    if any(lex.kind(w) in SPEAKER_KINDS for w in words):
        return True
    phrase_tokens = tokens[first:last + 1]
    if lex.names.find(phrase_tokens):
        return True
    names = [w for w in words if extractor.is_namelike(w) and not lex.kind(w)]
    return len(names) >= (1 if single_name else 2)       # a person's name: "Matthew Miller"


def add_missing(links: list[Link], spans: list[Span], tokens: list[Token],
                extractor: FeatureExtractor) -> list[Link]:
    """Links for cues the tagger left without a source, and second sources of quote verbs."""
    lex = extractor.lex
    if not spans and not links:
        # nothing tagged: only "hieß es" and transcript labels can still name a source
        hiess = any(lex.cue_words.get(t.text.lower()) == "hiess" for t in tokens)
        out = _hiess(tokens, extractor, _free_of(tokens, set())) if hiess else []
        return out or _speaker_label(tokens)
    lang = lex.language
    depth = quote_depth(tokens)
    linked_cues = {l.cue for l in links}
    used = {k for l in links for k in range(l.source.first, l.source.last + 1)}
    out = []

    free = _free_of(tokens, used, depth)

    def add(cue, first, last, prob):
        out.append(Link(cue, Span(first, last, "SRC", prob)))
        used.update(range(first, last + 1))

    cues = [s for s in spans if s.label == "CUE" and plausible_cue(s, tokens, depth, extractor)]
    lowered = [t.text.lower() for t in tokens]
    has_agent = any(w in AGENT[lang] for w in lowered)
    for cue in cues:
        words = [t.text.lower() for t in tokens[cue.first:cue.last + 1]]
        kinds = cue_kinds(cue, tokens, lex)
        own = any(w in ("eigenen", "own") for w in words)
        passive = _agentless_passive(lowered, cue, lang, has_agent)
        if cue not in linked_cues and not passive and (
                own or (kinds & {"verb", None} and not kinds & {"before", "after", "so"})):
            for first in _subject_positions(tokens, cue, lang):
                np = noun_phrase(tokens, first, extractor)
                if np is None or (first < cue.first and np[1] >= cue.first):
                    continue
                if free(*np) and looks_like_source(tokens, *np, extractor) \
                        and not (np[0] == np[1] and tokens[np[0]].text.lower() in RELATIVES[lang]):
                    add(cue, *np, 0.5)
                    break
        if cue not in linked_cues and kinds & {"before"} and not own:
            # "unter Berufung auf amerikanische und verbündete Beamte", "citing two officials"
            np = noun_phrase(tokens, cue.last + 1, extractor) if cue.last + 1 < len(tokens) else None
            if np and free(*np) and looks_like_source(tokens, *np, extractor):
                add(cue, *np, 0.5)
        if "quote" in kinds:
            k = cue.last + 1
            while k < len(tokens) and tokens[k].text.lower() in ("nun", "jetzt", "auch", "erneut", "now", "also"):
                k += 1
            np = noun_phrase(tokens, k, extractor) if k < len(tokens) else None
            if np and free(*np) and looks_like_source(tokens, *np, extractor, single_name=True):
                add(cue, *np, 0.5)
    out.extend(_agentive(links, tokens, extractor))
    out.extend(_hiess(tokens, extractor, free))
    if not links and not out:
        out.extend(_speaker_label(tokens))
    return out


def _free_of(tokens: list[Token], used: set, depth: list | None = None):
    """A test for a candidate source: outside quotations and no other link's source
    (``used``: the token positions other sources hold; the caller keeps it up to date)."""
    depth = quote_depth(tokens) if depth is None else depth

    def free(first: int, last: int) -> bool:
        return not any(depth[k] or k in used for k in range(first, last + 1))

    return free


def _speaker_label(tokens) -> list:
    """"PENCE: Well, look, …" or "Chris Wallace: Let's start": a name and a colon open the
    sentence (a transcript quotes the whole turn, so the label may sit inside the quote)."""
    k = 1 if tokens and tokens[0].text in ('"', "“", "„", "«", "»") else 0
    j = k
    while j < len(tokens) and j - k < 3 and tokens[j].text[:1].isupper() and tokens[j].text.isalpha():
        j += 1
    if j == k or j >= len(tokens) or tokens[j].text != ":":
        return []
    if not (all(t.text.isupper() and len(t.text) > 1 for t in tokens[k:j]) or j - k >= 2):
        return []                                   # "PENCE:", "Chris Wallace:"; not "Update:"
    return [Link(Span(j, j, "CUE", 0.5), Span(k, j - 1, "SRC", 0.5))]


PASSIVE = {"de": {"wurde", "wurden", "worden", "wird", "werden"}, "en": {"was", "were", "been", "being", "is", "are"}}
AGENT = {"de": {"von", "vom", "durch", "seitens"}, "en": {"by"}}


def _agentless_passive(words: list[str], cue: Span, lang: str, has_agent: bool) -> bool:
    """"Über ein Treffen wurde berichtet", "it was reported": no agent, no source (spec rule 2).
    ``words``: the sentence's words in lower case; ``has_agent``: one of them is "von", "by" …"""
    before = words[max(0, cue.first - 8):cue.first] if lang == "de" else words[max(0, cue.first - 2):cue.first]
    return any(w in PASSIVE[lang] for w in before) and not has_agent


def _subject_positions(tokens: list[Token], cue: Span, lang: str) -> list[int]:
    """Where a subject may start: the sentence start, and (German verb second) after the verb."""
    positions = [0]
    if lang == "de" and cue.first > 0:
        positions.append(cue.first + 1)
    return positions


def _agentive(links, tokens, extractor) -> list:
    """"Den von der „NYT“ befragten Beamten zufolge": the NYT is a source too."""
    lex, out = extractor.lex, []
    for i, tok in enumerate(tokens):
        if lex.cue_words.get(tok.text.lower()) != "agentive" or i < 2:
            continue
        for j in range(i - 1, max(-1, i - 6), -1):
            if tokens[j].text.lower() in ("von", "vom", "by"):
                np = noun_phrase(tokens, j + 1, extractor)
                if np and np[1] < i and looks_like_source(tokens, *np, extractor):
                    owner = next((l for l in links if l.source.first <= i <= l.source.last), None)
                    if owner is not None:
                        out.append(Link(owner.cue, Span(np[0], np[1], "SRC", 0.5)))
                break
    return out


def _hiess(tokens, extractor, free) -> list:
    """"In nordkoreanischen Medien hieß es": the medium is the source."""
    lex, out = extractor.lex, []
    words = [t.text.lower() for t in tokens]
    for i, w in enumerate(words):
        if lex.cue_words.get(w) != "hiess" or i + 1 >= len(tokens) or words[i + 1] not in ("es", "it"):
            continue
        cue = Span(i, i + 1, "CUE", 0.5)
        for j in list(range(max(0, i - 8), i)) + list(range(i + 2, min(len(tokens), i + 8))):
            if words[j] in PREPOSITIONS_FROM[lex.language]:
                np = noun_phrase(tokens, j + 1, extractor)
                if np and free(*np) and looks_like_source(tokens, *np, extractor):
                    out.append(Link(cue, Span(np[0], np[1], "SRC", 0.5)))
                    break
    return out
