"""Source detection: who does an article rely on, and what kind of source is it?

The steps, one module each: ``text`` (tokens, quotations) → ``features`` (what the tagger
sees) → ``tagger`` (cue and source spans from the trained CRF) → ``linking`` (each source to
its cue; venues) → ``context`` (pronouns, role nouns, the outlet's own reporting) →
``categories`` (lists for closed classes, a learned model for the rest) → ``detect`` (the
per-article loop, ``find_attributions``). ``train`` rebuilds the models in ``models/`` and
``evaluate`` scores them against gold labels. Word lists: ``lexicons`` (TSV files in
``analysis/data``).
"""
from .categories import CATEGORIES
from .detect import OUTPUT_COLUMNS, attributions_in_text, find_attributions

__all__ = ["CATEGORIES", "OUTPUT_COLUMNS", "attributions_in_text", "find_attributions"]
