"""Content features for the extractive ranker, judged on the train file's validation split (issue 16, round 3).

    pip install scikit-learn rouge-score         # learning only: not package dependencies
    python benchmarks/ranker_word_importance.py          # sentence features (seed 16; train file only, never dev)
    python benchmarks/ranker_word_importance.py --pairs  # round B: bigram model + expected-ROUGE choice

Results (validation tables) are in extractive_learned.md, "Third round". Prepared articles are
cached in /tmp (``CACHE``, named by a hash of the code that prepares them).

Same articles, split and base model as ``train_ranker.py``. New sentence features, added to the
shipped 18 and learned the same way (logistic on oracle membership with pairwise products, or
a direct ROUGE-2 regression), each summary chosen by vnsum's own selector (MMR):

- word importance: per syllable and syllable bigram, the smoothed log-odds of appearing in the
  abstract given it appears in the article, against the base rate, learned on the fit part
  (out of fold for the fit articles themselves, so the ranker never sees its own labels);
  per sentence: mean, max, share positive (and a length-scaled sum for syllables);
- a word model: per article and syllable, P(in the abstract) from the global log-odds, its
  count in the article, its first position, whether the first sentence or title has it; per
  sentence: the sum of P over its distinct syllables over the article's sum (expected recall
  share) and their mean (expected precision);
- keyphrases: share of the article's 10 top TF-IDF syllables the sentence covers, and the share
  of its syllables that recur later in the article;
- cues learned from data: the log-odds of the first one / two syllables of a prose sentence
  being in the oracle (out of fold), instead of hand lists.

Round B (``--pairs``): a logistic model of "this bigram of the article is in the abstract" (the
log-odds above, its count, first position, first sentence / title, share of sentences, the
ranker's best score among its sentences) and the pair among the ranker's top k with the best
expected ROUGE-2 F1 under it — the one that cleared the bar; shipped as ``content.py``
(``train_content_model.py``).

The bar set before starting: +0.3 R2 over the shipped model on validation, or dev stays untouched.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import pickle
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_ranker as tr  # noqa: E402

from vnsum.summarizers.extractive import select_sentences  # noqa: E402
from vnsum.summarizers.features import FEATURES, tokens  # noqa: E402

FOLDS = 5
SMOOTH = 20.0  # pseudo-articles at the base rate
ROOT = Path(__file__).resolve().parents[1]
#: Prepared articles, keyed by the code that prepares them (segmenter, features, units).
_SOURCES = ("vnsum/segment.py", "vnsum/document.py", "vnsum/summarizers/features.py", "vnsum/summarizers/extractive.py")
CACHE = Path("/tmp") / f"vnsum_prepared_{hashlib.sha1(b''.join((ROOT / f).read_bytes() for f in _SOURCES)).hexdigest()[:12]}.pkl"


def load() -> tuple[list[dict], list[dict]]:
    """The fit part (half with a headline line) and the validation part (none), as train_ranker.py."""
    if CACHE.exists():
        return pickle.loads(CACHE.read_bytes())
    with gzip.open(tr.DEFAULT_DATA, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    fit_rows, val_rows, titled = tr.split_indices(len(rows))
    fit_part = [tr.prepare(rows[i], i in titled) for i in fit_rows]
    val = [tr.prepare(rows[i]) for i in val_rows]
    for a in fit_part + val:
        a["syl"] = [tokens(u, "vi") for u in a["units"]]  # content syllables (stopwords dropped)
        a["all"] = [tr.toks(u) for u in a["units"]]  # every syllable (ROUGE's view)
        a["ref"] = set(tr.toks(a["abstract"]))
        a["ref2"] = set(bigrams(tr.toks(a["abstract"])))
    CACHE.write_bytes(pickle.dumps((fit_part, val)))
    return fit_part, val


def bigrams(t: list[str]) -> list[tuple[str, str]]:
    return list(zip(t, t[1:], strict=False))


class LogOdds:
    """Smoothed log-odds of a key being in the abstract given it is in the article, minus the base rate's."""

    def __init__(self, arts: list[dict], keys) -> None:  # type: ignore[no-untyped-def]
        n_art: Counter = Counter()
        n_abs: Counter = Counter()
        for a in arts:
            seen, ref = keys(a)
            n_art.update(seen)
            n_abs.update(k for k in seen if k in ref)
        self.counts = n_art
        self.prior = sum(n_abs.values()) / max(1, sum(n_art.values()))
        base = math.log(self.prior / (1 - self.prior))
        self.table = {}
        for k, n in n_art.items():
            if n >= 3:
                p = (n_abs[k] + SMOOTH * self.prior) / (n + SMOOTH)
                self.table[k] = math.log(p / (1 - p)) - base

    def get(self, k) -> float:  # type: ignore[no-untyped-def]
        return self.table.get(k, 0.0)


