"""What an article has said so far: which sources it named, for pronouns and role nouns.

"sagte er", "he said", "the spokesman added", "der Minister forderte" name no one; they take
the category of the source they refer back to and are marked optional (labelling conventions:
reported or not, never scored). Relative pronouns ("McConnell, who said") take the phrase
before them in the same sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import canonical_outlet
from .lexicons import DETERMINERS, PRONOUNS, Lexicon
from .text import TOKEN

SINGULAR_PRONOUNS = {"he", "she", "er", "i", "ich"}
ROLE_KINDS = {"role", "anon", "member", "media", "expert", "other", "body"}


@dataclass
class Remembered:
    category: str
    phrase: str
    person: bool       # a named person or a role held by one


@dataclass
class ArticleContext:
    lex: Lexicon
    outlet: str | None = None
    text: str = ""
    sentences: list = field(default_factory=list)     # token lists of the text's sentences
    sources: list = field(default_factory=list)
    last_prob: float | None = None       # the category model's probability for the last source
    _names: list | None = None

    def names(self) -> list:
        """Outlets, organisations, places and persons the article names (computed once)."""
        if self._names is None:
            if self.sentences:
                self._names = [m for tokens in self.sentences if tokens
                               for m in self.lex.closed_matches(self.text, tokens)]
            else:
                self._names = self.lex.closed_matches(self.text)
        return self._names

    def remember(self, category: str, phrase: str) -> None:
        words = [w for w in TOKEN.findall(phrase) if w[0].isalpha()]
        if not words:
            return
        kinds = {self.lex.kind(w) for w in words}
        person = bool(kinds & {"role", "expert", "other"}) or any(w[0].isupper() for w in words[1:])
        self.sources.append(Remembered(category, phrase, person))
        del self.sources[:-12]

    def resolve_pronoun(self, pronoun: str) -> Remembered | None:
        low = pronoun.lower()
        for item in reversed(self.sources):
            if low in SINGULAR_PRONOUNS and not item.person:
                continue
            return item
        return None

    def resolve_role(self, phrase: str) -> Remembered | None:
        """"der Minister" / "the spokesman": the latest source whose phrase has the same head."""
        words = [w for w in TOKEN.findall(phrase) if w[0].isalpha()]
        if not words or words[0].lower() not in DETERMINERS[self.lex.language] or len(words) > 3:
            return None
        head = words[-1]
        if self.lex.kind(head) not in ROLE_KINDS or self.lex.closed_matches(head):
            return None                                   # "Die USA", "the US": no role noun
        core = _core(head)
        for item in reversed(self.sources):
            earlier = [_core(w) for w in TOKEN.findall(item.phrase) if w[0].isalpha()]
            if item.phrase.lower() != phrase.lower() and any(w == core or w.endswith(core) for w in earlier):
                return item                               # "Minister" in "Vereinigungsminister Kim"
        return None

    def is_own_outlet(self, value: str | None) -> bool:
        """The publishing outlet citing its own reporting ("told Sputnik" in Sputnik)."""
        if not value or not self.outlet:
            return False
        own = canonical_outlet(self.outlet) or self.outlet
        return (canonical_outlet(value) or value).lower() == own.lower()


def _core(word: str) -> str:
    """A noun without plural or case ending, lower case: "Ministers" -> "minister"."""
    low = word.lower()
    for ending in ("innen", "in", "en", "es", "s", "n"):
        if low.endswith(ending) and len(low) - len(ending) >= 4:
            return low[: -len(ending)]
    return low


def is_personal_pronoun(phrase: str, language: str) -> bool:
    return phrase.strip().lower() in PRONOUNS[language]
