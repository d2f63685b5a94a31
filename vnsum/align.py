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
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

Bead = tuple[tuple[int, ...], tuple[int, ...]]

VARIANCE = 6.8
LENGTH_RATIO = 1.0
ANCHOR_WEIGHT = 2.0
PRIORS = {(1, 1): 0.89, (1, 2): 0.089 / 2, (2, 1): 0.089 / 2, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2}
SIMILARITY_WEIGHT = 20.0


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
) -> list[Bead]:
    """Beads ``(source indices, target indices)`` in order; every index of either side occurs
    exactly once (a skipped sentence is a bead with an empty other side). ``ratio`` is the
    expected target/source length ratio (``c``); ``anchors=False`` leaves out the anchor term."""
    anchor_sets = ([_anchors(x) for x in source_sentences], [_anchors(x) for x in target_sentences]) if anchors else None
    src = [len(s) for s in source_sentences]
    tgt = [len(t) for t in target_sentences]
    n, m = len(src), len(tgt)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            for (di, dj), prior in PRIORS.items():
                if di > i or dj > j or cost[i - di][j - dj] == inf:
                    continue
                ls, lt = sum(src[i - di : i]), sum(tgt[j - dj : j])
                c = cost[i - di][j - dj] - math.log(prior) + (length_cost(ls, lt, ratio) if di and dj else 0.0)
                if anchor_sets is not None:
                    c += ANCHOR_WEIGHT * _unmatched(anchor_sets, i, j, di, dj)
                if similarity is not None:
                    c += (
                        SIMILARITY_WEIGHT
                        * (di + dj)
                        / 2.0
                        * (1.0 - _similarity(similarity, source_sentences, target_sentences, i, j, di, dj))
                    )
                if c < cost[i][j]:
                    cost[i][j], back[i][j] = c, (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        di, dj = step
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]


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
    people, places and acronyms folded (a place by its gazetteer entry: Việt Nam = Vietnam)."""
    from vnsum.checks.names_norm import fold, has_vi_letters, names
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
