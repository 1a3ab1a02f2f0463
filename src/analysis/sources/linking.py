"""Pair each source with the cue that attributes to it, and add venues.

Each cue takes the best of the plausible sources in its sentence, by probability, distance and
the side its kind of cue takes a source on ("laut X", "X sagte"); a second source only when the
tagger is confident of it or it stands on the other side of a chain or quote cue ("X berichtet
unter Berufung auf Y", "KCNA zitierte Kim": spec rule 3 counts both). A cue inside another
cue's that/dass clause is reported content, no attribution (rule 3). A cue must hold a word
that attributes; a source must hold a word that can name someone (a name, a word the source
lexicon knows, a pronoun); neither may sit inside a quotation. The venue a statement was given
to is a link of its own ("sagte der Berliner Zeitung", "told CNN"; ``data/venues.tsv``).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from ..lexicon import read_tsv
from .features import FeatureExtractor
from .lexicons import AUXILIARIES, PRONOUNS, RELATIVES
from .tagger import Span
from .text import Token, quote_depth

MAX_DISTANCE = 30          # tokens between a source and its cue
DECAY = 0.97               # per token of distance: a nearer source wins between equals
CONFIDENT = 0.7            # a second source for one cue needs this probability
NOUN_LINKS = {"von", "vom", "der", "des", "dem", "den", "aus", "of", "the"}   # "Angaben von|der X"
SOURCE_KINDS = {"anon", "role", "body", "media", "expert", "other", "member"}
OWN = {"eigenen", "own"}                                   # "nach eigenen Angaben", "by its own account"
COMPLEMENTIZERS = {"that", "dass", "whether", "ob"}


class Link(NamedTuple):
    cue: Span
    source: Span
    venue: bool = False


def plausible_cue(span: Span, tokens: list[Token], depth: list[int], extractor: FeatureExtractor) -> bool:
    lex = extractor.lex
    words = tokens[span.first: span.last + 1]
    if any(depth[i] for i in range(span.first, span.last + 1)):
        return False
    if _missing_particle(span, tokens, lex):
        return False
    aux = AUXILIARIES[lex.language]
    return any(t.text[0].isalnum() and t.text.lower() not in aux and extractor.word(t.text)[2] for t in words) \
        or (span.prob >= 0.5 and any(t.text[0].isalpha() for t in words)) \
        or (len(words) == 1 and words[0].text == ":" and span.prob >= 0.5)


def _missing_particle(span: Span, tokens: list[Token], lex) -> bool:
    """"gab … bekannt", "teilte … mit": a verb the lexicon knows only with its particle is no
    cue without it ("Es gab Brandanschläge")."""
    content = [t.text.lower() for t in tokens[span.first: span.last + 1]
               if t.text[0].isalpha() and t.text.lower() not in lex.stopwords]
    if not content or not all(w in lex.particles and "" not in lex.particles[w] for w in content):
        return False
    needed = set().union(*(lex.particles[w] for w in content))
    # in the cue ("sprach von"), after the verb ("teilte … mit") or before it ("von … gesprochen")
    return not any(t.text.lower() in needed for t in tokens)


def _attach_cue_nouns(spans: list[Span], tokens: list[Token], lex) -> list[Span]:
    """"Nach | Angaben von n24": the noun belongs to the cue and the source starts after it;
    a cue of function words alone ("Nach der Begrüßungsrede") is dropped."""
    words = [t.text.lower() for t in tokens]
    out = [s for s in spans if s.label == "SRC"]
    for cue in (s for s in spans if s.label == "CUE"):
        inside = words[cue.first: cue.last + 1]
        if any(w[0].isalnum() and w not in lex.stopwords for w in inside) or any(w in lex.standalone_cues for w in inside):
            out.append(cue)
            continue
        j = cue.last + 1
        while j < len(tokens) and words[j] in lex.cue_nouns:
            j += 1
        if j == cue.last + 1:
            continue
        k = j
        while k < len(tokens) and words[k] in NOUN_LINKS:
            k += 1
        covering = [i for i, src in enumerate(out) if src.label == "SRC" and src.first <= j - 1 <= src.last]
        if any(w in OWN for w in words[cue.last + 1:j]):
            # "nach eigenen Angaben": the clause's subject is the source (found by the fallbacks)
            out = [src for i, src in enumerate(out) if i not in covering]
            out.append(Span(cue.first, j - 1, "CUE", cue.prob))
            continue
        for i in covering:
            src = out[i]
            if k <= src.last:         # "nach Angaben | von n24": the source starts after the noun
                out[i] = Span(k, src.last, "SRC", src.prob)
                continue
            # "nach offiziellen Angaben" with nothing after: the phrase itself is the source
            break
        else:
            out.append(Span(cue.first, j - 1, "CUE", cue.prob))
            continue
        out.append(cue)
    return sorted(out, key=lambda s: (s.first, s.label))


def _split_sources_from_cues(spans: list[Span], tokens: list[Token], lex) -> list[Span]:
    """"meldete unter Berufung auf | Sicherheitskreise": words naming a source inside a cue span
    (a kind of source, or a listed name) are a source of their own."""
    out = []
    for span in spans:
        if span.label != "CUE" or span.last == span.first:
            out.append(span)
            continue
        names = {k for i, j, _ in lex.names.find(tokens[span.first:span.last + 1]) for k in range(i, j)}
        cut = next((k for k in range(1, span.last - span.first + 1)
                    if k in names or lex.kind(tokens[span.first + k].text) in SOURCE_KINDS), None)
        if cut is None:
            out.append(span)
            continue
        end = cut
        while end + 1 <= span.last - span.first and (end + 1 in names or tokens[span.first + end + 1].text[:1].isupper()):
            end += 1
        out.append(Span(span.first, span.first + cut - 1, "CUE", span.prob))
        out.append(Span(span.first + cut, span.first + end, "SRC", span.prob))
        if span.first + end < span.last:
            out.append(Span(span.first + end + 1, span.last, "CUE", span.prob))
    return sorted(out, key=lambda s: (s.first, s.label))


def plausible_source(span: Span, tokens: list[Token], depth: list[int], extractor: FeatureExtractor) -> bool:
    lex = extractor.lex
    if any(depth[i] for i in range(span.first, span.last + 1)):
        return False
    words = [t.text for t in tokens[span.first: span.last + 1] if t.text[0].isalnum()]
    if not words:
        return False
    lang = lex.language
    for w in words:
        low = w.lower()
        if low in PRONOUNS[lang] or low in RELATIVES[lang] or lex.kind(w):
            return True
        if w.isdigit() or low in lex.stopwords:
            continue
        if any(c.isdigit() for c in w) and any(c.isalpha() for c in w):
            return True                                   # "n24", "3sat": names with digits
        # German nouns and names are capitalised; English common nouns are not
        if extractor.is_namelike(w) or (lang == "en" and w.isalpha()):
            return True
    return False


def prepare(spans: list[Span], tokens: list[Token], extractor: FeatureExtractor) -> list[Span]:
    """Repair the tagger's spans before linking: sources inside cue spans are split out,
    "nach | Angaben" joined, German sources cut at a verb."""
    lex = extractor.lex
    spans = _attach_cue_nouns(_split_sources_from_cues(spans, tokens, lex), tokens, lex)
    return _merge_adjacent([_cut_at_verb(s, tokens, lex) if s.label == "SRC" else s for s in spans])


def _merge_adjacent(spans: list[Span]) -> list[Span]:
    """"intelligence" + "officials": sources the tagger cut in two are one."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.first, s.label)):
        if out and span.label == "SRC" and out[-1].label == "SRC" and span.first == out[-1].last + 1:
            prev = out.pop()
            span = Span(prev.first, span.last, "SRC", max(prev.prob, span.prob))
        out.append(span)
    return out


