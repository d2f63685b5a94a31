"""Extractive summaries: the article's own sentences, ranked without any model.

Each sentence is scored by

    score = W_LEAD * lead(i) + W_CENTRAL * central(i) + W_LENGTH * length(i)

- ``lead``: news puts the essentials first; 1 for the first sentence, decaying as
  1 / (1 + i) ** LEAD_DECAY over the article's prose sentences.
- ``central``: TextRank/LexRank centrality — PageRank (power iteration, numpy) over a
  cosine-similarity graph of TF-IDF vectors of Vietnamese syllables or English words,
  scaled to a maximum of 1.
- ``length``: 0 for fragments, rising to 1 at ``FULL_LENGTH`` tokens; a sentence
  without terminal punctuation (a headline, "Ảnh: dangcongsan.vn", "— VNS") or a line
  of numbers ("0:00 / 0:00") is a fragment and is only picked when nothing else is left.

Sentences are then chosen greedily, MMR-style: a candidate's score loses
``REDUNDANCY`` times its highest cosine similarity to a sentence already chosen. An
exact repeat (a duplicated photo caption) is left out of the graph and never chosen, so
a summary may have fewer sentences than asked for. The result is given in
article order. Figures and the tuning are in ``benchmarks/extractive_rouge.md``.

Pure Python and numpy; no torch, no model, deterministic.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

import numpy as np

from vnsum.document import is_passthrough, split_paragraphs
from vnsum.segment import split_sentences
from vnsum.summarizers.base import Draft, Summarizer

W_LEAD = 1.0
W_CENTRAL = 0.5
W_LENGTH = 0.5
LEAD_DECAY = 0.5
FULL_LENGTH = 12  # tokens from which a sentence counts as full prose
REDUNDANCY = 1.0
DAMPING = 0.85
#: A sentence this similar (cosine) to one already chosen is never chosen.
DUPLICATE = 0.9

_TOKEN = re.compile(r"[^\W_]+")
_LETTERS = re.compile(r"[^\W\d_]")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")

STOPWORDS = {
    "vi": frozenset(
        """và của là có được các những trong cho với này đã không một người để khi từ đến về
        như theo tại cũng đó thì sẽ trên vào nhiều ra rằng nhưng bị đang việc hiện làm còn
        hơn sau mới vẫn đều do nên này ấy đây kia lại mà thế vì nếu hay hoặc cùng ông bà anh
        chị em""".split()
    ),
    "en": frozenset(
        """a an the of and or to in on at by for from with as is are was were be been being
        it its this that these those he she they them his her their we our you your i not
        but also has have had will would can could should may might which who whom what
        when where than then there into over about after before said says up out so""".split()
    ),
}


def select_sentences(sentences: Sequence[str], lang: str, n: int) -> list[int]:
    """Indices of the n best sentences, in article order (fewer if the article has fewer).

    Linear in the article: every sentence gets its lead, length and a degree centrality
    (its TF-IDF vector against the sum of all of them); only ``MAX_CANDIDATES`` sentences —
    the first ``LEAD_CANDIDATES`` prose sentences and the best of the rest by that score —
    go into the PageRank graph and the choice. An article that short is scored whole.
    An exact repeat (a duplicated photo caption) is left out: it is never chosen, and it does
    not make its first copy look central.
    """
    if n <= 0:
        raise ValueError(f"n must be positive, got {n}")
    first: dict[str, int] = {}
    for i, sentence in enumerate(sentences):
        first.setdefault(_normalize(sentence), i)
    distinct = sorted(first.values())
    if n >= len(distinct):
        return distinct
    vectors, idf = _vectors(sentences, lang)
    lead, length = _priors(sentences, vectors)
    candidates = distinct
    if len(distinct) > MAX_CANDIDATES:
        allowed = set(distinct)
        candidates = [i for i in _candidates(vectors, idf, lead, length, allowed) if i in allowed]
    sim = _similarity([vectors[i] for i in candidates], idf)
    central = _centrality(sim)
    scores = [W_LEAD * lead[i] + W_CENTRAL * central[k] + W_LENGTH * length[i] for k, i in enumerate(candidates)]
    chosen: list[int] = []  # positions in candidates
    remaining = list(range(len(candidates)))
    while len(chosen) < n and remaining:
        best, best_value = None, -math.inf
        for i in remaining:
            redundancy = max((sim[i, j] for j in chosen), default=0.0)
            # Near-duplicates only once everything else is used up.
            value = scores[i] - REDUNDANCY * redundancy - (1e6 if redundancy >= DUPLICATE else 0.0)
            if value > best_value:  # strict: ties go to the earlier sentence
                best, best_value = i, value
        assert best is not None
        chosen.append(best)
        remaining.remove(best)
    return sorted(candidates[k] for k in chosen)


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
    units: list[str] = []
    for paragraph in split_paragraphs(text):
        if paragraph.kind == "passthrough":
            units.append(paragraph.text.strip())  # kept so positions match; scored as noise
        else:
            units.extend(s for s in split_sentences(paragraph.text, lang) if s)
    return " ".join(units[i] for i in select_sentences(units, lang, sentences))


#: Sentences scored by the full graph (PageRank, redundancy) at most; a longer article
#: contributes its first ``LEAD_CANDIDATES`` prose sentences and its best others by
#: lead, length and degree centrality. Keeps time linear and memory bounded.
MAX_CANDIDATES = 300
LEAD_CANDIDATES = 100
#: Most cells of a dense candidates × vocabulary block (a longer vocabulary goes in column blocks).
DENSE_CELLS = 1 << 21

Vector = dict[int, int]  # term id → count in the sentence


def _vectors(sentences: Sequence[str], lang: str) -> tuple[list[Vector], np.ndarray]:
    """Each sentence's term counts (ids in first-appearance order) and the article's idf per id."""
    vocab: dict[str, int] = {}
    vectors = [dict(Counter(vocab.setdefault(t, len(vocab)) for t in _tokens(s, lang))) for s in sentences]
    df = np.zeros(max(1, len(vocab)))
    for v in vectors:
        df[list(v)] += 1
    idf = np.log((1 + len(sentences)) / (1 + df)) + 1.0
    return vectors, idf


def _priors(sentences: Sequence[str], vectors: list[Vector]) -> tuple[list[float], list[float]]:
    """Each sentence's lead and length scores; fragments get no lead and a length of -2."""
    lead, length = [], []
    rank = 0  # position among prose sentences: noise lines do not push the lead down
    for sentence, v in zip(sentences, vectors, strict=True):
        if _is_prose(sentence, sum(v.values())):
            lead.append(1.0 / (1.0 + rank) ** LEAD_DECAY)
            length.append(min(1.0, len(_TOKEN.findall(sentence)) / FULL_LENGTH))
            rank += 1
        else:
            lead.append(0.0)
            length.append(-2.0)  # fragments come last
    return lead, length


