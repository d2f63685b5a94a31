"""Extractive summaries: the article's own sentences, ranked by a small learned model.

Each sentence gets the features a news editor would weigh (``features.FEATURES``: position,
length, centrality, similarity to the title and to the first sentence, numbers, names,
quotes, word cues, repetition) and a linear score whose weights were learned on news
articles and their journalists' summaries (``data/ranker.json``, re-learned by
``benchmarks/train_ranker.py``; figures in ``benchmarks/extractive_learned.md``).

For Vietnamese summaries of two sentences or more, the set is then chosen by ``content.py``:
among the ranker's 8 best prose sentences, the one with the best expected ROUGE-2 under a
learned model of which bigrams a journalist's summary keeps (``data/content.json``,
``benchmarks/train_content_model.py``). Otherwise sentences are chosen greedily, MMR-style:
a candidate's score loses the ranker's ``redundancy`` times its highest cosine similarity to
a sentence already chosen. Fragments
(headlines, "Ảnh: …" credits, bylines, player lines) and near-duplicates of a chosen sentence
come only after every other sentence; an exact repeat (a duplicated photo caption) is never
chosen, so a summary may have fewer sentences than asked for. The result is in article order.

Pure Python and numpy; no torch, deterministic, linear in the article's length.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from vnsum.document import split_paragraphs
from vnsum.segment import split_sentences
from vnsum.summarizers.base import Draft, Summarizer
from vnsum.summarizers.content import ContentModel, bigram_probabilities, expected_best, load_content_model
from vnsum.summarizers.features import Ranker, Vector, load_ranker, normalize, sentence_features

#: A sentence this similar (cosine) to one already chosen is only chosen when nothing else is left.
DUPLICATE = 0.9
#: Score of a fragment: below any prose sentence.
FRAGMENT = -1e3


def select_sentences(
    sentences: Sequence[str], lang: str, n: int, ranker: Ranker | None = None, content: ContentModel | None = None
) -> list[int]:
    """Indices of the n best sentences, in article order (fewer if the article has fewer).

    Vietnamese, n ≥ 2: the set of the ranker's best prose sentences with the best expected
    ROUGE-2 under the learned bigram model (``content.py``; the default model when no
    ``ranker`` is given, else only the ``content`` passed); otherwise, or when that finds no
    set, greedy MMR on the ranker's scores.

    Linear in the article: every sentence's features and score are one pass; only
    ``MAX_CANDIDATES`` sentences — the first ``LEAD_CANDIDATES`` prose sentences and the
    best of the rest by score — go into the similarity matrix and the choice. An exact
    repeat (a duplicated photo caption) is left out: it is never chosen.
    """
    if n <= 0:
        raise ValueError(f"n must be positive, got {n}")
    first: dict[str, int] = {}
    copies: dict[str, int] = {}
    keys = [normalize(sentence) for sentence in sentences]
    for i, key in enumerate(keys):
        first.setdefault(key, i)
        copies[key] = copies.get(key, 0) + 1
    distinct = sorted(first.values())
    if n >= len(distinct):
        return distinct
    if content is None and ranker is None and lang == "vi":
        content = load_content_model()
    ranker = ranker or load_ranker()
    x, prose, vectors, idf = sentence_features(sentences, lang)
    raw = ranker.score(x)
    scores = np.where(prose, raw, FRAGMENT)
    candidates = _candidates(scores, prose, distinct)
    sim = _similarity([vectors[i] for i in candidates], idf)
    if content is not None and n >= 2:
        single = [c for c in candidates if copies[keys[c]] == 1]  # a duplicated line is a caption
        picked = _by_expected_rouge(sentences, prose, raw, single, candidates, sim, n, content)
        if picked is not None:
            return picked
    chosen: list[int] = []  # positions in candidates
    remaining = list(range(len(candidates)))
    while len(chosen) < n and remaining:
        best, best_value = None, -math.inf
        for i in remaining:
            redundancy = max((sim[i, j] for j in chosen), default=0.0)
            # Near-duplicates only once everything else is used up.
            value = scores[candidates[i]] - ranker.redundancy * redundancy - (1e6 if redundancy >= DUPLICATE else 0.0)
            if value > best_value:  # strict: ties go to the earlier sentence
                best, best_value = i, value
        assert best is not None
        chosen.append(best)
        remaining.remove(best)
    return sorted(candidates[k] for k in chosen)


def _by_expected_rouge(
    sentences: Sequence[str],
    prose: np.ndarray,
    raw: np.ndarray,
    single: list[int],
    candidates: list[int],
    sim: np.ndarray,
    n: int,
    content: ContentModel,
) -> list[int] | None:
    """``content.expected_best`` over the ranker's best ``content.k`` prose sentences among
    ``single`` (the candidates that occur once); no two chosen sentences near-duplicates
    (cosine ≥ ``DUPLICATE``; ``sim`` is over ``candidates``). None when it cannot choose n."""
    at = {c: k for k, c in enumerate(candidates)}
    best = sorted((c for c in single if prose[c]), key=lambda c: (-raw[c], c))[: max(n, content.k)]
    if len(best) < n:
        return None
    ids, p, _ = bigram_probabilities(sentences, prose, raw, content)

    def allowed(chosen: Sequence[int]) -> bool:
        return all(sim[at[i], at[j]] < DUPLICATE for i, j in itertools.combinations(chosen, 2))

    return expected_best(best, ids, p, n, content.ref_len, allowed)


def article_units(text: str, lang: str) -> list[str]:
    """The sentences ``summarize`` ranks: vnsum's segmenter per paragraph; a noise line
    (``0:00 / 0:00``) stays as one unit so positions match, and is scored as a fragment."""
    units: list[str] = []
    for paragraph in split_paragraphs(text):
        if paragraph.kind == "passthrough":
            units.append(paragraph.text.strip())
        else:
            units.extend(s for s in split_sentences(paragraph.text, lang) if s)
    return units


class ExtractiveSummarizer(Summarizer):
    """The article's own best sentences (``select_sentences``): no model, no token budget."""

    name = "extractive"

    def summarize_piece(self, text: str, source_lang: str, target_lang: str, sentences: int) -> str:
        if source_lang != target_lang:
            raise ValueError("the extractive summarizer picks the article's own sentences: it writes its language only")
        return summarize(text, sentences, source_lang)

    def draft(self, sentences: Sequence[str], source_lang: str, target_lang: str, n_sentences: int) -> Draft:
        """The chosen sentences, verbatim: each is its own evidence."""
        if source_lang != target_lang:
            raise ValueError("the extractive summarizer picks the article's own sentences: it writes its language only")
        chosen = select_sentences(sentences, source_lang, n_sentences)
        return Draft([sentences[i] for i in chosen], 1, 1, evidence=[(i,) for i in chosen])


