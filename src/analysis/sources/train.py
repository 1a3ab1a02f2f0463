"""Rebuild the source models from annotated news: ``python -m analysis.sources.train``.

Inputs: the quotation corpora in ``../shared/train`` (cue and source spans, no categories)
and the project's category labels for them in ``data/training`` (see its README). Outputs,
per language: ``models/<lang>.crf.json`` (the cue/source tagger) and ``models/<lang>.json``
(learned cue stems, decoding threshold, category model). The same inputs give the same bytes.

What is learned from what:
- The tagger learns cue and source spans from every annotation the labels count (category not
  ``none``; pronoun speakers included) plus the attributions the labellers added. English
  articles without labels contribute the annotations whose cue the labels usually count
  (``--english-unlabelled filtered``, the default), all of them (``all``) or none (``skip``).
- The category model learns from every labelled source phrase that names its source (pronouns
  and continuations left out).
"""
from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path

from ..lexicon import read_tsv
from ..sentences import split_sentences
from .categories import CATEGORIES, CategoryModel, SourceFeatures, is_pronoun
from .crf import export
from .features import FeatureExtractor
from .lexicons import AUXILIARIES, lexicon
from .model import MODEL_DIR, model_paths
from .text import quote_depth, tokenize, windows

PROJECT = Path(__file__).resolve().parents[3]
SHARED = PROJECT.parent / "shared"
CORPORA = {"de": "train/de_wikinews_train.jsonl", "en": "train/en_polnear_train.jsonl"}
LABELS = {"de": "data/training/de_wikinews_train_labels.tsv", "en": "data/training/en_polnear_train_labels.tsv"}
SPEAKER = {"de": "speaker", "en": "source"}
TAGGED_KINDS = {"explicit", "pronoun", "role_anaphor", "borderline", "non_statement"}
CATEGORY_KINDS = {"explicit", "role_anaphor", "borderline"}
# Chosen by 5-fold cross-validation on the training articles (``--cv``), never on dev data.
THRESHOLD = {"de": 0.1, "en": 0.3}
CRF_PARAMS = {"c1": 0.2, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
CATEGORY_C = 3.0
MIN_CUE_COUNT = 2


def read_corpus(language: str, shared: Path = SHARED) -> list[dict]:
    path = shared / CORPORA[language]
    if not path.exists():
        raise FileNotFoundError(f"{path}: training corpus not found (expected beside the project in ../shared)")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_labels(language: str) -> dict[str, list[dict]]:
    """Labels per article id, in file order."""
    table = read_tsv(PROJECT / LABELS[language])
    out: dict[str, list[dict]] = collections.defaultdict(list)
    for row in table.to_dict("records"):
        out[row["article_id"]].append(row)
    return out


def counted_cues(corpus, labels_by_id, lex, min_count: int = 3, min_share: float = 0.5) -> set[str]:
    """Stems of cue heads that the labels count (category not ``none``) at least ``min_share``
    of the time: "said", "told", "according to" yes; "endorsed", "plans", "wants" no."""
    seen, counted = collections.Counter(), collections.Counter()
    for article in corpus:
        for row in labels_by_id.get(article["id"], ()):
            if row["annotation"] == "add":
                continue
            head = _cue_head(article, article["annotations"][int(row["annotation"])], lex)
            if head:
                seen[head] += 1
                counted[head] += row["category"] != "none"
    return {h for h, n in seen.items() if n >= min_count and counted[h] / n >= min_share}


def _cue_head(article, annotation, lex) -> str | None:
    for a, b in annotation["cue"]:
        for tok in tokenize(article["text"], a, b):
            low = tok.text.lower()
            if tok.text[0].isalpha() and low not in lex.stopwords and low not in AUXILIARIES[lex.language]:
                return lex.stem(low)
    return None


def gold(article: dict, labels: list[dict] | None, language: str, unlabelled: str,
         counted: set | None = None, lex=None) -> list[dict]:
    """The attributions to learn from in one article: cue spans, source spans, label row.

    An article without labels gives all its annotations (``unlabelled="all"``), those whose
    cue the labels usually count (``"filtered"``), or none (``"skip"``)."""
    anns = article["annotations"]
    key = SPEAKER[language]
    if labels is None:
        if unlabelled == "skip":
            return []
        keep = [a for a in anns if a["cue"] and a[key]]
        if unlabelled == "filtered":
            keep = [a for a in keep if _cue_head(article, a, lex) in counted]
        return [{"cue": a["cue"], "source": a[key], "label": None} for a in keep]
    out = []
    for row in labels:
        if row["category"] == "none" or row["kind"] not in TAGGED_KINDS:
            continue
        cue, source = label_spans(article, row, language)
        out.append({"cue": cue, "source": source, "label": row})
    return out


def label_spans(article: dict, row: dict, language: str) -> tuple[list, list]:
    """(cue spans, source spans) of a label row: an added row's own offsets, else the corpus
    annotation's."""
    if row["annotation"] == "add":
        return ([[int(row["cue_start"]), int(row["cue_end"])]],
                [[int(row["source_start"]), int(row["source_end"])]])
    a = article["annotations"][int(row["annotation"])]
    return a["cue"], a[SPEAKER[language]]


def _bio(tokens, spans, label, tags):
    for a, b in spans:
        first = True
        for i, tok in enumerate(tokens):
            if tok.start < b and tok.end > a:
                if tags[i] == "O":
                    tags[i] = ("B-" if first else "I-") + label
                first = False


def learned_cue_stems(corpus, attributions, lex) -> list[str]:
    """Stems of the content words of training cues seen at least ``MIN_CUE_COUNT`` times."""
    counts = collections.Counter()
    skip = AUXILIARIES[lex.language] | lex.stopwords     # "geht davon aus": "davon", "aus" are no cues
    for article, atts in zip(corpus, attributions):
        for att in atts:
            for a, b in att["cue"]:
                for tok in tokenize(article["text"], a, b):
                    if tok.text[0].isalpha() and len(tok.text) > 1 and tok.text.lower() not in skip:
                        counts[lex.stem(tok.text)] += 1
    return sorted(s for s, c in counts.items() if c >= MIN_CUE_COUNT)


def lowercase_words(corpus, min_count: int = 3) -> list[str]:
    """Words the training texts write in lower case inside a sentence, ``min_count`` times or more."""
    counts = collections.Counter()
    for article in corpus:
        text = article["text"]
        for s, e in split_sentences(text):
            for tok in tokenize(text, s, e)[1:]:
                if tok.text[0].islower() and tok.text[0].isalpha():
                    counts[tok.text.lower()] += 1          # "eBay" is looked up as "ebay"
    return sorted(w for w, c in counts.items() if c >= min_count)


def _unannotated_cue(tokens, extractor) -> bool:
    """A verb of saying from the lexicon outside quotations: the annotators probably missed
    an attribution here."""
    lex = extractor.lex
    depth = quote_depth(tokens)
    return any(not d and t.text[0].isalpha() and lex.stem(t.text) in lex.cue_stems
               for t, d in zip(tokens, depth))


def reviewed_positions(corpus, labels_by_id) -> list[list[int]]:
    """Per article, where a labeller's added row sits (``annotation`` ``add``, any category,
    ``none`` included): its sentence was read as a whole, so what it lacks is no attribution."""
    out = []
    for article in corpus:
        out.append(sorted(int(row["cue_start"]) for row in labels_by_id.get(article["id"], ())
                          if row["annotation"] == "add" and str(row["cue_start"]).strip() not in ("", "nan")))
    return out


def sequences(corpus, attributions, extractor, drop_unannotated: bool = True, reviewed=None):
    """CRF training sequences, one per sentence. Sentences without any annotation that hold
    a cue word are left out (``drop_unannotated``): the corpora's annotation is incomplete,
    and as negatives they would teach the tagger to ignore real attributions. A sentence a
    labeller reviewed (``reviewed``: positions per article, from :func:`reviewed_positions`)
    is kept whatever it holds."""
    X, Y, dropped = [], [], 0
    reviewed = reviewed or [[] for _ in corpus]
    for article, atts, checked in zip(corpus, attributions, reviewed):
        text = article["text"]
        for s, e in split_sentences(text):
            tokens = tokenize(text, s, e)
            if not tokens:
                continue
            tags = ["O"] * len(tokens)
            for att in atts:
                if att["cue"] and att["source"]:
                    _bio(tokens, att["cue"], "CUE", tags)
                    _bio(tokens, att["source"], "SRC", tags)
            if drop_unannotated and all(t == "O" for t in tags) and _unannotated_cue(tokens, extractor) \
                    and not any(s <= pos < e for pos in checked):
                dropped += 1
                continue
            for a, b in windows(len(tokens)):              # as detection tags very long sentences
                X.append(extractor.sentence(text, tokens[a:b]))
                Y.append(tags[a:b])
    return X, Y, dropped


def train_tagger(X, Y, path: Path, params=CRF_PARAMS) -> None:
    """Train a CRF with crfsuite (L-BFGS, deterministic) and export its weights to ``path``."""
    import tempfile

    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(X, Y):
        trainer.append(x, y)
    trainer.set_params(params)
    with tempfile.TemporaryDirectory() as tmp:
        binary = Path(tmp) / "model.crfsuite"
        trainer.train(str(binary))
        export(binary, path)


def category_examples(corpus, labels_by_id, language, sf: SourceFeatures):
    X, y = [], []
    for article in corpus:
        rows = labels_by_id.get(article["id"], ())
        names = sf.lex.closed_matches(article["text"]) if rows else []
        for row in rows:
            if row["category"] == "none" or row["kind"] not in CATEGORY_KINDS:
                continue
            cue, spans = label_spans(article, row, language)
            if not spans:
                continue
            start, end = min(a for a, _ in spans), max(b for _, b in spans)
            if is_pronoun(article["text"][start:end], language):
                continue
            # the first piece of a split cue ("gab … bekannt"): detection sees one stretch too
            cue_text = article["text"][cue[0][0]:cue[0][1]] if cue else ""
            X.append(sf.features(article["text"], start, end, cue_text, names))
            y.append(row["category"])
    return X, y


def train_categories(X, y, C: float = CATEGORY_C) -> CategoryModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    M = vec.fit_transform([{f: 1 for f in feats} for feats in X])
    clf = LogisticRegression(C=C, max_iter=5000)
    clf.fit(M, y)
    classes = [str(c) for c in clf.classes_]
    weights = {}
    for j, name in enumerate(vec.feature_names_):
        w = [round(float(v), 5) for v in clf.coef_[:, j]]
        if any(abs(v) >= 1e-4 for v in w):
            weights[name] = w
    return CategoryModel(classes, [round(float(v), 5) for v in clf.intercept_], dict(sorted(weights.items())))


def build(language: str, out_dir: Path = MODEL_DIR, shared: Path = SHARED, unlabelled: str = "filtered",
          articles: set | None = None, log=print) -> dict:
    """Train both models of one language and write them to ``out_dir``."""
    t0 = time.time()
    corpus = read_corpus(language, shared)
    if articles is not None:
        corpus = [a for a in corpus if a["id"] in articles]
    labels = read_labels(language)
    lex = lexicon(language)
    counted = counted_cues(corpus, labels, lex)
    atts = [gold(a, labels.get(a["id"]), language, unlabelled, counted, lex) for a in corpus]
    cues = learned_cue_stems(corpus, atts, lex)
    lowercase = lowercase_words(corpus)
    extractor = FeatureExtractor(lex, cues, lowercase)
    X, Y, dropped = sequences(corpus, atts, extractor, reviewed=reviewed_positions(corpus, labels))
    crf_path, meta_path = model_paths(language, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    train_tagger(X, Y, crf_path)
    t1 = time.time()
    CX, Cy = category_examples(corpus, labels, language, SourceFeatures(lex))
    model = train_categories(CX, Cy)
    info = {
        "language": language,
        "threshold": THRESHOLD[language],
        "learned_cues": cues,
        "lowercase_words": lowercase,
        "training": {
            "articles": len(corpus),
            "labelled_articles": sum(1 for a in corpus if a["id"] in labels),
            "sentences": len(X),
            "sentences_left_out": dropped,
            "tagged_attributions": sum(len(a) for a in atts),
            "category_examples": len(Cy),
            "category_counts": dict(sorted(collections.Counter(Cy).items())),
            "unlabelled_english": unlabelled if language == "en" else None,
            "crf": {k: v for k, v in CRF_PARAMS.items()},
            "category_C": CATEGORY_C,
        },
        "categories": model.to_json(),
    }
    assert set(model.classes) <= set(CATEGORIES)
    meta_path.write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    log(f"{language}: tagger on {len(X)} sentences ({t1 - t0:.0f} s), category model on {len(Cy)} "
        f"sources ({time.time() - t1:.0f} s) -> {crf_path.name}, {meta_path.name}")
    return info


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.sources.train", description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=["de", "en"], action="append", help="default: both")
    parser.add_argument("--out", default=str(MODEL_DIR), help="model folder (default: the package's)")
    parser.add_argument("--shared", default=str(SHARED), help="folder holding train/ (default: %(default)s)")
    parser.add_argument("--english-unlabelled", choices=["all", "filtered", "skip"], default="filtered",
                        help="annotations of English articles without labels: all, those with usually "
                             "counted cues (default), or none")
    args = parser.parse_args(argv)
    languages = args.language or ["de", "en"]
    if len(languages) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=len(languages)) as pool:
            futures = [pool.submit(build, lang, Path(args.out), Path(args.shared), args.english_unlabelled)
                       for lang in languages]
            for f in futures:
                f.result()
    else:
        build(languages[0], Path(args.out), Path(args.shared), args.english_unlabelled)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