def cue_kinds(cue: Span, tokens: list[Token], lex) -> set:
    """The lexicon kinds of a cue's content words ("sprach von": verb, not the "von")."""
    words = [t.text.lower() for t in tokens[cue.first:cue.last + 1] if t.text[0].isalnum()]
    content = [w for w in words if w not in lex.stopwords] or words
    return {lex.cue_words.get(w) for w in content}


ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def _cut_at_verb(span: Span, tokens: list[Token], lex) -> Span:
    """German noun phrases hold no lower-case word but articles, adjectives and prepositions:
    "eines Artikels der New York Times | plant Nordkoreas Machthaber" ends before "plant"."""
    if lex.language != "de":
        return span
    for k in range(span.first + 1, span.last + 1):
        w = tokens[k].text
        if w.isalpha() and w.islower() and w not in lex.stopwords and not w.endswith(ADJECTIVE_ENDINGS) \
                and any(t.text[:1].isupper() for t in tokens[span.first:k]):
            return Span(span.first, k - 1, span.label, span.prob)
    return span


def link(spans: list[Span], tokens: list[Token], extractor: FeatureExtractor) -> list[Link]:
    """Each plausible cue with its best source (probability, distance up to ``MAX_DISTANCE``
    tokens, the side the cue takes a source on); a second source when confident or on the
    other side of a chain or quote cue. A source serves one cue; reported content is dropped."""
    depth = quote_depth(tokens)
    cues = [s for s in spans if s.label == "CUE" and plausible_cue(s, tokens, depth, extractor)]
    sources = sorted((s for s in spans if s.label == "SRC" and plausible_source(s, tokens, depth, extractor)),
                     key=lambda s: s.first)
    if not cues or not sources:
        return []
    starts = [s.first for s in sources]
    longest = max(s.last - s.first for s in sources)
    complementizers = _running_count(tokens, COMPLEMENTIZERS)
    pairs = []
    for cue in cues:
        # only sources within reach: a long sentence costs linear time, not cues × sources
        lo = bisect.bisect_left(starts, cue.first - MAX_DISTANCE - longest)
        hi = bisect.bisect_right(starts, cue.last + MAX_DISTANCE)
        for src in sources[lo:hi]:
            if cue.last < src.first:
                d = src.first - cue.last
                if complementizers[src.first] > complementizers[cue.last + 1]:
                    continue                           # "reported that Kim …": Kim is in the content
            elif src.last < cue.first:
                d = cue.first - src.last
            else:
                continue
            if d <= MAX_DISTANCE:
                pairs.append((src.prob * cue.prob * DECAY ** d * _side(cue, src, tokens, extractor.lex), cue, src))
    pairs.sort(key=lambda p: (-p[0], p[1].first, p[2].first))
    links, used_sources, sides = [], set(), {}
    for score, cue, src in pairs:
        if src in used_sources:
            continue
        side = src.first > cue.last
        taken = sides.setdefault(cue, set())
        # a second source: confident, or on the other side of a chain or quote cue
        # ("X berichtet unter Berufung auf Y", "KCNA zitierte Kim"; not "denied the report")
        two_sided = bool(cue_kinds(cue, tokens, extractor.lex) & {"before", "quote"})
        if taken and (side in taken or len(taken) > 1 or not two_sided) and src.prob < CONFIDENT:
            continue
        links.append(Link(cue, src))
        used_sources.add(src)
        taken.add(side)
    return reported_content_removed(sorted(links, key=lambda l: (l.cue.first, l.source.first)), tokens)


