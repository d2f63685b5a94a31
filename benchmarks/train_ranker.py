"""Learn the extractive ranker's weights (vnsum/summarizers/data/ranker.json) from VNDS train.

    pip install scikit-learn rouge-score       # for learning only; not package dependencies
    python benchmarks/train_ranker.py [--data ../shared/summarization/vnds_train.jsonl.gz] [--write]

Only the train file is read. Its articles are split (fixed seed) into a fit part (80 %) and a
validation part (20 %): each candidate model is fitted on the first and chosen by ROUGE-2 of its
2-sentence summaries on the second, through vnsum's own selector (features, MMR, fragments).
With --write the chosen model is re-fitted on the whole train file and written, so the file
reproduces from this command.

Labels: each sentence's ROUGE-1 + ROUGE-2 recall against the journalist's abstract (regression)
or its membership in the greedy 2-sentence oracle (classification). ROUGE is computed on
lowercased NFC syllables, as `evaluate.py` does.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vnsum.summarizers.extractive import article_units, select_sentences  # noqa: E402
from vnsum.summarizers.features import FEATURES, WEIGHTS, Ranker, sentence_features  # noqa: E402

SEED = 16
TOKEN = re.compile(r"\w+", re.UNICODE)
DEFAULT_DATA = ROOT.parent / "shared" / "summarization" / "vnds_train.jsonl.gz"


def toks(text: str) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFC", text).lower())


def grams(t: list[str], k: int) -> Counter:
    return Counter(zip(*(t[i:] for i in range(k)), strict=False))


def f1(ref: Counter, hyp: Counter) -> float:
    overlap = sum((ref & hyp).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(hyp.values()), overlap / sum(ref.values())
    return 2 * p * r / (p + r)


def recall(ref: Counter, hyp: Counter) -> float:
    return sum((ref & hyp).values()) / max(1, sum(ref.values()))


def prepare(row: dict, with_title: bool = False) -> dict:
    """The article as `summarize` sees it (with its headline as a first line when asked: VNDS
    texts have none, real articles often do), its features, and per-sentence labels."""
    text = f"{row['title']}\n\n{row['text']}" if with_title and row.get("title") else row["text"]
    units = article_units(text, "vi")
    x, prose, _, _ = sentence_features(units, "vi")
    ref = toks(row["abstract"])
    r1, r2 = grams(ref, 1), grams(ref, 2)
    st = [toks(u) for u in units]
    gain = np.array([recall(r1, grams(t, 1)) + recall(r2, grams(t, 2)) for t in st])
    # Greedy 2-sentence oracle by ROUGE-1 + ROUGE-2 F1 (as evaluate.py's oracle).
    chosen: list[int] = []
    best = 0.0
    for _ in range(2):
        cand = None
        for i in range(len(units)):
            if i in chosen:
                continue
            t = [w for j in sorted([*chosen, i]) for w in st[j]]
            v = f1(r1, grams(t, 1)) + f1(r2, grams(t, 2))
            if v > best:
                best, cand = v, i
        if cand is None:
            break
        chosen.append(cand)
    oracle = np.zeros(len(units))
    oracle[chosen] = 1
    gold = " ".join(row["sentences"][:2])
    return {"units": units, "x": x, "prose": prose, "gain": gain, "oracle": oracle, "abstract": row["abstract"], "gold2": gold}


def stack(arts: list[dict], label: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Prose sentences only (fragments are never ranked); gain centred per article."""
    xs, ys, groups = [], [], []
    for k, a in enumerate(arts):
        m = a["prose"]
        if not m.any():
            continue
        y = a[label][m]
        if label == "gain":
            y = y - y.mean()
        xs.append(a["x"][m])
        ys.append(y)
        groups.append(np.full(m.sum(), k))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(groups)


def expand(z: np.ndarray, quadratic: bool) -> np.ndarray:
    if not quadratic:
        return z
    i, j = np.triu_indices(z.shape[1])
    return np.hstack([z, z[:, i] * z[:, j]])


def fit(arts: list[dict], kind: str, c: float, quadratic: bool = False) -> Ranker:
    from sklearn.linear_model import LogisticRegression, Ridge

    x, y, _ = stack(arts, "oracle" if kind == "logistic" else "gain")
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = expand((x - mean) / scale, quadratic)
    if kind == "logistic":
        w = LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit(z, y).coef_[0]
    else:
        w = Ridge(alpha=c, random_state=SEED).fit(z, y).coef_
    w = w / (np.abs(w).max() or 1.0)  # scale-free: redundancy is chosen against it
    n = len(FEATURES)
    quad = np.zeros((n, n))
    if quadratic:
        quad[np.triu_indices(n)] = w[n:]
    return Ranker(mean, scale, w[:n], quad, 0.0)


def with_length_penalty(r: Ranker, shorter: float, redundancy: float) -> Ranker:
    """The ranker with ``shorter`` × length (tokens / 40) taken off every score: the summary's
    F1 pays for its length, which the oracle-membership label does not see."""
    k = FEATURES.index("length")
    coef = r.coef.copy()
    coef[k] -= shorter * r.scale[k]
    return Ranker(r.mean, r.scale, coef, r.quad, redundancy)


