"""What a news editor looks at in a sentence, as numbers: the extractive ranker's features.

Every feature is computed for the whole article in one pass (linear in its length): the
position among prose sentences, length, TF-IDF centrality (cosine to the article's
centroid), similarity to the title line and to the first sentence, the density of numbers
and names, quotes, and a few word cues (a dateline opening, attribution, a connective that
needs context). The weights come from ``data/ranker.json``, learned on news by
``benchmarks/train_ranker.py``; this module only reads them, with numpy.

Fragments (headlines, "Ảnh: …" credits, bylines, player lines) are flagged here, not
scored: the selector takes them only when no prose is left.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from vnsum.document import is_passthrough

WEIGHTS = Path(__file__).with_name("data") / "ranker.json"

FEATURES = (
    "lead",  # 1 / sqrt(1 + rank among prose sentences)
    "first",  # the first prose sentence
    "second",
    "third",
    "relative_position",  # rank / number of prose sentences
    "length",  # tokens / 40, at most 2
    "short",  # under 10 tokens
    "long",  # over 50 tokens
    "central",  # cosine to the article's TF-IDF centroid, scaled to a maximum of 1
    "title_sim",  # cosine to the title line (0 when the article has none)
    "first_sim",  # cosine to the first prose sentence (0 for that sentence)
    "digits",  # share of tokens with a digit
    "names",  # share of tokens capitalised inside the sentence
    "quote",  # has quotation marks
    "dateline",  # opens with a date or time ("Ngày 24/8, …", "On Monday, …")
    "attribution",  # reported speech ("cho biết", "said")
    "connective",  # opens with a word that needs the previous sentence ("Tuy nhiên", "However")
    "repeat",  # highest cosine to an earlier sentence: says again what was said
)

_TOKEN = re.compile(r"[^\W_]+")
_LETTERS = re.compile(r"[^\W\d_]")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
#: Photo and video credits, sources and bylines, even when they end with a full stop.
_CAPTION = re.compile(
    r"^\W*(ảnh|ảnh minh họa|ảnh minh hoạ|nguồn|video|clip|photo|source|đồ họa|đồ hoạ|theo)\b[^.!?]{0,60}:"
    r"|\((ảnh|nguồn|photo|video|source)\s*:[^)]*\)\W*$"
    r"|^\W*(ảnh|photo|nguồn|source)\s*:",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[“”\"«»]")
_DATELINE = re.compile(
    r"^\W*((ngày|sáng|trưa|chiều|tối|đêm|rạng sáng|khoảng|hôm|vào|đầu|cuối|giữa)\b[^,]{0,30}\d"
    r"|(on|last|this|early|late)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday|\w+day|week|month|year)\b"
    r"|\d{1,2}\s*/\s*\d{1,2})",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(r"\b(cho biết|cho hay|khẳng định|thông tin|chia sẻ|said|says|told|according to)\b", re.IGNORECASE)
_CONNECTIVE = re.compile(
    r"^\W*(tuy nhiên|ngoài ra|bên cạnh đó|trước đó|sau đó|do đó|vì vậy|vì thế|thế nhưng|nhưng|còn|đồng thời|"
    r"cũng|theo đó|như vậy|ngay sau đó|however|but|meanwhile|also|besides|moreover|then|after that|earlier)\b",
    re.IGNORECASE,
)

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

Vector = dict[int, int]  # term id → count in the sentence


@dataclass(frozen=True)
class Ranker:
    """A logistic-regression scorer over standardised ``FEATURES`` and their pairwise products
    (``quad``, upper triangle), and the selector's redundancy weight."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    quad: np.ndarray
    redundancy: float

    def score(self, x: np.ndarray) -> np.ndarray:
        z = (x - self.mean) / self.scale
        return z @ self.coef + ((z @ self.quad) * z).sum(axis=1)


@lru_cache(maxsize=4)
def load_ranker(path: Path = WEIGHTS) -> Ranker:
    """The weights file: its feature names must be ``FEATURES``, in order (a stale file fails here)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path} was learned for other features: {data['features']}")
    n = len(FEATURES)
    mean, scale, coef = (np.asarray(data[k], dtype=float) for k in ("mean", "scale", "coef"))
    quad = np.asarray(data.get("quad", np.zeros((n, n))), dtype=float)
    if any(a.shape != (n,) for a in (mean, scale, coef)) or quad.shape != (n, n):
        raise ValueError(f"{path}: mean, scale and coef must have {n} values each, quad {n} × {n}")
    return Ranker(mean, scale, coef, quad, float(data["redundancy"]))


def tokens(sentence: str, lang: str) -> list[str]:
    """Lowercased NFC syllables (vi) or words (en), punctuation and stopwords dropped."""
    stop = STOPWORDS.get(lang, frozenset())
    return [t for t in _TOKEN.findall(unicodedata.normalize("NFC", sentence).lower()) if t not in stop]


def normalize(sentence: str) -> str:
    """The sentence's words, lowercased: equal for an exact repeat whatever its spacing."""
    return " ".join(_TOKEN.findall(unicodedata.normalize("NFC", sentence).lower()))