def _running_count(tokens: list[Token], words) -> list[int]:
    """counts[i]: how many of ``tokens[:i]`` are in ``words`` (lower case); a range holds one
    when ``counts[j] > counts[i]``."""
    counts = [0]
    for t in tokens:
        counts.append(counts[-1] + (t.text.lower() in words))
    return counts


def _side(cue: Span, src: Span, tokens: list[Token], lex) -> float:
    """A source on the side its cue takes one: after "laut", "citing", "unter Berufung auf";
    before a verb ("X said"; after it only in inversion, "said the official")."""
    after = src.first > cue.last
    kinds = cue_kinds(cue, tokens, lex)
    if "before" in kinds:
        # the phrase right after "laut"/"citing" is its object: it wins over a verb next to it
        return (1.2 if src.first - cue.last <= 2 else 1.0) if after else 0.8
    if "after" in kinds:
        return 1.0 if not after else 0.8
    return 0.9 if after else 1.0


def reported_content_removed(links: list[Link], tokens: list[Token]) -> list[Link]:
    """Spec rule 3: a speech act inside reported content is no attribution of the outlet.
    "KCNA reported that leader Kim had said …": "had said" follows "reported" and "that"."""
    if len(links) < 2:
        return links
    complementizers = _running_count(tokens, COMPLEMENTIZERS)
    # another link ends before this cue and a "that" lies between its cue and this one: of the
    # links ending before the cue, the one whose cue comes first has the most words after it,
    # so a running minimum over links sorted by their end decides (linear after sorting)
    ends = sorted((max(o.cue.last, o.source.last), complementizers[o.cue.last + 1]) for o in links)
    keys = [e for e, _ in ends]
    lowest, low = [], float("inf")
    for _, count in ends:
        low = min(low, count)
        lowest.append(low)
    keep = []
    for lk in links:
        k = bisect.bisect_left(keys, lk.cue.first)
        if not (k and complementizers[min(lk.cue.first, lk.source.first)] > lowest[k - 1]):
            keep.append(lk)
    return keep