def uni_keys(a: dict) -> tuple[set, set]:
    return {w for t in a["syl"] for w in t}, a["ref"]


def bi_keys(a: dict) -> tuple[set, set]:
    return {g for t in a["all"] for g in bigrams(t)}, a["ref2"]


class StartOdds:
    """Log-odds of a prose sentence whose first one/two syllables are k being in the oracle."""

    def __init__(self, arts: list[dict], width: int) -> None:
        pos: Counter = Counter()
        tot: Counter = Counter()
        for a in arts:
            for i, t in enumerate(a["all"]):
                if a["prose"][i] and t:
                    k = tuple(t[:width])
                    tot[k] += 1
                    pos[k] += a["oracle"][i]
        self.prior = sum(pos.values()) / max(1, sum(tot.values()))
        base = math.log(self.prior / (1 - self.prior))
        self.table = {
            k: math.log((pos[k] + SMOOTH * self.prior) / (n - pos[k] + SMOOTH * (1 - self.prior))) - base for k, n in tot.items() if n >= 5
        }
        self.width = width

    def get(self, t: list[str]) -> float:
        return self.table.get(tuple(t[: self.width]), 0.0)


def tables(train: list[dict]) -> dict:
    return {
        "uni": LogOdds(train, uni_keys),
        "bi": LogOdds(train, bi_keys),
        "s1": StartOdds(train, 1),
        "s2": StartOdds(train, 2),
    }


WORD_FEATURES = ("lo", "log_tf", "first_pos", "in_first", "in_title", "sent_share", "digit")


def word_rows(a: dict, t: dict) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Per distinct content syllable of the article: the word model's inputs and label."""
    prose_idx = [i for i in range(len(a["units"])) if a["prose"][i]]
    first = set(a["syl"][prose_idx[0]]) if prose_idx else set()
    title = set(a["syl"][0]) if a["units"] and not a["prose"][0] else set()
    tf: Counter = Counter()
    df: Counter = Counter()
    first_at: dict[str, int] = {}
    for i, s in enumerate(a["syl"]):
        tf.update(s)
        df.update(set(s))
        for w in s:
            first_at.setdefault(w, i)
    n = max(1, len(a["units"]))
    words = list(tf)
    x = np.array(
        [[t["uni"].get(w), math.log1p(tf[w]), first_at[w] / n, w in first, w in title, df[w] / n, w.isdigit()] for w in words]
    ).reshape(-1, len(WORD_FEATURES))
    y = np.array([w in a["ref"] for w in words], dtype=float)
    return words, x, y


EXTRA = (
    "uni_mean", "uni_max", "uni_pos", "uni_sum", "bi_mean", "bi_max", "bi_pos",
    "p_recall", "p_mean", "top_cov", "later", "start1", "start2",
)  # fmt: skip


def extra_features(a: dict, t: dict, word_model) -> np.ndarray:  # type: ignore[no-untyped-def]
    """``EXTRA`` for every unit of the article (rows match ``a['x']``)."""
    n = len(a["units"])
    out = np.zeros((n, len(EXTRA)))
    if word_model is not None:
        words, wx, _ = word_rows(a, t)
        p = dict(zip(words, word_model(wx), strict=True)) if words else {}
    else:
        p = {}
    total_p = sum(p.values()) or 1.0
    tf: Counter = Counter(w for s in a["syl"] for w in s)
    df: Counter = Counter(w for s in a["syl"] for w in set(s))
    top = {w for w, _ in sorted(((w, tf[w] * math.log((1 + n) / (1 + df[w]))) for w in tf), key=lambda p: -p[1])[:10]}
    later: Counter = Counter()
    for i in range(n - 1, -1, -1):
        s, full = a["syl"][i], a["all"][i]
        if s:
            u = [t["uni"].get(w) for w in s]
            d = set(s)
            out[i, 0:4] = [np.mean(u), max(u), np.mean([v > 0 for v in u]), min(3.0, sum(u) / 20)]
            out[i, 7] = sum(p.get(w, 0.0) for w in d) / total_p
            out[i, 8] = np.mean([p.get(w, 0.0) for w in d])
            out[i, 9] = len(top & d) / max(1, len(top))
            out[i, 10] = np.mean([later[w] > 0 for w in s])
        b = [t["bi"].get(g) for g in bigrams(full)]
        if b:
            out[i, 4:7] = [np.mean(b), max(b), np.mean([v > 0 for v in b])]
        if full:
            out[i, 11] = t["s1"].get(full)
            out[i, 12] = t["s2"].get(full)
        later.update(set(s))
    return out


