"""The trained model files of one language, loaded once per process.

``models/<lang>.crf.json`` is the cue/source tagger (a linear-chain CRF trained with crfsuite,
its weights exported to JSON) and ``models/<lang>.json`` holds everything else training decided: the learned cue stems and the
common lower-case words the features use, the decoding threshold, and the category model's
weights. Neither format runs
code when loaded. ``make train`` rebuilds both from ``../shared/train`` and the labels in
``data/training`` (see ``train.py`` and ``models/MODEL_CARD.md``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .categories import CategoryModel, SourceFeatures
from .crf import LinearChainCRF
from .features import FeatureExtractor
from .lexicons import Lexicon, lexicon
from .tagger import SpanTagger

MODEL_DIR = Path(__file__).resolve().parent / "models"


class ModelMissing(FileNotFoundError):
    pass


@dataclass
class Model:
    language: str
    lex: Lexicon
    extractor: FeatureExtractor
    tagger: SpanTagger
    source_features: SourceFeatures
    categories: CategoryModel
    info: dict


def model_paths(language: str, directory: Path = MODEL_DIR) -> tuple[Path, Path]:
    return directory / f"{language}.crf.json", directory / f"{language}.json"


def load_model(language: str, extra_cues: str | None = None, extra_sources: str | None = None,
               directory: str | None = None) -> Model:
    """The model for ``language``; ``extra_*`` are user TSV files added to the lexicons.
    Loaded once per process and set of arguments."""
    return _load(language, extra_cues, extra_sources, directory)


@lru_cache(maxsize=8)
def _load(language: str, extra_cues: str | None, extra_sources: str | None, directory: str | None) -> Model:
    crf, meta = model_paths(language, Path(directory) if directory else MODEL_DIR)
    if not crf.exists() or not meta.exists():
        raise ModelMissing(f"no trained source model for {language!r} in {crf.parent}; run `make train`")
    info = json.loads(meta.read_text(encoding="utf-8"))
    lex = lexicon(language, extra_cues, extra_sources)
    weights = LinearChainCRF.load(crf)
    extractor = FeatureExtractor(lex, info["learned_cues"], info["lowercase_words"], index=weights.index)
    tagger = SpanTagger(weights, extractor, info["threshold"])
    return Model(language, lex, extractor, tagger, SourceFeatures(lex),
                 CategoryModel(info["categories"]["classes"], info["categories"]["intercept"],
                               info["categories"]["weights"]), info)
