"""Learn the extractive summarizer's bigram model (vnsum/summarizers/data/content.json) from VNDS train.

    pip install scikit-learn rouge-score            # learning only: not package dependencies
    python benchmarks/train_content_model.py [--write]   # seed 16; train file only, never dev

Same articles and fit (80 %) / validation (20 %) split as ``train_ranker.py``. From the fit
part: per syllable and syllable bigram, the smoothed log-odds of appearing in the abstract
given it appears in the article (out of fold for the articles the bigram model learns from);
then a logistic regression of "this bigram of the article is in the abstract" on
``content.BIGRAM_FEATURES`` (the ranker's scores come from the ranker fitted on the fit part).
Validation: ROUGE of the 1/2/3-sentence summaries through vnsum's own selector, with and
without the bigram model. With --write everything is re-learned on the whole train file (the
ranker's scores from the shipped ``ranker.json``, which ``train_ranker.py --write`` reproduces)
and written: the log-odds tables keep the keys seen in at least ``MIN_ARTICLES`` articles.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ranker_word_importance as wi  # noqa: E402
import train_ranker as tr  # noqa: E402

from vnsum.summarizers.content import BIGRAM_FEATURES, CONTENT, ContentModel, bigram_table  # noqa: E402
from vnsum.summarizers.extractive import select_sentences  # noqa: E402
from vnsum.summarizers.features import Ranker, load_ranker  # noqa: E402

MIN_ARTICLES = 20  # keys seen in fewer articles stay out of the shipped tables (their log-odds ≈ 0 anyway)
K = 8  # candidate sentences: the ranker's best prose sentences
REF_SHARE = 0.75  # the summary's assumed length: this share of the mean abstract's bigrams (validation grid: 0.75, 1.0)


def log_odds(arts: list[dict]) -> tuple[dict[str, float], dict[str, float]]:
    """The syllable and bigram tables (bigram keys as "a b"), rare keys dropped."""
    uni = wi.LogOdds(arts, wi.uni_keys)
    bi = wi.LogOdds(arts, wi.bi_keys)
    return (
        {k: round(v, 3) for k, v in uni.table.items() if uni.counts[k] >= MIN_ARTICLES},
        {f"{a} {b}": round(v, 3) for (a, b), v in bi.table.items() if bi.counts[(a, b)] >= MIN_ARTICLES},
    )


def learn(arts: list[dict], ranker: Ranker) -> ContentModel:
    """Tables from ``arts``, and the bigram model from half of them with out-of-fold tables."""
    from sklearn.linear_model import LogisticRegression

    rng = random.Random(tr.SEED)
    fold = [rng.randrange(wi.FOLDS) for _ in arts]
    xs, ys = [], []
    for k in range(wi.FOLDS):
        uni, bi = log_odds([a for a, f in zip(arts, fold, strict=True) if f != k])
        for n, (a, f) in enumerate(zip(arts, fold, strict=True)):
            if f == k and n % 2 == 0:
                _, keys, x = bigram_table(a["units"], a["prose"], ranker.score(a["x"]), uni, bi)
                xs.append(x)
                ys.append(np.array([tuple(g.split(" ")) in a["ref2"] for g in keys], dtype=float))  # keys: "a b"
    x, y = np.vstack(xs), np.concatenate(ys)
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    m = LogisticRegression(C=1.0, max_iter=2000).fit((x - mean) / scale, y)
    uni, bi = log_odds(arts)
    ref_len = REF_SHARE * float(np.mean([len(tr.toks(a["abstract"])) - 1 for a in arts]))
    print(f"{len(y)} bigram rows ({y.mean():.3f} in the abstract); tables: {len(uni)} syllables, {len(bi)} bigrams", flush=True)
    print("bigram model weights (standardised):", dict(zip(BIGRAM_FEATURES, m.coef_[0].round(3).tolist(), strict=True)), flush=True)
    return ContentModel(uni, bi, mean, scale, m.coef_[0], float(m.intercept_[0]), ref_len, K)


def table(val: list[dict], ranker: Ranker, content: ContentModel | None, n: int) -> tuple[float, float, float]:
    return tr.mean_rouge(
        [(a["abstract"], " ".join(a["units"][i] for i in select_sentences(a["units"], "vi", n, ranker, content))) for a in val]
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help=f"re-learn on all of train and write {CONTENT}")
    args = ap.parse_args()
    fit_part, val = wi.load()
    base = tr.with_length_penalty(tr.fit(fit_part, "logistic", 1.0, True), 0.0, 3.0)  # the shipped ranker's recipe
    model = learn(fit_part, base)
    print("| system (validation, ROUGE F1 %) | R1 | R2 | RL |\n|---|---|---|---|")
    print(f"| LEAD-2 (gold split, as evaluate.py) | {' | '.join(map(str, tr.gold_table(val)))} |", flush=True)
    for n in (1, 2, 3):
        print(f"| ranker + MMR (shipped), {n} sentences | {' | '.join(map(str, table(val, base, None, n)))} |", flush=True)
        print(f"| ranker + bigram model, {n} sentences | {' | '.join(map(str, table(val, base, model, n)))} |", flush=True)
    if args.write:
        final = learn(fit_part + val, load_ranker())
        out = {
            "features": list(BIGRAM_FEATURES),
            "mean": [round(float(v), 6) for v in final.mean],
            "scale": [round(float(v), 6) for v in final.scale],
            "coef": [round(float(v), 6) for v in final.coef],
            "intercept": round(final.intercept, 6),
            "ref_len": round(final.ref_len, 3),
            "k": final.k,
            "trained_on": f"{tr.DEFAULT_DATA.name}: {len(fit_part) + len(val)} articles "
            f"(benchmarks/train_content_model.py, seed {tr.SEED})",
            "uni": dict(sorted(final.uni.items())),
            "bi": dict(sorted(final.bi.items())),
        }
        CONTENT.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {CONTENT} ({CONTENT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