def _candidates(vectors: list[Vector], idf: np.ndarray, lead: list[float], length: list[float], allowed: set[int]) -> list[int]:
    """The first prose sentences, then the best others by lead, length and degree centrality
    (cosine similarity summed over every other sentence: one pass, no matrix), in article order."""
    rows = np.repeat(np.arange(len(vectors)), [len(v) for v in vectors])
    cols = np.fromiter((t for v in vectors for t in v), dtype=np.int64, count=len(rows))
    vals = np.fromiter((c for v in vectors for c in v.values()), dtype=float, count=len(rows)) * idf[cols]
    norms = np.sqrt(np.bincount(rows, weights=vals**2, minlength=len(vectors)))
    vals = np.divide(vals, norms[rows], out=np.zeros_like(vals), where=norms[rows] > 0)
    centroid = np.bincount(cols, weights=vals, minlength=len(idf))
    degree = np.bincount(rows, weights=vals * centroid[cols] - vals**2, minlength=len(vectors))
    top = degree.max()
    central = degree / top if top > 0 else degree
    prose = [i for i, x in enumerate(lead) if x > 0 and i in allowed]
    chosen = set(prose[:LEAD_CANDIDATES])
    pre = [W_LEAD * lead[i] + W_CENTRAL * central[i] + W_LENGTH * length[i] for i in range(len(vectors))]
    for i in sorted(allowed, key=lambda i: (-pre[i], i)):  # ties go to the earlier sentence
        if len(chosen) >= MAX_CANDIDATES:
            break
        chosen.add(i)
    return sorted(chosen)


def _is_prose(sentence: str, content_tokens: int) -> bool:
    text = sentence.strip()
    return bool(_TERMINAL.search(text)) and not is_passthrough(text) and len(_LETTERS.findall(text)) >= 10 and content_tokens >= 3


def _normalize(sentence: str) -> str:
    return " ".join(_TOKEN.findall(unicodedata.normalize("NFC", sentence).lower()))


def _tokens(sentence: str, lang: str) -> list[str]:
    """Lowercased NFC syllables (vi) or words (en), punctuation and stopwords dropped."""
    stop = STOPWORDS.get(lang, frozenset())
    return [t for t in _TOKEN.findall(unicodedata.normalize("NFC", sentence).lower()) if t not in stop]


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


def _centrality(sim: np.ndarray, iterations: int = 100, tol: float = 1e-8) -> np.ndarray:
    """PageRank over the similarity graph (self-loops removed), scaled to a maximum of 1."""
    n = len(sim)
    w = sim.copy()
    np.fill_diagonal(w, 0.0)
    rows = w.sum(axis=1, keepdims=True)
    # A sentence sharing no words with any other links to all, as in PageRank.
    p = np.divide(w, rows, out=np.full_like(w, 1.0 / n), where=rows > 0)
    r = np.full(n, 1.0 / n)
    for _ in range(iterations):
        new = (1 - DAMPING) / n + DAMPING * (p.T @ r)
        done = np.abs(new - r).sum() < tol
        r = new
        if done:
            break
    top = r.max()
    return r / top if top > 0 else r