def fit_word_model(arts: list[dict], t: dict):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    xs, ys = zip(*[word_rows(a, t)[1:] for a in arts], strict=True)
    x, y = np.vstack(xs), np.concatenate(ys)
    mean, scale = x.mean(0), x.std(0) + 1e-9
    m = LogisticRegression(C=1.0, max_iter=2000).fit((x - mean) / scale, y)
    print("word model coef:", dict(zip(WORD_FEATURES, m.coef_[0].round(3), strict=True)), file=sys.stderr)
    return lambda wx: m.predict_proba((wx - mean) / scale)[:, 1]


class Wide:
    """A linear/quadratic scorer over FEATURES + a chosen slice of EXTRA (the article's extras set before each call)."""

    def __init__(self, mean, scale, coef, quad, redundancy, cols) -> None:  # type: ignore[no-untyped-def]
        self.mean, self.scale, self.coef, self.quad, self.redundancy, self.cols = mean, scale, coef, quad, redundancy, cols
        self.extra = np.zeros((0, len(EXTRA)))

    def score(self, x: np.ndarray) -> np.ndarray:
        z = (np.hstack([x, self.extra[:, self.cols]]) - self.mean) / self.scale
        out = z @ self.coef
        if self.quad is not None:
            out = out + ((z @ self.quad) * z).sum(axis=1)
        return out


def fit_wide(arts: list[dict], cols: list[int], label: str, quadratic: bool, c: float = 1.0) -> Wide:
    from sklearn.linear_model import LogisticRegression, Ridge

    xs, ys = [], []
    for a in arts:
        m = a["prose"]
        if not m.any():
            continue
        xs.append(np.hstack([a["x"], a["extra"][:, cols]])[m])
        y = a[label][m]
        ys.append(y - y.mean() if label != "oracle" else y)
    x, y = np.vstack(xs), np.concatenate(ys)
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = tr.expand((x - mean) / scale, quadratic)
    if label == "oracle":
        w = LogisticRegression(C=c, max_iter=3000, random_state=tr.SEED).fit(z, y).coef_[0]
    else:
        w = Ridge(alpha=c).fit(z, y).coef_
    w = w / (np.abs(w).max() or 1.0)
    k = x.shape[1]
    quad = None
    if quadratic:
        quad = np.zeros((k, k))
        quad[np.triu_indices(k)] = w[k:]
    return Wide(mean, scale, w[:k], quad, 3.0, cols)


def evaluate(val: list[dict], model: Wide, redundancy: float) -> tuple[float, float, float]:
    model.redundancy = redundancy
    pairs = []
    for a in val:
        model.extra = a["extra"]
        chosen = select_sentences(a["units"], "vi", 2, model)  # type: ignore[arg-type]
        pairs.append((a["abstract"], " ".join(a["units"][i] for i in chosen)))
    return tr.mean_rouge(pairs)


def row(name: str, table: tuple[float, float, float]) -> None:
    print(f"| {name} | {' | '.join(map(str, table))} |", flush=True)