@lru_cache(maxsize=None)
def venue_words(language: str) -> tuple[re.Pattern, frozenset, frozenset]:
    """(cue pattern, medium words, show words) from ``data/venues.tsv``."""
    table = read_tsv("venues.tsv")
    rows = table[table["language"] == language]
    cues = "|".join(f"(?:{form})" for form in rows.loc[rows["kind"] == "cue", "form"])
    words = lambda kind: frozenset(w.strip().lower() for cell in rows.loc[rows["kind"] == kind, "form"]
                                   for w in cell.split(",") if w.strip())
    return re.compile(r"(?<![\w-])(?:" + cues + r")\b", re.I if language == "en" else 0), words("medium"), words("show")


def venues(text: str, tokens: list[Token], links: list[Link], extractor: FeatureExtractor) -> list[Link]:
    """Media a statement was given to, as extra links: only for sentences that have a link."""
    if not links or not tokens:
        return []
    lex = extractor.lex
    start, end = tokens[0].start, tokens[-1].end
    sentence = text[start:end]
    used = {(l.source.first, l.source.last) for l in links}
    held = {k for l in links for k in range(l.source.first, l.source.last + 1)}   # positions of sources
    starts = [t.start for t in tokens]
    out = []
    cues, mediums, shows = venue_words(lex.language)
    for m in cues.finditer(sentence):
        window_end = min(len(sentence), m.end() + 60)
        after = sentence[m.end():window_end]
        target = None
        for a, b, kind, _ in lex.closed_matches(after):
            if kind in ("state", "outlet") and not after[:a].strip(" ,„“\"’'").count(" ") > 4:
                target = (m.end() + a, m.end() + b)
                break
        if target is None:
            words = re.finditer(r"[\w-]+", after)
            for k, w in enumerate(words):
                if k > 4:
                    break
                if w.group().lower() in mediums:
                    target = (m.end() + w.start(), m.end() + w.end())
                    break
        if target is None:
            continue
        a, b = target[0] + start, target[1] + start
        # tokens by offset with bisect: a long sentence stays linear
        first, last = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b) - 1
        if first >= len(tokens) or last < 0 or (first, last) in used:
            continue
        cue_first = bisect.bisect_left(starts, m.start() + start)
        cue_last = bisect.bisect_left(starts, m.end() + start) - 1
        if cue_first >= len(tokens) or cue_last < 0 or cue_first > cue_last:
            continue
        out.append(Link(Span(cue_first, cue_last, "CUE", 1.0), Span(first, last, "SRC", 1.0), venue=True))
        used.add((first, last))
        held.update(range(first, last + 1))
    # "In a Bloomberg interview", "im „NYT“-Interview", "on Fox News Sunday": the outlet names
    # the interview or show the statement was made in
    for i, j, (kind, _) in lex.names.find(tokens):
        if kind not in ("state", "outlet") or any(k in held for k in range(i, j)):
            continue
        k = j
        while k < len(tokens) and tokens[k].text in ("“", "”", '"', "»", "«", "-"):
            k += 1
        if k < len(tokens) and tokens[k].text.lower() in shows:
            out.append(Link(Span(k, k, "CUE", 1.0), Span(i, j - 1, "SRC", 1.0), venue=True))
            used.add((i, j - 1))
            held.update(range(i, j))
    return out
