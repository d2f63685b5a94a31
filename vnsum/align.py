"""Sentence alignment of a source text and a translation made elsewhere (Gale & Church, 1993).

Dynamic programming over the two sentence lists with the classic length-based cost: for a
bead of source length ``ls`` and target length ``lt`` (characters), ``delta = (lt − c·ls) /
sqrt(ls·s²)``, and the cost is ``−log P(bead type) − log 2(1 − Φ(|delta|))``. ``c = 1`` as in
the paper (Vietnamese and English news run close in characters: 0.76-1.48 on the pairs
of ``tests/check_eval``; a document-wide estimate is skewed by the very omissions the
alignment must find), ``s² = 6.8`` as in the paper. Bead types and priors:
1–1 (0.89), 1–2 and 2–1 (0.089 together), 1–0 and 0–1 (0.0099 together). A skip pays its
prior only (a length term against an empty side would make long omissions, the ones a
reader most needs to see, all but impossible).

Anchors (on by default) add content without a model: numbers and dates read by value and
names folded (``vnsum.checks``) are the same in both languages, so each anchor that one
side of a bead has and the other lacks costs ``ANCHOR_WEIGHT``. A sentence skipped pays
for its anchors too, so anchors never favour a skip over a merge; they tell which
neighbour a sentence really belongs with.

With ``similarity(source_text, target_text) -> [0, 1]`` (for instance chrF/100 between a
source sentence and the back-translation of a target sentence; a value above 1 is read as
a 0-100 score), each bead also pays ``SIMILARITY_WEIGHT × (1 − similarity)`` per sentence
it covers (``(ni + nj) / 2``), where a 2–1 or 1–2 bead's similarity is that of its least
similar part and a skipped sentence counts as similarity 0: content then
decides what lengths alone cannot, such as a dropped sentence that lengths would rather
merge into its neighbour (a 2–1 bead is ten times likelier than a 1–0 a priori).

The search is banded: only cells within ``BAND``
sentences of the diagonal drawn by the two texts' lengths (cumulative characters, scaled to
the same total) are searched. Wherever the best path comes within ``MARGIN`` of the band's
edge (an omission, a run of merges), the band is widened there, twice as far each time, and
the search redone, until the path stays clear of the edge or the band would exceed
``MAX_CELLS``. Time and memory grow with the texts, not their product; on real articles the
result is the full search's (``band=None``; tests/test_align.py compares the two). Texts of up
to about 100 sentences each (``FULL_CELLS``) are searched whole anyway.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import accumulate

Bead = tuple[tuple[int, ...], tuple[int, ...]]

VARIANCE = 6.8
LENGTH_RATIO = 1.0
ANCHOR_WEIGHT = 2.0
PRIORS = {(1, 1): 0.89, (1, 2): 0.089 / 2, (2, 1): 0.089 / 2, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2}
SIMILARITY_WEIGHT = 20.0
BAND = 10  # sentences either side of the diagonal searched at first
MARGIN = 4  # a best path this close to the band's edge widens it there
FULL_CELLS = 10_000  # a table this small (two 100-sentence texts) is searched whole: exact, and fast
ANCHOR_MAX_CHARS = 3_000  # as vnsum.checking.CHECK_MAX_CHARS: a longer sentence aligns by length
MAX_CELLS = 4_000_000  # the band widens no further (time): a text unlike its source aligns within it


def _norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def length_cost(ls: int, lt: int, ratio: float, variance: float = VARIANCE) -> float:
    """−log of the probability that lengths ``ls`` and ``lt`` are translations of each other."""
    if ls == 0 and lt == 0:
        return 0.0
    mean = (ls + lt / ratio) / 2.0  # as in Gale & Church's code: average of both sides
    delta = (lt - ls * ratio) / math.sqrt(max(mean, 1.0) * variance)
    p = 2.0 * (1.0 - _norm_cdf(abs(delta)))
    return -math.log(max(p, 1e-300))


def align(
    source_sentences: Sequence[str],
    target_sentences: Sequence[str],
    *,
    similarity: Callable[[str, str], float] | None = None,
    ratio: float = LENGTH_RATIO,
    anchors: bool = True,
    band: int | None = BAND,
) -> list[Bead]:
    """Beads ``(source indices, target indices)`` in order; every index of either side occurs
    exactly once (a skipped sentence is a bead with an empty other side). ``ratio`` is the
    expected target/source length ratio (``c``); ``anchors=False`` leaves out the anchor term.

    ``band``: only cells within ``band`` sentences of the diagonal that the two texts'
    lengths draw are searched, widened wherever the best path comes near the band's edge
    (an omission, a long merge), so time and memory grow with the input, not its square;
    the best path inside the band is the best of all whenever it stays clear of the edge.
    ``None`` searches every cell (quadratic: the reference the tests compare with), as does
    a table of at most ``FULL_CELLS`` cells (any news article and its translation)."""
    n, m = len(source_sentences), len(target_sentences)
    step = _StepCost(source_sentences, target_sentences, similarity, ratio, anchors)
    if band is None or (n + 1) * (m + 1) <= FULL_CELLS:
        rows = [(0, m)] * (n + 1)
        return _to_beads(_path(_search(step, rows), rows))
    rows = _diagonal_band([len(s) for s in source_sentences], [len(t) for t in target_sentences], band)
    grow = band
    while True:
        path = _path(_search(step, rows), rows)
        near = _near_edge(path, rows, m)
        wider = _widen(rows, near, grow, m)
        if not near or sum(hi - lo + 1 for lo, hi in wider) > MAX_CELLS:
            return _to_beads(path)
        rows, grow = wider, grow * 2


def _to_beads(path: list[tuple[int, int, int, int]]) -> list[Bead]:
    return [(tuple(range(i - di, i)), tuple(range(j - dj, j))) for i, j, di, dj in path]


class _StepCost:
    """The cost of one bead ending at cell ``(i, j)``, less the cost of the cell it starts from."""

    def __init__(
        self,
        source: Sequence[str],
        target: Sequence[str],
        similarity: Callable[[str, str], float] | None,
        ratio: float,
        anchors: bool,
    ) -> None:
        self.source, self.target, self.similarity, self.ratio = source, target, similarity, ratio
        self.src, self.tgt = [len(s) for s in source], [len(t) for t in target]
        self.anchor_sets = ([_anchors(x) for x in source], [_anchors(x) for x in target]) if anchors else None
        self._sims: dict[tuple[int, int, int, int], float] = {}  # kept while the band widens: chrF is dear

    def __call__(self, i: int, j: int, di: int, dj: int, start: float, log_prior: float) -> float:
        """``start`` (the cost at the bead's first cell) plus this bead, summed in the order of
        the quadratic search so that both give the same floats."""
        c = start - log_prior + (length_cost(sum(self.src[i - di : i]), sum(self.tgt[j - dj : j]), self.ratio) if di and dj else 0.0)
        if self.anchor_sets is not None:
            c += ANCHOR_WEIGHT * _unmatched(self.anchor_sets, i, j, di, dj)
        if self.similarity is not None:
            key = (i, j, di, dj)
            sim = self._sims.get(key)
            if sim is None:
                sim = self._sims[key] = _similarity(self.similarity, self.source, self.target, i, j, di, dj)
            c += SIMILARITY_WEIGHT * (di + dj) / 2.0 * (1.0 - sim)
        return c


_STEPS = [(step, math.log(prior)) for step, prior in PRIORS.items()]


def _search(step: _StepCost, rows: Sequence[tuple[int, int]]) -> list[array[int]]:
    """Back pointers (an index into ``_STEPS``, −1 where none) of the cheapest path to each
    cell; row ``i`` holds the cells ``rows[i] = (lo, hi)``, every other cell is unreachable.
    Costs are kept for the last three rows only (a bead spans at most two)."""
    inf = float("inf")
    costs: dict[int, list[float]] = {}
    backs: list[array[int]] = []
    for i, (lo, hi) in enumerate(rows):
        row = [inf] * (hi - lo + 1)
        back = array("b", [-1]) * (hi - lo + 1)
        costs[i] = row
        costs.pop(i - 3, None)
        backs.append(back)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best, pick = inf, -1
            for k, ((di, dj), log_prior) in enumerate(_STEPS):
                if di > i or dj > j:
                    continue
                plo, phi = rows[i - di]
                if not plo <= j - dj <= phi:
                    continue
                start = costs[i - di][j - dj - plo]
                if start == inf:
                    continue
                c = step(i, j, di, dj, start, log_prior)
                if c < best:
                    best, pick = c, k
            row[j - lo], back[j - lo] = best, pick
    return backs


def _path(backs: list[array[int]], rows: Sequence[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """The beads of the cheapest path as ``(i, j, di, dj)`` (the cell a bead ends at, its size), in order."""
    out = []
    i, j = len(rows) - 1, rows[-1][1]
    while i or j:
        k = backs[i][j - rows[i][0]]
        assert k >= 0
        (di, dj), _ = _STEPS[k]
        out.append((i, j, di, dj))
        i, j = i - di, j - dj
    return out[::-1]


def _near_edge(path: list[tuple[int, int, int, int]], rows: Sequence[tuple[int, int]], m: int) -> list[tuple[int, int]]:
    """``(row, side)`` wherever the path comes within ``MARGIN`` of a band edge that is not the
    table's own (side −1: the low edge, +1: the high one): a better path may lie beyond."""
    near = []
    for i, j, _, _ in path:
        lo, hi = rows[i]
        if lo > 0 and j - lo < MARGIN:
            near.append((i, -1))
        if hi < m and hi - j < MARGIN:
            near.append((i, 1))
    return near


def _widen(rows: list[tuple[int, int]], near: list[tuple[int, int]], grow: int, m: int) -> list[tuple[int, int]]:
    """The band moved ``grow`` cells outwards on each side the path came near, over ``2·grow``
    rows either side of where it did."""
    out = list(rows)
    for i, side in near:
        for r in range(max(0, i - 2 * grow), min(len(out), i + 2 * grow + 1)):
            lo, hi = out[r]
            out[r] = (max(0, lo - grow), hi) if side < 0 else (lo, min(m, hi + grow))
    return out


def _diagonal_band(src: list[int], tgt: list[int], width: int) -> list[tuple[int, int]]:
    """Per source position ``i``, the target positions within ``width`` of the one whose
    length so far is proportional to the source's; each row reaches the next one's start."""
    n, m = len(src), len(tgt)
    total_s, total_t = sum(src), sum(tgt)
    cum_t = list(accumulate(tgt, initial=0))
    rows = []
    done = 0
    for i in range(n + 1):
        if total_s and total_t:
            want = done * total_t / total_s
            c = bisect_left(cum_t, want)
            if c > 0 and want - cum_t[c - 1] <= cum_t[c] - want:
                c -= 1
        else:
            c = round(i * m / n) if n else m
        rows.append((max(0, c - width), min(m, c + width)))
        if i < n:
            done += src[i]
    rows[0] = (0, rows[0][1])
    rows[-1] = (rows[-1][0], m)  # the same row as the first when the source is empty
    return _connected(rows)


def _connected(rows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rows whose spans overlap their neighbours', so a path can always reach the end."""
    out = list(rows)
    for i in range(len(out) - 2, -1, -1):
        lo, hi = out[i]
        out[i] = (min(lo, out[i + 1][0]), max(hi, out[i + 1][0]))
    return out


def _similarity(
    similarity: Callable[[str, str], float], source: Sequence[str], target: Sequence[str], i: int, j: int, di: int, dj: int
) -> float:
    """Similarity of a bead in [0, 1]: on the side with two sentences, the *least* similar of
    them against the other side (each part of a merge must be in it); a skip counts as 0."""
    if not di or not dj:
        return 0.0
    src, tgt = list(source[i - di : i]), list(target[j - dj : j])
    if di > 1:
        pairs = [(s, " ".join(tgt)) for s in src]
    elif dj > 1:
        pairs = [(src[0], t) for t in tgt]
    else:
        pairs = [(src[0], tgt[0])]
    sims = []
    for a, b in pairs:
        sim = similarity(a, b)
        sims.append(min(max(sim / 100.0 if sim > 1.0 else sim, 0.0), 1.0))
    return min(sims)


def _anchors(sentence: str) -> frozenset:
    """Language-independent anchors of a sentence: its numbers and dates by value, and its
    people, places and acronyms folded (a place by its gazetteer entry: Việt Nam = Vietnam).
    A sentence over ``ANCHOR_MAX_CHARS`` has none: the readers grow faster than the sentence."""
    if len(sentence) > ANCHOR_MAX_CHARS:
        return frozenset()
    from vnsum.checks.name_tokens import fold, has_vi_letters
    from vnsum.checks.names_norm import names
    from vnsum.checks.numbers_norm import quantities

    lang = "vi" if has_vi_letters(sentence) else "en"
    out: set = {q.key for q in quantities(sentence, lang) if not q.soft}
    for name in names(sentence, lang):
        if name.kind in ("person", "place", "acronym"):
            out.add(("name", fold(name.forms[0] if name.kind != "person" else name.text).replace(" ", "")))
    return frozenset(out)


def _unmatched(anchor_sets: tuple[list[frozenset[str]], list[frozenset[str]]], i: int, j: int, di: int, dj: int) -> int:
    """Anchors of the bead's sentences that the other side of the bead lacks."""
    src = frozenset().union(*anchor_sets[0][i - di : i])
    tgt = frozenset().union(*anchor_sets[1][j - dj : j])
    return len(src ^ tgt)
