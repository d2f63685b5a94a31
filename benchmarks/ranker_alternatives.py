"""Alternatives to the extractive ranker, judged on the train file's validation split (issue 16).

    pip install scikit-learn rouge-score lightgbm    # learning only: not package dependencies
    python benchmarks/ranker_alternatives.py         # ~5 min on two cores; seed 16

Same articles, split and base model as ``train_ranker.py`` (the chosen logistic ranker, fitted
on the fit part). Each alternative picks the 2-sentence summary of every validation article;
the table is ROUGE F1 on ``evaluate.py``'s syllables. Nothing here reads the dev file.

- pairs: the base model's top 8 prose sentences give 28 candidate pairs; each pair is described
  by both sentences' features and scores, their cosine, lengths, ranks, gap and the article's
  size, and a model learned on the fit part picks one pair per article — a listwise linear model
  (softmax over the article's pairs against softmax(ROUGE / T)) or LightGBM lambdarank.
- sentences: a LightGBM tree model instead of the logistic one (oracle membership), through vnsum's MMR selector.
- pairs + bigram recurrence: the pair lambdarank with 8 more features (``bigram_features``).
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_ranker as tr  # noqa: E402

from vnsum.summarizers.extractive import _similarity, select_sentences  # noqa: E402
from vnsum.summarizers.features import Ranker, vectors  # noqa: E402

K = 8  # candidate sentences per article for the pair models


def pair_table(a: dict, base: Ranker) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]] | None:
    """Features, ROUGE-2 / ROUGE-1 F1 and indices of the pairs among the base model's top K."""
    units, prose = a["units"], a["prose"]
    s = np.where(prose, base.score(a["x"]), -1e3)
    idx = sorted([int(i) for i in np.argsort(-s, kind="stable") if prose[i]][:K])
    if len(idx) < 2:
        return None
    rank = {i: r for r, i in enumerate(sorted(idx, key=lambda i: -s[i]))}
    vecs, idf = vectors(units, "vi")
    sim = _similarity([vecs[i] for i in idx], idf)
    ref = tr.toks(a["abstract"])
    r1, r2 = tr.grams(ref, 1), tr.grams(ref, 2)
    st = {i: tr.toks(units[i]) for i in idx}
    ntok, nprose = sum(len(tr.toks(u)) for u in units), int(prose.sum())
    feats, labels, pairs = [], [], []
    for (p, i), (q, j) in itertools.combinations(list(enumerate(idx)), 2):
        t = st[i] + st[j]
        li, lj = len(st[i]), len(st[j])
        f = [s[i], s[j], s[i] + s[j], min(s[i], s[j]), sim[p, q], (li + lj) / 60, ((li + lj) / 60) ** 2, li / 40, lj / 40,
             rank[i], rank[j], min(rank[i], rank[j]), max(rank[i], rank[j]), math.log1p(ntok) / 8, math.log1p(nprose) / 4,
             (li + lj) / 60 * math.log1p(ntok) / 8, (j - i) / 10, len(idx)]  # fmt: skip
        feats.append(np.concatenate([f, a["x"][i], a["x"][j]]))
        labels.append((tr.f1(r2, tr.grams(t, 2)), tr.f1(r1, tr.grams(t, 1))))
        pairs.append((i, j))
    return np.array(feats), np.array(labels), pairs


def bigram_features(a: dict, pairs: list[tuple[int, int]]) -> np.ndarray:
    """Per pair: how much of each sentence's bigrams (and of the pair's) recur elsewhere in the
    article's prose, and the bigrams the two sentences share — a content signal TF-IDF misses."""
    st = [tr.toks(u) for u in a["units"]]
    bg = [tr.grams(t, 2) for t in st]
    total: Counter = Counter()
    for i, b in enumerate(bg):
        if a["prose"][i]:
            total.update(b)
    words = Counter(w for i, t in enumerate(st) if a["prose"][i] for w in t)

    def recur(i: int) -> list[float]:
        n = max(1, sum(bg[i].values()))
        return [
            sum(c for g, c in bg[i].items() if total[g] > c) / n,
            sum(min(5, total[g] - c) for g, c in bg[i].items()) / n,
            sum(min(5, words[w] - 1) for w in st[i]) / max(1, len(st[i])),
        ]

    out = []
    for i, j in pairs:
        both = bg[i] + bg[j]
        n = max(1, sum(both.values()))
        shared = len(set(bg[i]) & set(bg[j])) / n
        out.append([*recur(i), *recur(j), sum(c for g, c in both.items() if total[g] > both[g]) / n, shared])
    return np.array(out)


def pick(val: list[dict], tables: list, predict) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    out = []
    for a, t in zip(val, tables, strict=True):
        if t is None:
            out.append((a["abstract"], " ".join(a["units"][:2])))
            continue
        i, j = t[2][int(np.argmax(predict(t[0])))]
        out.append((a["abstract"], f"{a['units'][i]} {a['units'][j]}"))
    return tr.mean_rouge(out)


