"""Find attributions in articles: tag, link, categorise; one row per attribution.

Per sentence: the CRF proposes cue and source spans (``tagger``), ``linking`` pairs each
source with its cue and adds venues, ``context`` resolves pronouns and role nouns, and
``categories`` decides the category. Articles are independent, so they are spread over
``n_jobs`` processes; the result is the same whatever ``n_jobs`` is.
"""
from __future__ import annotations

import gc
import re
import warnings
from pathlib import Path

import pandas as pd

from ..sentences import split_sentences
from .categories import HEAD_MARK, closed_category
from .context import ArticleContext, is_personal_pronoun
from .lexicons import RELATIVES
from .fallbacks import add_missing
from .linking import link, prepare, reported_content_removed, venues
from .model import Model, load_model
from .text import tokenize
from ..frames import require_columns
from ..languages import analysed, analysed_language
from ..parallel import map_chunks

OUTPUT_COLUMNS = [
    "article_id", "outlet", "sentence_id", "sentence", "start", "end", "category", "source",
    "cue", "how", "source_start", "source_end", "cue_start", "cue_end",
    "optional", "own_outlet", "confidence",
]
# "der Koreanischen Zentralen Nachrichtenagentur (KCNA)": the short name belongs to the source
ACRONYM_AFTER = re.compile(r"\s*\(\s*[„“\"«»]?[A-ZÄÖÜ][\w.&-]{0,14}[“”\"«»]?\s*\)")
MAX_SENTENCE_CHARS = 5000       # about 750 words (the longest of 35,000 training sentences: 3,109 characters)


def attributions_in_text(text: str, language: str = "de", outlet: str | None = None, *,
                         model: Model | None = None) -> list[dict]:
    """Attributions in one text, as dicts with the columns of :data:`OUTPUT_COLUMNS`
    (without ``article_id`` and ``outlet``)."""
    return attributions_in_texts([text], language, [outlet], model=model)[0]


def attributions_in_texts(texts: list[str], language: str = "de", outlets: list | None = None, *,
                          model: Model | None = None) -> list[list[dict]]:
    """:func:`attributions_in_text` for several texts of one language, tagged as one batch."""
    model = model or load_model(language)
    outlets = outlets or [None] * len(texts)
    bounds = [cut_long_sentences(text, split_sentences(text)) for text in texts]
    tokens = [[tokenize(text, s, e) for s, e in b] for text, b in zip(texts, bounds)]
    spans = model.tagger.spans(texts, [[t for t in toks if t] for toks in tokens])
    out = []
    for text, outlet, b, toks, found in zip(texts, outlets, bounds, tokens, spans):
        ctx = ArticleContext(model.lex, outlet, text, toks)
        rows: list[dict] = []
        spans_of = iter(found)
        for sid, ((s, e), sentence_tokens) in enumerate(zip(b, toks)):
            if not sentence_tokens:
                continue
            sentence_spans = prepare(next(spans_of), sentence_tokens, model.extractor)
            links = link(sentence_spans, sentence_tokens, model.extractor)
            extra = add_missing(links, sentence_spans, sentence_tokens, model.extractor)
            if extra:
                # rule 3 holds for the fallbacks' links too: "KCNA reported that Kim had said"
                links = reported_content_removed(sorted(links + extra, key=lambda l: (l.cue.first, l.source.first)),
                                                 sentence_tokens)
            links += venues(text, sentence_tokens, links, model.extractor)
            for lk in links:
                row = _categorise(text, sentence_tokens, lk, model, ctx)
                if row is None:
                    continue
                row.update(sentence_id=sid, sentence=text[s:e], start=s, end=e)
                rows.append(row)
        _same_person_same_category(rows, model)
        out.append([{k: v for k, v in row.items() if not k.startswith("_")} for row in rows])
    return out


