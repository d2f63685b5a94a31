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
``REDUNDANCY`` times its highest cosine similarity to a sentence already chosen, and an
exact repeat (a duplicated photo caption) is never chosen twice. The result is given in
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
    """Indices of the n best sentences, in article order (fewer if the article has fewer)."""
    if n <= 0:
        raise ValueError(f"n must be positive, got {n}")
    if not sentences:
        return []
    if n >= len(sentences):
        return list(range(len(sentences)))
    scores, sim = _scores(sentences, lang)
    keys = [_normalize(s) for s in sentences]
    chosen: list[int] = []
    remaining = list(range(len(sentences)))
    while len(chosen) < n and remaining:
        best, best_value = None, -math.inf
        for i in remaining:
            redundancy = max((sim[i, j] for j in chosen), default=0.0)
            repeat = any(keys[i] == keys[j] for j in chosen) or redundancy >= DUPLICATE
            # Repeats and near-duplicates only once everything else is used up.
            value = scores[i] - REDUNDANCY * redundancy - (1e6 if repeat else 0.0)
            if value > best_value:  # strict: ties go to the earlier sentence
                best, best_value = i, value
        assert best is not None
        chosen.append(best)
        remaining.remove(best)
    return sorted(chosen)


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


def _scores(sentences: Sequence[str], lang: str) -> tuple[np.ndarray, np.ndarray]:
    """Each sentence's score, and the cosine-similarity matrix of the sentences."""
    tokens = [_tokens(s, lang) for s in sentences]
    sim = _similarity(tokens)
    central = _centrality(sim)
    prose = [_is_prose(s, len(t)) for s, t in zip(sentences, tokens, strict=True)]
    scores = np.zeros(len(sentences))
    rank = 0  # position among prose sentences: noise lines do not push the lead down
    for i, sentence in enumerate(sentences):
        words = len(_TOKEN.findall(sentence))
        if prose[i]:
            lead = 1.0 / (1.0 + rank) ** LEAD_DECAY
            length = min(1.0, words / FULL_LENGTH)
            rank += 1
        else:
            lead, length = 0.0, -2.0  # fragments come last
        scores[i] = W_LEAD * lead + W_CENTRAL * central[i] + W_LENGTH * length
    return scores, sim


def _is_prose(sentence: str, content_tokens: int) -> bool:
    text = sentence.strip()
    return bool(_TERMINAL.search(text)) and not is_passthrough(text) and len(_LETTERS.findall(text)) >= 10 and content_tokens >= 3


def _normalize(sentence: str) -> str:
    return " ".join(_TOKEN.findall(unicodedata.normalize("NFC", sentence).lower()))


def _tokens(sentence: str, lang: str) -> list[str]:
    """Lowercased NFC syllables (vi) or words (en), punctuation and stopwords dropped."""
    stop = STOPWORDS.get(lang, frozenset())
    return [t for t in _TOKEN.findall(unicodedata.normalize("NFC", sentence).lower()) if t not in stop]


def _similarity(tokens: list[list[str]]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors; idf from the article's own sentences."""
    vocab: dict[str, int] = {}
    for sentence in tokens:
        for t in sentence:
            vocab.setdefault(t, len(vocab))
    m = np.zeros((len(tokens), max(1, len(vocab))))
    for i, sentence in enumerate(tokens):
        for t, c in Counter(sentence).items():
            m[i, vocab[t]] = c
    df = (m > 0).sum(axis=0)
    idf = np.log((1 + len(tokens)) / (1 + df)) + 1.0
    m *= idf
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    m = np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)
    sim = m @ m.T
    np.clip(sim, 0.0, 1.0, out=sim)
    return sim


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
