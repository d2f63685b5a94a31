"""Which of an article's words a journalist's summary keeps: a learned bigram model, and the
choice of sentences that maximises the summary's expected ROUGE-2 under it.

Position and centrality say which sentences are *lead-like*; they do not say which carry the
summary's wording. This model does: for every distinct syllable bigram of a Vietnamese
article it estimates P(the bigram is in the summary) from how often that bigram (and its two
syllables) reached the summary when it appeared in a training article (smoothed log-odds), its
count and first position in the article, whether the title or first sentence has it, and the
ranker's best score among the sentences that have it. The selector then takes, among the
ranker's best ``k`` prose sentences, the set whose distinct bigrams have the highest expected
F1 against a summary of ``ref_len`` bigrams: repeated wording adds length but no matches, so
redundancy is paid for without a separate penalty.

Weights and tables: ``data/content.json``, learned on VNDS train by
``benchmarks/train_content_model.py``; this module only reads them (json and numpy).
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

CONTENT = Path(__file__).with_name("data") / "content.json"

BIGRAM_FEATURES = ("lo_bi", "lo_uni", "log_tf", "first_pos", "in_first", "in_title", "sent_share", "best_score")

_WORD = re.compile(r"\w+", re.UNICODE)
#: Sets of more sentences than this are built greedily rather than by trying every combination.
EXHAUSTIVE = 3


@dataclass(frozen=True)
class ContentModel:
    """The bigram model: log-odds tables, a logistic regression over ``BIGRAM_FEATURES``, and the selector's settings."""

    uni: dict[str, float]
    bi: dict[str, float]  # "syllable syllable" → log-odds
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    ref_len: float  # the summary's assumed length in bigrams
    k: int  # candidate sentences (the ranker's best prose sentences)


@lru_cache(maxsize=4)
def load_content_model(path: Path = CONTENT) -> ContentModel:
    """The model file; its feature names must be ``BIGRAM_FEATURES`` (a stale file fails here)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != BIGRAM_FEATURES:
        raise ValueError(f"{path} was learned for other features: {data['features']}")
    mean, scale, coef = (np.asarray(data[k], dtype=float) for k in ("mean", "scale", "coef"))
    if any(a.shape != (len(BIGRAM_FEATURES),) for a in (mean, scale, coef)):
        raise ValueError(f"{path}: mean, scale and coef must have {len(BIGRAM_FEATURES)} values each")
    return ContentModel(
        dict(data["uni"]), dict(data["bi"]), mean, scale, coef, float(data["intercept"]), float(data["ref_len"]), int(data["k"])
    )


def syllables(sentence: str) -> list[str]:
    """Every lowercased NFC syllable (ROUGE's view of the text)."""
    return _WORD.findall(unicodedata.normalize("NFC", sentence).lower())


def bigram_table(
    units: Sequence[str], prose: np.ndarray, scores: np.ndarray, uni: dict[str, float], bi: dict[str, float]
) -> tuple[list[np.ndarray], list[str], np.ndarray]:
    """Each unit's bigrams (as ids into the distinct ones), the article's distinct bigrams ("a b")
    and their ``BIGRAM_FEATURES``. Linear: one dictionary look-up per syllable, the rest in
    numpy. An exact repeat of an earlier unit is not counted again (a duplicated caption)."""
    vocab: dict[str, int] = {}
    words = [[vocab.setdefault(w, len(vocab)) for w in syllables(u)] for u in units]
    width = max(1, len(vocab))
    codes = [np.asarray(w[:-1], dtype=np.int64) * width + np.asarray(w[1:], dtype=np.int64) for w in words]
    seen: set[tuple[int, ...]] = set()
    counted = []
    for w in words:
        counted.append(tuple(w) not in seen)
        seen.add(tuple(w))
    lengths = np.array([len(c) for c in codes])
    everything = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64)
    distinct, inverse = np.unique(everything, return_inverse=True)
    ids = np.split(inverse, np.cumsum(lengths)[:-1]) if len(codes) else []
    m, n = len(distinct), max(1, len(units))
    unit = np.repeat(np.arange(len(units)), lengths)
    keep = np.asarray(counted, dtype=bool)[unit] if len(units) else np.zeros(0, dtype=bool)
    occ, at = inverse[keep], unit[keep]
    tf = np.bincount(occ, minlength=m)
    first_at = np.full(m, len(units))
    np.minimum.at(first_at, occ, at)
    df = np.bincount(np.unique(at * max(1, m) + occ) % max(1, m), minlength=m)
    low = float(scores[prose].min()) if prose.any() else 0.0
    unit_score = np.where(prose, scores, low).astype(float)
    best = np.full(m, -np.inf)
    np.maximum.at(best, occ, unit_score[at])
    prose_idx = np.flatnonzero(prose)
    in_first = np.zeros(m, dtype=bool)
    if len(prose_idx):
        in_first[ids[int(prose_idx[0])]] = True
    in_title = np.zeros(m, dtype=bool)
    if len(units) and not prose[0]:
        in_title[ids[0]] = True
    names = list(vocab)
    left, right = distinct // width, distinct % width
    keys = [f"{names[a]} {names[b]}" for a, b in zip(left.tolist(), right.tolist(), strict=True)]
    uni_v = np.array([uni.get(w, 0.0) for w in names]) if names else np.zeros(1)
    x = (
        np.column_stack(
            [
                np.fromiter((bi.get(k, 0.0) for k in keys), dtype=float, count=m),
                (uni_v[left] + uni_v[right]) / 2,
                np.log1p(tf),
                first_at / n,
                in_first,
                in_title,
                df / n,
                best,
            ]
        )
        .astype(float)
        .reshape(-1, len(BIGRAM_FEATURES))
    )
    return ids, keys, x