def cut_long_sentences(text: str, bounds: list[tuple[int, int]], limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """Sentences longer than ``limit`` characters (a scrape without full stops, a table dump)
    cut into pieces at the last space before the limit, so that every row's ``sentence``
    stays readable and the cost stays linear. :func:`find_attributions` warns when it happens."""
    out = []
    for s, e in bounds:
        while e - s > limit:
            cut = text.rfind(" ", s + limit // 2, s + limit)
            cut = cut if cut > s else s + limit
            out.append((s, cut))
            s = cut + 1 if text[cut:cut + 1] == " " else cut
        out.append((s, e))
    return out


def _person_key(phrase: str, model: Model) -> str | None:
    """The surname a source phrase names: "Michael McFaul, a senior fellow …" -> "McFaul"."""
    head = re.split(r"[,(;]", phrase, maxsplit=1)[0]
    names = model.source_features.names([t.text for t in tokenize(head)])
    return names[-1].title() if names else None        # "PENCE" and "Pence" are one person


def _same_person_same_category(rows: list[dict], model: Model) -> None:
    """One person, one category per article: the fullest mention decides ("Larry King, the
    talk-show host" for the later bare "Mr. King"), the model's confidence between equals."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        if row.get("_decider") in ("model", "list"):
            key = _person_key(row["source"], model)
            if key:
                groups.setdefault(key, []).append(row)
    for key, group in groups.items():
        # a decision of the lists beats the model's; then the fullest phrase, then confidence
        best = max(group, key=lambda r: (r["_decider"] == "list", len(tokenize(r["source"])), r["_model_prob"] or 0))
        for row in group:
            if row["_decider"] == "model" and row["category"] != best["category"]:
                row["category"] = best["category"]
                row["how"] += f"; same person as '{best['source']}' ({best['category']})"


def _categorise(text, tokens, lk, model: Model, ctx: ArticleContext) -> dict | None:
    lang = model.language
    src_start, src_end = tokens[lk.source.first].start, tokens[lk.source.last].end
    cue_start, cue_end = tokens[lk.cue.first].start, tokens[lk.cue.last].end
    acronym = ACRONYM_AFTER.match(text, src_end, tokens[-1].end)
    if acronym and not cue_start <= acronym.start() < cue_end:
        src_end = acronym.end()
    phrase = text[src_start:src_end]
    cue = text[cue_start:cue_end]
    optional, remember = False, True
    ctx.last_prob = None
    decided = closed_category(phrase, model.lex)
    if lk.venue:
        category, how = decided or ("other_media", "venue: media word")
        how = "venue the statement was given to; " + how
    elif phrase.strip().lower() in RELATIVES[lang]:
        # "McConnell, who in 2010 said": the phrase before the relative pronoun; "reported that"
        # is a complementizer, no pronoun
        if lk.source.first > 0 and model.extractor.word(tokens[lk.source.first - 1].text)[2] \
                and tokens[lk.source.first - 1].text[0].isalpha():
            return None
        before = tokens[:lk.source.first]
        k = len(before) - 1
        while k >= 0 and before[k].text in ",(":
            k -= 1
        j = k
        while j > 0 and before[j - 1].text not in ",;:(“„\"" and k - j < 8:
            j -= 1
        if k < 0:
            return None
        src_start, src_end = before[j].start, before[k].end
        phrase = text[src_start:src_end]
        category, how = _decide(text, src_start, src_end, cue, model, ctx)
        how = "relative pronoun → " + how
    elif is_personal_pronoun(phrase, lang):
        item = ctx.resolve_pronoun(phrase)
        if item is None:
            return None
        category, how, optional, remember = item.category, f"pronoun '{phrase}' → {item.phrase}", True, False
    else:
        item = None if decided else ctx.resolve_role(phrase)
        if item is not None:
            category, how, optional = item.category, f"'{phrase}' refers back to {item.phrase}", True
        else:
            category, how = decided or _decide(text, src_start, src_end, cue, model, ctx)
    own = False
    for _, _, kind, value in model.lex.closed_matches(phrase):
        if kind in ("state", "outlet") and ctx.is_own_outlet(value):
            own, optional = True, True
            how += "; the publishing outlet's own reporting"
    if remember:
        ctx.remember(category, phrase)
    confidence = round(lk.cue.prob * lk.source.prob, 3)
    return {
        "category": category, "source": phrase, "cue": cue,
        "how": f"{how} (cue {lk.cue.prob:.2f}, source {lk.source.prob:.2f})",
        "source_start": src_start, "source_end": src_end, "cue_start": cue_start, "cue_end": cue_end,
        "optional": optional, "own_outlet": own, "confidence": confidence,
        "_model_prob": ctx.last_prob if not optional else None,
        "_decider": None if optional or lk.venue else (
            "model" if ctx.last_prob is not None else "list" if HEAD_MARK in how else None),
    }


def _decide(text: str, start: int, end: int, cue: str, model: Model, ctx: ArticleContext) -> tuple[str, str]:
    decided = closed_category(text[start:end], model.lex)
    if decided:
        return decided
    features = model.source_features.features(text, start, end, cue, ctx.names())
    category, prob, reasons = model.categories.predict(features)
    ctx.last_prob = prob
    return category, f"category model {prob:.2f}" + (f": {reasons}" if reasons else "")


BATCH = 128       # articles tagged together: bigger batches spread numpy's per-step cost


def _detect_chunk(job) -> list[dict]:
    # Tagging builds many small lists and tuples but no reference cycles; with the models'
    # large dictionaries in memory the cyclic collector's passes cost about a tenth of the
    # time, so it pauses for one chunk (at most 200 articles) and resumes after.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _detect_items(*job)
    finally:
        if enabled:
            gc.enable()


def _detect_items(items: list, extra_cues: str | None, extra_sources: str | None) -> list[dict]:
    found_for: list = [None] * len(items)
    for i in range(0, len(items), BATCH):
        positions = range(i, min(i + BATCH, len(items)))
        for language in sorted({items[p][3] for p in positions}):
            same = [p for p in positions if items[p][3] == language]
            model = load_model(language, extra_cues, extra_sources)
            found = attributions_in_texts([items[p][2] for p in same], language, [items[p][1] for p in same], model=model)
            for p, atts in zip(same, found):
                found_for[p] = atts
    # in the articles' order, whatever the languages' grouping (and even if ids repeat)
    return [{"article_id": item[0], "outlet": item[1], **row}
            for item, atts in zip(items, found_for) for row in atts]


def find_attributions(
    articles: pd.DataFrame,
    *,
    extra_cues: str | Path | None = None,
    extra_sources: str | Path | None = None,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """One row per attribution in the articles' body text.

    Columns: ``article_id``, ``outlet``, ``sentence_id``, ``sentence``, ``start``, ``end``
    (offsets of the sentence in ``text``), ``category``, ``source`` (the words naming the
    source, as written), ``cue`` (the attributing words), ``how`` (what decided, with the
    model's probabilities), the offsets of source and cue in ``text``, ``optional`` (a pronoun,
    a role noun referring back, or the outlet's own reporting: the spec lets a detector report
    these or not), ``own_outlet`` (the publishing outlet citing itself: not reliance on a
    source) and ``confidence``.

    Columns read: ``article_id`` and ``text`` (body text only: never captions or credits),
    ``language`` (``de``/``en``; empty means German; other languages are left out with a
    warning) and ``outlet`` (to recognise its own reporting). ``extra_cues``/``extra_sources``
    are TSV files with the columns of ``cues_<lang>.tsv``/``sources_<lang>.tsv`` to add.
    ``n_jobs`` processes (default, or below 1: all cores) share the articles; the result does
    not depend on it.
    """
    require_columns(articles, ["article_id", "text"], "find_attributions")
    extra = (str(extra_cues) if extra_cues else None, str(extra_sources) if extra_sources else None)
    articles = analysed(articles, "source detection")       # no model for other languages: say so
    languages = articles["language"] if "language" in articles else pd.Series("de", index=articles.index)
    outlets = articles["outlet"] if "outlet" in articles else pd.Series(None, index=articles.index, dtype=object)
    items = [(aid, out if isinstance(out, str) and out else None, text if isinstance(text, str) else "",
              analysed_language(lang))
             for aid, out, text, lang in zip(articles["article_id"], outlets, articles["text"], languages)]
    rows = map_chunks(_detect_chunk, items, n_jobs=n_jobs, progress=progress, desc="Finding attributions", extra=extra)
    frame = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
    long = [it[0] for it in items if _has_long_sentence(it[2])]
    if long:
        warnings.warn(f"{len(long)} article(s) hold sentences of more than {MAX_SENTENCE_CHARS:,} characters "
                      f"(e.g. {long[0]!r}); they were cut into pieces for source detection", stacklevel=2)
    return frame.astype({"optional": bool, "own_outlet": bool})


def _has_long_sentence(text: str) -> bool:
    """A stretch of more than MAX_SENTENCE_CHARS without a full stop, cheaply: only texts with
    such a stretch are split again to make sure."""
    if not any(len(part) > MAX_SENTENCE_CHARS for part in re.split(r"[.!?\n]", text)):
        return False
    return any(e - s > MAX_SENTENCE_CHARS for s, e in split_sentences(text))
