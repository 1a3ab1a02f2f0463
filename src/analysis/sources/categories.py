"""Which of the seven categories a source belongs to.

Closed classes are decided by the lists (spec rules 4 and 7): a name from the outlet table is
``state_media`` or ``other_media`` by its state-control column, a media word with a state marker
("staatliche Medien", "state media") is ``state_media``, an unnamed official ("US-Beamte", "a
senior official", "nicht namentlich genannte Quellen") is ``anonymous_official``, an unnamed
member of a company or association takes its category ("ein Sprecher des Konzerns": other),
and a phrase whose only source word is an expert, document or company word takes that
category ("Korea-Experte Jean H. Lee", "laut einer Studie"). Every other source is decided by a
linear model learned from labelled news: it reads the source phrase
(words, word endings, what the lexicons say of them, organisations it names) and the article
around it: how the person is introduced elsewhere ("Kay Weidner, ein Sprecher des
Bundeskartellamts"), a party tag ("(SPD)", "R-Texas"), the role word before the name.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from .lexicons import ANONYMISERS, DETERMINERS, INDEFINITE, PARTY_TAG, PRONOUNS, RELATIVES, TITLES, Lexicon
from .text import TOKEN

CATEGORIES = [
    "anonymous_official", "named_official", "state_media", "other_media",
    "expert", "document", "other",
]
_CAPITAL = re.compile(r"^[A-ZÄÖÜ]")
MAX_MENTIONS = 50
_APPOSITION = re.compile(r"\s*(?:[A-ZÄÖÜ][\w'’.-]+\s*)*[,(]\s*([^,;()]{2,120})[,;)]")


class SourceFeatures:
    """Features of a source phrase in its article, for the category model."""

    def __init__(self, lex: Lexicon):
        self.lex = lex

    def _words(self, tokens: list[str], prefix: str, endings: bool = True) -> list[str]:
        out = []
        for tok in tokens:
            if not tok[0].isalnum():
                continue
            low = tok.lower()
            out.append(f"{prefix}w={low}")
            kind = self.lex.kind(tok)
            if kind:
                out.append(f"{prefix}k={kind}")
            if endings and len(low) >= 5:
                out.extend(f"{prefix}s{n}={low[-n:]}" for n in (3, 4, 5, 6) if len(low) > n)
                out.extend(f"{prefix}p{n}={low[:n]}" for n in (4, 5, 6) if len(low) > n + 1)
        return out

    def _left_of_name(self, left: list[str]) -> list[str]:
        """The words of the name's own noun phrase before it: "Der Korea-Experte Jean H." for
        "Lee"; nothing of "Das Treffen sei symbolisch, sagte" (a clause, not a title)."""
        out = []
        for k in range(len(left) - 1, -1, -1):
            tok = left[k]
            if tok == "." and k > 0 and len(left[k - 1]) == 1 and left[k - 1].isupper():
                continue                                   # the dot of an initial ("H.")
            if not tok[0].isalnum():
                break
            if not (tok[0].isupper() or self.lex.kind(tok)):
                if tok.lower() in DETERMINERS[self.lex.language] or (tok.isalpha() and tok.islower() and out):
                    continue                               # "der", "the", adjectives
                break
            out.append(tok)
            if len(out) == 5:
                break
        return out[::-1]

    def names(self, tokens: list[str]) -> list[str]:
        """Capitalised words that no lexicon knows: names of people or organisations."""
        lang = self.lex.language
        return [t for t in tokens if _CAPITAL.match(t) and len(t) > 1 and not self.lex.kind(t)
                and t.lower() not in DETERMINERS[lang] and t.lower().rstrip(".") not in TITLES]

    def features(self, text: str, start: int, end: int, cue: str = "", names: list | None = None) -> list[str]:
        """Features of ``text[start:end]`` as a source; ``names`` are the article's closed-class
        matches (``lex.closed_matches(text)``), computed once per article."""
        lex = self.lex
        if names is None:
            names = lex.closed_matches(text)
        phrase = text[start:end]
        tokens = TOKEN.findall(phrase)
        f = self._words(tokens, "s")
        if tokens:
            first = tokens[0].lower()
            f.append("det=" + ("indef" if first in INDEFINITE else "def" if first in DETERMINERS[lex.language] else "none"))
            f.append("last=" + tokens[-1].lower())
            head_kinds = [lex.kind(t) for t in tokens if lex.kind(t)]
            if head_kinds:
                f.append("firstkind=" + head_kinds[0])
        for _, _, kind, value in lex.closed_matches(phrase):
            f.append("closed=" + kind)
        f.extend("phrase=" + kind for _, _, kind in lex.phrase_matches(phrase))
        if lex.has_state_marker(phrase):
            f.append("statemarker")
        if ANONYMISERS.search(phrase):
            f.append("anon")
        if PARTY_TAG.search(phrase):
            f.append("party")
        person_names = [t for t in self.names(tokens) if not lex.closed_matches(t)]
        f.append("names=%d" % min(len(person_names), 3))
        if cue:
            low = cue.lower()
            f.append("cue=" + low)
            f.extend("cuew=" + w for w in low.split())
        if person_names:
            f.extend(self.profile(text, person_names[-1], end, names))
        else:
            left = TOKEN.findall(text[max(0, start - 30): start])[-3:]
            f.extend(x for x in self._words(left, "l:", endings=False) if ":k=" in x)
        return f

    def profile(self, text: str, name: str, end: int, names: list) -> list[str]:
        """How the article describes a name: words before it and its apposition, at every mention
        (the first ``MAX_MENTIONS``: a name repeated thousands of times costs no more)."""
        f, desc = [], []
        starts = [a for a, _, _, _ in names]
        # a transcript writes "PENCE:" for the "Gov. Mike Pence" of the article
        flags = re.I if name.isupper() and len(name) > 3 else 0
        for k, m in enumerate(re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text, flags)):
            if m.start() > end + 400 or k == MAX_MENTIONS:
                break
            desc.extend(self._left_of_name(TOKEN.findall(text[max(0, m.start() - 60): m.start()])))
            apposition = _APPOSITION.match(text, m.end(), min(len(text), m.end() + 160))
            if apposition:
                desc.extend(TOKEN.findall(apposition.group(1))[:14])
            if PARTY_TAG.search(text, max(0, m.start() - 30), min(len(text), m.end() + 40)):
                f.append("d:party")
            lo, hi = max(0, m.start() - 60), m.end() + 100
            for k in range(bisect.bisect_left(starts, lo), len(names)):
                a, b, kind, _ = names[k]
                if b > hi:
                    break
                f.append("d:closed=" + kind)
        return f + self._words(desc, "d:")


OWNER_CATEGORY = {"other": "other", "media": "other_media", "expert": "expert"}
OFFICIAL_KINDS = {"body", "place", "role", "anon"}
HEAD_CATEGORY = {"expert": "expert", "document": "document", "other": "other"}
HEAD_MARK = " (head of the phrase)"        # decisions about the person or body the phrase names


def closed_category(phrase: str, lex: Lexicon) -> tuple[str, str] | None:
    """The category the lists decide for a source phrase, with the reason; None if open.

    Outlets and media words (spec rule 4); unnamed people (rule 7): an unnamed official
    ("US-Beamte", "a senior official"), an unnamed person in an office ("ein Sprecher des
    Ministeriums") or inside an organisation, whose category is the organisation's
    ("Vertreter der Bauwirtschaftsverbände" is other, "Mitarbeiter des Ministeriums" an
    unnamed official). A phrase that names a person is left to the model.
    """
    tokens = TOKEN.findall(phrase)
    if not tokens:
        return None
    closed = lex.closed_matches(phrase)
    outlets = [(kind, value) for _, _, kind, value in closed if kind in ("state", "outlet")]
    kinds = [lex.kind(t) for t in tokens]
    # multi-word source phrases ("offizielle Stellen", "people familiar") count as their kind
    for a, b, kind in lex.phrase_matches(phrase):
        inside = [i for i, t in enumerate(TOKEN.finditer(phrase)) if a <= t.start() < b]
        for i in inside:
            kinds[i] = kind
    if outlets:
        # "Reporter der BBC", "KCNA", "the New York Times": the outlet decides
        heads = {k for k in kinds if k and k != "media"}
        if not heads or heads <= {"document", "channel"}:
            kind, value = outlets[0]
            return ("state_media" if kind == "state" else "other_media"), f"outlet table: {value}"
    if "media" in kinds and not any(k in ("role", "body", "anon", "expert", "other", "member") for k in kinds):
        if lex.has_state_marker(phrase):
            return "state_media", "state media (marker word)"
        return "other_media", "media word"
    spans = list(TOKEN.finditer(phrase))
    listed = [any(a <= m.start() < b for a, b, _, _ in closed) for m in spans]
    unknown = [bool(_CAPITAL.match(t)) and k is None and t.lower() not in DETERMINERS[lex.language]
               and not is_listed for t, k, is_listed in zip(tokens, kinds, listed)]
    present = {k for k in kinds if k and k not in ("none", "channel", "pronoun")}
    others = {kind for _, _, kind, _ in closed}
    if len(present) == 1 and not others - {"place"} and not ANONYMISERS.search(phrase):
        # one kind of source word and no other listed name: the word decides ("Korea-Experte
        # Jean H. Lee", "laut einer Studie", "Augenzeugen", "the company")
        only = next(iter(present))
        if only in HEAD_CATEGORY:
            return HEAD_CATEGORY[only], f"{only} word" + HEAD_MARK
    if any(a and b for a, b in zip(unknown, unknown[1:])) and not ANONYMISERS.search(phrase):
        return None                                   # a person's name ("John Kirby")
    indefinite_role = tokens[0].lower() in INDEFINITE and "role" in kinds
    unnamed = "anon" in kinds or "member" in kinds or indefinite_role or ANONYMISERS.search(phrase)
    if not unnamed:
        return None
    owners = [OWNER_CATEGORY[k] for k in kinds if k in OWNER_CATEGORY]
    owners += [kind[4:] for _, _, kind, _ in closed if kind.startswith("org:") and kind[4:] in ("other", "expert")]
    if owners:
        return owners[0], f"unnamed member of an organisation ({owners[0]})"
    official = any(k in OFFICIAL_KINDS for k in kinds) or any(
        kind in ("place", "org:named_official") for _, _, kind, _ in closed)
    if "anon" in kinds or ANONYMISERS.search(phrase) or official:
        return "anonymous_official", "unnamed officials" if "anon" in kinds else "unnamed person in an office"
    return None


def is_pronoun(phrase: str, language: str) -> bool:
    low = phrase.strip().lower()
    return low in PRONOUNS[language] or low in RELATIVES[language]


@dataclass
class CategoryModel:
    """A multinomial logistic regression stored as JSON (no pickle: loading runs no code)."""

    classes: list
    intercept: list
    weights: dict          # feature -> list of weights, one per class

    def to_json(self) -> dict:
        return {"classes": self.classes, "intercept": self.intercept, "weights": self.weights}

    def scores(self, features: list[str]) -> list[float]:
        total = list(self.intercept)
        for feat in sorted(set(features)):          # a fixed order: the same sums on every run
            w = self.weights.get(feat)
            if w is not None:
                for i, v in enumerate(w):
                    total[i] += v
        return total

    def predict(self, features: list[str]) -> tuple[str, float, str]:
        """(category, probability, the two features that pushed hardest towards it)."""
        scores = self.scores(features)
        top = max(range(len(scores)), key=scores.__getitem__)
        z = sum(math.exp(s - scores[top]) for s in scores)
        reasons = sorted(((self.weights[f][top], f) for f in set(features) if f in self.weights), reverse=True)[:2]
        return self.classes[top], 1.0 / z, ", ".join(_readable(f) for w, f in reasons if w > 0)


def _readable(feature: str) -> str:
    name, _, value = feature.partition("=")
    labels = {"sw": "word", "sk": "word kind", "d:w": "described as", "d:k": "described as kind",
              "cue": "cue", "closed": "names", "d:closed": "described with", "last": "last word",
              "firstkind": "kind", "l:k": "after a"}
    if name.startswith(("ss", "sp")) and name[2:].isdigit():
        return f"word part '{value}'"
    return f"{labels.get(name, name)} '{value}'" if value else labels.get(name, name)