def main() -> None:
    fit_part, val = load()
    # Per-sentence ROUGE-2 F1 against the abstract (the direct regression target).
    for a in fit_part + val:
        ref2 = tr.grams(tr.toks(a["abstract"]), 2)
        a["r2"] = np.array([tr.f1(ref2, tr.grams(t, 2)) for t in a["all"]])
    rng = random.Random(tr.SEED)
    fold = [rng.randrange(FOLDS) for _ in fit_part]
    full = tables(fit_part)
    word_model = fit_word_model(fit_part, full)
    for k in range(FOLDS):
        t = tables([a for a, f in zip(fit_part, fold, strict=True) if f != k])
        for a, f in zip(fit_part, fold, strict=True):
            if f == k:
                a["extra"] = extra_features(a, t, word_model)
    for a in val:
        a["extra"] = extra_features(a, full, word_model)
    print(f"fit {len(fit_part)} / validation {len(val)}", file=sys.stderr)
    row("LEAD-2 (gold split, as evaluate.py)", tr.gold_table(val))
    shipped = tr.with_length_penalty(tr.fit(fit_part, "logistic", 1.0, True), 0.0, 3.0)
    row("learned ranker (shipped: logistic, pairwise products, MMR 3)", tr.rouge_table(val, shipped))
    groups = {
        "word importance (log-odds)": [0, 1, 2, 3, 4, 5, 6],
        "word model (P in abstract)": [7, 8],
        "keyphrases + recurrence": [9, 10],
        "learned start cues": [11, 12],
        "all": list(range(len(EXTRA))),
    }
    for name, cols in groups.items():
        for quadratic in (False, True):
            model = fit_wide(fit_part, cols, "oracle", quadratic)
            for red in (2.0, 3.0, 5.0):
                row(f"+ {name}, logistic{' quad' if quadratic else ''}, MMR {red}", evaluate(val, model, red))
    for c in (1.0, 100.0):
        model = fit_wide(fit_part, list(range(len(EXTRA))), "r2", True, c)
        for red in (0.5, 1.0, 3.0):
            row(f"+ all, ridge on sentence ROUGE-2 F1 (alpha {c}), quad, MMR {red}", evaluate(val, model, red))
    names = list(FEATURES) + list(EXTRA)
    model = fit_wide(fit_part, list(range(len(EXTRA))), "oracle", False)
    weights = sorted(zip(names, model.coef, strict=True), key=lambda p: -abs(p[1]))
    print("linear weights, + all:", {n: round(float(w), 3) for n, w in weights})


BIGRAM_FEATURES = ("lo_bi", "lo_uni", "log_tf", "first_pos", "in_first", "in_title", "sent_share", "best_score", "digit")


def bigram_rows(a: dict, t: dict, s: np.ndarray) -> tuple[list, np.ndarray, np.ndarray]:
    """Per distinct syllable bigram of the article: the bigram model's inputs and label
    (``s``: the base ranker's score of each unit; fragments count as the lowest)."""
    prose_idx = [i for i in range(len(a["units"])) if a["prose"][i]]
    first = set(bigrams(a["all"][prose_idx[0]])) if prose_idx else set()
    title = set(bigrams(a["all"][0])) if a["units"] and not a["prose"][0] else set()
    tf: Counter = Counter()
    df: Counter = Counter()
    first_at: dict = {}
    best: dict = {}
    low = float(s[a["prose"]].min()) if a["prose"].any() else 0.0
    for i, full in enumerate(a["all"]):
        b = bigrams(full)
        tf.update(b)
        df.update(set(b))
        si = float(s[i]) if a["prose"][i] else low
        for g in b:
            first_at.setdefault(g, i)
            best[g] = max(best.get(g, -1e9), si)
    n = max(1, len(a["units"]))
    keys = list(tf)
    x = np.array(
        [
            [
                t["bi"].get(g),
                (t["uni"].get(g[0]) + t["uni"].get(g[1])) / 2,
                math.log1p(tf[g]),
                first_at[g] / n,
                g in first,
                g in title,
                df[g] / n,
                best[g],
                any(c.isdigit() for c in g[0] + g[1]),
            ]
            for g in keys
        ]  # fmt: skip
    ).reshape(-1, len(BIGRAM_FEATURES))
    y = np.array([g in a["ref2"] for g in keys], dtype=float)
    return keys, x, y


