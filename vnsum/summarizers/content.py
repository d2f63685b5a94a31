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
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

CONTENT = Path(__file__).with_name("data") / "content.json"

BIGRAM_FEATURES = ("lo_bi", "lo_uni", "log_tf", "first_pos", "in_first", "in_title", "sent_share", "best_score", "digit")

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


def bigram_keys(words: Sequence[str]) -> list[str]:
    return [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def bigram_table(
    units: Sequence[str], prose: np.ndarray, scores: np.ndarray, uni: dict[str, float], bi: dict[str, float]
) -> tuple[list[list[str]], list[str], np.ndarray]:
    """Each unit's bigrams, the article's distinct bigrams and their ``BIGRAM_FEATURES`` (one pass;
    an exact repeat of an earlier unit is not counted again)."""
    grams = [bigram_keys(syllables(u)) for u in units]
    n = max(1, len(units))
    prose_idx = np.flatnonzero(prose)
    first = set(grams[int(prose_idx[0])]) if len(prose_idx) else set()
    title = set(grams[0]) if len(units) and not prose[0] else set()
    low = float(scores[prose].min()) if len(prose_idx) else 0.0
    tf: dict[str, int] = {}
    df: dict[str, int] = {}
    first_at: dict[str, int] = {}
    best: dict[str, float] = {}
    seen: set[tuple[str, ...]] = set()
    for i, g in enumerate(grams):
        if tuple(g) in seen:  # an exact repeat (a duplicated caption) does not count twice
            continue
        seen.add(tuple(g))
        s = float(scores[i]) if prose[i] else low
        for key in g:
            tf[key] = tf.get(key, 0) + 1
            if key not in first_at:
                first_at[key] = i
            if best.get(key, -math.inf) < s:
                best[key] = s
        for key in set(g):
            df[key] = df.get(key, 0) + 1
    keys = list(tf)
    x = np.array(
        [
            (
                bi.get(key, 0.0),
                (uni.get(a, 0.0) + uni.get(b, 0.0)) / 2,
                math.log1p(tf[key]),
                first_at[key] / n,
                key in first,
                key in title,
                df[key] / n,
                best[key],
                any(c.isdigit() for c in key),
            )
            for key in keys
            for a, b in (key.split(" "),)
        ],  # fmt: skip
        dtype=float,
    ).reshape(-1, len(BIGRAM_FEATURES))
    return grams, keys, x


def bigram_probabilities(
    units: Sequence[str], prose: np.ndarray, scores: np.ndarray, model: ContentModel
) -> tuple[list[list[str]], dict[str, float]]:
    """Each unit's bigrams and P(in the summary) for every distinct bigram of the article."""
    grams, keys, x = bigram_table(units, prose, scores, model.uni, model.bi)
    if not keys:
        return grams, {}
    z = ((x - model.mean) / model.scale) @ model.coef + model.intercept
    return grams, dict(zip(keys, (1.0 / (1.0 + np.exp(-z))).tolist(), strict=True))


def expected_best(
    candidates: Sequence[int],
    grams: list[list[str]],
    p: dict[str, float],
    n: int,
    ref_len: float,
    allowed: Callable[[Sequence[int]], bool],
) -> list[int] | None:
    """The n candidates (unit indices) whose distinct bigrams have the best expected ROUGE-2 F1;
    ``allowed(set)`` rejects sets with near-duplicates. None when no allowed set exists."""
    gains = {i: set(grams[i]) for i in candidates}

    def value(chosen: Sequence[int]) -> float:
        union = set().union(*(gains[i] for i in chosen))
        return 2 * sum(p.get(g, 0.0) for g in union) / (sum(len(grams[i]) for i in chosen) + ref_len)

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