def listwise(tables: list, temperature: float, r1_weight: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Linear pair scorer: softmax over an article's pairs fitted to softmax(label / T)."""
    from scipy.optimize import minimize

    x = np.vstack([t[0] for t in tables])
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    bounds = np.cumsum([0] + [len(t[0]) for t in tables])
    gid = np.repeat(np.arange(len(tables)), np.diff(bounds))
    target = []
    for t in tables:
        y = t[1][:, 0] + r1_weight * t[1][:, 1]
        e = np.exp((y - y.max()) / temperature)
        target.append(e / e.sum())
    tgt = np.concatenate(target)

    def objective(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = z @ w
        m = np.maximum.reduceat(s, bounds[:-1])[gid]
        e = np.exp(s - m)
        den = np.add.reduceat(e, bounds[:-1])[gid]
        loss = -(tgt * (s - m - np.log(den))).sum() / len(tables) + 1e-3 * w @ w
        return loss, z.T @ (e / den - tgt) / len(tables) + 2e-3 * w

    w = minimize(objective, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B").x
    return mean, scale, w


def row(name: str, table: tuple[float, float, float]) -> None:
    print(f"| {name} | {' | '.join(map(str, table))} |", flush=True)


class TreeRanker:
    """A LightGBM model in the selector's place (experiment only: the shipped ranker is numpy)."""

    def __init__(self, model, redundancy: float) -> None:  # type: ignore[no-untyped-def]
        self.model, self.redundancy = model, redundancy

    def score(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self.model.predict(x, raw_score=True))


def main() -> None:
    import lightgbm as lgb

    with gzip.open(tr.DEFAULT_DATA, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    fit_rows, val_rows, titled = tr.split_indices(len(rows))
    fit_part = [tr.prepare(rows[i], i in titled) for i in fit_rows]
    val = [tr.prepare(rows[i]) for i in val_rows]
    base = tr.with_length_penalty(tr.fit(fit_part, "logistic", 1.0, True), 0.0, 3.0)
    row("learned ranker (shipped: logistic, pairwise products, MMR 3)", tr.rouge_table(val, base))
    fit_t = [t for t in (pair_table(a, base) for a in fit_part) if t is not None]
    val_t = [pair_table(a, base) for a in val]
    row("pairs: sum of the two base scores, no redundancy", pick(val, val_t, lambda f: f[:, 2]))
    for temperature, r1_weight in ((0.03, 0.0), (0.1, 0.0), (0.1, 0.5)):
        mean, scale, w = listwise(fit_t, temperature, r1_weight)
        table = pick(val, val_t, lambda f, m=mean, s=scale, w=w: ((f - m) / s) @ w)
        row(f"pairs: listwise linear, T {temperature}, label R2 + {r1_weight} R1", table)
    x = np.vstack([t[0] for t in fit_t])
    fit_a = [a for a in fit_part if pair_table(a, base) is not None]
    rel = np.concatenate([np.maximum(0, 6 - np.argsort(np.argsort(-t[1][:, 0], kind="stable"), kind="stable")) for t in fit_t])
    for leaves, trees in ((3, 300), (7, 200), (15, 300)):
        ranker = lgb.LGBMRanker(
            objective="lambdarank", n_estimators=trees, num_leaves=leaves, learning_rate=0.05, min_child_samples=50,
            label_gain=[0, 1, 2, 4, 8, 16, 32], lambdarank_truncation_level=10, subsample=0.8, subsample_freq=1,
            colsample_bytree=0.8, random_state=tr.SEED, n_jobs=2, verbose=-1,
        )  # fmt: skip
        ranker.fit(x, rel, group=[len(t[0]) for t in fit_t])
        row(f"pairs: LightGBM lambdarank, {leaves} leaves × {trees} trees", pick(val, val_t, ranker.predict))
    fit_b = [(np.hstack([t[0], bigram_features(a, t[2])]), t[1], t[2]) for a, t in zip(fit_a, fit_t, strict=True)]
    val_b = [None if t is None else (np.hstack([t[0], bigram_features(a, t[2])]), t[1], t[2]) for a, t in zip(val, val_t, strict=True)]
    for leaves, trees in ((3, 300), (7, 200), (3, 600)):
        ranker = lgb.LGBMRanker(
            objective="lambdarank", n_estimators=trees, num_leaves=leaves, learning_rate=0.05, min_child_samples=50,
            label_gain=[0, 1, 2, 4, 8, 16, 32], lambdarank_truncation_level=10, subsample=0.8, subsample_freq=1,
            colsample_bytree=0.8, random_state=tr.SEED, n_jobs=2, verbose=-1,
        )  # fmt: skip
        ranker.fit(np.vstack([t[0] for t in fit_b]), rel, group=[len(t[0]) for t in fit_b])
        row(f"pairs + bigram recurrence: LightGBM lambdarank, {leaves} leaves × {trees} trees", pick(val, val_b, ranker.predict))
    xs, ys = tr.stack(fit_part, "oracle")[:2]
    clf = lgb.LGBMClassifier(
        n_estimators=300, num_leaves=7, learning_rate=0.05, min_child_samples=50, random_state=tr.SEED, n_jobs=2, verbose=-1
    )
    clf.fit(xs, ys)
    for red in (1.0, 3.0, 5.0):
        tree = TreeRanker(clf, red)
        chosen = [select_sentences(a["units"], "vi", 2, tree) for a in val]  # type: ignore[arg-type]
        table = tr.mean_rouge([(a["abstract"], " ".join(a["units"][i] for i in c)) for a, c in zip(val, chosen, strict=True)])
        row(f"sentences: LightGBM oracle membership, 7 leaves × 300 trees, MMR {red}", table)


if __name__ == "__main__":
    main()