def pair_pick(a: dict, s: np.ndarray, p: dict, k: int, mu: float, ref_len: float) -> list[int]:
    """The pair among the base model's top ``k`` prose sentences with the best expected ROUGE-2
    F1 (matched bigrams = the sum of P over the pair's distinct bigrams), plus ``mu`` × their base scores."""
    idx = [int(i) for i in np.argsort(-s, kind="stable") if a["prose"][i]][:k]
    if len(idx) < 2:
        return sorted(idx) or [0]
    best, pick = -1e9, idx[:2]
    for x in range(len(idx)):
        for y in range(x + 1, len(idx)):
            i, j = idx[x], idx[y]
            grams = set(bigrams(a["all"][i])) | set(bigrams(a["all"][j]))
            m = sum(p.get(g, 0.0) for g in grams)
            length = max(0, len(a["all"][i]) - 1) + max(0, len(a["all"][j]) - 1)
            v = 2 * m / (length + ref_len) + mu * (s[i] + s[j])
            if v > best:
                best, pick = v, [i, j]
    return sorted(pick)


def main_pairs() -> None:
    """Round B: a bigram model (P that a bigram of the article is in the abstract) and the pair
    with the best expected ROUGE-2 F1 under it; and its sums as two more sentence features."""
    from sklearn.linear_model import LogisticRegression

    fit_part, val = load()
    rng = random.Random(tr.SEED)
    fold = [rng.randrange(FOLDS) for _ in fit_part]
    shipped = tr.with_length_penalty(tr.fit(fit_part, "logistic", 1.0, True), 0.0, 3.0)
    row("LEAD-2 (gold split, as evaluate.py)", tr.gold_table(val))
    row("learned ranker (shipped: logistic, pairwise products, MMR 3)", tr.rouge_table(val, shipped))
    for a in fit_part + val:
        a["s"] = shipped.score(a["x"])
    full = tables(fit_part)
    rows_x, rows_y = [], []
    for k in range(FOLDS):
        t = tables([a for a, f in zip(fit_part, fold, strict=True) if f != k])
        for n, (a, f) in enumerate(zip(fit_part, fold, strict=True)):
            if f == k:
                a["brows"] = bigram_rows(a, t, a["s"])
                if n % 2 == 0:  # half the fit articles fit the bigram model (memory)
                    rows_x.append(a["brows"][1])
                    rows_y.append(a["brows"][2])
    for a in val:
        a["brows"] = bigram_rows(a, full, a["s"])
    x, y = np.vstack(rows_x), np.concatenate(rows_y)
    mean, scale = x.mean(0), x.std(0) + 1e-9
    model = LogisticRegression(C=1.0, max_iter=2000).fit((x - mean) / scale, y)
    print("bigram model coef:", dict(zip(BIGRAM_FEATURES, model.coef_[0].round(3), strict=True)), flush=True)
    ref_mean = float(np.mean([len(tr.toks(a["abstract"])) - 1 for a in fit_part]))
    print(f"bigram rows {len(y)}, positive {y.mean():.3f}; abstract bigrams (fit mean) {ref_mean:.1f}", flush=True)
    for a in fit_part + val:
        keys, bx, _ = a.pop("brows")
        a["p2"] = dict(zip(keys, model.predict_proba((bx - mean) / scale)[:, 1], strict=True)) if keys else {}
    for k in (5, 8):
        for ref_len in (0.75 * ref_mean, ref_mean):
            for mu in (0.0, 0.02, 0.05, 0.1):
                chosen = [pair_pick(a, a["s"], a["p2"], k, mu, ref_len) for a in val]
                table = tr.mean_rouge([(a["abstract"], " ".join(a["units"][i] for i in c)) for a, c in zip(val, chosen, strict=True)])
                row(f"pairs by expected R2 F1 (bigram model), top {k}, ref {ref_len:.0f}, + {mu} × base scores", table)
    # The bigram model's sums as sentence features (expected recall share, expected precision).
    for a in fit_part + val:
        tot = sum(a["p2"].values()) or 1.0
        e = np.zeros((len(a["units"]), 2))
        for i, full_t in enumerate(a["all"]):
            g = set(bigrams(full_t))
            if g:
                e[i] = [sum(a["p2"][b] for b in g) / tot, np.mean([a["p2"][b] for b in g])]
        a["extra"] = e
    for quadratic in (False, True):
        wide = fit_wide(fit_part, [0, 1], "oracle", quadratic)
        for red in (2.0, 3.0, 5.0):
            row(f"+ bigram model sums, logistic{' quad' if quadratic else ''}, MMR {red}", evaluate(val, wide, red))


if __name__ == "__main__":
    main_pairs() if "--pairs" in sys.argv else main()