def mean_rouge(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """Mean ROUGE-1/2/L F1 (×100) of (reference, summary) pairs, on evaluate.py's syllables."""
    from rouge_score import rouge_scorer

    class Tok:
        def tokenize(self, text: str) -> list[str]:
            return toks(text)

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=Tok())
    tot = np.zeros(3)
    for reference, summary in pairs:
        s = scorer.score(reference, summary)
        tot += [s["rouge1"].fmeasure, s["rouge2"].fmeasure, s["rougeL"].fmeasure]
    r1, r2, rl = (100 * tot / max(1, len(pairs))).round(2)
    return float(r1), float(r2), float(rl)


def rouge_table(arts: list[dict], ranker: Ranker, n: int = 2) -> tuple[float, float, float]:
    return mean_rouge([(a["abstract"], " ".join(a["units"][i] for i in select_sentences(a["units"], "vi", n, ranker))) for a in arts])


def gold_table(arts: list[dict]) -> tuple[float, float, float]:
    """evaluate.py's LEAD-2: the dataset's own first two sentences."""
    return mean_rouge([(a["abstract"], a["gold2"]) for a in arts])


def lead_table(arts: list[dict], n: int) -> tuple[float, float, float]:
    n_f = len(FEATURES)
    lead = Ranker(np.zeros(n_f), np.ones(n_f), -np.eye(n_f)[FEATURES.index("relative_position")], np.zeros((n_f, n_f)), 0.0)
    return rouge_table(arts, lead, n)


def split_indices(n: int) -> tuple[list[int], list[int], set[int]]:
    """(fit rows, validation rows, rows that get their headline line: half of them) by a seeded
    shuffle of ``n`` rows: the one split every ranker experiment uses."""
    order = list(range(n))
    rng = random.Random(SEED)
    rng.shuffle(order)
    titled = {i for i in order if rng.random() < 0.5}
    cut = int(0.8 * n)
    return order[:cut], order[cut:], titled


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--write", action="store_true", help=f"re-fit the chosen model on all of train and write {WEIGHTS}")
    a = ap.parse_args()
    with gzip.open(a.data, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    rows = rows[: a.limit] if a.limit else rows
    t = time.perf_counter()
    fit_i, val_i, titled = split_indices(len(rows))
    arts = [prepare(r, i in titled) for i, r in enumerate(rows)]
    print(f"{len(arts)} articles prepared in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    fit_part = [arts[i] for i in fit_i]
    val_rows = [rows[i] for i in val_i]
    val_part = [prepare(r) for r in val_rows]  # as evaluate.py gives them: no headline line
    val_titled = [prepare(r, True) for r in val_rows]
    print(f"fit {len(fit_part)} / validation {len(val_part)} articles")
    print(f"validation LEAD-2 (gold split) R1/R2/RL {gold_table(val_part)}")
    for k in (1, 2, 3):
        print(f"validation LEAD-{k} (vnsum split, fragments skipped) R1/R2/RL {lead_table(val_part, k)}")
    results = []
    for kind, c, quadratic in [("logistic", 1.0, False), ("logistic", 1.0, True)]:
        base = fit(fit_part, kind, c, quadratic)
        for red in (1.0, 2.0, 3.0, 5.0, 8.0):
            for shorter in (0.0, 0.5, 1.0):
                ranker = with_length_penalty(base, shorter, red)
                table = rouge_table(val_part, ranker)
                results.append((table[1], kind, c, quadratic, red, shorter, table))
                print(f"{kind} C={c} quad={quadratic!s:5} redundancy={red:<4} shorter={shorter:<4} R1/R2/RL {table}", flush=True)
    _, kind, c, quadratic, red, shorter, table = max(results)
    best = fit(fit_part, kind, c, quadratic)
    chosen = with_length_penalty(best, shorter, red)
    print(f"chosen: {kind} C={c} quadratic={quadratic} redundancy={red} shorter={shorter}: validation R1/R2/RL {table}")
    print(f"  the same, articles with their headline line: {rouge_table(val_titled, chosen)}")
    print("linear weights (standardised features):")
    for name, w in sorted(zip(FEATURES, best.coef, strict=True), key=lambda p: -abs(p[1])):
        print(f"  {name:18s} {w:+.3f}")
    if a.write:
        final = with_length_penalty(fit(arts, kind, c, quadratic), shorter, red)
        out = {
            "features": list(FEATURES),
            "mean": [round(float(v), 6) for v in final.mean],
            "scale": [round(float(v), 6) for v in final.scale],
            "coef": [round(float(v), 6) for v in final.coef],
            "quad": [[round(float(v), 6) for v in r] for r in final.quad],
            "redundancy": red,
            "model": f"{kind} regression (C {c}{', pairwise products' if quadratic else ''}) on prose sentences; "
            f"label: {'in the greedy 2-sentence oracle' if kind == 'logistic' else 'ROUGE-1+2 recall'}",
            "trained_on": f"{a.data.name}: {len(arts)} articles (benchmarks/train_ranker.py, seed {SEED})",
            "validation": {"r1": table[0], "r2": table[1], "rl": table[2], "articles": len(val_part)},
        }
        WEIGHTS.parent.mkdir(exist_ok=True)
        WEIGHTS.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