def bigram_probabilities(
    units: Sequence[str], prose: np.ndarray, scores: np.ndarray, model: ContentModel
) -> tuple[list[np.ndarray], np.ndarray, list[str]]:
    """Each unit's bigram ids, P(in the summary) for every distinct bigram of the article, and
    the distinct bigrams themselves ("a b", in id order)."""
    ids, keys, x = bigram_table(units, prose, scores, model.uni, model.bi)
    if not keys:
        return ids, np.zeros(0), keys
    z = ((x - model.mean) / model.scale) @ model.coef + model.intercept
    return ids, 1.0 / (1.0 + np.exp(-z)), keys


def expected_best(
    candidates: Sequence[int],
    ids: list[np.ndarray],
    p: np.ndarray,
    n: int,
    ref_len: float,
    allowed: Callable[[Sequence[int]], bool],
) -> list[int] | None:
    """The n candidates (unit indices) whose distinct bigrams have the best expected ROUGE-2 F1
    (``p``: each bigram id's probability); ``allowed(set)`` rejects sets with near-duplicates.
    None when no allowed set exists."""
    gains = {i: set(ids[i].tolist()) for i in candidates}

    def value(chosen: Sequence[int]) -> float:
        union = set().union(*(gains[i] for i in chosen))
        matched = float(p[list(union)].sum()) if union else 0.0
        return 2 * matched / (sum(len(ids[i]) for i in chosen) + ref_len)

    if n <= EXHAUSTIVE:
        best: tuple[float, list[int]] | None = None
        for combo in itertools.combinations(candidates, n):  # candidates best-first: ties go to the higher-ranked
            if allowed(combo):
                v = value(combo)
                if best is None or v > best[0]:
                    best = (v, list(combo))
        return None if best is None else sorted(best[1])
    chosen: list[int] = []
    while len(chosen) < n:
        options = [i for i in candidates if i not in chosen and allowed([*chosen, i])]
        if not options:
            return None
        chosen.append(max(options, key=lambda i: value([*chosen, i])))
    return sorted(chosen)