def vectors(sentences: Sequence[str], lang: str) -> tuple[list[Vector], np.ndarray]:
    """Each sentence's term counts (ids in first-appearance order) and the article's idf per id."""
    vocab: dict[str, int] = {}
    vecs = [dict(Counter(vocab.setdefault(t, len(vocab)) for t in tokens(s, lang))) for s in sentences]
    df = np.zeros(max(1, len(vocab)))
    for v in vecs:
        df[list(v)] += 1
    idf = np.log((1 + len(sentences)) / (1 + df)) + 1.0
    return vecs, idf


def is_prose(sentence: str, content_tokens: int) -> bool:
    """A full sentence: terminal punctuation, letters, content words, and no credit or caption."""
    text = sentence.strip()
    return (
        bool(_TERMINAL.search(text))
        and not is_passthrough(text)
        and len(_LETTERS.findall(text)) >= 10
        and content_tokens >= 3
        and not _CAPTION.search(text)
    )


def is_title(sentence: str) -> bool:
    """A headline: a short first line with letters and no final punctuation."""
    text = sentence.strip()
    return not _TERMINAL.search(text) and 3 <= len(_TOKEN.findall(text)) <= 30 and not _CAPTION.search(text)


def _unit_rows(vecs: list[Vector], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The TF-IDF matrix as unit-length sparse triples (row, term, value)."""
    rows = np.repeat(np.arange(len(vecs)), [len(v) for v in vecs])
    cols = np.fromiter((t for v in vecs for t in v), dtype=np.int64, count=len(rows))
    vals = np.fromiter((c for v in vecs for c in v.values()), dtype=float, count=len(rows)) * idf[cols]
    norms = np.sqrt(np.bincount(rows, weights=vals**2, minlength=len(vecs)))
    vals = np.divide(vals, norms[rows], out=np.zeros_like(vals), where=norms[rows] > 0)
    return rows, cols, vals


def sentence_features(sentences: Sequence[str], lang: str) -> tuple[np.ndarray, np.ndarray, list[Vector], np.ndarray]:
    """``FEATURES`` for every sentence (n × len(FEATURES)), which sentences are prose, and the
    TF-IDF counts and idf the selector reuses. One pass over the article: no n × n matrix."""
    n = len(sentences)
    vecs, idf = vectors(sentences, lang)
    x = np.zeros((n, len(FEATURES)))
    if n == 0:
        return x, np.zeros(0, dtype=bool), vecs, idf
    prose = np.array([is_prose(s, sum(v.values())) for s, v in zip(sentences, vecs, strict=True)])
    rows, cols, vals = _unit_rows(vecs, idf)
    width = len(idf)

    def row(i: int) -> np.ndarray:
        r = np.zeros(width)
        sel = rows == i
        r[cols[sel]] = vals[sel]
        return r

    centroid = np.bincount(cols, weights=vals * prose[rows], minlength=width)
    degree = np.bincount(rows, weights=vals * centroid[cols], minlength=n)
    degree = degree / (np.linalg.norm(centroid) or 1.0)
    top = degree[prose].max() if prose.any() else 0.0
    central = degree / top if top > 0 else degree
    prose_idx = np.flatnonzero(prose)
    title = row(0) if not prose[0] and is_title(sentences[0]) else None
    first = row(int(prose_idx[0])) if len(prose_idx) else None
    title_sim = np.bincount(rows, weights=vals * title[cols], minlength=n) if title is not None else np.zeros(n)
    first_sim = np.bincount(rows, weights=vals * first[cols], minlength=n) if first is not None else np.zeros(n)
    repeat = _repeat(rows, cols, vals, n, width)
    n_prose = max(1, len(prose_idx))
    rank = np.cumsum(prose) - 1
    for i, sentence in enumerate(sentences):
        words = _TOKEN.findall(sentence)
        count = max(1, len(words))
        r = int(rank[i]) if prose[i] else n_prose
        x[i] = (
            1.0 / math.sqrt(1.0 + r),
            r == 0,
            r == 1,
            r == 2,
            r / n_prose,
            min(2.0, len(words) / 40.0),
            len(words) < 10,
            len(words) > 50,
            central[i],
            title_sim[i],
            0.0 if r == 0 else first_sim[i],
            sum(any(c.isdigit() for c in w) for w in words) / count,
            sum(w[:1].isupper() for w in words[1:]) / count,
            bool(_QUOTE.search(sentence)),
            bool(_DATELINE.match(sentence)),
            bool(_ATTRIBUTION.search(sentence)),
            bool(_CONNECTIVE.match(sentence)),
            repeat[i],
        )
    return x, prose, vecs, idf


def _repeat(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n: int, width: int) -> np.ndarray:
    """Each sentence's highest cosine to the few sentences before it (a window of 8: linear)."""
    out = np.zeros(n)
    window = 8
    by_row = np.split(np.arange(len(rows)), np.flatnonzero(np.diff(rows)) + 1) if len(rows) else []
    sparse: dict[int, dict[int, float]] = {}
    for idx in by_row:
        if len(idx):
            sparse[int(rows[idx[0]])] = dict(zip(cols[idx].tolist(), vals[idx].tolist(), strict=True))
    for i in range(n):
        mine = sparse.get(i)
        if not mine:
            continue
        best = 0.0
        for j in range(max(0, i - window), i):
            other = sparse.get(j)
            if other:
                best = max(best, sum(w * other.get(t, 0.0) for t, w in mine.items()))
        out[i] = best
    return out