def summarize(text: str, sentences: int = 3, lang: str | None = None) -> str:
    """Split ``text`` with vnsum's segmenter, select ``sentences`` sentences, join them verbatim."""
    if lang is None:
        from vnsum.langdetect import detect_language

        lang = detect_language(text)
    units = article_units(text, lang)
    return " ".join(units[i] for i in select_sentences(units, lang, sentences))


#: Sentences that enter the similarity matrix and the choice at most: a longer article
#: contributes its first ``LEAD_CANDIDATES`` prose sentences and its best others by score.
#: Keeps time linear and memory bounded.
MAX_CANDIDATES = 300
LEAD_CANDIDATES = 100
#: Most cells of a dense candidates × vocabulary block (a longer vocabulary goes in column blocks).
DENSE_CELLS = 1 << 21


def _candidates(scores: np.ndarray, prose: np.ndarray, distinct: list[int]) -> list[int]:
    """The distinct sentences, or for a long article its first prose sentences and its best
    others by score (ties to the earlier sentence), in article order."""
    if len(distinct) <= MAX_CANDIDATES:
        return distinct
    chosen = set([i for i in distinct if prose[i]][:LEAD_CANDIDATES])
    for i in sorted(distinct, key=lambda i: (-scores[i], i)):
        if len(chosen) >= MAX_CANDIDATES:
            break
        chosen.add(i)
    return sorted(chosen)


def _similarity(vectors: list[Vector], idf: np.ndarray) -> np.ndarray:
    """Cosine similarity of the sentences' TF-IDF vectors, built in column blocks of their
    own vocabulary: memory is the n × n result plus one block, whatever the vocabulary."""
    columns: dict[int, int] = {}
    for v in vectors:
        for t in v:
            columns.setdefault(t, len(columns))
    terms = np.fromiter(columns, dtype=np.int64, count=len(columns))
    n, width = len(vectors), len(columns)
    block = max(1, DENSE_CELLS // max(1, n))
    if width <= block:
        m = _block(vectors, columns, idf[terms], 0, width)
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        m = np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)
        sim = m @ m.T
    else:
        sq = np.zeros(n)
        for i, v in enumerate(vectors):
            w = np.fromiter(v.values(), dtype=float, count=len(v)) * idf[list(v)] if v else np.zeros(0)
            sq[i] = np.dot(w, w)
        inverse = np.divide(1.0, np.sqrt(sq), out=np.zeros(n), where=sq > 0)[:, None]
        sim = np.zeros((n, n))
        for start in range(0, width, block):
            stop = min(width, start + block)
            m = _block(vectors, columns, idf[terms[start:stop]], start, stop) * inverse
            sim += m @ m.T
    np.clip(sim, 0.0, 1.0, out=sim)
    return sim


def _block(vectors: list[Vector], columns: dict[int, int], idf: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Columns ``start:stop`` of the TF-IDF matrix, dense."""
    m = np.zeros((len(vectors), max(1, stop - start)))
    for i, v in enumerate(vectors):
        for t, c in v.items():
            j = columns[t]
            if start <= j < stop:
                m[i, j - start] = c
    if stop > start:
        m[:, : stop - start] *= idf
    return m
